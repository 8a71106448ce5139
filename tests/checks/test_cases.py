"""One folder per audit check under ``tests/audit_cases``: annotations plus expected findings.

Each case folder holds ``reports/*.yaml`` (and may hold its own ``sources.yaml``; otherwise
the shared ``audit_cases/sources.yaml`` is used) and ``expected.yaml`` listing findings that
must be present (``expect``) and absent (``absent``).
"""

from __future__ import annotations

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


def audit_case(folder: Path, checks=None):
    store = MemoryStore()
    store.load_quads(corpus_quads(load_corpus(folder)))
    return audit(store, checks=checks, label=folder.name)


def test_every_builtin_check_has_a_case():
    assert set(load_builtin_checks()) <= set(CASE_NAMES)


@pytest.mark.parametrize("name", CASE_NAMES)
@pytest.mark.parametrize("only_this_check", [True, False], ids=["alone", "with-all"])
def test_case(name, only_this_check, audit_case_folder):
    expected = yaml.safe_load((CASES / name / "expected.yaml").read_text())
    result = audit_case(audit_case_folder(name), [name] if only_this_check else None)
    for item in expected.get("expect", []):
        found = [f for f in result.figure(item["figure"]).findings if f.check == item["check"]]
        assert found, f"{item['figure']}: expected a {item['check']} finding"
        if "severity" in item:
            assert item["severity"] in {f.severity for f in found}
        for word in item.get("mentions", []):
            assert any(word in f.message for f in found), (word, [f.message for f in found])
        assert all(f.evidence for f in found), "a finding must point at its evidence"
    for item in expected.get("absent", []):
        found = [f for f in result.figure(item["figure"]).findings if f.check == item["check"]]
        assert not found, f"{item['figure']}: unexpected {[f.message for f in found]}"
