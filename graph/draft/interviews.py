"""Interviews: whose voice the first person is in an interview's answers.

An interview is a text laid out as questions and answers: paragraphs marked ``Q:`` /
``Question:`` (answers ``A:`` / ``Answer:``), or, after an introduction, short paragraphs
ending with a question mark, at least two of them and one paragraph in four from the fifth
paragraph on, after an introduction that says someone was spoken to or interviewed; or
speakers' turns (``**Petrova:** ...``, ``— Petrova: ...``, a transcript's ``ORTIZ: ...``
and ``QUESTION (Radio X): ...``), names taking turns, the one who asks least the
interviewee (a briefing's spokesperson, a podcast's guest) and the others the interviewers
(a podcast's hosts, the journalists: their turns are the outlet's, and a figure a
journalist's question cites reached the text through the outlet its label names). In a
transcript no voice is carried from one turn into the next. Its interviewee is the person the introduction
names (``Human rights lawyer Anna Petrova ... The Courier spoke to her``): a registry
person, or one proposed by first and last name, or by a given name alone when the text says
it is no real name or gives an age (``Andrei (not his real name), 32,``: an anonymous
person). A figure of the introduction in a sentence about the interviewee (his name among
its first words) with no source of its own is his account.

In the answers ``I``, ``we`` and ``our`` are the interviewee (or the organisation the
interviewee speaks for, which the registry's ``speaks_for`` records), never the outlet that
asks the questions; a figure with no source of its own in an answer is the interviewee's;
a figure the interviewee attributes to someone else (``the court statistics show``,
``a mother told me``) reached the report through the interviewee. :mod:`.attribution`
asks :func:`read_interview` once per text and :meth:`Interview.answered` for each figure.

>>> from credgraph.model import Registry
>>> from credgraph.draft.names import SourceNames
>>> from credgraph.draft.passages import Passages
>>> text = ("Lawyer Anna Petrova has defended soldiers since 2022. We spoke to her.\\n\\n"
...         "How many clients do you have?\\n\\nAbout thirty.\\n\\nDo they win?\\n\\nRarely.")
>>> found = read_interview(Passages(text), SourceNames(Registry([]), "r1"), "courier")
>>> found.interviewee.id, found.voice(text.index("About")), found.voice(0)
('anna-petrova', 'anna-petrova', 'courier')

What :meth:`Interview.answered` makes of the figures of an answer, and of the introduction:

>>> from credgraph.draft.records import Attribution, SourceRef
>>> cited = Attribution(SourceRef("mediazona", "Mediazona", (0, 0), "registry"))
>>> [v.id for v in found.answered(cited, text.index("About"), "Mediazona counts 30.").via]
['anna-petrova']
>>> found.answered(Attribution(), text.index("About"), "We have 30.").own_work
True
>>> found.answered(Attribution(), 0, "Lawyer Anna Petrova has 30 clients.").origin.id
'anna-petrova'
>>> found.answered(Attribution(), 0, "The war has lasted 3 years.").origin is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Attribution, SourceRef

__all__ = ["Interview", "read_interview", "speak_as"]

_QUESTION = re.compile(r"\s*(?:Q|Question)\s*[:.\-–—]\s*", re.I)
_ANSWER = re.compile(r"\s*(?:A|Answer)\s*[:.\-–—]\s*")
_PERSON = re.compile(r"(?=\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b)")
_NOT_FIRST_NAMES = {"The", "A", "An", "In", "On", "At", "Our", "We", "Human", "Russian",
                    "Ukrainian", "Soviet", "British", "American", "Western", "Military",
                    "Defence", "Defense", "General", "Supreme", "Garrison", "How", "What",
                    "When", "Why", "Do", "Does", "Is", "Are", "Since", "Last", "This"}
_INTERVIEWED = re.compile(r"\b(?:spoke|speaks|talked|talks|interview\w*|asked|conversation)\b",
                          re.I)
_BYLINE = re.compile(r"\bby\s+$", re.I)
"""What comes just before the interviewer's or the author's name (``Interview by``)."""
_FIRST_PERSON = {"i", "we", "our", "my", "us", "me", "ours"}
_PSEUDONYM = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s*(?:\((?:not (?:his|her|their) real name|"
    r"(?:the |a )?names? (?:has been |have been |was )?changed|a pseudonym|pseudonym|"
    r"names? withheld)\)|, (?:\d{2}|not (?:his|her|their) real name|a pseudonym),)")
"""A person the introduction names by a given name alone, said to be no real name or
followed by an age (``Andrei (not his real name), 32,``, ``Marina, 41, ...``)."""
_TURN = re.compile(r"\s*(?:\*\*|__)?(?:[—–-]\s*)?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
                   r"(?:\s*\(([^()\n]{2,40})\))?"
                   r"\s*(?:\*\*|__)?\s*[:—–]\s*(?:\*\*|__)?\s*(?=\S)")
"""A speaker's turn: a paragraph opened by a name and a colon or a dash (``Petrova:``,
``**Petrova:**``, ``— Petrova:``), the asker's outlet in brackets after it
(``QUESTION (Radio X):``)."""


_STAFF_ROLE = re.compile(r"(?i)\b(?:correspondent|reporter|anchor|presenter|host|editor)s?\b")
"""A turn's role in brackets that makes it the outlet's own voice (``(CORRESPONDENT, LIVE)``)."""
_STAFF = object()
"""What :func:`_turns` gives for turns whose answers are the outlet's own reporter's: a
transcript with no interviewee, each source named in it the report's own."""


