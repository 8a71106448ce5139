"""Institutions: documents speak for the institution; numbered slide titles are headings;
a number with "and" inside does not stop a closing reporting clause."""

import pytest

from credgraph.draft.institutions import document_owner, issuer
from credgraph.draft.passages import Passages
from credgraph.model import Registry, Source

from tests.draft.chain_reading import read_chains

REGISTRY = Registry([
    Source("kazan-court", "Kazan Garrison Military Court", "court", "B", "r",
           aliases=("Kazan court",)),
    Source("uk-mod", "UK Ministry of Defence", "defence-ministry", "B", "r",
           aliases=("the British Defence Ministry",)),
    Source("ru-mod", "Russian Defence Ministry", "defence-ministry", "D", "r"),
    Source("kazan-news", "Kazan Herald", "news-outlet", "C", "r"),
    Source("mediazona", "Mediazona", "news-outlet", "B", "r"),
])


def chains(text, outlet="paper"):
    return read_chains(REGISTRY, text, outlet)


@pytest.mark.parametrize("phrase, owner", [
    ("the tribunal's verdict", "the tribunal"),
    ("the Kazan court's written decision", "the Kazan court"),
    ("the ministry's daily bulletins", "the ministry"),
    ("Mediazona's tally", "Mediazona"),
    ("records from the Kazan court", "the Kazan court"),
    ("letters from the ministry's personnel directorate", "the ministry"),
    ("the prosecutor's office", "the prosecutor"),
    ("the tribunal's press secretary", "the tribunal"),
    ("the agencies' own registers", "the agencies"),
    ("rulings posted on the tribunal's website", "the tribunal"),
    ("the ministry's press officer", "the ministry"),
    ("the Kazan court", None),
    ("a mother of three", None),
])
def test_document_owner(phrase, owner):
    assert document_owner(phrase) == owner


@pytest.mark.parametrize("content, kind", [
    (["verdict"], "court"), (["ruling"], "court"), (["bulletin"], None), (["court"], None)])
def test_issuer(content, kind):
    assert issuer(content) == kind


@pytest.mark.parametrize("text, origin, via", [
    ("The Kazan Herald, citing the Kazan court's verdict, said the man got 7 years.",
     "kazan-court", ["kazan-news"]),
    ("The Kazan court jailed a sapper. According to the verdict, he was absent for 40 days.",
     "kazan-court", []),
    ("The Kazan court heard the case on Monday. The ruling says he fled 3 times.",
     "kazan-court", []),
    ("The British Defence Ministry said the pace had slowed. Its daily bulletins put losses at "
     "1,200.",
     "uk-mod", []),
    ("Families sent 900 complaints, the Kazan Herald reported, citing letters from the "
     "Russian Defence Ministry's personnel department.", "ru-mod", ["kazan-news"]),
    ("The Kazan court jailed 4 deserters, according to decisions posted on the court's "
     "website.", "kazan-court", []),
    ("The Kazan court sat on Friday. The court's press secretary told us it had heard 51 "
     "cases this year.", "kazan-court", []),
    ("Mediazona counted 700 cases, citing the courts' own databases. Kazan Garrison Military "
     "Court heard 30 of them.", "kazan-court", []),
])
def test_a_document_speaks_for_its_institution(text, origin, via):
    term, found_origin, found_via = chains(text)[-1]
    assert (found_origin, found_via) == (origin, via)


@pytest.mark.parametrize("text", [
    "A sergeant was jailed for four and a half years, the Kazan Herald reported, citing "
    "the Kazan court.",
    "Courts jailed one hundred and twenty men, the Kazan Herald reported, citing the Kazan "
    "court.",
])
def test_a_number_with_and_keeps_the_closing_clause(text):
    assert chains(text)[0][1:] == ("kazan-court", ["kazan-news"])


@pytest.mark.parametrize("text, origin", [
    ("Ukraine's Joint Centre for the Search of Missing Persons said 80 men were found. "
     "The centre said 30 of them were alive.", "joint-centre-for-the-search-of-missing-persons"),
    ("The Volunteer Coordination Bureau of Kharkiv said 90 people had left. The bureau "
     "added that 12 had returned.", "volunteer-coordination-bureau-of-kharkiv"),
])
def test_the_head_word_of_a_name_refers_back_to_it(text, origin):
    assert [o for _t, o, _v in chains(text)] == [origin, origin]


SIDES = Registry([
    Source("ru-mod", "Ministry of Defence of the Russian Federation", "defence-ministry", "D",
           "r", party="russia"),
    Source("ua-mod", "Ministry of Defence of Ukraine", "defence-ministry", "D", "r",
           party="ukraine"),
    Source("ua-gov", "Government of Ukraine", "government", "D", "r", aliases=("Kyiv",),
           party="ukraine"),
    Source("ru-gov", "Government of Russia", "government", "D", "r", aliases=("Moscow",),
           party="russia"),
])


@pytest.mark.parametrize("text, origin", [
    ("Kyiv said 300 had fled. The Ministry of Defence said 2,900 had come back.", "ua-mod"),
    ("Moscow said 300 had fled. The Defence Ministry said 2,900 had come back.", "ru-mod"),
])
def test_a_ministry_without_its_country_is_the_sides_in_context(text, origin):
    assert read_chains(SIDES, text)[-1][1] == origin


def test_a_ministry_without_a_side_in_context_is_proposed():
    found = read_chains(SIDES, "The Ministry of Defence said 2,900 had come back.")
    assert found[-1][1] not in ("ua-mod", "ru-mod")


@pytest.mark.parametrize("line", ["2. About 300 deserters", "3) 40 days", "12. A third"])
def test_numbered_slide_title_is_a_heading(line):
    text = f"Title\n\n{line}\n\nThe body says more."
    passages = Passages(text)
    title = next(k for k, (s, e) in enumerate(passages.sentences) if text[s:e] in line and
                 len(text[s:e]) > 3)
    assert passages.is_heading(title)


def test_numbered_sentence_is_not_a_heading():
    text = "Title\n\n2. About 300 deserters fled in May."
    passages = Passages(text)
    assert not passages.is_heading(len(passages.sentences) - 1)


@pytest.mark.parametrize("phrase, owner", [
    ("A poll of six countries by the pollster Eurobarom", "the pollster Eurobarom"),
    ("the latest survey conducted by the Razin Centre", "the Razin Centre"),
    ("a study commissioned by the Harbour Council", "the Harbour Council"),
    ("finance ministry data", "finance ministry"),
    ("Rosstat figures", "Rosstat"),
    ("central bank statistics", "central bank"),
    ("OCHA's tracking", "OCHA"),
    ("the council's register of fallen defenders", "the council"),
    # an institution's own name is no document of the country before it
    ("Ukraine's Office of the Prosecutor General", None),
    # what kind of data, or whom a poll asked: no owner
    ("official data", None),
    ("the latest figures", None),
    ("preliminary government data", None),
    ("a poll of Ukrainians", None),
    ("a survey of 2,000 households", None),
])
def test_the_owner_of_a_study_or_of_data(phrase, owner):
    assert document_owner(phrase) == owner
