"""What the audit reads: its records, assembled the same way from a store, a file or a folder.

The audit needs a few kinds of instances (:data:`credgraph.mapping.KINDS` marked ``read``):
the sources, the reports, the mentions with their figures, the statements and the relay
edges. Each of three readers gives the same rows for them, ``(node, value of each read
field)`` in :mod:`credgraph.mapping`'s order:

- a store, answering the SELECTs the mapping writes (:func:`fetch_facts`, here);
- the scan of an RDF file (:func:`credgraph.scan.scan_facts`);
- the annotations themselves, no RDF at all (:func:`credgraph.corpus_facts.corpus_facts`).

:func:`assemble` turns rows of any of them into :class:`AuditFacts`: values read by each
field's codec, records made as named tuples (or the model's ``Source`` and ``Figure``),
links resolved (a mention's figure), repeats of an instance merged, and the citation
graph's successor lists taken from the edge fields.

>>> from credgraph.inputs import open_input
>>> facts = fetch_facts(open_input(None).store())
>>> facts.registry["hur"].name, facts.reports["newsweek-2024-03-hur-desertions"].outlet
('Defence Intelligence of Ukraine (HUR)', 'newsweek')
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from .ids import ID_PREFIX, claim_node, node_kind, short
from .mapping import FIGURE, KINDS, MENTION, REPORT, STATEMENT, RecordKind
from .measures import Measures
from .model import Registry
from .store import Store
from .vocab import MEASURE

__all__ = ["AuditFacts", "assemble", "Assembly", "fetch_facts", "store_rows", "claims_in_scope",
           "read_kinds"]


@dataclass(slots=True)
class AuditFacts:
    """What the audit reads: the registry, the records of each kind by node (reports by
    id), and the relay edges as successor lists."""

    registry: Registry
    mentions: dict
    """Mention records by node (``mention/<report>/<id>``), each with its figure."""
    succ: dict[str, tuple[str, ...]]
    """Each node's successors: where it came from (most nodes have one)."""
    statement_source: dict[str, str]
    reports: dict
    """Report records by report id."""
    scope: set[str] | None = None
    """The claims (``claim/<id>``) asked for and compared with; None for all."""
    records: dict[str, dict] = field(default_factory=dict)
    """Every read kind's records by node (or id), by kind name."""
    measures: Measures = field(default_factory=lambda: Measures(()))
    """The measure scheme the figures name (read from the input, like the registry)."""


def read_kinds(kinds: dict[str, RecordKind] | None = None) -> list[RecordKind]:
    """The kinds the audit reads, each after the kinds its links name."""
    kinds = KINDS if kinds is None else kinds
    chosen = [k for k in kinds.values() if k.read]
    linked = {f.link for k in chosen for f in k.read_fields if f.link}
    return sorted(chosen, key=lambda k: k.name not in linked)


def assemble(rows: Callable[[RecordKind], Iterable[tuple]],
             kinds: dict[str, RecordKind] | None = None,
             scope: set[str] | None = None) -> AuditFacts:
    """The audit's facts from ``rows(kind)``: ``(node, value of each read field)`` tuples,
    values as a store, the scan or the model gives them (each codec reads all three).

    An instance without a required value is left out; one given twice (a statement two
    reports share) keeps its first single values and the union of its repeated ones."""
    assembly = Assembly(kinds)
    assembly.add(rows)
    return assembly.facts(scope)


