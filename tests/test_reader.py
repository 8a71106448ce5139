"""Typed field access: a number written by number_text reads back as itself, and an
ambiguous one is refused with a way to write each reading."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credgraph.located_yaml import parse_yaml
from credgraph.reader import FieldReader, number_text


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 6).flatmap(lambda places: st.decimals(
    min_value=0, max_value=10**12, places=places, allow_nan=False, allow_infinity=False)))
def test_a_number_written_by_number_text_reads_back_as_itself(value):
    """What the draft and the synthetic corpus write (``number_text``), the reader reads
    back unchanged: a decimal like 372.375 is not refused as European thousands."""
    errors: list = []
    data = parse_yaml(f"value: {number_text(value)}\n", "r.yaml")
    assert FieldReader(data, "r.yaml", "", errors).number("value") == value
    assert errors == []


@pytest.mark.parametrize("text, suggestion", [
    ("372.375", "for 372.375 write 372.3750"),
    ("18.000", "for 18,000 write 18000"),
])
def test_an_ambiguous_number_names_a_way_to_write_each_reading(text, suggestion):
    errors: list = []
    FieldReader(parse_yaml(f"value: {text}\n", "r.yaml"), "r.yaml", "", errors).number("value")
    assert suggestion in str(errors[0])
