"""`credgraph draft` on the command line: writes, never overwrites, exit codes."""

import io
import shutil
import sys
from pathlib import Path

import pytest

from credgraph.cli import main

DATA = Path(__file__).resolve().parent / "data" / "draft_texts"
WIRE = DATA / "gold" / "texts" / "wire-01.txt"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(DATA / "known-sources.yaml", folder / "sources.yaml")
    return folder


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def test_draft_then_validate_then_audit(corpus, capsys):
    assert main(["draft", str(WIRE), "--corpus", str(corpus), "--outlet", "Baltic Wire",
                 "--date", "2024-03-12"]) == 0
    assert "5 figures" in capsys.readouterr().out
    assert (corpus / "texts" / "wire-01.txt").read_text() == WIRE.read_text()
    report = (corpus / "reports" / "wire-01.yaml").read_text()
    assert "text: texts/wire-01.txt" in report and f"input_file: " in report
    assert main(["validate", "--corpus", str(corpus)]) == 0
    assert main(["audit", str(corpus), "--format", "json"]) == 0


@pytest.mark.parametrize("registry", [None, "", "sources: []\n", "sources:\n"],
                         ids=["no-file", "empty-file", "empty-list", "no-list"])
def test_a_new_corpus_is_filled_by_its_first_draft(tmp_path, capsys, registry):
    folder = tmp_path / "new"
    folder.mkdir()
    if registry is not None:
        (folder / "sources.yaml").write_text(registry)
    assert main(["draft", str(WIRE), "--corpus", str(folder), "--outlet", "Baltic Wire",
                 "--date", "2024-03-12"]) == 0
    assert main(["validate", "--corpus", str(folder)]) == 0
    assert "- id: baltic-wire" in (folder / "sources.yaml").read_text()


def test_a_registry_listing_no_source_is_refused_once_the_corpus_has_reports(corpus, capsys):
    assert main(["draft", str(WIRE), "--corpus", str(corpus), "--date", "2024-03-12"]) == 0
    (corpus / "sources.yaml").write_text("sources: []\n")
    capsys.readouterr()
    before = files(corpus)
    assert main(["draft", str(WIRE), "--corpus", str(corpus), "--id", "again"]) == 2
    assert "sources.yaml:1" in capsys.readouterr().err and files(corpus) == before


