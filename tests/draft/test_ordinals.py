"""Ordinals that count or share are figures; unit names, list places and times are not;
spans of time and labels that only look like figures are left out."""

from decimal import Decimal

import pytest

from credgraph.draft.figures import find_figures
from credgraph.draft.passages import Passages
from credgraph.draft.timeref import find_time_refs
from credgraph.draft.tokens import tokenize


def figures(text):
    doc = tokenize(text)
    return [(f.term, f.value, f.qualifier, f.unit) for f in
            find_figures(doc, Passages(text), find_time_refs(text))]


@pytest.mark.parametrize("text, value, qualifier, unit", [
    ("It is already the 12th verdict of the kind in Tver.", 12, "exact", "verdicts"),
    ("This was at least the 31st desertion case at the court.", 31, "at-least", "cases"),
    ("Officials called it the fourth such mutiny since spring.", 4, "exact", "mutinies"),
    ("Lawyers counted the ninth recorded suicide in the regiment.", 9, "exact", "suicides"),
    ("The sapper refused for the third time in a month.", 3, "exact", "times"),
    ("Over the year it was the forty-second trial of a deserter in Omsk.", 42, "exact", "trials"),
    ("It was the 12th prisoner swap this year.", 12, "exact", "swaps"),  # round 6
])
def test_counting_ordinal(text, value, qualifier, unit):
    found = figures(text)
    assert [(v, q, u) for _t, v, q, u in found] == [(Decimal(value), qualifier, unit)]


@pytest.mark.parametrize("text, share", [
    ("Nearly every second message came from a mother.", 50),
    ("Every fifth defendant was acquitted.", 20),
    ("Every 10th recruit failed the medical.", 10),
])
def test_every_nth_is_a_share(text, share):
    found = figures(text)
    assert [(v, u) for _t, v, _q, u in found] == [(Decimal(share), "percent")]


@pytest.mark.parametrize("text", [
    "The 64th Motor Rifle Brigade was moved to Kharkiv.",
    "The third quarter was quieter than the second.",
    "Shelling came every second day.",
    "It was the first conviction of its kind.",
    "Two years ago the unit was in Bakhmut.",
    "The cases peaked in a six-month period after the decree.",
    "The note, No. 17, was signed by the commander.",
    "Men aged 18 to 45 may be called up.",
    "Men aged between 25 and 55 got summonses.",
    "In the first trial he was acquitted. The second trial ended in a fine.",
    "The third soldier, who had served in Bakhmut, was not named.",  # round 6: one person
    "The fifth defendant received a suspended term.",
])
def test_not_a_figure(text):
    assert figures(text) == []


def test_two_in_a_time_span_is_a_count_not_a_share():
    found = figures("The court acquitted two in three years.")
    assert [(v, u) for _t, v, _q, u in found] == [(Decimal(2), "unspecified")] or \
        [v for _t, v, _q, _u in found] == [Decimal(2)]


@pytest.mark.parametrize("text, expected", [  # round 7: "the Nth such X" counts any X
    ("The curfew was renewed, the 14th such renewal this year.", [("the 14th", 14,
                                                                    "renewals")]),
    ("It was the fifth such blackout this winter.", [("the fifth", 5, "blackouts")]),
    # "such" before a time is no series; an ordinal without "such" of a noun not counted
    ("It was the second such month of cuts.", []),
    ("He served in the 14th extension unit.", []),
])
def test_the_nth_such_thing_counts(text, expected):
    assert [(t, v, u) for t, v, _q, u in figures(text)] == expected
