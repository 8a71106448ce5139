"""Time references: which time a figure's text says it covers, at the precision given.

:func:`find_time_refs` returns every time reference of a text as a
:class:`~credgraph.draft.records.TimeRef`: ``as_of`` (a running total up to a date, maybe
``since`` a start), ``period`` (a count within a window) or ``rate`` (per day, week, month
or year). Dates keep the precision the text gives (``2023``, ``2023-06``, ``2023-06-30``);
a month or year without a day stays a month or year. A month without a year takes the
year from the report's date (the latest such month not after it) or, failing that, from
the last year the text names, and says so in ``note``. Comparison bases ("three times
the number in 2021", "compared with 2022") are not the figure's time and are skipped. A
window counted from an event (``in the two weeks after the announcement``) is a period, its
length part of the time, not a figure.

>>> from datetime import date
>>> def show(text, today=date(2024, 3, 12)):
...     return [(r.kind, r.start, r.end, r.precision, r.per) for r in find_time_refs(text, today)]
>>> show("in the first six months of 2023")
[('period', '2023-01', '2023-06', 'month', None)]
>>> show("from September to November 2023, double the number in 2022")
[('period', '2023-09', '2023-11', 'month', None)]
>>> show("since the start of the full-scale invasion")
[('as_of', '2022-02-24', '2024-03-12', 'day', None)]
>>> show("since April"), show("as of 1 November", None)
([('as_of', '2023-04', '2024-03-12', 'day', None)], [('as_of', None, None, None, None)])
>>> show("1,450 troops per day in November 2023")
[('rate', None, None, None, 'day'), ('period', '2023-11', '2023-11', 'month', None)]
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .records import TimeRef
from .report_days import NUMBER as _NUMBER, PATTERNS as _REPORT_DAYS, SEASONS as _SEASON, \
    UNITS as _UNITS, dated_ref as _ref, relative_ref, spoken_on, undated_ref

__all__ = ["find_time_refs", "time_for", "first_day", "last_day", "ANCHORS"]

ANCHORS = {
    "invasion": ("2022-02-24", "the full-scale invasion began on 24 February 2022"),
    "mobilisation": ("2022-09-21", "the partial mobilisation was announced on 21 September 2022"),
}
"""Events a text dates things from, with the date each is taken to mean."""

_M = (r"(january|february|march|april|may|june|july|august|september|october|november|"
      r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_Y = r"((?:19|20)\d\d)"
_D = r"(\d{1,2})(?!\d)(?:st|nd|rd|th)?"
_MONTH = {name: i for i, name in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}

_PATTERNS = [(name, p if isinstance(p, re.Pattern) else re.compile(p, re.I)) for name, p in [
    ("part_of_year", rf"the (first|last|final) (\w+) (months|weeks) of {_Y}"),
    ("half", rf"the (first|second) half of {_Y}"),
    ("quarter", rf"(?:the (first|second|third|fourth) quarter of |q([1-4]) ){_Y}"),
    ("range_months", rf"(?:from|between) {_M}(?: {_Y})? (?:to|until|through|and|till) {_M}"
                     rf"(?: {_Y})?|{_M}\s?[-–]\s?{_M} {_Y}"),
    ("range_years", rf"(?:from|between) {_Y} (?:to|and|until) {_Y}"),
    ("range_days", rf"(?:(?:from|between) )?\b{_D} ?(?:to|and|until|[-–]) ?{_D} {_M}(?:,? {_Y})?"
                   rf"|\b{_M} {_D} ?(?:to|and|until|[-–]) ?{_D}(?:,? {_Y})?"),
    ("base", rf"(?:than|compared (?:with|to)|as in|against|versus|from|over) (?:in )?(?:the same "
             rf"(?:period|months) (?:of |in )?|(?:the )?(?:whole|all) of )?(?:{_M} )?{_Y}"),
    ("base_rel", r"(?:than|compared (?:with|to))(?: in)?(?: the whole of)? (?:a year (?:earlier|"
                 r"ago|before)|last year|the previous (?:year|quarter|month))"),
    ("base_number", rf"(?:the|a|that) (?:number|figure|level|total|amount|count|rate)(?: \w+){{0,3}}"
                    rf" (?:in|of|for) (?:{_M} )?{_Y}"),
    ("window", r"(?:in|within|during|over|for|throughout) the (?:(?:first|next|following|"
               r"initial) )?(\w+) (days?|weeks?|months?|hours?) (after|following|since|before) ("
               r"(?:(?:the|his|her|its|their|a) )?[a-z][\w’'-]*(?: of (?:the )?[a-z][\w’'-]*)?)"),
    ("since_anchor", r"since (?:the (?:start|beginning|outbreak|launch) of )?(?:russia's |the )?"
                     r"(?:full-scale |full scale )?(?:war|invasion|mobili[sz]ation)"
                     r"(?: (?:began|started|was announced))?"),
    ("since_date", rf"since (?:{_D} {_M}|{_M} {_D})(?:,? {_Y})?"),
    ("since_month", rf"since {_M}(?: {_Y})?"),
    ("since_year", rf"since {_Y}"),
    ("as_of", rf"(?:as of|as at|by|until|up to) (?:{_D} {_M}|{_M} {_D})(?:,? {_Y})?"),
    ("as_of_month", rf"(?:as of|as at|by the end of) {_M}(?: {_Y})?"),
    ("as_of_year_end", rf"(?:by|at|as of|as at|until|till|to|before) the (?:end|close) of {_Y}"),
    ("as_of_year_start", rf"(?:by|at|as of|as at) the (?:start|beginning|turn) of {_Y}"),
    ("since_year_start", rf"since the (?:start|beginning) of {_Y}"),
    *_REPORT_DAYS,  # "so far", "over the past week", "overnight", "on Saturday": report_days
    ("season", r"in (?:the )?(spring|summer|autumn|fall|winter)(?: of)?(?: ((?:19|20)\d\d))?"),
    ("named_window", r"(?:in|over|during|within|throughout) (?:the|those|these) (\d{1,3}|two|"
                     r"three|four|five|six|seven|eight|nine|ten|eleven|twelve) (days|weeks|months|"
                     r"years)\b(?! (?:of|after|since|before|following|ago|earlier|later|in|for|"
                     r"to)\b)"),

    ("month", rf"(?:in|during|for|throughout) {_M}(?: (?:of )?{_Y})?"),
    ("year", rf"(?:in|during|for|throughout|(?:in |for |over )?(?:all|the whole) of|of) {_Y}"
             rf"(?![-–/]\d)|\b{_Y} alone\b|\b{_Y}['’]s\b"),
    ("rate", r"\b(?:per|a|an|each|every) (day|week|month|year)\b|\bon a (daily|weekly|monthly) "
             r"basis\b|\b(daily|weekly|monthly|annually|yearly)(?=[.,;]|$)"),
]]
_NOT_RATE_BEFORE = re.compile(r"(?:more than|over|almost|nearly|for|than|within|in|after|"
                              r"about|around|under|less than|up to|once|twice|the) $", re.I)


_PART_OF_TIME = re.compile(r"\b(?:end|close|start|beginning|turn|middle|half|quarter|part|"
                           r"period|months?|weeks?|days?|spring|summer|autumn|fall|winter|"
                           r"season|rest|remainder)\s+$", re.I)
"""Words before ``of <year>`` that make it a part of the year, not the whole (``the autumn
of 2023``, ``the same period of 2026``): those phrases are read whole or not at all."""


def first_day(iso: str) -> date:
    """The first day a partial ISO date (``2023``, ``2023-06``, ``2023-06-30``) covers."""
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(iso: str) -> date:
    """The last day a partial ISO date covers."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


