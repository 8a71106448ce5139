"""Round 11, class 4: a lead in the present tense (``X posts a running total every
morning``, ``X publishes the number ...``, ``For 2026 it lists:``) is the voice of the
figures after it, as a past-tense lead was in round 10."""

import pytest

from chain_reading import read_chains
from credgraph.annotations import bundled_corpus, load_corpus

REGISTRY = load_corpus(bundled_corpus()).registry


@pytest.mark.parametrize("text, term, origin", [
    ("Ukraine's HUR posts an update every evening. On Monday its count of Russian drones "
     "downed stood at 4,310.", "4,310", "hur"),
    ("Mediazona publishes the names of the dead each week.\n\nFor March it lists:\n"
     "- 1,204 names from obituaries\n- 388 names from court records", "388", "mediazona"),
])
def test_a_present_tense_lead_speaks_on(text, term, origin):
    found = {t: o for t, o, _v in read_chains(REGISTRY, text)}
    assert found[term] == origin


def test_a_characterisation_is_still_no_lead():
    text = "Vladimir Putin describes the war as a short operation. Nearly four years on, it goes on."
    found = {t: o for t, o, _v in read_chains(REGISTRY, text)}
    assert found["four"] is None
