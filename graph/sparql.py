"""SPARQL over a store: counts for ``credgraph stats`` (named queries join here later).

>>> from graph.loading import load_input
>>> counts = graph_stats(load_input(None))
>>> counts["reports"]
5
"""

from __future__ import annotations

from .store import Store
from .trace import PREFIX

__all__ = ["graph_stats", "COUNTED_CLASSES"]

COUNTED_CLASSES = {
    "reports": "cg:Report",
    "sources": "cg:Source",
    "claims": "schema:Claim",
    "mentions": "cg:Mention",
    "figures": "cg:Figure",
    "statements": "cg:Statement",
}
"""What ``credgraph stats`` counts, by the class whose instances it counts."""


def graph_stats(store: Store) -> dict[str, int]:
    """Instances of each counted class, named graphs and triples in *store*."""
    counts = {}
    for name, cls in COUNTED_CLASSES.items():
        rows = store.select(PREFIX + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
        counts[name] = int(rows[0][0])
    rows = store.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    counts["named graphs"] = int(rows[0][0])
    counts["triples"] = len(store)
    return counts
