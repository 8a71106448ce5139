"""What a figure counts: which concept of the measure scheme, and how the draft tells them
apart.

The measures themselves (ids, labels, aliases, broader) are the scheme's
(:func:`credgraph.measures.builtin_measures`, ``ontology/measures.ttl``); :data:`CUES` only
adds what the draft needs to recognise each in running text: the nouns that name it and the
words that signal it, in the order they are tried.

:func:`measure_for` picks one: first by the counted noun (``requests`` are requests for
help whatever they ask), then by the words around the number (``deserted``,
``sentenced``, ``killed and wounded``), then by the kind of number (years are a duration,
a percentage is a share, "15 percent more" or "three times" a ratio). A count of something
the scheme has no concept for comes back ``known=False``, named by its unit: the draft
proposes it as a new measure for the corpus's ``measures.yaml``.

>>> measure_for("servicemen", "count", ["have", "deserted", "their", "posts"]).id
'deserters'
>>> measure_for("cases", "count", ["criminal", "cases", "of", "desertion"]).label
'desertion criminal cases'
>>> measure_for("years", "count", ["sentenced", "to", "prison"]).id
'duration'
>>> measure_for("percent", "percent", ["15", "percent", "more"], ["more", "than"]).id
'ratio'
>>> m = measure_for("officers", "count", ["were", "there"])
>>> m.id, m.label, m.known
('officers', 'officers', False)
"""

from __future__ import annotations

import re
from itertools import zip_longest
from dataclasses import dataclass

from ..measures import builtin_measures
from .records import Measure

__all__ = ["MeasureCues", "CUES", "measure_for", "scheme_measure"]


@dataclass(frozen=True)
class MeasureCues:
    """How the draft recognises one measure of the scheme (*id*): the nouns that name it
    and the cue words (regular expressions matched against lower-case words)."""

    id: str
    nouns: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()


_DESERT = (r"desert\w*", r"abscond\w*", r"awol", r"fled", r"flee\w*", r"runaways?",
           r"abandon\w*", r"absent", r"unauthori[sz]ed")
_REFUSE = (r"refus\w*", r"refusers?", r"objectors?", r"disobey\w*")
_DRONES = ("drones", "uavs", "shaheds", "decoys")
_MISSILES = ("missiles",)
_DOWNED = (r"downed", r"shot", r"destroyed", r"intercepted", r"jammed", r"neutrali[sz]ed",
           r"suppressed", r"repelled", r"lost")
_LAUNCHED = (r"launch\w*", r"fired", r"sent", r"attacked")

CUES: tuple[MeasureCues, ...] = (
    MeasureCues("requests-for-help",
                ("requests", "appeals", "messages", "calls", "applications", "pleas",
                 "enquiries", "inquiries", "callers", "complaints"),
                (r"request\w*", r"appeal\w*", r"sought", r"asked", r"contacted", r"hotline",
                 r"complain\w*")),
    MeasureCues("desertion-criminal-cases", ("cases", "prosecutions", "proceedings", "charges"),
                _DESERT),
    MeasureCues("refusal-criminal-cases", ("cases", "prosecutions", "proceedings", "charges"),
                _REFUSE),
    MeasureCues("criminal-cases", ("cases", "prosecutions", "proceedings", "charges"),
                (r"criminal", r"cases?")),
    MeasureCues("convictions", ("convictions", "verdicts", "rulings", "sentences"),
                (r"convict\w*", r"sentenced", r"guilty", r"jailed", r"verdicts?")),
    MeasureCues("dismissals", ("dismissals",), (r"dismiss\w*", r"fired", r"sacked", r"discharged")),
    MeasureCues("refusals-to-fight", ("refusers", "refusals"), _REFUSE),
    MeasureCues("deserters", ("deserters", "absconders", "runaways"), _DESERT),
    MeasureCues("casualties", ("casualties", "losses"),
                (r"casualt\w*", r"losses", r"toll", r"lost")),
    MeasureCues("killed", ("dead", "deaths", "killed", "fatalities"),
                (r"killed", r"dead", r"died", r"deaths?", r"perished")),
    MeasureCues("wounded", ("wounded", "injured"), (r"wounded", r"injur\w*")),
    MeasureCues("missing", (), (r"missing",)),
    MeasureCues("captured", ("pows", "prisoners"),
                (r"captured", r"surrender\w*", r"captivity", r"prisoners?")),
    MeasureCues("mobilised", ("reservists", "draftees", "conscripts"),
                (r"mobili[sz]\w*", r"conscript\w*", r"drafted", r"call-up", r"called")),
    MeasureCues("recruited", ("recruits",), (r"recruit\w*", r"enlist\w*")),
    MeasureCues("drones-downed", _DRONES, _DOWNED),
    MeasureCues("drones-launched", _DRONES, _LAUNCHED),
    MeasureCues("missiles-downed", _MISSILES, _DOWNED),
    MeasureCues("missiles-launched", _MISSILES, _LAUNCHED),
)
"""The measures the draft recognises in running text, in the order they are tried; each
``id`` is a concept of the scheme."""

