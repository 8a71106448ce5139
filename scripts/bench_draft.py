#!/usr/bin/env python3
"""Benchmark `credgraph draft`: start-up, one article, a folder of articles.

Each measurement runs the installed ``credgraph`` command in a subprocess, as a user does,
and repeats it (the minimum and the median are reported, with the load average, since a
busy machine slows every run). Python may cache compiled modules, as it does for a user:
``PYTHONDONTWRITEBYTECODE`` is dropped from the commands' environment and each command is
run once before it is timed (with it set, as on some build machines, the ~120 modules of
credgraph are compiled from source at every run: about 0.1 s more):

- ``credgraph --help``: the start-up every command pays (draft's imports are lazy);
- one article of about 5 KB drafted into a copy of the bundled corpus, CLI start-up
  included (target: under 1 s);
- N articles (default 1,000, about 5 KB each, made from the test texts with other numbers
  and names) drafted into an empty corpus with ``--jobs`` workers (target: under 2 minutes
  on 2 cores).

    python scripts/bench_draft.py                # all three, 1,000 articles, --jobs 2
    python scripts/bench_draft.py --articles 100 --repeat 3
    python scripts/bench_draft.py --articles 0 --repeat 1 --degenerate  # texts built to be slow
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "data" / "draft_texts"
CREDGRAPH = shutil.which("credgraph") or "credgraph"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(argv: list[str], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat + 1):  # the first run is not timed: it writes the module caches
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=ENV)
        runs.append(time.perf_counter() - start)
    return min(runs[1:]), statistics.median(runs[1:])


def _article(rng: random.Random, sources: list[str]) -> str:
    """About 5 KB of text in the styles of the test texts, numbers and names varied."""
    parts = []
    while sum(len(p) for p in parts) < 5000:
        text = (TEXTS / "gold" / "texts" / rng.choice(sources)).read_text()
        text = "".join(str(rng.randint(1, 9)) if c.isdigit() and rng.random() < 0.3 else c
                       for c in text)
        parts.append(text)
    return "\n\n".join(parts)[:5200]


def _batch(args, tmp: Path, rng: random.Random, sources: list[str]) -> str:
    """Draft ``--articles`` articles of about 5 KB with ``--jobs`` workers; the result row."""
    folder = tmp / "articles"
    folder.mkdir()
    for k in range(args.articles):
        (folder / f"a{k:05d}.txt").write_text(_article(rng, sources))
    corpus = tmp / "many"
    corpus.mkdir()
    shutil.copy(TEXTS / "known-sources.yaml", corpus / "sources.yaml")
    load = os.getloadavg()[0]
    start = time.perf_counter()
    subprocess.run([CREDGRAPH, "draft", *sorted(map(str, folder.glob("*.txt"))), "--corpus",
                    str(corpus), "--outlet", "Bench Wire", "--date", "2024-06-01",
                    "--jobs", str(args.jobs)], check=True, stdout=subprocess.DEVNULL, env=ENV)
    seconds = time.perf_counter() - start
    written = len(list((corpus / "reports").glob("*.yaml")))
    check = subprocess.run([CREDGRAPH, "validate", "--corpus", str(corpus), "--no-shacl"],
                           capture_output=True, text=True)
    return (f"{args.articles:,} articles (~5 KB) with --jobs {args.jobs}: {seconds:.1f} s "
            f"({args.articles / seconds:.1f} articles/s, load average {load:.1f} before); "
            f"{written} reports written; validate --no-shacl: "
            f"{'ok' if check.returncode == 0 else check.stderr.strip()[:200]}")


DEGENERATE = {
    "number words": "one two three four five six seven " * 1200,
    "hyphenated digit groups": "1-22-333-4444-" * 3000,
    "one long word": "a" * 40000,
    "hyphenated letters": "a-" * 20000,
    "dates and times": "On 2024-03-05 at 10:30, 40 fled. " * 1200,
    "a poll's author, again and again": "a poll of the survey by " * 1700 + "X found 5 fled.",
}
"""About 40 KB of text each that a pattern with unbounded repetition reads in quadratic time
(a run of number words read from each of its words took 113 s for 68 KB before round 15)."""


def _degenerate() -> list[str]:
    """Drafting time of each :data:`DEGENERATE` text, in-process (no start-up)."""
    from credgraph.draft.drafting import draft_text

    rows = []
    for name, text in DEGENERATE.items():
        start = time.perf_counter()
        draft_text(text, report_id="bench", outlet="Bench Wire")
        rows.append(f"degenerate text, {name} ({len(text):,} characters): "
                    f"{time.perf_counter() - start:.2f} s")
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--degenerate", action="store_true",
                        help="also time texts that trap a pattern in quadratic time")
    args = parser.parse_args(argv)
    rows = [f"machine: {os.cpu_count()} CPU, Python {sys.version.split()[0]}, load average "
            f"{os.getloadavg()[0]:.1f} at the start"]
    lo, med = _time([CREDGRAPH, "--help"], args.repeat)
    rows.append(f"credgraph --help: min {lo:.3f} s, median {med:.3f} s")
    with tempfile.TemporaryDirectory(prefix="bench-draft-") as tmp:
        tmp = Path(tmp)
        rng = random.Random(1)
        sources = sorted(p.name for p in (TEXTS / "gold" / "texts").glob("*.txt"))
        article = tmp / "article.txt"
        article.write_text(_article(rng, sources))
        runs = []
        for k in range(args.repeat + 1):  # the first run, not timed, writes the module caches
            corpus = tmp / f"one-{k}"
            shutil.copytree(ROOT / "graph" / "data", corpus)
            start = time.perf_counter()
            subprocess.run([CREDGRAPH, "draft", str(article), "--corpus", str(corpus),
                            "--outlet", "Bench Wire", "--date", "2024-06-01"], check=True,
                           stdout=subprocess.DEVNULL, env=ENV)
            runs.append(time.perf_counter() - start)
        runs = runs[1:]
        rows.append(f"one article ({article.stat().st_size:,} bytes) into the bundled corpus, "
                    f"CLI included: min {min(runs):.3f} s, median {statistics.median(runs):.3f} s")
        if args.articles:  # --articles 0: start-up and one article only
            rows.append(_batch(args, tmp, rng, sources))
    if args.degenerate:
        rows += _degenerate()
    print("\n".join(f"- {row}" for row in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
