"""Round 8: a translation or reprint of another outlet's report (its agency on every
figure's route) and a translator's or editor's closing note doubting the figures."""

import pytest

from credgraph.draft.drafting import draft_text


def chains(text, outlet="River Monitor"):
    draft = draft_text(text, report_id="r1", outlet=outlet)
    return [(m.figure.term, m.attribution.origin.id if m.attribution.origin else None,
             [v.id for v in m.attribution.via], m.hedge) for m in draft.report.mentions]


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


@pytest.mark.parametrize("note, hedge", [
    ("Translator's note: the figures in this report could not be independently verified.",
     "unable-to-verify"),
    ("Editor's note: the figures in this article could not be verified.", "unable-to-verify"),
    # a note that doubts nothing leaves the figures alone
    ("Translator's note: place names are given in their Ukrainian spelling.", "none"),
])
def test_a_closing_note_on_the_reports_figures_covers_every_figure(note, hedge):
    text = ("RIVER MONITOR\nTranslated from Polish. Original: Lake Wire, 2 May 2026.\n\n"
            "The Harbour Authority said 40 ships were held.\n\nThe port agency said 12 "
            "crews left.\n\nA spokesman said 3 more were fined.\n\n" + note)
    assert [h for _t, _o, _v, h in chains(text)] == [hedge] * 3
