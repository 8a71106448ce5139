"""The Admiralty grade of a figure: source reliability A-F and information credibility 1-6.

Reliability is that of the best independent origin, from the registry. Credibility comes
from independent corroboration, checked rather than assumed:

====  =================================================================================
1     at least two independent, verified origins rated A-C agree
2     one verified reliable origin (A/B, or documentary) or one corroborated by others
3     one verified origin rated C; or several independent, unverified origins agree
4     a verified origin rated D-F, or a single unverified origin with a track record
5     unverified, and ruled out by what a verified figure graded 1-3 establishes
6     no source named, or a single unverified origin whose reliability cannot be judged
====  =================================================================================

What a verified figure establishes (:func:`established_bounds`) is not always all it says:
an estimate establishes nothing, and a tally by anyone but a documentary record (a court, a
register) counts what it could confirm, so it is a floor.
"""

from __future__ import annotations

from dataclasses import dataclass

from .display import counted
from .origins import RELIABILITY_ORDER, RELIABLE, OriginAssessment
from .trace import ClaimTrace

__all__ = ["Grade", "grade_claim", "downgrade_for_conflict", "established_bounds",
           "ESTIMATE_HEDGES"]

ESTIMATE_HEDGES = frozenset({"estimate", "probable"})
"""Hedges that make a figure an estimate: it may contradict others, never make them
improbable."""
PROOF = 3
"""The weakest credibility (possibly true) a figure may have to make another improbable."""
FLOOR_QUALIFIERS = frozenset({"exact", "about", "nearly"})
"""Qualifiers with which a counter's one number says how many it counted, not that there
are no more: "nearly 10,000 verified deaths" is a count of 9,000-odd, and the dead it could
not yet verify may be many more."""


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
                uncertain=frozenset(), draft: bool = False) -> Grade:
    """Grade one claim from its judged origins (before comparing with other claims).

    Origins in *uncertain* (independences) may depend on the claim's others
    (:func:`~credgraph.checks.context.AuditContext.dependence`): they add to nothing that
    needs independence for sure ("confirmed", "several independent origins agree").

    A *draft* claim (stated only in unreviewed reports, whose attributions may be wrong) is
    graded for itself as its best origin alone: never confirmed, never "several agree"."""
    if draft:
        return _draft_grade(claim, judged)
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


def _draft_grade(claim: ClaimTrace, judged: list[OriginAssessment]) -> Grade:
    """The best grade one origin of an unreviewed claim gives it alone."""
    groups: dict = {}
    for a in judged:
        groups.setdefault(a.origin.independence, []).append(a)
    best = min((grade_claim(claim, items) for _, items in sorted(groups.items())),
               key=lambda g: (g.credibility, RELIABILITY_ORDER.index(g.reliability)),
               default=None) or grade_claim(claim, judged)
    return Grade(best.reliability, best.credibility,
                 f"{best.reason}; stated only in unreviewed drafts, its origins' "
                 "attribution unchecked")


def established_bounds(figure, *, documentary: bool, estimate: bool, tally: bool):
    """The (low, high) interval a figure with a verified origin establishes for its
    quantity, when it is to make another figure improbable; None: nothing sure.

    - *estimate* (a report hedges it as an estimate or as probable): nothing. Two estimates
      that disagree are a conflict to look at, not proof against either;
    - *documentary* (a court's or a register's record): its interval as stated;
    - a *tally* (a count of people or events) by any other origin, given as one number
      (exact, about or nearly): only its lower bound. A counter counts what it could confirm
      (names of the dead, cases it found), so the quantity is at least that, and may be
      more: a mission's "nearly 10,000 verified" rules out 8,000, not 10,500;
    - anything else as stated: a share, a duration, a range ("7,000 to 15,000" says there
      are no more than 15,000) or a ceiling ("up to", "fewer than").

    >>> from decimal import Decimal as D
    >>> from credgraph.model import Figure
    >>> named = Figure("killed", D(23000))
    >>> established_bounds(named, documentary=False, estimate=False, tally=True)
    (Decimal('22500.5'), None)
    >>> established_bounds(named, documentary=True, estimate=False, tally=True)
    (Decimal('22500.5'), Decimal('23499.5'))
    >>> established_bounds(named, documentary=False, estimate=True, tally=True) is None
    True
    >>> established_bounds(Figure("killed", D(10000), qualifier="nearly"), documentary=False,
    ...                    estimate=False, tally=True)
    (Decimal('9000.0'), None)
    >>> range_ = Figure("killed", min=D(7000), max=D(15000), qualifier="range")
    >>> established_bounds(range_, documentary=False, estimate=False, tally=True)
    (Decimal('6500.5'), Decimal('15499.5'))
    """
    if estimate:
        return None
    low, high = figure.bounds()
    if (tally and not documentary and figure.value is not None
            and figure.qualifier in FLOOR_QUALIFIERS):
        return low, None
    return low, high


def downgrade_for_conflict(grade: Grade, has_verified: bool,
                           contradicted_by: list[tuple[str, Grade]]) -> Grade:
    """Credibility 5 when an unverified figure contradicts what a figure with a verified
    origin establishes (:func:`established_bounds`).

    *contradicted_by* lists ``(claim id, its grade)`` of those figures; only those graded
    better than *grade*, and at least possibly true (credibility 3 or better), count: a
    doubtful figure (a source nobody can judge) makes no other improbable.
    """
    if has_verified:
        return grade
    stronger = sorted(c for c, g in contradicted_by
                      if g.credibility < grade.credibility and g.credibility <= PROOF)
    if not stronger:
        return grade
    which = "which has" if len(stronger) == 1 else "each of which has"
    return Grade(grade.reliability, 5,
                 f"improbable: unverified, and contradicted by {', '.join(stronger)}, {which} "
                 "a verified origin")
