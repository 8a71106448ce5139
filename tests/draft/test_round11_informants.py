"""Round 11, class 11: the number of a story's unnamed informants (``Three people familiar
with the talks``, ``two officials briefed on the plan``) is no figure; what they say is."""

import pytest

from credgraph.draft.figures import find_figures
from credgraph.draft.passages import Passages
from credgraph.draft.timeref import find_time_refs
from credgraph.draft.tokens import tokenize


def terms(text):
    return [f.term for f in find_figures(tokenize(text), Passages(text), find_time_refs(text))]


@pytest.mark.parametrize("text, expected", [
    ("Three people familiar with the talks said 1,200 prisoners would be swapped.", ["1,200"]),
    ("Two officials briefed on the plan said it would cost 40 million euros.", ["40 million"]),
    ("Four sources with direct knowledge of the unit said 90 men had fled.", ["90"]),
    # people who are counted, not asked, stay figures
    ("Three people were hurt, officials familiar with the case said.", ["Three"]),
])
def test_informants_are_not_counted(text, expected):
    assert terms(text) == expected
