"""Attribution: who a figure comes from, and through whom it reached the report.

:func:`attribute` reads the cues of each sentence: ``according to X``, ``per X``, ``X
said / says / reported / claimed / estimated / wrote on Telegram``, ``X told Y`` (X via
Y), ``Y, citing X`` (X via Y), an organisation that ``received`` or ``registered`` what it
counts (its own work: ``according to Y, X received 577 requests`` is X via Y), the speaker
of a quotation (``"...," the soldier said``), a court that ``sentenced``; a reporter of
another speaker (``X reported that Y said``, ``Y said ..., X reported``, ``as reported by
X``, ``speaking to X``) is on the route. A pronoun or a plain description (``it added``,
``the agency said``) is the last speaker of that kind; an outlet that talked to someone
earlier (``X told Y``, ``X contacted Y``, ``Y interviewed X``) stays the route of X's later
statements. A sentence with no cue takes the source it begins with, or the speaker of the
sentence before it in its paragraph (or of the paragraph before, into one without a voice
of its own), and says so; else the figure stays unattributed. The chain's ``via`` runs
origin side first; the report's own outlet is never in it. A post forwarded whole from
another channel (``Forwarded from "X":``) or a translation of X's report (``Original:
X``) has X on its figures' route, outermost, or is X's own; the reposting channel's own
note is the report's voice (:mod:`.voices`). In a transcript (:mod:`.interviews`) no voice is
carried from one speaker's turn into the next.

>>> from credgraph.model import Registry, Source
>>> from credgraph.draft.names import SourceNames
>>> from credgraph.draft.passages import Passages
>>> from credgraph.draft.tokens import tokenize
>>> reg = Registry([Source("hur", "HUR", "military-intelligence", "D", "r"),
...                 Source("reuters", "Reuters", "wire-agency", "B", "r")])
>>> text = "Reuters, citing HUR, said 300 fled. It added that 40 returned."
>>> doc, names = tokenize(text), SourceNames(reg, "r1")
>>> [(a.origin.id, [v.id for v in a.via]) for a in attribute(
...     doc, Passages(text), names, "bbc", [(26, 29), (50, 52)])]
[('hur', ['reuters']), ('hur', ['reuters'])]
"""

from __future__ import annotations

import re

from .according import WORKED_OUT, converted
from .chaining import cue_chain
from .courtroles import court_voice
from .cues import sentence_cues
from .interviews import read_interview, speak_as
from .names import normal_name
from .passages import LIST_ITEM, TURN_LABEL
from .records import Attribution, SourceRef
from .speakers import OWN_WORK_VERBS, SPEECH_VERBS, SpeakerReader
from .tables import table_at
from .voices import authority_outlet, author_voice, counts_itself, figure_item, figure_label, \
    find_reposts, institution_opens, own_notes, publishes_itself, releases_itself, \
    reports_itself, section_labels, through_repost

__all__ = ["attribute", "SPEECH_VERBS", "OWN_WORK_VERBS", "find_reposts", "own_notes",
           "through_repost"]

_DETAILS = re.compile(r"\b(?:published|released|gave|presented|issued|shared|posted)\s+(?:the\s+|"
                      r"its\s+|their\s+|new\s+)*(?:details|figures|data|breakdown|results|"
                      r"numbers|statistics|tally|list)\b|^\s*according to\b", re.I)
"""A sentence announcing the details that the next one gives."""
_CONTRAST = re.compile(r"\s*(?:However|But|Yet|Still|Meanwhile|Nevertheless)\b")
"""A sentence opening so answers the one before in the author's own voice."""
_LEAD_VERBS = {"said", "says", "reported", "reports", "wrote", "writes", "announced", "stated",
               "added", "listed", "posted", "published", "informed", "told", "according",
               "lists", "posts", "publishes", "announces", "states"}  # "X posts a total daily"
"""The verbs of a lead whose source speaks on in the sentences after it (not ``described
... as``, a characterisation)."""