def _month(name: str | None) -> int | None:
    if not name:
        return None
    name = name.lower().rstrip(".")
    return next((i for m, i in _MONTH.items() if m.startswith(name[:3])), None)


class _Years:
    """Infers the year of a month named without one."""

    def __init__(self, text: str, today: date | None):
        self.today = today
        self.years = [(m.start(), int(m.group())) for m in re.finditer(r"\b(?:19|20)\d\d\b", text)]

    def year(self, month: int, at: int) -> tuple[int | None, str | None]:
        if self.today:
            year = self.today.year if month <= self.today.month else self.today.year - 1
            return year, f"year {year} inferred from the report's date"
        earlier = [y for pos, y in self.years if pos < at]
        if earlier:
            return earlier[-1], f"year {earlier[-1]} taken from the last year the text names"
        return None, "the year is not given"


def _iso(year, month=None, day=None) -> str:
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


_RELATIVE = {name for name, _p in _REPORT_DAYS}


def find_time_refs(text: str, today: date | None = None, offset: int = 0,
                   context: str | None = None) -> list[TimeRef]:
    """Every time reference of *text* in text order (comparison bases left out). *today*
    is the report's date when known; *offset* is added to spans; *context* is the whole
    text, for the year of a month named without one."""
    years = _Years(context if context is not None else text, today)
    taken: list[tuple[int, int]] = []
    refs: list[TimeRef] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if name == "rate" and _NOT_RATE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue
            if spoken_on(text, name, m):
                continue  # "said on Tuesday": the day of the statement
            if name == "year" and m.group(0)[:3].lower() == "of " and _PART_OF_TIME.search(
                    text[max(0, m.start() - 30):m.start()]):
                continue  # "the autumn of 2023", "the same period of 2026": no whole year
            taken.append(m.span())
            ref = _make(name, m, offset, years, today)
            if ref is not None:
                refs.append(ref)
    return sorted(refs, key=lambda r: r.span)


