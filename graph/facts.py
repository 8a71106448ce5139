"""What the audit reads of a store: a handful of SELECTs and their rows as records.

The source registry, the reports, the mentions with their figures, the statements'
speakers and the relay edges, converted as they stream in (:meth:`~graph.store.Store.iter_select`);
all of them, or (``claims_in_scope`` and the ``VALUES``-bound forms) only what some claims
are compared with and what their chains reach. :mod:`graph.trace` builds the citation trace
from these.

>>> short("https://w3id.org/credgraph/id/source/hur")
'source/hur'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .model import Figure, Period, Registry, Source
from .store import Store
from .vocab import ID

__all__ = ["MentionFacts", "ReportFacts", "StoreFacts", "fetch_facts", "PREFIX", "short",
           "mention_ref", "claims_in_scope",
           "Q_EDGES", "Q_ATTRIBUTIONS", "Q_SOURCES", "Q_ALIASES", "Q_REPORTS", "Q_MENTIONS",
           "Q_FIGURES", "Q_REACH"]

PREFIX = """PREFIX cg: <https://w3id.org/credgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

Q_EDGES = PREFIX + "SELECT DISTINCT ?a ?b WHERE { ?a prov:wasDerivedFrom ?b }"
Q_ATTRIBUTIONS = PREFIX + "SELECT DISTINCT ?st ?src WHERE { ?st a cg:Statement ; prov:wasAttributedTo ?src }"
Q_SOURCES = PREFIX + """SELECT ?s ?label ?kind ?rel ?reason ?party ?anon ?speaks ?country WHERE {
  ?s a cg:Source ; rdfs:label ?label ; cg:sourceKind ?kind ; cg:reliability ?rel .
  OPTIONAL { ?s cg:reliabilityReason ?reason } OPTIONAL { ?s cg:partyTo ?party }
  OPTIONAL { ?s cg:anonymous ?anon } OPTIONAL { ?s prov:actedOnBehalfOf ?speaks }
  OPTIONAL { ?s cg:country ?country } }"""
Q_ALIASES = PREFIX + "SELECT ?s ?alias WHERE { ?s a cg:Source ; skos:altLabel ?alias }"
Q_REPORTS = PREFIX + """SELECT ?r ?outlet ?title ?kind ?earliest ?latest ?seed WHERE {
  ?r a cg:Report ; schema:publisher ?outlet ; cg:reportKind ?kind .
  OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r cg:earliestDate ?earliest }
  OPTIONAL { ?r cg:latestDate ?latest } OPTIONAL { ?r cg:seedFile ?seed } }"""
Q_MENTIONS = PREFIX + """SELECT ?m ?report ?claim ?text ?hedge ?attr ?own ?quoted WHERE {
  ?m a cg:Mention ; dcterms:isPartOf ?report ; cg:statesClaim ?claim ; cg:hedge ?hedge .
  OPTIONAL { ?m schema:text ?text } OPTIONAL { ?m cg:attributedTo ?attr }
  OPTIONAL { ?m cg:ownWork ?own } OPTIONAL { ?m prov:wasQuotedFrom ?quoted } }"""
Q_FIGURES = PREFIX + """SELECT ?m ?measure ?value ?min ?max ?qual ?unit ?subject ?side ?place
  ?start ?end WHERE {
  ?m cg:figure ?f . ?f cg:measure ?measure ; cg:qualifier ?qual .
  OPTIONAL { ?f schema:value ?value } OPTIONAL { ?f schema:minValue ?min }
  OPTIONAL { ?f schema:maxValue ?max } OPTIONAL { ?f schema:unitText ?unit }
  OPTIONAL { ?f cg:subject ?subject } OPTIONAL { ?f cg:subjectSide ?side }
  OPTIONAL { ?f schema:spatialCoverage ?place } OPTIONAL { ?f cg:periodStart ?start }
  OPTIONAL { ?f cg:periodEnd ?end } }"""
"""Figures apart from mentions: nested OPTIONALs make Oxigraph read every figure, even for
a handful of mentions, so the two are fetched separately and joined here."""

_ID = str(ID)


def short(iri: str) -> str:
    """An instance IRI without the credgraph id prefix.

    >>> short("https://w3id.org/credgraph/id/source/hur")
    'source/hur'
    """
    return iri[len(_ID):] if iri.startswith(_ID) else iri


