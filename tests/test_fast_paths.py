"""The fast paths behind the benchmark give what the plain ways give.

Each optimisation (``credgraph.embedded.plain_term`` without rdflib, ``quads_to_nquads`` without
``n3()`` for literals, chains walked in place, the NetworkX graph built from dicts) is
compared here with the straightforward version it replaced.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from credgraph.build import corpus_quads
from credgraph.chains import chains_from, digraph_from, roots_and_loops
from credgraph.embedded import plain_term
from credgraph.formats import quads_to_nquads
from credgraph.embedded import OxigraphStore
from credgraph.store import plain_value
from credgraph.synth import synth_corpus

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
@pytest.mark.parametrize("lexical, kind", [
    ("5", "integer"), ("-5", "integer"), ("+5", "integer"), ("05", "integer"),
    ("+-5", "integer"), ("٣", "integer"), ("", "integer"), ("1.50", "decimal"),
    ("-.5", "decimal"), ("1.2.3", "decimal"), ("1e3", "decimal"), ("true", "boolean"),
    ("1", "boolean"), ("maybe", "boolean"), ("2024-01-02", "date"), ("2024-02-30", "date"),
    ("2024-01-02Z", "date"), ("text", "string"), ("2.5", "double"),
    ("2024-01-02T10:00:00Z", "dateTime"),
])
def test_oxigraph_cells_convert_as_rdflib_converts_them(lexical, kind):
    fast = plain_term(ox.Literal(lexical, datatype=ox.NamedNode(XSD + kind)))
    slow = plain_value(Literal(lexical, datatype=XSD + kind))
    assert (fast, type(fast)) == (slow, type(slow))


def test_language_strings_and_iris_convert_too():
    store = OxigraphStore()
    assert plain_term(ox.Literal("Kyiv", language="en")) == "Kyiv"
    assert plain_term(ox.NamedNode("https://example.org/x")) == "https://example.org/x"
    assert store.select('SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 "x") (1 "x") } }') \
        == [(1, "x"), (1, "x")]


@pytest.mark.parametrize("seed", [1, 2])
def test_nquads_lines_equal_rdflibs_n3(seed):
    quads = list(corpus_quads(synth_corpus(300, seed)))
    expected = [f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n" for s, p, o, g in quads]
    assert list(quads_to_nquads(quads)) == expected


@pytest.mark.parametrize("text", ['two\nlines', 'a "quote"', "back\\slash", "cr\rhere"])
def test_a_literal_stays_on_one_line_and_parses_back(text):
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    (line,) = quads_to_nquads([(s, p, Literal(text), None)])
    assert line.count("\n") == 1
    (quad,) = ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == text


def _old_chains(graph, start, limit=64):
    """The chain walk as it was: a stack of (node, path) with a copy per step."""
    chains, stack = [], [(start, [start])]
    while stack and len(chains) < limit:
        node, path = stack.pop()
        nexts = [s for s in graph.successors(node) if s not in path]
        if not nexts:
            chains.append(path)
            continue
        for s in reversed(sorted(nexts)):
            stack.append((s, path + [s]))
    return chains


edges = st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=25)


@settings(max_examples=80, deadline=None)
@given(edges, st.integers(1, 64))
def test_chains_walked_in_place_equal_the_old_walk(pairs, limit):
    graph = nx.DiGraph(pairs)
    for node in graph:
        assert chains_from(graph, node, limit) == _old_chains(graph, node, limit)


@settings(max_examples=80, deadline=None)
@given(edges)
def test_the_graph_built_from_dicts_equals_networkx_own(pairs):
    kinds = {n: "mention" for n, _ in pairs[: len(pairs) // 2]}
    succ: dict = {}
    for a, b in pairs:
        succ.setdefault(a, [])
        if b not in succ[a]:
            succ[a].append(b)
    graph = digraph_from(kinds, succ)
    plain = nx.DiGraph()
    plain.add_nodes_from(kinds, kind="mention")
    plain.add_edges_from(pairs)
    assert set(graph.nodes(data="kind")) == set(plain.nodes(data="kind"))
    assert set(graph.edges) == set(plain.edges)
    assert all(set(graph.predecessors(n)) == set(plain.predecessors(n)) for n in plain)
    assert all(list(graph.successors(n)) == succ.get(n, []) for n in graph)


@settings(max_examples=150, deadline=None)
@given(edges, st.lists(st.integers(0, 12), max_size=6))
def test_roots_and_loops_on_lists_equal_networkx(pairs, order):
    """Lists or a DiGraph's dicts, with start nodes or without: the same roots and loops."""
    succ: dict = {}
    for a, b in pairs:
        succ.setdefault(a, [])
        if b not in succ[a]:
            succ[a].append(b)
    graph = nx.DiGraph(pairs)
    graph.add_nodes_from(order)
    roots, loops = roots_and_loops(succ, order=order)
    assert set(roots) == set(graph)
    cond = nx.condensation(graph)
    mapping, sinks = cond.graph["mapping"], {c for c in cond if cond.out_degree(c) == 0}
    for node in graph:
        reach = nx.descendants(graph, node) | {node}
        assert roots[node] == {n for n in reach if mapping[n] in sinks}
    expected = [sorted(c) for c in nx.strongly_connected_components(graph)
                if len(c) > 1 or graph.has_edge(next(iter(c)), next(iter(c)))]
    assert sorted(sorted(loop) for loop in loops) == sorted(expected)
    assert all(loop[0] == min(loop) for loop in loops)  # drawn from the first by name
    assert roots_and_loops(graph.succ, order=order)[1] == loops
