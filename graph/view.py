"""The interactive viewer: one self-contained, offline, injection-safe HTML file.

:func:`view_graph` turns an audit into a :class:`networkx.DiGraph` of sources, outlets,
reports and figures, relays pointing from the origin towards the reports that repeat it;
:func:`layered_layout` places it in columns (origins left, figures right) without overlaps;
:func:`to_html` writes the page: pyvis builds the node, edge and option data, and the page,
vis-network (vendored in ``graph/static``) and the viewer's script are inlined.

>>> from credgraph.api import audit
>>> G = view_graph(audit(None), figure="hur-8th-army-deserters")
>>> sorted(G.nodes(data="kind"))  # doctest: +NORMALIZE_WHITESPACE
[('figure:hur-8th-army-deserters', 'figure'), ('report:newsweek-2024-03-hur-desertions',
'report'), ('source:hur', 'source'), ('source:hur-telegram', 'source'),
('source:newsweek', 'outlet')]
>>> sorted(G.edges(data="kind"))[-1]
('source:newsweek', 'report:newsweek-2024-03-hur-desertions', 'publishes')
>>> G.nodes["figure:hur-8th-army-deserters"]["chains"][0].count(" → ")  # origin, relay, report
2

Data (names, titles, statements, ids, the heading) reaches the page only as escaped text or
as JSON in a ``<script type=application/json>`` (:func:`script_json`), shown by
``textContent`` or vis-network's plain-text tooltip; the page's Content-Security-Policy
runs only its own two scripts (by hash) and allows no request.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import string
import textwrap
from dataclasses import replace
from importlib.resources import files

import networkx as nx

from . import __version__
from .audit import AuditResult, FigureAudit
from .checks import severity_rank
from .errors import CredgraphError, InputError
from .layout import FONT, OUTLET_SIZE, layered_layout
from .ids import mention_key
from .trace import CitationTrace

__all__ = ["view", "view_graph", "layered_layout", "to_html", "script_json", "STYLE",
           "VIS_NETWORK_VERSION", "VIS_NETWORK_SHA256", "LARGE_VIEW"]

VIS_NETWORK_VERSION = "10.1.5"
"""The vendored vis-network (``graph/static/vis-network.min.js``, standalone UMD build)."""
VIS_NETWORK_SHA256 = "b427322ad953d70ab75d1b798ebb8349863502f244e02de3e12a4ab7dfeddf2c"
"""Its SHA-256: a changed file is refused, so an update is a deliberate, reviewed change."""
LARGE_VIEW = 300
"""Above this many nodes edges are straight and hidden while dragging (faster to draw)."""

STYLE = {
    "source": {"shape": "ellipse", "color": {"background": "#ede7f6", "border": "#6a4c93"}},
    "outlet": {"shape": "diamond", "size": OUTLET_SIZE, "color": {"background": "#b2dfdb",
                                                                  "border": "#00695c"}},
    "report": {"shape": "box", "color": {"background": "#e3f2fd", "border": "#1565c0"}},
    "figure": {"shape": "box", "shapeProperties": {"borderRadius": 9}},
    "none": {"background": "#e8f5e9", "border": "#2e7d32"},
    "info": {"background": "#e1f5fe", "border": "#0277bd"},
    "warning": {"background": "#fff3e0", "border": "#e65100"},
    "error": {"background": "#ffebee", "border": "#c62828"},
}
"""Shapes and colours by node kind, and figure colours by their most serious finding."""
EDGE_STYLE = {"relay": {"color": "#5d6d7e", "width": 1.5}, "states": {"color": "#a0a8b0"},
              "publishes": {"color": "#00897b", "width": 1, "dashes": True}}


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/9.

    >>> script_json({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.translate({0x3C: "\\u003c", 0x3E: "\\u003e", 0x26: "\\u0026",
                           0x2028: "\\u2028", 0x2029: "\\u2029"})


def _short(text: str, width: int, lines: int = 2) -> str:
    """*text* wrapped to *width* characters, at most *lines* lines (an ellipsis cuts it)."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width, max_lines=lines,
                                   placeholder=" …") or [""])


