"""Numbers as a text writes them, and the numbers that are not quantities.

:func:`find_numbers` returns every quantity of a tokenized text as a
:class:`~credgraph.draft.records.NumberExpr` (token offsets): digits with separators and
scales (``18,000``, ``1.5 million``, ``12k``), spelled-out numbers (``twelve``, ``two and a
half``) read with ``text2num``, vague quantities as ranges (``hundreds`` 200-999, ``a
dozen`` about 12), percentages and shares (``89 %``, ``one third``, ``one in five``, ``the
majority``) and ratios (``double``, ``three times``, ``tenfold``). Years, dates, ages, times
of day, ordinals, names with numbers (``155th brigade``, ``Article 338``, ``T-72``) are left out.

>>> from credgraph.draft.tokens import tokenize
>>> def show(text):
...     return [(n.value, n.min, n.max, n.kind) for n in find_numbers(tokenize(text))]
>>> show("1.5 million people and 12k troops")
[(Decimal('1500000'), None, None, 'count'), (Decimal('12000'), None, None, 'count')]
>>> show("hundreds of soldiers, a dozen men, one-third of them")
[(None, Decimal('200'), Decimal('999'), 'vague'), (Decimal('12'), None, None, 'count'), (Decimal('33.3'), None, None, 'fraction')]
>>> show("On March 5, 2023 the 155th brigade, aged 24, lost 50% at 10:30")
[(Decimal('50'), None, None, 'percent')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation

from .nonquantities import excluded_spans
from .ordinals import ordinal_at
from .records import NumberExpr

__all__ = ["find_numbers", "clean", "parse_digits", "words_to_number", "excluded_spans", "MONTHS",
           "COUNT_NOUNS", "TIME_UNITS"]

MONTHS = {m: i for i, m in enumerate("january february march april may june july august "
                                     "september october november december".split(), 1)}
MONTHS.update({**{m[:3]: i for m, i in list(MONTHS.items())}, "sept": 9})

TIME_UNITS = {**{u: u + "s" for u in ("year", "month", "week", "day", "hour")},
              **{u + "s": u + "s" for u in ("year", "month", "week", "day", "hour")}}

COUNT_NOUNS = set("""servicemen soldiers troops men women people persons civilians officers
conscripts reservists recruits marines guardsmen deserters prisoners pows fighters mercenaries
volunteers families relatives children cases prosecutions convictions sentences verdicts rulings
complaints appeals requests messages calls applications letters deaths casualties dead wounded
killed vehicles tanks units battalions brigades companies regiments drones missiles aircraft
members employees staff servicemembers refusers absconders runaways callers inmates convicts
detainees lawyers defendants residents draftees mobilised mobilized personnel""".split())
"""Plural nouns that make a bare four-digit number a count (``2076 criminal cases``)."""

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_ABBR = {"k": 1000, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}
_NUMBER_WORDS = set(_SMALL) | set(_TENS) | set(_SCALES)

_VAGUE = {  # (min, max) a plural of magnitude is read as, the convention of the format
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 99999),
    "millions": (2 * 10**6, 999 * 10**6),
}
NUMBER_WORD = r"(?:a\s+)?(?:" + "|".join(sorted(
    _NUMBER_WORDS | set(_VAGUE) | {"none", "half", "third", "thirds", "quarter", "quarters",
                                   "dozen"}, key=len, reverse=True)) + ")"
"""A spelled-out number word as a pattern (``twelve``, ``hundreds``, ``a third``), for the
modules that test a line or a sentence for one."""
_VAGUE_OF = {("tens", "thousands"): (20000, 99999), ("hundreds", "thousands"): (200000, 999999),
             ("tens", "millions"): (2 * 10**7, 99 * 10**6)}
_FRACTIONS = {"half": 50, "third": Decimal("33.3"), "quarter": 25, "fifth": 20, "tenth": 10,
              "thirds": Decimal("66.7"), "quarters": 75}
_RATIO_WORDS = {"double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2,
                "triple": 3, "tripled": 3, "triples": 3, "treble": 3, "trebled": 3,
                "quadruple": 4, "quadrupled": 4, "halved": Decimal("0.5")}
_FOLD = re.compile(r"^(?:(\d+(?:\.\d+)?)(?::1|-?fold)|([a-z]+)-?fold)$")  # tenfold, 3.5:1
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b|tn)$", re.I)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
_IDENTIFIER_BEFORE = set("""article part section clause paragraph chapter no no. number unit
brigade regiment division battalion room page flight highway route decree resolution law
code case file item point grade class level zone sector building block""".split())
_UNIT_NAME_AFTER = set("""brigade division army regiment battalion corps guards separate
field infantry motor rifle combined arms tank artillery airborne naval fleet squadron
detachment company platoon district""".split())
_LISTICLE = {"facts", "things", "reasons", "ways", "photos", "pictures", "stories", "tips",
             "questions", "charts", "maps", "moments", "takeaways", "numbers", "graphics"}
_REFERRED = {"outlets", "groups", "organisations", "organizations", "agencies", "channels",
             "newspapers", "sites", "projects", "ministries", "sides", "reports", "studies",
             "broadcasters", "publications", "services", "counts", "surveys", "courts"}
"""Sources and documents a text refers back to by number (``the two outlets``)."""
_ANAPHORA = {"of", "was", "were", "had", "have", "who", "are", "is", "did", "said", "later"}
_YEAR_BEFORE = set("""in since of from until till by to between and during before after
early late mid spring summer autumn fall winter year fiscal around circa""".split())

def parse_digits(text: str) -> Decimal | None:
    """A number written in digits (``18,000``, ``2.5``, ``12k``, ``1.2bn``), or None.

    >>> parse_digits("18,000"), parse_digits("12k"), parse_digits("1,2,3")
    (Decimal('18000'), Decimal('12000'), None)
    """
    if len(text) > 19:
        return None  # an identifier or a phone number, not a quantity
    m = _DIGITS.match(text)
    if m:
        return Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
    m = _DIGITS_SCALE.match(text)
    if m:
        return Decimal(m.group(1)) * _SCALE_ABBR[m.group(2).lower()]
    return None


def words_to_number(words: list[str]) -> Decimal | None:
    """A spelled-out cardinal (``["two", "hundred", "and", "fifty"]``), via text2num.

    >>> words_to_number(["twenty", "-", "five"]), words_to_number(["six", "and", "a", "half"])
    (Decimal('25'), Decimal('6.5'))
    """
    half = len(words) >= 3 and [w.lower() for w in words[-3:]] == ["and", "a", "half"]
    core = [w.lower() for w in (words[:-3] if half else words) if w != "-"]
    if core[:1] == ["a"]:
        core[0] = "one"
    if not core:
        return None
    from text_to_num import text2num

    try:
        value = Decimal(text2num(" ".join(core), "en"))
    except (ValueError, InvalidOperation):
        return None
    return value + Decimal("0.5") if half else value


def _low(doc, i) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


_LONGEST_RUN = 16
"""The most tokens a spelled-out number has (``nine hundred and ninety-nine thousand ...``):
a longer run of number words is read no further (a list of them, not one number), so a text
of nothing but number words is read in linear time."""


def _word_run(doc, i) -> int:
    """End of the run of number words starting at token *i* (``a hundred and twenty``)."""
    j = i
    if _low(doc, j) == "a" and _low(doc, j + 1) in _SCALES:
        j += 1
    while j < len(doc) and j - i < _LONGEST_RUN:
        w = _low(doc, j)
        if w in _NUMBER_WORDS:
            j += 1
        elif w == "-" and _low(doc, j - 1) in _TENS and _low(doc, j + 1) in _SMALL:
            j += 1
        elif w == "and" and j > i and _low(doc, j - 1) in _SCALES and _low(doc, j + 1) in (
                set(_SMALL) | set(_TENS)):
            j += 1
        else:
            break
    if j > i and [_low(doc, k) for k in range(j, j + 3)] == ["and", "a", "half"]:
        j += 3
    return j


def _is_year(doc, i, value: Decimal) -> bool:
    text = doc[i].text
    if not (len(text) == 4 and text.isdigit() and 1900 <= value <= 2099):
        return False
    before, after = _low(doc, i - 1), _low(doc, i + 1)
    if before in _YEAR_BEFORE or before.rstrip(".") in MONTHS or before in ("-", "–", "/"):
        return True
    if after in ("-", "–", "/") or after.rstrip(".") in MONTHS:
        return True
    nxt = after if after in COUNT_NOUNS else _low(doc, i + 2)
    return nxt not in COUNT_NOUNS


def _is_date_part(doc, i, value: Decimal) -> bool:
    if not (1 <= value <= 31 and value == int(value)):
        return False
    near = [_low(doc, i - 1), _low(doc, i + 1), _low(doc, i + 2) if _low(doc, i + 1) == "of"
            else ""]
    for k, w in zip((i - 1, i + 1, i + 2), near):
        w = w.rstrip(".")
        if w in MONTHS and (w != "may" or doc[k].text[0].isupper()):
            return True
    return False


def _is_identifier(doc, i, j) -> bool:
    """A number that names something: ``Article 338``, ``1-9 Field Artillery``."""
    before = _low(doc, i - 1)
    if before in _IDENTIFIER_BEFORE and i > 0 and doc[i - 1].text[:1].isupper():
        return True
    if j < len(doc) and doc[j].is_title and _low(doc, j) in _UNIT_NAME_AFTER:
        return True
    if _low(doc, j) in ("-", "–") and j + 2 < len(doc) and doc[j + 1].text.isdigit() and (
            doc[j + 2].is_title and _low(doc, j + 2) in _UNIT_NAME_AFTER):
        return True  # "1-9 Field Artillery"
    if _low(doc, i - 1) in ("-", "–") and i >= 2 and doc[i - 2].text.isdigit() and (
            j < len(doc) and doc[j].is_title and _low(doc, j) in _UNIT_NAME_AFTER):
        return True
    line_start = i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].text.startswith("\n")
    return line_start and _low(doc, j) in (".", ")")  # "2. international": a list marker


def _is_age(doc, i, j) -> bool:
    """``The soldier, 29, left``, ``Olga Rudneva, 42, who``, ``Ivan (a pseudonym), 32,``."""
    value = parse_digits(doc[i].text)
    if value is None or not 14 <= value <= 99 or i < 2 or j >= len(doc):
        return False
    k = i - 2 if doc[i - 2].text != ")" else next((n - 1 for n in range(i - 3, max(0, i - 12), -1)
                                                   if doc[n].text == "("), i - 2)  # "X (...), 32,"
    return doc[i - 1].text == "," and doc[j].text in (",", ")") and doc[k].is_alpha and (
        doc[k].is_title or doc[k].lower_ in ("soldier", "man", "woman", "officer"))


def clean(value: Decimal) -> Decimal:
    """*value* without exponent or trailing zeros: ``Decimal('2E+1')`` is ``20``."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def find_numbers(doc, excluded: list[tuple[int, int]] | None = None) -> list[NumberExpr]:
    """Every quantity of *doc*, in text order (token offsets), without the non-quantities."""
    text = doc.text
    spans = excluded if excluded is not None else excluded_spans(text)
    starts, ends = [t.idx for t in doc], [t.idx + len(t) for t in doc]
    banned = set()
    for s, e in spans:  # the tokens overlapping each span, from the one it begins in
        k = max(bisect_right(starts, s) - 1, 0)
        while k < len(starts) and starts[k] < e:
            if ends[k] > s:
                banned.add(k)
            k += 1
    found: list[NumberExpr] = []
    i, n = 0, len(doc)
    while i < n:
        if i in banned:
            i += 1
            continue
        expr = _number_at(doc, i) or ordinal_at(doc, i)  # "the 25th conviction", "every second"
        if expr is None:
            i += 1
            continue
        found.append(NumberExpr(expr.start, expr.end,
                                None if expr.value is None else clean(expr.value),
                                expr.min, expr.max, expr.kind, expr.unit, expr.note))
        i = expr.end
    return found


