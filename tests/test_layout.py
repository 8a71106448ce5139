"""Where the viewer's nodes go: columns, no overlaps, the figures that matter most on top."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credgraph import layout
from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.view import layered_layout, view_graph


@pytest.fixture(scope="module")
def seed_view(seed_audit):
    return view_graph(seed_audit)


@pytest.fixture(scope="module")
def large_view():
    store = MemoryStore()
    store.load_quads(corpus_quads(synth_corpus(500, seed=5)))
    return view_graph(audit(store))


def _footprints(G, pos) -> dict:
    boxes = {}
    for n in G:
        width, height, dy = layout._box(G, n)
        x, y = pos[n][0], pos[n][1] - dy
        boxes[n] = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
    return boxes


@pytest.mark.parametrize("which", ["seed_view", "large_view"])
def test_layout_footprints_do_not_overlap(request, which):
    G = request.getfixturevalue(which)
    boxes = _footprints(G, layered_layout(G))
    rows = sorted(boxes.items(), key=lambda item: item[1][1])
    for i, (a, (l1, t1, r1, b1)) in enumerate(rows):  # sweep down: only later tops can meet
        for b, (l2, t2, r2, b2) in rows[i + 1:]:
            if t2 >= b1:
                break
            assert r1 <= l2 or r2 <= l1, f"{a} overlaps {b}"


def test_layout_puts_origins_left_and_figures_right(seed_view):
    pos = layered_layout(seed_view)
    for a, b, kind in seed_view.edges(data="kind"):
        if {seed_view.nodes[a]["kind"], seed_view.nodes[b]["kind"]} != {"report"}:
            assert pos[a][0] < pos[b][0], (a, b, kind)


@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(1, 100)), max_size=30))
def test_spread_keeps_order_and_gaps(items):
    wanted = sorted(items)
    centres = layout._spread([(i, y, h) for i, (y, h) in enumerate(wanted)], gap=5)
    for i in range(len(wanted) - 1):
        low = centres[i] + wanted[i][1] / 2 + 5
        assert centres[i + 1] - wanted[i + 1][1] / 2 >= low - 1e-6


@pytest.mark.parametrize("which", ["seed_view", "large_view"])
def test_the_figures_that_matter_most_are_on_top(request, which):
    G = request.getfixturevalue(which)
    pos = layered_layout(G)
    figures = sorted((n for n, k in G.nodes(data="kind") if k == "figure"),
                     key=lambda f: G.nodes[f]["rank"])
    top = min(pos[f][1] for f in figures)
    first = figures[0]
    assert pos[first][1] - layout._box(G, first)[1] / 2 <= top  # in the first row
    bands: dict = {}  # figures stated by the same reports share a band, best first
    for f in figures:
        bands.setdefault(frozenset(G.predecessors(f)), []).append(
            round(pos[f][1] - layout._box(G, f)[2], 1))  # the row's centre
    assert any(len(ys) > 1 for ys in bands.values())
    for ys in bands.values():
        assert ys == sorted(ys), "a band's figures are not in the order of their rank"
