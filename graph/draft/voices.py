"""Voices: whose words a text's own sentences are, where no cue names a source.

Four ways a text speaks for someone without saying ``X said``:

- **the publisher's own report**: an outlet of a kind that publishes its own work (an NGO, a
  rights group, an intergovernmental mission) gives in its own voice the figures it cites no
  source for. Its kind is the registry's; for an outlet the registry lacks,
  :func:`outlet_kind` reads what the text calls it (``Open Dock, a Georgian human rights
  group``), else the last word of its name (``Quarry Mapping Collective``: a collective),
  else the words of the name as any proposed source; an authority (a ministry, a
  prosecutor's office, a police department) speaks so in its own press release, labelled
  as one on a line of the text's head (``Press release | 2 May``: :func:`releases_itself`);
- **an author's own post**: a text whose own sentences say ``I`` (``I went through 300
  clips this week``; outside quotations, not an interview's answers) is its outlet's, the
  author's: ``I`` and ``my`` are the outlet and its figures without a source are the
  author's (:func:`author_voice`);
- **a section's label**: a paragraph that opens with a line naming an institution and
  nothing else (``Tver Regional Court.``, ``Pskov City Court,
  Pskov.``: the case summaries of a digest of verdicts) speaks of what that institution
  decided: its figures without a source of their own are the institution's
  (:func:`section_labels`); a paragraph that opens with an institution acting
  (``The Duma renewed the decree ...``) has a voice of its own, the report's statement of
  record, into which the speaker before is not carried (:func:`institution_opens`);
- **a figure's label**: a line that is a figure alone (``4,210`` over ``Drones launched this
  week, the air force said.``: a box of the week's numbers) is read with the sentence under
  it, whose source it takes (:func:`figure_label`).

And a text may carry another's whole: a post forwarded from another channel (a block under
``Forwarded from "X":`` up to a separator line or the reposting channel's own note), a
translation or reprint of another outlet's report (its head says ``Translated from Russian.
Original: X, 12 May`` or ``Originally published by X``, or its dateline names the agency,
``MOSCOW, May 12. /X/.``: from that line to the end): :func:`find_reposts`. Each figure
inside has X on its route, outermost, or is X's own when the text gives no other source
(:func:`through_repost`); the reposting channel's own note (``From the admin of Y: ...``,
:func:`own_notes`) is the report's voice.

>>> outlet_kind("Open Dock", "A bulletin of Open Dock, a Georgian human rights group.")
('human-rights-group', 'the text calls it "Georgian human rights group"')
>>> outlet_kind("Quarry Mapping Collective", "")
('ngo', 'its name\\'s last word, "Collective"')
>>> outlet_kind("Dnipro Now TV", "")
('broadcaster', 'tv')
>>> from credgraph.draft.passages import Passages
>>> author_voice(Passages("I counted 40 tanks. My total is 61. He said 3."))
True
>>> author_voice(Passages('The mayor said: "I saw 40 tanks." I was not there.'))
False
"""

from __future__ import annotations

import re

from .figures import CURRENCY_SYMBOLS
from .kinds import guess_kind
from .numbers import NUMBER_WORD
from .passages import LIST_ITEM
from .records import Attribution, SourceRef

__all__ = ["PUBLISHERS", "AUTHORITIES", "outlet_kind", "publishes_itself", "releases_itself",
           "counts_itself",
           "authority_outlet",
           "author_voice", "section_labels", "institution_opens", "figure_label", "find_reposts",
           "own_notes", "through_repost"]

PUBLISHERS = {"ngo", "human-rights-group", "intergovernmental-organisation"}
"""Kinds of an outlet whose report speaks in its own voice: a figure it gives without a
source is its own (not a news outlet's, whose unsourced figures stay unattributed)."""

_HEADS = {"collective": "ngo", "institute": "ngo", "watch": "ngo", "initiative": "ngo",
          "project": "ngo", "foundation": "ngo", "centre": "ngo", "center": "ngo",
          "network": "ngo", "coalition": "ngo", "mission": "intergovernmental-organisation"}
