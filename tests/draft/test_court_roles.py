"""Round 9: court reporting's roles (the prosecution, the defence, a witness, the judge, the
investigator) speak for what they say or ask, and a live thread's speaker labels
(``Prosecutor:``, ``Witness:``, a person named before) make an item that speaker's, over
the reporter's own first-person voice; her own observations stay hers."""

import pytest

from tests.draft.chain_reading import drafted_origins

THREAD = """Olga Marchenko - live from the courtroom

1/ I'm in Hall B of the district court in Tambov for the trial of Private Denis Sokolov. I counted 12 people in the gallery.

{item}
"""


def origin_of(text, term, outlet="Riverbank Herald"):
    found = [o for t, o in drafted_origins(text, outlet) if t == term]
    assert found, f"{term!r} not drafted from {text!r}"
    return found[0]


@pytest.mark.parametrize("text, term, origin", [
    # present-tense court reporting: the role is the source, unnamed
    ("The prosecution says the corporal hid in a barn for 310 days.", "310", "prosecutor"),
    ("The prosecutor asks for 9 years in a penal colony.", "9", "prosecutor"),
    ("The defence argues that he served 16 months without rotation.", "16",
     "r1-defence-lawyer"),
    ("A witness tells the court that 25 men of the battalion refused to advance.", "25",
     "r1-witness"),
    ("The investigator testifies that 48 statements were taken.", "48", "r1-investigator"),
    # named in the role's phrase: the person
    ("Defence lawyer Marta Kovalenko reads out a record of 31 days in a field hospital.",
     "31", "marta-kovalenko"),
    # a news story's reporting verb keeps working
    ("The prosecutor said the private had been absent for 57 days.", "57", "prosecutor"),
])
def test_a_court_role_speaks_for_what_it_says(text, term, origin):
    assert origin_of(text, term) == origin


@pytest.mark.parametrize("item, term, origin", [
    ("2/ Prosecutor: Sokolov was absent from his regiment for 150 days.", "150",
     "prosecutor"),
    ("2/ Witness: of the 60 men in his platoon, about 20 are left, he says.", "60",
     "r1-witness"),
    ("2/ The defence: he had served 11 months without leave.", "11",
     "r1-defence-lawyer"),
    ("2/ The prosecutor asks for 8 years.", "8", "prosecutor"),
    # a person named before, as a label
    ("2/ Sokolov, from the dock: he asked for leave three times.", "three times",
     "denis-sokolov"),
    # the reporter's own observation and count stay hers
    ("2/ By my count, 14 hearings on desertion were held here this month.", "14",
     "olga-marchenko"),
])
def test_a_thread_item_under_a_label_is_the_labelled_speakers(item, term, origin):
    assert origin_of(THREAD.format(item=item), term, outlet="Olga Marchenko") == origin


def test_the_reporters_own_count_in_the_thread_stays_hers():
    text = THREAD.format(item="2/ Prosecutor: he was away for 95 days.")
    assert origin_of(text, "12", outlet="Olga Marchenko") == "olga-marchenko"


@pytest.mark.parametrize("text, term", [
    # "a witness" in a sentence that is not speech: no court role's voice
    ("A witness to the shelling was among the 40 people evacuated on Monday.", "40"),
    ("The judge was appointed in 2019 and has heard 70 cases since, records show.", "70"),
    # a news summary's past perfect, left to the other rules (unattributed here)
    ("The prosecution had asked for six years.", "six"),
])
def test_roles_that_do_not_speak_are_no_source(text, term):
    assert origin_of(text, term) not in {"prosecutor", "r1-witness", "r1-judge"}
