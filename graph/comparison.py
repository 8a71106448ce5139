"""When two figures are about the same quantity, and how they may then disagree.

Only figures of one measure family (a measure and those broader or narrower than it), one
subject and one place are compared; for shares, ratios, durations and amounts the unit
says of what, so it must match too. Their time references then decide:

===========  ==================================================  ==========================
relation     when                                                may disagree when
===========  ==================================================  ==========================
``same``     one measure, the same time reference                their intervals do not meet
``coarse``   running totals of one measure dated only to the      never (a note: the same
             same month or year, or since starts of which one     total, or two points)
             is given only to the month or year holding the other
``update``   ``same`` between one origin's running totals of a    never (a note: a toll
             cumulative measure as of one day (decided where      raised during the day),
             origins are known: :mod:`credgraph.checks.context`); nor with another figure
             ``during-update``: ``same`` with another figure      within the day's span
``revision`` ``same`` between one origin's counts of one period     never (a note: revised)
``series``   running totals of one measure at different dates     a cumulative count falls,
             (the same start, or one not given)                   or grows too fast (if both
                                                                  or neither give a start)
``part``     a closed period inside the other's period (or       parts add up to more than
             before a running total's date, after its start)     their whole
``narrower`` a narrower measure at the same time reference       the narrower exceeds it
``None``     overlapping periods, other measures, no time given  never
===========  ==================================================  ==========================

>>> from decimal import Decimal as D
>>> from credgraph.measures import builtin_measures
>>> from credgraph.model import Figure, TimeRef, Day
>>> m = builtin_measures()
>>> march = Figure("desertion-criminal-cases", D(400), time=TimeRef("as-of", end=Day(2023, 3)))
>>> may = Figure("desertion-criminal-cases", D(650), time=TimeRef("as-of", end=Day(2023, 5)))
>>> relate(march, may, m), disagree(march, may, "series", m)
('series', None)

Two running totals dated only to a year ("as of 2022") may have been counted up to
different days of it: ``coarse``, never a conflict:

>>> tally = Figure("killed", D(1351), time=TimeRef("as-of", end=Day(2022)))
>>> claim = Figure("killed", D(29200), time=TimeRef("as-of", end=Day(2022)))
>>> relate(tally, claim, m), disagree(tally, claim, "coarse", m)
('coarse', None)
"""

from __future__ import annotations

from datetime import timedelta

from .model import Figure
from .units import formation_unit, is_ratio_unit, measure_names, normal_text

__all__ = ["quantity_key", "family", "relate", "disagree", "bounds_overlap", "RELATIONS",
           "parts_over_whole", "intervals_conflict", "is_ratio_unit", "same_time",
           "normal_text"]

RELATIONS = ("same", "coarse", "update", "during-update", "revision", "series", "part",
             "whole", "narrower", "broader")
"""How a figure stands to another (``part``: of the other; ``whole``: the other's)."""


def bounds_overlap(a: tuple, b: tuple) -> bool:
    """Whether two (low, high) intervals meet; None is unbounded.

    >>> from decimal import Decimal as D
    >>> bounds_overlap((D(100), None), (D(115), None)), bounds_overlap((D(7000), D(15000)), (D(29200), D(29200)))
    (True, False)
    """
    low = max((x for x in (a[0], b[0]) if x is not None), default=None)
    high = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return low is None or high is None or low <= high


def intervals_conflict(a: tuple, b: tuple, relation: str) -> bool:
    """Whether a quantity in the interval *a* and one in *b* cannot both hold, the first
    standing in *relation* to the second (``same``: they must meet; ``narrower``: the first
    may not exceed the second; ``broader``: nor the second the first). None is unbounded.

    >>> from decimal import Decimal as D
    >>> killed, casualties = (D(30000), D(30000)), (D(25000), D(25000))
    >>> intervals_conflict(killed, casualties, "narrower"), intervals_conflict(casualties, killed, "broader")
    (True, True)
    >>> intervals_conflict(killed, (D(25000), None), "narrower"), intervals_conflict(killed, casualties, "part")
    (False, False)
    """
    if relation == "same":
        return not bounds_overlap(a, b)
    if relation not in ("narrower", "broader"):
        return False
    narrow, broad = (a, b) if relation == "narrower" else (b, a)
    return narrow[0] is not None and broad[1] is not None and narrow[0] > broad[1]


def family(measure: str, measures) -> str:
    """The broadest measure above *measure*, or itself (:meth:`~credgraph.measures.Measures.family`)."""
    return measures.family(measure)


