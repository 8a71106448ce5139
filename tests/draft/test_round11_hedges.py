"""Round 11, class 8: ``perhaps`` or ``maybe`` right before a figure (``perhaps 6,000 a
week``, ``maybe a fifth of them``) makes that figure an estimate, in the report's own words
(not inside a quotation, whose words are the speaker's), for its clause only."""

import pytest

from credgraph.draft.hedges import find_hedges
from credgraph.draft.passages import Passages


def hedges(text, terms):
    spans = []
    for term in terms:
        at = text.index(term)
        spans.append((at, at + len(term)))
    return find_hedges(text, Passages(text), spans, ["x"] * len(spans), {"x": ["X"]})


@pytest.mark.parametrize("text, terms, expected", [
    ("The army loses perhaps 6,000 drones a week, against 9,000 in May.", ["6,000", "9,000"],
     ["estimate", "none"]),
    ("Maybe a fifth of the crews are new.", ["a fifth"], ["estimate"]),
    ("They fire maybe about 3,000 shells a day.", ["3,000"], ["estimate"]),
    # not a figure's hedge: "perhaps" before no number, or inside a quotation
    ("A third of them, perhaps more, were wounded.", ["A third"], ["none"]),
    ('"We hear perhaps two or three a month," the clerk said.', ["two or three"], ["none"]),
])
def test_perhaps_before_a_figure_is_an_estimate(text, terms, expected):
    assert hedges(text, terms) == expected
