"""What an ``according to`` phrase names: the source, and the route it reached the report by.

:func:`according_cues` reads the phrase after ``according to`` (tokens ``[i, j)``) as the
cues of :mod:`.attribution`:

- a document or data someone holds: ``according to documents obtained by the WSJ`` is the
  documents via the WSJ; ``a report published by X`` is X alone;
- an interview: ``according to an interview its founder gave to the Guardian`` or ``an
  interview with the BBC``: the outlet given the interview is the route, the one who gave it
  (when the sentence has no speaker of its own) the source;
- a count and what it is based on: ``according to a count by our newsroom based on the
  court's published decisions`` is the newsroom's (the outlet's own) count; what a count is
  ``based on``, ``drawn from`` or ``using`` is its material, not its source.

And what no phrase names: a sentence working the figure before out (:data:`WORKED_OUT`,
``That works out at roughly 570 a day``) and a conversion of money in parentheses
(:func:`converted`, ``1.6 million roubles ($17,800)``) are the outlet's own arithmetic.

>>> from credgraph.model import Registry, Source
>>> from credgraph.draft.names import SourceNames
>>> from credgraph.draft.passages import Passages
>>> from credgraph.draft.speakers import SpeakerReader
>>> from credgraph.draft.tokens import tokenize
>>> def cues(text, outlet="courier"):
...     doc = tokenize(text)
...     reg = Registry([Source("guardian", "The Guardian", "news-outlet", "B", "r")])
...     r = SpeakerReader(doc, Passages(text), SourceNames(reg, "r1"), outlet)
...     return [(c.role, c.source.id) for c in according_cues(r, 2, len(doc) - 1, 0)]
>>> cues("According to an interview its founder gave to the Guardian.")
[('according', 'guardian')]
>>> cues("According to a count by our newsroom based on the court's decisions.")
[('according', 'courier')]
>>> cues("According to figures provided to the Guardian.")
[('according', 'guardian')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cuewords import phrase_after
from .records import SourceRef
from .subjects import _TIME_WORDS

__all__ = ["Cue", "according_cues", "WORKED_OUT", "apposed_name", "converted"]


@dataclass
class Cue:
    """An attribution cue of a sentence: its role (speaker, according, citing, own), the
    source, the token it is at, and what the chain may need from it."""

    role: str
    source: SourceRef
    at: int  # token index of the cue
    recipient: SourceRef | None = None
    telegram: bool = False
    decision: bool = False  # a court's sentence ("the court sentenced"): never a relay
    note: str | None = None
    joint: str | None = None  # "a joint count of X and Y": a note that changes no chain
    item: bool = False  # a source in brackets closing a list item: that item's, carried on


WORKED_OUT = re.compile(r"\s*(?:That|This|Which|It)\s+(?:works|worked|comes|came)\s+out\s+"
                        r"(?:at|to|as)\b|\s*(?:That|This)\s+(?:is|means|amounts\s+to|makes)\s+"
                        r"(?:(?:roughly|about|around|some|nearly|almost|over|more\s+than)\b|"
                        r"(?:a\s+(?:combined\s+)?total\s+of\s+)?\d)|"
                        r"(?:Even\s+)?[^,;:]{0,60}\bwould\s+(?:amount|come)\s+to\b")
"""A sentence that works a figure out from the ones before (``That works out at roughly 570
a day``, ``That is about one in five``, ``That is 1,240 in total``, ``Even the total would
amount to about one in seven of them``): the text's own arithmetic, the outlet's, whoever
gave the figures it starts from."""
_CURRENCY = (r"(?:roubles?|rubles?|hryvni?as?|kroner|krone|kronor|euros?|pounds|dollars|yuan|"
             r"lari|tenge|rupees|zloty|zlotys|manats?)")
_QUALIFIER = r"(?:(?:about|roughly|around|some|nearly|almost|over|more than)\s+)?"
_CONVERTED_BEFORE = re.compile(rf"(?:\b{_CURRENCY}|[$€£]\s?\d[\d.,]*\s*(?:bn|m|k|million|"
                               rf"billion|trillion)?)\s*\(\s*{_QUALIFIER}(?P<symbol>[$€£]\s?)?$",
                               re.I)
_CONVERTED = re.compile(rf"\d[\d.,]*\s*(?:bn|m|million|billion)?\s*{_CURRENCY}", re.I)
_SYMBOL_AFTER = re.compile(rf"{_QUALIFIER}[$€£]\s?\d", re.I)


def converted(text: str, start: int) -> bool:
    """Whether the figure at *start* converts the money before it, in parentheses (``1.6
    million roubles ($17,800)``, ``1.5bn kroner (about $140m)``): the outlet's own arithmetic."""
    before = _CONVERTED_BEFORE.search(text[max(0, start - 50):start])
    return bool(before and (before.group("symbol") or _CONVERTED.match(text, start) or
                            _SYMBOL_AFTER.match(text, start)))  # the figure from its "about $"


