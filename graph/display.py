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

__all__ = ["display_text", "unify_line_breaks", "BIDI_CONTROLS", "LINE_BREAKS"]

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
