"""Speakers: which source a phrase of the text refers to, as the subject of a reporting verb.

:class:`SpeakerReader` reads the subject before a verb (to a clause boundary, over an
appositive, a relative clause, a leading time phrase, a dateline's dash) or the name after
it (``said Olga Rudneva``) and resolves it: an unnamed insider (``a source in the Kremlin``:
anonymous, not the Kremlin), a lower-case institution (``a military court in Kazan``), a
registry or proposed source (:mod:`.names`); a pronoun or description (``it``, ``the
agency``, ``the court's press service``, ``the ruling``, ``its bulletins``: an
institution's documents, :mod:`.institutions`) as the last speaker of that kind, the name or
lower-case description ending in that word before it, or the outlet when its own name has
the word; ``the headquarters`` as the source named before with that word in its name (``the
Mission`` in the Mission's own text: the outlet); ``the Ministry of Defence`` with no country
as the registry's ministry of the side in context; ``the source`` as the unnamed person cited
before; ``we`` and ``our`` as the outlet (in an interview's answers, :mod:`.interviews`, the
interviewee, and ``I`` too). :mod:`.attribution` builds the chains from it.
"""

from __future__ import annotations

import re

from ..model import MEDIA_KINDS
from .anaphora import introduced, one_of, person_named_before, role_holder, same_people
from .institutions import (DOCUMENT_WORDS, INSTITUTION_WORDS, KIND_OF_WORD,
                           described_institution, document_issuer, document_owner, insider,
                           issuer)
from .names import PEOPLE_WORDS, ROLES, normal_name
from .records import Attribution, SourceRef
from .sides import institution_of_document, of_the_side, unqualified
from .subjects import (_DET, _PRONOUNS, _TALKED_TO, OWN_WORK_VERBS, SPEECH_VERBS, SubjectReader,
                       _proper, is_ordinal)
from .tokens import token_at, tokenize

__all__ = ["SpeakerReader", "SPEECH_VERBS", "OWN_WORK_VERBS", "insider", "INSTITUTION_WORDS",
           "described_institution"]

_GENERIC_ALONE = {"report", "reports", "study", "data", "figures", "statement", "analysis",
                  "media", "sources", "source", "documents", "estimates", "survey", "poll"
                  } | DOCUMENT_WORDS
_GENERIC = {"agency", "ministry", "group", "outlet", "channel", "court", "network", "project",
            "committee", "count", "lawyer", "soldier", "troop", "officer", "statement", "report",
            "appeal", "organisation", "organization", "service", "newspaper", "paper", "site",
            "broadcaster", "man", "woman", "official", "spokesman", "spokeswoman", "source",
            "movement", "foundation", "military", "army", "authorities", "analysis"}
_MEDIA_WORDS = {"outlet", "newspaper", "paper", "site", "broadcaster", "channel", "agency"}
_GENERIC_PEOPLE = {"lawyer", "soldier", "troop", "officer", "man", "woman", "official",
                   "spokesman", "spokeswoman", "source"}
_NOT_A_NAME = set("""were was is are be been being had have has could would will can it they he
she we i how due there here went what when where why if not no this these those its their his
her them us him me one""".split()) | set("""january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday
sunday""".split())
_DATA_QUALIFIERS = {"preliminary", "initial", "early", "provisional", "incomplete", "official",
                    "unofficial", "available", "latest", "updated", "recent", "new", "final",
                    "operational", "first", "current", "these", "those", "the"}
"""Words that say what kind of data a phrase means, not whose (``according to preliminary
data``)."""
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_OWNERS = {"its": "it", "their": "they", "his": "he", "her": "she"}
_PERSON_KINDS = {"named-person", "anonymous-person"}
_EDITORS = [["editors"], ["editor"], ["editorial", "office"], ["editorial", "board"],
            ["newsroom"], ["editorial", "team"]]
"""The outlet's own staff, named without the outlet (``contacted the editors``)."""
_GROUP_REFERENCE = re.compile(
    r"^(?:the|both|the two|both the|these|those|the two independent|the independent) "
    r"(?:outlets|groups|organi[sz]ations|projects|sites|websites|channels|newspapers|media|"
    r"broadcasters|agencies|teams)$")
