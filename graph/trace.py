"""Trace citation chains: from the audit's facts to every claim's chains and origins.

From the facts (:mod:`credgraph.facts`: a store's, a file scan's or a folder's, all the
same records) :func:`trace_facts` takes the citation graph as successor lists (edges point
from a mention towards where it came from; a :class:`networkx.DiGraph` of it,
:attr:`CitationTrace.graph`, is made only when asked for) and computes the roots (origins)
of every node in **one** pass over the condensation in reverse topological order
(:func:`credgraph.chains.roots_and_loops`), so a citation loop cannot hang anything and a
million mentions cost one traversal, not one per figure. Nothing here reads a file or a
store.

Nodes are those of :mod:`credgraph.ids`: ``mention/<report>/<mention>`` and
``statement/<claim>/<source>``.

>>> from credgraph.inputs import open_input
>>> trace = trace_facts(open_input(None).facts())
>>> claim = trace.claims["hur-8th-army-deserters"]
>>> [o.source for o in claim.origins], claim.chains[0][-1]
(['hur'], 'statement/hur-8th-army-deserters/hur')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain as concat

import networkx as nx

from .chains import chains_from, digraph_from, roots_and_loops
from .facts import AuditFacts
from .ids import claim_node, mention_node
from .measures import Measures
from .model import MEDIA_KINDS, Registry

__all__ = ["Origin", "ClaimTrace", "CitationTrace", "trace_facts"]



class Independence(tuple):
    """What makes origins one independent origin: ``("source", root id)`` for a source
    (``speaks_for`` followed to the body it speaks for), ``("unattributed", outlet)`` for a
    mention that names no source (its outlet's, as a source's, when the outlet is no news
    medium or speaks for a body: :meth:`CitationTrace.first_hand`), ``("loop", first
    member)`` for a loop with no way out."""

    __slots__ = ()

    def __new__(cls, kind: str, key: str):
        return super().__new__(cls, (kind, key))

    @property
    def kind(self) -> str:
        return self[0]

    @property
    def key(self) -> str:
        return self[1]


@dataclass(frozen=True, slots=True)
class Origin:
    """A root of a chain: a statement by a source, or a mention that names no source."""

    node: str
    source: str | None
    """The source id; None when the chain ends in an unattributed mention."""
    independence: Independence
    """Origins with the same independence are one independent origin."""


@dataclass(slots=True)
class ClaimTrace:
    """One claim (figure): its mentions, their chains and origins."""

    claim: str
    mentions: list
    origins: list[Origin]
    chains: list[list[str]]
    cycles: list[list[str]] = field(default_factory=list)
    _reference: object = field(default=None, init=False, repr=False, compare=False)
    _reports: list | None = field(default=None, init=False, repr=False, compare=False)
    _independent: dict | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def reports(self) -> list[str]:
        """The reports stating the claim, sorted (worked out once: a trace is not changed
        once made)."""
        if self._reports is None:
            self._reports = sorted({m.report for m in self.mentions})
        return self._reports

    @property
    def independent(self) -> dict[str, list[Origin]]:
        """Origins grouped by independence key (worked out once)."""
        if self._independent is None:
            groups: dict[str, list[Origin]] = {}
            for origin in self.origins:
                groups.setdefault(origin.independence, []).append(origin)
            self._independent = groups
        return self._independent

    @property
    def reference(self):
        """The mention nearest to the origin (shortest chain), ties by report and id."""
        if self._reference is None:
            depth: dict[str, int] = {}
            for chain in self.chains:
                if len(chain) < depth.get(chain[0], len(chain) + 1):
                    depth[chain[0]] = len(chain)
            with_figure = [m for m in self.mentions if m.figure is not None] or self.mentions
            self._reference = min(with_figure,
                                  key=lambda m: (depth.get(m.node, 0), m.report, m.node))
        return self._reference


@dataclass(slots=True)
class CitationTrace:
    """The traced corpus: the citation graph, the registry, and every claim's trace."""

    succ: dict[str, tuple[str, ...]]
    """The citation graph: each node's successors (what it came from), sorted."""
    registry: Registry
    reports: dict
    mentions: dict
    claims: dict[str, ClaimTrace]
    roots: dict[str, frozenset]
    cycles: list[list[str]]
    statement_source: dict[str, str]
    measures: Measures = field(default_factory=lambda: Measures(()))
    """The measure scheme the figures name."""
    _graph: nx.DiGraph | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def graph(self) -> nx.DiGraph:
        """The citation graph as a NetworkX DiGraph (nodes with their ``kind``), made on
        first use: the audit walks :attr:`succ` and needs none."""
        if self._graph is None:
            kinds = dict.fromkeys(self.mentions, "mention")
            kinds.update((st, "statement") for st in self.statement_source if st not in kinds)
            self._graph = digraph_from(kinds, self.succ)
        return self._graph

    def successors(self, node: str) -> tuple[str, ...]:
        """The nodes *node* came from (empty for an origin)."""
        return self.succ.get(node, ())

    def origin_of(self, root: str) -> Origin:
        """The origin a root node stands for."""
        source = self.statement_source.get(root)
        if source is None:  # an unattributed mention (or a loop): its outlet asserts it
            mention = self.mentions.get(root)
            outlet = self.reports[mention.report].outlet if mention else root
            if not self.first_hand(outlet):
                return Origin(root, None, Independence("unattributed", outlet))
            source = outlet  # a mission's own report, a channel's post for its agency
        return Origin(root, source, self.independence_of(source))

    def first_hand(self, outlet: str) -> bool:
        """Whether what *outlet* publishes without naming a source is its own first-hand
        statement, as a named source's: it is no news medium (a mission, a ministry, a
        court, a person publishing its own report), or it speaks for a body (``speaks_for``:
        an agency's channel states in the agency's voice). A news medium's unsourced figure
        stays unattributed. So Paper A citing the mission, whose own report states the
        figure, rests on the mission, not on an unnamed source; and a channel's own post and
        its government cited by a paper are one origin, not two that agree."""
        if outlet not in self.registry:
            return False
        return (self.registry[outlet].kind not in MEDIA_KINDS
                or self.registry.root(outlet) != outlet)

    def independence_of(self, source: str) -> Independence:
        """What a source's figure is independent as: its registry root (a ministry's
        spokesman is the ministry's government), or itself when the registry lacks it."""
        return Independence("source", self.registry.root(source) if source in self.registry
                            else source)

    def upstream_mention(self, node: str):
        """The nearest mention this mention relays, if it relays one."""
        mentions = self.mentions
        for nxt in self.succ.get(node, ()):
            if nxt in mentions:
                return mentions[nxt]
        return None


