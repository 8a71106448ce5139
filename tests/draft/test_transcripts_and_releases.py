"""Round 8: a transcript's speakers (a briefing's spokesperson, a podcast's guest), an
authority's own press release."""

import pytest

from credgraph.draft.passages import Passages
from credgraph.draft.voices import releases_itself
from tests.draft.chain_reading import drafted


BRIEFING = ("CITY WATER BOARD\nMonthly press briefing, 4 May\nTranscript. Spokesperson: Olena "
            "Marchuk.\n\nMARCHUK: Good morning. This month we repaired 140 mains.\n\n"
            "QUESTION (Harbour Lines): The Valley Courier wrote that 900 homes had no water. "
            "Is that right?\n\nMARCHUK: It was fewer than 300, and most were reconnected within "
            "a day.\n\nQUESTION (Radio Pine): When will the pumps be replaced?\n\n"
            "MARCHUK: Twelve pumps will be replaced by June.")

PODCAST = ("THE SLOW NEWS HOUR - Episode 9\nHosts: Tom Reyes and Ana Silva. Guest: Maria "
           "Kovacs, economist.\n\nREYES: Maria, how many firms closed?\n\nKOVACS: In our own "
           "survey of 800 firms, 14 per cent closed this year.\n\nSILVA: Is that a lot?\n\n"
           "KOVACS: It is. The statistics office says 3,000 firms closed nationwide.\n\n"
           "REYES: I thought it was more?\n\nKOVACS: No. About 40 per cent were shops.")


@pytest.mark.parametrize("term, origin, via", [
    ("140", "olena-marchuk", []),  # the spokesperson's own turn
    ("900", "valley-courier", ["harbour-lines"]),  # cited in a question: via the asker's outlet
    ("300", "olena-marchuk", []),  # his answer: not the newspaper the question named
    ("Twelve", "olena-marchuk", []),
])
def test_a_briefings_spokesperson_speaks_in_his_own_turns(term, origin, via):
    found = {t: (o, v) for t, o, v, _h in drafted(BRIEFING, "City Water Board")}
    assert found[term] == (origin, via)


@pytest.mark.parametrize("term, origin, via", [
    ("800", "maria-kovacs", []),  # "our own survey": the guest's, not the show's
    ("14 per cent", "maria-kovacs", []),
    ("3,000", "statistics-office", ["maria-kovacs"]),  # an office she cites: via her
    ("40 per cent", "maria-kovacs", []),  # not carried from her cited office, a turn before
])
def test_a_podcasts_guest_speaks_in_her_own_turns_and_the_hosts_i_is_not_hers(term, origin,
                                                                                 via):
    found = {t: (o, v) for t, o, v, _h in drafted(PODCAST, "The Slow News Hour")}
    assert found[term][0] == origin and found[term][1] == via


def test_a_hosts_question_is_no_heading():
    text = "HOST: Is it true that 300 left?\n\nGUEST: Yes, 300."
    passages = Passages(text)
    assert not passages.is_heading(0)
    # an explainer's question-titles stay headings
    assert Passages("Q: HOW MANY LEFT?\n\nA: About 300.").is_heading(0)


@pytest.mark.parametrize("kind, text, expected", [
    ("government", "NORTH DISTRICT POLICE\nPress release | 2 May\n\nTen were held.", True),
    ("government", "Ministry of Roads\nNEWS RELEASE\n\nWe built 40 bridges.", True),
    ("court", "For immediate release\n\nThe court heard 12 cases.", True),
    # a news outlet printing a release, or a news story quoting one, is not the authority's
    ("news-outlet", "Press release | 2 May\n\nTen were held.", False),
    ("government", "In a press release on Monday, the police said ten were held.", False),
    ("government", "Ten were held.\n\nMore.\n\nMore.\n\nMore.\n\nMore.\n\nPress release", False),
])
def test_an_authoritys_own_release(kind, text, expected):
    assert releases_itself(kind, text) is expected


