"""What a figure counts: the measures the draft knows, and how it tells them apart.

:data:`MEASURES` is the one table of measures (each with its slug, the short lower-case
label written as ``measure:`` today, the nouns that name it, the words that signal it, and
the broader measure it is part of), in the order they are tried. It is meant to become the
SKOS concept scheme of measures (issue 19) unchanged: ``id`` the concept, ``label`` its
prefLabel, ``broader`` its skos:broader.

:func:`measure_for` picks one: first by the counted noun (``requests`` are requests for
help whatever they ask), then by the words around the number (``deserted``,
``sentenced``, ``killed and wounded``), then by the kind of number (years are a duration,
or a prison term near ``prison``; a percentage is a share, or an increase near ``rise``).

>>> measure_for("servicemen", "count", ["have", "deserted", "their", "posts"]).label
'deserters'
>>> measure_for("cases", "count", ["criminal", "cases", "of", "desertion"]).label
'desertion criminal cases'
>>> measure_for("years", "count", ["sentenced", "to", "prison"]).label
'prison term'
>>> measure_for("percent", "percent", ["an", "increase", "compared"]).label
'increase'
>>> measure_for("percent", "percent", ["15", "percent", "more"], ["more", "than"]).label
'increase'
>>> measure_for("officers", "count", ["were", "there"]).label
'officers'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Measure

__all__ = ["MeasureDef", "MEASURES", "measure_for", "measure_by_id", "BROADER"]


@dataclass(frozen=True)
class MeasureDef:
    """One measure: slug, label, the nouns that name it, the cue words (regular
    expressions matched against lower-case words), and its broader measure."""

    id: str
    label: str
    nouns: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    broader: str | None = None


_DESERT = (r"desert\w*", r"abscond\w*", r"awol", r"fled", r"flee\w*", r"runaways?",
           r"abandon\w*", r"absent", r"unauthori[sz]ed")
_REFUSE = (r"refus\w*", r"refusers?", r"objectors?", r"disobey\w*")

MEASURES: tuple[MeasureDef, ...] = (
    MeasureDef("requests-for-help", "requests for help",
               ("requests", "appeals", "messages", "calls", "applications", "pleas",
                "enquiries", "inquiries", "callers"),
               (r"request\w*", r"appeal\w*", r"sought", r"asked", r"contacted", r"hotline")),
    MeasureDef("complaints", "complaints", ("complaints",), (r"complain\w*",)),
    MeasureDef("desertion-cases", "desertion criminal cases",
               ("cases", "prosecutions", "proceedings", "charges"), _DESERT,
               broader="criminal-cases"),
    MeasureDef("refusal-cases", "criminal cases for refusing orders",
               ("cases", "prosecutions", "proceedings", "charges"), _REFUSE,
               broader="criminal-cases"),
    MeasureDef("criminal-cases", "criminal cases",
               ("cases", "prosecutions", "proceedings", "charges"), (r"criminal", r"cases?")),
    MeasureDef("convictions", "convictions", ("convictions", "verdicts", "rulings", "sentences"),
               (r"convict\w*", r"sentenced", r"guilty", r"jailed", r"verdicts?")),
    MeasureDef("dismissals", "dismissals", ("dismissals",),
               (r"dismiss\w*", r"fired", r"sacked", r"discharged")),
    MeasureDef("refusals-to-fight", "refusals to fight", ("refusers", "refusals"), _REFUSE),
    MeasureDef("deserters", "deserters", ("deserters", "absconders", "runaways"), _DESERT),
    MeasureDef("casualties", "casualties", ("casualties", "losses"),
               (r"casualt\w*", r"losses", r"toll", r"lost"), None),
    MeasureDef("killed", "killed", ("dead", "deaths", "killed", "fatalities"),
               (r"killed", r"dead", r"died", r"deaths?", r"perished"), broader="casualties"),
    MeasureDef("wounded", "wounded", ("wounded", "injured"), (r"wounded", r"injur\w*"),
               broader="casualties"),
    MeasureDef("missing", "missing", (), (r"missing",), broader="casualties"),
    MeasureDef("captured", "captured", ("pows", "prisoners"),
               (r"captured", r"surrender\w*", r"captivity", r"prisoners?"), broader="casualties"),
    MeasureDef("mobilised", "mobilised", ("reservists", "draftees", "conscripts"),
               (r"mobili[sz]\w*", r"conscript\w*", r"drafted", r"call-up", r"called")),
    MeasureDef("recruited", "recruited", ("recruits",), (r"recruit\w*", r"enlist\w*")),
)
"""Every measure the draft writes, in the order they are tried."""

_BY_ID = {m.id: m for m in MEASURES}
BROADER = {m.id: m.broader for m in MEASURES if m.broader}
"""Each measure's broader measure (killed -> casualties ...)."""

