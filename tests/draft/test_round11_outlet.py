"""Round 11, class 2: the outlet under its initials (``OSLO (NWS) -``, ``NWS reviewed``) is
the outlet: its own work when it is the sentence's subject, and never on a route."""

import pytest

from chain_reading import drafted


OUTLET = "Northern Wire Service"


@pytest.mark.parametrize("text, term, origin, via", [
    # the outlet's initials as the subject of its own checking
    ("OSLO (NWS) - Ledgers seen by NWS list 900 names, the officials said.\n\n"
     "NWS was able to match 75 of the names to obituaries.", "75", "northern-wire-service", []),
    ("NWS reviewed 1,400 court filings from the region.", "1,400",
     "northern-wire-service", []),
    # a speaker who told the outlet something: the outlet is not on the route
    ("A lawyer, Pavel Orekhov, said he had filed 120 appeals, he told NWS.", "120",
     "pavel-orekhov", []),
])
def test_the_outlets_initials_are_the_outlet(text, term, origin, via):
    found = {t: (o, v) for t, o, v, _h in drafted(text, OUTLET)}
    assert found[term] == (origin, via)


def test_initials_of_another_name_are_left_alone():
    # "NWSA" is a word of its own, not the outlet's initials
    found = {t: o for t, o, _v, _h in drafted("NWSA counted 300 boats in May.", OUTLET)}
    assert found["300"] != "northern-wire-service"
