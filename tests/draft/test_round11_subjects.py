"""Round 11, class 3: who counts, when the subject has helpers, an adverb or a pronoun:
``X and a team of volunteers have identified`` is X's count; ``X has so far identified`` is
X's; ``it and the demographer Y estimate`` is the source ``it`` refers back to; and the
material a count draws on (``obituaries, posts by relatives``) is no source."""

import pytest

from chain_reading import read_chains
from credgraph.model import Registry


def origins(text):
    return {term: (origin, via) for term, origin, via in read_chains(Registry([]), text)}


@pytest.mark.parametrize("text, term, origin", [
    ("The monitoring site Grobnitsa and a group of researchers have documented 8,200 deaths "
     "in the region.", "8,200", "grobnitsa"),
    ("Grobnitsa and its partners counted 640 burials in May.", "640", "grobnitsa"),
    ("The project Grobnitsa has so far identified 8,200 dead by name.", "8,200", "grobnitsa"),
    ("Grobnitsa has already verified 512 of the reports.", "512", "grobnitsa"),
    # the pronoun first: the source it refers back to
    ("The project Grobnitsa has documented 8,200 deaths. Adding hospital records, it and the "
     "statistician Anna Weiss estimate that about 11,000 men have died.", "11,000", "grobnitsa"),
])
def test_the_named_counter_is_the_source(text, term, origin):
    assert origins(text)[term][0] == origin


@pytest.mark.parametrize("text, term", [
    ("The project Grobnitsa has documented 8,200 deaths, drawing on court files, posts by "
     "widows and photographs of graves.", "8,200"),
    ("Grobnitsa, using obituaries, posts by relatives and regional news, counted 640 burials.",
     "640"),
])
def test_material_drawn_on_is_on_no_route(text, term):
    assert origins(text)[term] == ("grobnitsa", [])


def test_two_names_are_still_the_first():
    # the old rule: a joint subject of two names is its first member
    assert origins("The BBC and the outlet Grobnitsa said 300 men died.")["300"][0] == "bbc"
