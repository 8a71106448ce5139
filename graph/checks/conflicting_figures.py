"""``conflicting-figures``: another figure counts the same thing at the same time, and they
cannot both be right.

Two figures of one measure, subject and place at the same time reference whose value
intervals do not meet once qualifiers are read ("more than 100" and "at least 115" agree;
29,200 and 7,000-15,000 do not; a number written without a qualifier may be rounded, so
"18,000" and 18,234 agree: :func:`credgraph.model.rounding`); or a narrower measure that
exceeds a broader one at the same time reference (more killed than casualties). Running totals at other dates, parts of
a period and overlapping periods are not conflicts (:mod:`credgraph.comparison`); running
totals dated only to the same month or year that do not agree get a note (``info``), not an
error: the texts do not say they were counted up to the same day. Nor are one origin's running
totals as of the same day (a toll raised during the day; the larger first stated a day before
the smaller, a revision of it), nor another figure that day within the span that origin's
toll rose over (the mission's 14 between the governor's 12 and 17), nor one origin's counts of one period (a count revised as
late reports come in): a note; so is a conflict with a count its
origin has revised since (:meth:`~credgraph.checks.context.AuditContext.superseded`), and
so is a disagreement between two verified origins' counts that both hold as the floors they
establish (:meth:`~credgraph.checks.context.AuditContext.both_floors`: two missions' 40 and
55 dead confirmed that day), and so is a disagreement as the figures' references state
them where other reports of them state values that agree (a court's "more than 2,000"
relayed as "2,000": :meth:`~credgraph.checks.bounds.Bounds.stated`).
"""

from __future__ import annotations

from ..comparison import bounds_overlap, disagree, intervals_conflict
from ..ids import mention_key
from ..trace import ClaimTrace
from . import Finding, register_check


def _as_stated(ctx, *claims) -> str:
    """How each of *claims* is stated otherwise than by its reference, in a few words."""
    return "; ".join(f"{c.claim} also as " + ", ".join(dict.fromkeys(
        m.figure.describe() for m in ctx.stating(c) if m.figure != c.reference.figure))
        for c in claims if any(m.figure != c.reference.figure for m in ctx.stating(c)))


def _label(claim: ClaimTrace) -> str:
    ref = claim.reference
    return f"{ref.figure.describe()} ({claim.claim})"


_NOTED = {
    "coarse": "do not agree, but both are running totals dated only to {when}: counted up to "
              "the same day they cannot both be right; on different days they may be points "
              "of a series. The dates the texts give cannot tell, so neither is downgraded",
    "update": "are running totals of one origin as of the same day ({when}): most likely the "
              "origin updated its count during the day (the larger the later, for a count "
              "that can only grow); not a conflict, and neither is downgraded",
    "during-update": "are counts of the same time ({when}), and one origin's count of it rose "
                     "past the other figure in a day: most likely counted at another moment "
                     "of the day; not a conflict, and neither is downgraded",
    "revision": "are one origin's counts for the same period ({when}): most likely the origin "
                "revised its count as late reports came in (the later report's supersedes); not "
                "a conflict, and neither is downgraded",
}
"""Relations whose disagreement is a note, not a conflict, and what the note says."""


_UNSURE_START = ("do not agree, but both are running totals as of {when} counted from "
                 "starts given at different precision ({starts}): from the same day they "
                 "cannot both be right, from different days the later-started is a part of "
                 "the other. The texts cannot tell, so neither is downgraded")
"""The note on running totals to the same day whose starts may be one day ("since
February 2022" and "since 24 February 2022")."""


def _note(ref, other, relation: str) -> str:
    """What the note on a noted pair says."""
    a, b = ref.time, other.time
    if relation == "coarse" and a.start != b.start:
        return _UNSURE_START.format(when=a.end, starts=f"since {a.start} and since {b.start}")
    return _NOTED[relation].format(when=_when(a, relation))


def _when(time, relation: str) -> str:
    """The time of a noted pair, as its note says it: the day of running totals, the period
    of a revised count (a running total's: up to its day, a downward restatement of it)."""
    if relation == "during-update" and time.kind == "period":
        return time.iso()
    if relation != "revision":
        return str(time.end)
    return time.iso() if time.kind == "period" else f"up to {time.end}"


@register_check("conflicting-figures",
                "Another figure for the same quantity at the same time does not agree with it.",
                "error")
def conflicting_figures(ctx, claim):
    ref = claim.reference
    if ref.figure is None:
        return
    for other, relation in ctx.related(claim):
        if relation in _NOTED:
            if not bounds_overlap(ref.figure.bounds(), other.reference.figure.bounds()):
                yield Finding(f"{_label(claim)} and {_label(other)} "
                              + _note(ref.figure, other.reference.figure, relation),
                    [ref.node, other.reference.node], severity="info")
            continue
        if relation not in ("same", "narrower", "broader"):
            continue
        why = disagree(ref.figure, other.reference.figure, relation, ctx.measures)
        if why is None:
            continue
        if relation == "same":
            message = f"{_label(claim)} conflicts with {_label(other)}"
        else:
            message = f"{_label(claim)} and {_label(other)}: {why}"
        old = [c.claim for c in (claim, other) if ctx.superseded(c)]
        floors = not old and ctx.both_floors(claim, other, relation)
        if not intervals_conflict(ctx.stated(claim), ctx.stated(other), relation):
            yield Finding(  # one relay's reading of a figure other reports state otherwise
                f"{message} as {mention_key(ref.node)} and {mention_key(other.reference.node)} "
                "state them, but other reports state them so that both may be right "
                f"({_as_stated(ctx, claim, other)}); not a conflict, and neither is downgraded",
                [ref.node, other.reference.node], severity="info")
            continue
        if old:  # its origin's later count of the period supersedes it: a note
            message += (f", but its origin has since revised {' and '.join(old)} (a later "
                        "count of the same period supersedes it)")
        elif floors:  # two verified counters' floors: both may hold
            how = "" if relation == "same" else f" ({why})"
            message = (f"{_label(claim)} and {_label(other)} disagree as stated{how}, but "
                       "each is a verified origin's count of what it could confirm, a floor "
                       "of the quantity (other methods or cut-off times): both may be right; "
                       "not a conflict, and neither is downgraded")
        yield Finding(message, [ref.node, other.reference.node],
                      severity="info" if old or floors else None)
