"""Numbers as written, and the numbers that are not quantities."""

from decimal import Decimal, Decimal as D

import pytest

from credgraph.draft.figures import find_figures
from credgraph.draft.numbers import find_numbers
from credgraph.draft.passages import Passages
from credgraph.draft.tokens import tokenize


def numbers(text):
    doc = tokenize(text)
    return [(doc[n.start:n.end].text, n.value, n.min, n.max, n.kind) for n in find_numbers(doc)]


@pytest.mark.parametrize("text, value, low, high, kind", [
    ("18,000 servicemen", D(18000), None, None, "count"),
    ("2,076 cases", D(2076), None, None, "count"),
    ("2076 criminal cases", D(2076), None, None, "count"),
    ("1.5 million people", D(1500000), None, None, "count"),
    ("12k troops", D(12000), None, None, "count"),
    ("$1.2bn in aid", D(1200000000), None, None, "count"),
    ("twelve soldiers", D(12), None, None, "count"),
    ("two hundred and fifty men", D(250), None, None, "count"),
    ("twenty-five men", D(25), None, None, "count"),
    ("six and a half years", D("6.5"), None, None, "count"),
    ("a dozen men", D(12), None, None, "count"),
    ("dozens of men", None, D(24), D(99), "vague"),
    ("hundreds of soldiers", None, D(200), D(999), "vague"),
    ("Hundred of soldiers refused", None, D(200), D(999), "vague"),
    ("several hundred soldiers", None, D(200), D(999), "vague"),
    ("several thousand recruits", None, D(2000), D(9999), "vague"),
    ("a few million roubles", None, D(2000000), D(9999999), "vague"),
    ("several dozen sappers", None, D(24), D(99), "vague"),
    ("thousands of civilians", None, D(2000), D(99999), "vague"),
    ("tens of thousands of troops", None, D(20000), D(99999), "vague"),
    ("89% of them", D(89), None, None, "percent"),
    ("89 percent of them", D(89), None, None, "percent"),
    ("15 per cent more", D(15), None, None, "percent"),
    ("half of the vehicles", D(50), None, None, "fraction"),
    ("one-third of its force", D("33.3"), None, None, "fraction"),
    ("a quarter of the soldiers", D(25), None, None, "fraction"),
    ("two thirds of them", D("66.7"), None, None, "fraction"),
    ("one in five of the dead", D(20), None, None, "fraction"),
    ("seven out of ten soldiers", D(70), None, None, "fraction"),
    ("the majority did not return", D(50), None, None, "fraction"),
    ("double the number", D(2), None, None, "times"),
    ("it almost doubled", D(2), None, None, "times"),
    ("three times higher", D(3), None, None, "times"),
    ("tenfold", D(10), None, None, "times"),
    ("a 10-fold rise", D(10), None, None, "times"),
])
def test_quantities(text, value, low, high, kind):
    (_t, v, lo, hi, k), = numbers(text)
    assert (v, lo, hi, k) == (value, low, high, kind)


@pytest.mark.parametrize("text", [
    "in 2023 and 2022", "since 1991", "on March 5, 2023", "22 November", "November 22",
    "at 11:30 a.m.", "at 5 p.m.", "the 155th brigade", "the 58th Combined Arms Army",
    "a 22-year-old soldier", "aged 24, 27 and 31", "The soldier, 29, left", "Olga Rudneva, 42, who",
    "Pavel (a pseudonym), 27, served", "Irina (name changed), 54, lives",
    "they call at four in the morning", "Two years into the war, it",
    "Five months after the decree, the", "Ten facts. Four weeks into the campaign,", "the shelling began at 5 o'clock", "at ten at night",
    "1-9 Field Artillery", "Article 338 of the Criminal Code", "155mm shells", "T-72 tanks",
    "call +7 000 123 45 67", "it works 24/7", "see https://example.org/2024/05", "#2024",
    "1 min read", "Page 1 of 1", "© 2024 Example", "2022-02-24", "one of the soldiers",
    "One of the three was fined", "Ten facts about the war",
    "a nine-storey block", "a two-room flat", "may appeal the ruling within 10 days",  # round 6
    "raised the retirement age from 60 to 65", "The oldest was 71.", "Pensioners (over 65) were",
])
def test_not_quantities(text):
    assert numbers(text) == []


