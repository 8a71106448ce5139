"""Round 8: an outlet's own work (``according to our analysis of the files``, ``we
obtained``) is its own, and stays with its figure: it is not carried into the next paragraph."""

import pytest

from tests.draft.chain_reading import drafted_origins


def origins(text, outlet="Lantern Desk"):
    return drafted_origins(text, outlet)


@pytest.mark.parametrize("text, expected", [
    ("The files record 90 million euros in fees, according to our analysis of the files.",
     [("90 million", "lantern-desk")]),
    ("Some 40 sites were mapped, according to our review of satellite images.",
     [("40", "lantern-desk")]),
    ("Lantern Desk has obtained more than 2,000 pages of contracts.", [("2,000", "lantern-desk")]),
    ("We collected 310 testimonies over the summer.", [("310", "lantern-desk")]),
    # another's analysis stays another's
    ("Some 40 sites were mapped, according to an analysis by Open Ledger.",
     [("40", "open-ledger")]),
])
def test_an_outlets_own_work(text, expected):
    assert origins(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the outlet's own count is not carried into the next paragraph's narrative
    ("By our count, 300 of them were named.\n\nThe fee rose from 10 to 30 euros in 2025.",
     [("300", "lantern-desk"), ("10", None), ("30", None)]),
    # another source's voice still is, into a paragraph without a voice of its own
    ("The Regional Office reported 300 arrivals.\n\nAbout 40 of them were children.",
     [("300", "regional-office"), ("40", "regional-office")]),
])
def test_the_outlets_own_count_stays_with_its_figure(text, expected):
    assert origins(text) == expected
