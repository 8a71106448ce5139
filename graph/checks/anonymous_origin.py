"""``anonymous-origin``: an origin of the figure is an anonymous person or group."""

from __future__ import annotations

from . import Finding, register_check


@register_check("anonymous-origin", "An origin of the figure is anonymous.", "warning")
def anonymous_origin(ctx, claim):
    for a in ctx.origins(claim):
        if a.anonymous:
            yield Finding(f"origin is anonymous: {a.label}", [a.origin.node])
