"""``disputed``: another mention contests the figure (``disputes:``), and who.

A ministry calling losses "greatly exaggerated" does not make them false; the analyst
needs to know the figure is contested, by whom, and whether the disputing source is an
interested party.
"""

from __future__ import annotations

from ..ids import mention_key
from . import Finding, register_check


@register_check("disputed", "Another source contests the figure.", "warning")
def disputed(ctx, claim):
    trace = ctx.trace
    for m in ctx.disputed_by(claim):
        theirs = trace.claims.get(m.claim)
        judged = ctx.origins(theirs) if theirs is not None else []
        registry = trace.registry
        who = "; ".join(sorted({a.label for a in judged})) or trace.reports[m.report].outlet
        parties = sorted({registry[registry.root(a.origin.source)].party or
                          registry[a.origin.source].party for a in judged
                          if a.origin.source in registry} - {None})
        stake = [a.interested for a in judged if a.interested]
        note = (f"; {who} is {stake[0]}" if stake else
                f"; {who} is a party to the conflict ({', '.join(parties)})" if parties
                else "; not an interested party")
        yield Finding(f"disputed by {who} in {mention_key(m.node)}{note}",
                      [m.node, claim.reference.node])
