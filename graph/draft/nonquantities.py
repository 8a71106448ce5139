"""Spans of a text that hold no quantity, found on the raw text before its numbers are read.

:func:`excluded_spans` finds dates (``2024-03-05``, ``5.3.2024``), times of day (``10:30``,
``at six in the morning``), addresses and tags, phone numbers (``+380 44 123 4567``, ``0 800
300 525``), model and calibre names (``T-72``, ``Su-25``, ``152mm``), page and slide counters,
ages (``aged 24``, ``a 19-year-old``), labels (``No. 41``, ``Issue 57``, ``v2.4``), spans of
time (``two years ago``, ``a 3-month period``), fiscal years (``2023-24``), a citation's
volume, issue and DOI (``vol. 41, issue 6``), hotlines (``the 1551 hotline``) and a wire's
exchange-rate note (``($1 = 90.2 rubles)``); :mod:`.numbers` reads no number inside one.

>>> excluded_spans("On 2024-03-05 at 10:30, call +380 44 123 4567 about the T-72.")
[(3, 13), (17, 22), (29, 45), (56, 60)]
>>> [m for m in ("call 8-800-100-41-17", "the 1551 city hotline", "Review, vol. 41, issue 6",
...              "DOI: 10.4054/DR.2027.41.6", "($1 = 90.2 rubles)", "segment 3 of 7")
...  if not excluded_spans(m)]
[]
>>> excluded_spans("between 7,000-15,000 troops"), excluded_spans("In 2023, 41 died")
([], [])
"""

from __future__ import annotations

import re

__all__ = ["excluded_spans"]

_EXCLUDE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"   # dates
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?|\b\d{1,2}\s?[ap]\.m\.|\b24/7\b"  # times
    r"|https?://\S+|www\.\S+|[^\s@]{1,64}@[^\s@]{1,255}\.\w+|[@#][\w.]+"                 # addresses, tags
    r"|\+\d[\d\s()-]{6,}\d|\b(?:tel|phone|fax)\.?:?\s*[\d\s()+-]{6,}|\b0\d{0,4}(?: \d{2,4}){2,}\b"  # phones
    r"|(?-i:\b[A-Z][A-Za-z]{0,5}-\d+[A-Za-z]*\b|\b\d+[A-Z]+\d+[A-Z]*\b)"  # T-72, Su-25, 3M14
    r"|\b\d+(?:\.\d+)?\s?-?mm\b|\bcovid-19\b|\b\d+\s+min(?:ute)?s?\s+read\b"
    r"|\b(?:page|slide|photo|image|picture|part|episode|segment|section|chapter)\s+\d+\s*"
    r"(?:of|/)\s*\d+\b"  # Slide 1 of 8, segment 3 of 7
    r"|\b\d{1,4}(?:-\d{2,4}){3,}\b"  # a phone number in groups: 8-800-100-41-17
    r"|\b\d{3,5}\s+(?:[a-z]+\s+)?(?:hotline|helpline|call cent(?:re|er))\b"  # the 1551 hotline
    r"|\bround\s+\d+\s+of\s+(?:its|the|their|a)\b"  # a survey's round 21 of its survey
    r"|\bdoi:\s*\S+|,\s*(?:vol\.|volume|issue|no\.|pp?\.)\s?\d+(?:[-–]\d+)?"  # a citation
    r"|(?:[$€£]|\b(?:USD|EUR)\s?)1\s*=\s*[\d.,]+\s*[a-z]+"  # a wire's note: ($1 = 90.2 rubles)
    r"|©\s*\d{4}|\b\d+-year-old\b|\b\d+\s+years?\s+old\b|\b\w{1,40}-(?:storey|story|floor|room|seat|lane|kilometre|kilometer|km|metre|meter|mile)\b"
    r"|\baged\s+(?:between\s+)?\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*|(?-i:\bNos?\.\s?\d+)|\bage\s+from\s+\d+\s+to\s+\d+\b|\b(?:youngest|oldest)\s+(?:is|was)\s+\d+\b|\((?:over|under|aged)\s+\d+\)"  # No. 41; ages
    r"|\b[\w-]{1,40}\s+(?:days?|weeks?|months?|years?)\s+ago\b|(?<=[a-z] )in\s+(?:two|three|four|five|"
    r"six|seven|eight|nine|ten|\d{1,2})\s+(?:years|months|weeks)\b"  # time: "two in three years"
    r"|\b[\w-]{1,40}-(?:day|week|month|year)\s+(?:period|window|span|stretch)\b|\bappeal\w*\s+(?:[\w-]+\s+){0,6}?within\s+[\w-]+\s+(?:days|weeks|months)\b"  # "a 3-month period", an appeal's time limit
    r"|\bat\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?:o['’]clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b"  # time of day
    r"|(?:^|(?<=\n)|(?<=[.!?] ))[\w-]{1,40}\s+(?:years?|months?|weeks?)\s+(?:into|after)\s+the\b"  # when
    r"|(?-i:\bv\d+(?:\.\d+)+\b)|\bversion\s+\d+(?:\.\d+)+\b|(?-i:\b(?:Issue|Vol\.|Volume|Edition|Episode|No)\s+\d+\b)|\b(?:19|20)\d{2}[-–/]\d{2}\b(?![-–/.]?\d)",  # v2.4, version 4.1, Issue 57, 2023-24
    re.I)


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates, times, addresses, tags, phones, models, calibres, ages: no quantities."""
    return [m.span() for m in _EXCLUDE.finditer(text)]
