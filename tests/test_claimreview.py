"""The ClaimReview export: a schema.org DataFeed read offline by rdflib, the Fact Check
Tools shape passed, the HUR 18,000 deserters figure field by field, the CSV, and the
textual ratings."""

from __future__ import annotations

import copy
import csv
import io
import json
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from credgraph.api import audit
from credgraph.claimreview import (CSV_COLUMNS, INFORMATION_CREDIBILITY, SOURCE_RELIABILITY,
                                   Reviewer, claim_review, data_feed, feed_csv, feed_json,
                                   textual_rating)
from credgraph.fact_checks import jsonld_graph, markup_problems
from credgraph.vocab import SCHEMA

HUR = "hur-southern-district-deserters"
SAMPLES = Path(__file__).parent / "data" / "claimreview"
_OFFLINE = {"on": False}


def _deny_network(event, args):
    if _OFFLINE["on"] and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        raise RuntimeError(f"network access during an offline read: {event} {args!r}")


sys.addaudithook(_deny_network)


@pytest.fixture
def offline():
    """Any socket connection or URL request fails while the test runs."""
    _OFFLINE["on"] = True
    yield
    _OFFLINE["on"] = False


@pytest.fixture(scope="module")
def result():
    return audit()


@pytest.fixture(scope="module")
def feed(result):
    return data_feed(result, Reviewer("Test Desk", "https://desk.example.org/audit"))


@pytest.fixture(scope="module")
def hur(feed):
    [review] = [e["item"][0] for e in feed["dataFeedElement"]
                if e["item"][0]["itemReviewed"]["@id"].endswith("/" + HUR)]
    return review


def test_the_guard_refuses_the_network(offline):
    import socket

    with pytest.raises(RuntimeError, match="network access"):
        socket.getaddrinfo("schema.org", 443)


def test_the_feed_parses_offline_with_the_vendored_context(feed, result, offline):
    graph = jsonld_graph(feed, "feed", "the feed")
    reviews = set(graph.subjects(RDF.type, SCHEMA.ClaimReview))
    assert len(reviews) == len(result.figures) == len(feed["dataFeedElement"])
    assert (None, RDF.type, SCHEMA.DataFeed) in graph
    assert all(str(p).startswith(("https://schema.org/", str(RDF)))
               for p in set(graph.predicates()))


def test_the_feed_passes_the_fact_check_tools_shape(feed):
    graph = jsonld_graph(json.loads(json.dumps(feed)), "feed", "the feed")
    assert markup_problems(graph, warnings=True) == []


def test_a_review_without_claim_reviewed_fails_the_shape(hur):
    broken = copy.deepcopy(hur)
    del broken["claimReviewed"]
    graph = jsonld_graph({"@context": "https://schema.org", **broken}, "x", "item 1")
    problems = markup_problems(graph)
    assert [(severity, message.split(" ")[0]) for _focus, severity, message in problems] == [
        ("violation", "claimReviewed")]


def test_a_review_without_author_is_only_warned_about(hur):
    broken = {k: v for k, v in hur.items() if k != "author"}
    graph = jsonld_graph({"@context": "https://schema.org", **broken}, "x", "item 1")
    assert markup_problems(graph) == []
    assert [s for _f, s, _m in markup_problems(graph, warnings=True)] == ["warning"]


