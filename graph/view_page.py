"""The viewer's HTML page: one self-contained, offline, injection-safe file.

:func:`to_html` writes the page for a view graph (:func:`credgraph.view.view_graph`): its
sheets (:func:`credgraph.view_groups.sheets`), each node and edge once, and for each sheet
which nodes and edges it draws and where. pyvis builds the node, edge and option data; the
page, vis-network (vendored in ``graph/static``) and the viewer's script are inlined.

Data (names, titles, statements, ids, the heading) reaches the page only as escaped text or
as JSON in a ``<script type=application/json>`` (:func:`script_json`), shown by
``textContent`` or vis-network's plain-text tooltip; the page's Content-Security-Policy
runs only its own two scripts (by hash) and allows no request.

>>> key = grade_key()
>>> key["reliability"]["values"][0][:2], key["credibility"]["values"][-1][:2]
(['A', 'completely reliable'], ['6', 'truth cannot be judged'])
>>> key["reliability"]["title"]
'Admiralty source reliability'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import string
from importlib.resources import files

import networkx as nx

from . import __version__
from .admiralty import grade_key
from .display import display_text
from .errors import CredgraphError
from .layout import BADGE_FONT, BADGE_LINE, FONT, OUTLET_SIZE
from .view_groups import GROUP_ABOVE, Sheet, sheets

__all__ = ["to_html", "script_json", "grade_key", "counts_note", "STYLE", "VIS_NETWORK_VERSION",
           "VIS_NETWORK_SHA256", "LARGE_VIEW", "LABEL_PX"]

VIS_NETWORK_VERSION = "10.1.5"
"""The vendored vis-network (``graph/static/vis-network.min.js``, standalone UMD build)."""
VIS_NETWORK_SHA256 = "b427322ad953d70ab75d1b798ebb8349863502f244e02de3e12a4ab7dfeddf2c"
"""Its SHA-256: a changed file is refused, so an update is a deliberate, reviewed change."""
LARGE_VIEW = 300
"""Above this many nodes on a sheet edges are straight and hidden while dragging."""
LABEL_PX = 11
"""The page opens at a zoom where labels and badges are at least this many pixels high."""

STYLE = {
    "source": {"shape": "ellipse", "color": {"background": "#ede7f6", "border": "#6a4c93"}},
    "outlet": {"shape": "diamond", "size": OUTLET_SIZE, "color": {"background": "#b2dfdb",
                                                                  "border": "#00695c"}},
    "report": {"shape": "box", "color": {"background": "#e3f2fd", "border": "#1565c0"}},
    "figure": {"shape": "box", "shapeProperties": {"borderRadius": 9}},
    "group": {"shape": "box", "borderWidth": 2.5,
              "shapeProperties": {"borderRadius": 2, "borderDashes": [7, 4]}},
    "none": {"background": "#e8f5e9", "border": "#2e7d32"},
    "info": {"background": "#e1f5fe", "border": "#0277bd"},
    "warning": {"background": "#fff3e0", "border": "#e65100"},
    "error": {"background": "#ffebee", "border": "#c62828"},
}
"""Shapes and colours by node kind; figures and groups are coloured by their most serious
finding. The page keeps a node's colours when it is selected or hovered (a thicker border
marks it)."""
EDGE_STYLE = {"relay": {"color": "#5d6d7e", "width": 1.5}, "states": {"color": "#a0a8b0"},
              "publishes": {"color": "#00897b", "width": 1, "dashes": True}}
_DROPPED = ("origins",)  # what the page does not need of a node
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/9.

    >>> script_json({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in _SCRIPT_ESCAPES:  # str.replace: a dict translate is slow on 30 MB
        text = text.replace(char, escape)
    return text


def counts_note(shown: int, total: int, order: str = "") -> str:
    """How many figures of how many a page shows, and which (*order*: which come first).

    >>> counts_note(400, 8453, "the most flagged"), counts_note(78, 78), counts_note(1, 1)
    ('400 of 8,453 figures (the most flagged)', 'All 78 figures', '1 figure')
    """
    figures = f"{total:,} figure" + "s" * (total != 1)
    if shown < total:
        return f"{shown:,} of {figures}" + (f" ({order})" if order else "")
    return ("All " if total > 1 else "") + figures


def _static(name: str) -> str:
    """A file of ``graph/static``; vis-network only if it is the reviewed one."""
    data = files("credgraph").joinpath("static", name).read_bytes()
    if name == "vis-network.min.js" and hashlib.sha256(data).hexdigest() != VIS_NETWORK_SHA256:
        raise CredgraphError(f"graph/static/{name} is not vis-network {VIS_NETWORK_VERSION} "
                             "as reviewed (its SHA-256 differs): reinstall credgraph")
    return data.decode("utf-8")


def _node_item(n: str, data: dict) -> dict:
    """A node as vis-network data: its facts and the text the search looks in (its style
    is the page's ``styles`` by kind and severity, applied by the page's script)."""
    item = {k: sorted(v) if isinstance(v, set) else v for k, v in data.items()
            if k not in _DROPPED}
    item.update(id=n, search=" | ".join(
        [data["name"], n.partition(":")[2], data["label"], *data["aliases"]]).lower())
    return item


def _vis_data(drawn: list[Sheet]) -> tuple[list, list, dict, list]:
    """Nodes and edges (each once), options, and each sheet's node and edge indexes and
    positions, built with pyvis (dicts appended directly: ``add_node``/``add_edge`` scan
    lists and are quadratic)."""
    from pyvis.network import Network

    largest = max(len(s.graph) for s in drawn)
    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    net.inherit_edge_colors(False)
    net.set_edge_smooth("cubicBezier")
    net.options.edges.smooth.enabled = largest <= LARGE_VIEW
    net.toggle_hide_edges_on_drag(largest > LARGE_VIEW)
    nodes_at, edges_at, layout = {}, {}, []
    for sheet in drawn:
        G = sheet.graph
        for n, data in G.nodes(data=True):
            if n not in nodes_at:
                nodes_at[n] = len(net.nodes)
                net.nodes.append(_node_item(n, data))
        for a, b, data in G.edges(data=True):
            if (a, b) not in edges_at:
                edges_at[a, b] = len(net.edges)
                count = len(data["figures"])
                net.edges.append({
                    "id": f"e{len(net.edges)}", "from": a, "to": b, "kind": data["kind"],
                    "figures": sorted(data["figures"]), "arrows": "to",
                    "title": f"{data['kind']}: {G.nodes[a]['name']} → {G.nodes[b]['name']} "
                             f"({count} figure{'s' * (count > 1)})",
                    **EDGE_STYLE[data["kind"]]})
        layout.append({"kind": sheet.kind, "title": sheet.title, "up": sheet.up,
                       "prev": sheet.prev, "next": sheet.next,
                       "nodes": [nodes_at[n] for n in G],
                       "xy": [c for n in G for c in sheet.pos[n]],
                       "edges": [edges_at[a, b] for a, b in G.edges]})
    nodes, edges, _, _, _, options = net.get_network_data()
    options = json.loads(options)
    options["interaction"].update(hover=True, tooltipDelay=120, multiselect=False)
    font = {"size": FONT, "face": "DejaVu Sans, sans-serif", "color": "#1d2733"}
    options.update(layout={"improvedLayout": False}, nodes={
        "margin": 6, "borderWidth": 1.5, "borderWidthSelected": 4, "font": font})
    options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    return nodes, edges, options, layout


def to_html(G: nx.DiGraph, pos: dict | None = None, *, heading: str | None = None,
            counts: str | None = None, rest: str = "", group_above: int = GROUP_ABOVE) -> str:
    """The page for a view graph: self-contained, offline, with search, filters, legend.

    *pos* (``{node: (x, y)}``) draws the whole graph on one sheet; by default a graph of
    up to *group_above* nodes is laid out by :func:`credgraph.layout.layered_layout` and a
    larger one is grouped by origin (:func:`credgraph.view_groups.sheets`). *heading*
    defaults to the audited input's name; *counts* says how many figures of how many the
    page shows (default: all of them, :func:`counts_note`) and *rest* how to see those it
    leaves out. Every piece of data is escaped (text) or in JSON
    that no browser executes; the page's Content-Security-Policy allows no network request
    and runs only its own scripts.
    """
    drawn = sheets(G, above=group_above) if pos is None else [Sheet("all", "All figures", G, pos)]
    nodes, edges, options, layout = _vis_data(drawn)
    figures = sum(1 for _, k in G.nodes(data="kind") if k == "figure")
    heading = display_text(f"credgraph: {G.graph.get('input', 'audit')}" if heading is None
                           else heading)
    scripts = [_static("vis-network.min.js"), _static("viewer.js")]
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
                      + "'" for js in scripts)
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
           f"form-action 'none'; script-src {hashes}")
    counts = counts or counts_note(figures, figures)
    page = {"nodes": nodes, "edges": edges, "options": options, "sheets": layout,
            "styles": STYLE, "key": grade_key(),
            "counts": {"text": counts, "rest": rest, "figures": figures},
            "display": {"font": FONT, "badgeFont": BADGE_FONT, "badgeLine": BADGE_LINE,
                        "labelPx": LABEL_PX}}
    return string.Template(_static("viewer.html")).substitute(
        csp=csp, title=html.escape(heading), heading=html.escape(heading),
        counts=html.escape(counts), rest=html.escape(rest),
        generator=f"credgraph {__version__}, vis-network {VIS_NETWORK_VERSION}",
        css=_static("viewer.css"), vis_js=scripts[0], viewer_js=scripts[1],
        data=script_json(page))
