"""Numbers that are not figures: slide counters, a headline's count of its own items, sources
referred to by number, windows of time the text names; shares after a qualifier; no
magnitude word as a unit."""

import pytest

from credgraph.draft.drafting import draft_text
from credgraph.draft.figures import find_figures
from credgraph.draft.passages import Passages
from credgraph.draft.timeref import find_time_refs
from credgraph.draft.tokens import tokenize


def terms(text):
    doc, passages = tokenize(text), Passages(text)
    return [f.term for f in find_figures(doc, passages, find_time_refs(text))]


@pytest.mark.parametrize("text, kept", [
    ("From Worldview Stories | Slide 3 of 12\n\nHUR says 500 men deserted.", ["500"]),
    ("Photo 2/9: Volunteers say 40 men crossed the border.", ["40"]),
    ("Page 1 of 3\n\nThe court jailed 12 men.", ["12"]),
    ("Russia's mobilisation in 6 charts\n\nMore than 300,000 men were called up.", ["300,000"]),
    ("The war in 10 numbers\n\nAbout 1,100 soldiers died in one day.", ["1,100"]),
    # round 4: the count after a colon or a dash ending the headline
    ("Why Russian soldiers walk away: seven numbers\n\nHUR says 500 men deserted.", ["500"]),
    ("Mobilisation — 5 charts\n\nMore than 300,000 men were called up.", ["300,000"]),
    ("The refusers: 12 stories\n\nAgora counted 40 cases.", ["40"]),
])
def test_counters_and_headline_counts_are_not_figures(text, kept):
    assert terms(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("Mediazona and the BBC counted 90,000 names. The two outlets say the toll is higher.",
     ["90,000"]),
    ("Agora and OVD-Info helped 300 men. Both groups say 40 were jailed.", ["300", "40"]),
    ("Three ministries and the court were asked. The three agencies did not answer 12 "
     "requests.", ["Three", "12"]),
])
def test_sources_referred_to_by_number_are_not_figures(text, kept):
    assert terms(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("Russia lost about 1,100 soldiers in the past 24 hours, Kyiv said.", ["1,100"]),
    ("Over the past 48 hours 60 drones were downed.", ["60"]),
    ("Over the three months the project's lawyers answered 9,100 requests.", ["9,100"]),
    ("During the two weeks the hotline received 400 calls.", ["400"]),
    ("Within those six months 71 men were convicted.", ["71"]),
    ("He was jailed for six months.", ["six"]),
])
def test_windows_of_time_are_not_figures(text, kept):
    assert terms(text) == kept


@pytest.mark.parametrize("text", [
    "They received replies to fewer than half of the letters.",
    "Nearly half said they had been wounded.",
    "Only about half returned.",
    "The ministry answered less than half.",
])
def test_half_after_a_qualifier_is_a_share(text):
    doc, passages = tokenize(text), Passages(text)
    figures = find_figures(doc, passages, find_time_refs(text))
    assert [(f.value, f.unit) for f in figures] == [(50, "percent")]


def test_a_magnitude_is_no_unit():
    draft = draft_text("18,000 hundreds of", report_id="t1", outlet="Example")
    assert all(m.figure.unit != "hundreds" for m in draft.report.mentions)


def test_a_count_after_a_colon_inside_a_sentence_is_a_figure():
    assert terms("Agora gave its reasons: 12 reasons were listed in the ruling.") == ["12"]
