"""Chains: one sentence's cues made into who a figure comes from and through whom.

:func:`cue_chain` takes the cue nearest the figure for each role (``citing``, an
organisation's own work, a speaker, ``according to``), the origin first; a lone cue naming a
source of the chain before keeps that chain; the route gets the reporters of the speaker
(``X reported that Y said``, ``Y said ..., X reported``), whom a source told (``X told Y``),
a speaker's Telegram channel, the outlets that relayed a route on (``told a Kyiv paper, which
a Polish site cited``) and an earlier interview's outlet; the report's own outlet is never on
it. :mod:`.attribution` applies it to each figure.
"""

from __future__ import annotations

from .according import Cue
from .cuewords import _CLOSING
from .records import Attribution, SourceRef
from .speakers import SpeakerReader
from .tokens import joins

__all__ = ["cue_chain"]

_PEOPLE_KINDS = {"named-person", "anonymous-person"}
"""A person on another's route tells their own story later (``..., the officer says.
The source also says``), not the chain they relayed."""


def _described(ref: SourceRef) -> bool:
    """A proposed source that reads as a description, not a name: capitalised only where
    the sentence starts (``Survivors who served``, ``Lawyers``), not ``The Foundation``."""
    words = ref.text.split()
    return ref.how == "new" and bool(words) and (
        all(w[:1].islower() for w in words[1:]) if len(words) > 1
        else words[0].endswith("s") and words[0][1:].islower())


def cue_chain(r: SpeakerReader, cues: list[Cue], near: int) -> Attribution | None:
    if not cues:
        return None
    notes = [c.note for c in cues if c.note]
    by_role = {}
    for cue in sorted(cues, key=lambda c: (abs(c.at - near), c.at > near), reverse=True):
        by_role[cue.role] = cue  # the cue nearest the figure wins its role (before it, a tie)
    closing = by_role.get("speaker")
    if closing is not None and closing.at > near:  # "X reported to the division that ... 40
        told = [c for c in cues if c.role == "speaker" and c.at < near and _tells(r.doc, c.at,
                                                                                 near)]
        if told:  # men, the officer says": X, told by the officer
            by_role["speaker"] = told[-1]
    own, speaker = by_role.get("own"), by_role.get("speaker")
    if own and speaker and speaker.at > own.at and _described(own.source):
        del by_role["own"]  # "Survivors ... received a pardon, Russian media reported": what
        cues = [c for c in cues if c is not own]  # the speaker reports, not a counting source
    order = [by_role.get(role) for role in ("citing", "own", "speaker", "according")]
    order = [c for c in order if c is not None]
    origin = order[0]
    previous = r.last_chain
    if len(order) == 1 and origin.note and previous is not None and previous.origin and (
            origin.source.id in {previous.origin.id, *(v.id for v in previous.via if (
                r.names.source_kind(v.id) or "") not in _PEOPLE_KINDS)} - {r.outlet}):
        return Attribution(previous.origin, previous.via, own_work=previous.own_work,
                           notes=(origin.note + ": the same chain as the statement before",))
    via = [cue.source for cue in order[1:] if not cue.decision]  # a court relays nothing
    via += [c.source for c in _reporters(r, cues, by_role.get("speaker"), near)]
    if origin.recipient is not None:
        via.insert(0, origin.recipient)
    speaker = by_role.get("speaker")
    if speaker is not None and speaker is not origin and speaker.recipient is not None:
        via.insert(via.index(speaker.source) + 1 if speaker.source in via else 0,
                   speaker.recipient)
    if speaker is not None and speaker.telegram:
        channel = next((s.id for s in r.names.registry if s.kind == "telegram-channel"
                        and s.speaks_for == speaker.source.id), None)
        if channel:
            via.insert(via.index(speaker.source) + 1 if speaker.source in via else 0,
                       SourceRef(channel, "Telegram", (0, 0), "registry"))
        else:
            notes.append(f"said on Telegram: the channel of {r.names.display(speaker.source.id)} "
                         "is not in the registry")
    for v in list(via):  # "told a Kyiv paper, which a Polish site cited": the site after it
        nxt = r.onward.get(v.id)
        if nxt and nxt not in {x.id for x in via}:
            via.insert(via.index(v) + 1, SourceRef(nxt, "", (0, 0), "registry"))
    seen, clean = {origin.source.id}, []
    for v in via:
        if v.id not in seen and v.id != r.outlet:
            seen.add(v.id)
            clean.append(v)
    route = r.routes.get(origin.source.id)
    if route is None and r.interviewer and r.first_seen.get(origin.source.id, -1) > \
            r.interviewer[1] and r.interviewer[0] != origin.source.id:
        route = r.interviewer[0]
    if not clean and route is not None and route not in (r.outlet, origin.source.id):
        clean.append(SourceRef(route, "", (0, 0), "registry"))
        if r.onward.get(route) not in (None, r.outlet, origin.source.id):
            clean.append(SourceRef(r.onward[route], "", (0, 0), "registry"))
        notes.append(f"via {r.names.display(route)}: the text says earlier that it spoke to "
                     f"{r.names.display(origin.source.id)} or interviewed people like them")
    own = origin.role == "own" or (origin.source.id == r.outlet and origin.role == "speaker")
    notes += [c.joint for c in cues if c.joint and c.source.id == origin.source.id and not any(
        c.joint in n for n in notes)][:1]  # "Mediazona and the BBC said": both named
    return Attribution(origin.source, tuple(clean), own_work=own, notes=tuple(notes))


def _tells(doc, verb: int, near: int) -> bool:
    """Whether the verb at token *verb* opens a ``that`` clause (``reported to the
    division that``) holding the figure at token *near*, with no number before it."""
    that = next((m for m in range(verb + 1, min(near, verb + 7)) if doc[m].lower_ == "that"),
                None)
    return that is not None and not any(t.like_num for t in doc[verb:that])


def _reporters(r: SpeakerReader, cues: list[Cue], inner: Cue | None, near: int) -> list[Cue]:
    """The speakers that report what the nearest speaker said, outermost last: ``X
    reported that Y said 300 ...`` (no figure between the two verbs) and ``Y said 300 ...,
    X reported.`` (a closing clause of a few words)."""
    if inner is None:
        return []
    doc, before, after = r.doc, [], []
    for c in (c for c in cues if c.role == "speaker" and c.source.id != inner.source.id):
        if c.at < inner.at < near and any(t.lower_ == "that" for t in doc[c.at + 1:c.at + 4]) \
                and not any(t.like_num for t in doc[c.at:inner.at]):
            before.append(c)
        between = [t.text.lower() for t in doc[max(inner.at, near):c.at]]
        if c.at > max(inner.at, near) and "," in between and not any(joins(doc, k) for k in range(
                max(inner.at, near), c.at)):  # up to the comma: "..., X reported, citing ..."
            s_end = r.passages.sentences[r.passages.sentence_of(doc[c.at].idx)][1]
            rest = [t.lower_ for t in doc[c.at + 1:] if t.idx < s_end]
            rest = [w for w in rest[:next((n for n, w in enumerate(rest) if w in ",;—"),
                                          len(rest))] if w.isalnum()]
            if rest[:1] in (["citing"], ["adding"]) or all(w in _CLOSING for w in rest):
                after.append(c)
    return sorted(before, key=lambda c: -c.at) + sorted(after, key=lambda c: c.at)
