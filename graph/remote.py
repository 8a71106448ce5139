"""A remote SPARQL 1.1 server as a store: Query, Update and the Graph Store HTTP Protocol.

:class:`RemoteStore` speaks only the W3C protocols, with the standard library's
:mod:`urllib`, so it works with Oxigraph, Apache Jena Fuseki, GraphDB, Amazon Neptune or
QLever:

- queries are POSTed as ``application/sparql-query`` to the query endpoint;
- each named graph is written with one Graph Store ``PUT ?graph=<iri>``, which replaces it
  atomically and never sends ``CREATE GRAPH`` (Oxigraph answers a second ``CREATE GRAPH``
  for an existing graph with HTTP 500);
- ``clear`` and :meth:`RemoteStore.update` POST ``application/sparql-update``.

Queries see the union of all graphs, like every other store. Oxigraph does that per request
with its ``union-default-graph`` parameter, which RemoteStore sends by default; for a server
whose default graph already is the union (GraphDB, or Fuseki with ``unionDefaultGraph``),
add ``#union=server`` to the URL. (rdflib's ``SPARQLUpdateStore`` behind a ``Dataset``
falls into the same trap from the other side: ``GRAPH ?g`` finds nothing unless
``default_union`` is set.)

The URL names the query endpoint or the dataset; the update and Graph Store endpoints
are derived from it, Oxigraph's way, unless given in the fragment:

>>> RemoteStore("http://127.0.0.1:7878").endpoints
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
>>> RemoteStore("http://h:3030/ds/sparql#update=/ds/update&store=/ds/data").endpoints
('http://h:3030/ds/sparql', 'http://h:3030/ds/update', 'http://h:3030/ds/data')
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError, QueryError, StoreError
from .formats import get_format, quads_to_nquads
from .results import QueryResult, TooManyRows, parse_json_results, syntax_error
from .store import Store, dataset_quads, plain_value

__all__ = ["RemoteStore", "open_http", "open_https"]

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_ENDPOINT_NAMES = ("query", "sparql")


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP (see the module docstring for the URL)."""

    name = "remote"

    def __init__(self, url: str, *, timeout: float = 60.0):
        base, _, fragment = url.partition("#")
        parts = urllib.parse.urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"not an http(s) SPARQL endpoint: {url!r}")
        options = dict(urllib.parse.parse_qsl(fragment))
        unknown = set(options) - {"update", "store", "union"}
        if unknown:
            raise InputError(f"unknown store option(s) {', '.join(sorted(unknown))} in {url!r}; "
                             "allowed: update, store, union")
        path = parts.path.rstrip("/")
        dataset, _, last = path.rpartition("/")
        if last in _ENDPOINT_NAMES:
            query_url = base
        else:
            dataset, query_url = path, urllib.parse.urlunsplit(parts._replace(
                path=path + "/query", query="", fragment=""))
        root = urllib.parse.urlunsplit(parts._replace(path=dataset, query="", fragment=""))

        def endpoint(name: str) -> str:
            given = options.get(name)
            return urllib.parse.urljoin(base, given) if given else f"{root}/{name}"

        self.url = url
        self.endpoints = (query_url, endpoint("update"), endpoint("store"))
        self.union_param = options.get("union", "param") != "server"
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def _request(self, method: str, url: str, *, body: bytes | None = None,
                 content_type: str | None = None, accept: str | None = None,
                 params: Iterable[tuple[str, str]] = ()) -> tuple[str, bytes]:
        """One HTTP exchange; returns (content type, body). Errors become credgraph errors."""
        params = list(params)
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type + "; charset=utf-8")
        if accept:
            request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", "replace").strip()[:2000]
            if exc.code == 400:
                raise syntax_error(text) if "error at" in text else QueryError(
                    f"the server refused the request: {text}") from None
            raise StoreError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {text}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from None

    def _union(self) -> list[tuple[str, str]]:
        return [("union-default-graph", "true")] if self.union_param else []

    def query(self, query, *, max_rows=None, union: bool = True) -> QueryResult:
        content_type, data = self._request(
            "POST", self.endpoints[0], body=query.encode("utf-8"),
            content_type="application/sparql-query",
            accept=f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9",
            params=self._union() if union else ())
        if content_type in (_RESULTS_JSON, "application/json"):
            result = parse_json_results(data)
        elif content_type in (_NTRIPLES, "text/plain", "text/turtle"):
            graph = Graph().parse(data=data.decode("utf-8"),
                                  format="turtle" if content_type == "text/turtle" else "nt")
            result = QueryResult.graph(graph)
        else:
            raise StoreError(f"the server answered a query with {content_type!r}")
        if max_rows is not None and len(result) > max_rows:
            raise TooManyRows(max_rows)
        return result

    def select(self, query: str) -> list[tuple]:
        return [tuple(plain_value(t) for t in row) for row in self.query(query).rows]

    def update(self, update: str) -> None:
        self._request("POST", self.endpoints[1], body=update.encode("utf-8"),
                      content_type="application/sparql-update")

    def load_quads(self, quads, *, replace_graphs=True) -> int:
        """Write quads graph by graph: Graph Store ``PUT`` (replace) or ``POST`` (add)."""
        graphs: dict = {}
        for quad in quads:
            graphs.setdefault(quad[3], []).append(quad)
        method = "PUT" if replace_graphs else "POST"
        for name, members in graphs.items():
            body = "".join(quads_to_nquads(members, with_graph=False)).encode("utf-8")
            target = [("default", "")] if name is None else [("graph", str(name))]
            self._request(method, self.endpoints[2], body=body, content_type=_NTRIPLES,
                          params=target)
        return sum(len(m) for m in graphs.values())

    def load_file(self, path, fmt=None):
        fmt = get_format(fmt or Path(path).suffix.lstrip("."))
        dataset = Dataset()
        dataset.parse(str(path), format=fmt.rdflib_name)
        self.load_quads(dataset_quads(dataset))

    def dump(self) -> str:
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION "
                          "{ GRAPH ?g { ?s ?p ?o } } }", union=False).rows
        return "".join(quads_to_nquads(rows))

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                          "{ GRAPH ?g { ?s ?p ?o } } }", union=False).rows
        return int(rows[0][0])


def open_http(rest: str | None) -> RemoteStore:
    """http://HOST/...: a SPARQL 1.1 server (Query, Update, Graph Store protocols)."""
    return RemoteStore("http:" + (rest or ""))


def open_https(rest: str | None) -> RemoteStore:
    """https://HOST/...: a SPARQL 1.1 server over TLS."""
    return RemoteStore("https:" + (rest or ""))