def _make(name, m, offset, years: _Years, today) -> TimeRef | None:
    g = m.groups()
    now = today.isoformat() if today else None
    if name.startswith("base"):
        return None
    if name in _RELATIVE:
        return relative_ref(name, m, offset, today)
    if name == "part_of_year":
        count = _NUMBER.get(g[1].lower()) or (int(g[1]) if g[1].isdigit() else None)
        if count is None or count > 12 or g[2].lower() != "months":
            return None
        y = int(g[3])
        first, last = (1, count) if g[0].lower() == "first" else (13 - count, 12)
        return _ref("period", _iso(y, first), _iso(y, last), m, offset)
    if name == "half":
        y = int(g[1])
        return _ref("period", *((_iso(y, 1), _iso(y, 6)) if g[0].lower() == "first"
                                else (_iso(y, 7), _iso(y, 12))), m, offset)
    if name == "quarter":
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get((g[0] or "").lower()) or int(g[1])
        y = int(g[2])
        return _ref("period", _iso(y, 3 * q - 2), _iso(y, 3 * q), m, offset)
    if name == "range_months":
        m1, y1, m2, y2 = (_month(g[0]), g[1], _month(g[2]), g[3]) if g[0] else (
            _month(g[4]), g[6], _month(g[5]), g[6])
        note = None
        if y2 is None:
            y2, note = years.year(m2, m.start())
            if y2 is None:
                return undated_ref("period", m, offset, note)
        y2 = int(y2)
        y1 = int(y1) if y1 else (y2 if m1 <= m2 else y2 - 1)
        return _ref("period", _iso(y1, m1), _iso(y2, m2), m, offset, note)
    if name == "range_days":  # "between 1 and 21 March", "18-19 January", "March 1-21"
        d1, d2, mon, y = (g[0], g[1], g[2], g[3]) if g[0] else (g[5], g[6], g[4], g[7])
        mon, note = _month(mon), None
        if y is None:
            y, note = years.year(mon, m.start())
            if y is None:
                return undated_ref("period", m, offset, note)
        try:
            first, last = date(int(y), mon, int(d1)), date(int(y), mon, int(d2))
        except ValueError:
            return None  # "30-31 February": no dates
        if first > last:
            return None
        return _ref("period", first.isoformat(), last.isoformat(), m, offset, note)
    if name == "range_years":
        return _ref("period", g[0], g[1], m, offset)
    if name == "since_anchor":
        key = "mobilisation" if "mobili" in m.group(0).lower() else "invasion"
        day, why = ANCHORS[key]
        return _ref("as_of", day, now, m, offset, f"taken as since {day}: {why}")
    if name in ("since_date", "since_month", "as_of", "as_of_month"):
        if name in ("since_date", "as_of"):
            d, mon, y = (g[0], g[1], g[4]) if g[0] else (g[3], g[2], g[4])
            mon, d = _month(mon), int(d)
        else:
            d, mon, y = None, _month(g[0]), g[1]
        note = None
        if y is None:
            y, note = years.year(mon, m.start())
            if y is None:
                return undated_ref("as_of", m, offset, note)
        try:
            date(int(y), mon, d or 1)
        except ValueError:
            return None  # "31 June": not a date
        when = _iso(int(y), mon, d)
        if name.startswith("since"):
            return _ref("as_of", when, now, m, offset, note)
        return _ref("as_of", None, when, m, offset, note)
    if name in ("since_year", "since_year_start"):
        return _ref("as_of", g[0], now, m, offset)
    if name == "as_of_year_end":
        return _ref("as_of", None, f"{g[0]}-12-31", m, offset)
    if name == "as_of_year_start":
        return _ref("as_of", None, f"{g[0]}-01-01", m, offset)
    if name == "season":
        first, last = _SEASON[g[0].lower()]
        y, note = (int(g[1]), None) if g[1] else years.year(first, m.start())
        if y is None:
            return None
        end_year = y + 1 if last < first else y
        return _ref("period", _iso(y, first), _iso(end_year, last), m, offset,
                    note or f"{g[0].lower()} read as {calendar.month_name[first]}-"
                            f"{calendar.month_name[last]}")
    if name == "named_window":  # "Over the three months": a period named before
        return undated_ref("period", m, offset,
                           f'"{m.group(0)}" refers to a period the text gives: give the period')
    if name == "window":  # "in the two weeks after the announcement"
        return _window(g, m, offset)
    if name == "month":
        mon = _month(g[0])
        if mon == 5 and not m.group(0).split()[-1 if not g[1] else -2][:1].isupper():
            return None  # "may" the verb
        y, note = (int(g[1]), None) if g[1] else years.year(mon, m.start())
        if y is None:
            return undated_ref("period", m, offset, note)
        return _ref("period", _iso(y, mon), _iso(y, mon), m, offset, note)
    if name == "year":
        y = g[0] or g[1] or g[2]  # "in 2023", "the cases of 2022", "2023 alone", "2022's"
        return _ref("period", y, y, m, offset)
    if name == "rate":
        per = (g[0] or {"daily": "day", "weekly": "week", "monthly": "month"}.get(
            (g[1] or "").lower()) or {"daily": "day", "weekly": "week", "monthly": "month",
                                      "annually": "year", "yearly": "year"}[g[2].lower()])
        return TimeRef("rate", None, None, None, m.group(0),
                       (offset + m.start(), offset + m.end()), per=per.lower())
    return None


