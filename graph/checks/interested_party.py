"""``interested-party``: an origin has a stake in the figure.

A party to the conflict speaking about its enemy's or its own people, or giving a figure of no
side's people (the drones its air defence downed), or an organisation
counting its own work. It may be true; it is not independent verification.
"""

from __future__ import annotations

from . import Finding, register_check


@register_check("interested-party", "An origin of the figure is an interested party.",
                "warning")
def interested_party(ctx, claim):
    """One finding per source and stake: a computed figure may reach its source twice,
    through its own statement and through the figure it was computed from."""
    said: dict[str, list[str]] = {}
    for a in ctx.origins(claim):
        if a.interested:
            said.setdefault(f"{a.label} is {a.interested}", []).append(a.origin.node)
    for message, nodes in said.items():
        yield Finding(message, nodes)
