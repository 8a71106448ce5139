"""Cues: what in one sentence says who a figure comes from.

:func:`sentence_cues` reads the tokens of a sentence for attribution cues, each a
:class:`~credgraph.draft.according.Cue` with its role: ``according to X`` and ``per X``
(according), ``citing X`` (citing), ``X said / reported / estimated / wrote on Telegram``
and ``"...," the soldier said`` (speaker; ``X told Y`` with Y as the recipient), an
organisation that ``received``, ``registered`` or ``filed`` what it counts (own), ``by our
count`` and ``by Mediazona's tally`` (according), ``in an interview with X`` (according), a
court that ``sentenced`` (a speaker whose decision never relays), a headline's ``X: ...``,
``X quotes Y as saying`` and ``..., as cited by X`` (what is cited, through X).
It also records on the :class:`~credgraph.draft.speakers.SpeakerReader` whom a source
talked to (``X told Y``, ``X contacted Y``, ``Y interviewed X``): the route of its later
statements. :mod:`.attribution` builds the chains from the cues.
"""

from __future__ import annotations

import re

from .according import Cue, according_cues, apposed_name
from .institutions import STUDIES
from .numbers import NUMBER_WORD
from .passages import LIST_ITEM
from .records import SourceRef
from .cuewords import (_BEFORE_BY, _COURT_VERBS, _NOT_PER, _NOUNISH, _PASSIVE, _QUOTE_MARKS,
                       _RELAY_VERBS, _VERB_NEXT, phrase_after)
from .speakers import _DET, _TALKED_TO, OWN_WORK_VERBS, SPEECH_VERBS, SpeakerReader, _proper

__all__ = ["sentence_cues"]

_AIRED = {"published", "aired", "broadcast", "released", "posted", "on", "last", "this"}
"""Words that end the outlet's name after ``an interview with``."""
_TALLY = {"count", "counts", "tally", "tallies", "calculation", "calculations", "estimate",
          "estimates", "reckoning", "estimation"}
"""What ``by our count`` or ``by Mediazona's tally`` names: a source's own count."""
_GIVEN = {"published", "released", "compiled", "collected", "given", "provided", "issued"}
"""Participles whose agent (``by X``) is the source of what they give."""
_ASKERS = {"pollsters", "pollster", "interviewers", "researchers", "surveyors", "canvassers"}
"""Whom respondents tell their answers: the poll's, not the respondents' figure."""
_PRONOUN_SUBJECTS = {"it", "they", "he", "she", "we", "i", "who", "which", "also", "now"}
_AFTER_ASKER = {"in", "on", "during", "last", "this", "that", "about", "whether", "earlier"}
_CLAIMED_BY = {"claimed", "reported", "estimated", "announced", "recorded", "confirmed",
               "published", "released", "compiled", "documented", "counted", "verified",
               "tallied", "registered"}
"""Participles whose agent is the source after any noun (``the casualties a day claimed by
the General Staff``, ``attacks recorded by the mission``); not ``provided by`` (``aid
provided by Norway``)."""
_GIVEN_AFTER = {"figure", "figures", "number", "numbers", "toll", "total", "estimate",
                "count", "tally"}
"""The words of a figure such a participle may follow, after a comma or not (``The last
official figure, given by X, ...``; not ``The aid, provided by Norway``)."""
_AUDIENCES = {"committee", "hearing", "court", "parliament", "lawmakers", "legislators", "council",
              "session", "conference", "assembly", "tribunal", "inquiry", "commission", "duma",
              "rada", "congress", "senate", "jury", "judge", "judges", "deputies", "senators"}
"""Whom a source tells something in person (``told the committee``): an audience, not a
route (``told Reuters``)."""


