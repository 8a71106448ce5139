"""What corrections (``corrects:``) withdraw: worked out once for an audit run.

A correction withdraws the mention it names and its claim's statements by the correction's
speakers (its report's outlet, the source it names); a claim every chain of which passes a
withdrawn node is withdrawn (compared with nothing, bounding nothing), and the origins only
withdrawn nodes reach corroborate nothing. A correction that leaves the figure true (the
same quantity and value, or a more precise value the old one holds) corrects who said it,
the words or the precision, not what was counted (:meth:`Corrections.keeps_figure`): the old mention
no longer reaches its origin, but the figure is not withdrawn (:meth:`Corrections.
reattributed`). :class:`Corrections` is the part of
:class:`~credgraph.checks.context.AuditContext` that works this out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..comparison import normal_text, same_time
from ..ids import statement_node
from ..trace import ClaimTrace

__all__ = ["Corrections", "Withdrawal"]


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """What corrections (``corrects:``) withdraw of one claim's figure."""

    corrected: tuple
    """``(mention, its correcting mentions)`` for each mention of the claim corrected."""
    relays: tuple
    """``(mention, the withdrawn node its chain passes, the correcting mentions)`` for each
    other mention of the claim whose chain passes a withdrawn mention or statement."""
    groups: frozenset
    """The origins (independences) reached only through withdrawn nodes: they corroborate
    nothing."""
    full: bool
    """Every chain of the claim passes a withdrawn node: the figure is withdrawn, compared
    with nothing and bounding nothing."""


class Corrections:
    """What corrections withdraw, for :class:`~credgraph.checks.context.AuditContext` (which
    gives ``trace``, ``drafts`` and the ``_withdrawal`` cache)."""

    @cached_property
    def _withdrawn(self) -> dict[str, tuple]:
        """Each withdrawn node, with the mentions correcting it: the mention a correction
        names, and the statements of its claim by the correction's speakers (its report's
        outlet, the source it names): a source revising its tally withdraws its statement
        of the old one, whoever relays it. A correction in an unreviewed report (a draft)
        withdraws nothing until it is reviewed: its attribution may be wrong."""
        trace, found = self.trace, {}
        for m in trace.mentions.values():
            target = getattr(m, "corrects", None)
            old = trace.mentions.get(target) if target else None
            if old is None or m.report in self.drafts:
                continue
            report = trace.reports.get(m.report)
            speakers = {m.attributed_to, report.outlet if report else None} - {None}
            nodes = [target] + [st for st in (statement_node(old.claim, s) for s in speakers)
                                if st in trace.statement_source]
            for node in nodes:
                found[node] = found.get(node, ()) + (m,)
        return found

    def withdrawal(self, claim: ClaimTrace) -> Withdrawal | None:
        """What corrections withdraw of *claim* (None: nothing); worked out once."""
        if not self._withdrawn:
            return None
        try:
            return self._withdrawal[claim.claim]
        except KeyError:
            found = self._withdrawal[claim.claim] = self._withdraws(claim)
            return found

    def withdrawn(self, claim: ClaimTrace) -> bool:
        """Whether *claim*'s figure is withdrawn: every chain of it passes a withdrawn node."""
        w = self.withdrawal(claim)
        return w is not None and w.full

    def keeps_figure(self, correction) -> bool:
        """Whether *correction* leaves the figure of the mention it corrects true: it states
        the same quantity (measure, unit, time reference, subject, side and place) with the
        same value and qualifier, or with a value interval the old one holds, the old one not
        a bare number ("more than 18,000" made "18,342"; a bare "500" made "480" is withdrawn).
        Then it corrects who said it ("an earlier version attributed the figure to the
        ministry; it was the mission's"), the words, or the precision, not what was counted."""
        old = self.trace.mentions.get(getattr(correction, "corrects", None) or "")
        a, b = correction.figure, old.figure if old is not None else None
        if a is None or b is None:
            return False  # a retraction, or a correction of a claim without a figure
        if not ((a.measure, a.subject_side) == (b.measure, b.subject_side)
                and all(normal_text(getattr(a, f)) == normal_text(getattr(b, f))
                        for f in ("unit", "subject", "place"))
                and same_time(a.time, b.time)):
            return False
        if (a.value, a.min, a.max, a.qualifier) == (b.value, b.min, b.max, b.qualifier):
            return True
        (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
        return b.qualifier != "exact" and (
            (b_low is None or a_low is not None and b_low <= a_low)
            and (b_high is None or a_high is not None and a_high <= b_high))

    def reattributed(self, claim: ClaimTrace) -> tuple:
        """The corrections that withdrew *claim* when every one of them keeps its figure
        (:meth:`keeps_figure`): its figure is theirs, misattributed (or misworded) before,
        never withdrawn; empty otherwise. Such a claim is compared with nothing (its
        correction's claim, the same figure, is) and graded as its correction's claim."""
        w = self.withdrawal(claim)
        if w is None or not w.full:
            return ()
        correctors = tuple(dict.fromkeys(m for *_, ms in (*w.corrected, *w.relays) for m in ms))
        return correctors if all(self.keeps_figure(m) for m in correctors) else ()

    def _withdraws(self, claim: ClaimTrace) -> Withdrawal | None:
        withdrawn = self._withdrawn
        correcting = {m.node for ms in withdrawn.values() for m in ms}
        live, live_roots, hit = set(), set(), {}
        for chain in claim.chains:
            on = next((n for n in chain if n in withdrawn), None)
            if on is None or chain[0] in correcting:
                live.add(chain[0])
                live_roots.add(chain[-1])
            else:
                hit.setdefault(chain[0], on)
        if not hit:
            return None
        corrected = tuple((m, withdrawn[m.node]) for m in claim.mentions if m.node in withdrawn)
        relays = tuple((m, hit[m.node], withdrawn[hit[m.node]]) for m in claim.mentions
                       if m.node in hit and m.node not in withdrawn)
        kept = {o.independence for o in claim.origins if o.node in live_roots}
        groups = frozenset(o.independence for o in claim.origins
                           if o.node not in live_roots) - kept
        return Withdrawal(corrected, relays, groups, not live)
