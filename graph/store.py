"""Stores that hold credgraph's RDF and answer SPARQL, chosen by name from one registry.

- ``memory``: rdflib's in-memory :class:`~rdflib.Dataset`, for small jobs and tests.
- ``oxigraph``: an embedded pyoxigraph store, in memory or on disk (``oxigraph:PATH``);
  much faster than rdflib's own SPARQL.
- ``http://...`` / ``https://...``: a remote SPARQL 1.1 server (see :mod:`credgraph.remote`);
  ``virtuoso+http://...`` a Virtuoso server (:mod:`credgraph.virtuoso`), which a plain URL
  also finds when the server says it is Virtuoso.

Every store answers :meth:`Store.select` with rows of plain Python values (IRIs as
``str``, literals as their Python value), which is all the audit needs, so the audit runs
the same on any store. :meth:`Store.query` answers every query form with a
:class:`~credgraph.results.QueryResult` of rdflib terms, which ``credgraph query`` and
``credgraph serve`` write in the SPARQL results formats.

>>> store = open_store("memory")
>>> store.name
'memory'
>>> store.select("SELECT (1 + 1 AS ?two) WHERE {}")
[(2,)]
>>> store.query("ASK { FILTER(1 < 2) }").boolean
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import QueryError
from .plugins import Plugins
from .formats import get_format, quads_to_nquads
from .query_policy import star_columns
from .results import QueryResult, TooManyRows, syntax_error
from .vocab import bind_prefixes

__all__ = ["Store", "MemoryStore", "open_store", "register_store", "STORES", "plain_value",
           "dataset_quads", "capped_rows"]


def dataset_quads(dataset: Dataset) -> Iterable[tuple]:
    """The quads of an rdflib Dataset, ``None`` as the default graph's name."""
    for s, p, o, g in dataset.quads((None, None, None, None)):
        yield s, p, o, None if g == DATASET_DEFAULT_GRAPH_ID else g


def capped_rows(items: Iterable, max_rows: int | None) -> list:
    """The items as a list; :class:`TooManyRows` when there are more than *max_rows*."""
    if max_rows is None:
        return list(items)
    items = list(islice(items, max_rows + 1))
    if len(items) > max_rows:
        raise TooManyRows(max_rows)
    return items


