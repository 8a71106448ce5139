"""The Admiralty grade of a figure: source reliability A-F and information credibility 1-6.

Reliability is that of the best independent origin, from the registry. Credibility comes
from independent corroboration, checked rather than assumed:

====  =================================================================================
1     at least two independent, verified origins rated A-C agree
2     one verified reliable origin (A/B, or documentary) or one corroborated by others
3     one verified origin rated C; or several independent, unverified origins agree
4     a verified origin rated D-F, or a single unverified origin with a track record
5     unverified, and contradicted by a figure that has a verified origin
6     no source named, or a single unverified origin whose reliability cannot be judged
====  =================================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

from .display import counted
from .origins import RELIABILITY_ORDER, RELIABLE, OriginAssessment
from .trace import ClaimTrace

__all__ = ["Grade", "grade_claim", "downgrade_for_conflict"]


@dataclass(frozen=True, slots=True)
class Grade:
    """An Admiralty code with the one-line derivation of why."""

    reliability: str
    credibility: int
    reason: str

    @property
    def code(self) -> str:
        """The two-part code, e.g. ``"F6"``."""
        return f"{self.reliability}{self.credibility}"


def grade_claim(claim: ClaimTrace, judged: list[OriginAssessment],
                uncertain=frozenset()) -> Grade:
    """Grade one claim from its judged origins (before comparing with other claims).

    Origins in *uncertain* (independences) may depend on the claim's others
    (:func:`~credgraph.checks.context.AuditContext.dependence`): they add to nothing that
    needs independence for sure ("confirmed", "several independent origins agree")."""
    if not judged or all(a.origin.source is None for a in judged):
        return Grade("F", 6, "no source is named, so neither source nor content can be judged")
    by_group: dict[str, list[OriginAssessment]] = {}
    for a in judged:
        by_group.setdefault(a.origin.independence, []).append(a)
    best = min((a.reliability for a in judged), key=RELIABILITY_ORDER.index)
    reliable = [g for g, items in by_group.items() if g not in uncertain
                and any(a.verified and (a.reliability in RELIABLE or a.documentary)
                        for a in items)]
    n = len([g for g in by_group if g not in uncertain])
    if len(reliable) >= 2:
        return Grade(best, 1, f"confirmed by {len(reliable)} independent, verified, reliable "
                              f"origins")
    if len(reliable) == 1:
        items = by_group[reliable[0]]
        top = min(items, key=lambda a: RELIABILITY_ORDER.index(a.reliability))
        if n >= 2:
            return Grade(best, 2, f"one verified reliable origin ({top.label}) and "
                                  f"{counted(n - 1, 'other independent origin')}")
        if top.documentary or top.reliability in "AB":
            what = "a documentary record" if top.documentary else f"rated {top.reliability}"
            return Grade(best, 2, f"a single verified origin, {what} ({top.label}), "
                                  "not independently corroborated")
        return Grade(best, 3, f"a single verified origin rated {top.reliability} "
                              f"({top.label}), not corroborated")
    if any(a.verified for a in judged):
        return Grade(best, 4, "its verified origins are not usually reliable")
    if n >= 2:
        return Grade(best, 3, f"{n} independent origins agree, but none is verified")
    labels = ", ".join(sorted({a.label for a in judged}))
    if best == "F":
        return Grade(best, 6, f"a single unverified origin whose reliability cannot be "
                              f"judged ({labels})")
    return Grade(best, 4, f"a single unverified origin ({labels}): doubtful until corroborated")


def downgrade_for_conflict(grade: Grade, has_verified: bool,
                           contradicted_by: list[tuple[str, Grade, bool]]) -> Grade:
    """Credibility 5 when an unverified figure contradicts a figure with a verified origin.

    *contradicted_by* lists ``(claim id, its grade, whether it has a verified origin)``.
    """
    if has_verified:
        return grade
    stronger = sorted(c for c, g, verified in contradicted_by
                      if verified and g.credibility < grade.credibility)
    if not stronger:
        return grade
    return Grade(grade.reliability, 5,
                 f"improbable: unverified, and contradicted by {', '.join(stronger)}, which has "
                 "a verified origin")
