"""Shared fixtures: the seed texts, the bundled corpus, its store and its audit, the audit
cases and the bad-input cases as corpus folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("CREDGRAPH_SEEDS", ROOT.parent / "shared" / "seeds"))
AUDIT_CASES = ROOT / "tests" / "data" / "audit_cases"
BAD_INPUTS = ROOT / "tests" / "data" / "bad_inputs"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles (``../shared/seeds``), which CI places beside the project."""
    if not SEEDS.is_dir():
        pytest.fail(f"the seed articles are missing: expected them in {SEEDS} "
                    "(set CREDGRAPH_SEEDS to their folder)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus():
    from credgraph.annotations import bundled_corpus, load_corpus

    return load_corpus(bundled_corpus())


@pytest.fixture(scope="session")
def dataset(corpus):
    from credgraph.build import to_dataset

    return to_dataset(corpus)


@pytest.fixture(scope="session")
def seed_store():
    from credgraph.inputs import open_input

    return open_input(None).store()


@pytest.fixture(scope="session")
def seed_audit(seed_store):
    from credgraph.api import audit

    return audit(seed_store, label="bundled corpus")


@pytest.fixture
def audit_case_folder(tmp_path):
    """Makes an audit case (``tests/data/audit_cases/<name>``) a corpus folder: its reports,
    and its own ``sources.yaml`` or else the shared one."""
    import shutil

    def make(name: str) -> Path:
        folder = AUDIT_CASES / name
        shutil.copytree(folder / "reports", tmp_path / name / "reports")
        registry = folder / "sources.yaml"
        shutil.copy(registry if registry.is_file() else AUDIT_CASES / "sources.yaml",
                    tmp_path / name)
        if (folder / "measures.yaml").is_file():
            shutil.copy(folder / "measures.yaml", tmp_path / name)
        return tmp_path / name

    return make


@pytest.fixture
def bad_input_folder(tmp_path):
    """Makes a bad-input case (``tests/data/bad_inputs/<name>``) a corpus folder under
    *tmp_path* (in *sub*): its reports, and its own ``sources.yaml`` or else the shared one."""
    import shutil

    def make(name: str, sub: str = "corpus") -> Path:
        folder, target = BAD_INPUTS / name, tmp_path / sub
        reports = folder / "reports"  # a registry case has no reports (git keeps no empty dir)
        if reports.is_dir():
            shutil.copytree(reports, target / "reports")
        else:
            (target / "reports").mkdir(parents=True)
        registry = folder / "sources.yaml"
        shutil.copy(registry if registry.is_file() else BAD_INPUTS / "sources.yaml", target)
        return target

    return make


def assert_error_says(name: str, message: str, *, with_seeds: bool = True) -> None:
    """Checks *message* against ``bad_inputs/<name>/expected.txt``: each line must be said
    (whitespace-insensitive), a line starting with ``!`` must not be; lines naming
    ``--seeds`` are skipped when the path checked no evidence (*with_seeds* false)."""
    said = " ".join(message.split())
    for line in (BAD_INPUTS / name / "expected.txt").read_text().splitlines():
        if not line.strip() or (not with_seeds and "--seeds" in line):
            continue
        if line.startswith("!"):
            assert " ".join(line[1:].split()) not in said, (name, line)
        else:
            assert " ".join(line.split()) in said, (name, line)
