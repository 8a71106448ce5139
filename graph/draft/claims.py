"""Claim linking: which claim of the corpus a drafted figure states, or a new claim id.

A drafted figure takes an existing claim's id when some mention of the corpus states the
same measure (the same concept of the measure scheme), in the same kind of unit, for the
same side, with values the two qualifiers allow to be equal (their bounds overlap) and time
references that overlap; the reason goes into the mention's ``ambiguity``. Within one report a heading
that rounds a figure of the body (``Thousands ...`` over ``more than 18,000``) states the
body's claim and relays it; a figure repeated with the same value and source shares its
claim. Every other figure gets a new claim id made of its source, measure and value.

Subjects are compared by what they count: ``Russian soldiers``, ``Russian servicemen``,
``troops``, ``men`` and ``personnel`` are one kind of people (:func:`subject_key`), so a
drafted figure whose subject names them differently links to the claim of the same
measure, unit family and side, and takes the corpus's words for its subject (a note says
so), so that the two figures are compared and a conflict between them is found. Figures of
other measures, another side, or subjects of another kind (``civilians``, ``mobilised
men``) are never linked.

>>> claim_slug("hur", "deserters", Decimal(18000), None, None)
'hur-deserters-18000'
>>> subject_key("Russian servicemen") == subject_key("troops") == ("soldiers",)
True
>>> subject_key("mobilised men"), subject_key("Russian deaths"), subject_key("civilians")
(('mobilised', 'soldiers'), None, ('civilians',))
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..model import Figure

__all__ = ["ClaimIndex", "claim_slug", "unit_family", "link_claims", "subject_key"]

_TIME = {"years", "months", "weeks", "days", "hours", "year", "month", "week", "day", "hour"}
_SOLDIERS = {"soldier", "soldiers", "serviceman", "servicemen", "troop", "troops", "man", "men",
             "personnel", "servicemember", "servicemembers", "service members", "service member",
             "military personnel"}
"""Words for the people a count of one side's forces counts: one kind of people."""
_PEOPLE_NOUNS = _SOLDIERS | {"civilians", "civilian", "people", "persons", "prisoners", "women",
                             "children", "conscripts", "reservists", "volunteers", "officers",
                             "deserters", "convicts", "relatives", "residents", "refugees",
                             "mercenaries", "fighters", "marines", "pilots", "sailors",
                             "mobilised", "mobilized", "draftees", "recruits", "guardsmen",
                             "refusers", "absconders", "detainees", "inmates", "pows",
                             "members", "staff", "families", "lawyers", "defendants"}
_SIDE_WORDS = {"russian", "ukrainian", "russia's", "ukraine's", "russia", "ukraine", "the",
               "of", "kyiv's", "moscow's", "enemy", "a", "an", "some"}


def subject_key(subject: str | None) -> tuple[str, ...] | None:
    """What a subject counts, without its side (compared apart): ``Russian servicemen``,
    ``troops`` and ``men`` are ``('soldiers',)``; None when its last word is not a noun of
    people (``Russian deaths``, ``criminal cases``: nothing to tell apart)."""
    words = [w for w in re.findall(r"[\w'’-]+", (subject or "").casefold())
             if w not in _SIDE_WORDS]
    if not words:
        return None
    if " ".join(words[-2:]) in _SOLDIERS and len(words) >= 2:
        words = [*words[:-2], "soldiers"]  # "military personnel", "service members"
    elif words[-1] in _SOLDIERS:
        words = [*words[:-1], "soldiers"]
    elif words[-1] not in _PEOPLE_NOUNS:
        return None
    return tuple(words)


def same_people(a, b) -> bool:
    """Whether figures *a* and *b* count the same people as far as their words tell: the
    same subject key, or one of them without people to compare."""
    ka, kb = subject_key(a.subject), subject_key(b.subject)
    return ka is None or kb is None or ka == kb


def unit_family(unit: str | None) -> str:
    """``percent``, ``times``, ``time`` or ``count``: units of one family can compare."""
    unit = (unit or "").lower()
    if unit in ("percent", "percentage points"):
        return "percent"
    if unit == "times":
        return "times"
    return "time" if unit in _TIME else "count"


def claim_slug(origin: str | None, measure: str, value, low, high) -> str:
    """A new claim's id: source, measure and value as a slug."""
    number = value if value is not None else f"{low}-{high}"
    text = f"{origin or 'unattributed'}-{measure}-{number}".lower().replace(".", "-")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].rstrip("-")


