"""``credgraph stats``: how many of each kind an input holds, counted without a store.

The counted kinds are those of the mapping (:mod:`credgraph.mapping`): sources, reports,
claims, mentions, figures (the mentions' figure nodes) and statements, then named graphs
and triples (distinct quads). Each kind of input counts them its own way, all exact:

- a corpus folder in the worker processes that read its report files: each report's
  triples as the build makes them, distinct within its graph, no RDF written;
- an RDF file in one pass of pyoxigraph's parser (distinct quads by their 64-bit hash);
- a store by SPARQL ``COUNT`` queries.

>>> from credgraph.inputs import open_input
>>> counts = count(open_input(None))
>>> counts["reports"], counts["named graphs"], counts["triples"] > 1000
(5, 7, True)
"""

from __future__ import annotations

from pathlib import Path

from .build import measure_triples, report_triples, source_triples
from .bulk import checked_registry, read_reports
import pyoxigraph as ox

from .errors import InputError
from .inputs import CorpusFolder, Input, RDFFile, StoreInput
from .mapping import CLAIM, FIGURE, KINDS, MENTION, REPORT, SOURCE, STATEMENT, ReportView
from .store import Store
from .vocab import RDF

__all__ = ["COUNTED", "count", "store_counts"]

COUNTED = {"reports": REPORT, "sources": SOURCE, "claims": CLAIM, "mentions": MENTION,
           "figures": FIGURE, "statements": STATEMENT}
"""What ``credgraph stats`` counts: the instances of these kinds of the mapping."""


def count(source: Input) -> dict[str, int]:
    """The counts of *source*: each counted kind, named graphs, triples."""
    if isinstance(source, CorpusFolder):
        return _folder_counts(source.root)
    if isinstance(source, RDFFile):
        return _file_counts(source.path, source.format.media_type)
    if isinstance(source, StoreInput):
        return store_counts(source.store())
    raise InputError(f"cannot count {source!r}")


def store_counts(store: Store) -> dict[str, int]:
    """The counts of a store, by SPARQL."""
    counts = {}
    for name, kind in COUNTED.items():
        rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{kind.rdf_class}> }}")
        counts[name] = int(rows[0][0])
    counts["named graphs"] = len(store.named_graphs())  # an engine's own graphs left out
    counts["triples"] = len(store)
    return counts


def _chunk_counts(reports) -> dict:
    """What a chunk of reports holds: instances by node for the kinds shared across
    reports (claims, statements), numbers for the others, and distinct triples."""
    found = {name: set() if kind in (CLAIM, STATEMENT) else 0
             for name, kind in COUNTED.items() if kind is not SOURCE}
    triples = 0
    for report in reports:
        view = ReportView(report)
        for name in found:
            kind = COUNTED[name]
            nodes = [kind.node(obj) for obj in kind.objects(view)]
            if isinstance(found[name], set):
                found[name].update(nodes)
            else:
                found[name] += len(set(nodes))
        triples += len(set(report_triples(report, KINDS)))
    found["triples"] = triples
    return found


def _folder_counts(root: Path) -> dict[str, int]:
    registry, measures = checked_registry(root)
    totals: dict = {}
    for chunk in read_reports(root, registry, _chunk_counts, measures=measures):
        for name, value in chunk.items():
            if isinstance(value, set):
                totals.setdefault(name, set()).update(value)
            else:
                totals[name] = totals.get(name, 0) + value
    counts = {name: len(totals.get(name, ())) if kind in (CLAIM, STATEMENT)
              else len(registry) if kind is SOURCE else totals.get(name, 0)
              for name, kind in COUNTED.items()}
    counts["named graphs"] = counts["reports"] + 2  # and the registry's and the measures'
    counts["triples"] = totals.get("triples", 0) + len(
        {t for s in registry for t in source_triples(s)}) + len(set(measure_triples(measures)))
    return counts


def _file_counts(path: Path, media_type: str) -> dict[str, int]:
    classes = {ox.NamedNode(str(kind.rdf_class)): name for name, kind in COUNTED.items()}
    typed: dict[str, set] = {name: set() for name in COUNTED}
    rdf_type, default = ox.NamedNode(str(RDF.type)), ox.DefaultGraph()
    graphs, quads = set(), set()
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.from_media_type(media_type)):
            quads.add(hash(quad))
            if quad.graph_name != default:
                graphs.add(quad.graph_name)
            if quad.predicate == rdf_type and quad.object in classes:
                typed[classes[quad.object]].add(quad.subject)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: not valid RDF: {exc}") from None
    counts = {name: len(members) for name, members in typed.items()}
    counts["named graphs"], counts["triples"] = len(graphs), len(quads)
    return counts

