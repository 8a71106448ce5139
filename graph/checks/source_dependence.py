"""``source-dependence``: an unattributed figure from a source that relays one of the
figure's other origins on the same measure elsewhere may be that origin's, not its own.

Research on truth discovery shows that counting sources goes wrong when sources copy each
other. When an outlet is recorded anywhere in the corpus passing on an origin's figures on
a measure, its own unattributed figures on that measure may come from that origin too:
so may a figure cited to that source for which it names no source of its own (a wire cited
for a count of the mission it relays elsewhere). The figure's independent origins are then a
range, ``independent_origins`` the sure lower bound and ``independent_origins_max`` the
upper one.
"""

from __future__ import annotations

from . import Finding, register_check


@register_check("source-dependence",
                "An origin may not be independent: it relays another of the origins on this "
                "measure elsewhere.", "warning")
def source_dependence(ctx, claim):
    registry = ctx.trace.registry
    name = lambda key: registry[key].name if key in registry else key  # noqa: E731
    for (kind, outlet), maybe in sorted(ctx.dependence(claim).items()):
        others = ", ".join(sorted({name(o.source) for o in claim.origins
                                   if o.independence in maybe and o.source}))
        nodes = [o.node for o in claim.origins if o.independence in maybe | {(kind, outlet)}]
        how = "states it without a source" if kind == "unattributed" else \
            "names no source of its own for it"
        yield Finding(f"{name(outlet)} {how} but relays {others} on this measure elsewhere: "
                      f"it may have it from them, not be an independent origin", nodes)