class ClaimIndex:
    """The figures of a corpus by measure, for linking drafted figures to their claims."""

    def __init__(self, corpus=None):
        self.claims: set[str] = set()
        self.entries: list[tuple[str, str, Figure, str]] = []
        if corpus is not None:
            for mention in corpus.mentions():
                self.claims.add(mention.claim)
                if mention.figure is not None:
                    self.entries.append((mention.figure.measure, mention.claim,
                                         mention.figure, mention.key))

    def subject_for(self, figure: Figure, drafted=()) -> tuple[str, str] | None:
        """The corpus's words for the subject of *figure* when they differ from its own for
        the same people (same measure, unit family, side and :func:`subject_key`), the most
        used, with where; else those of a figure *drafted* before it; or None."""
        key = subject_key(figure.subject)
        if key is None:
            return None
        found: dict[str, list[str]] = {}
        for entries in (self.entries, drafted):  # the corpus's words first
            for measure, _claim, other, where in entries:
                if measure == figure.measure and unit_family(other.unit) == unit_family(
                        figure.unit) and other.subject_side == figure.subject_side and \
                        subject_key(other.subject) == key and other.subject:
                    found.setdefault(other.subject, []).append(where)
            if found:
                break
        if not found or figure.subject in found:
            return None
        words = max(found, key=lambda w: (len(found[w]), w))
        return words, found[words][0]

    def link(self, figure: Figure) -> tuple[str | None, str | None]:
        """The claim an existing mention gives this figure, and why; or (None, None)."""
        best = None
        for measure, claim, other, where in self.entries:
            if measure != figure.measure:
                continue
            if unit_family(figure.unit) != unit_family(other.unit):
                continue
            if figure.subject_side and other.subject_side and \
                    figure.subject_side != other.subject_side:
                continue
            if not same_people(figure, other):
                continue  # "Russian soldiers" and "civilians", "mobilised men": other people
            if (figure.subject_side is None) != (other.subject_side is None):
                continue  # "men", "drones" of no side said may be either side's: no link
            if not _overlap(figure.bounds(), other.bounds()):
                continue
            if not figure.time.overlaps(other.time):
                continue
            gap = abs(_middle(figure) - _middle(other))
            if best is None or gap < best[0]:
                best = (gap, claim, other, where)
        if best is None:
            return None, None
        _gap, claim, other, where = best
        return claim, (f"linked to claim {claim} ({where}: {other.describe()}): same measure, "
                       "values the qualifiers allow to be equal, overlapping times; check "
                       "that it is the same quantity")


def _overlap(a, b) -> bool:
    (alo, ahi), (blo, bhi) = a, b
    if ahi is not None and blo is not None and ahi < blo:
        return False
    if bhi is not None and alo is not None and bhi < alo:
        return False
    return True


def _middle(figure: Figure) -> Decimal:
    if figure.value is not None:
        return figure.value
    return ((figure.min or 0) + (figure.max or figure.min or 0)) / 2


def link_claims(mentions, passages, index: ClaimIndex) -> None:
    """Give each drafted mention its claim: a corpus claim when one matches, the claim of
    the body figure a heading rounds (and relays), the claim of the same figure stated
    again, else a new id."""
    from .writer import model_figure

    used: dict[str, tuple] = {}
    drafted: list[tuple] = []  # this report's figures so far, as the index's entries
    for m in mentions:
        fig = model_figure(m)
        theirs = index.subject_for(fig, drafted)
        if theirs is not None:  # "Russian servicemen" where the corpus says "Russian soldiers"
            m.notes.append(f"subject written {m.figure.subject!r}: recorded as {theirs[0]!r}, "
                           f"the words of {theirs[1]} for the same people, so that the two "
                           "are compared; check")
            m.figure = replace(m.figure, subject=theirs[0])
            fig = model_figure(m)
        origin = m.attribution.origin.id if m.attribution.origin else None
        signature = (origin, fig.measure, fig.value, fig.min, fig.max)
        claim, why = index.link(fig)
        if claim is not None:
            m.claim = claim
            m.notes.append(why)
        else:
            claim = claim_slug(origin, fig.measure, fig.value, fig.min, fig.max)
            base, n = claim, 2
            while (claim in used and used[claim] != signature) or claim in index.claims:
                claim, n = f"{base}-{n}", n + 1
            m.claim = claim
        used.setdefault(m.claim, signature)
        drafted.append((fig.measure, m.claim, fig, m.id))
    for index, m in enumerate(mentions):  # a heading rounding a figure of the body
        if not passages.is_heading(passages.sentence_of(m.figure.start)):
            continue
        low, high = model_figure(m).bounds()
        for body in mentions[index + 1:]:
            if passages.is_heading(passages.sentence_of(body.figure.start)):
                continue
            value = body.figure.value if body.figure.value is not None else body.figure.min
            if (body.figure.measure.id == m.figure.measure.id or unit_family(body.figure.unit)
                    == unit_family(m.figure.unit) and m.attribution.origin is None) and \
                    value is not None and \
                    (low is None or value >= low) and (high is None or value <= high):
                m.claim, m.relays = body.claim, body.id
                if m.figure.measure != body.figure.measure:  # one claim, one measure
                    m.figure = replace(m.figure, measure=body.figure.measure)
                if m.attribution.origin is None and body.attribution.origin is not None:
                    m.attribution = type(m.attribution)(
                        body.attribution.origin, body.attribution.via, notes=(
                            "the heading names no source: taken from the figure it rounds",))
                m.notes.append(f"a heading restating {body.id}: recorded as its relay")
                break
