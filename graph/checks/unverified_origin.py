"""``unverified-origin``: the figure rests only on origins nobody independent can check.

Anonymous, interested (a party to the conflict on either side's people, an organisation
counting its own work), unattributed, or hedged as unverified on every chain reaching it. A
documentary origin (court record, official register) counts as verified even when single.

An **error** when a report presents the figure as fact (without a hedge) and it rests on
one origin that is unverified or interested; colour from an anonymous person (a soldier's
account of his unit) is a warning, as are figures every report hedges and figures with
several unverified origins.
"""

from __future__ import annotations

from ..origins import PERSON_KINDS
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
    if assessment.looped:
        reasons.append("caught in a citation loop")
    if assessment.hedged_by:
        reasons.append("reported as unverified by " + ", ".join(assessment.hedged_by))
    return "; ".join(reasons)


@register_check("unverified-origin",
                "The figure rests only on origins that are not independently verified.", "error")
def unverified_origin(ctx, claim):
    judged = ctx.origins(claim)
    if not judged or any(a.verified for a in judged) or ctx.reattributed(claim):
        return  # a misattributed figure's origin is its correction's, judged there
    single = len(claim.independent) == 1
    as_fact = any(m.hedge == "none" for m in claim.mentions)
    colour = all(a.anonymous and a.kind in PERSON_KINDS and not a.interested for a in judged)
    parts = list(dict.fromkeys(f"{a.label} ({why_unverified(a)})" for a in judged))
    serious = single and as_fact and not colour
    yield Finding(
        ("its only origin is unverified: " if single else "none of its origins is verified: ")
        + "; ".join(parts) + ("" if as_fact else "; every report hedges it"),
        [a.origin.node for a in judged], severity=None if serious else "warning")
