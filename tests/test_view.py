"""The HTML viewer without a browser: the view graph, its layout, and the page's safety.

The same pages are driven in headless Chromium by ``tests/browser/``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from credgraph import layout
from credgraph import view as viewer
from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.cli import main
from credgraph.errors import CredgraphError, InputError
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.view import (LARGE_VIEW, VIS_NETWORK_SHA256, VIS_NETWORK_VERSION, layered_layout,
                        script_json, to_html, view, view_graph)

STATIC = Path(viewer.__file__).with_name("static")
TESTS = Path(__file__).parent
XSS = TESTS / "browser" / "xss-corpus"
PAYLOAD = "<img src=x onerror=window.__p=1>"


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of every script element."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, {}))

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def page_data(page: str) -> dict:
    """The JSON the page's script reads."""
    found = re.search(r'<script type="application/json" id="credgraph-data">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def seed_view(seed_audit):
    return view_graph(seed_audit)


@pytest.fixture(scope="module")
def seed_page(seed_audit):
    return view(seed_audit)


@pytest.fixture(scope="module")
def xss_audit():
    return audit(XSS, label=PAYLOAD)


@pytest.fixture(scope="module")
def xss_page(xss_audit):
    return view(xss_audit, heading=PAYLOAD)


@pytest.fixture(scope="module")
def large_view():
    store = MemoryStore()
    store.load_quads(corpus_quads(synth_corpus(500, seed=5)))
    return view_graph(audit(store))


def _kinds(G) -> dict:
    return {kind: sorted(n for n, k in G.nodes(data="kind") if k == kind)
            for kind in ("source", "outlet", "report", "figure")}


def _view_path(trace, chain: list[str]) -> list[str]:
    """A traced chain (mention first) as view nodes, origin first."""
    path = []
    for key in reversed(chain):
        node = ("source:" + trace.statement_source[key] if key in trace.statement_source
                else "report:" + trace.mentions[key].report)
        if path[-1:] != [node]:
            path.append(node)
    return path


def test_nodes_are_the_audits_figures_reports_and_sources(seed_audit, seed_view):
    kinds = _kinds(seed_view)
    trace = seed_audit.trace
    assert kinds["figure"] == sorted("figure:" + f.id for f in seed_audit.figures)
    assert kinds["report"] == sorted({"report:" + r for f in seed_audit.figures
                                      for r in f.claim.reports})
    assert kinds["outlet"] == sorted({"source:" + trace.reports[r.removeprefix("report:")]
                                      .outlet for r in kinds["report"]})
    origins = {"source:" + a.origin.source for f in seed_audit.figures for a in f.origins
               if a.origin.source}
    assert origins <= set(kinds["source"]) | set(kinds["outlet"])


def test_every_chain_is_a_path_from_origin_to_figure(seed_audit, seed_view):
    trace = seed_audit.trace
    for fig in seed_audit.figures:
        for chain in fig.claim.chains:
            path = _view_path(trace, chain) + ["figure:" + fig.id]
            assert nx.is_path(seed_view, path), path
            assert seed_view.edges[path[-2], path[-1]]["kind"] == "states"
            assert all(seed_view.edges[a, b]["kind"] == "relay"
                       for a, b in zip(path, path[1:-1]))
            assert all("figure:" + fig.id in seed_view.nodes[n]["figures"] for n in path)


@pytest.mark.parametrize("figure, path", [
    ("hur-southern-district-deserters",
     ["source:hur", "source:hur-telegram", "report:newsweek-2024-03-hur-desertions"]),
    ("brigade-155-men-lost-nov-2022",
     ["source:marines-155th-brigade", "source:grey-zone", "source:mediazona",
      "report:19fortyfive-2022-11-155th-brigade"]),
    ("mediazona-desertion-cases-h1-2023",
     ["source:mediazona", "source:rferl", "report:dailydigest-2024-desertions-surge"]),
])
def test_relays_point_from_the_origin_to_the_report(seed_view, figure, path):
    assert nx.is_path(seed_view, path + ["figure:" + figure])
    report = path[-1]
    outlet = next(a for a, _, k in seed_view.in_edges(report, data="kind") if k == "publishes")
    assert seed_view.nodes[outlet]["kind"] == "outlet"


def test_a_figure_marks_exactly_its_chains_and_outlets(seed_audit, seed_view):
    trace = seed_audit.trace
    for fig in seed_audit.figures:
        fid = "figure:" + fig.id
        on_chains = {n for c in fig.claim.chains for n in _view_path(trace, c)}
        outlets = {"source:" + trace.reports[r].outlet for r in fig.claim.reports}
        marked = {n for n, figures in seed_view.nodes(data="figures") if fid in figures}
        assert marked == on_chains | outlets | {fid}


def test_a_relay_between_reports_is_an_edge_between_them(tmp_path):
    case = TESTS / "data" / "audit_cases" / "hedge-dropped"
    shutil.copytree(case / "reports", tmp_path / "reports")
    shutil.copy(case.parent / "sources.yaml", tmp_path)
    G = view_graph(audit(tmp_path))
    assert G.edges["report:r1", "report:r2"]["kind"] == "relay"


def test_badge_and_colour_follow_the_audit(seed_audit, seed_view):
    severities = set()
    for fig in seed_audit.figures:
        data = seed_view.nodes["figure:" + fig.id]
        badge = " ".join(data["badge"])
        flagged = {f.check for f in fig.findings if f.severity != "info"}
        assert badge.startswith(fig.grade.code)
        assert all(check in badge for check in flagged)
        assert ("⚑" in badge) == bool(flagged)
        assert data["flags"] == sorted({f.check for f in fig.findings})
        severities.add(data["severity"])
    assert {"info", "warning", "error"} <= severities


def test_tooltip_states_the_facts(seed_audit, seed_view):
    fig = seed_audit.figure("hur-southern-district-deserters")
    title = seed_view.nodes["figure:hur-southern-district-deserters"]["title"]
    for fact in ("more than 18,000 servicemen", "period: 2022-", "Newsweek", "hedge: ",
                 f"grade {fig.grade.code}: {fig.grade.reason}", "figure-drift"):
        assert fact in title
    assert "Mediazone" in seed_view.nodes["source:mediazona"]["title"]


def test_a_focused_view_keeps_one_figure_and_its_chains(seed_view, seed_audit):
    G = view_graph(seed_audit, figure="brigade-155-men-lost-nov-2022")
    assert _kinds(G)["figure"] == ["figure:brigade-155-men-lost-nov-2022"]
    assert set(G) <= set(seed_view)
    assert {n for n, k in G.nodes(data="kind") if k == "source"} == {
        "source:marines-155th-brigade", "source:grey-zone", "source:mediazona"}


@pytest.mark.parametrize("wrong, hint", [
    ("hur-southern-district-deserter", "did you mean hur-southern-district-deserters"),
    ("no-such-figure", "no figure with id 'no-such-figure'"),
])
def test_an_unknown_figure_is_bad_input(seed_audit, wrong, hint):
    with pytest.raises(InputError, match=hint):
        view_graph(seed_audit, figure=wrong)


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


def test_large_views_draw_straight_edges_and_never_run_physics(seed_page, large_view):
    assert len(large_view) > LARGE_VIEW
    big = page_data(to_html(large_view))["options"]
    small = page_data(seed_page)["options"]
    assert big["physics"]["enabled"] is small["physics"]["enabled"] is False
    assert big["edges"]["smooth"]["enabled"] is False
    assert small["edges"]["smooth"]["enabled"] is True
    assert big["layout"] == {"improvedLayout": False}


def test_page_data_holds_every_node_with_a_position(seed_view, seed_page):
    data = page_data(seed_page)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(seed_view)
    assert len(data["edges"]) == seed_view.number_of_edges()
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_pyvis_add_node_and_add_edge_are_not_used(monkeypatch, seed_view):
    from pyvis.network import Network

    def quadratic(*args, **kwargs):
        raise AssertionError("pyvis add_node/add_edge scan lists: quadratic")

    monkeypatch.setattr(Network, "add_node", quadratic)
    monkeypatch.setattr(Network, "add_edge", quadratic)
    assert len(page_data(to_html(seed_view))["nodes"]) == len(seed_view)


def test_the_page_loads_nothing_from_anywhere(seed_page):
    page = Page(seed_page)
    links = [(tag, value) for tag, attrs in page.tags for key, value in attrs.items()
             if key in ("src", "href", "srcset", "action", "data", "poster")]
    assert links == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", seed_page, re.I)
    assert {tag for tag, _ in page.tags} & {"link", "iframe", "img", "object", "embed"} == set()


def test_the_vendored_vis_network_is_the_reviewed_one():
    data = (STATIC / "vis-network.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == VIS_NETWORK_SHA256
    assert f"@version {VIS_NETWORK_VERSION}".encode() in data[:400]
    readme = (STATIC / "README.md").read_text()
    assert VIS_NETWORK_VERSION in readme and VIS_NETWORK_SHA256 in readme


def test_a_changed_vis_network_is_refused(monkeypatch, seed_view):
    monkeypatch.setattr(viewer, "VIS_NETWORK_SHA256", "0" * 64)
    with pytest.raises(CredgraphError, match="SHA-256"):
        to_html(seed_view)


def test_the_policy_runs_only_the_pages_own_scripts(seed_page):
    page = Page(seed_page)
    csp = next(a["content"] for t, a in page.tags if a.get("http-equiv") ==
               "Content-Security-Policy")
    rules = dict(r.strip().split(" ", 1) for r in csp.split(";"))
    assert rules["default-src"] == "'none'"
    code = [text for attrs, text in page.scripts if "type" not in attrs]
    assert len(code) == 2
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'"
              for c in code}
    assert set(rules["script-src"].split()) == hashes


@pytest.mark.parametrize("text", [
    PAYLOAD, "</script><script>alert(1)</script>", "<!--<script>", "a & b", "]]>",
    "line\u2028separator\u2029", "'\"`",
])
def test_script_json_cannot_end_the_script(text):
    out = script_json({"t": text, text: [text]})
    assert not set("<>&\u2028\u2029") & set(out)
    assert json.loads(out) == {"t": text, text: [text]}


def test_payloads_stay_text_in_the_page(xss_audit, xss_page):
    page = Page(xss_page)
    template = Page(view(audit(None), heading="plain"))
    assert [t for t, _ in page.tags] == [t for t, _ in template.tags]
    assert not [k for _, attrs in page.tags for k in attrs if k.startswith("on")]
    assert "<h1>&lt;img src=x onerror=window.__p=1&gt;</h1>" in xss_page
    assert f"<title>{PAYLOAD.replace('<', '&lt;').replace('>', '&gt;')}</title>" in xss_page


@pytest.mark.parametrize("where, payload", [
    ("source name", "Agency " + PAYLOAD),
    ("alias", "</script><script>window.__p=1</script>"),
    ("reliability reason", "reason " + PAYLOAD),
    ("report title", "Title \"'>" + PAYLOAD + " & more"),
    ("statement", 'Says <img src=x onerror=window.__p=1> and <a href="javascript:window.__p=1">'),
    ("unit", "<b onmouseover=window.__p=1>men</b>"),
])
def test_payloads_reach_the_page_as_data(xss_page, where, payload):
    data = json.dumps(page_data(xss_page), ensure_ascii=False)
    assert json.dumps(payload, ensure_ascii=False)[1:-1] in data, where


def test_cli_writes_a_self_contained_page(tmp_path, capsys):
    out = tmp_path / "view.html"
    assert main(["view", "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "credgraph: bundled corpus" in page


def test_cli_writes_a_focused_view_of_one_figure(tmp_path):
    out = tmp_path / "one.html"
    assert main(["view", "--figure", "hur-8th-army-deserters", "--output", str(out)]) == 0
    figures = [n for n in page_data(out.read_text())["nodes"] if n["kind"] == "figure"]
    assert [n["id"] for n in figures] == ["figure:hur-8th-army-deserters"]


def test_cli_shows_the_most_flagged_figures_of_a_large_audit(tmp_path, capsys):
    from credgraph.synth import write_annotations

    write_annotations(synth_corpus(300, seed=4), tmp_path / "corpus")
    out = tmp_path / "big.html"
    assert main(["view", str(tmp_path / "corpus"), "--max-figures", "25", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "showing the 25 most flagged of" in err and "--figure ID" in err
    page = out.read_text(encoding="utf-8")
    shown = {n["id"].removeprefix("figure:") for n in page_data(page)["nodes"]
             if n["kind"] == "figure"}
    result = audit(tmp_path / "corpus")
    expected = viewer.most_flagged(result, 25).figures
    assert shown == {f.id for f in expected} and len(result.figures) > 100
    assert "the 25 most flagged of" in page
    from credgraph.checks import severity_rank

    def rank(fig):  # worst finding, then how many
        return max((severity_rank(f.severity) for f in fig.findings), default=-1), len(fig.findings)

    hidden = [f for f in result.figures if f.id not in shown]
    assert min(map(rank, expected)) >= max(map(rank, hidden))


@pytest.mark.parametrize("args, message", [
    (["--figure", "nope"], "no figure with id 'nope'"),
    ([], "Missing option '--output'"),
])
def test_cli_bad_view_options_exit_2(tmp_path, capsys, args, message):
    target = ["-o", str(tmp_path / "x.html")] if args else []
    assert main(["view", *args, *target]) == 2
    captured = capsys.readouterr()
    assert message in captured.err + captured.out
    assert not (tmp_path / "x.html").exists()


def test_cli_open_hands_the_file_to_the_browser(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out = tmp_path / "v.html"
    assert main(["view", str(XSS), "-o", str(out), "--open"]) == 0
    assert opened == [out.resolve().as_uri()]


def test_no_pair_of_seed_labels_is_identical(seed_view):
    """Distinct nodes read differently, so the legend and search can tell them apart."""
    labels = [(d["kind"], d["label"]) for _, d in seed_view.nodes(data=True)]
    repeated = [k for k, group in itertools.groupby(sorted(labels)) if len(list(group)) > 1]
    assert repeated == []
