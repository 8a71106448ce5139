"""``unreviewed-draft``: the figure rests only on reports nobody has reviewed
(``reviewed: false``, as ``credgraph draft`` writes every report it drafts).

A draft's attributions are guesses until an analyst reviews them: a figure it attributes to
a mission or a court by mistake would otherwise make a true figure improbable. So a figure
only drafts state is traced and graded for itself, but it establishes no bounds (makes no
other figure improbable, rules nothing out) and counts towards no confirmation.
"""

from __future__ import annotations

from . import Finding, register_check


@register_check("unreviewed-draft", "The figure rests only on unreviewed drafts.", "info")
def unreviewed_draft(ctx, claim):
    if not ctx.draft_only(claim):
        return
    drafts = sorted({m.report for m in claim.mentions if m.report in ctx.drafts})
    yield Finding(f"stated only in unreviewed {'draft' if len(drafts) == 1 else 'drafts'} "
                  f"({', '.join(drafts)}): it proves, rules out and confirms nothing until "
                  "an analyst reviews the report (removes `reviewed: false`)",
                  [m.node for m in claim.mentions if m.report in ctx.drafts])
