"""Read what the audit needs straight from an RDF file: one pass of the parser, no store.

An audit reads a few things of the graph (:mod:`credgraph.facts`): the sources, the reports, the
mentions with their figures, the statements' speakers and the relay edges. A store answers
those as SPARQL SELECTs; :func:`scan_facts` answers the same SELECTs over a file, keeping
only the quads whose predicate they name as it streams past pyoxigraph's parser, and joining
them here. The rows go through the same converters as a store's
(:func:`~credgraph.facts.mentions_from_rows` and the rest), so an audit of the scan equals an
audit of the loaded store (``tests/test_scan.py`` compares them).

Nothing is indexed that the audit does not read, so this is the fast way to audit a large
RDF file (``credgraph audit --store none``, the default). An annotation folder needs no
RDF at all: :func:`scan_input` reads its records straight from the annotations
(:mod:`credgraph.corpus_facts`).

Where the SPARQL would give several rows for a property that has one value in credgraph's
RDF (two ``rdfs:label`` of a source, say), the scan keeps the first value in the file;
the SHACL shapes (``ontology/shapes.ttl``, ``sh:maxCount 1``) reject such a graph.

>>> facts = scan_input(None)       # the bundled corpus of the five seed articles
>>> len(facts.mentions), facts.registry["hur"].name
(106, 'Defence Intelligence of Ukraine (HUR)')
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from .corpus_facts import corpus_facts
from .embedded import plain_term_cache, pyoxigraph_module
from .errors import InputError
from .facts import (AuditFacts, figures_from_rows, mentions_from_rows, registry_from_rows,
                    reports_from_rows, speakers_from_rows, successors_from_rows)
from .formats import get_format
from .loading import input_as_rdf_file
from .vocab import CG, DCTERMS, ID, PROV, RDF, RDFS, SCHEMA, SKOS

__all__ = ["scan_facts", "scan_input"]

_SINGLE = [  # (predicate, slot): properties with one value each; the first one is kept
    (RDFS.label, "label"), (CG.sourceKind, "kind"), (CG.reliability, "reliability"),
    (CG.reliabilityReason, "reason"), (CG.partyTo, "party"), (CG.anonymous, "anonymous"),
    (PROV.actedOnBehalfOf, "speaks_for"), (CG.country, "country"),
    (SCHEMA.publisher, "publisher"), (CG.reportKind, "report_kind"), (DCTERMS.title, "title"),
    (CG.earliestDate, "earliest"), (CG.latestDate, "latest"), (CG.seedFile, "seed"),
    (DCTERMS.isPartOf, "report"), (CG.hedge, "hedge"), (SCHEMA.text, "text"),
    (CG.attributedTo, "attributed_to"), (CG.ownWork, "own_work"),
    (PROV.wasQuotedFrom, "quoted"), (CG.statesClaim, "claim"), (CG.figure, "figure"),
    (CG.measure, "measure"), (SCHEMA.value, "value"), (SCHEMA.minValue, "min"),
    (SCHEMA.maxValue, "max"),
    (CG.qualifier, "qualifier"), (SCHEMA.unitText, "unit"), (CG.subject, "subject"),
    (CG.subjectSide, "side"), (SCHEMA.spatialCoverage, "place"), (CG.periodStart, "start"),
    (CG.periodEnd, "end"),
]
_MULTI = [  # properties that may repeat: every distinct value is kept, in file order
    (SKOS.altLabel, "aliases"), (PROV.wasDerivedFrom, "derived_from"),
    (PROV.wasAttributedTo, "attributed"),
]
_CLASSES = {CG.Source: "Source", CG.Report: "Report", CG.Mention: "Mention",
            CG.Statement: "Statement"}


class _Scan:
    """The kept quads of one file: ``single[slot][subject]``, ``multi[slot][subject]``
    (a tuple) and ``typed[class]`` (subjects in file order). IRIs are kept in short form
    (:func:`~credgraph.facts.short`), one string each however many quads name them; literals
    as plain values."""

    def __init__(self):
        self.single: dict[str, dict] = {slot: {} for _p, slot in _SINGLE}
        self.multi: dict[str, dict] = {slot: {} for _p, slot in _MULTI}
        self.typed: dict[str, dict] = {name: {} for name in _CLASSES.values()}

    def read(self, quads) -> None:
        """Keep what the audit reads of *quads* (pyoxigraph's, as its parser yields them)."""
        ox = pyoxigraph_module()
        named = ox.NamedNode
        slots = {named(str(p)): (self.single[slot], 0) for p, slot in _SINGLE}
        slots.update({named(str(p)): (self.multi[slot], 1) for p, slot in _MULTI})
        slots[named(str(RDF.type))] = ({named(str(c)): self.typed[name]
                                        for c, name in _CLASSES.items()}, 2)
        iris: dict[str, str] = {}
        other = plain_term_cache()  # literals and blank nodes
        prefix, cut = str(ID), len(str(ID))
        last_node = last = None  # a subject's quads mostly come in a run: convert it once
        # the hot loop, a few million quads: subject and object are converted inline (a
        # call each would cost a tenth of the scan)
        for quad in quads:
            slot = slots.get(quad.predicate)
            if slot is None:
                continue
            values, kind = slot
            obj = quad.object
            if kind == 2:  # rdf:type: only the classes the audit reads
                values = values.get(obj)
                if values is None:
                    continue
            elif obj.__class__ is named:
                obj = obj.value
                if obj.startswith(prefix):
                    obj = obj[cut:]
                obj = iris.setdefault(obj, obj)
            else:
                obj = other(obj)
            subject = quad.subject
            if subject == last_node:
                subject = last
            else:
                last_node = subject
                if subject.__class__ is named:
                    subject = subject.value
                    if subject.startswith(prefix):
                        subject = subject[cut:]
                    subject = iris.setdefault(subject, subject)
                else:
                    subject = other(subject)
                last = subject
            if kind == 0:
                values.setdefault(subject, obj)
            elif kind == 2:
                values[subject] = None
            elif subject not in values:
                values[subject] = (obj,)
            elif obj not in values[subject]:
                values[subject] += (obj,)

    def merge(self, part: tuple[dict, dict, dict]) -> None:
        """Add what a later stretch of the file kept (``(single, multi, typed)``, consumed),
        so the result is what one pass over the whole file would have kept."""
        single, multi, typed = part
        for slot, values in single.items():
            mine = self.single[slot]
            for subject in mine.keys() & values.keys():  # the first value stays
                del values[subject]
            mine.update(values)
        for slot, values in multi.items():
            mine = self.multi[slot]
            for subject in mine.keys() & values.keys():
                have = mine[subject]
                mine[subject] = have + tuple(o for o in values.pop(subject) if o not in have)
            mine.update(values)
        for name, members in typed.items():
            self.typed[name].update(members)

    def rows(self, names: tuple[str, ...], required: set[str], subjects):
        """Rows ``(label, value of each slot in names)`` like a SELECT's, for each
        ``(label, subject)`` of *subjects*: a subject without a value for one of the
        *required* slots gives no row; a multi-valued slot gives its first value."""
        tables = [self.single[n] if n in self.single
                  else {s: v[0] for s, v in self.multi[n].items()} for n in names]
        needed = [t for t, n in zip(tables, names) if n in required]
        for label, s in subjects:
            for table in needed:
                if s not in table:
                    break
            else:
                yield (label, *[t.get(s) for t in tables])


_LINE_MEDIA = {"application/n-quads", "application/n-triples"}
_STRETCH = 32 << 20
"""Bytes of a line-based file each worker reads at a time."""


def _stretches(path: Path, size: int) -> list[tuple[int, int]]:
    """Byte ranges of about :data:`_STRETCH` each, cut after a newline (in N-Triples and
    N-Quads a statement never spans lines)."""
    cuts = [0]
    with path.open("rb") as fh:
        while cuts[-1] + _STRETCH < size:
            fh.seek(cuts[-1] + _STRETCH)
            fh.readline()
            if fh.tell() >= size:
                break
            cuts.append(fh.tell())
    cuts.append(size)
    return list(zip(cuts, cuts[1:]))


def _scan_stretch(task) -> tuple[dict, dict, dict]:
    """Read one byte range of a line-based file (in a worker process)."""
    path, start, end, media_type, lenient = task
    ox = pyoxigraph_module()
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    scan = _Scan()
    scan.read(ox.parse(input=data, format=ox.RdfFormat.from_media_type(media_type),
                       lenient=lenient))
    return scan.single, scan.multi, scan.typed


def _read(path: Path, media_type: str, lenient: bool, jobs: int, progress=None) -> _Scan:
    """Keep what the audit reads of *path*: line-based files of more than a stretch are
    read by *jobs* processes a stretch at a time, anything else in one pass here.
    *progress* is called with (bytes read, file size) after each stretch."""
    ox = pyoxigraph_module()
    scan = _Scan()
    size = path.stat().st_size
    if media_type not in _LINE_MEDIA or jobs <= 1 or size < 2 * _STRETCH:
        scan.read(ox.parse(path=str(path), format=ox.RdfFormat.from_media_type(media_type),
                           lenient=lenient))
        if progress is not None:
            progress(size, size)
        return scan
    stretches = _stretches(path, size)
    jobs = min(jobs, len(stretches))
    tasks = iter([(str(path), a, b, media_type, lenient) for a, b in stretches])
    try:
        with ProcessPoolExecutor(jobs) as pool:
            # two stretches a worker in flight: what the workers kept never piles up here
            pending = deque(pool.submit(_scan_stretch, t) for t in islice(tasks, 2 * jobs))
            for _start, end in stretches:  # the parts come back in file order
                part = pending.popleft().result()
                for task in islice(tasks, 1):
                    pending.append(pool.submit(_scan_stretch, task))
                scan.merge(part)
                if progress is not None:
                    progress(end, size)
    except SyntaxError:  # say where, counted from the start of the file
        return _read(path, media_type, lenient, 1)
    return scan


def scan_facts(path: str | Path, fmt: str | None = None, *, lenient: bool = False,
               jobs: int | None = None, progress=None) -> AuditFacts:
    """What the audit reads, from one pass over the RDF file *path* (any format pyoxigraph
    parses: N-Quads, N-Triples, TriG, Turtle, JSON-LD, RDF/XML; by extension unless *fmt*).

    N-Quads and N-Triples are read by *jobs* processes (default: one per CPU), a stretch of
    lines each. *lenient* skips the parser's IRI and language tag checks (about twice as
    fast); for files credgraph wrote itself. *progress*, when given, is called with (bytes
    read, file size) as the stretches come in. Raises :class:`~credgraph.errors.InputError`
    naming the file, line and column when the file is not valid RDF.
    """
    path = Path(path)
    spec = get_format(fmt or path.suffix.lstrip("."))
    try:
        scan = _read(path, spec.media_type, lenient, jobs or os.cpu_count() or 1, progress)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: not valid RDF: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it: {exc}") from None
    return _facts(scan)


def _facts(scan: _Scan) -> AuditFacts:
    """The records from the kept quads: the SELECTs of :mod:`credgraph.facts` (their columns
    in their order), joined here. What each record needed is let go once it is made, so
    the kept quads and the records are not all in memory at once."""
    typed, multi, single = scan.typed, scan.multi, scan.single
    both = lambda subjects: ((s, s) for s in subjects)  # noqa: E731

    def done(*slots):
        for slot in slots:
            for table in (single, multi, typed):
                table.pop(slot, None)

    source_slots = ("label", "kind", "reliability", "reason", "party", "anonymous",
                    "speaks_for", "country")
    registry = registry_from_rows(
        scan.rows(source_slots, {"label", "kind", "reliability"}, both(typed["Source"])),
        ((s, alias) for s in typed["Source"] for alias in multi["aliases"].get(s, ())))
    done(*source_slots, "aliases", "Source")
    figure_slots = ("measure", "value", "min", "max", "qualifier", "unit", "subject", "side",
                    "place", "start", "end")
    figures = figures_from_rows(scan.rows(figure_slots, {"measure", "qualifier"},
                                          single["figure"].items()))
    done(*figure_slots, "figure")
    mention_slots = ("report", "claim", "text", "hedge", "attributed_to", "own_work", "quoted")
    mentions = mentions_from_rows(scan.rows(mention_slots, {"report", "claim", "hedge"},
                                            both(typed["Mention"])), figures)
    done(*mention_slots, "Mention")
    del figures
    edges = ((a, b) for a, targets in multi["derived_from"].items() for b in targets)
    succ, one = successors_from_rows(edges, mentions)
    done("derived_from")
    attributed = multi["attributed"]
    speakers = speakers_from_rows(((st, src) for st in typed["Statement"]
                                   for src in attributed.get(st, ())), one)
    done("attributed", "Statement")
    reports = reports_from_rows(scan.rows(
        ("publisher", "title", "report_kind", "earliest", "latest", "seed"),
        {"publisher", "report_kind"}, both(typed["Report"])))
    return AuditFacts(registry, mentions, succ, speakers, reports)


def scan_input(path: str | Path | None, progress=None) -> AuditFacts:
    """What the audit reads of an input, without a store: ``None`` is the bundled corpus and
    a folder an annotation corpus, both read straight from their annotations
    (:func:`~credgraph.corpus_facts.corpus_facts`, no RDF made); a file is RDF in any
    registered format, scanned. *progress* is called with (done, total): report files read,
    or bytes scanned."""
    if path is None or Path(path).is_dir():
        return corpus_facts(path, progress=progress)
    with input_as_rdf_file(path) as (rdf, _ours):  # a file: it exists, its format is known
        return scan_facts(rdf, progress=progress)
