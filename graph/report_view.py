"""A report's mentions with the chain each came by, worked out once for every kind of the
mapping (:mod:`credgraph.mapping`) that needs them: what a mention derives from (the mention
it ``relays``, or the last statement of its chain, ``attributed_to`` then each of ``via``)
and the statements of that chain, each derived from the one before.

>>> from credgraph.model import DateSpan, Mention, Report
>>> from datetime import date
>>> m = Mention("r", "m1", "c", "s", attributed_to="hur", via=("hur-telegram",))
>>> day = date(2024, 1, 1)
>>> view = ReportView(Report("r", "article", "paper", "t", DateSpan(day, day), (m,)))
>>> view.mentions[0].upstream
'statement/c/hur-telegram'
"""

from __future__ import annotations

from typing import NamedTuple

from .ids import mention_node, statement_node
from .model import Mention, Report

__all__ = ["MentionView", "StatementView", "ReportView"]


class MentionView(NamedTuple):
    """A mention with the chain it came by: what it derives from (a node, or None for an
    unattributed mention) and, when attributed, the statement of its origin."""

    mention: Mention
    upstream: str | None
    primary: str | None
    statements: tuple


class StatementView(NamedTuple):
    """A source's statement of a claim, and the statement it derives from (its chain's
    previous source)."""

    claim: str
    source: str
    previous: tuple


class ReportView:
    """A report and its mentions' chains, worked out once for every kind that needs them."""

    __slots__ = ("report", "mentions")

    def __init__(self, report: Report):
        self.report = report
        self.mentions = [_chain(m) for m in report.mentions]


def _chain(m: Mention) -> MentionView:
    """A mention that ``relays`` another derives from it; one attributed to a source derives
    from the last statement of its chain (``attributed_to``, then each of ``via``), and each
    statement of the chain from the one before."""
    if m.relays:
        return MentionView(m, mention_node(m.relays), None, ())
    if not m.attributed_to:
        return MentionView(m, None, None, ())
    statements, previous = [], ()
    for source in (m.attributed_to, *m.via):
        statements.append(StatementView(m.claim, source, previous))
        previous = (statement_node(m.claim, source),)
    return MentionView(m, previous[0], statement_node(m.claim, m.attributed_to),
                       tuple(statements))