@dataclass(frozen=True)
class Interview:
    """An interview's interviewee and the character spans of its answers."""

    interviewee: SourceRef
    answers: tuple[tuple[int, int], ...]
    outlet: str
    intro: tuple[int, int] = (0, 0)
    transcript: bool = False
    """Laid out as speakers' turns: nothing is carried from one turn into the next."""
    routes: tuple[tuple[tuple[int, int], SourceRef], ...] = ()
    """The questions whose label names the asker's outlet, and that outlet."""

    def in_answer(self, offset: int) -> bool:
        """Whether *offset* lies in one of the answers."""
        return any(s <= offset < e for s, e in self.answers)

    def voice(self, offset: int) -> str:
        """Who ``I`` and ``we`` are at *offset*: the interviewee in an answer, else the
        outlet."""
        return self.interviewee.id if self.in_answer(offset) else self.outlet

    def _about_interviewee(self, sentence: str) -> bool:
        """Whether *sentence* of the introduction has the interviewee for its subject (his
        name in its first words)."""
        name = self.interviewee.text or ""
        words = re.findall(r"[\w'’-]+", sentence)[:6]
        return bool(name) and any(w in (name, name.split()[-1]) for w in words)

    def answered(self, found: Attribution, offset: int, sentence: str) -> Attribution:
        """The attribution of a figure at *offset* once the interview is read: unchanged
        outside the answers; in one, the interviewee's when no one else is named (the
        outlet included), else the other source's via the interviewee."""
        if not self.in_answer(offset):
            asked = next((ref for (s, e), ref in self.routes if s <= offset < e), None)
            if asked is not None and found.origin is not None and found.origin.id not in (
                    self.outlet, asked.id) and not any(v.id == asked.id for v in found.via):
                return Attribution(found.origin, found.via + (asked,), quoted=found.quoted,
                                   own_work=found.own_work, notes=found.notes + (
                                       "cited in a journalist's question: via the journalist's "
                                       "outlet",))
            if found.origin is None and self.intro[0] <= offset < self.intro[1] and \
                    self._about_interviewee(sentence):
                return Attribution(self.interviewee, notes=found.notes + (
                    "the introduction tells the interviewee's own story: his account",))
            return found
        me = self.interviewee
        origin = found.origin
        if origin is None or origin.id in (self.outlet, me.id):
            own = found.own_work or bool(_FIRST_PERSON & set(re.findall(r"[a-z]+",
                                                                         sentence.lower())))
            return Attribution(me, tuple(v for v in found.via if v.id not in (
                self.outlet, me.id)), quoted=found.quoted, own_work=own, notes=found.notes + (
                "an interview's answer: the interviewee's unless another source is named",))
        if any(v.id == me.id for v in found.via):
            return found
        return Attribution(origin, found.via + (me,), quoted=found.quoted,
                           own_work=found.own_work, notes=found.notes + (
                               "said in an interview's answer: via the interviewee",))


