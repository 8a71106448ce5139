"""A synthetic corpus at any size, for benchmarks: realistic shape, invented content.

:func:`synth_corpus` makes a :class:`~credgraph.model.Corpus` of about *mentions* mentions:
figures stated by 1-5 reports each; chains of depth 1-6 (``via`` intermediaries, relays of
other reports) back to origins drawn from a source pool with heavy-tailed (Zipf)
popularity, so a few sources originate most figures; anonymous and party-to-conflict
origins; pairs of conflicting figures, relays that change the value, relays that drop the
upstream hedge, a few citation loops, and now and then an origin correcting its figure in a
later report (``corrects:``); one report in a hundred is an unreviewed draft. The same seed
gives the same corpus.

:mod:`credgraph.synth_files` writes it as annotation files or as RDF.

>>> corpus = synth_corpus(200, seed=7)
>>> 190 <= sum(len(r.mentions) for r in corpus.reports.values()) <= 210
True
>>> synth_corpus(200, seed=7).reports == corpus.reports
True
>>> sorted(SHAPE)[:3]
['computed', 'conflicting', 'corrects']
"""

from __future__ import annotations

import dataclasses
import random
from bisect import bisect
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from .measures import builtin_measures
from .model import Corpus, DateSpan, Day, Figure, Mention, Registry, Report, Source, TimeRef

__all__ = ["synth_corpus", "synth_registry", "SHAPE"]

SHAPE = {
    "reports_per_figure": (34, 26, 18, 12, 10),
    "via_length": (38, 26, 16, 10, 6, 4),
    "relay": 0.3,
    "second_origin": 0.15,
    "unattributed": 0.04,
    "conflicting": 0.05,
    "drift": 0.08,
    "hedge_dropped": 0.5,
    "cycles": 0.002,
    "running_total": 0.15,
    "series": 0.05,
    "part": 0.03,
    "disputes": 0.01,
    "computed": 0.01,
    "corrects": 0.005,
    "zipf": 1.1,
}
"""Probabilities and weights that shape the corpus (see the module docstring)."""

_ORIGIN_KINDS = (  # kind, party choices, reliability, share of the origin pool
    ("military-intelligence", ("ukraine", "russia"), "F", 12),
    ("defence-ministry", ("ukraine", "russia"), "E", 10),
    ("government", ("ukraine", "russia"), "E", 6),
    ("news-outlet", (None,), "B", 18),
    ("wire-agency", (None,), "B", 6),
    ("human-rights-group", (None,), "C", 8),
    ("ngo", (None,), "C", 8),
    ("telegram-channel", (None, "russia", "ukraine"), "F", 14),
    ("anonymous-person", (None,), "F", 6),
    ("anonymous-group", (None,), "F", 3),
    ("court", (None,), "A", 3),
    ("official-register", (None,), "B", 3),
    ("named-person", (None,), "D", 3),
)
_RELAY_KINDS = (("news-outlet", "C"), ("aggregator", "D"), ("broadcaster", "C"),
                ("telegram-channel", "F"), ("wire-agency", "B"))
_MEASURES = ("deserters", "killed", "wounded", "captured", "refusals-to-fight", "mobilised",
             "missing", "criminal-cases", "drones-downed", "convictions")
"""Measures of credgraph's scheme (ontology/measures.ttl)."""
_UNITS = ("servicemen", "people", "soldiers", "cases", "drones")
_QUALIFIERS = ("exact", "about", "more-than", "at-least", "nearly", "up-to", "range")
_HEDGES = ("none", "none", "none", "unable-to-verify", "alleged", "estimate", "probable")
_UNVERIFIED = ("unable-to-verify", "alleged")
_KINDS = ("article", "article", "article", "telegram-post", "statement", "video", "interview")


