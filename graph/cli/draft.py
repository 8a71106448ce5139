"""``credgraph draft``: from an article's text or HTML to a draft annotation (registered on
:data:`credgraph.cli.app.app`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from ..display import counted
from ..errors import EXIT_BAD_INPUT
from .app import _progress, app, err, out


@app.command()
def draft(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="Text (.txt) or HTML (.html, .htm) files, folders of them, "
                                 "or - for standard input.")],
    corpus: Annotated[Optional[Path], typer.Option(
        "--corpus", "-c", file_okay=False,
        help="The corpus folder to write into: texts/<id>.txt, reports/<id>.yaml, and new "
             "sources appended to sources.yaml. Optional with --dry-run.")] = None,
    report_id: Annotated[Optional[str], typer.Option(
        "--id", help="The report id (one input only). Default: the input file's name.")] = None,
    outlet: Annotated[Optional[str], typer.Option(
        "--outlet", help="The outlet that published it: a source id, name or alias (a new "
                         "one is proposed).")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", help="The publication date, YYYY-MM-DD.")] = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", help="The report kind (article, slideshow, telegram-post, statement, ...). "
                       "Default: guessed.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the report YAML and write nothing.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace a report (and its text) that exists already.")] = False,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Worker processes drafting in parallel (default: 1; 0 "
                                    "or none given with many inputs: one per CPU).")] = None,
):
    """Draft annotations from articles: every figure, its source and route, hedge, time and
    claim, with an ambiguity note on each guess. The analyst reviews instead of writes."""
    from ..draft.batch import draft_files
    from ..vocab import REPORT_KIND, members

    if kind is not None and kind not in members(REPORT_KIND):
        from ..errors import InputError

        raise InputError(f"--kind {kind!r} is not allowed; allowed: "
                         f"{', '.join(members(REPORT_KIND))}")
    with _progress("drafting") as progress:
        outcomes = draft_files(inputs, corpus, report_id=report_id, outlet=outlet, date=date,
                               kind=kind, dry_run=dry_run, force=force,
                               jobs=jobs if jobs is not None else (None if len(inputs) > 20
                                                                   else 1),
                               progress=progress)
    failed, code = 0, EXIT_BAD_INPUT
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            code = max(code, outcome.error.exit_code)
            err.print("[red]error:[/]", escape(str(outcome.error)), highlight=False,
                      soft_wrap=True)
            continue
        report = outcome.draft.report
        if dry_run:
            sys.stdout.write(outcome.draft.yaml)
            if outcome.draft.sources:
                from ..draft.writer import source_entries

                sys.stdout.write("# sources the draft would add to sources.yaml:\n" +
                                 source_entries(outcome.draft.sources))
            continue
        out.print(f"drafted {escape(outcome.input)} -> {escape(str(outcome.written[1]))}: "
                  f"{counted(len(report.mentions), 'figure')}, "
                  f"{counted(len(outcome.draft.sources), 'new source')} proposed", highlight=False, soft_wrap=True)
    if failed:
        if len(outcomes) > 1:
            err.print(f"{failed} of {counted(len(outcomes), 'input')} not drafted")
        raise typer.Exit(code)
