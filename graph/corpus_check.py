"""Check a corpus folder of any size in bounded memory: the checks ``validate`` and ``build``
run, the same for a report of five mentions and for one of a hundred thousand.

:func:`check_corpus` reads the annotations twice, a part of a report at a time
(:func:`credgraph.annotations.report_parts`; a large file a mention at a time):

1. the annotations: every field of every mention, what spans files
   (:class:`~credgraph.references.References`), the evidence offsets, the relay loops. Any
   problem stops here, every one of them reported, as :func:`~credgraph.annotations.load_corpus`
   reports them;
2. the SHACL shapes, on the RDF of each part (:func:`credgraph.build.report_triples`) in
   worker processes. A shape looks at one node and the nodes it points to: each part's graph
   also holds what its nodes point to outside it (the registry's sources and the measures
   they name, the type of a mention, claim or report of another part, which the first pass
   proved exist), and only the part's own nodes are reported. The registry and the measures
   are checked once, on their own. Violations are said where they were written
   (:func:`credgraph.shape_report.located`).

Memory holds one part per worker and what the references need (a key per mention), not the
corpus: a 42 MB report of 114,721 mentions is checked in about 200 MB per process.

>>> from credgraph.annotations import bundled_corpus
>>> checked = check_corpus(bundled_corpus())
>>> checked.reports, checked.mentions, checked.sources, checked.loops
(5, 106, 39, [])
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from .annotations import corpus_root, load_registry, report_files, report_parts
from .build import measure_triples, relay_loops, report_triples, source_triples
from .errors import AnnotationError, AnnotationErrors
from .heap import gc_paused
from .ids import node_kind, short
from .mapping import KINDS
from .measures import Measures, load_measures
from .model import Corpus, Registry, Report
from .references import References
from .shape_report import located
from .validation import evidence_errors, shape_results

__all__ = ["check_corpus", "Checked", "PART"]

PART = 2_000
"""Mentions per part: a few seconds of SHACL each, a few tens of megabytes."""

_TYPED_BY_REFERENCE = ("mention", "claim", "report")
"""Kinds of node a part may point to in another part: its graph holds their type."""


@dataclass
class Checked:
    """What :func:`check_corpus` read: a corpus that passed every check."""

    reports: int
    mentions: int
    sources: int
    loops: list[list[str]] = field(default_factory=list)
    """Relay loops (allowed: the audit reports them), as mention keys."""


def _parts(root: Path, registry: Registry, measures: Measures, errors: list,
           references: References | None = None) -> Iterator[tuple[Report, dict, str]]:
    """Every part of every report file, with its mentions' ``(path, line)`` and its file; a
    duplicate report id is an error and its file is skipped."""
    seen = References()  # the report ids taken
    for path in report_files(root):
        locations: dict = {}
        dropped = references.dropped if references is not None else None
        for index, part in enumerate(report_parts(path, registry, errors, locations, measures,
                                                  dropped, size=PART)):
            duplicate = seen.duplicate(part.id, str(path)) if index == 0 else None
            if duplicate:
                errors.append(duplicate)
                break
            yield part, {m.key: locations.pop(m.key) for m in part.mentions}, str(path)


def _annotations(root: Path, seeds, progress) -> tuple[Registry, Measures, Checked, list]:
    """Pass 1: the annotations; their problems raised together. Returns the evidence
    problems too, which are said after the shapes' as they always were."""
    errors: list = []
    registry = load_registry(root / "sources.yaml", errors)
    measures = load_measures(root / "measures.yaml", errors)
    references, texts, evidence = References(), {}, {}
    checked = Checked(0, 0, len(registry))
    for part, locations, path in _parts(root, registry, measures, errors, references):
        checked.reports += part.id not in references.reports
        checked.mentions += len(part.mentions)
        references.add(part, locations, path)
        corpus = Corpus(registry, {part.id: part}, str(root), measures=measures)
        evidence.update({str(e): e for e in evidence_errors(corpus, seeds, texts)})
        if progress is not None:
            progress(checked.mentions, None)
    references.check(errors)
    if errors:
        raise AnnotationErrors(errors)
    checked.loops = relay_loops(references.relays)
    return registry, measures, checked, list(evidence.values())


_CONTEXT: dict[URIRef, list] = {}
"""In a worker: the registry's and the measures' triples by subject."""


