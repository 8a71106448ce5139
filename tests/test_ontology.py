"""The ontology (ontology/credgraph.ttl) and the SHACL shapes (ontology/shapes.ttl).

- both files parse, and the shapes pass pyshacl's meta-SHACL check;
- every credgraph term and concept has a label and a comment;
- every term of vocab.py's CG is defined in the ontology and every cg: term there is in CG;
- the closed lists are the ontology's concept schemes, well-formed SKOS, read in the order
  written; vocab.py's namespaces and the shapes' lists are made from them (a concept added
  to a copy of the scheme is allowed by the shapes made from it; a value outside is refused
  with a message naming the field);
- the shapes accept a small valid graph and reject crafted broken ones with the message an
  annotator should see.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from credgraph.errors import CredgraphError
from credgraph.schemes import scheme_members
from credgraph.validation import IN_SCHEME, shapes_graph, with_closed_lists
from credgraph.vocab import BASE, CG, CITES_AS, CONCEPT_SCHEMES, members

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "credgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_IRI = URIRef(BASE + "ns")
CG_NS = str(CG._NS)
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty}


@functools.cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _shapes() -> Graph:
    """The shapes as credgraph loads them: the closed lists filled from the schemes."""
    return shapes_graph()


def _scheme_iri(name: str) -> URIRef:
    return URIRef(BASE + name)


def _label_subjects() -> list[URIRef]:
    """Every credgraph term, concept scheme and concept the ontology defines."""
    g = _ontology()
    found = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(CG_NS)}
    found |= set(g.subjects(RDF.type, SKOS.Concept))
    found |= set(g.subjects(RDF.type, SKOS.ConceptScheme))
    found.add(ONTOLOGY_IRI)
    return sorted(found)


def _short(iri: URIRef) -> str:
    return str(iri).removeprefix(CG_NS).removeprefix(BASE) or str(iri)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _shapes()


# --------------------------------------------------------------------------------------
# Parsing and meta-SHACL
# --------------------------------------------------------------------------------------


def test_ontology_parses_and_has_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    for prop in ("title", "description", "license"):
        assert ontology.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/" + prop)), prop
    assert not list(ontology.objects(ONTOLOGY_IRI, OWL.imports))


def test_shapes_parse(shapes):
    assert set(shapes.subjects(RDF.type, SH.NodeShape))


def test_shapes_pass_meta_shacl(shapes):
    # meta_shacl=True first validates the shapes graph against SHACL-for-SHACL and raises
    # ReportableRuntimeError when it does not conform.
    conforms, _, text = validate(
        _graph(VALID_TTL), shacl_graph=shapes, meta_shacl=True, inference="none"
    )
    assert conforms, text


# --------------------------------------------------------------------------------------
# Labels and comments
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", _label_subjects(), ids=_short)
def test_term_has_label_and_comment(ontology, term):
    labels = list(ontology.objects(term, RDFS.label))
    comments = list(ontology.objects(term, RDFS.comment))
    assert labels and all(str(x).strip() for x in labels), f"{term} has no rdfs:label"
    assert comments and all(str(x).strip() for x in comments), f"{term} has no rdfs:comment"


@pytest.mark.parametrize(
    "term",
    [t for t in _label_subjects() if t != ONTOLOGY_IRI and (t, RDF.type, SKOS.Concept) not in _ontology()],
    ids=_short,
)
def test_term_is_defined_by_the_ontology(ontology, term):
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology


# --------------------------------------------------------------------------------------
# Drift between graph/vocab.py and the ontology
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CG.__annotations__))
def test_vocab_term_is_defined_in_ontology(ontology, name):
    term = CG[name]
    types = set(ontology.objects(term, RDF.type))
    if name[0].isupper():
        assert OWL.Class in types, f"cg:{name} is not an owl:Class in credgraph.ttl"
    else:
        assert len(types & PROPERTY_TYPES) == 1, (
            f"cg:{name} must be exactly one of owl:ObjectProperty / owl:DatatypeProperty"
        )


def test_ontology_defines_no_term_missing_from_vocab(ontology):
    in_ttl = {
        str(s).removeprefix(CG_NS)
        for s in ontology.subjects()
        if isinstance(s, URIRef) and str(s).startswith(CG_NS)
    }
    assert in_ttl - set(CG.__annotations__) == set(), "terms in credgraph.ttl but not in CG"


def test_ontology_defines_every_vocab_term(ontology):
    defined = {
        s
        for t in (OWL.Class, *PROPERTY_TYPES)
        for s in ontology.subjects(RDF.type, t)
        if str(s).startswith(CG_NS)
    }
    assert {CG[n] for n in CG.__annotations__} == defined


@pytest.mark.parametrize("name", [n for n in CG.__annotations__ if not n[0].isupper()])
def test_property_range_fits_its_kind(ontology, name):
    term = CG[name]
    rng = ontology.value(term, RDFS.range)
    if (term, RDF.type, OWL.DatatypeProperty) in ontology:
        assert rng is not None and str(rng).startswith(str(XSD)), f"cg:{name}: range {rng}"
    elif rng is not None:
        assert not str(rng).startswith(str(XSD)), f"object property cg:{name} has range {rng}"


def test_every_closed_list_reads_its_scheme():
    """Each closed namespace of vocab.py names a concept scheme of the ontology, whose
    concepts are its members (a namespace naming no scheme fails on first use)."""
    for name, scheme in CONCEPT_SCHEMES.items():
        assert len(members(scheme)) >= 2, name
        for slug in members(scheme):
            assert scheme[slug] == URIRef(f"{BASE}{name}/{slug}")
            assert (scheme[slug], SKOS.inScheme, _scheme_iri(name)) in _ontology()
        with pytest.raises(AttributeError):
            scheme["not-a-member"]


def test_an_unknown_scheme_is_an_error():
    with pytest.raises(CredgraphError, match="no concept scheme"):
        scheme_members(BASE + "no-such-list")


@pytest.mark.parametrize("scheme", sorted(_ontology().subjects(RDF.type, SKOS.ConceptScheme)),
                         ids=_short)
def test_scheme_is_well_formed_skos(ontology, scheme):
    """Each concept of the scheme is a skos:Concept named <scheme>/<slug>, a top concept of
    its scheme, with a prefLabel; the scheme does not list them again (hasTopConcept)."""
    concepts = set(ontology.subjects(SKOS.inScheme, scheme))
    assert concepts, f"{scheme} has no concept"
    assert not list(ontology.objects(scheme, SKOS.hasTopConcept)), "a second copy of the list"
    for concept in concepts:
        assert str(concept).startswith(f"{scheme}/") and "/" not in str(concept)[len(scheme) + 1:]
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (concept, SKOS.topConceptOf, scheme) in ontology
        assert ontology.value(concept, SKOS.prefLabel) is not None


def test_every_concept_is_in_a_scheme(ontology):
    assert set(ontology.subjects(RDF.type, SKOS.Concept)) == set(ontology.subjects(SKOS.inScheme))


@pytest.mark.parametrize("scheme", [s for s in CONCEPT_SCHEMES.values()
                                    if (s[members(s)[0]], SKOS.notation, None) in _ontology()],
                         ids=lambda s: str(s._NS)[len(BASE):-1])
def test_ordered_schemes_notations_follow_their_order(ontology, scheme):
    """A scheme with notations (reliability A-F, credibility 1-6, severity info < warning
    < error) is written in the order of its notations, one each."""
    notations = [[str(n) for n in ontology.objects(scheme[slug], SKOS.notation)]
                 for slug in members(scheme)]
    assert all(len(n) == 1 for n in notations), notations
    assert notations == sorted(notations) and len(set(map(tuple, notations))) == len(notations)


def _scheme_copy(tmp_path, extra: str) -> Path:
    copy = tmp_path / "credgraph.ttl"
    copy.write_text(ONTOLOGY_FILE.read_text() + extra)
    return copy


RUMOURED = """
hedge:rumoured a skos:Concept ;
    skos:inScheme <https://w3id.org/credgraph/hedge> ; skos:topConceptOf <https://w3id.org/credgraph/hedge> ;
    skos:prefLabel "rumoured"@en ; rdfs:label "rumoured"@en ;
    rdfs:comment "A test concept."@en .
