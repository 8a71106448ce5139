"""Court reporting's speakers: the roles of a hearing (the prosecution, the prosecutor, the
defence, a defence lawyer, the judge, a witness, the investigator) as the source of what
they say, ask or argue in the present tense of live reporting (``The prosecutor asks for
ten years``), named when the text names them (``Defence lawyer Anna Orlova reads out``),
and a speaker's label opening an item or paragraph (``Witness: ...``, ``3/ Prosecutor:
...``, a person named before: ``Orlova, from the bench:``), which makes the item that
speaker's, even in a reporter's own first-person thread. A news story's past tense
(``The prosecution had asked for six years``, the court's release reported) is left to
the other rules; ``the prosecutor said`` is an ordinary reporting cue (``cues.py``).

>>> bool(ROLE_SUBJECT.match("The prosecution says he hid for 200 days."))
True
>>> bool(ROLE_SUBJECT.match("The prosecution had asked for six years."))
False
>>> ROLE_LABEL.match("2/ Witness: of the 90 men ...").group(1)
'Witness'
>>> NAME_LABEL.match("Orlova, from the bench: he says ...").group(1)
'Orlova'
"""

from __future__ import annotations

import re

from .records import Attribution, SourceRef
from .tokens import tokens_between

__all__ = ["ROLE_SUBJECT", "ROLE_LABEL", "NAME_LABEL", "VERDICT_LABEL", "court_voice"]

_ROLES = (r"(?:prosecution|prosecutors?|state\s+prosecutors?|defen[cs]e(?:\s+(?:lawyers?|"
          r"counsel|attorneys?|team))?|lawyers?|judge|presiding\s+judge|witness(?:es)?|"
          r"investigators?)")
_VERBS = (r"(?:says|say|asks|ask|argues|argue|claims|claim|tells|tell|demands|demand|requests|"
          r"request|insists|insist|reads|read\s+out|adds|add|notes|testifies|testify|maintains|"
          r"alleges|allege|counters|replies|points\s+out|describes|recalls|states|contends)")
_ITEM = r"[ \t]*(?:\d{1,3}\s?[/.)][ \t]*)?"
_NAME = r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}"
ROLE_SUBJECT = re.compile(
    rf"{_ITEM}((?:(?:The|A|An|His|Her|Their)\s+)?(?i:{_ROLES})(?:\s+{_NAME})?),?\s+"
    rf"(?:(?:also|then|now|again)\s+)?(?i:{_VERBS})\b")
ROLE_LABEL = re.compile(rf"{_ITEM}((?:(?:The|A)\s+)?(?i:{_ROLES}))(?:,[^:\n]{{0,40}})?[ \t]*:\s")
VERDICT_LABEL = re.compile(rf"{_ITEM}(?i:verdict|sentence|ruling|judg(?:e)?ment)[ \t]*:\s")
_COURT_NAME = re.compile(r"\b(?:[A-Z][\w'’-]+\s+){1,5}Court\b")
NAME_LABEL = re.compile(rf"{_ITEM}({_NAME})(?:,[^:\n]{{1,40}})?[ \t]*:\s")
_PEOPLE = {"named-person", "anonymous-person"}
_CANONICAL = [("prosecut", "prosecutor"), ("defen", "defence lawyer"), ("lawyer", "lawyer"),
              ("judge", "judge"), ("witness", "witness"), ("investigat", "investigator")]


def _ref(r, start: int, end: int) -> SourceRef | None:
    """The source a role or a name at ``[start, end)`` is: the speaker reader's reading,
    else the role's usual name (``the prosecution`` as the prosecutor), else an unnamed
    person of that role proposed."""
    i, j = tokens_between(r.doc, start, end)
    ref, _note = r.resolve(i, j, i)
    if ref is not None:
        return ref
    words = r.doc[i:j].text.lower()
    role = next((name for stem, name in _CANONICAL if stem in words), None)
    if role is None:
        return None
    span = (r.doc[i].idx, end)
    ref = r.names.resolve(role, span)
    if ref is None:
        rid = r.names.report_id
        ref = r.names.propose(f"{rid}-{role.replace(' ', '-')}", f"Unnamed {role} cited in "
                              f"report {rid}", "anonymous-person", True, r.doc[i:j].text, span,
                              f"a court role the text does not name ('{r.doc[i:j].text}')")
    return ref


def _person_named_before(r, text: str, label: str, before: int) -> SourceRef | None:
    """``Belyaev`` as a label after ``Sergeant Pavel Belyaev`` earlier: that person."""
    if " " in label:
        full = label
    else:
        m = re.search(rf"\b[A-Z][a-z][\w'’-]*\s+{re.escape(label)}\b", text[:before])
        if m is None:
            return None
        full = m.group(0)
    ref = r.names.resolve(full, (0, 0))
    return ref if ref is not None and r.names.source_kind(ref.id) in _PEOPLE else None


def court_voice(r, passages, start: int) -> Attribution | None:
    """The court speaker of the figure at *start*: the subject of its sentence when a court
    role says or asks it, else the speaker labelled at the head of its paragraph; None
    when neither."""
    text = passages.text
    s, _e = passages.sentences[passages.sentence_of(start)]
    p, _pe = passages.paragraphs[passages.paragraph_of(start)]
    head = ROLE_LABEL.match(text, s) if s == p else None
    subject_from = head.end() if head else s
    m = ROLE_SUBJECT.match(text, subject_from)
    if m is not None and m.end() <= start:
        ref = _ref(r, m.start(1), m.end(1))
        if ref is not None:
            return Attribution(ref, notes=(f"a court role speaking in court reporting "
                                           f"({text[subject_from:m.end()].strip()!r})",))
    label = ROLE_LABEL.match(text, p)
    if label is not None:
        ref = _ref(r, label.start(1), label.end(1))
        if ref is not None:
            return Attribution(ref, notes=(f"under the speaker's label {label.group(1)!r}: "
                                           "the labelled speaker's",))
    if VERDICT_LABEL.match(text, p):  # "VERDICT: 8 years": the court named before
        courts = list(_COURT_NAME.finditer(text, 0, p))
        ref = r.names.resolve(courts[-1].group(0), courts[-1].span()) if courts else None
        if ref is not None:
            return Attribution(ref, notes=("under a verdict's label: the court named before, "
                                           f"{courts[-1].group(0)!r}",))
    named = NAME_LABEL.match(text, p)
    if named is not None:
        ref = _person_named_before(r, text, named.group(1), p)
        if ref is not None:
            return Attribution(ref, notes=(f"under the speaker's label {named.group(1)!r}: "
                                           "the labelled speaker's",))
    return None