class Assembly:
    """:func:`assemble` a part at a time: rows added as they come (a folder's chunks of
    reports as the workers finish them), each part's kinds in :func:`read_kinds` order, so
    a part's links name records of that part or an earlier one; the result is the same as
    one :func:`assemble` of all the rows."""

    def __init__(self, kinds: dict[str, RecordKind] | None = None):
        self.records: dict[str, dict] = {}
        self.succ: dict[str, tuple[str, ...]] = {}
        self._plans = [(kind, self.records.setdefault(kind.name, {}), self._plan(kind))
                       for kind in read_kinds(kinds)]

    def _plan(self, kind: RecordKind) -> tuple:
        fields = kind.read_fields
        convert = [_converter(f, self.records.setdefault(f.link, {}) if f.link else None)
                   for f in fields]
        required = [i for i, f in enumerate(fields, 1) if f.required]
        missing = itemgetter(*required) if len(required) > 1 else (
            (lambda row, i=required[0]: (row[i],)) if required else (lambda row: ()))
        many_at = {i for i, f in enumerate(fields) if f.many}
        edges = [i for i, f in enumerate(fields) if f.edge]
        return (missing, many_at, edges, _row_converter(convert),
                kind.make or kind.record_type(), kind.keyed_by_id)

    def add(self, rows: Callable[[RecordKind], Iterable[tuple]]) -> None:
        """Add ``rows(kind)`` of every read kind."""
        succ, intern = self.succ, sys.intern
        for kind, found, (missing, many_at, edges, convert, make, by_id) in self._plans:
            for row in rows(kind):
                if None in missing(row):
                    continue
                values = convert(row)
                node = intern(short(row[0]))
                key = node.rpartition("/")[2] if by_id else node
                if key in found:
                    if not many_at:
                        continue  # a repeat: the first values stay
                    first = found[key][1:]
                    values = [tuple(sorted({*first[i], *values[i]})) if i in many_at
                              else first[i] for i in range(len(values))]
                found[key] = make(key, *values)
                for i in edges:
                    if values[i]:
                        succ[node] = values[i]

    def facts(self, scope: set[str] | None = None) -> AuditFacts:
        """The facts of every row added."""
        records = {kind.name: found for kind, found, _ in self._plans}
        statements = records.get("statement", {})
        return AuditFacts(
            Registry(sorted(records.get("source", {}).values(), key=lambda s: s.id)),
            records.get("mention", {}), self.succ,
            {node: st.source for node, st in statements.items()},
            records.get("report", {}), scope, records,
            Measures(sorted(records.get("measure", {}).values(), key=lambda m: m.id)))


def _row_converter(convert: list) -> Callable[[tuple], list]:
    """One function from a row to its record values, each through its field's converter
    (None: as it is): written out for the kind's fields, so a row costs one call rather
    than a loop over its fields (the folder path assembles some 400,000 rows at 1e5
    mentions)."""
    if not any(convert):
        return lambda row: list(row[1:])
    args = ", ".join(f"c{i}=convert[{i}]" for i, c in enumerate(convert) if c)
    items = ", ".join(f"c{i}(row[{i + 1}])" if c else f"row[{i + 1}]"
                      for i, c in enumerate(convert))
    scope = {"convert": convert}
    exec(f"def row_values(row, {args}):\n    return [{items}]", scope)  # noqa: S102
    return scope["row_values"]


def _converter(f, linked: dict | None):
    """How one field's plain value becomes its record value (None: as it is)."""
    decode = f.codec.decode
    if decode is None and (f.many or linked is not None):
        decode = str
    if f.many:
        def many(raw):
            if not raw:
                return ()
            if len(raw) == 1:  # most: one alias, one upstream
                return (decode(raw[0]),)
            return tuple(sorted({decode(v) for v in raw}))
        return many
    if linked is not None:
        return lambda raw: linked.get(decode(raw))
    return None if decode is None else _Memo(decode).__getitem__


class _Memo(dict):
    """Each distinct plain value read once: sources, claims, concepts, dates and numbers
    repeat from row to row, and a hit is one dictionary lookup, no Python call."""

    __slots__ = ("decode",)

    def __init__(self, decode):
        super().__init__()
        self.decode = decode

    def __missing__(self, raw):
        value = self[raw] = self.decode(raw)
        return value


def store_rows(store: Store, kind: RecordKind, restrict=None) -> Iterable[tuple]:
    """The rows of *kind* from *store*: its SELECT, with each repeating field's values from
    a SELECT of their own joined in; with *restrict* ``(field, nodes)`` only those."""
    fields = kind.read_fields
    repeated = {f.name: {} for f in fields if f.many}
    for f in fields:
        if f.many:
            table = repeated[f.name]
            for node, value in store.iter_select(kind.select_many(f, restrict)):
                table.setdefault(node, []).append(value)
    if not repeated:
        return store.iter_select(kind.select(restrict))
    return _joined(store.iter_select(kind.select(restrict)), fields, repeated)


