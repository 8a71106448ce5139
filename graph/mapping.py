"""The record <-> RDF mapping, declared once: every kind of instance, its fields, predicates.

Each :class:`RecordKind` (source, report, mention, figure, statement, ...) says how its
instances are found in a corpus, their node (:mod:`credgraph.ids`), their ``rdf:type``\\ s,
and one :class:`Field` per property: the predicate (a vocab term), the :class:`Codec` that
writes a value as an RDF term and reads it back, whether it is required, whether it may
repeat, where the value comes from in the model, and whether the audit reads it back.

Everything that crosses between records and RDF is generated from :data:`KINDS`:

- the build's triples (:meth:`RecordKind.triples`, :mod:`credgraph.build`);
- the SELECTs a store answers (:meth:`RecordKind.select`, :mod:`credgraph.facts`);
- the predicate tables the scan of an RDF file keeps (:mod:`credgraph.scan`);
- the rows made straight from annotations, no RDF (:meth:`RecordKind.row`,
  :mod:`credgraph.corpus_facts`);
- the audit's records, as named tuples (:meth:`RecordKind.record_type`), from the rows of
  any of those three (:func:`credgraph.facts.assemble`).

>>> MENTION.field("hedge").predicate
rdflib.term.URIRef('https://w3id.org/credgraph/ns#hedge')
>>> MENTION.record_type()._fields[:4]
('node', 'report', 'claim', 'text')

The codecs, how each value is written as a term and read back, are in
:mod:`credgraph.codecs`.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any

from rdflib import URIRef

from .codecs import (BOOLEAN, CITATION_INTENT, DATE, DAY, DECIMAL, INSTANCE, INTEGER, NODE,
                     PRESENCE, TEXT, TRUE_UNLESS_FALSE, URL, Codec, concept)
from .ids import (ID_PREFIX, claim_node, derivation_node, evidence_node, figure_node,
                  mention_node, node_iri, report_node, source_node, statement_node)
from .measures import Measure
from .model import Figure, Source, TimeRef
from .report_view import MentionView, ReportView
from .vocab import (CG, CITO, MEASURE, QUANTITY_KIND, RATE_UNIT, DATE_CERTAINTY, DCTERMS, HEDGE, PARTY, PROV, QUALIFIER, RDF,
                    RDFS, RELIABILITY, REPORT_KIND, SCHEMA, SKOS, SOURCE_KIND)

__all__ = ["Field", "RecordKind", "KINDS", "SOURCE", "MEASURE_KIND", "REPORT", "CLAIM", "MENTION", "STATEMENT",
           "DERIVATION", "FIGURE", "EVIDENCE", "ReportView", "MentionView"]


@dataclass(frozen=True, slots=True)
class Field:
    """One property of a record kind."""

    name: str
    predicate: URIRef
    codec: Codec
    required: bool = False
    """The audit ignores an instance without it (the SHACL shapes demand it)."""
    many: bool = False
    """It may repeat; its record value is the sorted tuple of its distinct values."""
    get: str | Callable | None = None
    """Where the value comes from in the kind's build objects: a dotted attribute path
    (default: the field's name) or a function; None (or an empty tuple) writes nothing."""
    read: bool = True
    """Whether the audit's records hold it (some triples are for SPARQL users only)."""
    link: str | None = None
    """The kind whose record the value names (a figure node: the figure's record)."""
    edge: bool = False
    """An edge of the citation graph (``prov:wasDerivedFrom``): the trace's successors."""

    @property
    def getter(self) -> Callable:
        path = self.get if self.get is not None else self.name
        return attrgetter(path) if isinstance(path, str) else path


@dataclass(frozen=True)
class RecordKind:
    """A kind of instance: how it is found, named, typed, and its fields."""

    name: str
    rdf_class: URIRef
    node: Callable[[Any], str]
    fields: tuple[Field, ...]
    types: Callable[[Any], tuple] = field(default=lambda obj: ())
    """Its ``rdf:type``\\ s besides :attr:`rdf_class`."""
    objects: Callable[[ReportView], Iterable] | None = None
    """Its build objects in one report; None for the registry's sources."""
    base: str = ID_PREFIX
    """The namespace its nodes are in (credgraph's instances; measures their own)."""
    keyed_by_id: bool = False
    """Its records start with ``id`` (``hur``) rather than ``node`` (``source/hur``)."""
    make: Callable | None = None
    """Makes its record from its key and the read fields' values, in their order (default:
    :meth:`record_type`); the model's ``Source`` and ``Figure`` take them as they come."""
    read: bool = True
    """Whether the audit reads it at all."""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def column(self, name: str) -> int:
        """Where the read field *name* is in a row (``node`` is 0)."""
        return 1 + [f.name for f in self.read_fields].index(name)

    @property
    def read_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.read)

    def record_type(self) -> type:
        """The named tuple of its records: ``node`` (or ``id``), then each read field."""
        return _record_type(self.name, ("id" if self.keyed_by_id else "node",
                                        *(f.name for f in self.read_fields)))

    @cached_property
    def _plan(self) -> tuple:
        return tuple((f.predicate, f.getter, f.codec.encode, f.many) for f in self.fields)

    def triples(self, obj) -> Iterator[tuple]:
        """The triples of one build object."""
        node = self.node(obj)
        s = node_iri(node) if self.base == ID_PREFIX else URIRef(self.base + node)
        yield s, _TYPE, self.rdf_class
        for cls in self.types(obj):
            yield s, _TYPE, cls
        for predicate, get, encode, many in self._plan:
            value = get(obj)
            if value is None:
                continue
            if many:
                for v in value:
                    yield s, predicate, encode(v)
            else:
                yield s, predicate, encode(value)

    @cached_property
    def row(self) -> Callable[[Any], tuple]:
        """The row of one build object as the store and the scan give it: ``(node, value of
        each read field)``, values as the model holds them (the codecs read them as
        themselves). Written out for this kind's fields (attribute paths read inline,
        functions called): one call a build object, no loop over the fields."""
        scope: dict = {"node": self.node}
        items = ["node(obj)"]
        for i, f in enumerate(self.read_fields):
            path = f.get if f.get is not None else f.name
            if isinstance(path, str) and all(p.isidentifier() for p in path.split(".")):
                items.append(f"obj.{path}")
            else:
                scope[f"get{i}"] = f.getter
                items.append(f"get{i}(obj)")
        exec(f"def row(obj):\n    return ({', '.join(items)},)", scope)  # noqa: S102
        return scope["row"]

    def select(self, restrict: tuple[str, Iterable[str]] | None = None) -> str:
        """The SELECT of its single-valued read fields (``?node`` first), or, with
        ``restrict=(name, nodes)``, only where the field *name* (or ``node``) is one of
        *nodes*."""
        single = [f for f in self.read_fields if not f.many]
        head = " ".join(f"?{f.name}" for f in single)
        body = [f"?node a <{self.rdf_class}>"] + [
            f"?node <{f.predicate}> ?{f.name}" for f in single if f.required]
        optional = " ".join(f"OPTIONAL {{ ?node <{f.predicate}> ?{f.name} }}"
                            for f in single if not f.required)
        return f"SELECT ?node {head} WHERE {{ {_values(restrict)}{' . '.join(body)} . {optional} }}"

    def select_many(self, f: Field, restrict=None) -> str:
        """The SELECT of one repeating field: ``(node, value)`` rows."""
        return (f"SELECT ?node ?{f.name} WHERE {{ {_values(restrict)}?node a <{self.rdf_class}> "
                f"; <{f.predicate}> ?{f.name} }}")


