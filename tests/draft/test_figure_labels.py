"""Round 8: a box of the week's numbers (a figure alone on a line, read with the sentence
under it), ``according to X - ...`` up to the dash, ``by our calculation from ...``."""

import pytest

from credgraph.draft.passages import Passages
from credgraph.draft.voices import figure_label
from tests.draft.chain_reading import drafted_origins


def origins(text, outlet="Harbour Lines"):
    return drafted_origins(text, outlet)


@pytest.mark.parametrize("text, expected", [
    ("THE WEEK\n\n4,210\nDrones launched over the week, according to the Coastal Guard.",
     [("4,210", "coastal-guard")]),
    ("THE WEEK\n\nAbout 1.2 million\nCitizens registered abroad, the Migration Service said.",
     [("1.2 million", "migration-service")]),
    ("THE WEEK\n\n38%\nShare of the budget spent on roads, by our calculation from the law.",
     [("38%", "harbour-lines")]),
    # a label whose sentence names no source stays unattributed
    ("THE WEEK\n\n15 years\nPrison term handed to a soldier for looting.", [("15", None)]),
])
def test_a_figure_label_takes_the_source_of_the_sentence_under_it(text, expected):
    assert origins(text) == expected


@pytest.mark.parametrize("text, index, expected", [
    ("WEEK\n\n4,210\nDrones were launched, the air force said.", 1, 2),
    ("WEEK\n\nAbout 300 men\nLeft the town, the mayor said.", 1, 2),
    # a heading of words, or a sentence that has its figure inside, is no label
    ("WEEK\n\nDrone war\nDrones were launched, the air force said.", 1, None),
    ("WEEK\n\nThe air force counted 40.\nOthers say 50.", 1, None),
])
def test_what_a_figure_label_is(text, index, expected):
    assert figure_label(Passages(text), index) == expected


@pytest.mark.parametrize("text, expected", [
    # "according to X - an aside": the source ends at the dash
    ("In all, 4,210 drones were launched, according to the Coastal Guard - a record.",
     [("4,210", "coastal-guard")]),
    # "by our count/calculation from ...": the outlet's own
    ("Defence takes 38 per cent of the budget, by our calculation from the budget law.",
     [("38 per cent", "harbour-lines")]),
    ("Defence takes 38 per cent of the budget, by the count of Open Ledger.",
     [("38 per cent", "open-ledger")]),
])
def test_cues_that_end_at_a_dash_or_a_basis(text, expected):
    assert origins(text) == expected


# Round 15: a numbered box of the year's numbers, each item a figure alone on its line
# (``1,000+``, ``Two in five``, ``EUR 2 billion``, ``40 to 60``) over the sentence that says
# what it counts and whose it is; no voice is carried from one item into the next.

BOX = ("The year in numbers\n\nHarbour Lines | 30 December 2027\n\n"
       "1. 2,300 square kilometres\nThe ground the army took this year, according to maps by "
       "the Coastal Guard.\n\n"
       "2. 1,000+\nAttacks a month claimed by the Migration Service.\n\n"
       "3. Two in five\nThe share of pupils still learning online, the education ministry "
       "says.\n\n"
       "4. Zero\nTruces that lasted. Three were declared.\n\n"
       "5. 40 to 60\nShells fired at the port on a typical night, according to the Coastal "
       "Guard.")


def test_a_numbered_box_of_figures():
    assert origins(BOX) == [("2,300", "coastal-guard"), ("1,000", "migration-service"),
                            ("Two in five", "education-ministry"), ("Zero", None),
                            ("Three", None), ("40 to 60", "coastal-guard")]
