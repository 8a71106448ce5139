"""cues.py: the attribution cues of one sentence."""

import pytest

from chain_reading import drafted


# Round 11, class 9: a byline or masthead line (``Outlet | By Name | Published 6 May``) and
# a headline's genre label (``FACT CHECK: ...``, ``ANALYSIS: ...``) name no source.

OUTLET = "Harbour Weekly"


@pytest.mark.parametrize("text", [
    "ANALYSIS: 300,000 men were called up\n\nHarbour Weekly | By Tomas Lind | Published 2 May "
    "2027\n\nThe call-up of 300,000 men came in a decree.",
    "FACT CHECK: No, 90% of the brigade did not desert\n\nBy Tomas Lind | Updated 4 June 2027"
    "\n\nCLAIM: \"90% of the brigade deserted.\" (a post shared widely)",
])
def test_no_source_from_a_byline_or_a_genre_label(text):
    draft = drafted(text, OUTLET)
    origins = {o for _t, o, _v, _h in draft}
    assert not {o for o in origins if o and ("lind" in o or "analysis" in o or "fact" in o)}
