"""Cue words: the vocabulary of attribution cues around a reporting verb, and the phrase a
cue introduces.

:func:`phrase_after` reads the tokens of the phrase after ``according to``, ``citing`` and
the like; the sets say what a cue's verb may be next to: nouns that look like verbs
(``reports``, ``claims``), what may follow the verb, passive auxiliaries, ``per`` that is no
source (``per day``), verbs that relay (``told``), words before ``by`` (``figures by``), a
closing reporting clause's words (``..., Reuters reported on Monday``), a court's verbs.
:mod:`.cues` and :mod:`.chaining` read them.
"""

from __future__ import annotations

from .subjects import _ADVERBS, _TIME_WORDS

__all__ = ["phrase_after"]

_NOUNISH = {"reports", "report", "claims", "claim", "estimates", "estimate", "records", "notes",
            "shows", "show", "states", "puts", "put", "posts", "found"}
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "„"}
_VERB_NEXT = {"that", ",", ":", "on", "in", "the", "a", "an", "its", "their", "his", "her", "about",
              "more", "over", "up", "at", "as", "some", "nearly", "almost", "around", "it",
              "after", "when", "while", "by", "through", "from"}  # "X found after reviewing"
_PASSIVE = {"been", "be", "being", "is", "was", "were", "are"}
_NOT_PER = {"day", "week", "month", "year", "cent", "capita", "hour", "person", "annum", "head"}
_RELAY_VERBS = {"told", "tells", "contacted", "contacts"}
_BEFORE_BY = {"data", "figures", "statistics", "count", "as", "first", "initially",
              "originally", "also", "earlier"}
_CLOSING = _ADVERBS | _TIME_WORDS | {"on", "in", "a", "an", "its", "their", "his", "her", "the",
                                     "report", "statement", "telegram", "website", "post",
                                     "briefing", "interview", "channel"}
"""Words a closing reporting clause may have after its verb (``..., Reuters reported on
Monday in a statement``)."""
_COURT_VERBS = {"sentenced", "sentences", "jailed", "jails", "convicted", "convicts", "fined",
                "fines", "acquitted"}
"""Verbs of a court's decision: a court as their subject states the sentence it gives."""


def phrase_after(doc, i, end) -> tuple[int, int]:
    """The tokens ``[i, j)`` of the phrase a cue introduces (``according to`` *X*, ``citing``
    *X*): up to a clause mark, a relative pronoun or another ``citing``, 14 tokens at most."""
    j = i
    while j < end and doc[j].text not in (",", ";", ".", ":", "(", "—") and \
            doc[j].lower_ not in ("that", "which", "who", "citing") and j - i < 14:
        j += 1
    return i, j
