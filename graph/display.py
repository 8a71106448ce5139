"""Display text: what every output does to annotation text before a person reads it.

Names, titles, statements and units come from annotation files and RDF that anyone can
write. Before any renderer (terminal, Markdown, HTML, CSV, the viewer) escapes them for
its own syntax, :func:`display_text` removes what no format should pass on: the Unicode
bidirectional controls that make text render reversed or out of order (U+202A-U+202E,
U+2066-U+2069, U+200E, U+200F, U+061C), and control characters (C0 but tab and line feed,
DEL, C1, which hold the terminal's ANSI escapes). Line breaks are made line feeds; each
renderer decides what a line feed becomes.

>>> display_text("Mediazona \\u202egnp.exe")
'Mediazona gnp.exe'
>>> display_text("red \\x1b[31malert\\x1b[0m\\r\\nnext")
'red [31malert[0m\\nnext'
>>> display_text(None)
''
"""

from __future__ import annotations

import re

__all__ = ["counted", "display_text", "unify_line_breaks", "markdown_text", "html_text", "csv_cell",
           "terminal_text", "BIDI_CONTROLS", "LINE_BREAKS"]

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
"""The Unicode characters that reorder the text around them when it is displayed."""

LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
"""Every line break but the line feed: CR, CRLF, form feed, vertical tab, NEL, U+2028,
U+2029. Readers disagree on which of these end a line (a SPARQL engine ends a comment at a
CR, rdflib's parser does not); made line feeds, they mean one thing to every reader."""
_REMOVED = re.compile("[" + "".join(sorted(BIDI_CONTROLS))
                      + r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def unify_line_breaks(text: str) -> str:
    r"""*text* with every line break a line feed (:data:`LINE_BREAKS`).

    >>> unify_line_breaks("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    return LINE_BREAKS.sub("\n", text)


def display_text(text) -> str:
    """*text* (any value; None is empty) without bidirectional or other control characters,
    every line break a line feed."""
    if text is None:
        return ""
    return _REMOVED.sub("", unify_line_breaks(str(text)))


# -- each output's own syntax, applied after display_text: one function a syntax --------------

_MARKDOWN_ANYWHERE = re.compile(r"([\\`*_\[\]<#|~&])")
_MARKDOWN_AT_START = re.compile(r"^(\d+)([.)])|^([-+=>])")


def markdown_text(text) -> str:
    r"""*text* as inert Markdown inline text, on one line (a table cell, a heading, a list
    item): line breaks become spaces, and every character that could start markup (HTML,
    links, images, emphasis, code, tables, entities, a list or a heading) is escaped.

    >>> markdown_text("<img src=x onerror=alert(1)>\n# Heading | cell")
    '\\<img src=x onerror=alert(1)> \\# Heading \\| cell'
    >>> markdown_text("1. [link](http://x/)")
    '1\\. \\[link\\](http://x/)'
    """
    flat = " ".join(display_text(text).split("\n")).strip()
    flat = _MARKDOWN_ANYWHERE.sub(r"\\\1", flat)
    return _MARKDOWN_AT_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


def html_text(text) -> str:
    """*text* escaped for HTML text and quoted attribute values.

    >>> html_text("<b title='x'>\\u202e")
    '&lt;b title=&#x27;x&#x27;&gt;'
    """
    import html

    return html.escape(display_text(text), quote=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value):
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (after leading spaces) gets a ``'`` in front.
    Numbers stay numbers.

    >>> csv_cell('=HYPERLINK("http://x/")'), csv_cell(" -2+3"), csv_cell(4)
    ('\\'=HYPERLINK("http://x/")', "' -2+3", 4)
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = display_text(value)
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def terminal_text(text, style: str = ""):
    """*text* as a rich ``Text``: printed as it is, no markup, no escape sequence.

    >>> terminal_text("[red]\\x1b[2Jalert[/]").plain
    '[red][2Jalert[/]'
    """
    from rich.text import Text

    return Text(display_text(text), style=style)


def counted(n: int, word: str, plural: str | None = None) -> str:
    """*n* and *word*, the word in the plural unless *n* is one (never "1 report(s)").

    >>> counted(1, "report"), counted(3, "report"), counted(0, "problem"), counted(2, "analysis", "analyses")
    ('1 report', '3 reports', '0 problems', '2 analyses')
    """
    return f"{n:,} {word if n == 1 else plural or word + 's'}"