def sentence_cues(r: SpeakerReader, start: int, end: int) -> list[Cue]:
    """The cues of the sentence of tokens ``[start, end)``, in text order."""
    doc, found = r.doc, []
    r.current = found
    line = r.span_text(start, end)
    if start < end and (_MASTHEAD.match(line) or _EMBED_LABEL.match(
            line)):  # "VerifyDesk | By Ana Lucia Ferreira | Published 6 May
        return found  # 2027"; "[Embedded Telegram post: X]" (the post is X's, :mod:`.voices`)
    k = start
    while k < end:
        t = doc[k]
        w = t.lower_
        if r.passages.quote_at(t.idx) or t.text in _QUOTE_MARKS:
            k += 1  # a quotation's words are its speaker's, not cues of the report
            continue
        if w == "according" and k + 1 < end and doc[k + 1].lower_ == "to":
            i, j = phrase_after(doc, k + 2, end)
            i, j = apposed_name(doc, j, end) or (i, j)  # "..., Radiy Khabirov."
            found.extend(according_cues(r, i, j, k))
            if doc[j:j + 3].text.lower().split()[1:] in (["which", "cited"], ["who", "cited"],
                                                        ["which", "quoted"]):
                i, j = phrase_after(doc, j + 3, end)  # "According to X, which cited a source
                ref, note = r.resolve(i, j, k)  # in Y, ...": the source via X
                found.extend([Cue("citing", ref, k, note=note)] if ref else [])
            k = j
            continue
        if w == "citing" or (w == "per" and k + 1 < end and doc[k + 1].lower_ not in _NOT_PER
                             and (k == start or doc[k - 1].text == ",")):
            i, j = phrase_after(doc, k + 1, end)
            ref, note = r.resolve(i, j, k)
            if ref:
                found.append(Cue("citing" if w == "citing" else "according", ref, k, note=note))
            k = j
            continue
        if w in SPEECH_VERBS | _GIVEN | _CLAIMED_BY and k > start and (
                doc[k - 1].lower_ in _PASSIVE | _BEFORE_BY | _GIVEN_AFTER or k - 1 > start and
                doc[k - 1].text == "," and doc[k - 2].lower_ in _GIVEN_AFTER or
                w in _CLAIMED_BY and doc[k - 1].is_alpha and doc[k - 1].is_lower) and \
                k + 1 < end and doc[k + 1].lower_ == "by":
            # "was reported by X", "as reported by X", "The last figure, given by X, was ..."
            i, j = phrase_after(doc, k + 2, end)
            ref, note = r.resolve(i, j, k)
            if ref:
                found.append(Cue("speaker", ref, k, note=note))
            k = j
            continue
        if w == "by" and (k == start or doc[k - 1].text in (",", "(", "—")) and k + 2 < end:
            i, j = phrase_after(doc, k + 1, end)  # "By our count", ", by Mediazona's tally"
            j = next((m for m in range(i + 2, j) if doc[m].lower_ in ("from", "based", "using")),
                     j)  # "by our calculation from the budget law"
            tally = next((m for m in range(i + 1, min(j, i + 6)) if doc[m].lower_ in _TALLY), None)
            j = tally + 1 if tally is not None and doc[i].lower_ in ("our", "its", "their", "my") \
                else j  # "By our count Russia sent 838 drones": the count, not the clause after
            words = [t.lower_ for t in doc[i:j]]
            owner = None  # where the counting source's name begins
            if words and words[-1] in _TALLY and (words[0] in ("our", "its", "their", "my") or
                                                  any(t.text in ("'s", "’s") for t in doc[i:j])):
                owner = i
            elif words[:1] == ["the"] and words[1:2] and words[1] in _TALLY and \
                    words[2:3] == ["of"]:
                owner = i + 3  # "by the count of OVD-Info"
            if owner is not None:
                ref, note = r.resolve(owner, j, k)
                if ref:
                    found.append(Cue("according", ref, k, note=note))
                k = j
                continue
        if w in _QUOTING and k + 2 < end:
            taken = _quoted_as(r, found, k, start, end)
            if taken is not None:
                k = taken
                continue
        if w in _TALKED_TO and k + 1 < end and doc[k + 1].lower_ in ("with", "to"):
            i, j = phrase_after(doc, k + 2, end)  # "in an interview with the BBC, X said"
            cut = next((m for m in range(i + 1, j) if doc[m].lower_ in _AIRED), j)  # "with
            ref, note = r.resolve(i, cut, k)  # the Sentinel published on 25 August": the Sentinel
            if ref:
                found.append(Cue("according", ref, k, note=note))
            k = j
            continue
        speech = w in SPEECH_VERBS or (w in ("points", "pointed") and k + 1 < end
                                       and doc[k + 1].lower_ == "out") or w in _COURT_VERBS
        own = w in OWN_WORK_VERBS
        nxt = doc[k + 1] if k + 1 < end else None
        verb_next = (nxt is None or nxt.lower_ in _VERB_NEXT or nxt.like_num or w in ("put", "puts")
                     and {"at", "closer", "near", "nearer"} & {t.lower_ for t in doc[
                         k + 1:min(end, k + 12)]}) and not (
            nxt is not None and nxt.text == "," and k + 2 < end and doc[k + 2].lower_ in
            SPEECH_VERBS)  # "put losses at 1,200"; not "... and local news reports, said"
        if w in ("counts", "tallies") and not (nxt is not None and (nxt.like_num or nxt.lower_ in (
                "about", "more", "over", "at", "some", "nearly", "almost", "around", "roughly",
                "only", "just", "up", "fewer", "less"))):
            own = False  # "Agora counts 300 cases", not "Vote counts in 40 districts"
        if w in _NOUNISH and not (verb_next or nxt.is_quote or nxt.text in (".", "!", ";")) or \
                w.endswith("ed") and k > start and doc[k - 1].lower_ in _DET | _PASSIVE:
            speech = own = False
        if w in _NOUNISH and nxt is not None and nxt.text in (".", "!", ";") and any(
                doc[m].lower_ == "and" for m in range(max(start, k - 4), k)) and any(
                doc[m].text == "," for m in range(start, k)):  # "from obituaries, posts by
            speech = own = False  # relatives and local news reports.": the last of a list
        if w in _NOUNISH and nxt is not None and nxt.lower_ == "by" and k > start and \
                doc[k - 1].is_alpha and doc[k - 1].is_lower and doc[k - 1].lower_ not in \
                _PRONOUN_SUBJECTS:
            speech = own = False  # "social media posts by relatives": material, not a voice
        if (speech or own) and not (w in _NOUNISH and (k == start or doc[k - 1].lower_ in _DET
                                                        or (k + 1 < end and doc[k + 1].lower_ == "of"))):
            i, j = r.left(k, start)
            ref, note = r.resolve(i, j, k) if j > i else (None, None)
            if j - i == 1 and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].like_num:
                ref = None  # "79 of them described torture": the people counted, no source
            if own and not speech and j > i and doc[i].lower_ in ("every", "each", "any", "no"):
                ref, own = None, False  # "Every resident ... receives a payment": no count
            inverted = k > start and (doc[k - 1].text in (",", ":") or doc[k - 1].text in
                                      _QUOTE_MARKS or doc[k - 1].is_quote)
            if ref is None and speech and (inverted or k == start) and not (
                    nxt is not None and nxt.lower_ in ("on", "in", "by")):  # not "..., posted
                # on X", nor "obituaries, posts by relatives": a list of material
                i, j = r.right(k, end)
                ref, note = r.resolve(i, j, k) if j > i else (None, None)
            if ref is not None and w in _COURT_VERBS and r.names.source_kind(ref.id) != "court":
                ref = None  # only a court's sentence is its own statement
            if ref is not None and own and not speech and ref.how == "new" and not (
                    _proper(doc, i, j) or ref.id == r.outlet or doc[i].lower_ == "the" and
                    r.names.source_kind(ref.id) == "government"):
                ref = None  # "garrison courts heard": a description, not the counting source;
                # "the regional military administration counts" is one institution's count
            if ref is None and own and j > i:
                taken = {c.source.id for c in found}
                hits = [h for h in r.names.find(doc, start, k) if h[0] not in taken]
                if hits:
                    ref = SourceRef(hits[-1][0], doc[hits[-1][1]:hits[-1][2]].text, (0, 0),
                                    "registry")
                    note = "the subject taken as the last source named before the verb"
            if speech and w in ("told", "tell", "tells") and k + 2 < end and \
                    doc[k + 1].lower_ in _ASKERS and doc[k + 2].lower_ in ("of", "from", "at",
                                                                         "for", "with"):
                ai, aj = phrase_after(doc, k + 3, end)  # "Ukrainians who told pollsters of
                aj = next((m for m in range(ai + 1, aj) if doc[m].lower_ in _AFTER_ASKER), aj)
                asker, _n = r.resolve(ai, aj, k) if aj > ai else (None, None)  # KIIS": KIIS's
                if asker is not None:
                    ref, note = asker, "what respondents told its pollsters: the poll's"
            if ref is not None and speech:
                _named_later(r, ref, i)
            if ref is not None:
                cue = Cue("own" if own else "speaker", ref, k, note=note,
                          joint=r.joint(k, ref), decision=w in _COURT_VERBS)
                after = doc[k + 1:min(end, k + 6)].text.lower()
                cue.telegram = "telegram" in after or bool(re.search(  # "In a Telegram
                    r"\b(?:in|on) (?:a|an|its|his|her|their) telegram\b",  # post, X said"
                    doc[start:k].text.lower()))
                if w in _RELAY_VERBS:
                    ri, rj = r.right(k, end)
                    recipient, _n = r.resolve(ri, rj, k) if rj > ri else (None, None)
                    if recipient is not None and ref.id in r.routes and rj - ri == 2 and \
                            doc[ri].lower_ == "the":  # "Harasym told the newspaper": the
                        recipient = SourceRef(r.routes[ref.id], doc[ri:rj].text, (0, 0),
                                              "registry")  # one he talked to before
                    if recipient and recipient.id != ref.id and not recipient.id.startswith(
                            r.names.report_id + "-") and not _AUDIENCES & {
                                t.lower_ for t in doc[ri:rj]}:  # "told the committee": heard
                        cue.recipient = recipient
                        r.routes.setdefault(ref.id, recipient.id)
                found.append(cue)
        if (w in ("contacted", "contacts", "approached") or w in ("wrote", "written", "write",
                                                                   "writes") and k + 2 < end
                and doc[k + 1].lower_ == "to") and k + 1 < end:
            i, j = r.left(k, start)  # "another soldier contacted Mediazona": a route only
            person, _n = r.resolve(i, j, k) if j > i else (None, None)
            ri, rj = r.right(k + (doc[k + 1].lower_ == "to"), end)  # "wrote to us"
            outlet, _n = r.resolve(ri, rj, k) if rj > ri else (None, None)
            if person and outlet and person.id != outlet.id:
                r.routes.setdefault(person.id, outlet.id)
                r.introduce(person.id, k)  # whom a later "they" may mean
        if w in ("interviewed", "interviews") and k + 1 < end:
            i, j = r.left(k, start)
            outlet, _n = r.resolve(i, j, k) if j > i else (None, None)
            ri, rj = phrase_after(doc, k + 1, end)
            person, _n = r.resolve(ri, rj, k) if rj > ri else (None, None)
            if outlet and person:
                r.routes.setdefault(person.id, outlet.id)
                if r.interviewer is None:
                    r.interviewer = (outlet.id, k)
        k += 1
    _picked_up(r, found, start, end)
    if not found:
        found.extend(_closing_source(r, start, end))
    if not found:
        found.extend(_work_author(r, start, end))
    if end - start >= 3 and doc[end - 1].text != ":" and r.passages.is_heading(
            r.passages.sentence_of(doc[start].idx)):
        lead = next((m for m in range(start + 1, min(end - 2, start + 6)) if doc[m].text == ":"),
                    None)  # a headline's "Russian military bloggers: ..."
        if lead is not None and not doc[lead + 1].like_num and not _GENRE.match(doc[
                start:lead].text):  # not a tally's "Officers: 6,318", nor "FACT CHECK: ..."
            ref, note = r.resolve(start, lead, start)
            if ref:
                found.append(Cue("according", ref, start, note=note))
        colon = next((m for m in range(end - 2, max(start, end - 6), -1) if doc[m].text == ":"),
                     None)  # a headline's "...: Kyiv"
        if colon is not None:
            ref, note = r.resolve(colon + 1, end, colon)
            if ref:
                found.append(Cue("according", ref, colon, note=note))
    return found


