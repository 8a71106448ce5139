"""Build a large corpus straight to N-Quads or N-Triples, report files read in parallel.

:func:`build_lines` is what ``credgraph build`` does when every format asked for is a
line format (``nquads``, ``ntriples``) and SHACL is off: no rdflib graph is built. Report
files are read in chunks by worker processes (``jobs``), each of which checks its reports
and writes their lines (:func:`credgraph.build.report_triples`,
:func:`credgraph.formats.quads_to_nquads`); the main process checks what spans files (report
ids, ``relays``) and appends the chunks, in report id order, to one temporary file per
format that is renamed into place only when the whole corpus is valid. The lines are the
same triples as the regular build writes (``tests/test_bulk.py`` compares them).

>>> import tempfile
>>> from pathlib import Path
>>> from credgraph.annotations import bundled_corpus
>>> out = Path(tempfile.mkdtemp())
>>> summary = build_lines(bundled_corpus(), out, ["nquads"], jobs=1)
>>> summary.reports, summary.mentions, [p.name for p in summary.paths]
(5, 106, ['credgraph.nq'])
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import corpus_root, load_registry, load_report, report_files
from .build import measure_triples, relay_loops, report_triples, source_triples
from .errors import AnnotationErrors, InputError
from .ids import MEASURES_GRAPH, REGISTRY_GRAPH, report_graph
from .formats import atomic_writer, get_format, quads_to_nquads
from .heap import gc_paused
from .measures import Measures, load_measures
from .model import Corpus, Registry
from .references import References
from .validation import evidence_errors

__all__ = ["build_lines", "read_reports", "checked_registry", "BuildSummary", "LINE_FORMATS"]

LINE_FORMATS = ("nquads", "ntriples")
"""The formats written line by line, without a graph in memory."""

_CHUNK = 64
"""Report files per task: big enough that a task outweighs sending it, small enough that
the workers share the corpus evenly and the main process never holds much text."""


@dataclass
class BuildSummary:
    """What :func:`build_lines` wrote."""

    paths: list[Path]
    reports: int = 0
    mentions: int = 0
    quads: int = 0
    """Lines of the first file: its quads, or triples (N-Triples may repeat a triple that
    several reports state, such as a statement of a chain they share; readers keep one)."""
    loops: list[list[str]] = field(default_factory=list)
    """Relay loops (allowed, reported) as mention keys."""
    report_ids: list[str] = field(default_factory=list)


@dataclass
class _Chunk:
    """What a worker sends back for one chunk of report files."""

    errors: list
    references: References
    """What the chunk's reports refer to in other files."""
    report_ids: list
    mentions: int
    product: object
    """What the chunk's reader made of its reports; None once the chunk has an error."""


_REGISTRY: Registry | None = None
_MEASURES: Measures | None = None


def _init_worker(registry: Registry, measures: Measures) -> None:
    global _REGISTRY, _MEASURES
    _REGISTRY, _MEASURES = registry, measures


def _read_chunk(task: tuple[list[str], Callable, tuple]) -> _Chunk:
    """Read and check one chunk of report files, and make ``make(reports, *args)`` of them
    (in a worker, or in-process)."""
    paths, make, args = task
    errors: list = []
    locations: dict = {}
    reports = []
    references = References()
    with gc_paused():
        for path in paths:
            report = load_report(Path(path), _REGISTRY, errors, locations, _MEASURES,
                                 references.dropped)
            if report is not None:
                reports.append(report)
                references.add(report, locations, path)
        if reports and not errors:  # the corpus's own texts (seed files: validate --seeds)
            root = str(Path(paths[0]).parent.parent)
            errors += evidence_errors(
                Corpus(_REGISTRY, {r.id: r for r in reports}, root, measures=_MEASURES))
        product = None if errors else make(reports, *args)
    return _Chunk(errors, references, [r.id for r in reports],
                  sum(len(r.mentions) for r in reports), product)


def _lines_of(reports, formats: tuple[str, ...]) -> dict[str, str]:
    """``{format name: text}`` of *reports* in each line format."""
    return {name: "".join(_lines(reports, name == "nquads")) for name in formats}


def _lines(reports, with_graph: bool) -> Iterator[str]:
    """Each report's lines, once each: two mentions of a report that came by the same
    chain state its statements twice, which the regular build's graph keeps once."""
    memo: dict = {}
    for report in reports:
        g = report_graph(report.id)
        yield from dict.fromkeys(quads_to_nquads(
            ((s, p, o, g) for s, p, o in report_triples(report)), with_graph, memo))


