"""A report read a mention at a time gives the values, lines and errors the whole-file read
gives (credgraph.report_stream)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credgraph.errors import AnnotationError
from credgraph.report_stream import report_yaml

_WORD = st.text("abcdefghij -", min_size=1, max_size=12).map(lambda w: w.strip(" -")).filter(bool)
_SCALAR = st.one_of(_WORD, st.integers(-10**6, 10**6), st.sampled_from(
    ["18.000", "1e3", "2023-05-01", "null", "yes", "'quoted: text'", '"x # y"', "~"]))


def _item(draw_fields, flow: bool) -> str:
    if flow:
        return "  - {" + ", ".join(f"{k}: {v}" for k, v in draw_fields) + "}\n"
    lines = [f"    {k}: {v}\n" for k, v in draw_fields]
    return "  - " + "".join(lines)[4:]


@st.composite
def reports(draw):
    """Report texts in the styles annotators write: flow or block mentions, nested figures,
    comments, header fields before and after the mentions."""
    head = [("id", "r1"), ("kind", "article"), ("title", draw(_WORD))]
    items = []
    for index in range(draw(st.integers(0, 6))):
        fields = [("id", f"m{index}"), ("claim", draw(_WORD).replace(" ", "-") or "c")]
        fields += [(f"k{j}", draw(_SCALAR)) for j in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            fields.append(("figure", "{value: %s, unit: cases}" % draw(st.integers(0, 99999))))
        items.append(_item(fields, draw(st.booleans())))
    tail = [("url", "https://example.org/a")] if draw(st.booleans()) else []
    comment = "# a comment\n" if draw(st.booleans()) else ""
    body = "".join(items) if items else ""
    mentions = "mentions:\n" + body if items else "mentions: []\n"
    return (comment + "".join(f"{k}: {v}\n" for k, v in head) + mentions
            + "".join(f"{k}: {v}\n" for k, v in tail))


def _read(text: str, stream: bool):
    """The values, lines and key lines read, or the error (an invalid text is read as
    invalid both ways)."""
    try:
        header, mentions = report_yaml(text, "r1.yaml", stream=stream)
        items = [(dict(m), m.line, dict(m.key_lines)) for m in mentions]
    except AnnotationError as err:
        return str(err)
    return dict(header), header.line, dict(header.key_lines), items


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_streamed_is_the_whole_read(text):
    assert _read(text, True) == _read(text, False)


@pytest.mark.parametrize("text", [
    "id: r1\nmentions:\n  - &a {id: m1, claim: c1}\n  - *a\n",           # anchors inside
    "id: r1\nx: &h {a: 1}\nmentions:\n  - {id: m1, claim: c1, h: *h}\n",  # alias to the header
    "mentions:\n  - {id: m1}\nmentions:\n  - {id: m2}\n",                 # twice
    "id: r1\nmentions: not a list\n",
    "id: r1\n",                                                            # no mentions
    "id: r1\nmentions: []\n---\nid: r2\n",                                 # two documents
    "<<: {id: r1}\nmentions:\n  - {id: m1}\n",                            # a merge key
])
def test_files_not_of_the_plain_shape_read_whole(text):
    """Each comes back as the whole-file read gives it, or with its error."""
    def outcome(stream):
        try:
            header, mentions = report_yaml(text, "r1.yaml", stream=stream)
            return header, list(mentions)
        except AnnotationError as err:
            return str(err)
    assert outcome(True) == outcome(False)


@pytest.mark.parametrize("text", [
    "id: r1\nmentions:\n  - {id: m1, claim: c1}\n  - {id: m2, claim: [c2}\n",
    "id: r1\nmentions:\n  - {id: m1}\n  - id: m2\n   bad: indent\n",
    "id: r1\ntitle: 'open\nmentions:\n  - {id: m1}\n",
])
def test_a_syntax_error_is_said_at_its_line(text):
    messages = []
    for stream in (True, False):
        with pytest.raises(AnnotationError) as caught:
            header, mentions = report_yaml(text, "r1.yaml", stream=stream)
            list(mentions)
        messages.append((caught.value.line, str(caught.value)))
    assert messages[0] == messages[1]
    assert messages[0][0] is not None and messages[0][0] > 1


def test_only_large_texts_stream_by_default(monkeypatch):
    import credgraph.report_stream as stream

    text = "id: r1\nmentions:\n  - {id: m1, claim: c1}\n"
    _, whole = report_yaml(text, "r1.yaml")
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    _, streamed = report_yaml(text, "r1.yaml")
    assert type(whole).__name__ != type(streamed).__name__ == "generator"
