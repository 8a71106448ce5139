"""Round 8: a translation or reprint of another outlet's report (its agency on every
figure's route) and a translator's or editor's closing note doubting the figures."""

import pytest

from tests.draft.chain_reading import drafted


def chains(text, outlet="River Monitor"):
    return drafted(text, outlet)


@pytest.mark.parametrize("text, expected", [
    # a translation: the original's agency on the route of each figure
    ("RIVER MONITOR\nTranslated from Polish. Original: Lake Wire, 2 May 2026.\n\nThe "
     "Harbour Authority said 40 ships were held.",
     [("40", "harbour-authority", ["lake-wire"])]),
    # a wire's own dateline names it
    ("RIVER MONITOR\n\nWARSAW, May 2. /Lake Wire/. The Harbour Authority said 40 ships were "
     "held.", [("40", "harbour-authority", ["lake-wire"])]),
    # a reprint: a figure with no source of its own is the original outlet's
    ("RIVER MONITOR\nOriginally published by Lake Wire.\n\nIn May, 40 ships were held.",
     [("40", "lake-wire", [])]),
    # a news story that only mentions an original report is no translation
    ("RIVER MONITOR\n\nThe Harbour Authority said 40 ships were held. Lake Wire first "
     "reported the figure.", [("40", "harbour-authority", [])]),
])
def test_a_translated_or_reprinted_report_has_its_original_on_the_route(text, expected):
    assert [(t, o, v) for t, o, v, _h in chains(text)] == expected


TRANSLATION = ("RIVER MONITOR\nTranslated from Polish. Original: Lake Wire, 2 May 2026.\n\n"
               "The Harbour Authority said 40 ships were held.\n\nThe port agency said 12 "
               "crews left.\n\nA spokesman said 3 more were fined.\n\n")
HEARING = ("Deputy Minister Anna Berg told the committee that 300 cases were open.\n\n"
           "The Border Service said 40 guards had left.\n\n"
           "Ombudsman Ivan Lis said his office had received 900 complaints.\n\n")


@pytest.mark.parametrize("body, note, hedge", [
    (TRANSLATION, "Translator's note: the figures in this report could not be independently "
     "verified.", "unable-to-verify"),
    (TRANSLATION, "Editor's note: the figures in this article could not be verified.",
     "unable-to-verify"),
    # a note that doubts nothing leaves the figures alone
    (TRANSLATION, "Translator's note: place names are given in their Ukrainian spelling.",
     "none"),
    # a hearing's report: a caveat on the figures presented there
    (HEARING, "None of the figures presented at the hearing could be checked.",
     "unable-to-verify"),
    (HEARING, "None of the figures given at the session could be verified.", "unable-to-verify"),
    (HEARING, "The committee meets again on Friday.", "none"),
])
def test_a_closing_note_on_the_reports_figures_covers_every_figure(body, note, hedge):
    assert [h for _t, _o, _v, h in chains(body + note)] == [hedge] * 3