"""


def test_members_are_read_in_the_order_written(tmp_path):
    copy = _scheme_copy(tmp_path, RUMOURED)
    hedges = tuple(members(CONCEPT_SCHEMES["hedge"]))
    assert scheme_members(BASE + "hedge", copy) == (*hedges, "rumoured")
    assert "rumoured" not in members(CONCEPT_SCHEMES["hedge"])


# --------------------------------------------------------------------------------------
# The shapes themselves
# --------------------------------------------------------------------------------------


def _top_shapes(g: Graph) -> set:
    targets = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
    return {s for t in targets for s in g.subjects(t, None)}


def _reported_shapes(g: Graph) -> list:
    """Targeted node shapes and the property shapes hung directly on them: the shapes
    whose sh:message a validation result carries."""
    tops = _top_shapes(g)
    props = {p for s in tops for p in g.objects(s, SH.property)}
    return sorted(tops) + sorted(props, key=lambda p: str(g.value(p, SH.path)))


def _shape_id(g: Graph, shape) -> str:
    if isinstance(shape, URIRef):
        return shape.split("#")[-1]
    owner = g.value(None, SH.property, shape)
    path = g.value(shape, SH.path)
    return f"{str(owner).split('#')[-1]}/{g.qname(path) if isinstance(path, URIRef) else 'path'}"


@pytest.mark.parametrize(
    "shape", _reported_shapes(_shapes()), ids=lambda s: _shape_id(_shapes(), s)
)
def test_shape_has_message(shapes, shape):
    messages = [str(m) for m in shapes.objects(shape, SH.message)]
    assert len(messages) == 1 and messages[0].strip()


def test_shapes_mention_only_known_terms(shapes, ontology):
    known = set(ontology.subjects(RDF.type, SKOS.Concept))
    known |= set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    cg_terms = {CG[n] for n in CG.__annotations__}
    for node in set(shapes.all_nodes()):
        if not isinstance(node, URIRef):
            continue
        if str(node).startswith(CG_NS):
            assert node in cg_terms, f"{node} in shapes.ttl is not a CG term"
        elif str(node).startswith(BASE) and not str(node).startswith(BASE + "shapes"):
            assert node in known, f"{node} in shapes.ttl is not a known concept or scheme"


def test_shapes_file_writes_no_whole_scheme():
    """The file writes no closed list whole: a whole scheme is `cgsh:inScheme`, filled in
    when the shapes are loaded; an sh:in list the file writes is a part of one scheme."""
    raw = Graph().parse(SHAPES_FILE, format="turtle")
    schemes = {URIRef(BASE + name): {scheme[s] for s in members(scheme)}
               for name, scheme in CONCEPT_SCHEMES.items()}
    for head in set(raw.objects(None, SH["in"])):
        values = set(Collection(raw, head))
        for concepts in schemes.values():
            if values & concepts:
                assert values < concepts, f"sh:in {sorted(values)} mixes or copies schemes"
    assert set(raw.objects(None, IN_SCHEME)) <= set(schemes)


def test_no_message_is_left_unfilled(shapes):
    assert not [m for m in shapes.objects(None, SH.message) if "{" in m or "}" in m]


# --------------------------------------------------------------------------------------
# Data graphs against the shapes
# --------------------------------------------------------------------------------------

PREFIXES = """
@base <https://w3id.org/credgraph/> .
@prefix cg:      <https://w3id.org/credgraph/ns#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix schema:  <https://schema.org/> .
@prefix cito:    <http://purl.org/spar/cito/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix kind:    <https://w3id.org/credgraph/source-kind/> .
@prefix party:   <https://w3id.org/credgraph/party/> .
@prefix rel:     <https://w3id.org/credgraph/reliability/> .
@prefix cred:    <https://w3id.org/credgraph/credibility/> .
@prefix rkind:   <https://w3id.org/credgraph/report-kind/> .
@prefix dcert:   <https://w3id.org/credgraph/date-certainty/> .
@prefix qual:    <https://w3id.org/credgraph/qualifier/> .
@prefix hedge:   <https://w3id.org/credgraph/hedge/> .
@prefix sev:     <https://w3id.org/credgraph/severity/> .
@prefix measure: <https://w3id.org/credgraph/measure/> .
@prefix qkind:   <https://w3id.org/credgraph/quantity-kind/> .
@prefix rate:    <https://w3id.org/credgraph/rate-unit/> .
"""

# One report of an outlet stating a HUR figure, as graph/build.py writes it
# (docs/rdf-mapping.md), plus what the audit writes about the claim.
VALID_TTL = (
    PREFIXES
    + """
