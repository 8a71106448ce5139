"""Figures: the numbers of a text with their qualifier, range, unit, subject and measure.

:func:`find_figures` turns the quantities :mod:`.numbers` finds into
:class:`~credgraph.draft.records.FoundFigure` records: ranges are joined (``between 450 and
500``, ``7,000-15,000``, ``two or three``), the qualifier before or after the number is read
with a spaCy ``Matcher`` (``more than``, ``upwards of``, ``some``, ``nearly``, ``up to``,
``fewer than``, ``or more``), the counted noun after it is the unit (``servicemen``,
``criminal cases``; ``percent`` and ``times`` for shares and ratios), a figure without one
takes the unit of the figure before it in its paragraph (``NATO puts it at 7,000``), and
:mod:`.measures` names what is counted. Numbers inside a time reference (``the first six
months of 2023``), sentences repeated elsewhere (a table of contents) and a heading's figure
that the body states with the same value are skipped.

>>> from credgraph.draft.tokens import tokenize
>>> from credgraph.draft.passages import Passages
>>> text = "More than 18,000 Russian servicemen have deserted. Between 450 and 500 were killed."
>>> [(f.term, f.value, f.min, f.max, f.qualifier, f.unit, f.measure.label, f.subject_side)
...  for f in find_figures(tokenize(text), Passages(text), [])]
[('18,000', Decimal('18000'), None, None, 'more-than', 'servicemen', 'deserters', 'russia'), ('Between 450 and 500', None, Decimal('450'), Decimal('500'), 'range', 'servicemen', 'killed', 'russia')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .measures import MONEY_UNITS, measure_for
from .numbers import COUNT_NOUNS, TIME_UNITS, excluded_spans, find_numbers
from .records import FoundFigure, NumberExpr, TimeRef
from .tables import table_at
from .tokens import matcher, matches

__all__ = ["find_figures", "QUALIFIER_PHRASES"]

QUALIFIER_PHRASES = {
    "more-than": ["more than", "over", "upwards of", "in excess of", "above", "just over",
                  "well over", "greater than", "north of", "exceeding", "passed", "exceeded",
                  "surpassed", "topped", "more than double", "more than triple"],
    "at-least": ["at least", "no fewer than", "no less than", "not less than", "a minimum of",
                 "minimum of", "at the very least"],
    "about": ["about", "around", "some", "roughly", "approximately", "approx", "approx.",
              "an estimated", "estimated", "circa", "c.", "~", "an approximate", "or so",
              "give or take"],
    "nearly": ["nearly", "almost", "close to", "just under", "just shy of", "nearing",
               "approaching", "not quite"],
    "up-to": ["up to", "as many as", "as much as", "at most", "no more than", "a maximum of",
              "maximum of", "not more than", "as high as"],
    "less-than": ["fewer than", "less than", "under", "below", "not even"],
    "exact": ["only", "exactly", "precisely", "just"],
}
"""Words before a number and the qualifier they give it (one list, matched on tokens)."""

_AFTER = {"or more": "at-least", "or so": "about", "plus": "more-than", "+": "more-than",
          "or fewer": "up-to", "or less": "up-to"}
_STOP = set("""of have has had were was are is be been being who which that whom whose in on at
from to for with by since during after before within into onto over under about against among
between through and or but than as if when while where because so said says told reported
according per would could will may might must can did do does not no nor also only just still
now then there here their its his her our your my they he she it we you them us this these
those more fewer less each every other another such same all both either neither alone what
""".split())
_MODIFIERS = {"criminal", "contract", "service", "civil", "military", "national", "combat"}
_SIDES = {"russian": "russia", "russia's": "russia", "russians": "russia",
          "ukrainian": "ukraine", "ukraine's": "ukraine", "ukrainians": "ukraine"}
_COUNTRIES = {"russia": "russia", "ukraine": "ukraine", "moscow": "russia", "kyiv": "ukraine"}
_OWNERS_VERBS = {"launched", "fired", "sent", "lost", "deployed", "used", "mobilised",
                 "mobilized", "recruited"}
"""Verbs whose subject owns what the number counts: ``Russia launched 88 drones``, ``Ukraine
lost 12 tanks``; not ``Russia killed 300``, whose dead are the other side's."""
CURRENCY_SYMBOLS = {"$": "dollars", "US$": "dollars", "USD": "dollars", "€": "euros",
                    "EUR": "euros", "£": "pounds", "GBP": "pounds", "₴": "hryvnias",
                    "UAH": "hryvnias", "₽": "rubles", "RUB": "rubles"}
