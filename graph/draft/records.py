"""The records a draft is made of: what each finder returns and what the writer writes.

Every finder of :mod:`credgraph.draft` returns plain, immutable records defined here, so
the finders do not import one another's internals and the writer (:mod:`.writer`) sees one
shape of data. Offsets are Python ``str`` indices into the drafted text.

>>> ref = TimeRef("period", "2023-01", "2023-06", "month", "in the first six months of 2023", (0, 31))
>>> ref.kind, ref.start, ref.precision
('period', '2023-01', 'month')
>>> DraftInputError("is empty", path="notes.txt").exit_code
2
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import InputError

__all__ = ["DraftInputError", "NumberExpr", "Measure", "TimeRef", "NO_TIME", "FoundFigure", "SourceRef",
           "Attribution", "DraftMention", "ProposedSource", "Document", "DraftReport"]


class DraftInputError(InputError):
    """An input document that cannot be drafted: the message names the file."""

    def __init__(self, message: str, *, path: str | None = None):
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A quantity as written: a value or a range, with the tokens it spans.

    ``kind`` is ``count`` (a cardinal number), ``vague`` (hundreds, a dozen), ``percent``,
    ``times`` (double, three times, tenfold) or ``fraction`` (half, one third: a percent).
    """

    start: int
    end: int
    value: Decimal | None
    min: Decimal | None = None
    max: Decimal | None = None
    kind: str = "count"
    unit: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """What a figure counts: ``id`` is a concept of the measure scheme and ``label`` its
    label; ``known`` is false for a measure the draft proposes (no concept has it)."""

    id: str
    label: str
    known: bool = True


@dataclass(frozen=True, slots=True)
class TimeRef:
    """The time a figure refers to, at the precision the text gives.

    ``kind``: ``as_of`` (a running total up to ``end``; ``start`` is an optional since),
    ``period`` (a count within ``start``-``end``), ``rate`` (``per`` is day, week, month or
    year; ``start``/``end`` the window, if given) or ``none``. ``start`` and ``end`` are
    ISO dates cut to the precision: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """

    kind: str
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    phrase: str | None = None
    span: tuple[int, int] | None = None
    per: str | None = None
    note: str | None = None


NO_TIME = TimeRef("none")


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure found in the text: its number, qualifier, unit and where it is."""

    start: int
    end: int
    term: str
    value: Decimal | None
    min: Decimal | None
    max: Decimal | None
    qualifier: str
    unit: str
    subject: str
    subject_side: str | None
    measure: Measure
    sentence: tuple[int, int]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source named in the text, resolved to a registry id or proposed as a new one."""

    id: str
    text: str
    span: tuple[int, int]
    how: str
    """``registry`` (id, name or alias), ``fuzzy`` (a close name), ``described`` (a registry
    source whose name fits a description such as "the soldier"), ``new`` (proposed)."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a figure is attributed to, through whom, and how the text says it."""

    origin: SourceRef | None = None
    via: tuple[SourceRef, ...] = ()
    quoted: bool = False
    own_work: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProposedSource:
    """A source the registry lacks, proposed by the draft for the analyst to review."""

    id: str
    name: str
    kind: str
    anonymous: bool
    reason: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class DraftMention:
    """One drafted mention: a figure, its attribution, hedge, time and claim."""

    id: str
    figure: FoundFigure
    attribution: Attribution
    hedge: str
    time: TimeRef
    claim: str = ""
    relays: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Document:
    """An input as drafted: its text and what it says about itself."""

    text: str
    input_file: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    date_basis: str | None = None
    sitename: str | None = None
    url: str | None = None
    kind: str = "text"
    """``text`` or ``html``: what the input was."""


@dataclass(slots=True)
class DraftReport:
    """A drafted report: the document, its fields, mentions and proposed sources."""

    id: str
    document: Document
    kind: str
    outlet: str
    date: dict | str
    title: str
    mentions: list[DraftMention]
    new_sources: list[ProposedSource]
    notes: list[str] = field(default_factory=list)
