"""Every offline shell command the README and docs/*.md show runs as written.

Each `credgraph ...` line of a ``sh`` block is run by bash, in document order, in one
working folder holding the files the examples name (a corpus folder, an article, a query
file, a built N-Quads file). Commands that need a server or the network are left out by a
rule below, with the reason; the rest must exit as the docs say (0, or 1 where the line says
it exits 1), print no traceback and no internal error, and write the files they name.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DRAFT = ROOT / "tests" / "data" / "draft_texts"

NOT_OFFLINE = {
    r"\bserve\b": "starts a server that runs until stopped (tests/test_server*.py drive it)",
    r"https?://": "needs a SPARQL server (tests/test_remote.py, tests/test_virtuoso.py)",
    r"pip install": "installs the package (CI runs the quick start itself)",
}


def _commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for block in re.findall(r"```(?:sh|bash)\n(.*?)```", doc.read_text(), re.S):
            for line in block.splitlines():
                command = re.sub(r"\s+#.*$", "", line).strip()
                if not command.startswith("credgraph "):
                    continue
                if any(re.search(rule, command) for rule in NOT_OFFLINE):
                    continue
                found.append((doc.relative_to(ROOT).as_posix(), command))
    return found


COMMANDS = _commands()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder with every file the examples name."""
    from credgraph.annotations import bundled_corpus

    here = tmp_path_factory.mktemp("docs")
    shutil.copytree(bundled_corpus(), here / "my-corpus",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(DRAFT / "inputs" / "html-01.html", here / "article.html")
    shutil.copy(DRAFT / "gold" / "texts" / "wire-01.txt", here / "wire.txt")
    shutil.copy(DRAFT / "gold" / "texts" / "telegram-01.txt", here / "post.txt")
    reviews = ROOT / "tests" / "data" / "claimreview"
    for name, target in (("single.json", "published.json"), ("page.html", "page.html"),
                         ("reviews.jsonl", "feed.jsonl")):
        shutil.copy(reviews / name, here / target)
    (here / "folder").mkdir()
    for name in ("ngo-01.txt", "court-01.txt"):
        shutil.copy(DRAFT / "gold" / "texts" / name, here / "folder" / name)
    (here / "my-question.rq").write_text(
        "PREFIX cg: <https://w3id.org/credgraph/ns#>\n"
        "SELECT ?report WHERE { ?report a cg:Report } ORDER BY ?report\n")
    credgraph = Path(sys.executable).parent / "credgraph"
    subprocess.run([str(credgraph), "build", "-o", str(here / "big"), "-f", "nquads",
                    "--no-shacl"], check=True, capture_output=True)
    shutil.move(here / "big" / "credgraph.nq", here / "big.nq")
    subprocess.run([str(credgraph), "build", "-o", str(here / "out")], check=True,
                   capture_output=True)
    return here


def _expected_exit(command: str) -> int:
    return 1 if "--fail-on" in command else 0


def test_the_docs_show_commands(workspace):
    assert len(COMMANDS) >= 20, COMMANDS


@pytest.mark.parametrize("doc, command", COMMANDS,
                         ids=[f"{d}:{c[:60]}" for d, c in COMMANDS])
def test_a_documented_command_runs_as_written(doc, command, workspace):
    shell = command.replace("/data/cg", str(workspace / "data-cg"))
    env = {**os.environ, "BROWSER": "true", "COLUMNS": "80",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-c", shell], cwd=workspace, env=env, capture_output=True,
                          text=True, timeout=300)
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "internal error" not in said, said[-2000:]
    assert done.returncode == _expected_exit(command), (doc, command, said[-2000:])
    for written in re.findall(r"(?:--output|-o|--rdf)\s+(\S+)", command):
        assert (workspace / written).exists(), f"{command} did not write {written}"
