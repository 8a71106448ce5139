"""Kinds and titles: what the words of a phrase say about the source it names.

:func:`guess_kind` guesses the kind of a source the registry lacks from the words that name
it (``independent news site``: a news outlet; ``Pavel Chikov``: a person);
:func:`person_after_title` finds the person a phrase names after a role or title
(``Defence Minister Sergei Shoigu``, found by an ``entity_ruler``; ``Deputy Security Council
chairman Dmitry Medvedev``, after an institution's role in lower case). :mod:`.names`
resolves names with them.

>>> guess_kind("independent news site Verstka", "Verstka")
('news-outlet', 'news')
>>> person_after_title("Deputy Security Council chairman Dmitry Medvedev")
'Dmitry Medvedev'
"""

from __future__ import annotations

import re

__all__ = ["guess_kind", "NO_KIND", "person_after_title", "person_of", "NATIONALITIES", "ROLES",
           "TITLE_WORDS", "COUNTRIES", "COUNTRY_CODES"]

NATIONALITIES = set("""russian ukrainian belarusian british american us uk european western
german french polish chinese iranian israeli georgian moldovan kazakh chechen turkish
finnish swedish norwegian danish estonian latvian lithuanian romanian hungarian czech slovak
bulgarian serbian armenian azerbaijani uzbek tajik kyrgyz indian japanese korean canadian
italian spanish dutch belgian swiss austrian greek syrian iraqi egyptian qatari saudi
emirati north-korean nato eu""".split())

_KINDS = [  # (pattern over the lower-case phrase, kind), first match wins
    (r"telegram|\bchannel\b|\bz-channel\b", "telegram-channel"),
    (r"\bcourt\b|tribunal|\bjudge\b|judiciary", "court"),
    (r"defen[cs]e ministry|ministry of defen[cs]e|\bmod\b", "defence-ministry"),
    (r"intelligence|\bhur\b|\bgur\b", "military-intelligence"),
    (r"statistics|\bdata\b|records|documents|register|database|registry", "official-register"),
    (r"news agency|wire|press agency|\bagency\b.*news", "wire-agency"),
    (r"\btv\b|television|radio|broadcast", "broadcaster"),
    (r"human rights|rights group|rights organi[sz]ation", "human-rights-group"),
    (r"\bun\b|united nations|\bosce\b|\bnato\b|european union|\bicrc\b|\biaea\b", "intergovernmental-organisation"),
    (r"\bcompan(?:y|ies)\b|\butility\b|\b(?:grid|network|mobile|rail|pipeline|power|gas|"
     r"telecoms?) operator\b|\boperator of\b|\bprovider\b|\bcorporation\b|\brailways?\b|"
     r"\bairlines?\b|\benergy (?:supplier|firm)\b", "company"),
    (r"ministry|government|kremlin|administration|governor|mayor|authorities|press service|"
     r"\bpolice\b|"
     r"prosecutor|\bgeneral staff\b|headquarters|\bagency\b|parliament|duma|ombudsman|"
     r"commissioner['’]s office|\b(?:federal|state|border|penitentiary|migration|security|"
     r"customs|tax|emergency|civil) services?\b|\bbureau\b|directorate|inspectorate|"
     r"\bcommission\b|\bcouncil\b|\bdepartment\b|\bborder guards?\b|\bcentral bank\b|"
     r"\bpresidential (?:office|administration)\b|\bpresident['’]s office\b|"
     r"\boffice of the (?:president|prime minister)\b|\bcabinet\b",
     "government"),
    (r"\barmy\b|brigade|regiment|battalion|division|\bcorps\b|\bforces?\b|\bunit\b",
     "military-unit"),
    (r"news|outlet|newspaper|\bsite\b|website|magazine|journal|times|\bpost\b|gazette|daily|"
     r"media|courier|tribune|herald|monitor|\bpaper\b|sentinel|dispatch|chronicle|observer|"
     r"telegraph|\bexpress\b|\bmirror\b|\breview\b|\bgazette\b|\bledger\b|\bbulletin\b|"
     r"\bglobe\b|\bweekly\b", "news-outlet"),
    (r"\bngo\b|project|group|network|committee|movement|foundation|organi[sz]ation|initiative|"
     r"association|union|red cross|charity|hotline|cent(?:re|er)|coalition|\bfund\b", "ngo"),
]

