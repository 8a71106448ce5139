"""``credgraph serve``: a read-only SPARQL 1.1 Protocol endpoint, safe by default.

- ``GET /sparql?query=...``, ``POST /sparql`` (a form or ``application/sparql-query``);
  ``GET /`` is a page with a query box and the bundled queries as examples.
- SELECT/ASK as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD;
  anything else is ``406``. A ``format`` parameter overrides ``Accept``.
- Binds 127.0.0.1 unless told otherwise. Refuses every update, ``SERVICE``, ``FROM`` /
  ``FROM NAMED`` (checked on the parsed algebra, :func:`credgraph.sparql.check_read_only`) and
  the protocol's ``default-graph-uri`` / ``named-graph-uri`` with ``400``: rdflib and
  Oxigraph would fetch those URLs, and ``FROM <file:///...>`` reads local files.
- Each query runs in a worker process with a hard time limit: past it the worker is killed
  and replaced, and the answer is ``503`` (never a truncated ``200``). A result with more
  rows than the cap is ``400`` with a hint to add a ``LIMIT``.
- No CORS headers unless origins are configured (only those are echoed); never credentials.

>>> from credgraph.store import MemoryStore
>>> handle = worker_factory(MemoryStore())
>>> execute(handle(), "SELECT ?x WHERE { VALUES ?x { 1 } }", "text/csv", None, 10)
Response(status=200, content_type='text/csv; charset=utf-8', body=b'x\\r\\n1\\r\\n')
>>> execute(handle(), "ASK {}", "image/png", None, 10).status
406
"""

from __future__ import annotations

import html
import multiprocessing
import queue
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple
from urllib.parse import parse_qs, quote, urlsplit

from .errors import InputError, QueryError, StoreError
from .remote import RemoteStore
from .results import RESULT_FORMATS, get_result_format, negotiate
from .sparql import bundled_queries, check_read_only
from .embedded import OxigraphStore
from .store import Store

__all__ = ["ServeConfig", "Response", "QueryPool", "EndpointServer", "make_server",
           "worker_factory", "execute", "html_page"]

_TEXT = "text/plain; charset=utf-8"


class Response(NamedTuple):
    """An HTTP answer: status, content type, body."""

    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Response:
    return Response(status, _TEXT, (message.rstrip() + "\n").encode("utf-8"))


@dataclass(frozen=True)
class ServeConfig:
    """How the endpoint listens and what it allows."""

    host: str = "127.0.0.1"
    port: int = 7070
    timeout: float = 10.0
    """Seconds a query may run (and may wait for a free worker) before a 503."""
    max_rows: int = 10_000
    """Rows (or triples) a result may have; more is a 400."""
    workers: int = 2
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to read answers from a browser (``*`` for any); none by default."""
    max_body: int = 256 * 1024

    def __post_init__(self):
        for origin in self.cors_origins:
            parts = urlsplit(origin)
            if origin != "*" and (parts.scheme not in ("http", "https") or not parts.netloc
                                  or parts.path or parts.query or origin.endswith("/")):
                raise InputError(f"not a CORS origin: {origin!r}; write scheme://host[:port]")
        if self.timeout <= 0 or self.max_rows < 1 or self.workers < 1:
            raise InputError("timeout, max rows and workers must be positive")


def execute(store: Store, query: str, accept: str | None, fmt: str | None,
            max_rows: int) -> Response:
    """Check, run and serialise one query (in a worker process); never raises."""
    try:
        kind = check_read_only(query)
        chosen = get_result_format(fmt, kind) if fmt else negotiate(accept, kind)
        if chosen is None:
            offered = [f.media_type for f in RESULT_FORMATS.values() if kind in f.kinds]
            return _text(406, f"cannot answer in {accept!r}; this query gives "
                              f"{', '.join(offered)}")
        result = store.query(query, max_rows=max_rows)
        body = result.serialize(chosen).encode("utf-8")
    except QueryError as exc:
        return _text(400, str(exc))
    except Exception as exc:  # an engine failure: report it, keep the worker alive
        return _text(500, f"the query failed: {type(exc).__name__}: {exc}")
    return Response(200, f"{chosen.media_type}; charset=utf-8", body)


def _snapshot(nquads: str) -> Store:
    store = OxigraphStore()
    store.load_dump(nquads)
    return store


def worker_factory(store: Store) -> Callable[[], Store]:
    """How a worker process opens *store*: a picklable function of no arguments.

    A remote store is reopened by URL (with its profile and credentials) and an on-disk
    Oxigraph store read-only by path (the given handle is closed, so that only readers hold
    it); anything else is copied, as N-Quads, into an in-memory Oxigraph store in each
    worker.
    """
    if isinstance(store, RemoteStore):
        return partial(type(store), store.url, timeout=store.timeout,
                       credentials=store.credentials)
    if isinstance(store, OxigraphStore) and store.path is not None:
        path = store.path
        store.close()
        return partial(OxigraphStore, path, read_only=True)
    return partial(_snapshot, store.dump())


def _worker(conn, factory: Callable[[], Store], max_rows: int) -> None:
    """A worker process: open the store, then answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        store = factory()
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            query, accept, fmt = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(tuple(execute(store, query, accept, fmt, max_rows)))


