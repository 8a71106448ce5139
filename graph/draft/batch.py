"""Drafting many inputs: parallel workers draft, one process writes.

:func:`draft_files` drafts every input against one corpus folder. With ``jobs`` above 1
the drafting runs in worker processes (each with its own spaCy pipeline, forked from a
parent that has loaded the corpus and the pipeline once); the writing stays in the calling
process, input by input, so the registry is appended to in order and two drafts never race
on it. A source proposed by two inputs is appended once; an input whose proposal would
clash with one made earlier in the batch is drafted again against the grown registry.
Each input's outcome is data: the draft and the files written, or the error naming it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import CredgraphError
from ..model import Registry, Source
from .drafting import Draft, DraftContext, draft_document, load_context
from .documents import read_document
from .writer import write_draft

__all__ = ["Outcome", "draft_files"]


@dataclass
class Outcome:
    """What became of one input: its draft and the files written, or its error."""

    input: str
    draft: Draft | None = None
    written: list[Path] = field(default_factory=list)
    error: CredgraphError | None = None


_CONTEXT: DraftContext | None = None


def _draft_one(task) -> Outcome:
    path, options = task
    try:
        return Outcome(path, draft_document(read_document(path), _CONTEXT, **options))
    except CredgraphError as exc:
        return Outcome(path, error=exc)


def draft_files(inputs: list[str], corpus: str | Path | None, *, report_id: str | None = None,
                outlet: str | None = None, date: str | None = None, kind: str | None = None,
                dry_run: bool = False, force: bool = False, jobs: int | None = 1,
                progress=None) -> list[Outcome]:
    """Draft each of *inputs* (files, folders of ``.txt`` and ``.html`` files, or ``-``)
    into the corpus folder *corpus*; with *dry_run* nothing is written. *progress* is
    called with (done, total)."""
    global _CONTEXT
    if report_id and len(inputs) > 1:
        from ..errors import InputError

        raise InputError("--id names one report: give one input with it")
    if not dry_run and corpus is None:
        from ..errors import InputError

        raise InputError("give --corpus DIR, the corpus folder to write the draft into")
    inputs = _expand(inputs)
    context = load_context(corpus)
    _CONTEXT = context
    options = {"report_id": report_id, "outlet": outlet, "date_": date, "kind": kind}
    tasks = [(path, options) for path in inputs]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    if jobs > 1 and "-" not in inputs:
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing

        from .tokens import language

        language()  # loaded once here, inherited by the forked workers
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_draft_one, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
            return _write_all(results, tasks, context, corpus, dry_run, force, progress)
    return _write_all(map(_draft_one, tasks), tasks, context, corpus, dry_run, force, progress)


INPUT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
"""The files of a folder given as an input that are drafted."""


def _expand(inputs: list[str]) -> list[str]:
    """Inputs with each folder replaced by its text and HTML files, in name order."""
    out = []
    for item in inputs:
        folder = Path(item)
        if item != "-" and folder.is_dir():
            out.extend(str(p) for p in sorted(folder.iterdir())
                       if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        else:
            out.append(item)
    return out


def _write_all(results, tasks, context, corpus, dry_run, force, progress) -> list[Outcome]:
    outcomes: list[Outcome] = []
    added: dict[str, str] = {}  # proposed id -> name, appended in this batch
    measured: set[str] = set()  # proposed measure ids, appended in this batch
    ids: set[str] = set()
    cache: dict = {}  # the registry text written last, checked whole once
    total = len(tasks)
    for done, (outcome, (path, options)) in enumerate(zip(results, tasks), 1):
        if outcome.draft is not None and any(
                added.get(s.id, s.name) != s.name for s in outcome.draft.sources):
            grown = Registry(list(context.registry) + [
                Source(sid, name, "news-outlet", "F", "proposed in this batch")
                for sid, name in added.items()])
            again = replace(context, registry=grown)
            try:
                outcome = Outcome(path, draft_document(read_document(path), again, **options))
            except CredgraphError as exc:
                outcome = Outcome(path, error=exc)
        if outcome.draft is not None and outcome.draft.report.id in ids:
            from .records import DraftInputError

            outcome = Outcome(path, error=DraftInputError(
                f"report id {outcome.draft.report.id!r} is drafted from another input of this "
                "run too: rename one input", path=path))
        if outcome.draft is not None and not dry_run:
            draft = outcome.draft
            fresh = [s for s in draft.sources if s.id not in added]
            header = f"proposed by credgraph draft from {path} for report {draft.report.id}: review"
            new_measures = [m for m in draft.measures if m.id not in measured]
            try:
                outcome.written = write_draft(draft.report, Path(corpus), draft.yaml, fresh,
                                              header, force=force, registry_cache=cache,
                                              measures=new_measures)
                added.update((s.id, s.name) for s in fresh)
                measured.update(m.id for m in new_measures)
            except CredgraphError as exc:
                outcome = Outcome(path, error=exc)
            except OSError as exc:
                from .records import DraftInputError

                outcome = Outcome(path, error=DraftInputError(
                    f"cannot write the draft: {exc}", path=path))
        if outcome.draft is not None:
            ids.add(outcome.draft.report.id)
        outcomes.append(outcome)
        if progress is not None:
            progress(done, total)
    return outcomes