COUNTRY_CODES = {"russian": "RU", "russia": "RU", "ukrainian": "UA", "ukraine": "UA",
                 "british": "GB", "uk": "GB", "britain": "GB", "american": "US", "us": "US",
                 "belarusian": "BY", "belarus": "BY", "polish": "PL", "poland": "PL",
                 "german": "DE", "germany": "DE", "french": "FR", "france": "FR",
                 "moscow": "RU", "kremlin": "RU", "kyiv": "UA", "kiev": "UA"}
"""A country's word before an institution (``the Russian Ministry of Defence``) and the
registry's country code it names."""

COUNTRIES = NATIONALITIES | set("""russia ukraine belarus europe britain america england
germany france poland georgia moldova kazakhstan china iran israel crimea donbas""".split())
"""Words that make two capitalised words no person's name (``Forbes Russia``)."""


NO_KIND = "nothing in the text (default)"
"""What :func:`guess_kind` rests its guess on when no word of the phrase says the kind."""


def guess_kind(phrase: str, name: str) -> tuple[str, str]:
    """The kind of a source the registry lacks, guessed from the phrase that names it,
    and the words the guess rests on."""
    low = phrase.casefold()
    for pattern, kind in _KINDS:
        found = re.search(pattern, low)
        if found:
            return kind, found.group(0)
    words = name.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() and not w.isupper() and
                                    w.lower() not in COUNTRIES for w in words):
        return "named-person", "a first and last name"  # not "RIA Novosti", "Forbes Russia"
    return "news-outlet", NO_KIND


ROLES = set("""lawyer attorney spokesman spokeswoman spokesperson coordinator director head
chairman chairwoman founder leader president minister general colonel major captain governor
mayor commander analyst researcher expert journalist reporter correspondent activist blogger
officer soldier judge prosecutor deputy adviser advisor secretary chief ombudsman""".split())
"""Words of a role a person is named after (``lawyer Pavel Chikov``)."""

TITLE_WORDS = ROLES | set("""prime foreign defence defense interior justice finance economy
emergencies health first vice acting senior lieutenant sergeant corporal private admiral
marshal staff press commissioner ambassador envoy representative senator lt lt. gen gen. col
col. maj maj. sgt sgt. capt capt. cpt gen.-lt. lieutenant-general major-general colonel-general
rear vice-admiral""".split())
"""Words an office or a rank is made of; with ``of``, ``the`` and ``for`` between them they
form the title before a name (``Chief of the General Staff``)."""

_TITLE_RUN = TITLE_WORDS | {"of", "the", "for"}


def person_after_title(text: str) -> str | None:
    """The name of a person the phrase names after their role or title, or None; also
    after an institution's role in lower case (``Deputy Security Council chairman Dmitry
    Medvedev``)."""
    from .tokens import language

    found = re.search(r"[A-Z][\w.'’-]* (?:[a-z]+ )?([a-z]+) ((?:[A-Z][a-z'’-]+ ){1,2}[A-Z][a-z'’-]+)$",
                      text)
    if found and found.group(1) in ROLES and guess_kind(found[2], found[2])[0] == "named-person":
        return found.group(2)

    nlp, name = language(), {"IS_TITLE": True, "IS_ALPHA": True,
                             "LOWER": {"NOT_IN": sorted(TITLE_WORDS)}}
    if "entity_ruler" not in nlp.pipe_names:
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": [
            {"LOWER": {"IN": sorted(TITLE_WORDS)}}, {"LOWER": {"IN": sorted(_TITLE_RUN)},
                                                     "OP": "*"}, name, {**name, "OP": "+"}]}])
    for ent in nlp(text).ents:
        words = [t.text for t in ent if t.lower_ not in _TITLE_RUN]
        if ent.label_ == "PERSON" and not (ent.end < len(ent.doc) and ent.doc[ent.end].is_title) \
                and 2 <= len(words) <= 4:
            return " ".join(words)
    return None


def person_of(text: str) -> str | None:
    """A person named before the group they speak for (``Pavel Chikov of Agora``), or None."""
    found = re.match(r"^((?:[A-Z][a-z'’-]+ ){1,2}[A-Z][a-z'’-]+),? (?:of|from|at) \S", text)
    name = found.group(1) if found else ""
    return name if name and guess_kind(name, name)[0] == "named-person" else None
