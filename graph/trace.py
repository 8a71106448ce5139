"""Trace citation chains: the only bridge from RDF to NetworkX.

A handful of SELECT queries through a :class:`~graph.store.Store` fetch the relay edges
(``prov:wasDerivedFrom``), the mentions with their figures, the statements' attributions
and the source registry. From those rows :func:`trace_store` builds one
:class:`networkx.DiGraph` whose edges point from a mention towards where it came from, and
computes the roots (origins) of every node in **one** pass over the condensation in reverse
topological order, so a citation loop cannot hang anything and a million mentions cost one
traversal, not one per figure.

Node keys are short strings: ``mention/<report>/<mention>`` and
``statement/<claim>/<source>`` (the IRI without ``https://w3id.org/credgraph/id/``).

>>> import networkx as nx
>>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "c"), ("x", "y"), ("y", "x")])
>>> roots = compute_roots(g)
>>> sorted(roots["a"]), sorted(roots["x"])
(['c'], ['x', 'y'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import networkx as nx

from .model import Figure, Period, Registry, Source
from .store import Store
from .vocab import ID

__all__ = ["MentionFacts", "ReportFacts", "Origin", "ClaimTrace", "CitationTrace",
           "trace_store", "compute_roots", "chains_from", "short", "mention_ref", "PREFIX"]

PREFIX = """PREFIX cg: <https://w3id.org/credgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

Q_EDGES = PREFIX + "SELECT ?a ?b WHERE { ?a prov:wasDerivedFrom ?b }"
Q_ATTRIBUTIONS = PREFIX + "SELECT ?st ?src WHERE { ?st a cg:Statement ; prov:wasAttributedTo ?src }"
Q_SOURCES = PREFIX + """SELECT ?s ?label ?kind ?rel ?reason ?party ?anon ?speaks ?country WHERE {
  ?s a cg:Source ; rdfs:label ?label ; cg:sourceKind ?kind ; cg:reliability ?rel .
  OPTIONAL { ?s cg:reliabilityReason ?reason } OPTIONAL { ?s cg:partyTo ?party }
  OPTIONAL { ?s cg:anonymous ?anon } OPTIONAL { ?s prov:actedOnBehalfOf ?speaks }
  OPTIONAL { ?s cg:country ?country } }"""
Q_ALIASES = PREFIX + "SELECT ?s ?alias WHERE { ?s a cg:Source ; skos:altLabel ?alias }"
Q_REPORTS = PREFIX + """SELECT ?r ?outlet ?title ?kind ?earliest ?latest ?seed WHERE {
  ?r a cg:Report ; schema:publisher ?outlet ; cg:reportKind ?kind .
  OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r cg:earliestDate ?earliest }
  OPTIONAL { ?r cg:latestDate ?latest } OPTIONAL { ?r cg:seedFile ?seed } }"""
Q_MENTIONS = PREFIX + """SELECT ?m ?report ?claim ?text ?hedge ?attr ?own ?quoted ?measure ?value
  ?min ?max ?qual ?unit ?subject ?side ?place ?start ?end WHERE {
  ?m a cg:Mention ; dcterms:isPartOf ?report ; cg:statesClaim ?claim ; cg:hedge ?hedge .
  OPTIONAL { ?m schema:text ?text } OPTIONAL { ?m cg:attributedTo ?attr }
  OPTIONAL { ?m cg:ownWork ?own } OPTIONAL { ?m prov:wasQuotedFrom ?quoted }
  OPTIONAL { ?m cg:figure ?f . ?f cg:measure ?measure ; cg:qualifier ?qual .
    OPTIONAL { ?f schema:value ?value } OPTIONAL { ?f schema:minValue ?min }
    OPTIONAL { ?f schema:maxValue ?max } OPTIONAL { ?f schema:unitText ?unit }
    OPTIONAL { ?f cg:subject ?subject } OPTIONAL { ?f cg:subjectSide ?side }
    OPTIONAL { ?f schema:spatialCoverage ?place } OPTIONAL { ?f cg:periodStart ?start }
    OPTIONAL { ?f cg:periodEnd ?end } } }"""

