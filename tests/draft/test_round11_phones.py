"""Round 11, class 6: a phone number in a national format (a leading zero, groups of
digits: ``0 800 500 225``, ``044 281 62 00``) is no figure; a zero that counts still is."""

import pytest

from credgraph.draft.numbers import find_numbers
from credgraph.draft.tokens import tokenize


def values(text):
    return [n.value for n in find_numbers(tokenize(text))]


@pytest.mark.parametrize("text", [
    "Relatives can ring the free line on 0 800 500 225 around the clock.",
    "The centre's number is 044 281 62 00.",
    "For help, dial 0800 21 44 44 or write to the office.",
])
def test_a_national_phone_number_is_no_figure(text):
    assert values(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The unit lost 0 vehicles and 12 men.", [0, 12]),
    ("Between 0 and 300 people were evacuated.", [0, 300]),
])
def test_counts_with_a_zero_stay(text, expected):
    assert values(text) == expected