<id/source/hur> a cg:Source, prov:Agent, prov:Organization ;
    rdfs:label "Defence Intelligence of Ukraine (HUR)" ;
    skos:prefLabel "Defence Intelligence of Ukraine (HUR)" ;
    skos:altLabel "GUR", "HUR" ;
    cg:sourceKind kind:military-intelligence ;
    cg:country "UA" ;
    cg:partyTo party:ukraine ;
    cg:anonymous false ;
    cg:reliability rel:F ;
    cg:reliabilityReason "A belligerent's intelligence service." ;
    prov:actedOnBehalfOf <id/source/ukraine-government> .

<id/source/ukraine-government> a cg:Source, prov:Agent, prov:Organization ;
    rdfs:label "Government of Ukraine" ;
    skos:prefLabel "Government of Ukraine" ;
    cg:sourceKind kind:government ;
    cg:country "UA" ;
    cg:partyTo party:ukraine ;
    cg:anonymous false ;
    cg:reliability rel:F ;
    cg:reliabilityReason "A belligerent." .

<id/source/newsweek> a cg:Source, prov:Agent, prov:Organization ;
    rdfs:label "Newsweek" ;
    skos:prefLabel "Newsweek" ;
    cg:sourceKind kind:news-outlet ;
    cg:country "US" ;
    cg:anonymous false ;
    cg:reliability rel:B ;
    cg:reliabilityReason "Established outlet." ;
    schema:url <https://www.newsweek.com> .

