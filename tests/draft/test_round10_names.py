"""Round 10, class 3: names that proposed nonsense sources or the wrong registry source.

A country's word before an institution names that country's institution, never a close name
of another country's; ``the ministry`` is a ministry named before, not a governor named
later; a platform (``posted on Facebook``) is where a statement came out, not who made it;
a document alone (``the briefing said``) is its issuer's; a kind is not guessed from a
part of a word (``Anatoly`` is no NATO)."""

import pytest

from chain_reading import read_chains
from credgraph.annotations import bundled_corpus, load_corpus

REGISTRY = load_corpus(bundled_corpus()).registry


def drafted_origins(text, outlet="paper"):
    return [(term, origin) for term, origin, _via in read_chains(REGISTRY, text, outlet)]


@pytest.mark.parametrize("text, term, origin", [
    ("The British Ministry of Defence said 40 tanks were lost.", "40", "uk-defence-ministry"),
    ("The Russian Ministry of Defence said 40 tanks were destroyed.", "40",
     "russia-defence-ministry"),
    ("Yesterday the Russian Ministry of Defence reported that 300 drones were downed.", "300",
     "russia-defence-ministry"),
])
def test_a_country_word_names_that_countrys_institution(text, term, origin):
    assert (term, origin) in drafted_origins(text, "Example News")


def test_the_ministry_is_a_ministry_named_before_not_a_governor_named_since():
    text = ("The Russian Ministry of Defence said 90 drones were downed overnight. Later, the "
            "governor of Kursk region said 3 houses burned. On Friday, the ministry said 120 "
            "drones had been downed.")
    assert ("120", "russia-defence-ministry") in drafted_origins(text, "Example News")


@pytest.mark.parametrize("text, term", [
    ("The evening summary, posted on Telegram, also listed 12 drones shot down.", "12"),
    ("The morning update, published on Facebook, counted 7 strikes.", "7"),
])
def test_a_platform_is_no_source(text, term):
    origins = dict(drafted_origins(text, "Example News"))
    assert origins[term] not in ("telegram", "facebook")


@pytest.mark.parametrize("sentence", [
    "Air defences downed 31 drones, the briefing said.",
    "Air defences downed 31 drones, the daily summary said.",
])
def test_a_document_alone_is_its_issuers(sentence):
    text = "The Russian Ministry of Defence said on Monday that 90 drones were downed. " + sentence
    assert ("31", "russia-defence-ministry") in drafted_origins(text, "Example News")


def test_records_of_an_institution_are_no_document_alone():
    text = ("Mediazona counted 90 cases. The court records say otherwise: 450 cases were "
            "heard in May.")
    assert dict(drafted_origins(text))["450"] != "mediazona"


def test_a_kind_is_not_guessed_from_part_of_a_word():
    from credgraph.draft.kinds import guess_kind

    assert guess_kind("Anatoly Kirov", "Anatoly Kirov")[0] == "named-person"
    assert guess_kind("a NATO official", "NATO")[0] == "intergovernmental-organisation"


def test_the_governor_is_the_governor_named_before():
    text = ("Drones hit the city, Governor Anatoly Kirov wrote on Tuesday. According to the "
            "governor, 14 drones were shot down.")
    assert ("14", "anatoly-kirov") in drafted_origins(text, "Example News")
