"""A figure's annotation to the model: its value or range, qualifier, measure (resolved in
the measure scheme), unit, subject, place and time reference, every problem located.

The time reference is one of ``as_of: DATE`` (a running total up to a date, ``since:``
perhaps), ``period: {start, end}`` (counted within a window) or neither; ``rate: {per:
day}`` makes it a rate. Dates keep the text's precision: ``2023``, ``2023-05`` or
``2023-05-14``.

>>> from credgraph.measures import builtin_measures
>>> from credgraph.reader import FieldReader
>>> errors = []
>>> f = FieldReader({"measure": "desertion prosecutions", "value": 400, "unit": "cases",
...                  "subject": "Russian soldiers",
...                  "as_of": "2023-03"}, "r.yaml", "figure.", errors, 7)
>>> fig = read_figure(f, builtin_measures())
>>> fig.measure, fig.time.kind, str(fig.time.end), errors
('desertion-criminal-cases', 'as-of', '2023-03', [])
"""

from __future__ import annotations

import re

from .errors import UnknownNameError
from .model import Figure
from .reader import FieldReader
from .time_reference import RATE_UNITS, Day, TimeRef
from .vocab import PARTY, QUALIFIER, members

__all__ = ["read_figure", "FIGURE_KEYS", "EARLIEST_YEAR", "LATEST_YEAR"]

FIGURE_KEYS = {"measure", "value", "min", "max", "qualifier", "unit", "subject", "subject_side",
               "place", "period", "as_of", "since", "rate"}
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
"""The years a figure's dates may name: anything else is a typing slip."""
_QUALIFIERS, _PARTIES = members(QUALIFIER), members(PARTY)


def _day(r: FieldReader, key: str) -> Day | None:
    value = r.data.get(key)
    if value is None:
        return None
    try:
        day = Day.parse(value)
    except (ValueError, TypeError) as exc:
        r.fail(key, str(exc))
        return None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        r.fail(key, f"{day} is not a year a figure can name ({EARLIEST_YEAR}-{LATEST_YEAR})")
        return None
    return day


def _time(f: FieldReader) -> TimeRef:
    as_of, since = _day(f, "as_of"), _day(f, "since")
    start = end = None
    if f.data.get("period") is not None:
        p = f.child("period")
        if isinstance(p.data, dict):
            p.unknown_keys({"start", "end"})
            start, end = _day(p, "start"), _day(p, "end")
            if start and end and start.first() > end.last():
                p.fail("end", f"{end} is before start {start}")
        else:
            f.fail("period", "write period as {start: DATE, end: DATE}")
    per = None
    if f.data.get("rate") is not None:
        r = f.child("rate")
        if isinstance(r.data, dict):
            r.unknown_keys({"per"})
            per = r.choice("per", RATE_UNITS, required=True)
        else:
            f.fail("rate", "write rate as {per: day | week | month | year}")
    if as_of is not None and f.data.get("period") is not None:
        f.fail("as_of", "give as_of (a running total up to a date) or period (a count within "
                        "a window), not both")
    if since is not None and as_of is None:
        f.fail("since", "since is the start of a running total: give as_of too")
    if since and as_of and since.first() > as_of.last():
        f.fail("since", f"{since} is after as_of {as_of}")
    if as_of is not None:
        return TimeRef("as-of", since, as_of, per)
    if start is not None or end is not None:
        return TimeRef("period", start, end, per)
    return TimeRef("none", per=per)


SCALE_IN_UNIT = re.compile(r"(hundreds?|thousands?|millions?|billions?|dozens?|k|mln|bn)([^a-z]|$)",
                           re.IGNORECASE)
"""A unit that begins with a scale would hide the number from every comparison (a count's
unit is not compared, so "18 thousand soldiers" would be 18 against 18,000). The same
pattern is the ``schema:unitText`` shape of ``ontology/shapes.ttl`` for RDF input."""


def read_figure(f: FieldReader, measures) -> Figure:
    """The figure under *f*; problems go to *f*'s errors."""
    f.unknown_keys(FIGURE_KEYS)
    value, low, high = f.number("value"), f.number("min"), f.number("max")
    qualifier = f.choice("qualifier", _QUALIFIERS, default=None)
    if value is not None and (low is not None or high is not None):
        f.fail("value", "give either value or min and max, not both")
    elif value is None and (low is None or high is None):
        f.fail("value", "a figure needs a value, or both min and max")
    elif low is not None and high is not None and low > high:
        f.fail("min", f"min {low} is greater than max {high}")
    if qualifier is None:
        qualifier = "range" if value is None else "exact"
    elif (qualifier == "range") != (value is None):
        f.fail("qualifier", "use qualifier 'range' exactly when the figure has min and max")
    named = f.text("measure", required=True)
    measure = measures.resolve(named) if named else None
    if named and measure is None:
        f.fail("measure", f"unknown measure {named!r} (add it to the corpus's measures.yaml)",
               cls=UnknownNameError, suggestions=measures.suggest(named))
    unit = f.text("unit", required=True)
    if unit and SCALE_IN_UNIT.match(unit):
        f.fail("unit", f"{unit!r} begins with a scale: write the whole number as the value "
                       "(18 thousand: value 18000) and only what is counted as the unit")
    return Figure(
        measure=measure or "", value=value, min=low, max=high, qualifier=qualifier,
        unit=unit, subject=f.text("subject", required=True),
        subject_side=f.choice("subject_side", _PARTIES), place=f.text("place"), time=_time(f))