def _chunks(paths: list[str], make: Callable, args: tuple, registry: Registry,
            measures: Measures, jobs: int) -> Iterable[_Chunk]:
    tasks = [(paths[i:i + _CHUNK], make, args) for i in range(0, len(paths), _CHUNK)]
    if jobs <= 1 or len(tasks) <= 1:
        _init_worker(registry, measures)
        yield from map(_read_chunk, tasks)
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker,
                             initargs=(registry, measures)) as pool:
        yield from pool.map(_read_chunk, tasks)


def checked_registry(root: Path) -> tuple[Registry, Measures]:
    """The source registry and the measures of the corpus folder *root*, or
    :class:`~credgraph.errors.AnnotationErrors` (every report names its sources and
    measures: they are checked against a sound registry and scheme)."""
    root = corpus_root(root)
    errors: list = []
    registry = load_registry(root / "sources.yaml", errors)
    measures = load_measures(root / "measures.yaml", errors)
    if errors:
        raise AnnotationErrors(errors)
    return registry, measures


def read_reports(root: str | Path, registry: Registry, make: Callable, args: tuple = (), *,
                 measures: Measures | None = None, jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
                 summary: BuildSummary | None = None) -> Iterator:
    """Read the report files of the corpus folder *root* in parallel and yield
    ``make(reports, *args)`` for each chunk of them, in report id order, while the corpus
    has no error.

    *make* runs in the worker processes (*jobs*, default one per CPU; 1 reads here), so it
    is a module-level function and what it returns is pickled back. Each chunk is checked
    on its own there; what spans files (duplicate report ids, ``relays`` naming a mention
    no report states) is checked here. Every problem is collected and raised together as
    :class:`~credgraph.errors.AnnotationErrors` once every file is read: a consumer that
    writes what it is given must write to a temporary file. *summary*, when given, counts
    reports and mentions and receives the report ids and relay loops.
    """
    root = Path(root)
    summary = summary if summary is not None else BuildSummary([])
    errors: list = []
    references = References()
    paths = [str(p) for p in report_files(root)]
    measures = measures if measures is not None else load_measures(root / "measures.yaml")
    done = 0
    for chunk in _chunks(paths, make, args, registry, measures, jobs or os.cpu_count() or 1):
        done = min(done + _CHUNK, len(paths))
        if progress is not None:
            progress(done, len(paths))
        errors.extend(chunk.errors)
        for report_id in chunk.report_ids:
            duplicate = references.duplicate(report_id, str(root / "reports" / f"{report_id}.yaml"))
            if duplicate:
                errors.append(duplicate)
        references.update(chunk.references)
        summary.reports += len(chunk.report_ids)
        summary.report_ids.extend(chunk.report_ids)
        summary.mentions += chunk.mentions
        if not errors:
            yield chunk.product
    references.check(errors)
    if errors:
        raise AnnotationErrors(errors)
    summary.loops = relay_loops(references.relays)


def build_lines(root: str | Path, outdir: str | Path, formats: Iterable[str] = ("nquads",),
                jobs: int | None = None, stem: str = "credgraph",
                progress: Callable[[int, int], None] | None = None) -> BuildSummary:
    """Read the corpus folder *root* and write ``outdir/<stem>.<ext>`` in each line format.

    *jobs* worker processes read the report files (default: one per CPU; 1 reads them in
    this process). *progress*, when given, is called with (report files done, all of them)
    after each chunk. Every problem in the annotations is collected and raised together as
    :class:`~credgraph.errors.AnnotationErrors`, as :func:`~credgraph.annotations.load_corpus`
    does, and then no file is written or replaced.
    """
    root, outdir = Path(root), Path(outdir)
    names = tuple(dict.fromkeys(get_format(f).name for f in formats))
    wrong = [n for n in names if n not in LINE_FORMATS]
    if wrong:
        raise InputError(f"build_lines writes line formats only, not {', '.join(wrong)}; "
                         f"allowed: {', '.join(LINE_FORMATS)}")
    registry, measures = checked_registry(root)
    summary = BuildSummary([outdir / f"{stem}.{get_format(n).extension}" for n in names])
    head = [(s, p, o, REGISTRY_GRAPH) for src in registry for s, p, o in source_triples(src)]
    head += [(s, p, o, MEASURES_GRAPH) for s, p, o in measure_triples(measures)]
    with ExitStack() as stack:
        files = {n: stack.enter_context(atomic_writer(p)) for n, p in zip(names, summary.paths)}
        for name, fh in files.items():
            fh.writelines(quads_to_nquads(head, name == "nquads"))
        # an error raised once every file is read: the atomic writers remove their files
        for lines in read_reports(root, registry, _lines_of, (names,), measures=measures,
                                  jobs=jobs, progress=progress, summary=summary):
            for name, text in lines.items():
                files[name].write(text)
            summary.quads += lines[names[0]].count("\n") if names else 0
    summary.quads += len(head)
    return summary