_WORK = STUDIES + r"|estimates?|data|figures|statistics|numbers|count|tally|report"
_AUTHORED = re.compile(rf"\b(?:{_WORK})\b(?:\s+[^\s,;:]+){{0,8}}?\s+(?:by|conducted by|"
                       r"carried out by|commissioned by)\s+(?P<name>(?:the\s+)?(?:[\w'’-]+\s+)"
                       r"{0,4}?[A-Z][\w.&'’-]*(?:\s+(?:of|for|the|[A-Z][\w.&'’-]*))*)")
_OPENING_OWNER = re.compile(rf"^\W*(?P<name>(?:[Tt]he\s+)?(?:[A-Z][\w.&'’-]*\s+){{0,5}}?"
                            rf"[A-Z][\w.&-]*)['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{_WORK})\b")
"""A sentence that opens with a source's work (``The Razumkov Centre's March survey points
the same way: 67 percent ...``)."""


_FIGURE_WORD = re.compile(rf"\d|\b(?i:{NUMBER_WORD})\b")
"""Whether a sentence's text may hold a figure (a digit or a number word)."""


def _work_author(r: SpeakerReader, start: int, end: int) -> list[Cue]:
    """A sentence without cues that names a study or data and who made it (``Take the most
    recent poll by the Kyiv International Institute of Sociology``, ``The Razumkov Centre's
    survey points the same way: ...``): the author is its source, and whom a later ``it
    found`` means."""
    from .tokens import token_at

    doc = r.doc
    text, base = r.span_text(start, end), doc[start].idx
    found = _OPENING_OWNER.match(text) or _AUTHORED.search(text)
    if found is None or r.passages.quote_at(base + found.start("name")):
        return []
    i = token_at(doc, base + found.start("name"))
    j = token_at(doc, base + found.end("name") - 1) + 1
    ref, note = r.resolve(i, j, i) if j > i else (None, None)
    if ref is None or ref.id == r.outlet:
        return []
    if not _FIGURE_WORD.search(text):  # no figure of its own: carried into no
        r.introduce(ref.id, i)  # other sentence, only whom a later "it found" means
        return []
    return [Cue("according", ref, i, note="the author of the study or data the sentence "
                                          "names" + (f"; {note}" if note else ""))]


