"""Tables and target checks for the benchmark's results (``scripts/bench.py``).

``python scripts/bench_report.py A/results.json B/results.json -o OUT`` merges the results
of several runs (sizes run separately, e.g. the big one on a disk store) into one
``OUT/results.md`` and ``OUT/results.json``.

>>> rows = [{"step": "load", "seconds": 2.0}, {"step": "audit", "seconds": 1.0},
...         {"step": "parse", "seconds": 1.5}, {"step": "scan", "seconds": 1.2}]
>>> pipeline({"rows": rows}), seconds({"rows": rows}, "parse"), pipeline({"rows": rows}, True)
(3.0, 1.5, None)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FLAT = ["build", "parse", "load", "audit", "scan", "scan-audit", "ox-origins", "rdflib-parse",
        "rdflib-origins", "cli-audit"]
"""Steps whose time per mention should not grow with the corpus."""


def derive(result: dict) -> dict:
    """Add throughput and time per mention to each row, and put the rows in step order.

    >>> res = derive({"corpus": {"mentions": 10}, "rows": [
    ...     {"step": "view", "seconds": 2.0, "items": 4}, {"step": "load", "seconds": 1.0,
    ...     "items": 50}]})
    >>> [(r["step"], r["per_second"], r.get("us_per_mention")) for r in res["rows"]]
    [('load', 50.0, 100000.0), ('view', 2.0, None)]
    """
    order = {s: i for i, s in enumerate(FLAT + ["incremental", "view"])}
    for row in result["rows"]:
        row.pop("us_per_mention", None)
        if row.get("seconds") and row["items"]:
            row["per_second"] = round(row["items"] / row["seconds"], 1)
            if row["step"] in FLAT:
                row["us_per_mention"] = round(row["seconds"] / result["corpus"]["mentions"]
                                              * 1e6, 2)
    result["rows"].sort(key=lambda r: (order.get(r["step"], len(order)), r["step"]))
    return result


def seconds(result: dict, step: str) -> float | None:
    """A step's seconds at one size, None when it did not run or finish."""
    return next((r["seconds"] for r in result["rows"] if r["step"] == step), None)


def pipeline(result: dict, scan: bool = False) -> float | None:
    """Load plus full audit, the time the targets are about: through a store, or (*scan*)
    the file read without one plus the audit of what was read."""
    parts = [seconds(result, "scan"), seconds(result, "scan-audit")] if scan else \
        [seconds(result, "load"), seconds(result, "audit")]
    return None if None in parts else sum(parts)


WAYS = ((False, "store: load + audit", "audit"), (True, "no store: scan + audit", "scan-audit"))
"""The two ways to audit a file: (scan?, their name, the step whose peak memory counts)."""


def _peak(result: dict, step: str) -> float | None:
    return next((r["peak_mb"] for r in result["rows"] if r["step"] == step), None)


def _fmt(x, digits=2) -> str:
    return "-" if x is None else f"{x:,.{digits}f}"


def _by_size(results: list[dict]) -> dict[int, dict]:
    return {r["size"]: r for r in sorted(results, key=lambda r: r["size"])}