class _Ids(dict):
    """Each IRI's short form, made once and shared by every row that repeats it.

    >>> ids = _Ids(lambda iri: short(iri).removeprefix("source/"))
    >>> ids["https://w3id.org/credgraph/id/source/hur"], ids[None]
    ('hur', None)
    """

    __slots__ = ("make",)

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, iri):
        value = self[iri] = None if iri is None else self.make(iri)
        return value


def _ids(kind: str) -> _Ids:
    """Short ids of instances of one *kind* (``report/``, ``source/``, ``claim/``)."""
    return _Ids(lambda iri: short(iri).removeprefix(kind))


def mention_ref(node: str) -> str:
    """A mention node written as annotators refer to it.

    >>> mention_ref("mention/newsweek-2024/m5")
    'newsweek-2024#m5'
    """
    return node.removeprefix("mention/").replace("/", "#")


def _slug(iri: str | None) -> str | None:
    """The last path segment of a concept IRI (``.../hedge/none`` -> ``none``)."""
    return iri.rsplit("/", 1)[-1] if iri else None


def _decimal(value) -> Decimal | None:
    if value is None or value.__class__ is Decimal:
        return value
    return Decimal(str(value))


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the audit needs of a report."""

    id: str
    outlet: str
    title: str
    kind: str
    earliest: date | None = None
    latest: date | None = None
    seed: str | None = None


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """What the audit needs of a mention; ``node`` is its key in the citation graph."""

    node: str
    report: str
    claim: str
    text: str
    hedge: str
    attributed_to: str | None
    own_work: bool
    quoted: bool
    figure: Figure | None


def _sources(store: Store) -> Registry:
    aliases: dict[str, list[str]] = {}
    for s, alias in store.select(Q_ALIASES):
        aliases.setdefault(s, []).append(alias)
    sources = []
    for s, label, kind, rel, reason, party, anon, speaks, country in store.select(Q_SOURCES):
        sources.append(Source(
            id=short(s).removeprefix("source/"), name=label, kind=_slug(kind),
            reliability=_slug(rel), reliability_reason=reason or "",
            aliases=tuple(sorted(aliases.get(s, ()))), country=country, party=_slug(party),
            anonymous=bool(anon), url=None,
            speaks_for=short(speaks).removeprefix("source/") if speaks else None))
    return Registry(sources)


def _mentions(store: Store, var: str | None = None, iris=()) -> dict[str, MentionFacts]:
    """Mentions with their figures: all of them, or those whose *var* (``claim`` or ``m``)
    is one of *iris* (short forms). Rows are converted as they stream from the store."""
    if var is None:
        figures = _figures(store.iter_select(Q_FIGURES))
        rows = store.iter_select(Q_MENTIONS)
    else:
        rows = store.select(_scoped(Q_MENTIONS, var, iris))
        nodes = {short(row[0]) for row in rows}
        figures = _figures(store.select(_scoped(Q_FIGURES, "m", nodes)) if nodes else [])
    reports, claims, sources, slugs = _ids("report/"), _ids("claim/"), _ids("source/"), \
        _Ids(_slug)
    cut = len(_ID)
    mentions = {}
    for m, report, claim, text, hedge, attr, own, quoted in rows:
        node = m[cut:] if m.startswith(_ID) else m
        mentions[node] = MentionFacts(node, reports[report], claims[claim], text or "",
                                      slugs[hedge], sources[attr], bool(own),
                                      quoted is not None, figures.get(m))
    return mentions


def _figures(rows) -> dict[str, Figure]:
    """Figures by mention IRI; concepts and periods made once and shared."""
    slugs, periods = _Ids(_slug), {}
    figures = {}
    for m, measure, value, low, high, qual, unit, subject, side, place, start, end in rows:
        period = periods.get((start, end))
        if period is None:
            period = periods[start, end] = Period(_day(start), _day(end))
        figures[m] = Figure(measure, _decimal(value), _decimal(low), _decimal(high),
                            slugs[qual], unit, subject, slugs[side], place, period)
    return figures


def _values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{_ID}{i}>' for i in sorted(iris))} }}"


def _scoped(query: str, var: str, iris) -> str:
    """*query* with its pattern limited to the given instance IRIs (short form) for *var*."""
    return query.replace("WHERE {", "WHERE { " + _values(var, iris), 1)


Q_REACH = PREFIX + """SELECT DISTINCT ?a ?b WHERE {
  ?m cg:statesClaim ?claim ; prov:wasDerivedFrom* ?a . ?a prov:wasDerivedFrom ?b }"""
Q_SAME_WORDS = PREFIX + """SELECT DISTINCT ?claim ?text WHERE { ?f cg:%s ?text .
  FILTER(%s) %s ?m cg:figure ?f ; cg:statesClaim ?claim }"""


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _same_words(store: Store, prop: str, phrases: set[str], bare: bool) -> set[str]:
    """Claims with a figure whose *prop* reads as one of *phrases* once case and spacing
    are normalised (``bare``: only figures without a subject).

    One scan in the store keeps the values that contain every word of some phrase (no
    regex); the exact comparison is made here.
    """
    quote = lambda w: '"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    test = " || ".join("(" + " && ".join(f"CONTAINS(LCASE(STR(?text)), {quote(w)})"
                                         for w in phrase.split()) + ")" for phrase in phrases)
    query = Q_SAME_WORDS % (prop, test, "FILTER NOT EXISTS { ?f cg:subject ?s }" if bare else "")
    return {short(c) for c, text in store.select(query) if _norm(text) in phrases}


def claims_in_scope(store: Store, claims) -> set[str]:
    """The claims plus every claim with a figure of the same subject (or, without a subject,
    measure): what an audit of *claims* compares them with, and whose findings a change to
    them can alter."""
    wanted = {"claim/" + c for c in claims}
    subjects, measures = set(), set()
    for m in _mentions(store, "claim", wanted).values():
        if m.figure is not None:
            measure, subject = m.figure.comparable_key()[:2]
            (subjects if subject else measures).add(subject or measure)
    if subjects:
        wanted |= _same_words(store, "subject", subjects, bare=False)
    if measures:
        wanted |= _same_words(store, "measure", measures, bare=True)
    return {c.removeprefix("claim/") for c in wanted}


@dataclass(slots=True)
class StoreFacts:
    """What :func:`fetch_facts` read: the records and the relay edges as successor lists."""

    registry: Registry
    mentions: dict[str, MentionFacts]
    succ: dict[str, tuple[str, ...]]
    """Each node's successors: where it came from (most nodes have one)."""
    statement_source: dict[str, str]
    reports: dict[str, ReportFacts]
    scope: set[str] | None
    """The claims (``claim/<id>``) asked for and compared with; None for all."""


