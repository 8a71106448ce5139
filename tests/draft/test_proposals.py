"""What a source the registry lacks is called when the draft proposes it."""

import pytest

from credgraph.draft.drafting import draft_text
from credgraph.draft.proposals import name_proposal, normal_name
from credgraph.draft.tokens import tokenize


@pytest.mark.parametrize("phrase, name, unnamed", [
    # a proper name ending the phrase
    ("independent news site Verstka", "Verstka", False),
    ("the Russian Red Cross", "Russian Red Cross", False),
    ("Pavel Chikov of Agora", "Pavel Chikov of Agora", False),
    ("A Z-channel with 120k subscribers", "Z-channel", False),
    ("the Tuva-Online news site", "Tuva-Online", False),
    ("the Domoy movement", "Domoy", False),
    # a capitalised word that only qualifies the people after it
    ("A former Wagner recruiter", "former wagner recruiter", True),
    ("Local authorities", "local authorities", True),
    ("Military prosecutors", "military prosecutors", True),
    ("Guys from the 1st Slavic brigade", "guys from 1st slavic brigade", True),
    ("Mediazona journalists", "mediazona journalists", True),
    ("Rights advocates", "rights advocates", True),
    # a nationality or a qualifying word is no name: the description is
    ("the Russian judiciary", "Russian judiciary", False),
    ("Polish border guards", "Polish border guards", False),
    ("A Kremlin-backed outlet", "Kremlin-backed outlet", False),
    ("the anti-Kremlin Russian-language channel", "anti-Kremlin Russian-language channel", False),
    # people named by where they are
    ("A colleague of mine in Rostov", "colleague of mine in rostov", True),
    ("Our reader from Chelyabinsk", "reader from chelyabinsk", True),
    ("Mothers of men from Pskov", "mothers of men from pskov", True),
    ("Russian media", "russian media", True),
    ("Partners", "partners", True),
    # an institution, not the place it is in or the body it belongs to
    ("the UN Human Rights Monitoring Mission in Ukraine",
     "UN Human Rights Monitoring Mission in Ukraine", False),
    ("The transit centre in Pavlohrad", "transit centre in Pavlohrad", False),
    ("the Rada committee", "Rada committee", False),
    # a source's work is its owner's; a place of business is no part of a name
    ("Kyiv Pulse's calculations", "Kyiv Pulse", False),
    ("CES's assessment of geolocated footage", "CES", False),
    ("A UNHCR survey", "UNHCR", False),
    ("Warsaw-based Foundation for Migrant Studies", "Foundation for Migrant Studies", False),
    ("the US-based Institute for the Study of War", "Institute for the Study of War", False),
    ("New York-based Human Rights Watch", "Human Rights Watch", False),
    # the one after a place's possessive is the source
    ("Kharkiv's mayor", "Kharkiv's mayor", False),
])
def test_name_proposal(phrase, name, unnamed):
    naming = name_proposal(phrase, tokenize(phrase))
    assert (naming.name, naming.unnamed) == (name, unnamed)


@pytest.mark.parametrize("text, name, anonymous", [
    ("A former Wagner recruiter said 400 of the recruits died in their first month.",
     "Unnamed former wagner recruiter cited in report r1", True),
    ("Local authorities reported that 8,600 people were evacuated in March.",
     "Unnamed local authorities cited in report r1", True),
    ("The UN Human Rights Monitoring Mission in Ukraine said 158 civilians were killed.",
     "UN Human Rights Monitoring Mission in Ukraine", False),
    ("Kyiv Pulse's calculations put the number of drones launched at 6,930.",
     "Kyiv Pulse", False),
])
def test_drafted_proposals(text, name, anonymous):
    """In a draft: the proposed source has that name, and the figure is attributed to it."""
    draft = draft_text(text, report_id="r1", outlet="The Riverside Courier")
    proposed = {p.id: p for p in draft.sources}
    origins = [m.attribution.origin.id for m in draft.report.mentions]
    assert origins and all(o in proposed for o in origins)
    assert {(proposed[o].name, proposed[o].anonymous) for o in origins} == {(name, anonymous)}


def test_no_place_is_proposed_as_a_source():
    """None of the places or qualifiers in these phrases becomes a source of its own."""
    text = ("A colleague of mine in Rostov said 11 reservists waited for months. Guys from the "
            "1st Slavic brigade say 2,000 men were sent there. Our reader from Chelyabinsk writes "
            "that 95 families asked for help.")
    draft = draft_text(text, report_id="r1", outlet="The Riverside Courier")
    names = {normal_name(p.name) for p in draft.sources}
    assert not names & {"rostov", "slavic", "chelyabinsk"}, names