def read_interview(passages, names, outlet: str) -> Interview | None:
    """The interview of a text laid out as questions and answers, or None."""
    text, paragraphs = passages.text, passages.paragraphs
    turns = _turns(passages, names, outlet)
    if turns is not None:
        return None if turns is _STAFF else turns
    marked = [k for k, (s, e) in enumerate(paragraphs) if _QUESTION.match(text[s:e])]
    if len(marked) >= 2:
        questions = set(marked)
    else:
        questions = {k for k, (s, e) in enumerate(paragraphs) if k > 0 and _asks(text[s:e])}
        if len(questions) < 2 or min(questions) > 4 or \
                4 * len(questions) < len(paragraphs) - min(questions):
            return None  # a question or two in an article is no interview's layout
    first = min(questions)
    intro = "\n\n".join(text[s:e] for s, e in paragraphs[:first])  # no name across two
    if len(marked) < 2 and not _INTERVIEWED.search(intro):
        return None  # questions as slide titles, with no one interviewed
    interviewee = _interviewee(intro, names, outlet)
    if interviewee is None:
        return None
    answers = tuple((s, e) for k, (s, e) in enumerate(paragraphs)
                    if k > first and k not in questions)
    return Interview(interviewee, answers, outlet, (0, paragraphs[first][0]))


def _turns(passages, names, outlet: str) -> Interview | None:
    """An interview or a transcript laid out as speakers' turns (``**Danko:** ...``, ``—
    Danko: ...``, ``ORTIZ: ...``, ``QUESTION (Radio X): ...``): names open at least two
    paragraphs each; the one who asks least answers (the interviewee, a briefing's
    spokesperson, a podcast's guest: by the full name the introduction gives, else by the
    name of the turns), every one of the others asks more (an interviewer, the hosts, the
    journalists, whose turns are the outlet's). A journalist's label naming an outlet
    (``QUESTION (Radio X):``) puts that outlet on the route of what the question cites."""
    text, paragraphs = passages.text, passages.paragraphs
    speakers: dict[str, list[int]] = {}
    asked_for: dict[int, str] = {}
    for k, (s, e) in enumerate(paragraphs):
        m = _TURN.match(text[s:e])
        if m and (m.group(2) or m.group(1).split()[0] not in ("Q", "A", "Question", "Answer")):
            speakers.setdefault(m.group(1).casefold(), []).append(k)
            if m.group(2):
                asked_for[k] = m.group(2)
    both = [n for n, ks in speakers.items() if len(ks) >= 2]
    if len(both) < 2:
        return None
    asks = {n: sum(text[slice(*paragraphs[k])].rstrip().endswith("?") for k in speakers[n]) /
            len(speakers[n]) for n in both}
    answerer = min(both, key=lambda n: asks[n])
    if any(asks[n] <= asks[answerer] for n in both if n != answerer):
        return None  # no one asks: a dialogue, a chat log, a list of names
    first = min(k for n in both for k in speakers[n])
    intro = "\n\n".join(text[s:e] for s, e in paragraphs[:first])
    full = next((f"{m.group(1)} {m.group(2)}" for m in _PERSON.finditer(intro)
                 if answerer in (m.group(2).casefold(), f"{m.group(1)} {m.group(2)}".casefold())),
                None)
    if full is None:
        label = _TURN.match(text[slice(*paragraphs[speakers[answerer][0]])]).group(1)
        full = label.title() if label.isupper() else label
    interviewee = names.resolve(full, propose=False) or _pseudonymous(full, names) \
        if " " not in full else names.resolve(full)
    if interviewee is None or interviewee.id == outlet:
        return None
    role = _TURN.match(text[slice(*paragraphs[speakers[answerer][0]])]).group(2) or ""
    if _STAFF_ROLE.search(role) or re.search(rf"(?i)\bour (?:\w+ )?(?:correspondent|reporter)s?"
                                             rf",?\s+{re.escape(full)}", intro):
        return _STAFF  # "TOM ALDOUS (CORRESPONDENT, LIVE)": the outlet's own reporter
    answers = tuple(paragraphs[k] for k in speakers[answerer])
    routes = tuple((paragraphs[k], ref) for k, name in sorted(asked_for.items())
                   if re.search(r"\d", text[slice(*paragraphs[k])]) and  # a figure cited
                   (ref := names.resolve(name)) is not None and ref.id != outlet)
    return Interview(interviewee, answers, outlet, (0, paragraphs[first][0]), True, routes)


