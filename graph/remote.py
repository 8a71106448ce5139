"""A remote SPARQL 1.1 server as a store: Query, Update and the Graph Store HTTP Protocol.

:class:`RemoteStore` speaks only the W3C protocols (over one keep-alive HTTP session of
``requests``), so it works with Oxigraph, Apache Jena Fuseki, GraphDB, Amazon Neptune or
QLever; an engine whose quirks need more has a profile of its own, a subclass
(:class:`credgraph.virtuoso.VirtuosoStore`, chosen by ``virtuoso+http://`` or detected from the
server's ``Server`` header by :func:`credgraph.store.open_store`):

- queries are POSTed as ``application/sparql-query`` to the query endpoint;
- each named graph is written with one Graph Store ``PUT ?graph=<iri>`` (one request, one
  transaction on Oxigraph, Fuseki and GraphDB: a PUT that fails leaves the old graph), and
  never with ``CREATE GRAPH`` (Oxigraph answers a second one for a graph with HTTP 500);
- ``clear`` and :meth:`RemoteStore.update` POST ``application/sparql-update``.

Queries see the union of all graphs, like every other store. Oxigraph does that per request
with its ``union-default-graph`` parameter, which RemoteStore sends by default; for a server
whose default graph already is the union (GraphDB, or Fuseki with ``unionDefaultGraph``),
add ``#union=server`` to the URL.

The URL names the query endpoint or the dataset; the update and Graph Store endpoints
are derived from it, Oxigraph's way, unless given in the fragment:

>>> RemoteStore("http://127.0.0.1:7878", environ={}).endpoints
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
>>> RemoteStore("http://h:3030/ds/sparql#update=/ds/update&store=/ds/data", environ={}).endpoints
('http://h:3030/ds/sparql', 'http://h:3030/ds/update', 'http://h:3030/ds/data')

Credentials (:func:`store_credentials`) come from ``CREDGRAPH_STORE_USER`` and
``CREDGRAPH_STORE_PASSWORD``, else from a netrc file (``CREDGRAPH_NETRC``, else ``~/.netrc``),
never from the URL, and never appear in an error message. Basic authentication is sent
until the server asks for Digest.
"""

from __future__ import annotations

import netrc
import os
import urllib.parse
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph

from .errors import InputError, QueryError, StoreError
from .formats import get_format, quads_to_nquads
from .query_policy import star_columns
from .results import QueryResult, TooManyRows, parse_json_results, syntax_error
from .store import Store, plain_value

__all__ = ["RemoteStore", "Answer", "store_credentials", "server_software", "open_http",
           "open_https", "SERVER_PROFILES"]

LOOK_UP = object()
"""``credentials=LOOK_UP``: find them in the environment or a netrc file."""
RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
_ENDPOINT_NAMES = ("query", "sparql")


class Answer(NamedTuple):
    """A server's answer: its media type (without parameters), body and headers."""

    content_type: str
    body: bytes
    headers: Mapping[str, str]


def _requests():
    import requests

    return requests


def store_credentials(host: str, environ: Mapping[str, str] = os.environ):
    """(user, password) for *host*, or ``None``: from ``CREDGRAPH_STORE_USER`` and
    ``CREDGRAPH_STORE_PASSWORD``, else the netrc file ``CREDGRAPH_NETRC`` (else ``~/.netrc``
    where it exists), its ``machine`` entry for *host* or its ``default``.

    >>> store_credentials("h", {"CREDGRAPH_STORE_USER": "ann", "CREDGRAPH_STORE_PASSWORD": "pw"})
    ('ann', 'pw')
    >>> store_credentials("h", {"CREDGRAPH_NETRC": "/nonexistent/netrc"})
    Traceback (most recent call last):
    ...
    credgraph.errors.InputError: CREDGRAPH_NETRC names /nonexistent/netrc, which does not exist
    """
    user, password = environ.get("CREDGRAPH_STORE_USER"), environ.get("CREDGRAPH_STORE_PASSWORD")
    if user or password:
        if not (user and password):
            raise InputError("set both CREDGRAPH_STORE_USER and CREDGRAPH_STORE_PASSWORD, "
                             "or neither")
        return user, password
    named = environ.get("CREDGRAPH_NETRC")
    path = Path(named) if named else Path(environ.get("HOME", "~")).expanduser() / ".netrc"
    if not path.is_file():
        if named:
            raise InputError(f"CREDGRAPH_NETRC names {path}, which does not exist")
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:  # its message quotes no password, only the token
        raise InputError(f"{path}:{exc.lineno}: not a valid netrc file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the netrc file: {exc.strerror}") from None
    return (entry[0], entry[2]) if entry and entry[0] and entry[2] else None


