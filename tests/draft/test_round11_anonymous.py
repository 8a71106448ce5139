"""Round 11, class 7: an unnamed official described with a participle (``a senior EU
official briefing journalists in Vienna``) is one person, the official, whom ``the official
added`` refers back to; and a disclaimer naming them by their description (``could not
confirm the European official's estimate``) covers their figures."""

import pytest

from chain_reading import drafted

OUTLET = "Harbour Weekly"


def test_a_participle_does_not_make_the_official_a_group():
    from credgraph.draft.drafting import draft_text

    text = ("In March a senior EU official briefing journalists in Vienna put the losses at "
            "roughly 40,000. About a fifth of those were officers, the official added.")
    draft = draft_text(text, report_id="r1", outlet=OUTLET)
    origins = {m.figure.term: m.attribution.origin.id for m in draft.report.mentions}
    assert origins["40,000"] == origins["a fifth"]
    kinds = {s.id: s.kind for s in draft.sources}
    assert kinds[origins["40,000"]] == "anonymous-person"


@pytest.mark.parametrize("text, term", [
    ("A senior European official, speaking on condition of anonymity, said 12,000 troops "
     "were massed near the border.\n\nHarbour Weekly could not confirm the European "
     "official's estimate.", "12,000"),
    ("An unnamed Western diplomat said 300 prisoners were held at the camp. The paper was "
     "unable to verify the Western diplomat's account.", "300"),
])
def test_a_disclaimer_naming_the_unnamed_source_by_its_description(text, term):
    hedges = {t: h for t, _o, _v, h in drafted(text, OUTLET)}
    assert hedges[term] == "unable-to-verify"
