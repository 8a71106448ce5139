"""Sources named in a text, resolved against the registry or proposed as new ones.

:class:`SourceNames` resolves a name as the text writes it (``the independent outlet
Mediazone``, ``Ukraine's military intelligence agency (HUR)``, ``lawyer Pavel Chikov``):
first a registry id, name or alias, case and punctuation insensitive; then a registry name
inside the phrase (found with a spaCy ``PhraseMatcher``); then a close name (fuzzy, above
:data:`FUZZY_CUTOFF`); and a name that resolves to nothing becomes a
:class:`~credgraph.draft.records.ProposedSource`: the proper name of the phrase, with a
kind guessed from the words around it (``news site`` a news outlet, ``rights group``, a
court, a Telegram channel; a person named after their role, found by an ``entity_ruler``)
and reliability F until the analyst reviews it.
Unnamed people (``the soldier``, ``an official``, ``relatives``) become one anonymous source
per report and description.

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
"""

from __future__ import annotations

import difflib
import re

from .records import ProposedSource, SourceRef
from .tokens import matches, phrase_matcher, tokenize

__all__ = ["SourceNames", "normal_name", "FUZZY_CUTOFF", "guess_kind", "slug"]

FUZZY_CUTOFF = 0.88
"""How close (difflib ratio) a name must be to a registry name to be taken for it."""

_PEOPLE = set("""soldier officer serviceman servicewoman source official lawyer man woman troop
fighter commander resident blogger analyst expert spokesman spokeswoman spokesperson prisoner
witness relative mother wife father brother sister marine guardsman conscript volunteer
interlocutor insider deserter veteran medic doctor journalist reporter correspondent""".split())
_GROUPS = {p + "s" for p in _PEOPLE} | {"men", "women", "people", "relatives", "families",
                                        "officials", "analysts", "experts", "sources",
                                        "authorities", "bloggers", "activists", "residents",
                                        "lawyers", "outlets", "media", "prosecutors", "groups",
                                        "organisations", "organizations", "servicemen"}
NATIONALITIES = set("""russian ukrainian belarusian british american us uk european western
german french polish chinese iranian israeli georgian moldovan kazakh chechen""".split())
_DETERMINERS = {"the", "a", "an", "one", "another", "some", "its", "his", "her", "their", "our",
                "this", "that", "these", "those", "several", "various", "unnamed", "anonymous",
                "other", "many", "two", "three"}
_KINDS = [  # (pattern over the lower-case phrase, kind), first match wins
    (r"telegram|\bchannel\b|\bz-channel\b", "telegram-channel"),
    (r"\bcourt\b|tribunal|\bjudge\b", "court"),
    (r"defen[cs]e ministry|ministry of defen[cs]e|\bmod\b", "defence-ministry"),
    (r"intelligence|\bhur\b|\bgur\b", "military-intelligence"),
    (r"statistics|\bdata\b|records|documents|register|database|registry", "official-register"),
    (r"news agency|wire|press agency|\bagency\b.*news", "wire-agency"),
    (r"\btv\b|television|radio|broadcast", "broadcaster"),
    (r"human rights|rights group|rights organi[sz]ation", "human-rights-group"),
    (r"\bun\b|united nations|osce|nato|european union|\bicrc\b|\biaea\b", "intergovernmental-organisation"),
    (r"ministry|government|kremlin|administration|governor|mayor|authorities|press service|"
     r"prosecutor|\bgeneral staff\b|headquarters|\bagency\b|parliament|duma", "government"),
    (r"\barmy\b|brigade|regiment|battalion|division|\bcorps\b|armed forces|\bunit\b", "military-unit"),
    (r"news|outlet|newspaper|\bsite\b|website|magazine|journal|times|\bpost\b|gazette|daily|"
     r"media|courier|tribune|herald|monitor|\bpaper\b", "news-outlet"),
    (r"\bngo\b|project|group|network|committee|movement|foundation|organi[sz]ation|initiative|"
     r"association|union|red cross|charity|hotline|cent(?:re|er)|coalition|\bfund\b", "ngo"),
]


_SAME_AS = {"troop": "soldier", "serviceman": "soldier", "fighter": "soldier",
            "troops": "soldiers", "servicemen": "soldiers"}


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