def overview(results: list[dict]) -> list[str]:
    """Seconds and microseconds per mention of each whole-corpus step, size by size."""
    sizes = _by_size(results)
    lines = ["| step | " + " | ".join(f"{s:,} mentions" for s in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for step in FLAT + ["load + audit", "scan + audit"]:
        cells = []
        for size, res in sizes.items():
            took = pipeline(res, step == "scan + audit") if step.endswith(" + audit") \
                else seconds(res, step)
            cells.append("-" if took is None else
                         f"{took:,.2f} s ({took / res['corpus']['mentions'] * 1e6:,.0f} µs)")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return lines


def detail(res: dict) -> list[str]:
    """Every step at one size, and credgraph against rdflib."""
    c = res["corpus"]
    lines = [f"### {res['size']:,} mentions ({c['quads']:,} quads, {c['reports']:,} reports)",
             "", "| step | seconds | items | per second | µs per mention | peak MB | load avg | note |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in res["rows"]:
        note = r.get("skipped") or r.get("note") or ""
        if r.get("store"):
            note = f"{r['store']} store" + (f"; {note}" if note else "")
        lines.append(f"| {r['step']} | {_fmt(r['seconds'], 3)} | {r['items']:,} {r['unit']} | "
                     f"{_fmt(r.get('per_second'), 0)} | {_fmt(r.get('us_per_mention'))} | "
                     f"{_fmt(r['peak_mb'], 0)} | {_fmt(r.get('load_avg'), 1)} | {note} |")
    theirs = [seconds(res, "rdflib-parse"), seconds(res, "rdflib-origins")]
    theirs.append(None if None in theirs else sum(theirs))
    lines += ["", "| credgraph / rdflib | credgraph s | rdflib s | ratio |", "|---|---:|---:|---:|"]
    for way, (load, audit) in (("store", ("load", "audit")), ("no store", ("scan", "scan-audit"))):
        ours = [seconds(res, load), seconds(res, audit), pipeline(res, way == "no store")]
        for name, a, b in zip((f"{load} / parse", f"{audit} / origins query",
                               f"{way}: total"), ours, theirs):
            lines.append(f"| {name} | {_fmt(a)} | {_fmt(b)} | "
                         f"{_fmt(a / b, 3) if a and b else '-'} |")
    return lines + [""]


def targets(results: list[dict]) -> list[str]:
    """The issue's targets, each with what was measured and whether it is met."""
    sizes = _by_size(results)
    rows = []

    def add(name, value, ok):
        rows.append(f"| {name} | {value} | {'met' if ok else 'not met'} |")

    if 100_000 in sizes:
        r = sizes[100_000]
        parse = seconds(r, "parse")
        rdflib = [seconds(r, "rdflib-parse"), seconds(r, "rdflib-origins")]
        for scan, way, _step in WAYS:
            total = pipeline(r, scan)
            if total and parse:
                add(f"1e5: load + audit <= 3 x bare parse ({way})",
                    f"{total:.1f} s = {total / parse:.1f} x {parse:.1f} s", total <= 3 * parse)
            if total and None not in rdflib:
                add(f"1e5: >= 20 x faster than rdflib ({way})", f"{sum(rdflib) / total:.1f} x "
                    f"({sum(rdflib):.0f} s vs {total:.1f} s)", sum(rdflib) >= 20 * total)
        inc = seconds(r, "incremental")
        if inc is not None:
            add("1e5: add a report, re-audit what it touches < 1 s", f"{inc:.2f} s", inc < 1)
    if 1_000_000 in sizes:
        r = sizes[1_000_000]
        for scan, way, step in WAYS:
            total, peak = pipeline(r, scan), _peak(r, step)
            if total is not None:
                add(f"1e6: load + audit < 60 s ({way})", f"{total:.0f} s", total < 60)
                add(f"1e6: peak memory < 4 GB ({way})", f"{peak:,.0f} MB", peak < 4096)
    builds = [(s, r["corpus"]["mentions"] / b) for s, r in sizes.items()
              if (b := seconds(r, "build"))]
    if builds:
        add("build >= 20,000 mentions/s", ", ".join(f"{v:,.0f}/s at {s:,}" for s, v in builds),
            all(v >= 20_000 for _, v in builds))
    for scan, way, _step in WAYS:
        flat = [(s, pipeline(r, scan) / r["corpus"]["mentions"] * 1e6) for s, r in sizes.items()
                if s >= 10_000 and pipeline(r, scan)]
        if len(flat) >= 2:
            add(f"time per mention flat from 1e4 up ({way})",
                ", ".join(f"{v:,.0f} µs at {s:,}" for s, v in flat),
                flat[-1][1] <= 1.5 * flat[0][1])
    return ["| target | measured | |", "|---|---|---|", *rows]


def summarise(results: list[dict], machine: dict | None = None) -> list[str]:
    """The whole Markdown report: overview, targets, then each size in detail."""
    head = [f"Machine: {machine['cpus']} CPUs, {machine['platform']}, Python "
            f"{machine['python']}.", ""] if machine else []
    lines = head + ["## Time per mention", "", *overview(results), "", "## Targets", "",
                    *targets(results), ""]
    for res in sorted(results, key=lambda r: r["size"]):
        lines += detail(res)
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", nargs="+", type=Path, help="results.json files of bench runs")
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    runs = [json.loads(p.read_text()) for p in args.results]
    merged = {r["size"]: r for run in runs for r in run["results"]}
    results = [derive(merged[s]) for s in sorted(merged)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps({"machine": runs[0]["machine"],
                                                       "results": results}, indent=1))
    text = "\n".join(summarise(results, runs[0]["machine"])) + "\n"
    (args.out / "results.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
