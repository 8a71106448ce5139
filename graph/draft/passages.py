"""Passages of a text: sentences, paragraphs, quotations, and lines that repeat.

Sentences follow the rule annotators use (``scripts/find_offsets.py`` imports it from
here): a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) before
white space, and at every line break, so headings, captions and bullet lines are sentences
of their own; a full stop after a single capital letter (``U.S.``) does not end one.

>>> text = "Headline here\\n\\nThe U.S. said 5. It added more.\\n“We left. All 14,” he said."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Headline here', 'The U.S. said 5.', 'It added more.', '“We left.', 'All 14,” he said.']
>>> [text[s:e] for s, e in quote_spans(text)]
['We left. All 14,']
>>> [text[s:e] for s, e in paragraph_spans(text)][1]
'The U.S. said 5. It added more.\\n“We left. All 14,” he said.'
"""

from __future__ import annotations

import bisect
import re

from .tables import find_tables, table_at

__all__ = ["TURN_LABEL", "sentence_spans", "sentence_bounds", "paragraph_spans", "quote_spans",
           "repeated_lines", "Passages"]

_CLOSERS = "\"'\u201d\u2019)]\u00bb"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of *text*, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            spans.append((start, i))
            start = i + 1
        elif ch in ".!?":
            j = i + 1
            while j < n and text[j] in ".!?":
                j += 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            initial = ch == "." and i >= 1 and text[i - 1].isupper() and (
                i < 2 or not text[i - 2].isalpha())
            if (j >= n or text[j].isspace()) and not initial:
                spans.append((start, j))
                start = i = j
                continue
        i += 1
    spans.append((start, n))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) that contain ``text[start:end]``."""
    spans = sentence_spans(text)
    first = next((s for s, e in spans if s <= start < e), start)
    last = next((e for s, e in spans if s < end <= e), end)
    return first, max(last, end)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: blocks between blank lines, or every line when the text has no blank
    line (as HTML extraction gives it)."""
    pattern = r"\n[ \t\r]*\n" if re.search(r"\n[ \t\r]*\n", text) else r"\n"
    spans, start = [], 0
    for match in re.finditer(pattern, text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The inside of every quotation (curly, guillemet or straight double quotes), each
    kept within its paragraph; an unclosed quotation runs to the paragraph's end."""
    spans = []
    for p_start, p_end in paragraph_spans(text):
        i = p_start
        while i < p_end:
            ch = text[i]
            close = _PAIRS.get(ch) or ('"' if ch == '"' else None)
            if close is None:
                i += 1
                continue
            j = text.find(close, i + 1, p_end)
            if ch == '"' and j == i + 1:  # an empty "" pair is a typo, not a quotation
                i = j + 1
                continue
            end = p_end if j < 0 else j
            if end - i > 1:
                spans.append((i + 1, end))
            i = end + 1
    return spans


def _normal_line(line: str) -> str:
    line = re.sub(r"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+", "", line)
    return " ".join(line.casefold().split())


def repeated_lines(text: str, sentences: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Sentences to leave out because the same line is drafted elsewhere: a headline that a
    page repeats, a slide title listed in a table of contents. Of the copies of a line, the
    first outside a block of list-like lines (menus, breadcrumbs, contents) is kept."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    listy = [_list_like(text[s:e]) for s, e in lines]
    in_block = set()
    run: list[int] = []
    for index, flag in enumerate(listy + [False]):
        adjacent = bool(run) and index < len(lines) and "\n\n" not in text[
            lines[run[-1]][1]:lines[index][0] + 1]
        if flag and (not run or adjacent):
            run.append(index)
            continue
        if len(run) >= 3:
            in_block.update(run)
        run = [index] if flag else []
    by_text: dict[str, list[tuple[int, int, bool]]] = {}
    for index, (s, e) in enumerate(lines):
        key = _normal_line(text[s:e])
        if len(key) >= 12:
            by_text.setdefault(key, []).append((s, e, index in in_block))
    skip_lines = []
    for copies in by_text.values():
        if len(copies) < 2:
            continue
        keep = next((c for c in copies if not c[2]), copies[0])
        skip_lines.extend((s, e) for s, e, _b in copies if (s, e, _b) != keep)
    seen = {}
    for s, e in sentences:  # a teaser or caption cut off with an ellipsis repeats a sentence
        body = " ".join(text[s:e].casefold().split())
        if body.endswith(("…", "...")) and len(body) > 30:
            stem = body.rstrip(".…").strip()
            if any(k.startswith(stem) for k in seen):
                skip_lines.append((s, e))
        seen[body] = s
    skip_lines.sort()
    if not skip_lines:
        return set()
    starts = [s for s, _e in skip_lines]
    skip = set()
    for s, e in sentences:
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and skip_lines[k][0] <= s and e <= skip_lines[k][1]:
            skip.add((s, e))
    return skip


def _list_like(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if re.match(r"(?:\d{1,2}[.)]|[-*\u2022])\s", stripped):
        return True
    return len(stripped) <= 130 and not stripped.endswith((".", ":", ",", ";", '."', ".\u201d"))


LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[-•*–—\u2022])\s+(?=\S)")
"""A list item's marker (``- tanks - 40``, ``2) ...``, ``10. Zero``)."""
TURN_LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?:\s*\([^()\n]{2,40}\))?:\s")
"""A transcript's speaker label opening a line (``ORTIZ:``, ``QUESTION (Radio X):``)."""


class Passages:
    """The sentences, paragraphs and quotations of one text, with fast look-ups."""

    def __init__(self, text: str):
        self.text = text
        self.sentences = sentence_spans(text)
        self.paragraphs = paragraph_spans(text)
        self.quotes = quote_spans(text)
        self.tables = find_tables(text)
        self.skipped = repeated_lines(text, self.sentences)
        self._sentence_starts = [s for s, _e in self.sentences]
        self._paragraph_starts = [s for s, _e in self.paragraphs]
        self._quote_starts = [s for s, _e in self.quotes]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding *offset* (the one before it, between sentences)."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding *offset*."""
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation that holds *offset*, or None."""
        k = bisect.bisect_right(self._quote_starts, offset) - 1
        if k >= 0 and self.quotes[k][0] <= offset < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def is_heading(self, index: int) -> bool:
        """Whether sentence *index* is a line of its own without a closing full stop (a
        headline, slide title or caption heading), after a list number (``3. 40 days``)."""
        s, e = self.sentences[index]
        if table_at(self.tables, s) is not None:
            return False  # a table's row ("Kharkiv | 604 | 212 | 35%") is no heading
        line_start = self.text.rfind("\n", 0, s) + 1
        line_end = self.text.find("\n", e)
        line = self.text[line_start: len(self.text) if line_end < 0 else line_end].strip()
        bare = lambda t: re.sub(r"^(?:\d{1,2}[.)]|[-•*–])\s+(?=\S)", "", t)  # noqa: E731 ("2. Half
        # of", a key events bullet "- Ukraine says 84 freed")
        turn = TURN_LABEL.match(line)  # "HOST: How many came back?": a speaker's turn, not
        if turn and line.endswith("?") and turn.group(1).lower() not in ("q", "question"):
            return False  # an explainer's "Q: WHAT ARE THEY PAID?" section title
        return bare(line) == bare(self.text[s:e]) and not line.endswith((".", '."', ".\u201d", ":"))
