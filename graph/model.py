"""The domain model: sources, reports, mentions and the figures they state.

These are plain, immutable records: :mod:`credgraph.annotations` makes them from YAML,
:mod:`credgraph.build` turns them into RDF, and the synthetic corpus generator makes them
directly. Nothing here reads files or knows RDF.

A figure knows the interval of values its wording admits, which is what the audit
compares:

>>> Figure(measure="killed", value=Decimal(450), qualifier="about").bounds()
(Decimal('405.0'), Decimal('495.0'))
>>> Figure(measure="killed", value=Decimal(100), qualifier="more-than").bounds()
(Decimal('100'), None)

A range's ends are read as a number without a qualifier is, perhaps rounded ("7,000 to
15,000" meets 15,200, not 16,000):

>>> Figure(measure="killed", min=Decimal(7000), max=Decimal(15000), qualifier="range").bounds()
(Decimal('6500.5'), Decimal('15499.5'))
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .time_reference import Day, TimeRef

__all__ = [
    "Source", "Figure", "TimeRef", "Day", "Evidence", "Mention", "DateSpan", "Report", "Registry",
    "Corpus", "ABOUT_TOLERANCE", "rounding", "MEDIA_KINDS",
]

ABOUT_TOLERANCE = Decimal("0.1")
"""How far "about" and "nearly" may stray from the stated value: 10 %."""


def rounding(value: Decimal) -> Decimal:
    """How far a number stated without a qualifier may be from the count it was rounded
    from: just under half a unit of its last stated digit (18,000 may be 17,501 to 18,499;
    29,200 may be 29,151 to 29,249; 2,076 and 33.3 are as good as exact, yet 2,076 and 2,077
    do not meet), and never more than :data:`ABOUT_TOLERANCE` of it (20,000 may be 18,000 to
    22,000, not 15,000 to 25,000). News rounds silently: a report that writes "18,000" for a
    count of 18,234 states the same figure, not a conflicting one.

    The same whatever the representation (``18000``, ``18000.0``, ``1.8E+4``).

    >>> rounding(Decimal(18000)), rounding(Decimal("18000.0")), rounding(Decimal(20000))
    (Decimal('499.5'), Decimal('499.5'), Decimal('2000.0'))
    >>> rounding(Decimal(2076)), rounding(Decimal("33.3")), rounding(Decimal(0))
    (Decimal('0.4995'), Decimal('0.04995'), Decimal('0'))
    """
    if not value:
        return Decimal(0)
    under_half = _UNDER_HALF.scaleb(value.normalize().as_tuple().exponent)
    return min(under_half, abs(value) * ABOUT_TOLERANCE)


_UNDER_HALF = Decimal("0.4995")
"""Half a unit, less a thousandth of it: two neighbours (2,076 and 2,077; 29,200 and
29,300) do not meet at the half between them."""


MEDIA_KINDS = frozenset({"news-outlet", "wire-agency", "broadcaster", "aggregator",
                         "telegram-channel"})
"""Kinds of source that publish what others say: a figure one of them states without naming
a source is unattributed (unless it speaks for a body); any other source's report is its
own statement (:meth:`credgraph.trace.CitationTrace.first_hand`)."""


@dataclass(frozen=True, slots=True)
class Source:
    """An agent a figure can come from or pass through: an outlet, agency, person, channel."""

    id: str
    name: str
    kind: str
    reliability: str
    reliability_reason: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    party: str | None = None
    anonymous: bool = False
    speaks_for: str | None = None
    url: str | None = None


_SINGULAR = {"years": "year", "months": "month", "weeks": "week", "days": "day",
             "hours": "hour", "minutes": "minute", "times": "time"}
"""Units said in the singular of one ("1 week"); other units are the annotator's words."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity as a report states it: a value or a range, qualified, of a measure (an id
    of the measure scheme), at a time reference."""

    measure: str
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    qualifier: str = "exact"
    unit: str | None = None
    subject: str | None = None
    subject_side: str | None = None
    place: str | None = None
    time: TimeRef = field(default_factory=TimeRef)

    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The (low, high) interval the wording admits; None is unbounded."""
        if self.value is None:  # a range: its ends are numbers as stated, perhaps rounded
            low = None if self.min is None else self.min - rounding(self.min)
            high = None if self.max is None else self.max + rounding(self.max)
            return low, high
        v, tol = self.value, self.value * ABOUT_TOLERANCE
        if self.qualifier == "exact":  # as stated: perhaps rounded
            slack = rounding(v)
            return v - slack, v + slack
        return {
            "about": (v - tol, v + tol),
            "nearly": (v - tol, v),
            "more-than": (v, None),
            "at-least": (v, None),
            "up-to": (Decimal(0), v),
            "less-than": (Decimal(0), v),
        }.get(self.qualifier, (v, v))

    def describe(self) -> str:
        """The figure in a few words.

        >>> Figure(measure="killed", min=Decimal(7000), max=Decimal(15000), qualifier="range",
        ...        unit="soldiers").describe()
        '7,000-15,000 soldiers'
        >>> Figure(measure="share", value=Decimal("33.30"), qualifier="about", unit="percent").describe()
        'about 33.3 percent'
        >>> Figure(measure="duration", value=Decimal(1), qualifier="about", unit="weeks").describe()
        'about 1 week'
        """
        fmt = lambda d: f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,}"  # noqa: E731
        unit = f" {self.unit}" if self.unit else ""
        if self.value == 1 and self.unit in _SINGULAR:  # "about 1 week", not "1 weeks"
            unit = f" {_SINGULAR[self.unit]}"
        if self.value is None:
            return f"{fmt(self.min)}-{fmt(self.max)}{unit}"
        words = {"exact": "", "about": "about ", "nearly": "nearly ", "more-than": "more than ",
                 "at-least": "at least ", "up-to": "up to ", "less-than": "less than "}
        return f"{words.get(self.qualifier, '')}{fmt(self.value)}{unit}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a text states a mention: character offsets, maybe a term, into a seed file
    (``seed``, a file name in the seeds folder) or a text of the corpus (``text``, a path
    relative to the corpus folder, as ``credgraph draft`` writes them)."""

    seed: str | None
    start: int
    end: int
    term: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One report's statement of a claim, with its attribution and the chain it came by."""

    report_id: str
    id: str
    claim: str
    statement: str
    figure: Figure | None = None
    attributed_to: str | None = None
    via: tuple[str, ...] = ()
    relays: str | None = None
    quoted: bool = False
    cites_as: str = "data-source"
    hedge: str = "none"
    own_work: bool = False
    evidence: Evidence | None = None
    ambiguity: str | None = None
    computed_from: tuple[str, ...] = ()
    """Claims the figure was computed from ("double the 2022 count")."""
    disputes: str | None = None
    """A claim this mention contests."""
    part_of: str | None = None
    """A claim whose total this figure is a stated part of."""
    corrects: str | None = None
    """The mention (``report-id#mention-id``) whose figure this one corrects or withdraws:
    an earlier statement by the same outlet or source, now superseded."""

    @property
    def key(self) -> str:
        """The mention's corpus-wide reference, ``report-id#mention-id``."""
        return f"{self.report_id}#{self.id}"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When a report appeared: exact, or the earliest and latest dates it can be."""

    earliest: date | None
    latest: date | None
    certainty: str = "exact"
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A published document and the mentions it makes."""

    id: str
    kind: str
    outlet: str
    title: str
    date: DateSpan
    mentions: tuple[Mention, ...] = ()
    author: str | None = None
    url: str | None = None
    seed: str | None = None
    ambiguity: str | None = None
    text: str | None = None
    """The text the evidence offsets point into when it is not a seed file: a path relative
    to the corpus folder (``texts/<id>.txt``)."""
    input_file: str | None = None
    """The document the text was taken from (a file name as given, ``-`` for standard input)."""
    copies: str | None = None
    """The report this one republishes word for word: its mentions relay the original's."""
    reviewed: bool = True
    """Whether an analyst has reviewed the annotation: ``reviewed: false`` on a draft
    (``credgraph draft``), whose figures establish no bounds and confirm nothing."""


