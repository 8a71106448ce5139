"""Reposts: a post of another channel or site that the report carries whole.

A Telegram channel that forwards another's post (``Forwarded from "Dvorovy Front":``,
``Repost from @frontline``, ``Reposted from X``) publishes that channel's words: every
figure of the forwarded block reaches the report through it. :func:`find_reposts` gives
each block (from its header to a separator line such as ``---``, a note of the reposting
channel's own such as ``From the admin of X:``, or the end of the text) and the name of
the channel it comes from; :func:`through_repost` puts that channel on a figure's route;
:func:`own_notes` finds the reposting channel's own note (the report's voice).

>>> text = 'Forwarded from "Front Notes":\\n\\nOur source says 40 fled.\\n\\n---\\n\\nAdmin: share it'
>>> [(text[s:e].split()[-1], name) for s, e, name in find_reposts(text)]
[('fled.', 'Front Notes')]
"""

from __future__ import annotations

import re

from .records import Attribution, SourceRef

__all__ = ["find_reposts", "own_notes", "through_repost"]

_HEADER = re.compile(
    r"^[ \t\[(]*(?:forwarded|reposted|repost(?:ed)?|shared|re-?posted)\s+from\s*:?\s*"
    r"[\"“«']?@?(?P<name>[^\"”»'\n:]{2,60}?)[\"”»']?\s*[:)\]]*[ \t]*$", re.I | re.M)
"""A forwarded block's header line naming the channel it comes from."""
_END = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,}|—{2,}|(?:from|note from|comment from) the "
                  r"(?:admin|admins|editor|editors|channel)\b.*|(?:admin|our comment)\s*:.*)$",
                  re.I | re.M)
"""Where a forwarded block ends: a separator line or the reposting channel's own note."""


def find_reposts(text: str) -> list[tuple[int, int, str]]:
    """Each forwarded block of *text* as (start, end, name of the channel it comes from)."""
    found = []
    for header in _HEADER.finditer(text):
        end = _END.search(text, header.end())
        nxt = _HEADER.search(text, header.end())
        stop = min(x.start() for x in (end, nxt) if x is not None) if (end or nxt) else len(text)
        found.append((header.end(), stop, header.group("name").strip()))
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
    note = f"in a post forwarded from {channel.text}: through that channel"
    origin = found.origin
    if origin is None or origin.id in (outlet, channel.id):
        return Attribution(channel, tuple(v for v in found.via if v.id not in (
            outlet, channel.id)), found.quoted, found.own_work, found.notes + (note,))
    via = [v for v in found.via if v.id not in (outlet, channel.id)] + [channel]
    return Attribution(origin, tuple(via), found.quoted, found.own_work, found.notes + (note,))
