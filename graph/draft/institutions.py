"""Institutions in a text: unnamed insiders, institutions described in lower case, and the
documents an institution issues.

- :func:`insider`: ``a source in the Kremlin``, ``a Kremlin source``, ``people familiar with
  the matter`` are anonymous people; the institution is only where they are.
- :func:`described_institution`: ``a military court in Rostov-on-Don`` is what a later
  ``the court`` refers to.
- :func:`document_owner`: an institution's document speaks for the institution: ``the
  court's ruling``, ``the ministry's daily bulletin``, ``letters from the Defence Ministry's
  personnel department`` (a department of the ministry is the ministry), ``the court's
  press secretary``, ``the courts' own databases``, ``decisions published on the court's
  website``;
  :func:`issuer`: ``the ruling`` or ``the verdict`` alone is the court's.
  :data:`DOCUMENT_WORDS` are the words of such documents, which alone name no one.

:mod:`.speakers` asks these when it resolves a phrase: an insider is proposed as an
anonymous source (:meth:`~credgraph.draft.names.SourceNames.insider`); a document's owner is
resolved in its place (``the court`` then as the last court the text named, or the court it
described in lower case); a document alone (``the ruling``) as the last source of the kind
:func:`issuer` gives; :data:`KIND_OF_WORD` keeps a description (``the court``, ``the
ministry``) from taking a source of another kind (a news outlet).

>>> document_owner("the court's ruling"), document_owner("letters from the Defence Ministry's "
...                                                      "personnel department")
('the court', 'the Defence Ministry')
>>> [document_owner(p) for p in ("the ministry's press service", "HUR's Telegram channel",
...                              "the court's written verdict", "data from the Judicial Department",
...                              "the Kremlin's position")]
['the ministry', 'HUR', 'the court', 'the Judicial Department', None]
>>> document_owner("The spring call-up decree signed by Vladimir Putin in March")
'Vladimir Putin'
>>> [document_owner(p) for p in ("decisions published on the court's website",
...                              "the courts' own databases", "the court's press secretary")]
['the court', 'the courts', 'the court']
>>> document_owner("the Kremlin"), issuer(["verdict"]), issuer(["bulletins"])
(None, 'court', None)
>>> issuer(["judgment"]), issuer(["appeal", "ruling"])
('court', None)
>>> insider("a source in the Kremlin"), insider("Russian officials")
(('source in the Kremlin', 'the Kremlin', False), None)
>>> insider("two Kremlin sources"), insider("an official at the Defence Ministry")[1:]
(('Kremlin sources', 'Kremlin', True), ('the Defence Ministry', False))
>>> insider("a source of ours in the command of a brigade")[1]
'the command of a brigade'
>>> insider("people familiar with the matter")
('people familiar with the matter', '', True)
>>> described_institution("A military court in Rostov-on-Don jailed him. Later", "court")
('Military court in Rostov-on-Don', 2, 33)
>>> described_institution("The Rostov court jailed him.", "court") is None
True
"""

from __future__ import annotations

import re

from .names import NATIONALITIES

__all__ = ["insider", "described_institution", "INSTITUTION_WORDS", "KIND_OF_WORD",
           "DOCUMENT_WORDS", "STUDIES", "document_owner", "document_issuer", "issuer"]

_ISSUED_BY = {"ruling": "court", "rulings": "court", "verdict": "court", "verdicts": "court",
              "judgment": "court", "judgement": "court", "sentence": "court"}
"""Documents that only one kind of institution issues (``the ruling says``: the court)."""
DOCUMENT_WORDS = set(_ISSUED_BY) | {"decision", "decisions", "bulletin", "bulletins",
                                    "update", "updates", "briefing", "briefings", "records",
                                    "statistics", "letters", "letter", "files", "database",
                                    "tally", "summary", "summaries", "reports", "report",
                                    "tables", "documents", "spreadsheets", "papers", "ledgers"}
"""Words of a document an institution issues; alone (``the ruling``) they name no one."""
_OWN_PARTS = (r"press service|website|site|spokes(?:man|woman|person)|telegram channel|channel|"
              r"press secretary|press officer|secretary|databases?|registers?|archives?|"
              r"statement|office|account|data|figures|count|press office|department|"
              r"directorate|headquarters|consultants|lawyers|volunteers|staff|team|experts|"
              r"analysts|researchers|monitors|hotline|operators|counsell?ors|tracking|"
              r"monitoring|surveys?|polls?|estimates?|calculations?|research|study|" +
              "|".join(sorted(DOCUMENT_WORDS, key=len, reverse=True)))
