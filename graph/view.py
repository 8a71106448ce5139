"""The interactive viewer: the audit as a graph of where every figure came from.

:func:`view_graph` turns an audit into a :class:`networkx.DiGraph` of sources, outlets,
reports and figures, relays pointing from the origin towards the reports that repeat it;
:func:`credgraph.layout.layered_layout` places it in columns (origins left, figures right)
without overlaps; :func:`credgraph.view_page.to_html` writes the page (a large view grouped
by origin, :mod:`credgraph.view_groups`); :func:`view` does all three. Figures are shown in
the order of :func:`ranked`, the one place that decides which figures matter most.

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
>>> G.nodes["figure:hur-8th-army-deserters"]["badge"][0]
'D4 · 1 report · 1 origin'

Every piece of text a person reads (names, aliases, titles, statements, reasons, labels,
badges, chains) goes through :func:`credgraph.display.display_text` first, so a
bidirectional override in an annotation cannot reorder what the page shows.
"""

from __future__ import annotations

import difflib
import textwrap
from dataclasses import replace

import networkx as nx

from .audit import AuditResult, FigureAudit
from .checks import severity_rank
from .display import display_text
from .errors import InputError
from .ids import mention_key
from .layout import layered_layout
from .trace import CitationTrace
from .view_groups import GROUP_ABOVE
from .view_page import LARGE_VIEW, STYLE, VIS_NETWORK_SHA256, VIS_NETWORK_VERSION, \
    grade_key, script_json, to_html
from .view_page import counts_note as page_counts

__all__ = ["view", "view_graph", "ranked", "most_flagged", "counts_note", "figure_matches",
           "layered_layout", "to_html", "script_json", "grade_key", "STYLE",
           "VIS_NETWORK_VERSION", "VIS_NETWORK_SHA256", "LARGE_VIEW", "GROUP_ABOVE", "ORDER"]

ORDER = "the highest priority"
"""What :func:`ranked` puts first, in words (the page and the command line say it)."""
_TEXT = ("name", "aliases", "label", "title", "badge", "statement", "grade_reason",
         "source_kind", "kinds")


def ranked(figures: list[FigureAudit]) -> list[FigureAudit]:
    """Figures in the order the viewer shows them: by priority, as every output lists them
    (:attr:`~credgraph.audit.FigureAudit.priority`: reach times weakness), ties by id. The
    one ordering the viewer uses: which figures a capped view keeps, where the page opens,
    which groups and figures come first.

    >>> from credgraph.api import audit
    >>> result = audit(None).figures
    >>> ranked(result) == sorted(result, key=lambda f: (-f.priority, f.id))
    True
    """
    return sorted(figures, key=lambda f: (-f.priority, f.id))


def _shown(attrs: dict) -> dict:
    """*attrs* with every piece of display text made safe to show (one rule for all)."""
    for key in _TEXT:
        value = attrs.get(key)
        if isinstance(value, str):
            attrs[key] = display_text(value)
        elif isinstance(value, (list, set)):
            attrs[key] = type(value)(display_text(v) for v in value)
    return attrs


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


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
        lines += [f"{k}: {v}" for k, v in (("time", value.time.iso()),
                                            ("place", value.place)) if v]
    for m in fig.claim.mentions:
        r = trace.reports[m.report]
        outlet = trace.registry[r.outlet].name if r.outlet in trace.registry else r.outlet
        lines.append(f"in {mention_key(m.node)} ({outlet}, {r.earliest or '?'}.."
                     f"{r.latest or '?'}), hedge: {m.hedge}")
    lines.append(f"origins: {'; '.join(a.label for a in fig.origins) or 'none'} "
                 f"({fig.independent_origins} independent)")
    lines.append(f"grade {fig.grade.code}: {fig.grade.reason}")
    lines += [note.text() for note in fig.fact_checks]
    by_check: dict = {}
    for f in fig.findings:
        by_check.setdefault(f.check, []).append(f)
    lines += [f"flag {c} ({fs[0].severity}): {fs[0].message}" + (
        f" (and {len(fs) - 1} more)" if len(fs) > 1 else "") for c, fs in by_check.items()]
    worst = max((f.severity for f in fig.findings), key=severity_rank, default="none")
    flagged = " · ".join(sorted({f.check for f in fig.findings if f.severity != "info"}))
    badge = [f"{fig.grade.code} · {_plural(len(fig.claim.reports), 'report')} · "
             f"{_plural(fig.independent_origins, 'origin')}"]
    badge += textwrap.wrap(f"⚑ {flagged}", 30, break_on_hyphens=False) if flagged else []
    label = (value.describe() + "\n" if value else "") + _short(fig.id.replace("-", " "), 26)
    origins = {("source:" + a.origin.source if a.origin.source else
                ":".join(a.origin.independence), a.label) for a in fig.origins} or {
        ("unattributed", "no origin")}
    return _shown(dict(name=fig.id, aliases=[], grade=fig.grade.code,
                       statement=fig.claim.reference.text,
                       grade_reason=fig.grade.reason, flags=sorted(by_check), severity=worst,
                       kinds=set(), outlets=set(), chains=[], label=label,
                       title="\n".join(lines), badge=badge,
                       origins=sorted(map(list, origins))))


