"""Sides: which side's or country's institution a name without a country means.

:func:`of_the_side` reads ``the Ministry of Defence`` or ``the defence ministry`` with no
country as the registry's source of that kind named before (under any of its names), else
the one whose party is the side of the last source with a party named before, else the one
of the country of the last source named with a country (``UK Defence Intelligence``: the
UK's), else of the country the text names most before it (``Russian regions ... the
defence ministry``: Russia's). :func:`unqualified` says which names these are and
:func:`institution_of_document` which documents are such an institution's (``internal
ministry tables``).
"""

from __future__ import annotations

from collections import Counter

from .kinds import COUNTRY_CODES
from .records import SourceRef

__all__ = ["of_the_side", "unqualified", "institution_of_document"]

_UNQUALIFIED = {"ministry of defence": "defence-ministry", "defence ministry": "defence-ministry",
                "ministry of defense": "defence-ministry", "defense ministry": "defence-ministry"}
"""An institution named without its country: the side in context says whose."""
_PAPERS = {"tables", "table", "documents", "document", "papers", "spreadsheets", "spreadsheet",
           "files", "memo", "memos", "records", "ledgers", "lists"}
"""What an institution's internal documents are called (``ministry tables``)."""


def unqualified(words: list[str]) -> str | None:
    """The kind an institution's words name without a country (``["the", "ministry", "of",
    "defence"]``, ``["its", "defence", "ministry"]``: defence-ministry), or None."""
    return _UNQUALIFIED.get(" ".join(w for w in words if w not in ("the", "its", "their")))
    # "its defence ministry" after "Moscow": the side in context says whose, as for "the"


def institution_of_document(words: list[str], before: str, after: str = "") -> str | None:
    """The institution whose documents *words* name (``["internal", "ministry", "tables"]``),
    as the text *before* them last described it (``the defence ministry``), else as the text
    *after* them first does (a headline's ``ministry tables show``), or None."""
    if len(words) < 2 or words[-1] not in _PAPERS or words[-2] not in ("ministry", "ministry's"):
        return None
    low, later = before.lower(), after.lower()
    found = [n for n in _UNQUALIFIED if n in low]
    if found:
        return max(found, key=low.rfind)
    found = [n for n in _UNQUALIFIED if n in later]
    return min(found, key=later.find) if found else None


def of_the_side(names, kind: str, seen: list[str], before: list[str]) -> tuple[SourceRef, str] | None:
    """The registry's source of *kind* an unqualified name means, *seen* the sources named
    before it (first to last) and *before* the words of the text before it; with a note."""
    registry = names.registry
    named = [sid for sid in seen if names.source_kind(sid) == kind]
    if named and named[-1] in registry:  # "UK Defence Intelligence ... the Ministry of
        src = registry[named[-1]]  # Defence": that one
        return SourceRef(src.id, "", (0, 0), "registry"), (
            f"ambiguous: no country named; taken as {src.name}, named before it")
    side = next((registry[sid].party for sid in reversed(seen)
                 if sid in registry and registry[sid].party), None)
    fits = [src for src in registry if src.kind == kind and src.party == side]
    if side is None:  # no side: the country of the last source named with one before it
        side = next((c for c in (names.country(sid) for sid in reversed(seen)) if c), None)
        if side is None:  # or the country the text names most before it
            counted = Counter(COUNTRY_CODES[w] for w in before if w in COUNTRY_CODES)
            side = counted.most_common(1)[0][0] if counted else None
        fits = [src for src in registry if src.kind == kind and
                (src.country or "").upper() == side] if side else []
    if side is None or len(fits) != 1:
        return None
    return SourceRef(fits[0].id, "", (0, 0), "registry"), (
        f"ambiguous: no country named; taken as {fits[0].name}, of the side ({side}) of "
        "the sources named before it")