"""A currency written before its amount (``$35,000``, ``EUR 210 billion``): the unit."""
_MONEY_UNITS = MONEY_UNITS | {"US dollars"}
_MAGNITUDES = {"tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions"}
"""Words of a magnitude, never a unit (``18,000 hundreds of``: no counted noun)."""
_UNIT_WORDS = COUNT_NOUNS | set(TIME_UNITS) | MONEY_UNITS | {"percent"}


def _qualifier_matcher():
    nlp_patterns = {}
    for label, phrases in QUALIFIER_PHRASES.items():
        nlp_patterns[label] = [[{"LOWER": w} for w in p.replace(".", " .").split()]
                               if p not in ("c.", "approx.") else [{"LOWER": p}]
                               for p in phrases]
    return matcher("draft-qualifiers", nlp_patterns)


def _join_durations(doc, numbers: list[NumberExpr]) -> list[NumberExpr]:
    """``five years and two months`` as one figure, 62 months (a sentence's length)."""
    out: list[NumberExpr] = []
    for n in numbers:
        a = out[-1] if out else None
        if a is not None and a.value is not None and n.value is not None and a.kind == n.kind \
                == "count" and n.start == a.end + 2 and doc[a.end].lower_ in ("year", "years") \
                and doc[a.end + 1].lower_ == "and" and n.end < len(doc) and \
                doc[n.end].lower_ in ("month", "months"):
            months = a.value * 12 + n.value
            out[-1] = NumberExpr(a.start, n.end + 1, months, kind="count", unit="months",
                                 note=f'"{doc[a.start:n.end + 1].text}" read as {months} months')
        else:
            out.append(n)
    return out


def _join_ranges(doc, numbers: list[NumberExpr]) -> list[NumberExpr]:
    out: list[NumberExpr] = []
    i = 0
    while i < len(numbers):
        a = numbers[i]
        b = numbers[i + 1] if i + 1 < len(numbers) else None
        money = b is not None and doc[b.start - 1].text in CURRENCY_SYMBOLS  # "$35,000 and
        first = a.start - 1 if a.start and doc[a.start - 1].text in CURRENCY_SYMBOLS else a.start
        if b is not None and a.value is not None and b.value is not None and \
                (a.kind == b.kind or (a.kind, b.kind) == ("count", "percent") and not a.unit) and \
                a.kind in ("count", "percent") and b.start - a.end == 1 + money:  # "60 to 70
            link = doc[a.end].lower_  # per cent", "between $35,000 and $50,000"
            before = doc[first - 1].lower_ if first else ""
            then = a.start >= 3 and doc[a.start - 2].lower_ in ("down", "up") and doc[
                a.start - 3].text == ","  # "3 months now, down from eight to nine months"
            ok = (link in ("-", "–", "to") and (before != "from" or then)) or \
                 (link == "and" and before == "between") or link == "or" and a.value < b.value
            low, high = a.value, b.value
            if ok and low > high and high * 1000 > low:  # "1.5 to 2 million"
                ok = False
            if ok and low < high and str(doc[b.start:b.end].text).endswith(
                    ("million", "billion", "trillion")) and low < 1000:
                low *= high / Decimal(doc[b.start].text.replace(",", "")) if doc[
                    b.start].text.replace(",", "").replace(".", "").isdigit() else 1
            if ok and low < high:
                start = first - 1 if before == "between" else a.start
                out.append(NumberExpr(start, b.end, None, low, high, "range", b.unit or a.unit))
                i += 2
                continue
        if b is not None and _ranging(doc, a, b):  # "ranging from 50,000 roubles in Tuva
            out.append(NumberExpr(a.start - 2, b.end, None, a.value, b.value, "range",
                                  b.unit or a.unit))  # to 2 million in Moscow": one range
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_RANGING = {"ranging", "range", "ranges", "ranged", "varying", "vary", "varies", "varied"}


