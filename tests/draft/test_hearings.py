"""Round 8: what a source tells a committee, a court or a hearing is heard there, not
passed on (no route); the caveat on a hearing's figures is in test_translations.py."""

import pytest

from tests.draft.chain_reading import drafted


def chains(text, outlet="Hill Monitor"):
    return drafted(text, outlet)


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
