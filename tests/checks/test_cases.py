"""One folder per audit check and per comparison rule under ``tests/data/audit_cases``:
annotations plus expected findings.

Each case folder holds ``reports/*.yaml`` (and may hold its own ``sources.yaml`` or
``measures.yaml``; otherwise the shared ``audit_cases/sources.yaml`` is used) and
``expected.yaml``:

- ``rule``: the row of docs/audit.md's comparison table the case stands for, if any;
- ``checks``: the checks run "alone" (default: the one the folder is named after);
- ``expect`` / ``absent``: findings that must be present and absent (optionally with
  ``severity`` and words the message ``mentions``: an absent one with them is one such
  finding, the figure's others allowed);
- ``figures``: fields of the audit JSON a figure must have (``credibility_not`` refuses a
  credibility digit);
- ``xfail``: why the audit cannot yet do what the case expects (a gap named, say a term
  the vocabulary lacks); the case then runs as a strict xfail, so it fails once the gap is
  closed and the key must go.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from credgraph.annotations import load_corpus
from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.checks import load_builtin_checks
from credgraph.store import MemoryStore

CASES = Path(__file__).resolve().parents[1] / "data" / "audit_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").is_file())
DOC = Path(__file__).resolve().parents[2] / "docs" / "audit.md"


def _expected(name: str) -> dict:
    return yaml.safe_load((CASES / name / "expected.yaml").read_text()) or {}


def audit_case(folder: Path, checks=None):
    store = MemoryStore()
    store.load_quads(corpus_quads(load_corpus(folder)))
    return audit(store, checks=checks, label=folder.name)


def test_every_builtin_check_has_a_case():
    assert set(load_builtin_checks()) <= set(CASE_NAMES)


def _rule_rows() -> dict[str, set[str]]:
    """The rows of docs/audit.md's comparison table: rule -> its case folders."""
    rows = {}
    for line in DOC.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[3].startswith("`"):
            rows[cells[0].strip("`")] = {c.strip().strip("`") for c in cells[3].split(",")}
    return rows


def test_every_rule_of_the_doc_is_a_tested_case_and_back():
    rows = _rule_rows()
    assert {"same", "series", "part", "narrower", "none"} <= set(rows)
    for rule, cases in rows.items():
        for case in cases:
            assert case in CASE_NAMES, f"docs/audit.md names case {case!r}, which is missing"
            assert _expected(case).get("rule") == rule, (case, rule)
    for name in CASE_NAMES:
        rule = _expected(name).get("rule")
        if rule is not None:
            assert name in rows.get(rule, ()), f"{name}: rule {rule!r} has no row naming it"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_mentions_words_are_whole(name):
    """A number with a thousands comma in an unquoted flow sequence is two YAML items
    (``[superseded by 3,000 civilians]`` asks for "superseded by 3" and "000 civilians"):
    quote it, so the words asked for are the words meant."""
    text = (CASES / name / "expected.yaml").read_text()
    for words in re.findall(r"mentions: \[([^\]]*)\]", text):
        unquoted = re.sub(r'"[^"]*"', "", words)
        assert not re.search(r"\d,\d{3}", unquoted), f"{name}: quote {words!r}"


@pytest.mark.parametrize("name", CASE_NAMES)
@pytest.mark.parametrize("only_this_check", [True, False], ids=["alone", "with-all"])
def test_case(name, only_this_check, audit_case_folder, request):
    expected = _expected(name)
    if expected.get("xfail"):
        request.applymarker(pytest.mark.xfail(reason=expected["xfail"], strict=True))
    checks = expected.get("checks", [name] if name in load_builtin_checks() else None)
    result = audit_case(audit_case_folder(name), checks if only_this_check else None)
    for item in expected.get("expect", []):
        if only_this_check and checks is not None and item["check"] not in checks:
            continue
        found = [f for f in result.figure(item["figure"]).findings if f.check == item["check"]]
        assert found, f"{item['figure']}: expected a {item['check']} finding"
        if "severity" in item:
            assert item["severity"] in {f.severity for f in found}, [f.severity for f in found]
        for word in item.get("mentions", []):
            assert any(word in f.message for f in found), (word, [f.message for f in found])
        assert all(f.evidence for f in found), "a finding must point at its evidence"
    for item in expected.get("absent", []):
        found = [f for f in result.figure(item["figure"]).findings if f.check == item["check"]
                 and ("severity" not in item or f.severity == item["severity"])
                 and all(word in f.message for word in item.get("mentions", []))]
        assert not found, f"{item['figure']}: unexpected {[f.message for f in found]}"
    if only_this_check:
        return
    for item in expected.get("figures", []):
        got = result.figure(item["figure"]).as_dict()
        for key, value in item.items():
            if key == "credibility_not":
                assert got["grade"][1] != str(value), (item["figure"], got["grade"],
                                                       got["grade_reason"])
            elif key != "figure":
                assert got[key] == value, (item["figure"], key, got[key])