"""The last word of an outlet's name that says what kind of body publishes it."""
_DESCRIBED = r"{name}\s*(?:\([^)]{{1,40}}\)\s*)?,\s+(?:is\s+)?(?:an?|the)\s+([^,.;:\n]{{3,80}})"
"""``Open Dock, a Georgian human rights group``: the outlet as the text describes it."""
_OUTLET_KINDS = {"named-person", "military-unit", "official-register"}
"""Kinds a name may look like that an outlet is not (a two-word title looks like a person's
name; ``Data`` in it like a register)."""


def outlet_kind(name: str, text: str) -> tuple[str, str]:
    """The kind of an outlet the registry lacks, and what the guess rests on: what the text
    calls it, else its name's last word, else its name's words (a news outlet when they
    look like a person, a unit or a register)."""
    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    described = re.search(_DESCRIBED.format(name=re.escape(bare)), text)
    if described:
        kind, _basis = guess_kind(described.group(1), described.group(1))
        if kind not in _OUTLET_KINDS and not _basis.startswith("nothing"):
            return kind, f'the text calls it "{described.group(1).strip()}"'
    words = bare.split()
    if len(words) > 1 and words[-1].lower() in _HEADS:
        return _HEADS[words[-1].lower()], f'its name\'s last word, "{words[-1]}"'
    kind, basis = guess_kind(name, name)
    if kind in _OUTLET_KINDS:
        return "news-outlet", "its place as the outlet"
    return kind, basis


def publishes_itself(kind: str | None) -> bool:
    """Whether an outlet of *kind* gives its own figures in its own voice."""
    return kind in PUBLISHERS


_OWN_COUNT = re.compile(
    r"\b(?:our|my)\s+(?:own\s+)?(?:count|tally|list|database|data|records|calculations?|"
    r"figures?|register)\b|\bby\s+our\s+(?:count|tally|calculations?)\b|"
    r"\bwe\s+(?:have\s+)?(?:now\s+)?(?:confirmed|counted|verified|recorded|identified|"
    r"added|count|tally|track|collect(?:ed)?)\b", re.I)
"""A publisher's words for its own count (``our list contains``, ``we have confirmed the
names of``, ``by our tally``)."""


def counts_itself(passages, outlet_name: str) -> bool:
    """Whether the text is its publisher's own count: outside quotations it speaks of its
    own count or counting (``our list``, ``we have confirmed``, ``Okno has confirmed``) three
    times or more, at least once in its first paragraphs. Its figures without a source are
    then its own, as an NGO's in its own report."""
    text = passages.text
    name = re.escape(outlet_name)
    own = [m.start() for m in _OWN_COUNT.finditer(text) if passages.quote_at(m.start()) is None]
    own += [m.start() for m in re.finditer(
        rf"\b{name}\s+(?:has\s+|have\s+)?(?:now\s+)?(?:confirmed|counted|verified|recorded|"
        rf"identified|tallied)\b", text) if name]
    return len(own) >= 3 and min(own) < len(text) // 4


_OWN_REPORT = re.compile(r"(?i)\b(?:situation report|sitrep|flash update|humanitarian update|"
                         r"operational update|situation update|monthly report|weekly report|"
                         r"annual report|fact ?sheet|dashboard|snapshot)\b")
"""A report's genre on its head's lines: an organisation's own report (``Situation Report No.
47``)."""
_OUR_WORK = re.compile(r"(?i)\b(?:our (?:team|teams|response|operations|appeal|staff|partners|"
                       r"programmes?|programs?)|we (?:distributed|reached|delivered|provided|"
                       r"assisted|supported|installed|registered))\b")


def reports_itself(passages, outlet_name: str) -> bool:
    """Whether the text is an organisation's own report: its head (the first three lines)
    names a report's genre (``Kalyna Relief: Ukraine Situation Report No. 47``) and either
    the outlet or, twice in the text, the organisation's own work (``our team in Kramatorsk``,
    ``we distributed``). Its figures without a source are then its own.

    >>> from credgraph.draft.passages import Passages
    >>> reports_itself(Passages("Kalyna Relief: Situation Report No. 4\\n\\n- 40 reached"),
    ...                "Kalyna Relief")
    True
    >>> reports_itself(Passages("UN situation report says 40 fled\\n\\nThe agency said."),
    ...                "Harbour Lines")
    False
    """
    head = "\n".join(line for line in passages.text.splitlines()[:6] if line.strip())
    head = "\n".join(head.splitlines()[:3])
    if not _OWN_REPORT.search(head):
        return False
    named = bool(outlet_name) and outlet_name.lower() in head.lower()
    return named or len(_OUR_WORK.findall(passages.text)) >= 2