<id/source/jane-doe> a cg:Source, prov:Agent, prov:Person ;
    rdfs:label "Jane Doe" ;
    skos:prefLabel "Jane Doe" ;
    cg:sourceKind kind:named-person ;
    cg:anonymous false ;
    cg:reliability rel:F ;
    cg:reliabilityReason "Unknown." .

<id/report/nw> a cg:Report, prov:Entity, schema:NewsArticle ;
    cg:reportKind rkind:article ;
    schema:publisher <id/source/newsweek> ;
    prov:wasAttributedTo <id/source/newsweek> ;
    schema:author "Jane Doe" ;
    dcterms:title "Thousands of soldiers deserting, says Kyiv" ;
    schema:datePublished "2024-03-04"^^xsd:date ;
    cg:earliestDate "2024-03-04"^^xsd:date ;
    cg:latestDate "2024-03-04"^^xsd:date ;
    cg:dateCertainty dcert:exact ;
    cg:seedFile "002_e82a78f22526c30b.txt" .

<id/mention/nw/m1> a cg:Mention, prov:Entity ;
    dcterms:isPartOf <id/report/nw> ;
    cg:statesClaim <id/claim/deserters> ;
    schema:text "HUR says more than 18,000 servicemen deserted." ;
    cg:attributedTo <id/source/hur> ;
    cg:hedge hedge:unable-to-verify ;
    prov:wasDerivedFrom <id/statement/deserters/hur> ;
    prov:qualifiedDerivation <id/derivation/nw/m1> ;
    prov:hadPrimarySource <id/statement/deserters/hur> ;
    cg:figure <id/figure/nw/m1> ;
    cg:evidence <id/evidence/nw/m1> .

<id/claim/deserters> a schema:Claim .

<id/derivation/nw/m1> a prov:Derivation ;
    prov:entity <id/statement/deserters/hur> ;
    cg:citationIntent cito:citesAsDataSource .

<id/statement/deserters/hur> a cg:Statement, prov:Entity ;
    cg:statesClaim <id/claim/deserters> ;
    prov:wasAttributedTo <id/source/hur> .

<id/figure/nw/m1> a cg:Figure, schema:QuantitativeValue ;
    cg:measure measure:deserters ;
    schema:value "18000"^^xsd:decimal ;
    cg:qualifier qual:more-than ;
    schema:unitText "servicemen" ;
    cg:subject "Russian Southern Military District" ;
    cg:subjectSide party:russia ;
    cg:ratePer rate:day ;
    schema:spatialCoverage "Ukraine" ;
    cg:periodStart "2022-02-24"^^xsd:date ;
    cg:periodEnd "2024-02-26"^^xsd:date ;
    schema:temporalCoverage "2022-02-24/2024-02-26" .

