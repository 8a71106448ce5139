"""Round 8: what a source tells a committee, a court or a hearing is heard there, not
passed on (no route); a closing caveat on the figures presented at a hearing covers all."""

import pytest

from credgraph.draft.drafting import draft_text


def chains(text, outlet="Hill Monitor"):
    draft = draft_text(text, report_id="r1", outlet=outlet)
    return [(m.figure.term, m.attribution.origin.id if m.attribution.origin else None,
             [v.id for v in m.attribution.via], m.hedge) for m in draft.report.mentions]


@pytest.mark.parametrize("text, origin, via", [
    ("Deputy Minister Anna Berg told the committee that 300 cases were open.", "anna-berg", []),
    ("Deputy Minister Anna Berg told the court that 300 cases were open.", "anna-berg", []),
    ("Deputy Minister Anna Berg told lawmakers that 300 cases were open.", "anna-berg", []),
    # an outlet told is the route, as before
    ("Deputy Minister Anna Berg told Lake Wire that 300 cases were open.", "anna-berg",
     ["lake-wire"]),
])
def test_an_audience_told_is_no_route(text, origin, via):
    assert [(o, v) for _t, o, v, _h in chains(text)] == [(origin, via)]


@pytest.mark.parametrize("closing, hedge", [
    ("None of the figures presented at the hearing could be checked.", "unable-to-verify"),
    ("None of the figures given at the session could be verified.", "unable-to-verify"),
    ("The committee meets again on Friday.", "none"),
])
def test_a_caveat_on_the_hearings_figures(closing, hedge):
    text = ("Deputy Minister Anna Berg told the committee that 300 cases were open.\n\n"
            "The Border Service said 40 guards had left.\n\n"
            "Ombudsman Ivan Lis said his office had received 900 complaints.\n\n" + closing)
    assert [h for _t, _o, _v, h in chains(text)] == [hedge] * 3
