"""When a figure holds: a date at the precision the text gives, and a figure's time reference.

Statisticians tell a **stock** from a **flow**: "4,121 cases as of 21 November" is a running
total up to a date (``as-of``, maybe ``since`` a start); "577 requests from September to
November" is a count within a window (``period``). A figure may also be a **rate** ("200 a
day"). The text's precision is kept: a year, a month or a day, never an invented day.

>>> may = Day.parse("2023-05")
>>> str(may), may.first(), may.last()
('2023-05', datetime.date(2023, 5, 1), datetime.date(2023, 5, 31))
>>> march, quarter = TimeRef("as-of", end=Day.parse("2023-03")), TimeRef(
...     "period", Day.parse("2023-09"), Day.parse("2023-11"))
>>> march.iso(), quarter.iso(), quarter.contains(TimeRef("period", Day.parse("2023-10"),
...                                                     Day.parse("2023-10")))
('../2023-03', '2023-09/2023-11', True)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Day", "TimeRef", "TIME_KINDS", "RATE_UNITS"]

TIME_KINDS = ("as-of", "period", "none")
"""A running total up to a date, a count within a window, or no time given."""
RATE_UNITS = ("day", "week", "month", "year")
"""What a rate is counted per."""

_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True, order=True)
class Day:
    """A date as precise as the text: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value) -> Day:
        """A :class:`~datetime.date`, a year (``2023``), or ``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD`` text; :class:`ValueError` otherwise.

        >>> Day.parse(2023), Day.parse("2023-05-14").precision
        (Day(year=2023, month=None, day=None), 'day')
        """
        if isinstance(value, Day):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        found = _DAY.fullmatch(str(value).strip()) if isinstance(value, str) else None
        if not found:
            raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in found.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} is not a date: no month {month}")
        if day is not None:
            date(year, month, day)  # ValueError for 2023-02-30
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first(self) -> date:
        """The first day it may be."""
        return date(self.year, self.month or 1, self.day or 1)

    def last(self) -> date:
        """The last day it may be."""
        if self.day:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def holds(self, other: Day) -> bool:
        """Whether every day *other* may be is a day this one may be, and they differ: a
        date given only to the month or year holding a more precise one ("since February
        2022" and "since 24 February 2022" may be one day).

        >>> Day(2022, 2).holds(Day(2022, 2, 24)), Day(2022, 2, 24).holds(Day(2022, 2))
        (True, False)
        """
        return self != other and self.first() <= other.first() and other.last() <= self.last()

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A figure's time reference: ``as-of`` (a running total up to ``end``, counted since
    ``start`` when known), ``period`` (counted between ``start`` and ``end``; an open end
    is None) or ``none``; ``per`` makes it a rate (per day, week, month, year)."""

    kind: str = "none"
    start: Day | None = None
    end: Day | None = None
    per: str | None = None

    def iso(self) -> str | None:
        """ISO 8601 interval at the text's precision, ``..`` for an open end; None when
        no time is given."""
        if self.start is None and self.end is None:
            return None
        return f"{self.start or '..'}/{self.end or '..'}"

    def window(self) -> tuple[date | None, date | None]:
        """The first and last day the reference may cover (None: open)."""
        return (self.start.first() if self.start else None,
                self.end.last() if self.end else None)

    def overlaps(self, other: TimeRef) -> bool:
        """Whether the two may share a day (open ends overlap everything)."""
        (a0, a1), (b0, b1) = self.window(), other.window()
        return not ((a1 and b0 and a1 < b0) or (b1 and a0 and b1 < a0))

    def counted_by(self, day: date | None) -> TimeRef:
        """What a figure stated by *day* (its report's last possible date) can have
        counted: a period still running on that day ends on it ("3,000 this year" in a
        report of 2 July 2023 is a count of 1 January to 2 July at most, a part of the
        year's total, not the same quantity); a period starting later (a forecast), a
        running total or a rate is as stated.

        >>> year = TimeRef("period", Day(2023), Day(2023))
        >>> year.counted_by(date(2023, 7, 2)).iso(), year.counted_by(date(2024, 1, 15)).iso()
        ('2023/2023-07-02', '2023/2023')
        """
        if (day is None or self.kind != "period" or self.per or self.end is None
                or self.end.last() <= day or (self.start is not None
                                              and self.start.first() > day)):
            return self
        return TimeRef("period", self.start, Day(day.year, day.month, day.day))

    def start_match(self, other: TimeRef) -> str | None:
        """How the starts of two running totals match: ``"same"`` (equal, or neither
        given), ``"unsure"`` (one given only to the month or year holding the other: "since
        February 2022" and "since 24 February 2022" may be one day, or not), ``"unknown"``
        (one given, the other not: the same start, or an earlier one), None (different).

        >>> war = TimeRef("as-of", Day(2022, 2, 24), Day(2024, 6, 1))
        >>> war.start_match(TimeRef("as-of", Day(2022, 2), Day(2024, 6, 1))), war.start_match(
        ...     TimeRef("as-of", end=Day(2024, 6, 1)))
        ('unsure', 'unknown')
        """
        a, b = self.start, other.start
        if a == b:
            return "same"
        if a is None or b is None:
            return "unknown"
        return "unsure" if a.holds(b) or b.holds(a) else None

    def closed(self) -> bool:
        """A period with both ends."""
        return self.kind == "period" and self.start is not None and self.end is not None

    def contains(self, other: TimeRef) -> bool:
        """Whether *other* is a period lying wholly inside this one (this one a closed
        period, or a running total whose part it can be), and not the same. A running total
        with its start (since 2023 by 1 July) is the window it counts, so it can be a part
        of one started earlier (since the invasion, by 1 July)."""
        bounded = other.closed() or (other.kind == "as-of" and other.start is not None
                                     and other.end is not None)
        if not bounded or other == self or self.per or other.per:
            return False
        (o0, o1) = other.window()
        if self.kind == "period":
            if not self.closed():
                return False
            s0, s1 = self.window()
            return s0 <= o0 and o1 <= s1
        if self.kind == "as-of" and self.end is not None:
            since = self.start.first() if self.start else None
            return o1 <= self.end.first() and (since is None or since <= o0)
        return False
