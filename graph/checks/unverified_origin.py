"""``unverified-origin``: the figure rests only on origins nobody independent can check.

Anonymous, interested (a party to the conflict on either side's people, an organisation
counting its own work), unattributed, or hedged as unverified by a reporting outlet. A
documentary origin (court record, official register) counts as verified even when single.
"""

from __future__ import annotations

from . import Finding, register_check


def why_unverified(assessment) -> str:
    """A few words on why one origin is not verified."""
    reasons = []
    if assessment.origin.source is None:
        reasons.append("no source is named")
    if assessment.anonymous:
        reasons.append("anonymous")
    if assessment.interested:
        reasons.append(assessment.interested)
    if assessment.hedged_by:
        reasons.append("reported as unverified by " + ", ".join(assessment.hedged_by))
    return "; ".join(reasons)


@register_check("unverified-origin",
                "The figure rests only on origins that are not independently verified.", "error")
def unverified_origin(ctx, claim):
    judged = ctx.origins(claim)
    if not judged or any(a.verified for a in judged):
        return
    single = len(claim.independent) == 1
    parts = [f"{a.label} ({why_unverified(a)})" for a in judged]
    yield Finding(
        ("its only origin is unverified: " if single else "none of its origins is verified: ")
        + "; ".join(parts),
        [a.origin.node for a in judged], severity=None if single else "warning")
