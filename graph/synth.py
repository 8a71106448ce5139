"""A synthetic corpus at any size, for benchmarks: realistic shape, invented content.

:func:`synth_corpus` makes a :class:`~credgraph.model.Corpus` of about *mentions* mentions:
figures stated by 1-5 reports each; chains of depth 1-6 (``via`` intermediaries, relays of
other reports) back to origins drawn from a source pool with heavy-tailed (Zipf)
popularity, so a few sources originate most figures; anonymous and party-to-conflict
origins; pairs of conflicting figures, relays that change the value, relays that drop the
upstream hedge, and a few citation loops. The same seed gives the same corpus.

:func:`write_annotations` writes it as annotation files (``sources.yaml`` and
``reports/*.yaml``, readable by :func:`credgraph.annotations.load_corpus`), and
:func:`write_rdf` as N-Quads, N-Triples or TriG straight from
:func:`credgraph.build.corpus_quads`, without building rdflib graphs.

>>> corpus = synth_corpus(200, seed=7)
>>> 190 <= sum(len(r.mentions) for r in corpus.reports.values()) <= 210
True
>>> synth_corpus(200, seed=7).reports == corpus.reports
True
>>> sorted(SHAPE)[:3]
['computed', 'conflicting', 'cycles']
"""

from __future__ import annotations

import dataclasses
import json
import random
from bisect import bisect
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from pathlib import Path

from .build import corpus_quads
from .formats import quads_to_nquads
from .measures import builtin_measures
from .model import Corpus, DateSpan, Day, Figure, Mention, Registry, Report, Source, TimeRef
from .reader import number_text

__all__ = ["synth_corpus", "synth_registry", "one_report", "write_annotations", "write_rdf",
           "SHAPE"]

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
                      TimeRef("as-of", before.time.start, Day.parse(later))), extra
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
    return fig, extra


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
            if rnd.random() < SHAPE["unattributed"]:
                specs.append((claim, fig, None, (), None, hedge, extra))
                continue
            origin = first_origin if rnd.random() > SHAPE["second_origin"] \
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
                hedge=hedge, **extra))
        reports[rid] = Report(rid, rnd.choice(_KINDS), outlet, f"Synthetic report {r}",
                              DateSpan(day, day), tuple(mentions))
    return Corpus(registry, reports, "<synthetic>", measures=builtin_measures())


def _yaml(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (Decimal, int)):
        return number_text(value)
    return json.dumps(str(value))  # a JSON string is a valid double-quoted YAML scalar


def _mention_yaml(m: Mention) -> str:
    fields = {"id": m.id, "claim": m.claim, "statement": m.statement}
    if m.figure is not None:
        f = m.figure
        t = f.time
        period = {"start": t.start, "end": t.end} if t.kind == "period" else None
        fields["figure"] = {"measure": f.measure, "value": f.value, "min": f.min, "max": f.max,
                            "qualifier": f.qualifier, "unit": f.unit, "subject": f.subject,
                            "subject_side": f.subject_side, "place": f.place, "period": period,
                            "as_of": t.end if t.kind == "as-of" else None,
                            "since": t.start if t.kind == "as-of" else None}
    fields.update(attributed_to=m.attributed_to, via=list(m.via) or None, relays=m.relays,
                  hedge=m.hedge if m.hedge != "none" else None,
                  derived_from=list(m.computed_from) or None, disputes=m.disputes)
    return "  - " + _yaml(fields) + "\n"


def one_report(corpus: Corpus, report_id: str = "all") -> Corpus:
    """The corpus as one report holding every mention (a report of 100,000 mentions, the
    large file a validation must stream): mention ``r#m`` becomes ``all#r-m``, relays
    follow.

    >>> corpus = synth_corpus(60, seed=2)
    >>> merged = one_report(corpus)
    >>> list(merged.reports), len(merged.reports["all"].mentions) == len(list(corpus.mentions()))
    (['all'], True)
    """
    def key(k: str) -> str:
        report, mention = k.split("#", 1)
        return f"{report_id}#{report}-{mention}"

    first = corpus.reports[min(corpus.reports)]
    mentions = tuple(dataclasses.replace(
        m, report_id=report_id, id=f"{m.report_id}-{m.id}",
        relays=key(m.relays) if m.relays else None) for m in corpus.mentions())
    merged = dataclasses.replace(first, id=report_id, title="Every mention in one report",
                                 copies=None, mentions=mentions)
    return Corpus(corpus.registry, {report_id: merged}, corpus.origin, measures=corpus.measures)


def write_annotations(corpus: Corpus, folder: str | Path) -> int:
    """Write ``sources.yaml`` and one ``reports/<id>.yaml`` per report; returns files written.

    >>> import tempfile
    >>> from credgraph.annotations import load_corpus
    >>> corpus, folder = synth_corpus(30, seed=2), tempfile.mkdtemp()
    >>> write_annotations(corpus, folder) == len(corpus.reports) + 1
    True
    >>> load_corpus(folder).reports == corpus.reports
    True
    """
    folder = Path(folder)
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    lines = ["sources:\n"]
    for s in corpus.registry:
        lines.append("  - " + _yaml({
            "id": s.id, "name": s.name, "aliases": list(s.aliases), "kind": s.kind,
            "party": s.party, "anonymous": s.anonymous, "speaks_for": s.speaks_for,
            "reliability": s.reliability, "reliability_reason": s.reliability_reason}) + "\n")
    (folder / "sources.yaml").write_text("".join(lines), encoding="utf-8")
    for rid, report in corpus.reports.items():
        head = (f"id: {rid}\nkind: {report.kind}\noutlet: {report.outlet}\n"
                f"title: {_yaml(report.title)}\ndate: {report.date.earliest}\nmentions:\n")
        body = "".join(_mention_yaml(m) for m in report.mentions)
        (folder / "reports" / f"{rid}.yaml").write_text(head + body, encoding="utf-8")
    return len(corpus.reports) + 1


def write_rdf(corpus: Corpus, path: str | Path) -> int:
    """Write the corpus as N-Quads (``.nq``), N-Triples (``.nt``) or TriG (``.trig``).

    Lines come straight from :func:`~credgraph.build.corpus_quads`; returns the quads written.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "corpus.trig"
    >>> write_rdf(synth_corpus(10, seed=2), path) > 100
    True
    >>> path.read_text().startswith("GRAPH <https://w3id.org/credgraph/graph/registry> {")
    True
    """
    path = Path(path)
    kind = path.suffix.lstrip(".")
    if kind not in {"nq", "nt", "trig"}:
        raise ValueError(f"write_rdf writes .nq, .nt or .trig, not {path.name}")
    count, graph = 0, None
    with path.open("w", encoding="utf-8") as out:
        if kind != "trig":
            for count, line in enumerate(quads_to_nquads(corpus_quads(corpus), kind == "nq"), 1):
                out.write(line)
            return count
        for s, p, o, g in corpus_quads(corpus):  # TriG: one GRAPH block per named graph
            if g != graph:
                out.write(("}\n" if graph is not None else "") + f"GRAPH {g.n3()} {{\n")
                graph = g
            out.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
            count += 1
        out.write("}\n" if graph is not None else "")
    return count