_ID = str(ID)


def short(iri: str) -> str:
    """An instance IRI without the credgraph id prefix.

    >>> short("https://w3id.org/credgraph/id/source/hur")
    'source/hur'
    """
    return iri[len(_ID):] if iri.startswith(_ID) else iri


def mention_ref(node: str) -> str:
    """A mention node written as annotators refer to it.

    >>> mention_ref("mention/newsweek-2024/m5")
    'newsweek-2024#m5'
    """
    return node.removeprefix("mention/").replace("/", "#")


def _slug(iri: str | None) -> str | None:
    """The last path segment of a concept IRI (``.../hedge/none`` -> ``none``)."""
    return iri.rsplit("/", 1)[-1] if iri else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the audit needs of a report."""

    id: str
    outlet: str
    title: str
    kind: str
    earliest: date | None = None
    latest: date | None = None
    seed: str | None = None


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """What the audit needs of a mention; ``node`` is its key in the citation graph."""

    node: str
    report: str
    claim: str
    text: str
    hedge: str
    attributed_to: str | None
    own_work: bool
    quoted: bool
    figure: Figure | None


@dataclass(frozen=True, slots=True)
class Origin:
    """A root of a chain: a statement by a source, or a mention that names no source."""

    node: str
    source: str | None
    """The source id; None when the chain ends in an unattributed mention."""
    independence: str
    """Origins with the same key are one independent origin (``speaks_for`` resolved)."""


@dataclass(slots=True)
class ClaimTrace:
    """One claim (figure): its mentions, their chains and origins."""

    claim: str
    mentions: list[MentionFacts]
    origins: list[Origin]
    chains: list[list[str]]
    cycles: list[list[str]] = field(default_factory=list)
    _reference: MentionFacts | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def reports(self) -> list[str]:
        """The reports stating the claim, sorted."""
        return sorted({m.report for m in self.mentions})

    @property
    def independent(self) -> dict[str, list[Origin]]:
        """Origins grouped by independence key."""
        groups: dict[str, list[Origin]] = {}
        for origin in self.origins:
            groups.setdefault(origin.independence, []).append(origin)
        return groups

    @property
    def reference(self) -> MentionFacts:
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

    graph: nx.DiGraph
    registry: Registry
    reports: dict[str, ReportFacts]
    mentions: dict[str, MentionFacts]
    claims: dict[str, ClaimTrace]
    roots: dict[str, frozenset]
    cycles: list[list[str]]
    statement_source: dict[str, str]

    def origin_of(self, root: str) -> Origin:
        """The origin a root node stands for."""
        source = self.statement_source.get(root)
        if source is None:  # an unattributed mention (or a loop): its outlet asserts it
            mention = self.mentions.get(root)
            outlet = self.reports[mention.report].outlet if mention else root
            return Origin(root, None, "unattributed:" + outlet)
        return Origin(root, source, self.registry.root(source) if source in self.registry
                      else source)

    def upstream_mention(self, node: str) -> MentionFacts | None:
        """The nearest mention this mention relays, if it relays one."""
        for nxt in self.graph.successors(node):
            if nxt in self.mentions:
                return self.mentions[nxt]
        return None


def compute_roots(graph: nx.DiGraph) -> dict:
    """The roots (nodes without successors, or sink loops) every node's chains reach.

    One pass over the condensation (strongly connected components) in reverse topological
    order; nodes of a chain share their successor's frozenset, so memory stays linear.
    """
    cond = nx.condensation(graph)
    members = cond.graph["mapping"]
    scc_roots: dict[int, frozenset] = {}
    for scc in reversed(list(nx.topological_sort(cond))):
        succ = list(cond.successors(scc))
        if not succ:
            scc_roots[scc] = frozenset(cond.nodes[scc]["members"])
        elif len(succ) == 1:
            scc_roots[scc] = scc_roots[succ[0]]
        else:
            scc_roots[scc] = frozenset().union(*(scc_roots[s] for s in succ))
    return {node: scc_roots[scc] for node, scc in members.items()}


def chains_from(graph: nx.DiGraph, start: str, limit: int = 64) -> list[list[str]]:
    """Every chain from *start* to a root (or back into a loop), at most *limit* of them."""
    chains, stack = [], [(start, [start])]
    while stack and len(chains) < limit:
        node, path = stack.pop()
        succ = [s for s in graph.successors(node)]
        nexts = [s for s in succ if s not in path]
        if not nexts:
            chains.append(path)
            continue
        for s in reversed(sorted(nexts)):
            stack.append((s, path + [s]))
    return chains


def _sources(store: Store) -> Registry:
    aliases: dict[str, list[str]] = {}
    for s, alias in store.select(Q_ALIASES):
        aliases.setdefault(s, []).append(alias)
    sources = []
    for s, label, kind, rel, reason, party, anon, speaks, country in store.select(Q_SOURCES):
        sources.append(Source(
            id=short(s).removeprefix("source/"), name=label, kind=_slug(kind),
            reliability=_slug(rel), reliability_reason=reason or "",
            aliases=tuple(sorted(aliases.get(s, ()))), country=country, party=_slug(party),
            anonymous=bool(anon), url=None,
            speaks_for=short(speaks).removeprefix("source/") if speaks else None))
    return Registry(sources)


def _mentions(store: Store) -> dict[str, MentionFacts]:
    mentions = {}
    for (m, report, claim, text, hedge, attr, own, quoted, measure, value, low, high, qual, unit,
         subject, side, place, start, end) in store.select(Q_MENTIONS):
        figure = None
        if measure is not None:
            figure = Figure(measure=measure, value=_decimal(value), min=_decimal(low),
                            max=_decimal(high), qualifier=_slug(qual), unit=unit, subject=subject,
                            subject_side=_slug(side), place=place,
                            period=Period(_day(start), _day(end)))
        node = short(m)
        mentions[node] = MentionFacts(
            node=node, report=short(report).removeprefix("report/"),
            claim=short(claim).removeprefix("claim/"), text=text or "", hedge=_slug(hedge),
            attributed_to=short(attr).removeprefix("source/") if attr else None,
            own_work=bool(own), quoted=quoted is not None, figure=figure)
    return mentions


def trace_store(store: Store, chain_limit: int = 64) -> CitationTrace:
    """Fetch what the audit needs from *store* and trace every claim in one pass."""
    registry = _sources(store)
    reports = {}
    for r, outlet, title, kind, earliest, latest, seed in store.select(Q_REPORTS):
        rid = short(r).removeprefix("report/")
        reports[rid] = ReportFacts(rid, short(outlet).removeprefix("source/"), title or rid,
                                   _slug(kind), _day(earliest), _day(latest), seed)
    mentions = _mentions(store)
    statement_source = {short(st): short(src).removeprefix("source/")
                        for st, src in store.select(Q_ATTRIBUTIONS)}
    graph = nx.DiGraph()
    graph.add_nodes_from(mentions, kind="mention")
    graph.add_nodes_from(statement_source, kind="statement")
    graph.add_edges_from((short(a), short(b)) for a, b in store.select(Q_EDGES))
    roots = compute_roots(graph)
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph)
              if len(c) > 1 or any(graph.has_edge(n, n) for n in c)]
    trace = CitationTrace(graph, registry, reports, mentions, {}, roots, cycles, statement_source)
    by_claim: dict[str, list[MentionFacts]] = {}
    for mention in mentions.values():
        by_claim.setdefault(mention.claim, []).append(mention)
    in_cycle = {n: c for c in cycles for n in c}
    for claim, stated in sorted(by_claim.items()):
        stated.sort(key=lambda m: m.node)
        origin_nodes = sorted(set().union(*(roots[m.node] for m in stated)))
        chains = [c for m in stated for c in chains_from(graph, m.node, chain_limit)]
        loops = []
        for chain in chains:
            for node in chain:
                if node in in_cycle and in_cycle[node] not in loops:
                    loops.append(in_cycle[node])
        trace.claims[claim] = ClaimTrace(claim, stated,
                                         [trace.origin_of(n) for n in origin_nodes], chains,
                                         loops)
    return trace
