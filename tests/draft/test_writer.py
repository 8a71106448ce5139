"""The YAML writer and the registry append."""

import pytest
from hypothesis import given, strategies as st

from credgraph.draft.records import DraftInputError, ProposedSource, TimeRef
from credgraph.draft.writer import append_sources, scalar, time_fields
from credgraph.reader import parse_yaml

NEW = [ProposedSource("verstka", "Verstka", "news-outlet", False,
                      "Added by credgraph draft from a.txt; awaits review.", ("news site Verstka",))]


@pytest.mark.parametrize("ref, period", [
    (TimeRef("period", "2023", "2023", "year", "in 2023"), {"start": "2023-01-01", "end": "2023-12-31"}),
    (TimeRef("period", "2024-02", "2024-02", "month", "in February"), {"start": "2024-02-01", "end": "2024-02-29"}),
    (TimeRef("as_of", None, "2023-11-21", "day", "as of 21 November"), {"start": None, "end": "2023-11-21"}),
    (TimeRef("as_of", "2022-02-24", None, "day", "since the invasion"), {"start": "2022-02-24", "end": None}),
    (TimeRef("none"), None),
    (TimeRef("as_of", None, None, None, "so far"), None),
])
def test_time_fields_expand_and_say_so(ref, period):
    written, notes = time_fields(ref)
    assert written == period
    if ref.precision in ("year", "month"):
        assert any("gives" in n for n in notes)


@given(st.text())
def test_scalars_read_back(text):
    assert parse_yaml(f"k: {scalar(text)}\n", "t.yaml")["k"] == text


@pytest.mark.parametrize("existing", [
    "sources:\n  - id: a\n    name: A\n",
    "# registry\nsources:\n- id: a\n  name: A\n# trailing comment",
    "sources:\n  - {id: a, name: A}\n\n  - {id: b, name: B}\n",
    "sources: []\n",
    None,
])
def test_append_keeps_what_the_analyst_wrote(existing):
    text = append_sources(existing, NEW, "sources.yaml", "proposed by credgraph draft")
    if existing and existing != "sources: []\n":
        assert text.startswith(existing.rstrip("\n"))
    data = parse_yaml(text, "sources.yaml")
    assert data["sources"][-1]["id"] == "verstka"
    assert data["sources"][-1]["aliases"] == ["news site Verstka"]


def test_append_refuses_a_layout_it_cannot_extend():
    with pytest.raises(DraftInputError, match="sources.yaml"):
        append_sources("sources:\n  - {id: a}\nother: 1\n", NEW, "sources.yaml", "x")
