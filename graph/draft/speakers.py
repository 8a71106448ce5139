"""Speakers: which source a phrase of the text refers to, as the subject of a reporting verb.

:class:`SpeakerReader` reads the subject before a verb (to a clause boundary, over an
appositive, a relative clause, a leading time phrase, a dateline's dash) or the name after
it (``said Olga Rudneva``) and resolves it: an unnamed insider (``a source in the Kremlin``:
anonymous, not the Kremlin), a lower-case institution (``a military court in Kazan``), a
registry or proposed source (:mod:`.names`); a pronoun or description (``it``, ``the
agency``, ``the court's press service``, ``the ruling``, ``its bulletins``: an
institution's documents, :mod:`.institutions`) as the last speaker of that kind, the name or
lower-case description ending in that word before it, or the outlet when its own name has
the word; ``we`` and ``our`` as the outlet (in an interview's answers, :mod:`.interviews`,
the interviewee, and ``I`` too). :mod:`.attribution` builds the chains from it.
"""

from __future__ import annotations

import re

from .institutions import (DOCUMENT_WORDS, INSTITUTION_WORDS, KIND_OF_WORD,
                           described_institution, document_owner, insider, issuer)
from .names import NATIONALITIES, ROLES, normal_name
from .records import Attribution, SourceRef
from .tokens import token_at, tokenize

__all__ = ["SpeakerReader", "SPEECH_VERBS", "OWN_WORK_VERBS", "insider", "INSTITUTION_WORDS",
           "phrase_after",
           "described_institution"]

SPEECH_VERBS = set("""said says say told tells tell reported reports claimed claims claim
estimated estimates estimate wrote writes stated states announced announces added adds noted
notes explained explains revealed reveals confirmed confirms alleged alleges insisted warned
assured assures assure calculates calculated believes admits show admitted acknowledged acknowledges
shows showed found published publishes posted posts tweeted continued recounted described
describes suggested suggests indicated indicates argued argues lowers lowered puts put
informed""".split())
"""Verbs whose subject is the source of what the sentence states."""
OWN_WORK_VERBS = set("""received receives registered recorded helped helps answered
handled processed assisted considered heard issued counted documented logged opened
has""".split()) - {"has"}
"""Verbs of an organisation counting its own activity (``the group received 577 requests``)."""

_NOUNISH = {"reports", "report", "claims", "claim", "estimates", "estimate", "records", "notes",
            "shows", "show", "states", "puts", "put", "posts", "found"}
_DET = {"the", "a", "an", "these", "those", "its", "their", "his", "her", "our", "such", "many",
        "some", "several", "of", "in", "this", "that", "unconfirmed", "no", "any", "all"}
_BOUNDARY = {",", ";", ":", "—", "–", "that", "but", "while", "which", "who", "whereas",
             "because", "if", "when", "and", "."}
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "„"}
_GENERIC_ALONE = {"report", "reports", "study", "data", "figures", "statement", "analysis",
                  "media", "sources", "source", "documents", "estimates", "survey", "poll"
                  } | DOCUMENT_WORDS
_ADVERBS = {"also", "separately", "however", "meanwhile", "later", "earlier", "previously",
            "recently", "now", "then", "has", "had", "have", "had", "further", "last", "week",
            "month", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "on", "yesterday", "today", "again", "itself", "once", "publicly", "only", "in",
            "this", "year", "what", "previously", "repeatedly", "just"}
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "any", "we": "outlet",
             "i": "person"}
_GENERIC = {"agency", "ministry", "group", "outlet", "channel", "court", "network", "project",
            "committee", "count", "lawyer", "soldier", "troop", "officer", "statement", "report",
            "appeal", "organisation", "organization", "service", "newspaper", "paper", "site",
            "broadcaster", "man", "woman", "official", "spokesman", "spokeswoman", "source",
            "movement", "foundation", "military", "army", "authorities", "analysis"}