AUTHORITIES = {"government", "defence-ministry", "military-intelligence", "court"}
"""Kinds of an outlet that is an authority: its own press release speaks in its voice."""
_RELEASE = re.compile(r"(?im)^[ \t]*(?:[^\n]{0,60}[|·•–—-][ \t]*)?(?:official\s+)?(?:press|news|"
                      r"media)[ \t]+(?:release|statement|communiqu[eé])\b[^\n]{0,60}$|"
                      r"^[ \t]*for[ \t]+immediate[ \t]+release\b")
"""A line of a text's head that labels it a release (``Press release | 3 May``)."""


def releases_itself(kind: str | None, text: str) -> bool:
    """Whether the text is an authority's own release: the outlet is an authority (a
    ministry, a prosecutor's office, a police department) and a line of the text's first
    five labels it ``Press release`` (a news story that quotes a release says so in a
    sentence, not on a line of its own).

    >>> releases_itself("government", "CITY POLICE\\nPress release | 2 May\\n\\nTen held.")
    True
    >>> releases_itself("news-outlet", "Press release\\n\\nTen held.")
    False
    >>> releases_itself("government", "In a press release, the police said ten were held.")
    False
    """
    if kind not in AUTHORITIES:
        return False
    head = "\n".join(line for line in text.splitlines() if line.strip())
    head = "\n".join(head.splitlines()[:5])
    return any(len(m.group(0)) < 90 for m in _RELEASE.finditer(head))


_AUTHORITY_HEADS = {"ministry", "police", "court", "staff", "directorate", "government",
                    "administration", "prosecutor", "prosecutors", "intelligence"}
"""Head nouns of an authority's name (``Ministry of Defence of X``, ``Kherson City Police``)."""
_OFFICE_OF = re.compile(r"(?i)\b(?:prosecutor|president|ombudsman|governor|mayor)")


def authority_outlet(name: str, kind: str | None) -> bool:
    """Whether an outlet is an authority by its name's head noun (the word before ``of``,
    else the last word): what it publishes is its own statement, so its figures without a
    source are its own, labelled a release or not (a defence ministry's intelligence update,
    a regional police page). A name whose head is another noun is not (``Police Gazette``,
    ``Court News Ukraine``: papers about authorities).

    >>> authority_outlet("Ministry of Defence of the United Kingdom", "defence-ministry")
    True
    >>> authority_outlet("Odesa Regional Prosecutor's Office", "government")
    True
    >>> authority_outlet("Police Gazette", "government"), authority_outlet("Kyiv Post", None)
    (False, False)
    """
    if kind not in AUTHORITIES:
        return False
    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    head_part = re.split(r"\s+of\s+", bare, maxsplit=1)[0].split()
    if not head_part:
        return False
    head = re.sub(r"['’]s$", "", head_part[-1]).lower()
    if head == "office":
        return bool(_OFFICE_OF.search(bare))
    return head in _AUTHORITY_HEADS


_I = re.compile(r"(?<![\w'’])(?:I|I['’](?:ve|m|d|ll)|[Mm]y)(?![\w'’])")


def author_voice(passages, interview=None) -> bool:
    """Whether the text speaks as its author in the first person singular: ``I`` or ``my``
    outside quotations in two sentences at least, and the text is no interview (whose
    ``I`` is the interviewee's)."""
    if interview is not None:
        return False
    text, found = passages.text, 0
    for s, e in passages.sentences:
        chars = list(text[s:e])
        for qs, qe in passages.quotes:
            for k in range(max(qs, s), min(qe, e)):
                chars[k - s] = " "
        plain = "".join(chars)
        if re.match(r"\s*[A-Z][\w.'’ -]{0,40}:\s", plain):
            continue  # a speaker's turn in a transcript (``SAVCHUK: I can't``)
        found += bool(_I.search(plain))
        if found >= 2:
            return True
    return False


