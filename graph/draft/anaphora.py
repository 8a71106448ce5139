"""Anaphora: what a later mention of people or an organisation refers back to.

A text names a source once and then refers back to it. These functions read the text before
the reference (plain strings, no tokens) and say what it refers to:

- :func:`one_of`: ``One of the wives`` is one unnamed wife (an anonymous person of a group);
- :func:`same_people`: ``the women`` or ``the same relatives`` can be the unnamed group
  named before (``Relatives of men from the brigade``: relatives and women are kin), not
  a group of another kind (``the prosecutors``);
- :func:`role_holder`: ``the governor`` is the person the text introduced with that role
  (``the regional governor, Alexei Tsydenov``, ``Governor Alexei Tsydenov``);
- :func:`introduced`: ``the project`` or ``the group`` is the organisation the text
  introduced as one (``The human rights project Call-up Watch``, ``Agora, a rights
  group,``), also when it is the outlet itself writing of itself in the third person;
- :func:`group_names`: the words a disclaimer may use for an unnamed source (``the figures
  given by the relatives`` covers the relatives and a wife among them).

:mod:`.speakers` asks these when it resolves a subject or a pronoun.

>>> one_of("One of the wives"), one_of("one of the soldiers from the unit"), one_of("One man")
('wife', 'soldier from the unit', None)
>>> same_people("women", "Unnamed relatives of men from the brigade cited in report r1")
True
>>> same_people("prosecutors", "Unnamed relatives of men cited in report r1")
False
>>> same_people("wives", "Unnamed relatives cited in report r1")
False
>>> role_holder("... an appeal to the regional governor, Alexei Tsydenov. Then", "governor")
'Alexei Tsydenov'
>>> role_holder("Project coordinator Marina Gubina told us. Later", "coordinator")
'Marina Gubina'
>>> introduced("The human rights project Call-up Watch, which advises men, said", "project")
('Call-up Watch', 25, 38)
>>> introduced("Agora, a rights group, said", "group")[0], introduced("The group said", "group")
('Agora', None)
>>> sorted(group_names("Unnamed wife cited in report r1"))
['the families', 'the relatives', 'the wife', 'the wives']
"""

from __future__ import annotations

import re

from .names import PEOPLE_WORDS, guess_kind

__all__ = ["one_of", "same_people", "role_holder", "introduced", "group_names", "singular",
           "ORGANISATION_WORDS", "OFFICES"]

_IRREGULAR = {"wives": "wife", "women": "woman", "men": "man", "people": "person",
              "children": "child", "widows": "widow", "servicemen": "serviceman"}
_KIN = {"relative", "family", "families", "wife", "mother", "father", "parent", "widow",
        "sister", "brother", "daughter", "son", "husband", "woman", "spouse", "relatives"}
_MILITARY = {"soldier", "serviceman", "troop", "man", "fighter", "conscript", "marine",
             "reservist", "recruit", "deserter", "guardsman", "veteran", "mobilised",
             "mobilized"}
_CLASSES = (_KIN, _MILITARY, {"lawyer", "attorney", "advocate", "defender"},
            {"official", "authority", "authorities", "officer"})
_GENERAL = {"woman", "man", "person", "family", "relative", "official"}
"""Nouns general enough to refer back to a group of their class (``the women`` to the
relatives named before; ``the wives`` only to wives)."""
_COLLECTIVE = {id(_KIN): ("relatives", "families")}
"""Words that cover every member of a class (``the relatives`` covers a wife)."""
ORGANISATION_WORDS = {"project", "group", "organisation", "organization", "network",
                      "foundation", "movement", "initiative", "centre", "center", "campaign",
                      "charity", "outlet", "site", "channel", "newspaper", "agency", "monitor",
                      "hotline", "fund", "committee", "coalition", "association", "service"}
"""Words an organisation is introduced with and then called by (``the project``)."""
OFFICES = {"governor", "mayor", "minister", "president", "spokesman", "spokeswoman",
           "spokesperson", "coordinator", "director", "founder", "head", "chairman",
           "chairwoman", "leader", "commander", "judge", "prosecutor", "ombudsman", "adviser",
           "advisor", "secretary", "chief", "deputy", "ambassador", "envoy", "senator"}
"""Offices one person holds, so that ``the governor`` is the one introduced as governor
(not ``the soldier``, ``the lawyer``: a text has many, and often unnamed ones)."""
_NAME = r"[A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|of|for|to|and|on|the))*"
_PERSON = r"[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+){1,2}"
_NOT_NAMES = {"The", "A", "An", "In", "On", "It", "Its", "This", "That", "They", "He", "She",
              "We", "Our", "But", "And", "Last", "Since"}