_TIME = {"years", "months", "weeks", "days", "hours"}
_MONEY = {"roubles", "rubles", "dollars", "euros", "hryvnias", "pounds", "usd", "eur"}
_PRISON = re.compile(r"prison|jail\w*|colony|sentenc\w*|imprison\w*|penal|term|detention")
_UP = re.compile(r"increas\w*|rise|rose|risen|grew|grown|jump\w*|surge\w*|growth")
_DOWN = re.compile(r"decreas\w*|fell|fall\w*|drop\w*|declin\w*")
_MORE = re.compile(r"more|higher|up|over")
_LESS = re.compile(r"less|lower|fewer|down")

_EXTRA = {
    "prison-term": Measure("prison-term", "prison term"),
    "duration": Measure("duration", "duration"),
    "fine": Measure("fine", "fine"),
    "amount": Measure("amount", "amount of money"),
    "share": Measure("share", "share"),
    "increase": Measure("increase", "increase"),
    "decrease": Measure("decrease", "decrease"),
    "ratio": Measure("ratio", "ratio to an earlier count"),
}


def measure_by_id(measure_id: str) -> Measure:
    """The measure with slug *measure_id* (a :data:`MEASURES` entry or a kind of number)."""
    if measure_id in _BY_ID:
        m = _BY_ID[measure_id]
        return Measure(m.id, m.label)
    return _EXTRA.get(measure_id) or Measure(measure_id, measure_id.replace("-", " "))


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
        return _EXTRA["ratio"]
    if kind in ("percent", "fraction") or unit in ("percent", "percentage points"):
        if any(_UP.fullmatch(w) for w in words) or any(_MORE.fullmatch(w) for w in next_words):
            return _EXTRA["increase"]
        if any(_DOWN.fullmatch(w) for w in words) or any(_LESS.fullmatch(w) for w in next_words):
            return _EXTRA["decrease"]
        return _EXTRA["share"]
    if unit in _TIME:
        return _EXTRA["prison-term" if any(_PRISON.fullmatch(w) for w in words) else "duration"]
    if unit in _MONEY:
        return _EXTRA["fine" if any(w.startswith("fine") for w in words) else "amount"]
    head = unit.split()[-1] if unit else ""
    for m in MEASURES:  # the counted noun names the measure
        if head in m.nouns and (not m.broader == "criminal-cases" or _cued(words, m.cues)):
            return Measure(m.id, m.label)
    for m in MEASURES:  # people counted: what happened to them
        if m.id in ("criminal-cases", "complaints") or m.broader == "criminal-cases":
            continue
        if _cued(words, m.cues):
            if m.id == "casualties" and _cued(words, _BY_ID["killed"].cues) and not (
                    _cued(words, _BY_ID["wounded"].cues)):
                return measure_by_id("killed") if "lost" not in words else Measure(m.id, m.label)
            if m.id == "killed" and _cued(words, _BY_ID["wounded"].cues):
                return measure_by_id("casualties")
            return Measure(m.id, m.label)
    label = unit or "unspecified"
    return Measure(re.sub(r"[^a-z0-9]+", "-", label).strip("-") or "unspecified", label)