def _figure_attrs(trace: CitationTrace, fig: FigureAudit) -> dict:
    """A figure node: label; badge (grade, and the checks that flag it: warnings, errors);
    tooltip with value, period, date, outlet, hedge, origins, grade and reason, findings."""
    lines, value = [fig.id, fig.claim.reference.text], fig.claim.reference.figure
    if value is not None:
        lines.append(f"value: {value.describe()} ({value.measure})")
        lines += [f"{k}: {v}" for k, v in (("period", value.period.iso()),
                                            ("place", value.place)) if v]
    for m in fig.claim.mentions:
        r = trace.reports[m.report]
        outlet = trace.registry[r.outlet].name if r.outlet in trace.registry else r.outlet
        lines.append(f"in {mention_key(m.node)} ({outlet}, {r.earliest or '?'}.."
                     f"{r.latest or '?'}), hedge: {m.hedge}")
    lines.append(f"origins: {'; '.join(a.label for a in fig.origins) or 'none'} "
                 f"({fig.independent_origins} independent)")
    lines.append(f"grade {fig.grade.code}: {fig.grade.reason}")
    by_check: dict = {}
    for f in fig.findings:
        by_check.setdefault(f.check, []).append(f)
    lines += [f"flag {c} ({fs[0].severity}): {fs[0].message}" + (
        f" (and {len(fs) - 1} more)" if len(fs) > 1 else "") for c, fs in by_check.items()]
    worst = max((f.severity for f in fig.findings), key=severity_rank, default="none")
    flagged = " · ".join(sorted({f.check for f in fig.findings if f.severity != "info"}))
    badge = f"{fig.grade.code} ⚑ {flagged}" if flagged else fig.grade.code  # as the audit
    label = (value.describe() + "\n" if value else "") + _short(fig.id.replace("-", " "), 26)
    return dict(name=fig.id, aliases=[], grade=fig.grade.code, flags=sorted(by_check),
                severity=worst, kinds=set(), outlets=set(), chains=[], label=label,
                title="\n".join(lines), badge=textwrap.wrap(badge, 34, break_on_hyphens=False))


def _source_attrs(trace: CitationTrace, sid: str) -> dict:
    """A source node: name, kind, aliases, label and tooltip."""
    if sid not in trace.registry:
        return dict(name=sid, source_kind="unknown", aliases=[], label=_short(sid, 22),
                    title=f"{sid} (not in the registry)")
    s = trace.registry[sid]
    title = [s.name, f"kind: {s.kind}" + (f", country: {s.country}" if s.country else ""),
             f"reliability {s.reliability}: {s.reliability_reason}"]
    title += ["also: " + ", ".join(s.aliases)] if s.aliases else []
    if s.party or s.anonymous or s.speaks_for:
        title.append(f"party: {s.party or '-'}, anonymous: {'yes' if s.anonymous else 'no'}, "
                     f"speaks for: {s.speaks_for or '-'}")
    return dict(name=s.name, source_kind=s.kind, aliases=list(s.aliases),
                label=_short(s.name, 22), title="\n".join(title))


def _report_attrs(trace: CitationTrace, rid: str) -> dict:
    """A report node: its id as name, its title as alias and label, and a tooltip."""
    r = trace.reports[rid]
    title = (f"{r.title}\nreport {r.id} ({r.kind})\noutlet: {r.outlet}\n"
             f"date: {r.earliest or '?'}..{r.latest or '?'}"
             + f"\nseed: {r.seed}" * bool(r.seed))
    return dict(name=r.id, aliases=[r.title], label=_short(r.title, 24, 3), title=title)


