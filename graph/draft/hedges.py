"""Hedges: what a report attaches to a figure about how sure it is.

:func:`find_hedges` gives each figure one value of the closed hedge list. Cues are read
outside quotations only (a hedge inside a quote is the speaker's, not the report's), but
for an assessment's word of probability opening a quotation (``"likely reached ..."``,
``"almost certainly"``), its own hedge quoted:

- in the figure's own sentence: ``reportedly``, ``allegedly``, ``probably``, ``likely``
  (for the figures of their clause), ``claims``, ``estimated``, ``denied``, ``could not be
  verified``, ``hard to say how accurate`` (for every figure of the sentence);
- in a disclaimer of its own (``We could not verify the HUR claims.``, ``Agora's figures
  could not be independently verified.``): every figure of the source it names, or, when it
  names none, the figures just before it (``the figure``: the last sentence with figures;
  ``either figure``: the last two; ``these figures``: those of the paragraphs before it;
  ``none of the numbers provided by both sides``: every source's figure above it, however far;
  ``Neither figure can be verified, and X puts it at 250``: a clause pointing back covers
  the figures before it, not the other clause's). ``If that holds`` doubts the figure
  before it, ``Such a total is not believable`` disputes it.
  A transcript's speaker label (``SAVCHUK: I can't confirm their total.``) is who speaks,
  not a source disclaimed; a disclaimer whose own sentence names what it cannot verify
  (``received reports of casualties but could not verify them``) covers no figure before;
  a fact-check's rating (``RATING: FALSE``, ``we rate the claim false``) disputes the
  figures quoted on its ``CLAIM:`` line.

A sentence that answers the figure before with a figure of its own (``the true number
was fewer than a hundred``, ``accused the activists of inflating``, ``our own figure is
lower``) disputes the figures of the sentence before that are another source's (rather
than the disclaimer just before it: ``I can't confirm their total. Our own figure is
lower``). When several apply, an estimate or a probable wins, as the annotation format
has it (they change what a figure can prove), then the strongest in the order of
:data:`HEDGE_CUES`; the others are named in the mention's ``ambiguity``.

>>> from credgraph.draft.passages import Passages
>>> text = "HUR said 300 fled, reportedly twice as many as in May. We could not verify HUR's figures."
>>> find_hedges(text, Passages(text), [(9, 12), (30, 35)], ["hur", "hur"], {"hur": ["HUR"]})
['unable-to-verify', 'unable-to-verify']
>>> text = "The group said 300 fled, reportedly twice as many as in May."
>>> find_hedges(text, Passages(text), [(15, 18), (36, 41)], [None, None], {})
['none', 'alleged']
"""

from __future__ import annotations

import re

__all__ = ["find_hedges", "HEDGE_CUES"]

