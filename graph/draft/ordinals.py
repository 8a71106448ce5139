"""Ordinals: the ones that count, the ones that share, and the ones that only name.

An ordinal is no quantity when it names something: a unit (``the 155th brigade``, ``the
58th Combined Arms Army``), a place in a list or time (``the first quarter``, ``the second
half of 2024``), a rank. Two kinds are figures, and :func:`ordinal_at` reads them:

- an ordinal that **counts** events of a kind, after ``the`` (and perhaps ``at least``,
  which :mod:`.figures` reads as the qualifier): ``at least the 25th conviction`` is 25
  convictions so far, ``the third such refusal`` is three refusals. The noun after it (over
  ``such``, ``known``, ``recorded`` or one adjective) must be an event or a document that can
  be counted (:data:`COUNTED`): a unit name, a list item or a time is not;
- ``for the third time`` counts the times it happened (3 times): ``the soldier refused for
  the third time`` is a soldier's third refusal;
- ``every second`` / ``every third`` / ``every 10th`` before a noun is a **share**: one in
  two (50 percent), one in three, one in ten; not before a unit of time (``every second
  week`` is how often, not how many).

An ordinal after ``the first`` of the same noun (``In the first case ... the second case``)
tells items in turn, and counts nothing; nor does one of a person that opens the sentence
or is described (``The fourth defendant, who ...``). ``first`` does not count (``the first conviction`` says that it is the first, which is seldom
the figure a report is about, and ``the first quarter`` is a time), and an ordinal of more
than 999 is an identifier.

>>> from credgraph.draft.tokens import tokenize
>>> def show(text):
...     doc = tokenize(text)
...     return [(doc[x.start:x.end].text, x.value, x.kind, x.unit) for x in
...             (ordinal_at(doc, i) for i in range(len(doc))) if x]
>>> show("It was at least the 25th conviction this year.")
[('the 25th', Decimal('25'), 'count', 'convictions')]
>>> show("This is the third such refusal in the unit.")
[('the third', Decimal('3'), 'count', 'refusals')]
>>> show("Almost every second call was about wounded men.")
[('every second', Decimal('50'), 'fraction', 'percent')]
>>> show("It was the twenty-fifth desertion case of the year.")
[('the twenty-fifth', Decimal('25'), 'count', 'cases')]
>>> show("He refused for the fourth time in May.")
[('the fourth', Decimal('4'), 'count', 'times')]
>>> show("The 155th brigade lost men every second week in the first quarter.")
[]
>>> show("The 25th Army took the second line; the 3rd case was the first.")
[('the 3rd', Decimal('3'), 'count', 'cases')]
>>> show("In the first case he was fined. In the second case he was jailed.")
[]

What reads them: :func:`credgraph.draft.numbers.find_numbers` asks :func:`ordinal_at` at
every token where no cardinal starts; the figure it returns spans ``the 25th`` or ``every
second``, so a qualifier just before it (``at least the 25th``) is the figure's, and its unit
is the counted noun's plural (``convictions``), which :mod:`.figures` takes as given.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .records import NumberExpr

__all__ = ["ordinal_at", "COUNTED", "SPELLED_ORDINALS"]

SPELLED_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}
"""Spelled-out ordinals from two on (``first`` does not count, see the module's note)."""

_DIGIT_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$", re.I)

COUNTED = {
    "conviction": "convictions", "sentence": "sentences", "verdict": "verdicts",
    "case": "cases", "trial": "trials", "prosecution": "prosecutions",
    "refusal": "refusals", "desertion": "desertions", "escape": "escapes",
    "arrest": "arrests", "detention": "detentions", "acquittal": "acquittals",
    "attempt": "attempts", "incident": "incidents", "complaint": "complaints",
    "appeal": "appeals", "request": "requests", "protest": "protests", "death": "deaths",
    "suicide": "suicides", "mutiny": "mutinies", "raid": "raids", "strike": "strikes",
    "attack": "attacks", "assault": "assaults", "deserter": "deserters",
    "soldier": "soldiers", "serviceman": "servicemen", "defendant": "defendants",
    "wave": "waves", "exchange": "exchanges", "swap": "swaps",
}
"""Nouns of what an ordinal after ``the`` can count, with the unit a figure of them has."""

_PERSONS = {"soldiers", "servicemen", "defendants", "deserters"}
"""Counted people: an ordinal of one that opens the sentence or is described names him."""
_BETWEEN = {"such", "known", "recorded", "reported", "registered", "documented", "confirmed",
            "new", "criminal", "similar", "publicly"}
"""Words an ordinal may have before its counted noun (``the third such refusal``)."""

_TIME = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
         "weeks", "month", "months", "year", "years", "quarter", "half", "time", "round"}
