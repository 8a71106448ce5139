"""The command line: a thin shell with documented exit codes and no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from credgraph import __version__
from credgraph.annotations import bundled_corpus
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


def _command_names():
    from credgraph.cli import app

    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("command", [None, *_command_names()])
def test_help_fits_80_columns_and_flags_take_no_value(command, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    assert main([command, "--help"] if command else ["--help"]) == 0
    text = capsys.readouterr().out
    assert "Usage: credgraph" in text and "Options:" in text
    assert "<bool>" not in text and "BOOLEAN" not in text
    assert max(map(len, text.splitlines())) <= 80, text


_CORPUS_COMMANDS = {  # command -> the arguments it needs besides its input
    "validate": [], "build": ["-o", "{tmp}/out", "-f", "nquads"], "stats": [],
    "audit": ["-f", "json"], "view": ["-o", "{tmp}/view.html"],
    "load": ["--store", "oxigraph:{tmp}/store"], "query": ["single-origin", "-f", "csv"],
}


@pytest.mark.parametrize("form", ["positional", "--corpus", "-c"])
@pytest.mark.parametrize("command", sorted(_CORPUS_COMMANDS))
def test_every_command_takes_the_corpus_the_same_ways(command, form, tmp_path, capsys):
    DEFAULT_CORPUS = bundled_corpus()
    extra = [a.replace("{tmp}", str(tmp_path)) for a in _CORPUS_COMMANDS[command]]
    if form == "positional" and command == "query":
        pytest.skip("query's positional argument is the query: --corpus names the folder")
    given = [str(DEFAULT_CORPUS)] if form == "positional" else [form, str(DEFAULT_CORPUS)]
    assert main([command, *given, *extra]) == 0, capsys.readouterr().err
    assert "error" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "stats", "audit"])
def test_two_different_inputs_are_refused(command, tmp_path, capsys):
    DEFAULT_CORPUS = bundled_corpus()
    assert main([command, str(DEFAULT_CORPUS), "--corpus", str(tmp_path)]) == 2
    assert "two inputs given" in capsys.readouterr().err


def test_serve_takes_the_corpus_option(capsys):
    from credgraph.cli import app
    import typer

    serve = typer.main.get_command(app).commands["serve"]
    assert any("--corpus" in p.opts for p in serve.params)


def _ring_corpus(folder, rings: int):
    """*rings* loops of three reports each, relaying one another against the order of
    their names (r1 relays r3, r3 relays r2, r2 relays r1)."""
    import shutil

    from pathlib import Path

    cases = Path(__file__).parent / "data" / "audit_cases"
    shutil.copy(cases / "sources.yaml", folder / "sources.yaml")
    (folder / "reports").mkdir()
    relayed = {1: 3, 3: 2, 2: 1}
    for ring in range(rings):
        for n, cited in relayed.items():
            (folder / "reports" / f"g{ring}r{n}.yaml").write_text(
                f"id: g{ring}r{n}\nkind: article\noutlet: paper-a\ntitle: Ring {ring} report {n}\n"
                "date: 2024-03-01\nmentions:\n"
                f"  - {{id: m1, claim: ring-{ring}, statement: Said {ring} times.,\n"
                f"     figure: {{measure: tanks-lost, value: {10 + ring}, unit: tanks, "
                "subject: red army},\n"
                f"     relays: 'g{ring}r{cited}#m1'}}\n")
    return folder


def test_a_loop_is_drawn_the_same_way_by_validate_and_audit(tmp_path, capsys):
    corpus = _ring_corpus(tmp_path, 1)
    drawn = "g0r1#m1 -> g0r3#m1 -> g0r2#m1 -> g0r1#m1"
    assert main(["validate", str(corpus)]) == 0
    assert drawn in capsys.readouterr().err
    main(["audit", str(corpus), "-f", "json"])
    messages = [f["message"] for fig in json.loads(capsys.readouterr().out)["figures"]
                for f in fig["flags"]]
    assert f"citation loop: {drawn}" in messages


def test_many_loops_are_summarised(tmp_path, capsys):
    from credgraph.cli.app import SHOWN_LOOPS

    corpus = _ring_corpus(tmp_path, SHOWN_LOOPS + 7)
    assert main(["validate", str(corpus)]) == 0
    err = capsys.readouterr().err
    assert err.count("relay loop (allowed") == SHOWN_LOOPS
    assert f"and 7 more relay loops ({SHOWN_LOOPS + 7} in all)" in err


def _on_a_terminal(argv: list[str], timeout: float = 120) -> str:
    """What a command prints on a real pseudo-terminal (its standard error included)."""
    import os
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "credgraph.cli", *argv], stdin=slave,
                            stdout=slave, stderr=slave, env={**os.environ, "COLUMNS": "100"})
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=timeout)
    os.close(master)
    assert proc.returncode == 0, seen.decode(errors="replace")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode(errors="replace"))  # colours


@pytest.mark.parametrize("command", ["validate", "build"])
def test_long_work_shows_a_progress_bar_on_a_terminal(command, tmp_path):
    from credgraph.synth import synth_corpus
    from credgraph.synth_files import one_report, write_annotations

    write_annotations(one_report(synth_corpus(3000, seed=4)), tmp_path / "corpus")
    extra = ["-o", str(tmp_path / "out"), "-f", "nquads"] if command == "build" else []
    shown = _on_a_terminal([command, str(tmp_path / "corpus"), "--no-shacl", *extra])
    assert "checking" in shown  # the bar's own words, drawn while it worked
    assert ("ok: 1 report, 3,0" if command == "validate" else "wrote ") in shown
    piped = subprocess.run([sys.executable, "-m", "credgraph.cli", command,
                            str(tmp_path / "corpus"), "--no-shacl", *extra],
                           capture_output=True, text=True, check=True)
    assert "checking" not in piped.stderr + piped.stdout  # no bar where no one watches
