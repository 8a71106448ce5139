"""Sources named in a text, resolved against the registry or proposed as new ones.

:class:`SourceNames` resolves a name as the text writes it (``the independent outlet
Mediazone``, ``Ukraine's military intelligence agency (HUR)``): a registry id, name or alias
(case and punctuation insensitive); a person after a title (``Defence Minister Sergei
Shoigu``, found by an ``entity_ruler``) or before their group (``Pavel Chikov of Agora``); a
registry name inside the phrase (a spaCy ``PhraseMatcher``); a close name (fuzzy, above
:data:`FUZZY_CUTOFF`); else a :class:`~credgraph.draft.records.ProposedSource`, the proper
name of the phrase with a kind guessed from the words around it, reliability F until the
analyst reviews it. Unnamed people (``the soldier``, ``relatives``, ``a source in the
Kremlin``) become one anonymous source per report and description.

>>> from credgraph.model import Registry, Source
>>> names = SourceNames(Registry([Source("mediazona", "Mediazona", "news-outlet", "B", "r",
...                                      aliases=("Mediazone",))]), "r1")
>>> [(r.id, r.how) for r in (names.resolve("the independent outlet Mediazone"),
...                          names.resolve("MediaZona's"), names.resolve("Mediazonna"))]
[('mediazona', 'registry'), ('mediazona', 'registry'), ('mediazona', 'fuzzy')]
>>> ref = names.resolve("independent news site Verstka")
>>> ref.id, names.proposed[ref.id].kind
('verstka', 'news-outlet')
>>> names.resolve("the soldier").id, names.proposed["r1-soldier"].anonymous
('r1-soldier', True)
>>> names.resolve("A soldier serving near Bakhmut").id  # a place, not a name of theirs
'r1-soldier-serving-near-bakhmut'
"""

from __future__ import annotations

import difflib
import hashlib
import re

from .kinds import COUNTRY_CODES, NATIONALITIES, NO_KIND, ROLES, TITLE_WORDS, guess_kind, \
    person_after_title, person_of
from .proposals import DETERMINERS as _DETERMINERS, GROUP_WORDS as _GROUPS, PEOPLE_WORDS, \
    PERSON_WORDS as _PEOPLE, name_proposal, normal_name
from .records import ProposedSource, SourceRef
from .tokens import longest_only, matches, phrase_matcher, tokenize

__all__ = ["SourceNames", "normal_name", "FUZZY_CUTOFF", "guess_kind", "slug", "PEOPLE_WORDS",
           "NATIONALITIES", "ROLES", "TITLE_WORDS", "person_after_title"]

FUZZY_CUTOFF = 0.88
"""How close (difflib ratio) a name must be to a registry name to be taken for it."""

_SAME_AS = {"troop": "soldier", "serviceman": "soldier", "fighter": "soldier",
            "troops": "soldiers", "servicemen": "soldiers"}


def slug(text: str) -> str:
    """A registry id made from a name: lower-case letters, digits and hyphens.

    >>> slug("Call to Conscience"), slug("OVD-Info"), slug("Медиазона")
    ('call-to-conscience', 'ovd-info', 'source')
    """
    out = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", text.casefold())).strip("-")
    return out[:60].rstrip("-") or "source"


def name_variants(name: str) -> set[str]:
    """The forms of a source's name a text may use: as it is, without a parenthesis, and
    what the parenthesis holds.

    >>> sorted(name_variants("Defence Intelligence of Ukraine (HUR)"))
    ['Defence Intelligence of Ukraine', 'Defence Intelligence of Ukraine (HUR)', 'HUR']
    """
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return {v for v in (name, bare, *re.findall(r"\(([^)]+)\)", name))
            if v and v.casefold() not in ("the", "russia", "ukraine")}


