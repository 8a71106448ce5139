"""When figures are compared (credgraph.comparison): the rules as tables, and properties
that hold for any corpus: a later point of a running total or a part of a period never
makes a conflict; a copy never adds an independent origin; origins counted in order."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credgraph.api import audit
from credgraph.build import corpus_quads
from credgraph.comparison import disagree, parts_over_whole, relate
from credgraph.embedded import OxigraphStore
from credgraph.measures import builtin_measures
from credgraph.model import Corpus, DateSpan, Day, Figure, Mention, Registry, Report, Source, \
    TimeRef
from credgraph.synth import synth_corpus

M = builtin_measures()
ASOF = lambda end, since=None: TimeRef("as-of", since and Day.parse(since), Day.parse(end))  # noqa: E731
PER = lambda a, b: TimeRef("period", Day.parse(a), Day.parse(b))  # noqa: E731


def fig(measure="deserters", value=100, time=None, **kw):
    return Figure(measure, D(value), time=time or TimeRef(), **{"subject": "red", **kw})


@pytest.mark.parametrize("a, b, relation", [
    (fig(time=ASOF("2023-03-31")), fig(time=ASOF("2023-03-31")), "same"),
    (fig(time=ASOF("2023-03")), fig(time=ASOF("2023-03")), "coarse"),  # which days of March?
    (fig(time=ASOF("2023")), fig(time=ASOF("2023")), "coarse"),
    (fig(time=PER("2023", "2023")), fig(time=PER("2023", "2023")), "same"),  # one window
    (fig(time=ASOF("2023-03")), fig(time=ASOF("2023-05")), "series"),
    (fig(time=ASOF("2023-03", "2022-02-24")), fig(time=ASOF("2023-05", "2022-09")), None),
    (fig(time=PER("2023-10", "2023-10")), fig(time=PER("2023-09", "2023-11")), "part"),
    (fig(time=PER("2023-09", "2023-11")), fig(time=PER("2023-10-01", "2023-10-31")), "whole"),
    (fig(time=PER("2023-01", "2023-06")), fig(time=PER("2023-04", "2023-09")), None),
    (fig(time=PER("2023-01", "2023-06")), fig(time=ASOF("2023-07-01")), "part"),
    (fig(time=PER("2023-01", "2023-06")), fig(time=ASOF("2023-07", "2023-03")), None),
    (fig("killed", time=ASOF("2023-12-31")), fig("casualties", time=ASOF("2023-12-31")), "narrower"),
    (fig("casualties", time=ASOF("2023-12-31")), fig("killed", time=ASOF("2023-12-31")), "broader"),
    (fig("killed", time=ASOF("2023")), fig("casualties", time=ASOF("2023")), None),
    (fig("killed", time=ASOF("2023")), fig("casualties", time=ASOF("2024")), None),
    (fig(time=ASOF("2023")), fig("desertion-criminal-cases", time=ASOF("2023")), None),
    (fig(time=ASOF("2023")), fig(time=ASOF("2023"), subject="blue"), None),
    (fig(), fig(), None),  # no time given: not compared
    (fig(time=replace(ASOF("2023"), per="day")), fig(time=ASOF("2023")), None),
    (fig("share", 30, ASOF("2023"), unit="percent of tanks"),
     fig("share", 60, ASOF("2023"), unit="percent of crews"), None),
    (fig("share", 30, PER("2023", "2023"), unit="percent"),
     fig("share", 60, PER("2023", "2023"), unit="percent"), "same"),
])
def test_how_figures_relate(a, b, relation):
    assert relate(a, b, M) == relation


@pytest.mark.parametrize("a, b, relation, flagged", [
    (fig(value=100, qualifier="more-than"), fig(value=115, qualifier="at-least"), "same", False),
    (fig(value=450, qualifier="about"), fig(value=490), "same", False),
    (fig(value=450, qualifier="about"), fig(value=520), "same", True),  # 500 may be 495 rounded
    (fig(value=650, time=ASOF("2023-03")), fig(value=400, time=ASOF("2023-05")), "series", True),
    (fig(value=400, time=ASOF("2023-03")), fig(value=650, time=ASOF("2023-05")), "series", False),
    (fig(value=10, time=ASOF("2023-05-01")), fig(value=50, time=ASOF("2023-05-03")), "series", True),
    (fig("personnel", 650, ASOF("2023-03")), fig("personnel", 400, ASOF("2023-05")), "series", False),
    (fig("killed", 30000), fig("casualties", 25000), "narrower", True),
    (fig("killed", 10000), fig("casualties", 25000), "narrower", False),
])
def test_when_related_figures_disagree(a, b, relation, flagged):
    assert (disagree(a, b, relation, M) is not None) == flagged


def test_parts_are_added_only_where_they_do_not_overlap():
    whole = fig(value=300, time=PER("2023-09", "2023-11"))
    parts = [fig(value=150, time=PER("2023-09", "2023-09")),
             fig(value=140, time=PER("2023-09-15", "2023-10-15")),  # overlaps both others
             fig(value=120, time=PER("2023-10", "2023-10"))]
    assert parts_over_whole(whole, parts) is None  # 150 + 120 or 140 alone: not over 300
    parts.append(fig(value=100, time=PER("2023-11", "2023-11")))
    assert len(parts_over_whole(whole, parts)) == 3  # 150 + 120 + 100 = 370


def _audited(corpus):
    store = OxigraphStore()
    store.load_quads(corpus_quads(corpus))
    return audit(store)


def _conflicts(result) -> set:
    return {(f.id, x.message) for f in result.figures for x in f.findings
            if x.check == "conflicting-figures"}


def _with_report(corpus, rid, mentions, outlet=None, **kw):
    """*corpus* with one report more, by *outlet* (a source of the registry; default: the
    first, which may be on the chains already) or, for ``"new"``, by an outlet added to it."""
    registry = corpus.registry
    if outlet == "new":
        outlet = "zz-new-outlet"
        registry = Registry([*registry, Source(outlet, "A new outlet", "news-outlet", "C",
                                               "added by the test")])
    outlet = outlet or next(iter(registry)).id
    report = Report(rid, "article", outlet, "added", DateSpan(None, None, "unknown"),
                    tuple(mentions), **kw)
    return Corpus(registry, {**corpus.reports, rid: report}, measures=corpus.measures)


def test_a_copy_by_a_source_on_the_chains_adds_no_origin():
    """Seed 401: Synthetic named person 0 is the first source of the registry, an origin of
    figure-0000022 (relayed by relay-00000 and relay-00007 elsewhere). A report of hers
    copying relay-00000's makes her a copier of relay-00000's figure: her group merges into
    relay-00000's. relay-00007, which relays her elsewhere, may have the figure from
    relay-00000 through her, so it stays uncertain (before: counted sure, and the
    independent origins rose from 1 to 2)."""
    corpus = synth_corpus(173, seed=401)
    before = {f.id: f for f in _audited(corpus).figures}
    copied = _audited(_with_report(corpus, "zz-copy", [], copies="report-0000001"))
    rise = [f.id for f in copied.figures
            if f.id in before and f.independent_origins > before[f.id].independent_origins]
    assert not rise


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), days=st.integers(1, 400), factor=st.sampled_from(
    ["0.5", "1", "1.2", "3", "20"]), part=st.booleans())
def test_a_later_point_or_a_part_never_makes_a_conflict(seed, days, factor, part):
    corpus = synth_corpus(300, seed=seed)
    before = _audited(corpus)
    timed = [m for m in corpus.mentions() if m.figure is not None and m.figure.value
             and (m.figure.time.kind == "as-of" or m.figure.time.closed())]
    if not timed:
        return
    chosen = timed[seed % len(timed)]
    base = chosen.figure
    start, end = base.time.window()
    from datetime import timedelta
    if part and base.time.closed():
        if start + timedelta(days) >= end:
            return  # not a part: the whole period again
        time = TimeRef("period", Day.parse(start), Day.parse(start + timedelta(days)))
    elif base.time.kind == "as-of":
        time = TimeRef("as-of", base.time.start, Day.parse(base.time.end.last() +
                                                           timedelta(days=days)))
    else:
        return
    added = replace(base, value=(base.value * D(factor)).to_integral_value() + 1, time=time)
    after = _audited(_with_report(corpus, "zz-added", [
        Mention("zz-added", "m1", "zz-new-point", "A later point.", added, "court" if
                "court" in corpus.registry else next(iter(corpus.registry)).id)]))
    between = {(fid, message) for fid, message in _conflicts(after) - _conflicts(before)
               if {fid, chosen.claim} <= {fid, *message.replace("(", " ").replace(")", " ")
                                          .split()} and "zz-new-point" in (fid + message)}
    assert not between


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(20, 300))
def test_origins_are_counted_in_order_and_a_copy_adds_none(seed, size):
    corpus = synth_corpus(size, seed=seed)
    result = _audited(corpus)
    for f in result.figures:
        assert 1 <= f.independent_origins <= f.independent_origins_max <= f.apparent_sources, f.id
    original = sorted(corpus.reports)[seed % len(corpus.reports)]
    copied = _audited(_with_report(corpus, "zz-copy", [], outlet="new", copies=original))
    before = {f.id: f for f in result.figures}
    for f in copied.figures:
        if f.id in before:
            assert f.independent_origins <= before[f.id].independent_origins, f.id
            assert f.independent_origins_max <= before[f.id].independent_origins_max, f.id
