"""A view too large to draw at once, cut into sheets: an origin's figures grouped into one node.

A browser draws a view graph of a few thousand nodes interactively; a newsroom's corpus
makes tens of thousands. Past :data:`GROUP_ABOVE` nodes, :func:`sheets` cuts the view graph
(:func:`credgraph.view.view_graph`) into sheets, each laid out by
:func:`credgraph.layout.layered_layout` and small enough to stay interactive:

- the **origins** sheet: one ``group`` node per origin, counting the figures that rest on
  it (an unattributed figure's origin is the outlet that printed it), in the order of each
  group's most important figure; past :data:`OVERVIEW_PAGE` groups a last node opens the
  next origins sheet;
- one **origin** sheet per group (and page of :data:`GROUP_PAGE` figures): those figures
  with their whole chains, sources, reports and outlets; a last node opens the next page.

A ``group`` node's ``opens`` is the index of the sheet it opens, and its ``figures`` the
figures behind it, so the page's filters and highlights treat it as it treats any node.
A smaller view is one sheet, ``all``.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> for i in range(5):
...     G.add_node(f"figure:f{i}", kind="figure", name=f"f{i}", label=f"f{i}", rank=i,
...                figures={f"figure:f{i}"}, severity="warning", badge=["F6"],
...                origins=[["source:a" if i % 2 else "source:b", "A" if i % 2 else "B"]])
>>> [(s.kind, s.title, len(s.graph)) for s in sheets(G, above=3, page=2)]
... # doctest: +NORMALIZE_WHITESPACE
[('origins', 'All origins', 2), ('origin', 'B: figures 1-2 of 3', 3),
 ('origin', 'B: figures 3-3 of 3', 1), ('origin', 'A: figures 1-2 of 2', 2)]
>>> G2 = sheets(G, above=3, page=2)[0].graph
>>> G2.nodes["group:source:b"]["label"], G2.nodes["group:source:b"]["opens"]
('B\\n3 figures', 1)
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from .layout import layered_layout

__all__ = ["Sheet", "sheets", "GROUP_ABOVE", "GROUP_PAGE", "OVERVIEW_PAGE"]

GROUP_ABOVE = 1500
"""A view graph of more nodes than this is cut into sheets (drawn at once, about 2,000
nodes became interactive in 3 s in headless Chromium on a 2-core machine)."""
GROUP_PAGE = 250
"""At most this many figures on an origin's sheet (with their chains: some 600-1,200 nodes)."""
OVERVIEW_PAGE = 300
"""At most this many groups on an origins sheet."""
_SEVERITY = ("none", "info", "warning", "error")


@dataclass
class Sheet:
    """What the page draws at once: a graph and its positions."""

    kind: str
    """``all`` (the whole view), ``origins`` (groups) or ``origin`` (one group's figures)."""
    title: str
    graph: nx.DiGraph
    pos: dict
    up: int | None = None
    """The sheet a Back button returns to: an origin sheet's origins sheet."""
    prev: int | None = None
    """The sheet before this one in its sequence (origins sheets, or one origin's pages)."""
    next: int | None = None
    """The sheet after it."""


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


def _group_node(G: nx.DiGraph, key: str, label: str, figures: list, opens: int,
                more: str | None = None) -> dict:
    """A node standing for *figures* (an origin's, or the rest of them: *more*)."""
    severity = max((G.nodes[f]["severity"] for f in figures), key=_SEVERITY.index)
    flagged = sum(G.nodes[f]["severity"] in ("warning", "error") for f in figures)
    source = G.nodes[key] if key in G else {}
    name = more or label
    title = [name, f"{_plural(len(figures), 'figure')} rest on {label}" + (
        f" ({flagged:,} flagged: a warning or an error)" if flagged else ""), ""]
    title += [source["title"], ""] if source else []
    title.append("Click to open them with their chains.")
    badge = ([f"reliability {source['reliability']}"] if source.get("reliability") else []) + [
        f"{flagged:,} flagged" if flagged else "nothing flagged"]
    head = "\n".join(textwrap.wrap(name, 24, max_lines=2, placeholder=" …"))
    return dict(kind="group", name=name, aliases=[], label=f"{head}\n"
                f"{_plural(len(figures), 'figure')}", title="\n".join(title),
                badge=[" · ".join(badge)], figures=set(figures), severity=severity,
                rank=len(G) if more else min(G.nodes[f]["rank"] for f in figures), opens=opens,
                flags=[],
                kinds=[], outlets=[])