class QueryPool:
    """Worker processes that run queries under a hard time limit, killed when over it."""

    def __init__(self, factory: Callable[[], Store], *, workers: int = 2,
                 timeout: float = 10.0, max_rows: int = 10_000, startup: float = 120.0):
        self._ctx = multiprocessing.get_context("spawn")  # no fork: the parent has threads
        self._factory, self._max_rows = factory, max_rows
        self.timeout, self._startup = timeout, startup
        self._idle: queue.Queue = queue.Queue()
        self._live: set = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._spawn() for _ in range(workers)]
        try:
            for worker in started:
                self._await_ready(worker)
        except StoreError:
            self.close()
            raise

    def _spawn(self):
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker, args=(child, self._factory, self._max_rows),
                                    daemon=True, name="credgraph-query")
        process.start()
        child.close()
        with self._lock:
            self._live.add((process, parent))
        return process, parent

    def _await_ready(self, worker) -> None:
        process, conn = worker
        if not conn.poll(self._startup):
            self._kill(worker)
            raise StoreError("a query worker did not start in time")
        try:
            state, detail = conn.recv()
        except (EOFError, OSError):
            state, detail = "failed", "it exited"
        if state != "ready":
            self._kill(worker)
            raise StoreError(f"a query worker cannot open the store: {detail}")
        if self._closed:  # closed while this one started
            return self._kill(worker)
        self._idle.put(worker)

    def _kill(self, worker) -> None:
        process, conn = worker
        with self._lock:
            self._live.discard(worker)
        process.kill()
        process.join(5)
        conn.close()

    def _replace(self, worker) -> None:
        """Kill a worker and start another in the background."""
        self._kill(worker)
        if self._closed:
            return

        def start():
            try:
                self._await_ready(self._spawn())
            except StoreError as exc:
                print(f"credgraph serve: {exc}", file=sys.stderr)

        threading.Thread(target=start, daemon=True).start()

    def run(self, query: str, accept: str | None = None, fmt: str | None = None) -> Response:
        """Answer one query: the worker's answer, or 503 when over the time limit."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _text(503, f"every worker is busy; try again in {self.timeout:g} s")
        process, conn = worker
        try:
            conn.send((query, accept, fmt))
            if conn.poll(self.timeout):
                answer = Response(*conn.recv())
                self._idle.put(worker)
                return answer
            message = (f"the query ran longer than {self.timeout:g} s and was stopped; "
                       "narrow it or add a LIMIT")
        except (EOFError, OSError):
            message = "the query worker failed; try again"
        self._replace(worker)
        return _text(503, message)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._live)
        for worker in workers:
            self._kill(worker)


def html_page(example: str | None = None) -> str:
    """The endpoint's page: a query box (optionally holding a bundled example) and the
    bundled queries as links. Every piece of text is escaped."""
    e = html.escape
    queries = bundled_queries()
    chosen = queries.get(example or "")
    text = chosen.example() if chosen else "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    options = "<option value=''>by Accept</option>" + "".join(
        f"<option>{e(name)}</option>" for name in RESULT_FORMATS)
    items = "".join(f"<li><a href='/?example={quote(name)}'>{e(name)}</a>: "
                    f"{e(q.description)}</li>" for name, q in queries.items())
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>credgraph SPARQL endpoint</title><style>body{font-family:sans-serif;"
        "max-width:60em;margin:auto}textarea{width:100%;font-family:monospace}</style>"
        "</head><body><h1>credgraph SPARQL endpoint</h1>"
        "<p>Read-only SPARQL 1.1: <code>GET /sparql?query=...</code> or <code>POST "
        "/sparql</code>. Updates, SERVICE and FROM are refused.</p>"
        "<form method='post' action='/sparql'>"
        f"<textarea name='query' rows='18'>{e(text)}</textarea>"
        f"<p><label>format <select name='format'>{options}</select></label> "
        "<button type='submit'>Run</button></p></form>"
        f"<h2>Bundled queries</h2><ul>{items}</ul></body></html>\n")


_PAGE_HEADERS = [("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")]


class _Handler(BaseHTTPRequestHandler):
    server_version = "credgraph"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, response: Response, headers=()) -> None:
        status, content_type, body = response
        self.send_response(status)
        out = [("Content-Type", content_type), ("Content-Length", str(len(body))),
               ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"),
               ("Vary", "Accept, Origin"), *headers, *self._cors()]
        if status == 405:
            out.append(("Allow", "GET, POST, OPTIONS"))
        for name, value in out:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cors(self) -> list[tuple[str, str]]:
        origin, allowed = self.headers.get("Origin"), self.server.config.cors_origins
        if not origin or not allowed:
            return []
        if "*" in allowed:
            return [("Access-Control-Allow-Origin", "*")]
        return [("Access-Control-Allow-Origin", origin)] if origin in allowed else []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            page = html_page(params.get("example", [None])[0]).encode("utf-8")
            return self._send(Response(200, "text/html; charset=utf-8", page), _PAGE_HEADERS)
        if url.path != "/sparql":
            return self._send(_text(404, "not found: the SPARQL endpoint is /sparql"))
        return self._answer(params)

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(_text(404, "not found: the SPARQL endpoint is /sparql"))
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= self.server.config.max_body:
            self.close_connection = True
            return self._send(_text(413 if length > 0 else 400,
                                    f"the body must be 0 to {self.server.config.max_body} bytes"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = parse_qs(url.query, keep_blank_values=True)
        content_type = self.headers.get_content_type()
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif content_type == "application/sparql-query":
            params.setdefault("query", []).append(body)
        elif content_type == "application/sparql-update":
            return self._send(_text(400, "updates are refused: this endpoint is read-only"))
        else:
            return self._send(_text(415, "send application/sparql-query or a form"))
        return self._answer(params)

    def do_OPTIONS(self):  # noqa: N802
        headers = [("Allow", "GET, POST, OPTIONS")]
        if self._cors():
            headers += [("Access-Control-Allow-Methods", "GET, POST"),
                        ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                        ("Access-Control-Max-Age", "600")]
        self._send(Response(204, _TEXT, b""), headers)

    def _refuse_method(self):
        self._send(_text(405, "this endpoint answers GET and POST only"))

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _answer(self, params: dict) -> None:
        if "update" in params:
            return self._send(_text(400, "updates are refused: this endpoint is read-only"))
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._send(_text(400, "default-graph-uri and named-graph-uri are refused, "
                                         "like FROM: the endpoint queries its own store only"))
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(_text(400, "give exactly one query: query=..."))
        fmt = params.get("format", [None])[0] or None
        self._send(self.server.pool.run(queries[0], self.headers.get("Accept"), fmt))


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server with its worker pool; ``server_close`` stops the workers too."""

    daemon_threads = True

    def __init__(self, config: ServeConfig, pool: QueryPool, *, verbose: bool = False):
        self.config, self.pool, self.verbose = config, pool, verbose
        super().__init__((config.host, config.port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self):
        super().server_close()
        self.pool.close()

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up
            super().handle_error(request, client_address)


def make_server(factory: Callable[[], Store], config: ServeConfig = ServeConfig(), *,
                verbose: bool = False) -> EndpointServer:
    """Start the workers and bind the endpoint (``serve_forever`` runs it)."""
    pool = QueryPool(factory, workers=config.workers, timeout=config.timeout,
                     max_rows=config.max_rows)
    try:
        return EndpointServer(config, pool, verbose=verbose)
    except OSError as exc:
        pool.close()
        raise StoreError(f"cannot listen on {config.host}:{config.port}: {exc}") from None

