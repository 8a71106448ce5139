"""What the audit reads of an annotation corpus, straight from the annotations: no RDF.

The records a store or the scan gives of the RDF built from a folder follow from the
annotations alone: :func:`corpus_facts` makes their rows with the mapping
(:meth:`credgraph.mapping.RecordKind.row`: the same kinds, nodes and fields the build writes)
in the worker processes that read and check the report files
(:func:`credgraph.bulk.read_reports`), and hands them to the same assembly
(:class:`credgraph.facts.Assembly`, a chunk at a time as the workers finish them). The
RDF is neither written nor parsed.

>>> from credgraph.annotations import bundled_corpus
>>> facts = corpus_facts(bundled_corpus())
>>> len(facts.mentions), facts.registry["hur"].name
(106, 'Defence Intelligence of Ukraine (HUR)')
"""

from __future__ import annotations

from pathlib import Path

from .bulk import checked_registry, read_reports
from .facts import Assembly, AuditFacts, read_kinds
from .mapping import KINDS, ReportView
from .model import Report

__all__ = ["corpus_facts", "report_rows"]


def report_rows(reports: list[Report]) -> dict[str, list[tuple]]:
    """The rows of every read kind of *reports*, by kind name: plain tuples, quick to send
    from a worker (the registry's sources are not in them: they are read once)."""
    kinds = [kind for kind in read_kinds() if kind.objects is not None]
    rows: dict[str, list[tuple]] = {kind.name: [] for kind in kinds}
    for report in reports:
        view = ReportView(report)
        for kind in kinds:
            rows[kind.name].extend(map(kind.row, kind.objects(view)))
    return rows


def corpus_facts(root: str | Path, *, jobs: int | None = None, progress=None) -> AuditFacts:
    """What the audit reads of the annotation corpus in the folder *root*, read and checked
    by *jobs* processes (default: one per CPU).

    Raises :class:`~credgraph.errors.AnnotationErrors` with every problem of the corpus,
    each naming its file, line and field, as ``credgraph build`` does. *progress* is called
    with (report files done, all of them).
    """
    root = Path(root)
    registry, measures = checked_registry(root)
    assembly = Assembly()
    assembly.add(lambda kind: {"source": [KINDS["source"].row(s) for s in registry],
                               "measure": [KINDS["measure"].row(m) for m in measures]
                               }.get(kind.name, ()))
    # each chunk assembled as it comes, while the workers read the next ones
    for chunk in read_reports(root, registry, report_rows, measures=measures, jobs=jobs,
                              progress=progress):
        assembly.add(lambda kind: chunk.get(kind.name, ()))
    return assembly.facts()
