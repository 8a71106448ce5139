"""Turn a corpus (model objects) into RDF: one named graph per report plus the registry.

:func:`corpus_quads` streams ``(subject, predicate, object, graph)`` tuples, so a small
corpus goes into an rdflib :class:`~rdflib.Dataset` (:func:`to_dataset`) and a large one
straight into N-Quads or an Oxigraph store without building Python graphs. The mapping is
documented in ``docs/rdf-mapping.md``.

>>> from credgraph.model import Corpus, Registry, Report, Source, Mention, DateSpan
>>> reg = Registry([Source("tass", "TASS", "wire-agency", "D", "state agency")])
>>> rep = Report("r1", "article", "tass", "T", DateSpan(None, None, "unknown"),
...              (Mention("r1", "m1", "c1", "Said.", attributed_to="tass"),))
>>> ds = to_dataset(Corpus(reg, {"r1": rep}))
>>> len(list(ds.graphs())) - 1   # registry, measures, one report (not the default graph)
3

The mapping itself, every kind and field, is declared in :mod:`credgraph.mapping`.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset

from .ids import MEASURES_GRAPH, REGISTRY_GRAPH, report_graph
from .mapping import KINDS, ReportView
from .measures import builtin_measures
from .model import Corpus, Report, Source
from .vocab import bind_prefixes

__all__ = ["corpus_quads", "to_dataset", "source_triples", "measure_triples", "report_triples",
           "relay_cycles",
           "relay_loops"]

def source_triples(source: Source) -> Iterator[tuple]:
    """Triples describing one source of the registry."""
    return KINDS["source"].triples(source)


def report_triples(report: Report, kinds: dict | None = None) -> Iterator[tuple]:
    """Triples describing one report and every mention it makes: each kind of
    :mod:`credgraph.mapping` in turn (the report, its claims, mentions, statements,
    derivations, figures, evidence)."""
    view = ReportView(report)
    for kind in (KINDS if kinds is None else kinds).values():
        if kind.objects is None:
            continue
        for obj in kind.objects(view):
            yield from kind.triples(obj)


def measure_triples(measures) -> Iterator[tuple]:
    """Triples describing the measure scheme (credgraph's measures and the corpus's)."""
    kind = KINDS["measure"]
    for measure in measures:
        yield from kind.triples(measure)


def corpus_quads(corpus: Corpus) -> Iterator[tuple]:
    """Every quad of the corpus: the registry's graph first, the measures', then each
    report's graph."""
    for source in corpus.registry:
        for s, p, o in source_triples(source):
            yield s, p, o, REGISTRY_GRAPH
    for s, p, o in measure_triples(corpus.measures or builtin_measures()):
        yield s, p, o, MEASURES_GRAPH
    for report_id in sorted(corpus.reports):
        g = report_graph(report_id)
        for s, p, o in report_triples(corpus.reports[report_id]):
            yield s, p, o, g


def to_dataset(corpus: Corpus, dataset: Dataset | None = None) -> Dataset:
    """The corpus as an rdflib Dataset (one named graph per report), prefixes bound."""
    ds = dataset if dataset is not None else Dataset()
    bind_prefixes(ds)
    graphs = {}
    for s, p, o, g in corpus_quads(corpus):
        if g not in graphs:
            graphs[g] = ds.graph(g)
        graphs[g].add((s, p, o))
    return ds


def relay_cycles(corpus: Corpus) -> list[list[str]]:
    """Loops among ``relays`` (A repeats B repeats A), each as its mention keys.

    Loops are allowed in the data, since they are what circular reporting looks like, but
    the build reports them.
    """
    return relay_loops({m.key: m.relays for m in corpus.mentions()})


def relay_loops(relays: dict[str, str | None]) -> list[list[str]]:
    """Loops in a ``{mention key: key it relays, or None}`` mapping.

    >>> relay_loops({"a#1": "b#1", "b#1": "a#1", "c#1": "a#1", "d#1": None})
    [['a#1', 'b#1']]
    """
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    cycles = []
    for start in relays:
        walk, key = [], start
        while key in relays and key not in state:
            state[key] = 1
            walk.append(key)
            key = relays[key]
        if key in relays and state.get(key) == 1:
            loop = walk[walk.index(key):]
            first = loop.index(min(loop))  # from the first by name, as the audit draws it
            cycles.append(loop[first:] + loop[:first])
        for k in walk:
            state[k] = 2
    return cycles
