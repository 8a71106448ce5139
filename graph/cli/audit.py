"""``credgraph audit``, ``checks`` and ``view``: the provenance audit and how to look at it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..display import counted
from ..errors import EXIT_FINDINGS, InputError
from .app import (AuditStoreOpt, CorpusOpt, InputArg, _emit, _note, _one_input, _progress, _store,
                  app, out)


def _audit_formats() -> list[str]:
    from ..render import RENDERERS

    return RENDERERS.names()


@app.command()
def audit(
    source: InputArg = None,
    corpus: CorpusOpt = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", autocompletion=_audit_formats,
        help="Output format: table, json, markdown, html, csv or a plugin's "
             "(credgraph formats lists them).")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.",
                                                   dir_okay=False)] = None,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", help="Exit 1 when any finding is at this severity or above: info, "
                          "warning or error.")] = None,
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
    from ..api import audit as audit_input
    from ..audit_rdf import findings_graph
    from ..checks import severity_rank
    from ..render import RENDERERS

    renderer = RENDERERS[fmt]  # an unknown one is bad input, before any work
    if fail_on is not None:
        severity_rank(fail_on)
    with _progress("reading the input") as progress:
        result = audit_input(_one_input(source, corpus), store=_store(store), checks=check, claims=figure,
                             progress=progress)
    if figure and not result.figures:
        raise InputError(f"no figure with id {', '.join(figure)} in {result.input}")
    if renderer.terminal is not None and output is None:
        out.print(renderer.terminal(result, out.width))
    else:
        _emit(renderer.chunks(result) if renderer.chunks else renderer.render(result), output)
    if rdf is not None:
        _emit(findings_graph(result).serialize(format="turtle"), rdf)
    if fail_on is not None:
        failing = list(result.findings(fail_on))
        if failing:
            figures = len({fig.id for fig, _finding in failing})
            _note(f"exit {EXIT_FINDINGS}: {counted(len(failing), 'finding')} at {fail_on} or "
                  f"above (--fail-on {fail_on}), in {counted(figures, 'figure')}")
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
    corpus: CorpusOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The HTML file to write (self-contained, works offline).",
        dir_okay=False)] = ...,
    figure: Annotated[Optional[str], typer.Option(
        "--figure", help="Show only this figure's chains (a claim id).")] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the file in the web browser.")
                     ] = False,
    store: AuditStoreOpt = "none",
    max_figures: Annotated[int, typer.Option(
        "--max-figures", min=1, help="Show at most this many figures, the highest priority first "
        "(a browser stays responsive up to a few thousand nodes).")] = 400,
):
    """Write the interactive graph viewer: sources, outlets, reports, figures and relays."""
    import webbrowser

    from ..api import audit as audit_input
    from ..view import counts_note
    from ..view import view as render_view

    with _progress("reading the input") as progress:
        result = audit_input(_one_input(source, corpus), store=_store(store),
                             progress=progress)
    if figure is None and len(result.figures) > max_figures:
        _note(f"showing {counts_note(max_figures, len(result.figures))}: "
              "--figure ID shows one, --max-figures N more")
    _emit(render_view(result, figure=figure, max_figures=max_figures), output)
    if open_ and not webbrowser.open(output.resolve().as_uri()):
        _note(f"no web browser found to open {output}: open that file in one "
              "(or set BROWSER to the command that starts one)")