@pytest.mark.parametrize("text, outlet, expected", [
    # a prosecutor's office's release: every unsourced figure is the office's
    ("NORTH COUNTY PROSECUTOR'S OFFICE\nPress release | 2 May 2026\n\nFour suspects were "
     "charged. During 11 searches, officers seized 50,000 euros.",
     "North County Prosecutor's Office",
     [("Four", "north-county-prosecutors-office"), ("11", "north-county-prosecutors-office"),
      ("50,000", "north-county-prosecutors-office")]),
    # a police department's statement, with a cited source keeping its own figure
    ("RIVERTON POLICE DEPARTMENT\nPress statement\n\nOfficers made 23 arrests on Friday. "
     "The regional fire brigade said 4 cars burned.", "Riverton Police Department",
     [("23", "riverton-police-department"), ("4", "regional-fire-brigade")]),
    # a news story that quotes a release keeps the release's attribution, and its own
    # unsourced figures stay unattributed
    ("The Harbour Lines\n\nThe town has 12,000 residents.\n\nIn a press release, the North "
     "County Prosecutor's Office said four suspects were charged.", "Harbour Lines",
     [("12,000", None), ("four", "north-county-prosecutor")]),
])
def test_an_authoritys_release_speaks_in_its_own_voice(text, outlet, expected):
    assert [(t, o) for t, o, _v, _h in drafted(text, outlet)] == expected


@pytest.mark.parametrize("sentence, hedge", [
    ("According to the investigation, the group moved 40 men across the border.", "alleged"),
    ("Investigators believe the group earned 90,000 euros.", "alleged"),
    ("The court sentenced him to 5 years.", "none"),
])
def test_what_the_investigation_holds_is_alleged(sentence, hedge):
    text = "NORTH COUNTY PROSECUTOR'S OFFICE\nPress release\n\n" + sentence
    assert [h for _t, _o, _v, h in drafted(text, "North County Prosecutor's Office")] == \
        [hedge]


# Round 15: a press release carried whole under its head (``PRESS RELEASE. Issuer. Date.``),
# between separator lines, is its issuer's, and the preface's ``we could not check the
# figures it contains`` covers its figures and no others; a broadcast's own correspondent
# is the outlet's voice, never on a figure's route.

CARRIED = ("A city's weekly release, in translation\n\nHarbour Lines | 2 May 2028\n\n"
           "Each week the city council of Portmarsh publishes a summary. We reproduce the "
           "latest below in full. We could not check the figures it contains.\n\n---\n\n"
           "PRESS RELEASE. City Council of Portmarsh. 1 May 2028.\n\n"
           "This week 12 homes were damaged and 3 residents were hurt. Every household that "
           "lost windows receives a grant of 5,000 hryvnias.\n\n---\n\n"
           "Our note: the Coastal Guard said 40 drones were shot down over the region.")


def test_a_release_carried_whole_is_its_issuers_and_the_preface_disclaims_it():
    found = [(t, o, h) for t, o, _v, h in drafted(CARRIED, "Harbour Lines")]
    assert found == [("12", "city-council-of-portmarsh", "unable-to-verify"),
                     ("3", "city-council-of-portmarsh", "unable-to-verify"),
                     ("5,000", "city-council-of-portmarsh", "unable-to-verify"),
                     ("40", "coastal-guard", "none")]


@pytest.mark.parametrize("text", [
    "PRESS RELEASE: Ten homes were damaged\n\n---\n\nThe council said 10 homes were damaged.",
])
def test_a_release_head_without_an_issuer_carries_nothing(text):
    assert [o for _t, o, _v, _h in drafted(text, "Harbour Lines")] == ["council"]


BROADCAST = ("HARBOUR TV - EVENING NEWS\nTranscript.\n\n"
             "ANNA BELL (ANCHOR): Good evening. Our correspondent Sam Tully is in the port. Sam?"
             "\n\nSAM TULLY (CORRESPONDENT): Anna, the Coastal Guard says 30 drones were sent "
             "overnight and 25 were shot down.\n\nBELL: Any word from the council?\n\n"
             "TULLY: The council told me 4 homes were hit.\n\nBELL: Sam Tully, thank you.")


def test_a_broadcasts_correspondent_is_the_outlets_voice():
    found = [(t, o, v) for t, o, v, _h in drafted(BROADCAST, "Harbour TV")]
    assert found == [("30", "coastal-guard", []), ("25", "coastal-guard", []),
                     ("4", "council", [])]