def test_the_hur_figure_field_by_field(hur, result):
    assert hur["@type"] == "ClaimReview"
    assert hur["url"] == f"https://desk.example.org/audit#{HUR}"
    assert hur["claimReviewed"] == result.figure(HUR).claim.reference.text
    assert "18,000" in hur["claimReviewed"]
    assert hur["author"] == {"@type": "Organization", "name": "Test Desk",
                             "url": "https://desk.example.org/audit"}
    assert hur["datePublished"] == result.started.date().isoformat()
    claim = hur["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == [{"@type": "Organization",
                                "@id": "https://w3id.org/credgraph/id/source/hur",
                                "name": "Defence Intelligence of Ukraine (HUR)",
                                "sameAs": "https://gur.gov.ua"}]
    assert claim["datePublished"] == "2024-03-01"
    newsweek = {"@type": "CreativeWork",
                "@id": "https://w3id.org/credgraph/id/report/newsweek-2024-03-hur-desertions",
                "headline": "Kyiv says thousands of Russian troops are deserting",
                "publisher": {"@type": "Organization",
                              "@id": "https://w3id.org/credgraph/id/source/newsweek",
                              "name": "Newsweek", "sameAs": "https://www.newsweek.com"},
                "datePublished": "2024-03-01"}
    assert claim["firstAppearance"] == newsweek  # HUR published no report of its own here
    assert claim["appearance"] == [newsweek]
    rating = hur["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == "single unverified source"
    explanation = rating["ratingExplanation"]
    assert explanation.startswith("rests on one interested source, Defence Intelligence of "
                                  "Ukraine (HUR), in 1 report. Admiralty grade D4: ")
    for flag in ("unverified origin (error)", "interested party (warning)",
                 "figure drift (warning, 2 times)", "hedge dropped (warning, 2 times)"):
        assert flag in explanation
    aspects = {r["reviewAspect"]: r["reviewRating"] for r in hur["associatedReview"]}
    assert aspects[SOURCE_RELIABILITY]["ratingValue"] == "D"
    assert aspects[SOURCE_RELIABILITY]["alternateName"] == "not usually reliable"
    assert aspects[SOURCE_RELIABILITY]["ratingExplanation"] == (
        "the best origin's, Defence Intelligence of Ukraine (HUR)")
    assert aspects[INFORMATION_CREDIBILITY]["alternateName"] == "doubtful"
    assert aspects[INFORMATION_CREDIBILITY]["ratingValue"] == "4"
    assert aspects[INFORMATION_CREDIBILITY]["reviewAspect"] == INFORMATION_CREDIBILITY
    assert "D4" not in rating["alternateName"]  # the grade is never the verdict


def test_the_grades_are_aspects_never_the_verdict(feed):
    for element in feed["dataFeedElement"]:
        review = element["item"][0]
        assert "reviewAspect" not in review["reviewRating"]
        assert [r["reviewAspect"] for r in review["associatedReview"]] == [
            SOURCE_RELIABILITY, INFORMATION_CREDIBILITY]


def test_the_origin_s_own_report_is_the_first_appearance():
    """The helpline's own report is the first appearance though a newspaper relayed the
    count earlier; a named person is a Person; sameAs where the registry has a URL."""
    result = audit(SAMPLES / "corpus")
    work = "https://w3id.org/credgraph/id/report/"
    claim = claim_review(result, result.figure("helpline-requests"), Reviewer())["itemReviewed"]
    assert claim["firstAppearance"]["@id"] == work + "helpline-2023-03"
    assert claim["firstAppearance"]["url"] == "https://helpline.example.org/2023-03"
    assert claim["datePublished"] == "2023-03-05"
    assert [w["@id"] for w in claim["appearance"]] == [work + "helpline-2023-03",
                                                      work + "paper-a-2023-03"]
    assert claim["author"][0]["sameAs"] == "https://helpline.example.org"
    expert = claim_review(result, result.figure("expert-estimate"), Reviewer())["itemReviewed"]
    assert expert["author"] == [{"@type": "Person", "name": "Named Expert",
                                 "@id": "https://w3id.org/credgraph/id/source/expert"}]
    assert expert["firstAppearance"]["@id"] == work + "paper-a-2023-03"  # the earliest


def test_the_csv_has_the_fact_check_columns_and_the_hur_row(result):
    rows = list(csv.DictReader(io.StringIO(feed_csv(result, Reviewer("Test Desk")))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(result.figures)
    row = next(r for r in rows if r["claim_id"] == HUR)
    assert row["claimant"] == "Defence Intelligence of Ukraine (HUR)"
    assert row["claim_date"] == "2024-03-01"
    assert row["textual_rating"] == "single unverified source"
    assert (row["source_reliability"], row["information_credibility"]) == ("D", "4")
    assert row["reviewer_name"] == "Test Desk" and row["language_code"] == "en"


def test_feed_json_is_the_feed(result):
    assert json.loads(feed_json(result))["@type"] == "DataFeed"


@pytest.mark.parametrize("claim_id, rating", [
    (HUR, "single unverified source"),
    ("ukraine-russian-soldiers-killed-2022", "single unverified source, disputed"),
    ("nato-russian-soldiers-killed-2022", "single verified source"),  # a note, no conflict
    ("reuters-soldier-14-quit", "single anonymous source"),
    ("war-duration-newsweek-2024", "no source named"),
    ("mediazona-desertion-cases-h1-2023", "single verified source"),
    ("russia-has-not-declared-war", "corroborated by 2 independent origins"),
])
def test_textual_ratings(result, claim_id, rating):
    assert textual_rating(result.figure(claim_id)) == rating


@pytest.mark.parametrize("claim_id, rating", [
    ("blue-count", "contradicted by a verified figure"),
    ("observer-count", "conflicting figures"),
])
def test_textual_ratings_of_a_conflict(audit_case_folder, claim_id, rating):
    case = audit(str(audit_case_folder("same-time-conflict")))
    assert textual_rating(case.figure(claim_id)) == rating


@pytest.mark.parametrize("case, claim_id, rating, verdict_words", [
    ("corrected-figure", "strike-dead", "withdrawn by its source",
     "withdrawn: its own source corrected it"),
    ("correction-same-report", "convoy-500", "withdrawn by its source",
     "withdrawn: its own source corrected it"),
    ("same-time-conflict", "blue-count", "contradicted by a verified figure",
     "improbable: contradicted by a figure with a verified origin"),
])
def test_a_withdrawn_figure_is_rated_withdrawn_not_contradicted(audit_case_folder, case,
                                                                 claim_id, rating,
                                                                 verdict_words):
    figure = audit(str(audit_case_folder(case))).figure(claim_id)
    assert figure.grade.credibility == 5
    assert textual_rating(figure) == rating
    assert figure.as_dict()["verdict"] == verdict_words


def test_a_graph_from_the_feed_keeps_every_review_apart(feed):
    graph = Graph()
    graph += jsonld_graph(feed, "feed", "the feed")
    urls = {str(o) for o in graph.objects(None, SCHEMA.url)
            if str(o).startswith("https://desk.example.org/audit#")}
    assert len(urls) == len(feed["dataFeedElement"])
