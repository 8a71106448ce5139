"""What a source the registry lacks is called when the draft proposes it.

:func:`name_proposal` reads the phrase a text names a source with: the proper name in it
(``independent news site Verstka`` -> ``Verstka``), or, when the text names no one, the
description of the people (``a former Wagner recruiter``, ``local authorities``: an anonymous
source) or of the institution (``the transit centre in Pavlohrad``). A capitalised word that
only qualifies what follows it (``Wagner`` in ``a Wagner recruiter``, ``Local`` opening a
sentence) or a place an institution is in (``... Mission in Ukraine``) is no name of its own;
a source's work (``Kyiv Pulse's calculations``, ``the ministry's explanatory note``) is
the source's; a place of business before a name (``Warsaw-based``) is not part of it.

>>> from credgraph.draft.tokens import tokenize
>>> name_proposal("independent news site Verstka", tokenize("independent news site Verstka"))[:2]
('Verstka', False)
>>> name_proposal("A former Wagner recruiter", tokenize("A former Wagner recruiter"))[:2]
('former wagner recruiter', True)
>>> name_proposal("Kyiv Pulse's calculations", tokenize("Kyiv Pulse's calculations")).name
'Kyiv Pulse'
>>> name_proposal("the UN Monitoring Mission in Ukraine", tokenize(
...     "the UN Monitoring Mission in Ukraine")).name
'UN Monitoring Mission in Ukraine'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .kinds import COUNTRIES, NATIONALITIES, NO_KIND, guess_kind

__all__ = ["name_proposal", "Naming", "normal_name", "PEOPLE_WORDS", "PERSON_WORDS",
           "GROUP_WORDS", "DETERMINERS", "PLACE_WORDS", "proper_tail"]

PERSON_WORDS = set("""soldier officer serviceman servicewoman source official lawyer man woman
troop fighter commander resident blogger analyst expert spokesman spokeswoman spokesperson
prisoner witness relative mother wife father brother sister marine guardsman conscript
volunteer interlocutor insider deserter veteran medic doctor journalist reporter correspondent
milblogger demographer researcher colleague recruiter reader guy advocate""".split())
"""Nouns of one person (``soldier``, ``a former Wagner recruiter``)."""
GROUP_WORDS = {p + "s" for p in PERSON_WORDS} | {
    "men", "women", "people", "relatives", "families", "officials", "analysts", "experts",
    "sources", "authorities", "bloggers", "milbloggers", "activists", "residents", "lawyers",
    "outlets", "media", "prosecutors", "groups", "wives", "widows", "children", "organisations",
    "organizations", "servicemen", "partners"}
"""Nouns of several people or bodies (``relatives``, ``local authorities``)."""
PEOPLE_WORDS = PERSON_WORDS | GROUP_WORDS
"""Nouns of people, one or many (``soldier``, ``prosecutors``)."""
DETERMINERS = {"the", "a", "an", "one", "another", "some", "its", "his", "her", "their", "our",
               "this", "that", "these", "those", "several", "various", "unnamed", "anonymous",
               "other", "many", "two", "three", "both"}
PLACE_WORDS = "from|in|near|outside|around|close to|along|on the outskirts of"
"""The words before a place (``a soldier serving near Bakhmut``), as a regular expression."""
_BASED = re.compile(r"^(?:[A-Z][\w.-]*\s+)*[A-Z][\w.]*-based\s+(?=[A-Z])")
"""A place of business before a name (``Warsaw-based``, ``US-based``, ``New York-based``)."""
_WORKS = {"calculations", "calculation", "assessment", "analysis", "estimate", "estimates",
          "count", "tally", "data", "figures", "report", "note", "explanatory", "survey",
          "study", "research", "statistics", "records", "review", "findings", "database",
          "monitoring", "model", "poll", "polling", "audit", "investigation", "tracker"}
"""A source's work (``Kyiv Pulse's calculations``): a phrase naming it names its owner."""
_LANGUAGE = {"language", "speaking", "pro", "anti", "kremlin"}
"""With a country's word, what a source speaks or sides with (``the anti-Kremlin
Russian-language channel``): no name."""
_ATTRIBUTE = re.compile(r"-(?:backed|based|linked|run|owned|affiliated|controlled|aligned|"
                        r"leaning|funded|friendly|allied|supported|led)$", re.I)
"""A hyphenated attribute (``Kremlin-backed``, ``state-run``): what a source is, no name."""
_NOT_QUALIFIED = {"amid", "said", "says", "told", "reported", "who", "which", "that", "as", "and",
                  "or", "but", "while", "after", "before", "when", "since", "on", "at", "in",
                  "of", "to", "for", "with", "by", "s", "quoted", "quotes", "cited", "cites",
                  "interviewed", "asked", "spoke", "says", "writes", "wrote", "told"}
"""Words after a name that are not what it qualifies (``Kostiantynivka amid ...``)."""
_INSTITUTION_WORDS = {"mission", "centre", "center", "office", "committee", "council",
                      "department", "service", "agency", "court", "administration", "ministry",
                      "directorate", "bureau", "commission", "headquarters", "hospital"}
"""Nouns of an institution that a place qualifies (``the transit centre in Pavlohrad``)."""


class Naming(NamedTuple):
    """A proposal's name: a proper name, or the description of people the text names not."""

    name: str
    unnamed: bool
    plural: bool = False
    proper: bool = False
    """A proper name (or an institution's description) was found."""
    placed: bool = False
    """The one after a place's possessive (``Kharkiv's mayor``)."""


