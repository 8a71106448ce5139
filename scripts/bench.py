"""Benchmark credgraph at 1e3-1e6 mentions against the rdflib-only alternative.

For each size a synthetic corpus (:mod:`credgraph.synth`) is written as annotation files,
N-Quads and N-Triples; then each step (build, parse, the load-audit-incremental-view
pipeline, the store-free scan and audit, the bundled queries, rdflib) runs in its own subprocess, so each peak memory
(``ru_maxrss``) is that step's own and a step that hangs is cut off by a timeout. The
steps and the results are described in ``docs/performance.md``.

Results go to ``OUT/results.json`` and ``OUT/results.md`` (``scripts/bench_report.py``).
``python scripts/bench.py --sizes 1e3`` is the smoke run CI makes through
``tests/test_bench_smoke.py``; the big sizes are run by hand. ``--only servers`` (optional,
never run by default) loads and audits the corpus through two real SPARQL servers
(``scripts/bench_servers.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_report import derive, summarise  # noqa: E402
from bench_servers import step_servers  # noqa: E402

ORIGINS_QUERY = """PREFIX cg: <https://w3id.org/credgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?claim ?origin WHERE {
  ?m a cg:Mention ; cg:statesClaim ?claim ; prov:wasDerivedFrom* ?origin .
  FILTER NOT EXISTS { ?origin prov:wasDerivedFrom ?up } }"""
"""The obvious alternative: every figure's origins by one property path."""

VIEW_NODES = 2000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def record(out: Path, step: str, seconds: float, items: int, unit: str, **extra) -> dict:
    """Append one step's measurement to ``out`` (JSON lines) and return it."""
    row = {"step": step, "seconds": None if seconds is None else round(seconds, 4), "items": items, "unit": unit,
           "peak_mb": None if seconds is None else round(_peak_mb(), 1),
           "load_avg": round(os.getloadavg()[0], 1), **extra}
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    return row


def generate(size: int, folder: Path, seed: int) -> dict:
    """Write the corpus of *size* mentions as annotations, N-Quads and N-Triples."""
    from credgraph.synth import synth_corpus
    from credgraph.synth_files import write_annotations, write_rdf

    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpus = synth_corpus(size, seed)
    write_annotations(corpus, folder / "corpus")
    quads = write_rdf(corpus, folder / "data.nq")
    write_rdf(corpus, folder / "data.nt")
    return {"mentions": sum(len(r.mentions) for r in corpus.reports.values()),
            "reports": len(corpus.reports), "quads": quads,
            "seconds": round(time.perf_counter() - started, 2)}


