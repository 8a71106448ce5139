"""Shared fixtures: the seed texts, the bundled corpus, its store and its audit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("CREDGRAPH_SEEDS", ROOT.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles (``../shared/seeds``), which CI places beside the project."""
    if not SEEDS.is_dir():
        pytest.fail(f"the seed articles are missing: expected them in {SEEDS} "
                    "(set CREDGRAPH_SEEDS to their folder)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus():
    from graph.annotations import bundled_corpus, load_corpus

    return load_corpus(bundled_corpus())


@pytest.fixture(scope="session")
def dataset(corpus):
    from graph.build import to_dataset

    return to_dataset(corpus)


@pytest.fixture(scope="session")
def seed_store():
    from graph.loading import load_input

    return load_input(None)


@pytest.fixture(scope="session")
def seed_audit(seed_store):
    from graph.audit import audit_store

    return audit_store(seed_store, input_label="bundled corpus")
