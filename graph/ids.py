"""Identities: the IRIs of credgraph's instances and the node ids the audit keys them by.

Every instance IRI is the id namespace (``https://w3id.org/credgraph/id/``) followed by a
path; the path alone is the instance's **node**, which is how the citation graph and the
audit's records name it:

==============  ===============================  =========================================
instance        node                             made by
==============  ===============================  =========================================
source          ``source/<id>``                  :func:`source_node`
report          ``report/<id>``                  :func:`report_node`
claim           ``claim/<id>``                   :func:`claim_node`
mention         ``mention/<report>/<mention>``   :func:`mention_node` (from ``report#mention``)
statement       ``statement/<claim>/<source>``   :func:`statement_node`
figure          ``figure/<report>/<mention>``    :func:`figure_node`
evidence        ``evidence/<report>/<mention>``  :func:`evidence_node`
derivation      ``derivation/<report>/<mention>`` :func:`derivation_node`
==============  ===============================  =========================================

A mention's **key** is how annotators write it: ``report-id#mention-id``.

>>> mention_node("newsweek-2024#m5"), mention_key("mention/newsweek-2024/m5")
('mention/newsweek-2024/m5', 'newsweek-2024#m5')
>>> node_iri(statement_node("c1", "hur"))
rdflib.term.URIRef('https://w3id.org/credgraph/id/statement/c1/hur')
>>> short("https://w3id.org/credgraph/id/source/hur"), node_kind("statement/c1/hur")
('source/hur', 'statement')
>>> source_of_statement("statement/c1/hur")
'hur'
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from .vocab import GRAPH, ID

__all__ = ["ID_PREFIX", "short", "node_iri", "node_kind", "node_id", "source_node",
           "report_node", "claim_node", "mention_node", "mention_key", "statement_node",
           "source_of_statement", "figure_node", "evidence_node", "derivation_node",
           "source_iri", "report_iri", "claim_iri", "mention_iri", "statement_iri",
           "report_graph", "REGISTRY_GRAPH", "MEASURES_GRAPH", "audit_iri"]

ID_PREFIX = str(ID)
"""The id namespace as a string: instance IRIs are made as ``URIRef(ID_PREFIX + node)``
(the namespace's ``[]`` costs twice as much, and a large build makes millions)."""
_CUT = len(ID_PREFIX)
REGISTRY_GRAPH = GRAPH["registry"]
"""The named graph of the source registry."""
MEASURES_GRAPH = GRAPH["measures"]
"""The named graph of the measure scheme."""


def short(iri: str) -> str:
    """An instance IRI as its node (without the id namespace); any other IRI unchanged."""
    return iri[_CUT:] if iri.startswith(ID_PREFIX) else iri


@lru_cache(maxsize=1 << 16)
def node_iri(node: str) -> URIRef:
    """The IRI of a node: one object for the recent uses of a node (a mention's IRI is the
    subject of its triples and the object of others'), so writers that remember the terms
    they have written find it by identity, without rdflib's equality in Python."""
    return URIRef(ID_PREFIX + node)


def node_kind(node: str) -> str:
    """What a node is: ``source``, ``report``, ``mention``, ``statement`` ..."""
    return node.partition("/")[0]


def node_id(node: str) -> str:
    """A node without its kind: the id of a source, report or claim (``source/hur`` ->
    ``hur``), the rest of the path of the others."""
    return node.partition("/")[2]


def source_node(source_id: str) -> str:
    return "source/" + source_id


def report_node(report_id: str) -> str:
    return "report/" + report_id


def claim_node(claim_id: str) -> str:
    return "claim/" + claim_id


def mention_node(key: str) -> str:
    """The node of the mention ``report#mention``."""
    return "mention/" + key.replace("#", "/")


def mention_key(node: str) -> str:
    """A mention node as annotators write the mention: ``report#mention``."""
    return node.removeprefix("mention/").replace("/", "#")


def statement_node(claim_id: str, source_id: str) -> str:
    """The node of a source's (implied) statement of a claim."""
    return f"statement/{claim_id}/{source_id}"


def source_of_statement(node: str) -> str:
    """The source id in a statement node."""
    return node.rsplit("/", 1)[-1]


def figure_node(key: str) -> str:
    """The node of the figure the mention ``report#mention`` states."""
    return "figure/" + key.replace("#", "/")


def evidence_node(key: str) -> str:
    return "evidence/" + key.replace("#", "/")


def derivation_node(key: str) -> str:
    """The qualified derivation of a mention from what it relays."""
    return "derivation/" + key.replace("#", "/")


def source_iri(source_id: str) -> URIRef:
    """IRI of a source: ``cgid:source/<id>`` (one object per node, :func:`node_iri`)."""
    return node_iri("source/" + source_id)


def report_iri(report_id: str) -> URIRef:
    return node_iri("report/" + report_id)


def claim_iri(claim_id: str) -> URIRef:
    return node_iri("claim/" + claim_id)


def mention_iri(key: str) -> URIRef:
    """IRI of a mention from its ``report#mention`` key."""
    return node_iri(mention_node(key))


def statement_iri(claim_id: str, source_id: str) -> URIRef:
    return node_iri(statement_node(claim_id, source_id))


def report_graph(report_id: str) -> URIRef:
    """The named graph holding one report's triples."""
    return GRAPH["report/" + report_id]


def audit_iri(*parts: str) -> URIRef:
    """An IRI of the audit's own output: the run (``audit/<stamp>``), a review, a rating or
    a finding (``finding/<stamp>/<claim>/<n>``).

    >>> audit_iri("review", "20260101T000000000000Z", "c1")
    rdflib.term.URIRef('https://w3id.org/credgraph/id/review/20260101T000000000000Z/c1')
    """
    return URIRef(ID_PREFIX + "/".join(parts))