def attribute(doc, passages, names, outlet: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """The attribution of each figure at character *spans* (in text order)."""
    from .tokens import tokens_between

    r = SpeakerReader(doc, passages, names, outlet)
    interview = read_interview(passages, names, outlet)
    reposts = [(s, e, names.resolve(name, (s, s))) for s, e, name in find_reposts(passages.text)]
    notes_of_outlet = own_notes(passages.text)
    kind = names.source_kind(outlet)  # a group's report, an authority's release or page
    own_voice = (publishes_itself(kind) or releases_itself(kind, passages.text)
                 or authority_outlet(names.display(outlet), kind)
                 or counts_itself(passages, names.display(outlet))  # "our list contains"
                 or reports_itself(passages, names.display(outlet)))  # "Situation Report"
    author = author_voice(passages, interview)  # "I counted ...": the author's own post
    labels = section_labels(passages, names)  # "Tver Regional Court. A soldier ..."
    by_sentence: dict[int, Attribution | None] = {}
    out: list[Attribution] = []
    last: tuple[int, Attribution] | None = None
    for s_index, (s, e) in enumerate(passages.sentences):
        speak_as(r, interview, s, outlet, author)
        i, j = tokens_between(doc, s, e)
        cues = sentence_cues(r, i, j)
        for cue in cues:
            sid = cue.source.id
            if sid != outlet or cue.role == "own":
                r.speakers.append(sid)
                r.first_seen.setdefault(sid, cue.at)
                r.last_seen[sid] = cue.at
        by_sentence[s_index] = cues  # type: ignore[assignment]
    read_to = -1  # the sentences before a figure whose voice is read (a lead without figures)
    for start, end in spans:
        speak_as(r, interview, start, outlet, author)
        s_index = passages.sentence_of(start)
        if interview is None and not own_voice and not author:  # a voice of their own
            last = _lead(r, by_sentence, range(read_to + 1, s_index), last)
        read_to = max(read_to, s_index)
        cues = by_sentence.get(s_index) or []
        first_token = tokens_between(doc, start, end)[0]
        found = cue_chain(r, cues, first_token)
        quote = passages.quote_at(start)
        if quote is not None:
            found = _quoted(r, by_sentence, quote, found, first_token)
        label_of = figure_label(passages, s_index) if found is None else None  # "4,210\n
        if label_of is not None and by_sentence.get(label_of):  # Drones launched, the air
            found = cue_chain(r, by_sentence[label_of], by_sentence[label_of][0].at)  # force said."
        if found is None:
            turns = interview is not None and interview.transcript  # no voice carried into
            found = _carried(r, by_sentence, s_index, None if turns and last and last[0] != (
                passages.paragraph_of(start)) else last)  # the next speaker's turn
            if found is not None and last is not None and found.origin is not None and \
                    found.origin.id == last[1].origin.id and not own_voice and not author:
                last = (passages.paragraph_of(start), last[1])  # it goes on, paragraph by
                # paragraph, until one has a voice of its own
        table = table_at(passages.tables, start) if found is None else None
        if table is not None:  # a table's cell: the voice of the paragraph announcing it
            found = _in_table(r, table, start, last)
        found = found or Attribution()
        if converted(passages.text, start) and quote is None:  # "1.6 million roubles ($17,800)"
            found = Attribution(SourceRef(outlet, "", (0, 0), "registry"), notes=(
                "a conversion of the money before it, in parentheses: the outlet's own",))
        if found.origin is not None and found.origin.id in r.named:  # named later
            found = Attribution(SourceRef(r.named[found.origin.id], found.origin.text, (0, 0),
                                          "registry"), found.via, found.quoted, found.own_work,
                                found.notes + (f"the unnamed {r.names.display(found.origin.id)}"
                                               " is named later in the text",))
        court = court_voice(r, passages, start) if interview is None else None
        if court is not None and (found.origin is None or not cues or (
                author and found.origin.id == outlet)):  # "Prosecutor: ...", "the judge asks"
            found = court
        label = labels.get(passages.paragraph_of(start))
        if found.origin is None and label is not None:  # a section under its label
            found = Attribution(label, notes=(f"no attribution cue, in a section labelled "
                                              f"{label.text!r}: the label's",))
        if found.origin is None and (own_voice or author):  # an organisation's own report
            found = Attribution(SourceRef(outlet, "", (0, 0), "registry"), notes=(
                "no attribution cue in the publisher's own report: the publisher's",))
        for r_start, r_end, channel in reposts:  # a post forwarded from another channel
            if r_start <= start < r_end:
                if not cues and found.origin is not None and doc[r.last_seen.get(
                        found.origin.id, 0)].idx < r_start:  # a voice from outside the post
                    found = Attribution()  # is not carried into it: the post is its author's
                found = through_repost(found, channel, outlet)
        if found.origin is None and any(a <= start < b for a, b in notes_of_outlet):
            found = Attribution(SourceRef(outlet, "", (0, 0), "registry"), notes=(
                "the reposting channel's own note: the outlet's",))
        if interview is not None:
            found = interview.answered(found, start, passages.text[slice(
                *passages.sentences[s_index])])
        if found.origin is not None and cues and not all(c.item for c in cues):
            last = (passages.paragraph_of(start), found)  # (an item's bracketed source is its own)
            r.last_chain = found
        out.append(found)
    return out


def _in_table(r, table, start, last) -> Attribution | None:
    """A figure in a table's cell without a cue: the outlet's own in a column the paragraph
    before calls its arithmetic (``with our calculation of the share``), else the voice of
    the paragraph that announces the table, if it is one of the two before it."""
    p = r.passages
    if table.own_column(start):
        return Attribution(SourceRef(r.outlet, "", (0, 0), "registry"), notes=(
            "a table's column the text calls its own calculation: the outlet's",))
    if last is None or last[0] < p.paragraph_of(table.start) - 2:
        return None
    return Attribution(last[1].origin, last[1].via, own_work=last[1].own_work, notes=(
        f"a table's cell: the voice of the text announcing it "
        f"({r.names.display(last[1].origin.id)})",))


def _lead(r, by_sentence, sentences, last):
    """The voice a figure's paragraph goes on in, from the sentences before it that have no
    figures: a lead naming its source (``..., the ministry reported on Monday.``) is the
    voice of what follows; a line announcing a list (``Its losses are:``) carries the voice
    before it into the list."""
    p = r.passages
    for k in sentences:
        here = p.paragraph_of(p.sentences[k][0])
        cues = [c for c in by_sentence.get(k) or [] if c.role == "according" or
                r.doc[c.at].lower_ in _LEAD_VERBS] if not p.is_heading(k) else []
        chain = cue_chain(r, cues, cues[-1].at) if cues and not p.quote_at(p.sentences[k][0]) \
            else None
        if chain is not None and chain.origin is not None and chain.origin.id != r.outlet:
            last = (here, Attribution(chain.origin, chain.via, own_work=chain.own_work))
        elif not cues and last is not None and last[0] >= here - 1 and p.text[slice(
                *p.sentences[k])].rstrip().endswith(":"):
            last = (here, last[1])
    return last


def _quoted(r, by_sentence, quote, found, near) -> Attribution | None:
    """The speaker of a quotation: a cue outside it in the sentences it spans, the
    sentence before it, or the speaker of the paragraph before (a quotation of its own)."""
    p = r.passages
    first, last = p.sentence_of(quote[0]), p.sentence_of(max(quote[0], quote[1] - 1))
    candidates = [found] if found else []
    stop = last + 2 if last + 1 < len(p.sentences) and p.paragraph_of(
        p.sentences[last + 1][0]) == p.paragraph_of(quote[0]) else last + 1
    for index in range(first, min(stop, len(p.sentences))):
        chain = cue_chain(r, by_sentence.get(index) or [], near)
        if chain:
            candidates.append(chain)
    if not candidates and first > 0:
        chain = cue_chain(r, by_sentence.get(first - 1) or [], near)
        if chain:
            candidates.append(chain)
    if not candidates and r.speakers:
        prior = [c for k in range(first) for c in (by_sentence.get(k) or [])]
        chain = cue_chain(r, prior[-1:], near) if prior else None
        if chain:
            candidates.append(Attribution(chain.origin, chain.via, notes=chain.notes + (
                "a quotation without a speaker of its own: taken as the last speaker's",)))
    if not candidates:
        return None
    best = candidates[0]
    return Attribution(best.origin, best.via, quoted=True, own_work=best.own_work,
                       notes=best.notes)


def _carried(r, by_sentence, s_index, last) -> Attribution | None:
    """No cue: the registry source the sentence begins with, else the speaker of the
    sentence before it in the same paragraph."""
    p, doc = r.passages, r.doc
    from .tokens import tokens_between

    s, e = p.sentences[s_index]
    if WORKED_OUT.match(p.text[s:e]):  # "That works out at roughly 570 a day."
        return Attribution(SourceRef(r.outlet, "", (0, 0), "registry"), notes=(
            "the text's own arithmetic on the figure before: the outlet's",))
    i, j = tokens_between(doc, s, e)
    label = next((k + 1 for k in range(i, min(j, i + 8)) if doc[k].text == ":"), None) if \
        TURN_LABEL.match(p.text[s:e]) else None
    i = label if label is not None and label < j else i  # "HOST: The agency has 40 ...": after the label
    if any(r.names.keys.get(normal_name(doc[i:k].text)) == r.outlet for k in range(
            i + 1, min(j, i + 4) + 1)):  # "CP was able to check 60 of the names"
        return Attribution(SourceRef(r.outlet, doc[i].text, (0, 0), "registry"), own_work=True,
                           notes=("the outlet as the sentence's subject: its own work",))
    hits = [h for h in r.names.find(doc, i, min(j, i + 6)) if h[1] <= i + 2]
    if hits:
        sid = hits[0][0]
        route = r.routes.get(sid)
        via = (SourceRef(route, "", (0, 0), "registry"),) if route and route != r.outlet else ()
        return Attribution(SourceRef(sid, doc[hits[0][1]:hits[0][2]].text, (0, 0), "registry"),
                           via, notes=("no attribution cue: the sentence's subject taken as "
                                       "the source",))
    here = p.paragraph_of(s)
    before = by_sentence.get(s_index - 1) if s_index and p.paragraph_of(
        p.sentences[s_index - 1][0]) == here else None
    chain = cue_chain(r, before, before[-1].at) if before and (last is None or last[0] != here) \
        and _DETAILS.search(p.text[slice(*p.sentences[s_index - 1])]) else None  # "X has
    # published the details of the swap. Of the 84 men, 19 ...": the details are X's; so are
    # those after "According to X, a drone struck a car. Two more residents were hurt."
    if chain is not None and chain.origin is not None:
        return Attribution(chain.origin, chain.via, own_work=chain.own_work, notes=(
            f"no attribution cue: carried from the sentence before ("
            f"{r.names.display(chain.origin.id)})",))
    if last is not None and _CONTRAST.match(p.text[s:e]):
        return None  # "However, nearly three years on, ...": the author's own voice
    if last is None or not (last[0] == here and s_index > 0 or last[0] == here - 1 and (
            not _speaks(r, by_sentence, here) or _next_voice(r, by_sentence, s_index) ==
            last[1].origin.id and not _people_first(doc, i, j))):  # its voice, later, the same
        return None  # carried within a paragraph, or into one with no voice of its own
    first = p.sentence_of(p.paragraphs[here][0])
    if last[0] != here and p.is_heading(first) and first != s_index and not LIST_ITEM.match(
            p.text[slice(*p.sentences[first])]):  # a list's items are no section's title
        return None  # a new slide or section under its own title: no voice carried into it
    if last[0] != here and figure_item(p, here):
        return None  # "10. Zero\nCeasefires that held.": a box's item, a voice of its own or none
    prev = last[1]  # ("... the Air Force reports.\n\nSix drones were lost ...")
    if last[0] != here and prev.origin.id == r.outlet and not prev.via:
        return None  # "By our count, 40 ...\n\nThe fee rose to 90 ...": the outlet's own count
        # is that figure's; its next paragraph is its narrative, unattributed
    return Attribution(prev.origin, prev.via, own_work=prev.own_work, notes=(
        f"no attribution cue: carried from the {'sentence' if last[0] == here else 'paragraph'} "
        f"before ({r.names.display(prev.origin.id)})",))


def _people_first(doc, i, j) -> bool:
    """Whether the sentence of tokens ``[i, j)`` opens with people (``Prosecutors had asked``)."""
    from .names import PEOPLE_WORDS

    return any(t.lower_ in PEOPLE_WORDS for t in doc[i:min(j, i + 3)])


def _next_voice(r, by_sentence, s_index: int) -> str | None:
    """The origin of the first sentence after *s_index* in its paragraph with cues."""
    p = r.passages
    for k in range(s_index + 1, len(p.sentences)):
        if p.paragraph_of(p.sentences[k][0]) != p.paragraph_of(p.sentences[s_index][0]):
            return None
        if by_sentence.get(k):
            chain = cue_chain(r, by_sentence[k], by_sentence[k][0].at)
            return chain.origin.id if chain and chain.origin else None
    return None


def _speaks(r, by_sentence, paragraph: int) -> bool:
    """Whether a paragraph has a voice of its own: an attribution cue, a source of the
    registry, the outlet's ``we``, or people as a sentence's subject (``Prosecutors had
    asked``)."""
    from .names import PEOPLE_WORDS
    from .tokens import tokens_between

    p, doc = r.passages, r.doc
    sentences = [k for k, (s, _e) in enumerate(p.sentences) if p.paragraph_of(s) == paragraph]
    i, j = tokens_between(doc, *p.paragraphs[paragraph])
    heads = {doc[k].lower_ for n in sentences for k in range(*tokens_between(
        doc, *p.sentences[n]))[:3]}
    return any(by_sentence.get(k) for k in sentences) or bool(r.names.find(doc, i, j)) or \
        bool({t.lower_ for t in doc[i:j] if t.text != "US"} & {"we", "our", "us"} or heads & PEOPLE_WORDS) or \
        institution_opens(p.text[slice(*p.paragraphs[paragraph])])
