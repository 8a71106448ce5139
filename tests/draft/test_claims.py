"""Claim linking over subjects written differently (round 4): the people a figure counts
compared by kind (soldiers, servicemen, troops, men, personnel), never across measures,
sides or other kinds of people (graph/draft/claims.py)."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from credgraph.api import audit
from credgraph.draft.batch import draft_files
from credgraph.draft.claims import subject_key

DATA = Path(__file__).resolve().parents[1] / "data" / "draft_texts"
FIRST = "KYIV (Wire) - {who} said {value} {subject} had been killed since February 2022."


@pytest.mark.parametrize("a, b", [
    ("Russian soldiers", "Russian servicemen"),
    ("Russian troops", "Russian military personnel"),
    ("troops", "men"),
    ("Ukrainian servicemen", "Ukrainian soldiers"),
    ("Russian service members", "Russian troops"),
])
def test_words_for_soldiers_are_one_kind_of_people(a, b):
    assert subject_key(a) == subject_key(b) == ("soldiers",)


@pytest.mark.parametrize("a, b", [
    ("Russian soldiers", "civilians"),
    ("mobilised men", "men"),
    ("Russian soldiers", "prisoners"),
    ("conscripts", "soldiers"),
])
def test_other_people_are_not_soldiers(a, b):
    assert subject_key(a) != subject_key(b)


def _draft(tmp_path, texts):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "known-sources.yaml", corpus / "sources.yaml")
    out = []
    for n, text in enumerate(texts):
        path = tmp_path / f"t{n}.txt"
        path.write_text(text)
        out.append(draft_files([str(path)], corpus, date=f"2024-03-1{n + 2}")[0].draft)
    return corpus, [d.report.mentions[0] for d in out]


@pytest.mark.parametrize("first, second", [
    ("Russian soldiers", "Russian servicemen"),
    ("Russian servicemen", "Russian troops"),
    ("Russian troops", "Russian military personnel"),
    ("Russian soldiers", "Russian personnel"),
])
def test_a_figure_of_the_same_people_links_and_takes_the_corpus_words(tmp_path, first, second):
    _corpus, (a, b) = _draft(tmp_path, [
        FIRST.format(who="Mediazona", value="90,000", subject=first),
        FIRST.format(who="Mediazona", value="90,000", subject=second)])
    assert b.claim == a.claim
    assert b.figure.subject == first
    notes = " ".join(b.notes)
    assert f"subject written {second!r}" in notes and "linked to claim" in notes


@pytest.mark.parametrize("first, second, why", [
    ("Russian soldiers", "Ukrainian soldiers", "another side"),
    ("Russian soldiers", "Russian civilians", "other people"),
    ("Russian soldiers", "men", "no side given"),
    ("Russian soldiers", "mobilised Russian men", "a kind of soldier"),
])
def test_other_people_or_sides_are_never_linked(tmp_path, first, second, why):
    _corpus, (a, b) = _draft(tmp_path, [
        FIRST.format(who="Mediazona", value="90,000", subject=first),
        FIRST.format(who="Mediazona", value="90,000", subject=second)])
    assert b.claim != a.claim, why
    assert b.figure.subject != first


def test_another_measure_is_never_linked(tmp_path):
    _corpus, (a, b) = _draft(tmp_path, [
        FIRST.format(who="Mediazona", value="90,000", subject="Russian soldiers"),
        "KYIV (Wire) - Mediazona said 90,000 Russian servicemen had deserted since February "
        "2022."])
    assert b.claim != a.claim and b.figure.subject == "Russian servicemen"


def test_conflicting_figures_of_the_same_people_are_compared(tmp_path):
    text = "KYIV (Wire) - {who} said on 10 March 2024 that {value} {subject} had been killed " \
           "since 24 February 2022."
    corpus, (a, b) = _draft(tmp_path, [
        text.format(who="Mediazona", value="45,000", subject="Russian soldiers"),
        text.format(who="Ukraine's General Staff", value="420,000", subject="Russian servicemen")])
    assert b.claim != a.claim and b.figure.subject == "Russian soldiers"
    assert a.figure.value == Decimal(45000) and b.figure.value == Decimal(420000)
    findings = [f.message for f in audit(corpus).figure(b.claim).findings]
    assert any(m.startswith(f"with {a.claim}:") for m in findings), findings


@pytest.mark.parametrize("text, subjects", [
    ("Mediazona said 45,000 Russian soldiers had been killed since February 2022. Ukraine's "
     "General Staff said 420,000 Russian servicemen had been killed since February 2022.",
     ["Russian soldiers", "Russian soldiers"]),
    ("Mediazona said 45,000 Russian troops had been killed. HUR said 21,000 Russian "
     "servicemen had deserted.", ["Russian troops", "Russian servicemen"]),  # other measures
    ("Mediazona said 45,000 Russian soldiers had been killed. Kyiv said 9,000 Ukrainian "
     "servicemen had been killed.", ["Russian soldiers", "Ukrainian servicemen"]),
])
def test_one_reports_figures_of_the_same_people_share_their_words(text, subjects):
    from credgraph.draft.drafting import draft_text

    draft = draft_text(text, report_id="r1", outlet="Example", date_="2024-03-12")
    assert [m.figure.subject for m in draft.report.mentions] == subjects
