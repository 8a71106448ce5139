"""Round 11, class 1: an interview's interviewee is the person its introduction presents,
not the interviewer its byline names (``Interview by X``), and no name runs across two
paragraphs of the introduction (a headline ending in a name, then the masthead)."""

import pytest

from chain_reading import read_chains
from credgraph.model import Registry


def origins(text, outlet="harbour-weekly"):
    return {term: origin for term, origin, _via in read_chains(Registry([]), text, outlet)}


QA = ("Q: How many drones does the army lose?\n\nA: My guess is 9,000 a month.\n\n"
      "Q: And artillery?\n\nA: We count about 140 barrels lost since March.")


@pytest.mark.parametrize("intro", [
    # a headline ending in the interviewee's name, the masthead just after it
    "'The drones decide it': a talk with engineer Marta Kowalczyk\n\nHarbour Weekly | Talks\n\n"
    "Interview by Tomas Lind.\n\nMarta Kowalczyk builds drones in Lviv. We spoke to her.",
    # the byline first, the interviewee after it
    "Interviewed by Tomas Lind\n\nMarta Kowalczyk builds drones in Lviv. We spoke to her.",
    "By Tomas Lind\n\nEngineer Marta Kowalczyk builds drones in Lviv. We spoke to her.",
])
def test_the_interviewee_not_the_interviewer(intro):
    found = origins(intro + "\n\n" + QA)
    assert found["9,000"] == found["140"] == "marta-kowalczyk"


def test_an_interviewer_only_named_in_a_byline_is_never_the_interviewee():
    # with no one else named, the text is no interview of the interviewer
    text = "By Tomas Lind\n\nWe spoke to a drone engineer.\n\n" + QA
    assert origins(text)["9,000"] != "tomas-lind"
