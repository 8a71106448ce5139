"""What an origin is, judged for one claim: anonymous, interested, documentary, verified.

These judgements feed the origin checks and the Admiralty grade. An origin is
**verified** when it is documentary (a court record, an official register), or when it is
named, not an interested party, and not hedged as unverified on every chain that reaches
it (one relay's "could not independently verify" is that relay's, when another report
relays the origin without it; a report noting that someone disputes it is no such hedge,
and a relay dropping its upstream's hedge passes it on); never when it is caught in a citation
loop with no way out (Paper A cites Paper B, which cites Paper A: nobody outside the loop
states it, and its reliability cannot be judged).
"""

from __future__ import annotations

from dataclasses import dataclass

from .ids import mention_key
from .trace import CitationTrace, ClaimTrace, Origin

__all__ = ["OriginAssessment", "assess_origins", "DOCUMENTARY_KINDS", "ANONYMOUS_KINDS",
           "UNVERIFIED_HEDGES", "RELIABLE", "RELIABILITY_ORDER"]

DOCUMENTARY_KINDS = frozenset({"court", "official-register"})
PERSON_KINDS = frozenset({"named-person", "anonymous-person", "anonymous-group"})
"""People speak for themselves: a soldier's account is anonymous or named, not a party's claim."""
ANONYMOUS_KINDS = frozenset({"anonymous-person", "anonymous-group"})
UNVERIFIED_HEDGES = frozenset({"unable-to-verify", "accuracy-uncertain", "alleged"})
"""Hedges with which a report says the figure is not verified. ``disputed`` is not one: that
someone contests a figure says nothing of whether its origin is verified (a ministry's
denial would make the mission's count "doubtful", and spare the denial its "improbable");
who contests it, and whether they are an interested party, the ``disputed`` check reports,
and a figure they give is compared as any other."""
RELIABILITY_ORDER = "ABCDEF"
RELIABLE = frozenset("ABC")


@dataclass(frozen=True, slots=True)
class OriginAssessment:
    """One origin of one claim, judged."""

    origin: Origin
    label: str
    kind: str
    reliability: str
    anonymous: bool
    interested: str | None
    """Why the origin is an interested party, or None."""
    documentary: bool
    hedged_by: tuple[str, ...]
    """Reports on this origin's chains that hedge the figure as unverified."""
    stated_plainly: bool = False
    """Some chain reaches the origin through no mention hedging it as unverified: another
    report relays the origin's figure without the hedge one relay attached (a wire's "could
    not independently verify" on the mission's count, which Paper A cites as the mission's).
    The hedge is that relay's, not the origin's: it no longer unverifies the origin."""
    looped: bool = False
    """The origin is a member of a citation loop with no way out (A cites B cites A):
    nobody outside the loop states the figure, so it is no verified origin, whoever the
    members are."""

    @property
    def neutral(self) -> bool:
        """Whether the origin is a named source with no interest in the figure, whether or
        not the reports relaying it hedge it: one report's "could not verify" makes the
        figure unverified, never improbable (``relay-hedge-mission``)."""
        return self.origin.source is not None and not self.looped and not (
            self.anonymous or self.interested)

    @property
    def verified(self) -> bool:
        """Whether the origin counts as independently verifiable for this claim."""
        if self.origin.source is None or self.looped:
            return False
        if self.documentary:
            return True
        return not (self.anonymous or self.interested
                    or (self.hedged_by and not self.stated_plainly))


def _asserted_by(registry, origin: Origin) -> str:
    """Who asserts a figure no source is named for: the outlet of the unattributed mention
    (its name), or the loop it is caught in (named by its first member)."""
    kind, key = origin.independence
    if kind == "loop":
        return f"a citation loop through {mention_key(key)}"
    return registry[key].name if key in registry else key


def _stated_plainly(trace: CitationTrace, claim: ClaimTrace) -> set[str]:
    """The origin nodes of *claim* some chain reaches through no hedge as unverified: no
    mention on it so hedged, no statement on it by an outlet that so hedges the claim in a
    report (Paper B citing the mission via Paper A, which could not verify it, passes Paper
    A's hedge), nor its first mention by such an outlet (a headline the body hedges), nor
    in an unreviewed draft (whose hedges, as its attributions, are guesses)."""
    mentions, source, reports = trace.mentions, trace.statement_source, trace.reports
    outlet = {m.node: reports[m.report].outlet for m in claim.mentions if m.report in reports
              and getattr(reports[m.report], "reviewed", True) is not False}
    hedging = {reports[m.report].outlet for m in claim.mentions
               if m.hedge in UNVERIFIED_HEDGES and m.report in reports}
    return {chain[-1] for chain in claim.chains if chain and chain[0] in outlet
            and outlet[chain[0]] not in hedging
            and not any((n in mentions and mentions[n].hedge in UNVERIFIED_HEDGES)
                        or source.get(n) in hedging for n in chain)}


def assess_origins(trace: CitationTrace, claim: ClaimTrace) -> list[OriginAssessment]:
    """Judge every origin of *claim*, in the order of ``claim.origins``."""
    registry = trace.registry
    results = []
    plain = _stated_plainly(trace, claim)
    for origin in claim.origins:
        reaching = [m for m in claim.mentions if origin.node in trace.roots.get(m.node, ())]
        hedged = tuple(sorted({m.report for m in reaching if m.hedge in UNVERIFIED_HEDGES}))
        if origin.source is None or origin.source not in registry:
            results.append(OriginAssessment(origin, f"unattributed ({_asserted_by(registry, origin)})",
                                            "unattributed",
                                            "F", False, None, False, hedged))
            continue
        source = registry[origin.source]
        party = source.party or registry[registry.root(source.id)].party
        interested = None
        sides = {m.figure.subject_side for m in reaching if m.figure and m.figure.subject_side}
        speaks_for_party = source.kind not in PERSON_KINDS | DOCUMENTARY_KINDS or (
            source.speaks_for is not None and source.kind == "named-person")
        counted = any(m.figure for m in reaching)  # a figure, if of no side: of the war's
        if party and (sides or counted) and speaks_for_party:
            whose = ("its enemy" if sides - {party} else "its own side") if sides else "the war"
            interested = f"a party to the conflict ({party}) speaking about {whose}"
        elif any(m.own_work for m in reaching):
            interested = "an organisation counting its own work"
        looped = origin.independence.kind == "loop"
        results.append(OriginAssessment(
            origin, source.name, source.kind, "F" if looped else source.reliability,
            source.anonymous or source.kind in ANONYMOUS_KINDS, interested,
            source.kind in DOCUMENTARY_KINDS and not looped, hedged,
            bool(hedged) and origin.node in plain, looped))
    return results
