"""``hedge-dropped``: a relay presents as fact what its upstream hedged.

Upstream is every mention the relay's chains pass, whether it relays that mention
(``relays:``) or names its outlet as the source (``attributed_to`` or ``via``: Paper B
citing Paper A reaches Paper A's own report, :func:`credgraph.trace.trace_facts`).
"""

from __future__ import annotations

from ..ids import mention_key
from . import Finding, register_check


@register_check("hedge-dropped", "A relay presents as fact what its upstream hedged.",
                "warning")
def hedge_dropped(ctx, claim):
    trace = ctx.trace
    mentions = trace.mentions
    for m in claim.mentions:
        if m.hedge != "none":
            continue
        stack, seen = [[m.node]], {m.node}
        while stack:
            path = stack.pop()
            upstream = mentions.get(path[-1]) if len(path) > 1 else None
            if upstream is not None and upstream.hedge != "none":
                yield Finding(
                    f"{mention_key(m.node)} states it as fact; {mention_key(upstream.node)} "
                    f"hedged it ({upstream.hedge})", [[n for n in path if n in mentions]])
                break
            for nxt in reversed(trace.successors(path[-1])):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(path + [nxt])
