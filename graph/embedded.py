"""The embedded pyoxigraph store (``--store oxigraph``, ``oxigraph:PATH``): in memory or on
disk, much faster than rdflib's own SPARQL. Registered in :data:`credgraph.store.STORES`.

>>> store = OxigraphStore()
>>> store.select("SELECT (1 + 1 AS ?two) WHERE {}")
[(2,)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from .errors import InputError, QueryError, StoreError
from .formats import get_format, quads_to_nquads
from .query_policy import star_columns
from .results import QueryResult, TooManyRows, rdflib_term, syntax_error
from .store import Store, capped_rows, plain_value

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

__all__ = ["OxigraphStore", "plain_term", "plain_term_cache", "open_oxigraph",
           "open_oxigraph_read_only", "graphs_as_ntriples"]


def plain_term(term):
    """A pyoxigraph term as a plain value, the same as :func:`~credgraph.store.plain_value` gives.

    Strings, integers, decimals, booleans and plain dates convert directly; any other
    datatype, or an unusual lexical form, goes through rdflib's ``Literal``.

    >>> import pyoxigraph as ox
    >>> plain_term(ox.Literal("12.5", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#decimal")))
    Decimal('12.5')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        value = term.value
        if term.language:
            return value
        datatype = term.datatype.value
        if datatype.startswith("http://www.w3.org/2001/XMLSchema#"):
            kind = datatype[33:]
            if kind == "string":
                return value
            digits = value[1:] if value[:1] in ("+", "-") else value
            if kind == "integer" and digits.isascii() and digits.isdigit():
                return int(value)
            if kind == "decimal" and digits.isascii() and digits.replace(".", "", 1).isdigit():
                return Decimal(value)
            if kind == "boolean" and value in ("true", "false"):
                return value == "true"
            if kind == "date" and len(value) == 10 and value[4] == value[7] == "-" \
                    and value.isascii():
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
        return plain_value(Literal(value, datatype=datatype))
    return str(term)


def plain_term_cache(limit: int = 200_000):
    """:func:`plain_term` for literals and blank nodes, each distinct term converted once:
    dates, concepts, units and measures repeat from row to row. At most *limit* are kept.

    >>> import pyoxigraph as ox
    >>> convert = plain_term_cache()
    >>> convert(ox.Literal("true", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#boolean")))
    True
    """
    cache: dict = {}

    def convert(term):
        found = cache.get(term, cache)
        if found is cache:
            found = plain_term(term)
            if len(cache) < limit:
                cache[term] = found
        return found

    return convert


def graphs_as_ntriples(path: str | Path, media_type: str) -> Iterator[tuple]:
    """An RDF file graph by graph, as a remote store writes it: ``(graph IRI or None for the
    default graph, N-Triples bytes, triple count)``. pyoxigraph parses the file into memory
    once (a fraction of what rdflib takes); each graph is then dumped from its index.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".nq", delete=False) as fh:
    ...     _ = fh.write('<http://e/a> <http://e/p> "1" <http://e/g> .\\n<http://e/a> <http://e/p> "2" .\\n')
    >>> [(g, n) for g, _, n in graphs_as_ntriples(fh.name, "application/n-quads")]
    [(None, 1), ('http://e/g', 1)]
    >>> os.unlink(fh.name)
    """
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.from_media_type(media_type))
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: not valid RDF: {exc}") from None
    nt = ox.RdfFormat.N_TRIPLES
    default = store.dump(format=nt, from_graph=ox.DefaultGraph())
    if default:
        yield None, default, default.count(b"\n")
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        data = store.dump(format=nt, from_graph=graph)
        yield graph.value, data, data.count(b"\n")


_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
"""What XML 1.0 cannot carry, as UTF-8 (TSV escapes tab, line feed and carriage return)."""


class _LineCap:
    """A binary writer keeping what Oxigraph writes as TSV; TooManyRows past *max_rows* rows
    (the lines after the header)."""

    def __init__(self, max_rows: int | None):
        self.parts: list[bytes] = []
        self.max_rows, self.lines = max_rows, 0

    def write(self, data) -> int:
        data = bytes(data)
        self.parts.append(data)
        if self.max_rows is not None:
            self.lines += data.count(b"\n")
            if self.lines > self.max_rows + 1:
                raise TooManyRows(self.max_rows)
        return len(data)

    def flush(self) -> None:
        pass


def _in_order(tsv: bytes, names: Sequence[str] | None) -> bytes:
    """TSV results with the columns in the order of *names* (those not in it last), as
    :meth:`credgraph.results.QueryResult.in_order`; a value holds no raw tab."""
    if not names:
        return tsv
    lines = tsv.split(b"\n")
    variables = [v[1:].decode("utf-8") for v in lines[0].split(b"\t")] if lines[0] else []
    rank = {name: i for i, name in enumerate(names)}
    order = sorted(range(len(variables)), key=lambda i: rank.get(variables[i], len(rank)))
    if order == list(range(len(variables))):
        return tsv
    out = []
    for line in lines:
        cells = line.split(b"\t")
        out.append(b"\t".join(cells[i] for i in order) if len(cells) == len(order) else line)
    return b"\n".join(out)


class OxigraphStore(Store):
    """An embedded pyoxigraph store: in memory (``path=None``) or persistent on disk.

    *read_only* opens an existing on-disk store without writing to it (several processes
    can, as long as none writes meanwhile).
    """

    name = "oxigraph"
    loads_files_natively = True

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else None
        self.read_only = read_only
        try:
            if read_only:
                if not (self.path and self.path.is_dir()):
                    raise OSError("no such store")
                self.store = ox.Store.read_only(str(self.path))
            elif self.path:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
            else:
                self.store = ox.Store()
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self.path}: {exc}") from None

    def select(self, query: str) -> list[tuple]:
        return list(self.iter_select(query))

    def iter_select(self, query: str) -> Iterator[tuple]:
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(str(exc), text=query) from None
        named, other = ox.NamedNode, plain_term_cache()

        def cell(term):
            if term.__class__ is named:
                return term.value
            return None if term is None else other(term)

        return (tuple(map(cell, row)) for row in result)

    def query(self, query, *, max_rows=None) -> QueryResult:
        term = rdflib_term
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult.ask(bool(result))
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return QueryResult.select(names, capped_rows(
                    (tuple(map(term, row)) for row in result), max_rows)).in_order(
                        star_columns(query))
            return QueryResult.graph(capped_rows(
                ((term(t.subject), term(t.predicate), term(t.object)) for t in result),
                max_rows))
        except SyntaxError as exc:
            raise syntax_error(str(exc), text=query) from None
        except OSError as exc:  # e.g. a SERVICE that cannot be reached
            raise QueryError(f"the query failed: {exc}") from None

    def graph_bytes(self, query: str, media_type: str, *, max_rows=None,
                    prefixes=None) -> bytes:
        """A CONSTRUCT / DESCRIBE result written by Oxigraph's own serializer in *media_type*
        (Turtle, N-Triples, JSON-LD ...), *prefixes* (name -> IRI) declared where the format
        has them; :class:`~credgraph.results.TooManyRows` beyond *max_rows* triples. Several
        times faster than :meth:`query` and rdflib's serializers (``credgraph serve``).

        >>> store = OxigraphStore()
        >>> store.graph_bytes("CONSTRUCT { <http://x/a> <http://x/b> 1 } WHERE {}",
        ...                   "application/n-triples")
        b'<http://x/a> <http://x/b> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
        """
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
            if not isinstance(result, ox.QueryTriples):
                raise QueryError("graph_bytes answers CONSTRUCT and DESCRIBE queries only")
            triples = capped_rows(result, max_rows)
            return ox.serialize(triples, format=ox.RdfFormat.from_media_type(media_type),
                                prefixes=prefixes)
        except SyntaxError as exc:
            raise syntax_error(str(exc), text=query) from None
        except OSError as exc:
            raise QueryError(f"the query failed: {exc}") from None

    def solutions_bytes(self, query: str, media_type: str, *, max_rows=None) -> bytes:
        """A SELECT / ASK result written by Oxigraph's own results serializer in *media_type*
        (JSON, XML, CSV, TSV), the columns of a ``SELECT *`` in the order its variables first
        appear (as :meth:`query` gives them); :class:`~credgraph.results.TooManyRows` beyond
        *max_rows* rows. The rows are written once as TSV (one line a row: counted as they
        are written, so a long result stops at the cap), which Oxigraph reads back into any
        other format: no Python term is made (``credgraph serve``).

        >>> store = OxigraphStore()
        >>> store.solutions_bytes("SELECT * WHERE { VALUES (?b ?a) { (1 2) } }", "text/csv")
        b'b,a\\r\\n1,2\\r\\n'
        >>> store.solutions_bytes("ASK {}", "application/sparql-results+json")
        b'{"head":{},"boolean":true}'
        """
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryBoolean):
                return result.serialize(format=fmt)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("solutions_bytes answers SELECT and ASK queries only")
            lines = _LineCap(max_rows)
            result.serialize(lines, format=ox.QueryResultsFormat.TSV)
        except SyntaxError as exc:
            raise syntax_error(str(exc), text=query) from None
        except OSError as exc:
            raise QueryError(f"the query failed: {exc}") from None
        tsv = _in_order(b"".join(lines.parts), star_columns(query))
        if fmt == ox.QueryResultsFormat.TSV:
            return tsv
        if fmt == ox.QueryResultsFormat.XML and _NOT_XML.search(tsv):
            raise QueryError("a value holds control characters that XML cannot carry; use json")
        return ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=fmt)

    def update(self, update):
        try:
            self.store.update(update)
        except SyntaxError as exc:
            raise syntax_error(str(exc), "update", update) from None

    def clear(self):
        self.store.clear()

    def dump(self):
        return self.store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")

    def load_dump(self, nquads):
        self.store.bulk_load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)

    def drop_graphs(self, graphs) -> None:
        """Remove the named graphs *graphs* (IRIs) where the store has them."""
        for g in graphs:
            node = ox.NamedNode(str(g))
            if self.store.contains_named_graph(node):
                self.store.remove_graph(node)

    def load_quads(self, quads, *, replace_graphs=True, chunk: int = 200_000) -> int:
        """Quads go in as N-Quads text, *chunk* at a time, so millions of them (an audit's
        findings) never sit in memory at once; a graph is dropped before the first chunk
        that holds it."""
        seen: set = set()
        count, memo = 0, {}
        quads = iter(quads)
        while True:
            batch = list(islice(quads, chunk))
            if not batch:
                return count
            if replace_graphs:
                new = {q[3] for q in batch if q[3] is not None} - seen
                self.drop_graphs(new)
                seen |= new
            data = "".join(quads_to_nquads(batch, memo=memo)).encode("utf-8")
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            count += len(batch)

    def load_file(self, path, fmt=None):
        """Load a file: in memory with ``Store.load`` (faster there, and a smaller peak than
        ``bulk_load``: 9.7 s and 1.26 GB against 11.4 s and 1.40 GB for 3.4 million quads),
        on disk with ``bulk_load`` (which writes the index files directly)."""
        fmt = get_format(fmt or Path(path).suffix.lstrip("."))
        ox_format = ox.RdfFormat.from_media_type(fmt.media_type)
        if self.path is None:
            self.store.load(path=str(path), format=ox_format)
        else:
            self.store.bulk_load(path=str(path), format=ox_format)

    def __len__(self) -> int:
        return len(self.store)

    def close(self):
        """Flush an on-disk store and release it (its lock goes with the last reference)."""
        if self.path and not self.read_only and getattr(self, "store", None) is not None:
            self.store.flush()
        self.store = None


def open_oxigraph(path: str | None) -> OxigraphStore:
    """oxigraph: an embedded Oxigraph store, in memory, or on disk as oxigraph:PATH."""
    return OxigraphStore(path or None)


def open_oxigraph_read_only(path: str | None) -> OxigraphStore:
    """oxigraph-read-only:PATH: an on-disk Oxigraph store, opened without writing to it."""
    return OxigraphStore(path, read_only=True)
