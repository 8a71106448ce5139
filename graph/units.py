"""What a figure's unit says is counted, beyond its measure, subject and place: a share's
or a ratio's ("30 percent"), a formation ("3 brigades"), records about people ("500
cases"), a group of people ("800 officers", "contract soldiers", "men"), or nothing more
("soldiers", "Russian servicemen" of the Russian side); and text as compared (case and runs
of spaces ignored). :func:`credgraph.comparison.quantity_key` keys figures by it.
"""

from __future__ import annotations

__all__ = ["normal_text", "is_ratio_unit", "formation_unit", "measure_names"]


def normal_text(text) -> str:
    """A subject, place or unit as compared: case and runs of spaces ignored.

    >>> normal_text("  Donetsk   Region ")
    'donetsk region'
    """
    return " ".join((text or "").casefold().split())


_RATIO_UNITS = ("percent", "per cent", "%", "percentage", "times", "fold", "-fold")
"""How units of shares and ratios begin: a figure in one of them says how much of
something, never how many, whatever its measure."""


def is_ratio_unit(unit: str | None) -> bool:
    """Whether a figure's unit is a share's or a ratio's ("percent", "times"): then it is
    no count, whatever its measure.

    >>> is_ratio_unit("Percent of the brigade"), is_ratio_unit("soldiers"), is_ratio_unit(None)
    (True, False, False)
    """
    return normal_text(unit).startswith(_RATIO_UNITS)


_FORMATIONS = ("brigade", "battalion", "regiment", "division", "company", "platoon", "squad",
               "unit")
"""Words for formations: "3 brigades lost" counts formations, not the people in them."""


_RECORDS = ("case", "prosecution", "verdict", "sentence", "request", "application",
            "complaint", "charge", "proceeding")
"""Words for records about people, of which one person may have several ("500 cases" and
"300 people prosecuted" can both be right)."""


_PEOPLE = frozenset({"soldier", "servicemen", "serviceman", "servicewomen", "troop",
                     "people", "person", "personnel", "fighter", "member", "combatant",
                     "individual", "service member"})
"""Head nouns for people in general ("soldiers", "Russian servicemen", "service members"): a
count's unit of one says no more than its measure and subject, unless a word before it names
a group (:func:`_group_words`); not "men", a group as "women" are ("800 men", "1,000 people")."""


_GENERIC = frozenset({"military", "army", "armed", "forces", "force", "service", "enemy",
                      "our", "their", "own", "total", "all", "confirmed", "verified",
                      "identified", "named", "documented", "recorded", "registered"})
"""Words before a unit's head that name no group ("military personnel", "enemy troops";
"verified deaths", "identified soldiers": how they were counted, not who)."""


def _singular(word: str) -> str:
    """A unit's word in the singular, as far as the plural is regular ("companies")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def formation_unit(unit: str, names=(), context=()) -> str:
    """What a count's unit says is counted beyond its measure: a formation ("brigade"),
    records ("cases", "prosecutions": all "records"), or a group of people its head noun
    names ("officers", "Wagner convicts": its head noun in the singular) or the words before
    a word for people in general name ("contract soldiers", "Wagner fighters": those
    words), which a count of all of them may exceed ("800 officers killed" and "5,000
    servicemen" can both be right); "" for the words for people in general ("soldiers",
    none), with words around them that say no more than the figure's *context* (its
    subject, place and side: "Russian soldiers" of the Russian side), than *names* of the
    measure or of a broader one ("deserters", "mobilised troops" of the mobilised, "soldiers
    killed") or than :data:`_GENERIC` ("military personnel", "verified deaths").

    >>> formation_unit("brigades"), formation_unit("soldiers"), formation_unit("")
    ('brigade', '', '')
    >>> formation_unit("criminal cases"), formation_unit("prosecutions")
    ('records', 'records')
    >>> formation_unit("officers"), formation_unit("Wagner convicts")
    ('officer', 'convict')
    >>> formation_unit("red servicemen", context=("red", "army")), formation_unit(
    ...     "russian soldiers", context=("russia",))
    ('', '')
    >>> formation_unit("contract soldiers", context=("red", "army")), formation_unit(
    ...     "mobilised troops"), formation_unit("mobilised men", names=("mobilised",))
    ('contract', 'mobilised', 'men')
    >>> formation_unit("deserters", names=("deserters", "army deserters"))
    ''
    >>> killed = ("killed", "dead", "deaths")
    >>> [formation_unit(u, names=killed) for u in ("soldiers killed", "verified deaths",
    ...  "identified soldiers", "civilians killed")]
    ['', '', '', 'civilian']
    """
    words = unit.split()
    while len(words) > 1 and words[0] in _GENERIC:
        words = words[1:]
    if len(words) > 1 and (_singular(words[-2]) in _PEOPLE or words[-2].endswith("s")) and any(
            _alike(words[-1], w) for n in names for w in normal_text(n).split()):
        words = words[:-1]  # "soldiers killed": the measure named after what is counted
    if not words:
        return ""
    first = _singular(words[0])
    if first in _FORMATIONS:
        return first
    head = {"man": "men"}.get(_singular(words[-1]), _singular(words[-1]))
    if head in _RECORDS:
        return "records"
    if head in _PEOPLE or " ".join(words[-2:]).removesuffix("s") in _PEOPLE:
        before = words[:-2] if head not in _PEOPLE else words[:-1]
        return " ".join(_group_words(before, names, context))
    singular = " ".join(_singular(w) for w in words)
    if any(singular == " ".join(_singular(w) for w in normal_text(n).split()) for n in names):
        return ""
    return head


def _group_words(words, names, context) -> list[str]:
    """The words before a word for people that name a group of them: those that are not
    :data:`_GENERIC`, nor a word (or a form of a word: "Russian" of "russia", "mobilised" of
    "mobilisation") of the figure's *context* or of the measure's *names*."""
    known = {w for text in (*names, *context) for w in normal_text(text).split()}
    return [w for w in words if w not in _GENERIC and not any(_alike(w, k) for k in known)]


def _alike(a: str, b: str) -> bool:
    """Whether two words are one, or forms of one: of five letters or more each, sharing
    all but the last two letters of the shorter, and at least four ("russian" and
    "russia", "ukrainian" and "ukraine", "deserting" and "deserted")."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return n >= 5 and a[:max(4, n - 2)] == b[:max(4, n - 2)]


def measure_names(measure, measures) -> tuple:
    """The names of a measure and of those broader than it ("casualties" of the killed)."""
    if measure is None:
        return ()
    found = [measure]
    found += [measures[m] for m in sorted(measures.ancestors(measure.id)) if m in measures]
    return tuple(n for m in found for n in (m.id, m.label, *m.aliases))