@lru_cache(maxsize=None)
def _record_type(name: str, fields: tuple[str, ...]) -> type:
    return namedtuple(name.title().replace("-", "") + "Record", fields)


def _values(restrict) -> str:
    if restrict is None:
        return ""
    var, nodes = restrict
    return f"VALUES ?{var} {{ {' '.join(f'<{ID_PREFIX}{n}>' for n in sorted(nodes))} }} "


_TYPE = RDF.type
_PERSON_KINDS = {"named-person", "anonymous-person"}
_REPORT_CLASS = {"article": SCHEMA.NewsArticle, "interview": SCHEMA.NewsArticle,
                 "telegram-post": SCHEMA.SocialMediaPosting}


SOURCE = RecordKind(
    "source", CG.Source, lambda s: source_node(s.id),
    types=lambda s: (PROV.Agent, PROV.Person if s.kind in _PERSON_KINDS else PROV.Organization),
    keyed_by_id=True, make=Source, fields=(
        Field("name", RDFS.label, TEXT, required=True),
        Field("pref_label", SKOS.prefLabel, TEXT, get="name", read=False),
        Field("kind", CG.sourceKind, concept(SOURCE_KIND, "source-kind"), required=True),
        Field("reliability", CG.reliability, concept(RELIABILITY, "reliability"),
              required=True),
        Field("reliability_reason", CG.reliabilityReason, TEXT),
        Field("aliases", SKOS.altLabel, TEXT, many=True),
        Field("country", CG.country, TEXT),
        Field("party", CG.partyTo, concept(PARTY, "party")),
        Field("anonymous", CG.anonymous, BOOLEAN, get=lambda s: bool(s.anonymous)),
        Field("speaks_for", PROV.actedOnBehalfOf, INSTANCE["source"]),
        Field("url", SCHEMA.url, URL),
    ))