def view_graph(result: AuditResult, figure: str | None = None) -> nx.DiGraph:
    """The audit as the viewer's graph: sources, outlets, reports, figures, and relays.

    Edges point downstream: ``relay`` from a source (origin or relay) to the next source
    or to the report repeating it, ``publishes`` from an outlet to its report, ``states``
    from a report to the figure. Each node and edge has ``figures``: the figures whose
    chains run through it. With *figure* (a claim id) only that figure's chains are kept.
    """
    trace, figures = result.trace, result.figures
    if trace is None:
        raise InputError("the audit result carries no citation trace (audit with credgraph.api.audit)")
    if figure is not None:
        ids = [f.id for f in figures]
        if figure not in ids:
            near = difflib.get_close_matches(figure, ids, n=3)
            raise InputError(f"no figure with id {figure!r} in {result.input}"
                             + (f"; did you mean {', '.join(near)}?" if near else ""))
        figures = [result.figure(figure)]
    G = nx.DiGraph(input=result.input)

    def node(kind: str, fid: str, make, key: str) -> str:
        name = f"{kind}:{key.id if kind == 'figure' else key}"
        if name not in G:
            G.add_node(name, kind=kind, figures=set(), **make(trace, key))
        G.nodes[name]["figures"].add(fid)
        if kind == "source":
            G.nodes[fid]["kinds"].add(G.nodes[name]["source_kind"])
        return name

    def edge(a: str, b: str, kind: str, fid: str):
        if a != b:
            if not G.has_edge(a, b):
                G.add_edge(a, b, kind=kind, figures=set())
            G.edges[a, b]["figures"].add(fid)

    for fig in figures:
        fid = node("figure", "figure:" + fig.id, _figure_attrs, fig)
        for chain in fig.claim.chains:
            path: list[str] = []
            for key in reversed(chain):  # origin first
                if key in trace.statement_source:
                    key = node("source", fid, _source_attrs, trace.statement_source[key])
                elif key in trace.mentions:
                    key = node("report", fid, _report_attrs, trace.mentions[key].report)
                    outlet = trace.reports[key.partition(":")[2]].outlet
                    edge(node("source", fid, _source_attrs, outlet), key, "publishes", fid)
                    G.nodes["source:" + outlet]["kind"] = "outlet"
                    G.nodes[fid]["outlets"].add(outlet)
                else:
                    continue
                if path[-1:] != [key]:
                    path.append(key)
            for a, b in zip(path, path[1:] + [fid]):
                edge(a, b, "states" if b == fid else "relay", fid)
            text = " → ".join(G.nodes[k]["name"] for k in path)
            G.nodes[fid]["chains"] += [text] if text not in G.nodes[fid]["chains"] else []
    return G


def _static(name: str) -> str:
    """A file of ``graph/static``; vis-network only if it is the reviewed one."""
    data = files("credgraph").joinpath("static", name).read_bytes()
    if name == "vis-network.min.js" and hashlib.sha256(data).hexdigest() != VIS_NETWORK_SHA256:
        raise CredgraphError(f"graph/static/{name} is not vis-network {VIS_NETWORK_VERSION} "
                             "as reviewed (its SHA-256 differs): reinstall credgraph")
    return data.decode("utf-8")


