"""What a figure with a verified origin establishes, and when it makes another improbable."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credgraph.comparison import intervals_conflict
from credgraph.grade import Grade, downgrade_for_conflict, established_bounds
from credgraph.model import Figure

QUALIFIERS = ["exact", "about", "more-than", "at-least", "nearly", "up-to", "less-than"]
counts = st.integers(min_value=1, max_value=10**7).map(D)


def _ruled_out(weak: Figure, strong: Figure, relation="same", **how) -> bool:
    sure = established_bounds(strong, **{"documentary": False, "estimate": False,
                                         "tally": True, **how})
    return sure is not None and intervals_conflict(weak.bounds(), sure, relation)


@given(counts, counts, st.sampled_from(QUALIFIERS))
def test_a_higher_figure_is_never_ruled_out_by_a_counters_tally(counted, claimed, qualifier):
    """An outlet that confirmed N names says nothing against a claim of more than N."""
    strong = Figure("killed", counted, qualifier="exact")
    weak = Figure("killed", max(counted, claimed) * 2, qualifier=qualifier)
    assert not _ruled_out(weak, strong)


@given(counts, st.sampled_from(QUALIFIERS), st.booleans(), st.booleans())
def test_an_estimate_rules_out_nothing(value, qualifier, documentary, tally):
    strong = Figure("killed", value, qualifier=qualifier)
    assert established_bounds(strong, documentary=documentary, estimate=True,
                              tally=tally) is None


@given(counts, st.sampled_from(QUALIFIERS), st.booleans(), st.booleans())
def test_what_is_established_never_claims_more_than_the_figure_says(value, qualifier,
                                                                     documentary, tally):
    """Established bounds lie around the figure's own: a floor may drop the ceiling, never
    move the low end up or add a ceiling."""
    figure = Figure("killed", value, qualifier=qualifier)
    low, high = established_bounds(figure, documentary=documentary, estimate=False,
                                   tally=tally)
    assert (low, high) in {figure.bounds(), (figure.bounds()[0], None)}


@pytest.mark.parametrize("weak, strong, how, relation, ruled_out", [
    # a counter's tally is a floor: more is possible, fewer is not
    (Figure("killed", D(50000), qualifier="about"), Figure("killed", D(23000)), {}, "same", False),
    (Figure("killed", D(18000)), Figure("killed", D(23000)), {}, "same", True),
    (Figure("killed", D(18000)), Figure("killed", D(23000), qualifier="about"), {}, "same", True),
    # a documentary record is read as stated, both ways
    (Figure("cases", D(3000)), Figure("cases", D(2076)), {"documentary": True}, "same", True),
    (Figure("cases", D(2000)), Figure("cases", D(2076)), {"documentary": True}, "same", False),
    # a range or a ceiling says there are no more
    (Figure("killed", D(29200)), Figure("killed", min=D(7000), max=D(15000), qualifier="range"),
     {}, "same", True),
    (Figure("deserters", D(900)), Figure("deserters", D(500), qualifier="up-to"), {}, "same", True),
    # shares are not tallies
    (Figure("share", D(60), unit="percent"), Figure("share", D(30), unit="percent"),
     {"tally": False}, "same", True),
    # narrower may not exceed broader: a tally of the broader is a floor, no ceiling
    (Figure("desertion", D(600)), Figure("cases", D(400)), {"documentary": True}, "narrower",
     True),
    (Figure("desertion", D(600)), Figure("cases", D(400)), {}, "narrower", False),
    # a broader figure below a narrower tally is ruled out either way
    (Figure("cases", D(300)), Figure("desertion", D(400)), {}, "broader", True),
    # estimates rule out nothing
    (Figure("killed", D(18000)), Figure("killed", D(23000)), {"estimate": True}, "same", False),
])
def test_ruled_out(weak, strong, how, relation, ruled_out):
    assert _ruled_out(weak, strong, relation, **how) is ruled_out


@pytest.mark.parametrize("grade, has_verified, against, code", [
    (Grade("D", 4, "x"), False, [("court-count", Grade("B", 2, "y"))], "D5"),
    (Grade("D", 4, "x"), True, [("court-count", Grade("B", 2, "y"))], "D4"),
    (Grade("D", 4, "x"), False, [("weaker", Grade("F", 6, "y"))], "D4"),
    (Grade("F", 6, "x"), False, [], "F6"),
    # a named source nobody can judge (a drafted proposal, F) is doubtful: it proves nothing
    (Grade("F", 6, "x"), False, [("unjudged", Grade("F", 4, "y"))], "F6"),
    (Grade("F", 6, "x"), False, [("possibly", Grade("C", 3, "y"))], "F5"),
])
def test_downgrade_for_conflict(grade, has_verified, against, code):
    assert downgrade_for_conflict(grade, has_verified, against).code == code


def test_the_reason_names_every_stronger_figure():
    reason = downgrade_for_conflict(Grade("D", 4, "x"), False, [
        ("b", Grade("B", 2, "y")), ("a", Grade("A", 1, "y"))]).reason
    assert "contradicted by a, b, each of which has a verified origin" in reason
