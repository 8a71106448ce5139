"""Stores that hold credgraph's RDF and answer SPARQL, chosen by name from one registry.

- ``memory``: rdflib's in-memory :class:`~rdflib.Dataset`, for small jobs and tests.
- ``oxigraph``: an embedded pyoxigraph store, in memory or on disk (``oxigraph:PATH``);
  much faster than rdflib's own SPARQL (``pip install 'credgraph[oxigraph]'``).
- ``http://...`` / ``https://...``: a remote SPARQL 1.1 server (see :mod:`graph.remote`).

Every store answers :meth:`Store.select` with rows of plain Python values (IRIs as
``str``, literals as their Python value), which is all the audit needs, so the audit runs
the same on any store.

>>> store = open_store("memory")
>>> store.name
'memory'
>>> store.select("SELECT (1 + 1 AS ?two) WHERE {}")
[(2,)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import InputError, MissingExtraError, StoreError
from .formats import get_format, quads_to_nquads
from .vocab import bind_prefixes

__all__ = ["Store", "MemoryStore", "OxigraphStore", "open_store", "register_store", "STORES",
           "plain_value"]


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

    def select(self, query: str) -> list[tuple]:
        """Run a SELECT query over the union of all graphs; rows of plain values."""
        raise NotImplementedError

    def load_quads(self, quads: Iterable[tuple], *, replace_graphs: bool = True) -> int:
        """Add quads (rdflib terms); each named graph seen is replaced first. Returns count."""
        raise NotImplementedError

    def load_file(self, path: str | Path, fmt: str | None = None) -> None:
        """Load an RDF file (format from its extension unless given)."""
        raise NotImplementedError

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                           "{ GRAPH ?g { ?s ?p ?o } } }")
        return int(rows[0][0])

    def close(self) -> None:
        """Release the store (flush to disk where there is one)."""


class MemoryStore(Store):
    """rdflib's in-memory Dataset; queries see the union of all named graphs."""

    name = "memory"

    def __init__(self, dataset: Dataset | None = None):
        self.dataset = dataset if dataset is not None else bind_prefixes(Dataset())
        self.dataset.default_union = True

    def select(self, query: str) -> list[tuple]:
        result = self.dataset.query(query)
        return [tuple(plain_value(v) for v in row) for row in result]

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


def _oxigraph():
    try:
        import pyoxigraph
    except ImportError:
        raise MissingExtraError("pyoxigraph", "oxigraph", "The embedded Oxigraph store") from None
    return pyoxigraph


class OxigraphStore(Store):
    """An embedded pyoxigraph store: in memory (``path=None``) or persistent on disk."""

    name = "oxigraph"

    def __init__(self, path: str | Path | None = None):
        ox = _oxigraph()
        self._ox = ox
        self.path = Path(path) if path else None
        try:
            self.store = ox.Store(str(self.path)) if self.path else ox.Store()
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self.path}: {exc}") from None

    def _plain(self, term):
        ox = self._ox
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return term.value
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Literal):
            return plain_value(Literal(term.value, lang=term.language,
                                       datatype=None if term.language else term.datatype.value))
        return str(term)

    def select(self, query: str) -> list[tuple]:
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise InputError(f"SPARQL syntax error: {exc}") from None
        names = [v.value for v in result.variables]
        return [tuple(self._plain(row[n]) for n in names) for row in result]

    def load_quads(self, quads, *, replace_graphs=True) -> int:
        quads = list(quads)
        if replace_graphs:
            for g in {q[3] for q in quads if q[3] is not None}:
                node = self._ox.NamedNode(str(g))
                if self.store.contains_named_graph(node):
                    self.store.remove_graph(node)
        data = "".join(quads_to_nquads(quads)).encode("utf-8")
        self.store.bulk_load(data, format=self._ox.RdfFormat.N_QUADS)
        return len(quads)

    def load_file(self, path, fmt=None):
        fmt = get_format(fmt or Path(path).suffix.lstrip("."))
        ox_format = self._ox.RdfFormat.from_media_type(fmt.media_type)
        self.store.bulk_load(path=str(path), format=ox_format)

    def __len__(self) -> int:
        return len(self.store)

    def close(self):
        if self.path:
            self.store.flush()


STORES: dict[str, Callable[[str | None], Store]] = {
    "memory": lambda _arg: MemoryStore(),
    "oxigraph": lambda arg: OxigraphStore(arg or None),
}
"""Store factories by scheme name; ``open_store("name:arg")`` calls ``STORES[name](arg)``."""


def register_store(name: str, factory: Callable[[str | None], Store]) -> None:
    """Make a store available to ``open_store`` and ``--store`` under *name*."""
    STORES[name] = factory


def open_store(spec: str = "memory") -> Store:
    """Open a store by spec: ``memory``, ``oxigraph``, ``oxigraph:/path/to/dir`` or an URL."""
    if spec.startswith(("http://", "https://")):
        from .remote import RemoteStore

        return RemoteStore(spec)
    name, _, arg = spec.partition(":")
    if name not in STORES:
        raise InputError(f"unknown store {spec!r}; allowed: {', '.join(sorted(STORES))}, "
                         "oxigraph:PATH, or an http(s):// SPARQL endpoint")
    return STORES[name](arg or None)