def _ranging(doc, a: NumberExpr, b: NumberExpr) -> bool:
    """Whether *a* and *b* are the ends of one range written ``ranging from a ... to b``
    (words between them, no other number), the two of a kind and a below b."""
    return a.start >= 2 and doc[a.start - 1].lower_ == "from" and doc[
        a.start - 2].lower_ in _RANGING and doc[b.start - 1].lower_ == "to" and \
        a.kind == b.kind == "count" and a.value is not None and b.value is not None and \
        a.value < b.value and b.start - a.end <= 10 and not any(
            t.text in ".;" for t in doc[a.end:b.start])


def _noun_phrase(doc, j: int, end: int) -> tuple[list, bool]:
    """The tokens of the counted noun phrase from token *j* (before the sentence's end),
    and whether it came after ``of`` (``half of the vehicles``)."""
    k = j
    if k < end and doc[k].text in ("-", "–") and k + 1 < end and doc[k + 1].lower_ in TIME_UNITS:
        k += 1  # "10-year"
    after_of = k < end and doc[k].lower_ == "of"
    if after_of:
        k += 1
        while k < end and doc[k].lower_ in ("the", "a", "an", "these", "those", "its", "their",
                                            "his", "her", "our", "all"):
            k += 1
    phrase = []
    while k < end and len(phrase) < 6:
        t = doc[k]
        if t.text in ("'s", "’s"):
            phrase.append(t)
            k += 1
            continue
        if not (t.is_alpha or t.text == "-") or t.lower_ in _STOP:
            break
        phrase.append(t)
        k += 1
    return phrase, after_of


def _head(phrase) -> tuple[str | None, int]:
    for index, t in enumerate(phrase):
        word = t.lower_
        if word in _UNIT_WORDS:
            unit = TIME_UNITS.get(word, word)
            if index and phrase[index - 1].lower_ in _MODIFIERS:
                unit = f"{phrase[index - 1].lower_} {unit}"
            return unit, index
    for index, t in enumerate(phrase):
        if t.lower_ in ("russians", "ukrainians"):
            return "people", index
    for index, t in enumerate(phrase):
        word = t.lower_
        if t.is_alpha and word.endswith(("s", "men", "people")) and not word.endswith("ss") \
                and not t.is_title and len(word) > 3 and word not in _MAGNITUDES:
            return word, index
    return None, -1


_INFORMANTS = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:familiar with|with (?:direct )?knowledge of|"
                         r"briefed on)\b")
"""What follows the number of a story's unnamed informants (``two people familiar with the
matter``, ``three officials briefed on the talks``): how many were asked, not a figure."""
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d)"
_WHO_SAID = r"(?:\s+(?:people|sources|officials|informants))?\s+(?:said|say|says|told|confirmed)\b"
_OF_INFORMANTS = re.compile(rf"\s+of\s+the\s+{_SMALL}{_WHO_SAID}", re.I)
_INFORMANTS_OF = re.compile(rf"\b{_SMALL}\s+of\s+the\s+$", re.I)
"""``two of the three people said``: how many of a story's informants say so, not a figure."""

def find_figures(doc, passages, time_refs: list[TimeRef]) -> list[FoundFigure]:
    """Every figure of the text, in text order."""
    qualifiers = {e: (label, s) for label, s, e in matches(_qualifier_matcher(), doc)}
    text = passages.text  # the doc's text, not rebuilt from its tokens at each figure
    numbers = find_numbers(doc, excluded_spans(text))
    starts = {n.start for n in numbers}
    for e in qualifiers:  # "more than a year": a qualified "a" or "an" before a unit of time
        if e + 1 < len(doc) and doc[e].lower_ in ("a", "an") and doc[e + 1].lower_ in \
                TIME_UNITS and e not in starts and (e + 2 >= len(doc) or doc[e + 2].lower_ not in (
                    "earlier", "ago", "before", "later", "after", "since")):
            numbers.append(NumberExpr(e, e + 1, Decimal(1), kind="count",
                                      note=f'"{doc[e:e + 2].text}" read as 1 {TIME_UNITS[doc[e + 1].lower_]}'))
    numbers = _join_durations(doc, _join_ranges(doc, sorted(numbers, key=lambda n: n.start)))
    timed = [r.span for r in time_refs if r.span and r.kind != "rate"]
    figures: list[FoundFigure] = []
    carried: dict[int, tuple[str, object]] = {}
    for expr in numbers:
        start_char = doc[expr.start].idx
        end_char = doc[expr.end - 1].idx + len(doc[expr.end - 1])
        if any(s <= start_char < e for s, e in timed):
            continue
        s_index = passages.sentence_of(start_char)
        sentence = passages.sentences[s_index]
        if sentence in passages.skipped or not sentence[0] <= start_char < sentence[1]:
            continue
        table = table_at(passages.tables, start_char)
        figure = _figure(doc, expr, qualifiers, sentence, start_char, end_char,
                         None if table else carried.get(passages.paragraph_of(start_char)))
        if figure is not None and table is not None:
            figure = _in_cell(figure, table, start_char)  # "604" under "Schools": 604 schools
        if figure is None or figure.unit == "sources" or (figure.value or 99) <= 10 and \
                (_INFORMANTS.match(text, end_char) or _OF_INFORMANTS.match(text, end_char) or (
                    _INFORMANTS_OF.search(text[max(0, start_char - 20):start_char]) and
                    re.match(_WHO_SAID, text[end_char:]))):  # "Two people familiar with"
            continue  # "citing two sources in the ministry": who was asked, not a figure
        if figure.unit not in ("percent", "times", "percentage points") and table is None:
            carried[passages.paragraph_of(start_char)] = (figure.unit, figure.measure,
                                                          figure.subject_side)
        figures.append(figure)
    return _without_repeated_headings(figures, passages)


