"""The ``credgraph`` command: a thin shell over the library.

Exit codes: 0 ok, 1 findings at or above ``--fail-on`` (audit), 2 bad input, 3 internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import __version__
from ..errors import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL, CredgraphError, InputError

app = typer.Typer(
    name="credgraph",
    help="Trace the figures in the news back to where they really came from.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

CorpusOpt = Annotated[Optional[Path], typer.Option(
    "--corpus", "-c", help="Annotation folder (sources.yaml + reports/). Default: the bundled corpus.",
    file_okay=False)]
SeedsOpt = Annotated[Optional[Path], typer.Option(
    "--seeds", help="Folder of seed texts: also check every evidence offset against it.",
    file_okay=False)]


def _version(value: bool):
    if value:
        out.print(f"credgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False):
    """credgraph: source-credibility knowledge graph."""


def _emit(text: str | Iterable[str], output: Path | None, note: str = "") -> None:
    """Write *text* (or its pieces) to standard output, or atomically to *output* and say so."""
    pieces = [text] if isinstance(text, str) else text
    if output is None:
        sys.stdout.writelines(pieces)
        return
    from ..formats import atomic_writer

    with atomic_writer(output) as fh:
        fh.writelines(pieces)
    err.print(f"wrote {output}{note}")


def _note(message: str) -> None:
    err.print(f"[yellow]note:[/] {escape(message)}", soft_wrap=True)


@contextmanager
def _progress(what: str):
    """A progress bar on a terminal's standard error, gone when done; elsewhere nothing.
    Yields a ``(done, total)`` callback."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(what, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _corpus(path: Path | None):
    from ..annotations import bundled_corpus, load_corpus

    return load_corpus(path or bundled_corpus())


def _checked(corpus, seeds: Path | None, *, shacl: bool = True):
    """Build the dataset, run SHACL and the evidence check; report relay loops."""
    from ..build import relay_cycles, to_dataset
    from ..errors import AnnotationError, AnnotationErrors
    from ..validation import check_evidence, check_shapes

    dataset = to_dataset(corpus)
    if shacl:
        check_shapes(dataset)
    problems = check_evidence(corpus, seeds)  # seed files with --seeds; the corpus's texts always
    if problems:
        raise AnnotationErrors([AnnotationError(p, field="evidence") for p in problems])
    for cycle in relay_cycles(corpus):
        err.print(f"[yellow]note:[/] relay loop (allowed, reported): {' -> '.join(cycle)}")
    return dataset


@app.command()
def build(
    corpus: CorpusOpt = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.",
                                         file_okay=False)] = Path("out"),
    formats: Annotated[str, typer.Option(
        "--formats", "-f", help="Comma-separated: trig, turtle, ntriples, nquads, json-ld.")
    ] = "trig,turtle,ntriples,json-ld",
    seeds: SeedsOpt = None,
    shacl: Annotated[bool, typer.Option(help="Validate the result with the SHACL shapes.")] = True,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Processes reading report files when only nquads/ntriples "
        "are written with --no-shacl (default: one per CPU).")] = None,
):
    """Read the annotations, validate them, and write the RDF (one named graph per report).

    With only line formats (nquads, ntriples), --no-shacl and no --seeds, the RDF is
    streamed to the files by parallel readers, without a graph in memory: the way to build
    a large corpus.
    """
    from ..bulk import LINE_FORMATS, build_lines
    from ..formats import get_format, write_outputs

    fmts = [get_format(f.strip()).name for f in formats.split(",") if f.strip()]
    if fmts and set(fmts) <= set(LINE_FORMATS) and not shacl and seeds is None:
        from ..annotations import bundled_corpus

        with _progress("reading report files") as progress:
            summary = build_lines(corpus or bundled_corpus(), output, fmts, jobs,
                                  progress=progress)
        for cycle in summary.loops:
            _note(f"relay loop (allowed, reported): {' -> '.join(cycle)}")
        for path in summary.paths:
            out.print(f"wrote {path}")
        out.print(f"{summary.reports} reports, {summary.mentions} mentions, "
                  f"{summary.quads} lines in {summary.paths[0].name}")
        return
    data = _corpus(corpus)
    if sum(len(r.mentions) for r in data.reports.values()) > 20_000:
        _note("a large corpus: -f nquads --no-shacl streams it with parallel readers, "
              "without a graph in memory")
    dataset = _checked(data, seeds, shacl=shacl)
    for path in write_outputs(dataset, output, fmts):
        out.print(f"wrote {path}")


@app.command()
def validate(
    corpus: CorpusOpt = None,
    seeds: SeedsOpt = None,
    shacl: Annotated[bool, typer.Option(help="Validate the RDF with the SHACL shapes.")] = True,
):
    """Check the annotations and the SHACL shapes without writing anything."""
    data = _corpus(corpus)
    _checked(data, seeds, shacl=shacl)
    out.print(f"[green]ok[/]: {len(data.reports)} reports, "
              f"{sum(len(r.mentions) for r in data.reports.values())} mentions, "
              f"{len(data.registry)} sources")


InputArg = Annotated[Optional[Path], typer.Argument(
    help="Annotation folder or RDF file (.trig, .ttl, .nt, .nq, .jsonld). Default: the bundled "
         "corpus.")]