class Registry:
    """The sources by id, with their aliases resolved case-insensitively.

    >>> reg = Registry([Source("mediazona", "Mediazona", "news-outlet", "B", "track record",
    ...                        aliases=("Mediazone", "zona.media"))])
    >>> reg.resolve("MEDIAZONE")
    'mediazona'
    >>> reg.suggest("mediazonna")
    ['mediazona']
    """

    def __init__(self, sources):
        self.sources: dict[str, Source] = {}
        self._names: dict[str, str] = {}
        for source in sources:
            self.sources[source.id] = source
        for source in self.sources.values():
            for name in (source.id, source.name, *source.aliases):
                self._names.setdefault(name.casefold(), source.id)

    def __contains__(self, source_id: str) -> bool:
        return source_id in self.sources

    def __getitem__(self, source_id: str) -> Source:
        return self.sources[source_id]

    def __iter__(self):
        return iter(self.sources.values())

    def __len__(self) -> int:
        return len(self.sources)

    def resolve(self, name: str) -> str | None:
        """The id a name or alias stands for, or None."""
        return self._names.get(str(name).casefold())

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The ids whose id, name or alias is nearest to *name*."""
        close = difflib.get_close_matches(str(name).casefold(), list(self._names), n=n * 2,
                                          cutoff=0.5)
        return list(dict.fromkeys(self._names[c] for c in close))[:n]

    def root(self, source_id: str) -> str:
        """Follow ``speaks_for`` to the source this one ultimately speaks for (cycle-safe).

        Two origins with the same root are one independent origin.
        """
        seen = {source_id}
        current = source_id
        while (nxt := self.sources[current].speaks_for) and nxt in self.sources and nxt not in seen:
            seen.add(nxt)
            current = nxt
        return current


@dataclass(slots=True)
class Corpus:
    """A source registry and the reports annotated against it."""

    registry: Registry
    reports: dict[str, Report]
    origin: str = "<memory>"
    measures: object = None
    """The measure scheme the figures name (:class:`~credgraph.measures.Measures`)."""
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Where each mention was written: ``(file, line)`` by mention key, when read from files."""

    def mentions(self):
        """Every mention of every report, reports in id order."""
        for report_id in sorted(self.reports):
            yield from self.reports[report_id].mentions

    def mention_index(self) -> dict[str, Mention]:
        """Mentions by their ``report-id#mention-id`` key."""
        return {m.key: m for m in self.mentions()}