def _closing_source(r: SpeakerReader, start: int, end: int) -> list[Cue]:
    """A source in parentheses closing a sentence without cues, as a list item or a box gives
    it (``- more than 5,900 released since February 2022 (ombudsman)``): the registry's
    source the parenthesis names whole, or the source named before that it describes; never
    a new proposal (``(file photo)``), a number or a conversion (``(about $140m)``)."""
    doc = r.doc
    close = next((m for m in range(end - 1, max(start, end - 3) - 1, -1) if doc[m].text == ")"),
                 None)
    if close is None or any(t.text not in (".", ";") for t in doc[close + 1:end]):
        return []
    opened = next((m for m in range(close - 1, max(start, close - 16) - 1, -1)
                   if doc[m].text == "("), None)
    if opened is not None:  # "(IOM, round 21 of its survey, as of 31 May)": the name first
        close = next((m for m in range(opened + 2, close) if doc[m].text == ","), close)
    if opened is None or opened + 1 >= close or close - opened > 8 or any(
            t.like_num or t.text in ("$", "€", "£") for t in doc[opened + 1:close]):
        return []
    words = doc[opened + 1:close]
    line_item = bool(LIST_ITEM.match(r.span_text(start, end)))  # "- 3.6 million ... (IOM)"
    if line_item and len(words) == 1 and _ACRONYM_SOURCE.fullmatch(words[0].text) and \
            words[0].text not in _NOT_SOURCES or line_item and all(t.is_lower for t in words) \
            and words[-1].lower_ in _GROUPS_IN_BRACKETS:  # "(IOM)", "(regional military
        ref, note = r.resolve(opened + 1, close, opened)  # administrations)": a box's source
        return [Cue("according", ref, opened, note=note, item=True)] if ref else []
    last = close
    if close - opened >= 3 and doc[close - 1].lower_ in _TALLY | {"figure", "figures", "data"} \
            and doc[close - 2].text in ("'s", "’s"):
        last = close - 2  # "(ombudsman's estimate)": the ombudsman's
    hits = r.names.find(doc, opened + 1, last)
    if hits and hits[0][1] == opened + 1 and hits[0][2] == last:
        return [Cue("according", SourceRef(hits[0][0], doc[opened + 1:last].text, (0, 0),
                                           "registry"), opened, item=True)]
    if last - opened == 2 and doc[opened + 1].is_lower:  # "(ombudsman)": the one named before
        held = r.role_of(["the", doc[opened + 1].lower_], opened)
        if held is not None and held[0] is not None:
            return [Cue("according", held[0], opened, note=held[1], item=True)]
    return []


