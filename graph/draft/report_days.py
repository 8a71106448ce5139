"""Time words counted from the report's date: ``so far``, ``over the past week``, ``last
year``, ``overnight``, ``yesterday``, ``on Saturday``, ``this spring``.

News dates a figure by the day it is published more often than by a date: the night's
drone attack is the night before the report, "on Saturday" the last Saturday up to it.
Each pattern here makes a :class:`~credgraph.draft.records.TimeRef` from the report's date
(``today``), and an undated one with a note saying why when that date is unknown.
:func:`dated_ref` is the reference a match makes at the precision its dates give, for
:mod:`credgraph.draft.timeref` as well.

>>> from datetime import date
>>> import re
>>> def show(text, today=date(2026, 5, 9)):  # a Saturday
...     for name, pattern in PATTERNS:
...         m = pattern.search(text)
...         if m:
...             ref = relative_ref(name, m, 0, today)
...             return ref.kind, ref.start, ref.end
>>> show("shot down 41 drones overnight"), show("killed two people on Thursday")
(('period', '2026-05-08', '2026-05-09'), ('period', '2026-05-07', '2026-05-07'))
>>> show("stood outside the ministry on Saturday"), show("refining capacity this spring")
(('period', '2026-05-09', '2026-05-09'), ('period', '2026-03', '2026-05'))
>>> show("so far", None)
('as_of', None, None)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .records import TimeRef

__all__ = ["PATTERNS", "relative_ref", "dated_ref", "undated_ref", "spoken_on", "NUMBER", "UNITS", "SEASONS"]

NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
"""Numbers a span of time is counted in (``the past two weeks``)."""
UNITS = {"hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week",
          "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year"}
"""The units of a span of time, singular."""
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}
"""The months a season is read as (winter runs into the next year)."""

PATTERNS = [(name, re.compile(p, re.I)) for name, p in [
    ("so_far", r"\b(?:so far|to date|thus far|until now|up to now)\b"),
    ("past", r"(?:in|over|during) the (?:past|last|previous) (?:(\w+) )?(hours?|days?|weeks?|"
             r"months?|years?)"),
    ("relative", r"\b(last|this|previous) (year|month|week)\b"),
    ("overnight", r"\b(?:overnight|last night|during the night)\b"),
    ("yesterday", r"\byesterday\b"),
    ("weekday", r"\b(?:on|last|this|early on|late on)\s+(" + "|".join(_WEEKDAYS) + r")\b"
                r"(?!\s*,?\s*\d)"),  # "on Saturday", not "on Saturday 3 May" (a date)
    ("this_season", r"\bthis (spring|summer|autumn|fall|winter)\b"),
]]
"""The time words counted from the report's date, in the order they are tried (an earlier
one takes the text it matches)."""

_SPOKEN = re.compile(r"\b(?:said|says|say|told(?:\s+[\w’']+){0,2}|reported|reports|announced|"
                     r"wrote|writes|added|stated|claimed|posted|confirmed|tweeted|"
                     r"(?:in|at) (?:a|an|its|his|her|their) (?:statement|briefing|update|"
                     r"post|interview|report)(?:\s+[\w’']+){0,3})\s+$", re.I)
"""Before a day word: the day it was said (``told reporters on Monday``, ``in a statement on
its website on Monday``), not the day the figure counts."""


def spoken_on(text: str, name: str, m) -> bool:
    """Whether the day word *m* of pattern *name* dates a statement, not what it counts:
    ``HUR said on Tuesday that 21,500 had deserted since the invasion``."""
    return name in ("weekday", "yesterday") and bool(
        _SPOKEN.search(text[max(0, m.start() - 60):m.start()]))


def dated_ref(kind, start, end, match, offset, note=None, per=None) -> TimeRef:
    """The reference *match* makes, at the finest precision of its dates."""
    precisions = [len(x.split("-")) for x in (start, end) if x]
    precision = {1: "year", 2: "month", 3: "day"}[max(precisions)] if precisions else None
    return TimeRef(kind, start, end, precision, match.group(0),
                   (offset + match.start(), offset + match.end()), per, note)


def undated_ref(kind, match, offset, note) -> TimeRef:
    """The reference *match* makes when no date can be given for it, with *note* saying why."""
    return TimeRef(kind, None, None, None, match.group(0),
                   (offset + match.start(), offset + match.end()), note=note)


def relative_ref(name: str, m, offset: int, today: date | None) -> TimeRef | None:
    """The time reference a match of the pattern *name* makes for a report of *today*."""
    g = m.groups()
    if today is None:
        return undated_ref("as_of" if name == "so_far" else "period", m, offset,
                        "a running total up to the report's date, which is unknown"
                        if name == "so_far" else "relative to the report's date, which is "
                        "unknown")
    now = today.isoformat()
    if name == "so_far":
        return dated_ref("as_of", None, now, m, offset, "a running total up to the report's date")
    if name == "past":
        count = 1 if g[0] is None else (NUMBER.get(g[0].lower()) or (
            int(g[0]) if g[0].isdigit() else None))
        if count is None or count > 100:
            return undated_ref("period", m, offset, "relative to the report's date, which is unknown")
        unit = UNITS[g[1].lower()]
        days = -(-count // 24) if unit == "hour" else {"day": 1, "week": 7, "month": 30,
                                                        "year": 365}[unit] * count
        start = (today - timedelta(days=days)).isoformat()
        return dated_ref("period", start, now, m, offset,
                         f"counted back {count} {unit}(s) from the report's date")
    if name == "relative":
        which, unit = g[0].lower(), g[1].lower()
        if unit == "week":
            return undated_ref("period", m, offset, "a week relative to the report's date")
        shift = 0 if which == "this" else 1
        if unit == "year":
            y = today.year - shift
            return dated_ref("period", f"{y:04d}", f"{y:04d}", m, offset, f'"{m.group(0)}" is {y}')
        month = today.month - shift or 12
        y = today.year - (1 if today.month - shift == 0 else 0)
        return dated_ref("period", f"{y:04d}-{month:02d}", f"{y:04d}-{month:02d}", m, offset)
    if name == "overnight":
        return dated_ref("period", (today - timedelta(days=1)).isoformat(), now, m, offset,
                         "the night before the report's date")
    if name == "yesterday":
        day = (today - timedelta(days=1)).isoformat()
        return dated_ref("period", day, day, m, offset, "the day before the report's date")
    if name == "weekday":
        back = (today.weekday() - _WEEKDAYS.index(g[0].lower())) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        day = (today - timedelta(days=back)).isoformat()
        return dated_ref("period", day, day, m, offset,
                         f"the last {g[0].capitalize()} up to the report's date")
    if name == "this_season":
        first, last = SEASONS[g[0].lower()]
        y = today.year if today.month >= first or last >= first else today.year - 1
        end_year = y + 1 if last < first else y
        return dated_ref("period", f"{y:04d}-{first:02d}", f"{end_year:04d}-{last:02d}", m, offset,
                         f"this {g[0].lower()} of the report's date")
    return None