def _source_attrs(trace: CitationTrace, sid: str) -> dict:
    """A source node: name, kind, aliases, label and tooltip."""
    if sid not in trace.registry:
        return _shown(dict(name=sid, source_kind="unknown", aliases=[], label=_short(sid, 22),
                           title=f"{sid} (not in the registry)"))
    s = trace.registry[sid]
    title = [s.name, f"kind: {s.kind}" + (f", country: {s.country}" if s.country else ""),
             f"reliability {s.reliability}: {s.reliability_reason}"]
    title += ["also: " + ", ".join(s.aliases)] if s.aliases else []
    if s.party or s.anonymous or s.speaks_for:
        title.append(f"party: {s.party or '-'}, anonymous: {'yes' if s.anonymous else 'no'}, "
                     f"speaks for: {s.speaks_for or '-'}")
    return _shown(dict(name=s.name, source_kind=s.kind, aliases=list(s.aliases),
                       reliability=s.reliability, label=_short(display_text(s.name), 22),
                       title="\n".join(title)))


def _report_attrs(trace: CitationTrace, rid: str) -> dict:
    """A report node: its id as name, its title as alias and label, and a tooltip."""
    r = trace.reports[rid]
    title = (f"{r.title}\nreport {r.id} ({r.kind})\noutlet: {r.outlet}\n"
             f"date: {r.earliest or '?'}..{r.latest or '?'}"
             + f"\nseed: {r.seed}" * bool(r.seed))
    return _shown(dict(name=r.id, aliases=[r.title], label=_short(display_text(r.title), 24, 3),
                       title=title))


def view_graph(result: AuditResult, figure: str | None = None) -> nx.DiGraph:
    """The audit as the viewer's graph: sources, outlets, reports, figures, and relays.

    Edges point downstream: ``relay`` from a source (origin or relay) to the next source
    or to the report repeating it, ``publishes`` from an outlet to its report, ``states``
    from a report to the figure. Each node and edge has ``figures``: the figures whose
    chains run through it. Figures carry their ``rank`` in :func:`ranked` order (0 first)
    and their ``origins`` (``[key, label]``: a source node, or the outlet of an unattributed
    statement). With *figure* (a claim id) only that figure's chains are kept; an unknown
    id is an :class:`~credgraph.errors.InputError` naming the ids it may mean
    (:func:`figure_matches`).
    """
    trace, figures = result.trace, result.figures
    if trace is None:
        raise InputError("the audit result carries no citation trace "
                         "(audit with credgraph.api.audit)")
    if figure is not None:
        ids = [f.id for f in figures]
        if figure not in ids:
            near = figure_matches(ids, figure)
            listed = ", ".join(near[:8]) + (f" (and {len(near) - 8:,} more)" if len(near) > 8
                                            else "")
            raise InputError(f"no figure with id {figure!r} in {result.input}" + (
                f"; did you mean {listed}?" if near else "; `credgraph audit` lists the ids"))
        figures = [result.figure(figure)]
    rank = {f.id: i for i, f in enumerate(ranked(result.figures))}
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
        G.nodes[fid]["rank"] = rank[fig.id]
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


def figure_matches(ids: list[str], wanted: str) -> list[str]:
    """The figure ids *wanted* may mean: those holding every word of it (case-insensitive,
    shortest first), or else the closest spellings.

    >>> ids = ["hur-southern-district-deserters", "hur-8th-army-deserters", "brigade-155"]
    >>> figure_matches(ids, "deserters"), figure_matches(ids, "Southern Deserters")
    (['hur-8th-army-deserters', 'hur-southern-district-deserters'], \
['hur-southern-district-deserters'])
    >>> figure_matches(ids, "brigade-156")
    ['brigade-155']
    """
    words = wanted.lower().replace("-", " ").split()
    holding = sorted((i for i in ids if words and all(w in i.lower() for w in words)),
                     key=lambda i: (len(i), i))
    return holding or difflib.get_close_matches(wanted, ids, n=5, cutoff=0.6)


def most_flagged(result: AuditResult, limit: int) -> AuditResult:
    """The audit cut to the first *limit* of its figures in :func:`ranked` order: a graph
    of a whole newsroom's corpus is too big to look at; these are worth looking at first.

    >>> from credgraph.api import audit
    >>> result = audit(None)
    >>> [f.id for f in most_flagged(result, 2).figures] == [f.id for f in ranked(result.figures)[:2]]
    True
    """
    if limit >= len(result.figures):
        return result
    return replace(result, figures=ranked(result.figures)[:limit])


def counts_note(shown: int, total: int) -> str:
    """How many figures of how many a view shows, and which (:data:`ORDER`).

    >>> counts_note(400, 8453), counts_note(78, 78)
    ('400 of 8,453 figures (the highest priority)', 'All 78 figures')
    """
    return page_counts(shown, total, ORDER)


def view(result: AuditResult, *, figure: str | None = None, heading: str | None = None,
         max_figures: int | None = None) -> str:
    """The HTML viewer for an audit (or for one *figure*'s chains), as a string.

    With *max_figures*, a larger audit is cut to its first figures in :func:`ranked` order
    (:func:`most_flagged`); the page says how many of how many it shows, and how to see
    the rest. A view too large to draw at once is grouped by origin
    (:mod:`credgraph.view_groups`).

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
    counts, rest = counts_note(len(result.figures), total), ""
    if figure:
        counts = f"1 of {_plural(total, 'figure')}"
        rest = "Without --figure, credgraph view shows the others."
    elif len(result.figures) < total:
        rest = (f"To see the rest: credgraph view --max-figures {total} shows them all (a "
                "large view grouped by origin), --figure ID one figure with its chains.")
    return to_html(view_graph(result, figure), heading=heading, counts=counts, rest=rest)