def step_build(folder: Path, out: Path, jobs: int) -> None:
    """Annotation files to an N-Quads file, as ``credgraph build -f nquads --no-shacl``
    writes it (:func:`credgraph.bulk.build_lines`, *jobs* reader processes)."""
    from credgraph.bulk import build_lines

    started = time.perf_counter()
    cpu = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = build_lines(folder / "corpus", folder / "built", ["nquads"], jobs=jobs)
    seconds = time.perf_counter() - started
    used = time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used += (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    record(out, "build", seconds, summary.mentions, "mentions", jobs=jobs,
           note=f"{jobs} reader process{'es' if jobs > 1 else ''}, {used:.1f} s of CPU")


def step_cli(folder: Path, out: Path) -> None:
    """What a user runs: ``credgraph audit FOLDER --format json`` on the annotation files
    (read by parallel workers straight into the audit's records, no RDF made; audit; JSON),
    in its own process; peak memory is the largest of that process and its workers."""
    cmd = [sys.executable, "-m", "credgraph.cli", "audit", str(folder / "corpus"), "--format",
           "json", "--output", str(folder / "audit.json")]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = len(json.loads((folder / "audit.json").read_text())["figures"])
    row = record(out, "cli-audit", seconds, figures, "figures",
                 note="credgraph audit FOLDER --format json, end to end (no store, no RDF)")
    row["peak_mb"] = round(peak, 1)  # the command's, not this wrapper's
    lines = out.read_text().splitlines()
    out.write_text("\n".join(lines[:-1] + [json.dumps(row)]) + "\n")


def step_scan(folder: Path, out: Path, jobs: int, verify: bool) -> None:
    """The audit without a store: the N-Quads file scanned for the facts the audit reads
    (:func:`credgraph.scan.scan_facts`, *jobs* processes), then audited."""
    from credgraph.audit import audit_facts
    from credgraph.scan import scan_facts

    started = time.perf_counter()
    facts = scan_facts(folder / "data.nq", jobs=jobs)
    record(out, "scan", time.perf_counter() - started, len(facts.mentions), "mentions",
           note=f"{jobs} reader process{'es' if jobs > 1 else ''}")
    started = time.perf_counter()
    result = audit_facts(facts, input_label="bench")
    record(out, "scan-audit", time.perf_counter() - started, len(result.figures), "figures")
    if verify:  # the same audit as through a store
        from credgraph.api import audit
        from credgraph.embedded import OxigraphStore

        store = OxigraphStore()
        store.load_file(folder / "data.nq")
        by_store = [f.as_dict() for f in audit(store).figures]
        assert by_store == [f.as_dict() for f in result.figures], "scan != store"


def step_parse(folder: Path, out: Path) -> None:
    """pyoxigraph's bare parse of the N-Quads file: the floor for loading it."""
    import pyoxigraph as ox

    started = time.perf_counter()
    count = sum(1 for _ in ox.parse(path=str(folder / "data.nq"), format=ox.RdfFormat.N_QUADS))
    record(out, "parse", time.perf_counter() - started, count, "quads")


def _new_report(trace, seed: int):
    """A report restating three traced figures: relays, an attribution, a drifted value."""
    import random
    from dataclasses import replace
    from decimal import Decimal

    from credgraph.model import DateSpan, Mention, Report

    rnd = random.Random(seed)
    claims = rnd.sample(sorted(trace.claims), min(3, len(trace.claims)))
    outlet = next(s.id for s in trace.registry if s.id.startswith("relay-"))
    mentions = []
    for i, claim in enumerate(claims, 1):
        ref = trace.claims[claim].reference
        figure = ref.figure
        if figure is not None and figure.value is not None and i == 3:
            figure = replace(figure, value=figure.value * Decimal(3))
        relays = ref.node.removeprefix("mention/").replace("/", "#") if i != 2 else None
        source = next((o.source for o in trace.claims[claim].origins if o.source), None)
        mentions.append(Mention("bench-added-report", f"m{i}", claim, "Restated for the "
                                "benchmark.", figure, source if relays is None else None,
                                relays=relays, hedge="none"))
    return Report("bench-added-report", "article", outlet, "Added by the benchmark",
                  DateSpan(None, None, "unknown"), tuple(mentions))


def step_pipeline(folder: Path, out: Path, store_kind: str, verify: bool) -> None:
    """Load, audit, add a report and re-audit, origins query, bundled queries, viewer."""
    from credgraph.api import audit
    from credgraph.build import corpus_quads
    from credgraph.model import Corpus, Registry
    from credgraph.embedded import OxigraphStore

    path = folder / "store" if store_kind == "disk" else None
    started = time.perf_counter()
    store = OxigraphStore(path)
    store.load_file(folder / "data.nq")
    record(out, "load", time.perf_counter() - started, len(store), "quads", store=store_kind)
    started = time.perf_counter()
    result = audit(store, label="bench")
    record(out, "audit", time.perf_counter() - started, len(result.figures), "figures",
           flagged=sum(1 for f in result.figures if f.findings))

    started = time.perf_counter()
    rows = store.select(ORIGINS_QUERY)
    record(out, "ox-origins", time.perf_counter() - started, len(rows), "rows",
           note="the property-path query on pyoxigraph")

    report = _new_report(result.trace, 1)
    started = time.perf_counter()
    store.load_quads(corpus_quads(Corpus(Registry([]), {report.id: report})))
    touched = sorted({m.claim for m in report.mentions})
    partial = audit(store, claims=touched, label="bench", scoped=True)
    record(out, "incremental", time.perf_counter() - started, len(partial.figures), "figures",
           note=f"one report, {len(touched)} figures touched")
    if verify:  # the scoped audit must agree with a full one
        full = {f.id: f.as_dict() for f in audit(store).figures}
        assert all(full[f.id] == f.as_dict() for f in partial.figures), "scoped != full"
    _view(result, out)


def _bundled() -> dict:
    try:
        from credgraph.sparql import bundled_queries
    except ImportError:
        return {}
    return bundled_queries()


def step_queries(folder: Path, out: Path, skip: set[str]) -> None:
    """Each bundled query on the loaded store (loading and the audit are not timed here).

    Before a query runs, a ``started`` line goes to *out*: if the step is cut off, the
    caller knows which query did not finish and runs the rest in a new process.
    """
    from credgraph.api import audit
    from credgraph.embedded import OxigraphStore

    store = OxigraphStore()
    store.load_file(folder / "data.nq")
    result = audit(store, label="bench")
    queries = {n: q for n, q in _bundled().items() if f"query:{n}" not in skip}
    fig = result.figures[0]
    values = {"figure": fig.id, "claim": fig.id, "report": fig.claim.reports[0],
              "source": next((a.origin.source for a in fig.origins if a.origin.source), ""),
              "outlet": result.trace.reports[fig.claim.reports[0]].outlet}
    if any("audit" in q.requires for q in queries.values()):
        from credgraph.audit_rdf import findings_triples
        from credgraph.loading import store_findings

        store_findings(store, findings_triples(result))  # the audit-backed queries read it
    for name, query in queries.items():
        text = query.bind({p.name: values.get(p.name, p.example or "") for p in query.params})
        with out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"started": f"query:{name}", "at": time.time()}) + "\n")
        started = time.perf_counter()
        rows = store.select(text)
        record(out, f"query:{name}", time.perf_counter() - started, len(rows), "rows")