_MEDIA_WORDS = {"outlet", "newspaper", "paper", "site", "broadcaster", "channel", "agency"}
_MEDIA_KINDS = {"news-outlet", "wire-agency", "broadcaster", "aggregator", "telegram-channel"}
_GENERIC_PEOPLE = {"lawyer", "soldier", "troop", "officer", "man", "woman", "official",
                   "spokesman", "spokeswoman", "source"}
_NOT_A_NAME = set("""were was is are be been being had have has could would will can it they he
she we i how due there here went what when where why if not no this these those its their his
her them us him me one""".split()) | set("""january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday
sunday""".split())
_NATIONAL = {*NATIONALITIES, *(w + "s" for w in NATIONALITIES), "russia's", "ukraine's"}
"""Country words a capitalised word may be without being a name ("Russian officials")."""
_DATA_QUALIFIERS = {"preliminary", "initial", "early", "provisional", "incomplete", "official",
                    "unofficial", "available", "latest", "updated", "recent", "new", "final",
                    "operational", "first", "current", "these", "those", "the"}
"""Words that say what kind of data a phrase means, not whose (``according to preliminary
data``)."""
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_OWNERS = {"its": "it", "their": "they", "his": "he", "her": "she"}
_VERB_NEXT = {"that", ",", ":", "on", "in", "the", "a", "an", "its", "their", "his", "her", "about",
              "more", "over", "up", "at", "as", "some", "nearly", "almost", "around", "it"}
_PASSIVE = {"been", "be", "being", "is", "was", "were", "are"}
_NOT_PER = {"day", "week", "month", "year", "cent", "capita", "hour", "person", "annum", "head"}
_RELAY_VERBS = {"told", "tells", "contacted", "contacts"}
_PERSON_KINDS = {"named-person", "anonymous-person"}
_TIME_LEAD = {"in", "on", "at", "during", "since", "by", "after", "before", "last", "this",
              "early", "late", "earlier", "later", "until"}
