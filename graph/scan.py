"""Read what the audit needs straight from an RDF file: one pass of the parser, no store.

The audit reads a few kinds of instances (:mod:`credgraph.facts`). A store answers their
SELECTs; :func:`scan_facts` answers the same over a file, keeping only the quads whose
predicate and class the mapping's read kinds name (:mod:`credgraph.mapping`) as they stream
past pyoxigraph's parser, and giving the same rows to the same assembly
(:func:`~credgraph.facts.assemble`), so an audit of the scan equals an audit of the loaded
store (``tests/test_scan.py`` compares them).

Nothing is indexed that the audit does not read, so this is the fast way to audit a large
RDF file (``credgraph audit FILE``, with no store). Where a store would give several rows
for a property that has one value in credgraph's RDF (two ``rdfs:label`` of a source, say),
the scan keeps the first value in the file; the SHACL shapes (``ontology/shapes.ttl``,
``sh:maxCount 1``) reject such a graph.

>>> import tempfile, pathlib
>>> from credgraph.inputs import open_input
>>> with open_input(None).rdf_file() as (path, _ours):
...     facts = scan_facts(path)
>>> len(facts.mentions), facts.registry["hur"].name
(106, 'Defence Intelligence of Ukraine (HUR)')
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from .embedded import plain_term_cache
import pyoxigraph as ox

from .errors import InputError
from .facts import AuditFacts, assemble, read_kinds
from .formats import get_format
from .ids import ID_PREFIX
from .mapping import RecordKind
from .vocab import RDF

__all__ = ["scan_facts"]


def _tables(kinds: list[RecordKind]) -> tuple[list[str], list[str], dict[str, str]]:
    """What the scan keeps, from the mapping: the predicates of single and of repeating
    read fields, and the classes of the read kinds (class IRI -> kind name)."""
    single = dict.fromkeys(str(f.predicate) for k in kinds for f in k.read_fields if not f.many)
    multi = dict.fromkeys(str(f.predicate) for k in kinds for f in k.read_fields if f.many)
    both = single.keys() & multi.keys()
    if both:
        raise ValueError(f"a predicate both single and repeating in the mapping: {both}")
    return list(single), list(multi), {str(k.rdf_class): k.name for k in kinds}


class _Scan:
    """The kept quads of one file: ``single[predicate][subject]``,
    ``multi[predicate][subject]`` (a tuple) and ``typed[kind][subject]`` (subjects in file
    order), for the predicates and classes the mapping's read kinds name. IRIs are kept as
    nodes (:func:`~credgraph.ids.short`), one string each however many quads name them;
    literals as plain values."""

    def __init__(self, kinds: list[RecordKind]):
        single, multi, classes = _tables(kinds)
        self.single: dict[str, dict] = {p: {} for p in single}
        self.multi: dict[str, dict] = {p: {} for p in multi}
        self.typed: dict[str, dict] = {name: {} for name in classes.values()}
        self._classes = classes

    def read(self, quads) -> None:
        """Keep what the audit reads of *quads* (pyoxigraph's, as its parser yields them)."""
        named = ox.NamedNode
        slots = {named(p): (table, 0) for p, table in self.single.items()}
        slots.update({named(p): (table, 1) for p, table in self.multi.items()})
        slots[named(str(RDF.type))] = ({named(c): self.typed[name]
                                        for c, name in self._classes.items()}, 2)
        iris: dict[str, str] = {}
        other = plain_term_cache()  # literals and blank nodes
        prefix, cut = ID_PREFIX, len(ID_PREFIX)
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

    def rows(self, kind: RecordKind):
        """The rows of *kind* as its SELECT would give them: each subject of its class,
        the first value of each single field, every value of a repeating one."""
        getters = [(self.multi if f.many else self.single).get(str(f.predicate), {}).get
                   for f in kind.read_fields]
        for subject in self.typed.get(kind.name, ()):
            yield (subject, *[get(subject) for get in getters])


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
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    scan = _Scan(read_kinds())
    scan.read(ox.parse(input=data, format=ox.RdfFormat.from_media_type(media_type),
                       lenient=lenient))
    return scan.single, scan.multi, scan.typed


def _read(path: Path, media_type: str, lenient: bool, jobs: int, progress=None) -> _Scan:
    """Keep what the audit reads of *path*: line-based files of more than a stretch are
    read by *jobs* processes a stretch at a time, anything else in one pass here.
    *progress* is called with (bytes read, file size) after each stretch."""
    scan = _Scan(read_kinds())
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
    """The records from the kept quads, a kind at a time; what earlier kinds needed and no
    later one does is let go first, so the kept quads and the records are not all in
    memory at once."""
    order = read_kinds()
    last_use = {str(f.predicate): i for i, kind in enumerate(order) for f in kind.read_fields}

    def rows(kind: RecordKind):
        at = order.index(kind)
        for predicate in [p for p, last in last_use.items() if last < at]:
            del last_use[predicate]
            scan.single.pop(predicate, None)
            scan.multi.pop(predicate, None)
        for earlier in order[:at]:
            scan.typed.pop(earlier.name, None)
        return scan.rows(kind)

    return assemble(rows)