_BY_ID = {m.id: m for m in CUES}
_CASES = {m.id for m in CUES if "criminal-cases" in builtin_measures()[m.id].broader}
_EQUIPMENT = {"tanks", "vehicles", "aircraft", "planes", "jets", "helicopters", "ships",
              "boats", "vessels", "guns", "howitzers", "launchers", "systems", "artillery",
              "apcs", "ifvs"}
"""Things, not people: what happened to them is a concept of their own (``tanks lost``),
looked up in the scheme by the noun, never a count of casualties."""
_BY_VERB = _CASES | {"drones-downed", "drones-launched", "missiles-downed", "missiles-launched"}
"""Measures the counted noun alone does not tell apart: cases of what, drones launched or
downed (``88 drones``, their words say which); with no such word the measure is not
guessed."""

_TIME = {"years", "months", "weeks", "days", "hours"}
MONEY_UNITS = {"roubles", "rubles", "dollars", "euros", "hryvnias", "pounds", "kroner"}
"""The currencies a figure's unit may be (an amount of money)."""
_MONEY = MONEY_UNITS | {"usd", "eur"}
_UP = re.compile(r"increas\w*|rise|rose|risen|grew|grown|jump\w*|surge\w*|growth")
_DOWN = re.compile(r"decreas\w*|fell|fall\w*|drop\w*|declin\w*")
_MORE = re.compile(r"more|higher|up|over")
_LESS = re.compile(r"less|lower|fewer|down")


def scheme_measure(measure_id: str) -> Measure:
    """The scheme's measure *measure_id* as the draft's record (its label the scheme's).

    >>> scheme_measure("killed-and-wounded").label
    'killed and wounded'
    """
    return Measure(measure_id, builtin_measures()[measure_id].label)


_NUMBER_WORD = re.compile(r"[\d][\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|dozens?|hundreds?|thousands?")


def _own_words(after: list[str]) -> list[str]:
    """The words after a number up to the next number, which has the words after it."""
    cut = next((k for k, w in enumerate(after) if _NUMBER_WORD.fullmatch(w) or w in (";", "—")),
               len(after))
    return after[:cut]


def _cued_any(words: list[str]) -> bool:
    """Whether any measure's cue word is among *words*."""
    return any(_cued(words, m.cues) for m in CUES)


def _cued(words: list[str], cues: tuple[str, ...]) -> bool:
    pattern = re.compile("|".join(f"(?:{c})" for c in cues))
    return any(pattern.fullmatch(w) for w in words)


