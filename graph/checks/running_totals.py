"""``running-total``: a running total that falls, or grows implausibly fast, between dates.

Running totals of one measure at different dates (``as_of``) are a series, never a
conflict: the later one may be larger. One origin's cumulative count (people killed, cases
opened) under one method cannot fall, though (another origin's lower count is its own floor:
:meth:`~credgraph.checks.context.AuditContext.one_series`); and one that doubles within a
week or grows tenfold within three months, beyond the spread of counts of its size (3 dead
overnight and 8 by the evening is no such growth), deserves a look.
"""

from __future__ import annotations

from ..comparison import disagree
from . import Finding, register_check


@register_check("running-total",
                "A running total falls between two dates, or grows implausibly fast.",
                "warning")
def running_total(ctx, claim):
    ref = claim.reference
    if ref.figure is None:
        return
    for other, relation in ctx.related(claim):
        if relation != "series":
            continue
        why = disagree(ref.figure, other.reference.figure, "series", ctx.measures,
                       one_series=ctx.one_series(claim, other))
        if why is not None:
            yield Finding(f"with {other.claim}: {why}", [ref.node, other.reference.node])