def _zipf(n: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights: rank 1 is drawn most often."""
    return list(accumulate(1 / (rank ** exponent) for rank in range(1, n + 1)))


def _draw(rnd: random.Random, cum: list[float]) -> int:
    """An index drawn with the cumulative weights *cum*."""
    return min(bisect(cum, rnd.random() * cum[-1]), len(cum) - 1)


def synth_registry(size: int, seed: int = 0) -> tuple[Registry, list[str], list[str]]:
    """A registry of *size* origins plus relays; returns it, origin ids and relay ids.

    >>> reg, origins, relays = synth_registry(40)
    >>> len(origins), len(reg) == len(origins) + len(relays)
    (40, True)
    """
    rnd = random.Random(f"registry-{seed}")
    kinds = [k for k in _ORIGIN_KINDS for _ in range(k[3])]
    drawn = [(f"{k[0].split('-')[0]}-{i:05d}", k, rnd.choice(k[1])) for i, k in
             ((i, rnd.choice(kinds)) for i in range(size))]
    heads = {}  # each party's first government: its organs and channels speak for it
    for sid, (kind, *_rest), party in drawn:
        if kind == "government" and party not in heads:
            heads[party] = sid
    sources, origins, relays = [], [], []
    for i, (sid, (kind, _parties, reliability, _share), party) in enumerate(drawn):
        speaks = None
        if kind in ("defence-ministry", "military-intelligence", "telegram-channel") \
                and party in heads and rnd.random() < 0.6:
            speaks = heads[party]
        sources.append(Source(sid, f"Synthetic {kind.replace('-', ' ')} {i}", kind, reliability,
                              f"synthetic {kind} with reliability {reliability}",
                              aliases=(f"S{i:05d}",), party=party,
                              anonymous=kind.startswith("anonymous"), speaks_for=speaks))
        origins.append(sid)
    for i in range(max(20, size // 2)):
        kind, reliability = rnd.choice(_RELAY_KINDS)
        sid = f"relay-{i:05d}"
        sources.append(Source(sid, f"Synthetic relay {i}", kind, reliability,
                              f"synthetic {kind}", aliases=(f"R{i:05d}",)))
        relays.append(sid)
    return Registry(sources), origins, relays


def _figure(rnd: random.Random, index: int, group: int) -> Figure:
    qualifier = rnd.choice(_QUALIFIERS)
    value = Decimal(int(rnd.lognormvariate(7, 1.6)) + 1)
    period = TimeRef()
    if rnd.random() < SHAPE["running_total"]:
        day = date(2022, 2, 24) + timedelta(days=rnd.randrange(700))
        period = TimeRef("as-of", Day.parse(date(2022, 2, 24)), Day.parse(day))
    elif rnd.random() < 0.4:
        start = date(2022, 2, 24) + timedelta(days=rnd.randrange(700))
        period = TimeRef("period", Day.parse(start),
                         Day.parse(start + timedelta(days=rnd.randrange(30, 400))))
    return Figure(
        measure=_MEASURES[index % len(_MEASURES)],
        value=None if qualifier == "range" else value,
        min=value if qualifier == "range" else None,
        max=value * 2 if qualifier == "range" else None,
        qualifier=qualifier, unit=_UNITS[index % len(_UNITS)],
        subject=f"formation {group}", subject_side=rnd.choice(("russia", "ukraine", None)),
        time=period)


def _drifted(rnd: random.Random, fig: Figure) -> Figure:
    factor = Decimal(rnd.choice(("1.5", "2", "0.5", "10")))
    low, high = (fig.min, fig.max) if fig.value is None else (fig.value, fig.value)
    if fig.value is None:
        return Figure(fig.measure, None, low * factor, high * factor, "range", fig.unit,
                      fig.subject, fig.subject_side, fig.place, fig.time)
    return Figure(fig.measure, (low * factor).to_integral_value(), None, None, fig.qualifier,
                  fig.unit, fig.subject, fig.subject_side, fig.place, fig.time)


def _related(rnd: random.Random, fig: Figure, previous: tuple, extra: dict):
    """Now and then a figure related to the previous one: a later point of its running
    total (sometimes lower), a month of its period (sometimes more than the whole), a
    mention disputing it, or one computed from it."""
    before, claim = previous[1], previous[0]
    draw = rnd.random()
    low = before.value if before.value is not None else before.min
    if draw < SHAPE["series"] and before.time.kind == "as-of" and low is not None:
        later = before.time.end.first() + timedelta(days=rnd.randrange(30, 200))
        value = (low * Decimal(rnd.choice(("1.5", "2", "0.5")))).to_integral_value()
        return Figure(before.measure, value, None, None, "exact", before.unit, before.subject,
                      before.subject_side, before.place,
                      TimeRef("as-of", before.time.start, Day.parse(later))), \
            {**extra, _SERIES: claim}
    draw -= SHAPE["series"]
    if draw < SHAPE["part"] and before.time.closed() and low is not None:
        start, end = before.time.window()
        part_end = min(end, start + timedelta(days=rnd.randrange(7, 28)))
        value = (low * Decimal(rnd.choice(("0.3", "1.5")))).to_integral_value() + 1
        return Figure(before.measure, value, None, None, "exact", before.unit, before.subject,
                      before.subject_side, before.place,
                      TimeRef("period", Day.parse(start), Day.parse(part_end))), extra
    draw -= SHAPE["part"]
    if draw < SHAPE["disputes"]:
        return fig, {"disputes": claim}
    draw -= SHAPE["disputes"]
    if draw < SHAPE["computed"]:
        return fig, {"computed_from": (claim,)}
    draw -= SHAPE["computed"]
    if draw < SHAPE["corrects"] and low is not None and before.value is not None:
        revised = (low * Decimal("1.2")).to_integral_value() + 1
        return Figure(before.measure, revised, None, None, before.qualifier, before.unit,
                      before.subject, before.subject_side, before.place, before.time), \
            {_CORRECTS: claim}
    return fig, extra


_SERIES = "series of claim"
"""The key of a spec's extras naming the claim whose running total it is a later point of:
stated by that claim's origin, whose series alone cannot fall (another origin's lower count
is its own floor). Not written."""

_UNREVIEWED_EVERY = 100
"""One report in this many is an unreviewed draft (``reviewed: false``)."""

_CORRECTS = "corrects claim"
"""The key of a spec's extras naming the claim whose figure it corrects: the mention it
corrects is chosen once the mentions have their keys (:func:`_corrections`)."""


def synth_corpus(mentions: int, seed: int = 0) -> Corpus:
    """A corpus of about *mentions* mentions (one per report and figure), deterministic."""
    rnd = random.Random(seed)
    registry, origins, relays = synth_registry(max(30, min(5000, mentions // 100)), seed)
    origin_cum, outlet_cum = _zipf(len(origins), SHAPE["zipf"]), _zipf(len(relays), 1.0)
    pick = lambda pool, cum: pool[_draw(rnd, cum)]  # noqa: E731
    per_figure = list(accumulate(SHAPE["reports_per_figure"]))
    via_cum = list(accumulate(SHAPE["via_length"]))
    specs: list[tuple] = []  # (claim, figure, attributed, via, relays-index, hedge, extra)
    index = 0
    while len(specs) < mentions:
        claim = f"figure-{index:07d}"
        conflict = index and rnd.random() < SHAPE["conflicting"]
        fig = _figure(rnd, index - 1 if conflict else index, index - 1 if conflict else index)
        if conflict:  # same quantity as the previous figure, a value that cannot agree
            fig = _drifted(rnd, _drifted(rnd, fig))
            fig = Figure(fig.measure, fig.value, fig.min, fig.max, "exact" if fig.value else
                         "range", fig.unit, specs[-1][1].subject, specs[-1][1].subject_side,
                         None, specs[-1][1].time)
        extra = {}
        if not conflict and specs:
            fig, extra = _related(rnd, fig, specs[-1], extra)
        first_origin = pick(origins, origin_cum)
        n = _draw(rnd, per_figure) + 1
        corrected = extra.get(_CORRECTS) or extra.get(_SERIES)
        if corrected is not None:  # by the corrected figure's (the series') origin, once
            by = next((s[2] for s in reversed(specs) if s[0] == corrected and s[2]), None)
            first_origin, n = by or first_origin, 1
            if by is None:  # no origin named for it: nobody to correct it or to count on
                extra = {k: v for k, v in extra.items() if k not in (_CORRECTS, _SERIES)}
        alone = _CORRECTS in extra or _SERIES in extra  # the one origin, named
        first = len(specs)
        for k in range(n):
            hedge = rnd.choice(_HEDGES)
            if k and rnd.random() < SHAPE["relay"]:
                up = first + rnd.randrange(k)
                up_fig, up_hedge = specs[up][1], specs[up][5]
                if up_hedge in _UNVERIFIED and rnd.random() < SHAPE["hedge_dropped"]:
                    hedge = "none"
                drift = rnd.random() < SHAPE["drift"]
                specs.append((claim, _drifted(rnd, up_fig) if drift else up_fig, None, (), up,
                              hedge, extra))
                continue
            if rnd.random() < SHAPE["unattributed"] and not alone:
                specs.append((claim, fig, None, (), None, hedge, extra))
                continue
            origin = first_origin if rnd.random() > SHAPE["second_origin"] or alone \
                else pick(origins, origin_cum)
            length = _draw(rnd, via_cum)
            via = tuple(dict.fromkeys(pick(relays, outlet_cum) for _ in range(length)))
            specs.append((claim, fig, origin, via, None, hedge, extra))
        if n >= 2 and rnd.random() < SHAPE["cycles"] * 10 / 3 and first + 1 < mentions:
            # two reports relay each other (not when the cut below would drop one of them)
            a, b = specs[first], specs[first + 1]
            specs[first] = (a[0], a[1], None, (), first + 1, a[5], a[6])
            specs[first + 1] = (b[0], b[1], None, (), first, b[5], b[6])
        index += 1
    return _assemble(rnd, registry, relays, outlet_cum, specs[:max(mentions, 1)])


def _assemble(rnd, registry, relays, outlet_cum, specs) -> Corpus:
    """Deal the mention specs into reports of 1-8 mentions, no figure twice in one report."""
    order = list(range(len(specs)))
    rnd.shuffle(order)
    keys: list[str | None] = [None] * len(specs)
    reports_of: list[list[int]] = []
    current: list[int] = []
    claims: set[str] = set()
    size = rnd.randint(1, 8)
    for i in order:
        if len(current) >= size or specs[i][0] in claims:
            reports_of.append(current)
            current, claims, size = [], set(), rnd.randint(1, 8)
        current.append(i)
        claims.add(specs[i][0])
        keys[i] = f"report-{len(reports_of):07d}#m{len(current)}"
    reports_of.append(current)
    reports = {}
    for r, items in enumerate(reports_of):
        rid = f"report-{r:07d}"
        outlet = relays[_draw(rnd, outlet_cum)]
        day = date(2022, 3, 1) + timedelta(days=rnd.randrange(900))
        mentions = []
        for pos, i in enumerate(items, 1):
            claim, fig, origin, via, up, hedge, extra = specs[i]
            who = registry[origin].name if origin else "the outlet"
            mentions.append(Mention(
                rid, f"m{pos}", claim, f"{who} puts {fig.measure} in {fig.subject} at "
                f"{fig.describe()}.", fig, origin, via, keys[up] if up is not None else None,
                hedge=hedge, **{k: v for k, v in extra.items() if k not in (_CORRECTS, _SERIES)}))
        reports[rid] = Report(rid, rnd.choice(_KINDS), outlet, f"Synthetic report {r}",
                              DateSpan(day, day), tuple(mentions),
                              reviewed=r % _UNREVIEWED_EVERY != _UNREVIEWED_EVERY - 1)
    _corrections(reports, specs, keys)
    return Corpus(registry, reports, "<synthetic>", measures=builtin_measures())


def _corrections(reports: dict, specs: list, keys: list) -> None:
    """Point each correcting mention at a mention of the claim it corrects by the same
    origin, and date its report no earlier than that one (a correction comes after)."""
    by_claim: dict[str, list[int]] = {}
    for i, spec in enumerate(specs):
        by_claim.setdefault(spec[0], []).append(i)
    for i, spec in enumerate(specs):
        corrected = spec[6].get(_CORRECTS)
        target = next((keys[j] for j in by_claim.get(corrected, ()) if specs[j][2] == spec[2]),
                      None) if corrected else None
        if target is None:
            continue
        rid, _, mid = keys[i].partition("#")
        old = reports[target.partition("#")[0]].date
        report = reports[rid]
        mentions = tuple(dataclasses.replace(m, corrects=target) if m.id == mid else m
                         for m in report.mentions)
        day = max(report.date.latest, old.latest)
        reports[rid] = dataclasses.replace(report, mentions=mentions, date=DateSpan(day, day))
