"""Render an audit for people and programs: terminal table, JSON, Markdown, HTML, CSV.

Every renderer is registered by name in :data:`RENDERERS`, which is what ``credgraph audit
--format`` chooses from. The Markdown and HTML reports draw each chain as text, origin
first (``origin -> relay -> relay -> report``), say what is wrong, and why the grade.

Names, titles, statements and units come from files anyone can write: every field goes
through :mod:`credgraph.display`'s rule for its output (``markdown_text``, ``html_text``,
``csv_cell``, ``terminal_text``), which first strips bidirectional and control
characters. JSON is data for programs and keeps every character (escaped as JSON).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .audit import AuditResult, FigureAudit
from .display import csv_cell, html_text, markdown_text, terminal_text
from .plugins import Plugins
from .terminal import numbered, terminal_report

__all__ = ["RENDERERS", "Renderer", "register_renderer", "render", "render_chunks",
           "json_chunks", "chain_text", "node_label"]


def node_label(result: AuditResult, node: str) -> str:
    """A readable name for a citation-graph node.

    ``statement/<claim>/<source>`` becomes the source's name; ``mention/<report>/<id>``
    becomes the report id.
    """
    kind, _, rest = node.partition("/")
    if kind == "statement":
        source = rest.rsplit("/", 1)[-1]
        trace = result.trace
        if trace is not None and source in trace.registry:
            return trace.registry[source].name
        return source
    if kind == "mention":
        return rest.rsplit("/", 1)[0]
    return node


def chain_text(result: AuditResult, chain: list[str]) -> str:
    """A chain drawn origin first, consecutive repeats (a heading relaying its body) merged."""
    labels = []
    for node in reversed(chain):
        label = node_label(result, node)
        if not labels or labels[-1] != label:
            labels.append(label)
    return " -> ".join(labels)


def _chain_lines(result: AuditResult, fig: FigureAudit) -> list[str]:
    """A figure's chains as drawn, each drawing once (two mentions of one report relaying
    the same origin draw the same line)."""
    return list(dict.fromkeys(chain_text(result, c) for c in fig.claim.chains))


def _value(fig: FigureAudit) -> str:
    figure = fig.claim.reference.figure
    return figure.describe() if figure else "(qualitative)"


def _flags(fig: FigureAudit) -> str:
    return ", ".join(dict.fromkeys(f.check for f in fig.findings)) or "-"


def json_chunks(result: AuditResult) -> Iterator[str]:
    """:func:`render_json`'s text piece by piece (a figure a piece), for writing a large
    audit to a file without holding it all: at a million mentions it is over a gigabyte."""
    dump = json.JSONEncoder(ensure_ascii=False, default=str).encode
    yield '{"figures": ['
    for i, fig in enumerate(result.figures):
        yield (",\n  " if i else "\n  ") + dump(fig.as_dict())
    summary = json.dumps(result.summary(), indent=2, ensure_ascii=False, default=str)
    yield ("\n" if result.figures else "") + '],\n"summary": ' + summary + "}\n"


def render_json(result: AuditResult) -> str:
    """``{"figures": [...], "summary": {...}}`` with one figure per line: readable, easy to
    grep, and written by the C encoder (indented JSON goes through Python's own, which takes
    seconds for a hundred thousand figures)."""
    return "".join(json_chunks(result))


def render_csv(result: AuditResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "statement", "value", "reports", "apparent_sources",
                     "independent_origins", "origins", "grade", "flags", "grade_reason"])
    for fig in result.figures:
        writer.writerow([csv_cell(cell) for cell in (
            fig.id, fig.claim.reference.text, _value(fig), " ".join(fig.claim.reports),
            fig.apparent_sources, fig.independent_origins,
            "; ".join(a.label for a in fig.origins), fig.grade.code, _flags(fig),
            fig.grade.reason)])
    return buf.getvalue()


def render_markdown(result: AuditResult) -> str:
    m = markdown_text
    s = result.summary()
    lines = [
        "# credgraph provenance audit", "",
        f"Input: {m(s['input'])}. Claims audited: {s['figures']} ({numbered(result)} with a "
        f"number), flagged: {s['flagged_figures']}, "
        f"resting on a single independent origin: {s['single_origin_figures']}.", "",
        "| figure | value | reports | independent origins | grade | flags |",
        "|---|---|---|---|---|---|",
    ]
    for fig in result.figures:
        lines.append(f"| {m(fig.id)} | {m(_value(fig))} | {fig.apparent_sources} | "
                     f"{fig.independent_origins} | {m(fig.grade.code)} | {m(_flags(fig))} |")
    for fig in result.figures:
        lines += ["", f"## {m(fig.id)}: {m(_value(fig))}", "", m(fig.claim.reference.text), "",
                  f"**Grade {m(fig.grade.code)}**: {m(fig.grade.reason)}.", "", "Chains:"]
        lines += [f"- {m(text)}" for text in _chain_lines(result, fig)]
        if fig.fact_checks:
            lines += ["", "Published fact checks:"]
            lines += [f"- {m(note.text())}" for note in fig.fact_checks]
        if fig.findings:
            lines += ["", "What is wrong:"]
            lines += [f"- **{m(f.check)}** ({m(f.severity)}): {m(f.message)}"
                      for f in fig.findings]
    return "\n".join(lines) + "\n"


def render_html(result: AuditResult) -> str:
    e = html_text
    s = result.summary()
    rows = "".join(
        f"<tr><td><a href='#{e(f.id)}'>{e(f.id)}</a></td><td>{e(_value(f))}</td>"
        f"<td>{f.apparent_sources}</td><td>{f.independent_origins}</td>"
        f"<td>{e(f.grade.code)}</td><td>{e(_flags(f))}</td></tr>" for f in result.figures)
    sections = []
    for fig in result.figures:
        chains = "".join(f"<li>{e(text)}</li>" for text in _chain_lines(result, fig))
        found = "".join(f"<li><b>{e(f.check)}</b> ({e(f.severity)}): {e(f.message)}</li>"
                        for f in fig.findings) or "<li>nothing flagged</li>"
        checked = "".join(f"<li>{e(note.text())}</li>" for note in fig.fact_checks)
        sections.append(
            f"<section id='{e(fig.id)}'><h2>{e(fig.id)}: {e(_value(fig))}</h2>"
            f"<p>{e(fig.claim.reference.text)}</p>"
            f"<p><b>Grade {e(fig.grade.code)}</b>: {e(fig.grade.reason)}.</p>"
            f"<h3>Chains</h3><ul>{chains}</ul><h3>What is wrong</h3><ul>{found}</ul>"
            + (f"<h3>Published fact checks</h3><ul>{checked}</ul>" if checked else "")
            + "</section>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>credgraph provenance audit</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
        "</style></head><body><h1>credgraph provenance audit</h1>"
        f"<p>Input: {e(s['input'])}. Claims audited: {s['figures']} ({numbered(result)} with a "
        f"number), flagged: {s['flagged_figures']}."
        "</p><table><tr><th>figure</th><th>value</th><th>reports</th>"
        f"<th>independent origins</th><th>grade</th><th>flags</th></tr>{rows}</table>"
        + "".join(sections) + "</body></html>\n")


@dataclass(frozen=True, slots=True)
class Renderer:
    """An audit output format: its name, what it is for, how it writes an audit (whole, and
    piece by piece where it can), and how it shows one on a terminal, if differently."""

    name: str
    description: str
    render: Callable[[AuditResult], str]
    chunks: Callable[[AuditResult], Iterable[str]] | None = None
    terminal: Callable[[AuditResult, int], object] | None = None
    """A rich renderable for a terminal of the given width (colours, a table that fits)."""


def _plain_report(result: AuditResult) -> str:
    """The terminal report as plain text, 100 columns wide (``--format table -o FILE``)."""
    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(terminal_report(result, 100))
    return console.export_text()


RENDERERS: Plugins[Renderer] = Plugins("audit format", "credgraph.renderers")
"""Audit output formats by name: what ``credgraph audit --format`` chooses from. A user's
renderer joins with :func:`register_renderer` or the ``credgraph.renderers`` entry point
group (a :class:`Renderer`, or a module that registers its own)."""


def register_renderer(renderer: Renderer) -> Renderer:
    return RENDERERS.register(renderer.name, renderer)


for _renderer in (
    Renderer("table", "a first look: the figures to check first with their verdicts, then "
             "all of them in a table, most urgent first", _plain_report,
             terminal=terminal_report),
    Renderer("json", "the stable interface: every figure, origin, chain and finding",
             render_json, json_chunks),
    Renderer("markdown", "a report to read: each figure's chains, what is wrong, why the grade",
             render_markdown),
    Renderer("html", "the Markdown report as a web page", render_html),
    Renderer("csv", "one row per figure, for a spreadsheet", render_csv),
):
    register_renderer(_renderer)


def render(result: AuditResult, fmt: str) -> str:
    """The audit in one registered format."""
    return RENDERERS[fmt].render(result)


def render_chunks(result: AuditResult, fmt: str) -> Iterable[str]:
    """The same text as :func:`render`, in pieces where the format allows.

    >>> from credgraph.api import audit
    >>> result = audit(None)
    >>> "".join(render_chunks(result, "json")) == render(result, "json")
    True
    """
    renderer = RENDERERS[fmt]
    return renderer.chunks(result) if renderer.chunks else [renderer.render(result)]
