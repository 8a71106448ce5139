"""The library's facade: one function for each thing a user does, as the CLI does it.

:func:`validate`, :func:`build`, :func:`audit` and :func:`stats` take what the command line
takes (an input, a few options) and return data: a summary or an
:class:`~credgraph.audit.AuditResult`. Problems with the input raise
:class:`~credgraph.errors.InputError` and its kinds, each naming file, line and field; the
CLI (:mod:`credgraph.cli`) only parses options, calls one of these and prints. ``credgraph
load`` is :func:`credgraph.loading.load`.

>>> result = audit()                      # the bundled corpus, read without a store
>>> result.figure("hur-8th-army-deserters").grade.code
'D4'
>>> summary = validate()
>>> summary.reports, summary.mentions, summary.loops
(5, 106, [])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .annotations import bundled_corpus, load_corpus
from .audit import AuditResult, audit_facts
from .build import relay_cycles, to_dataset
from .bulk import LINE_FORMATS, build_lines
from .corpus_check import check_corpus
from .counts import count
from .formats import DEFAULT_FORMATS, get_format, write_outputs
from .fact_check_store import attach as attach_fact_checks
from .fact_check_store import import_fact_checks
from .inputs import CorpusFolder, Input, StoreInput, open_input
from .store import Store, open_store

__all__ = ["CorpusSummary", "validate", "build", "audit", "stats", "import_claimreviews",
           "LARGE_CORPUS"]

LARGE_CORPUS = 20_000
"""Mentions past which a build in memory is worth streaming instead (``-f nquads
--no-shacl``)."""


@dataclass
class CorpusSummary:
    """What :func:`validate` and :func:`build` found and wrote."""

    reports: int
    mentions: int
    sources: int
    loops: list[list[str]] = field(default_factory=list)
    """Relay loops (allowed: that is what circular reporting looks like), as mention keys."""
    paths: list[Path] = field(default_factory=list)
    """The files written."""
    lines: int | None = None
    """Lines of the first file, when streamed."""
    streamed: bool = False
    notes: list[str] = field(default_factory=list)
    """Advice for the user (a large corpus built in memory, say)."""


def _summary(corpus, **extra) -> CorpusSummary:
    return CorpusSummary(len(corpus.reports), sum(len(r.mentions) for r in corpus.reports.values()),
                         len(corpus.registry), relay_cycles(corpus), **extra)


def validate(corpus: str | Path | None = None, *, seeds: str | Path | None = None,
             shacl: bool = True, jobs: int | None = None, progress=None) -> CorpusSummary:
    """Check the annotations of *corpus* (None: the bundled one), the SHACL shapes of their
    RDF and the evidence offsets (into seed files when *seeds* names their folder), in
    bounded memory whatever its size (:func:`~credgraph.corpus_check.check_corpus`: *jobs*
    processes check the shapes; *progress* is told the mentions done)."""
    checked = check_corpus(corpus or bundled_corpus(), seeds=seeds, shacl=shacl, jobs=jobs,
                           progress=progress)
    return CorpusSummary(checked.reports, checked.mentions, checked.sources, checked.loops)


def build(corpus: str | Path | None = None, output: str | Path = "out",
          formats=DEFAULT_FORMATS, *, seeds: str | Path | None = None, shacl: bool = True,
          jobs: int | None = None, progress=None) -> CorpusSummary:
    """Check *corpus* as :func:`validate` does and write its RDF to *output* in each format,
    all or nothing.

    With only line formats (N-Quads, N-Triples), the RDF is streamed to the files by *jobs*
    parallel readers, without a graph in memory: the way to build a large corpus (*progress*
    is told the mentions checked, then the report files read). Otherwise the corpus is then
    read into memory and written.
    """
    root = Path(corpus) if corpus is not None else bundled_corpus()
    names = [get_format(f).name for f in formats]
    lines = bool(names) and set(names) <= set(LINE_FORMATS)
    if shacl or seeds is not None or not lines:
        check_corpus(root, seeds=seeds, shacl=shacl, jobs=jobs, progress=progress)
    if lines:
        done = build_lines(root, output, names, jobs, progress=progress)
        return CorpusSummary(done.reports, done.mentions, 0, done.loops, done.paths,
                             done.quads, streamed=True)
    data = load_corpus(root)
    summary = _summary(data)
    if summary.mentions > LARGE_CORPUS:
        summary.notes.append("a large corpus: -f nquads streams it with parallel "
                             "readers, without a graph in memory")
    summary.paths = write_outputs(to_dataset(data), output, names)
    return summary


def audit(source: str | Path | Store | Input | None = None, *,
          store: str | Store | None = None, checks: list[str] | None = None,
          claims: list[str] | None = None, scoped: bool = False, label: str | None = None,
          progress=None) -> AuditResult:
    """Audit *source* (any input, :func:`~credgraph.inputs.open_input`; None: the bundled
    corpus): every claim, or only *claims*, with every check, or only *checks*.

    Without *store* the input is read once, the fastest way it can be (a folder straight
    from its annotations, a file by one scan; *progress* is told how far). With *store* (a
    spec such as ``oxigraph``, ``oxigraph:PATH`` or a URL, or a store), the input is loaded
    into it first and everything in it is audited. ``scoped=True`` with *claims* reads only
    those claims, the claims they are compared with and what their chains reach (a store's
    few small queries instead of all of it) and audits all of those, with the results a
    full audit gives them. *label* names the input in the result (default: as
    :func:`~credgraph.inputs.open_input` names it).
    """
    given = open_input(source)
    folder = given.root if isinstance(given, CorpusFolder) else None
    label = given.label if label is None else label
    if store is not None:
        target = open_store(store) if isinstance(store, str) else store
        given = StoreInput(given.load_into(target), label)
    facts = given.facts(claims=claims if scoped else None, progress=progress)
    result = audit_facts(facts, checks=checks, claims=None if scoped else claims,
                         input_label=label)
    if folder is not None:  # the fact checks imported beside it
        attach_fact_checks(result, folder)
    return result


def stats(source: str | Path | Store | Input | None = None) -> dict[str, int]:
    """How many sources, reports, claims, mentions, figures, statements, named graphs and
    triples *source* holds (:mod:`credgraph.counts`), counted without a store."""
    return count(open_input(source))


def import_claimreviews(files, corpus: str | Path):
    """Import files of published ClaimReviews beside *corpus* (an annotation folder), each
    review linked to the claims it matches (:mod:`credgraph.fact_check_store`); an
    :class:`~credgraph.fact_check_store.ImportSummary`."""
    return import_fact_checks(files, corpus)