def _init_worker(registry: Registry, measures: Measures) -> None:
    _CONTEXT.clear()
    for triples in (*(source_triples(s) for s in registry), measure_triples(measures)):
        for t in triples:
            _CONTEXT.setdefault(t[0], []).append(t)


def _registry_results() -> list[tuple[str, str, str]]:
    """The shapes' violations in the registry and the measures (all of them in the graph)."""
    graph = Graph()
    for triples in _CONTEXT.values():
        for t in triples:
            graph.add(t)
    return shape_results(graph)


def _part_results(parts: list[Report]) -> list[tuple[str, str, str]]:
    """The shapes' violations of some parts' own nodes, their graph holding what they point
    to."""
    graph, own, pointed = Graph(), set(), set()
    with gc_paused():
        for part in parts:
            for t in report_triples(part):
                graph.add(t)
                own.add(t[0])
                if isinstance(t[2], URIRef):
                    pointed.add(t[2])
        for node in pointed - own:
            if node in _CONTEXT:
                for t in _CONTEXT[node]:
                    graph.add(t)
            elif (kind := node_kind(short(node))) in _TYPED_BY_REFERENCE:
                graph.add((node, RDF.type, KINDS[kind].rdf_class))
    mine = {str(n) for n in own}
    return [r for r in shape_results(graph) if r[0] in mine]


def _batches(parts) -> Iterator[tuple[list[Report], dict, int]]:
    """Parts gathered into tasks of about :data:`PART` mentions (small reports together),
    with their mentions' locations and count."""
    batch, locations, size = [], {}, 0
    for part, where, _path in parts:
        batch.append(part)
        locations.update(where)
        size += len(part.mentions)
        if size >= PART:
            yield batch, locations, size
            batch, locations, size = [], {}, 0
    if batch:
        yield batch, locations, size


def _shapes(root: Path, registry: Registry, measures: Measures, total: int, jobs: int,
            progress) -> list[AnnotationError]:
    """Pass 2: the shapes, a batch of parts at a time (at most two per worker waiting),
    located."""
    found: dict[tuple, AnnotationError] = {}
    done = 0

    def take(results, locations, size) -> None:
        nonlocal done
        new = [r for r in results if r not in found]
        if new:
            where = Corpus(registry, {}, str(root), measures=measures, locations=locations)
            found.update(zip(new, located(new, where)))
        done += size
        if progress is not None and size:
            progress(done, total)

    batches = _batches(_parts(root, registry, measures, []))
    if jobs <= 1:
        _init_worker(registry, measures)
        take(_registry_results(), {}, 0)
        for batch, locations, size in batches:
            take(_part_results(batch), locations, size)
    else:
        with ProcessPoolExecutor(jobs, initializer=_init_worker,
                                 initargs=(registry, measures)) as pool:
            waiting = [(pool.submit(_registry_results), {}, 0)]
            for batch, locations, size in batches:
                waiting.append((pool.submit(_part_results, batch), locations, size))
                while len(waiting) > 2 * jobs:
                    future, where, n = waiting.pop(0)
                    take(future.result(), where, n)
            for future, where, n in waiting:
                take(future.result(), where, n)
    return [found[r] for r in sorted(found)]


def check_corpus(root: str | Path, *, seeds: str | Path | None = None, shacl: bool = True,
                 jobs: int | None = None,
                 progress: Callable[[int, int | None], None] | None = None) -> Checked:
    """Check the corpus folder *root*: the annotations, then the SHACL shapes of their RDF
    (unless *shacl* is False) in *jobs* processes (default: one per CPU, one for a corpus of
    a single part), then the evidence offsets (in seed files when *seeds* names their
    folder). The first of these that finds problems raises
    :class:`~credgraph.errors.AnnotationErrors` with all of its problems, each naming file,
    line and field. *progress* is told the mentions read (of a total not yet known), then
    the mentions whose shapes were checked, of all of them.
    """
    root = corpus_root(root)
    if seeds is not None:  # a folder of seed texts that is not there: said at once
        missing = evidence_errors(Corpus(Registry([]), {}), seeds)
        if missing:
            raise AnnotationErrors(missing)
    registry, measures, checked, evidence = _annotations(root, seeds, progress)
    if shacl:
        jobs = jobs or ((os.cpu_count() or 1) if checked.mentions > PART else 1)
        violations = _shapes(root, registry, measures, checked.mentions, jobs, progress)
        if violations:
            raise AnnotationErrors(violations)
    if evidence:
        raise AnnotationErrors(evidence)
    return checked
