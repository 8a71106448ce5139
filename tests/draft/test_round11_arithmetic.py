"""Round 11, class 5: the publisher's own sums (``That is 1,240 in total``, ``That makes
310``, ``Even the total would amount to about one in six of them``) are its own arithmetic
on the figures before them (docs/annotation-format.md: the publisher's arithmetic on
others' figures is the publisher's)."""

import pytest

from chain_reading import read_chains
from credgraph.annotations import bundled_corpus, load_corpus

REGISTRY = load_corpus(bundled_corpus()).registry


@pytest.mark.parametrize("text, term", [
    ("Mediazona counted 900 volunteers and 340 convicts. That is 1,240 in total.", "1,240"),
    ("HUR said 200 drones were downed on Monday and 110 on Tuesday. That makes 310.", "310"),
    ("HUR says the army has 600,000 men. Even the total number of cases would amount to about "
     "one in six of them.", "one in six"),
    ("HUR reported 250 strikes in May and 190 in June. This is a total of 440.", "440"),
])
def test_the_publishers_sum_is_its_own(text, term):
    found = {t: o for t, o, _v in read_chains(REGISTRY, text)}
    assert found[term] == "paper"


def test_a_sentence_that_names_its_source_is_not_arithmetic():
    found = {t: o for t, o, _v in read_chains(REGISTRY, "That is 40 more, HUR said.")}
    assert found["40"] == "hur"