def institution_opens(paragraph: str) -> bool:
    """Whether a paragraph opens with an institution acting (``The Duma renewed the
    decree ...``, ``Parliament passed ...``): a voice of its own, the report's statement of record,
    into which no speaker of the paragraph before is carried."""
    lead = re.match(r"\s*(?:The\s+)?([A-Z][\w'’-]+)\s+[a-z]+(?:ed|s)\b", paragraph)
    return bool(lead) and guess_kind(lead.group(1), lead.group(1))[0] in _INSTITUTIONS


_LABEL = re.compile(r"^((?:[A-Z][\w.'’-]*|of|the|for|and|de|on)(?:\s+(?:[A-Z][\w.'’-]*|of|the|"
                    r"for|and|de|on)){1,9})(?:\s*\([^)]{1,40}\)|,\s*[A-Z][\w'’-]+(?:\s+[A-Z]"
                    r"[\w'’-]+)?)?\.$")
"""A line that is a name alone, with a place after it in brackets or after a comma:
``Novgorod Garrison Military Court (Veliky Novgorod).``, ``Pskov City Court,
Pskov.``"""
_INSTITUTIONS = {"court", "government", "defence-ministry", "military-intelligence"}
"""Kinds of a label's institution whose decisions and statements the section reports."""


def section_labels(passages, names) -> dict[int, SourceRef]:
    """The paragraphs (by index) that open with a label naming an institution, and the
    source it names (resolved, or proposed, through *names*). A label is a sentence of a
    paragraph with more sentences after it, made of capitalised words alone (``of``,
    ``the``, ``for`` and ``and`` between them, a place after it), whose words name a court
    or an authority."""
    found: dict[int, SourceRef] = {}
    text = passages.text
    for index, (p_start, p_end) in enumerate(passages.paragraphs):
        first = passages.sentence_of(p_start)
        if first >= len(passages.sentences):
            continue
        s, e = passages.sentences[first]
        if s < p_start or e >= p_end or not text[e:p_end].strip():
            continue  # the label is the paragraph's first sentence, with more after it
        label = _LABEL.match(text[s:e])
        if label is None:
            continue
        kind, _basis = guess_kind(label.group(1), label.group(1))
        ref = names.resolve(label.group(1), (s, s + len(label.group(1))), propose=False)
        if ref is not None and (names.source_kind(ref.id) or "") in _INSTITUTIONS or \
                ref is None and kind in _INSTITUTIONS:
            ref = ref or names.resolve(label.group(1), (s, s + len(label.group(1))))
            if ref is not None:
                found[index] = ref
    return found


_CURRENCY = "|".join(re.escape(c) + (r"\s?" if c.isalpha() else "") for c in sorted(
    CURRENCY_SYMBOLS, key=len, reverse=True))
_AMOUNT = (rf"(?:(?:{_CURRENCY})?\d[\d.,]*\+?|{NUMBER_WORD}(?:[- ]{NUMBER_WORD})*)")
_FIGURE_LINE = re.compile(rf"(?i)\s*(?:(?:about|around|nearly|almost|over|some|roughly|more than|"
                          rf"up to|at least)\s+)?{_AMOUNT}(?:\s*(?:to|-|–|in|out of)\s*{_AMOUNT})?"
                          r"\s*(?:%|per ?cent|percent|thousand|million|billion|trillion|bn|m|k)?"
                          r"(?:\s+[a-z]+){0,2}\s*")
"""A line that is a figure alone (``4,210``, ``About 1.2 million``, ``38%``, ``15 years``,
``1,000+``, ``Two in five``, ``EUR 210 billion``, ``110 to 130``, ``4,100 square kilometres``)."""
_FIGURE_LINE_LONGEST = 60
"""The longest line read as a figure alone (the pattern is tried on no longer one)."""


def _figure_alone(line: str) -> bool:
    """Whether *line* is a figure alone (:data:`_FIGURE_LINE`, on a line short enough)."""
    return len(line) <= _FIGURE_LINE_LONGEST and bool(_FIGURE_LINE.fullmatch(line))