def _joined(rows, fields, repeated):
    for row in rows:
        single = iter(row[1:])
        yield (row[0], *(repeated[f.name].get(row[0]) if f.many else next(single)
                         for f in fields))


def _p(kind: RecordKind, name: str) -> str:
    return f"<{kind.field(name).predicate}>"


def _reach_query(claims: set[str]) -> str:
    """Every relay edge out of what the mentions and statements of *claims* reach."""
    derived = _p(MENTION, "derived_from")
    values = " ".join(f"<{ID_PREFIX}{c}>" for c in sorted(claims))
    return (f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?claim {{ {values} }} "
            f"?m {_p(MENTION, 'claim')} ?claim ; {derived}* ?a . ?a {derived} ?b }}")


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
    none = f"FILTER NOT EXISTS {{ ?f {_p(FIGURE, 'subject')} ?s }}" if bare else ""
    query = (f"SELECT DISTINCT ?claim ?text WHERE {{ ?f {_p(FIGURE, prop)} ?text . "
             f"FILTER({test}) {none} ?m {_p(MENTION, 'figure')} ?f ; "
             f"{_p(MENTION, 'claim')} ?claim }}")
    return {short(c) for c, text in store.select(query) if _norm(text) in phrases}


def _mentions_and_figures(store: Store, restrict: tuple[str, set]) -> dict[str, list]:
    """The rows of the mentions *restrict* names, and of their figures."""
    mentions = list(store_rows(store, MENTION, restrict))
    at = MENTION.column("figure")
    figures = {short(row[at]) for row in mentions if row[at]}
    return {"mention": mentions,
            "figure": list(store_rows(store, FIGURE, ("node", figures))) if figures else []}


def _claims_where(store: Store, values: tuple[str, set[str]], pattern: str) -> set[str]:
    """The claims of the mentions *pattern* finds (it binds ``?mention``), with the
    variable *values* names bound to those IRIs."""
    var, iris = values
    bound = " ".join(f"<{iri}>" for iri in sorted(iris))
    query = (f"SELECT DISTINCT ?claim WHERE {{ VALUES ?{var} {{ {bound} }} {pattern} "
             f"?mention {_p(MENTION, 'claim')} ?claim }}")
    return {short(row[0]) for row in store.select(query)}


def _relayed_by(store: Store, outlets: set[str], family_measures: set[str]) -> set[str]:
    """The claims of a measure family that *outlets* pass on from some origin: stated in
    their reports, or by them in a chain (what source dependence is judged on)."""
    sources = " ".join(f"<{ID_PREFIX}source/{o}>" for o in sorted(outlets))
    measures = " ".join(f"<{MEASURE[m]}>" for m in sorted(family_measures))
    publisher, part = _p(REPORT, "outlet"), _p(MENTION, "report")
    said_by, states = _p(STATEMENT, "source"), _p(MENTION, "claim")
    query = (f"SELECT DISTINCT ?claim WHERE {{ VALUES ?source {{ {sources} }} "
             f"VALUES ?measure {{ {measures} }} "
             f"?any {_p(MENTION, 'figure')} ?f ; {states} ?claim . "
             f"?f {_p(FIGURE, 'measure')} ?measure . "
             f"{{ ?mention {states} ?claim ; {part} ?r . ?r {publisher} ?source }} UNION "
             f"{{ ?st {said_by} ?source ; {states} ?claim }} }}")
    return {short(row[0]) for row in store.select(query)}


