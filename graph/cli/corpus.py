"""``credgraph build``, ``validate``, ``stats`` and ``formats``: the corpus and what the
options that take a name choose from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..display import counted

from .app import (CorpusArg, CorpusOpt, InputArg, SeedsOpt, _loops, _note, _one_input,
                  _progress, app, out)


@app.command()
def build(
    folder: CorpusArg = None,
    corpus: CorpusOpt = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.",
                                         file_okay=False)] = Path("out"),
    formats: Annotated[str, typer.Option(
        "--formats", "-f", help="Comma-separated: trig, turtle, ntriples, nquads, json-ld.")
    ] = "trig,turtle,ntriples,json-ld",
    seeds: SeedsOpt = None,
    shacl: Annotated[bool, typer.Option(help="Validate the result with the SHACL shapes.")] = True,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Processes checking the SHACL shapes, and reading report "
        "files when only nquads/ntriples are written (default: one per CPU).")] = None,
):
    """Read the annotations, validate them as validate does, and write the RDF (one named
    graph per report).

    With only line formats (nquads, ntriples), the RDF is streamed to the files by parallel
    readers, without a graph in memory: the way to build a large corpus.
    """
    from ..api import build as build_corpus

    corpus = _one_input(folder, corpus)
    fmts = [f.strip() for f in formats.split(",") if f.strip()]
    with _progress("checking and reading report files") as progress:
        summary = build_corpus(corpus, output, fmts, seeds=seeds, shacl=shacl, jobs=jobs,
                               progress=progress)
    for note in summary.notes:
        _note(note)
    _loops(summary.loops)
    for path in summary.paths:
        out.print(f"wrote {path}")
    if summary.streamed:
        out.print(f"{counted(summary.reports, 'report')}, "
                  f"{counted(summary.mentions, 'mention')}, "
                  f"{counted(summary.lines, 'line')} in {summary.paths[0].name}")


@app.command()
def validate(
    folder: CorpusArg = None,
    corpus: CorpusOpt = None,
    seeds: SeedsOpt = None,
    shacl: Annotated[bool, typer.Option(help="Validate the RDF with the SHACL shapes.")] = True,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Processes checking the SHACL shapes (default: one per CPU "
        "for a corpus of more than 2,000 mentions).")] = None,
):
    """Check the annotations and the SHACL shapes without writing anything.

    Any size of corpus, one large report file included, is checked a part at a time in
    bounded memory, with a progress bar on a terminal.
    """
    from ..api import validate as validate_corpus

    with _progress("checking the annotations") as progress:
        summary = validate_corpus(_one_input(folder, corpus), seeds=seeds, shacl=shacl,
                                  jobs=jobs, progress=progress)
    _loops(summary.loops)
    out.print(f"[green]ok[/]: {counted(summary.reports, 'report')}, "
              f"{counted(summary.mentions, 'mention')}, {counted(summary.sources, 'source')}")


@app.command()
def stats(source: InputArg = None, corpus: CorpusOpt = None):
    """Print counts: reports, sources, claims, mentions, figures, named graphs, triples."""
    from ..api import stats as count

    table = Table(title="credgraph stats", caption=(
        "claims: what the audit grades, with a number or without; figures: the numbers the "
        "mentions state, one a mention that gives one"))
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in count(_one_input(source, corpus)).items():
        table.add_row(name, str(value))
    out.print(table)


@app.command()
def formats():
    """List what each option that takes a name chooses from: audit formats (audit
    --format), RDF formats (build --formats), results formats (query --format) and stores
    (--store), built-in and plugins."""
    from ..formats import FORMATS
    from ..render import RENDERERS
    from ..results import RESULT_FORMATS
    from ..store import STORES

    table = Table(title="credgraph formats and stores")
    for column in ("option", "name", "what"):
        table.add_column(column, overflow="fold")
    for name, r in RENDERERS.items():
        table.add_row("audit --format", name, r.description)
    for name, f in FORMATS.items():
        table.add_row("build --formats", name, f"{f.media_type}, .{f.extension}")
    for name, f in RESULT_FORMATS.items():
        kinds = "SELECT/ASK" if "select" in f.kinds else "CONSTRUCT/DESCRIBE"
        table.add_row("query --format", name, f"{f.media_type} ({kinds})")
    for name, factory in STORES.items():
        table.add_row("--store", name, (factory.__doc__ or "").strip().split("\n")[0])
    out.print(table)
