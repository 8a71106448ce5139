"""Linking a published review to the claims it is about: names, values, measure names,
statements, appearances; every link with its reason and a score."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from credgraph.fact_check_links import (CONTENT_CAP, THRESHOLD, corpus_claims, link_review,
                                        numbers, stems)
from credgraph.fact_checks import Review
from credgraph.ids import claim_iri
from credgraph.inputs import open_input

HUR = "hur-southern-district-deserters"


@pytest.fixture(scope="module")
def claims():
    return corpus_claims(open_input(None).facts())


def _review(text, **more):
    return Review("https://example.org/r", text, "False", "https://example.org/r", **more)


@pytest.mark.parametrize("text, found", [
    ("18,000 troops", {18000}),
    ("about 2.5 million", {2500000}),
    ("18 thousand; 7,000-15,000", {18000, 7000, 15000}),
    ("no digits here", set()),
    ("in 2023, 12 more", {2023, 12}),
])
def test_numbers(text, found):
    assert numbers(text) == {Decimal(v) for v in found}


def test_stems_set_word_endings_and_small_words_aside():
    assert stems("Deserters deserted; the desertions") == {"desert"}


def test_a_review_naming_the_claim_links_with_certainty(claims):
    [link] = [l for l in link_review(_review("unrelated words", claim=str(claim_iri(HUR))),
                                     claims) if l.claim == HUR]
    assert link.score == 1 and "names this claim" in link.reason


def test_a_number_alone_is_not_enough(claims):
    assert link_review(_review("18,000"), claims) == []


def test_content_never_reaches_certainty(claims):
    nearest = claims.claims[HUR].statements[-1][0]  # the mention of HUR's own figure
    statement = "Per HUR on Telegram, upwards of 18,000 Southern Military District troops " \
                "have abandoned their posts; deserters."
    best = link_review(_review(statement), claims)[0]
    assert best.claim == HUR and THRESHOLD <= best.score <= CONTENT_CAP
    assert nearest in best.reason


def test_an_appearance_at_a_report_s_url_counts():
    corpus = Path(__file__).parent / "data" / "claimreview" / "corpus"
    claims = corpus_claims(open_input(str(corpus)).facts())
    text = "A helpline says 400 requests came in."
    [plain] = link_review(_review(text), claims)
    [seen] = link_review(_review(text, appearances=("https://helpline.example.org/2023-03",)),
                         claims)
    assert plain.claim == seen.claim == "helpline-requests"
    assert seen.score == min(CONTENT_CAP, plain.score + Decimal("0.25")) > plain.score
    assert "appeared at https://helpline.example.org/2023-03" in seen.reason


def test_nothing_links_an_unrelated_review(claims):
    assert link_review(_review("Every river flows uphill on Tuesdays."), claims) == []
