"""References across report files: every broken one reported, close names suggested for
the first few, and a corpus cut in the middle (thousands of broken references) checked in
about the time it takes to read it."""

from __future__ import annotations

import pytest

from credgraph.model import DateSpan, Mention, Report
from credgraph.references import SUGGESTED, References


def _report(rid: str, *mentions: Mention) -> Report:
    return Report(rid, "article", "outlet", "t", DateSpan(None, None, "unknown"), mentions)


def _refs(*reports: Report) -> References:
    refs = References()
    for report in reports:
        refs.add(report, {m.key: (f"reports/{report.id}.yaml", 3) for m in report.mentions})
    return refs


@pytest.mark.parametrize("target, expected", [
    ("wire#m3", ["wire#m2", "wire#m1"]),    # a report of the corpus: its mentions
    ("wirf#m1", ["wire#m1", "wire#m2"]),    # a report named like one: its mentions
    ("zzzzzzzz#m9", []),                    # nothing close
])
def test_relay_suggestions(target, expected):
    refs = _refs(_report("wire", Mention("wire", "m1", "c1", "s"), Mention("wire", "m2", "c2", "s")),
                 _report("relay", Mention("relay", "m1", "c1", "s", relays=target)))
    errors = []
    refs.check(errors)
    (error,) = errors
    assert error.field == "mentions[m1].relays" and error.line == 3
    assert error.path == "reports/relay.yaml"
    assert sorted(error.suggestions) == sorted(expected)


@pytest.mark.parametrize("field", ["relays", "disputes"])
def test_a_cut_corpus_lists_every_broken_reference(field):
    """Half the reports gone: each broken reference is an error with its file and line;
    only the first ones carry suggestions (finding close names for each of thousands would
    compare each with every key)."""
    broken = 3 * SUGGESTED
    reports = [_report(f"r{i}", Mention(f"r{i}", "m1", f"c{i}", "s")) for i in range(broken)]
    reports += [_report(f"x{i}", Mention(f"x{i}", "m1", f"d{i}", "s", **(
        {"relays": f"r{i}x#m1"} if field == "relays" else {"disputes": f"c{i}x"})))
        for i in range(broken)]
    errors = []
    _refs(*reports).check(errors)
    assert len(errors) == broken
    assert [e.path for e in errors] == [f"reports/x{i}.yaml" for i in range(broken)]
    assert all(e.field == f"mentions[m1].{field}" for e in errors)
    assert all(e.suggestions for e in errors[:SUGGESTED])
    assert not any(e.suggestions for e in errors[SUGGESTED:])