_V = r"(?:verif\w*|confirm\w*|check\w*|corroborat\w*|audit\w*|authenticat\w*)"
HEDGE_CUES: list[tuple[str, str, re.Pattern]] = [  # (hedge, scope, pattern)
    ("unable-to-verify", "sentence", re.compile(
        rf"\b(?:could ?n[o']t|cannot|can't|(?:was|were|is|are|been|be) unable to|unable to|not "
        rf"(?:been |be )?able to|(?:have|has|had)n[’']t been able to|no way to|impossible to)\s+(?:be\s+)?(?:immediately\s+|"
        rf"independently\s+)*{_V}"
        rf"|\bn(?:o|ever)t?\s+(?:been\s+|be\s+)?(?:immediately\s+|independently\s+)*"
        rf"(?:verified|confirmed|corroborated|checked|audited)\b|\bun(?:verified|confirmed)\b"
        rf"|\b(?:neither\b[^.]{{0,40}}|none\b[^.]{{0,60}})\b(?:could|can|was|were|has|have)\s+"
        rf"(?:be\s+|been\s+)?(?:independently\s+)?(?:verified|confirmed|checked|corroborated)\b"
        rf"|\bn(?:o|ot)\s+(?:seen|observed|found)\s+"
        rf"(?:any\s+)?(?:independent\s+)?(?:confirmation|verification|corroboration)\b"
        rf"|\bwithout\s+(?:any\s+)?(?:independent\s+)?(?:confirmation|verification|"
        rf"corroboration|(?:being\s+)?(?:able\s+to\s+)?(?:verify|confirm)\w*)\b",
        re.I)),
    ("accuracy-uncertain", "sentence", re.compile(
        r"\b(?:hard|difficult|impossible) to (?:say|tell|know|assess|judge|establish)\b"
        r"|\bhow (?:accurate|reliable|true)\b|\baccuracy\b|\b(?:inflated|exaggerated|"
        r"overstated)\b|\bcannot be known\b"
        r"|^\W*if (?:that|this|these|those|it|they|so|true|the (?:figures?|numbers?|estimates?|"
        r"claims?|counts?))(?: (?:is|are|was|were|holds?|proves?))? ?(?:right|true|correct|"
        r"accurate|so)?\b(?=,)|\b(?:doubts?|doubted|questions?|questioned)\b(?= "
        r"(?:(?:the|these|this|those|its|such|that|their|his|her) )?(?:\w+ )?(?:figures?|"
        r"estimates?|claims?|numbers?|data|count|totals?)\b)", re.I)),
    ("disputed", "sentence", re.compile(
        r"\b(?:denied|denies|rejected|rejects|disputed|disputes|contested|contests|dismissed|"
        r"refuted)\b(?= (?:(?:the|these|this|those|its|such|that|their|his|her) )?(?:\w+ )?"
        r"(?:figures?|estimates?|claims?|numbers?|reports?|data|count|allegations?))"
        r"|\bcalled (?:the|these|those) (?:figures?|claims?|numbers?)"
        r"|\b(?:is|are|was|were|seems?|looks?) (?:not|hardly|scarcely) (?:credible|plausible|"
        r"believable|possible)\b"
        r"|\b(?:called|dismissed as|branded|described as)\s+(?:it\s+|them\s+)?(?:propaganda|a lie|"
        r"lies|fake|fabricat\w*|false|nonsense|disinformation)\b"
        r"|\b(?:figures?|claims?|numbers?|posts?|statements?|totals?|counts?) (?:is|are|was|were) "
        r"(?:false|misleading|fabricated|baseless|untrue|wrong)\b"
        r"|\b(?:rate[sd]?|rating) (?:(?:this|the|that|these|its) )?(?:\w+ )?(?:as )?(?:false|"
        r"misleading|mostly false|fabricated|unproven|untrue)\b"
        r"|^\s*(?:rating|verdict)\s*:\s*(?:false|misleading|mostly false|fabricated|untrue)\b",
        re.I)),
    ("alleged", "clause", re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly)\b",
                                     re.I)),
    ("alleged", "sentence", re.compile(r"\b(?:alleged|alleges|claim(?:s|ed)?)\b|\baccording to "
                                       r"(?:the )?(?:investigation|investigators|indictment|"
                                       r"charge sheet)\b|\binvestigators (?:believe|suspect)\b",
                                       re.I)),
    ("estimate", "sentence", re.compile(r"\bestimat\w*|\b(?:I|we)(?:['’]d| would) (?:say|guess|"
                                        r"put it at|reckon)\b|\b(?:I|we) (?:guess|reckon)\b|"
                                        r"\b(?:my|our) (?:guess|rough count|assessment)\b|"
                                        r"\b(?:I|we) (?:assess|judge)\b|\bat a guess\b|"
                                        r"\bassess(?:es|ed)? that\b",
                                        re.I)),
    ("estimate", "clause", re.compile(  # "perhaps 10,000 rounds a day", "Perhaps a quarter"
        r"\b(?:perhaps|maybe)\s+(?:(?:about|around|some|only|just|as many as|up to)\s+)?(?=\d|"
        r"(?:an?\s+)?(?:third|quarter|half|fifth|tenth|dozen)\b|(?:one|two|three|four|five|six|"
        r"seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred|a thousand)\b)", re.I)),
    ("probable", "clause", re.compile(
        r"\balmost certainly\b|\b(?:likely|probably|possibly|presumably)\b|\b(?:believed|thought) to\b|"
        r"\b(?:appears?|seems?) to\b|\bmay have\b"
        r"|\b(?:preliminary|initial|early|provisional|incomplete) (?:data|figures|information|"
        r"reports?|estimates?|counts?|results)\b", re.I)),
]
"""Each hedge's cues and how far they reach; the first that applies wins."""