measure:deserters a cg:Measure, skos:Concept ;
    skos:prefLabel "deserters"@en ;
    cg:quantityKind qkind:count ;
    cg:cumulative true .

<id/evidence/nw/m1> a cg:Evidence ;
    cg:seedFile "002_e82a78f22526c30b.txt" ;
    cg:startOffset 1130 ;
    cg:endOffset 1390 ;
    cg:evidenceTerm "18,000" .

<id/audit/run1> a cg:AuditRun, prov:Activity ;
    prov:startedAtTime "2024-05-01T10:00:00Z"^^xsd:dateTime ;
    prov:endedAtTime "2024-05-01T10:00:02Z"^^xsd:dateTime ;
    prov:used <https://w3id.org/credgraph/graph/registry> .

<id/review/deserters> a schema:ClaimReview ;
    schema:itemReviewed <id/claim/deserters> ;
    schema:reviewRating [ a schema:Rating ; schema:ratingValue "F6" ] ;
    cg:sourceReliability rel:F ;
    cg:informationCredibility cred:6 ;
    cg:gradeReason "One interested origin." ;
    cg:independentOrigins 1 ;
    cg:apparentSources 1 ;
    cg:origin <id/source/ukraine-government> ;
    cg:finding <id/finding/deserters/single-source> ;
    prov:wasGeneratedBy <id/audit/run1> .

<id/finding/deserters/single-source> a cg:Finding ;
    cg:check "single-source" ;
    cg:severity sev:warning ;
    cg:message "Every report of this figure rests on one origin." ;
    cg:evidenceNode <id/statement/deserters/hur> ;
    prov:wasGeneratedBy <id/audit/run1> .