def _pages(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def sheets(G: nx.DiGraph, *, above: int = GROUP_ABOVE, page: int = GROUP_PAGE,
           overview: int = OVERVIEW_PAGE) -> list[Sheet]:
    """The sheets a view graph is drawn on: one (``all``) up to *above* nodes, else the
    origins sheets first, then each group's sheets (see the module docstring)."""
    if len(G) <= above:
        return [Sheet("all", "All figures", G, layered_layout(G))]
    figures = sorted((n for n, k in G.nodes(data="kind") if k == "figure"),
                     key=lambda f: (G.nodes[f]["rank"], f))
    groups: dict[str, list] = {}
    labels: dict[str, str] = {}
    for f in figures:
        for key, label in G.nodes[f]["origins"]:
            groups.setdefault(key, []).append(f)
            labels[key] = label
    order = sorted(groups, key=lambda k: (G.nodes[groups[k][0]]["rank"], k))
    origin_pages = _pages(order, overview)
    first, index = {}, len(origin_pages)
    home = {key: i // overview for i, key in enumerate(order)}
    for key in order:
        first[key] = index
        index += len(_pages(groups[key], page))
    members, lines = defaultdict(list), defaultdict(list)
    for n, figs in G.nodes(data="figures"):
        for f in figs:
            members[f].append(n)
    for a, b, data in G.edges(data=True):
        for f in data["figures"]:
            lines[f].append((a, b, data))

    out = []
    for p, keys in enumerate(origin_pages):
        H = nx.DiGraph()
        for key in keys:
            H.add_node("group:" + key, **_group_node(G, key, labels[key], groups[key],
                                                     first[key]))
        if p + 1 < len(origin_pages):
            rest = [f for k in order[(p + 1) * overview:] for f in groups[k]]
            more = f"{_plural(len(order) - (p + 1) * overview, 'more origin')}"
            H.add_node(f"origins#{p + 1}", **_group_node(G, "", "later origins", rest, p + 1,
                                                         more=more))
        total = len(order)
        title = "All origins" if len(origin_pages) == 1 else (
            f"Origins {p * overview + 1:,}-{min((p + 1) * overview, total):,} of {total:,}")
        out.append(Sheet("origins", title, H, layered_layout(H), prev=p - 1 if p else None,
                         next=p + 1 if p + 1 < len(origin_pages) else None))
    for key in order:
        chunks = _pages(groups[key], page)
        for j, chunk in enumerate(chunks):
            H = nx.DiGraph()
            H.add_nodes_from((n, G.nodes[n]) for f in chunk for n in members[f])
            H.add_edges_from(line for f in chunk for line in lines[f])
            if j + 1 < len(chunks):
                rest = groups[key][(j + 1) * page:]
                H.add_node(f"group:{key}#{j + 1}", **_group_node(
                    G, key, labels[key], rest, first[key] + j + 1,
                    more=f"{_plural(len(rest), 'more figure')} of {labels[key]}"))
            n = len(groups[key])
            title = f"{labels[key]}: figures {j * page + 1:,}-{j * page + len(chunk):,} of {n:,}"
            out.append(Sheet("origin", title, H, layered_layout(H), up=home[key],
                             prev=first[key] + j - 1 if j else None,
                             next=first[key] + j + 1 if j + 1 < len(chunks) else None))
    return out
