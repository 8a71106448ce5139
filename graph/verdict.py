"""A figure's verdict in plain words: the one line a fact-checker reads first.

Made from the audit of the figure: what contradicts it, whether it rests on one origin
and of what sort, how many independent origins confirm it, whether someone disputes it.

>>> from credgraph.api import audit
>>> verdict(audit().figure("hur-southern-district-deserters"))
'rests on one interested source, Defence Intelligence of Ukraine (HUR), in 1 report'
"""

from __future__ import annotations

__all__ = ["verdict"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def verdict(figure) -> str:
    """The plain-words verdict of one :class:`~credgraph.audit.FigureAudit`."""
    found = {}
    for f in figure.findings:
        found.setdefault(f.check, []).append(f)
    grade, reports = figure.grade, len(figure.claim.reports)
    in_reports = f"in {_plural(reports, 'report')}"
    labels = ", ".join(sorted({a.label for a in figure.origins})) or "no named source"
    if figure.withdrawn:
        words = "withdrawn: its own source corrected it"
    elif getattr(figure, "reattributed", None):
        words = (f"corrected, not withdrawn (who said it, or its precision): the figure "
                 f"stands as {figure.reattributed}")
    elif grade.credibility == 5:
        words = "improbable: contradicted by a figure with a verified origin"
    elif any(f.severity == "error" for f in found.get("conflicting-figures", [])):
        words = "contradicted by another figure for the same time"
    elif figure.independent_origins == 1 and len(figure.origins) >= 1:
        if all(a.origin.source is None for a in figure.origins):
            words = f"no source named, {in_reports}"
        else:
            sort = ("interested" if any(a.interested for a in figure.origins) else
                    "anonymous" if all(a.anonymous for a in figure.origins) else
                    "verified" if any(a.verified for a in figure.origins) else "unverified")
            words = f"rests on one {sort} source, {labels}, {in_reports}"
    elif grade.credibility == 1:
        words = f"confirmed by {figure.independent_origins} independent, verified origins"
    else:
        low, high = figure.independent_origins, figure.independent_origins_max
        count = f"{low}" if low == high else f"{low} to {high}"
        words = f"{count} independent origins, none enough to confirm it ({labels})"
    if "disputed" in found:
        words += "; disputed"
    if "computed-figure" in found:
        words += "; computed from other figures"
    return words
