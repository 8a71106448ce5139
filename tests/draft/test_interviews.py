"""Interviews: the first person of the answers is the interviewee, not the outlet."""

import pytest

from chain_reading import read_chains
from credgraph.draft.attribution import attribute
from credgraph.draft.figures import find_figures
from credgraph.draft.interviews import read_interview
from credgraph.draft.names import SourceNames
from credgraph.draft.passages import Passages
from credgraph.draft.timeref import find_time_refs
from credgraph.draft.tokens import tokenize
from credgraph.model import Registry, Source


REGISTRY = Registry([
    Source("mediazona", "Mediazona", "news-outlet", "B", "r"),
    Source("ovd-info", "OVD-Info", "ngo", "B", "r"),
    Source("gazette", "The Lakeside Gazette", "news-outlet", "C", "r"),
    Source("kirill-danko", "Kirill Danko", "named-person", "C", "r", aliases=("Danko",)),
])

INTRO = {
    "qa": "Volunteer Kirill Danko runs a hotline for deserters. The Lakeside Gazette spoke "
          "to him in Tbilisi.\n\nQ: How busy is the line?\n\nA: {answer}\n\nQ: And now?"
          "\n\nA: Calmer.",
    "plain": "Kirill Danko runs a hotline for deserters. We interviewed him last week.\n\n"
             "How busy is the line?\n\n{answer}\n\nWill it last?\n\nNobody knows.",
    "pseudonym": "Pavel (not his real name), 27, served {intro}in a tank regiment before he "
                 "fled. We spoke to him by phone.\n\nQ: How many of you were there?\n\n"
                 "A: {answer}\n\nQ: Would you go back?\n\nA: Never.",
    "aged": "Marina, 44, lost her son at the front. The Gazette spoke to her in Riga.\n\n"
            "How did you find out?\n\n{answer}\n\nWho helped you?\n\nNo one.",
    "bold": "The Gazette spoke to volunteer Kirill Danko about his hotline.\n\n"
            "**Gazette:** How busy is it?\n\n**Danko:** {answer}\n\n**Gazette:** And now?"
            "\n\n**Danko:** Calmer.",
    "dashes": "Oleg Vasin, a medic, left his unit in May. We talked to him in Yerevan.\n\n"
              "— Gazette: Why did you leave?\n\n— Vasin: {answer}\n\n— Gazette: Any "
              "regrets?\n\n— Vasin: None.",
    "proposed": "Human rights lawyer Yulia Sorokina defends soldiers in court. She talked to "
                "the Gazette by phone.\n\nHow many cases do you have?\n\n{answer}\n\n"
                "Do you win?\n\nSeldom.",
}


def chains(text, outlet="gazette"):
    doc, passages = tokenize(text), Passages(text)
    figures = find_figures(doc, passages, find_time_refs(text))
    names = SourceNames(REGISTRY, "r1")
    found = attribute(doc, passages, names, outlet, [(f.start, f.end) for f in figures])
    return [(a.origin.id if a.origin else None, [v.id for v in a.via]) for a in found]


@pytest.mark.parametrize("layout, answer, origin, via", [
    ("qa", "We took 340 calls in March alone.", "kirill-danko", []),
    ("qa", "I personally answered about 90 of them.", "kirill-danko", []),
    ("qa", "Our volunteers have helped 45 men cross the border.", "kirill-danko", []),
    ("qa", "Roughly 60 a week, more than last year.", "kirill-danko", []),
    ("qa", "Mediazona counted 1,900 such cases in May.", "mediazona", ["kirill-danko"]),
    ("plain", "In 2024 our team registered 2,100 requests.", "kirill-danko", []),
    ("plain", "We get 25 messages on a quiet night.", "kirill-danko", []),
    ("proposed", "Right now I have 14 clients.", "yulia-sorokina", []),
    ("pseudonym", "About 90 men on paper, maybe 30 in fact.", "pavel", []),
    ("pseudonym", "OVD-Info counted 400 cases like mine.", "ovd-info", ["pavel"]),
    ("aged", "A letter came after 3 weeks.", "marina", []),
    ("bold", "We took 340 calls in March alone.", "kirill-danko", []),
    ("bold", "Mediazona counted 1,900 such cases in May.", "mediazona", ["kirill-danko"]),
    ("dashes", "Of our 12 medics, 5 were killed.", "oleg-vasin", []),
    ("proposed", "Our office has 3 lawyers.", "yulia-sorokina", []),
])
def test_first_person_in_answers_is_the_interviewee(layout, answer, origin, via):
    found = chains(INTRO[layout].format(answer=answer, intro=""))
    assert found[0] == (origin, via)


