"""Round 10, class 1: a paragraph (or a list a line announces) goes on in the voice of the
source its lead names, until another source, a paragraph with a voice of its own, a
heading, a quotation or the publisher's own voice ends it."""

import pytest

from chain_reading import read_chains
from credgraph.annotations import bundled_corpus, load_corpus

REGISTRY = load_corpus(bundled_corpus()).registry


def origins(text, outlet="paper"):
    return {term: origin for term, origin, _via in read_chains(REGISTRY, text, outlet)}


@pytest.mark.parametrize("text, term, origin", [
    # a lead without figures, then figures with no cue of their own
    ("Forces of the Dnepr group advanced near Kamianka, the Russian Ministry of Defence "
     "reported on Tuesday.\n\nIn that sector the enemy lost up to 95 servicemen and four "
     "vehicles.", "95", "russia-defence-ministry"),
    # the voice goes on over several paragraphs without a voice of their own
    ("According to the Russian Ministry of Defence, 400 servicemen were lost in a day.\n\n"
     "The Vostok group destroyed 3 depots.\n\nThe Zapad group repelled 6 attacks.",
     "6", "russia-defence-ministry"),
    # a line announcing a list carries the voice into the list's items
    ("Ukraine's HUR said on Friday that losses had grown.\n\nCumulative losses are:\n\n"
     "- tanks - 3,210 (+4)\n- guns - 7,115 (+9)\n", "7,115", "hur"),
])
def test_a_lead_speaks_on(text, term, origin):
    assert origins(text)[term] == origin


@pytest.mark.parametrize("text, term", [
    # a characterisation is no lead
    ("Vladimir Putin described the war as a short operation. However, nearly four years on, "
     "it goes on.", "four"),
    # a heading ends the voice
    ("According to the Russian Ministry of Defence, 400 servicemen were lost.\n\nBACKGROUND\n\n"
     "The war has displaced 6 million people.", "6 million"),
])
def test_where_the_voice_stops(text, term):
    assert origins(text)[term] is None
