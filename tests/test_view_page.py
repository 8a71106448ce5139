"""The viewer's page without a browser: its data, the grade key, its policy, the escaping.

The same pages are driven in headless Chromium by ``tests/browser/``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from credgraph import view_page
from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.display import BIDI_CONTROLS
from credgraph.errors import CredgraphError
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.view import (LARGE_VIEW, VIS_NETWORK_SHA256, VIS_NETWORK_VERSION, grade_key,
                            layered_layout, script_json, to_html, view, view_graph)
from tests.html_page import Page, page_data

STATIC = Path(view_page.__file__).with_name("static")
XSS = Path(__file__).parent / "browser" / "xss-corpus"
PAYLOAD = "<img src=x onerror=window.__p=1>"


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


def test_large_views_draw_straight_edges_and_never_run_physics(seed_page, large_view):
    assert len(large_view) > LARGE_VIEW
    big = page_data(to_html(large_view))["options"]
    small = page_data(seed_page)["options"]
    assert big["physics"]["enabled"] is small["physics"]["enabled"] is False
    assert big["edges"]["smooth"]["enabled"] is False
    assert small["edges"]["smooth"]["enabled"] is True
    assert big["layout"] == {"improvedLayout": False}


def test_page_data_holds_every_node_on_one_sheet_with_a_position(seed_view, seed_page):
    data = page_data(seed_page)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(seed_view)
    assert len(data["edges"]) == seed_view.number_of_edges()
    [sheet] = data["sheets"]
    assert sheet["kind"] == "all" and sorted(sheet["nodes"]) == list(range(len(seed_view)))
    assert sorted(sheet["edges"]) == list(range(seed_view.number_of_edges()))
    assert len(sheet["xy"]) == 2 * len(seed_view)
    assert all(isinstance(c, float) for c in sheet["xy"])
    pos = layered_layout(seed_view)
    at = {data["nodes"][k]["id"]: tuple(sheet["xy"][2 * i:2 * i + 2])
          for i, k in enumerate(sheet["nodes"])}
    assert at == pos


def test_every_kind_and_severity_has_a_style(seed_page):
    data = page_data(seed_page)
    for node in data["nodes"]:
        assert node["kind"] in data["styles"]
        if node["kind"] == "figure":
            assert set(data["styles"][node["severity"]]) == {"background", "border"}


def test_the_grade_key_is_the_ontologys(seed_page):
    """The key says what the Admiralty letters and digits mean, as credgraph.ttl does."""
    from credgraph.validation import ontology_graph
    from credgraph.vocab import CREDIBILITY, RELIABILITY, SKOS

    key = page_data(seed_page)["key"]
    assert [v[0] for v in key["reliability"]["values"]] == list("ABCDEF")
    assert [v[0] for v in key["credibility"]["values"]] == list("123456")
    g = ontology_graph()
    for scale, ns in (("reliability", RELIABILITY), ("credibility", CREDIBILITY)):
        assert "Admiralty" in key[scale]["title"]
        for notation, label, comment in key[scale]["values"]:
            assert str(g.value(ns[notation], SKOS.prefLabel)) == label and comment
    assert grade_key() is grade_key()  # read once


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
    monkeypatch.setattr(view_page, "VIS_NETWORK_SHA256", "0" * 64)
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




def test_no_bidirectional_control_reaches_the_page(xss_audit):
    """Not in the data, the heading or the title: one rule, credgraph.display.display_text."""
    page = view(xss_audit, heading="Heading \u202eesrever\u202c")
    assert not set(page) & BIDI_CONTROLS
    assert "<h1>Heading esrever</h1>" in page
    names = {n["id"]: n["name"] for n in page_data(page)["nodes"]}
    assert names["source:mirror"] == "Mirror ycnegA"