@pytest.mark.parametrize("intro, origin", [
    ("for 14 months ", "pavel"),  # the introduction tells his story: his account
])
def test_the_introduction_tells_the_interviewees_story(intro, origin):
    found = chains(INTRO["pseudonym"].format(answer="Many.", intro=intro))
    assert found[0] == (origin, [])


def test_a_dialogue_without_questions_is_no_interview():
    text = ("Two volunteers talk.\n\nAnna: We sent 40 parcels.\n\nBoris: And 30 more."
            "\n\nAnna: Good.\n\nBoris: Yes.")
    assert read_interview(Passages(text), SourceNames(REGISTRY, "r1"), "gazette") is None


@pytest.mark.parametrize("text", [
    # questions as slide titles: nobody is interviewed
    "Desertion in numbers\n\nHow many fled?\n\nHUR says 20,000.\n\nWho counts?\n\nNobody.",
    # an article with a question or two far down
    "Kirill Danko spoke to reporters.\n\n" + "A paragraph.\n\n" * 8 +
    "Why now?\n\nNo one knows.\n\nWhat next?\n\nWe will see.",
])
def test_not_an_interview(text):
    names = SourceNames(REGISTRY, "r1")
    assert read_interview(Passages(text), names, "gazette") is None


def test_we_outside_the_answers_stays_the_outlet():
    text = ("Kirill Danko runs a hotline. We interviewed him.\n\nHow busy is it?\n\n"
            "Very.\n\nAnd later?\n\nQuieter.\n\nThe Gazette has counted 12 such hotlines.")
    interview = read_interview(Passages(text), SourceNames(REGISTRY, "r1"), "gazette")
    assert interview.voice(text.index("Very")) == "kirill-danko"
    assert interview.voice(0) == "gazette"


# Round 11, class 1: an interview's interviewee is the person its introduction presents,
# not the interviewer its byline names (``Interview by X``), and no name runs across two
# paragraphs of the introduction (a headline ending in a name, then the masthead).

def origins(text, outlet="harbour-weekly"):
    return {term: origin for term, origin, _via in read_chains(Registry([]), text, outlet)}


QA = ("Q: How many drones does the army lose?\n\nA: My guess is 9,000 a month.\n\n"
      "Q: And artillery?\n\nA: We count about 140 barrels lost since March.")


@pytest.mark.parametrize("intro", [
    # a headline ending in the interviewee's name, the masthead just after it
    "'The drones decide it': a talk with engineer Marta Kowalczyk\n\nHarbour Weekly | Talks\n\n"
    "Interview by Tomas Lind.\n\nMarta Kowalczyk builds drones in Lviv. We spoke to her.",
    # the byline first, the interviewee after it
    "Interviewed by Tomas Lind\n\nMarta Kowalczyk builds drones in Lviv. We spoke to her.",
    "By Tomas Lind\n\nEngineer Marta Kowalczyk builds drones in Lviv. We spoke to her.",
])
def test_the_interviewee_not_the_interviewer(intro):
    found = origins(intro + "\n\n" + QA)
    assert found["9,000"] == found["140"] == "marta-kowalczyk"


def test_an_interviewer_only_named_in_a_byline_is_never_the_interviewee():
    # with no one else named, the text is no interview of the interviewer
    text = "By Tomas Lind\n\nWe spoke to a drone engineer.\n\n" + QA
    assert origins(text)["9,000"] != "tomas-lind"
