"""The audit on a terminal: fits the width, cuts no word, explains itself."""

import io
import re

import pytest

from credgraph.checks import load_builtin_checks
from credgraph.cli import main
from credgraph.terminal import SHOWN_FIRST, summary_words, terminal_report


def _printed(result, width: int) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(terminal_report(result, width))
    return console.export_text()


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_report_fits_the_width_and_cuts_no_flag(seed_audit, width):
    text = _printed(seed_audit, width)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width
    words = set(re.findall(r"[\w-]+", text))
    shown = {f.check for fig in seed_audit.figures for f in fig.findings}
    assert shown <= words, "a flag name was cut"
    tokens = set(re.findall(r"[A-Za-z0-9]+", text))
    for fig in seed_audit.figures:  # an id is broken only at its hyphens
        assert set(fig.id.split("-")) <= tokens, fig.id


def test_the_first_figures_are_the_most_urgent_with_their_verdicts(seed_audit):
    text = _printed(seed_audit, 100)
    first = text.split("Look at these first", 1)[1].split("All ", 1)[0]
    ranked = sorted(seed_audit.figures, key=lambda f: (-f.priority, f.id))[:SHOWN_FIRST]
    places = [first.index(f"{f.id}:") for f in ranked]
    assert places == sorted(places)
    assert "Grades (Admiralty code)" in text and "audit.md" in text
    for check in load_builtin_checks().values():
        if any(f.check == check.name for fig in seed_audit.figures for f in fig.findings):
            assert check.description.split()[0] in text


def test_the_summary_is_words_with_plurals_right(seed_audit):
    from credgraph.api import audit

    words = summary_words(seed_audit)
    assert "{" not in words and "(s)" not in words
    one = summary_words(audit(claims=["hur-southern-district-deserters"]))
    assert one.startswith("1 claim in 1 report (1 with a number):") and "1 rests on" in one


def test_no_count_is_written_with_a_bracketed_plural(seed_audit, capsys):
    assert main(["audit", "--format", "markdown"]) == 0
    assert main(["audit"]) == 0
    assert "(s)" not in capsys.readouterr().out


def test_fail_on_says_why_it_exits_1(capsys):
    assert main(["audit", "--fail-on", "error"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert re.search(r"exit 1: \d+ findings at error or above \(--fail-on error\), in \d+ "
                     r"figures", err)


def test_a_clean_audit_exits_0_with_fail_on(capsys):
    assert main(["audit", "--fail-on", "error", "--check", "computed-figure"]) == 0
    assert "exit 1" not in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_reports_draw_each_chain_once(seed_audit, fmt):
    from credgraph.render import render

    text = render(seed_audit, fmt)
    for section in re.split(r"\n## |<section ", text)[1:]:
        chains = re.findall(r"^- (.+ -> .+)$", section, re.M) if fmt == "markdown" else \
            re.findall(r"<li>([^<]+ -&gt; [^<]+)</li>", section)
        assert len(chains) == len(set(chains)), section[:80]
