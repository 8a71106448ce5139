"""``corrected-figure``: the figure's source corrected or withdrew it (``corrects:``), and
the reports that state it still.

A correction that leaves the figure true (:meth:`~credgraph.checks.corrections.Corrections.
keeps_figure`: who said it, or a more precise value the old one holds): the messages say so,
and the figure is not withdrawn.

A correction ("an earlier version of this article said 500; the figure is 400"), a
ministry's revised tally or a retraction withdraws a mention, and the statements of its
claim by the correction's speakers (its report's outlet, the source it names). The
withdrawn figure is compared with nothing and bounds nothing (:mod:`credgraph.audit`); this
check says so (info), and flags every other mention whose chain passes what was withdrawn:
a relay or a repeat of it, a warning when its report is not dated before the correction
(the same report's headline still saying 500, another outlet relaying the old tally after
the revision), info when it was stated before the correction was made.
"""

from __future__ import annotations

from ..ids import mention_key
from . import Finding, register_check


def _by(ctx, correction) -> str:
    report = ctx.trace.reports.get(correction.report)
    when = f" ({report.earliest})" if report is not None and report.earliest else ""
    return f"{report.outlet if report else correction.report} in {mention_key(correction.node)}{when}"


def _instead(ctx, correction) -> str:
    if ctx.keeps_figure(correction):  # who said it, or the precision, corrected: not the figure
        old = ctx.trace.mentions.get(correction.corrects)
        source = ctx.trace.registry.sources.get(correction.attributed_to) \
            if correction.attributed_to else None
        who = source.name if source is not None else correction.attributed_to or "no source"
        moved = old is not None and old.attributed_to != correction.attributed_to
        if old is not None and old.figure != correction.figure:
            return (f"made more precise as {correction.figure.describe()}, which it holds"
                    + (f", attributed to {who}" if moved else "") + f" ({correction.claim})")
        return (f"the figure kept, its attribution corrected to {who}" if moved
                else "the figure kept") + f" ({correction.claim})"
    theirs = ctx.trace.claims.get(correction.claim)
    now = theirs.reference.figure if theirs is not None else None
    return (f"superseded by {now.describe()} ({correction.claim})" if now is not None
            else "retracted")


def _did(ctx, correction, now: bool = False) -> str:
    """What *correction* did (*now*: does) to what it corrects, in a verb and object."""
    if ctx.keeps_figure(correction):
        return "corrects it, not withdrawing the figure" if now \
            else "corrected it, not withdrawing the figure"
    return "withdraws it" if now else "withdrew it"


def _before(ctx, m, correction) -> bool:
    """Whether *m*'s report is dated surely before *correction*'s."""
    mine, theirs = (ctx.trace.reports.get(x.report) for x in (m, correction))
    return bool(mine and theirs and mine.latest and theirs.earliest
                and mine.latest < theirs.earliest and m.report != correction.report)


@register_check("corrected-figure",
                "Its source corrected or withdrew it; a report relays or repeats it anyway.",
                "warning")
def corrected_figure(ctx, claim):
    withdrawal = ctx.withdrawal(claim)
    if withdrawal is None:
        return
    for m, corrections in withdrawal.corrected:
        for c in corrections:
            yield Finding(f"{mention_key(m.node)} was corrected by {_by(ctx, c)}: "
                          f"{_instead(ctx, c)}", [m.node, c.node], severity="info")
    for m, node, corrections in withdrawal.relays:
        c = min(corrections, key=lambda x: x.node)
        report = ctx.trace.reports.get(m.report)
        who = mention_key(m.node) + (f" ({report.outlet})" if report else "")
        what = "relays" if node.startswith("mention/") else "repeats"
        if m.report == c.report:
            yield Finding(f"{who} {what} it in the very report that {_did(ctx, c, True)} in "
                          f"{mention_key(c.node)} ({_instead(ctx, c)})", [m.node, node, c.node])
        elif _before(ctx, m, c):
            yield Finding(f"{who} {what} it, stated before {_by(ctx, c)} {_did(ctx, c)} "
                          f"({_instead(ctx, c)}); not updated since", [m.node, node, c.node],
                          severity="info")
        else:
            yield Finding(f"{who} {what} it after {_by(ctx, c)} {_did(ctx, c)} "
                          f"({_instead(ctx, c)})", [m.node, node, c.node])
