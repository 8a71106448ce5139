"""The audit as RDF: the run (``prov:Activity``) and a ``schema:ClaimReview`` per figure.

What ``credgraph audit --rdf`` writes and ``credgraph load`` stores beside the graph, so
SPARQL can ask about the findings (the bundled queries marked ``requires: audit`` do).

>>> from credgraph.audit import audit_facts
>>> from credgraph.inputs import open_input
>>> result = audit_facts(open_input(None).facts())
>>> triples = list(findings_triples(result))
>>> len(triples) == len(set(triples)) == len(findings_graph(result))
True
"""

from __future__ import annotations

from rdflib import Graph, Literal

from .audit import AuditResult
from .ids import audit_iri, claim_iri, node_iri, source_iri
from .vocab import CG, CREDIBILITY, PROV, RDF, RELIABILITY, SCHEMA, SEVERITY, XSD, bind_prefixes

__all__ = ["findings_graph", "findings_triples"]

_REVIEW, _ITEM, _GENERATED, _RATING_P = (SCHEMA.ClaimReview, SCHEMA.itemReviewed,
                                         PROV.wasGeneratedBy, SCHEMA.reviewRating)
_RATING, _VALUE, _RELIABILITY, _CREDIBILITY = (SCHEMA.Rating, SCHEMA.ratingValue,
                                               CG.sourceReliability, CG.informationCredibility)
_REASON, _INDEPENDENT, _APPARENT, _ORIGIN = (CG.gradeReason, CG.independentOrigins,
                                             CG.apparentSources, CG.origin)
_FINDING_P, _FINDING, _CHECK, _SEVERITY_P = CG.finding, CG.Finding, CG.check, CG.severity
_MESSAGE, _EVIDENCE, _TYPE = CG.message, CG.evidenceNode, RDF.type


def findings_graph(result: AuditResult) -> Graph:
    """The audit as an rdflib graph, prefixes bound."""
    g = bind_prefixes(Graph())
    for triple in findings_triples(result):
        g.add(triple)
    return g


def findings_triples(result: AuditResult):
    """The triples of :func:`findings_graph`, one at a time: what goes into a store, where a
    newsroom's audit is millions of triples that need not be an rdflib graph first."""
    stamp = result.started.strftime("%Y%m%dT%H%M%S%fZ")
    run = audit_iri("audit", stamp)
    yield run, _TYPE, CG.AuditRun
    yield run, _TYPE, PROV.Activity
    yield run, PROV.startedAtTime, Literal(result.started.isoformat(), datatype=XSD.dateTime)
    yield run, PROV.endedAtTime, Literal(result.ended.isoformat(), datatype=XSD.dateTime)
    yield run, PROV.used, Literal(result.input)
    made: dict = {}  # grade codes, check names, counts and concepts repeat

    def once(key, make):
        found = made.get(key)
        if found is None:
            found = made[key] = make()
        return found

    for fig in result.figures:
        review = audit_iri("review", stamp, fig.id)
        rating = audit_iri("rating", stamp, fig.id)
        grade = fig.grade
        yield review, _TYPE, _REVIEW
        yield review, _ITEM, claim_iri(fig.id)
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
            yield review, _ORIGIN, source_iri(source)
        for i, finding in enumerate(fig.findings):
            node = audit_iri("finding", stamp, fig.id, str(i))
            yield review, _FINDING_P, node
            yield node, _TYPE, _FINDING
            yield node, _CHECK, once(("check", finding.check), lambda: Literal(finding.check))
            yield node, _SEVERITY_P, SEVERITY[finding.severity]
            yield node, _MESSAGE, Literal(finding.message)
            for n in dict.fromkeys(n for item in finding.evidence
                                   for n in (item if isinstance(item, list) else [item])):
                yield node, _EVIDENCE, node_iri(n)
