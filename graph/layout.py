"""Where each node of the viewer's graph goes: columns from the origins (left) to the
figures (right), no two footprints overlapping.

:func:`layered_layout` takes a view graph (:func:`credgraph.view.view_graph`: nodes with
``kind``, ``label``, ``badge`` and ``figures``) and returns ``{node: (x, y)}``; the page
draws it with physics off, so what is computed here is what the reader sees.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("source:a", kind="source", label="A", figures={"figure:f"})
>>> G.add_node("report:r", kind="report", label="R", figures={"figure:f"})
>>> G.add_node("figure:f", kind="figure", label="F", badge=["F6"], figures={"figure:f"})
>>> G.add_edges_from([("source:a", "report:r"), ("report:r", "figure:f")])
>>> pos = layered_layout(G)
>>> pos["source:a"][0] < pos["report:r"][0] < pos["figure:f"][0]
True
"""

from __future__ import annotations

import itertools

import networkx as nx

__all__ = ["layered_layout", "FONT", "BADGE_FONT", "BADGE_LINE", "ASPECT", "OUTLET_SIZE",
           "FIGURE_KINDS"]

FONT = 13
"""Label font size in pixels at scale 1; the layout's size estimates follow it."""
BADGE_FONT = 12
"""The badges' (bold) font size at scale 1: as legible as the labels at the same zoom."""
BADGE_LINE = 15
"""The height of one badge line at scale 1."""
OUTLET_SIZE = 10
"""The outlets' diamond size in pixels."""
ASPECT = 1.4
"""The width:height the layout aims at: a landscape window beside the side panel."""
FIGURE_KINDS = ("figure", "group")
"""Nodes laid out in the grid on the right: figures, and groups of an origin's figures."""
_GAP_X, _GAP_Y = 70, 14


def _box(G: nx.DiGraph, n) -> tuple[float, float, float]:
    """A generous estimate of a node's footprint (width, height, badge and outside label
    included) and how far the node's own centre sits below the footprint's centre."""
    data = G.nodes[n]
    lines = data["label"].split("\n")
    width = max(map(len, lines)) * FONT * 0.62 + 16
    height = len(lines) * (FONT + 3) + 12
    if data["kind"] == "outlet":
        size = OUTLET_SIZE
        return width, height + 2 * size, size + 2 - (height + 2 * size) / 2
    badge = data.get("badge", [])
    width = max([width] + [len(line) * BADGE_FONT * 0.66 + 12 for line in badge])
    height_badge = len(badge) * BADGE_LINE + 8 if badge else 0
    return width, height + height_badge, -height_badge / 2


def _spread(items, gap: float) -> dict:
    """Centres for (node, wanted centre, height) items, in order, without overlaps: blocks
    of touching items sit at the mean of their wishes, as near their targets as can be.

    >>> _spread([("a", 0, 10), ("b", 0, 10), ("c", 100, 10)], gap=0)
    {'a': -5.0, 'b': 5.0, 'c': 100.0}
    """
    blocks: list[list] = []  # [sum of wanted tops, count, [(node, offset)], height]
    for node, target, height in items:
        block = [target - height / 2, 1, [(node, height / 2)], height]
        while blocks and blocks[-1][0] / blocks[-1][1] + blocks[-1][3] + gap > \
                block[0] / block[1]:
            prev = blocks.pop()
            shift = prev[3] + gap
            prev[0] += block[0] - shift * block[1]
            prev[1] += block[1]
            prev[2] += [(m, o + shift) for m, o in block[2]]
            prev[3] += gap + block[3]
            block = prev
        blocks.append(block)
    return {m: total / count + o for total, count, members, _ in blocks for m, o in members}


def _rows(bands: list[list], cols: int) -> list[list]:
    """Figures packed into rows of at most *cols*; a report's band of figures starts a new
    row unless it fits in what is left of the current one.

    >>> _rows([["a", "b"], ["c"], ["d", "e", "f", "g"]], 3)
    [['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]
    """
    rows: list[list] = []
    for band in bands:
        if not rows or len(rows[-1]) + len(band) > cols:
            rows.append([])
        for f in band:
            if len(rows[-1]) == cols:
                rows.append([])
            rows[-1].append(f)
    return rows


