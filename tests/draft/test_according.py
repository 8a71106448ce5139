"""What an ``according to`` phrase names: a count made by the newsroom (and what it is based
on), an interview given to an outlet (graph/draft/according.py)."""

import pytest

from chain_reading import read_chains
from credgraph.annotations import bundled_corpus, load_corpus
from credgraph.model import Registry, Source
from tests.draft.chain_reading import read_chains


REGISTRY = Registry([
    Source("guardian", "The Guardian", "news-outlet", "B", "r", aliases=("Guardian",)),
    Source("bbc", "BBC", "broadcaster", "B", "r", aliases=("BBC Russian Service",)),
    Source("get-lost", "Get Lost", "ngo", "C", "r", aliases=("Idite Lesom",)),
    Source("mediazona", "Mediazona", "news-outlet", "B", "r"),
])


def chains(text, outlet="paper"):
    return read_chains(REGISTRY, text, outlet)


@pytest.mark.parametrize("text", [
    "It is the 31st such verdict this year, according to a count by our newsroom based on "
    "the court's published decisions.",
    "Courts have jailed 212 deserters since January, according to a tally by our reporters "
    "drawing on regional court websites.",
    "According to our own count, using the court's online archive, 64 men were convicted.",
    "At least 19 sentences were handed down in May, according to calculations by our "
    "editorial team compiled from court records.",
])
def test_a_count_by_the_newsroom_is_the_outlet(text):
    assert chains(text)[0][1:] == ("paper", [])


@pytest.mark.parametrize("text", [
    "According to a count by Mediazona based on obituaries, 41,000 soldiers have died.",
    "Some 8,000 men were convicted, according to Mediazona's analysis drawing on court data.",
])
def test_what_a_count_is_based_on_is_not_its_source(text):
    assert chains(text)[0][1:] == ("mediazona", [])


@pytest.mark.parametrize("text, origin, via", [
    ("The exile group Get Lost says it helped 1,200 soldiers leave last year, according to an "
     "interview its founder gave to the Guardian.", "get-lost", ["guardian"]),
    ("Get Lost has assisted 3,400 men, according to an interview with the BBC Russian "
     "Service.", "get-lost", ["bbc"]),
    ("Slide 4: Get Lost received 900 requests in May, according to interviews its lawyers gave "
     "to the Guardian.", "get-lost", ["guardian"]),
])
def test_an_interview_given_to_an_outlet_puts_the_outlet_on_the_route(text, origin, via):
    assert chains(text)[-1][1:] == (origin, via)


# Round 11, class 5: the publisher's own sums (``That is 1,240 in total``, ``That makes
# 310``, ``Even the total would amount to about one in six of them``) are its own arithmetic
# on the figures before them (docs/annotation-format.md: the publisher's arithmetic on
# others' figures is the publisher's).

REGISTRY_ARITHMETIC = load_corpus(bundled_corpus()).registry


@pytest.mark.parametrize("text, term", [
    ("Mediazona counted 900 volunteers and 340 convicts. That is 1,240 in total.", "1,240"),
    ("HUR said 200 drones were downed on Monday and 110 on Tuesday. That makes 310.", "310"),
    ("HUR says the army has 600,000 men. Even the total number of cases would amount to about "
     "one in six of them.", "one in six"),
    ("HUR reported 250 strikes in May and 190 in June. This is a total of 440.", "440"),
])
def test_the_publishers_sum_is_its_own(text, term):
    found = {t: o for t, o, _v in read_chains(REGISTRY_ARITHMETIC, text)}
    assert found[term] == "paper"


def test_a_sentence_that_names_its_source_is_not_arithmetic():
    found = {t: o for t, o, _v in read_chains(REGISTRY_ARITHMETIC, "That is 40 more, HUR said.")}
    assert found["40"] == "hur"


# Round 12: a conversion of money in parentheses (``2.4 million hryvnias ($58,000)``,
# ``3bn kroner (about $290m)``) is the outlet's own arithmetic, whoever gave the sum.

@pytest.mark.parametrize("text, term, converts", [
    ("The fund paid 2.4 million hryvnias ($58,000) to the families.", "58,000", True),
    ("Oslo pledged 3bn kroner (about $290m) for demining.", "290", True),
    ("A flat costs €90,000 (£78,000) in the city.", "78,000", True),
    ("The fund paid 2.4 million hryvnias ($58,000) to the families.", "2.4", False),
    ("The fee is 40 roubles (50 with the surcharge).", "50", False),
    ("They counted 300 boats (about 20 of them new).", "20", False),
])
def test_a_conversion_in_parentheses(text, term, converts):
    from credgraph.draft.according import converted

    assert converted(text, text.index(term)) is converts


def test_a_conversion_is_the_outlets():
    text = "The governor said the fund paid 2.4 million hryvnias ($58,000) to 40 families."
    found = {t: o for t, o, _v in read_chains(REGISTRY, text, "courier")}
    assert found["58,000"] == "courier" and found["40"] != "courier"


@pytest.mark.parametrize("text, origin, via", [
    # round 15: data that a source gave someone: the giver's, through the one given it
    ("Only 120 schools have a shelter, according to data the Ministry of Education gave "
     "The Guardian.", "ministry-of-education", ["guardian"]),
    ("Some 30 fled, according to figures the police provided to the BBC.", "police", ["bbc"]),
    ("Some 30 fled, according to figures the police provided to us.", "police", []),
])
def test_data_given_by_a_source(text, origin, via):
    ((_term, got, route),) = read_chains(REGISTRY, text, outlet="paper")
    assert (got, route) == (origin, via)
