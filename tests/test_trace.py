"""Tracing: origins in one pass, chains, loops; property tests over random citation graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from credgraph.build import corpus_quads
from credgraph.model import Corpus, DateSpan, Mention, Registry, Report, Source
from credgraph.store import MemoryStore
from credgraph.chains import chains_from, roots_and_loops
from credgraph.facts import fetch_facts
from credgraph.trace import trace_facts

edges = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=30)


def brute_roots(graph, node):
    """Roots by definition: reachable nodes in a strongly connected component with no exit."""
    reach = nx.descendants(graph, node) | {node}
    cond = nx.condensation(graph)
    mapping = cond.graph["mapping"]
    sinks = {c for c in cond if cond.out_degree(c) == 0}
    return {n for n in reach if mapping[n] in sinks}


@given(edges)
def test_one_pass_roots_equal_the_definition(pairs):
    graph = nx.DiGraph(pairs)
    roots = roots_and_loops(graph.succ)[0]
    for node in graph:
        assert set(roots[node]) == brute_roots(graph, node)


@given(edges)
def test_chains_terminate_and_end_at_a_root_or_a_loop(pairs):
    graph = nx.DiGraph(pairs)
    for node in graph:
        for chain in chains_from(graph, node):
            assert len(chain) == len(set(chain)) <= len(graph)
            last = chain[-1]
            assert graph.out_degree(last) == 0 or set(graph.successors(last)) <= set(chain)


SOURCES = [Source(f"s{i}", f"Source {i}", "news-outlet", "B", "test") for i in range(4)]
SOURCES.append(Source("gov", "Gov", "government", "C", "test", party="ukraine"))
SOURCES.append(Source("gov-channel", "Gov channel", "telegram-channel", "D", "test",
                      speaks_for="gov"))
REGISTRY = Registry(SOURCES)
NAMES = [s.id for s in SOURCES]


@st.composite
def citation_corpora(draw):
    """Reports stating one claim, each attributed, relaying another report (loops allowed)."""
    n = draw(st.integers(1, 7))
    reports = {}
    for i in range(n):
        if draw(st.booleans()) and n > 1:
            target = draw(st.integers(0, n - 1).filter(lambda j, i=i: j != i))
            mention = Mention(f"r{i}", "m1", "c", "s", relays=f"r{target}#m1")
        elif draw(st.booleans()):
            chain = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
            mention = Mention(f"r{i}", "m1", "c", "s", attributed_to=chain[0],
                              via=tuple(chain[1:]))
        else:
            mention = Mention(f"r{i}", "m1", "c", "s")
        reports[f"r{i}"] = Report(f"r{i}", "article", draw(st.sampled_from(NAMES[:4])), "t",
                                  DateSpan(None, None, "unknown"), (mention,))
    return Corpus(REGISTRY, reports)


def traced(corpus):
    store = MemoryStore()
    store.load_quads(corpus_quads(corpus))
    return trace_facts(fetch_facts(store))


@settings(max_examples=60, deadline=None)
@given(citation_corpora())
def test_independent_origins_never_exceed_reports(corpus):
    claim = traced(corpus).claims["c"]
    assert 1 <= len(claim.independent) <= len(claim.reports)


@settings(max_examples=60, deadline=None)
@given(citation_corpora(), st.data())
def test_adding_a_relay_never_adds_an_origin(corpus, data):
    before = len(traced(corpus).claims["c"].independent)
    target = data.draw(st.sampled_from(sorted(corpus.reports)))
    extra = Report("relay", "article", "s0", "t", DateSpan(None, None, "unknown"),
                   (Mention("relay", "m1", "c", "s", relays=f"{target}#m1"),))
    after = len(traced(Corpus(REGISTRY, {**corpus.reports, "relay": extra})).claims["c"].independent)
    assert after <= before


def test_a_channel_speaking_for_a_government_is_that_government():
    reports = {
        "a": Report("a", "article", "s0", "t", DateSpan(None, None, "unknown"),
                    (Mention("a", "m1", "c", "s", attributed_to="gov"),)),
        "b": Report("b", "article", "s1", "t", DateSpan(None, None, "unknown"),
                    (Mention("b", "m1", "c", "s", attributed_to="gov-channel"),)),
    }
    claim = traced(Corpus(REGISTRY, reports)).claims["c"]
    assert len(claim.origins) == 2 and list(claim.independent) == [("source", "gov")]


def test_a_relay_loop_is_reported_and_still_answered():
    reports = {r: Report(r, "article", "s0", "t", DateSpan(None, None, "unknown"),
                         (Mention(r, "m1", "c", "s", relays=f"{o}#m1"),))
               for r, o in (("a", "b"), ("b", "a"))}
    trace = traced(Corpus(REGISTRY, reports))
    assert trace.cycles == [["mention/a/m1", "mention/b/m1"]]
    assert trace.claims["c"].cycles and trace.claims["c"].origins


@settings(max_examples=40, deadline=None)
@given(citation_corpora())
def test_the_networkx_graph_is_made_on_demand_from_the_successor_lists(corpus):
    trace = traced(corpus)
    assert trace._graph is None  # tracing alone never builds it
    graph = trace.graph
    assert graph is trace.graph
    assert {(a, b) for a, targets in trace.succ.items() for b in targets} == set(graph.edges)
    kinds = dict(graph.nodes(data="kind"))
    assert all(kinds[n] == "mention" for n in trace.mentions)
    assert all(kinds[n] in ("mention", "statement") for n in trace.statement_source)
    assert all(tuple(graph.successors(n)) == trace.successors(n) for n in graph)
