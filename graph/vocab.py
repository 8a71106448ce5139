"""Namespaces of credgraph: its own vocabulary, its closed lists, and the standards it reuses.

Every credgraph term is a member of a closed :class:`rdflib.namespace.DefinedNamespace`,
so a misspelt term fails when the module that uses it is imported:

>>> CG.Mention
rdflib.term.URIRef('https://w3id.org/credgraph/ns#Mention')
>>> CG.Mentoin
Traceback (most recent call last):
...
AttributeError: term 'Mentoin' not in namespace 'https://w3id.org/credgraph/ns#'

The closed lists (SKOS concept schemes) have one namespace each; their members are the
slugs an annotator writes. They are not written here: each namespace's members are its
concept scheme's in ``ontology/credgraph.ttl``, read the first time one is looked up
(:mod:`credgraph.schemes`), so a concept added to the scheme is a member here too, and a
slug the scheme lacks fails:

>>> QUALIFIER["more-than"]
rdflib.term.URIRef('https://w3id.org/credgraph/qualifier/more-than')
>>> HEDGE["rumoured"]
Traceback (most recent call last):
...
AttributeError: term 'rumoured' not in namespace 'https://w3id.org/credgraph/hedge/'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

from .schemes import Members

__all__ = [
    "BASE", "CG", "CITO", "CREDIBILITY", "MEASURE", "QUANTITY_KIND", "RATE_UNIT", "DATE_CERTAINTY", "DCTERMS", "GRAPH", "HEDGE", "ID",
    "OWL", "PARTY", "PROV", "QUALIFIER", "RDF", "RDFS", "RELIABILITY", "REPORT_KIND", "SCHEMA",
    "SEVERITY", "SKOS", "SOURCE_KIND", "XSD", "CITES_AS", "CONCEPT_SCHEMES", "PREFIXES",
    "bind_prefixes", "members", "SPARQL_PREFIXES",
]

BASE = "https://w3id.org/credgraph/"
ID = Namespace(BASE + "id/")
"""Instance data: ``ID["source/hur"]``, ``ID["report/<id>"]``, ``ID["claim/<id>"]`` ..."""
GRAPH = Namespace(BASE + "graph/")
"""Named graphs: ``GRAPH["registry"]`` and ``GRAPH["report/<id>"]``."""
SCHEMA = SDO
"""schema.org, as rdflib spells it (``https://schema.org/``)."""


class CG(DefinedNamespace):
    """credgraph's own classes and properties (``ontology/credgraph.ttl``)."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    # classes
    Source: URIRef  # an agent a figure can come from or pass through
    Report: URIRef  # a published document: article, post, statement ...
    Mention: URIRef  # one report's statement of a claim
    Statement: URIRef  # a source's statement of a claim, implied by an attribution
    Figure: URIRef  # the quantity a mention states
    Evidence: URIRef  # where in a seed text a mention is stated
    Measure: URIRef  # what a figure counts: a concept of the measure scheme
    AuditRun: URIRef  # one run of the provenance audit
    Finding: URIRef  # one thing an audit check found
    # registry properties
    sourceKind: URIRef
    country: URIRef
    partyTo: URIRef
    anonymous: URIRef
    reliability: URIRef
    reliabilityReason: URIRef
    # report properties
    reportKind: URIRef
    seedFile: URIRef
    textFile: URIRef
    inputFile: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    dateCertainty: URIRef
    dateBasis: URIRef
    ambiguity: URIRef
    # mention properties
    statesClaim: URIRef
    figure: URIRef
    attributedTo: URIRef
    hedge: URIRef
    ownWork: URIRef
    evidence: URIRef
    citationIntent: URIRef
    startOffset: URIRef
    endOffset: URIRef
    evidenceTerm: URIRef
    # figure properties
    measure: URIRef
    qualifier: URIRef
    subject: URIRef
    subjectSide: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    asOf: URIRef
    since: URIRef
    ratePer: URIRef
    # relations between claims and reports
    computedFrom: URIRef
    partOf: URIRef
    copies: URIRef
    reviewed: URIRef
    # measure properties
    quantityKind: URIRef
    cumulative: URIRef
    # audit properties
    check: URIRef
    severity: URIRef
    message: URIRef
    evidenceNode: URIRef
    finding: URIRef
    origin: URIRef
    independentOrigins: URIRef
    apparentSources: URIRef
    sourceReliability: URIRef
    informationCredibility: URIRef
    gradeReason: URIRef
    # links of imported fact checks (schema:ClaimReview) to claims
    FactCheckLink: URIRef  # an imported fact check linked to a claim, with reason and score
    linkedReview: URIRef
    linkedClaim: URIRef
    linkScore: URIRef
    linkReason: URIRef


class CITO(DefinedNamespace):
    """The CiTO terms credgraph uses for why a relay cites its upstream."""

    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True

    citesAsDataSource: URIRef
    citesAsAuthority: URIRef
    disputes: URIRef
    confirms: URIRef


class SOURCE_KIND(DefinedNamespace):
    """SKOS scheme: what kind of agent a source is."""

    _NS = Namespace(BASE + "source-kind/")
    _fail = True
    _extras = Members(BASE + "source-kind")


class PARTY(DefinedNamespace):
    """SKOS scheme: the parties to the conflict."""

    _NS = Namespace(BASE + "party/")
    _fail = True
    _extras = Members(BASE + "party")


class RELIABILITY(DefinedNamespace):
    """SKOS scheme: Admiralty source reliability, most reliable first."""

    _NS = Namespace(BASE + "reliability/")
    _fail = True
    _extras = Members(BASE + "reliability")


class CREDIBILITY(DefinedNamespace):
    """SKOS scheme: Admiralty information credibility, most credible first."""

    _NS = Namespace(BASE + "credibility/")
    _fail = True
    _extras = Members(BASE + "credibility")


class REPORT_KIND(DefinedNamespace):
    """SKOS scheme: what kind of document a report is."""

    _NS = Namespace(BASE + "report-kind/")
    _fail = True
    _extras = Members(BASE + "report-kind")


class DATE_CERTAINTY(DefinedNamespace):
    """SKOS scheme: how sure the annotator is of a report's date."""

    _NS = Namespace(BASE + "date-certainty/")
    _fail = True
    _extras = Members(BASE + "date-certainty")


class QUALIFIER(DefinedNamespace):
    """SKOS scheme: how a figure is qualified in the text."""

    _NS = Namespace(BASE + "qualifier/")
    _fail = True
    _extras = Members(BASE + "qualifier")


class HEDGE(DefinedNamespace):
    """SKOS scheme: the verification hedge a report attaches to a mention."""

    _NS = Namespace(BASE + "hedge/")
    _fail = True
    _extras = Members(BASE + "hedge")


class SEVERITY(DefinedNamespace):
    """SKOS scheme: how serious an audit finding is, least serious first."""

    _NS = Namespace(BASE + "severity/")
    _fail = True
    _extras = Members(BASE + "severity")


class QUANTITY_KIND(DefinedNamespace):
    """SKOS scheme: what sort of quantity a measure is."""

    _NS = Namespace(BASE + "quantity-kind/")
    _fail = True
    _extras = Members(BASE + "quantity-kind")


class RATE_UNIT(DefinedNamespace):
    """SKOS scheme: what a rate is counted per."""

    _NS = Namespace(BASE + "rate-unit/")
    _fail = True
    _extras = Members(BASE + "rate-unit")


MEASURE = Namespace(BASE + "measure/")
"""The measures: ``MEASURE["deserters"]``; open, since a corpus adds its own
(``ontology/measures.ttl`` holds credgraph's)."""

CONCEPT_SCHEMES: dict[str, type[DefinedNamespace]] = {
    str(scheme._NS)[len(BASE):-1]: scheme
    for scheme in (SOURCE_KIND, PARTY, RELIABILITY, CREDIBILITY, REPORT_KIND, DATE_CERTAINTY,
                   QUALIFIER, HEDGE, SEVERITY, QUANTITY_KIND, RATE_UNIT)
}
"""Each closed list's namespace by the name of its SKOS concept scheme in the ontology
(``https://w3id.org/credgraph/<name>``)."""

CITES_AS = {
    "data-source": CITO.citesAsDataSource,
    "authority": CITO.citesAsAuthority,
    "disputes": CITO.disputes,
    "confirms": CITO.confirms,
}
"""The ``cites_as`` values an annotator writes, mapped to CiTO properties."""

PREFIXES = {
    "cg": CG._NS,
    "cgid": ID,
    "prov": PROV._NS,
    "schema": Namespace(str(SDO._NS)),
    "cito": CITO._NS,
    "measure": MEASURE,
    "dcterms": DCTERMS._NS,
    "skos": SKOS._NS,
    "owl": OWL._NS,
    "rdfs": RDFS._NS,
    "xsd": XSD._NS,
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
"""The prefixes above as a SPARQL prologue, for the queries credgraph writes itself."""


def members(scheme: type[DefinedNamespace]) -> Members:
    """The slugs of a closed list, in its concept scheme's order: a sequence read from the
    ontology on first use (``in`` is a set lookup).

    >>> list(members(PARTY))
    ['russia', 'ukraine']
    """
    return scheme._extras


def bind_prefixes(graph):
    """Bind credgraph's prefixes on *graph* (a Graph or Dataset) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
