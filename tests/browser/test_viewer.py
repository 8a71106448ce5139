"""The viewer in a real headless Chromium: offline, complete, interactive, readable, safe."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from credgraph.api import audit
from credgraph.view import to_html, view, view_graph

pytestmark = pytest.mark.browser

XSS = Path(__file__).parent / "xss-corpus"
PAYLOAD = "<img src=x onerror=window.__p=1>"
HUR = "figure:hur-southern-district-deserters"


@pytest.fixture(scope="module")
def seed_view(seed_audit):
    return view_graph(seed_audit)


@pytest.fixture
def seed_page(open_page, seed_audit):
    return open_page(view(seed_audit))


def _tick(page, group: str, value: str):
    """Tick a filter box as a person would: open its section first."""
    section = page.locator(f"details:has(> #filter-{group})")
    if section.get_attribute("open") is None:
        section.locator("summary").click()
    page.check(f"#filter-{group} input[value='{value}']")


def _on_chains(G, figure: str) -> set:
    return {n for n, figures in G.nodes(data="figures") if figure in figures}


def test_the_seed_view_loads_offline_without_errors(seed_page):
    assert seed_page.errors == []
    assert [m for m in seed_page.console if m[0] == "error"] == []
    assert seed_page.remote == []
    assert seed_page.requests and all(u.startswith("file:") for u in seed_page.requests)


def test_the_canvas_is_drawn(seed_page):
    width, height, painted = seed_page.js("""() => {
        const c = document.querySelector('#graph canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i]) n++;
        return [c.width, c.height, n]; }""")
    assert width > 800 and height > 600
    assert painted > 0.02 * width * height


def test_the_page_holds_every_node_of_the_graph(seed_page, seed_view):
    ids = seed_page.js("() => Object.keys(credgraph.network.getPositions())")
    assert sorted(ids) == sorted(seed_view)
    assert seed_page.js("() => credgraph.edges.length") == seed_view.number_of_edges()


def test_clicking_a_figure_lights_its_chains_and_dims_the_rest(seed_page, seed_view):
    seed_page.page.mouse.click(*seed_page.screen_point(HUR, scale=1.0))
    assert seed_page.js("() => credgraph.state.selected") == HUR
    lit = set(seed_page.js("() => credgraph.lit()"))
    assert lit == _on_chains(seed_view, HUR)
    assert {"source:hur", "source:hur-telegram", "report:newsweek-2024-03-hur-desertions",
            "source:newsweek"} <= lit
    opacity = seed_page.js("() => credgraph.nodes.get().map(n => [n.id, n.opacity])")
    assert {n for n, o in opacity if o == 1} == lit
    assert all(o < 0.5 for n, o in opacity if n not in lit)
    chains = seed_page.js("() => Array.from(document.querySelectorAll('#info-chains li'),"
                          " li => li.textContent)")
    assert chains == seed_view.nodes[HUR]["chains"] and "Telegram" in chains[0]


def test_clicking_the_background_clears_the_highlight(seed_page):
    seed_page.page.mouse.click(*seed_page.screen_point(HUR, scale=1.0))
    empty = seed_page.js("""() => {
        const c = document.querySelector('#graph canvas').getBoundingClientRect();
        for (let x = 10; x < c.width; x += 25) for (let y = 10; y < c.height; y += 25)
            if (credgraph.network.getNodeAt({x, y}) === undefined
                && credgraph.network.getEdgeAt({x, y}) === undefined)
                return [c.left + x, c.top + y];
        return null; }""")
    seed_page.page.mouse.click(*empty)
    assert seed_page.js("() => credgraph.lit()") == []
    assert seed_page.js("() => credgraph.nodes.get().every(n => n.opacity === 1)")


@pytest.mark.parametrize("query, node", [
    ("Mediazone", "source:mediazona"),
    ("zona.media", "source:mediazona"),
    ("GUR", "source:hur"),
    ("Kyiv says thousands", "report:newsweek-2024-03-hur-desertions"),
    ("hur-8th-army", "figure:hur-8th-army-deserters"),
])
def test_search_finds_a_node_by_name_alias_or_id(seed_page, query, node):
    seed_page.page.fill("#query", query)
    first = seed_page.page.locator("#matches li").first
    assert seed_page.js("(id) => credgraph.nodes.get(id).name", node) in first.inner_text()
    seed_page.page.press("#query", "Enter")
    assert seed_page.js("() => credgraph.state.selected") == node
    assert seed_page.js("() => credgraph.network.getSelectedNodes()") == [node]


def test_search_result_list_shows_mediazona_for_mediazone(seed_page, seed_view):
    seed_page.page.fill("#query", "Mediazone")
    seed_page.page.locator("#matches li").first.click()
    assert set(seed_page.js("() => credgraph.lit()")) == {
        n for f in seed_view.nodes["source:mediazona"]["figures"] for n in _on_chains(seed_view, f)}


@pytest.mark.parametrize("group, value, attribute", [
    ("flag", "figure-drift", "flags"),
    ("kind", "anonymous-person", "kinds"),
    ("outlet", "newsweek", "outlets"),
])
def test_a_filter_keeps_the_matching_figures_and_their_chains(seed_page, seed_view, group,
                                                              value, attribute):
    _tick(seed_page.page, group, value)
    keep = {n for n, d in seed_view.nodes(data=True)
            if d["kind"] == "figure" and value in d[attribute]}
    assert keep
    shown = {n for n, d in seed_view.nodes(data=True) if d["figures"] & keep}
    hidden = set(seed_page.js("() => credgraph.nodes.get().filter(n => n.hidden).map(n => n.id)"))
    assert hidden == set(seed_view) - shown
    total = sum(1 for _, k in seed_view.nodes(data="kind") if k == "figure")
    assert seed_page.page.inner_text("#shown") == (
        f"{len(keep)} of these {total} figures match the filters.")
    seed_page.page.click("#reset")
    assert seed_page.js("() => credgraph.nodes.get().some(n => n.hidden)") is False


def test_two_filters_meet(seed_page, seed_view):
    _tick(seed_page.page, "flag", "hedge-dropped")
    _tick(seed_page.page, "outlet", "newsweek")
    visible = seed_page.js("() => Array.from(credgraph.state.visible)")
    assert visible == [n for n, d in seed_view.nodes(data=True) if d["kind"] == "figure"
                       and "hedge-dropped" in d["flags"] and "newsweek" in d["outlets"]]


def test_finding_a_filtered_out_node_shows_everything_again(seed_page, seed_view):
    _tick(seed_page.page, "flag", "figure-drift")
    drift = {n for n, d in seed_view.nodes(data=True) if "figure-drift" in d.get("flags", ())}
    gone = min(n for n, d in seed_view.nodes(data=True)
               if d["kind"] == "source" and not d["figures"] & drift)
    assert seed_page.js("(id) => credgraph.nodes.get(id).hidden", gone) is True
    seed_page.page.fill("#query", seed_view.nodes[gone]["name"])
    seed_page.page.press("#query", "Enter")
    assert seed_page.js("() => credgraph.state.selected") == gone
    assert seed_page.js("() => credgraph.nodes.get().some(n => n.hidden)") is False
    assert not seed_page.page.is_checked("#filter-flag input[value='figure-drift']")


def test_the_tooltip_shows_the_facts_as_plain_text(seed_page, seed_audit):
    seed_page.page.mouse.move(*seed_page.screen_point(HUR, scale=1.0))
    tip = seed_page.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    fig = seed_audit.figure("hur-southern-district-deserters")
    text = tip.inner_text()
    assert f"grade {fig.grade.code}: {fig.grade.reason}" in text and "hedge:" in text
    tags = seed_page.js("() => Array.from(document.querySelector('div.vis-tooltip').children,"
                        " c => c.tagName)")
    assert set(tags) == {"BR"}  # innerText: line breaks only, no markup


def _overlaps(boxes: list[dict]) -> list:
    rows = sorted(boxes, key=lambda b: b["top"])
    found = []
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if b["top"] >= a["bottom"]:
                break
            if a["id"] != b["id"] and a["left"] < b["right"] and b["left"] < a["right"]:
                found.append((a["id"], b["id"]))
    return found


def test_no_two_labels_or_badges_overlap_on_the_seed_view(seed_page):
    boxes = seed_page.js("""() => credgraph.data.nodes.map(n => Object.assign(
        {id: n.id}, credgraph.network.getBoundingBox(n.id))).concat(credgraph.badgeBoxes())""")
    assert len(boxes) > len(seed_page.js("() => credgraph.data.nodes"))
    assert _overlaps(boxes) == []


def test_screenshot_of_the_seed_view(seed_page, artifacts):
    """test-artifacts/seed-view.png (the seed graph as it opens), seed-view-hur-chain.png
    (one figure's chain lit up) and seed-view-whole.png (zoomed out to all of it)."""
    path = artifacts / "seed-view.png"
    seed_page.page.screenshot(path=str(path))
    seed_page.page.mouse.click(*seed_page.screen_point(HUR, scale=1.0))
    seed_page.js("() => credgraph.network.fit({nodes: credgraph.lit(), animation: false})")
    seed_page.page.screenshot(path=str(artifacts / "seed-view-hur-chain.png"))
    seed_page.page.click("#fit")
    seed_page.page.screenshot(path=str(artifacts / "seed-view-whole.png"))
    assert path.stat().st_size > 50_000


def _payload_views(audit):
    G = view_graph(audit)
    yield "heading", to_html(G, heading=PAYLOAD)
    ids = {n: n.split(":")[0] + ":" + PAYLOAD + n for n in G if not n.startswith("figure:")}
    yield "ids", to_html(nx.relabel_nodes(G, ids), heading="ids " + PAYLOAD)


@pytest.mark.parametrize("which", ["heading", "ids"])
def test_script_payloads_in_the_data_do_nothing(open_page, which):
    html = dict(_payload_views(audit(XSS, label=PAYLOAD)))[which]
    opened = open_page(html)
    page = opened.page
    ids = opened.js("() => credgraph.data.nodes.map(n => n.id)")
    assert any(PAYLOAD in i for i in ids) == (which == "ids")
    for node in ids:
        page.mouse.move(*opened.screen_point(node, scale=1.0))
        page.wait_for_timeout(200)  # the tooltip's delay
        page.mouse.click(*opened.screen_point(node))
    for query in ("<img", "script", "Agency", "Paper"):
        page.fill("#query", query)
        for i in range(page.locator("#matches li").count()):
            page.fill("#query", query)  # choosing a match closes the list
            page.locator("#matches li").nth(i).click()
        page.fill("#query", query)
        page.press("#query", "Enter")
    for group in ("flag", "kind", "outlet"):
        for value in page.locator(f"#filter-{group} input").evaluate_all(
                "boxes => boxes.map(b => b.value)"):
            _tick(page, group, value)
    page.keyboard.press("Escape")
    page.click("#reset")
    assert opened.js("() => window.__p") is None
    assert opened.js("() => document.querySelectorAll('img, svg, iframe, object').length") == 0
    assert opened.js("() => document.scripts.length") == 3
    assert opened.dialogs == [] and opened.errors == [] and opened.remote == []
    assert [m for m in opened.console if m[0] == "error"] == []
    assert PAYLOAD in page.inner_text("h1")
