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


# --- issue 19: what the seed texts say about time, computation, parts, rebuttals, copies ---

DD, ES = "dailydigest-2024-desertions-surge", "es-slideshow-2022-soldiers-refuse-to-fight"


def _mention(corpus, key):
    report, mid = key.split("#")
    (found,) = [m for m in corpus.reports[report].mentions if m.id == mid]
    return found


@pytest.mark.parametrize("claim, iso", [
    ("mediazona-desertion-cases-h1-2023", "2023-01/2023-06"),   # the first six months of 2023
    ("rferl-desertion-cases-vs-2022", "2023-01/2023-06"),
    ("idite-lesom-requests-sep-nov-2023", "2023-09/2023-11"),   # September to November 2023
    ("idite-lesom-desertion-cases-tenfold-2024", "2024-01/2024-02"),
    ("rosgvardia-fired-for-refusing-2022", "2022-05/2022-05"),  # "in May"
])
def test_counts_within_a_window_are_periods_at_the_text_s_precision(corpus, claim, iso):
    times = {m.figure.time for m in corpus.mentions() if m.claim == claim}
    assert {(t.kind, t.iso()) for t in times} == {("period", iso)}


@pytest.mark.parametrize("claim, since, as_of", [
    ("ukraine-russian-soldiers-killed-2022", "2022-02-24", "2022"),  # "so far ... in this war"
    ("nato-russian-soldiers-killed-2022", "2022-02-24", "2022"),
    ("russia-own-soldiers-killed-2022", "2022-02-24", "2022"),
    ("reuters-soldier-14-quit", "2022-02-24", "2022"),               # in both slideshows
    ("wsj-documents-hundreds-refused-or-fled", "2022-02-24", "2022-06"),  # "since the war began"
    ("uk-mod-russia-lost-third-of-ground-force", "2022-02-24", "2022-05"),  # "last month"
    ("guardsmen-fired-for-refusing-115", "2022-02-24", "2022-05"),
    ("hur-southern-district-deserters", "2022-02-24", "2024-03"),
    ("brigade-155-men-lost-nov-2022", None, "2022-11-06"),  # the November 6 statement
    ("pavlivka-killed-nov-2022", None, "2022-11-22"),       # the November 22 account
])
def test_running_totals_are_as_of_the_date_the_text_gives(corpus, claim, since, as_of):
    times = {m.figure.time for m in corpus.mentions() if m.claim == claim}
    assert {(t.kind, t.start and str(t.start), str(t.end)) for t in times} == {
        ("as-of", since, as_of)}


def test_no_figure_is_dated_to_a_day_the_texts_do_not_give(corpus):
    """Days the seed texts print (6 and 22 November, the 29 February interview), the day
    the full-scale invasion began, and three limits that are not dates of a count (the
    latest day two reports can be, and the September 2022 mobilisation decree); any other
    day would be invented."""
    given = {"2022-02-24", "2022-11-06", "2022-11-22", "2024-02-29"}
    bounds = {"2025-02-23", "2024-04-30", "2022-09-21"}
    days = set()
    for m in corpus.mentions():
        t = m.figure.time if m.figure else None
        for day in (t.start, t.end) if t else ():
            if day is not None and day.precision == "day":
                days.add(str(day))
    assert days - given - bounds == set()


def test_the_ratios_on_the_2076_are_computed_from_it(corpus):
    for mid in ("m4", "m5"):
        m = _mention(corpus, f"{DD}#{mid}")
        assert m.claim.startswith("rferl-desertion-cases-vs-")
        assert m.computed_from == ("mediazona-desertion-cases-h1-2023",)
    assert _mention(corpus, f"{DD}#m3").computed_from == ()


def test_get_lost_s_rise_is_computed_from_its_577(corpus):
    for mid in ("m23", "m25"):
        assert _mention(corpus, f"{DD}#{mid}").computed_from == (
            "idite-lesom-requests-sep-nov-2023",)


# Daily Digest mention -> the 2022 slideshow's mention whose passage it recycles.
RECYCLED = {"m7": "m9", "m8": "m11", "m9": "m12", "m10": "m25", "m11": "m26", "m12": "m1",
            "m13": "m2", "m14": "m3", "m15": "m4", "m16": "m5", "m17": "m6", "m20": "m7",
            "m22": "m14"}


@pytest.mark.parametrize("dd, es", sorted(RECYCLED.items()))
def test_the_daily_digest_relays_the_slideshow_s_recycled_passages(corpus, dd, es):
    mention, original = _mention(corpus, f"{DD}#{dd}"), _mention(corpus, f"{ES}#{es}")
    assert mention.relays == f"{ES}#{es}" and mention.claim == original.claim
    if original.figure is not None:
        assert mention.figure.time == original.figure.time


def test_the_daily_digest_is_no_copy_of_the_slideshow(corpus):
    """It leaves out most of the slideshow and adds sources of its own: not ``copies:``."""
    assert corpus.reports[DD].copies is None
    claims = {m.claim for m in corpus.reports[DD].mentions}
    assert "mediazona-desertion-cases-h1-2023" in claims
    assert "ukraine-russian-soldiers-killed-2022" not in claims


@pytest.mark.parametrize("key", [f"{ES}#m23", f"{ES}#m24"])
def test_nato_and_russia_dispute_ukraine_s_toll(corpus, key):
    assert _mention(corpus, key).disputes == "ukraine-russian-soldiers-killed-2022"


@pytest.mark.parametrize("key, whole", [
    ("newsweek-2024-03-hur-desertions#m6", "hur-southern-district-deserters"),  # "of them"
    ("19fortyfive-2022-11-155th-brigade#m12", "pavlivka-unit-strength"),         # "out of 4,000"
    ("19fortyfive-2022-11-155th-brigade#m18", "pavlivka-killed-and-wounded-nov-2022"),
])
def test_stated_parts_name_their_whole(corpus, key, whole):
    assert _mention(corpus, key).part_of == whole


def test_the_58th_army_is_not_made_a_part_of_the_district_s_total(corpus):
    """HUR adds the 2,500 beside the 18,000 without saying it is among them."""
    (m,) = [m for m in corpus.mentions() if m.claim == "hur-58th-army-deserters"]
    assert m.part_of is None and "part" in m.ambiguity