_ACRONYM_SOURCE = re.compile(r"[A-Z]{2,7}")
_NOT_SOURCES = {"PDF", "UTC", "GMT", "UAH", "USD", "EUR", "RUB", "GBP", "CET", "EET", "MSK",
                "AM", "PM", "KM", "TV", "FAQ", "VIDEO", "PHOTO", "PHOTOS", "UPDATE", "LIVE",
                "NB", "OK", "ID", "IDP", "IDPS"}
"""Capitals in brackets that name no source (``(PDF)``, ``(UTC)``, ``(UAH)``)."""
_GROUPS_IN_BRACKETS = {"administrations", "administration", "authorities", "officials",
                       "ministry", "police", "prosecutors", "governors", "mayors", "services"}
"""The last word of an institution described in lower case in a box's brackets
(``(regional military administrations)``)."""
_MASTHEAD = re.compile(r"(?:[^|\n]{1,60}\|\s*)*By\s+[A-Z][^|\n]*(?:\||$)|(?:[^|\n]{1,60}\|\s*)+"
                       r"(?:Published|Updated|Posted)\b")
"""A byline or masthead line (``Outlet | By Name | Published 6 May``): who wrote the text
and when, no one's statement."""
_EMBED_LABEL = re.compile(r"(?i)\s*\[\s*embedded\b")
"""The label of a post embedded in a web story: who wrote the post, no statement."""
_GENRE = re.compile(r"(?i)(?:fact[ -]?check(?:ed)?|analysis|explainer|exclusive|breaking|"
                    r"update[d]?|opinion|comment|live|watch|explained|in numbers|verdict|"
                    r"what we know|timeline|q&a)$")
