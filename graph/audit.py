"""The provenance audit: trace every figure, run every check, grade it, report it as data.

:func:`audit_facts` audits what an input gives (:meth:`credgraph.inputs.Input.facts`: a
folder's, a file's or a store's records, all the same); it reads nothing itself.

>>> from credgraph.inputs import open_input
>>> result = audit_facts(open_input(None).facts())
>>> fig = result.figure("hur-southern-district-deserters")
>>> fig.independent_origins, fig.grade.code
(1, 'D4')
>>> sorted({f.check for f in fig.findings})[:3]
['figure-drift', 'hedge-dropped', 'interested-party']

The JSON form (:meth:`AuditResult.as_dict`) is a stable interface; its keys are listed in
``docs/audit.md``. :mod:`credgraph.audit_rdf` writes the findings back as RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

from .checks import Finding, load_builtin_checks, run_checks, severity_rank
from .checks.context import AuditContext, draft_reports
from .comparison import intervals_conflict
from .facts import AuditFacts
from .grade import Grade, downgrade_for_conflict, grade_claim
from .heap import gc_paused
from .origins import OriginAssessment
from .trace import CitationTrace, ClaimTrace, trace_facts
from .verdict import verdict

__all__ = ["FigureAudit", "AuditResult", "audit_facts"]


WEAKNESS = {1: 0, 2: 1, 3: 2, 6: 2, 4: 3, 5: 4}
"""How weak a credibility (1-6) is for an analyst deciding where to look: 5 (improbable)
weakest, then 4 (doubtful); 6 (cannot be judged: an unknown or unnamed source) about as
weak as 3."""
SEVERITY_WEIGHT = {None: 0, "info": 0, "warning": 1, "error": 3}


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(slots=True)
class FigureAudit:
    """The audit of one claim (figure)."""

    claim: ClaimTrace
    origins: list[OriginAssessment]
    findings: list[Finding]
    grade: Grade
    uncertain: frozenset = frozenset()
    """Origins (independences) that may depend on the claim's others, or that corrections
    withdrew (``corrects:``)."""
    outlets: int = 0
    """Outlets whose reports state it."""
    fact_checks: tuple = ()
    """Fact checks other desks published, linked to the claim (imported beside a corpus:
    :class:`credgraph.fact_check_store.FactCheckNote`), the surest first."""
    withdrawn: bool = False
    """Every chain of it passes what a correction withdrew (``corrects:``): its own source
    disowned it, so it is graded 5 for that, not for being contradicted."""
    reattributed: str | None = None
    """The claim whose figure this is, when every correction withdrawing it kept the figure
    (it corrected who said it): graded as that claim."""

    @property
    def id(self) -> str:
        return self.claim.claim

    @property
    def independent_origins(self) -> int:
        """Independent for sure: origins that may copy another of them left out."""
        return max(1, len(self.claim.independent) - len(self.uncertain))

    @property
    def independent_origins_max(self) -> int:
        """Independent at most: each origin counted once (``speaks_for`` resolved)."""
        return max(1, len(self.claim.independent))

    @property
    def apparent_sources(self) -> int:
        """How many sources it seems to have: the reports stating it, or the origins they
        name if more."""
        return max(len(self.claim.reports), self.independent_origins_max)

    @property
    def worst(self) -> str | None:
        """Its most serious finding's severity."""
        found = [f.severity for f in self.findings]
        return max(found, key=severity_rank) if found else None

    @property
    def priority(self) -> int:
        """Where an analyst should look first: its reach (reports and outlets stating it)
        times its weakness (the grade's credibility, worse for an error or a warning);
        a claim without a number counts half."""
        weakness = WEAKNESS[self.grade.credibility] + SEVERITY_WEIGHT[self.worst]
        reach = len(self.claim.reports) + self.outlets
        return reach * weakness // (1 if self.claim.reference.figure is not None else 2)

    def as_dict(self) -> dict:
        """The figure in the stable JSON shape."""
        ref = self.claim.reference
        fig = ref.figure
        period = fig.time.iso() if fig else None
        time = fig.time if fig else None
        return {
            "id": self.id,
            "statement": ref.text,
            "measure": fig.measure if fig else None,
            "value": _num(fig.value) if fig else None,
            "min": _num(fig.min) if fig else None,
            "max": _num(fig.max) if fig else None,
            "qualifier": fig.qualifier if fig else None,
            "unit": fig.unit if fig else None,
            "period": period,
            "place": fig.place if fig else None,
            "reports": self.claim.reports,
            "apparent_sources": self.apparent_sources,
            "independent_origins": self.independent_origins,
            "origins": [{"id": a.origin.source or a.origin.node, "label": a.label, "kind": a.kind,
                         "verified": a.verified, "reliability": a.reliability}
                        for a in self.origins],
            "chains": self.claim.chains,
            "flags": [f.as_dict() for f in self.findings],
            "grade": self.grade.code,
            "grade_reason": self.grade.reason,
            "time": None if time is None or time.kind == "none" and not time.per else {
                "kind": time.kind, "start": str(time.start) if time.start else None,
                "end": str(time.end) if time.end else None, "per": time.per},
            "independent_origins_max": self.independent_origins_max,
            "priority": self.priority,
            "verdict": verdict(self),
            "fact_checks": [note.as_dict() for note in self.fact_checks],
        }


