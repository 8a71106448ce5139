"""The viewer's graph without a browser: nodes, chains, badges, order, display text, the
command line. The page is tested in ``test_view_page.py``, its layout in ``test_layout.py``,
large views in ``test_view_groups.py``, and all of it in headless Chromium by
``tests/browser/``.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from credgraph import view as viewer
from credgraph.api import audit
from credgraph.cli import main
from credgraph.display import BIDI_CONTROLS
from credgraph.errors import InputError
from credgraph.synth import synth_corpus
from credgraph.view import ORDER, figure_matches, ranked, view, view_graph
from tests.html_page import page_data

TESTS = Path(__file__).parent
XSS = TESTS / "browser" / "xss-corpus"


@pytest.fixture(scope="module")
def seed_view(seed_audit):
    return view_graph(seed_audit)


def _kinds(G) -> dict:
    return {kind: sorted(n for n, k in G.nodes(data="kind") if k == kind)
            for kind in ("source", "outlet", "report", "figure")}


def _view_path(trace, chain: list[str]) -> list[str]:
    """A traced chain (mention first) as view nodes, origin first; a computed figure's
    step into the claim it was computed from (``claim/...``) is no node of the view."""
    path = []
    for key in reversed(chain):
        if key not in trace.statement_source and key not in trace.mentions:
            assert key.startswith("claim/"), key
            continue
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


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("s" if n != 1 else "")


def test_every_badge_says_grade_reports_origins_and_flags(seed_audit, seed_view):
    severities = set()
    for fig in seed_audit.figures:
        data = seed_view.nodes["figure:" + fig.id]
        reports = len({m.report for m in fig.claim.mentions})
        assert data["badge"][0] == (f"{fig.grade.code} · {_plural(reports, 'report')} · "
                                    f"{_plural(len(fig.claim.independent), 'origin')}")
        flags = " ".join(data["badge"][1:])
        flagged = {f.check for f in fig.findings if f.severity != "info"}
        assert all(check in flags for check in flagged)
        assert flags.startswith("⚑") == bool(flagged) and (flags == "") == (not flagged)
        assert data["flags"] == sorted({f.check for f in fig.findings})
        severities.add(data["severity"])
    assert {"info", "warning", "error"} <= severities


def test_single_origin_figures_say_so_without_a_flag(seed_audit, seed_view):
    """A single origin is in the badge itself, whatever the severity of its flag."""
    single = [f for f in seed_audit.figures if f.independent_origins == 1]
    assert len(single) > 30
    assert {seed_view.nodes["figure:" + f.id]["severity"] for f in single} >= {"info", "error"}
    assert all(seed_view.nodes["figure:" + f.id]["badge"][0].endswith(" · 1 origin")
               for f in single)


def test_ranked_is_the_one_order(seed_audit, seed_view):
    order = ranked(seed_audit.figures)
    assert sorted(order, key=lambda f: seed_view.nodes["figure:" + f.id]["rank"]) == order
    assert [f.id for f in viewer.most_flagged(seed_audit, 7).figures] == [
        f.id for f in order[:7]]

    assert [f.priority for f in order] == sorted((f.priority for f in order), reverse=True)


def test_tooltip_states_the_facts(seed_audit, seed_view):
    fig = seed_audit.figure("hur-southern-district-deserters")
    title = seed_view.nodes["figure:hur-southern-district-deserters"]["title"]
    for fact in ("more than 18,000 servicemen", "time: 2022-", "Newsweek", "hedge: ",
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
    ("hur-southern-district-deserter", r"did you mean hur-southern-district-deserters\?"),
    ("southern", r"did you mean hur-southern-district-deserters, "
                 r"hur-southern-district-desertion-rising\?"),
    ("8TH ARMY", r"did you mean hur-8th-army-deserters, hur-58th-army-deserters\?"),
    ("no-such-figure", r"no figure with id 'no-such-figure' .*; `credgraph audit` lists"),
])
def test_an_unknown_figure_is_bad_input(seed_audit, wrong, hint):
    with pytest.raises(InputError, match=hint):
        view_graph(seed_audit, figure=wrong)


def test_a_partial_id_lists_every_figure_holding_it(seed_audit):
    ids = [f.id for f in seed_audit.figures]
    holding = [i for i in ids if "deserters" in i]
    assert len(holding) > 2
    assert sorted(figure_matches(ids, "deserters")) == sorted(holding)
    assert figure_matches(ids, "hur deserters") == sorted(
        (i for i in holding if "hur" in i), key=lambda i: (len(i), i))
    assert figure_matches(ids, "zzzz-nothing") == []


def test_no_display_text_carries_a_bidirectional_control():
    G = view_graph(audit(XSS))
    mirror = G.nodes["source:mirror"]
    assert mirror["name"] == "Mirror ycnegA" and mirror["aliases"] == ["Mirrored name"]
    assert "overrides esrever in a reason" in mirror["title"]
    figure = G.nodes["figure:bidi-figure"]
    assert figure["statement"] == "Mirror says 000,21 were lost."
    assert figure["chains"] == ["Mirror ycnegA → r1"]
    texts = [repr(d) for _, d in G.nodes(data=True)] + [repr(d) for *_, d in G.edges(data=True)]
    assert not set("".join(texts)) & BIDI_CONTROLS


def test_a_capped_view_says_how_many_of_how_many_and_how_to_see_the_rest(tmp_path):
    from credgraph.synth_files import write_annotations

    write_annotations(synth_corpus(300, seed=4), tmp_path / "corpus")
    result = audit(tmp_path / "corpus", label="corpus")
    total = len(result.figures)
    page = view(result, max_figures=25)
    counts = f"25 of {total:,} figures ({ORDER})"
    assert f'<strong id="counts-text">{counts}</strong>' in page
    assert f"--max-figures {total}" in page and "--figure ID" in page
    assert page_data(page)["counts"]["text"] == counts
    assert "<h1>credgraph: corpus</h1>" in page  # the heading is the input, nothing cut
    whole = view(result)
    assert f'<strong id="counts-text">All {total:,} figures</strong>' in whole
    one = view(result, figure=result.figures[0].id)
    assert f'<strong id="counts-text">1 of {total:,} figures</strong>' in one


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
    from credgraph.synth_files import write_annotations

    write_annotations(synth_corpus(300, seed=4), tmp_path / "corpus")
    out = tmp_path / "big.html"
    assert main(["view", str(tmp_path / "corpus"), "--max-figures", "25", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert re.search(r"showing 25 of [\d,]+ figures \(the highest priority\)", err)
    assert "--figure ID" in err
    page = out.read_text(encoding="utf-8")
    shown = {n["id"].removeprefix("figure:") for n in page_data(page)["nodes"]
             if n["kind"] == "figure"}
    result = audit(tmp_path / "corpus")
    expected = viewer.most_flagged(result, 25).figures
    assert shown == {f.id for f in expected} and len(result.figures) > 100
    assert f"25 of {len(result.figures):,} figures (the highest priority)" in page
    hidden = [f for f in result.figures if f.id not in shown]
    assert min(f.priority for f in expected) >= max(f.priority for f in hidden)


@pytest.mark.parametrize("args, message", [
    (["--figure", "nope"], "no figure with id 'nope'"),
    (["--figure", "southern"], "did you mean hur-southern-district-deserters, "),
    ([], "Missing option '--output'"),
])
def test_cli_bad_view_options_exit_2(tmp_path, capsys, args, message):
    target = ["-o", str(tmp_path / "x.html")] if args else []
    assert main(["view", *args, *target]) == 2
    captured = capsys.readouterr()
    assert message in captured.err + captured.out
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("found", [True, False])
def test_cli_open_hands_the_file_to_the_browser(tmp_path, monkeypatch, capsys, found):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda uri: opened.append(uri) or found)
    out = tmp_path / "v.html"
    assert main(["view", str(XSS), "-o", str(out), "--open"]) == 0
    assert opened == [out.resolve().as_uri()] and out.exists()
    said = capsys.readouterr().err
    assert ("no web browser found" in said) is not found, said


def test_no_pair_of_seed_labels_is_identical(seed_view):
    """Distinct nodes read differently, so the legend and search can tell them apart."""
    labels = [(d["kind"], d["label"]) for _, d in seed_view.nodes(data=True)]
    repeated = [k for k, group in itertools.groupby(sorted(labels)) if len(list(group)) > 1]
    assert repeated == []
