"""The provenance audit: trace every figure, run every check, grade it, report it as data.

>>> from credgraph.loading import load_input
>>> result = audit_store(load_input(None))
>>> fig = result.figure("hur-southern-district-deserters")
>>> fig.independent_origins, fig.grade.code
(1, 'D4')
>>> sorted({f.check for f in fig.findings})[:3]
['figure-drift', 'hedge-dropped', 'interested-party']

The JSON form (:meth:`AuditResult.as_dict`) is a stable interface; its keys are listed in
``docs/audit.md``. The findings also go back into RDF (:func:`findings_graph`): one
``schema:ClaimReview`` per figure and the run as a ``prov:Activity``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .checks import Finding, load_builtin_checks, severity_rank
from .checks.context import AuditContext, bounds_overlap
from .facts import AuditFacts
from .loading import describe_input, load_input
from .grade import Grade, downgrade_for_conflict, grade_claim
from .model import gc_paused
from .origins import OriginAssessment
from .scan import scan_input
from .store import Store
from .trace import CitationTrace, ClaimTrace, trace_facts, trace_store
from .vocab import CG, CREDIBILITY, ID, PROV, RDF, RELIABILITY, SCHEMA, SEVERITY, XSD, bind_prefixes

__all__ = ["FigureAudit", "AuditResult", "audit_store", "audit_facts", "audit_input",
           "findings_graph", "findings_triples"]


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

    @property
    def id(self) -> str:
        return self.claim.claim

    @property
    def independent_origins(self) -> int:
        return len(self.claim.independent)

    @property
    def apparent_sources(self) -> int:
        return len(self.claim.reports)

    def as_dict(self) -> dict:
        """The figure in the stable JSON shape."""
        ref = self.claim.reference
        fig = ref.figure
        period = fig.period.iso() if fig else None
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
        }

    def as_dict(self) -> dict:
        """The stable JSON shape: ``{"figures": [...], "summary": {...}}``."""
        return {"figures": [f.as_dict() for f in self.figures], "summary": self.summary()}


def audit_store(store: Store, *, checks: list[str] | None = None,
                claims: list[str] | None = None, input_label: str = "store",
                scoped: bool = False) -> AuditResult:
    """Audit every claim in *store* (or only *claims*) with every check (or only *checks*).

    ``scoped=True`` with *claims* is the incremental path for a large store: only those
    claims, the figures they are compared with (:func:`~credgraph.trace.claims_in_scope`) and
    what their chains reach are fetched and traced, and all of those figures are audited,
    with the same results a full audit gives them. Citation loops are those of that part.
    """
    started = datetime.now(timezone.utc)
    table, names = _checks_named(checks)
    local = scoped and claims is not None
    with gc_paused():
        trace = trace_store(store, claims=claims if local else None)
        return _audit(trace, table, names, None if local else claims, input_label, started)


def audit_facts(facts: AuditFacts, *, checks: list[str] | None = None,
                claims: list[str] | None = None, input_label: str = "facts") -> AuditResult:
    """Audit what :func:`~credgraph.facts.fetch_facts` or :func:`~credgraph.scan.scan_facts` read:
    every claim (or only *claims*) with every check (or only *checks*). For the same graph
    the result is the same as :func:`audit_store` gives.

    >>> from credgraph.scan import scan_input
    >>> result = audit_facts(scan_input(None))
    >>> result.figure("hur-southern-district-deserters").grade.code
    'D4'
    """
    started = datetime.now(timezone.utc)
    table, names = _checks_named(checks)
    with gc_paused():
        return _audit(trace_facts(facts), table, names, claims, input_label, started)


def audit_input(path: str | Path | None, store: str | Store = "none", *,
                checks: list[str] | None = None, claims: list[str] | None = None,
                progress=None) -> AuditResult:
    """Audit an input: ``None`` (the bundled corpus), an annotation folder or an RDF file.

    With ``store="none"`` the input is read once, without a store
    (:func:`~credgraph.scan.scan_input`): the fastest way, and the lightest on memory, when the
    audit is all that is wanted. Any other store (a name, a spec such as
    ``oxigraph:PATH`` or a URL, or a :class:`~credgraph.store.Store`) is loaded with the input
    first (:func:`~credgraph.loading.load_input`), and everything in it is audited.
    *progress* (without a store) is called with (done, total) as the input is read.

    >>> audit_input(None).figure("hur-8th-army-deserters").grade.code
    'D4'
    """
    label = describe_input(path)
    if store == "none":
        return audit_facts(scan_input(path, progress), checks=checks, claims=claims,
                           input_label=label)
    return audit_store(load_input(path, store), checks=checks, claims=claims,
                       input_label=label)


def _checks_named(checks: list[str] | None):
    """The check table and the names to run, every name checked against it."""
    table = load_builtin_checks()
    names = list(table) if checks is None else checks
    for name in names:
        if name not in table:
            from .errors import InputError

            raise InputError(f"unknown check {name!r}; allowed: {', '.join(table)}")
    return table, names


def _audit(trace, table, names, claims, input_label, started) -> AuditResult:
    """Run the checks over a trace: every claim it holds, or only *claims*."""
    ctx = AuditContext(trace)
    wanted = [c for c in trace.claims.values() if claims is None or c.claim in claims]
    figures = []
    for claim in wanted:
        findings = []
        for name in names:
            findings.extend(table[name].run(ctx, claim) or ())
        judged = ctx.origins(claim)
        figures.append(FigureAudit(claim, judged, findings, grade_claim(claim, judged)))
    _downgrade_conflicts(ctx, figures)
    return AuditResult(figures, input_label, started, datetime.now(timezone.utc), names,
                       trace.cycles, trace)


def _downgrade_conflicts(ctx: AuditContext, figures: list[FigureAudit]) -> None:
    """Second pass: an unverified figure contradicted by a verified one gets credibility 5.

    Compared against the base grade of every comparable figure, audited or not, so a grade
    does not depend on which figures or checks were asked for, nor on their order.
    """
    base = {f.id: f.grade for f in figures}

    def base_grade(claim):
        if claim.claim not in base:
            base[claim.claim] = grade_claim(claim, ctx.origins(claim))
        return base[claim.claim]

    for fig in figures:
        ref = fig.claim.reference.figure
        if ref is None:
            continue
        against = [(other.claim, base_grade(other), any(a.verified for a in ctx.origins(other)))
                   for other in ctx.comparable(fig.claim)
                   if not bounds_overlap(ref.bounds(), other.reference.figure.bounds())]
        fig.grade = downgrade_for_conflict(fig.grade, any(a.verified for a in fig.origins),
                                           against)


def findings_graph(result: AuditResult) -> Graph:
    """The audit as RDF: the run (``prov:Activity``), a ``schema:ClaimReview`` per figure."""
    g = bind_prefixes(Graph())
    for triple in findings_triples(result):
        g.add(triple)
    return g


_ID = str(ID)
_REVIEW, _ITEM, _GENERATED, _RATING_P = (SCHEMA.ClaimReview, SCHEMA.itemReviewed,
                                         PROV.wasGeneratedBy, SCHEMA.reviewRating)
_RATING, _VALUE, _RELIABILITY, _CREDIBILITY = (SCHEMA.Rating, SCHEMA.ratingValue,
                                               CG.sourceReliability, CG.informationCredibility)
_REASON, _INDEPENDENT, _APPARENT, _ORIGIN = (CG.gradeReason, CG.independentOrigins,
                                             CG.apparentSources, CG.origin)
_FINDING_P, _FINDING, _CHECK, _SEVERITY_P = CG.finding, CG.Finding, CG.check, CG.severity
_MESSAGE, _EVIDENCE, _TYPE = CG.message, CG.evidenceNode, RDF.type


def findings_triples(result: AuditResult):
    """The triples of :func:`findings_graph`, one at a time: what goes into a store, where a
    newsroom's audit is millions of triples that need not be an rdflib graph first.

    >>> from credgraph.loading import load_input
    >>> result = audit_store(load_input(None))
    >>> triples = list(findings_triples(result))
    >>> len(triples) == len(set(triples)) == len(findings_graph(result))
    True
    """
    stamp = result.started.strftime("%Y%m%dT%H%M%S%fZ")
    run = URIRef(f"{_ID}audit/{stamp}")
    yield run, _TYPE, CG.AuditRun
    yield run, _TYPE, PROV.Activity
    yield run, PROV.startedAtTime, Literal(result.started.isoformat(), datatype=XSD.dateTime)
    yield run, PROV.endedAtTime, Literal(result.ended.isoformat(), datatype=XSD.dateTime)
    yield run, PROV.used, Literal(result.input)
    made: dict = {}  # grade codes, check names, counts, sources and concepts repeat

    def once(key, make):
        found = made.get(key)
        if found is None:
            found = made[key] = make()
        return found

    for fig in result.figures:
        review = URIRef(f"{_ID}review/{stamp}/{fig.id}")
        rating = URIRef(f"{_ID}rating/{stamp}/{fig.id}")
        grade = fig.grade
        yield review, _TYPE, _REVIEW
        yield review, _ITEM, URIRef(f"{_ID}claim/{fig.id}")
        yield review, _GENERATED, run
        yield review, _RATING_P, rating
        yield rating, _TYPE, _RATING
        yield rating, _VALUE, once(("code", grade.code), lambda: Literal(grade.code))
        yield review, _RELIABILITY, RELIABILITY[grade.reliability]
        yield review, _CREDIBILITY, CREDIBILITY[str(grade.credibility)]
        yield review, _REASON, once(("reason", grade.reason), lambda: Literal(grade.reason))
        yield review, _INDEPENDENT, once(("n", fig.independent_origins),
                                         lambda: Literal(fig.independent_origins))
        yield review, _APPARENT, once(("n", fig.apparent_sources),
                                      lambda: Literal(fig.apparent_sources))
        for source in dict.fromkeys(a.origin.source for a in fig.origins if a.origin.source):
            yield review, _ORIGIN, once(("source", source),
                                        lambda: URIRef(f"{_ID}source/{source}"))
        for i, finding in enumerate(fig.findings):
            node = URIRef(f"{_ID}finding/{stamp}/{fig.id}/{i}")
            yield review, _FINDING_P, node
            yield node, _TYPE, _FINDING
            yield node, _CHECK, once(("check", finding.check), lambda: Literal(finding.check))
            yield node, _SEVERITY_P, SEVERITY[finding.severity]
            yield node, _MESSAGE, Literal(finding.message)
            for n in dict.fromkeys(n for item in finding.evidence
                                   for n in (item if isinstance(item, list) else [item])):
                yield node, _EVIDENCE, URIRef(_ID + n)
