"""``computed-figure``: the figure was computed from other figures (``derived_from:``).

"Double the 2022 count" rests on the data it was computed from: its origins include
theirs, and it never corroborates them.
"""

from __future__ import annotations

from . import Finding, register_check


@register_check("computed-figure", "The figure was computed from other figures.", "info")
def computed_figure(ctx, claim):
    inputs = sorted({c for m in claim.mentions for c in getattr(m, "computed_from", ())})
    if inputs:
        yield Finding(f"computed from {', '.join(inputs)}: it rests on their origins and does "
                      "not corroborate them", [m.node for m in claim.mentions
                                               if getattr(m, "computed_from", ())])
