"""parse_yaml's own construction gives what PyYAML's safe construction gave, lines included."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from credgraph.errors import AnnotationError
from credgraph.located_yaml import _Loader, parse_yaml

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False, allow_infinity=False),
                     st.text(max_size=12), st.dates().map(str),
                     st.sampled_from(["yes", "no", "on", "~", "0x1F", "1_000", "2024-02-30",
                                      "1:30", ".inf", "-.nan", "", "null", "'quoted'"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)), max_leaves=20)


def _old(text: str):
    """PyYAML's own construction with the same loader: the reference."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def _lines(value):
    """Every mapping's line and key lines, depth first."""
    if isinstance(value, dict):
        return [(getattr(value, "line", None), getattr(value, "key_lines", None))] + [
            x for v in value.values() for x in _lines(v)]
    if isinstance(value, list):
        return [x for v in value for x in _lines(v)]
    return []


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True  # NaN
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    same_type = type(a) is type(b) or (type(b) is float and isinstance(a, float))  # it keeps its text
    return same_type and a == b


@settings(max_examples=300, deadline=None)
@given(_values, st.sampled_from([None, True]))
def test_same_values_and_lines_as_pyyaml(value, flow):
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    old, new = _old(text), parse_yaml(text, "t.yaml")
    assert _same(new, old) and _lines(new) == _lines(old)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:-[]{}&*!?,#'\"\n 1.~<=", max_size=40))
def test_malformed_text_fails_the_same_way(text):
    try:
        old = _old(text)
    except yaml.YAMLError:
        with pytest.raises(AnnotationError, match="not valid YAML"):
            parse_yaml(text, "t.yaml")
        return
    new = parse_yaml(text, "t.yaml")
    assert _same(new, old) and _lines(new) == _lines(old)


@pytest.mark.parametrize("text, problem", [
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("? [1, 2]\n: x\n", "a key must be a plain word"),
    ("a: [1\n", "not valid YAML"),
    ("--- 1\n--- 2\n", "not valid YAML"),
])
def test_problems_are_located(text, problem):
    with pytest.raises(AnnotationError, match=problem.replace("[", r"\[")) as caught:
        parse_yaml(text, "t.yaml")
    assert caught.value.path == "t.yaml"


def test_aliases_share_one_object_and_merge_keys_work():
    data = parse_yaml("base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n", "t.yaml")
    assert data["use"] is data["base"] and data["merged"] == {"x": 1, "y": 2}
    assert parse_yaml("!!set {a, b}\n", "t.yaml") == {"a", "b"}
    assert parse_yaml("", "t.yaml") is None
    assert parse_yaml("=: 1\n", "t.yaml") == {"=": 1}  # found by Hypothesis: "=" is a key