@dataclass(slots=True)
class AuditResult:
    """Every figure's audit, plus when and on what it ran."""

    figures: list[FigureAudit]
    input: str
    started: datetime
    ended: datetime
    checks: list[str]
    cycles: list[list[str]] = field(default_factory=list)
    trace: CitationTrace | None = None

    def figure(self, claim_id: str) -> FigureAudit:
        """The audit of one claim by id."""
        for fig in self.figures:
            if fig.id == claim_id:
                return fig
        raise KeyError(claim_id)

    def unreviewed_reports(self) -> list[str]:
        """The reports of the audited figures nobody has reviewed (``reviewed: false``)."""
        if self.trace is None:
            return []
        drafts = draft_reports(self.trace.reports)
        return sorted({r for f in self.figures for r in f.claim.reports if r in drafts})

    def findings(self, at_least: str = "info"):
        """Every (figure, finding) at or above a severity."""
        rank = severity_rank(at_least)
        for fig in self.figures:
            for finding in fig.findings:
                if severity_rank(finding.severity) >= rank:
                    yield fig, finding

    def summary(self) -> dict:
        by_check: dict[str, int] = {name: 0 for name in self.checks}
        by_severity = {"info": 0, "warning": 0, "error": 0}
        grades: dict[str, int] = {}
        for fig in self.figures:
            grades[fig.grade.code] = grades.get(fig.grade.code, 0) + 1
            for finding in fig.findings:
                by_check[finding.check] = by_check.get(finding.check, 0) + 1
                by_severity[finding.severity] += 1
        return {
            "input": self.input,
            "started": self.started.isoformat(timespec="seconds"),
            "ended": self.ended.isoformat(timespec="seconds"),
            "figures": len(self.figures),
            "flagged_figures": sum(1 for f in self.figures
                                   if any(x.severity != "info" for x in f.findings)),
            "single_origin_figures": sum(1 for f in self.figures if f.independent_origins == 1),
            "findings_by_check": by_check,
            "findings_by_severity": by_severity,
            "grades": dict(sorted(grades.items())),
            "citation_loops": self.cycles,
            "unreviewed_reports": len(self.unreviewed_reports()),
        }

    def as_dict(self) -> dict:
        """The stable JSON shape: ``{"figures": [...], "summary": {...}}``."""
        return {"figures": [f.as_dict() for f in self.figures], "summary": self.summary()}


def audit_facts(facts: AuditFacts, *, checks: list[str] | None = None,
                claims: list[str] | None = None, input_label: str = "facts") -> AuditResult:
    """Audit *facts* (:mod:`credgraph.facts`):
    every claim (or only *claims*) with every check (or only *checks*). For the same graph
    the result is the same whichever input the facts came from.
    """
    started = datetime.now(timezone.utc)
    table, names = _checks_named(checks)
    with gc_paused():
        return _audit(trace_facts(facts), table, names, claims, input_label, started)


def _checks_named(checks: list[str] | None):
    """The check table and the names to run, every name checked against it."""
    table = load_builtin_checks()
    names = table.names() if checks is None else [table.name_of(n) or table[n].name
                                                  for n in checks]  # unknown: bad input
    return table, names


def _audit(trace, table, names, claims, input_label, started) -> AuditResult:
    """Run the checks over a trace: every claim it holds, or only *claims*."""
    ctx = AuditContext(trace)
    wanted = [c for c in trace.claims.values() if claims is None or c.claim in claims]
    figures, run = [], [table[name] for name in names]  # looked up once, not per claim
    for claim in wanted:
        findings = run_checks(run, ctx, claim)
        judged = ctx.origins(claim)
        uncertain = ctx.discounted(claim)
        outlets = len({trace.reports[m.report].outlet for m in claim.mentions
                       if m.report in trace.reports})
        figures.append(FigureAudit(claim, judged, findings, _grade(ctx, claim), uncertain,
                                   outlets))
    _downgrade_conflicts(ctx, figures)
    _withdrawn_grades(ctx, figures)
    figures.sort(key=lambda f: (-f.priority, f.id))
    return AuditResult(figures, input_label, started, datetime.now(timezone.utc), names,
                       trace.cycles, trace)


