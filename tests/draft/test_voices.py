"""Voices (round 7): the publisher's own report, an author's own post, a section's label."""

import pytest

from chain_reading import read_chains
from credgraph.draft.drafting import draft_text
from credgraph.draft.passages import Passages
from credgraph.draft.voices import author_voice, counts_itself, outlet_kind
from credgraph.model import Registry, Source


def origins(text, outlet):
    draft = draft_text(text, report_id="r1", outlet=outlet)
    return [(m.figure.term, m.attribution.origin.id if m.attribution.origin else None)
            for m in draft.report.mentions]


@pytest.mark.parametrize("name, text, kind", [
    ("Open Dock", "A report by Open Dock, a Georgian human rights organisation.",
     "human-rights-group"),
    ("Field Notes", "Field Notes, an independent research project, counts graves.", "ngo"),
    ("Quarry Mapping Collective", "", "ngo"),
    ("Borderland Institute", "", "ngo"),
    # named like a person, a unit or a register, an outlet is a news outlet, as before
    ("Harbour Lines", "", "news-outlet"),
    ("Open Data", "", "news-outlet"),
    # a description that says nothing of a kind leaves the name's words to decide
    ("Dnipro Now TV", "Dnipro Now TV, the best of the region.", "broadcaster"),
])
def test_the_kind_of_an_outlet_the_registry_lacks(name, text, kind):
    assert outlet_kind(name, text)[0] == kind


@pytest.mark.parametrize("text, voice", [
    ("I went through 300 videos this week. My count of tanks is 40.", True),
    ("Thread. I've checked 300 clips. I found 40 tanks.", True),
    # one "I" is no author's post; quoted and transcript "I" are the speaker's
    ("I think the war is long. The ministry said 300 fled.", False),
    ('"I saw 300 men," the soldier said. "I counted them," he added.', False),
    ("HOST: I have your figure here.\nHOST: I doubt it.", False),
])
def test_a_text_in_its_authors_first_person(text, voice):
    assert author_voice(Passages(text)) is voice


@pytest.mark.parametrize("text, outlet, expected", [
    # an analyst's thread: what he counted is his
    ("1/ I checked 300 videos this month. Destroyed Russian vehicles: 40.\n\n"
     "2/ I also found 12 boats.", "Anna Berg",
     [("300", "anna-berg"), ("40", "anna-berg"), ("12", "anna-berg")]),
    # a cited source keeps its own figure in the author's post
    ("I counted 300 tanks. My list is online. The Kremlin says 40.\n\nThe General Staff says 900.",
     "Anna Berg", [("300", "anna-berg"), ("40", "kremlin"), ("900", "general-staff")]),
    # a dataset release by a collective: its unsourced findings are its own
    ("Quarry Mapping Collective\n\nKey findings\n- At least 40 quarries were mapped.\n"
     "- About 12 per cent are flooded.", "Quarry Mapping Collective",
     [("40", "quarry-mapping-collective"), ("12 per cent", "quarry-mapping-collective")]),
    # a rights group described as one in its own text
    ("Bulletin of Open Dock, a Georgian human rights organisation.\n\nIn May, 30 people were "
     "detained at the border.", "Open Dock", [("30", "open-dock")]),
    # a news outlet's unsourced figure stays unattributed, as before
    ("The Harbour Lines\n\nIn May, 30 people were detained at the border.", "Harbour Lines",
     [("30", None)]),
])
def test_the_publishers_own_figures(text, outlet, expected):
    assert origins(text, outlet) == expected


@pytest.mark.parametrize("text, outlet, expected", [
    # a defence ministry's weekly assessment, no release label: its unsourced figures its own
    ("Weekly assessment\n\nRussian forces have almost certainly lost 900 men a day in the "
     "east. Ukraine's air force says 40 drones were shot down.",
     "Ministry of Defence of Norway",
     [("900", "ministry-of-defence-of-norway"), ("40", "ukraines-air-force")]),
    # a regional police page
    ("Officers detained 12 men at the checkpoint on Monday.", "Lviv Regional Police",
     [("12", "lviv-regional-police")]),
    # papers about authorities are news outlets: their unsourced figures stay unattributed
    ("Officers detained 12 men at the checkpoint on Monday.", "Police Gazette", [("12", None)]),
    ("On Monday 12 men were sentenced for desertion.", "Court News Daily", [("12", None)]),
])
def test_an_authoritys_own_page_speaks_in_its_voice(text, outlet, expected):
    assert origins(text, outlet) == expected


