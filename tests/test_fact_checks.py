"""Reading published ClaimReviews: every shape they come in (tests/data/claimreview/), and
bad input refused with the file and the item named, never another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credgraph.errors import InputError
from credgraph.fact_checks import graph_name, offline, read_fact_checks, reviews_in

SAMPLES = Path(__file__).parent / "data" / "claimreview"


@pytest.mark.parametrize("name, where, ratings", [
    ("single.json", ["item 1"], ["Unsupported"]),
    ("page.html", ["script 2", "script 3"], ["Unverifiable", "False"]),
    ("feed.json", ["dataFeedElement 1, item 1", "dataFeedElement 2"],
     ["Mostly accurate", "Misleading"]),
    ("reviews.jsonl", ["line 1", "line 3"], ["Estimate, wide range", "False"]),
])
def test_every_published_shape_is_read(name, where, ratings):
    checks = read_fact_checks(SAMPLES / name)
    assert list(checks.items.values()) == where
    reviews = reviews_in(checks.graph)
    assert [r.rating for r in reviews] == ratings
    assert all(r.text and r.url.startswith("https://") and r.reviewer for r in reviews)


def test_a_review_s_fields_are_read():
    [review] = reviews_in(read_fact_checks(SAMPLES / "single.json").graph)
    assert review.reviewer == "Example Verification Desk"
    assert review.date == "2024-03-12"
    assert review.appearances == ("https://news.example.com/kyiv-says-troops-desert",)
    assert "18,000" in review.text and review.claim is None


@pytest.mark.parametrize("name, said", [
    ("not-json.json", ["bad/not-json.json: not JSON", "line 3"]),
    ("not-utf8.json", ["not-utf8.json: not UTF-8 text"]),
    ("not-claimreview.json", ["not-claimreview.json: the file: not a ClaimReview (NewsArticle)"]),
    ("no-claimreviewed.json", ["no-claimreviewed.json: item 1: claimReviewed is missing"]),
    ("no-rating-name.json", ["no-rating-name.json: item 2: reviewRating has no alternateName"]),
    ("remote-context.json", ["remote-context.json: item 1: a remote @context",
                             "https://contexts.example.org/factcheck.jsonld"]),
    ("no-review-on-page.html", ["no-review-on-page.html: no ClaimReview in it"]),
    ("broken-line.jsonl", ["broken-line.jsonl: line 2: not JSON"]),
])
def test_bad_input_names_the_file_and_the_item(name, said):
    with pytest.raises(InputError) as caught:
        read_fact_checks(SAMPLES / "bad" / name)
    assert caught.value.exit_code == 2
    for words in said:
        assert words in str(caught.value), (name, words)


def test_a_file_that_is_missing_is_bad_input(tmp_path):
    with pytest.raises(InputError, match="cannot read it"):
        read_fact_checks(tmp_path / "absent.json")


@pytest.mark.parametrize("context", [
    "https://evil.example/ctx",
    ["https://schema.org", "https://evil.example/ctx"],
    {"@import": "https://evil.example/ctx"},
    {"claimReviewed": {"@id": "schema:claimReviewed", "@context": "https://evil.example/c"}},
])
def test_every_remote_context_is_refused_at_any_depth(context):
    with pytest.raises(InputError, match="item 1"):
        offline({"@context": "https://schema.org", "itemReviewed": {"@context": context}},
                "f.json", "item 1")


def test_schema_org_context_is_replaced_wherever_it_is():
    local = offline({"@context": "http://schema.org/", "item": [{"@context": [
        "https://schema.org/docs/jsonldcontext.jsonld"]}]}, "f", "i")
    assert local["@context"]["@vocab"] == "https://schema.org/"
    assert local["item"][0]["@context"][0]["@vocab"] == "https://schema.org/"


def test_graph_names_are_safe_file_names():
    assert graph_name(Path("a b/../x y!.json")) == "x-y"
    assert graph_name(Path("....json")) == "fact-checks"


REVIEW = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://x.example/",
          "claimReviewed": "A claim", "reviewRating": {"@type": "Rating", "alternateName": "False"}}
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["@context", "@type", "@id", "url", "claimReviewed", "reviewRating",
                         "alternateName", "dataFeedElement", "item", "@graph", "author"]),
        inner, max_size=4), max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200) | _json_values.map(lambda v: json.dumps(v).encode()),
       suffix=st.sampled_from([".json", ".jsonl", ".html"]))
def test_any_input_is_read_or_refused_as_bad_input(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        checks = read_fact_checks(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert all(r.text and r.rating and r.url for r in reviews_in(checks.graph))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["claimReviewed", "url", "reviewRating"]),
       junk=st.none() | st.just("") | st.just([]) | st.integers())
def test_a_required_field_missing_or_empty_is_refused(tmp_path, field, junk):
    broken = {**REVIEW, field: junk}
    if junk is None:
        del broken[field]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(broken))
    with pytest.raises(InputError, match="one.json: item 1: "):
        read_fact_checks(path)
