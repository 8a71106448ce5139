"""The benchmark at 1e3 mentions, so that scripts/bench.py cannot rot.

It checks that every step runs and reports what the big runs report; it asserts no timing
(the targets are judged on the big runs, in docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "scripts" / "bench.py"
STEPS = ["build", "parse", "load", "audit", "scan", "scan-audit", "ox-origins", "incremental",
         "view", "rdflib-parse", "rdflib-origins", "cli-audit"]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, str(BENCH), "--sizes", "1e3", "--out", str(out),
                           "--verify", "--timeout", "120", "--rdflib-timeout", "120",
                           "--query-timeout", "20"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out, json.loads((out / "results.json").read_text())


def _rows(smoke) -> dict:
    (result,) = smoke[1]["results"]
    return {r["step"]: r for r in result["rows"]}


@pytest.mark.parametrize("step", STEPS)
def test_every_step_ran_and_was_measured(smoke, step):
    row = _rows(smoke)[step]
    assert not row.get("skipped"), row
    assert row["seconds"] > 0 and row["peak_mb"] > 0 and row["items"] > 0


def test_the_corpus_is_the_size_asked_for(smoke):
    (result,) = smoke[1]["results"]
    assert result["corpus"]["mentions"] == 1000
    assert _rows(smoke)["parse"]["items"] == _rows(smoke)["load"]["items"] \
        == result["corpus"]["quads"]


def test_both_engines_find_the_same_origins(smoke):
    rows = _rows(smoke)
    assert rows["ox-origins"]["items"] == rows["rdflib-origins"]["items"]


def test_both_ways_audit_every_figure(smoke):
    rows = _rows(smoke)
    assert rows["scan-audit"]["items"] == rows["audit"]["items"] == rows["cli-audit"]["items"]
    assert rows["scan"]["items"] == 1000


def test_bundled_queries_are_timed_or_skipped_with_a_reason(smoke):
    queries = [r for step, r in _rows(smoke).items() if step.startswith("query:")]
    assert queries
    assert all(r["seconds"] or r.get("skipped") for r in queries)


def test_the_tables_are_written(smoke):
    text = (smoke[0] / "results.md").read_text()
    assert "### 1,000 mentions" in text and "| credgraph / rdflib |" in text
    assert "| incremental |" in text
    assert smoke[1]["machine"]["cpus"] >= 1


def _report_module():
    import importlib

    sys.path.insert(0, str(BENCH.parent))
    try:
        return importlib.import_module("bench_report")
    finally:
        sys.path.remove(str(BENCH.parent))


def _result(size, **steps):
    rows = [{"step": s, "seconds": t, "items": 1, "unit": "", "peak_mb": 100.0}
            for s, t in steps.items()]
    return {"size": size, "corpus": {"mentions": size, "quads": 10 * size, "reports": 1},
            "rows": rows}


@pytest.mark.parametrize("load, audit, met", [(2.0, 1.0, True), (5.0, 4.0, False)])
@pytest.mark.parametrize("way", ["store", "no store"])
def test_the_parse_target_is_judged_from_the_same_run(load, audit, met, way):
    report = _report_module()
    steps = {"load": load, "audit": audit} if way == "store" else \
        {"scan": load, "scan-audit": audit}
    res = _result(100_000, parse=1.0, incremental=0.5, **steps)
    (line,) = [t for t in report.targets([res]) if "bare parse" in t]
    assert f"({way}:" in line and line.endswith("| met |") == met


def test_missing_steps_leave_targets_out_instead_of_guessing():
    report = _report_module()
    res = _result(100_000, parse=1.0)
    assert not any("bare parse" in t for t in report.targets([res]))
    assert "| load + audit | - |" in "\n".join(report.overview([res]))
    assert "| scan + audit | - |" in "\n".join(report.overview([res]))


def test_the_report_module_doctests_pass():
    import doctest

    assert doctest.testmod(_report_module()).failed == 0


@pytest.mark.server
def test_the_servers_step_loads_and_audits_through_both_servers(tmp_path):
    """``--only servers`` at 1e3 mentions: oxigraph serve and Virtuoso, the same audit as the
    embedded store's (``--verify``)."""
    from tests.servers import virtuoso_or_skip

    virtuoso_or_skip()
    done = subprocess.run([sys.executable, str(BENCH), "--sizes", "1e3", "--out", str(tmp_path),
                           "--only", "servers", "--verify", "--timeout", "300"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    (result,) = json.loads((tmp_path / "results.json").read_text())["results"]
    rows = {r["step"]: r for r in result["rows"]}
    for engine in ("oxigraph-serve", "virtuoso"):
        assert not rows[f"server-load:{engine}"].get("skipped"), rows[f"server-load:{engine}"]
        assert rows[f"server-load:{engine}"]["items"] == result["corpus"]["quads"]
        assert rows[f"server-audit:{engine}"]["items"] == rows[f"server-audit:oxigraph-serve"][
            "items"] > 0
        assert rows[f"server-findings:{engine}"]["seconds"] > 0