_YARDSTICK = re.compile(r"^\W*(?:almost certainly|highly likely|very likely|likely)"
                        r"\b(?!\s+(?:to\s+)?(?:say|said|claim|accused))", re.I)
"""A word of the intelligence yardstick of probability (``likely``, ``highly likely``,
``almost certainly``) opening a quotation: the report quotes an assessment's own hedge
(``had "likely reached around 1,040,000"``), which the figure keeps; a speaker's
conversational ``"probably in the tens of thousands"`` stays the speaker's."""

_ANSWERED = re.compile(r"\b(?:the|that the) (?:true|real|actual) (?:number|figure|toll|total|"
                       r"count)\b|\baccused\s+(?:\w+\s+){0,3}of\s+(?:inflating|exaggerating|"
                       r"overstating|double-counting|counting\s+\w+\s+twice)\b|\b(?:our|my|its|their) own (?:figure|"
                       r"count|number|total|tally|estimate)\b[^.]{0,60}?\b(?:is|was|are|were) "
                       r"(?:much |far |considerably )?(?:lower|higher|smaller|larger)\b", re.I)
"""A sentence that answers the figure before with its own (``said the true number was
fewer than a hundred``): the figure before is disputed."""

_SPEAKER_LABEL = re.compile(r"\s*[A-Z][\w.'’ -]{0,40}:\s")
"""A transcript's speaker label opening a line (``SAVCHUK:``, ``Host:``)."""

_NEGATED = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}(?:an?\s+|any\s+)?$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y)\b")
_ORDER = ["estimate", "probable", "unable-to-verify", "accuracy-uncertain", "disputed", "alleged",
          "none"]
_DISCLAIMERS = {"unable-to-verify", "accuracy-uncertain", "disputed"}


def _outside_quotes(text: str, start: int, end: int, passages) -> str:
    """The sentence with quoted words blanked out (offsets kept)."""
    chars = list(text[start:end])
    for qs, qe in passages.quotes:
        for k in range(max(qs, start), min(qe, end)):
            chars[k - start] = " "
    return "".join(chars)


def _clause(text: str, sentence: tuple[int, int], offset: int,
            marks: str = ",;:") -> tuple[int, int]:
    """The part of the sentence around *offset* between the punctuation *marks*."""
    s, e = sentence
    left = max(text.rfind(c, s, offset) for c in marks)
    rights = [p for p in (text.find(c, offset, e) for c in marks) if p >= 0]
    return (left + 1 if left >= s else s), (min(rights) if rights else e)