def slug(text: str) -> str:
    """A registry id made from a name: lower-case letters, digits and hyphens.

    >>> slug("Call to Conscience"), slug("OVD-Info"), slug("Медиазона")
    ('call-to-conscience', 'ovd-info', 'source')
    """
    out = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", text.casefold())).strip("-")
    return out[:60].rstrip("-") or "source"


def guess_kind(phrase: str, name: str) -> tuple[str, str]:
    """The kind of a source the registry lacks, guessed from the phrase that names it,
    and the words the guess rests on."""
    low = phrase.casefold()
    for pattern, kind in _KINDS:
        found = re.search(pattern, low)
        if found:
            return kind, found.group(0)
    words = name.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
        return "named-person", "a first and last name"
    return "news-outlet", "nothing in the text (default)"


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
                bare = re.sub(r"\s*\([^)]*\)", "", name).strip()  # "X (HUR)" -> "X", "HUR"
                inner = re.findall(r"\(([^)]+)\)", name)
                for variant in {name, bare, *inner}:
                    if not variant or variant.casefold() in ("the", "russia", "ukraine"):
                        continue
                    self.keys.setdefault(normal_name(variant), source.id)
                    short_caps = variant.isupper() and len(variant) <= 5
                    (exact if short_caps else phrases).setdefault(source.id, []).append(variant)
        import hashlib

        key = "draft-names-" + hashlib.sha1(repr((sorted((k, sorted(v)) for k, v in phrases.items()),
                                                  sorted((k, sorted(v)) for k, v in exact.items())))
                                            .encode()).hexdigest()
        self._lower = phrase_matcher(key + "-lower", phrases, "LOWER")
        self._orth = phrase_matcher(key + "-orth", exact, "ORTH")
        self.proposed: dict[str, ProposedSource] = {}
        self._proposed_by_name: dict[str, str] = {}

    def find(self, doc, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """Registry names in tokens ``[start, end)`` of *doc*: ``(id, start, end)``."""
        span = doc[start:len(doc) if end is None else end]
        found = [(label, s, e) for m in (self._lower, self._orth)  # offsets into the doc
                 for label, s, e in matches(m, span)]
        return sorted(found, key=lambda x: (x[1], -(x[2] - x[1])))

    def resolve(self, phrase: str, span: tuple[int, int] = (0, 0),
                recent: list[str] = ()) -> SourceRef | None:
        """The source *phrase* names, or a proposed one; None for a phrase that names no
        one (empty, or lower-case words without a person, group or kind of source).
        *recent* are the ids of the sources the text named before, in order: a
        description (``the soldier``) that fits several registry sources takes the one
        whose name mentions the source named last."""
        text = re.split(r"\s(?:that|who|which|whose|where)\s", f" {phrase} ")[0]
        text = " ".join(text.strip(" \t\n,.;:\"'“”‘’()[]").split())
        if not text or not any(c.isalpha() for c in text):
            return None
        key = normal_name(text)
        if key in self.keys:
            return SourceRef(self.keys[key], text, span, "registry")
        doc = tokenize(text)
        inside = self.find(doc)
        if inside:
            best = max(inside, key=lambda x: (x[2] - x[1], -x[1]))
            return SourceRef(best[0], text, span, "registry")
        surname = self._surnames().get(key) if " " not in key and text[:1].isupper() else None
        if surname:  # "Chikov" after "Pavel Chikov"
            return SourceRef(surname, text, span, "registry" if surname in self.registry else "new")
        close = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=FUZZY_CUTOFF)
        if close and (set(key.split()) < set(close[0].split()) or set(close[0].split()) <
                      set(key.split())):
            close = []  # "Defence Ministry" is not "UK Defence Ministry": a description
        if close and len(key) >= 5:
            return SourceRef(self.keys[close[0]], text, span, "fuzzy")
        described = self._described(key, recent)
        if described:
            return SourceRef(described, text, span, "described")
        return self._propose(text, doc, span)

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
        person = _person(text)
        if person:  # "project coordinator Grigory Sverdlin", "lawyer Pavel Chikov"
            return self.propose(slug(person), person, "named-person", False, text, span,
                                "a person's name after their role")
        words = [t for t in doc if not t.is_punct]
        lower = [t.lower_ for t in words]
        proper = _proper_tail(doc)
        head = next((w for w in reversed(lower) if w in _PEOPLE | _GROUPS), None)
        if proper and head and set(normal_name(proper).split()) <= NATIONALITIES:
            proper = None  # "Russian media", "Ukrainian officials": unnamed, of a country
        if not proper and head:
            group = head in _GROUPS
            described = " ".join(w for w in lower if w not in _DETERMINERS)
            sid = f"{self.report_id}-{slug(described)[:40].rstrip('-')}"
            name = f"Unnamed {described} cited in report {self.report_id}"
            kind = "anonymous-group" if group else "anonymous-person"
            why = f"the text names no one ('{text}')"
            return self.propose(sid, name, kind, True, text, span, why)
        name = proper or " ".join(w.text for w in words if w.lower_ not in _DETERMINERS) or text
        kind, basis = guess_kind(text, name)
        if not proper and basis == "nothing in the text (default)":
            return None  # lower-case words that name no one ("tracks court")
        return self.propose(slug(name), name, kind, False, text, span, f"kind guessed from {basis!r}")

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
        self.keys.setdefault(key, sid)
        return SourceRef(sid, text, span, "new")

    def forget(self, source_id: str) -> None:
        """Drop a proposal (the name turned out to be a known source)."""
        self.proposed.pop(source_id, None)
        self._proposed_by_name = {k: v for k, v in self._proposed_by_name.items()
                                  if v != source_id}

    def _surnames(self) -> dict[str, str]:
        """Last names of the people known or proposed, when only one person has it."""
        people = [(s.id, s.name) for s in self.registry if s.kind == "named-person"]
        people += [(p.id, p.name) for p in self.proposed.values() if p.kind == "named-person"]
        found: dict[str, list[str]] = {}
        for sid, name in people:
            parts = normal_name(name).split()
            if len(parts) >= 2:
                found.setdefault(parts[-1], []).append(sid)
        return {k: v[0] for k, v in found.items() if len(set(v)) == 1}

    def source_kind(self, source_id: str) -> str | None:
        """The kind of a registry or proposed source."""
        if source_id in self.registry:
            return self.registry[source_id].kind
        found = self.proposed.get(source_id)
        return found.kind if found else None

    def display(self, source_id: str) -> str:
        """How a statement names the source: its registry name, or the proposed name."""
        if source_id in self.registry:
            return self.registry[source_id].name
        found = self.proposed.get(source_id)
        return found.name if found else source_id


