"""Where the subject of a reporting verb is: relative clauses (with lists and commas inside)
in a joint subject, a coordinated predicate's subject, a clause commenting on a figure, a
leading sentence adverb, an organisation's officer after the verb (graph/draft/subjects.py)."""

import pytest

from chain_reading import read_chains
from credgraph.draft.names import SourceNames
from credgraph.draft.subjects import SubjectReader
from credgraph.draft.tokens import tokenize
from credgraph.model import Registry, Source
from tests.draft.chain_reading import read_chains


REGISTRY = Registry([
    Source("bbc", "BBC", "broadcaster", "B", "r", aliases=("BBC Russian Service",)),
    Source("mediazona", "Mediazona", "news-outlet", "B", "r"),
    Source("ovd-info", "OVD-Info", "human-rights-group", "B", "r"),
    Source("ru-mod", "Russian Defence Ministry", "defence-ministry", "D", "r",
           aliases=("the Defence Ministry",)),
    Source("ua-gs", "General Staff of Ukraine", "government", "D", "r",
           aliases=("Ukraine's General Staff", "Kyiv")),
])


def chains(text, outlet="paper"):
    return read_chains(REGISTRY, text, outlet)


def subject(text, verb):
    doc = tokenize(text)
    k = next(t.i for t in doc if t.text == verb)
    i, j = SubjectReader(doc, SourceNames(REGISTRY, "r1")).left(k, 0)
    return doc[i:j].text


@pytest.mark.parametrize("text, origin", [
    ("The BBC Russian Service and the outlet Mediazona, which count obituaries, social media "
     "posts and local news reports, said they had confirmed 98,400 names.", "bbc"),
    ("Mediazona, which tracks court records, regional news and appeals, said 1,300 cases "
     "were heard in May.", "mediazona"),
    ("OVD-Info, which counts arrests, trials, fines and searches, reported 410 new cases.",
     "ovd-info"),
    ("Mediazona and the BBC, who matched the names against court files, said 640 of the dead "
     "were convicts.", "mediazona"),
])
def test_a_relative_clause_with_a_list_stands_between_subject_and_verb(text, origin):
    assert chains(text)[-1][1:] == (origin, [])


@pytest.mark.parametrize("text, first", [
    ("The BBC and the outlet Mediazona said 90 died.", "The BBC"),
    ("Mediazona and OVD-Info said 30 were held.", "Mediazona"),
    ("Ukraine lost 300 men and the Defence Ministry said 40 more were hurt.", "the Defence Ministry"),
])
def test_a_joint_subject_is_its_first_member(text, first):
    assert subject(text, "said") == first


@pytest.mark.parametrize("text, verb, found", [
    ("The group was set up in 2022 and has helped 9,000 men.", "helped", "The group"),
    ("OVD-Info has been working since 2011 and has documented 1,800 cases.", "documented",
     "OVD-Info"),
    ("Mediazona reported that the soldiers were detained and received 5 years.", "received",
     "the soldiers"),
    ("The Exit Line, a legal aid project, opened in May and has consulted 700 men.",
     "consulted", "The Exit Line"),
])
def test_a_coordinated_predicate_shares_the_subject(text, verb, found):
    assert subject(text, verb) == found


@pytest.mark.parametrize("text, origin", [
    ("According to the Russian Defence Ministry, 190,000 men signed contracts, a figure the "
     "group says it cannot check.", "ru-mod"),
    ("Ukraine's General Staff put Russian losses at 1,200, a number Moscow calls absurd.",
     "ua-gs"),
    ("The Defence Ministry said 40 drones were downed, a claim Kyiv said was false.", "ru-mod"),
])
def test_a_clause_commenting_on_a_figure_is_not_its_source(text, origin):
    assert chains(text)[0][1] == origin


@pytest.mark.parametrize("text, found", [
    ("Earlier the governor's press service stated that 40 signed.", "the governor's press service"),
    ("Previously the ministry said 12 men fled.", "the ministry"),
    ("Meanwhile OVD-Info said 12 men fled.", "OVD-Info"),
    ("Over the three months the project's lawyers answered 900 calls.", "the project's lawyers"),
    ("Over 300 soldiers said they would not go back.", "Over 300 soldiers"),
])
def test_a_leading_adverb_or_time_phrase_is_not_the_subject(text, found):
    verb = next(w for w in ("stated", "said", "answered") if f" {w} " in text)
    assert subject(text, verb) == found


@pytest.mark.parametrize("text, name", [
    ('"Calls rose by 30 percent," said Exit Line coordinator Maria Volkova.', "maria-volkova"),
    ('"We get 40 calls a day," said OVD-Info lawyer Pavel Orlov.', "pavel-orlov"),
])
def test_an_organisations_officer_after_the_verb_is_the_person(text, name):
    assert chains(text)[-1][1] == name


