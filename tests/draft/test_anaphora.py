"""What later mentions refer back to: an organisation writing of itself in the third person,
plural pronouns and definite descriptions of unnamed groups, one person of a group, the
holder of an office; and disclaimers naming such a group (graph/draft/anaphora.py)."""

import pytest

from credgraph.draft.anaphora import group_names, introduced, one_of, role_holder, same_people
from credgraph.draft.drafting import draft_text
from credgraph.draft.drafting import DraftContext
from credgraph.draft.claims import ClaimIndex
from credgraph.model import Registry, Source

REGISTRY = Registry([
    Source("ovd-info", "OVD-Info", "human-rights-group", "B", "r", aliases=("OVD Info",)),
    Source("ru-mod", "Russian Defence Ministry", "defence-ministry", "D", "r",
           aliases=("the Defence Ministry",)),
    Source("mediazona", "Mediazona", "news-outlet", "B", "r"),
])


def drafted(text, outlet):
    draft = draft_text(text, DraftContext(REGISTRY, ClaimIndex()), report_id="r1",
                       outlet=outlet, date_="2025-05-01")
    return [(m.figure.term, m.attribution.origin.id if m.attribution.origin else None,
             [v.id for v in m.attribution.via], m.hedge) for m in draft.report.mentions]


@pytest.mark.parametrize("text, outlet", [
    ("The legal aid project Exit Line, which advises conscripts, published its report on "
     "Monday. Over the three months the project's lawyers answered 4,210 requests.", "Exit Line"),
    ("PRESS RELEASE\n\nThe rights group Free Ranks says its hotline is busier than ever. In "
     "March the group recorded 1,380 calls from soldiers' families.", "Free Ranks"),
    ("OVD-Info counted 611 new cases of treason and desertion in the first half of the year.",
     "OVD-Info"),
    ("Safe Passage, a volunteer network helping men leave, was founded in 2022. Since then "
     "the network's volunteers have helped 2,900 men cross the border.", "Safe Passage"),
    ("The Conscience Desk, a counselling project, has been operating since 2023 and has "
     "consulted more than 14,000 men.", "Conscience Desk"),
])
def test_an_organisation_counting_in_the_third_person_is_the_outlet(text, outlet):
    term, origin, via, _hedge = drafted(text, outlet)[-1]
    assert (origin, via) == (drafted(text, outlet)[-1][1], [])
    from credgraph.draft.names import slug
    assert origin == slug(outlet.removeprefix("The ").strip())


@pytest.mark.parametrize("text", [
    "Mothers of conscripts from Pskov have written to our channel. According to them, 38 "
    "men of the unit are missing.",
    "Wives of mobilised men from Chita contacted the editors. According to them, only 4 of "
    "the 60 men have been rotated.",
    "Relatives of the marines wrote to us this week. They say that 112 men were sent into "
    "the assault.",
])
def test_a_plural_pronoun_is_the_group_that_contacted_the_outlet(text):
    term, origin, via, _hedge = drafted(text, "Frontline Letters")[-1]
    assert origin is not None and origin.startswith("r1-") and origin != "r1-publisher"


@pytest.mark.parametrize("text", [
    "Relatives of men from the 12th brigade contacted our channel. According to them, 40 men "
    "are missing. The women say they have sent 25 letters to the prosecutor.",
    "Families of the mobilised wrote to us. They counted 70 men killed. The families say 9 "
    "more are in hospital.",
])
def test_a_general_noun_refers_back_to_the_group(text):
    rows = drafted(text, "Frontline Letters")
    assert len({origin for _t, origin, _v, _h in rows}) == 1
    assert rows[0][1].startswith("r1-")


@pytest.mark.parametrize("noun, description, same", [
    ("women", "Unnamed relatives of men cited in report r1", True),
    ("families", "Unnamed mothers of conscripts cited in report r1", True),
    ("men", "Unnamed soldiers of the 3rd battalion cited in report r1", True),
    ("relatives", "Unnamed relatives cited in report r1", True),
    ("wives", "Unnamed relatives cited in report r1", False),
    ("lawyers", "Unnamed relatives cited in report r1", False),
    ("prosecutors", "Unnamed soldiers cited in report r1", False),
])
def test_same_people(noun, description, same):
    assert same_people(noun, description) is same


@pytest.mark.parametrize("phrase, one", [
    ("One of the wives", "wife"),
    ("one of the mothers", "mother"),
    ("One of his soldiers", "soldier"),
    ("another of the deserters from Tver", "deserter from Tver"),
    ("one of the lawyers who defend them", "lawyer who defend them"),
    ("One of the reasons", None),
    ("One man", None),
])
def test_one_of_a_group(phrase, one):
    assert one_of(phrase) == one