def measure_for(unit: str, kind: str, context: list[str], after: list[str] = ()) -> Measure:
    """The measure of a figure counted in *unit*, of number *kind* (``count``, ``vague``,
    ``percent``, ``fraction``, ``times``), with the lower-case *context* words around it;
    *after* are the words right after the number (``15 percent more``)."""
    words = [w.lower() for w in context]
    next_words = [w.lower() for w in after][:3]
    unit = (unit or "").lower()
    if kind == "times":
        return scheme_measure("ratio")
    if kind in ("percent", "fraction") or unit in ("percent", "percentage points"):
        if any(_UP.fullmatch(w) or _DOWN.fullmatch(w) for w in words) or \
                any(_MORE.fullmatch(w) or _LESS.fullmatch(w) for w in next_words):
            return scheme_measure("ratio")  # a change relative to an earlier count
        return scheme_measure("share")
    if unit in _TIME:
        return scheme_measure("duration")
    if unit in _MONEY:
        return scheme_measure("amount")
    head = unit.split()[-1] if unit else ""
    if head == "vehicles" and {"aerial", "unmanned"} & set(unit.split() + words[-3:]):
        head = "drones"  # "37 unmanned aerial vehicles"
    before = words[:len(words) - len(after)] if 0 < len(after) <= len(words) else words
    rest = words[len(before):]  # the context is the words before, then those after
    mine = list(reversed(_own_words(list(reversed(before))))), _own_words(rest)  # each up
    # to another number, which has its own words ("launched 88 drones, 71 of which were")
    if len(mine[0]) < len(before):  # after another number: its words run to "and" or ","
        cut = max((k for k, w in enumerate(mine[0]) if w in ("and", ",", "while")), default=-1)
        mine = mine[0][cut + 1:], mine[1]  # "three were killed and 12 wounded": not killed
    near = [w for pair in zip_longest(reversed(mine[0]), mine[1]) for w in pair if w]
    clause = list(reversed(before))
    clause = clause[:next((k for k, w in enumerate(clause) if w in (";", "—")), len(clause))]
    verbed = [m for m in CUES if head in m.nouns and m.id in _BY_VERB]
    if verbed:  # "launched 88 drones, 71 of which were shot down": the nearest word says;
        # then one before another number ("fired 12 missiles and 40 drones": both fired)
        for w in near + clause:
            for m in verbed:
                if _cued([w], m.cues):
                    return scheme_measure(m.id)
    both = _cued(mine[1][:6], _BY_ID["killed"].cues) and _cued(mine[1][:6],
                                                              _BY_ID["wounded"].cues)
    for m in CUES:  # the counted noun names the measure
        if head in m.nouns and m.id not in _BY_VERB:
            if m.id in ("killed", "casualties") and (both or head in ("killed", "dead") and _cued(
                    mine[1][:3], _BY_ID["wounded"].cues)):
                return scheme_measure("killed-and-wounded")  # "1,180 killed and wounded"
            return scheme_measure(m.id)
    for m in CUES:  # people counted: what happened to them (not to tanks: "lost 300 tanks")
        if m.id in _BY_VERB or m.id in ("criminal-cases", "requests-for-help") or \
                head in _EQUIPMENT or verbed:
            continue
        if _cued(mine[0] + mine[1], m.cues) or not _cued_any(mine[0] + mine[1]) and _cued(
                clause, m.cues):  # "lost 300 tanks and 5,000 soldiers": both lost
            own = mine[0] + mine[1]  # "killed and 12 wounded": the wounded are the 12's
            killed, wounded = _cued(own, _BY_ID["killed"].cues), \
                _cued(own, _BY_ID["wounded"].cues)
            if m.id in ("casualties", "killed") and killed and wounded:
                return scheme_measure("killed-and-wounded")
            if m.id == "casualties" and killed and "lost" not in words:
                return scheme_measure("killed")
            return scheme_measure(m.id)
    label = unit or "unspecified"
    return Measure(re.sub(r"[^a-z0-9]+", "-", label).strip("-") or "unspecified", label,
                   known=False)
