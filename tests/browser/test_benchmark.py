"""How soon a large view is interactive in headless Chromium: a benchmark, not a test of
the build machine's speed, so it runs only when asked for::

    python -m pytest tests/browser/test_benchmark.py --benchmark-only

The target (issues 5 and 15) is under 5 s from opening the file to a click lighting up a
chain, for any corpus: a 2,000-node view drawn at once, and every figure of a
20,000-mention corpus, which the page groups by origin (``credgraph.view_groups``).
"""

from __future__ import annotations

import time

import pytest

from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_annotations
from credgraph.view import layered_layout, to_html, view, view_graph

pytestmark = [pytest.mark.browser, pytest.mark.benchmark]

AT_ONCE = 10 ** 9  # group_above: draw the whole view on one sheet


@pytest.fixture(scope="module")
def big_view():
    store = MemoryStore()
    store.load_quads(corpus_quads(synth_corpus(3200, seed=5)))  # about 2,070 view nodes
    G = view_graph(audit(store))
    assert len(G) >= 2000
    return G


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """Every figure of a 20,000-mention corpus (about 8,400 figures, 13,000 view nodes)."""
    folder = tmp_path_factory.mktemp("newsroom") / "corpus"
    write_annotations(synth_corpus(20_000, seed=5), folder)
    return audit(folder)


def _click(opened, node: str):
    opened.page.mouse.click(*opened.screen_point(node))


def test_building_a_2000_node_page(benchmark, big_view):
    page = benchmark(lambda: to_html(big_view, layered_layout(big_view)))
    benchmark.extra_info.update(nodes=len(big_view), edges=big_view.number_of_edges(),
                                megabytes=round(len(page) / 1e6, 1))


def test_a_2000_node_view_is_interactive_within_5_seconds(benchmark, open_page, big_view):
    html = to_html(big_view, group_above=AT_ONCE)
    timings = []

    def open_and_click():
        started = time.perf_counter()
        opened = open_page(html)
        drawn = time.perf_counter()
        figure = opened.js("() => credgraph.data.nodes.find(n => n.kind === 'figure').id")
        _click(opened, figure)
        opened.page.wait_for_function("(id) => credgraph.state.selected === id", arg=figure)
        timings.append((drawn - started, time.perf_counter() - drawn))
        assert opened.errors == [] and opened.remote == []
        opened.page.context.close()
        return time.perf_counter() - started

    total = benchmark.pedantic(open_and_click, rounds=3, iterations=1)
    benchmark.extra_info.update(nodes=len(big_view), edges=big_view.number_of_edges(),
                                first_frame_s=[round(a, 2) for a, _ in timings],
                                click_to_highlight_s=[round(b, 2) for _, b in timings])
    assert total < 5
    assert max(a + b for a, b in timings) < 5


def test_building_the_page_of_every_figure_of_a_newsroom(benchmark, newsroom):
    page = benchmark.pedantic(lambda: view(newsroom), rounds=1, iterations=1)
    benchmark.extra_info.update(figures=len(newsroom.figures),
                                megabytes=round(len(page) / 1e6, 1))


def test_every_figure_of_a_newsroom_is_interactive_within_5_seconds(benchmark, open_page,
                                                                    newsroom):
    html = view(newsroom)
    steps: dict[str, list] = {}

    def step(name: str, started: float):
        steps.setdefault(name, []).append(round(time.perf_counter() - started, 2))

    def open_group_click_reset():
        started = time.perf_counter()
        opened = open_page(html)
        step("first_frame_s", started)
        steps["sheets"] = [opened.js("() => credgraph.data.sheets.length")]
        assert steps["sheets"][0] > 1  # grouped by origin
        t = time.perf_counter()
        group = opened.js("() => credgraph.sheet.nodes[0].id")  # the most flagged origin
        opens = opened.js("(id) => credgraph.nodes.get(id).opens", group)
        _click(opened, group)
        opened.page.wait_for_function("(s) => credgraph.state.sheet === s", arg=opens)
        step("group_opened_s", t)
        t = time.perf_counter()
        figure = opened.js("() => credgraph.sheet.nodes.find(n => n.kind === 'figure').id")
        _click(opened, figure)
        opened.page.wait_for_function("(id) => credgraph.state.selected === id", arg=figure)
        step("click_to_highlight_s", t)
        step("total_s", started)
        t = time.perf_counter()
        opened.page.click("#reset")
        opened.page.wait_for_function("() => credgraph.state.sheet === 0")
        step("reset_s", t)
        t = time.perf_counter()  # the origin with the most figures: its sheet is the largest
        group = opened.js("""() => credgraph.sheet.nodes.reduce((a, b) =>
                             b.figures.length > a.figures.length ? b : a).id""")
        opens = opened.js("(id) => credgraph.nodes.get(id).opens", group)
        _click(opened, group)
        opened.page.wait_for_function("(s) => credgraph.state.sheet === s", arg=opens)
        step("largest_group_opened_s", t)
        steps["largest_sheet_nodes"] = [opened.js("() => credgraph.sheet.nodes.length")]
        t = time.perf_counter()
        figure = opened.js("() => credgraph.sheet.nodes.find(n => n.kind === 'figure').id")
        _click(opened, figure)
        opened.page.wait_for_function("(id) => credgraph.state.selected === id", arg=figure)
        step("largest_click_to_highlight_s", t)
        assert opened.errors == [] and opened.remote == []
        opened.page.context.close()
        return time.perf_counter() - started

    benchmark.pedantic(open_group_click_reset, rounds=3, iterations=1)
    benchmark.extra_info.update(figures=len(newsroom.figures), megabytes=round(len(html) / 1e6),
                                **steps)
    assert max(steps["total_s"]) < 5
    assert max(a + b for a, b in zip(steps["largest_group_opened_s"],
                                     steps["largest_click_to_highlight_s"])) < 5
