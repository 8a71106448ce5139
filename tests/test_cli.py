"""The command line: a thin shell with documented exit codes and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from credgraph import __version__
from credgraph.checks import CHECKS, Finding, register_check
from credgraph.cli import main


def test_version(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_stats_counts_the_bundled_graph(capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    for word in ("reports", "sources", "claims", "mentions", "figures", "triples"):
        assert word in out
    assert " 5 " in out or "│ 5" in out


def test_validate_checks_evidence_against_the_seeds(seeds_dir, capsys):
    assert main(["validate", "--seeds", str(seeds_dir)]) == 0
    assert "ok" in capsys.readouterr().out


def test_build_writes_all_formats(tmp_path, capsys):
    assert main(["build", "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["credgraph.jsonld", "credgraph.nt", "credgraph.trig", "credgraph.ttl"]


@pytest.mark.parametrize("argv", [["build", "--formats", "rdfxml"], ["audit", "--format", "pdf"],
                                  ["no-such-command"], ["audit", "--fail-on", "fatal"],
                                  ["stats", "/no/such/file.ttl"]])
def test_bad_usage_exits_2_without_traceback(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_internal_error_exits_3_without_traceback(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("credgraph.audit.trace_facts", broken)
    assert main(["audit"]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err


def test_a_users_check_joins_the_table(capsys):
    @register_check("mentions-putin", "Flags claims whose statement names Putin.", "info")
    def mentions_putin(ctx, claim):
        if "Putin" in claim.reference.text:
            yield Finding("names Putin", [claim.reference.node])

    try:
        assert main(["checks"]) == 0
        assert "mentions-putin" in capsys.readouterr().out
        assert main(["audit", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        flagged = [f["id"] for f in data["figures"]
                   if any(x["check"] == "mentions-putin" for x in f["flags"])]
        assert "putin-calls-war-special-military-operation" in flagged
    finally:
        CHECKS.unregister("mentions-putin")


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "credgraph.cli", "--version"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and __version__ in result.stdout
