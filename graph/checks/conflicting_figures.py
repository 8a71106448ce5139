"""``conflicting-figures``: another claim counts the same thing and cannot both be right.

Same measure, subject, place and unit, overlapping periods, and value intervals that do not
meet once qualifiers are read ("more than 100" and "at least 115" agree; 29,200 and
7,000-15,000 do not).
"""

from __future__ import annotations

from ..trace import ClaimTrace
from . import Finding, register_check
from .context import bounds_overlap


def _label(claim: ClaimTrace) -> str:
    ref = claim.reference
    return f"{ref.figure.describe()} ({claim.claim})"


@register_check("conflicting-figures",
                "Another figure for the same quantity and period does not agree with it.",
                "warning")
def conflicting_figures(ctx, claim):
    ref = claim.reference
    if ref.figure is None:
        return
    for other in ctx.comparable(claim):
        if not bounds_overlap(ref.figure.bounds(), other.reference.figure.bounds()):
            yield Finding(f"{_label(claim)} conflicts with {_label(other)}",
                          [ref.node, other.reference.node])