@pytest.mark.parametrize("text", [
    "Soldiers' wives have contacted our channel. One of the wives says her husband has served "
    "for 19 months without leave.",
    "Mothers of the conscripts came to the rally. One of the mothers told us her son had been "
    "sent to the front after 3 weeks of training.",
])
def test_one_of_the_group_is_one_unnamed_person(text):
    term, origin, via, _hedge = drafted(text, "Frontline Letters")[-1]
    assert origin is not None and origin.startswith("r1-")
    assert not origin.endswith("s")  # one person, not the group


@pytest.mark.parametrize("before, role, name", [
    ("The relatives appealed to the regional governor, Alexei Sorokin. Then", "governor",
     "Alexei Sorokin"),
    ("Governor Anna Melnik visited the unit. Later", "governor", "Anna Melnik"),
    ("Irina Lapina, the project's coordinator, said. Later", "coordinator", "Irina Lapina"),
    ("The Defence Minister, Oleg Brik, said on Monday. Then", "minister", "Oleg Brik"),
    ("Soldiers Are Tired Of The War. Then", "soldier", None),
    ("lawyer Pavel Kurov said. Later", "lawyer", None),
])
def test_role_holder(before, role, name):
    assert role_holder(before, role) == name


@pytest.mark.parametrize("text, origin", [
    ("The women wrote an appeal to the regional governor, Alexei Sorokin. Earlier the "
     "governor's press service stated that more than 3,000 men from the region had signed "
     "contracts.", "alexei-sorokin"),
    ("Governor Anna Melnik met the families in Chita. The governor said 140 men would be "
     "rotated by May.", "anna-melnik"),
])
def test_the_office_holder_introduced_before(text, origin):
    assert drafted(text, "Chita Today")[-1][1] == origin


@pytest.mark.parametrize("before, word, name", [
    ("The human rights project Exit Line, which advises men, said", "project", "Exit Line"),
    ("the exile group Get Out (Uydi) said", "group", "Get Out"),
    ("Free Ranks, a rights group based in Riga, said", "group", "Free Ranks"),
    ("the independent outlet The Insider reported", "outlet", "The Insider"),
    ("The group said", "group", None),
    ("the group. The ministry said", "group", None),
])
def test_introduced(before, word, name):
    found = introduced(before, word)
    assert (found[0] if found else None) == name


@pytest.mark.parametrize("text", [
    "Relatives of men from the 5th brigade contacted us. According to them, 31 men are "
    "missing. We have not been able to verify the figures given by the relatives.",
    "Families of the sappers wrote to our channel. They say 17 men died in one night. We "
    "could not independently confirm what the families told us.",
    "Wives of the mobilised men wrote to us. One of the wives says her husband has not been "
    "home for 14 months. The accounts of the relatives could not be verified.",
])
def test_a_disclaimer_naming_the_group_covers_its_figures(text):
    assert drafted(text, "Frontline Letters")[-1][3] == "unable-to-verify"


def test_group_names_are_definite():
    assert group_names("Unnamed relatives of men cited in report r1") == {
        "the relatives", "the relative", "the families"}
    assert group_names("Unnamed soldier cited in report r1") == {"the soldier", "the soldiers"}


# round 4: "it" after the outlet as the sentence's subject, a registry name in between
@pytest.mark.parametrize("text, outlet", [
    ("The legal aid project Exit Line, which advises men called up by the Russian Defence "
     "Ministry, has published "
     "its report on the requests it received. Over the three months the project's lawyers "
     "answered 4,210 requests.", "Exit Line"),
    ("The rights group Free Ranks, which works with the families of soldiers sent by the "
     "Russian Defence Ministry, said it had received 1,380 calls in March.", "Free Ranks"),
    ("OVD-Info, which monitors arrests made by the Russian Defence Ministry's police, says it "
     "recorded 611 new cases.", "OVD-Info"),
])
def test_it_after_the_outlet_as_subject_is_the_outlet(text, outlet):
    from credgraph.draft.names import slug

    found = drafted(text, outlet)
    assert found and all(origin == (slug(outlet) if outlet != "OVD-Info" else "ovd-info")
                         for _t, origin, _v, _h in found)


@pytest.mark.parametrize("text, origin", [
    ("Mediazona said on Monday that it had counted 611 new cases.", "mediazona"),
    ("The Russian Defence Ministry, which OVD-Info cites, said it had lost 40 men.", "ru-mod"),
])
def test_it_after_another_subject_is_that_subject(text, origin):
    assert [o for _t, o, _v, _h in drafted(text, "OVD-Info")] == [origin]
