"""``credgraph export claimreview`` and ``credgraph import claimreview``: the audit as
schema.org ClaimReview for other desks, and the fact checks they published linked in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import InputError
from .app import CorpusOpt, InputArg, _emit, _note, _one_input, _progress, app, err

export_app = typer.Typer(help="Write the audit in a format other desks read.",
                         no_args_is_help=True, rich_markup_mode=None)
import_app = typer.Typer(help="Read what other desks published into a corpus.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")

EXPORT_FORMATS = ("jsonld", "csv")


@export_app.command("claimreview")
def export_claimreview(
    source: InputArg = None,
    corpus: CorpusOpt = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write to this file (default: standard output).",
        dir_okay=False)] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="jsonld: a schema.org DataFeed of ClaimReviews (the Fact Check "
                               "Tools and Data Commons shape); csv: one row per review, the "
                               "columns of fact-check datasets.")] = "jsonld",
    reviewer: Annotated[str, typer.Option(
        "--reviewer", help="Who publishes the reviews (their author).")] = "credgraph",
    reviewer_url: Annotated[Optional[str], typer.Option(
        "--reviewer-url", help="The reviewer's page (http or https): the author's url, and "
                               "each review's url is it with the claim id as anchor.")] = None,
    figure: Annotated[Optional[list[str]], typer.Option(
        "--figure", help="Export only this claim id (repeatable).")] = None,
):
    """One schema.org ClaimReview per audited figure: claim, origins, appearances, verdict."""
    from ..api import audit as audit_input
    from ..claimreview import Reviewer, feed_csv, feed_json

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; allowed: {', '.join(EXPORT_FORMATS)}")
    if reviewer_url is not None and not reviewer_url.startswith(("http://", "https://")):
        raise InputError(f"--reviewer-url {reviewer_url!r}: an http:// or https:// URL")
    with _progress("reading the input") as progress:
        result = audit_input(_one_input(source, corpus), claims=figure, progress=progress)
    if figure and not result.figures:
        raise InputError(f"no figure with id {', '.join(figure)} in {result.input}")
    who = Reviewer(reviewer, reviewer_url)
    text = feed_csv(result, who) if fmt == "csv" else feed_json(result, who)
    _emit(text, output, f" ({len(result.figures)} claim reviews)")


@import_app.command("claimreview")
def import_claimreview(
    files: Annotated[list[Path], typer.Argument(
        help="ClaimReview JSON-LD: one review, a list, a DataFeed, an HTML page with "
             "<script type=\"application/ld+json\"> elements, or JSON Lines (.jsonl).",
        dir_okay=False)],
    corpus: Annotated[Path, typer.Option(
        "--corpus", "-c", help="The annotation folder to keep them beside (fact_checks/).",
        file_okay=False)] = ...,
):
    """Store published fact checks beside a corpus, each linked to the claims it matches."""
    from ..api import import_claimreviews

    done = import_claimreviews(files, corpus)
    for path in done.paths:
        err.print(f"wrote {path}")
    err.print(f"{done.reviews} review{'s' if done.reviews != 1 else ''}, "
              f"{done.links} link{'s' if done.links != 1 else ''} to claims")
    for where in done.unlinked:
        _note(f"{where}: matches no claim of {corpus}")
