"""Time references at the precision the text gives."""

import re
from datetime import date

import pytest

from credgraph.draft.timeref import find_time_refs, time_for

TODAY = date(2024, 5, 17)


@pytest.mark.parametrize("text, kind, start, end, precision, per", [
    ("in the first six months of 2023", "period", "2023-01", "2023-06", "month", None),
    ("in the first half of 2024", "period", "2024-01", "2024-06", "month", None),
    ("in the third quarter of 2023", "period", "2023-07", "2023-09", "month", None),
    ("from September to November 2023", "period", "2023-09", "2023-11", "month", None),
    ("between July and December 2024", "period", "2024-07", "2024-12", "month", None),
    ("from December 2022 to March 2023", "period", "2022-12", "2023-03", "month", None),
    ("June-August 2023", "period", "2023-06", "2023-08", "month", None),
    ("in 2023 alone", "period", "2023", "2023", "year", None),
    ("in May 2022", "period", "2022-05", "2022-05", "month", None),
    ("in May", "period", "2024-05", "2024-05", "month", None),
    ("in December", "period", "2023-12", "2023-12", "month", None),
    ("since April", "as_of", "2024-04", "2024-05-17", "day", None),
    ("since September 2022", "as_of", "2022-09", "2024-05-17", "day", None),
    ("since 2022", "as_of", "2022", "2024-05-17", "day", None),
    ("since the start of the war", "as_of", "2022-02-24", "2024-05-17", "day", None),
    ("since the start of mobilisation", "as_of", "2022-09-21", "2024-05-17", "day", None),
    ("so far", "as_of", None, "2024-05-17", "day", None),
    ("to date", "as_of", None, "2024-05-17", "day", None),
    ("as of 21 November 2023", "as_of", None, "2023-11-21", "day", None),
    ("as of 1 November", "as_of", None, "2023-11-01", "day", None),
    ("by October 20", "as_of", None, "2023-10-20", "day", None),
    ("last year", "period", "2023", "2023", "year", None),
    ("this year", "period", "2024", "2024", "year", None),
    ("in the spring", "period", "2024-03", "2024-05", "month", None),
    ("over the past week", "period", "2024-05-10", "2024-05-17", "day", None),
    ("per day", "rate", None, None, None, "day"),
    ("every month", "rate", None, None, None, "month"),
    ("on a daily basis", "rate", None, None, None, "day"),
    ("the 2,100 cases of 2022", "period", "2022", "2022", "year", None),
    ("in all of 2022", "period", "2022", "2022", "year", None),
    ("for the whole of 2022", "period", "2022", "2022", "year", None),
    ("2022's total", "period", "2022", "2022", "year", None),
    ("in March of 2022", "period", "2022-03", "2022-03", "month", None),
    ("by the end of 2026", "as_of", None, "2026-12-31", "day", None),
    ("at the end of 2025", "as_of", None, "2025-12-31", "day", None),
    ("by the start of 2026", "as_of", None, "2026-01-01", "day", None),
    ("since the beginning of 2024", "as_of", "2024", "2024-05-17", "day", None),
    ("between 1 and 21 March", "period", "2024-03-01", "2024-03-21", "day", None),
    ("on the night of 18-19 January", "period", "2024-01-18", "2024-01-19", "day", None),
    ("from 3 to 9 June 2023", "period", "2023-06-03", "2023-06-09", "day", None),
    ("March 1-21, 2023", "period", "2023-03-01", "2023-03-21", "day", None),
    # counted from the report's date (TODAY is a Friday)
    ("destroyed 41 drones overnight", "period", "2024-05-16", "2024-05-17", "day", None),
    ("during the night", "period", "2024-05-16", "2024-05-17", "day", None),
    ("killed two people yesterday", "period", "2024-05-16", "2024-05-16", "day", None),
    ("entered Poland on Wednesday", "period", "2024-05-15", "2024-05-15", "day", None),
    ("stood outside the ministry on Friday", "period", "2024-05-17", "2024-05-17", "day", None),
    ("sentenced last Friday", "period", "2024-05-10", "2024-05-10", "day", None),
    ("knocked out a fifth of capacity this spring", "period", "2024-03", "2024-05", "month", None),
])
def test_time_reference(text, kind, start, end, precision, per):
    (ref,) = find_time_refs(text, TODAY)
    assert (ref.kind, ref.start, ref.end, ref.precision, ref.per) == (
        kind, start, end, precision, per)