MEASURE_KIND = RecordKind(
    "measure", CG.Measure, lambda m: m.id, base=str(MEASURE), types=lambda m: (SKOS.Concept,),
    keyed_by_id=True, make=Measure, fields=(
        Field("label", SKOS.prefLabel, TEXT, required=True),
        Field("aliases", SKOS.altLabel, TEXT, many=True),
        Field("broader", SKOS.broader, concept(MEASURE, "measure"), many=True),
        Field("kind", CG.quantityKind, concept(QUANTITY_KIND, "quantity-kind"), required=True),
        Field("cumulative", CG.cumulative, BOOLEAN, get=lambda m: bool(m.cumulative)),
        Field("definition", SKOS.definition, TEXT),
        Field("scheme", SKOS.inScheme, URL, get=lambda m: MEASURE_SCHEME, read=False),
    ))
"""The measures: credgraph's and a corpus's, in the graph of every build."""
MEASURE_SCHEME = str(MEASURE).rstrip("/")

REPORT = RecordKind(
    "report", CG.Report, lambda v: report_node(v.report.id),
    types=lambda v: (PROV.Entity, _REPORT_CLASS.get(v.report.kind, SCHEMA.CreativeWork)),
    objects=lambda view: (view,), keyed_by_id=True, fields=(
        Field("kind", CG.reportKind, concept(REPORT_KIND, "report-kind"), required=True,
              get="report.kind"),
        Field("outlet", SCHEMA.publisher, INSTANCE["source"], required=True, get="report.outlet"),
        Field("attributed", PROV.wasAttributedTo, INSTANCE["source"], get="report.outlet",
              read=False),
        Field("title", DCTERMS.title, TEXT, get="report.title"),
        Field("author", SCHEMA.author, TEXT, get="report.author", read=False),
        Field("published", SCHEMA.datePublished, DATE, read=False,
              get=lambda v: v.report.date.earliest if v.report.date.certainty == "exact"
              else None),
        Field("earliest", CG.earliestDate, DATE, get="report.date.earliest"),
        Field("latest", CG.latestDate, DATE, get="report.date.latest"),
        Field("date_certainty", CG.dateCertainty, concept(DATE_CERTAINTY, "date-certainty"),
              get="report.date.certainty", read=False),
        Field("date_basis", CG.dateBasis, TEXT, get="report.date.basis", read=False),
        Field("url", SCHEMA.url, URL, get="report.url"),
        Field("seed", CG.seedFile, TEXT, get="report.seed"),
        Field("text", CG.textFile, TEXT, get="report.text", read=False),
        Field("input_file", CG.inputFile, TEXT, get="report.input_file", read=False),
        Field("copies", CG.copies, INSTANCE["report"], get="report.copies"),
        Field("ambiguity", CG.ambiguity, TEXT, get="report.ambiguity", read=False),
        Field("reviewed", CG.reviewed, TRUE_UNLESS_FALSE, get=lambda v: v.report.reviewed and None),
    ))

CLAIM = RecordKind("claim", SCHEMA.Claim, claim_node, read=False, fields=(),
                   objects=lambda view: dict.fromkeys(m.claim for m in view.report.mentions))

FIGURE = RecordKind(
    "figure", CG.Figure, lambda v: figure_node(v.mention.key),
    types=lambda v: (SCHEMA.QuantitativeValue,),
    objects=lambda view: (v for v in view.mentions if v.mention.figure is not None),
    make=lambda node, *v: Figure(*v[:9], _time(*v[9:14])),
    fields=(
        Field("measure", CG.measure, concept(MEASURE, "measure"), required=True,
              get="mention.figure.measure"),
        Field("value", SCHEMA.value, DECIMAL, get="mention.figure.value"),
        Field("min", SCHEMA.minValue, DECIMAL, get="mention.figure.min"),
        Field("max", SCHEMA.maxValue, DECIMAL, get="mention.figure.max"),
        Field("qualifier", CG.qualifier, concept(QUALIFIER, "qualifier"), required=True,
              get="mention.figure.qualifier"),
        Field("unit", SCHEMA.unitText, TEXT, get="mention.figure.unit"),
        Field("subject", CG.subject, TEXT, get="mention.figure.subject"),
        Field("subject_side", CG.subjectSide, concept(PARTY, "party"),
              get="mention.figure.subject_side"),
        Field("place", SCHEMA.spatialCoverage, TEXT, get="mention.figure.place"),
        Field("as_of", CG.asOf, DAY, get=lambda v: _when(v, "as-of", "end")),
        Field("since", CG.since, DAY, get=lambda v: _when(v, "as-of", "start")),
        Field("start", CG.periodStart, DAY, get=lambda v: _when(v, "period", "start")),
        Field("end", CG.periodEnd, DAY, get=lambda v: _when(v, "period", "end")),
        Field("per", CG.ratePer, concept(RATE_UNIT, "rate-unit"), get="mention.figure.time.per"),
        Field("coverage", SCHEMA.temporalCoverage, TEXT, read=False,
              get=lambda v: v.mention.figure.time.iso()),
    ))


