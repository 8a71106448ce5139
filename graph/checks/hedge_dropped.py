"""``hedge-dropped``: a relay presents as fact what its upstream hedged."""

from __future__ import annotations

from ..ids import mention_key
from . import Finding, register_check


@register_check("hedge-dropped", "A relay presents as fact what its upstream hedged.",
                "warning")
def hedge_dropped(ctx, claim):
    trace = ctx.trace
    for m in claim.mentions:
        if m.hedge != "none":
            continue
        path, node, seen = [m.node], m.node, {m.node}
        while (upstream := trace.upstream_mention(node)) is not None and upstream.node not in seen:
            path.append(upstream.node)
            seen.add(upstream.node)
            if upstream.hedge != "none":
                yield Finding(
                    f"{mention_key(m.node)} states it as fact; {mention_key(upstream.node)} "
                    f"hedged it ({upstream.hedge})", [path])
                break
            node = upstream.node
