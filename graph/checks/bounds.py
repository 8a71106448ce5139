"""What a claim's figure states and what it establishes: worked out once for an audit run.

A claim's reports as near its origin as one another may state its value differently (a
court's "more than 2,000 cases" relayed as "2,000" by one report citing the court, "more
than 2,000" by another): which is faithful the audit cannot tell, so the claim states the
interval holding all of them
(:meth:`Bounds.stated`), and establishes only what all of them establish
(:meth:`Bounds.established`: a tally by any origin but a court or a register is a floor,
:func:`~credgraph.grade.established_bounds`). A true figure is never made improbable, nor
set in conflict, by the reading of one relay. :class:`Bounds` is the part of
:class:`~credgraph.checks.context.AuditContext` that works this out.
"""

from __future__ import annotations

from functools import cached_property

from ..comparison import intervals_conflict, is_ratio_unit, normal_text, same_time
from ..grade import ESTIMATE_HEDGES, established_bounds
from ..trace import ClaimTrace

__all__ = ["Bounds", "hull"]


def hull(intervals) -> tuple:
    """The smallest interval holding every (low, high) of *intervals*; None is unbounded.

    >>> from decimal import Decimal as D
    >>> hull([(D(1999), D(2001)), (D(2000), None)])
    (Decimal('1999'), None)
    """
    lows, highs = zip(*intervals)
    return (None if None in lows else min(lows), None if None in highs else max(highs))


class Bounds:
    """What claims state and establish, for :class:`~credgraph.checks.context.AuditContext`
    (which gives ``measures``, ``origins``, ``unproven`` and ``superseded``)."""

    @cached_property
    def _stating(self) -> dict[str, list]:
        return {}

    def stating(self, claim: ClaimTrace) -> list:
        """*claim*'s mentions as near its origin as its reference (the mention nearest it:
        the shortest chain) stating the quantity the reference does, the value or the
        qualifier perhaps otherwise (the same measure, unit and time reference); only the
        origin's own statements among them when there are any; worked out once. A relay
        further down that rounds the figure (the court's 7,300 as "more than 7,000"), or
        one beside the origin's own words (the mission's "at least 1,250" relayed as
        "1,250"), says nothing of what the origin stated."""
        found = self._stating.get(claim.claim)
        if found is None:
            ref, depth = claim.reference, {}
            for chain in claim.chains:
                depth[chain[0]] = min(len(chain), depth.get(chain[0], len(chain)))
            a, near = ref.figure, depth.get(ref.node, 0)
            found = [ref] + [m for m in claim.mentions if m is not ref and m.figure is not None
                             and depth.get(m.node, 0) == near
                             and m.figure.measure == a.measure
                             and normal_text(m.figure.unit) == normal_text(a.unit)
                             and same_time(m.figure.time, a.time)] if a is not None else []
            own = [m for m in found if self._first_hand(m)]
            found = own or found  # the origin's own words, when a report gives them
            self._stating[claim.claim] = found
        return found

    def _first_hand(self, mention) -> bool:
        """Whether *mention* is its source's own statement: its report's outlet is the
        source it names (the mission's own update)."""
        report = self.trace.reports.get(mention.report)
        return (report is not None and mention.attributed_to is not None
                and report.outlet == mention.attributed_to)

    def stated(self, claim: ClaimTrace) -> tuple:
        """The value interval *claim*'s reports state: every one of its mentions stating
        its quantity held (:meth:`stating`)."""
        return hull(m.figure.bounds() for m in self.stating(claim))

    def established(self, claim: ClaimTrace):
        """What *claim*'s figure establishes when it has a verified origin that proves
        something and its origin did not revise it (``superseded``), else None: what each
        of its mentions stating its quantity establishes, held together (the loosest)."""
        if self.superseded(claim):
            return None
        gone = self.unproven(claim)
        verified = [a for a in self.origins(claim)
                    if a.verified and a.origin.independence not in gone]
        if not verified:
            return None
        figure, measures = claim.reference.figure, self.measures
        tally = ((figure.measure not in measures or measures[figure.measure].kind == "count")
                 and not is_ratio_unit(figure.unit))  # "25 percent killed" is a share
        documentary = any(a.documentary for a in verified)
        if any(m.hedge in ESTIMATE_HEDGES for m in claim.mentions):
            return None  # an estimate establishes nothing
        return hull(established_bounds(m.figure, documentary=documentary, tally=tally,
                                       estimate=False) for m in self.stating(claim))

    def both_floors(self, claim: ClaimTrace, other: ClaimTrace, relation: str) -> bool:
        """Whether two figures that disagree as stated can both be right as what their
        verified origins establish (:meth:`established`): two counters' counts of what each
        could confirm, floors of the quantity (two missions' 40 and 55 dead confirmed that
        day: other methods, other cut-off times), not a conflict."""
        mine, theirs = self.established(claim), self.established(other)
        return (mine is not None and theirs is not None
                and not intervals_conflict(mine, theirs, relation))