def find_hedges(text: str, passages, spans: list[tuple[int, int]], origins: list[str | None],
                names_of: dict[str, list[str]], outlet: str | None = None,
                speaks_for: dict[str, str] | None = None,
                also: dict[int, set[str]] | None = None) -> list[str]:
    """The hedge of each figure at *spans*; *origins* are their sources' ids and
    *names_of* maps each id to the names the text may use for it; *outlet* is the report's
    (``Kestrel assesses that`` in Kestrel's own note is its estimate, another's assessment
    is not); *speaks_for* maps a source to the one it speaks for (``Kyiv's figures`` are
    those of the sources speaking for Ukraine's government too, its General Staff's). When
    a figure has two hedges, an estimate or a probable wins (the annotation format's rule:
    they change what the figure can prove) and the others go into *also*, by figure."""
    hedges = ["none"] * len(spans)
    also = {} if also is None else also

    def put(index, hedge):
        if hedge == hedges[index]:
            return
        if _ORDER.index(hedge) < _ORDER.index(hedges[index]):
            hedge, hedges[index] = hedges[index], hedge
        if hedge != "none":
            also.setdefault(index, set()).add(hedge)

    disclaimed_in: dict[int, int] = {}  # the sentence that disclaimed a figure before it
    by_sentence: dict[int, list[int]] = {}
    for index, (start, _end) in enumerate(spans):
        by_sentence.setdefault(passages.sentence_of(start), []).append(index)
    for s_index, sentence in enumerate(passages.sentences):
        plain = _outside_quotes(text, *sentence, passages)
        found = [(hedge, scope, m.start() + sentence[0], m.group().lower().startswith("assess"))
                 for hedge, scope, pattern in HEDGE_CUES for m in pattern.finditer(plain)]
        found += [("probable", "clause", qs, False) for qs, qe in passages.quotes
                  if sentence[0] <= qs < sentence[1] and _YARDSTICK.match(text[qs:qe])]
        members = by_sentence.get(s_index, [])
        if members and _ANSWERED.search(plain):
            before = [k for k in by_sentence if k < s_index]
            mine = {origins[i] for i in members}
            for i in by_sentence[max(before)] if before else []:
                if origins[i] not in mine:  # "I can't confirm their total. Our own figure
                    # is lower": a disclaimer of the answer itself is a dispute
                    if disclaimed_in.get(i) == s_index - 1 and _FIRST_PERSON.search(
                            plain) and _FIRST_PERSON.search(_outside_quotes(
                                text, *passages.sentences[s_index - 1], passages)):
                        also.get(i, set()).difference_update(_DISCLAIMERS)
                        hedges[i] = "none" if hedges[i] in _DISCLAIMERS else hedges[i]
                    put(i, "disputed")
        if not found:
            continue
        for hedge, scope, at, assessed in found:
            back = _points_back(text, sentence, plain, at, spans, members) if members and \
                hedge in _DISCLAIMERS else None
            if back is not None:  # "Neither figure can be verified, and X puts it at 250":
                for i in [i for i in members if spans[i][0] < at] or _disclaimed(
                        text, passages, sentence, back, spans, origins, names_of, by_sentence,
                        s_index, at - sentence[0], outlet, speaks_for):
                    put(i, hedge)  # the figures before, not the one of the other clause
                    disclaimed_in[i] = s_index
                continue
            if members:
                for i in members:
                    if assessed and (outlet is None or origins[i] != outlet):
                        continue  # "The ministry assessed that": not the report's own
                    if scope == "clause":
                        lo, hi = _clause(text, sentence, at)
                        same = [j for j in members if lo <= spans[j][0] < hi]
                        if not same:  # "...; according to preliminary data, 3 were hurt"
                            lo, hi = _clause(text, sentence, at, ";")
                            same = [j for j in members if lo <= spans[j][0] < hi]
                        if same and i not in same:
                            continue
                    if hedge == "estimate" and (not _estimate_of(plain, at - sentence[0], origins[
                            i], names_of) or _NEGATED.search(plain[:at - sentence[0]])):
                        continue  # "We do not publish an estimate of ...": no estimate
                    put(i, hedge)
            elif hedge in _DISCLAIMERS:
                whole = bool(_WHOLE_STORY.search(plain))
                for i in _disclaimed(text, passages, sentence, plain, spans, origins, names_of,
                                     by_sentence, s_index, at - sentence[0], outlet, speaks_for):
                    if whole and hedges[i] in _DISCLAIMERS:
                        continue  # a figure's own dispute is nearer than the story's caveat
                    put(i, hedge)
                    disclaimed_in[i] = s_index
    return hedges