def server_software(url: str, timeout: float = 10.0) -> str:
    """The ``Server`` header a SPARQL endpoint answers a GET with ("" when it sends none).

    Credentials are not needed: a server that asks for them still says what it is."""
    requests = _requests()
    try:
        with requests.get(url, timeout=timeout, stream=True) as response:
            return response.headers.get("Server", "")
    except requests.RequestException as exc:
        raise StoreError(f"cannot reach the SPARQL server at {url}: {_reason(exc)}") from None


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP (see the module docstring for the URL)."""

    name = "remote"
    engine = "SPARQL 1.1"
    options = ("update", "store", "union")
    """The URL fragment's options this engine's profile understands."""

    def __init__(self, url: str, *, timeout: float = 60.0,
                 environ: Mapping[str, str] = os.environ, credentials=LOOK_UP):
        base, _, fragment = url.partition("#")
        parts = urllib.parse.urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"not an http(s) SPARQL endpoint: {url!r}")
        if parts.username or parts.password:
            raise InputError("put the store's credentials in CREDGRAPH_STORE_USER and "
                             "CREDGRAPH_STORE_PASSWORD or in a netrc file (CREDGRAPH_NETRC), "
                             "not in the URL, where shell histories and process lists show "
                             "them")
        options = dict(urllib.parse.parse_qsl(fragment))
        unknown = set(options) - set(self.options)
        if unknown:
            raise InputError(f"unknown store option(s) {', '.join(sorted(unknown))} in {url!r}; "
                             f"allowed: {', '.join(self.options)}")
        self.url = url
        self.timeout = timeout
        self.fragment = options
        self.credentials = store_credentials(parts.hostname, environ) \
            if credentials is LOOK_UP else credentials
        """(user, password) or None; *credentials* gives them (a worker process reopening
        the store), else they are looked up in *environ* (:func:`store_credentials`)."""
        self.endpoints = self._endpoints(base, parts, options)
        self.union_param = options.get("union", "param") != "server"
        self._session = None
        self._auth_scheme = "basic"

    def _endpoints(self, base: str, parts, options: dict) -> tuple[str, str, str]:
        """The query, update and Graph Store endpoints (Oxigraph's layout unless told)."""
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

        return query_url, endpoint("update"), endpoint("store")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    # -- HTTP ------------------------------------------------------------------------------

    @property
    def session(self):
        """One keep-alive session for every request (made on first use)."""
        if self._session is None:
            self._session = _requests().Session()
            self._set_auth()
        return self._session

    def _set_auth(self) -> None:
        if self.credentials and self._session is not None:
            auth = _requests().auth
            make = auth.HTTPDigestAuth if self._auth_scheme == "digest" else auth.HTTPBasicAuth
            self._session.auth = make(*self.credentials)

    def _request(self, method: str, url: str, *, body: bytes | dict | None = None,
                 content_type: str | None = None, accept: str | None = None,
                 params: Iterable[tuple[str, str]] = ()) -> Answer:
        """One HTTP exchange. Errors become credgraph errors (:meth:`_refused`)."""
        requests = _requests()
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type + "; charset=utf-8"
        if accept:
            headers["Accept"] = accept
        try:
            response = self.session.request(method, url, data=body, headers=headers,
                                            params=list(params), timeout=self.timeout)
            challenge = response.headers.get("WWW-Authenticate", "")
            if (response.status_code == 401 and self.credentials
                    and self._auth_scheme != "digest" and challenge.lower().startswith("digest")):
                self._auth_scheme = "digest"  # the server asks for Digest: answer it, once
                self._set_auth()
                response = self.session.request(method, url, data=body, headers=headers,
                                                params=list(params), timeout=self.timeout)
        except requests.Timeout:
            raise StoreError(f"the SPARQL server at {url} did not answer within "
                             f"{self.timeout:g} s") from None
        except requests.RequestException as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {_reason(exc)}") from None
        if response.status_code >= 400:
            sent = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
            raise self._refused(method, url, response.status_code, response.reason or "",
                                response.content.decode("utf-8", "replace").strip()[:2000],
                                sent if isinstance(sent, str) else None)
        media = response.headers.get("Content-Type", "").partition(";")[0].strip().lower()
        return Answer(media, response.content, response.headers)

    def _refused(self, method: str, url: str, status: int, reason: str,
                 text: str, sent: str | None = None) -> Exception:
        """The error for an HTTP error answer (an engine's profile reads its own messages)."""
        where = f"{method} {url.partition('?')[0]}"
        if status == 401:
            return StoreError(self._credentials_hint(where))
        if status == 403:
            return StoreError(f"{where}: HTTP 403, the server refuses this "
                              f"{'user' if self.credentials else 'anonymous request'}: {text}")
        if status == 400:
            return syntax_error(text, text=sent) if "error at" in text else QueryError(
                f"the server refused the request: {text}")
        return StoreError(f"{where}: HTTP {status} {reason}: {text}")

    def _credentials_hint(self, where: str) -> str:
        if self.credentials:
            return (f"{where}: the server refused the credentials of user "
                    f"{self.credentials[0]!r} (HTTP 401): check CREDGRAPH_STORE_USER and "
                    "CREDGRAPH_STORE_PASSWORD, or the netrc entry")
        return (f"{where}: the server wants credentials (HTTP 401): set "
                "CREDGRAPH_STORE_USER and CREDGRAPH_STORE_PASSWORD, or CREDGRAPH_NETRC")

    # -- queries ---------------------------------------------------------------------------

    def _union(self) -> list[tuple[str, str]]:
        return [("union-default-graph", "true")] if self.union_param else []

    def _send_query(self, query: str, *, union: bool) -> Answer:
        return self._request("POST", self.endpoints[0], body=query.encode("utf-8"),
                             content_type="application/sparql-query",
                             accept=f"{RESULTS_JSON}, {NTRIPLES};q=0.9",
                             params=self._union() if union else ())

    def _result(self, answer: Answer) -> QueryResult:
        """A query's answer as a :class:`QueryResult`."""
        if answer.content_type in (RESULTS_JSON, "application/json"):
            return parse_json_results(answer.body)
        if answer.content_type in (NTRIPLES, "text/plain", "text/turtle"):
            graph = Graph().parse(data=answer.body.decode("utf-8"), format=(
                "turtle" if answer.content_type == "text/turtle" else "nt"))
            return QueryResult.graph(graph)
        raise StoreError(f"the server answered a query with {answer.content_type!r}")

    def query(self, query, *, max_rows=None, union: bool = True) -> QueryResult:
        result = self._result(self._send_query(query, union=union))
        if max_rows is not None and len(result) > max_rows:
            raise TooManyRows(max_rows)
        return result.in_order(star_columns(query))

    def select(self, query: str) -> list[tuple]:
        return [tuple(plain_value(t) for t in row) for row in self.query(query).rows]

    def update(self, update: str) -> None:
        self._request("POST", self.endpoints[1], body=update.encode("utf-8"),
                      content_type="application/sparql-update")

    # -- writing ---------------------------------------------------------------------------

    def load_quads(self, quads, *, replace_graphs=True) -> int:
        """Write quads graph by graph: Graph Store ``PUT`` (replace) or ``POST`` (add)."""
        graphs: dict = {}
        for quad in quads:
            graphs.setdefault(quad[3], []).append(quad)
        memo: dict = {}
        self.write_graphs(((name, "".join(quads_to_nquads(members, with_graph=False, memo=memo))
                            .encode("utf-8"), len(members)) for name, members in graphs.items()),
                          replace=replace_graphs)
        return sum(len(m) for m in graphs.values())

    def write_graphs(self, graphs: Iterable[tuple], *, replace: bool = True) -> None:
        """Write ``(graph name or None, N-Triples bytes, triple count)`` items, each graph with
        one Graph Store request (``PUT`` replaces, ``POST`` adds)."""
        for name, body, _count in graphs:
            target = [("default", "")] if name is None else [("graph", str(name))]
            self._request("PUT" if replace else "POST", self.endpoints[2], body=body,
                          content_type=NTRIPLES, params=target)

    def load_file(self, path, fmt=None):
        """Load an RDF file: parsed by pyoxigraph into memory, then written graph by graph."""
        from .embedded import graphs_as_ntriples

        fmt = get_format(fmt or Path(path).suffix.lstrip("."))
        self.write_graphs(graphs_as_ntriples(path, fmt.media_type))

    def dump(self) -> str:
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION "
                          "{ GRAPH ?g { ?s ?p ?o } } }", union=False).rows
        return "".join(quads_to_nquads(rows))

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                          "{ GRAPH ?g { ?s ?p ?o } } }", union=False).rows
        return int(rows[0][0])

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def _reason(exc: BaseException) -> str:
    """Why a connection failed, from the innermost operating-system error (``Connection
    refused``, ``Name or service not known``), else the exception's kind."""
    seen, todo = set(), [exc]
    while todo:
        item = todo.pop(0)
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, OSError) and item.strerror:
            return item.strerror
        todo.extend([getattr(item, "reason", None), item.__cause__, item.__context__,
                     *(a for a in item.args if isinstance(a, BaseException))])
    return type(exc).__name__


SERVER_PROFILES = {"Virtuoso/": "virtuoso"}
"""Engines with a profile of their own, by how their ``Server`` header begins: a plain
``http(s)://`` URL to one of them opens the store registered as ``NAME+http(s)``."""


def _open(url: str) -> Store:
    """A plain URL's store: one GET reads the server's ``Server`` header, and an engine in
    :data:`SERVER_PROFILES` gets its profile; any other the standard protocols."""
    from .store import open_store

    probe = RemoteStore(url.partition("#")[0])  # checks the URL before anything is sent
    software = server_software(probe.endpoints[0])
    for prefix, profile in SERVER_PROFILES.items():
        if software.startswith(prefix):
            return open_store(f"{profile}+{url}")
    return RemoteStore(url)


def open_http(rest: str | None) -> Store:
    """http://HOST/...: a SPARQL 1.1 server (Query, Update, Graph Store); Virtuoso detected.

    A server whose ``Server`` header says it is Virtuoso gets its profile
    (:mod:`credgraph.virtuoso`)."""
    return _open("http:" + (rest or ""))


def open_https(rest: str | None) -> Store:
    """https://HOST/...: a SPARQL 1.1 server over TLS."""
    return _open("https:" + (rest or ""))
