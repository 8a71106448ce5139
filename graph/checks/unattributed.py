"""``unattributed``: a report states the figure without naming any source."""

from __future__ import annotations

from . import Finding, register_check


@register_check("unattributed", "A report states it without naming a source.", "warning")
def unattributed(ctx, claim):
    succ = ctx.trace.succ
    for m in claim.mentions:
        if m.attributed_to is None and not succ.get(m.node):
            yield Finding(f"{m.report} states it without naming a source", [m.node],
                          severity=None if m.figure else "info")
