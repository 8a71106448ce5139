"""A large view cut into sheets: an origin's figures grouped into one node that opens them."""

from __future__ import annotations

from collections import Counter

import pytest

from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.view import to_html, view_graph
from credgraph.view_groups import GROUP_ABOVE, sheets
from tests.html_page import page_data
from tests.test_layout import _footprints


@pytest.fixture(scope="module")
def large_audit():
    store = MemoryStore()
    store.load_quads(corpus_quads(synth_corpus(900, seed=11)))
    return audit(store)


@pytest.fixture(scope="module")
def large_view(large_audit):
    return view_graph(large_audit)


@pytest.fixture(scope="module")
def cut(large_view):
    """Small limits, so that a corpus quick to build shows every kind of sheet."""
    return sheets(large_view, above=200, page=40, overview=25)


def _figures(G) -> set:
    return {n for n, k in G.nodes(data="kind") if k == "figure"}


def test_a_view_up_to_the_limit_is_one_sheet(seed_audit):
    G = view_graph(seed_audit)
    assert len(G) <= GROUP_ABOVE
    [one] = sheets(G)
    assert one.kind == "all" and one.graph is G and set(one.pos) == set(G)


def test_each_origin_groups_exactly_the_figures_resting_on_it(large_audit, large_view, cut):
    counts = Counter()
    for fig in large_audit.figures:
        keys = {("source:" + a.origin.source if a.origin.source else
                 ":".join(a.origin.independence)) for a in fig.origins}
        counts.update(keys)
    groups = {n: d for s in cut if s.kind == "origins" for n, d in s.graph.nodes(data=True)
              if "#" not in n}
    assert {n.removeprefix("group:"): len(d["figures"]) for n, d in groups.items()} == counts
    assert all(d["label"].endswith(f"{len(d['figures']):,} figure" + "s" * (
        len(d["figures"]) > 1)) for d in groups.values())


def test_every_figure_is_on_its_origins_sheets_with_its_whole_chains(large_view, cut):
    seen = set()
    for sheet in cut:
        if sheet.kind != "origin":
            continue
        figs = _figures(sheet.graph)
        seen |= figs
        for f in figs:  # the chains are whole: every node and edge of the figure is here
            assert {n for n, fs in large_view.nodes(data="figures") if f in fs} <= set(
                sheet.graph)
            assert {(a, b) for a, b, fs in large_view.edges(data="figures") if f in fs} <= set(
                sheet.graph.edges)
        for a, b, fs in sheet.graph.edges(data="figures"):  # and nothing else
            assert fs & figs, (a, b)
    assert seen == _figures(large_view)


def test_sheets_stay_small_and_link_up(cut):
    for i, sheet in enumerate(cut):
        groups = [n for n, k in sheet.graph.nodes(data="kind") if k == "group"]
        if sheet.kind == "origins":
            assert len(groups) == len(sheet.graph) <= 26  # 25 groups and a "more" node
            assert sheet.up is None
        else:
            assert len(_figures(sheet.graph)) <= 40 and len(groups) <= 1
            assert cut[sheet.up].kind == "origins"
        for n in groups:  # a group node opens the sheet of its figures
            opened = cut[sheet.graph.nodes[n]["opens"]]
            wanted = sheet.graph.nodes[n]["figures"]
            if "#" in n:  # "more" nodes open the next sheet of the same sequence
                assert sheet.graph.nodes[n]["opens"] == sheet.next == i + 1
            else:
                assert opened.kind == "origin" and _figures(opened.graph) <= wanted
        assert sheet.next is None or cut[sheet.next].prev == i
        assert set(sheet.pos) == set(sheet.graph)


def test_groups_come_in_the_order_of_their_most_important_figure(cut):
    firsts = [d["rank"] for s in cut if s.kind == "origins"
              for n, d in s.graph.nodes(data=True) if "#" not in n]
    assert firsts == sorted(firsts)
    paged = [s for s in cut if s.kind == "origin" and s.next is not None]
    assert paged  # an origin with more figures than a page: pages in rank order
    for s in paged:
        def ranks(sheet):
            return [d["rank"] for _, d in sheet.graph.nodes(data=True) if d["kind"] == "figure"]
        assert max(ranks(s)) < min(ranks(cut[s.next]))


def test_no_two_footprints_overlap_on_any_sheet(cut):
    for sheet in cut:
        boxes = sorted(_footprints(sheet.graph, sheet.pos).items(), key=lambda i: i[1][1])
        for i, (a, (l1, t1, r1, b1)) in enumerate(boxes):
            for b, (l2, t2, r2, b2) in boxes[i + 1:]:
                if t2 >= b1:
                    break
                assert r1 <= l2 or r2 <= l1, f"{sheet.title}: {a} overlaps {b}"


def test_the_page_holds_each_node_once_and_each_sheet_by_index(large_view):
    page = page_data(to_html(large_view, group_above=200))
    ids = [n["id"] for n in page["nodes"]]
    assert len(ids) == len(set(ids)) and set(large_view) <= set(ids)
    assert {page["nodes"][k]["id"] for s in page["sheets"] for k in s["nodes"]} == set(ids)
    first = page["sheets"][0]
    assert first["kind"] == "origins" and first["edges"] == []
    for s in page["sheets"]:
        assert len(s["xy"]) == 2 * len(s["nodes"])
        ends = {page["nodes"][k]["id"] for k in s["nodes"]}
        assert all({page["edges"][e]["from"], page["edges"][e]["to"]} <= ends
                   for e in s["edges"])