def _vis_data(G: nx.DiGraph, pos: dict) -> tuple[list, list, dict]:
    """Nodes, edges and options for vis-network, built with pyvis (dicts appended directly:
    its ``add_node``/``add_edge`` scan lists and are quadratic)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    net.inherit_edge_colors(False)
    net.set_edge_smooth("cubicBezier")
    net.options.edges.smooth.enabled = len(G) <= LARGE_VIEW
    net.toggle_hide_edges_on_drag(len(G) > LARGE_VIEW)
    for n, data in G.nodes(data=True):
        item = {k: sorted(v) if isinstance(v, set) else v for k, v in data.items()}
        item.update(STYLE[data["kind"]], id=n, x=pos[n][0], y=pos[n][1], search=" | ".join(
            [data["name"], n.partition(":")[2], data["label"], *data["aliases"]]).lower())
        if data["kind"] == "figure":
            item["color"] = STYLE[data["severity"]]
        net.nodes.append(item)
    for i, (a, b, data) in enumerate(G.edges(data=True)):
        count = len(data["figures"])
        net.edges.append({"id": f"e{i}", "from": a, "to": b, "kind": data["kind"],
                          "figures": sorted(data["figures"]), "arrows": "to",
                          "title": f"{data['kind']}: {G.nodes[a]['name']} → "
                                   f"{G.nodes[b]['name']} ({count} figure{'s' * (count > 1)})",
                          **EDGE_STYLE[data["kind"]]})
    nodes, edges, _, _, _, options = net.get_network_data()
    options = json.loads(options)
    options["interaction"].update(hover=True, tooltipDelay=120, multiselect=False)
    font = {"size": FONT, "face": "DejaVu Sans, sans-serif", "color": "#1d2733"}
    options.update(layout={"improvedLayout": False}, nodes={"margin": 6, "borderWidth": 1.5,
                                                            "font": font})
    options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    return nodes, edges, options


def to_html(G: nx.DiGraph, pos: dict | None = None, *, heading: str | None = None) -> str:
    """The page for a view graph: self-contained, offline, with search, filters, legend.

    *pos* defaults to :func:`layered_layout`; *heading* to the audited input's name. Every
    piece of data is escaped (text) or in JSON that no browser executes; the page's
    Content-Security-Policy allows no network request and runs only its own scripts.
    """
    pos = layered_layout(G) if pos is None else pos
    nodes, edges, options = _vis_data(G, pos)
    heading = f"credgraph: {G.graph.get('input', 'audit')}" if heading is None else heading
    scripts = [_static("vis-network.min.js"), _static("viewer.js")]
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
                      + "'" for js in scripts)
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
           f"form-action 'none'; script-src {hashes}")
    return string.Template(_static("viewer.html")).substitute(
        csp=csp, title=html.escape(heading), heading=html.escape(heading),
        generator=f"credgraph {__version__}, vis-network {VIS_NETWORK_VERSION}",
        css=_static("viewer.css"), vis_js=scripts[0], viewer_js=scripts[1],
        data=script_json({"nodes": nodes, "edges": edges, "options": options}))


def most_flagged(result: AuditResult, limit: int) -> AuditResult:
    """The audit cut to its *limit* most questionable figures: worst finding first, then
    most findings, then weakest grade, ties by id. A graph of a whole newsroom's corpus is
    too big to look at; these are the figures worth looking at first.

    >>> from credgraph.api import audit
    >>> top = most_flagged(audit(None), 2)
    >>> [(f.id, f.grade.code) for f in top.figures]
    [('hur-southern-district-deserters', 'D4'), ('ukraine-russian-soldiers-killed-2022', 'D5')]
    """
    if limit >= len(result.figures):
        return result

    def questionable(fig: FigureAudit):
        worst = max((severity_rank(f.severity) for f in fig.findings), default=-1)
        return (-worst, -len(fig.findings), -fig.grade.credibility, -ord(fig.grade.reliability),
                fig.id)

    return replace(result, figures=sorted(result.figures, key=questionable)[:limit])


def view(result: AuditResult, *, figure: str | None = None, heading: str | None = None,
         max_figures: int | None = None) -> str:
    """The HTML viewer for an audit (or for one *figure*'s chains), as a string.

    With *max_figures*, a larger audit is cut to its most questionable figures
    (:func:`most_flagged`) and the heading says so.

    >>> from credgraph.api import audit
    >>> page = view(audit(None), heading="<b>")
    >>> "<h1>&lt;b&gt;</h1>" in page and page.startswith("<!doctype html>")
    True
    """
    total = len(result.figures)
    if figure is None and max_figures is not None and total > max_figures:
        result = most_flagged(result, max_figures)
    if heading is None:
        heading = f"credgraph: {result.input}" + (f", figure {figure}" if figure else "")
        if len(result.figures) < total and figure is None:
            heading += f" (the {len(result.figures):,} most flagged of {total:,} figures)"
    return to_html(view_graph(result, figure), heading=heading)