@pytest.mark.parametrize("text", [
    "three times the number in 2021", "compared with 2022", "than in the same period of 2023",
    "a daily intelligence update", "for more than a year", "it works 24/7",
    "since 31 June 2023", "as of 45 March 2024",
    # a part of a year read whole or not at all, never as the whole year
    "the autumn of 2023", "the remainder of 2024", "the rest of 2025", "up 38% on the same period of 2026",
    "recruited in 2022-23", "on 30-31 February", "between 450 and 500 men",
    # the day a statement was made is not what its figure counts
    "HUR said on Tuesday that", "a senior official told reporters on Monday",
    "in a statement on its website on Monday", "the governor said yesterday",
])
def test_not_the_figures_time(text):
    assert find_time_refs(text, TODAY) == []


def test_a_day_word_without_the_report_date_says_so():
    (ref,) = find_time_refs("shot down 41 drones overnight", None)
    assert ref.start is None and "report's date" in ref.note


def test_absurd_spans_give_no_date():
    (ref,) = find_time_refs("in the past 999999 years", TODAY)
    assert ref.start is None and ref.end is None


def test_no_year_and_no_report_date_says_so():
    (ref,) = find_time_refs("since April", None)
    assert ref.start is None and "year is not given" in ref.note


def test_a_month_takes_the_year_named_before_it_without_a_report_date():
    (_y, ref) = find_time_refs("In 2022 it began. Since April it grew.", None)
    assert ref.start == "2022-04" and "taken from the last year" in ref.note


def test_the_nearest_reference_wins_and_a_rate_takes_its_window():
    text = "1,450 troops per day in November 2023, against 900 in 2022"
    refs = find_time_refs(text, TODAY)
    ref = time_for(refs, 0, 5, [(46, 49)])
    assert (ref.kind, ref.per, ref.start, ref.end) == ("rate", "day", "2023-11", "2023-11")


@pytest.mark.parametrize("text, start, end", [
    # a window counted from an event: its length is part of the time, not a figure
    ("in the two weeks after the announcement", None, None),
    ("within the 48 hours after the strike", None, None),
    ("during the first three days following his arrest", None, None),
    ("in the ten days after the mobilisation", "2022-09-21", "2022-09-30"),
    ("in the three months since the invasion", "2022-02-24", "2022-05-24"),
])
def test_a_window_after_an_event(text, start, end):
    (ref,) = find_time_refs(text, TODAY)
    assert (ref.kind, ref.start, ref.end) == ("period", start, end)
    assert ref.note


def test_a_window_hides_its_length_from_the_figures():
    from credgraph.draft.figures import find_figures
    from credgraph.draft.passages import Passages
    from credgraph.draft.tokens import tokenize

    text = "Some 9,000 men left in the two weeks after the announcement."
    found = find_figures(tokenize(text), Passages(text), find_time_refs(text))
    assert [f.term for f in found] == ["9,000"]


def test_the_first_months_of_the_war_stay_a_figure_of_duration():
    refs = find_time_refs("during the first five months of the war", TODAY)
    assert not [r for r in refs if "five" in (r.phrase or "")]


@pytest.mark.parametrize("text, figure, expected", [
    # the time right after a comparison's base is the base's, not the figure's
    ("The bonus has risen to 1.4 million rubles, from about 400,000 at the start of 2024.",
     "1.4 million", None),
    ("The bonus has risen to 1.4 million rubles, from about 400,000 at the start of 2024.",
     "400,000", "2024-01-01"),
    ("That is 128,230 in total, up from roughly 89,000 in 2025.", "128,230", None),
    ("Only 9 defendants got a suspended sentence, against 40 in October.", "9", None),
    ("That is roughly double the 2,100 cases of 2022.", "double", None),
    ("That is roughly double the 2,100 cases of 2022.", "2,100", "2022"),
    # but not after a qualifier's "than", nor across coordinated figures of one period
    ("In May more than 300 men deserted and 200 were caught.", "200", "2024-05"),
    ("Between January and April, 300 men deserted and more than 200 were caught.", "300",
     "2024-04"),
    # a time in the figure's own clause wins over a nearer one in another clause
    ("It fell to 262,000 by the start of 2026, and at least 100,000 were sent to the front "
     "since 2022.", "100,000", "2024-05-17"),
    ("In 2023 the network opened about 150 cases; in 2024 it was more than 250.", "150",
     "2023"),
])
def test_which_time_is_the_figures(text, figure, expected):
    refs = find_time_refs(text, TODAY)
    start = text.index(figure)
    others = [m.span() for m in re.finditer(r"\b\d[\d,.]*(?: million)?", text)
              if m.start() != start and not re.fullmatch(r"(?:19|20)\d\d", m.group())]
    ref = time_for(refs, start, start + len(figure), others, text)
    assert ref.end == expected
