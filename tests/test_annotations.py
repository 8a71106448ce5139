"""Reading annotations: bad input always gets a clear error naming file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credgraph.annotations import load_corpus
from credgraph.cli import main
from credgraph.errors import AnnotationErrors

from tests.conftest import assert_error_says

BAD = Path(__file__).resolve().parent / "data" / "bad_inputs"
BAD_CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_input_is_refused_with_file_line_and_field(name, bad_input_folder, capsys):
    corpus = bad_input_folder(name)
    assert main(["validate", "--corpus", str(corpus)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "Traceback" not in err
    assert_error_says(name, err)


@pytest.mark.parametrize("name", BAD_CASES)
@pytest.mark.parametrize("command", [
    ["build", "-f", "nquads", "--no-shacl", "-o", "{out}", "--corpus", "{corpus}"],
    ["build", "-o", "{out}", "--corpus", "{corpus}"],
    ["audit", "{corpus}"], ["stats", "{corpus}"],
], ids=["stream", "build", "audit", "stats"])
def test_every_path_refuses_bad_input_the_same_way(name, command, bad_input_folder, capsys,
                                                  tmp_path):
    corpus = bad_input_folder(name)
    args = [a.format(out=tmp_path / "out", corpus=corpus) for a in command]
    assert main(args) == 2, args
    err = " ".join(capsys.readouterr().err.split())
    assert_error_says(name, err, with_seeds=False)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_all_problems_are_reported_at_once(bad_input_folder):
    corpus = bad_input_folder("bad-registry")
    with pytest.raises(AnnotationErrors) as info:
        load_corpus(corpus)
    assert len(info.value.errors) >= 3


def test_failed_build_keeps_previous_output(tmp_path, bad_input_folder, capsys):
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), "--formats", "turtle"]) == 0
    before = (out / "credgraph.ttl").read_bytes()
    bad = bad_input_folder("unknown-alias", "bad")
    assert main(["build", "--corpus", str(bad), "-o", str(out), "--formats", "turtle"]) == 2
    assert (out / "credgraph.ttl").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["credgraph.ttl"]


REPORT_KEYS = ["id", "kind", "outlet", "title", "date", "mentions", "seed", "author", "url"]
MENTION_KEYS = ["id", "claim", "statement", "figure", "attributed_to", "via", "relays", "hedge",
                "evidence", "quoted", "own_work", "cites_as"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=12),
                    st.floats(allow_nan=True), st.dates().map(str))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


@st.composite
def reports(draw):
    """Report mappings that are almost right: known keys with arbitrary values."""
    report = {k: draw(values) for k in draw(st.lists(st.sampled_from(REPORT_KEYS), unique=True))}
    if draw(st.booleans()):
        report["mentions"] = [
            {k: draw(values) for k in draw(st.lists(st.sampled_from(MENTION_KEYS), unique=True))}
            for _ in range(draw(st.integers(0, 3)))]
    return report


def _run_validate(tmp_path: Path, text: str, capsys) -> tuple[int, str]:
    (tmp_path / "reports").mkdir(exist_ok=True)
    shutil.copy(BAD / "sources.yaml", tmp_path)
    (tmp_path / "reports" / "r1.yaml").write_text(text, encoding="utf-8")
    code = main(["validate", "--corpus", str(tmp_path), "--no-shacl"])
    return code, capsys.readouterr().err


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_malformed_values_give_a_clear_error_not_a_traceback(report, tmp_path, capsys):
    code, err = _run_validate(tmp_path, yaml.safe_dump(report, allow_unicode=True), capsys)
    assert code in (0, 2), err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        assert "r1.yaml" in err or "sources.yaml" in err


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("id: -[]{}\"',\n\t&*!|>%@`#abc12")),
                    max_size=80))
def test_malformed_yaml_gives_a_clear_error_not_a_traceback(text, tmp_path, capsys):
    code, err = _run_validate(tmp_path, text, capsys)
    assert code == 2, "a report this broken must be refused"
    assert "Traceback" not in err and "internal error" not in err
    assert "r1.yaml" in err


def _text_corpus(root: Path, passage: str, evidence: str) -> Path:
    (root / "reports").mkdir(parents=True)
    (root / "texts").mkdir()
    shutil.copy(BAD / "sources.yaml", root)
    (root / "texts" / "r1.txt").write_text(passage, encoding="utf-8")
    (root / "reports" / "r1.yaml").write_text(
        "id: r1\nkind: article\noutlet: newsweek\ntitle: t\ndate: 2024-01-01\n"
        "text: texts/r1.txt\ninput_file: story.html\nmentions:\n"
        "  - {id: m1, claim: c1, statement: Newsweek says 120 soldiers left.,\n"
        "     figure: {measure: deserters, value: 120, unit: soldiers, subject: Russian soldiers},\n"
        f"     attributed_to: newsweek, evidence: {evidence}}}\n", encoding="utf-8")
    return root


def test_a_report_may_point_into_a_text_of_its_corpus(tmp_path, capsys):
    corpus = _text_corpus(tmp_path / "c", "Some 120 soldiers left.", "{start: 0, end: 23}")
    report = load_corpus(corpus).reports["r1"]
    assert (report.text, report.input_file) == ("texts/r1.txt", "story.html")
    assert report.mentions[0].evidence.text == "texts/r1.txt"
    assert main(["validate", "--corpus", str(corpus)]) == 0


@pytest.mark.parametrize("passage, evidence, message", [
    ("Some 12 soldiers left.", "{start: 0, end: 22}", "does not contain the figure's 120"),
    ("Short.", "{start: 0, end: 23}", "passage ends past the end of the file"),
])
def test_evidence_into_a_corpus_text_is_checked_without_seeds(tmp_path, capsys, passage,
                                                              evidence, message):
    corpus = _text_corpus(tmp_path / "c", passage, evidence)
    assert main(["validate", "--corpus", str(corpus)]) == 2
    assert message in capsys.readouterr().err
