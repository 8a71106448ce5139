"""A view grouped by origin, in headless Chromium: a group opens its figures with their
chains, Back returns, search and filters reach every sheet, Reset goes back to the start."""

from __future__ import annotations

import pytest

from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.view import to_html, view_graph
from credgraph.view_page import LABEL_PX

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def grouped_view():
    store = MemoryStore()
    store.load_quads(corpus_quads(synth_corpus(900, seed=11)))
    return view_graph(audit(store))


@pytest.fixture
def grouped(open_page, grouped_view):
    return open_page(to_html(grouped_view, heading="grouped", group_above=200))


def _figures_on_sheet(opened) -> set:
    return set(opened.js("() => credgraph.sheet.nodes.filter(n => n.kind === 'figure')"
                         ".map(n => n.id)"))


def test_it_opens_on_the_origins_legibly(grouped):
    assert grouped.errors == [] and grouped.remote == []
    assert grouped.js("() => credgraph.state.sheet") == 0
    kinds = set(grouped.js("() => credgraph.sheet.nodes.map(n => n.kind)"))
    assert kinds == {"group"}
    assert grouped.page.is_visible("#sheets") and grouped.page.inner_text(
        "#sheet-title") == "All origins"
    assert not grouped.page.is_visible("#sheet-up")
    drawn = grouped.drawn_text()
    assert drawn and min(t["px"] for t in drawn) >= LABEL_PX - 0.01
    assert any(t["text"].endswith(" figures") for t in drawn)


def test_a_click_on_a_group_opens_its_figures_and_back_returns(grouped, grouped_view):
    group = grouped.js("() => credgraph.sheet.nodes.find(n => n.figures.length > 3).id")
    wanted = set(grouped.js("(id) => credgraph.nodes.get(id).figures", group))
    opens = grouped.js("(id) => credgraph.nodes.get(id).opens", group)
    grouped.page.mouse.click(*grouped.screen_point(group))
    assert grouped.js("() => credgraph.state.sheet") == opens > 0
    figures = _figures_on_sheet(grouped)
    assert figures and figures <= wanted
    on_chains = {n for n, fs in grouped_view.nodes(data="figures") if fs & figures}
    drawn = set(grouped.js("() => credgraph.nodes.getIds()"))
    assert on_chains <= drawn  # whole chains, outlets included
    assert grouped.page.is_visible("#sheet-up")
    # a figure on it lights its chains as on any view
    figure = min(figures)
    grouped.page.mouse.click(*grouped.screen_point(figure, scale=1.0))
    lit = set(grouped.js("() => credgraph.lit()"))
    assert lit == {n for n in drawn if figure in grouped_view.nodes[n]["figures"]}
    grouped.page.click("#sheet-up")
    assert grouped.js("() => credgraph.state.sheet") == 0
    assert grouped.errors == []


def test_search_finds_a_figure_on_another_sheet(grouped, grouped_view):
    figure = max(n for n, k in grouped_view.nodes(data="kind") if k == "figure")
    grouped.page.fill("#query", figure.removeprefix("figure:"))
    grouped.page.press("#query", "Enter")
    assert grouped.js("() => credgraph.state.selected") == figure
    assert figure in _figures_on_sheet(grouped)
    assert figure in grouped.on_screen()
    grouped.page.click("#reset")
    assert grouped.js("() => [credgraph.state.sheet, credgraph.state.selected]") == [0, None]


def test_a_filter_on_the_origins_keeps_the_groups_with_a_match(grouped, grouped_view):
    flag = "figure-drift"
    grouped.page.check(f"#filter-flag input[value='{flag}']")
    matching = {n for n, d in grouped_view.nodes(data=True)
                if d["kind"] == "figure" and flag in d["flags"]}
    groups = grouped.js("() => credgraph.nodes.get().map(n => [n.id, n.hidden, n.figures])")
    assert matching and any(hidden for _, hidden, _ in groups)
    for _, hidden, figures in groups:
        assert hidden == (not set(figures) & matching)
    assert set(grouped.on_screen()) == {g for g, hidden, _ in groups if not hidden}


def test_screenshots_of_a_grouped_view(grouped, artifacts):
    """test-artifacts/grouped-origins.png and grouped-origin.png, for people to read."""
    grouped.page.screenshot(path=str(artifacts / "grouped-origins.png"))
    group = grouped.js("""() => credgraph.sheet.nodes.reduce((a, b) =>
                          b.figures.length > a.figures.length ? b : a).id""")
    grouped.page.mouse.click(*grouped.screen_point(group))
    grouped.page.mouse.move(5, 995)  # off the graph: no tooltip in the picture
    grouped.page.wait_for_timeout(300)
    grouped.page.screenshot(path=str(artifacts / "grouped-origin.png"))
    assert (artifacts / "grouped-origin.png").stat().st_size > 50_000
