"""schema.org JSON-LD read offline: the vendored context in, every remote context refused.

rdflib's JSON-LD parser fetches a document's ``@context`` when it is a URL (every
ClaimReview on the web says ``"@context": "https://schema.org"``). Here every reference to
schema.org's context is replaced by the copy credgraph ships
(``ontology/schemaorg-context.jsonld``) before rdflib sees the document, and any other
remote context (a URL, an ``@import``) is refused with an error naming the file and the
item, so reading a fact check never reaches the network.

schema.org's own context (since 2026) maps every term to ``schema:term`` and coerces no
value types, which is what ``@vocab`` alone does: the vendored copy keeps its header (the
``type`` and ``id`` aliases, ``@vocab`` and the prefixes) and spells the vocabulary
``https://schema.org/``, as credgraph's RDF does (:data:`credgraph.vocab.SCHEMA`). IRIs a
document writes out as ``http://schema.org/...`` are read as the ``https`` ones.

>>> g = jsonld_graph({"@context": "https://schema.org", "@type": "ClaimReview",
...                   "claimReviewed": "Two plus two is four"}, "a.json", "item 1")
>>> from credgraph.vocab import SCHEMA, RDF
>>> [str(o) for o in g.objects(None, SCHEMA.claimReviewed)], (None, RDF.type, SCHEMA.ClaimReview) in g
(['Two plus two is four'], True)
>>> offline({"@context": "https://example.org/ctx.jsonld"}, "a.json", "item 1")
Traceback (most recent call last):
...
credgraph.errors.InputError: a.json: item 1: a remote @context, 'https://example.org/ctx.jsonld': only schema.org's is read (credgraph ships a copy); nothing is fetched
"""

from __future__ import annotations

import json
from functools import lru_cache

from rdflib import Graph, URIRef

from .errors import InputError
from .validation import ontology_dir

__all__ = ["SCHEMA_CONTEXTS", "schema_context", "offline", "jsonld_graph", "is_schema_context"]

SCHEMA_CONTEXTS = frozenset(
    f"{scheme}://schema.org{path}" for scheme in ("http", "https")
    for path in ("", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json"))
"""The ways a document names schema.org's context (a trailing slash aside)."""

_HTTP_SCHEMA, _HTTPS_SCHEMA = "http://schema.org/", "https://schema.org/"


def is_schema_context(value: str) -> bool:
    """Whether a ``@context`` string names schema.org's context.

    >>> is_schema_context("http://schema.org/"), is_schema_context("https://schema.org.evil/")
    (True, False)
    """
    return value.rstrip("/") in SCHEMA_CONTEXTS


@lru_cache(maxsize=1)
def schema_context() -> dict:
    """The vendored schema.org context (the value of its ``@context``), read once."""
    text = (ontology_dir() / "schemaorg-context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def _local_context(value, path: str, item: str):
    """A ``@context`` value with schema.org's replaced by the vendored copy; InputError for
    anything that would be fetched."""
    if value is None:
        return None
    if isinstance(value, str):
        if is_schema_context(value):
            return schema_context()
        raise InputError(f"{path}: {item}: a remote @context, {value!r}: only schema.org's "
                         "is read (credgraph ships a copy); nothing is fetched")
    if isinstance(value, list):
        return [_local_context(v, path, item) for v in value]
    if isinstance(value, dict):
        if "@import" in value:
            raise InputError(f"{path}: {item}: @context imports {value['@import']!r}: remote "
                             "contexts are not fetched")
        return {k: offline(v, path, item) for k, v in value.items()}
    raise InputError(f"{path}: {item}: a @context must be a string, an object or a list, "
                     f"not {type(value).__name__}")


def offline(node, path: str, item: str):
    """*node* (parsed JSON) with every ``@context`` in it, at any depth, made local."""
    if isinstance(node, dict):
        return {k: _local_context(v, path, item) if k == "@context" else offline(v, path, item)
                for k, v in node.items()}
    if isinstance(node, list):
        return [offline(v, path, item) for v in node]
    return node


def _https(term):
    """schema.org's ``http`` IRIs spelled ``https``, as credgraph's RDF spells them."""
    if isinstance(term, URIRef) and str(term).startswith(_HTTP_SCHEMA):
        return URIRef(_HTTPS_SCHEMA + str(term)[len(_HTTP_SCHEMA):])
    return term


def jsonld_graph(document, path: str, item: str, base: str | None = None) -> Graph:
    """*document* (parsed JSON-LD) as an rdflib graph, read offline (:func:`offline`).

    A document rdflib cannot read is an :class:`~credgraph.errors.InputError` naming
    *path* and *item*.
    """
    local = offline(document, path, item)
    parsed = Graph()
    try:
        parsed.parse(data=json.dumps(local), format="json-ld", base=base or "urn:x-credgraph:")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds for bad JSON-LD
        raise InputError(f"{path}: {item}: not JSON-LD rdflib can read: {exc}") from None
    graph = Graph()
    for s, p, o in parsed:
        graph.add((_https(s), _https(p), _https(o)))
    return graph