_BACK = re.compile(r"\b(?:neither|either|both|these|those|the two|none of)\b", re.I)


def _points_back(text, sentence, plain, at, spans, members) -> str | None:
    """The clause of a disclaimer at *at* blanked around (the rest of *plain* spaces), when
    it holds none of the sentence's figures and points back at figures before it (``Neither
    figure can be independently verified, and ...``); else None."""
    lo, hi = _clause(text, sentence, at)
    if any(lo <= spans[i][0] < hi for i in members) or not _BACK.search(text[lo:hi]):
        return None
    s = sentence[0]
    return " " * (lo - s) + plain[lo - s:hi - s] + " " * (sentence[1] - hi)


def _disclaimed(text, passages, sentence, plain, spans, origins, names_of, by_sentence,
                s_index, at: int = 0, outlet: str | None = None,
                speaks_for: dict[str, str] | None = None) -> list[int]:
    claimed = _claim_line(text, passages, spans) if _VERDICT.search(plain) else []
    if claimed:  # a fact-check's rating: the figures of the claim it checks
        return claimed
    label = _SPEAKER_LABEL.match(plain)  # "SAVCHUK: I can't confirm their total": the
    if label:  # speaker of the line disclaims, the source named by the label is not disclaimed
        plain = " " * label.end() + plain[label.end():]
    low = plain.lower()
    if re.search(r"\b(?:reports?|claims?|allegations?|accounts?) of\b", low[:at]) and \
            re.search(r"^\W*\w+(?:\s+\w+){0,3}?\s+(?:most |some |many |all |any |each )?(?:of )?"
                      r"(?:them|it|these|those)\b", low[at:]):
        return []  # "received reports of casualties ... but was unable to verify most of
        # them": what it cannot verify is named in its own sentence, no figure before it
    subject = low[:at]  # "Kestrel cannot verify these figures": Kestrel disclaims, not of its own
    lead = re.match(r"\s*(?:the\s+)?((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)(?!['’]s)\s+(?=[a-z])",
                    plain)  # "Kestrel considers Russian claims inflated": the judge, not judged
    if lead and any(n.lower() == lead.group(1).lower() or n.lower().startswith(
            lead.group(1).lower() + " ") for names in names_of.values() for n in names):
        low = low[:lead.start(1)] + " " * len(lead.group(1)) + low[lead.end(1):]
    low = low[:max(0, at - 40)] + re.sub(r"[\w'’ -]+(?:\s+\w+){0,2}\s*$", lambda m: " " * len(
        m.group()), subject[max(0, at - 40):]) + low[at:] if at else low
    if _THE_POST.search(plain.lower()):  # "We are publishing this without confirmation": the
        cut = max((m.end() for m in _SEPARATOR.finditer(text, 0, sentence[0])), default=0)
        return [i for k in sorted(by_sentence) if k < s_index for i in by_sentence[k]
                if spans[i][0] >= cut]  # whole post, since the last separator line
    if _WHOLE_STORY.search(plain):  # "None of the numbers provided by both sides can be
        return [i for k in sorted(by_sentence) if k < s_index for i in by_sentence[k]
                if origins[i] not in (None, outlet)]  # verified": every source's, however far
    named = [sid for sid, names in names_of.items() if sid in origins and any(
        re.search(rf"\b{re.escape(n.lower())}\b", low) for n in names if len(n) > 1)]
    owned = re.search(r"\b([A-Z][\w-]+)['’]s (?:figures|claims|data|numbers|count|estimates?)\b",
                      plain)
    owners = {sid for sid, names in names_of.items() if owned and owned.group(1).lower() in (
        n.lower() for n in names)}  # "Kyiv's figures": Kyiv's, and of those speaking for it
    named += [o for o in set(origins) - {None, *named} if o in owners or speaks_for and
              _speaks_for_any(o, owners, speaks_for)]
    if named:
        return [i for i, o in enumerate(origins) if o in named]
    earlier = [i for k in sorted(by_sentence) if k < s_index for i in by_sentence[k]]
    if not earlier:
        return _ahead(text, sentence, low, spans)
    if owned:  # "Agora's figures": a source whose figures are not known here: the last ones
        last_sentence = passages.sentence_of(spans[earlier[-1]][0])
        return [i for i in earlier if passages.sentence_of(spans[i][0]) == last_sentence]
    if re.search(r"\b(?:either|neither|both|the two)\b", low):
        return earlier[-2:]
    if _ONE_FIGURE.search(plain.lower()):  # "That figure could not be verified": the sentence before's
        last_sentence = passages.sentence_of(spans[earlier[-1]][0])  # first, its subject
        if passages.paragraph_of(spans[earlier[-1]][0]) >= passages.paragraph_of(sentence[0]) - 1:
            return [min(i for i in earlier if passages.sentence_of(spans[i][0]) == last_sentence)]
    if re.search(r"\b(?:figures|claims|numbers|estimates|reports|data|these|they)\b", low):
        here = passages.paragraph_of(sentence[0])
        near = [i for i in earlier if here - 2 <= passages.paragraph_of(spans[i][0]) <= here]
        same = {origins[i] for i in near if passages.paragraph_of(spans[i][0]) == here}
        if same:  # "these claims": the claims of its own paragraph's sources, in the
            return [i for i in near if origins[i] in same]  # paragraphs before too
        pick = {origins[i] for i in near} - {None, outlet}  # a paragraph of its own: the
        # figures of the sources before it, wherever the text gives them ("Kyiv Pulse is
        # unable to verify these numbers" after the General Staff's daily tally)
        return [i for i in earlier if origins[i] in pick or i in near]
    last_sentence = passages.sentence_of(spans[earlier[-1]][0])
    if passages.paragraph_of(spans[earlier[-1]][0]) < passages.paragraph_of(sentence[0]) - 1:
        return []  # "this" points at nothing near it
    return [i for i in earlier if passages.sentence_of(spans[i][0]) == last_sentence]


