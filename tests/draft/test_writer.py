"""The YAML writer and the registry append."""

import pytest
from hypothesis import given, strategies as st

from credgraph.draft.records import DraftInputError, ProposedSource, TimeRef
from credgraph.draft.writer import append_sources, scalar, time_fields
from credgraph.located_yaml import parse_yaml

NEW = [ProposedSource("verstka", "Verstka", "news-outlet", False,
                      "Added by credgraph draft from a.txt; awaits review.", ("news site Verstka",))]


@pytest.mark.parametrize("ref, fields", [
    (TimeRef("period", "2023", "2023", "year", "in 2023"), {"period": {"start": "2023", "end": "2023"}}),
    (TimeRef("period", "2024-02", "2024-02", "month", "in February"),
     {"period": {"start": "2024-02", "end": "2024-02"}}),
    (TimeRef("as_of", None, "2023-11-21", "day", "as of 21 November"), {"as_of": "2023-11-21"}),
    (TimeRef("as_of", "2022-02-24", "2024-03-04", "day", "since the invasion"),
     {"as_of": "2024-03-04", "since": "2022-02-24"}),
    (TimeRef("as_of", "2022-02-24", None, "day", "since the invasion"),
     {"period": {"start": "2022-02-24", "end": None}}),
    (TimeRef("rate", "2023-09", "2023-11", "month", "a day from September", per="day"),
     {"period": {"start": "2023-09", "end": "2023-11"}, "rate": {"per": "day"}}),
    (TimeRef("period", "2024-05", "2024-02", "month", "from May to February"), {}),
    (TimeRef("none"), {}),
    (TimeRef("as_of", None, None, None, "so far"), {}),
])
def test_time_fields_keep_the_texts_precision(ref, fields, tmp_path):
    """The fields written are the time the text gives, no finer, and read back as written."""
    from credgraph.figure_reader import read_figure
    from credgraph.measures import builtin_measures
    from credgraph.reader import FieldReader
    from credgraph.draft.writer import time_reference

    written, notes = time_fields(ref)
    assert written == fields
    if not fields and ref.kind != "none":
        assert notes, "a time that cannot be written is said"
    errors: list = []
    data = {"measure": "deserters", "value": 1, "unit": "people", "subject": "x", **written}
    figure = read_figure(FieldReader(data, "t.yaml", "figure", errors, 1), builtin_measures())
    assert not errors
    assert figure.time == time_reference(ref)[0]


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