@pytest.mark.parametrize("text, expected", [  # round 7: labels, versions, spans of years
    ("Release v2.4 of the tracker lists 900 names.", [("900", D(900))]),
    ("Version 4.1 of the map adds 35 sites; version 3.2 had 20.", [("35", D(35)), ("20", D(20))]),
    ("WEEKLY NOTES | Issue 57 | 40 regions pay bonuses.", [("40", D(40))]),
    ("Recruited in 2023-24, 500 men had died.", [("500", D(500))]),
    ("Residents left the 5-kilometre zone; 300 stayed.", [("300", D(300))]),
    ("Budgets spent 2.3 trillion roubles.", [("2.3 trillion", D("2300000000000"))]),
    ("A 0.5tn rouble hole.", [("0.5tn", D("500000000000"))]),
    ("Losses ran at about 3.5:1 in May.", [("3.5:1", D("3.5"))]),
    # not a label: a count after a lower-case word, a number after "version" without a decimal
    ("The agencies issue 40 permits a day.", [("40", D(40))]),
    ("The second version 3 weeks later had 12 errors.", [("3", D(3)), ("12", D(12))]),
])
def test_labels_versions_and_years_are_no_quantities(text, expected):
    assert [(t, v) for t, v, _lo, _hi, _k in numbers(text)] == expected


# Round 10, class 5: a key figure written with a capital scale letter (``7.3M people in
# need``, ``450K displaced``) is one figure, not a bare number.

@pytest.mark.parametrize("text, value", [
    ("KEY FIGURES\n\n7.3M people in need\n", Decimal("7300000")),
    ("450K displaced people\n", Decimal("450000")),
    ("A plan of US$1.6B was launched.", Decimal("1600000000")),
    ("Only 7.3 M was found.", Decimal("7.3")),  # a letter after a space is no scale
])
def test_a_capital_scale_letter(text, value):
    figures = find_figures(tokenize(text), Passages(text), [])
    assert figures[0].value == value


# Round 11, class 6: a phone number in a national format (a leading zero, groups of
# digits: ``0 800 500 225``, ``044 281 62 00``) is no figure; a zero that counts still is.

def values(text):
    return [n.value for n in find_numbers(tokenize(text))]


@pytest.mark.parametrize("text", [
    "Relatives can ring the free line on 0 800 500 225 around the clock.",
    "The centre's number is 044 281 62 00.",
    "For help, dial 0800 21 44 44 or write to the office.",
])
def test_a_national_phone_number_is_no_figure(text):
    assert values(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The unit lost 0 vehicles and 12 men.", [0, 12]),
    ("Between 0 and 300 people were evacuated.", [0, 300]),
])
def test_counts_with_a_zero_stay(text, expected):
    assert values(text) == expected


# Round 12: money's lower-case scale letter after a currency sign (``$610m``, ``£3k``) is one
# figure; a bare ``12m`` may be metres and stays 12.

@pytest.mark.parametrize("text, value", [
    ("a grant of $610m for drones", D(610_000_000)),
    ("about €2.5m a year", D(2_500_000)),
    ("£3k each", D(3000)),
    ("a 12m drop", D(12)),
])
def test_moneys_scale_letter(text, value):
    assert [n.value for n in find_numbers(tokenize(text))] == [value]


@pytest.mark.parametrize("text, expected", [
    # a number word in capitals among words that are not is a name (an agency called TEN)
    ("KYIV, March 12 (TEN) - Russia sent 146 drones.", ["146"]),
    ("TEN could not verify the claims.", []),
    ("TEN KILLED IN STRIKE", ["TEN"]),  # a line of capitals
    ("The court gave him TWO years.", ["TWO"]),  # emphasis before its counted noun
])
def test_a_number_word_in_capitals(text, expected):
    assert [t for t, *_rest in numbers(text)] == expected