_AHEAD = re.compile(r"\b(?:figures|numbers|claims|data|statistics|tallies|counts)\b")
_BELOW = re.compile(r"\b(?:below|following|that follow|which follow)\b")


def _ahead(text, sentence, low, spans) -> list[int]:
    """A preface's disclaimer with no figure before it (``We translate it below in full. We
    could not check the figures it contains.``): the figures of the block after it, between
    the next two separator lines (or after the first), else those after a ``below``."""
    if not _AHEAD.search(low):
        return []
    lines = list(_SEPARATOR.finditer(text, sentence[1]))
    if lines:
        start, stop = lines[0].end(), lines[1].start() if len(lines) > 1 else len(text)
    elif _BELOW.search(low):
        start, stop = sentence[1], len(text)
    else:
        return []
    return [i for i, (a, _b) in enumerate(spans) if start <= a < stop]


def _speaks_for_any(source: str, owners: set[str], speaks_for: dict[str, str]) -> bool:
    """Whether *source* speaks for one of *owners*, directly or through others."""
    seen = {source}
    while (source := speaks_for.get(source)) and source not in seen:
        if source in owners:
            return True
        seen.add(source)
    return False


_WHOLE_STORY = re.compile(
    r"\b(?:none|any|all|each|every one) of the (?:figures|numbers|claims|counts|statistics|"
    r"casualty figures|tolls)\b(?! (?:of|from|by) [A-Z])(?:\s+(?:given|cited|quoted|provided|"
    r"reported|released|published|presented|heard)\s+(?:by|in|at)\s+(?:the\s+)?(?:officials|"
    r"authorities|both sides|either side|all sides|the two sides|the parties|governments|this "
    r"(?:story|report|article)|the (?:story|report|article)|hearing|session|briefing|meeting|"
    r"conference|inquiry))?\s+(?:could|can|has|have|had|was|were|is|are)\b"
    r"|\b(?:the|all) (?:figures|numbers|claims|statistics|data) (?:in|of|cited in|given in) "
    r"this (?:report|article|story|text|translation|dispatch|piece|bulletin)\b"
    r"|\b(?:the|any|all|these)\s+(?:claims?|figures?|numbers?|tolls?|reports?|accounts?|tallies|"
    r"counts?)\s+(?:of|from|by)"
    r"\s+(?:either|both|the two|each)\s+sides?\b|\b(?:either|both|each|neither)\s+side['’]s\s+"
    r"(?:claims?|figures?|numbers?|tolls?|accounts?)\b", re.I)
