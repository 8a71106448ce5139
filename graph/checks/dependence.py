"""Which sources relay which origins on which measures, worked out once for an audit run.

A source recorded anywhere in the corpus passing on an origin's figures on a measure family
(a report's outlet, a source of a chain) may have its own figures on that family from that
origin: such an origin of a claim may not be independent of the claim's others
(:meth:`Dependence.dependence`, the ``source-dependence`` check), and two figures resting on
an origin and on a source relaying it may be one origin's update
(:meth:`Dependence._one_origin`). Anonymous origins nobody can tell apart may be one
person (:meth:`Dependence.anonymous_alike`). :class:`Dependence` is the part of
:class:`~credgraph.checks.context.AuditContext` that works this out.
"""

from __future__ import annotations

from functools import cached_property

from ..comparison import family
from ..origins import ANONYMOUS_KINDS
from ..trace import ClaimTrace

__all__ = ["Dependence"]


class Dependence:
    """Origins that may not be independent (sources relaying origins, anonymous people
    nobody can tell apart), for :class:`~credgraph.checks.context.AuditContext` (which
    gives ``trace``, ``measures``, ``drafts``, ``standing``, ``_groups_reviewed`` and the
    ``_dependence`` cache)."""

    @cached_property
    def _relayed_on(self) -> dict[tuple[str, str], set]:
        """``(source, measure family) -> independences of the origins it relays``: every
        source recorded as passing on an origin's figure (a report's outlet, or a source of
        its chain) on a measure."""
        trace, found, drafts = self.trace, {}, self.drafts
        for claim in trace.claims.values():
            figure = claim.reference.figure
            if figure is None:
                continue
            fam = family(figure.measure, self.measures)
            sourced = [o for o in claim.origins if o.source is not None]
            through: dict[str, set] = {}  # each mention's chains: the sources they pass
            for chain in claim.chains:
                if not chain or (drafts and chain[0] in trace.mentions
                                 and trace.mentions[chain[0]].report in drafts):
                    continue  # a draft's attribution records no relaying
                passed = [trace.statement_source[n] for n in chain[1:-1]
                          if n in trace.statement_source]
                through.setdefault(chain[0], set()).update(passed)
                # a source on the way is relayed too, by the report and by the sources
                # before it: citing Paper A, which cites the channel, passes on Paper A's figure
                report = trace.reports.get(trace.mentions[chain[0]].report) \
                    if chain[0] in trace.mentions else None
                before = [report.outlet] if report else []
                for source in passed:
                    key = trace.independence_of(source)
                    for relay in before:
                        if relay != source:
                            found.setdefault((relay, fam), set()).add(key)
                    before.append(source)
            for m in claim.mentions:
                if m.report in drafts:
                    continue
                report = trace.reports.get(m.report)
                relays = {report.outlet} if report else set()
                relays |= through.get(m.node, set())
                for origin in sourced:
                    if origin.node in trace.roots.get(m.node, ()):
                        for source in relays - {origin.source}:
                            found.setdefault((source, fam), set()).add(origin.independence)
        return found

    def dependence(self, claim: ClaimTrace) -> dict[tuple, set]:
        """The origins of *claim* that may not be independent of its others: each
        unattributed figure of a source recorded elsewhere as relaying one of this claim's
        other origins on the same measure family, with those it may depend on."""
        found = self._dependence.get(claim.claim)
        if found is not None:
            return found
        found = self._dependence[claim.claim] = self._depends(claim)
        return found

    def _depends(self, claim: ClaimTrace) -> dict[tuple, set]:
        figure = claim.reference.figure
        if figure is None:
            return {}
        fam, groups = family(figure.measure, self.measures), self._groups_reviewed(claim)
        passing = self._passing(claim)
        found = {}
        for group in groups:
            kind, key = group
            if kind == "unattributed":
                relayed = self._relayed_on.get((key, fam), set())
                relayed = relayed | set().union(*(passing.get(i, set()) for i in relayed))
                maybe = (relayed & groups) - {group}
                if maybe:
                    found[group] = maybe
        # a named origin that names no source of its own (a wire cited for a figure) may
        # have it from an origin it relays on the family elsewhere, as an outlet may: a
        # wire relaying the mission's monthly counts and cited for May's is no second
        # confirmation of the mission's May count. Only on an origin left sure, so that
        # origins relaying each other leave one of them independent for sure.
        for group in sorted(g for g in groups if g.kind == "source"):
            sources = {o.source for o in claim.independent[group]}
            relayed = set().union(*(self._relayed_on.get((s, fam), set()) for s in sources))
            maybe = (relayed & groups) - {group}
            if maybe - set(found):
                found[group] = maybe
        return found

    def _passing(self, claim: ClaimTrace) -> dict[tuple, set]:
        """``independence of a source -> the claim's origin groups whose chains pass it``:
        a source this claim's chains find copying or citing another (her report copying
        relay A's) passes that origin on, so an outlet relaying her elsewhere may have the
        figure from relay A through her."""
        trace, found = self.trace, {}
        roots = {o.node: o.independence for o in claim.origins}
        for chain in claim.chains:
            root = roots.get(chain[-1]) if chain else None
            if root is None:
                continue
            for node in chain[1:-1]:
                if node in trace.statement_source:
                    passed = trace.independence_of(trace.statement_source[node])
                    if passed != root:
                        found.setdefault(passed, set()).add(root)
        return found

    def sure_groups(self, claim: ClaimTrace) -> list[tuple]:
        """The claim's origin groups that are independent for sure: those that may depend
        on another of its origins left out (each may be a copy of one of them, so the
        claim has at least this many independent origins)."""
        maybe = self.dependence(claim)
        return [g for g in claim.independent if g not in maybe]

    def _one_origin(self, claim: ClaimTrace, other: ClaimTrace, *, sure: bool = False) -> bool:
        """Whether *claim* and *other* rest on the same independent origins, but for those of
        either that may be passing on the other's origins: a named source recorded elsewhere
        relaying them on the measure family (a wire cited for the evening's toll of 17, or
        stating it without a source, which relayed the governor's 12 that morning, is most
        likely relaying his update). An
        anonymous origin is one for sure only within one report: "a source in the ministry"
        in two papers may be one person or two (:meth:`_anonymous`), so their figures are not
        known to be one origin's update or revision. *sure*: the same origins only, none
        that may be passing on the other's (a fall is one origin's only when that is sure)."""
        mine, theirs = self._groups_reviewed(claim), self._groups_reviewed(other)
        if (any(map(self._anonymous, mine | theirs))
                and not set(claim.reports) & set(other.reports)):
            return False  # anonymous people two reports cite may be one, or two
        if mine == theirs or sure:
            return mine == theirs
        fam = family(claim.reference.figure.measure, self.measures)
        relays = {g: self._relays(claim, g, fam) for g in mine}
        relays.update({g: self._relays(other, g, fam) for g in theirs})
        return all(any(g in relays[h] or h in relays[g] for h in rest)
                   for extra, rest in ((mine - theirs, theirs), (theirs - mine, mine))
                   for g in extra)

    def _relays(self, claim: ClaimTrace, group: tuple, fam: str) -> set:
        """The independences the sources of *claim*'s origin *group* are recorded relaying on
        the measure family *fam*: for an unattributed figure, its outlet's (the wire's
        unsourced evening toll, when it relays the governor's on the measure elsewhere);
        none for a loop."""
        if group.kind == "unattributed":
            return set(self._relayed_on.get((group.key, fam), set()))
        if group.kind != "source":
            return set()
        sources = {o.source for o in claim.independent[group]}
        return set().union(*(self._relayed_on.get((s, fam), set()) for s in sources))

    def _anonymous(self, group: tuple) -> bool:
        """Whether an origin group is an anonymous person or group of the registry."""
        registry = self.trace.registry
        return group.kind == "source" and group.key in registry and (
            registry[group.key].anonymous or registry[group.key].kind in ANONYMOUS_KINDS)

    def anonymous_alike(self, claim: ClaimTrace) -> dict[tuple, set]:
        """The claim's anonymous origins that may be the same person or group as an
        anonymous origin before them (by independence), with those: nobody can tell two
        people nobody names apart, unless the registry gives them different countries or
        parties ("a senior US official" in one paper and "US officials" in another may be
        one briefing, so they are one independent origin for sure; a US official and a
        Ukrainian soldier are two)."""
        registry, people = self.trace.registry, {}
        for a in self.standing(claim):
            group = a.origin.independence
            people.setdefault(group, []).append(a)
        anonymous = sorted(g for g, items in people.items()
                           if all(a.anonymous and a.origin.source in registry for a in items))
        found, sure = {}, []
        for group in anonymous:
            mine = [registry[a.origin.source] for a in people[group]]
            alike = {other for other, theirs in sure
                     if not any(_told_apart(x, y) for x in mine for y in theirs)}
            if alike:
                found[group] = alike
            else:
                sure.append((group, mine))
        return found


def _told_apart(a, b) -> bool:
    """Whether the registry says two sources are not one person: different countries or
    parties (an unknown one tells nothing)."""
    return any(x is not None and y is not None and x != y
               for x, y in ((a.country, b.country), (a.party, b.party)))