def _copied(facts: AuditFacts, succ: dict) -> dict:
    """The mentions of the facts and those of every report that ``copies`` another: each
    mention of the original the copy does not restate itself is stated again in the copy,
    relaying the original's (so the copy is never an origin of its own)."""
    copies = {rid: r.copies for rid, r in facts.reports.items() if getattr(r, "copies", None)}
    if not copies:
        return facts.mentions
    mentions = dict(facts.mentions)
    by_report: dict[str, list] = {}
    for m in facts.mentions.values():
        by_report.setdefault(m.report, []).append(m)
    for copy, original in sorted(copies.items()):
        for m in by_report.get(original, ()):
            node = mention_node(f"{copy}#{m.node.rsplit('/', 1)[-1]}")
            if node not in mentions:
                mentions[node] = m._replace(node=node, report=copy, derived_from=(m.node,))
                succ[node] = (m.node,)
    return mentions


def _computed(mentions: dict, succ: dict) -> frozenset:
    """A mention computed from other claims (``derived_from`` in the annotations) also
    derives from every mention of those claims, through a node of each claim: its origins
    include theirs. Returns those junction nodes."""
    by_claim: dict[str, list[str]] = {}
    for m in mentions.values():
        by_claim.setdefault(m.claim, []).append(m.node)
    found = set()
    for m in mentions.values():
        inputs = getattr(m, "computed_from", ())
        if inputs:
            junctions = tuple(claim_node(c) for c in inputs)
            succ[m.node] = tuple(sorted({*succ.get(m.node, ()), *junctions}))
            for claim, junction in zip(inputs, junctions):
                succ[junction] = tuple(sorted(by_claim.get(claim, ())))
            found.update(junctions)
    return frozenset(found)


def _outlet_statements(reports: dict, mentions: dict, succ: dict, statement_source: dict):
    """A statement of a claim by a source that is also the outlet of a report stating the
    claim derives from that report's mentions (as well as from any source named before it,
    ``via``): Paper C citing Paper B, which cited a Telegram channel, reaches the channel
    through Paper B's own report, so the outlets on the way are relays, never origins of
    their own (citation laundering), and what Paper B's report hedged is upstream. A mention that leads back to the statement (the source's own post,
    attributed to itself) is not linked, so no loop is made of it.

    >>> from types import SimpleNamespace as N
    >>> st = "statement/c/paper-a"
    >>> succ = {"mention/r1/m1": ("statement/c/channel",), "mention/r2/m1": (st,)}
    >>> mentions = {"mention/r1/m1": N(node="mention/r1/m1", claim="c", report="r1"),
    ...             "mention/r2/m1": N(node="mention/r2/m1", claim="c", report="r2")}
    >>> reports = {"r1": N(outlet="paper-a"), "r2": N(outlet="paper-b")}
    >>> _outlet_statements(reports, mentions, succ, {st: "paper-a"}); succ[st]
    ('mention/r1/m1',)
    """
    wanted = {(node.split("/", 2)[1], source): node
              for node, source in statement_source.items()}
    if not wanted:
        return
    found: dict[str, list[str]] = {}
    for m in mentions.values():
        report = reports.get(m.report)
        node = report is not None and wanted.get((m.claim, report.outlet))
        if node and not _reaches(succ, m.node, node):
            found.setdefault(node, []).append(m.node)
    for node, nodes in found.items():
        succ[node] = tuple(sorted({*succ.get(node, ()), *nodes}))


