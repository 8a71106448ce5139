"""Turn a corpus (model objects) into RDF: one named graph per report plus the registry.

:func:`corpus_quads` streams ``(subject, predicate, object, graph)`` tuples, so a small
corpus goes into an rdflib :class:`~rdflib.Dataset` (:func:`to_dataset`) and a large one
straight into N-Quads or an Oxigraph store without building Python graphs. The mapping is
documented in ``docs/rdf-mapping.md``.

>>> from credgraph.model import Corpus, Registry, Report, Source, Mention, DateSpan
>>> reg = Registry([Source("tass", "TASS", "wire-agency", "D", "state agency")])
>>> rep = Report("r1", "article", "tass", "T", DateSpan(None, None, "unknown"),
...              (Mention("r1", "m1", "c1", "Said.", attributed_to="tass"),))
>>> ds = to_dataset(Corpus(reg, {"r1": rep}))
>>> len(list(ds.graphs())) - 1   # registry + one report (the default graph not counted)
2
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import Dataset, Literal, URIRef

from .model import Corpus, Mention, Report, Source
from .vocab import (CG, CITES_AS, DATE_CERTAINTY, DCTERMS, GRAPH, HEDGE, ID, PARTY, PROV,
                    QUALIFIER, RDF, RDFS, RELIABILITY, REPORT_KIND, SCHEMA, SKOS, SOURCE_KIND,
                    XSD, bind_prefixes)

__all__ = ["corpus_quads", "to_dataset", "source_iri", "report_iri", "mention_iri", "claim_iri",
           "statement_iri", "report_graph", "REGISTRY_GRAPH", "relay_cycles", "relay_loops"]

REGISTRY_GRAPH = GRAPH["registry"]
_PERSON_KINDS = {"named-person", "anonymous-person"}
_REPORT_CLASS = {"article": SCHEMA.NewsArticle, "interview": SCHEMA.NewsArticle,
                 "telegram-post": SCHEMA.SocialMediaPosting}
_TRUE, _FALSE = Literal(True), Literal(False)


_ID = str(ID)
"""Instance IRIs are made as ``URIRef(_ID + path)``: the namespace's ``[]`` costs twice as
much, and a large build makes several million of them. Those of sources, claims and
statements repeat from mention to mention, so each is made once (``lru_cache``), which
also lets the N-Quads writer find them in its memo by identity."""


@lru_cache(maxsize=65_536)
def source_iri(source_id: str) -> URIRef:
    """IRI of a source: ``cgid:source/<id>``."""
    return URIRef(_ID + "source/" + source_id)


def report_iri(report_id: str) -> URIRef:
    """IRI of a report: ``cgid:report/<id>``."""
    return URIRef(_ID + "report/" + report_id)


def mention_iri(key: str) -> URIRef:
    """IRI of a mention from its ``report#mention`` key: ``cgid:mention/<report>/<mention>``."""
    return URIRef(_ID + "mention/" + key.replace("#", "/"))


@lru_cache(maxsize=65_536)
def claim_iri(claim_id: str) -> URIRef:
    """IRI of a claim: ``cgid:claim/<id>``."""
    return URIRef(_ID + "claim/" + claim_id)


@lru_cache(maxsize=65_536)
def statement_iri(claim_id: str, source_id: str) -> URIRef:
    """IRI of a source's (implied) statement of a claim: ``cgid:statement/<claim>/<source>``."""
    return URIRef(f"{_ID}statement/{claim_id}/{source_id}")