def _when(view: MentionView, kind: str, end: str):
    time = view.mention.figure.time
    return getattr(time, end) if time.kind == kind else None


@lru_cache(maxsize=4096)
def _time(as_of, since, start, end, per) -> TimeRef:
    """Time references repeat from figure to figure: each distinct one is made once."""
    if as_of is not None:
        return TimeRef("as-of", since, as_of, per)
    if start is not None or end is not None:
        return TimeRef("period", start, end, per)
    return TimeRef("none", per=per)


MENTION = RecordKind(
    "mention", CG.Mention, lambda v: mention_node(v.mention.key), types=lambda v: (PROV.Entity,),
    objects=lambda view: view.mentions, fields=(
        Field("report", DCTERMS.isPartOf, INSTANCE["report"], required=True,
              get="mention.report_id"),
        Field("claim", CG.statesClaim, INSTANCE["claim"], required=True, get="mention.claim"),
        Field("text", SCHEMA.text, TEXT, get="mention.statement"),
        Field("hedge", CG.hedge, concept(HEDGE, "hedge"), required=True, get="mention.hedge"),
        Field("attributed_to", CG.attributedTo, INSTANCE["source"], get="mention.attributed_to"),
        Field("own_work", CG.ownWork, BOOLEAN, get=lambda v: v.mention.own_work or None),
        Field("quoted", PROV.wasQuotedFrom, PRESENCE,
              get=lambda v: v.upstream if v.mention.quoted else None),
        Field("figure", CG.figure, NODE, link="figure",
              get=lambda v: figure_node(v.mention.key) if v.mention.figure else None),
        Field("derived_from", PROV.wasDerivedFrom, NODE, many=True, edge=True,
              get=lambda v: (v.upstream,) if v.upstream else ()),
        Field("primary", PROV.hadPrimarySource, NODE, get="primary", read=False),
        Field("derivation", PROV.qualifiedDerivation, NODE, read=False,
              get=lambda v: derivation_node(v.mention.key) if v.upstream else None),
        Field("evidence", CG.evidence, NODE, read=False,
              get=lambda v: evidence_node(v.mention.key) if v.mention.evidence else None),
        Field("computed_from", CG.computedFrom, INSTANCE["claim"], many=True,
              get="mention.computed_from"),
        Field("disputes", CITO.disputes, INSTANCE["claim"], get="mention.disputes"),
        Field("part_of", CG.partOf, INSTANCE["claim"], get="mention.part_of"),
        Field("corrects", PROV.wasRevisionOf, NODE, get=lambda v: v.mention.corrects and
              mention_node(v.mention.corrects)),
        Field("ambiguity", CG.ambiguity, TEXT, get="mention.ambiguity", read=False),
    ))

STATEMENT = RecordKind(
    "statement", CG.Statement, lambda st: statement_node(st.claim, st.source),
    types=lambda st: (PROV.Entity,),
    objects=lambda view: (st for v in view.mentions for st in v.statements), fields=(
        Field("claim", CG.statesClaim, INSTANCE["claim"], read=False),
        Field("source", PROV.wasAttributedTo, INSTANCE["source"], required=True),
        Field("derived_from", PROV.wasDerivedFrom, NODE, many=True, edge=True,
              get="previous"),
    ))

DERIVATION = RecordKind(
    "derivation", PROV.Derivation, lambda v: derivation_node(v.mention.key), read=False,
    objects=lambda view: (v for v in view.mentions if v.upstream), fields=(
        Field("entity", PROV.entity, NODE, get="upstream"),
        Field("intent", CG.citationIntent, CITATION_INTENT, get="mention.cites_as"),
    ))

EVIDENCE = RecordKind(
    "evidence", CG.Evidence, lambda v: evidence_node(v.mention.key), read=False,
    objects=lambda view: (v for v in view.mentions if v.mention.evidence is not None), fields=(
        Field("seed", CG.seedFile, TEXT, get="mention.evidence.seed"),
        Field("text", CG.textFile, TEXT, get="mention.evidence.text"),
        Field("start", CG.startOffset, INTEGER, get="mention.evidence.start"),
        Field("end", CG.endOffset, INTEGER, get="mention.evidence.end"),
        Field("term", CG.evidenceTerm, TEXT, get="mention.evidence.term"),
    ))

KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (
    SOURCE, MEASURE_KIND, REPORT, CLAIM, MENTION, STATEMENT, DERIVATION, FIGURE, EVIDENCE)}
"""Every kind, in the order the build writes them (the registry's sources first)."""