def speak_as(reader, interview: Interview | None, offset: int, outlet: str,
             author: bool = False) -> None:
    """Make *reader* (a :class:`~credgraph.draft.speakers.SpeakerReader`) read ``I`` and
    ``we`` at *offset* as the interview's voice there (the outlet outside the answers);
    with *author* (a text in its author's first person), ``I`` is the outlet."""
    from .speakers import _PRONOUNS

    reader.outlet = interview.voice(offset) if interview else outlet
    reader.pronouns = {**_PRONOUNS, "i": "outlet"} if reader.outlet != outlet or author \
        else _PRONOUNS


def _asks(paragraph: str) -> bool:
    """A question of the interviewer's: one short line ending with a question mark."""
    line = paragraph.strip()
    return line.endswith("?") and "\n" not in line and len(line) <= 240 and \
        not _ANSWER.match(line)


def _interviewee(intro: str, names, outlet: str) -> SourceRef | None:
    """The first person the introduction names by first and last name (not the outlet, nor
    the one a byline names: ``Interview by X``, ``Interviewed by X``): one of the registry,
    else one proposed."""
    from .names import guess_kind

    matches = list(_PERSON.finditer(intro))
    starts = {m.start(1) for m in matches}
    candidates = [f"{m.group(1)} {m.group(2)}" for m in matches  # not "Volunteer Kirill" of
                  if m.group(1) not in _NOT_FIRST_NAMES and m.start(2) not in starts  # "Kirill Danko"
                  and not _BYLINE.search(intro[:m.start(1)])]
    for name in candidates:  # a registry person first, then a proposed one
        ref = names.resolve(name, propose=False)
        if ref is not None and ref.id != outlet and names.source_kind(ref.id) == "named-person":
            return SourceRef(ref.id, name, (0, 0), ref.how)
    for name in candidates:
        if names.resolve(name, propose=False) is None and \
                guess_kind(name, name)[0] == "named-person":
            return names.resolve(name)
    given = _PSEUDONYM.search(intro)
    if given and given.group(1) not in _NOT_FIRST_NAMES:
        return names.resolve(given.group(1), propose=False) or \
            _pseudonymous(given.group(1), names)
    return None


def _pseudonymous(name: str, names) -> SourceRef:
    """An interviewee known by a given name alone (``Andrei (not his real name)``): an
    anonymous person, proposed under that name."""
    from .names import slug

    return names.propose(slug(name), f"{name} (interviewee, not named in full)",
                         "anonymous-person", True, name, (0, 0),
                         "an interviewee the text names by a given name alone")
