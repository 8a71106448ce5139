"""The audit on a terminal: what a fact-checker reads first.

One screen in this order: what was audited and what came out, in words; the key to the
Admiralty grade; the figures to look at first, each with its plain-words verdict
(:mod:`credgraph.verdict`); then every figure in a table that fits the terminal's width
(figure ids broken at their hyphens, one flag a line, never a word cut in two); the key
to the flags shown; and where the chains and reasons are.

>>> import io
>>> from credgraph.api import audit
>>> from rich.console import Console
>>> console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
>>> console.print(terminal_report(audit(), width=80))
>>> text = console.export_text()
>>> "Look at these first" in text and "--output audit.md" in text
True
>>> max(len(line) for line in text.splitlines()) <= 80
True
"""

from __future__ import annotations

import textwrap

from .admiralty import grade_key
from .audit import AuditResult, FigureAudit
from .checks import severity_rank
from .display import counted, display_text, terminal_text
from .verdict import verdict

__all__ = ["terminal_report", "summary_words", "numbered", "SHOWN_FIRST"]

SHOWN_FIRST = 8
"""How many figures the terminal shows with their verdicts before the table."""

_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}
_GRADE_STYLE = {1: "green", 2: "green", 3: "yellow"}


def summary_words(result: AuditResult) -> str:
    """The audit's outcome in one sentence.

    >>> from credgraph.api import audit
    >>> summary_words(audit(claims=["hur-southern-district-deserters"]))
    '1 claim in 1 report (1 with a number): 1 with an error, to look at first; 1 rests on a single independent origin.'
    """
    worst = [f.worst for f in result.figures]
    reports = {r for f in result.figures for r in f.claim.reports}
    parts = [f"{worst.count('error')} with an error, to look at first"]
    if worst.count("warning"):
        parts.append(f"{worst.count('warning')} with warnings")
    quiet = sum(1 for w in worst if w in (None, "info"))
    if quiet:
        parts.append(f"{quiet} with notes only or nothing flagged")
    single = sum(1 for f in result.figures if f.independent_origins == 1)
    rests = "rests" if single == 1 else "rest"
    head = f"{counted(len(result.figures), 'claim')} in {counted(len(reports), 'report')} " \
           f"({numbered(result)} with a number)"
    drafts = len(result.unreviewed_reports())
    tail = "" if not drafts else (
        f" {drafts} of the reports "
        f"{'is an unreviewed draft' if drafts == 1 else 'are unreviewed drafts'} (reviewed: "
        "false): their figures prove, rule out and confirm nothing until reviewed.")
    return f"{head}: {'; '.join(parts)}; {single} {rests} on a single independent origin.{tail}"


def numbered(result: AuditResult) -> int:
    """How many of the audited claims state a number (the SPARQL queries' "figures")."""
    return sum(1 for f in result.figures if f.claim.reference.figure is not None)


def _grade_line() -> str:
    key = grade_key()

    def ends(scale: str) -> str:
        values = key[scale]["values"]
        return f"{values[0][0]} ({values[0][1]}) to {values[-1][0]} ({values[-1][1]})"

    return (f"Grades (Admiralty code): source reliability {ends('reliability')}, then "
            f"information credibility {ends('credibility')}.")


def _first(result: AuditResult, width: int):
    from rich.text import Text

    shown = result.figures[:SHOWN_FIRST]
    out = Text()
    if not shown:
        return out
    out.append(f"Look at these first ({len(shown)} of {len(result.figures)}, by reach and "
               "weakness):\n", style="bold")
    indent = " " * 9
    for rank, fig in enumerate(shown, 1):
        grade = fig.grade
        out.append(f"{rank:>2}. ")
        out.append(f"{grade.code:<4}", style=_GRADE_STYLE.get(grade.credibility, "red"))
        head = textwrap.wrap(display_text(f"{fig.id}: {_value(fig)}"), width - len(indent),
                             break_on_hyphens=False)
        out.append(" " + "\n".join(head[:1] + [indent + h for h in head[1:]]) + "\n",
                   style="bold")
        for line in textwrap.wrap(display_text(verdict(fig)), width - len(indent)) or [""]:
            out.append(indent + line + "\n")
    return out