def figure_item(passages, paragraph: int) -> bool:
    """Whether a paragraph is an item of a box of numbers, headed by its figure alone
    (``10. Zero`` over ``Ceasefires that held.``): no voice is carried into it from the
    item before."""
    s, e = passages.paragraphs[paragraph]
    line = passages.text[s:e].split("\n", 1)[0]
    marker = LIST_ITEM.match(line)
    return _figure_alone(line[marker.end():] if marker else line) and \
        "\n" in passages.text[s:e].strip()


def figure_label(passages, index: int) -> int | None:
    """The sentence a figure's label is read with: when sentence *index* is a line of its
    own that is a figure alone (a box of the week's numbers: ``4,210`` over ``Drones
    launched this week, the air force said.``), the sentence after it in its paragraph."""
    s, e = passages.sentences[index]
    if index + 1 >= len(passages.sentences) or not _figure_alone(passages.text[s:e]) \
            or not passages.is_heading(index):
        return None
    here, after = passages.paragraph_of(s), passages.paragraph_of(passages.sentences[index + 1][0])
    alone = index == 0 or passages.paragraph_of(passages.sentences[index - 1][0]) != here
    return index + 1 if after == here or after == here + 1 and alone else None  # a line of
    # its own over its sentence, in one paragraph or (a single line break) in two


_HEADER = re.compile(
    r"^[ \t\[(]*(?:forwarded|reposted|repost(?:ed)?|shared|re-?posted)\s+from\s*:?\s*"
    r"[\"“«']?@?(?P<name>[^\"”»'\n:]{2,60}?)[\"”»']?\s*[:)\]]*[ \t]*$", re.I | re.M)
"""A forwarded block's header line naming the channel it comes from."""
_END = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,}|—{2,}|(?:from|note from|comment from) the "
                  r"(?:admin|admins|editor|editors|channel)\b.*|(?:admin|our comment)\s*:.*)$",
                  re.I | re.M)
"""Where a forwarded block ends: a separator line or the reposting channel's own note."""


_ORIGINAL = re.compile(r"(?im)^[^\n]{0,80}?\b(?:original(?:ly published by|ly by)?|translated "
                       r"from [A-Z][a-z]+ (?:from|of)|reprinted from|republished from)\s*:?\s+"
                       r"(?P<name>[A-Z][^,;:()\n]{1,40}?)\s*(?:[,;(]|\.(?:\s|$)|$)")
"""A translation's or reprint's head naming the outlet whose report it carries (``Translated
from Russian. Original: TASS, 12 May``)."""
_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'-]{2,30}, [A-Z][a-z]+\.? \d{1,2}\. /"
                       r"(?P<name>[A-Z][\w .-]{1,30})/\.")
"""A wire agency's own dateline (``MOSCOW, May 12. /TASS/.``)."""
_CLOSING_NOTE = re.compile(r"(?im)^[ \t]*(?:translator['’]s|editor['’]s|our) note\b|^[ \t]*note "
                           r"(?:from|by) the (?:translator|editors?)\b")


def _carried_whole(text: str) -> tuple[int, int, str] | None:
    """The part of a translation or a reprint that is another outlet's report: from its
    head's line (or the agency's dateline) to the end or to a closing note of its own."""
    head = text[:sum(len(line) + 1 for line in text.splitlines()[:6])]
    found = _ORIGINAL.search(head) or _DATELINE.search(text)
    if found is None:
        return None
    start = text.find("\n", found.end()) if found.re is _ORIGINAL else found.start()
    start = len(text) if start < 0 else start
    note = _CLOSING_NOTE.search(text, start)
    return start, note.start() if note else len(text), found.group("name").strip()


_RELEASE_HEAD = re.compile(r"^[ \t]*(?:PRESS RELEASE|NEWS RELEASE|MEDIA RELEASE|PRESS STATEMENT|"
                           r"OFFICIAL STATEMENT|COMMUNIQU[EÉ])\s*"
                           r"[.:—–-]+\s*(?P<name>[A-Z][^.\n]{2,80}?)\s*(?:[.,][^\n]*)?$", re.M)
