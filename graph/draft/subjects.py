"""Subjects: where the subject of a reporting verb is in a sentence, as a span of tokens.

:class:`SubjectReader` reads leftwards from a verb to a clause boundary, over what may stand
between a subject and its verb: adverbs (``Agora also said``), one appositive (``Agora, a
rights group, told``), a relative clause with or without commas (``Lawyers who advise men
said``; ``Mediazona, which counts obituaries, posts and local reports, said``), a leading
time phrase or sentence adverb (``In September 2022 ...``, ``Over the three months the
project's consultants``, ``Earlier the governor's press service``) and a dateline's dash.
It also reads

- a joint subject as its first member: ``The BBC and the outlet Mediazona, which ..., said``
  is the BBC (the annotations' convention: one origin, the first named);
- the subject of a coordinated predicate: ``Call-up Watch has been operating since 2022 and
  has consulted 110,000 people``: Call-up Watch;
- a clause that comments on a figure as no subject at all: ``..., a figure the project says
  it has no way to check`` (the project doubts the figure; it is not its source);
- and, after the verb, a name (``said Olga Rudneva``), an organisation's officer included
  (``said Call-up Watch coordinator Timur Gaziev``).

:class:`~credgraph.draft.speakers.SpeakerReader` resolves the spans it returns.

>>> from credgraph.model import Registry
>>> from credgraph.draft.names import SourceNames
>>> from credgraph.draft.tokens import tokenize
>>> def subject(text, verb):
...     doc = tokenize(text)
...     reader = SubjectReader(doc, SourceNames(Registry([]), "r1"))
...     k = next(t.i for t in doc if t.text == verb)
...     i, j = reader.left(k, 0)
...     return doc[i:j].text
>>> subject("Memorial, which counts arrests, trials and fines, said 40 were held.", "said")
'Memorial'
>>> subject("The BBC and the outlet Mediazona, which count obituaries, said 90 died.", "said")
'The BBC'
>>> subject("The group was set up in 2022 and has helped 9,000 men.", "helped")
'The group'
>>> subject("Kyiv put it at 500, a figure the ministry says is too high.", "says")
''
>>> subject("Earlier the governor's press service stated that 40 signed.", "stated")
"the governor's press service"
"""

from __future__ import annotations

import re

from .kinds import NATIONALITIES, ROLES, TITLE_WORDS

__all__ = ["SubjectReader", "SPEECH_VERBS", "OWN_WORK_VERBS"]

SPEECH_VERBS = set("""said says say told tells tell report reported reports claimed claims claim
estimated estimates estimate wrote writes stated states announced announces added adds noted
notes explained explains revealed reveals confirmed confirms alleged alleges insisted warned
assured assures assure calculates calculated believes admits show admitted acknowledged acknowledges
shows showed found published publishes posted posts tweeted continued recounted described
describes suggested suggests indicated indicates argued argues lowers lowered puts put
informed assess assesses assessed sets complained complains lamented boasted established listed
lists""".split())
"""Verbs whose subject is the source of what the sentence states."""
OWN_WORK_VERBS = set("""received receives registered recorded helped helps answered handled
processed assisted considered heard issued counted documented logged opened consulted advised
evacuated rescued tracked catalogued represented defended identified verified studied
analysed analyzed reviewed examined filed lodged submitted won conducted visited inspected
monitored counts tallied tallies registers monitors identifies verifies obtained collected
gathered""".split())
"""Verbs of an organisation counting its own activity (``the group received 577 requests``,
``the project has consulted 110,000 people``)."""

_DET = {"the", "a", "an", "these", "those", "its", "their", "his", "her", "our", "such", "many",
        "some", "several", "of", "in", "this", "that", "unconfirmed", "no", "any", "all"}
_BOUNDARY = {",", ";", ":", "—", "–", "that", "but", "while", "which", "who", "whereas",
             "because", "if", "when", "and", "."}
_ADVERBS = {"also", "separately", "however", "meanwhile", "later", "earlier", "previously",
            "recently", "now", "then", "has", "had", "have", "had", "further", "last", "week",
            "month", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "on", "yesterday", "today", "again", "itself", "once", "publicly", "only", "in",
            "this", "year", "what", "previously", "repeatedly", "just", "so", "far", "already"}