"""A plural that refers back to a joint subject (``the two outlets``, ``both groups``)."""


class SpeakerReader(SubjectReader):
    """Resolves the speakers of one text; remembers who spoke, and to whom."""

    def __init__(self, doc, passages, names, outlet):
        super().__init__(doc, names)
        self.passages, self.outlet = passages, outlet
        self.speakers: list[str] = []  # in text order
        self.routes: dict[str, str] = {}  # source -> the outlet it talked to
        self.onward: dict[str, str] = {}  # outlet -> who picked its story up
        self.named: dict[str, str] = {}  # an unnamed person -> the name given later
        self.last_chain: Attribution | None = None
        self.interviewer: tuple[str, int] | None = None  # "X interviewed ...": X, where
        self.first_seen: dict[str, int] = {}
        self.last_seen: dict[str, int] = {}  # source -> token of its last cue
        self.current: list = []  # the cues of the sentence being read
        self.pronouns = _PRONOUNS  # an interview's answers make "I" the voice, as "we"
        self.group: tuple[str, str] | None = None  # the last joint subject: first, note

    def joint(self, k, ref) -> str | None:
        """The note on a joint subject of the verb at token *k* whose first member is *ref*
        (``Mediazona and BBC News Russian have confirmed``: a joint count, the first named
        recorded, as the annotations do); remembered for a later ``they`` or ``the two
        outlets``. None when the verb has no joint subject."""
        if k not in self.joints:
            return None
        (i, j), (m, n) = self.joints[k]
        other = self.names.resolve(self.span_text(m, n), propose=False)
        if other is not None and other.id == ref.id:
            return None
        first = self.names.display(ref.id)
        second = self.names.display(other.id) if other is not None else re.sub(
            r"^(?:the|a|an) ", "", self.span_text(m, n), flags=re.I)
        note = f"a joint count of {first} and {second}; the first named is recorded"
        self.group = (ref.id, note)
        return note

    def span_text(self, i, j) -> str:
        """The text of tokens ``[i, j)``, sliced from the text (as ``doc[i:j].text``, which
        builds a span and joins its tokens)."""
        return self.text[self.doc[i].idx:self.doc[j - 1].idx + len(self.doc[j - 1])] \
            if j > i else ""

    def resolve(self, i, j, at) -> tuple[SourceRef | None, str | None]:
        words = [t.lower_ for t in self.doc[i:j] if not t.is_punct]
        if len(words) == 1 and words[0] in _PRONOUNS:
            return self.antecedent(words[0], at)
        if words[:1] == ["the"] and len(words) == 2 and self.doc[j - 1].is_title and words[1] in \
                normal_name(self.names.display(self.outlet)).split():  # "the Mission": its own
            return SourceRef(self.outlet, self.span_text(i, j), (0, 0), "registry"), None
        referred = self.referred(words, i, j, at)
        if referred is not None:
            return referred
        first_person = max((n for n, w in enumerate(words) if w in ("our", "we")), default=None)
        if first_person is not None and (len(words) - first_person <= 3 or words[
                first_person + 1:first_person + 2] == ["team"] and words[first_person + 2:][
                :1] in (["in"], ["at"])) and not any(  # "our team in Kramatorsk reports"
                t.like_num for t in self.doc[i:j][first_person:]):  # "in 2024 our lawyers"
            return SourceRef(self.outlet, "our", (0, 0), "registry"), '"our" taken as the outlet'
        if [w for w in words if w not in ("the", "our", "its")] in _EDITORS:
            return SourceRef(self.outlet, self.span_text(i, j), (0, 0), "registry"), \
                f'"{self.span_text(i, j)}" taken as the outlet'
        whole = normal_name(self.span_text(i, j)) in self.names.keys  # an alias as written
        owner = None if whole or insider(self.span_text(i, j)) else document_owner(
            self.span_text(i, j))  # "a source in the prosecutor's office" is no document
        if owner:  # "the court's press service", "letters from the ministry": the court, ...
            sub = tokenize(owner)
            first = [t.lower_ for t in sub if not t.is_punct]
            held = self.role_of(first, at)  # "the governor's press service": the governor
            if held is not None:
                return held
            one = first[1][:-1] if len(first) == 2 and first[1][:-1] in _GENERIC else \
                first[-1]  # "the courts' own databases": the courts named before
            if len(first) == 2 and first[0] == "the" and one in _GENERIC:
                found = self.antecedent(one, at)
                if found[0] is not None or one == first[1]:
                    return found
            sided = self.of_the_side(unqualified(first), i) if unqualified(first) else None
            if sided is not None:  # "an update from the Ministry of Defence": of the side
                return sided
            return self.names.resolve(owner), "the source of its press service, " \
                "website, statement or document"
        described = self.description(i, j)
        if described is not None:
            return described
        if 2 <= len(words) <= 3 and words[0] in ("their", "his", "her") and words[-1] in \
                PEOPLE_WORDS:  # "their families say", "His mother said": unnamed kin
            ref = self.names.resolve(self.span_text(i + 1, j), (self.doc[i + 1].idx, self.doc[
                j - 1].idx + len(self.doc[j - 1])))
            return ref, f'"{self.span_text(i, j)}": unnamed people of those named before'
        content = [w for w in words if w not in _DATA_QUALIFIERS or w == words[-1] in _GENERIC_PEOPLE]
        if issuer(content):  # "the ruling says": the court that ruled
            return self.antecedent(issuer(content), at)
        sided = self.of_the_side(unqualified(words), i) if words[:1] in (["its"], ["their"]) \
            and unqualified(words) else None
        if sided is not None:  # "Moscow ... its defence ministry said": Russia's
            return sided
        if len(words) >= 2 and words[0] in _OWNERS and content[1:] and \
                content[-1] in _GENERIC_ALONE:  # "its data": the last source of that kind
            return self.antecedent(_OWNERS[words[0]], at)
        one = i + (j - i >= 2 and self.doc[i].lower_ in ("one", "another") and self.doc[
            i + 1].lower_ in PEOPLE_WORDS)  # "One mother told me": one unnamed person
        if any(t.like_num and not is_ordinal(t) or t.lower_ in _NOT_A_NAME and not
               _ACRONYM.match(t.text) for t in self.doc[one:j]) and not self.names.find(
                self.doc, i, j):  # but "relatives of men from the 37th brigade" is people
            return None, None  # "US" in "the US National Security Council" is no pronoun
        if words[:1] == ["the"] and content and content[-1] in DOCUMENT_WORDS - {"report", "reports"} \
                and (len(content) == 1 or content[:-1] in (["daily"], ["weekly"], ["nightly"])):
            named = document_issuer(self.before(i), content[-1])  # "an update from X"
            ref, note = self.resolve(token_at(self.doc, named[0]), token_at(
                self.doc, named[1] - 1) + 1, at) if named else (None, None)
            if ref is None:
                ref, note = self.antecedent(content[-1], at)  # "the briefing said": its issuer's
            if ref is not None:
                return ref, f'"{self.span_text(i, j)}": a document of {self.names.display(ref.id)}'
        if not content or (len(content) <= 2 and content[-1] in _GENERIC_ALONE and words != [
                "the", "source"] and (len(content) == 1 or content[0] in ("a", "the", "new", "one"))):
            return None, None  # "the latest figures": no one named ("the source" is a person)
        if len(words) == 1 and words[0] in _PRONOUNS or (
                len(words) == 2 and words[0] in ("the", "this") and words[1] in _GENERIC):
            ref, note = self.antecedent(words[-1], at)
            if ref is not None or words[-1] not in _GENERIC_PEOPLE:
                return ref, note
        if len(words) == 2 and words[0] in ("the", "this") and words[1] not in PEOPLE_WORDS:
            named = self.named_with(words[1], i)
            if named is not None:
                return named
        document = institution_of_document(words, self.before(i), self.after(j))  # "internal ministry
        kind = unqualified(document.split() if document else words)  # tables": the ministry's
        sided = self.of_the_side(kind, i) if kind else None
        if sided is not None:
            return sided
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
        marks = [m for m in (self.described(word, at), self.introduction(word, at)) if m]
        described = max(marks, key=lambda m: m[1]) if marks else None  # the later of the two
        if word in ("it", "they") and self.current and self.current[-1].source.id == \
                self.outlet and self.current[-1].role == "speaker":  # "X has published its
            return SourceRef(self.outlet, word, (0, 0), "registry"), (  # report on what it
                f'"{word}" taken to be the outlet, {self.names.display(self.outlet)}, the '
                "subject before it")  # received": the outlet writing of itself
        if word in ("he", "she") and self.current and self.current[-1].source.id != self.outlet \
                and (self.names.source_kind(self.current[-1].source.id) in _PERSON_KINDS or "(default)"
                     in (self.names.notes.get(self.current[-1].source.id) or "")):
            last = self.current[-1].source  # "Mykola, a retired miner, said he had counted":
            return SourceRef(last.id, word, (0, 0), "registry"), (  # the speaker just before
                f'"{word}" taken to be {self.names.display(last.id)}, who speaks in the sentence')
        candidates = [(c.source.id, c.at) for c in reversed(self.current)] + [
            (sid, self.last_seen.get(sid, -1)) for sid in reversed(self.speakers)]
        if word in KIND_OF_WORD:  # "the ministry": one so called before a governor
            candidates.sort(key=lambda c: word not in self.names.display(c[0]).lower())
        sourced = word == "source" and any("source" in self.names.display(c[0]).lower()
                                           for c in candidates)  # "the source": one so called
        for sid, seen in candidates:
            if sid == self.outlet:
                continue
            kind = self.names.source_kind(sid) or ""
            if word in KIND_OF_WORD and kind not in KIND_OF_WORD[word] and \
                    word not in self.names.display(sid).lower().split():
                continue  # "the court" is no news outlet (but "the ministry" is one so named)
            if described is not None and seen < described[1]:
                break  # described after the last speaker of that kind
            if want == "person" and kind not in _PERSON_KINDS:
                continue
            if want == "org" and kind in _PERSON_KINDS:
                continue
            if want == "anonymous" and not (kind == "anonymous-person" and (
                    word in self.names.display(sid).lower() or word in ("man", "woman") or
                    word == "source" and not sourced)):
                continue
            return SourceRef(sid, word, (0, 0), "registry"), \
                f'"{word}" taken to be {self.names.display(sid)}, the last source named'
        found = person_named_before(self.before(at)) if word in ("he", "she") else None
        if found is not None:  # "Valentyna Sorokina, 68, has baked bread ... '...,' she says"
            return self.names.resolve(found[0], (self.doc[0].idx + found[1], self.doc[
                0].idx + found[2])), f'"{word}" taken to be {found[0]}, the person named before it'
        named = list(re.finditer(rf"((?:[A-Z][\w'’.-]+ )+{word.capitalize()})\b",
                                 self.before(at))) if at and word not in _PRONOUNS else []
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
                if sid == self.outlet or word in KIND_OF_WORD and kind not in KIND_OF_WORD[
                        word] and word not in self.names.display(sid).lower().split():
                    continue  # "the ministry" is no news outlet named before it
                if (kind in MEDIA_KINDS) if media else kind not in _PERSON_KINDS:
                    return SourceRef(sid, word, (0, 0), "registry"), \
                        f'"the {word}" taken to be {self.names.display(sid)}, named before it'
        return None, None

    def referred(self, words, i, j, at) -> tuple[SourceRef | None, str | None] | None:
        """A phrase that refers back (:mod:`.anaphora`): one person of a group (``One of the
        wives``), a group named before (``the women``, ``the same relatives``), the person
        introduced with a role (``the governor``); None for any other phrase."""
        span = (self.doc[i].idx, self.doc[j - 1].idx + len(self.doc[j - 1])) if j > i else (0, 0)
        one = one_of(self.span_text(i, j))
        if one is not None:
            ref = self.names.resolve(one, span)
            return ref, f'"{self.span_text(i, j)}" is one unnamed person of a group'
        held = self.role_of(words, at)
        if held is not None:
            return held
        if self.group is not None and _GROUP_REFERENCE.match(" ".join(words)):
            first, note = self.group  # "the two outlets said": the joint subject before
            return SourceRef(first, self.span_text(i, j), span, "registry"), \
                f'"{self.span_text(i, j)}" taken to be the joint subject before: {note}'
        lead = 2 if words[:2] == ["the", "same"] else 1
        if not (len(words) == lead + 1 and words[0] in ("the", "these", "those") and
                words[-1] in PEOPLE_WORDS | {"wives"} and words[-1].endswith(("s", "men"))):
            return None
        groups = [sid for sid in reversed(self.speakers)
                  if self.names.source_kind(sid) == "anonymous-group"]
        exact = [sid for sid in groups if same_people(words[-1], self.names.display(sid),
                                                      exact=True)]
        for sid in exact[:1] or groups:  # "the same relatives": the relatives before the wives
            if same_people(words[-1], self.names.display(sid)):
                return SourceRef(sid, self.span_text(i, j), span, "new"), \
                    f'"{self.span_text(i, j)}" taken to be {self.names.display(sid)}, named before'
        return None

    def of_the_side(self, kind: str, at: int) -> tuple[SourceRef, str] | None:
        """An institution of *kind* named without a country before token *at*
        (:func:`.sides.of_the_side`)."""
        seen = [sid for sid, _s, _e in self.names.find(self.doc, 0, at)] + [
            sid for sid in self.speakers if self.first_seen.get(sid, at) < at]
        return of_the_side(self.names, kind, seen, [t.lower_ for t in self.doc[:at]])

    def named_with(self, word, at) -> tuple[SourceRef, str] | None:
        """``the headquarters`` after ``Ukraine's Coordination Headquarters for ...``: the
        last source named before token *at* whose name has the word *word*."""
        if len(word) < 4 or not word.isalpha():
            return None
        seen = [sid for sid, _s, _e in self.names.find(self.doc, 0, at)] + [
            sid for sid in self.speakers if self.first_seen.get(sid, at) < at]
        for sid in reversed(seen):
            if sid == self.outlet or self.names.source_kind(sid) in _PERSON_KINDS:
                continue
            if word in normal_name(self.names.display(sid)).split():
                return SourceRef(sid, f"the {word}", (0, 0), "registry"), \
                    f'"the {word}" taken to be {self.names.display(sid)}, named before it'
        return None

    def role_of(self, words, at) -> tuple[SourceRef | None, str | None] | None:
        """``the governor`` (as its words): the person the text introduced with that role."""
        if len(words) != 2 or words[0] not in ("the", "this") or words[1] not in ROLES:
            return None
        name = role_holder(self.before(at) if at else "", words[1])
        ref = self.names.resolve(name) if name else None
        return (ref, f'"the {words[1]}" taken to be {name}, introduced with that role') \
            if ref is not None else None

    def introduction(self, word, at) -> tuple[SourceRef, int, str] | None:
        """The organisation the text introduces as a *word* before token *at* (``the human
        rights project Call-up Watch`` for ``the project``), with where and a note."""
        found = introduced(self.before(at), word) if at else None
        if found is None:
            return None
        ref = self.names.resolve(found[0], (self.doc[0].idx + found[1], self.doc[0].idx +
                                            found[2]))
        if ref is None:
            return None
        return ref, token_at(self.doc, self.doc[0].idx + found[1]), \
            f'"the {word}" taken to be {found[0]}, introduced as a {word}'

    def introduce(self, source_id: str, at: int) -> None:
        """Remember a source the text introduces without a statement (``Relatives of men
        ... have contacted our channel``): what a later ``they`` may refer to."""
        self.speakers.append(source_id)
        self.first_seen.setdefault(source_id, at)
        self.last_seen[source_id] = at

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
        found = described_institution(self.before(at), word)
        if found is None:
            return None
        name, start, end = found
        ref = self.names.institution(name, name, (self.doc[0].idx + start,
                                                  self.doc[0].idx + end))
        note = f'"the {word}" taken to be the {name[:1].lower() + name[1:]} described before it'
        return ref, token_at(self.doc, self.doc[0].idx + start), note