_HANDED = {"obtained", "seen", "reviewed", "leaked", "provided", "released", "shared", "published"}
_ADVERB_WORDS = _TIME_WORDS | {"recently", "earlier", "exclusively"}
_BASIS = {("based", "on"), ("drawing", "on"), ("drawn", "from"), ("compiled", "from"),
          ("built", "on"), ("relying", "on")}
_DETERMINED = {"a", "an", "the", "its", "their", "his", "her", "new", "latest", "recent"}
"""Words before a work's noun (``an analysis of ...``)."""
_GAVE = {"gave", "given", "granted", "told"}
_WORKS = {"analysis", "review", "count", "calculation", "calculations", "tally", "estimate",
          "study", "examination", "reading", "survey", "reconstruction"}
"""What a source's own work on material is called (``our analysis of the ledgers``)."""


def according_cues(r, i, j, k) -> list[Cue]:
    """The cues of the phrase ``[i, j)`` after ``according to`` at token *k*; *r* is the
    :class:`~credgraph.draft.speakers.SpeakerReader` of the text."""
    doc = r.doc
    dash = next((m for m in range(i + 1, j) if doc[m].text in ("-", "–") and doc[m - 1].whitespace_),
                None)  # "according to the air force - an average of 600 a day": to the dash
    j = dash if dash is not None else j
    if i + 2 < j and doc[i].lower_ in ("our", "my", "its", "their") and doc[i + 1].lower_ in \
            _WORKS and doc[i + 2].lower_ in ("of", "from"):
        j = i + 2  # "according to our analysis of the spreadsheets": ours, of what it read
    basis = next((m for m in range(i + 1, j - 1) if (doc[m].lower_, doc[m + 1].lower_) in _BASIS
                  or doc[m].lower_ == "using"), None)
    if basis is not None:  # "a count by our newsroom based on the court's decisions"
        j = basis
    joint = _joint(r, i, j, k)
    if joint is not None:
        return joint
    interview = _interview(r, i, j, k)
    return interview if interview is not None else _obtained(r, i, j, k)


def _joint(r, i, j, k) -> list[Cue] | None:
    """``according to BBC News Russian and Mediazona``: a joint count, the first named
    recorded and the other in the note, as for a joint subject (``Mediazona and BBC News
    Russian have confirmed``). None unless both sides of the ``and`` are registry names."""
    doc = r.doc
    for a in range(i + 1, j - 1):
        if doc[a].lower_ != "and":
            continue
        first = [h for h in r.names.find(doc, i, a) if h[2] == a]
        second = [h for h in r.names.find(doc, a + 1, j) if h[1] == a + 1 or (
            h[1] == a + 2 and doc[a + 1].lower_ == "the")]
        if first and second and first[-1][0] != second[0][0]:
            ref, _note = r.resolve(first[-1][1], a, k)
            if ref is None:
                return None
            note = (f"a joint count of {r.names.display(ref.id)} and "
                    f"{r.names.display(second[0][0])}; the first named is recorded")
            return [Cue("according", ref, k, note=note)]
    return None


def _interview(r, i, j, k) -> list[Cue] | None:
    """``an interview its founder gave to the Guardian``, ``an interview with the BBC``: the
    outlet as the route; None for a phrase about no interview."""
    doc = r.doc
    at = next((m for m in range(i, j) if doc[m].lower_ in ("interview", "interviews")), None)
    if at is None:
        return None
    if at + 1 < j and doc[at + 1].lower_ == "with":
        giver, ri = None, at + 2
    else:
        verb = next((m for m in range(at + 1, j - 1) if doc[m].lower_ in _GAVE and
                     doc[m + 1].lower_ in ("to", "with")), None)
        if verb is None:
            return None
        giver, ri = (at + 1, verb), verb + 2
    outlet, _n = r.resolve(ri, j, k) if j > ri else (None, None)
    cues = [Cue("according", outlet, k, note="an interview given to an outlet: the outlet "
                                            "is the route")] if outlet else []
    if giver is not None and giver[1] > giver[0] and not any(
            c.role in ("speaker", "own") for c in r.current):
        source, note = r.resolve(*giver, k)
        if source is not None and (outlet is None or source.id != outlet.id):
            cues.append(Cue("speaker", source, k, note=note))
    return cues


