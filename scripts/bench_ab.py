"""Two checkouts of credgraph side by side: the same benchmark steps, alternating, one run.

Each checkout runs its own ``scripts/bench.py`` in its own virtual environment
(``CHECKOUT/.venv``) on the corpus its own ``synth.py`` makes (generated once per checkout in
``OUT/<name>/``, then reused), round after round, the order of the two swapped every round,
so load that comes and goes falls on both. For each step it records the wall seconds the
step reports and the CPU seconds of the step's process and its workers (from the kernel's
accounting of waited-for children): on a shared machine the CPU time moves much less than
the wall time. The table gives the best of the rounds and the ratio of the other checkout
to the base.

    python scripts/bench_ab.py --base ../credgraph-c55d974 --size 1e5 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {"build": ["build"], "scan": ["scan", "scan-audit"], "cli": ["cli-audit"]}
"""The steps of ``bench.py`` compared, and the rows each writes."""


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _run_step(checkout: Path, group: str, folder: Path, jobs: int) -> tuple[list[dict], float]:
    """One step of *checkout*'s benchmark: its rows and the CPU seconds it took."""
    out = folder / "ab-step.jsonl"
    out.unlink(missing_ok=True)
    extra = ["--jobs", str(jobs)] if group in ("build", "scan") else []
    before = _children_cpu()
    subprocess.run([str(checkout / ".venv" / "bin" / "python"), "scripts/bench.py", "--step",
                    group, "--dir", str(folder), "--out", str(out), *extra], cwd=checkout,
                   check=True, capture_output=True)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return [r for r in rows if r.get("step") in GROUPS[group]], _children_cpu() - before


def _generate(checkout: Path, folder: Path, size: int) -> None:
    if (folder / "data.nq").exists():
        return
    code = ("import sys; sys.path.insert(0, 'scripts'); from pathlib import Path; "
            f"from bench import generate; generate({size}, Path({str(folder)!r}), 1)")
    subprocess.run([str(checkout / ".venv" / "bin" / "python"), "-c", code], cwd=checkout,
                   check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the checkout compared against")
    ap.add_argument("--head", type=Path, default=ROOT, help="default: this checkout")
    ap.add_argument("--size", type=float, default=1e5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--steps", default="build,scan,cli", help=f"of {', '.join(GROUPS)}")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=Path("bench-ab"))
    args = ap.parse_args(argv)
    checkouts = {"base": args.base.resolve(), "head": args.head.resolve()}
    steps = [s for s in args.steps.split(",") if s]
    for name, checkout in checkouts.items():
        _generate(checkout, (args.out / name).resolve(), int(args.size))
    seen: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for round_ in range(args.rounds):
        order = list(checkouts) if round_ % 2 == 0 else list(reversed(checkouts))
        for name in order:
            for group in steps:
                rows, cpu = _run_step(checkouts[name], group, (args.out / name).resolve(),
                                      args.jobs)
                for row in rows:  # a group's CPU goes to its first row (scan and its audit
                    # run in one process: their CPU is the pair's)
                    share = cpu if row is rows[0] else None
                    seen.setdefault((row["step"], name), []).append((row["seconds"], share))
                    print(f"round {round_ + 1} {name:4} {row['step']:11} {row['seconds']:8.2f} s"
                          + (f"  {cpu:8.2f} s CPU" if share is not None else ""), flush=True)
    print(f"\n{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{args.rounds} rounds, best of each\n")
    print("| step | base s | head s | ratio | base CPU s | head CPU s | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for step in dict.fromkeys(s for s, _ in seen):
        base, head = seen[(step, "base")], seen[(step, "head")]
        bw, hw = min(w for w, _ in base), min(w for w, _ in head)
        cpu = [min(c for _, c in v if c is not None) if v[0][1] is not None else None
               for v in (base, head)]
        cells = (f"{cpu[0]:.2f} | {cpu[1]:.2f} | {cpu[1] / cpu[0]:.2f}" if cpu[0] else "| |")
        print(f"| {step} | {bw:.2f} | {hw:.2f} | {hw / bw:.2f} | {cells} |")
    if "scan" in steps:
        print("\nThe scan's CPU is that of its process, which audits the facts it read too "
              "(scan-audit).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
