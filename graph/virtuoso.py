"""Virtuoso Open Source 7 as a store: the :class:`~credgraph.remote.RemoteStore` profile for its
quirks (``--store virtuoso+http://host:8890``, or any ``http://`` URL whose server says it is
Virtuoso).

What differs from the standard protocols, each measured on 7.2.5 (Debian 12's package):

- **Endpoints**: ``/sparql`` for queries and updates, ``/sparql-graph-crud`` for the Graph
  Store, both as Virtuoso's ``SPARQL`` user; with credentials, ``/sparql-auth`` and
  ``/sparql-graph-crud-auth`` with HTTP Digest authentication. Updates need a user with the
  ``SPARQL_UPDATE`` role.
- **Queries** go as a form (``query=``): a POST of ``application/sparql-query`` is never
  answered. The default graph already is the union of all graphs, so nothing asks for one.
  Virtuoso's own graphs (``virtrdf#``, ``ldp#``, its service description and WebDAV
  graphs) are in it and in
  ``GRAPH ?g`` too: counts, dumps, :meth:`VirtuosoStore.named_graphs` and ``clear`` leave
  them out (``DROP ALL`` does nothing; ``define input:named-graph-exclude`` would hide them,
  but then ``GRAPH <iri>`` finds nothing at all).
- **Results** are cut at ``ResultSetMaxRows`` (10,000 by default): a cut SELECT says so in
  ``X-SPARQL-MaxRows``, and :meth:`VirtuosoStore.iter_select` then reads it in pages (ordered
  inside a subquery, as Virtuoso needs beyond 10,000 rows); a cut CONSTRUCT says nothing
  (and has one triple more), so that many triples is an error. Stored booleans come back as
  ``"1"``/``"0"``: made ``true``/``false`` again; ``xsd:string`` as a simple literal.
- **Writing**: a Graph Store ``PUT`` clears the graph and commits *before* parsing the body,
  and a failed request commits what it did before failing, so a PUT that fails loses the old
  graph. A graph that exists is therefore written into a staging graph first (``POST``, in
  chunks of *chunk* triples) and swapped in with one ``DELETE``/``INSERT`` operation, which
  Virtuoso applies in one transaction: the old graph or the new one, never a part. A new
  graph is written straight, and dropped again if a request fails. ``INSERT DATA`` is no way
  around it: it stops at about 1,000 triples ("generated SQL text has exceeded 10000 lines").
- There is no separate default graph: triples outside a named graph go into the graph
  ``#default-graph=IRI`` names, or are refused.

>>> VirtuosoStore("virtuoso+http://127.0.0.1:8890", environ={}).endpoints
('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud')
"""

from __future__ import annotations

import html
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping

from rdflib import Literal
from rdflib.namespace import XSD

from .errors import CredgraphError, InputError, QueryError, StoreError
from .remote import LOOK_UP, NTRIPLES, RESULTS_JSON, Answer, RemoteStore
from .results import QueryResult, TooManyRows
from .store import plain_value

__all__ = ["VirtuosoStore", "SYSTEM_GRAPHS", "STAGING_PREFIX", "open_virtuoso_http",
           "open_virtuoso_https"]

SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#")
"""Virtuoso's own graphs in every database (besides its service description and WebDAV
graphs, whose names hold the host)."""

STAGING_PREFIX = "urn:x-credgraph:staging:"
"""Where a new version of an existing graph is written before it is swapped in."""

_SERVICE = "http://www.w3.org/ns/sparql-service-description#Service"
_DAV_OWNER = "http://www.openlinksw.com/schemas/DAV#ownerUser"
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
_ERROR_LINE = re.compile(r"Virtuoso (\w+) Error (\w+): ?(.*)")
_COMPILER_LINE = re.compile(r"SPARQL compiler, line (\d+): (.*)", re.S)
_BATCH = 200  # graphs per existence check, swap and cleanup


class Cut(StoreError):
    """The server cut a SELECT result at its ``ResultSetMaxRows``."""

    def __init__(self, rows: int):
        self.rows = rows
        super().__init__(f"the server cut the result at {rows:,} rows (Virtuoso's "
                         "ResultSetMaxRows): add LIMIT and OFFSET, or raise ResultSetMaxRows "
                         "in the [SPARQL] section of virtuoso.ini")