_LEADING = {"also", "separately", "however", "meanwhile", "earlier", "later", "previously",
            "recently", "yesterday", "initially", "subsequently", "moreover", "furthermore",
            "additionally", "still", "now", "then"}
"""Sentence adverbs a subject may begin with (``Earlier the governor's press service``)."""
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "any", "them": "any",
             "we": "outlet", "us": "outlet", "i": "person", "him": "person"}
_NATIONAL = {*NATIONALITIES, *(w + "s" for w in NATIONALITIES), "russia's", "ukraine's",
             "telegram", "youtube", "facebook", "vkontakte", "instagram", "tiktok", "whatsapp"}
"""Country and platform words a capitalised word may be without being a name ("Russian
officials", "A pro-war Telegram channel, Frontline Ledger, said")."""
_TIME_LEAD = {"in", "on", "at", "during", "since", "by", "after", "before", "last", "this",
              "early", "late", "earlier", "later", "until", "over", "throughout", "within"}
_TIME_WORDS = set("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
thursday friday saturday sunday spring summer autumn fall winter day days week weeks month
months year years morning evening night weekend end start beginning middle mid early late last
next this previous past yesterday today hours then period periods quarter reporting""".split())
"""Words of a time phrase before a subject (``In September 2022``, ``Last week``)."""
_TALKED_TO = {"interview", "interviews", "speaking", "talking", "comments", "remarks",
              "statement"}
"""``speaking to Reuters, X said``: the outlet X talked to is the route."""
_PUBLISHED = {"published", "posted", "shared", "released", "issued", "updated"}
"""``The update, published on Facebook, listed``: where the subject came out, not who."""
_AUXILIARIES = {"has", "have", "had", "is", "was", "were", "are", "will", "would", "can",
                "could", "says", "said"}
_CLAUSE_MARKS = {",", ";", ":", "—", "–", "that", "but", "while", "because", "when", "if"}
_FIGURE_NOUNS = {"figure", "figures", "number", "numbers", "estimate", "claim", "count", "toll",
                 "tally", "total", "sum"}
_CLAUSE_OPENERS = {"the", "a", "an", "which", "that", "its", "their", "his", "her", "our", "this",
                   "these", "those", "we", "they", "it", "he", "she"}
_JOINT_WORDS = _DET | {"independent", "outlet", "news", "site", "website", "rights", "human",
                       "group", "project", "agency", "channel", "newspaper", "broadcaster",
                       "service", "for", "exile", "legal", "aid", "investigative", "media",
                       "monitoring", "organisation", "organization", "-", "'s", "’s",
                       "outlets", "groups", "sites", "websites", "projects", "channels",
                       "newspapers", "agencies", "broadcasters", "organisations",
                       "organizations", "exiled"}
"""Lower-case words a member of a joint subject may have besides its name (``the independent
outlets Mediazona and ...``: the plural describes both)."""
_HELPERS = {"volunteers", "team", "partners", "researchers", "colleagues", "collaborators",
            "contributors", "students"}
"""Who may help a named source count (``Vyvod and a team of volunteers have identified``):
the source named is the subject."""
_REACH = 16
"""How many tokens a subject read leftwards may have (``A source of ours in the command of a
brigade on the Pokrovsk axis writes``: 13)."""
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)


_SPEAKING_PARTS = TITLE_WORDS | {"spokesman", "spokeswoman", "spokesperson", "press", "office",
                                 "head", "chief", "lawyer", "lawyers", "representative", "staff"}
"""What after a name's ``'s`` still speaks for it (``said the ministry's spokesman``)."""


def is_ordinal(token) -> bool:
    """Whether a token is an ordinal (``37th``, ``second``): part of a unit's name in a
    subject (``relatives of men from the 37th brigade``), not a quantity."""
    return bool(_ORDINAL.match(token.text)) or token.lower_ in (
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth")


class SubjectReader:
    """Finds the subject of a verb in a tokenized text (*names* tells names from words)."""

    def __init__(self, doc, names):
        self.doc, self.names = doc, names
        self.text = doc.text
        self.joints: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
        """verb token -> the spans of the two members of its joint subject (the first is
        the subject :meth:`left` returns)."""

    def before(self, i: int) -> str:
        """The text of tokens ``[0, i)``, as ``doc[:i].text`` (which joins them all anew)."""
        return self.text[:self.doc[i - 1].idx + len(self.doc[i - 1])] if i > 0 else ""

    def after(self, j: int) -> str:
        """The text of tokens ``[j, len(doc))``, as ``doc[j:].text``."""
        if j >= len(self.doc):
            return ""
        last = self.doc[-1]
        return self.text[self.doc[j].idx:last.idx + len(last)]

    def left(self, k, start) -> tuple[int, int]:
        """The subject before token *k*: back to a boundary, over one appositive."""
        doc = self.doc
        j = k
        while j > start and doc[j - 1].lower_ in _ADVERBS:
            j -= 1
        if j > start and doc[j - 1].lower_ in _PRONOUNS:
            return j - 1, j  # "Agora told Reuters it had received": the pronoun alone
        i = j
        while i > start and not self.stop(i - 1) and j - i < _REACH:
            i -= 1
        if i == j and i > start and doc[i - 1].text == ",":  # "Agora, a group, told"
            opened = self._relative_opening(i - 1, start)
            if opened is not None:  # "Mediazona, which counts a, b and c, said"
                found = self.left(opened, start)
                if opened in self.joints:
                    self.joints[k] = self.joints[opened]
                return found
            m = i - 1
            while m > start and doc[m - 1].text != ",":
                m -= 1
            inner = (m, i - 1)
            if m > start:
                j, i = m - 1, m - 1
                while i > start and not self.stop(i - 1) and j - i < _REACH:
                    i -= 1
                role = [t.lower_ for t in doc[inner[0]:inner[0] + 4] if t.lower_ in ROLES]
                if (self.names.find(doc, *inner) and not self.names.find(doc, i, j)
                        or _proper(doc, *inner) and not _proper(doc, i, j)) and not (
                        role and _proper(doc, i, j)) and doc[inner[0]].lower_ not in \
                        _TALKED_TO | _PUBLISHED or j > i and doc[j - 1].lower_ in ROLES and all(
                        t.is_title for t in doc[inner[0]:inner[1]]) and 2 <= inner[1] - \
                        inner[0] <= 3 or self._role_of(i, j) and all(t.is_title for t in doc[
                            inner[0]:inner[1]]) and 2 <= inner[1] - inner[0] <= 3:
                    # "Yusov, a HUR spokesman, said"; not "X, speaking to Y,"; "Kharkiv's
                    # mayor, Ihor Terekhov, says", "the head of the Kherson Regional
                    # Administration, Roman Mrochko, wrote": the person, not the role
                    i, j = inner
        if i == j and i > start and doc[i - 1].lower_ == "and":
            shared = self._coordinated(i - 1, start)  # "X was set up in 2022 and has helped"
            if shared is not None:
                return shared
        if i == j and i > start and doc[i - 1].lower_ in ("who", "which", "whose"):
            j = i = i - 1  # "Lawyers who advise men said": the subject is before "who"
            while i > start and not self.stop(i - 1) and j - i < 12:
                i -= 1
        elif i > start and doc[i - 1].lower_ in ("who", "which", "whose") and i < j:
            m = i - 1
            n = m
            while n > start and not self.stop(n - 1) and m - n < 12:
                n -= 1
            if n < m:
                i, j = n, m
        while i < j and doc[i].lower_ in _LEADING:
            i += 1
        i = self.past_time(i, j)
        if self._comments_on_figure(i, j):
            return k, k  # "..., a figure the project says it cannot check": no source
        if i > start and doc[i - 1].lower_ == "and" and i < j:
            first = self._conjunct_before(i - 1, start, (i, j))
            if first is not None:  # "The BBC and the outlet Mediazona said": the BBC
                self.joints[k] = (first, (i, j))
                return first
        return i, j

    def _role_of(self, i, j) -> bool:
        """Whether tokens ``[i, j)`` are a role of an institution (``the head of the Kherson
        Regional Military Administration``, ``a spokeswoman for the ministry``)."""
        doc = self.doc
        k = i + (i < j and doc[i].lower_ in ("the", "a", "an", "its", "their"))
        while k < j - 1 and doc[k].lower_ in TITLE_WORDS and doc[k + 1].lower_ in TITLE_WORDS:
            k += 1  # "the deputy head of", "the acting governor of"
        return k < j - 2 and doc[k].lower_ in ROLES and doc[k + 1].lower_ in ("of", "for", "at")

    def past_time(self, i, j) -> int:
        """The start of a subject after the time phrase it begins with (``In September 2022
        Defence Minister Sergei Shoigu``, ``On Tuesday the ministry``, ``Last week Agora``,
        ``Over the three months the project``)."""
        doc = self.doc
        if i >= j or doc[i].lower_ not in _TIME_LEAD:
            return i
        if doc[i].lower_ in ("over", "throughout", "within") and (
                i + 1 >= j or doc[i + 1].lower_ != "the"):
            return i  # "Over 300 soldiers said": a qualifier, not a time phrase
        k = i + (doc[i].lower_ not in _TIME_WORDS)
        while k < j and (doc[k].like_num or doc[k].lower_ in _TIME_WORDS or doc[k].lower_ in (
                "the", "of") and k + 1 < j and (doc[k + 1].lower_ in _TIME_WORDS or
                                                 doc[k + 1].like_num)):
            k += 1
        return k if i < k < j and k > i + (doc[i].lower_ not in _TIME_WORDS) else i

    def stop(self, index) -> bool:
        """Whether token *index* ends a subject read leftwards: a clause boundary, a dash
        between spaces (a dateline's), another reporting verb, or a speaker's turn's colon in
        bold (``**Danko:**``, one token ``:*``)."""
        t = self.doc[index]
        return t.lower_ in _BOUNDARY or t.is_punct and ":" in t.text or t.lower_ in SPEECH_VERBS or t.lower_ in OWN_WORK_VERBS \
            or (t.text in ("-", "–", "—") and index > 0 and self.doc[index - 1].whitespace_)

    def right(self, k, end) -> tuple[int, int]:
        """A name after token *k* (``said Olga Rudneva``, ``told The Journal soldiers``,
        ``said Call-up Watch coordinator Timur Gaziev``)."""
        i = k + 1
        while i < end and self.doc[i].lower_ in _ADVERBS:
            i += 1
        j = i
        while j < end and j - i < 8:
            t = self.doc[j]
            if t.is_punct and t.text not in ("-", "'s", "’s") or t.lower_ in _BOUNDARY:
                break
            if j > i and t.is_lower and self.doc[j - 1].text[:1].isupper() and \
                    t.lower_ not in ("of", "for", "to") and not (
                    t.lower_ in TITLE_WORDS and j + 1 < end and self.doc[j + 1].is_title):
                break
            if t.lower_ in ("on", "in", "at", "by", "that", "it", "he", "she", "they", "soldiers"):
                if j > i:
                    break
            j += 1
        if j == i + 1 and self.doc[i].lower_ in NATIONALITIES and j < end and \
                self.doc[j].is_lower:
            return i, i  # "Confirmed Ukrainian vehicle losses": an adjective, no name
        if j == i + 4 and j + 1 < end and [t.lower_ for t in self.doc[i:i + 3]] in (
                ["one", "of", "the"], ["another", "of", "the"]) and self.doc[i + 3].like_num \
                and self.doc[j].text == ",":  # "said one of the three, a regional official
            k = j + 1  # who asked not to be identified": the person the apposition describes
            while k < end and k - j < 12 and self.doc[k].text not in (",", ".", ";") and \
                    self.doc[k].lower_ not in ("who", "that", "which"):
                k += 1
            return j + 1, k
        if j > i and j + 1 < end and self.doc[j].text in ("'s", "’s") and \
                self.doc[j + 1].is_lower and self.doc[j + 1].lower_ not in _SPEAKING_PARTS:
            return i, i  # "said Russia's total casualties had": the clause's owner, no speaker
        return i, j

    def _relative_opening(self, comma, start) -> int | None:
        """The comma that opens a relative clause ending at the comma *comma* (``X, which
        counts a, b and c, said``), or None."""
        doc = self.doc
        for m in range(comma - 1, max(start, comma - 30), -1):
            t = doc[m]
            if t.text in (".", ";", ":", '"', "“", "”") or t.lower_ in SPEECH_VERBS and not (
                    _listed_noun(doc, m, start)):  # "which count posts and news reports, said"
                return None
            if t.lower_ in ("which", "who") and m - 1 > start and doc[m - 1].text == ",":
                return m - 1
        return None

    def _coordinated(self, conjunction, start) -> tuple[int, int] | None:
        """The subject a predicate after ``and`` shares with the one before it (``Call-up
        Watch has been operating since 2022 and has consulted``), or None."""
        doc = self.doc
        begin = conjunction
        while begin > start and doc[begin - 1].lower_ not in _CLAUSE_MARKS and \
                doc[begin - 1].lower_ not in SPEECH_VERBS:
            begin -= 1
        begin = self.past_time(begin, conjunction)
        verb = next((m for m in range(begin, conjunction) if doc[m].lower_ in _AUXILIARIES |
                     OWN_WORK_VERBS), None)
        if verb == begin and begin > start and doc[begin - 1].text == ",":
            found = self.left(begin, start)  # "X, a counselling project, has been ... and has"
            return found if found[1] > found[0] else None
        if verb is None or not 0 < verb - begin <= 8 or any(
                t.like_num and not is_ordinal(t) for t in doc[begin:verb]):
            return None
        return begin, verb

    def _comments_on_figure(self, i, j) -> bool:
        """Whether tokens ``[i, j)`` begin a clause about a figure (``a figure the project``
        before ``says it cannot check``)."""
        words = [t.lower_ for t in self.doc[i:j]]
        lead = 1 if words[:1] and words[0] in ("a", "an", "the", "this", "that", "one") else 0
        return len(words) > lead + 1 and words[lead] in _FIGURE_NOUNS and (
            words[lead + 1] in _CLAUSE_OPENERS or self.doc[i + lead + 1].text[:1].isupper())

    def _conjunct_before(self, conjunction, start, second) -> tuple[int, int] | None:
        """The first member of a joint subject (``The BBC Russian Service and the outlet
        Mediazona``) when both members are names, or None."""
        doc = self.doc
        begin = conjunction
        while begin > start and not self.stop(begin - 1) and conjunction - begin < 8:
            begin -= 1
        members = ((begin, conjunction), second)
        if begin == conjunction:
            return None
        if conjunction - begin == 1 and doc[begin].lower_ in ("it", "they") and (
                self.names.find(doc, *second) or _proper(doc, *second)):
            return begin, conjunction  # "it and the demographer X estimate": it, named before
        helpers = self.names.find(doc, begin, conjunction) or _proper(doc, begin, conjunction)
        if helpers and not any(t.like_num or t.text[:1].isupper() for t in doc[slice(*second)]) \
                and {t.lower_ for t in doc[slice(*second)]} & _HELPERS:
            return self.past_time(begin, conjunction), conjunction  # "X and a team of volunteers"
        if any(not (self.names.find(doc, a, b) or _proper(doc, a, b)) for a, b in members):
            return None
        if any(not (t.text[:1].isupper() or t.lower_ in _JOINT_WORDS) or t.like_num
               for a, b in members for t in doc[a:b]):
            return None  # "Ukraine lost 300 men and HUR": a clause, not a name
        return self.past_time(begin, conjunction), conjunction


_PLURAL_NOUNS = {"reports", "posts", "claims", "estimates", "records", "notes", "statements",
                 "shows", "findings"}
_NOT_MODIFIERS = {"it", "he", "she", "they", "we", "which", "who", "that", "also", "and", ",",
                  "the", "a", "an", "its", "their"}


def _listed_noun(doc, m, start) -> bool:
    """Whether the verb-like token *m* is a plural noun after its modifier (``local news
    reports``, ``social media posts``), as in a list of what an organisation counts."""
    return doc[m].lower_ in _PLURAL_NOUNS and m > start and doc[m - 1].is_lower and \
        doc[m - 1].lower_ not in _NOT_MODIFIERS | SPEECH_VERBS


def _proper(doc, i, j) -> bool:
    return any(t.text[:1].isupper() and t.lower_ not in _DET | _NATIONAL and t.i > i
               or t.text[:1].isupper() and t.lower_ not in _DET | _NATIONAL and t.i == i
               and doc[i].lower_ not in _DET for t in doc[i:j])