def normal_name(name: str) -> str:
    """A name as compared: case, punctuation, a leading *the* and a possessive ignored.

    >>> normal_name("The Moscow Times's"), normal_name("RFE/RL"), normal_name("“Get Lost”")
    ('moscow times', 'rfe rl', 'get lost')
    """
    text = name.casefold().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def proper_tail(doc) -> str:
    """The proper name in a phrase: the longest run of capitalised words (with ``of``,
    ``for``, ``to``, ``and``) that ends the phrase, trailing lower-case words left out
    (``independent news site Verstka`` -> ``Verstka``; ``the Russian Red Cross`` -> ``Russian
    Red Cross``; ``A Z-channel`` -> ``Z-channel``; ``Call to Conscience`` whole)."""
    words = [w.strip("\"'“”‘’(),.;:") for w in doc.text.split()]
    words = [w for w in words if w]
    while words and not words[-1][:1].isupper():
        words = words[:-1]
    start = None
    for index in range(len(words) - 1, -1, -1):
        w = words[index]
        if w[:1].isupper() and w.lower() not in DETERMINERS:
            start = index
        elif w.lower() in ("of", "for", "to", "and", "&", "on") and start is not None or (
                w.lower() == "the" and index and words[index - 1].lower() in ("of", "for") and
                start == index + 1):
            continue  # "Air Force of the Armed Forces of Ukraine", "... for the Treatment of" whole
        else:
            break
    return " ".join(words[start:]) if start is not None else ""


def _after(text: str, proper: str) -> list[str]:
    """The lower-case words of *text* right after its proper name *proper*, up to the first
    word that is not what the name qualifies (``Z-channel`` in ``A Z-channel with 120k
    subscribers`` qualifies nothing; ``Wagner`` in ``a Wagner recruiter``, ``recruiter``)."""
    last = proper.split()[-1] if proper else ""
    at = text.rfind(last)
    words = re.findall(r"[\w-]+", text[at + len(last):].lower()) if at >= 0 and last else []
    cut = next((k for k, w in enumerate(words) if w in _NOT_QUALIFIED or w in DETERMINERS or
                not w.isalpha()), len(words))
    return words[:cut]


def name_proposal(text: str, doc) -> Naming:
    """The name to propose a source under for the phrase *text* (tokens *doc*); the caller
    guesses its kind, and drops a name that is neither proper nor placed when nothing in the
    text says what kind of source it is (``tracks court``)."""
    words = [t for t in doc if not t.is_punct]
    lower = [t.lower_ for t in words]
    cut = next((k for k in range(1, len(lower)) if lower[k].endswith("ing") and lower[
        k - 1] in PEOPLE_WORDS), len(lower))  # "an official briefing reporters": him
    proper = proper_tail(doc)
    head = next((w for w in reversed(lower[:cut]) if w in PEOPLE_WORDS), None)
    after = _after(text, proper)
    if proper and head and (set(normal_name(proper).split()) <= NATIONALITIES | PEOPLE_WORDS
                            or after or re.search(
                                rf"\b(?:{PLACE_WORDS}) (?:the )?{re.escape(proper)}$", text)):
        proper = ""  # "Russian media", "Mothers of men from Pskov", "a Wagner recruiter",
        # "Local authorities", "Guys from the 1st Slavic brigade": people the text does not
        # name (the capitalised words only qualify what follows them)
    if not proper and head:
        return Naming(" ".join(w for w in lower if w not in DETERMINERS), True, head in GROUP_WORDS)
    placed = bool(proper and re.search(r"['’]s?$", proper) and lower[-1] not in DETERMINERS)
    if placed and set(after) & _WORKS:  # "Kyiv Pulse's calculations": Kyiv Pulse's own
        return Naming(re.sub(r"\s*['’]s?$", "", _BASED.sub("", proper)), False, proper=True)
    if placed:
        proper = ""  # "Kharkiv's mayor", "Poland's border service": the one after the
        # possessive is the source, the place only whose it is
    described = " ".join("".join(t.text_with_ws for t in doc if t.lower_ not in DETERMINERS and (
        not t.is_punct or t.text in "-.&'’")).split())  # "anti-Kremlin", as written
    if proper and after and (set(normal_name(proper).split()) <= COUNTRIES | _LANGUAGE or
                             _ATTRIBUTE.search(proper) or len(
            proper.split()) == 1 and guess_kind(" ".join(after), "")[1] == NO_KIND and not
            set(after) & _WORKS):  # "a UNHCR survey": UNHCR's
        proper = ""  # "the Russian judiciary", "Polish border guards", "Satellite imagery":
        # a word qualifying what follows it, no name; the description is named, if anything
        # (but "the Tuva-Online news site", "the Domoy movement": named)
    before = text[:text.rfind(proper)] if proper else ""
    if proper and (re.search(r"\b(?:in|of|at)\s+(?:the\s+)?$", before) and set(
            re.findall(r"\w+", before.lower())) & _INSTITUTION_WORDS or set(after) &
            _INSTITUTION_WORDS):
        proper = described  # "the UN Monitoring Mission in Ukraine", "the transit centre
        # in Pavlohrad", "the Rada committee": the institution, not the place or the body
        # it is of
    name = proper or described or text
    if placed:
        name = re.sub(r"\s+(['’])", r"\1", name)  # "Kharkiv's mayor", as written
    owner = re.match(r"^[A-Z][\w-]*['’]s (?=\S+ \S)", name)
    if proper and owner:  # "Ukraine's Coordination Headquarters ...": the name after it
        name = name[owner.end():]
    return Naming(_BASED.sub("", name), False, proper=bool(proper), placed=placed)
