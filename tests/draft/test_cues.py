"""cues.py: the attribution cues of one sentence."""

import pytest

from chain_reading import drafted


# Round 11, class 9: a byline or masthead line (``Outlet | By Name | Published 6 May``) and
# a headline's genre label (``FACT CHECK: ...``, ``ANALYSIS: ...``) name no source.

OUTLET = "Harbour Weekly"


@pytest.mark.parametrize("text", [
    "ANALYSIS: 300,000 men were called up\n\nHarbour Weekly | By Tomas Lind | Published 2 May "
    "2027\n\nThe call-up of 300,000 men came in a decree.",
    "FACT CHECK: No, 90% of the brigade did not desert\n\nBy Tomas Lind | Updated 4 June 2027"
    "\n\nCLAIM: \"90% of the brigade deserted.\" (a post shared widely)",
])
def test_no_source_from_a_byline_or_a_genre_label(text):
    draft = drafted(text, OUTLET)
    origins = {o for _t, o, _v, _h in draft}
    assert not {o for o in origins if o and ("lind" in o or "analysis" in o or "fact" in o)}


# Round 15: a study or data named with its author is the author's (``a poll ... by X``,
# ``X's survey points the same way: ...``, ``finance ministry data showed``), and so is a
# later ``it found``; ``N claimed by X`` is X's; what respondents ``told pollsters of X`` is
# X's poll; ``every resident receives`` counts nothing.

@pytest.mark.parametrize("text, expected", [
    ("A survey of 1,200 households by the Harbour Research Group, released on Monday, found "
     "that 61 percent had no heating.", [("1,200", "harbour-research-group"),
                                        ("61 percent", "harbour-research-group")]),
    ("The Lakeside Institute's latest poll tells a similar story: 44 percent back talks.",
     [("44 percent", "lakeside-institute")]),
    ("Consider the autumn study by the Coastal Policy Centre, carried out in October. It found "
     "that 38 percent of the men had left.", [("38 percent", "coastal-policy-centre")]),
    ("Export earnings fell 12 percent in March, customs service data showed.",
     [("12 percent", "customs-service")]),
    ("The port saw 90 attacks in May, the most in a month recorded by the Coastal Guard.",
     [("90", "coastal-guard")]),
    ("About 70 percent of the Russians who told pollsters from the Lakeside Institute in May "
     "said they wanted talks.", [("70 percent", "lakeside-institute")]),
    ("Every family that lost its home receives a payment of 20,000 hryvnias.",
     [("20,000", None)]),
    # official data and a poll of people name no author; a poll's respondents are not it
    ("Official data showed a 12 percent fall.", [("12 percent", None)]),
    ("A poll of 2,000 Ukrainians found that 60 percent were tired.", [("2,000", None),
                                                                       ("60 percent", None)]),
])
def test_a_study_or_data_is_its_authors(text, expected):
    assert [(t, o) for t, o, _v, _h in drafted(text, OUTLET)] == expected


def test_a_study_named_without_a_figure_is_carried_into_no_other_sentence():
    text = ("- The ministry's daily count includes the wounded.\n- Convicts, roughly one in "
            "four of the names, are hard to trace.")
    assert [(t, o) for t, o, _v, _h in drafted(text, OUTLET)] == [("one in four", None)]


# Round 15, the sixteenth set: an organisation's own situation report; a list item's source
# in brackets (``(IOM, as of 31 May)``, ``(regional military administrations)``) is that
# item's and is carried into no other item; ``our team in X reports`` is the report's own.

SITREP = ("Harbour Aid: Ukraine Situation Report No. 12\nReporting period: 1-14 May 2030\n\n"
          "KEY FIGURES\n"
          "- 2.1 million people displaced in the east (IOM, round 9 of its survey, as of 30 April)\n"
          "- At least 30 civilians killed in the period (regional military administrations)\n"
          "- 9,400 people reached by Harbour Aid teams, up 15% on the period before\n\n"
          "ACCESS\n- Our team in Izium reports that 3 of 14 convoys were turned back.")


def test_a_situation_report_and_its_box_of_figures():
    found = [(t, o) for t, o, _v, _h in drafted(SITREP, "Harbour Aid")]
    assert found == [("2.1 million", "iom"), ("30", "regional-military-administrations"),
                     ("9,400", "harbour-aid"), ("15%", "harbour-aid"), ("3", "harbour-aid"),
                     ("14", "harbour-aid")]


@pytest.mark.parametrize("text", [
    # in prose, an acronym in brackets is a name's short form, no item's source
    "The post attributes the number to the Federal Intelligence Service (BND). It was "
    "reposted by dozens of accounts.",
    "- 40 people fled the town (PDF)",
])
def test_brackets_that_name_no_source(text):
    assert {o for _t, o, _v, _h in drafted(text, OUTLET)} == {None}
