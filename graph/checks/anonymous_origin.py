"""``anonymous-origin``: an origin of the figure is an anonymous person or group; and
anonymous origins nobody can tell apart may be one (:meth:`AuditContext.anonymous_alike`).
"""

from __future__ import annotations

from . import Finding, register_check


@register_check("anonymous-origin", "An origin of the figure is anonymous.", "warning")
def anonymous_origin(ctx, claim):
    for a in ctx.origins(claim):
        if a.anonymous:
            yield Finding(f"origin is anonymous: {a.label}", [a.origin.node])
    labels = {a.origin.independence: a.label for a in ctx.origins(claim)}
    nodes = {a.origin.independence: a.origin.node for a in ctx.origins(claim)}
    for group, alike in sorted(ctx.anonymous_alike(claim).items()):
        others = ", ".join(sorted(labels[g] for g in alike))
        yield Finding(f"{labels[group]} and {others} are anonymous: nobody can tell they are "
                      "not the same person, so they count as one independent origin for sure",
                      [nodes[group]] + [nodes[g] for g in sorted(alike)])