def _value(fig: FigureAudit) -> str:
    figure = fig.claim.reference.figure
    return figure.describe() if figure else "(no number)"


def _flags(fig: FigureAudit):
    from rich.text import Text

    seen: dict[str, str] = {}
    for f in fig.findings:
        if f.check not in seen or severity_rank(f.severity) > severity_rank(seen[f.check]):
            seen[f.check] = f.severity
    text = Text()
    ranked = sorted(seen.items(), key=lambda kv: -severity_rank(kv[1]))
    for i, (check, severity) in enumerate(ranked):
        text.append(("\n" if i else "") + display_text(check), style=_SEVERITY_STYLE[severity])
    return text if seen else Text("-")


def _table(result: AuditResult, width: int):
    from rich import box
    from rich.table import Table

    checks = {f.check for fig in result.figures for f in fig.findings}
    flags_w = max([len(c) for c in checks] + [5])
    figure_w = max(width - (5 + 4 + 5 + flags_w + 4 * 2), 16)  # what the others leave
    table = Table(title=f"All {counted(len(result.figures), 'claim')}, most urgent first",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
                  collapse_padding=True)
    table.add_column("grade", width=5, no_wrap=True)
    table.add_column("claim: id, then figure", width=figure_w)
    table.add_column("rep.", width=4, justify="right")
    table.add_column("orig.", width=5, justify="right")
    table.add_column("flags", width=flags_w, overflow="fold")
    for fig in result.figures:
        cell = terminal_text("\n".join(textwrap.wrap(display_text(fig.id), figure_w,
                                                     break_on_hyphens=True)))
        cell.append("\n" + "\n".join(textwrap.wrap(display_text(_value(fig)), figure_w)),
                    style="dim")
        low, high = fig.independent_origins, fig.independent_origins_max
        table.add_row(terminal_text(fig.grade.code, _GRADE_STYLE.get(fig.grade.credibility, "red")),
                      cell, str(len(fig.claim.reports)),
                      str(low) if low == high else f"{low}-{high}", _flags(fig))
    return table


def _flag_key(result: AuditResult) -> str:
    from .checks import load_builtin_checks

    shown = {f.check for fig in result.figures for f in fig.findings}
    lines = ["rep. = reports stating the figure; orig. = its independent origins (a range "
             "when some may depend on others). Flags (red: error, yellow: warning):"]
    lines += [f"{c.name}: {c.description}" for c in load_builtin_checks().values()
              if c.name in shown]
    return lines


def _wrapped(lines: list[str], width: int) -> str:
    """Lines wrapped to *width*, each continuation indented under its first words."""
    out = []
    for i, line in enumerate(lines):
        pad = "  " if i else ""
        out += textwrap.wrap(display_text(line), width, initial_indent=pad,
                             subsequent_indent=pad + "  ", break_on_hyphens=False)
    return "\n".join(out)


def terminal_report(result: AuditResult, width: int = 80):
    """The audit as one rich renderable *width* columns wide (see the module's docstring)."""
    from rich.console import Group
    from rich.text import Text

    width = max(width, 60)
    title = terminal_text(f"credgraph audit: {result.input}", "bold")
    parts = [title, Text(_wrapped([summary_words(result)], width)),
             Text(_wrapped([_grade_line()], width)), Text(""), _first(result, width)]
    if result.figures:
        parts += [_table(result, width), Text(_wrapped(_flag_key(result), width))]
    parts.append(Text(_wrapped([
        "Every figure's chains, grade reason and findings: credgraph audit --format markdown "
        "--output audit.md (or --format html, or credgraph view for the graph)."], width)))
    return Group(*parts)
