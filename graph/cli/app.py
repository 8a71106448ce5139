"""The ``credgraph`` application: the typer app, its consoles, the options several
commands share, and :func:`main`, which maps errors to exit codes.

Exit codes: 0 ok, 1 findings at or above ``--fail-on`` (audit), 2 bad input, 3 internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..errors import EXIT_BAD_INPUT, EXIT_INTERNAL, CredgraphError

app = typer.Typer(
    name="credgraph",
    help="Trace the figures in the news back to where they really came from.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain help: the boxed Rich help of typer 0.29 writes "<bool>" after every flag and
    # wraps option names mid-word in an 80-column terminal
    rich_markup_mode=None,
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


SHOWN_LOOPS = 5


def _loops(loops) -> None:
    """Note the relay loops (allowed: the audit reports them), the first few of them."""
    from ..chains import loop_text

    for cycle in loops[:SHOWN_LOOPS]:
        _note(f"relay loop (allowed, the audit reports it): {loop_text(cycle)}")
    if len(loops) > SHOWN_LOOPS:
        more = len(loops) - SHOWN_LOOPS
        _note(f"and {more:,} more relay loop{'s' if more != 1 else ''} "
              f"({len(loops):,} in all): credgraph audit lists every one")


InputArg = Annotated[Optional[str], typer.Argument(
    help="Annotation folder, RDF file (.trig, .ttl, .nt, .nq, .jsonld) or store (oxigraph:PATH, "
         "an http(s):// SPARQL endpoint, virtuoso+http:// for Virtuoso). Default: the bundled "
         "corpus.")]


CorpusArg = Annotated[Optional[Path], typer.Argument(
    metavar="[FOLDER]", help="Annotation folder (sources.yaml + reports/), as with --corpus. "
                             "Default: the bundled corpus.", file_okay=False)]


def _one_input(given, corpus: Path | None):
    """The input named by the positional argument or ``--corpus`` (the same folder either
    way); :class:`~credgraph.errors.InputError` when the two name different inputs."""
    if corpus is None:
        return given
    if given is not None and Path(given).resolve() != corpus.resolve():
        from ..errors import InputError

        raise InputError(f"two inputs given, {given} and --corpus {corpus}: give one")
    return corpus


def _store(spec: str) -> str | None:
    """``--store none`` (the default) reads the input without a store."""
    return None if spec == "none" else spec
AuditStoreOpt = Annotated[str, typer.Option(
    "--store", help="none (the default): read the input once, no store, the fastest; or load "
                    "it into oxigraph (in memory), oxigraph:PATH, memory (rdflib) or an "
                    "http(s):// SPARQL endpoint (virtuoso+http:// for Virtuoso; credentials "
                    "from CREDGRAPH_STORE_USER and CREDGRAPH_STORE_PASSWORD or a netrc file), "
                    "and audit everything there.")]


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so every ``finally`` runs (temporary files of a
    build are removed; nothing half-written stays behind)."""


@contextmanager
def _sigterm_unwinds():
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum, _frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


EXIT_TERMINATED = 143
"""The exit status after SIGTERM (128 + 15, as a shell reports it)."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map errors to exit codes (2 bad input, 3 internal) without a traceback."""
    try:
        with _sigterm_unwinds():
            code = app(args=argv, prog_name="credgraph", standalone_mode=False)
    except Terminated:
        err.print("stopped (SIGTERM): the files it was writing were removed; earlier output "
                  "is unchanged")
        return EXIT_TERMINATED
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