def test_a_draft_is_marked_unreviewed_and_audited_as_one(corpus, capsys):
    """Every drafted report says `reviewed: false`; `validate` and `audit` run on it at once,
    and the audit says its figures rest on an unreviewed draft."""
    import json

    assert main(["draft", str(WIRE), "--corpus", str(corpus), "--outlet", "Baltic Wire",
                 "--date", "2024-03-12"]) == 0
    report = (corpus / "reports" / "wire-01.yaml").read_text()
    assert "\nreviewed: false" in report
    assert main(["validate", "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    assert main(["audit", str(corpus), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["summary"]["unreviewed_reports"] == 1
    assert result["figures"] and all(
        any(f["check"] == "unreviewed-draft" for f in fig["flags"]) for fig in result["figures"])
    table = corpus.parent / "audit.txt"
    assert main(["audit", str(corpus), "--format", "table", "--output", str(table)]) == 0
    assert "1 of the reports is an unreviewed draft" in " ".join(table.read_text().split())


def test_never_overwrites_without_force(corpus, capsys):
    argv = ["draft", str(WIRE), "--corpus", str(corpus), "--outlet", "Baltic Wire"]
    assert main(argv) == 0
    before = files(corpus)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "exists already" in err and "wire-01" in err and "Traceback" not in err
    assert files(corpus) == before
    assert main(argv + ["--force", "--date", "2024-03-12"]) == 0
    assert files(corpus)["reports/wire-01.yaml"] != before["reports/wire-01.yaml"]


def test_dry_run_prints_and_writes_nothing(corpus, capsys):
    before = files(corpus)
    assert main(["draft", str(WIRE), "--corpus", str(corpus), "--dry-run", "--outlet",
                 "Some New Outlet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Draft by credgraph draft") and "id: some-new-outlet" in out
    assert files(corpus) == before


@pytest.mark.parametrize("name, content", [
    ("empty.txt", b""), ("binary.txt", b"\x00\x01\x02"), ("latin.txt", "é 300".encode("latin-1")),
    ("nav.html", b"<html><body><nav>Home</nav></body></html>"),
])
def test_bad_input_exits_2_and_writes_nothing_for_it(corpus, tmp_path, capsys, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    before = files(corpus)
    assert main(["draft", str(bad), "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert name in err and "Traceback" not in err
    assert files(corpus) == before


def test_one_bad_input_among_good_ones(corpus, tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    assert main(["draft", str(bad), str(WIRE), "--corpus", str(corpus)]) == 2
    assert "1 of 2 inputs not drafted" in capsys.readouterr().err
    assert sorted(files(corpus)) == ["reports/wire-01.yaml", "sources.yaml", "texts/wire-01.txt"]


def test_standard_input(corpus, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WIRE.read_bytes())))
    assert main(["draft", "-", "--id", "from-stdin", "--corpus", str(corpus)]) == 0
    assert "input_file: \"-\"" in (corpus / "reports" / "from-stdin.yaml").read_text()


@pytest.mark.parametrize("argv, message", [
    (["--id", "Not An Id"], "not a valid id"),
    (["--date", "2024-13-40"], "not a date"),
    (["--kind", "novel"], "not allowed"),
])
def test_bad_options_exit_2(corpus, capsys, argv, message):
    assert main(["draft", str(WIRE), "--corpus", str(corpus), *argv]) == 2
    assert message in capsys.readouterr().err
    assert sorted(files(corpus)) == ["sources.yaml"]


def test_a_corpus_is_required_unless_dry_run(capsys):
    assert main(["draft", str(WIRE)]) == 2
    assert "--corpus" in capsys.readouterr().err


def test_a_50_mb_page_is_refused_by_name(corpus, tmp_path, capsys):
    page = tmp_path / "huge.html"
    with page.open("wb") as fh:
        fh.write(b"<html><body><p>300 soldiers")
        fh.truncate(50 * 1024 * 1024)
    before = files(corpus)
    assert main(["draft", str(page), "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "huge.html" in err and "MB" in err
    assert files(corpus) == before


def test_a_folder_of_inputs(corpus, capsys):
    assert main(["draft", str(DATA / "inputs"), "--corpus", str(corpus), "--jobs", "2"]) == 0
    assert sorted(p.stem for p in (corpus / "reports").glob("*.yaml")) == [
        "html-01", "html-02", "html-03"]
    assert main(["validate", "--corpus", str(corpus)]) == 0


def test_a_measure_the_scheme_lacks_is_proposed_once(corpus, tmp_path, capsys):
    """A count of something with no concept in the scheme goes to measures.yaml as a
    proposal; the report validates; a second text reuses it instead of proposing again."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Kyiv, 2 May 2024. Mediazona counted 40 sappers at the depot.\n")
    second.write_text("Kyiv, 9 May 2024. Mediazona counted 55 sappers at the depot.\n")
    assert main(["draft", str(first), "--corpus", str(corpus), "--outlet", "Baltic Wire"]) == 0
    scheme = (corpus / "measures.yaml").read_text()
    assert scheme.count("- id: sappers") == 1 and "proposed by credgraph draft" in scheme
    assert "measure: sappers" in (corpus / "reports" / "first.yaml").read_text()
    assert main(["validate", "--corpus", str(corpus)]) == 0
    assert main(["draft", str(second), "--corpus", str(corpus), "--outlet", "Baltic Wire"]) == 0
    assert (corpus / "measures.yaml").read_text() == scheme
    assert "measure: sappers" in (corpus / "reports" / "second.yaml").read_text()
    assert main(["validate", "--corpus", str(corpus)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_batch_proposes_a_new_measure_once(corpus, tmp_path, jobs, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for day, n in (("2", 40), ("9", 55)):
        (inputs / f"d{day}.txt").write_text(f"Kyiv, {day} May 2024. Mediazona counted {n} "
                                            "sappers at the depot.\n")
    assert main(["draft", str(inputs), "--corpus", str(corpus), "--outlet", "Baltic Wire",
                 "--jobs", jobs]) == 0
    assert (corpus / "measures.yaml").read_text().count("- id: sappers") == 1
    assert main(["validate", "--corpus", str(corpus)]) == 0
    capsys.readouterr()
