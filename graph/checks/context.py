"""What a check sees: the traced corpus, judged origins, and how figures relate.

Figures are grouped by what they must share to be compared (:func:`~credgraph.comparison.quantity_key`),
so each is related only to the few of its group (:meth:`AuditContext.related`). Which
sources relay which origins on which measures is worked out once for the corpus
(:class:`~credgraph.checks.dependence.Dependence`), and so are what corrections withdraw
(:class:`~credgraph.checks.corrections.Corrections`) and what figures state and establish
(:class:`~credgraph.checks.bounds.Bounds`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from ..comparison import bounds_overlap, quantity_key, relate
from ..origins import OriginAssessment, assess_origins
from ..trace import CitationTrace, ClaimTrace
from .bounds import Bounds
from .corrections import Corrections, Withdrawal
from .dependence import Dependence

__all__ = ["AuditContext", "Withdrawal", "bounds_overlap", "draft_reports"]


def draft_reports(reports: dict) -> frozenset:
    """The ids of *reports* nobody has reviewed (``reviewed: false``: a draft by
    ``credgraph draft``, whose attributions are guesses)."""
    return frozenset(rid for rid, r in reports.items() if getattr(r, "reviewed", True) is False)


class AuditContext(Bounds, Corrections, Dependence):
    """Shared, cached facts for the checks of one audit run."""

    def __init__(self, trace: CitationTrace):
        self.trace = trace
        self.measures = trace.measures
        self._origins: dict[str, list[OriginAssessment]] = {}
        self._related: dict[str, list] = {}
        self._raw_related: dict[str, list] = {}
        self._keys: dict[str, tuple | None] = {}
        self._compared: dict[str, object] = {}
        self._dependence: dict[str, dict] = {}
        self._withdrawal: dict[str, Withdrawal | None] = {}
        self._unreviewed: dict[str, frozenset] = {}

    @cached_property
    def drafts(self) -> frozenset:
        """The reports nobody has reviewed (:func:`draft_reports`)."""
        return draft_reports(self.trace.reports)

    def unreviewed(self, claim: ClaimTrace) -> frozenset:
        """The claim's origins (independences) reached only by chains that pass a mention
        of an unreviewed report: a draft's attribution may be wrong, so they establish no
        bounds and add to nothing needing independence for sure (worked out once)."""
        drafts = self.drafts
        if not drafts:
            return frozenset()
        found = self._unreviewed.get(claim.claim)
        if found is None:
            mentions, reviewed, hit = self.trace.mentions, set(), False
            for chain in claim.chains:
                if any(n in mentions and mentions[n].report in drafts for n in chain):
                    hit = True
                elif chain:
                    reviewed.add(chain[-1])
            kept = {o.independence for o in claim.origins if o.node in reviewed}
            found = frozenset(o.independence for o in claim.origins) - kept if hit \
                else frozenset()
            self._unreviewed[claim.claim] = found
        return found

    def draft_only(self, claim: ClaimTrace) -> bool:
        """Whether *claim* rests only on unreviewed reports: no origin of it is reached but
        through a draft's mentions."""
        gone = self.unreviewed(claim)
        return bool(gone) and gone >= set(claim.independent)

    def standing(self, claim: ClaimTrace) -> list[OriginAssessment]:
        """The judged origins the grade stands on: the reviewed ones, or all of them when
        the claim rests only on unreviewed reports (then graded for itself)."""
        gone = self.unreviewed(claim)
        judged = self.origins(claim)
        kept = [a for a in judged if a.origin.independence not in gone]
        return kept or judged

    def _groups_reviewed(self, claim: ClaimTrace) -> set:
        """The claim's independent origins but those only a draft reaches (all of them when
        nothing else does)."""
        groups = set(claim.independent)
        return groups - self.unreviewed(claim) or groups

    def origins(self, claim: ClaimTrace) -> list[OriginAssessment]:
        """The judged origins of a claim (computed once)."""
        if claim.claim not in self._origins:
            self._origins[claim.claim] = assess_origins(self.trace, claim)
        return self._origins[claim.claim]

    def key(self, claim: ClaimTrace) -> tuple | None:
        """What *claim*'s figure must share with another to be compared (None: no
        figure); worked out once per claim."""
        try:
            return self._keys[claim.claim]
        except KeyError:
            figure = claim.reference.figure
            key = self._keys[claim.claim] = (None if figure is None
                                             else quantity_key(figure, self.measures))
            return key

    def compared(self, claim: ClaimTrace):
        """*claim*'s figure as it is related to others: its reference's, a period still
        running when the first report stating it was published ending that day
        (:meth:`~credgraph.time_reference.TimeRef.counted_by`: "3,000 this year" in July
        is a part of the year's total, not the same quantity)."""
        try:
            return self._compared[claim.claim]
        except KeyError:
            figure = claim.reference.figure
            if figure is not None:
                dates = [r.latest for r in map(self.trace.reports.get, claim.reports)
                         if r is not None and r.latest is not None]
                time = figure.time.counted_by(min(dates, default=None))
                figure = figure if time == figure.time else replace(figure, time=time)
            self._compared[claim.claim] = figure
            return figure

    @cached_property
    def _groups(self) -> dict[tuple, list[ClaimTrace]]:
        groups: dict[tuple, list[ClaimTrace]] = {}
        for claim in self.trace.claims.values():
            key = self.key(claim)
            if key is not None and not self.withdrawn(claim):
                groups.setdefault(key, []).append(claim)
        return groups

    def related(self, claim: ClaimTrace) -> list[tuple[ClaimTrace, str]]:
        """Every other claim comparable with *claim*, with how *claim* stands to it
        (``same``, ``coarse``, ``update``, ``during-update``, ``revision``, ``series``,
        ``part``, ``whole``, ``narrower``, ``broader``): ``update`` and ``revision`` are
        ``same`` between one origin's figures (:meth:`_one_counter`), ``during-update``
        ``same`` with a figure of a day over which one origin's total rose
        (:meth:`_during_update`)."""
        found = self._related.get(claim.claim)
        if found is None:
            found = self._related[claim.claim] = [
                (other, self._during_update(claim, other) if relation == "same" else relation)
                for other, relation in self._relations(claim)]
        return found

    def _during_update(self, claim: ClaimTrace, other: ClaimTrace) -> str:
        """``during-update`` when one of two counts of the same time is one origin's that
        rose on one day (an ``update``: the governor's 12 dead in the morning, 17 by the
        evening) and the other's interval lies within the span of those counts (the
        mission's 14 verified that day): counted at another moment of the day, most likely,
        not a figure that cannot be right; ``same`` otherwise (a soldier's 60 that day; a
        range reaching below the morning's count)."""
        for one, third in ((claim, other), (other, claim)):
            span = self._update_span(one)
            low, high = third.reference.figure.bounds()
            if (span is not None and None not in (low, high, *span)
                    and span[0] <= low and high <= span[1]):
                return "during-update"
        return "same"

    def _update_span(self, claim: ClaimTrace) -> tuple | None:
        """The lowest and highest one origin's count stood at over the day it stated them:
        *claim*'s and its ``update`` partners' bounds, and its ``revision`` partners' first
        stated the same day (a strike's toll for the day, raised from 5 to 9 that day);
        None: no such partner."""
        day = self._first_stated(claim)
        pair = [claim] + [o for o, r in self._relations(claim) if r == "update" or (
            r == "revision" and day is not None and self._first_stated(o) == day)]
        if len(pair) < 2:
            return None
        bounds = [c.reference.figure.bounds() for c in pair]
        lows, highs = [b[0] for b in bounds], [b[1] for b in bounds]
        return (None if None in lows else min(lows), None if None in highs else max(highs))

    def _relations(self, claim: ClaimTrace) -> list[tuple[ClaimTrace, str]]:
        """:meth:`related` before a figure of an origin's rising day is told apart."""
        found = self._raw_related.get(claim.claim)
        if found is None:
            figure, key = self.compared(claim), self.key(claim)
            key = None if self.withdrawn(claim) else key  # a withdrawn figure: compared with none
            found = []
            for other in self._groups.get(key, []) if key is not None else []:
                if other.claim != claim.claim:  # one group: one quantity key
                    if self._unmarked_part(claim) or self._unmarked_part(other):
                        relation = ("part" if other.claim in self._wholes.get(claim.claim, ())
                                    else "whole" if claim.claim in self._wholes.get(
                                        other.claim, ()) else None)
                    else:
                        relation = relate(figure, self.compared(other), self.measures,
                                          same_key=True)
                        if relation == "same":
                            relation = self._one_counter(claim, other) or relation
                        relation = self._own_work_part(claim, other, relation)
                    if relation is not None:
                        found.append((other, relation))
            self._raw_related[claim.claim] = found
        return found

    def _own_work_part(self, claim: ClaimTrace, other: ClaimTrace, relation):
        """*relation* between an organisation's count of its own work (``own_work``: the
        requests a helpline received) and another origin's count of the quantity (or of a
        broader measure): a part of it at the same time or within its time (the helpline's
        5,000 requests of the mission's 8,000 to every group), else unrelated; and
        two organisations' counts of their own work are unrelated. One origin's figures
        keep their relation."""
        mine, theirs = self._own_work(claim), self._own_work(other)
        if relation is None or not (mine or theirs) or self._one_origin(claim, other):
            return relation
        if mine and theirs:
            return None
        if mine:
            return "part" if relation in ("same", "coarse", "part", "narrower") else None
        return "whole" if relation in ("same", "coarse", "whole", "broader") else None

    def _own_work(self, claim: ClaimTrace) -> bool:
        """Whether a report states *claim* as its source's count of its own work."""
        return any(getattr(m, "own_work", False) for m in claim.mentions)

    def _one_counter(self, claim: ClaimTrace, other: ClaimTrace) -> str | None:
        """How *claim* and *other*, the ``same`` quantity, are one origin's: they rest on the
        same independent origins, so their difference is that origin's, not two counts that
        cannot both be right (a figure with an origin of its own besides is still compared
        as ``same``). ``update``: running totals of a cumulative measure as of one day, a
        toll a governor, a ministry or a mission raises during the day (2 dead in the
        morning, 4 by the evening), which the format dates to the day only; ``revision``:
        counts of one period, which an origin revises as late reports come in (the mission's
        1,100 civilians killed in May, 1,250 once the late reports are verified), and so
        are running totals of one day whose larger was first stated a day before the smaller
        (a count that only grows does not rise from the later report's figure). None
        otherwise. An origin recorded elsewhere relaying the other's on the measure family
        may be passing on its count (:meth:`_one_origin`)."""
        if not self._one_origin(claim, other):
            return None
        figure = claim.reference.figure
        if "period" in (figure.time.kind, other.reference.figure.time.kind):
            return "revision"  # a period's count (or a running total over its window)
        measure = self.measures[figure.measure] if figure.measure in self.measures else None
        if measure is None or not measure.cumulative or figure.time.kind != "as-of":
            return None
        # a count that only grows: the larger the later. The larger first stated on an
        # earlier day than the smaller is no rise during the day but the smaller restating it
        larger, smaller = sorted((claim, other), key=lambda c: c.reference.figure.bounds()[0]
                                 or 0, reverse=True)
        first, then = self._first_stated(larger), self._first_stated(smaller)
        return "revision" if first is not None and then is not None and first < then \
            else "update"

    def one_series(self, claim: ClaimTrace, other: ClaimTrace) -> bool:
        """Whether two running totals at different dates are one origin's series under one
        method, which cannot fall: the same origin for sure (:meth:`_one_origin`; not one
        that may be passing on the other's, as Paper B's own count may be the mission's it
        relays elsewhere), and no correction
        of that origin's (``corrects:``, a new method superseding its total) between them,
        one as of the corrected total's day or before, the other as of the correction's or
        after. Another origin's lower count says nothing of it: each counts what it could
        confirm (a count of named dead is a floor)."""
        if not self._one_origin(claim, other, sure=True):
            return False
        early, late = sorted((claim, other), key=lambda c: c.reference.figure.time.end.first())
        since, until = early.reference.figure.time.end.first(), late.reference.figure.time.end.last()
        return not any(since <= old and new <= until and self._one_origin(fix, late)
                       for old, new, fix in self._restarts.get(self.key(claim), ()))

    @cached_property
    def _restarts(self) -> dict[tuple, list]:
        """Running totals an origin's correction superseded, by quantity key: ``(the
        corrected total's first day, the correcting total's last day, the correcting
        claim)``; both as of a day of the same quantity."""
        found, mentions, claims = {}, self.trace.mentions, self.trace.claims
        for m in mentions.values():
            old = mentions.get(getattr(m, "corrects", None) or "")
            fix, was = claims.get(m.claim), claims.get(old.claim) if old else None
            if fix is None or was is None or m.report in self.drafts or self.keeps_figure(m):
                continue  # a correction keeping the figure corrects who said it: no new method
            a, b = fix.reference.figure, was.reference.figure
            if (a is not None and b is not None and a.time.kind == b.time.kind == "as-of"
                    and self.key(fix) == self.key(was) and a.time.end and b.time.end):
                found.setdefault(self.key(fix), []).append(
                    (b.time.end.first(), a.time.end.last(), fix))
        return found

    def superseded(self, claim: ClaimTrace) -> bool:
        """Whether its origin revised *claim*: a ``revision`` of it (the same origin's count
        of the same period) was first stated after it. The earlier count then bounds
        nothing: a mission revising May's 1,250 down to 1,100 rules out no 1,100."""
        first = self._first_stated(claim)
        return first is not None and any(
            relation == "revision" and (later := self._first_stated(other)) is not None
            and later > first for other, relation in self.related(claim))

    def _first_stated(self, claim: ClaimTrace):
        """The last day the first report stating *claim* may have appeared (None: unknown)."""
        dates = [r.latest for r in map(self.trace.reports.get, claim.reports)
                 if r is not None and r.latest is not None]
        return min(dates, default=None)

    def comparable(self, claim: ClaimTrace) -> list[ClaimTrace]:
        """The claims that count the same thing at the same time as *claim*."""
        return [other for other, relation in self.related(claim) if relation == "same"]

    @cached_property
    def _disputes(self) -> dict[str, list]:
        found: dict[str, list] = {}
        for m in self.trace.mentions.values():
            target = getattr(m, "disputes", None)
            if target:
                found.setdefault(target, []).append(m)
        return found

    @cached_property
    def _parts(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for m in self.trace.mentions.values():
            whole = getattr(m, "part_of", None)
            if whole and m.claim in self.trace.claims:
                found.setdefault(whole, []).append(m.claim)
        return found

    @cached_property
    def _wholes(self) -> dict[str, set[str]]:
        """Each claim some mention states as a ``part_of`` another, with those wholes."""
        found: dict[str, set[str]] = {}
        for whole, parts in self._parts.items():
            for part in parts:
                found.setdefault(part, set()).add(whole)
        return found

    def _unmarked_part(self, claim: ClaimTrace) -> bool:
        """Whether *claim* is a stated part (``part_of``) of a claim its fields do not tell
        it apart from: one measure, subject, place, side and unit at the same time ("of the
        6,000 deserters, 2,500 have been caught"). What part it is, only the text says, so it
        is related to its whole, as a part, and to nothing else: not the same quantity as
        its whole, nor as another part, nor as any figure the whole could be compared with."""
        wholes = self._wholes.get(claim.claim)
        if not wholes or claim.reference.figure is None:
            return False
        key, figure = self.key(claim), self.compared(claim)
        for name in wholes:
            whole = self.trace.claims.get(name)
            if (whole is not None and whole.reference.figure is not None
                    and self.key(whole) == key
                    and relate(figure, self.compared(whole), self.measures, same_key=True)
                    in ("same", "coarse")):
                return True
        return False

    def stated_parts(self, claim: ClaimTrace) -> list[ClaimTrace]:
        """The claims some mention states as a ``part_of`` *claim*, in mention order."""
        return [self.trace.claims[c] for c in dict.fromkeys(self._parts.get(claim.claim, ()))]

    def disputed_by(self, claim: ClaimTrace) -> list:
        """The mentions that contest *claim*."""
        return sorted(self._disputes.get(claim.claim, []), key=lambda m: m.node)

    def discounted(self, claim: ClaimTrace) -> frozenset:
        """The claim's origins (independences) that add to nothing needing independence
        for sure: those that may copy another of its origins, those that may be the same
        anonymous person as another, and those that prove nothing (:meth:`unproven`)."""
        return (frozenset(self.dependence(claim)) | frozenset(self.anonymous_alike(claim))
                | self.unproven(claim))

    def unproven(self, claim: ClaimTrace) -> frozenset:
        """The claim's origins (independences) whose word proves nothing: those a correction
        withdrew, and those only an unreviewed report reaches (a draft's attribution)."""
        w = self.withdrawal(claim)
        return (w.groups if w else frozenset()) | self.unreviewed(claim)