def _line_ends_after(doc, j) -> bool:
    """Whether token *j* is the last of its line (the text ends or a line break follows)."""
    return j + 1 >= len(doc) or "\n" in doc[j].whitespace_ or \
        doc[j + 1].is_space and "\n" in doc[j + 1].text


def _capitals_name(doc, i) -> bool:
    """Whether the number word at *i* is written in capitals among words that are not (a
    name: ``(TEN)``, ``TEN could not verify``), not in a line of capitals (``TEN KILLED``)."""
    t = doc[i]
    if not (t.text.isupper() and len(t.text) >= 3):
        return False
    near = [doc[k] for k in (i - 1, i + 1) if 0 <= k < len(doc) and doc[k].is_alpha]
    counted = i + 1 < len(doc) and doc[i + 1].is_alpha and doc[i + 1].lower_.endswith("s")
    return not counted and not any(n.text.isupper() for n in near)  # "TWO years": emphasis


def _number_at(doc, i) -> NumberExpr | None:
    w = _low(doc, i)
    # vague magnitudes: hundreds, tens of thousands, several hundred, "Hundred of" (typo)
    for (a, b), (lo, hi) in _VAGUE_OF.items():
        if w == a and _low(doc, i + 1) == "of" and _low(doc, i + 2) == b:
            return NumberExpr(i, i + 3, None, Decimal(lo), Decimal(hi), "vague")
    if w in _VAGUE:
        lo, hi = _VAGUE[w]
        return NumberExpr(i, i + 1, None, Decimal(lo), Decimal(hi), "vague",
                          note=f'"{doc[i].text}" read as {lo:,}-{hi:,}')
    n = 2 if w in ("several", "a", "few", "many") and _low(doc, i + 1) == "few" else \
        1 if w in ("several", "few") else 0  # "several thousand", "a few hundred": 2-9 of them
    if n and _low(doc, i + n) in _SCALES and _low(doc, i + n) not in ("billion", "trillion"):
        lo, hi = 2 * _SCALES[_low(doc, i + n)], 10 * _SCALES[_low(doc, i + n)] - 1
        return NumberExpr(i, i + n + 1, None, Decimal(lo), Decimal(hi), "vague",
                          note=f'"{doc[i:i + n + 1].text}" read as {lo:,}-{hi:,}')
    if n and _low(doc, i + n) + "s" in _VAGUE:  # "several dozen": as "dozens"
        lo, hi = _VAGUE[_low(doc, i + n) + "s"]
        return NumberExpr(i, i + n + 1, None, Decimal(lo), Decimal(hi), "vague",
                          note=f'"{doc[i:i + n + 1].text}" read as {lo:,}-{hi:,}')
    if w == "hundred" and _low(doc, i + 1) == "of" and _low(doc, i - 1) not in (
            "a", "one", "the") and not _low(doc, i - 1) in _NUMBER_WORDS:
        return NumberExpr(i, i + 1, None, Decimal(200), Decimal(999), "vague",
                          note=f'"{doc[i].text} of" read as hundreds, 200-999')
    if w == "dozen" and _low(doc, i - 1) in ("a", "half"):
        return None  # read from the article
    if w == "a" and _low(doc, i + 1) == "dozen":
        return NumberExpr(i, i + 2, Decimal(12), kind="count", note='"a dozen" read as about 12')
    # shares: half, a third, two-thirds, one in five, the majority
    share = _share_at(doc, i)
    if share is not None:
        return share
    # ratios: double, three times, tenfold, 3.5:1
    if w in _RATIO_WORDS and not (w.startswith("doubl") and _low(doc, i + 1) in (
            "agent", "standards", "standard", "check", "digits", "tap")):
        return NumberExpr(i, i + 1, Decimal(_RATIO_WORDS[w]), kind="times", unit="times")
    fold = _FOLD.match(w)
    if fold:
        value = Decimal(fold.group(1)) if fold.group(1) else words_to_number([fold.group(2)])
        if value is not None:
            return NumberExpr(i, i + 1, value, kind="times", unit="times")
    value = parse_digits(doc[i].text) if doc[i].text[:1].isdigit() else None  # digits, with
    j = i + 1  # a scale word or a percent sign after them
    if value is None and not doc[i].text[:1].isdigit():
        if w in _NUMBER_WORDS and _capitals_name(doc, i):
            return None  # "KYIV, March 12 (TEN) -", "TEN could not verify": an agency's name
        if w in _NUMBER_WORDS or (w == "a" and _low(doc, i + 1) in _SCALES):
            j = _word_run(doc, i)
            words = [doc[k].text for k in range(i, j)]
            if [x.lower() for x in words] == ["one"] and (_low(doc, j) not in TIME_UNITS or _low(
                    doc, i - 1) in ("in", "within", "per", "each", "every")):
                return None  # "in one day": a window of time, not a count
            if _low(doc, i - 1) in ("the", "both") and (_low(doc, j) in _ANAPHORA | _REFERRED or
                                                       not doc[j:j + 1].text.isalpha()):
                return None  # "one of the three was fined", "the two outlets": a reference
            value = words_to_number(words)
    elif value is not None:
        if _ORDINAL.match(doc[i].text):
            return None
        scale = _low(doc, j)
        if scale in _SCALES and scale != "hundred" or scale in ("mln", "bn", "mn"):
            value *= _SCALES.get(scale) or _SCALE_ABBR[scale]
            j += 1
        elif j < len(doc) and doc[j].text in ("M", "K", "B", "bn") and not doc[i].whitespace_:
            value *= _SCALE_ABBR[doc[j].text.lower()]  # a key figure's "12.4M"
            j += 1
        elif j < len(doc) and doc[j].text in ("m", "k", "b") and not doc[i].whitespace_ and \
                i > 0 and doc[i - 1].text in ("$", "€", "£"):
            value *= _SCALE_ABBR[doc[j].text]  # money's "$610m" (a bare "12m" may be metres)
            j += 1
        elif _is_year(doc, i, value) or _is_date_part(doc, i, value) or _is_age(doc, i, j):
            return None
    if value is None:
        return None
    if _is_identifier(doc, i, j):
        return None
    if _low(doc, j) in _LISTICLE and (i == 0 or "\n" in doc[i - 1].text_with_ws or _low(
            doc, i - 1) in ("in", ":", "—", "–") and _line_ends_after(doc, j)):
        return None  # "Ten facts about ...", "... in 8 numbers", "...: seven numbers": a
        # headline's count of its items
    if _low(doc, j) in ("%", "percent", "pct") or (_low(doc, j) == "per" and
                                                   _low(doc, j + 1) == "cent"):
        return NumberExpr(i, j + (2 if _low(doc, j) == "per" else 1), value, kind="percent",
                          unit="percent")
    if _low(doc, j) in ("percentage",) and _low(doc, j + 1) == "points":
        return NumberExpr(i, j + 2, value, kind="percent", unit="percentage points")
    if _low(doc, j) in ("times", "fold") or (_low(doc, j) == "-" and _low(doc, j + 1) == "fold"):
        after = _low(doc, j + 1)
        if _low(doc, j) != "times" or after in (
                "more", "higher", "as", "the", "larger", "greater", "bigger", "fewer", "lower",
                "less", "over", "what", "that", "than", ".", ","):
            return NumberExpr(i, j + (2 if _low(doc, j) == "-" else 1), value, kind="times",
                              unit="times")
    return NumberExpr(i, j, value, kind="count")


