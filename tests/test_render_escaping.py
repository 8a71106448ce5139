"""Every field through every audit output comes out inert.

An invented corpus (tests/data/injection-corpus) puts payloads in source names, reasons,
titles, statements and units: raw HTML, Markdown links and images, a line break followed
by a heading, table pipes, spreadsheet formulas, rich markup, ANSI escapes (colours, a
screen clear, a terminal hyperlink) and a right-to-left override. The Markdown is rendered
by a CommonMark renderer with raw HTML on (markdown-it-py), the HTML parsed, the CSV read
back, the terminal tables printed to a fake terminal. The same Markdown and HTML open in
headless Chromium in tests/browser/test_audit_pages.py.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from credgraph.api import audit
from credgraph.render import render
from credgraph.terminal import terminal_report
from credgraph.results import QueryResult
from credgraph.results import rich_table as result_table

CORPUS = Path(__file__).parent / "data" / "injection-corpus"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def result():
    return audit(CORPUS)


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def tags_of(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def markdown_to_html(text: str, preset: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt(preset, {"html": True})
    if preset == "commonmark":
        md.enable("table")
    return md.render(text)


@pytest.mark.parametrize("preset", ["commonmark", "default"])
def test_markdown_renders_only_its_own_structure(result, preset):
    html = markdown_to_html(render(result, "markdown"), preset)
    found = tags_of(html)
    allowed = {"h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
               "strong"}
    assert {tag for tag, _ in found.tags} <= allowed, html
    assert all(not attrs for _, attrs in found.tags)  # no src, href, onerror, style
    names = [tag for tag, _ in found.tags]
    assert names.count("h1") == 1 and names.count("h2") == len(result.figures)
    assert names.count("tr") == len(result.figures) + 1
    assert names.count("td") == 6 * len(result.figures)  # no pipe split a cell
    text = "".join(found.text)
    assert "<script>window.__p=1</script>" in text  # shown, as text
    assert "![pixel](http://127.0.0.1:9/pixel.png)" in text and "\u202e" not in text


def test_markdown_keeps_each_field_on_its_line(result):
    lines = render(result, "markdown").splitlines()
    assert not [line for line in lines if line.startswith("# ") and "Injected" in line]
    rows = [line for line in lines if line.startswith("| payload")]
    assert len(rows) == 2 and all(len(re.findall(r"(?<!\\)\|", row)) == 7 for row in rows)


def test_html_has_only_its_own_tags_and_attributes(result):
    found = tags_of(render(result, "html"))
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p",
               "table", "tr", "th", "td", "a", "section", "ul", "li", "b"}
    assert {tag for tag, _ in found.tags} <= allowed
    for tag, attrs in found.tags:
        assert set(attrs) <= {"lang", "charset", "href", "id"}, (tag, attrs)
        assert attrs.get("href", "#").startswith("#")
    assert "\u202e" not in render(result, "html")


def test_csv_cells_start_with_no_formula(result):
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.lstrip(" ").startswith(FORMULA)]
    statements = {row[0]: row[1] for row in rows[1:]}
    assert statements["payload-figure"].startswith("'=1+1")
    assert all("\u202e" not in c and "\x1b" not in c for c in cells)


def _terminal(renderable) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      width=400)
    console.print(renderable)
    return console.file.getvalue()


def _foreign_escapes(printed: str) -> list[str]:
    """Escape sequences that are not rich's own styling (``ESC [ ... m``)."""
    return [m for m in re.findall(r"\x1b[^\x1b]{0,12}", printed)
            if not re.match(r"\x1b\[[0-9;]*m", m)]


def test_the_audit_table_prints_markup_and_escapes_as_text(result):
    printed = _terminal(terminal_report(result, 400))
    assert not _foreign_escapes(printed)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", printed)
    assert "[bold red]rich[/]" in plain and "\u202e" not in plain


def test_the_query_table_prints_markup_and_escapes_as_text():
    hostile = "[link=http://127.0.0.1:9/]x[/link] \x1b]8;;http://127.0.0.1:9/\x1b\\ \x1b[2J"
    table = result_table(QueryResult.select(["[red]v[/]"], [(Literal(hostile),),
                                                            (URIRef("http://x/\u202e"),)]),
                         title="[blink]title[/]")
    printed = _terminal(table)
    assert not _foreign_escapes(printed)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", printed)
    assert "[link=http://127.0.0.1:9/]x[/link]" in plain and "[blink]title[/]" in plain
    assert "[red]v[/]" in plain and "\u202e" not in plain