class SourceNames:
    """Resolves source names against one registry; collects the proposed new sources."""

    def __init__(self, registry, report_id: str, input_name: str = "the input"):
        self.registry, self.report_id, self.input_name = registry, report_id, input_name
        self.keys: dict[str, str] = {}
        phrases: dict[str, list[str]] = {}
        exact: dict[str, list[str]] = {}
        for source in registry:
            for name in (source.id, source.name, *source.aliases):
                self.keys.setdefault(normal_name(name), source.id)
                for variant in name_variants(name):
                    self.keys.setdefault(normal_name(variant), source.id)
                    short_caps = variant.isupper() and len(variant) <= 5
                    (exact if short_caps else phrases).setdefault(source.id, []).append(variant)
        key = "draft-names-" + hashlib.sha1(repr([sorted((k, sorted(v)) for k, v in d.items())
                                                  for d in (phrases, exact)]).encode()).hexdigest()
        self._lower = phrase_matcher(key + "-lower", phrases, "LOWER")
        self._orth = phrase_matcher(key + "-orth", exact, "ORTH")
        self._key = key
        self.proposed: dict[str, ProposedSource] = {}
        self.notes: dict[str, str] = {}
        self._proposed_by_name: dict[str, str] = {}

    def find(self, doc, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """Registry names in tokens ``[start, end)`` of *doc*: ``(id, start, end)``."""
        end = len(doc) if end is None else end
        found = [(label, s, e) for every in self._matched(doc)  # offsets into the doc
                 for label, s, e in longest_only([h for h in every if start <= h[1]
                                                  and h[2] <= end])
                 if not _compounded(doc, s, e)]
        return sorted(found, key=lambda x: (x[1], -(x[2] - x[1])))

    def _matched(self, doc) -> tuple[list, list]:
        """Every match of each matcher in the whole of *doc*, all of them (a phrase matcher
        reads tokens alone, so those inside a span are its matches), made once per doc:
        a text asks for the names before each of its phrases."""
        key = ("credgraph-names", self._key)
        if key not in doc.user_data:
            doc.user_data[key] = tuple(matches(m, doc, longest=False)
                                       for m in (self._lower, self._orth))
        return doc.user_data[key]

    def resolve(self, phrase: str, span: tuple[int, int] = (0, 0),
                recent: list[str] = (), propose: bool = True) -> SourceRef | None:
        """The source *phrase* names, or a proposed one (with *propose*); None for a phrase
        that names no one. *recent* are the ids of the sources named before, in order: a
        description (``the soldier``) that fits several registry sources takes the one
        whose name mentions the source named last."""
        text = re.split(r"\s(?:that|who|which|whose|where|(?:interviewed|quoted|contacted|reached)"
                        r"\s+by)\s", f" {phrase} ")[0]  # "a commander interviewed by X": him
        text = " ".join(text.strip(" \t\n,.;:\"'“”‘’()[]").split())
        text = _TRAILING_TIME.sub("", text)  # "RIA Novosti on Monday": RIA Novosti
        if not text or not any(c.isalpha() for c in text):
            return None
        key = normal_name(text)
        if key in self.keys:
            return SourceRef(self.keys[key], text, span, "registry")
        doc = tokenize(text)
        inside = [h for h in self.find(doc) if not _modifier(doc, h)]
        person = (person_after_title(text) or person_of(text)) if " " in text else None
        if person and not any(normal_name(doc[s:e].text) == normal_name(person)
                              for _sid, s, e in inside):
            return self._titled(person, text, span, inside, propose)
        if inside:
            best = max(inside, key=lambda x: (x[2] - x[1], -x[1]))
            return SourceRef(best[0], text, span, "registry")
        surname = self._surnames().get(key) if " " not in key and text[:1].isupper() else None
        if surname:  # "Chikov" after "Pavel Chikov"
            return SourceRef(surname, text, span, "registry" if surname in self.registry else "new")
        national = self._national(key)
        if national:  # "the Russian Ministry of Defence": the registry's Russian one
            return SourceRef(national, text, span, "registry")
        close = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=FUZZY_CUTOFF)
        if close and {w for w in key.split() if w in COUNTRY_CODES} != {
                w for w in close[0].split() if w in COUNTRY_CODES}:
            close = []  # "Russian Ministry of Defence" is not "UK Ministry of Defence"
        if close and (set(key.split()) < set(close[0].split()) or set(close[0].split()) <
                      set(key.split())):
            close = []  # "Defence Ministry" is not "UK Defence Ministry": a description
        if close and key in NATIONALITIES:
            close = []  # "Russian" (equipment losses) is an adjective, not Russia
        if close and len(key) >= 5:
            return SourceRef(self.keys[close[0]], text, span, "fuzzy")
        described = self._described(key, recent)
        if described:
            return SourceRef(described, text, span, "described")
        return self._propose(text, doc, span) if propose else None

    def _national(self, key: str) -> str | None:
        """The registry's one source of the kind an institution's words say, of the country
        the word before them names (``russian ministry of defence``), or None."""
        words = key.split()
        if len(words) < 3 or words[0] not in COUNTRY_CODES:
            return None
        kind, _basis = guess_kind(" ".join(words[1:]), " ".join(words[1:]))
        if kind not in ("defence-ministry", "military-intelligence", "government"):
            return None  # an authority's kind; "Russian Red Cross" is a name
        fits = [s.id for s in self.registry if s.kind == kind and
                (s.country or "").upper() == COUNTRY_CODES[words[0]]]
        return fits[0] if len(fits) == 1 else None

    def _titled(self, person: str, text: str, span, inside, propose) -> SourceRef | None:
        """A person named after a title (``HUR spokesman Andriy Yusov``): the registry's
        person, else a proposed one; the institution the title names is only a note."""
        ref = self.resolve(person, span, propose=False)
        if ref is not None or not propose:
            return ref and SourceRef(ref.id, text, span, ref.how)
        ref = self.propose(slug(person), person, "named-person", False, text, span,
                           "a person's name after their role")
        return self._note(ref, person if inside else "", inside[0][0] if inside else None)

    def _note(self, ref: SourceRef, note: str, sid: str | None) -> SourceRef:
        """Keep *note* for the analyst on *ref*, ending with the source *sid* it may speak
        for."""
        if sid is not None:
            note += f" may speak for {self.display(sid)} ({sid}): set its speaks_for if so"
        if note:
            self.notes.setdefault(ref.id, note)
        return ref

    def insider(self, description: str, institution: str, plural: bool, text: str,
                span=(0, 0)) -> SourceRef:
        """An unnamed insider of an institution (``a source in the Kremlin``): the
        registry's anonymous source whose name has the words of the *description*, else a
        proposed anonymous source, with a note on the institution it may speak for."""
        words = set(normal_name(description).split()) - _DETERMINERS
        for source in self.registry:
            if source.kind.startswith("anonymous") and words <= set(
                    normal_name(source.name).split()):
                return SourceRef(source.id, text, span, "described")
        where = self.resolve(institution, propose=False) if institution else None
        context = f"an insider of {institution}, not {institution} itself" if institution \
            else "an insider"
        ref = self._unnamed(description, plural, text, span,
                            f"the text names no one ('{text}'): {context}")
        return self._note(ref, f'"{text}" is an unnamed source ({context})' + (
            "; it" if where else ""), where and where.id)

    def _unnamed(self, described: str, plural: bool, text: str, span, why) -> SourceRef:
        """One anonymous source per report and description."""
        return self.propose(f"{self.report_id}-{slug(described)[:40].rstrip('-')}",
                            f"Unnamed {described} cited in report {self.report_id}",
                            "anonymous-group" if plural else "anonymous-person", True, text,
                            span, why)

    def _described(self, key: str, recent) -> str | None:
        """A registry source whose name describes the phrase: ``the soldier`` and the
        registry's "Anonymous soldier interviewed by Reuters", ``military documents`` and
        "Russian military documents obtained by ...". Several fit: the one whose name
        mentions the source the text named last; none of them does: no match."""
        words = [_SAME_AS.get(w, w) for w in key.split() if w not in _DETERMINERS]
        if not words:
            return None
        person = len(words) <= 3 and words[-1] in _PEOPLE
        if not person and len(words) < 2:
            return None
        fits = []
        for source in self.registry:
            name = {_SAME_AS.get(w, w) for w in normal_name(source.name).split()}
            if person and source.kind == "anonymous-person" and words[-1] in name or \
                    not person and not source.kind.endswith("person") and set(words) <= name:
                fits.append(source)
        if len(fits) == 1:
            return fits[0].id
        best, rank = None, -1
        for source in fits:
            name = normal_name(source.name)
            for index, sid in enumerate(recent):
                other = self.registry.sources.get(sid)
                if other is not None and sid != source.id and index > rank and any(
                        re.search(rf"\b{re.escape(normal_name(n))}\b", name)
                        for n in (other.name, *other.aliases) if len(n) > 2):
                    best, rank = source.id, index
        return best

    def _propose(self, text: str, doc, span) -> SourceRef | None:
        naming = name_proposal(text, doc)
        if naming.unnamed:
            return self._unnamed(naming.name, naming.plural, text, span,
                                 f"the text names no one ('{text}')")
        kind, basis = guess_kind(text, naming.name)
        if naming.placed and basis == NO_KIND:  # "Latvia's border guard"
            kind, basis = "government", "a place's institution"
        if not naming.proper and not naming.placed and basis == NO_KIND:
            return None  # lower-case words that name no one ("tracks court")
        return self.propose(slug(naming.name), naming.name, kind, False, text, span,
                            f"kind guessed from {basis!r}")

    def institution(self, name: str, text: str, span=(0, 0)) -> SourceRef:
        """An institution described, not named (``Military court in Rostov-on-Don``): the
        registry source whose name has its words, else one proposed under the description."""
        description, place = re.match(r"(.+?) (?:in|of|for|at) (?:the )?(.+)$", name).groups()
        ref = self.resolve(f"{place} {description}", span, propose=False)
        if ref is not None:
            return SourceRef(ref.id, text, span, ref.how)
        kind, basis = guess_kind(name, name)
        return self.propose(slug(name), name, kind, False, text, span,
                            f"described, not named, in the text; kind guessed from {basis!r}")

    def propose(self, sid, name, kind, anonymous, text, span, why) -> SourceRef:
        """Propose a new source (or return the one proposed under this name before); the
        id gets a suffix when the registry or an earlier proposal has it."""
        key = normal_name(name)
        if key in self._proposed_by_name:
            return SourceRef(self._proposed_by_name[key], text, span, "new")
        base, n = sid, 2
        while sid in self.registry or sid in self.proposed:
            sid, n = f"{base}-{n}", n + 1
        aliases = (text,) if normal_name(text) != key and len(text) <= 80 else ()
        reason = (f"Added by credgraph draft from {self.input_name}; awaits review: {why}, "
                  "reliability cannot be judged yet.")
        self.proposed[sid] = ProposedSource(sid, name, kind, anonymous, reason, aliases)
        self._proposed_by_name[key] = sid
        for variant in (name, *name_variants(name)):  # "X (ABC)": "X" and "ABC" too
            self.keys.setdefault(normal_name(variant), sid)
        return SourceRef(sid, text, span, "new")

    def alias(self, source_id: str, name: str) -> None:
        """Let *name* resolve to *source_id* too (unless it names a source already)."""
        self.keys.setdefault(normal_name(name), source_id)

    def forget(self, source_id: str) -> None:
        """Drop a proposal (the name turned out to be another source's): no name resolves
        to it any more."""
        self.proposed.pop(source_id, None)
        self._proposed_by_name = {k: v for k, v in self._proposed_by_name.items()
                                  if v != source_id}
        self.keys = {k: v for k, v in self.keys.items() if v != source_id}

    def _surnames(self) -> dict[str, str]:
        """Last names of the people known or proposed, when only one person has it."""
        found: dict[str, set[str]] = {}
        for p in (*self.registry, *self.proposed.values()):
            parts = normal_name(p.name).split()
            if p.kind == "named-person" and len(parts) >= 2:
                found.setdefault(parts[-1], set()).add(p.id)
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def source_kind(self, source_id: str) -> str | None:
        """The kind of a registry or proposed source."""
        found = self.registry.sources.get(source_id) or self.proposed.get(source_id)
        return found.kind if found else None

    def country(self, source_id: str) -> str | None:
        """A source's country: the registry's, else its proposed name's first word's (``UK
        Defence Intelligence``: GB)."""
        found = self.registry.sources.get(source_id) or self.proposed.get(source_id)
        first = normal_name(found.name).split()[:1] if found else []
        return (getattr(found, "country", None) or "").upper() or COUNTRY_CODES.get(
            first[0] if first else "") if found else None

    def display(self, source_id: str) -> str:
        """How a statement names the source: its registry name, or the proposed name."""
        found = self.registry.sources.get(source_id) or self.proposed.get(source_id)
        return found.name if found else source_id