_MEASURED = {"years", "months", "weeks", "days", "hours", "percent", "times"} | _MONEY_UNITS
"""Units of an amount, not a count: a heading's figure in one is no other count's repeat."""


def _without_repeated_headings(figures: list[FoundFigure], passages) -> list[FoundFigure]:
    """The figures without those of a heading (a headline, a slide title) that the body
    states with the same value (``300,000 reservists`` over ``... that 300,000 reservists
    would be called up``, ``Five years for desertion`` over ``about five years``): the body's
    figure is the mention, and notes the repeat. A heading that rounds a body figure
    (``Thousands`` over ``18,000``) stays, to relay it (:mod:`.claims`)."""
    heading = [passages.is_heading(passages.sentence_of(f.start)) for f in figures]
    repeats: dict[int, list[str]] = {}
    for index, f in enumerate(figures):
        if not heading[index]:
            continue
        same = [k for k, b in enumerate(figures) if not heading[k] and
                (b.value, b.min, b.max) == (f.value, f.min, f.max)]
        body = next((k for k in same if figures[k].unit == f.unit or figures[k].measure.id ==
                     f.measure.id or "unspecified" in (figures[k].unit, f.unit)), None)
        if body is None and len(same) == 1 and not {f.unit, figures[same[0]].unit} & _MEASURED:
            body = same[0]  # "84 POWs return home" over "Of the 84 men returned": the one
            # count of the body with that value, in other words
        if body is not None:
            s, e = f.sentence
            repeats.setdefault(body, []).append(f"the heading {passages.text[s:e]!r} repeats it "
                                                "(not drafted again)")
            repeats.setdefault(index, [])
    return [replace(f, notes=(*f.notes, *repeats[k])) if repeats.get(k) else f
            for k, f in enumerate(figures) if not (heading[k] and k in repeats)]


