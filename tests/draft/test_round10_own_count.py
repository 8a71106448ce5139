"""Round 10, class 2: a publisher's own count. A text that speaks of its own counting
(``our register holds``, ``we have verified``, ``by our tally``, its name as the subject of
``has confirmed``) gives its figures without a source in its own voice, a breakdown's lines
included; a tally line's label (``Conscripts: 1,204``) is what is counted, not a speaker."""

import pytest

from chain_reading import read_chains
from credgraph.draft.passages import Passages
from credgraph.draft.voices import counts_itself
from credgraph.model import Registry, Source

REGISTRY = Registry([Source("lantern", "Lantern", "news-outlet", "B", "r"),
                     Source("hur", "HUR", "military-intelligence", "D", "r")])

OWN = ("Lantern has verified the deaths of 9,412 men by name. Our register grows each week: "
       "we have verified 310 since May.\n\nBREAKDOWN\n\n- Conscripts: 1,204\n- Officers: 388\n\n"
       "Older men now make up 31% of new entries. HUR says 52,000 died.")


@pytest.mark.parametrize("term, origin", [
    ("9,412", "lantern"), ("310", "lantern"), ("1,204", "lantern"), ("388", "lantern"),
    ("31%", "lantern"), ("52,000", "hur"),
])
def test_the_publishers_own_count_is_its_own(term, origin):
    found = {t: o for t, o, _via in read_chains(REGISTRY, OWN, "lantern")}
    assert found[term] == origin


@pytest.mark.parametrize("text, own", [
    (OWN, True),
    ("By our tally 40 died. Our list has 12 officers. We counted 3 generals.", True),
    # one mention of its own count is no report of its own
    ("HUR says 52,000 died. By our count, fewer: 40,000. The war goes on.", False),
    # the words in a quotation are the speaker's
    ('"Our list has 40 names, we counted them, our data are good," the mayor said.', False),
])
def test_counts_itself(text, own):
    assert counts_itself(Passages(text), "Lantern") is own