"""After ``every Nth``: how often, not a share."""


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
"""The tens of a compound spelled ordinal (``twenty-fifth``, ``forty second``)."""


def _ordinal(doc, k: int) -> tuple[int, int] | None:
    """The number the ordinal at token *k* stands for (``25th``: 25, ``third``: 3,
    ``twenty-fifth``: 25, ``first`` too) and the token after it; None for no ordinal.

    >>> from credgraph.draft.tokens import tokenize
    >>> [_ordinal(tokenize(t), 0) for t in ("25th", "third", "twenty-fifth", "forty first", "two")]
    [(25, 1), (3, 1), (25, 3), (41, 2), None]
    """
    token = doc[k]
    found = _DIGIT_ORDINAL.match(token.text)
    if found:
        return int(found.group(1)), k + 1
    if token.lower_ in _TENS:
        unit = k + 2 if k + 2 < len(doc) and doc[k + 1].text in ("-", "–") else k + 1
        word = doc[unit].lower_ if unit < len(doc) else ""
        if word in SPELLED_ORDINALS or word == "first":
            return _TENS[token.lower_] + SPELLED_ORDINALS.get(word, 1), unit + 1
        return None
    if token.lower_ in SPELLED_ORDINALS:
        return SPELLED_ORDINALS[token.lower_], k + 1
    return (1, k + 1) if token.lower_ == "first" else None


def _counted_noun(doc, k: int) -> tuple[str, int] | None:
    """The unit of the counted noun at or just after token *k* (over :data:`_BETWEEN`
    words and one adjective), with its index; None when what follows is no counted event."""
    for index in range(k, min(len(doc), k + 3)):
        word = doc[index].lower_
        if word in COUNTED:  # "the 31st desertion case": the compound's last noun
            while index + 1 < len(doc) and doc[index + 1].lower_ in COUNTED:
                index += 1
            return COUNTED[doc[index].lower_], index
        if word == "such" and index + 1 < len(doc) and doc[index + 1].is_alpha and doc[
                index + 1].is_lower and doc[index + 1].lower_ not in _TIME | set(COUNTED) | \
                _BETWEEN:  # "the 14th such extension": a series of any noun
            return doc[index + 1].lower_.rstrip("s") + "s", index + 1
        if word not in _BETWEEN and not (index == k and doc[index].is_alpha and
                                         doc[index].is_lower):
            return None
    return None


def ordinal_at(doc, i: int) -> NumberExpr | None:
    """The figure an ordinal at token *i* makes (``the 25th conviction``, ``every second
    call``), spanning from ``the`` or ``every``; None for an ordinal that names."""
    if i + 1 >= len(doc):
        return None
    word = doc[i].lower_
    if word not in ("the", "every"):
        return None
    found = _ordinal(doc, i + 1)
    if found is None or not 2 <= found[0] <= 999:
        return None  # "the first": no count; "the 1001st": an identifier
    value, end = found
    after = doc[end].lower_ if end < len(doc) else ""
    if word == "every":
        if not after.isalpha() or after in _TIME:
            return None
        share = (Decimal(100) / Decimal(value)).quantize(Decimal("0.1"))
        share = Decimal(int(share)) if share == share.to_integral_value() else share.normalize()
        return NumberExpr(i, end, share, kind="fraction", unit="percent",
                          note=f'"{doc[i:end].text}" read as one in {value}: {share} percent')
    if after == "time" and i > 0 and doc[i - 1].lower_ == "for":
        return NumberExpr(i, end, Decimal(value), kind="count", unit="times",
                          note=f'"for {doc[i:end + 1].text}" read as {value} times so far')
    noun = _counted_noun(doc, end)
    if noun is None:
        return None
    unit, index = noun
    if re.search(rf"\bthe first\s+(?:\w+\s+)?{re.escape(doc[index].lower_)}\b", doc[:i].text.lower()):
        return None  # "In the first case ... the second case": items told in turn, no count
    nxt = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    if unit in _PERSONS and (nxt in (",", "who", "whose") or doc[i].text == "The"):
        return None  # "The fourth defendant, who ...": one person named by place, no count
    return NumberExpr(i, end, Decimal(value), kind="count", unit=unit,
                      note=f'"{doc[i:end].text} {doc[index].text}" read as {value} {unit} '
                           "so far (an ordinal that counts)")