def _figure(doc, expr, qualifiers, sentence, start_char, end_char, carried):
    notes = [expr.note] if expr.note else []
    qualifier, q_start = qualifiers.get(expr.start) or (qualifiers.get(expr.start - 1) if (
        expr.start and doc[expr.start - 1].text in CURRENCY_SYMBOLS) else None) or (
        None, expr.start)  # "about $2 billion": the qualifier before the currency
    if expr.kind == "range":
        qualifier, q_start = "range", expr.start
    sent_end = _token_end(doc, sentence[1])
    after = doc[expr.end:expr.end + 2].text.lower()
    for words, label in _AFTER.items():
        if qualifier is None and (after == words or after.startswith(words + " ")):
            qualifier = label
    if expr.kind == "vague":
        qualifier = "range"
    elif expr.note and "majority" in expr.note:
        qualifier = "more-than"
    elif expr.note and "a dozen" in expr.note and qualifier in (None, "exact"):
        qualifier = "about"
    qualifier = qualifier or "exact"
    value, low, high = expr.value, expr.min, expr.max
    if qualifier == "range" and value is not None:
        qualifier = "exact"
    skip = expr.end
    for words in _AFTER:  # "100 or more soldiers": the noun comes after the qualifier
        if doc[skip:skip + len(words.split())].text.lower() == words:
            skip += len(words.split())
            break
    phrase, after_of = _noun_phrase(doc, skip, sent_end)
    unit, head_index = (expr.unit, -1) if expr.unit else _head(phrase)
    money = next((CURRENCY_SYMBOLS[doc[k].text] for k in (expr.start - 1, expr.start,
                                                          expr.start + 1)
                  if 0 <= k < len(doc) and doc[k].text in CURRENCY_SYMBOLS and not any(
                      t.like_num for t in doc[expr.start:k])), None)  # "between $35,000 and"
    if money is not None and not expr.unit and unit not in _MONEY_UNITS:
        unit, head_index = money, -1  # "$51.80 a barrel", "$2 billion worth of drones": money
    if expr.kind in ("percent", "fraction", "times"):
        of_phrase = phrase if after_of else []
    elif unit in TIME_UNITS.values():
        of_phrase = phrase[head_index + 1:] if head_index >= 0 else []
    else:
        of_phrase = phrase[:head_index + 1] if head_index >= 0 else []
    before = [t.lower_ for t in doc[max(_token_end(doc, sentence[0]), q_start - 6):q_start]]
    after = [t.lower_ for t in doc[expr.end:min(sent_end, expr.end + 12)]]
    if unit is None:
        if carried is not None:
            unit = carried[0]
            notes.append(f"no counted noun: unit {unit!r} taken from the figure before it")
        elif doc[expr.end:expr.end + 2].text.lower() in ("of us", "of them"):
            unit = "people"
        else:
            unit = "unspecified"
            notes.append("no counted noun found: give the unit")
    measure = measure_for(unit, expr.kind, before + after, after)
    if carried is not None and measure.id in (unit.replace(" ", "-"), "unspecified") and \
            head_index < 0 and not expr.unit:
        measure = carried[1]
    side = next((_SIDES[w] for w in [t.lower_ for t in phrase] + [  # "41 Ukrainian drones"
        t.lower_ for t in doc[max(0, q_start - 3):expr.start]] if w in _SIDES), None)
    if side is None and q_start >= 2 and doc[q_start - 1].lower_ in _OWNERS_VERBS and \
            doc[q_start - 2].lower_ in _COUNTRIES:  # "Russia launched 88 drones": Russia's
        side = _COUNTRIES[doc[q_start - 2].lower_]
    if side is None and carried is not None and unit == carried[0] and not phrase:
        side = carried[2]  # "71 of them": of the drones before
    subject_words = [t.text for t in of_phrase if t.lower_ not in ("'s", "’s")]
    subject = " ".join(subject_words) if subject_words else (
        unit if unit not in ("percent", "times", "unspecified", *TIME_UNITS.values())
        else "unspecified")
    if side and subject != "unspecified" and not any(w.lower() in _SIDES for w in subject_words):
        subject = f"{'Russian' if side == 'russia' else 'Ukrainian'} {subject}"
    if subject == "unspecified":
        notes.append("who or what is counted is not said next to the number")
    first = min(expr.start, q_start) if qualifier not in ("exact",) else expr.start
    return FoundFigure(
        start=doc[first].idx, end=end_char, term=doc[expr.start:expr.end].text,
        value=value, min=low, max=high, qualifier=qualifier, unit=unit, subject=subject,
        subject_side=side, measure=measure, sentence=sentence, notes=tuple(notes))


def _token_end(doc, char: int) -> int:
    """The index of the first token starting at or after *char*."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _in_cell(figure: FoundFigure, table, at: int) -> FoundFigure:
    """A figure in a table's cell: counted in its column's noun (:meth:`.Table.unit_at`)
    unless it names its own, its subject the column's header and the row's label."""
    header, label = table.cell_at(at) or ("", "")
    own = figure.unit not in ("unspecified", "people") and not any(
        n.startswith("no counted noun") for n in figure.notes)
    unit = figure.unit if own or figure.unit in ("percent", "times") else (
        table.unit_at(at) or figure.unit)
    notes = tuple(n for n in figure.notes if not n.startswith(("no counted noun", "who or what")))
    measure = figure.measure if unit == figure.unit else measure_for(unit, "count", [
        w.lower() for w in header.split()])
    return replace(figure, unit=unit, measure=measure, subject=f"{header.lower()}: {label}"
                   if header and label else figure.subject, notes=notes + (
        f"a table's cell: column {header!r}, row {label!r}",))