def _reaches(succ: dict, start: str, target: str) -> bool:
    """Whether *target* can be reached from *start* along *succ*."""
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == target:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(succ.get(node, ()))
    return False


def _computation(stated: list, origin_nodes: list, succ: dict, junctions: frozenset,
                 origin) -> dict:
    """The origins of a claim reached only through the figures it was computed from,
    each with the independence it takes: that of the claim's first origin reached
    otherwise (the source that did the sum), else that of the first of them. A figure
    computed from another source's count is one computation, not a second origin
    confirming it ("double the 2022 count" by RFE/RL on Mediazona's count is not confirmed
    by two).

    >>> from types import SimpleNamespace
    >>> o = lambda n: Origin(n, n, Independence("source", n))
    >>> succ = {"m": ("st/rferl", "claim/c"), "claim/c": ("st/mz",)}
    >>> _computation([SimpleNamespace(node="m")], ["st/mz", "st/rferl"], succ,
    ...              frozenset({"claim/c"}), o)
    {'st/mz': ('source', 'st/rferl')}
    """
    seen, stack = set(), [m.node for m in stated]
    while stack:
        node = stack.pop()
        if node in seen or node in junctions:
            continue
        seen.add(node)
        stack.extend(succ.get(node, ()))
    inputs_only = [n for n in origin_nodes if n not in seen]
    if not inputs_only:
        return {}
    direct = [n for n in origin_nodes if n in seen]
    key = origin(direct[0] if direct else inputs_only[0]).independence
    return {n: key for n in inputs_only}


def trace_facts(facts: AuditFacts, chain_limit: int = 64) -> CitationTrace:
    """Trace every claim of *facts* (from a store or a file) in one pass.

    Nothing here depends on the order the facts came in: a store and a file scan of the
    same graph give the same trace (loops are listed in order).
    """
    succ, statement_source = dict(facts.succ), facts.statement_source
    mentions = _copied(facts, succ)
    _outlet_statements(facts.reports, mentions, succ, statement_source)
    junctions = _computed(mentions, succ)
    roots, cycles = roots_and_loops(succ, order=concat(mentions, statement_source))
    cycles.sort()
    trace = CitationTrace(succ, facts.registry, facts.reports, mentions, {}, roots, cycles,
                          statement_source, facts.measures)
    by_claim: dict[str, list] = {}
    for mention in mentions.values():
        by_claim.setdefault(mention.claim, []).append(mention)
    in_cycle = {n: c for c in cycles for n in c}
    origins: dict[str, Origin] = {}
    for claim, stated in sorted(by_claim.items()):
        if facts.scope is not None and claim_node(claim) not in facts.scope:
            continue  # reached by a relay only: its own mentions were not fetched
        stated.sort(key=lambda m: m.node)
        origin_nodes = sorted(set().union(*(roots[m.node] for m in stated)))
        listed = [chains_from(succ, m.node, chain_limit) for m in stated]
        chains = [c for each in listed for c in each]
        loops = []
        if in_cycle:
            for path in chains:
                for node in path:
                    if node in in_cycle and in_cycle[node] not in loops:
                        loops.append(in_cycle[node])
        for n in origin_nodes:
            if n not in origins:
                origin = trace.origin_of(n)
                if n in in_cycle:  # a loop with no way out is one origin, however many members
                    origin = Origin(origin.node, origin.source,
                                    Independence("loop", in_cycle[n][0]))
                origins[n] = origin
        found = [origins[n] for n in origin_nodes]
        if junctions and (any(len(each) >= chain_limit for each in listed)
                          or any(n in junctions for path in chains for n in path)):
            # a computed figure (its chains, when all listed, pass a junction): its
            # inputs' origins are the computation's
            merged = _computation(stated, origin_nodes, succ, junctions, origins.__getitem__)
            found = [Origin(o.node, o.source, merged[o.node]) if o.node in merged else o
                     for o in found]
        trace.claims[claim] = ClaimTrace(claim, stated, found, chains, loops)
    return trace