@pytest.mark.parametrize("text, expected", [
    # a digest's case summaries under the court's name
    ("Cases of the month\n\nTver Regional Court. A conscript was given 4 years. The "
     "prosecutor had asked for 6 years.\n\nPskov City Court, Pskov. A man was fined 30,000 "
     "roubles.", [("4", "tver-regional-court"), ("6", "tver-regional-court"),
                  ("30,000", "pskov-city-court")]),
    ("Novgorod Garrison Military Court (Veliky Novgorod). Two soldiers got 5 years each.",
     [("Two", "novgorod-garrison-military-court"), ("5", "novgorod-garrison-military-court")]),
    # a figure with a source of its own keeps it
    ("Tver Regional Court. Mediazona counted 12 such verdicts.", [("12", "mediazona")]),
    # a label that names no institution is no section's voice
    ("Ivan Petrov. He was given 4 years.", [("4", None)]),
    ("Key findings. About 40 men were given 4 years.", [("40", None), ("4", None)]),
    # a line alone, with nothing after it in its paragraph, is a heading, not a label
    ("Tver Regional Court.\n\nA conscript was given 4 years.", [("4", None)]),
])
def test_a_section_under_an_institutions_label(text, expected):
    assert origins(text, "Harbour Lines") == expected


@pytest.mark.parametrize("text, origin", [
    ("Confirmed Ukrainian equipment losses: 40 items.", None),
    ("Confirmed Belarusian losses: 40 tanks.", None),
    ("Russia said 40 tanks were lost.", "russia"),
])
def test_a_nationality_adjective_is_no_source(text, origin):
    assert origins(text, "Harbour Lines")[0][1] == origin


@pytest.mark.parametrize("text, expected", [  # round 7: an institution acting has its own voice
    ("About 40 men deserted, an officer told reporters.\n\nThe Duma renewed the decree, the "
     "5th such renewal.", [("40", "r1-officer"), ("the 5th", None)]),
    # a paragraph without a voice of its own still carries the speaker before
    ("About 40 men deserted, an officer told reporters.\n\nAnother 12 were caught.",
     [("40", "r1-officer"), ("12", "r1-officer")]),
])
def test_no_speaker_is_carried_into_an_institutions_act(text, expected):
    assert origins(text, "Harbour Lines") == expected


# Round 10, class 2: a publisher's own count. A text that speaks of its own counting
# (``our register holds``, ``we have verified``, ``by our tally``, its name as the subject of
# ``has confirmed``) gives its figures without a source in its own voice, a breakdown's lines
# included; a tally line's label (``Conscripts: 1,204``) is what is counted, not a speaker.

REGISTRY = Registry([Source("lantern", "Lantern", "news-outlet", "B", "r"),
                     Source("hur", "HUR", "military-intelligence", "D", "r")])

OWN = ("Lantern has verified the deaths of 9,412 men by name. Our register grows each week: "
       "we have verified 310 since May.\n\nBREAKDOWN\n\n- Conscripts: 1,204\n- Officers: 388\n\n"
       "Older men now make up 31% of new entries. HUR says 52,000 died.")


@pytest.mark.parametrize("term, origin", [
    ("9,412", "lantern"), ("310", "lantern"), ("1,204", "lantern"), ("388", "lantern"),
    ("31%", "lantern"), ("52,000", "hur"),
])
def test_the_publishers_own_count_is_its_own(term, origin):
    found = {t: o for t, o, _via in read_chains(REGISTRY, OWN, "lantern")}
    assert found[term] == origin


@pytest.mark.parametrize("text, own", [
    (OWN, True),
    ("By our tally 40 died. Our list has 12 officers. We counted 3 generals.", True),
    # one mention of its own count is no report of its own
    ("HUR says 52,000 died. By our count, fewer: 40,000. The war goes on.", False),
    # the words in a quotation are the speaker's
    ('"Our list has 40 names, we counted them, our data are good," the mayor said.', False),
])
def test_counts_itself(text, own):
    assert counts_itself(Passages(text), "Lantern") is own
