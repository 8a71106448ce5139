#!/usr/bin/env python3
"""Find the character offsets of a phrase in a seed text, for annotation evidence.

An annotation's ``evidence: {seed: FILE, start: N, end: M}`` points at ``text[N:M]``,
where ``text`` is the seed file read as UTF-8 and the offsets are Python ``str``
indices (code points, not bytes). This tool prints, for every occurrence of a phrase,
its ``start`` and ``end``; with ``--sentence`` it also prints the offsets of the
sentence that encloses it, which is usually the passage to cite.

Sentences end at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) followed by
white space, and at every line break, so headings, captions and bullet lines are
sentences of their own. A full stop after a single capital letter (``U.S.``) does not
end a sentence.

Examples::

    python scripts/find_offsets.py /work/shared/seeds/002_e82a78f22526c30b.txt "18,000"
    python scripts/find_offsets.py SEED "a dozen" --sentence --show
    python scripts/find_offsets.py SEED "get lost" --ignore-case --format yaml

Output (tab-separated by default): occurrence number, start, end and, with
``--sentence``, sentence start and sentence end. The exit status is 1 when the phrase
does not occur.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

__all__ = ["find_occurrences", "sentence_bounds", "sentence_spans", "main"]

_CLOSERS = "\"'\u201d\u2019)]"
_OPENERS = "\"'\u201c\u2018([\u2022"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every sentence of ``text``, without surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
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
                i < 2 or not text[i - 2].isalpha()
            )
            if (j >= n or text[j].isspace()) and not initial:
                spans.append((start, j))
                start = j
                i = j
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
    """Return the span of the sentence(s) that contain ``text[start:end]``."""
    spans = sentence_spans(text)
    first = next((s for s, e in spans if s <= start < e), start)
    last = next((e for s, e in spans if s < end <= e), end)
    return first, max(last, end)


def find_occurrences(text: str, phrase: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every (possibly overlapping) occurrence of ``phrase``."""
    if not phrase:
        raise ValueError("the phrase is empty")
    flags = re.IGNORECASE if ignore_case else 0
    pattern = re.compile("(?=(" + re.escape(phrase) + "))", flags)
    return [(m.start(1), m.end(1)) for m in pattern.finditer(text)]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="find_offsets.py",
        description=(
            "Print the character offsets (Python str indices of the file read as UTF-8) "
            "of every occurrence of PHRASE in SEED, for annotation evidence."
        ),
        epilog="Exit status: 0 when the phrase occurs, 1 when it does not, 2 on bad usage.",
    )
    parser.add_argument("seed", type=Path, help="path of the seed text file")
    parser.add_argument("phrase", help="the exact phrase to look for")
    parser.add_argument(
        "-s", "--sentence", action="store_true",
        help="also print the start and end offsets of the enclosing sentence",
    )
    parser.add_argument(
        "-i", "--ignore-case", action="store_true", help="match case-insensitively",
    )
    parser.add_argument(
        "--show", action="store_true",
        help="print the matched text (or the sentence, with --sentence) under each hit",
    )
    parser.add_argument(
        "--format", choices=("tsv", "yaml"), default="tsv",
        help="tsv: one line per hit (default); yaml: an evidence mapping per hit",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line tool; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        text = args.seed.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"find_offsets.py: cannot read {args.seed}: {exc}", file=sys.stderr)
        return 2
    hits = find_occurrences(text, args.phrase, args.ignore_case)
    if not hits:
        print(f"find_offsets.py: {args.phrase!r} does not occur in {args.seed}", file=sys.stderr)
        return 1
    for number, (start, end) in enumerate(hits, 1):
        s_start, s_end = sentence_bounds(text, start, end) if args.sentence else (start, end)
        if args.format == "yaml":
            print(f"evidence: {{seed: {args.seed.name}, start: {s_start}, end: {s_end}}}")
        elif args.sentence:
            print(f"{number}\t{start}\t{end}\t{s_start}\t{s_end}")
        else:
            print(f"{number}\t{start}\t{end}")
        if args.show:
            print("    " + text[s_start:s_end].replace("\n", "\n    "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