def drafted(text, outlet="Paper"):
    from credgraph.draft.claims import ClaimIndex
    from credgraph.draft.drafting import DraftContext, draft_text

    draft = draft_text(text, DraftContext(REGISTRY, ClaimIndex(), set()), report_id="r1",
                       outlet=outlet, date_="2024-06-18")
    return [(m.attribution.origin.id if m.attribution.origin else None,
             [v.id for v in m.attribution.via], "; ".join(m.attribution.notes))
            for m in draft.report.mentions]


@pytest.mark.parametrize("text, origin, second", [
    ("Mediazona and BBC News Russian have confirmed 90,000 deaths of Russian soldiers.",
     "mediazona", "BBC"),
    ("The independent outlets Mediazona and the BBC Russian Service say they have confirmed "
     "90,000 deaths.", "mediazona", "BBC"),
    ("Russian independent outlets Mediazona and BBC News Russian have counted 88,000 names.",
     "mediazona", "BBC"),
    ("Mediazona and BBC News Russian have confirmed the names of 90,000 Russian soldiers "
     "killed in Ukraine, the outlets said.", "mediazona", "BBC"),
    ("The rights groups OVD-Info and Memorial said 1,200 people were held.", "ovd-info",
     "Memorial"),
    ("The BBC Russian Service and the outlet Mediazona, which count obituaries, social media "
     "posts and local news reports, said last week they had confirmed 121,507 names.", "bbc",
     "Mediazona"),
])
def test_a_joint_subject_is_its_first_member_with_a_note_naming_both(text, origin, second):
    (found, via, notes), = drafted(text)
    assert (found, via) == (origin, [])
    assert "a joint count of" in notes and second in notes.split("a joint count of")[1]


@pytest.mark.parametrize("text", [
    "Mediazona and OVD-Info published a joint count last week. The two outlets said 900 people "
    "had been detained.",
    "Mediazona and OVD-Info counted the names again. Both outlets said 900 people were held.",
    "Mediazona and OVD-Info said they had compared lists. The outlets put the number at 900.",
])
def test_a_plural_after_a_joint_subject_is_that_subject(text):
    (found, via, notes), = drafted(text)
    assert (found, via) == ("mediazona", [])
    assert "OVD-Info" in notes


@pytest.mark.parametrize("text, origin", [
    ("The outlets said 900 people had been detained.", "r1-outlets"),  # no group before
    ("Mediazona said 900 people had been detained.", "mediazona"),
])
def test_no_joint_note_without_a_joint_subject(text, origin):
    (found, _via, notes), = drafted(text)
    assert found == origin and "joint" not in notes


def test_both_is_no_name():
    (found, _via, _notes), = drafted("Both outlets said 900 people had been detained.")
    assert found == "r1-outlets"


@pytest.mark.parametrize("text, expected", [
    ("Mediazona, which counts obituaries, social media posts and local news reports, said "
     "last week it had 90 names.", "Mediazona"),
    ("OVD-Info, which tracks arrests and police reports, said 40 were held.", "OVD-Info"),
    ("Memorial, which collects court records, witness statements and press reports, said 12 "
     "were jailed.", "Memorial"),
])
def test_a_plural_noun_in_a_relative_clause_is_no_verb(text, expected):
    assert subject(text, "said") == expected


@pytest.mark.parametrize("text, verb, found", [  # round 6: a role, then the person's name
    ("Odesa's governor, Oleh Kiper, said 12 were hurt.", "said", "Oleh Kiper"),
    ("The city's mayor, Vitali Klitschko, says 4 died.", "says", "Vitali Klitschko"),
    ("Mediazona, a news site, said 30 fled.", "said", "Mediazona"),
])
def test_the_person_named_after_a_role_is_the_subject(text, verb, found):
    assert subject(text, verb) == found


# Round 11, class 3: who counts, when the subject has helpers, an adverb or a pronoun:
# ``X and a team of volunteers have identified`` is X's count; ``X has so far identified`` is
# X's; ``it and the demographer Y estimate`` is the source ``it`` refers back to; and the
# material a count draws on (``obituaries, posts by relatives``) is no source.

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


# Round 12: ``said one of the three, a regional official who asked not to be identified``:
# the person the apposition describes, an unnamed insider (``involved in``, ``briefed on``).

@pytest.mark.parametrize("text", [
    '"We are short," said one of the four, a district official involved in the call-up who '
    "asked not to be named. His district has paid 60 bonuses, he said.",
    '"We are short," said another of the two, an army officer briefed on the plan. '
    "His unit has lost 60 trucks, he said.",
])
def test_one_of_the_number_with_an_apposition(text):
    found = {t: o for t, o, _v in read_chains(Registry([]), text)}
    assert found["60"] is not None and ("official" in found["60"] or "officer" in found["60"])