def _window(g, m, offset) -> TimeRef | None:
    """A window counted from an event: ``in the two weeks after the announcement``. Dated
    when the event is one of :data:`ANCHORS` (``in the ten days after the mobilisation``),
    else a period the analyst dates. ``the first five months of the war`` is no window: its
    length is the figure."""
    count = _NUMBER.get(g[0].lower()) or (int(g[0]) if g[0].isdigit() else None)
    if count is None:
        return None
    event = g[3].lower()
    key = "mobilisation" if "mobili" in event else "invasion" if re.search(
        r"\b(?:invasion|war)\b", event) else None
    if key is None or g[2].lower() == "before" or g[1].lower().startswith("hour"):
        return undated_ref("period", m, offset, f"{count} {g[1].lower()} {g[2].lower()} "
                                                f"{g[3]}: the text gives no date; give the period")
    day, why = ANCHORS[key]
    days = {"day": 1, "week": 7, "month": 30}[_UNITS[g[1].lower()]] * count
    start = date.fromisoformat(day)
    return _ref("period", day, (start + timedelta(days=days - 1)).isoformat(), m, offset,
                f"counted {count} {g[1].lower()} from {day}: {why}")


_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\b|;|\s[-–—]\s", re.I)
"""Between a figure and a time reference: they are in different clauses (``262,000 by the
start of 2026, and that "at least 100,000" were sent since 2022``)."""

