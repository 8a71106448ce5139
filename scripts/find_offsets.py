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
end a sentence. The rule is :func:`credgraph.draft.passages.sentence_spans`, the one
``credgraph draft`` cites passages by.

Examples::

    python scripts/find_offsets.py ../shared/seeds/002_e82a78f22526c30b.txt "18,000"
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

from credgraph.draft.passages import sentence_bounds, sentence_spans  # the one rule


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
