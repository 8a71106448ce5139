"""``circular-reporting``: apparent corroboration exceeds the independent origins, or a loop.

Several reports that look like separate confirmations but trace back to fewer independent
origins; and citation loops (A cites B cites A), which are reported and never followed
forever.
"""

from __future__ import annotations

from ..chains import loop_text
from ..display import counted
from ..ids import mention_key
from . import Finding, register_check


@register_check("circular-reporting",
                "More reports state the figure than it has independent origins, or its "
                "citations loop.", "warning")
def circular_reporting(ctx, claim):
    apparent, independent = len(claim.reports), len(claim.independent)
    if apparent >= 2 and independent < apparent:
        yield Finding(
            f"{apparent} reports ({', '.join(claim.reports)}) look like separate sources but "
            f"trace back to {counted(independent, 'independent origin')}",
            claim.chains)
    for loop in claim.cycles:
        yield Finding(f"citation loop: {loop_text([mention_key(n) for n in loop])}", [loop])