_BASE_BEFORE = re.compile(r"\b(?:from|(?<!more )(?<!less )(?<!fewer )(?<!rather )than|"
                          r"compared (?:with|to)|against|versus|on|(?:double|twice|triple|treble|"
                          r"half|times)(?:\s+the)?)\s+"
                          r"(?:(?:about|around|some|nearly|almost|roughly|just|over|under|"
                          r"more than|less than|fewer than)\s+)?\W*$", re.I)
"""Before a figure: it is a comparison's base (``risen to 1.4 million, from about 400,000``),
so the time right after it is the base's (``at the start of 2024``), not the figure's."""


def time_for(refs: list[TimeRef], start: int, end: int, others: list[tuple[int, int]],
             text: str | None = None) -> TimeRef:
    """The time reference of the figure at ``[start, end)`` among its sentence's *refs*;
    *others* are the spans of the sentence's other figures. A rate counts when it follows
    the figure closely or says every/each; the window of a rate is the period beside it.
    With the *text*, a reference in another clause counts only when none is in the
    figure's own, and the time of another figure that is a comparison's base is not this
    one's (``risen to 1.4 million rubles, from about 400,000 at the start of 2024``: the
    start of 2024 is the 400,000's).

    >>> text = "It rose to 1.4 million, from about 400,000 at the start of 2024."
    >>> refs = find_time_refs(text)
    >>> time_for(refs, 11, 22, [(35, 42)], text).kind, time_for(refs, 35, 42, [(11, 22)], text).end
    ('none', '2024-01-01')
    >>> text = "Compared with 400,000 at the start of 2024, it is 1.4 million."
    >>> time_for(find_time_refs(text), 50, 61, [(14, 21)], text).kind
    'none'
    """
    def distance(ref):
        s, e = ref.span
        return s - end if s >= end else start - e

    def based(ref):  # the reference follows another figure that is a comparison's base
        return text is not None and any(
            e <= ref.span[0] and len(text[e:ref.span[0]].split()) <= 3  # "rubles at"
            and _BASE_BEFORE.search(text[max(0, s - 30):s]) for s, e in others)

    def apart(ref):  # another clause
        lo, hi = sorted((end if ref.span[0] >= end else ref.span[1], ref.span[0]
                         if ref.span[0] >= end else start))
        return text is not None and bool(_CLAUSE_BREAK.search(text[lo:hi]))

    refs = [r for r in refs if not (r.kind != "rate" and based(r))]

    rates = [r for r in refs if r.kind == "rate" and (
        0 <= distance(r) <= 40 and r.span[0] >= end or r.phrase.lower().startswith(("every", "each")))]
    dated = [r for r in refs if r.kind != "rate"]
    best = None
    if dated:
        def between(ref):  # another figure lies between this one and the reference
            lo, hi = sorted((start, ref.span[0]))
            return any(lo < s < hi for s, _e in others)
        best = min(dated, key=lambda r: (between(r), apart(r), abs(distance(r))))
    if rates:
        rate = rates[0]
        if best is not None:
            return TimeRef("rate", best.start, best.end, best.precision,
                           f"{rate.phrase}; {best.phrase}", rate.span, rate.per, best.note)
        return rate
    return best if best is not None else TimeRef("none")
