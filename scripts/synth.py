"""Write a synthetic corpus: annotation files and/or RDF (see graph/synth.py).

    python scripts/synth.py --mentions 100000 --out big/ --seed 1
    python scripts/synth.py --mentions 1e6 --out big/ --rdf nq --no-annotations
    python scripts/synth.py --mentions 114721 --out one/ --one-report   # one 42 MB report

writes ``big/sources.yaml`` and ``big/reports/*.yaml`` (unless ``--no-annotations``) and
``big/corpus.<ext>`` for each ``--rdf`` format (nq, nt, trig).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credgraph.synth import synth_corpus  # noqa: E402
from credgraph.synth_files import one_report, write_annotations, write_rdf  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=float, default=1000, help="how many mentions (1e5 works)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--rdf", action="append", choices=["nq", "nt", "trig"], default=[])
    ap.add_argument("--no-annotations", action="store_true")
    ap.add_argument("--one-report", action="store_true",
                    help="every mention in one report file (reports/all.yaml)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    corpus = synth_corpus(int(args.mentions), args.seed)
    if args.one_report:
        corpus = one_report(corpus)
    mentions = sum(len(r.mentions) for r in corpus.reports.values())
    print(f"{mentions:,} mentions in {len(corpus.reports):,} reports, "
          f"{len(corpus.registry):,} sources")
    if not args.no_annotations:
        files = write_annotations(corpus, args.out)
        print(f"wrote {files:,} annotation files under {args.out}")
    for ext in args.rdf:
        quads = write_rdf(corpus, args.out / f"corpus.{ext}")
        print(f"wrote {quads:,} quads to {args.out / f'corpus.{ext}'}")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
