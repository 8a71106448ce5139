"""Documentation stays true: every command, check and closed list is documented; the README's
quick start is what CI runs; no seed sentence is copied into the project."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from credgraph.checks import load_builtin_checks
from credgraph.cli import app
from credgraph.vocab import CONCEPT_SCHEMES, members

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
DOCS = "\n".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))


def _commands():
    """Every command, those of a group (``export claimreview``) by their full name."""
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for group in app.registered_groups:
        names += [f"{group.name} {c.name or c.callback.__name__}"
                  for c in group.typer_instance.registered_commands]
    return sorted(names)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command):
    assert f"credgraph {command}" in README


@pytest.mark.parametrize("check", list(load_builtin_checks()))
def test_every_check_is_documented(check):
    assert f"`{check}`" in (ROOT / "docs" / "audit.md").read_text()


def test_the_closed_lists_table_is_what_the_schemes_generate():
    """The annotation guide's table of closed lists is generated from the concept schemes
    (scripts/closed_lists_doc.py), never written by hand."""
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "closed_lists_doc.py"),
                           "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_annotated_closed_list_is_in_the_guide():
    """Every closed list the YAML reader checks a field against has a row in the table."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("closed_lists_doc",
                                                  ROOT / "scripts" / "closed_lists_doc.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = {name for _field, name, _note in script.ROWS}
    assert set(CONCEPT_SCHEMES) - {"credibility", "severity"} <= written, \
        "credibility and severity are the audit's, every other list an annotator writes"


def _quick_start():
    blocks = re.findall(r"```sh\n(.*?)\n```", README.split("## Quick start")[1], re.S)
    return [b.strip() for b in blocks[:2]]


def test_ci_runs_the_readme_quick_start():
    ci = (ROOT / ".ci" / "run").read_text()
    main_job, tests = _quick_start()
    assert "credgraph audit" in main_job and "pytest" in tests
    for command in (main_job, tests):
        parts = [p.strip() for p in command.split("&&")]
        for part in parts:
            assert part in ci, f"CI does not run {part!r} from the README"


def test_ci_fails_when_no_test_runs():
    ci = (ROOT / ".ci" / "run").read_text()
    assert '"$rc" -eq 5' in ci and "exit 1" in ci


def test_the_rdf_mapping_doc_is_what_the_mapping_generates():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "rdf_mapping_doc.py"),
                           "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_seed_sentence_is_copied(seeds_dir):
    """No tracked file repeats 10 words in a row from a seed article."""
    words = lambda t: re.findall(r"[a-z0-9']+", t.lower())  # noqa: E731
    grams = set()
    for seed in seeds_dir.glob("*.txt"):
        w = words(seed.read_text(encoding="utf-8"))
        grams.update(tuple(w[i:i + 10]) for i in range(len(w) - 9))
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    hits = []
    for name in tracked.stdout.split():
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            w = words(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        if any(tuple(w[i:i + 10]) in grams for i in range(len(w) - 9)):
            hits.append(name)
    assert hits == []


@pytest.mark.parametrize("doc", ["README.md", "docs/annotation-format.md"])
def test_the_report_examples_are_valid_annotations(doc, tmp_path, seeds_dir, capsys):
    """Every report example in the docs validates against the bundled registry, its
    evidence checked against the seed texts."""
    import shutil

    from credgraph.annotations import bundled_corpus
    from credgraph.cli import main

    text = (ROOT / doc).read_text()
    examples = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S)
                if re.match(r"id: ", b) and "mentions:" in b]
    assert examples, f"no report example in {doc}"
    for n, example in enumerate(examples):
        corpus = tmp_path / f"c{n}"
        (corpus / "reports").mkdir(parents=True)
        for name in ("sources.yaml", "measures.yaml"):
            if (bundled_corpus() / name).is_file():
                shutil.copy(bundled_corpus() / name, corpus / name)
        report_id = re.match(r"id: (\S+)", example)[1]
        (corpus / "reports" / f"{report_id}.yaml").write_text(example)
        code = main(["validate", "--corpus", str(corpus), "--seeds", str(seeds_dir)])
        assert code == 0, capsys.readouterr().err


def test_a_generated_section_is_checked_and_rewritten(tmp_path):
    """scripts/generated_section.py: --check gives 1 on a stale part, 2 without markers, and a
    run rewrites only the part between the markers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "generated_section", ROOT / "scripts" / "generated_section.py")
    section = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(section)
    begin, end = section.markers("x.py")
    doc = tmp_path / "doc.md"
    doc.write_text(f"head\n{begin}\nold\n{end}\ntail\n")
    assert section.run(doc, "x.py", lambda: "new\n", "d", ["--check"]) == 1
    assert section.run(doc, "x.py", lambda: "new\n", "d", []) == 0
    assert doc.read_text() == f"head\n{begin}\nnew\n{end}\ntail\n"
    assert section.run(doc, "x.py", lambda: "new\n", "d", ["--check"]) == 0
    doc.write_text("no markers\n")
    assert section.run(doc, "x.py", lambda: "new\n", "d", ["--check"]) == 2
