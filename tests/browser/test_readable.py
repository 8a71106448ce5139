"""Readable at a glance, measured in headless Chromium at 1600x1000: labels at the opening
zoom, every badge, the grade key, honest counts, the selection above the fold, a re-fit
after a filter, no stale tooltip, a selected figure's colour, bidirectional text in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from credgraph.api import audit
from credgraph.display import BIDI_CONTROLS
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_annotations
from credgraph.view import ORDER, ranked, view, view_graph
from credgraph.view_page import LABEL_PX

pytestmark = pytest.mark.browser

XSS = Path(__file__).parent / "xss-corpus"
HUR = "figure:hur-southern-district-deserters"


@pytest.fixture
def seed_page(open_page, seed_audit):
    return open_page(view(seed_audit))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("s" if n != 1 else "")


def _first_badge_line(fig) -> str:
    """What a figure's badge must say, from the audit (not from the page's data)."""
    return (f"{fig.grade.code} · {_plural(len(fig.claim.reports), 'report')} · "
            f"{_plural(fig.independent_origins, 'origin')}")


def _rect(page, selector: str) -> dict:
    return page.js("(s) => document.querySelector(s).getBoundingClientRect().toJSON()", selector)


def test_labels_and_badges_are_legible_at_the_opening_zoom(seed_page, seed_audit):
    drawn = seed_page.drawn_text()
    assert len(drawn) > 40
    small = [t for t in drawn if t["px"] < LABEL_PX - 0.01]
    assert small == [], small[:5]
    on = set(seed_page.on_screen())
    top = "figure:" + ranked(seed_audit.figures)[0].id
    assert top in on  # it opens on the figure that matters most ...
    texts = {t["text"] for t in drawn}
    fig = seed_audit.figure(top.removeprefix("figure:"))
    assert _first_badge_line(fig) in texts and any(t.startswith("⚑ ") for t in texts)
    chain = {"source:" + a.origin.source for a in fig.origins if a.origin.source}
    chain |= {"report:" + r for r in fig.claim.reports}
    assert chain <= on  # ... with its chain back to the origin
    assert len([n for n in on if n.startswith("figure:")]) >= 6


def test_detail_comes_with_the_zoom(seed_page):
    def at(scale):
        seed_page.js("(s) => credgraph.network.moveTo({scale: s, animation: false})", scale)
        return {t["text"] for t in seed_page.drawn_text()}

    near, middle, far = at(1.0), at(0.4), at(0.2)
    assert any(t.startswith("⚑") for t in near) and not any(t.startswith("⚑") for t in middle)
    assert any(re.match(r"[A-F][1-6] · ", t) for t in middle)
    assert not any(re.match(r"[A-F][1-6] · ", t) for t in far)


def test_every_figure_badge_says_its_reports_and_origins(seed_page, seed_audit):
    seed_page.page.click("#fit")
    drawn = sorted(t["text"] for t in seed_page.drawn_text()
                   if re.match(r"[A-F][1-6] · \d+ reports? · \d+ origins?$", t["text"]))
    assert drawn == sorted(_first_badge_line(f) for f in seed_audit.figures)
    single = [f for f in seed_audit.figures if f.independent_origins == 1]
    assert sum(t.endswith(" · 1 origin") for t in drawn) == len(single) > 30


def test_the_grade_key_explains_the_admiralty_code(seed_page, seed_audit):
    page = seed_page.page
    key = page.inner_text("#key")
    assert "Admiralty" in key and "reliability" in key and "credibility" in key
    for row in ("A\tcompletely reliable", "F\treliability cannot be judged", "1\tconfirmed",
                "4\tdoubtful", "6\ttruth cannot be judged"):
        assert row in key
    page.mouse.click(*seed_page.screen_point(HUR, scale=1.0))
    fig = seed_audit.figure(HUR.removeprefix("figure:"))
    assert page.inner_text("#grade-code") == fig.grade.code == "D4"
    assert page.inner_text("#grade-meaning") == ("D: not usually reliable source; "
                                                 "4: doubtful information")
    assert page.inner_text("#grade-reason") == f"Why D4: {fig.grade.reason}."
    assert seed_page.js("""() => Array.from(document.querySelectorAll('#key tr.on'),
                           r => r.cells[0].textContent)""") == ["D", "4"]
    for part in ("#grade-reason", "#key tr.on"):
        assert _rect(seed_page, part)["bottom"] <= 1000  # beside each other, both in view


def test_the_selection_comes_first_and_above_the_fold(seed_page, seed_view_graph):
    longest = max((n for n, d in seed_view_graph.nodes(data=True) if d["kind"] == "figure"),
                  key=lambda n: len(seed_view_graph.nodes[n]["chains"]))
    chains = seed_view_graph.nodes[longest]["chains"]
    assert len(chains) >= 2
    seed_page.page.mouse.click(*seed_page.screen_point(longest, scale=1.0))
    assert seed_page.js("() => credgraph.state.selected") == longest
    order = seed_page.js("() => Array.from(document.querySelector('#side').children, c => c.id)")
    assert order[:2] == ["info", "key"]
    assert seed_page.js("() => document.querySelector('#side').scrollTop") == 0
    for part in ("#info-name", "#info-counts", "#grade-reason", "#info-chains"):
        box = _rect(seed_page, part)
        assert 0 <= box["top"] and box["bottom"] <= 1000 and box["height"] > 0, part
    listed = seed_page.js("() => Array.from(document.querySelectorAll('#info-chains li'),"
                          " li => li.textContent)")
    assert listed == chains
    for part in ("legend", "filters"):  # collapsible
        seed_page.page.click(f"#{part} > summary")
        assert seed_page.js("(id) => document.getElementById(id).open", part) is False


@pytest.fixture(scope="module")
def seed_view_graph(seed_audit):
    return view_graph(seed_audit)


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("capped") / "corpus"
    write_annotations(synth_corpus(300, seed=4), folder)
    result = audit(folder, label="a newsroom's corpus " + "x" * 300)
    return result, view(result, max_figures=25)


def test_a_capped_view_counts_honestly_and_its_heading_is_whole(open_page, capped, artifacts):
    result, html = capped
    opened = open_page(html)
    page, total = opened.page, len(result.figures)
    assert page.inner_text("#counts-text") == f"25 of {total:,} figures ({ORDER})"
    assert f"--max-figures {total}" in page.inner_text("#rest")
    assert "--figure ID" in page.inner_text("#rest")
    assert page.inner_text("#shown") == f"25 of {total:,} figures ({ORDER})."
    h1 = opened.js("""() => { const h = document.querySelector('h1');
        return [h.scrollWidth, h.clientWidth, h.getBoundingClientRect().right,
                h.getBoundingClientRect().height, getComputedStyle(h).textOverflow]; }""")
    assert h1[0] <= h1[1] and h1[2] <= 1600 and h1[3] > 30 and h1[4] != "ellipsis"
    assert page.inner_text("h1") == "credgraph: " + result.input
    page.screenshot(path=str(artifacts / "capped-view.png"))
    _tick(page, "flag", opened.js("() => document.querySelector('#filter-flag input').value"))
    assert re.fullmatch(r"\d+ of these 25 figures match the filters\.", page.inner_text("#shown"))


def _tick(page, group: str, value: str):
    section = page.locator(f"details:has(> #filter-{group})")
    if section.get_attribute("open") is None:
        section.locator("summary").click()
    page.check(f"#filter-{group} input[value='{value}']")


def test_a_filter_refits_the_view_to_what_stays(seed_page, seed_view_graph):
    seed_page.js("""() => credgraph.network.moveTo({position: {x: 90000, y: -90000},
                                                    scale: 3, animation: false})""")
    assert seed_page.on_screen() == []
    _tick(seed_page.page, "flag", "figure-drift")
    stays = set(seed_page.js("() => credgraph.nodes.get().filter(n => !n.hidden).map(n => n.id)"))
    assert stays and set(seed_page.on_screen()) == stays
    _tick(seed_page.page, "outlet", "newsweek")
    fewer = set(seed_page.js("() => credgraph.nodes.get().filter(n => !n.hidden).map(n => n.id)"))
    assert fewer < stays and set(seed_page.on_screen()) == fewer


def test_no_tooltip_stays_after_a_keyboard_search(seed_page):
    page = seed_page.page
    page.mouse.move(*seed_page.screen_point(HUR, scale=1.0))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    page.focus("#query")
    page.keyboard.type("Mediazona")
    page.keyboard.press("Enter")
    assert seed_page.js("() => credgraph.state.selected") == "source:mediazona"
    page.wait_for_timeout(400)  # past the tooltip's delay
    assert not tip.is_visible()


def test_a_selected_figure_keeps_its_severity_colour(seed_page):
    """vis-network repaints a selected node in its default blue unless told not to."""
    seed_page.page.mouse.click(*seed_page.screen_point(HUR, scale=1.0))
    assert seed_page.js("() => credgraph.network.getSelectedNodes()") == [HUR]
    colours = seed_page.js("""(id) => {
        const net = credgraph.network, b = net.getBoundingBox(id), r = window.devicePixelRatio;
        const c = document.querySelector('#graph canvas'), ctx = c.getContext('2d');
        const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right,
                                                                            y: b.bottom});
        const px = ctx.getImageData(a.x * r, a.y * r, (z.x - a.x) * r, (z.y - a.y) * r).data;
        const seen = {};
        for (let i = 0; i < px.length; i += 4) {
            const key = px[i] + ',' + px[i + 1] + ',' + px[i + 2];
            seen[key] = (seen[key] || 0) + 1;
        }
        return seen; }""", HUR)
    assert colours.get("255,235,238", 0) > 200  # the error figure's background, #ffebee
    assert colours.get("198,40,40", 0) > 50  # and its border, #c62828
    assert colours.get("210,229,255", 0) == 0  # never vis-network's highlight, #d2e5ff


def test_bidirectional_text_reads_in_order(open_page):
    opened = open_page(view(audit(XSS)))
    page = opened.page
    assert not set(opened.js("() => document.body.innerText")) & BIDI_CONTROLS
    page.fill("#query", "Mirror")
    page.press("#query", "Enter")
    assert opened.js("() => credgraph.state.selected") == "source:mirror"
    assert page.inner_text("#info-name") == "Mirror ycnegA (source)"
    # each character of the name stands to the right of the one before it, as written
    xs = opened.js("""() => {
        const text = document.querySelector('#info-name').firstChild, xs = [];
        for (let i = 0; i < 'Mirror ycnegA'.length; i++) {
            const r = document.createRange();
            r.setStart(text, i);
            r.setEnd(text, i + 1);
            xs.push(r.getBoundingClientRect().left);
        }
        return xs; }""")
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    drawn = [t["text"] for t in opened.drawn_text()]
    assert "Mirror ycnegA" in drawn and not set("".join(drawn)) & BIDI_CONTROLS
    page.mouse.move(*opened.screen_point("source:mirror", scale=1.0))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert "overrides esrever in a reason" in tip.inner_text()