def singular(word: str) -> str:
    """A noun of people in the singular (``wives`` -> ``wife``, ``soldiers`` -> ``soldier``)."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"  # "families"
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def _people(word: str) -> bool:
    low = word.lower()
    return low in PEOPLE_WORDS or low in _IRREGULAR or singular(low) in PEOPLE_WORDS


def one_of(phrase: str) -> str | None:
    """The description of one unnamed person of a group (``One of the wives``: ``wife``),
    or None when *phrase* does not pick one out of a group of people."""
    words = phrase.strip(" ,.;:").split()
    if len(words) < 3 or words[0].lower() not in ("one", "another") or words[1].lower() != "of":
        return None
    rest = words[3:] if words[2].lower() in ("the", "his", "her", "their", "its", "our",
                                             "those", "these") else words[2:]
    stop = next((n for n, w in enumerate(rest) if w.lower() in ("of", "from", "in", "at",
                                                                 "with", "who", "which")),
                len(rest))
    heads = [n for n in range(stop) if _people(rest[n].strip("'’"))]
    if not heads:
        return None
    head = heads[-1]
    return " ".join([*rest[:head], singular(rest[head].strip("'’")), *rest[head + 1:]])


def _class_of(word: str):
    one = singular(word)
    return next((c for c in _CLASSES if one in c or word.lower() in c), None)


def same_people(noun: str, description: str, exact: bool = False) -> bool:
    """Whether a definite plural of people (``women`` in ``the women``) can refer to the
    unnamed source *description* (an anonymous source's name): the same noun as the first
    noun of people in it, or (unless *exact*) a general noun (women, men, families) of the
    same class (kin, military, lawyers, officials)."""
    head = next((w for w in re.findall(r"[A-Za-z'’-]+", description)[1:] if _people(w)), None)
    if head is None:
        return False
    if singular(head) == singular(noun):
        return True
    if exact:
        return False
    mine, theirs = _class_of(noun), _class_of(head)
    return singular(noun) in _GENERAL and mine is not None and mine is theirs


def role_holder(before: str, role: str) -> str | None:
    """The person *before* introduces with *role* (``Lawyer Marina Gubina``, ``the regional
    governor, Alexei Tsydenov``, ``Alexei Tsydenov, the governor``), the last one; or None."""
    if role not in OFFICES:
        return None
    word = re.escape(role)
    patterns = [rf"\b(?i:{word[:1]}){word[1:]},?[ \t]+({_PERSON})\b",
                rf"\b({_PERSON}),[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?:[\w'’-]+[ \t]+){{0,3}}?"
                rf"(?i:{word})\b"]
    found = [(m.start(), m.group(1)) for p in patterns for m in re.finditer(p, before)]
    found = [(at, name) for at, name in found if name.split()[0] not in _NOT_NAMES and
             guess_kind(name, name)[0] == "named-person"]
    return max(found)[1] if found else None


def introduced(before: str, word: str) -> tuple[str, int, int] | None:
    """The organisation *before* introduces as a *word* (``the human rights project Call-up
    Watch``, ``Agora, a rights group``): its name and span in *before*, the last one; or
    None."""
    if word not in ORGANISATION_WORDS:
        return None
    found = []
    for m in re.finditer(rf"\b{word}[ \t]+({_NAME})", before):
        name = re.sub(r"\s*\([^)]*\)?$", "", m.group(1))
        name = re.sub(r"(?:[ \t]+(?:of|for|to|and|on|the))+$", "", name)
        if name.split()[0] not in _NOT_NAMES or name.startswith("The ") and " " in name[4:] \
                or name.startswith("The ") and len(name.split()) == 2:  # "The Insider"
            found.append((name, m.start(1), m.start(1) + len(name)))
    for m in re.finditer(rf"\b({_NAME}),[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){{0,4}}?{word}\b",
                         before):
        if m.group(1).split()[0] not in _NOT_NAMES:
            found.append((m.group(1), m.start(1), m.end(1)))
    return max(found, key=lambda x: x[1]) if found else None


def group_names(description: str) -> set[str]:
    """The words a disclaimer may use for the unnamed source *description*: its noun of
    people in the singular and plural, and for kin ``relatives`` and ``families``, each
    after ``the`` (a definite reference back, not a word in passing)."""
    words = re.findall(r"[A-Za-z'’-]+", description)
    at = next((k for k in range(1, len(words)) if _people(words[k])), None)
    if at is None:
        return set()
    head = words[at]
    one = singular(head)
    plural = next((p for p, s in _IRREGULAR.items() if s == one), one + "s")
    names = {one, plural}
    kind = _class_of(head)
    if kind is not None:
        names.update(_COLLECTIVE.get(id(kind), ()))
    described = {f"{w.lower()} {one}" for w in words[max(1, at - 2):at]}  # "the Western
    return {f"the {n}" for n in names | described}  # official": "the relatives", not any
    # "soldiers" in passing


_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z][a-z'’]+(?:-[A-Z][a-z]+)?(?=, "
                        r"(?:\d|an? |the |[a-z]))")
"""A person introduced by first and last name and what follows them (``Valentyna Sorokina,
68,``, ``Oleh Petrenko, a retired miner,``)."""


def person_named_before(before: str) -> tuple[str, int, int] | None:
    """The last person *before* introduces by first and last name in its last 300
    characters, with where (what a ``she says`` with no speaker before it refers to: a feature's
    ``Valentyna Sorokina, 68, has baked bread here since 1989.``), or None.

    >>> person_named_before("Valentyna Sorokina, 68, has baked bread here since 1989. ")
    ('Valentyna Sorokina', 0, 18)
    >>> person_named_before("The State Emergency Service said. ") is None
    True
    """
    from .kinds import guess_kind

    for m in reversed(list(_FULL_NAME.finditer(before, max(0, len(before) - 300)))):
        if guess_kind(m.group(0), m.group(0))[0] == "named-person":
            return m.group(0), m.start(), m.end()
    return None
