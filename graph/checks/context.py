"""What a check sees: the traced corpus, judged origins, and figures to compare against."""

from __future__ import annotations

from functools import cached_property

from ..origins import OriginAssessment, assess_origins
from ..trace import CitationTrace, ClaimTrace

__all__ = ["AuditContext", "bounds_overlap"]


def bounds_overlap(a: tuple, b: tuple) -> bool:
    """Whether two (low, high) intervals meet; None is unbounded.

    >>> from decimal import Decimal as D
    >>> bounds_overlap((D(100), None), (D(115), None)), bounds_overlap((D(7000), D(15000)), (D(29200), D(29200)))
    (True, False)
    """
    low = max((x for x in (a[0], b[0]) if x is not None), default=None)
    high = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return low is None or high is None or low <= high


class AuditContext:
    """Shared, cached facts for the checks of one audit run."""

    def __init__(self, trace: CitationTrace):
        self.trace = trace
        self._origins: dict[str, list[OriginAssessment]] = {}

    def origins(self, claim: ClaimTrace) -> list[OriginAssessment]:
        """The judged origins of a claim (computed once)."""
        if claim.claim not in self._origins:
            self._origins[claim.claim] = assess_origins(self.trace, claim)
        return self._origins[claim.claim]

    @cached_property
    def _by_quantity(self) -> dict[tuple, list[ClaimTrace]]:
        groups: dict[tuple, list[ClaimTrace]] = {}
        for claim in self.trace.claims.values():
            figure = claim.reference.figure
            if figure is not None:
                groups.setdefault(figure.comparable_key(), []).append(claim)
        return groups

    @cached_property
    def _group_of(self) -> dict[str, list[ClaimTrace]]:
        """Each traced claim's quantity group, so the key is normalised once per claim."""
        return {c.claim: group for group in self._by_quantity.values() for c in group}

    def comparable(self, claim: ClaimTrace) -> list[ClaimTrace]:
        """Other claims about the same measure, subject, place and unit, in overlapping time."""
        figure = claim.reference.figure
        if figure is None:
            return []
        if self.trace.claims.get(claim.claim) is claim:
            group = self._group_of.get(claim.claim, [])
        else:  # a claim from elsewhere: look its quantity up
            group = self._by_quantity.get(figure.comparable_key(), [])
        return [other for other in group
                if other is not claim and figure.period.overlaps(other.reference.figure.period)]
