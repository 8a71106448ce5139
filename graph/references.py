"""What spans report files, checked once every file is read: the mention a ``relays``
names, the mention a ``corrects`` names (stated before, by the same outlet or source, of
another claim), the claims ``derived_from``, ``disputes`` and ``part_of`` name, the report a
``copies`` names. The same checks whether a corpus is read in one process
(:func:`credgraph.annotations.load_corpus`) or by parallel workers
(:func:`credgraph.bulk.read_reports`, each chunk's references merged here).

>>> from credgraph.model import Mention, Report, DateSpan
>>> refs = References()
>>> refs.add(Report("r1", "article", "o", "t", DateSpan(None, None, "unknown"),
...     (Mention("r1", "m1", "c1", "s", relays="r2#m9", computed_from=("c7",)),)),
...     {"r1#m1": ("reports/r1.yaml", 8)})
>>> errors = []
>>> refs.check(errors)
>>> [str(e) for e in errors]  # doctest: +NORMALIZE_WHITESPACE
["reports/r1.yaml:8: mentions[m1].relays: relays 'r2#m9', which no report states",
 "reports/r1.yaml:8: mentions[m1].derived_from: names claim 'c7', which no report states"]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .errors import AnnotationError, UnknownNameError
from .model import Report

__all__ = ["References", "SUGGESTED"]

SUGGESTED = 50
"""How many broken references get close names suggested (the first ones found)."""


def _close(name: str, known) -> list[str]:
    return difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)


@dataclass
class References:
    """The references of some reports, and what they can be checked against."""

    relays: dict[str, str | None] = field(default_factory=dict)
    """Every mention key, with the key it relays (or None)."""
    claims: set[str] = field(default_factory=set)
    """The claims some report states."""
    reports: dict[str, str] = field(default_factory=dict)
    """Every report id, with its file."""
    claim_refs: list[tuple[str, str, str]] = field(default_factory=list)
    """``(mention key, field, claim)`` for each claim a mention names."""
    copies: list[tuple[str, str]] = field(default_factory=list)
    """``(report id, report it copies)``."""
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    """``(path, line)`` of the mentions that refer to something (the only ones an error
    can name)."""
    said: dict[str, tuple] = field(default_factory=dict)
    """Every mention key, with ``(claim, attributed_to)``: what a correction is checked
    against."""
    dated: dict[str, tuple] = field(default_factory=dict)
    """Every report id, with ``(outlet, earliest, latest)``."""
    corrects: list[tuple[str, str]] = field(default_factory=list)
    """``(mention key, mention it corrects)``."""
    dropped: set[str] = field(default_factory=set)
    """Keys of mentions too broken to read (their own errors say why): what refers to them
    is not blamed for it."""

    def add(self, report: Report, locations: dict, path: str | None = None) -> None:
        """Take in one report's references; *locations* has its mentions' lines."""
        self.reports[report.id] = path or f"reports/{report.id}.yaml"
        if report.copies:
            self.copies.append((report.id, report.copies))
        self.dated[report.id] = (report.outlet, report.date.earliest, report.date.latest)
        for m in report.mentions:
            self.relays[m.key] = m.relays
            self.said[m.key] = (m.claim, m.attributed_to)
            if m.corrects:
                self.corrects.append((m.key, m.corrects))
            self.claims.add(m.claim)
            named = [("derived_from", c) for c in m.computed_from]
            named += [(key, c) for key, c in (("disputes", m.disputes), ("part_of", m.part_of))
                      if c]
            self.claim_refs += [(m.key, key, c) for key, c in named]
            if (m.relays or named or m.corrects) and m.key in locations:
                self.locations[m.key] = locations[m.key]

    def duplicate(self, report_id: str, path: str) -> AnnotationError | None:
        """The error for a second report of id *report_id* (in the file *path*), else None,
        the id taken in."""
        if report_id in self.reports:
            return AnnotationError(f"duplicate report id {report_id!r}", path=path, line=1,
                                   field="id")
        self.reports[report_id] = path
        return None

    def update(self, other: References) -> None:
        """Merge what another chunk of reports took in."""
        self.relays.update(other.relays)
        self.claims |= other.claims
        self.reports.update(other.reports)
        self.claim_refs += other.claim_refs
        self.copies += other.copies
        self.said.update(other.said)
        self.dated.update(other.dated)
        self.corrects += other.corrects
        self.locations.update(other.locations)
        self.dropped |= other.dropped

    def check(self, errors: list) -> None:
        """Every reference must name something the corpus has; problems go to *errors*.

        The first :data:`SUGGESTED` problems say which names are close; past them, looking
        for close names among every key for each broken reference of a badly cut corpus
        would take longer than reading it (thousands of references times every key)."""
        left = SUGGESTED
        by_report: dict[str, list[str]] | None = None

        def relay_close(key: str, target: str) -> list[str]:
            nonlocal by_report
            if by_report is None:
                by_report = {}
                for k in self.relays:
                    by_report.setdefault(k.partition("#")[0], []).append(k)
            report = target.partition("#")[0]
            # the mentions of that report, else of the reports named most like it
            near = [report] if report in by_report else _close(report, by_report)
            return _close(target, [k for r in near for k in by_report[r] if k != key])

        for key, target in self.relays.items():
            if target and target not in self.relays and target not in self.dropped:
                left -= 1
                errors.append(self._error(key, "relays", f"relays {target!r}, which no report "
                                          "states", relay_close(key, target) if left >= 0 else []))
        claims = None
        for key, name, claim in self.claim_refs:
            if claim not in self.claims:
                left -= 1
                claims = sorted(self.claims) if claims is None else claims
                errors.append(self._error(key, name, f"names claim {claim!r}, which no report "
                                          "states", _close(claim, claims) if left >= 0 else []))
        for key, target in self.corrects:
            if target in self.dropped:
                continue
            problem = self._correction(key, target)
            if problem:
                left -= 1
                known = relay_close(key, target) if left >= 0 and target not in self.said else []
                errors.append(self._error(key, "corrects", problem, known))
        for report, target in self.copies:
            if target not in self.reports or target == report:
                left -= 1
                errors.append(UnknownNameError(
                    f"copies {target!r}, which is no other report of the corpus",
                    path=self.reports.get(report), line=None, field="copies",
                    suggestions=_close(target, sorted(self.reports)) if left >= 0 else []))

    def _correction(self, key: str, target: str) -> str | None:
        """What is wrong with *key* correcting *target*, or None: a correction names a
        mention of another claim (the figure it withdraws) that its report's outlet, or the
        source it names, stated, in the same report or one dated no later."""
        if target not in self.said:
            return f"corrects {target!r}, which no report states"
        (claim, source), (old_claim, old_source) = self.said[key], self.said[target]
        (outlet, _, latest), (old_outlet, old_earliest, _) = (
            self.dated[k.partition("#")[0]] for k in (key, target))
        if claim == old_claim:
            return (f"corrects {target!r}, a mention of its own claim {claim!r}: a corrected "
                    "figure is a claim of its own")
        if not {outlet, source} & {old_outlet, old_source} - {None}:
            by = old_outlet + (f", attributed to {old_source}" if old_source else "")
            return (f"corrects {target!r} ({by}), which neither its outlet ({outlet}) nor its "
                    "source stated: a source corrects only its own figures")
        if latest and old_earliest and latest < old_earliest:
            return (f"corrects {target!r}, of a report dated from {old_earliest}, but is dated "
                    f"up to {latest}: a correction comes after what it corrects")
        return None

    def _error(self, key: str, name: str, message: str, known) -> UnknownNameError:
        path, line = self.locations.get(key, (key.split("#")[0], None))
        return UnknownNameError(message, path=path, line=line,
                                field=f"mentions[{key.split('#', 1)[1]}].{name}",
                                suggestions=list(known)[:5])