_ROLES = set("""lawyer attorney spokesman spokeswoman spokesperson coordinator director head
chairman chairwoman founder leader president minister general colonel major captain governor
mayor commander analyst researcher expert journalist reporter correspondent activist blogger
officer soldier judge prosecutor deputy adviser advisor secretary chief ombudsman""".split())


def _person(text: str) -> str | None:
    """A person named after their role, found by the pipeline's ``entity_ruler``."""
    from .tokens import language

    nlp = language()
    if "entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": "PERSON", "pattern": [
            {"LOWER": {"IN": sorted(_ROLES)}}, {"IS_TITLE": True, "IS_ALPHA": True},
            {"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"}]}])
    for ent in nlp(text).ents:
        if ent.label_ == "PERSON" and ent.end == len(ent.doc) or ent.label_ == "PERSON" and \
                not ent.doc[ent.end].is_title:
            words = [t.text for t in ent if t.lower_ not in _ROLES]
            if 2 <= len(words) <= 4:
                return " ".join(words)
    return None


def _proper_tail(doc) -> str:
    """The proper name in a phrase: the longest run of capitalised words (with ``of``,
    ``for``, ``to``, ``and``) that ends the phrase (``independent news site Verstka`` ->
    ``Verstka``; ``the Russian Red Cross`` -> ``Russian Red Cross``; ``A Z-channel`` ->
    ``Z-channel``; ``Call to Conscience`` whole)."""
    words = [w.strip("\"'“”‘’(),.;:") for w in doc.text.split()]
    words = [w for w in words if w]
    while words and not words[-1][:1].isupper():
        words = words[:-1]
    start = None
    for index in range(len(words) - 1, -1, -1):
        w = words[index]
        if w[:1].isupper() and w.lower() not in _DETERMINERS:
            start = index
        elif w.lower() in ("of", "for", "to", "and", "&", "on") and start is not None:
            continue
        else:
            break
    return " ".join(words[start:]) if start is not None else ""