"""A headline's label of its genre (``FACT CHECK: ...``, ``ANALYSIS: ...``): no source."""
_PICKED = {"picked", "carried", "republished", "reprinted", "cited", "quoted", "relayed",
           "reposted", "echoed"}
"""Verbs of an outlet taking up another's story (``in remarks picked up by X``)."""


def _picked_up(r: SpeakerReader, found: list[Cue], start: int, end: int) -> None:
    """An outlet that took up what a source told another (``X told the Kyiv paper, in
    remarks picked up by the Polish site Y``, ``X told a Kyiv paper, which a Polish site
    cited``): the next link after that outlet, remembered for the chains of the text."""
    doc = r.doc
    told = [c for c in found if c.recipient is not None]
    if not told:
        return
    first = told[-1].recipient.id
    for k in range(start, end):
        w = doc[k].lower_
        by = next((m for m in range(k + 1, min(end, k + 6)) if doc[m].lower_ == "by"), None) \
            if w in _PICKED else None
        if by is not None and not any(t.is_punct for t in doc[k + 1:by]):
            i, j = phrase_after(doc, by + 1, end)
        elif w == "which" and k > start and doc[k - 1].text == ",":
            j = next((m for m in range(k + 2, min(end, k + 7)) if doc[m].lower_ in _PICKED),
                     None)  # ", which a Polish site cited"
            if j is None:
                continue
            i = k + 1
        else:
            continue
        ref, _note = r.resolve(i, j, k) if j > i else (None, None)
        if ref is not None and ref.id not in (first, r.outlet, told[-1].source.id):
            r.onward.setdefault(first, ref.id)
        return