"""What an institution has that speaks for it: its services, staff and documents (``the
project's lawyers``, ``the court's press service``)."""
_OWNED = re.compile(rf"^(.+?)(?:['’]s|(?<=s)['’]) (?:[\w-]+ ){{0,2}}?(?:{_OWN_PARTS})"
                    r"(?-i: of (?:the )?[a-z][a-z -]{0,40})?$", re.I)  # "the council's register of
# fallen defenders": the council's
_PUBLISHED = re.compile(r"^(?:the |its |their )?(?:[\w-]+ )?(?:" + "|".join(sorted(
    DOCUMENT_WORDS, key=len, reverse=True)) + r")\s+(?:published|posted|released|issued|"
    r"uploaded)\s+(?:on|by|in|to)\s+(.+)$", re.I)
"""A document where its issuer published it (``decisions published on the court's
website``): the owner of the place."""
_SIGNED = re.compile(r"^(?:the |a |an |its )?(?:[\w-]+ ){0,3}(?:decree|order|law|directive|"
                     r"resolution|ordinance)s?\s+(?:signed|issued|approved|enacted)\s+by\s+"
                     r"(.+?)(?:\s+(?:in|on|last|this|earlier)\b.*)?$", re.I)
"""An act and who signed it (``the call-up decree signed by the president in May``): the
signatory's."""
_FROM = re.compile(r"^(?:the |a |an |its |their )?(?:[\w-]+ ){0,2}(?:letters?|documents?|papers|"
                   r"records|data|figures|statistics|files|bulletins?|reports?|updates?|"
                   r"assessments?|briefings?|tables|spreadsheets)\s+(?:from|of|by)"
                   r"\s+(.+)$", re.I)


STUDIES = (r"polls?|surveys?|stud(?:y|ies)|analys[ie]s|census|research|investigations?|"
           r"reviews?|assessments?|audits?|projections?")
"""The words of a study a source makes (a pattern's alternatives)."""
_STUDY = re.compile(r"^(?:(?:the|a|an|its|their|new|latest|recent|most|last|first|second|"
                    r"another|separate|national|nationwide|online|annual|monthly|weekly|"
                    r"telephone|joint|independent)\s+)*(?:[\w-]+\s+){0,2}?(?:"
                    rf"{STUDIES}|opinion polls?)\s+(?:\S+\s+){{0,8}}?"
                    r"(?:by|from|conducted by|carried out by|commissioned by|published by|"
                    r"released by)\s+(?P<name>(?:the\s+)?(?:[\w'’-]+\s+){0,4}?[A-Z][\w.&'’-]*"
                    r"(?:\s+(?:of|for|the|[A-Z][\w.&'’-]*))*)$")
"""A study and its author (``a poll of six countries by the pollster Eurovox``): the author's;
``a poll of Ukrainians`` names the people asked, not who asked them."""
_COMPOUND = re.compile(r"^(?:the\s+)?(?P<name>(?:[\w.'’-]+\s+){0,3}?(?:[A-Z][\w.&'’-]*|"
                       r"ministry|bank|service|office|agency|committee|bureau|department|"
                       r"administration|ministries|commission|council))\s+(?:data|figures|"
                       r"statistics|numbers|records|estimates|tallies|tally|count)$")
"""An institution's data named by a noun before it (``finance ministry data``, ``Rosstat
figures``); ``official data`` and ``the latest figures`` name no one."""
_NOT_OWNER = {"official", "latest", "new", "preliminary", "early", "final", "the", "these",
              "those", "such", "its", "their", "our", "his", "her", "published", "available",
              "government", "state", "public", "earlier", "monthly", "weekly", "daily", "annual"}


def document_owner(phrase: str) -> str | None:
    """The institution whose service, spokesperson, website or document *phrase* names
    (``the court's press service``, ``Mediazona's data``, ``records from the court``), as the
    text writes it; None when the phrase names no such thing.

    >>> [document_owner(p) for p in ("A poll of six European Union countries by the "
    ...                              "pan-European pollster Eurovox", "finance ministry data",
    ...                              "Rosstat figures", "official data", "a poll of Ukrainians")]
    ['the pan-European pollster Eurovox', 'finance ministry', 'Rosstat', None, None]
    """
    text = " ".join(phrase.strip(" ,.;:").split())
    sent = _FROM.match(text) or _PUBLISHED.match(text) or _SIGNED.match(text)
    if sent:
        return document_owner(sent.group(1)) or sent.group(1)
    owned = _OWNED.match(text)
    if owned:
        return owned.group(1)
    study = _STUDY.match(text)
    if study:
        return study.group("name")
    compound = _COMPOUND.match(text)
    if compound and not set(compound.group("name").lower().split()) <= _NOT_OWNER:
        return compound.group("name")
    return None