"""A disclaimer of every source's figures in the story, however far above it (``None of the
numbers provided by both sides can be verified.``, ``could not verify the claims of either
side``, ``either side's figures``; not ``the battlefield accounts of either side``, which
are some of them); ``any of the figures from
HUR`` names its source and is read as before; so is a closing note on ``the figures in
this report`` (a translator's, an editor's)."""
_THE_POST = re.compile(r"\b(?:publish\w*|post\w*|repost\w*|shar\w*|pass\w* on|run\w*|"
                       r"print\w*)\s+(?:this|it|these|the (?:post|information|message|report|"
                       r"claims?|figures?))\s+(?:\w+\s+){0,2}?without\b")
"""A disclaimer of the post itself (``we are publishing this without confirmation``)."""
_ONE_FIGURE = re.compile(r"\b(?:that|this)\s+(?:figure|number|claim|estimate|toll|total|count|"
                         r"tally)\b(?!s)")
"""A disclaimer of one figure (``That figure could not be independently verified``): the
first of the sentence before, the one it is about (not the bonus it also names)."""
_SEPARATOR = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,}|—{2,})[ \t]*$", re.M)

_VERDICT = re.compile(r"\b(?:rate[sd]?|rating|verdict)\b", re.I)
_CLAIM_LINE = re.compile(r"^[ \t]*(?:the )?claim[ \t]*:.*$", re.I | re.M)


def _claim_line(text: str, passages, spans) -> list[int]:
    """The figures of a fact-check's ``CLAIM:`` line, which its rating judges: those quoted
    in it when it quotes the claim (not the post's share count beside it)."""
    line = _CLAIM_LINE.search(text)
    if line is None:
        return []
    inside = [i for i, (start, _end) in enumerate(spans) if line.start() <= start < line.end()]
    quoted = [i for i in inside if any(qs <= spans[i][0] < qe for qs, qe in passages.quotes)]
    return quoted or inside


_OWNED_ESTIMATE = re.compile(r"(?:\b([A-Z][\w-]*(?: [A-Z][\w-]*)*)['’]s|\b(our|my|its|their|his|"
                             r"her))\s+(?:own\s+|latest\s+|new\s+|official\s+)?$", re.I)


def _estimate_of(plain: str, at: int, origin: str | None, names_of) -> bool:
    """Whether the estimate word at *at* of the sentence hedges a figure of *origin*: an
    estimate without an owner hedges the sentence; one with an owner (``Kyiv's estimate``,
    ``our estimate``) only the figures of that owner: those of the named source, or, for a
    pronoun, those whose source the sentence does not name (the voice's own)."""
    owner = _OWNED_ESTIMATE.search(plain[:at])
    if owner is None:
        return True
    names = [n.lower() for n in names_of.get(origin, [])] if origin else []
    if owner.group(1):
        return any(n in owner.group(1).lower() or owner.group(1).lower() in n for n in names)
    low = plain.lower()
    return not any(re.search(rf"\b{re.escape(n)}\b", low) for n in names if len(n) > 1)