_TIME_WORDS = set("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
thursday friday saturday sunday spring summer autumn fall winter day days week weeks month
months year years morning evening night weekend end start beginning middle mid early late last
next this previous past yesterday today""".split())
"""Words of a time phrase before a subject (``In September 2022``, ``Last week``)."""
_BEFORE_BY = {"data", "figures", "statistics", "count", "as", "first", "initially",
              "originally", "also", "earlier"}
_TALKED_TO = {"interview", "interviews", "speaking", "talking", "comments", "remarks",
              "statement"}
"""``speaking to Reuters, X said``: the outlet X talked to is the route."""
_CLOSING = _ADVERBS | _TIME_WORDS | {"on", "in", "a", "an", "its", "their", "his", "her", "the",
                                     "report", "statement", "telegram", "website", "post",
                                     "briefing", "interview", "channel"}
"""Words a closing reporting clause may have after its verb (``..., Reuters reported on
Monday in a statement``)."""
_COURT_VERBS = {"sentenced", "sentences", "jailed", "jails", "convicted", "convicts", "fined",
                "fines", "acquitted"}
"""Verbs of a court's decision: a court as their subject states the sentence it gives."""



class SpeakerReader:
    """Resolves the speakers of one text; remembers who spoke, and to whom."""

    def __init__(self, doc, passages, names, outlet):
        self.doc, self.passages, self.names, self.outlet = doc, passages, names, outlet
        self.speakers: list[str] = []  # in text order
        self.routes: dict[str, str] = {}  # source -> the outlet it talked to
        self.last_chain: Attribution | None = None
        self.interviewer: tuple[str, int] | None = None  # "X interviewed ...": X, where
        self.first_seen: dict[str, int] = {}
        self.last_seen: dict[str, int] = {}  # source -> token of its last cue
        self.current: list = []  # the cues of the sentence being read
        self.pronouns = _PRONOUNS  # an interview's answers make "I" the voice, as "we"

    def span_text(self, i, j) -> str:
        return self.doc[i:j].text if j > i else ""

    def resolve(self, i, j, at) -> tuple[SourceRef | None, str | None]:
        words = [t.lower_ for t in self.doc[i:j] if not t.is_punct]
        if len(words) == 1 and words[0] in _PRONOUNS:
            return self.antecedent(words[0], at)
        first_person = max((n for n, w in enumerate(words) if w in ("our", "we")), default=None)
        if first_person is not None and len(words) - first_person <= 3 and not any(
                t.like_num for t in self.doc[i:j][first_person:]):  # "in 2024 our lawyers"
            return SourceRef(self.outlet, "our", (0, 0), "registry"), '"our" taken as the outlet'
        whole = normal_name(self.span_text(i, j)) in self.names.keys  # an alias as written
        owner = None if whole or insider(self.span_text(i, j)) else document_owner(
            self.span_text(i, j))  # "a source in the prosecutor's office" is no document
        if owner:  # "the court's press service", "letters from the ministry": the court, ...
            sub = tokenize(owner)
            first = [t.lower_ for t in sub if not t.is_punct]
            if len(first) == 2 and first[0] == "the" and first[1] in _GENERIC:
                return self.antecedent(first[1], at)
            return self.names.resolve(owner), "the source of its press service, " \
                "website, statement or document"
        described = self.description(i, j)
        if described is not None:
            return described
        content = [w for w in words if w not in _DATA_QUALIFIERS]
        if issuer(content):  # "the ruling says": the court that ruled
            return self.antecedent(issuer(content), at)
        if len(words) >= 2 and words[0] in _OWNERS and content[1:] and \
                content[-1] in _GENERIC_ALONE:  # "its data": the last source of that kind
            return self.antecedent(_OWNERS[words[0]], at)
        if any(t.like_num or t.lower_ in _NOT_A_NAME and not _ACRONYM.match(t.text)
               for t in self.doc[i:j]) and not self.names.find(self.doc, i, j):
            return None, None  # "US" in "the US National Security Council" is no pronoun
        if not content or (len(content) <= 2 and content[-1] in _GENERIC_ALONE and (
                len(content) == 1 or content[0] in ("a", "the", "new", "one"))):
            return None, None  # "preliminary data", "the latest figures": no one named
        if len(words) == 1 and words[0] in _PRONOUNS or (
                len(words) == 2 and words[0] in ("the", "this") and words[1] in _GENERIC):
            ref, note = self.antecedent(words[-1], at)
            if ref is not None or words[-1] not in _GENERIC_PEOPLE:
                return ref, note
        recent = [sid for sid, _s, _e in self.names.find(self.doc, 0, i)]
        ref = self.names.resolve(self.span_text(i, j), (self.doc[i].idx, self.doc[j - 1].idx
                                                        + len(self.doc[j - 1])), recent)
        if ref is not None and ref.how == "new" and not self.names.notes.get(ref.id):
            mine = set(normal_name(self.names.display(self.outlet)).split())
            if set(normal_name(ref.text).split()) <= mine:
                if ref.id != self.outlet:
                    self.names.forget(ref.id)
                return SourceRef(self.outlet, ref.text, ref.span, "registry"), None
        return ref, self.names.notes.get(ref.id) if ref is not None else None

    def antecedent(self, word, at) -> tuple[SourceRef | None, str | None]:
        want = self.pronouns.get(word) or ("anonymous" if word in _GENERIC_PEOPLE else "org")
        if want == "outlet":
            return SourceRef(self.outlet, word, (0, 0), "registry"), f'"{word}" taken as the outlet'
        described = self.described(word, at)
        candidates = [(c.source.id, c.at) for c in reversed(self.current)] + [
            (sid, self.last_seen.get(sid, -1)) for sid in reversed(self.speakers)]
        for sid, seen in candidates:
            if sid == self.outlet:
                continue
            kind = self.names.source_kind(sid) or ""
            if word in KIND_OF_WORD and kind not in KIND_OF_WORD[word]:
                continue  # "the court" is no news outlet
            if described is not None and seen < described[1]:
                break  # described after the last speaker of that kind
            if want == "person" and kind not in _PERSON_KINDS:
                continue
            if want == "org" and kind in _PERSON_KINDS:
                continue
            if want == "anonymous" and not (kind == "anonymous-person" and (
                    word in self.names.display(sid).lower() or word in ("man", "woman"))):
                continue
            return SourceRef(sid, word, (0, 0), "registry"), \
                f'"{word}" taken to be {self.names.display(sid)}, the last source named'
        named = list(re.finditer(rf"((?:[A-Z][\w'’.-]+ )+{word.capitalize()})\b",
                                 self.doc[:at].text)) if at and word not in _PRONOUNS else []
        if named and want != "anonymous" and (described is None or named[-1].start() > self.doc[
                described[1]].idx):  # "The Yekaterinburg Garrison Military Court ..."
            ref = self.names.resolve(named[-1].group(1))
            if ref is not None:
                return ref, f'"the {word}" taken to be {named[-1].group(1)}, named before it'
        if described is not None:
            return described[0], described[2]
        if word not in _PRONOUNS and re.search(rf"\b{re.escape(word)}\b",
                                               self.names.display(self.outlet).lower()):
            return SourceRef(self.outlet, word, (0, 0), "registry"), \
                f'"the {word}" taken to be the outlet, {self.names.display(self.outlet)}'
        if want in ("org", "any") and word not in _PRONOUNS:  # "the outlet": the last source
            # of that kind the text names
            media = word in _MEDIA_WORDS
            for sid, _s, _e in reversed(self.names.find(self.doc, 0, at)):
                kind = self.names.source_kind(sid) or ""
                if sid == self.outlet:
                    continue
                if (kind in _MEDIA_KINDS) if media else kind not in _PERSON_KINDS:
                    return SourceRef(sid, word, (0, 0), "registry"), \
                        f'"the {word}" taken to be {self.names.display(sid)}, named before it'
        return None, None

    def description(self, i, j) -> tuple[SourceRef, str | None] | None:
        """Tokens ``[i, j)`` as an unnamed insider (``a source in the Kremlin``: anonymous,
        not the Kremlin) or an institution described in lower case (``a military court in
        Kazan``); None for any other phrase."""
        if j <= i:
            return None
        phrase = self.span_text(i, j)
        span = (self.doc[i].idx, self.doc[j - 1].idx + len(self.doc[j - 1]))
        if normal_name(phrase) in self.names.keys:
            return None
        who = insider(phrase)
        if who is not None:
            ref = self.names.insider(*who, phrase, span)
            return ref, self.names.notes.get(ref.id)
        head = next((t.lower_ for t in self.doc[i:j] if t.lower_ in INSTITUTION_WORDS), None)
        found = described_institution(phrase, head) if head else None
        if found and found[2] >= len(phrase.rstrip(" .,;:")):
            return self.names.institution(found[0], phrase, span), None
        return None

    def described(self, word, at) -> tuple[SourceRef, int, str] | None:
        """The institution of kind *word* the text describes in lower case before token
        *at* (``a military court in Rostov-on-Don``): the registry source that fits the
        description, else a proposed one; with the token where it is described and a note."""
        if not at or word not in INSTITUTION_WORDS:
            return None
        found = described_institution(self.doc[:at].text, word)
        if found is None:
            return None
        name, start, end = found
        ref = self.names.institution(name, name, (self.doc[0].idx + start,
                                                  self.doc[0].idx + end))
        note = f'"the {word}" taken to be the {name[:1].lower() + name[1:]} described before it'
        return ref, token_at(self.doc, self.doc[0].idx + start), note

    def left(self, k, start) -> tuple[int, int]:
        """The subject before token *k*: back to a boundary, over one appositive."""
        j = k
        while j > start and self.doc[j - 1].lower_ in _ADVERBS:
            j -= 1
        if j > start and self.doc[j - 1].lower_ in _PRONOUNS:
            return j - 1, j  # "Agora told Reuters it had received": the pronoun alone
        i = j
        while i > start and not self.stop(i - 1) and j - i < 12:
            i -= 1
        if i == j and i > start and self.doc[i - 1].text == ",":  # "Agora, a group, told"
            m = i - 1
            while m > start and self.doc[m - 1].text != ",":
                m -= 1
            inner = (m, i - 1)
            if m > start:
                j, i = m - 1, m - 1
                while i > start and not self.stop(i - 1) and j - i < 12:
                    i -= 1
                role = [t.lower_ for t in self.doc[inner[0]:inner[0] + 4] if t.lower_ in ROLES]
                if (self.names.find(self.doc, *inner) and not self.names.find(self.doc, i, j)
                        or _proper(self.doc, *inner) and not _proper(self.doc, i, j)) and not (
                        role and _proper(self.doc, i, j)) and self.doc[inner[0]].lower_ not in \
                        _TALKED_TO:  # "Yusov, a HUR spokesman, said"; not "X, speaking to Y,"
                    i, j = inner
        if i == j and i > start and self.doc[i - 1].lower_ in ("who", "which", "whose"):
            j = i = i - 1  # "Lawyers who advise men said": the subject is before "who"
            while i > start and not self.stop(i - 1) and j - i < 12:
                i -= 1
        elif i > start and self.doc[i - 1].lower_ in ("who", "which", "whose") and i < j:
            m = i - 1
            n = m
            while n > start and not self.stop(n - 1) and m - n < 12:
                n -= 1
            if n < m:
                i, j = n, m
        while i < j and self.doc[i].lower_ in ("also", "separately", "however", "meanwhile"):
            i += 1
        return self.past_time(i, j), j

    def past_time(self, i, j) -> int:
        """The start of a subject after the time phrase it begins with (``In September 2022
        Defence Minister Sergei Shoigu``, ``On Tuesday the ministry``, ``Last week Agora``)."""
        doc = self.doc
        if i >= j or doc[i].lower_ not in _TIME_LEAD:
            return i
        k = i + (doc[i].lower_ not in _TIME_WORDS)
        while k < j and (doc[k].like_num or doc[k].lower_ in _TIME_WORDS or doc[k].lower_ in (
                "the", "of") and k + 1 < j and doc[k + 1].lower_ in _TIME_WORDS):
            k += 1
        return k if i < k < j and k > i + (doc[i].lower_ not in _TIME_WORDS) else i

    def stop(self, index) -> bool:
        """Whether token *index* ends a subject read leftwards: a clause boundary, a dash
        between spaces (a dateline's), or another reporting verb."""
        t = self.doc[index]
        return t.lower_ in _BOUNDARY or t.lower_ in SPEECH_VERBS or t.lower_ in OWN_WORK_VERBS \
            or (t.text in ("-", "–", "—") and index > 0 and self.doc[index - 1].whitespace_)

    def right(self, k, end) -> tuple[int, int]:
        """A name after token *k* (``said Olga Rudneva``, ``told The Journal soldiers``)."""
        i = k + 1
        while i < end and self.doc[i].lower_ in _ADVERBS:
            i += 1
        j = i
        while j < end and j - i < 8:
            t = self.doc[j]
            if t.is_punct and t.text not in ("-", "'s", "’s") or t.lower_ in _BOUNDARY:
                break
            if j > i and t.is_lower and self.doc[j - 1].text[:1].isupper() and \
                    t.lower_ not in ("of", "for", "to"):
                break
            if t.lower_ in ("on", "in", "at", "by", "that", "it", "he", "she", "they", "soldiers"):
                if j > i:
                    break
            j += 1
        return i, j


def phrase_after(doc, i, end) -> tuple[int, int]:
    """The tokens ``[i, j)`` of the phrase a cue introduces (``according to`` *X*, ``citing``
    *X*): up to a clause mark, a relative pronoun or another ``citing``, 14 tokens at most."""
    j = i
    while j < end and doc[j].text not in (",", ";", ".", ":", "(", "—") and \
            doc[j].lower_ not in ("that", "which", "who", "citing") and j - i < 14:
        j += 1
    return i, j


def _proper(doc, i, j) -> bool:
    return any(t.text[:1].isupper() and t.lower_ not in _DET | _NATIONAL and t.i > i
               or t.text[:1].isupper() and t.lower_ not in _DET | _NATIONAL and t.i == i
               and doc[i].lower_ not in _DET for t in doc[i:j])