"""The head of a document carried whole (``PRESS RELEASE. Government of Belgorod Region. 19
March 2028.``), after a separator line or at the top: its issuer's, to the next separator."""
_NAME_GLUE = {"of", "the", "for", "and", "in", "on", "de"}
_EMBEDDED = re.compile(r"(?im)^[ \t]*\[\s*embedded\s+(?:telegram|x|twitter|facebook|instagram|"
                       r"tiktok|youtube)?\s*(?:post|video|message)\s*:\s*(?P<name>[^\]\n,]{2,60})"
                       r"[^\]\n]*\][ \t]*$")
"""A post embedded in a web story under its label (``[Embedded Telegram post: Oleh Tkach,
Kremenchuk City Council]``): its author's, to the end of its paragraph."""
"""The lower-case words an issuer's name may have."""


def find_reposts(text: str) -> list[tuple[int, int, str]]:
    """Each forwarded block of *text* as (start, end, name of the channel it comes from),
    the part of a translation or reprint that is another outlet's report, and a press
    release carried whole under its head.

    >>> text = "Translated from Polish. Original: Radio Lake, 2 May.\\nThe mayor said 40 left."
    >>> [(name, text[s:e].strip()) for s, e, name in find_reposts(text)]
    [('Radio Lake', 'The mayor said 40 left.')]
    >>> find_reposts("KYIV, May 2. /Lake Wire/. Forty left.")[0][2]
    'Lake Wire'
    >>> find_reposts("A post:\\n[Embedded Telegram post: Oleh Tkach, mayor]\\n\\"3 died.\\"")[0][2]
    'Oleh Tkach'
    >>> find_reposts("Our translation:\\n---\\nPRESS RELEASE. Government of Belgorod Region. "
    ...              "19 March.\\n40 were hurt.\\n---\\nOur notes.")[0][2]
    'Government of Belgorod Region'
    """
    whole = _carried_whole(text)
    found = [whole] if whole else []
    for header in _HEADER.finditer(text):
        end = _END.search(text, header.end())
        nxt = _HEADER.search(text, header.end())
        stop = min(x.start() for x in (end, nxt) if x is not None) if (end or nxt) else len(text)
        found.append((header.end(), stop, header.group("name").strip()))
    for label in _EMBEDDED.finditer(text):  # "[Embedded Telegram post: Oleh Tkach, ...]"
        end = text.find("\n\n", label.end())
        found.append((label.end(), end if end >= 0 else len(text), label.group("name").strip()))
    for head in _RELEASE_HEAD.finditer(text):
        if not all(w[:1].isupper() or w in _NAME_GLUE for w in head.group("name").split()):
            continue  # "PRESS RELEASE: Ten were hurt" names no issuer
        end = _END.search(text, head.end())
        found.append((head.end(), end.start() if end else len(text), head.group("name").strip()))
    return found


_OWN_NOTE = re.compile(r"^[ \t]*(?:from|note from|comment from) the (?:admin|admins|editor|"
                       r"editors)\b[^:\n]*:.*$", re.I | re.M)


def own_notes(text: str) -> list[tuple[int, int]]:
    """The reposting channel's own notes (``From the admin of X: ...``), each to the end of
    its paragraph: the report's own voice."""
    found = []
    for note in _OWN_NOTE.finditer(text):
        end = text.find("\n\n", note.start())
        found.append((note.start(), end if end >= 0 else len(text)))
    return found


def through_repost(found: Attribution, channel: SourceRef | None, outlet: str) -> Attribution:
    """The attribution of a figure inside a block forwarded from *channel*: the channel's
    own when the text gives no other source (or the report's ``we``, which is the
    channel's here), else the channel on its route, outermost."""
    if channel is None or channel.id == outlet:
        return found
    note = f"in a post or report carried whole from {channel.text}: through it"
    origin = found.origin
    if origin is None or origin.id in (outlet, channel.id):
        return Attribution(channel, tuple(v for v in found.via if v.id not in (
            outlet, channel.id)), found.quoted, found.own_work, found.notes + (note,))
    via = [v for v in found.via if v.id not in (outlet, channel.id)] + [channel]
    return Attribution(origin, tuple(via), found.quoted, found.own_work, found.notes + (note,))