_QUOTING = {"quotes", "quoted", "quoting", "cites", "cited"}
_AS_SAYING = {"saying", "telling", "stating", "reporting", "writing", "claiming", "estimating"}


def _quoted_as(r: SpeakerReader, found: list[Cue], k: int, start: int, end: int) -> int | None:
    """``X quotes Y as saying ...`` (Y via X) and ``..., as cited by X`` (what the sentence
    attributes, via X): the cues found, and the token to read on from; None when the verb
    at *k* is neither."""
    doc = r.doc
    if doc[k - 1].lower_ == "as" and k > start and doc[k + 1].lower_ == "by":
        i, j = phrase_after(doc, k + 2, end)
        ref, note = r.resolve(i, j, k)
        if ref is None:
            return None
        for cue in found:  # "according to Y, as cited by X": Y's, through X
            if cue.role in ("according", "speaker") and cue.source.id != ref.id:
                cue.role = "citing"
        found.append(Cue("speaker", ref, k, note=note))
        return j
    as_at = next((m for m in range(k + 2, min(end - 1, k + 14)) if doc[m].lower_ == "as"
                  and doc[m + 1].lower_ in _AS_SAYING), None)
    if as_at is None or any(t.text in ".;" for t in doc[k + 1:as_at]):
        return None
    quoted, note = r.resolve(k + 1, as_at, k)
    i, j = r.left(k, start)
    quoting, quoting_note = r.resolve(i, j, k) if j > i else (None, None)
    if quoted is None or quoting is None or quoted.id == quoting.id:
        return None
    found.append(Cue("speaker", quoting, k, note=quoting_note))  # "Reuters quotes Agora as
    found.append(Cue("citing", quoted, k + 1, note=note))  # saying": Agora via Reuters
    return as_at + 2


def _named_later(r: SpeakerReader, ref: SourceRef, i: int) -> None:
    """``The lawmaker, Mykola Harasym, said`` after ``a member of parliament ... told``: the
    definite role names the unnamed person just before (the last speaker), who is now
    *ref*; its route becomes the named person's."""
    doc = r.doc
    if i < 3 or doc[i - 1].text != "," or doc[i - 3].lower_ != "the" or not doc[i - 2].is_alpha \
            or r.names.source_kind(ref.id) != "named-person" or not r.speakers:
        return
    last = r.speakers[-1]
    if last != ref.id and r.names.source_kind(last) == "anonymous-person" and \
            last not in r.named:
        r.named[last] = ref.id
        if last in r.routes:
            r.routes.setdefault(ref.id, r.routes[last])