def quantity_key(figure: Figure, measures) -> tuple:
    """What figures must share to be compared at all: measure family, subject, place,
    side counted and unit. A count's unit ("soldiers") is left out, unless it is a share's
    or a ratio's ("30 percent killed"), a formation's ("3 brigades"), records' ("500
    cases") or a group's of people ("800 officers": :func:`credgraph.units.formation_unit`).

    >>> from decimal import Decimal as D
    >>> from credgraph.measures import builtin_measures
    >>> m = builtin_measures()
    >>> quantity_key(Figure("killed", D(1200), unit="soldiers", subject="teal"), m)
    ('casualties', 'teal', '', '', '')
    >>> quantity_key(Figure("killed", D(30), unit="Percent", subject="teal"), m)
    ('casualties', 'teal', '', 'percent', '')
    """
    measure = measures[figure.measure] if figure.measure in measures else None
    kind = measure.kind if measure else "count"
    unit = normal_text(figure.unit)
    if kind == "count" and not is_ratio_unit(unit):
        context = (figure.subject or "", figure.place or "", figure.subject_side or "")
        unit = formation_unit(unit, measure_names(measure, measures), context)
    return (family(figure.measure, measures), normal_text(figure.subject), normal_text(figure.place), unit,
            normal_text(figure.subject_side))


def relate(a: Figure, b: Figure, measures, *, same_key: bool = False) -> str | None:
    """How *a* stands to *b* (see the module's table), or None: not comparable.
    *same_key*: the caller knows that their quantity keys (:func:`quantity_key`) are
    equal."""
    if not same_key and quantity_key(a, measures) != quantity_key(b, measures):
        return None
    ta, tb = a.time, b.time
    if ta.per != tb.per or ta.kind == "none" or tb.kind == "none":
        return None
    same = same_time(ta, tb)
    if a.measure != b.measure:
        if not same or not _one_time(ta):
            return None
        if measures.is_narrower(a.measure, b.measure):
            return "narrower"
        return "broader" if measures.is_narrower(b.measure, a.measure) else None
    if same:
        return "same" if _one_time(ta) else "coarse"
    if ta.kind == tb.kind == "as-of" and (starts := ta.start_match(tb)) is not None:
        return "coarse" if starts == "unsure" and ta.end == tb.end else "series"
    if tb.contains(ta):
        return "part"
    if ta.contains(tb):
        return "whole"
    return None


def same_time(a, b) -> bool:
    """Whether two time references are one: equal, or closed periods covering the same
    days whatever the precision they are written at ("in 2023" and "from January to
    December 2023"; the first half of 2023 by months or by days), or a period and a running
    total over its window (:func:`_total_over`). A running total dated to a month is not one
    with one dated to its last day: it may have been counted on any day.

    >>> from credgraph.model import Day, TimeRef
    >>> year = TimeRef("period", Day(2023), Day(2023))
    >>> same_time(year, TimeRef("period", Day(2023, 1), Day(2023, 12))), same_time(
    ...     TimeRef("as-of", end=Day(2023, 5)), TimeRef("as-of", end=Day(2023, 5, 31)))
    (True, False)
    """
    if a == b:
        return True
    if a.per != b.per:
        return False
    if a.closed() and b.closed():
        return a.window() == b.window()
    return _total_over(a, b) or _total_over(b, a)


def _total_over(total, period) -> bool:
    """Whether *total*, a running total since a start to a day, counts the window of the
    closed *period*: the same first and last day, its start given as the period's or to the
    day ("killed since 24 February 2022, as of 31 December" and "from 24 February to 31
    December 2022" are one quantity; "since February 2022" may start on any day of it).

    >>> from credgraph.model import Day, TimeRef
    >>> war = TimeRef("period", Day(2022, 2, 24), Day(2022, 12, 31))
    >>> same_time(TimeRef("as-of", Day(2022, 2, 24), Day(2022, 12, 31)), war), same_time(
    ...     war, TimeRef("as-of", Day(2022, 2, 24), Day(2022, 12)))
    (True, False)
    """
    return (total.kind == "as-of" and period.closed() and total.start is not None
            and total.end is not None and total.end.precision == "day"
            and (total.start == period.start or total.start.precision == "day")
            and total.window() == period.window())


def _one_time(time) -> bool:
    """Whether two figures with this same time reference were counted at one time: a
    period is one window whatever its precision; a running total is one moment only when
    its date is a day."""
    return time.kind != "as-of" or (time.end is not None and time.end.precision == "day")


