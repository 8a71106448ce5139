"""Round 10, class 5: a key figure written with a capital scale letter (``7.3M people in
need``, ``450K displaced``) is one figure, not a bare number."""

from decimal import Decimal

import pytest

from credgraph.draft.figures import find_figures
from credgraph.draft.passages import Passages
from credgraph.draft.tokens import tokenize


@pytest.mark.parametrize("text, value", [
    ("KEY FIGURES\n\n7.3M people in need\n", Decimal("7300000")),
    ("450K displaced people\n", Decimal("450000")),
    ("A plan of US$1.6B was launched.", Decimal("1600000000")),
    ("Only 7.3 M was found.", Decimal("7.3")),  # a letter after a space is no scale
])
def test_a_capital_scale_letter(text, value):
    figures = find_figures(tokenize(text), Passages(text), [])
    assert figures[0].value == value