class VirtuosoStore(RemoteStore):
    """Virtuoso Open Source 7 (see the module docstring); *max_rows* asks the server to cut
    results at fewer rows than its own ``ResultSetMaxRows`` (the tests' way to page)."""

    name = "virtuoso"
    engine = "Virtuoso"
    options = ("default-graph", "chunk")

    def __init__(self, url: str, *, timeout: float = 60.0,
                 environ: Mapping[str, str] = os.environ, credentials=LOOK_UP,
                 max_rows: int | None = None):
        super().__init__(url.removeprefix("virtuoso+"), timeout=timeout, environ=environ,
                         credentials=credentials)
        self.url = url
        self.union_param = False  # the default graph already is the union
        self._auth_scheme = "digest"  # it answers Basic with a bare 401, no challenge
        self.max_rows = max_rows
        self._cap: int | None = max_rows  # the server's row limit, looked up on first need
        try:
            self.chunk = int(self.fragment.get("chunk", 50_000))
        except ValueError:
            self.chunk = 0
        if self.chunk < 1:
            raise InputError(f"#chunk= wants a number of triples per request, in {url!r}")
        self.default_graph = self.fragment.get("default-graph")
        self._hidden: str | None = None
        self._swept = False

    def _endpoints(self, base, parts, options):
        if parts.path.rstrip("/") not in ("", "/sparql", "/sparql-auth"):
            raise InputError(f"a Virtuoso URL names the server or its /sparql endpoint, such "
                             f"as http://{parts.netloc}/sparql, not {parts.path!r}")
        root = f"{parts.scheme}://{parts.netloc}"
        auth = "-auth" if self.credentials else ""
        return f"{root}/sparql{auth}", f"{root}/sparql{auth}", f"{root}/sparql-graph-crud{auth}"

    # -- errors ----------------------------------------------------------------------------

    def _refused(self, method, url, status, reason, text, sent=None):
        where = f"{method} {url.partition('?')[0]}"
        found = re.search(r"<xmp>(.*?)</xmp>", text, re.S)  # the Graph Store's HTML page
        text = html.unescape(found[1]) if found else text
        text = text.split("\nSPARQL query:", 1)[0].strip()  # never echo the query (or data)
        error = _ERROR_LINE.search(text)
        code, message = (error[2], error[3].strip()) if error else ("", text)
        if status == 401:
            return StoreError(self._credentials_hint(where))
        if "SECURITY" in text or status == 403 or "No permission" in text:
            who = f"user {self.credentials[0]!r}" if self.credentials else \
                "Virtuoso's anonymous SPARQL user (give credentials: CREDGRAPH_STORE_USER)"
            role = f'GRANT SPARQL_UPDATE TO "{self.credentials[0]}"' if self.credentials \
                else "GRANT SPARQL_UPDATE TO SPARQL"
            return StoreError(f"{where}: the server refuses to let {who} write (it needs "
                              f"the SPARQL_UPDATE role: {role}): {message}")
        if code == "SR325" or "Transaction aborted" in message:
            advice = ("for a graph this large raise its after-image limit, e.g. __dbf_set "
                      "('txn_after_image_limit', 1000000000) as dba" if "after image" in message
                      else "run the load again")
            return StoreError(f"{where}: Virtuoso aborted the transaction and kept none of it "
                              f"({message}); {advice}")
        if code in ("SP030", "SP031") or status == 400:
            compiler = _COMPILER_LINE.search(message)
            if compiler:
                return QueryError(f"SPARQL syntax error in the query at line {compiler[1]}: "
                                  f"{compiler[2].strip()}")
            return QueryError(f"the server refused the query: {message}")
        return StoreError(f"{where}: HTTP {status} {reason}: {message}")

    # -- queries ---------------------------------------------------------------------------

    def _not_hidden(self, var: str = "?g") -> str:
        """A FILTER that keeps Virtuoso's own graphs out of *var*: :data:`SYSTEM_GRAPHS`, and
        its service description and WebDAV graphs (``http://HOST/sparql``, ``http://HOST/DAV/``),
        looked up once."""
        if self._hidden is None:
            found = self._request("POST", self.endpoints[0], accept=RESULTS_JSON, body={
                "query": f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?g a <{_SERVICE}> }} }} "
                         f"UNION {{ GRAPH ?g {{ ?s <{_DAV_OWNER}> ?o }} }} }}"})
            graphs = [*SYSTEM_GRAPHS, *(str(r[0]) for r in self._result(found).rows)]
            self._hidden = ", ".join(f"<{g}>" for g in graphs)
        return f"FILTER({var} NOT IN ({self._hidden}))"

    @property
    def cap(self) -> int:
        """The rows (or triples) the server answers at most: its ``ResultSetMaxRows``."""
        if self._cap is None:
            self._cap = 10_000  # Virtuoso's default, should the lookup be refused
            try:
                found = self._fetch('SELECT (bif:virtuoso_ini_item_value("SPARQL", '
                                    '"ResultSetMaxRows") AS ?cap) WHERE {}')[0].rows
                self._cap = int(str(found[0][0])) if found and found[0][0] else 0
            except (CredgraphError, ValueError):
                pass
        return self._cap or 10**9  # 0 or negative: no limit

    def _send_query(self, query, *, union):
        form = {"query": query}
        if self.max_rows:
            form["maxrows"] = str(self.max_rows)
        verb = query[_PROLOGUE.match(query).end():][:9].upper()  # it answers a CONSTRUCT
        graph = verb.startswith(("CONSTRUCT", "DESCRIBE"))  # in JSON when JSON is preferred
        return self._request("POST", self.endpoints[0], body=form,
                             accept=NTRIPLES if graph else RESULTS_JSON)

    def _result(self, answer: Answer) -> QueryResult:
        state = answer.headers.get("X-SQL-State")
        if state:
            raise StoreError(f"Virtuoso returned an incomplete result ({state}: "
                             f"{answer.headers.get('X-SQL-Message', '')})")
        result = super()._result(answer)
        if result.kind == "select":
            if answer.headers.get("X-SPARQL-MaxRows"):
                self._cap = int(answer.headers["X-SPARQL-MaxRows"])
            return QueryResult.select(result.variables,
                                      [tuple(map(_standard, row)) for row in result.rows])
        if result.kind == "graph" and len(result) >= self.cap:  # it says nothing, and gives
            raise StoreError(f"the server returned {len(result):,} triples, its limit "  # 1 more
                             f"(ResultSetMaxRows {self.cap:,}): the result is probably cut; "
                             "narrow the query or raise ResultSetMaxRows in virtuoso.ini")
        return result

    def _fetch(self, query: str) -> tuple[QueryResult, bool]:
        """A query's result, and whether the server cut it at its row limit."""
        answer = self._send_query(query, union=False)
        return self._result(answer), bool(answer.headers.get("X-SPARQL-MaxRows"))

    def query(self, query, *, max_rows=None, union=True):
        result, cut = self._fetch(query)
        if cut:
            if max_rows is not None and self.cap > max_rows:
                raise TooManyRows(max_rows)
            raise Cut(self.cap)
        if max_rows is not None and len(result) > max_rows:
            raise TooManyRows(max_rows)
        return result

    def _rows(self, query: str) -> Iterator[tuple]:
        """A SELECT's rows (rdflib terms), in pages when the server cuts the result."""
        first, cut = self._fetch(query)
        if not cut:
            yield from first.rows
            return
        prologue = _PROLOGUE.match(query)[0]
        order = " ".join(f"?{v}" for v in first.variables)
        offset = 0
        while True:  # sorted inside, sliced outside: Virtuoso sorts at most 10,000 TOP rows
            page = (f"{prologue}SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ "
                    f"{query[len(prologue):]}\n}} }} ORDER BY {order} }} }} "
                    f"LIMIT {self.cap} OFFSET {offset}")
            rows = self._fetch(page)[0].rows
            yield from rows
            if len(rows) < self.cap:
                return
            offset += len(rows)

    def iter_select(self, query: str) -> Iterator[tuple]:
        return (tuple(plain_value(t) for t in row) for row in self._rows(query))

    def select(self, query: str) -> list[tuple]:
        return list(self.iter_select(query))

    def named_graphs(self) -> list[str]:
        """The named graphs that hold triples, Virtuoso's own left out."""
        return [str(g) for (g,) in self._rows(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_hidden()} }}")]

    def __len__(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                               f"{self._not_hidden()} }}")[0][0])

    def is_empty(self) -> bool:
        return not self.query(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_hidden()} }}").boolean

    def dump(self) -> str:
        from .formats import quads_to_nquads

        rows = self._rows(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"{self._not_hidden()} }}")
        return "".join(quads_to_nquads(rows))

    def clear(self) -> None:
        """Remove every graph but Virtuoso's own (``DROP ALL`` does nothing on Virtuoso)."""
        self._delete_graphs(self.named_graphs())

    # -- writing ---------------------------------------------------------------------------

    def _delete_graphs(self, graphs: list[str]) -> None:
        for start in range(0, len(graphs), _BATCH):
            values = " ".join(f"<{g}>" for g in graphs[start:start + _BATCH])
            self.update(f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ VALUES ?g {{ {values} }} "
                        "GRAPH ?g { ?s ?p ?o } }")

    def _existing(self, graphs: list[str]) -> set[str]:
        values = " ".join(f"<{g}>" for g in graphs)
        return {g for (g,) in self.select(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} "
                                          "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }")}

    def _post(self, graph: str, body: bytes, count: int) -> None:
        """Add N-Triples to *graph* with Graph Store POSTs of at most *chunk* triples each."""
        if count > self.chunk and re.search(rb"(^|\s)_:", body, re.M):
            raise InputError(f"graph <{graph}> has blank nodes and {count:,} triples, more than "
                             f"one request holds (#chunk={self.chunk}): blank nodes cannot span "
                             "requests; raise #chunk= or give the nodes IRIs")
        lines = body.splitlines(keepends=True)
        for start in range(0, len(lines), self.chunk):
            self._request("POST", self.endpoints[2], body=b"".join(lines[start:start + self.chunk]),
                          content_type=NTRIPLES, params=[("graph", graph)])

    def _swap(self, pairs: list[tuple[str, str]]) -> None:
        """Replace each target graph by its staging graph and empty the staging graph, in one
        operation (one transaction) for all *pairs*."""
        values = " ".join(f"(<{target}> <{stage}>)" for target, stage in pairs)
        self.update(
            "DELETE { GRAPH ?t { ?s ?p ?o } GRAPH ?st { ?ns ?np ?no } }\n"
            "INSERT { GRAPH ?t { ?ns ?np ?no } }\n"
            f"WHERE {{ VALUES (?t ?st) {{ {values} }}\n"
            "  { GRAPH ?t { ?s ?p ?o } } UNION { GRAPH ?st { ?ns ?np ?no } } }")

    def _sweep(self) -> None:
        """Remove staging graphs an interrupted load left behind (once per store)."""
        if not self._swept:
            self._swept = True
            self._delete_graphs([g for (g,) in self.select(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}')])

    def write_graphs(self, graphs: Iterable[tuple], *, replace: bool = True) -> None:
        """Write ``(graph, N-Triples bytes, count)`` items, each graph all or nothing (see the
        module docstring); *replace* False adds to the graphs instead."""
        batch: list[tuple] = []
        for name, body, count in graphs:
            if name is None:
                if not self.default_graph:
                    raise InputError("Virtuoso keeps every triple in a named graph: name the "
                                     "graph for the input's default graph with "
                                     "#default-graph=IRI in the store URL")
                name = self.default_graph
            batch.append((str(name), body, count))
            if len(batch) >= _BATCH or sum(c for *_, c in batch) >= self.chunk:
                self._write_batch(batch, replace)
                batch = []
        if batch:
            self._write_batch(batch, replace)

    def _write_batch(self, batch: list[tuple], replace: bool) -> None:
        if not replace:
            for name, body, count in batch:
                self._post(name, body, count)
            return
        self._sweep()
        existing = self._existing([name for name, *_ in batch])
        created, staged = [], []
        try:
            for name, body, count in batch:
                if name in existing:
                    staged.append((name, f"{STAGING_PREFIX}{uuid.uuid4()}"))
                    self._post(staged[-1][1], body, count)
                else:
                    created.append(name)
                    self._post(name, body, count)
            pairs, size = [], 0
            counts = {name: count for name, _, count in batch}
            for target, stage in staged:  # each swap a bounded transaction
                pairs.append((target, stage))
                size += counts[target]
                if size >= self.chunk * 4:
                    self._swap(pairs)
                    pairs, size = [], 0
            if pairs:
                self._swap(pairs)
        except CredgraphError:
            try:  # the old graphs are untouched; remove what this batch added
                self._delete_graphs(created + [stage for _, stage in staged])
            except CredgraphError:
                pass
            raise


def _standard(term):
    """A term as the standard writes it: ``xsd:boolean`` ``1``/``0`` as ``true``/``false``,
    ``xsd:string`` as a simple literal.

    >>> _standard(Literal("1", datatype=XSD.boolean))
    rdflib.term.Literal('true', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#boolean'))
    """
    if isinstance(term, Literal) and term.datatype is not None:
        if term.datatype == XSD.boolean and str(term) in ("0", "1"):
            return Literal("true" if str(term) == "1" else "false", datatype=XSD.boolean)
        if term.datatype == XSD.string:
            return Literal(str(term))
    return term


def open_virtuoso_http(rest: str | None) -> VirtuosoStore:
    """virtuoso+http://HOST:8890: Virtuoso Open Source 7, its quirks handled, Digest auth."""
    return VirtuosoStore("virtuoso+http:" + (rest or ""))


def open_virtuoso_https(rest: str | None) -> VirtuosoStore:
    """virtuoso+https://HOST: Virtuoso over TLS."""
    return VirtuosoStore("virtuoso+https:" + (rest or ""))