def fetch_facts(store: Store, claims=None) -> StoreFacts:
    """Everything the audit reads of *store*, or with *claims* (claim ids) only those
    claims, the claims they are compared with and what their chains reach."""
    scope = None
    registry = _sources(store)
    if claims is None:
        mentions = _mentions(store)
        edge_rows = store.iter_select(Q_EDGES)
    else:
        scope = {"claim/" + c for c in claims_in_scope(store, claims)}
        mentions = _mentions(store, "claim", scope) if scope else {}
        edge_rows = store.select(_scoped(Q_REACH, "claim", scope)) if scope else []
    one = {n: n for n in mentions}  # one string per node, however many edges name it
    cut = len(_ID)
    succ: dict[str, tuple[str, ...]] = {}  # tuples: most nodes have one successor
    for a, b in edge_rows:
        a = a[cut:] if a.startswith(_ID) else a
        b = b[cut:] if b.startswith(_ID) else b
        a, b = one.setdefault(a, a), one.setdefault(b, b)
        if a in succ:
            succ[a] += (b,)
        else:
            succ[a] = (b,)
    if claims is None:
        rows, report_rows = store.iter_select(Q_ATTRIBUTIONS), store.iter_select(Q_REPORTS)
    else:
        reached = {n for targets in succ.values() for n in targets}
        extra = {n for n in reached if n.startswith("mention/") and n not in mentions}
        if extra:  # relays of mentions that state other claims
            mentions.update(_mentions(store, "m", extra))
        statements = {n for n in reached if n.startswith("statement/")}
        rows = store.select(_scoped(Q_ATTRIBUTIONS, "st", statements)) if statements else []
        report_ids = {"report/" + m.report for m in mentions.values()}
        report_rows = store.select(_scoped(Q_REPORTS, "r", report_ids)) if report_ids else []
    sources = _ids("source/")
    statement_source = {}
    for st, src in rows:
        st = st[cut:] if st.startswith(_ID) else st
        statement_source[one.setdefault(st, st)] = sources[src]
    del one
    reports = {}
    for r, outlet, title, kind, earliest, latest, seed in report_rows:
        rid = short(r).removeprefix("report/")
        reports[rid] = ReportFacts(rid, sources[outlet], title or rid, _slug(kind),
                                   _day(earliest), _day(latest), seed)
    return StoreFacts(registry, mentions, succ, statement_source, reports, scope)