def _downgrade_conflicts(ctx: AuditContext, figures: list[FigureAudit]) -> None:
    """Second pass: an unverified figure that contradicts what a figure with a verified
    origin establishes (:func:`~credgraph.grade.established_bounds`) gets credibility 5.
    Under ``same`` their intervals must meet; under ``narrower`` and ``broader`` the
    narrower measure may not exceed the broader.

    Compared against the base grade of every comparable figure, audited or not, so a grade
    does not depend on which figures or checks were asked for, nor on their order.
    """
    base = {f.id: f.grade for f in figures}

    def base_grade(claim):
        if claim.claim not in base:
            base[claim.claim] = _grade(ctx, claim)
        return base[claim.claim]

    disputed: dict[str, bool] = {}

    def contested(claim, sure):  # worked out once per bounding figure
        if claim.claim not in disputed:
            disputed[claim.claim] = _contested(ctx, claim, sure)
        return disputed[claim.claim]

    for fig in figures:
        ref = fig.claim.reference.figure
        if ref is None or any(a.verified or a.neutral for a in ctx.standing(fig.claim)):
            continue  # a neutral source's count hedged by its relays is a floor, not ruled out
        bounds = ctx.stated(fig.claim)  # as all its reports state it, not one relay's
        against = [(other.claim, base_grade(other))
                   for other, relation in ctx.related(fig.claim)
                   if relation in _BOUNDING
                   and (sure := ctx.established(other)) is not None
                   and intervals_conflict(bounds, sure, relation)
                   and not contested(other, sure)]
        fig.grade = downgrade_for_conflict(fig.grade, False, against)


def _withdrawn_grades(ctx: AuditContext, figures: list[FigureAudit]) -> None:
    """A figure every chain of which passes a mention or statement that a correction
    withdrew (``corrects:``) is improbable by its own source's word: credibility 5, the
    correction named (its reliability stays its origins'). Unless every such correction
    leaves the figure true (:meth:`~credgraph.checks.corrections.Corrections.reattributed`:
    it corrects who said it, or makes the value more precise, not what was counted): then the
    figure is the correction's claim's, graded as that claim (a true figure is not improbable
    because its source was misnamed)."""
    graded = {f.id: f for f in figures}
    for fig in figures:
        withdrawal = ctx.withdrawal(fig.claim)
        if withdrawal is None or not withdrawal.full or ctx.reattributed(fig.claim):
            continue
        correctors = [m for *_, ms in (*withdrawal.corrected, *withdrawal.relays) for m in ms]
        by = min(correctors, key=lambda m: m.node)
        theirs = ctx.trace.claims.get(by.claim)
        now = theirs.reference.figure if theirs is not None else None
        instead = f"superseded by {now.describe()} ({by.claim})" if now else "retracted"
        fig.grade = Grade(fig.grade.reliability, 5,
                          f"withdrawn: its source corrected it in {by.report}, {instead}")
        fig.withdrawn = True
    for fig in figures:
        if ctx.reattributed(fig.claim):
            fig.grade, fig.reattributed = _reattributed_grade(ctx, fig.claim, graded)


def _reattributed_grade(ctx: AuditContext, claim: ClaimTrace, graded: dict) -> Grade:
    """The grade of a claim whose corrections all keep its figure: its correction's claim's
    (followed through further such corrections), the correction named."""
    seen, now, first = {claim.claim}, claim, None
    while (fixes := ctx.reattributed(now)):
        by = min(fixes, key=lambda m: m.node)
        theirs = ctx.trace.claims.get(by.claim)
        if theirs is None or theirs.claim in seen:
            break
        seen.add(theirs.claim)
        now, first = theirs, first or by
    if first is None:
        return (graded[claim.claim].grade if claim.claim in graded else _grade(ctx, claim)), None
    grade = graded[now.claim].grade if now.claim in graded else _grade(ctx, now)
    why = (f"corrected in {first.report} without withdrawing the figure (who said it, or a "
           f"more precise value it holds): graded as {now.claim}: {grade.reason}")
    return Grade(grade.reliability, grade.credibility, why), now.claim


def _grade(ctx: AuditContext, claim: ClaimTrace) -> Grade:
    """A claim's grade before it is compared: from the origins it stands on (the reviewed
    ones), a claim resting only on unreviewed drafts graded for itself."""
    return grade_claim(claim, ctx.standing(claim), ctx.discounted(claim), ctx.draft_only(claim))


_BOUNDING = ("same", "narrower", "broader")
"""How two figures must relate for what one establishes to bound the other."""


def _contested(ctx: AuditContext, claim: ClaimTrace, sure: tuple) -> bool:
    """Whether another figure with a verified origin rules out what *claim* establishes
    (*sure*): two verified counts that cannot both hold establish nothing, so neither makes
    a third figure improbable (the figure agreeing with one of them would be marked so by the
    other); ``conflicting-figures`` flags the pair."""
    return any(relation in _BOUNDING and (theirs := ctx.established(other)) is not None
               and intervals_conflict(sure, theirs, relation)
               for other, relation in ctx.related(claim))