StoreOpt = Annotated[str, typer.Option(
    "--store", help="oxigraph (in memory, the default), oxigraph:PATH, memory (rdflib), or an "
                    "http(s):// SPARQL endpoint.")]
AuditStoreOpt = Annotated[str, typer.Option(
    "--store", help="none (the default): read the input once, no store, the fastest; or load "
                    "it into oxigraph (in memory), oxigraph:PATH, memory (rdflib) or an "
                    "http(s):// SPARQL endpoint, and audit everything there.")]


@app.command()
def stats(source: InputArg = None, store: StoreOpt = "oxigraph"):
    """Print counts: reports, sources, claims, mentions, figures, named graphs, triples."""
    from ..loading import load_input
    from ..sparql import graph_stats

    counts = graph_stats(load_input(source, store))
    table = Table(title="credgraph stats")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in counts.items():
        table.add_row(name, str(value))
    out.print(table)


class AuditFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


@app.command()
def audit(
    source: InputArg = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = AuditFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.",
                                                   dir_okay=False)] = None,
    fail_on: Annotated[Optional[Severity], typer.Option(
        "--fail-on", help="Exit 1 when any finding is at this severity or above.")] = None,
    check: Annotated[Optional[list[str]], typer.Option(
        "--check", help="Run only this check (repeatable). See `credgraph checks`.")] = None,
    figure: Annotated[Optional[list[str]], typer.Option(
        "--figure", help="Audit only this claim id (repeatable).")] = None,
    rdf: Annotated[Optional[Path], typer.Option(
        "--rdf", help="Also write the findings as RDF (Turtle): ClaimReviews and the run.",
        dir_okay=False)] = None,
    store: AuditStoreOpt = "none",
):
    """Trace every figure to its origins, run the checks, grade it (Admiralty code)."""
    from ..audit import audit_input, findings_graph
    from ..loading import describe_input
    from ..render import render_chunks, rich_table

    with _progress("reading the input") as progress:
        result = audit_input(source, store, checks=check, claims=figure, progress=progress)
    if figure and not result.figures:
        raise InputError(f"no figure with id {', '.join(figure)} in {describe_input(source)}")
    if fmt is AuditFormat.table and output is None:
        out.print(rich_table(result))
        s = result.summary()
        out.print(f"{s['figures']} figures, {s['flagged_figures']} flagged, "
                  f"{s['single_origin_figures']} resting on a single independent origin; "
                  f"findings: {s['findings_by_severity']}")
    else:
        _emit(render_chunks(result, "markdown" if fmt is AuditFormat.table else fmt.value), output)
    if rdf is not None:
        _emit(findings_graph(result).serialize(format="turtle"), rdf)
    if fail_on is not None and any(True for _ in result.findings(fail_on.value)):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def checks():
    """List the audit checks (built-in and plugins) with their default severity."""
    from ..checks import load_builtin_checks

    table = Table(title="credgraph audit checks")
    table.add_column("check")
    table.add_column("severity")
    table.add_column("what it flags")
    for c in load_builtin_checks().values():
        table.add_row(c.name, c.severity, c.description)
    out.print(table)


@app.command()
def view(
    source: InputArg = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The HTML file to write (self-contained, works offline).",
        dir_okay=False)] = ...,
    figure: Annotated[Optional[str], typer.Option(
        "--figure", help="Show only this figure's chains (a claim id).")] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the file in the web browser.")
                     ] = False,
    store: AuditStoreOpt = "none",
    max_figures: Annotated[int, typer.Option(
        "--max-figures", min=1, help="Show at most this many figures, the most flagged first "
        "(a browser stays responsive up to a few thousand nodes).")] = 400,
):
    """Write the interactive graph viewer: sources, outlets, reports, figures and relays."""
    import webbrowser

    from ..audit import audit_input
    from ..view import view as render_view

    with _progress("reading the input") as progress:
        result = audit_input(source, store, progress=progress)
    if figure is None and len(result.figures) > max_figures:
        _note(f"showing the {max_figures:,} most flagged of {len(result.figures):,} figures: "
              "--figure ID shows one, --max-figures N more")
    _emit(render_view(result, figure=figure, max_figures=max_figures), output)
    if open_:
        webbrowser.open(output.resolve().as_uri())


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map errors to exit codes (2 bad input, 3 internal) without a traceback."""
    try:
        code = app(args=argv, standalone_mode=False)
    except CredgraphError as exc:
        err.print("[red]error:[/]", escape(str(exc)), highlight=False, soft_wrap=True)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        return EXIT_BAD_INPUT
    except typer.TyperException as exc:  # usage errors: unknown option, bad value ...
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err.print(f"[red]usage error:[/] {escape(exc.format_message())}\n"
                      "Try 'credgraph --help'.")
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - anything else is a bug: exit 3, no traceback
        err.print(f"[red]internal error:[/] {type(exc).__name__}: {escape(str(exc))}\n"
                  "This is a bug in credgraph; please report it with the command you ran.")
        return EXIT_INTERNAL
    return code if isinstance(code, int) else 0


from . import sparql  # noqa: E402 - registers load, query and serve on the app

__all__ = ["app", "main", "sparql"]
