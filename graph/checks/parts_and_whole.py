"""``parts-exceed-whole``: counts of parts of a period add up to more than the whole's.

A month's count inside the quarter it belongs to is a part of that whole, never a
conflict; parts stated with ``part_of`` are too. Only parts that do not overlap one
another are added up (:func:`~credgraph.comparison.parts_over_whole`).
"""

from __future__ import annotations

from ..comparison import parts_over_whole
from . import Finding, register_check


@register_check("parts-exceed-whole",
                "Parts of a figure's period or total add up to more than it.", "warning")
def parts_exceed_whole(ctx, claim):
    ref = claim.reference
    if ref.figure is None:
        return
    parts = {other.claim: other for other, relation in ctx.related(claim) if relation == "whole"}
    for part in ctx.stated_parts(claim):
        parts.setdefault(part.claim, part)
    by_figure = {id(ctx.compared(c)): c for c in parts.values()
                 if c.reference.figure is not None}  # periods as they can have counted
    figures = [ctx.compared(c) for c in by_figure.values()]
    chosen = parts_over_whole(ctx.compared(claim), [f for f in figures if f.time.closed()])
    high = ref.figure.bounds()[1]
    if chosen is None and high is not None:  # a stated part without a period, alone
        chosen = [f for f in figures if not f.time.closed()
                  and f.bounds()[0] is not None and f.bounds()[0] > high][:1] or None
    if chosen:
        names = ", ".join(f"{f.describe()} ({by_figure[id(f)].claim})" for f in chosen)
        yield Finding(f"its parts {names} add up to more than {ref.figure.describe()}",
                      [ref.node] + [by_figure[id(f)].reference.node for f in chosen])