def claims_in_scope(store: Store, claims: Iterable[str]) -> set[str]:
    """The claims plus every claim an audit of them compares them with, and whose findings a
    change to them can alter: figures of the same subject (or, without a subject, of the
    same measure family), and claims related to them (``derived_from``, ``disputes``,
    ``part_of``, a mention's ``corrects``, either way), until no new claim comes in."""
    from .comparison import family

    measures = assemble(lambda kind: store_rows(store, kind) if kind.name == "measure"
                        else ()).measures
    by_family: dict[str, set[str]] = {}
    for m in measures:
        by_family.setdefault(family(m.id, measures), set()).add(m.id)
    wanted = {claim_node(c) for c in claims}
    frontier = set(wanted)
    relations = " | ".join(_p(MENTION, n) for n in ("computed_from", "disputes", "part_of"))
    while frontier:
        given = _mentions_and_figures(store, ("claim", frontier))
        at = MENTION.column("report")
        given["report"] = list(store_rows(store, REPORT, ("node", {
            short(row[at]) for row in given["mention"]}))) if given["mention"] else []
        facts = assemble(lambda kind: given.get(kind.name, ()))
        found, subjects, bare, unsourced = set(), set(), set(), {}
        for m in facts.mentions.values():
            found |= {claim_node(c) for c in (*m.computed_from, m.disputes, m.part_of) if c}
            if m.figure is not None:
                subject = _norm(m.figure.subject or "")
                fam = family(m.figure.measure, measures)
                if subject:
                    subjects.add(subject)
                else:
                    bare |= by_family.get(fam, {m.figure.measure})
                if m.attributed_to is None and not m.derived_from and m.report in facts.reports:
                    unsourced.setdefault(fam, set()).add(facts.reports[m.report].outlet)
        for fam, outlets in unsourced.items():  # what those outlets relay on the measure
            found |= _relayed_by(store, outlets, by_family.get(fam, {fam}))
        if subjects:
            found |= _same_words(store, "subject", subjects, bare=False)
        if bare:
            measure_iris = {str(MEASURE[m]) for m in bare}
            found |= _claims_where(store, ("measure", measure_iris),
                                   f"?f {_p(FIGURE, 'measure')} ?measure . FILTER NOT EXISTS "
                                   f"{{ ?f {_p(FIGURE, 'subject')} ?s }} "
                                   f"?mention {_p(MENTION, 'figure')} ?f .")
        found |= _claims_where(store, ("target", {ID_PREFIX + c for c in frontier}),
                               f"?mention {relations} ?target .")
        revises, states = _p(MENTION, "corrects"), _p(MENTION, "claim")
        targets = ("target", {ID_PREFIX + c for c in frontier})
        found |= _claims_where(store, targets, f"?m {states} ?target ; {revises} ?mention .")
        found |= _claims_where(store, targets, f"?old {states} ?target . ?mention {revises} ?old .")
        frontier = found - wanted
        wanted |= frontier
    return {c.removeprefix("claim/") for c in wanted}


def fetch_facts(store: Store, claims: Iterable[str] | None = None) -> AuditFacts:
    """Everything the audit reads of *store*, or with *claims* (claim ids) only those
    claims, the claims they are compared with and what their chains reach: their mentions,
    the mentions and statements their chains reach, those mentions' figures and reports."""
    if claims is None:
        return assemble(lambda kind: store_rows(store, kind))
    scope = {claim_node(c) for c in claims_in_scope(store, claims)}
    given: dict[str, list] = {"mention": [], "figure": [], "statement": [], "report": []}
    if scope:
        given.update(_mentions_and_figures(store, ("claim", scope)))
        reached = {short(n) for row in store.select(_reach_query(scope)) for n in row}
        have = {short(row[0]) for row in given["mention"]}
        extra = {n for n in reached if node_kind(n) == "mention" and n not in have}
        if extra:  # relays of mentions that state other claims
            more = _mentions_and_figures(store, ("node", extra))
            given["mention"] += more["mention"]
            given["figure"] += more["figure"]
        statements = {n for n in reached if node_kind(n) == "statement"}
        if statements:
            given["statement"] = list(store_rows(store, STATEMENT, ("node", statements)))
        at = MENTION.column("report")
        reports = {short(row[at]) for row in given["mention"]}
        given["report"] = list(store_rows(store, REPORT, ("node", reports)))
    return assemble(lambda kind: given[kind.name] if kind.name in given
                    else store_rows(store, kind), scope=scope)