def layered_layout(G: nx.DiGraph) -> dict:
    """Positions ``{node: (x, y)}`` for a view graph, no two footprints overlapping.

    Columns from the right: the figures (and groups of figures) in a grid, a band of rows
    per report, then the reports, then the sources by distance from the reports, origins
    leftmost. Reports run top down by their most important figure (the lowest ``rank``, 0
    when absent), figures in a band by rank, so the figures that matter most sit together
    at the top. Nodes sit as near their figures as the order allows; a layer taller than
    the grid wraps into several columns; the grid's width aims at :data:`ASPECT`.
    Near-linear: fine for thousands of nodes.
    """
    depth: dict = {}
    up = G.subgraph(n for n in G if G.nodes[n]["kind"] in ("source", "outlet"))
    cond = nx.condensation(up)
    for scc in reversed(list(nx.topological_sort(cond))):
        members = cond.nodes[scc]["members"]
        d = 1 + max([depth[s] for m in members for s in up.successors(m) if s not in members]
                    or [0])
        depth.update(dict.fromkeys(members, d))
    box = {n: _box(G, n) for n in G}
    grid = [f for f in G if G.nodes[f]["kind"] in FIGURE_KINDS]
    rank = {f: G.nodes[f].get("rank", 0) for f in grid}
    first = {}  # each report's most important figure: reports in that order, top down
    for f in sorted(grid, key=lambda f: (rank[f], f)):
        for r in G.predecessors(f):
            first.setdefault(r, rank[f])
    reports = sorted((n for n in G if G.nodes[n]["kind"] == "report"),
                     key=lambda r: (first.get(r, 0), r))
    order = {r: i for i, r in enumerate(reports)}
    span = {f: sorted(order[r] for r in G.predecessors(f) if r in order) or [len(reports)]
            for f in grid}  # a node no report states (a group) goes below the reports' bands
    bands = [list(band) for _, band in itertools.groupby(
        sorted(span, key=lambda f: (span[f][0], span[f][-1], rank[f], f)),
        key=lambda f: span[f][0])]
    layers = [reports] + [sorted(n for n in depth if depth[n] == d)
                          for d in range(1, max(depth.values(), default=0) + 1)]
    layers = [(ns, max(box[n][0] for n in ns) + _GAP_X,
               sum(box[n][1] for n in ns) / len(ns) + _GAP_Y) for ns in layers if ns]
    fig_w = max((box[f][0] for f in span), default=0) + _GAP_X / 2
    fig_h = max((box[f][1] for f in span), default=0) + _GAP_Y
    wraps = lambda ns, h, height: max(1, -(-len(ns) * h // max(height, 1)))  # noqa: E731

    def misfit(cols):  # how far the width:height ratio is from ASPECT with *cols* columns
        height = len(_rows(bands, cols)) * fig_h
        width = cols * fig_w + sum(wraps(ns, h, height) * w for ns, w, h in layers)
        return abs(width / max(height, 1) - ASPECT)

    pos, y, firsts = {}, 0.0, {band[0] for band in bands}
    for row in _rows(bands, min(range(1, 2 * int(len(span) ** 0.5) + 2), key=misfit)):
        y += _GAP_Y if row[0] in firsts and y else 0
        height = max(box[f][1] for f in row)
        pos.update((f, ((j + 0.5) * fig_w, y + height / 2)) for j, f in enumerate(row))
        y += height + _GAP_Y
    x = -_GAP_X / 2
    for ns, w, h in layers:
        k = int(wraps(ns, h, y))
        wanted = {}
        for n in ns:  # the figures of this graph whose chains pass through n (a sheet of a
            figs = G.nodes[n]["figures"]  # larger view has only some): the fewer to look at
            ys = [pos[f][1] for f in figs if f in pos] if len(figs) <= len(pos) else [
                y for f, (_, y) in pos.items() if f in figs]
            wanted[n] = sum(ys) / max(len(ys), 1)
        ranked = sorted(ns, key=lambda n: (wanted[n], n))
        chunks = [ranked[i:i + k] for i in range(0, len(ns), k)]
        ys = _spread([(i, sum(wanted[n] for n in c) / len(c), max(box[n][1] for n in c))
                      for i, c in enumerate(chunks)], _GAP_Y)
        for i, chunk in enumerate(chunks):
            pos.update((n, (x - (k - j - 0.5) * w, ys[i])) for j, n in enumerate(chunk))
        x -= k * w
    return {n: (round(px, 1), round(py + box[n][2], 1)) for n, (px, py) in pos.items()}
