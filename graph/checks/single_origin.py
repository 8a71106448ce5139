"""``single-origin``: every chain of the figure converges on one independent origin.

A warning when that origin is unverified; only ``info`` when it is verified (a court record
is not suspect for being the only one).
"""

from __future__ import annotations

from ..display import counted
from . import Finding, register_check


@register_check("single-origin",
                "All chains of the figure converge on one independent origin.", "warning")
def single_origin(ctx, claim):
    groups = claim.independent
    if len(groups) != 1:
        return
    (origins,) = groups.values()
    judged = {a.origin.node: a for a in ctx.origins(claim)}
    names = ", ".join(sorted({judged[o.node].label for o in origins}))
    reports = claim.reports
    verified = all(judged[o.node].verified for o in origins)
    yield Finding(
        f"{counted(len(reports), 'report')} {'states' if len(reports) == 1 else 'state'} it "
        f"and every chain ends at one origin: {names}",
        [o.node for o in origins] + claim.chains, severity="info" if verified else None)
