"""``conflicting-figures``: another figure counts the same thing at the same time, and they
cannot both be right.

Two figures of one measure, subject and place at the same time reference whose value
intervals do not meet once qualifiers are read ("more than 100" and "at least 115" agree;
29,200 and 7,000-15,000 do not); or a narrower measure that exceeds a broader one at the
same time reference (more killed than casualties). Running totals at other dates, parts of
a period and overlapping periods are not conflicts (:mod:`credgraph.comparison`).
"""

from __future__ import annotations

from ..comparison import disagree
from ..trace import ClaimTrace
from . import Finding, register_check


def _label(claim: ClaimTrace) -> str:
    ref = claim.reference
    return f"{ref.figure.describe()} ({claim.claim})"


@register_check("conflicting-figures",
                "Another figure for the same quantity at the same time does not agree with it.",
                "error")
def conflicting_figures(ctx, claim):
    ref = claim.reference
    if ref.figure is None:
        return
    for other, relation in ctx.related(claim):
        if relation not in ("same", "narrower", "broader"):
            continue
        why = disagree(ref.figure, other.reference.figure, relation, ctx.measures)
        if why is None:
            continue
        if relation == "same":
            message = f"{_label(claim)} conflicts with {_label(other)}"
        else:
            message = f"{_label(claim)} and {_label(other)}: {why}"
        yield Finding(message, [ref.node, other.reference.node])