def plain_value(term):
    """An rdflib term as a plain Python value: IRI -> str, literal -> its value."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return term


class Store:
    """The interface every store implements."""

    name = "store"
    loads_files_natively = False
    """Whether :meth:`load_file` reads a file faster than quads made in Python can go in."""

    def select(self, query: str) -> list[tuple]:
        """Run a SELECT query over the union of all graphs; rows of plain values."""
        raise NotImplementedError

    def iter_select(self, query: str) -> Iterator[tuple]:
        """The rows of :meth:`select` one by one: a store that can stream them does, so a
        caller that converts rows as they come never holds all of them."""
        return iter(self.select(query))

    def query(self, query: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a query of any form (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union of all
        graphs; :class:`~credgraph.results.TooManyRows` beyond *max_rows* rows or triples."""
        raise NotImplementedError

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update."""
        raise NotImplementedError

    def clear(self) -> None:
        """Remove every graph and triple."""
        self.update("DROP ALL")

    def dump(self) -> str:
        """Every quad as N-Quads."""
        raise NotImplementedError

    def load_dump(self, nquads: str) -> None:
        """Add the quads of an N-Quads text (what :meth:`dump` writes)."""
        dataset = Dataset()
        dataset.parse(data=nquads, format="nquads")  # returns a graph, not the dataset
        self.load_quads(dataset_quads(dataset), replace_graphs=False)

    def load_quads(self, quads: Iterable[tuple], *, replace_graphs: bool = True) -> int:
        """Add quads (rdflib terms); each named graph seen is replaced first. Returns count."""
        raise NotImplementedError

    def load_file(self, path: str | Path, fmt: str | None = None) -> None:
        """Load an RDF file (format from its extension unless given)."""
        raise NotImplementedError

    def drop_graphs(self, graphs: Iterable) -> None:
        """Remove the named graphs *graphs* (IRIs) where the store has them."""
        for g in graphs:
            self.update(f"DROP SILENT GRAPH <{g}>")

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                           "{ GRAPH ?g { ?s ?p ?o } } }")
        return int(rows[0][0])

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs that hold triples (an engine's own graphs left out)."""
        return [g for (g,) in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all (one lookup, not a count)."""
        return not self.query("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }").boolean

    def close(self) -> None:
        """Release the store (flush to disk where there is one)."""


class MemoryStore(Store):
    """rdflib's in-memory Dataset; queries see the union of all named graphs."""

    name = "memory"

    def __init__(self, dataset: Dataset | None = None):
        self.dataset = dataset if dataset is not None else bind_prefixes(Dataset())
        self.dataset.default_union = True

    def _run(self, query: str):
        from pyparsing import ParseException
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        try:
            prepared = translateQuery(parseQuery(query), initNs=dict(self.dataset.namespaces()))
        except ParseException as exc:
            raise syntax_error(str(exc)) from None
        except Exception as exc:  # rdflib raises a bare Exception for an unknown prefix
            raise QueryError(f"SPARQL error in the query: {exc}") from None
        return self.dataset.query(prepared)

    def select(self, query: str) -> list[tuple]:
        result = self._run(query)
        return [tuple(plain_value(v) for v in row) for row in result]

    def query(self, query, *, max_rows=None) -> QueryResult:
        result = self._run(query)
        if result.type == "ASK":
            return QueryResult.ask(result.askAnswer)
        if result.type == "SELECT":
            return QueryResult.select([str(v) for v in result.vars], capped_rows(
                (tuple(row) for row in result), max_rows)).in_order(star_columns(query))
        return QueryResult.graph(capped_rows(iter(result.graph), max_rows))

    def update(self, update):
        from pyparsing import ParseException

        try:
            self.dataset.update(update)
        except ParseException as exc:
            raise syntax_error(str(exc), "update") from None

    def clear(self):
        self.dataset = bind_prefixes(Dataset())
        self.dataset.default_union = True

    def dump(self):
        return "".join(quads_to_nquads(dataset_quads(self.dataset)))

    def load_quads(self, quads, *, replace_graphs=True) -> int:
        graphs, count = {}, 0
        for s, p, o, g in quads:
            g = g if g is not None else DATASET_DEFAULT_GRAPH_ID
            if g not in graphs:
                if replace_graphs:
                    self.dataset.remove_graph(g)
                graphs[g] = self.dataset.graph(g)
            graphs[g].add((s, p, o))
            count += 1
        return count

    def load_file(self, path, fmt=None):
        fmt = get_format(fmt or Path(path).suffix.lstrip("."))
        self.dataset.parse(str(path), format=fmt.rdflib_name)

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())


STORES: Plugins[Callable[[str | None], Store]] = Plugins("store", "credgraph.stores")
"""Store factories by name: ``open_store("NAME:ARG")`` calls ``STORES[NAME](ARG)``. Only
``memory`` lives here; the embedded Oxigraph store (``oxigraph``, ``oxigraph-read-only``)
and SPARQL servers (``http``, ``https``, ``virtuoso+http``, ``virtuoso+https``) join through
the ``credgraph.stores`` entry point group, as a user's own store does."""


def open_memory(_arg: str | None = None) -> MemoryStore:
    """memory: rdflib's in-memory dataset (small jobs and tests)."""
    return MemoryStore()


STORES.register("memory", open_memory)


def register_store(name: str, factory: Callable[[str | None], Store]) -> None:
    """Make a store available to ``open_store`` and ``--store`` under *name*."""
    STORES.register(name, factory)


def open_store(spec: str = "memory") -> Store:
    """Open a store by spec ``NAME`` or ``NAME:ARG``: ``memory``, ``oxigraph``,
    ``oxigraph:/path/to/dir``, ``http(s)://host/sparql`` ..."""
    name, _, arg = spec.partition(":")
    return STORES[name](arg or None)