_FAST = ((timedelta(days=7), 2), (timedelta(days=92), 10))
"""Growth of a running total too fast to be plausible without a word on it: more than
doubling within a week, or tenfold within three months (beyond the spread of a count:
:func:`_grows_past`)."""

_SPREAD = 2
"""How many standard deviations of a count of its size (its square root, as for a count of
independent events) growth must exceed a factor by to be implausible."""


def _grows_past(early_high, late_low, factor: int, count: bool) -> bool:
    """Whether a running total of at most *early_high* that later stands at *late_low* at
    least grew more than *factor*-fold, beyond the spread of counts of those sizes when it is
    a *count*: what it added must exceed ``factor - 1`` times the earlier total by
    :data:`_SPREAD` standard deviations of that difference (the square root of the added
    count plus ``(factor - 1)**2`` times the earlier one). A handful of units tells no rate:
    3 dead overnight and 8 by the evening, as bodies are found, is no implausible growth;
    100 and 5,000 three days apart is. Shares and amounts: the factor alone.

    >>> from decimal import Decimal as D
    >>> _grows_past(D("3.3"), D("7.2"), 2, True), _grows_past(D(110), D(4500), 2, True)
    (False, True)
    >>> _grows_past(D("3.3"), D("7.2"), 2, False)
    True
    """
    added = late_low - early_high
    excess = added - (factor - 1) * early_high
    if excess <= 0:
        return False
    return not count or excess > _SPREAD * (added + (factor - 1) ** 2 * early_high).sqrt()


def disagree(a: Figure, b: Figure, relation: str, measures, *,
             one_series: bool = True) -> str | None:
    """Why *a* and *b*, standing in *relation*, cannot both be right, or None. For
    ``series``, a fall counts only within *one_series*: one origin's running total under one
    method (another origin's lower count, or one of a method that superseded the earlier
    count, says nothing of it: each counts what it could confirm); neither a fall nor growth
    between a total since a start and one without (150 dead since 1 January, 1,900 in the
    war: the other may count from an earlier start)."""
    if relation in ("same", "narrower", "broader"):
        if not intervals_conflict(a.bounds(), b.bounds(), relation):
            return None
        if relation == "same":
            return "they count the same thing at the same time and cannot both be right"
        narrow, broad = (a, b) if relation == "narrower" else (b, a)
        return (f"{narrow.measure} ({narrow.describe()}) cannot exceed {broad.measure} "
                f"({broad.describe()}) at the same time")
    if (relation == "series" and a.measure in measures and measures[a.measure].cumulative
            and a.time.start_match(b.time) != "unknown"):  # else it may count from earlier
        early, late = sorted((a, b), key=lambda f: f.time.end.first())
        if early.time.end.last() >= late.time.end.first():
            return None  # "as of 2022" and "by 30 June 2022": which came first is not known
        (e_low, e_high), (l_low, l_high) = early.bounds(), late.bounds()
        if one_series and e_low is not None and l_high is not None and l_high < e_low:
            return (f"a running total cannot fall: {early.describe()} by {early.time.end} "
                    f"but {late.describe()} by {late.time.end}")
        gap = late.time.end.first() - early.time.end.last()
        count = measures[a.measure].kind == "count" and not is_ratio_unit(a.unit)
        for within, factor in _FAST:
            if (e_high and l_low and gap <= within
                    and _grows_past(e_high, l_low, factor, count)):
                return (f"the running total grows more than {factor}-fold in at most "
                        f"{within.days} days, beyond the spread of counts of this size "
                        f"({early.describe()} by {early.time.end}, "
                        f"{late.describe()} by {late.time.end})")
    return None


def parts_over_whole(whole: Figure, parts: list[Figure]) -> list[Figure] | None:
    """Parts of *whole* that do not overlap one another and together exceed it, or None.

    The parts that do not overlap and give the largest sure total (their lower bounds)
    are chosen by weighted interval scheduling; they break the whole when that total is
    above the whole's upper bound.
    """
    high = whole.bounds()[1]
    if high is None:
        return None
    timed = sorted((p for p in parts if p.bounds()[0] is not None and p.time.closed()),
                   key=lambda p: p.time.window()[1])
    best: list[tuple] = [(0, [])]  # best[i]: (total, parts) using the first i parts
    ends = [p.time.window()[1] for p in timed]
    for i, part in enumerate(timed):
        start = part.time.window()[0]
        j = sum(1 for e in ends[:i] if e < start)  # parts ending before this one starts
        take = (best[j][0] + part.bounds()[0], best[j][1] + [part])
        best.append(max(best[i], take, key=lambda t: t[0]))
    total, chosen = best[-1]
    return chosen if total > high else None
