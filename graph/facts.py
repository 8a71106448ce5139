"""What the audit reads of a store: a handful of SELECTs and their rows as records.

The source registry, the reports, the mentions with their figures, the statements'
speakers and the relay edges, converted as they stream in (:meth:`~credgraph.store.Store.iter_select`);
all of them, or (``claims_in_scope`` and the ``VALUES``-bound forms) only what some claims
are compared with and what their chains reach. :mod:`credgraph.trace` builds the citation trace
from these. The ``*_from_rows`` converters take the rows of each SELECT from anywhere:
:mod:`credgraph.scan` answers the same SELECTs over a file without a store and hands its rows
to the same converters, so both give the same records.

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

__all__ = ["MentionFacts", "ReportFacts", "AuditFacts", "fetch_facts", "PREFIX", "short",
           "mention_ref", "claims_in_scope", "registry_from_rows", "mentions_from_rows",
           "figures_from_rows", "successors_from_rows", "speakers_from_rows", "reports_from_rows",
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


def registry_from_rows(source_rows, alias_rows) -> Registry:
    """The registry from the rows of :data:`Q_SOURCES` and :data:`Q_ALIASES`, in id order
    (so it does not depend on the order a store returns them in)."""
    aliases: dict[str, list[str]] = {}
    for s, alias in alias_rows:
        aliases.setdefault(s, []).append(alias)
    sources = []
    for s, label, kind, rel, reason, party, anon, speaks, country in source_rows:
        sources.append(Source(
            id=short(s).removeprefix("source/"), name=label, kind=_slug(kind),
            reliability=_slug(rel), reliability_reason=reason or "",
            aliases=tuple(sorted(aliases.get(s, ()))), country=country, party=_slug(party),
            anonymous=bool(anon), url=None,
            speaks_for=short(speaks).removeprefix("source/") if speaks else None))
    return Registry(sorted(sources, key=lambda source: source.id))


def _mentions(store: Store, var: str | None = None, iris=()) -> dict[str, MentionFacts]:
    """Mentions with their figures: all of them, or those whose *var* (``claim`` or ``m``)
    is one of *iris* (short forms). Rows are converted as they stream from the store."""
    if var is None:
        return mentions_from_rows(store.iter_select(Q_MENTIONS),
                                  figures_from_rows(store.iter_select(Q_FIGURES)))
    rows = store.select(_scoped(Q_MENTIONS, var, iris))
    nodes = {short(row[0]) for row in rows}
    figures = figures_from_rows(store.select(_scoped(Q_FIGURES, "m", nodes)) if nodes else [])
    return mentions_from_rows(rows, figures)


def mentions_from_rows(rows, figures: dict[str, Figure]) -> dict[str, MentionFacts]:
    """Mentions by node from the rows of :data:`Q_MENTIONS`, each with its figure from
    *figures* (:func:`figures_from_rows`)."""
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


def figures_from_rows(rows) -> dict[str, Figure]:
    """Figures by mention IRI from the rows of :data:`Q_FIGURES`; concepts and periods made
    once and shared."""
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
class AuditFacts:
    """What the audit reads, from a store (:func:`fetch_facts`) or a file
    (:func:`credgraph.scan.scan_facts`): the records and the relay edges as successor lists."""

    registry: Registry
    mentions: dict[str, MentionFacts]
    succ: dict[str, tuple[str, ...]]
    """Each node's successors: where it came from (most nodes have one)."""
    statement_source: dict[str, str]
    reports: dict[str, ReportFacts]
    scope: set[str] | None = None
    """The claims (``claim/<id>``) asked for and compared with; None for all."""


def successors_from_rows(edge_rows, mentions) -> tuple[dict[str, tuple[str, ...]], dict]:
    """The relay edges (rows of :data:`Q_EDGES`) as successor lists (sorted, without
    repeats), and the one string kept for each node however many edges name it (to share
    with the records)."""
    one = {n: n for n in mentions}
    cut = len(_ID)
    succ: dict[str, tuple[str, ...]] = {}  # tuples: most nodes have one successor
    for a, b in edge_rows:
        a = a[cut:] if a.startswith(_ID) else a
        b = b[cut:] if b.startswith(_ID) else b
        a, b = one.setdefault(a, a), one.setdefault(b, b)
        if a in succ:
            if b not in succ[a]:
                succ[a] = tuple(sorted(succ[a] + (b,)))  # in one order whatever the source
        else:
            succ[a] = (b,)
    return succ, one


def speakers_from_rows(rows, one: dict) -> dict[str, str]:
    """Each statement's source, from the rows of :data:`Q_ATTRIBUTIONS`."""
    sources = _ids("source/")
    cut = len(_ID)
    statement_source = {}
    for st, src in rows:
        st = st[cut:] if st.startswith(_ID) else st
        statement_source[one.setdefault(st, st)] = sources[src]
    return statement_source


def reports_from_rows(rows) -> dict[str, ReportFacts]:
    """The reports by id, from the rows of :data:`Q_REPORTS`."""
    sources = _ids("source/")
    reports = {}
    for r, outlet, title, kind, earliest, latest, seed in rows:
        rid = short(r).removeprefix("report/")
        reports[rid] = ReportFacts(rid, sources[outlet], title or rid, _slug(kind),
                                   _day(earliest), _day(latest), seed)
    return reports


def fetch_facts(store: Store, claims=None) -> AuditFacts:
    """Everything the audit reads of *store*, or with *claims* (claim ids) only those
    claims, the claims they are compared with and what their chains reach."""
    registry = registry_from_rows(store.select(Q_SOURCES), store.select(Q_ALIASES))
    if claims is None:
        mentions = _mentions(store)
        succ, one = successors_from_rows(store.iter_select(Q_EDGES), mentions)
        return AuditFacts(registry, mentions, succ,
                          speakers_from_rows(store.iter_select(Q_ATTRIBUTIONS), one),
                          reports_from_rows(store.iter_select(Q_REPORTS)))
    scope = {"claim/" + c for c in claims_in_scope(store, claims)}
    mentions = _mentions(store, "claim", scope) if scope else {}
    edge_rows = store.select(_scoped(Q_REACH, "claim", scope)) if scope else []
    succ, one = successors_from_rows(edge_rows, mentions)
    reached = {n for targets in succ.values() for n in targets}
    extra = {n for n in reached if n.startswith("mention/") and n not in mentions}
    if extra:  # relays of mentions that state other claims
        mentions.update(_mentions(store, "m", extra))
    statements = {n for n in reached if n.startswith("statement/")}
    rows = store.select(_scoped(Q_ATTRIBUTIONS, "st", statements)) if statements else []
    report_ids = {"report/" + m.report for m in mentions.values()}
    report_rows = store.select(_scoped(Q_REPORTS, "r", report_ids)) if report_ids else []
    return AuditFacts(registry, mentions, succ, speakers_from_rows(rows, one),
                      reports_from_rows(report_rows), scope)
