"""A figure's annotation read: measures resolved by any name, time references at the text's
precision, every mistake refused with file, line and field."""

from __future__ import annotations

import pytest

from credgraph.figure_reader import read_figure
from credgraph.measures import builtin_measures
from credgraph.reader import FieldReader

BASE = {"value": 10, "unit": "soldiers", "subject": "red"}


def _read(**fields):
    errors: list = []
    figure = read_figure(FieldReader({**BASE, "measure": "deserters", **fields}, "r1.yaml",
                                     "mentions[0].figure.", errors, 9), builtin_measures())
    return figure, [str(e) for e in errors]


@pytest.mark.parametrize("fields, kind, start, end, per", [
    ({"as_of": "2023-05"}, "as-of", None, "2023-05", None),
    ({"as_of": 2023, "since": "2022-02-24"}, "as-of", "2022-02-24", "2023", None),
    ({"period": {"start": "2023-09", "end": "2023-11"}}, "period", "2023-09", "2023-11", None),
    ({"period": {"start": "2023-01-01", "end": None}}, "period", "2023-01-01", None, None),
    ({"rate": {"per": "day"}, "period": {"start": "2023-05", "end": "2023-05"}}, "period",
     "2023-05", "2023-05", "day"),
    ({}, "none", None, None, None),
])
def test_time_references(fields, kind, start, end, per):
    figure, errors = _read(**fields)
    t = figure.time
    assert errors == [] and (t.kind, t.per) == (kind, per)
    assert (str(t.start) if t.start else None, str(t.end) if t.end else None) == (start, end)


@pytest.mark.parametrize("fields, message", [
    ({"as_of": "2023-05", "period": {"start": "2023-01", "end": "2023-02"}},
     "as_of: give as_of (a running total up to a date) or period"),
    ({"since": "2022-02-24"}, "since: since is the start of a running total: give as_of too"),
    ({"as_of": "2022-01", "since": "2022-02-24"}, "since: 2022-02-24 is after as_of 2022-01"),
    ({"as_of": "2204-05"}, "as_of: 2204-05 is not a year a figure can name"),
    ({"as_of": "2023-13"}, "as_of: '2023-13' is not a date: no month 13"),
    ({"as_of": "2023-02-30"}, "as_of: day is out of range for month"),
    ({"as_of": "May 2023"}, "as_of: 'May 2023' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"period": {"start": "2023-06", "end": "2023-05-31"}}, "period.end: 2023-05-31 is before start"),
    ({"period": "2023"}, "figure.period: expected a mapping"),
    ({"rate": {"per": "fortnight"}}, "rate.per: 'fortnight' is not allowed; allowed: day, week"),
    ({"measure": "desertors"}, "measure: unknown measure 'desertors'"),
    ({"measure": "desertors"}, "did you mean 'deserters'"),
    ({"value": 18, "unit": "thousand servicemen"}, "unit: 'thousand servicemen' begins with a scale"),
    ({"value": 1.5, "unit": "Million people"}, "unit: 'Million people' begins with a scale"),
    ({"value": 12, "unit": "k soldiers"}, "begins with a scale"),
    ({"value": 3, "unit": "dozen cases"}, "begins with a scale"),
    ({"value": 2, "unit": "bn roubles"}, "begins with a scale"),
])
def test_mistakes_are_refused_where_they_are(fields, message):
    _figure, errors = _read(**fields)
    assert any(message in e for e in errors), errors
    assert all(e.startswith("r1.yaml:9: mentions[0].figure.") for e in errors), errors


@pytest.mark.parametrize("unit", ["servicemen", "kilometres", "km", "hundredths", "Kalashnikovs",
                                  "killed and wounded", "percent", "times"])
def test_a_unit_that_only_begins_like_a_scale_is_kept(unit):
    figure, errors = _read(unit=unit)
    assert not errors and figure.unit == unit


@pytest.mark.parametrize("name, measure", [
    ("deserters", "deserters"), ("Desertion prosecutions", "desertion-criminal-cases"),
    ("criminal cases opened for desertion", "desertion-criminal-cases"),
    ("KILLED, WOUNDED, MISSING AND CAPTURED", "casualties"), ("POWs", "captured"),
])
def test_a_measure_is_named_by_its_id_label_or_alias(name, measure):
    figure, errors = _read(measure=name)
    assert (figure.measure, errors) == (measure, [])
