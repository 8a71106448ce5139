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

BAD = Path(__file__).resolve().parent / "data" / "bad_inputs"
BAD_CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_input_is_refused_with_file_line_and_field(name, bad_input_folder, capsys):
    corpus = bad_input_folder(name)
    assert main(["validate", "--corpus", str(corpus)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "Traceback" not in err
    for line in (BAD / name / "expected.txt").read_text().splitlines():
        assert " ".join(line.split()) in err


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
