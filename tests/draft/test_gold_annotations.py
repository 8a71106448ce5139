"""The hand annotations the drafter is scored against are valid annotations themselves.

``scripts/draft_quality.py`` compares drafts with them; a wrong offset or an unknown source
in one would silently count against (or for) the drafter, so each set is checked the way a
user's corpus is: every field, the SHACL shapes, each passage's offsets into its text and
the term it holds; and every text has its report.
"""

from pathlib import Path

import pytest

from credgraph.annotations import load_corpus
from credgraph.api import validate

DATA = Path(__file__).resolve().parents[1] / "data" / "draft_texts"
SETS = sorted(p.parent for p in DATA.glob("heldout*/sources.yaml"))


def test_every_held_out_set_is_found():
    assert len(SETS) >= 6


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_held_out_set_validates(folder):
    summary = validate(folder)  # raises, naming file, line and field, on any problem
    corpus = load_corpus(folder)
    texts = sorted(p.name for p in (folder / "texts").glob("*.txt"))
    assert sorted(Path(r.text).name for r in corpus.reports.values()) == texts
    assert summary.mentions == sum(len(r.mentions) for r in corpus.reports.values()) > 0