def document_issuer(before: str, word: str) -> tuple[int, int] | None:
    """Where *before* last names the issuer of a document called *word* (``the latest
    intelligence update from the Ministry of Defence`` for ``the update``): its characters'
    span, or None."""
    found = list(re.finditer(rf"\b{re.escape(word)}s? (?:from|by|of|issued by|published "
                             r"by) ((?:the )?[A-Z][\w'’-]*(?: (?:of|for|the|[A-Z][\w'’-]*))*)",
                             before))
    if not found:
        return None
    name = re.sub(r"(?: (?:of|for|the))+$", "", found[-1].group(1))
    return found[-1].start(1), found[-1].start(1) + len(name)


def issuer(content: list[str]) -> str | None:
    """The kind of institution a document alone (``the ruling``, as its content words
    ``["ruling"]``) is issued by, or None."""
    return _ISSUED_BY.get(content[0]) if len(content) == 1 else None


_LEAD = (r"(?i:(?:a|an|one|two|three|several|some|the|unnamed|anonymous|senior|high-ranking|"
         r"former|current|local|mid-level|military|security|government|diplomatic|separate|second|"
         r"another|other|third|different|independent|well-placed|informed)\s+)*")
_INSIDE = re.compile(
    rf"^{_LEAD}(?P<head>sources?|officials?|insiders?|persons?|people|employees?|officers?|"
    r"members?|aides?|interlocutors?|diplomats?|staffers?|representatives?)"
    r"(?:\s+of\s+(?:ours|mine|theirs|his|hers|yours))?(?:,[^,]*,)?\s+"
    r"(?:in|at|within|inside|from|close to|near|familiar with|with knowledge of|involved in|"
    r"briefed on|"
    r"with (?:ties|links|access) to|of|on)\s+(?P<inst>\S.*?)$", re.I)
_ADJECTIVAL = re.compile(rf"^{_LEAD}(?!(?i:the|a|an|our|their|its|this|that)\s)(?P<inst>(?:[A-Z][\w.'’-]*\s+)+)(?i:(?:military\s+|"
                         r"security\s+|government\s+)?(?P<head>sources?|officials?|insiders?))$")
_NOT_INSTITUTION = {"matter", "matters", "situation", "plans", "plan", "talks", "case",
                    "discussions", "issue", "negotiations", "deliberations", "duty"}


def insider(phrase: str) -> tuple[str, str, bool] | None:
    """The unnamed insider *phrase* describes (``a source in the Kremlin``, ``a Kremlin
    source``, ``people familiar with the matter``) as (description, institution, plural),
    or None. The person is anonymous; the institution is only where they are."""
    text = " ".join(phrase.strip(" ,.;:").split())
    found = _INSIDE.match(text) or _ADJECTIVAL.match(text)
    if found is None:
        return None
    head, where = found.group("head").lower(), found.group("inst").strip()
    if {w.lower() for w in where.split()} <= NATIONALITIES:
        return None  # "Russian officials": a nationality, not an institution
    if where.split()[-1].lower() in _NOT_INSTITUTION:
        where = ""  # "people familiar with the matter"
    first = found.start("head" if found.re is _INSIDE else "inst")
    description = text[first:]  # "Sources in the Kremlin" at a sentence's start: lower case
    description = description[:1].lower() + description[1:] if found.re is _INSIDE else \
        description
    return description, where, head.endswith("s") or head == "people"


KIND_OF_WORD = {"court": {"court"}, "tribunal": {"court"},
                 "ministry": {"government", "defence-ministry"}}
"""Descriptions that only a source of these kinds fits (``the court`` is no news outlet)."""

INSTITUTION_WORDS = {"court", "tribunal", "ministry", "administration", "committee", "office",
                     "department", "council", "prosecutor", "service", "commission", "agency",
                     "hospital", "police"}
"""Heads of an institution a text may describe in lower case and then call ``the court``."""

_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_PLACE = (rf"(?:the\s+)?(?!{_DAYS})[A-Z][\w'’.-]*(?:\s+(?!{_DAYS})[A-Z][\w'’.-]*)*"
          r"(?:\s+(?:region|oblast|district|province|krai|republic|city))?")


def described_institution(before: str, word: str) -> tuple[str, int, int] | None:
    """The last lower-case description of an institution of kind *word* in the text
    *before* a reference to it (``a military court in Rostov-on-Don`` for ``the court``),
    as a name (``Military court in Rostov-on-Don``) with its span in *before*; or None."""
    if word not in INSTITUTION_WORDS:
        return None
    pattern = re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+((?:(?!the\b|a\b|an\b)[a-z][\w-]*\s+)"
                         rf"{{0,3}}{word})\s+(in|of|for|at)\s+({_PLACE})")
    last = None
    for last in pattern.finditer(before):
        pass
    if last is None:
        return None
    name = f"{last.group(1)} {last.group(2)} {last.group(3)}"
    return name[:1].upper() + name[1:], last.start(1), last.end(3)