def _view(result, out: Path) -> None:
    try:
        from credgraph.view import layered_layout, to_html, view_graph
    except ImportError:
        record(out, "view", None, 0, "nodes", skipped="graph/view.py is not there yet")
        return
    from dataclasses import replace

    take = max(1, min(len(result.figures), 200))
    for _ in range(4):  # find how many figures make a slice of about VIEW_NODES nodes
        nodes = len(view_graph(replace(result, figures=result.figures[:take])))
        if abs(nodes - VIEW_NODES) < VIEW_NODES * 0.1 or take == len(result.figures):
            break
        take = max(1, min(len(result.figures), int(take * VIEW_NODES / max(nodes, 1))))
    sliced = replace(result, figures=result.figures[:take])
    started = time.perf_counter()
    graph = view_graph(sliced)
    html = to_html(graph, layered_layout(graph))
    record(out, "view", time.perf_counter() - started, len(graph), "nodes",
           note=f"{take} figures, {len(html) // 1024} KiB of HTML")


def step_rdflib(folder: Path, out: Path, max_gb: float) -> None:
    """The rdflib-only alternative: parse the N-Triples, origins by property path.

    Its address space is capped at *max_gb*: rdflib needs about 1.3 KB a triple, and at
    the biggest sizes it would otherwise take the machine's memory from everything else.
    """
    from rdflib import Graph

    limit = int(max_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    progress = folder / "rdflib-progress.json"
    started = time.perf_counter()
    graph = Graph()
    with (folder / "data.nt").open(encoding="utf-8") as fh:  # in chunks, to tell progress
        while chunk := "".join(line for _, line in zip(range(500_000), fh)):
            graph.parse(data=chunk, format="nt")
            progress.write_text(json.dumps({"triples": len(graph), "seconds": round(
                time.perf_counter() - started, 1), "peak_mb": round(_peak_mb())}))
    record(out, "rdflib-parse", time.perf_counter() - started, len(graph), "triples")
    started = time.perf_counter()
    rows = len(list(graph.query(ORIGINS_QUERY)))
    record(out, "rdflib-origins", time.perf_counter() - started, rows, "rows")


STEPS = {
    "build": lambda a: step_build(a.dir, a.out, a.jobs),
    "parse": lambda a: step_parse(a.dir, a.out),
    "pipeline": lambda a: step_pipeline(a.dir, a.out, a.store, a.verify),
    "queries": lambda a: step_queries(a.dir, a.out, set(a.skip)),
    "rdflib": lambda a: step_rdflib(a.dir, a.out, a.rdflib_max_gb),
    "cli": lambda a: step_cli(a.dir, a.out),
    "scan": lambda a: step_scan(a.dir, a.out, a.jobs, a.verify),
    "servers": lambda a: step_servers(a.dir, a.out, record, a.verify),
}
"""Each step as run inside its own process (``--step NAME``), from the parsed arguments."""


def _lines(out: Path) -> list[dict]:
    """The records in *out* so far (a line being written is left for the next look)."""
    rows = []
    for line in out.read_text().splitlines() if out.exists() else ():
        try:
            rows.append(json.loads(line))
        except ValueError:
            break
    return rows


def run_queries(folder: Path, out: Path, timeout: float) -> None:
    """The queries step; a query still running after *timeout* seconds is stopped, recorded
    as not finished, and the rest run in a new process (which loads the store again)."""
    if not _bundled():
        record(out, "query:*", None, 0, "rows", skipped="no bundled queries (graph/queries/*.rq)")
        return
    skip: set[str] = set()
    while True:
        cmd = [sys.executable, __file__, "--step", "queries", "--dir", str(folder), "--out",
               str(out), *(f"--skip={s}" for s in sorted(skip))]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        hung = None
        while proc.poll() is None and hung is None:
            time.sleep(0.5)
            lines = _lines(out)
            last = lines[-1] if lines else {}
            if "started" in last and time.time() - last["at"] > timeout:
                hung = last["started"]
                proc.kill()
        proc.wait()
        if hung is None:
            return
        record(out, hung, None, 0, "rows", skipped=f"did not finish in {timeout:.0f} s")
        skip |= {r["step"] for r in lines if r.get("step", "").startswith("query:")} | {hung}


def run_step(step: str, folder: Path, out: Path, timeout: float, *extra: str) -> str | None:
    """Run one step in a fresh interpreter; the reason it failed, or None."""
    cmd = [sys.executable, __file__, "--step", step, "--dir", str(folder), "--out", str(out),
           *extra]
    try:
        done = subprocess.run(cmd, timeout=timeout, capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s"
    if done.returncode:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode
        return f"stopped at its memory limit ({last})" if "MemoryError" in str(last) \
            else f"failed: {last}"
    return None


def bench_size(size: int, workdir: Path, seed: int, timeout: float, rdflib_timeout: float,
               store_kind: str, verify: bool, query_timeout: float, rdflib_gb: float,
               queries_up_to: float, reuse: bool = False, only: list[str] | None = None,
               jobs: int = 1) -> dict:
    """Every step at one size; returns ``{"size", "corpus", "rows"}``."""
    folder = workdir / f"size-{size}"
    out = folder / "steps.jsonl"
    stats = folder / "corpus.json"
    if reuse and stats.exists() and (folder / "data.nq").exists():
        corpus = json.loads(stats.read_text())
    else:
        corpus = generate(size, folder, seed)
        stats.write_text(json.dumps(corpus))
    expected = {"build": ["build"], "parse": ["parse"], "rdflib": ["rdflib-parse",
                "rdflib-origins"], "pipeline": ["load", "audit", "ox-origins", "incremental",
                                                "view"], "queries": ["query:"], "cli": ["cli-audit"],
                "scan": ["scan", "scan-audit"],
                "servers": [f"server-{what}:{engine}" for engine in ("oxigraph-serve", "virtuoso")
                            for what in ("load", "audit", "findings")]}
    groups = set(only or set(expected) - {"servers"})  # the servers step only when asked for
    (folder / "rdflib-progress.json").unlink(missing_ok=True)
    if out.exists():  # keep what the steps not run this time measured before
        kept = [line for line in out.read_text().splitlines() if "step" in json.loads(line)
                and not any(json.loads(line)["step"].startswith(s) for g in groups
                            for s in expected[g])]
        out.write_text("".join(line + "\n" for line in kept))
    failures = {}
    for step, limit, extra in (("build", timeout, ("--jobs", str(jobs))), ("parse", timeout, ()),
                               ("pipeline", timeout, ("--store", store_kind)
                                + (("--verify",) if verify else ())),
                               ("scan", timeout, ("--jobs", str(jobs))
                                + (("--verify",) if verify else ())),
                               ("rdflib", rdflib_timeout, ("--rdflib-max-gb", str(rdflib_gb))),
                               ("cli", timeout, ()),
                               ("servers", timeout, ("--verify",) if verify else ())):
        if step in groups:
            reason = run_step(step, folder, out, limit, *extra)
            if reason and step == "rdflib" and (folder / "rdflib-progress.json").exists():
                got = json.loads((folder / "rdflib-progress.json").read_text())
                reason += (f"; it had parsed {got['triples']:,} triples in {got['seconds']} s "
                           f"({got['peak_mb']:,} MB)")
            if reason:
                failures[step] = reason
    if "queries" in groups and size <= queries_up_to:
        run_queries(folder, out, query_timeout)
    elif "queries" in groups:
        record(out, "query:*", None, 0, "rows", skipped=f"bundled queries run up to "
               f"{queries_up_to:,.0f} mentions (each restart past a slow one reloads the store)")
    rows = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    rows = [r for r in rows if "step" in r]
    seen = {r["step"] for r in rows}
    for step, reason in failures.items():
        rows.extend({"step": s, "seconds": None, "items": 0, "unit": "", "peak_mb": None,
                     "skipped": reason} for s in expected[step] if s not in seen)
    return derive({"size": size, "corpus": corpus, "rows": rows})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1e3,1e4", help="comma-separated mention counts")
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per credgraph step")
    ap.add_argument("--rdflib-timeout", type=float, default=600)
    ap.add_argument("--store", choices=["memory", "disk"], default="memory")
    ap.add_argument("--verify", action="store_true",
                    help="check the scoped audit, and the scan's audit, against a full one")
    ap.add_argument("--query-timeout", type=float, default=300,
                    help="seconds for the queries step; a query past it is skipped")
    ap.add_argument("--rdflib-max-gb", type=float, default=12,
                    help="memory cap of the rdflib step (it is stopped there)")
    ap.add_argument("--queries-up-to", type=float, default=1e5,
                    help="run the bundled queries only up to this many mentions")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse a corpus already generated in OUT (same size)")
    ap.add_argument("--only", help="comma-separated: build, parse, pipeline, scan, rdflib, "
                                   "queries, cli, servers (oxigraph serve and Virtuoso on "
                                   "127.0.0.1: load and audit through the protocol; only run "
                                   "when named here)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="reader processes of the build and scan steps (default: one per CPU)")
    ap.add_argument("--step", help=argparse.SUPPRESS)
    ap.add_argument("--skip", action="append", default=[], help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:  # inside a step's subprocess
        STEPS[args.step](args)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    results = [bench_size(int(float(s)), args.out, args.seed, args.timeout,
                          args.rdflib_timeout, args.store, args.verify, args.query_timeout,
                          args.rdflib_max_gb, args.queries_up_to, args.reuse,
                          args.only.split(",") if args.only else None, args.jobs)
               for s in args.sizes.split(",")]
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(),
               "platform": platform.platform(), "processor": platform.processor()}
    (args.out / "results.json").write_text(json.dumps({"machine": machine, "results": results},
                                                      indent=1))
    text = "\n".join(summarise(results, machine)) + "\n"
    (args.out / "results.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
