"""tables.py: a table's cells are read with their column's header and the voice of the text
announcing the table; its rows are no headings."""

import pytest

from credgraph.draft.passages import Passages
from credgraph.draft.tables import find_tables
from tests.draft.chain_reading import drafted

STORY = ("Most schools near the front lack a shelter, data show\n\nHarbour Lines | 2 May 2030\n\n"
         "Only 120 of 400 schools in Kharkiv region have a shelter, according to data the "
         "Ministry of Education gave Harbour Lines.\n\n"
         "The figures, as of 1 April, cover state schools. The table shows them by region, with "
         "our calculation of the share.\n\n"
         "Region | Schools | With shelter | Share with shelter\n"
         "Kharkiv | 400 | 120 | 30%\n"
         "Sumy | 250 | 100 | 40%\n"
         "Total | 650 | 220 | 34%\n\n"
         "The ministry told Harbour Lines that 60 more shelters are being built.")


def test_a_tables_cells_have_their_columns_noun_and_the_announcing_voice():
    found = [(t, o) for t, o, _v, _h in drafted(STORY, "Harbour Lines")]
    cells = found[2:11]
    assert [t for t, _o in cells] == ["400", "120", "30%", "250", "100", "40%", "650", "220",
                                      "34%"]
    ministry = {o for t, o in cells if not t.endswith("%")}
    assert ministry == {"ministry-of-education"}
    assert {o for t, o in cells if t.endswith("%")} == {"harbour-lines"}  # its own arithmetic
    assert found[-1] == ("60", "ministry-of-education")  # "the ministry" is the one named


def test_a_tables_rows_are_no_headings():
    passages = Passages(STORY)
    (table,) = passages.tables
    rows = [k for k, (s, e) in enumerate(passages.sentences) if table.start <= s < table.end]
    assert rows and not any(passages.is_heading(k) for k in rows)


@pytest.mark.parametrize("text", [
    "Harbour Lines | Data | 19 March 2030\n\nThe text.",  # a masthead is no table
    "A | B\nC | D",  # two lines are no table
    "Kharkiv | 400 | 120\nSumy | 250 | 100\nTotal | 650 | 220",  # no header line
])
def test_no_table(text):
    assert find_tables(text) == []
