"""The bundled corpus: every figure the project starts from, its attribution and evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from credgraph.validation import check_evidence

# (claim id, value or (min, max), qualifier, origin source, intermediaries) for every
# figure the seed articles state that issue 2 lists by name.
FIGURES = [
    ("brigade-155-men-lost-nov-2022", 300, "more-than", "marines-155th-brigade", ("grey-zone", "mediazona")),
    ("brigade-155-vehicles-lost-nov-2022", 50, "exact", "marines-155th-brigade", ("grey-zone", "mediazona")),
    ("pavlivka-unit-strength", 4000, "exact", "pavlivka-soldier", ("mediazona",)),
    ("pavlivka-killed-nov-2022", (450, 500), "range", "pavlivka-soldier", ("mediazona",)),
    ("pavlivka-killed-nov-2022", 450, "about", "pavlivka-soldier", ("mediazona",)),
    ("pavlivka-killed-and-wounded-nov-2022", 900, "up-to", "pavlivka-soldier", ("mediazona",)),
    ("rosgvardia-fired-for-refusing-2022", 100, "more-than", None, ()),
    ("mediazona-desertion-cases-h1-2023", 2076, "exact", "mediazona", ("rferl",)),
    ("rferl-desertion-cases-vs-2022", 2, "exact", "rferl", ()),
    ("rferl-desertion-cases-vs-2021", 3, "exact", "rferl", ()),
    ("reuters-soldier-14-quit", 14, "exact", "reuters-soldier", ("reuters",)),
    ("idite-lesom-requests-sep-nov-2023", 577, "exact", "idite-lesom", ("moscow-times",)),
    ("idite-lesom-requests-rise-sep-nov-2023", 89, "exact", "idite-lesom", ("moscow-times",)),
    ("hur-southern-district-deserters", 18000, "more-than", "hur", ("hur-telegram",)),
    ("hur-8th-army-deserters", 12000, "about", "hur", ("hur-telegram",)),
    ("hur-58th-army-deserters", 2500, "about", "hur", ("hur-telegram",)),
    ("russia-desertion-10-year-sentence", 10, "exact", None, ()),
    ("idite-lesom-desertion-cases-tenfold-2024", 10, "exact", "idite-lesom", ()),
    ("ukraine-battalions-70pct-resigned", 70, "exact", "ukraine-government", ()),
    ("ukraine-russian-soldiers-killed-2022", 29200, "exact", "ukraine-government", ("deutsche-welle",)),
    ("ukraine-russian-soldiers-killed-2022", 30000, "nearly", "ukraine-government", ("deutsche-welle",)),
    ("nato-russian-soldiers-killed-2022", (7000, 15000), "range", "nato", ("deutsche-welle",)),
    ("russia-own-soldiers-killed-2022", 1351, "exact", "russia-defence-ministry", ("deutsche-welle",)),
    ("wsj-documents-hundreds-refused-or-fled", (200, 999), "range", "russian-military-documents", ("wsj",)),
    ("benyash-represents-dismissed-guardsmen", 12, "about", "mikhail-benyash", ("wsj",)),
    ("benyash-legal-help-requests", 1000, "more-than", "mikhail-benyash", ("wsj",)),
    ("guardsmen-fired-for-refusing-115", 115, "at-least", "dismissed-guardsmen", ("guardian",)),
    ("agora-legal-help-requests", 700, "more-than", "agora", ("wsj",)),
    ("uk-mod-russia-lost-third-of-ground-force", Decimal("33.3"), "about", "uk-defence-ministry", ()),
]

QUALITATIVE = [  # claims without a number, each with a clear origin
    ("politico-only-legal-exits", "politico"),
    ("russia-partial-mobilisation-bars-leaving", "vladimir-putin"),
    ("ukraine-intercept-commander-shot-own-leg", "ukraine-government"),
    ("russian-court-upholds-guardsmen-dismissal", "russian-court"),
    ("melnikova-many-soldiers-resign", "valentina-melnikova"),
]


def _matches(mention, value, qualifier):
    fig = mention.figure
    if fig is None or fig.qualifier != qualifier:
        return False
    if isinstance(value, tuple):
        return (fig.min, fig.max) == tuple(Decimal(v) for v in value)
    return fig.value == Decimal(value)


@pytest.mark.parametrize("claim, value, qualifier, origin, via", FIGURES,
                         ids=[f"{c}={v}" for c, v, *_ in FIGURES])
def test_listed_figure_is_annotated(corpus, claim, value, qualifier, origin, via):
    stated = [m for m in corpus.mentions() if m.claim == claim and _matches(m, value, qualifier)]
    assert stated, f"no mention states {claim} = {qualifier} {value}"
    assert any(m.attributed_to == origin and m.via == via or m.relays for m in stated)


@pytest.mark.parametrize("claim, origin", QUALITATIVE)
def test_qualitative_claim_has_its_origin(corpus, claim, origin):
    assert any(m.claim == claim and m.attributed_to == origin for m in corpus.mentions())


def test_every_seed_is_annotated(corpus, seeds_dir):
    annotated = {r.seed for r in corpus.reports.values()}
    assert annotated == {p.name for p in seeds_dir.glob("*.txt")}


def test_fourteen_quit_is_in_two_reports(corpus):
    reports = {m.report_id for m in corpus.mentions() if m.claim == "reuters-soldier-14-quit"}
    assert len(reports) == 2


def test_aliases_the_issue_names_resolve(corpus):
    resolve = corpus.registry.resolve
    for alias, source in [("Mediazone", "mediazona"), ("zona.media", "mediazona"),
                          ("GUR", "hur"), ("Ukraine's military intelligence agency", "hur"),
                          ("Defence Intelligence of Ukraine", "hur"), ("Get Lost", "idite-lesom"),
                          ("Idite Lesom", "idite-lesom"), ("Rosgvardia", "rosgvardia")]:
        assert resolve(alias) == source, alias


def test_every_mention_has_evidence(corpus):
    assert [m.key for m in corpus.mentions() if m.evidence is None] == []


def test_evidence_offsets_point_at_the_figure(corpus, seeds_dir):
    assert check_evidence(corpus, seeds_dir) == []


def test_evidence_check_can_fail(corpus, seeds_dir):
    """Shifting every passage by 2,000 characters must break the check."""
    from dataclasses import replace

    from credgraph.model import Corpus, Report

    moved = {}
    for rid, report in corpus.reports.items():
        mentions = tuple(replace(m, evidence=replace(m.evidence, start=m.evidence.start + 2000,
                                                     end=m.evidence.end + 2000))
                         for m in report.mentions if m.figure is not None)
        moved[rid] = Report(**{**{f: getattr(report, f) for f in report.__dataclass_fields__},
                               "mentions": mentions})
    assert len(check_evidence(Corpus(corpus.registry, moved), seeds_dir)) > 10


def test_reports_record_how_sure_their_dates_are(corpus):
    for report in corpus.reports.values():
        assert report.date.earliest and report.date.latest, report.id
        if report.date.certainty != "exact":
            assert report.date.basis, f"{report.id}: say how the date was inferred"
