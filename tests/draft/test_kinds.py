"""kinds.py: what a phrase's words say about the source it names."""

import pytest

from chain_reading import read_chains
from credgraph.model import Registry


# Round 11, class 10: an authority described in lower case (``the district military
# administration counts``, ``according to the housing department``) is that authority,
# proposed under its description, the words an analyst's registry alias would have; a bare
# plural (``garrison courts heard``) stays a description, and ``the court`` still refers back
# to the court named before.

def origins(text):
    return {term: origin for term, origin, _via in read_chains(Registry([]), text)}


@pytest.mark.parametrize("text, term, origin", [
    ("In the district as a whole, the district military administration counts about 9,400 "
     "displaced people.", "9,400", "district-military-administration"),
    ("So far 210 families have been rehoused, according to the housing department.", "210",
     "housing-department"),
    ("The regional health department said 35 clinics had reopened.", "35",
     "regional-health-department"),
])
def test_an_authority_described_in_lower_case(text, term, origin):
    assert origins(text)[term] == origin


def test_a_bare_plural_is_still_no_source():
    assert origins("In May garrison courts heard 300 cases.")["300"] is None


@pytest.mark.parametrize("text, term, origin, kind", [
    ("About 40,000 households lost power, according to the regional energy company.",
     "40,000", "regional-energy-company", "company"),
    ("About 40,000 homes lost power, the grid operator said.", "40,000", "grid-operator",
     "company"),
    ("Trains were delayed by up to 6 hours, the state railway said.", "6",
     "state-railway", "company"),
    ("Satellite images taken by the commercial provider OrbitSense show three scorched areas.",
     "three", "orbitsense", "company"),
    ("About 40 homes were damaged, according to the emergency services.", "40",
     "emergency-services", "government"),
])
def test_a_company_speaking_of_its_operations(text, term, origin, kind):
    """A business (an energy company on outages, a railway, a grid operator) is a source
    of kind company, proposed under its description or its name."""
    from credgraph.draft.drafting import draft_text

    draft = draft_text(text, report_id="r1", outlet="The Riverside Courier")
    found = {m.figure.term: m.attribution.origin.id for m in draft.report.mentions}
    assert found[term] == origin
    assert {p.id: p.kind for p in draft.sources}[origin] == kind