def _obtained(r, i, j, k) -> list[Cue]:
    """``according to documents obtained by the WSJ``: the documents via the WSJ; ``a report
    published by X``: X alone."""
    doc = r.doc
    split = by = None
    for m in range(i, j - 1):
        if doc[m].lower_ in _HANDED:
            by = next((n for n in range(m + 1, min(j, m + 5)) if doc[n].lower_ in ("by", "to")
                       and all(t.lower_ in _ADVERB_WORDS | {"this", "last", "on", "in"} or
                               t.like_num for t in doc[m + 1:n])), None)
            if by is not None:  # "published this week by X"
                split = m
                break
    given = _given(r, i, j, k)
    if given is not None:
        return given
    if split is None:
        authored = _authored(r, i, j, k)
        if authored is not None:
            return authored
        ref, note = r.resolve(i, j, k)
        return [Cue("according", ref, k, note=note)] if ref else []
    if j - i >= 14 or j <= by + 1:  # the phrase cut at its length: the holder's name whole
        j = phrase_after(doc, by + 1, len(doc))[1]
    holder, _n = r.resolve(by + 1, j, k)
    first = i
    while first < split and doc[first].lower_ in _DETERMINED:
        first += 1
    if holder is not None and first < split and doc[first].lower_ in _WORKS:
        return [Cue("according", holder, k, note="the holder's own work on the material "
                                                 "it names")]  # "an analysis of court
        # records published by Okno": Okno's
    origin, note = r.resolve(i, split, k)
    while origin is None and split > i and doc[split - 1].lower_ in _ADVERB_WORDS:
        split -= 1
        origin, note = r.resolve(i, split, k)
    cues = [Cue("according", holder, k)] if holder else []
    if origin is not None and (holder is None or origin.id != holder.id):
        cues.append(Cue("citing", origin, k, note="the document or data the outlet holds "
                                                  "taken as the origin"))
    return cues


_GIVING = {"gave", "provided", "sent", "supplied", "shared", "handed", "released"}
_MATERIAL = {"data", "figures", "documents", "records", "statistics", "numbers", "files"}


def _headed(doc, i, j, nouns) -> int | None:
    """The token of the phrase ``[i, j)`` after its determiners when it is one of *nouns*
    (``an analysis``, ``the data``), else None."""
    first = i
    while first < j and doc[first].lower_ in _DETERMINED:
        first += 1
    return first if first < j and doc[first].lower_ in nouns else None


def _given(r, i, j, k) -> list[Cue] | None:
    """``according to data the ministry gave Harbour Lines``: the giver's, through the one
    given it (never the report's own outlet). None for any other phrase."""
    doc = r.doc
    first = _headed(doc, i, j, _MATERIAL)
    if first is None:
        return None
    verb = next((m for m in range(first + 2, j) if doc[m].lower_ in _GIVING), None)
    if verb is None:
        return None
    giver, _n = r.resolve(first + 1, verb, k)
    if giver is None:
        return None
    start = verb + 1 + (verb + 1 < j and doc[verb + 1].lower_ == "to")
    taker, _n = r.resolve(start, j, k) if j > start else (None, None)
    cues = [Cue("according", taker, k)] if taker is not None and taker.id not in (
        r.outlet, giver.id) else []
    return cues + [Cue("citing" if cues else "according", giver, k, note="the giver of the data")]


def _authored(r, i, j, k) -> list[Cue] | None:
    """``an analysis of court records by the outlet Okno``: a work named by its noun, then
    ``by`` its author: the author's (the phrase's other words, ``court``, say nothing of
    who counted). None when the phrase is no such work or its author resolves to no one."""
    doc = r.doc
    first = _headed(doc, i, j, _WORKS)
    if first is None:
        return None
    by = next((m for m in range(first + 1, j - 1) if doc[m].lower_ == "by"), None)
    if by is None:
        return None
    if j - i >= 14:  # the phrase cut at its length: the author's name whole
        j = phrase_after(doc, by + 1, len(doc))[1]
    author, _n = r.resolve(by + 1, j, k)
    return [Cue("according", author, k, note="the author of the work on the material it "
                                              "names")] if author is not None else None


def apposed_name(doc, j, end) -> tuple[int, int] | None:
    """The tokens of a name in apposition after the phrase ending at *j* that closes the
    sentence (``according to the republic's head, Radiy Khabirov.``): the source is the
    person, the phrase before only their role. None when no such name follows."""
    n = end
    while n > j + 1 and doc[n - 1].is_punct:
        n -= 1
    if j < end and doc[j].text == "," and 2 <= n - j - 1 <= 3 and all(
            t.is_title for t in doc[j + 1:n]):
        return j + 1, n
    return None