_SHARE_QUALIFIED = {"than", "nearly", "almost", "about", "around", "roughly", "over", "under",
                    "barely", "just", "exactly", "only"}
"""Words after which ``half`` is a share whatever follows (``replies to fewer than half``)."""


def _share_at(doc, i) -> NumberExpr | None:
    w = _low(doc, i)
    if w == "the" and _low(doc, i + 1) == "majority":
        return NumberExpr(i, i + 2, Decimal(50), kind="fraction", unit="percent",
                          note='"the majority" read as more than 50 percent')
    if w == "half" and _low(doc, i - 1) not in ("first", "second", "latter", "a", "and") and (
            _low(doc, i + 1) in ("of", "the", "were", "are", "was", "had", "have", "killed",
                                 "dead", "its", "their") or _low(doc, i - 1) in _SHARE_QUALIFIED):
        return NumberExpr(i, i + 1, Decimal(50), kind="fraction", unit="percent")
    k = i + 1
    if w in ("a", "one", "two", "three") and _low(doc, k) == "-":
        k += 1
    part = _low(doc, k)
    if w in ("a", "one") and part in ("third", "quarter", "fifth", "tenth") or \
            w == "two" and part == "thirds" or w == "three" and part == "quarters":
        return NumberExpr(i, k + 1, Decimal(_FRACTIONS[part]), kind="fraction", unit="percent")
    # "one in five", "seven out of ten", "3 in 10"
    top = parse_digits(doc[i].text) if doc[i].text[:1].isdigit() else (
        words_to_number([doc[i].text]) if w in _NUMBER_WORDS else None)
    if top is None:
        return None
    k = i + 1
    if _low(doc, k) == "in":
        k += 1
    elif _low(doc, k) == "out" and _low(doc, k + 1) == "of":
        k += 2
    elif _low(doc, k) == "of" and _low(doc, k + 1) == "every":
        k += 2
    else:
        return None
    bottom = parse_digits(doc[k].text) if k < len(doc) and doc[k].text[:1].isdigit() else (
        words_to_number([doc[k].text]) if _low(doc, k) in _NUMBER_WORDS else None)
    if bottom is None or bottom == 0 or bottom < top or bottom > 1000 or \
            _low(doc, k + 1) in TIME_UNITS:  # "two in three years": no share
        return None
    share = (top * 100 / bottom).quantize(Decimal("0.1")).normalize()
    return NumberExpr(i, k + 1, share, kind="fraction", unit="percent",
                      note=f'"{doc[i:k + 1].text}" read as {share:f} percent')
