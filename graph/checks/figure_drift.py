"""``figure-drift``: the figure changes between a relay and what it relays.

Compares each mention with the mention it relays, and mentions that relay the same source
statement with each other: value or range, qualifier, unit and period.
"""

from __future__ import annotations

from ..ids import mention_key
from . import Finding, register_check


def differences(a, b) -> list[str]:
    """How figure *a* differs from figure *b*, in words (empty when they agree)."""
    out = []
    if (a.value, a.min, a.max) != (b.value, b.min, b.max) or a.qualifier != b.qualifier:
        out.append(f"{b.describe()} became {a.describe()}")
    elif (a.unit or "") != (b.unit or ""):
        out.append(f"unit {b.unit!r} became {a.unit!r}")
    if a.period != b.period:
        out.append(f"period {b.period.iso() or 'unstated'} became {a.period.iso() or 'unstated'}")
    return out


@register_check("figure-drift",
                "The value, qualifier, unit or period changes along a chain.", "warning")
def figure_drift(ctx, claim):
    trace = ctx.trace
    by_upstream: dict[str, list] = {}
    for m in claim.mentions:
        if m.figure is None:
            continue
        upstream = trace.upstream_mention(m.node)
        if upstream is not None and upstream.figure is not None:
            for diff in differences(m.figure, upstream.figure):
                yield Finding(
                    f"{mention_key(m.node)} relays {mention_key(upstream.node)}: {diff}",
                    [[m.node, upstream.node]])
        elif upstream is None:
            for nxt in trace.successors(m.node):
                by_upstream.setdefault(nxt, []).append(m)
    for node, siblings in by_upstream.items():
        first = siblings[0]
        for other in siblings[1:]:
            for diff in differences(other.figure, first.figure):
                yield Finding(
                    f"{mention_key(other.node)} and {mention_key(first.node)} relay the same "
                    f"source ({node}) differently: {diff}",
                    [[first.node, node], [other.node, node]])