_TRAILING_TIME = re.compile(
    r"\s+(?:on|last|this|earlier|late|early|on the)\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|morning|afternoon|evening|night|weekend)$")
"""A time phrase ending a name as the text runs on (``RIA Novosti on Monday ran ...``)."""


def _modifier(doc, hit) -> bool:
    """Whether a one-word registry name found in a phrase only begins a longer name (``Kyiv``
    in ``the Kyiv Sentinel``, ``Moscow`` in ``the Moscow Herald``): not that source."""
    _sid, s, e = hit
    return e - s == 1 and e < len(doc) and doc[e].is_title and doc[e].lower_ not in (
        "telegram", "'s", "’s") and doc[s].is_title


def _compounded(doc, s: int, e: int) -> bool:
    """Whether tokens ``[s, e)`` are one part of a hyphenated word (``Kremlin`` in
    ``pro-Kremlin``, ``Moscow`` in ``Moscow-based``): an attribute, no name of a source."""
    around = doc[max(s - 2, 0):min(e + 2, len(doc))]  # doc.text would join the whole doc
    text, base = around.text, around.start_char
    a, b = doc[s].idx - base, doc[e - 1].idx + len(doc[e - 1]) - base
    return a >= 2 and text[a - 1] in "-‑" and text[a - 2].isalpha() or \
        b + 1 < len(text) and text[b] in "-‑" and text[b + 1].isalpha()
