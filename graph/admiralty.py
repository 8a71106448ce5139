"""The Admiralty code's two scales, source reliability A-F and information credibility 1-6,
as the ontology defines them (``ontology/credgraph.ttl``): one place the viewer's key and
the terminal's read them from.

>>> key = grade_key()
>>> key["reliability"]["values"][0][:2], key["credibility"]["values"][-1][:2]
(['A', 'completely reliable'], ['6', 'truth cannot be judged'])
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from .validation import ontology_graph
from .vocab import CREDIBILITY, RDFS, RELIABILITY, SKOS

__all__ = ["grade_key"]


@lru_cache(maxsize=1)
def grade_key() -> dict:
    """The Admiralty code's two scales as the ontology defines them (``credgraph.ttl``):
    ``{"reliability" | "credibility": {"title", "values": [[notation, label, comment]]}}``."""
    g, key = ontology_graph(), {}
    for name, scheme in (("reliability", RELIABILITY), ("credibility", CREDIBILITY)):
        iri = URIRef(str(scheme._NS).rstrip("/"))
        rows = sorted([str(g.value(c, SKOS.notation)), str(g.value(c, SKOS.prefLabel)),
                       str(g.value(c, RDFS.comment))] for c in g.subjects(SKOS.inScheme, iri))
        key[name] = {"title": str(g.value(iri, SKOS.prefLabel)), "values": rows}
    return key
