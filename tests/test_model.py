"""The domain model's reading of a stated figure: the interval its wording admits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from credgraph.comparison import bounds_overlap
from credgraph.model import ABOUT_TOLERANCE, Figure, rounding


def _exact(value) -> Figure:
    return Figure(measure="deserters", value=Decimal(value))


@pytest.mark.parametrize("stated, counted, same", [
    ("18000", "18234", True),    # rounded to the thousand
    ("18000", "18600", False),   # 18,600 rounds to 19,000
    ("2000", "2076", True),      # a round 2,000 for 2,076 (within 10 % and half a thousand)
    ("3000", "2076", False),
    ("29200", "29249", True),    # rounded to the hundred
    ("29200", "29300", False),
    ("20000", "16000", False),   # "20,000" is not any count within half of 10,000
    ("20000", "21500", True),    # but may be 18,000-22,000
    ("2076", "2077", False),     # no trailing zero: as stated
    ("33.3", "33.34", True),     # a share to one decimal
    ("89", "89.4", True),
    ("89", "90", True),       # 90 percent may be 89 rounded to the ten
])
def test_a_number_stated_without_a_qualifier_may_be_rounded(stated, counted, same):
    assert bounds_overlap(_exact(stated).bounds(), _exact(counted).bounds()) is same


def test_qualified_figures_keep_their_reading():
    about = Figure(measure="killed", value=Decimal(450), qualifier="about").bounds()
    more = Figure(measure="killed", value=Decimal(100), qualifier="more-than").bounds()
    assert about == (Decimal("405.0"), Decimal("495.0")) and more == (Decimal(100), None)


values = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False,
                     allow_infinity=False, places=3)


@given(values)
def test_rounding_is_the_same_in_every_representation(value):
    """A store gives 18000.0 (xsd:decimal), the annotations 18000: one reading."""
    for other in (value.normalize(), Decimal(str(value) + "0") if "." in str(value) else value,
                  Decimal(f"{value:E}")):
        assert rounding(other) == rounding(value)


@given(values)
def test_the_stated_value_is_inside_and_never_more_than_ten_percent_away(value):
    low, high = _exact(value).bounds()
    assert low <= value <= high
    assert high - value <= abs(value) * ABOUT_TOLERANCE