def report_graph(report_id: str) -> URIRef:
    """The named graph holding one report's triples."""
    return GRAPH["report/" + report_id]


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in its canonical lexical form, so every format round-trips it.

    >>> decimal_literal(Decimal("18000"))
    rdflib.term.Literal('18000.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> str(decimal_literal(Decimal("33.30")))
    '33.3'
    """
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def source_triples(source: Source) -> Iterator[tuple]:
    """Triples describing one source of the registry."""
    s = source_iri(source.id)
    yield s, RDF.type, CG.Source
    yield s, RDF.type, PROV.Agent
    yield s, RDF.type, PROV.Person if source.kind in _PERSON_KINDS else PROV.Organization
    yield s, RDFS.label, Literal(source.name)
    yield s, SKOS.prefLabel, Literal(source.name)
    for alias in source.aliases:
        yield s, SKOS.altLabel, Literal(alias)
    yield s, CG.sourceKind, SOURCE_KIND[source.kind]
    if source.country:
        yield s, CG.country, Literal(source.country)
    if source.party:
        yield s, CG.partyTo, PARTY[source.party]
    yield s, CG.anonymous, _TRUE if source.anonymous else _FALSE
    yield s, CG.reliability, RELIABILITY[source.reliability]
    yield s, CG.reliabilityReason, Literal(source.reliability_reason)
    if source.speaks_for:
        yield s, PROV.actedOnBehalfOf, source_iri(source.speaks_for)
    if source.url:
        yield s, SCHEMA.url, URIRef(source.url)


def report_triples(report: Report) -> Iterator[tuple]:
    """Triples describing one report and every mention it makes."""
    r = report_iri(report.id)
    yield r, RDF.type, CG.Report
    yield r, RDF.type, PROV.Entity
    yield r, RDF.type, _REPORT_CLASS.get(report.kind, SCHEMA.CreativeWork)
    yield r, CG.reportKind, REPORT_KIND[report.kind]
    yield r, SCHEMA.publisher, source_iri(report.outlet)
    yield r, PROV.wasAttributedTo, source_iri(report.outlet)
    yield r, DCTERMS.title, Literal(report.title)
    if report.author:
        yield r, SCHEMA.author, Literal(report.author)
    span = report.date
    if span.certainty == "exact" and span.earliest:
        yield r, SCHEMA.datePublished, Literal(span.earliest)
    if span.earliest:
        yield r, CG.earliestDate, Literal(span.earliest)
    if span.latest:
        yield r, CG.latestDate, Literal(span.latest)
    yield r, CG.dateCertainty, DATE_CERTAINTY[span.certainty]
    if span.basis:
        yield r, CG.dateBasis, Literal(span.basis)
    if report.url:
        yield r, SCHEMA.url, URIRef(report.url)
    if report.seed:
        yield r, CG.seedFile, Literal(report.seed)
    if report.text:
        yield r, CG.textFile, Literal(report.text)
    if report.input_file:
        yield r, CG.inputFile, Literal(report.input_file)
    if report.ambiguity:
        yield r, CG.ambiguity, Literal(report.ambiguity)
    for mention in report.mentions:
        yield from mention_triples(mention)


_TYPE, _ENTITY, _DERIVED, _MENTION = RDF.type, PROV.Entity, PROV.wasDerivedFrom, CG.Mention
_STATEMENT, _STATES, _ATTRIBUTED = CG.Statement, CG.statesClaim, PROV.wasAttributedTo
_PART_OF, _CLAIM, _TEXT, _HEDGE_P = DCTERMS.isPartOf, SCHEMA.Claim, SCHEMA.text, CG.hedge
_FIGURE_P, _FIGURE, _QUANTITY, _MEASURE = CG.figure, CG.Figure, SCHEMA.QuantitativeValue, CG.measure
_VALUE, _MIN, _MAX, _QUALIFIER_P = SCHEMA.value, SCHEMA.minValue, SCHEMA.maxValue, CG.qualifier
_UNIT, _SUBJECT, _SIDE, _PLACE = SCHEMA.unitText, CG.subject, CG.subjectSide, SCHEMA.spatialCoverage
_START, _END, _COVERAGE = CG.periodStart, CG.periodEnd, SCHEMA.temporalCoverage
_ATTRIBUTED_TO, _PRIMARY, _QUOTED_FROM = CG.attributedTo, PROV.hadPrimarySource, PROV.wasQuotedFrom
_QUALIFIED, _DERIVATION, _P_ENTITY = PROV.qualifiedDerivation, PROV.Derivation, PROV.entity
_INTENT, _OWN_WORK, _AMBIGUITY = CG.citationIntent, CG.ownWork, CG.ambiguity
_MEMO: dict = {}
"""Literals and concept IRIs that repeat (dates, units, measures, closed-list members):
rdflib makes each in microseconds, so each distinct one is made once."""


def _memo(key, make):
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) > 100_000:
            _MEMO.clear()
        found = _MEMO[key] = make()
    return found


def _shared(value) -> Literal:
    """A literal for a value that many mentions share (memoised by type and value)."""
    return _memo((value.__class__, value), lambda: Literal(value))


def _concept(scheme, slug: str) -> URIRef:
    return _memo((scheme, slug), lambda: scheme[slug])


def mention_triples(mention: Mention) -> Iterator[tuple]:
    """Triples of one mention: its claim, figure, evidence and the chain it came by."""
    m = mention_iri(mention.key)
    claim = claim_iri(mention.claim)
    yield m, _TYPE, _MENTION
    yield m, _TYPE, _ENTITY
    yield m, _PART_OF, report_iri(mention.report_id)
    yield m, _STATES, claim
    yield claim, _TYPE, _CLAIM
    yield m, _TEXT, Literal(mention.statement)
    yield m, _HEDGE_P, _concept(HEDGE, mention.hedge)
    if mention.own_work:
        yield m, _OWN_WORK, _TRUE
    if mention.ambiguity:
        yield m, _AMBIGUITY, Literal(mention.ambiguity)
    if mention.attributed_to:
        yield m, _ATTRIBUTED_TO, source_iri(mention.attributed_to)
    upstream = None
    if mention.relays:
        upstream = mention_iri(mention.relays)
    elif mention.attributed_to:
        chain = (mention.attributed_to, *mention.via)
        origin = statement_iri(mention.claim, chain[0])
        yield m, _PRIMARY, origin
        previous = None
        for source_id in chain:
            st = statement_iri(mention.claim, source_id)
            yield st, _TYPE, _STATEMENT
            yield st, _TYPE, _ENTITY
            yield st, _STATES, claim
            yield st, _ATTRIBUTED, source_iri(source_id)
            if previous is not None:
                yield st, _DERIVED, previous
            previous = st
        upstream = previous
    if upstream is not None:
        yield m, _DERIVED, upstream
        if mention.quoted:
            yield m, _QUOTED_FROM, upstream
        d = URIRef(_ID + "derivation/" + mention.key.replace("#", "/"))
        yield m, _QUALIFIED, d
        yield d, _TYPE, _DERIVATION
        yield d, _P_ENTITY, upstream
        yield d, _INTENT, CITES_AS[mention.cites_as]
    if mention.figure is not None:
        yield from _figure_triples(mention, m)
    if mention.evidence is not None:
        ev, e = URIRef(_ID + "evidence/" + mention.key.replace("#", "/")), mention.evidence
        yield m, CG.evidence, ev
        yield ev, _TYPE, CG.Evidence
        if e.seed:
            yield ev, CG.seedFile, Literal(e.seed)
        if e.text:
            yield ev, CG.textFile, Literal(e.text)
        yield ev, CG.startOffset, Literal(e.start)
        yield ev, CG.endOffset, Literal(e.end)
        if e.term:
            yield ev, CG.evidenceTerm, Literal(e.term)


def _figure_triples(mention: Mention, m: URIRef) -> Iterator[tuple]:
    f, fig = URIRef(_ID + "figure/" + mention.key.replace("#", "/")), mention.figure
    yield m, _FIGURE_P, f
    yield f, _TYPE, _FIGURE
    yield f, _TYPE, _QUANTITY
    yield f, _MEASURE, _shared(fig.measure)
    if fig.value is not None:
        yield f, _VALUE, _memo(("decimal", fig.value), lambda: decimal_literal(fig.value))
    else:
        yield f, _MIN, _memo(("decimal", fig.min), lambda: decimal_literal(fig.min))
        yield f, _MAX, _memo(("decimal", fig.max), lambda: decimal_literal(fig.max))
    yield f, _QUALIFIER_P, _concept(QUALIFIER, fig.qualifier)
    if fig.unit:
        yield f, _UNIT, _shared(fig.unit)
    if fig.subject:
        yield f, _SUBJECT, _shared(fig.subject)
    if fig.subject_side:
        yield f, _SIDE, _concept(PARTY, fig.subject_side)
    if fig.place:
        yield f, _PLACE, _shared(fig.place)
    if fig.period.start:
        yield f, _START, _shared(fig.period.start)
    if fig.period.end:
        yield f, _END, _shared(fig.period.end)
    if fig.period.iso():
        yield f, _COVERAGE, _shared(fig.period.iso())


def corpus_quads(corpus: Corpus) -> Iterator[tuple]:
    """Every quad of the corpus: registry graph first, then each report's graph."""
    for source in corpus.registry:
        for s, p, o in source_triples(source):
            yield s, p, o, REGISTRY_GRAPH
    for report_id in sorted(corpus.reports):
        g = report_graph(report_id)
        for s, p, o in report_triples(corpus.reports[report_id]):
            yield s, p, o, g


def to_dataset(corpus: Corpus, dataset: Dataset | None = None) -> Dataset:
    """The corpus as an rdflib Dataset (one named graph per report), prefixes bound."""
    ds = dataset if dataset is not None else Dataset()
    bind_prefixes(ds)
    graphs = {}
    for s, p, o, g in corpus_quads(corpus):
        if g not in graphs:
            graphs[g] = ds.graph(g)
        graphs[g].add((s, p, o))
    return ds


def relay_cycles(corpus: Corpus) -> list[list[str]]:
    """Loops among ``relays`` (A repeats B repeats A), each as its mention keys.

    Loops are allowed in the data, since they are what circular reporting looks like, but
    the build reports them.
    """
    return relay_loops({m.key: m.relays for m in corpus.mentions()})


def relay_loops(relays: dict[str, str | None]) -> list[list[str]]:
    """Loops in a ``{mention key: key it relays, or None}`` mapping.

    >>> relay_loops({"a#1": "b#1", "b#1": "a#1", "c#1": "a#1", "d#1": None})
    [['a#1', 'b#1']]
    """
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    cycles = []
    for start in relays:
        walk, key = [], start
        while key in relays and key not in state:
            state[key] = 1
            walk.append(key)
            key = relays[key]
        if key in relays and state.get(key) == 1:
            cycles.append(walk[walk.index(key):])
        for k in walk:
            state[k] = 2
    return cycles