"""
)

# Each broken graph: a SPARQL update applied to the valid graph, the substring of the
# sh:resultMessage it must produce, and optionally substrings of other messages the same
# break may legitimately produce. Any other message fails the test, so a shape that fires
# where it should not is caught too.
BROKEN = {
    "figure-without-value": (
        "DELETE WHERE { <id/figure/nw/m1> schema:value ?v }",
        "A figure needs `value`, or both `min` and `max`",
    ),
    "figure-with-value-and-range": (
        'INSERT DATA { <id/figure/nw/m1> schema:minValue "1"^^xsd:decimal ;'
        ' schema:maxValue "2"^^xsd:decimal }',
        "A figure needs `value`, or both `min` and `max`",
    ),
    "figure-min-above-max": (
        "DELETE { <id/figure/nw/m1> schema:value ?v } INSERT {"
        ' <id/figure/nw/m1> schema:minValue "500"^^xsd:decimal ;'
        ' schema:maxValue "450"^^xsd:decimal } WHERE { <id/figure/nw/m1> schema:value ?v }',
        "`min` must be a single number (xsd:decimal) no greater than its `max`",
    ),
    "figure-measure-not-in-the-scheme": (
        "DELETE WHERE { <id/figure/nw/m1> cg:measure ?m } ;"
        ' INSERT DATA { <id/figure/nw/m1> cg:measure "deserters" }',
        "a measure of the scheme",
    ),
    "figure-unit-with-a-scale": (
        "DELETE WHERE { <id/figure/nw/m1> schema:unitText ?u } ;"
        ' INSERT DATA { <id/figure/nw/m1> schema:unitText "thousand servicemen" }',
        "`unit` must not begin with a scale",
    ),
    "figure-as-of-and-period": (
        'INSERT DATA { <id/figure/nw/m1> cg:asOf "2024-02"^^xsd:gYearMonth }',
        "one of `as_of` (with `since` perhaps) or `period`",
    ),
    "measure-without-kind": (
        "DELETE WHERE { measure:deserters cg:quantityKind ?k }",
        "exactly one `kind`",
    ),
    "source-reliability-G": (
        "DELETE WHERE { <id/source/hur> cg:reliability ?r } ;"
        " INSERT DATA { <id/source/hur> cg:reliability"
        " <https://w3id.org/credgraph/reliability/G> }",
        "`reliability` from A to F",
    ),
    "source-reliability-literal": (
        "DELETE WHERE { <id/source/hur> cg:reliability ?r } ;"
        ' INSERT DATA { <id/source/hur> cg:reliability "B" }',
        "`reliability` from A to F",
    ),
    "source-country-lowercase": (
        "DELETE WHERE { <id/source/hur> cg:country ?c } ;"
        ' INSERT DATA { <id/source/hur> cg:country "ua" }',
        "`country` must be one ISO 3166-1 alpha-2 code",
    ),
    "person-typed-organisation": (
        "DELETE DATA { <id/source/jane-doe> a prov:Person } ;"
        " INSERT DATA { <id/source/jane-doe> a prov:Organization }",
        "named-person or anonymous-person must be typed prov:Person",
    ),
    "evidence-start-equals-end": (
        "DELETE WHERE { <id/evidence/nw/m1> cg:endOffset ?e } ;"
        " INSERT DATA { <id/evidence/nw/m1> cg:endOffset 1130 }",
        "less than `evidence.end`",
    ),
    "evidence-start-after-end": (
        "DELETE WHERE { <id/evidence/nw/m1> cg:startOffset ?s } ;"
        " INSERT DATA { <id/evidence/nw/m1> cg:startOffset 2000 }",
        "less than `evidence.end`",
    ),
    "mention-without-claim": (
        "DELETE WHERE { <id/mention/nw/m1> cg:statesClaim ?c }",
        "A mention needs exactly one `claim`",
    ),
    "mention-bad-hedge": (
        "DELETE WHERE { <id/mention/nw/m1> cg:hedge ?h } ;"
        " INSERT DATA { <id/mention/nw/m1> cg:hedge"
        " <https://w3id.org/credgraph/hedge/rumoured> }",
        "exactly one `hedge`",
    ),
    "derivation-without-cites-as": (
        "DELETE WHERE { <id/derivation/nw/m1> cg:citationIntent ?i }",
        "exactly one `cites_as`",
    ),
    "derived-without-qualified-derivation": (
        "DELETE WHERE { <id/mention/nw/m1> prov:qualifiedDerivation ?d ."
        " ?d ?p ?o }",
        "needs both prov:wasDerivedFrom and a qualified derivation",
        "qualified derivation must point at the same upstream",
    ),
    "report-dates-reversed": (
        "DELETE WHERE { <id/report/nw> cg:earliestDate ?d ; cg:dateCertainty ?c ;"
        " schema:datePublished ?p } ;"
        ' INSERT DATA { <id/report/nw> cg:earliestDate "2024-03-05"^^xsd:date ;'
        " cg:dateCertainty dcert:inferred }",
        "no later than `date.latest`",
    ),
    "report-exact-date-window": (
        "DELETE WHERE { <id/report/nw> cg:latestDate ?d } ;"
        ' INSERT DATA { <id/report/nw> cg:latestDate "2024-03-31"^^xsd:date }',
        "exact `date` must have the same earliest and latest date",
    ),
    "report-wrong-class": (
        "DELETE DATA { <id/report/nw> a schema:NewsArticle } ;"
        " INSERT DATA { <id/report/nw> a schema:SocialMediaPosting }",
        "A report's class must follow its `kind`",
    ),
    "review-rating-value": (
        "DELETE WHERE { ?r schema:ratingValue ?v } ;"
        ' INSERT { ?r schema:ratingValue "G7" } WHERE { ?r a schema:Rating }',
        'an Admiralty grade such as "F6"',
    ),
    "review-more-origins-than-sources": (
        "DELETE WHERE { <id/review/deserters> cg:independentOrigins ?n } ;"
        " INSERT DATA { <id/review/deserters> cg:independentOrigins 3 }",
        "from 0 up to its cg:apparentSources",
    ),
    "finding-bad-severity": (
        "DELETE WHERE { ?f cg:severity ?s } ;"
        " INSERT { ?f cg:severity sev:fatal } WHERE { ?f a cg:Finding }",
        "info, warning or error",
    ),
    "run-ends-before-start": (
        "DELETE WHERE { <id/audit/run1> prov:endedAtTime ?t } ;"
        ' INSERT DATA { <id/audit/run1> prov:endedAtTime "2024-05-01T09:00:00Z"^^xsd:dateTime }',
        "no later than its prov:endedAtTime",
    ),
}


SPARQL_PROLOGUE = PREFIXES.replace("@base", "BASE").replace("@prefix", "PREFIX").replace(" .\n", "\n")


def _graph(ttl: str) -> Graph:
    return Graph().parse(data=ttl, format="turtle")


def _messages(results: Graph) -> list[str]:
    return sorted(
        str(results.value(r, SH.resultMessage))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    )


def _validate(data: Graph, shapes: Graph):
    return validate(data, shacl_graph=shapes, inference="none", allow_warnings=False)


def test_valid_graph_conforms(shapes):
    conforms, _, text = _validate(_graph(VALID_TTL), shapes)
    assert conforms, text


@pytest.mark.parametrize(
    "cls", sorted(set(_shapes().objects(None, SH.targetClass))), ids=lambda c: _shapes().qname(c)
)
def test_valid_graph_exercises_every_targeted_class(cls):
    assert set(_graph(VALID_TTL).subjects(RDF.type, cls)), f"no {cls} in VALID_TTL"


# pyshacl 0.40 still calls rdflib's deprecated Dataset.default_context.
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_named_graphs_are_validated_as_their_union(shapes):
    """The builder splits registry and report into named graphs; a report graph points at
    sources typed only in the registry graph, so sh:class holds only over the union."""
    data = _graph(VALID_TTL)
    ds = Dataset()
    registry = ds.graph(URIRef(BASE + "graph/registry"))
    report = ds.graph(URIRef(BASE + "graph/report/nw"))
    sources = set(data.subjects(RDF.type, CG.Source))
    for triple in data:
        (registry if triple[0] in sources else report).add(triple)
    conforms, _, text = _validate(ds, shapes)
    assert conforms, text


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_graph_fails_with_message(shapes, case):
    update, expected, *also = BROKEN[case]
    data = _graph(VALID_TTL)
    data.update(SPARQL_PROLOGUE + update)
    conforms, results, text = _validate(data, shapes)
    assert not conforms
    messages = _messages(results)
    assert messages, text
    assert any(expected in m for m in messages), messages
    unexpected = [m for m in messages if not any(x in m for x in (expected, *also))]
    assert not unexpected, unexpected


# Each closed-list property of the valid graph: a node that has it, and the field its
# message must name.
CLOSED_FIELDS = {
    "sourceKind": ("id/source/hur", "`kind`"),
    "partyTo": ("id/source/hur", "`party`"),
    "reliability": ("id/source/hur", "`reliability`"),
    "reportKind": ("id/report/nw", "`kind`"),
    "dateCertainty": ("id/report/nw", "`date.certainty`"),
    "hedge": ("id/mention/nw/m1", "`hedge`"),
    "qualifier": ("id/figure/nw/m1", "`qualifier`"),
    "subjectSide": ("id/figure/nw/m1", "`subject_side`"),
    "ratePer": ("id/figure/nw/m1", "`rate.per`"),
    "quantityKind": ("measure/deserters", "`kind`"),
    "severity": ("id/finding/deserters/single-source", "cg:severity"),
    "sourceReliability": ("id/review/deserters", "cg:sourceReliability"),
    "informationCredibility": ("id/review/deserters", "cg:informationCredibility"),
}


def _with_value(prop: str, value) -> tuple[Graph, URIRef]:
    """The valid graph with *prop* of its node set to *value*; and the old value."""
    data = _graph(VALID_TTL)
    node = URIRef(BASE + CLOSED_FIELDS[prop][0])
    old = data.value(node, CG[prop])
    if value is not None:
        data.set((node, CG[prop], value))
    return data, old


def _list_shape(shapes: Graph, prop: str):
    """The property shape that allows *prop* a whole scheme, and its message."""
    found = [s for s in shapes.subjects(SH.path, CG[prop]) if (s, IN_SCHEME, None) in shapes
             and (s, SH.message, None) in shapes]
    assert len(found) == 1, prop
    return found[0], str(shapes.value(found[0], SH.message))


def test_every_closed_list_property_is_exercised(shapes):
    with_lists = {str(shapes.value(s, SH.path)).removeprefix(CG_NS)
                  for s in shapes.subjects(IN_SCHEME, None)}
    assert with_lists == set(CLOSED_FIELDS), sorted(with_lists ^ set(CLOSED_FIELDS))


@pytest.mark.parametrize("prop", list(CLOSED_FIELDS))
def test_a_value_outside_the_scheme_is_rejected_naming_the_field(shapes, prop):
    data, old = _with_value(prop, None)
    scheme = str(old).rsplit("/", 1)[0]
    _shape, message = _list_shape(shapes, prop)
    for wrong in (URIRef(scheme + "/not-a-member"), Literal(str(old).rsplit("/", 1)[1])):
        data, _ = _with_value(prop, wrong)
        conforms, results, text = _validate(data, shapes)
        assert not conforms
        assert message in _messages(results), _messages(results)
        assert CLOSED_FIELDS[prop][1] in message


@pytest.mark.parametrize("prop", list(CLOSED_FIELDS))
def test_every_member_of_the_scheme_is_allowed(shapes, prop):
    """Every concept of the scheme passes the list (a kind may still break a rule of its
    own, such as a person's kind on an organisation), and the message names the list."""
    _data, old = _with_value(prop, None)
    scheme = str(old).rsplit("/", 1)[0]
    slugs = scheme_members(scheme)
    _shape, message = _list_shape(shapes, prop)
    assert slugs[-1] in message
    for slug in slugs:
        data, _ = _with_value(prop, URIRef(f"{scheme}/{slug}"))
        _conforms, results, _text = _validate(data, shapes)
        assert message not in _messages(results), slug


def test_a_concept_added_to_the_scheme_is_accepted_by_the_shapes_made_from_it(shapes, tmp_path):
    copy = _scheme_copy(tmp_path, RUMOURED)
    own = with_closed_lists(Graph().parse(SHAPES_FILE, format="turtle"), copy)
    data, _ = _with_value("hedge", URIRef(BASE + "hedge/rumoured"))
    conforms, _, text = _validate(data, own)
    assert conforms, text
    conforms, results, _ = _validate(data, shapes)
    assert not conforms and any("`hedge`" in m for m in _messages(results))
    _shape, message = _list_shape(own, "hedge")
    assert message.endswith(", disputed, rumoured).")


def test_a_report_kind_added_to_the_scheme_is_a_creative_work(tmp_path):
    """The report-kind rule's "otherwise" is the scheme's other kinds, whatever they are."""
    copy = _scheme_copy(tmp_path, RUMOURED.replace("hedge:rumoured", "<https://w3id.org/"
                                                   "credgraph/report-kind/podcast>")
                        .replace("credgraph/hedge>", "credgraph/report-kind>"))
    own = with_closed_lists(Graph().parse(SHAPES_FILE, format="turtle"), copy)
    data, _ = _with_value("reportKind", URIRef(BASE + "report-kind/podcast"))
    report = URIRef(BASE + "id/report/nw")
    data.remove((report, RDF.type, URIRef("https://schema.org/NewsArticle")))
    data.add((report, RDF.type, URIRef("https://schema.org/CreativeWork")))
    conforms, _, text = _validate(data, own)
    assert conforms, text


@pytest.mark.parametrize("slug", list(CITES_AS))
def test_every_cites_as_is_allowed(shapes, slug):
    data = _graph(VALID_TTL)
    data.set((URIRef(BASE + "id/derivation/nw/m1"), CG.citationIntent, CITES_AS[slug]))
    conforms, _, text = _validate(data, shapes)
    assert conforms, text


def _figure_with_range(low: Decimal, high: Decimal) -> Graph:
    data = _graph(VALID_TTL)
    fig = URIRef(BASE + "id/figure/nw/m1")
    data.remove((fig, URIRef("https://schema.org/value"), None))
    data.add((fig, URIRef("https://schema.org/minValue"), Literal(low)))
    data.add((fig, URIRef("https://schema.org/maxValue"), Literal(high)))
    return data


@settings(max_examples=20, deadline=None)
@given(
    low=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    high=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
)
def test_range_conforms_exactly_when_min_not_above_max(shapes, low, high):
    conforms, _, text = _validate(_figure_with_range(low, high), shapes)
    assert conforms == (low <= high), text


def test_blank_node_mention_is_rejected(shapes):
    data = _graph(VALID_TTL)
    blank = BNode()
    for p, o in list(data.predicate_objects(URIRef(BASE + "id/mention/nw/m1"))):
        if p not in (URIRef(str(CG._NS) + "figure"), URIRef(str(CG._NS) + "evidence")):
            data.add((blank, p, o))
    conforms, results, _ = _validate(data, shapes)
    assert not conforms
    assert "A mention must be an IRI" in " ".join(_messages(results))
