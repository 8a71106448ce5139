"""``credgraph serve``: a read-only SPARQL 1.1 Protocol endpoint, safe by default.

A Starlette application served by uvicorn (httptools on uvloop, :mod:`credgraph.http_protocol`):

- ``GET /sparql?query=...``, ``POST /sparql`` (a form or ``application/sparql-query``);
  ``GET /`` is a page with a query box and the bundled queries as examples
  (:mod:`credgraph.endpoint_page`).
- SELECT/ASK as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD;
  anything else is ``406``. A ``format`` parameter overrides ``Accept``.
- Binds 127.0.0.1 unless told otherwise, and answers only requests whose ``Host`` is a
  name it is bound as (127.0.0.1, localhost, [::1], ``--host``, ``--allow-host``): others
  are ``400``, so a page that rebinds its DNS name to 127.0.0.1 reads nothing.
- Refuses every update, ``SERVICE``, ``FROM`` / ``FROM NAMED``
  (:mod:`credgraph.query_policy`) and the protocol's ``default-graph-uri`` /
  ``named-graph-uri`` with ``400``.
- Each query runs in a worker process with a hard time limit, handed out fairly among
  clients (:mod:`credgraph.query_pool`): ``503`` with ``Retry-After`` when busy, ``503``
  when over the limit (never a truncated ``200``). A result with more rows than the cap
  is ``400`` with a hint to add a ``LIMIT``.
- A request's head must arrive within ``read_timeout`` seconds and so must its body; at
  most ``max_connections`` connections are served at once (more get ``503``).
- No CORS headers unless origins are configured (only those are echoed); never
  credentials.

>>> ServeConfig(port=80000)
Traceback (most recent call last):
...
credgraph.errors.InputError: --port 80000: a port is 0 to 65535 (0: any free port)
>>> ServeConfig(host="::1").hosts
('127.0.0.1', 'localhost', '[::1]')
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from .endpoint_page import PAGE_HEADERS, html_page
from .errors import InputError, StoreError
from .http_protocol import MAX_HEAD, bind, loop_name, protocol_class
from .query_pool import QueryPool
from .query_worker import Response, StoreOpener, text_response, worker_factory

__all__ = ["ServeConfig", "EndpointServer", "make_server", "create_app", "worker_factory"]

_COMMON = (("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"),
           ("Vary", "Accept"))
_ALLOW = "GET, HEAD, POST, OPTIONS"
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


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
    allowed_hosts: tuple[str, ...] = ()
    """Host names the endpoint answers as, besides the loopback names and ``host``
    (``*.example.org`` for a domain's names; ``*`` turns the check off)."""
    per_client: int = 1
    """Queries one client address may have running at once (0: no limit)."""
    queue: int = 32
    """Queries that may wait for a worker; past that, 503 with Retry-After."""
    read_timeout: float = 10.0
    """Seconds a request's head, and then its body, may take to arrive."""
    max_connections: int = 100
    """Connections served at once; requests on more get 503."""

    def __post_init__(self):
        if not isinstance(self.port, int) or not 0 <= self.port <= 65535:
            raise InputError(f"--port {self.port}: a port is 0 to 65535 (0: any free port)")
        if not self.host or any(c in self.host for c in "/[] "):
            raise InputError(f"--host {self.host!r}: give an address or a name, like 127.0.0.1")
        for origin in self.cors_origins:
            parts = urlsplit(origin)
            if origin != "*" and (parts.scheme not in ("http", "https") or not parts.netloc
                                  or parts.path or parts.query or origin.endswith("/")):
                raise InputError(f"not a CORS origin: {origin!r}; write scheme://host[:port]")
        for name in self.allowed_hosts:
            if name != "*" and ("*" in name[1:] or (name.startswith("*") and not
                                name.startswith("*.")) or any(c in name for c in "/: ")):
                raise InputError(f"--allow-host {name!r}: give a host name without port, "
                                 "like data.example.org or *.example.org")
        if (self.timeout <= 0 or self.max_rows < 1 or self.workers < 1 or self.per_client < 0
                or self.queue < 1 or self.read_timeout <= 0 or self.max_connections < 1):
            raise InputError("timeout, max rows, workers, queue, read timeout and connections "
                             "must be positive (per client: 0 or more)")

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every ``Host`` name the endpoint answers as."""
        own = f"[{self.host}]" if ":" in self.host else self.host
        return tuple(dict.fromkeys((*_LOOPBACK_NAMES, own.lower(),
                                    *(n.lower() for n in self.allowed_hosts))))


def _response(answer: Response, extra=()):
    from starlette.responses import Response as Out

    status, content_type, body, headers = answer
    out = Out(body, status_code=status, headers=dict((*_COMMON, *headers, *extra)))
    out.headers["Content-Type"] = content_type
    if status == 405:
        out.headers["Allow"] = _ALLOW
    return out


def _closing(status: int, message: str):
    """An answer before the body was read whole: the connection cannot be reused."""
    return _response(text_response(status, message, [("Connection", "close")]))


class _TooLarge(Exception):
    pass


async def _read_body(request, config: ServeConfig):
    """The request body, read within the time limit and the size cap, or an error answer."""
    from starlette.requests import ClientDisconnect

    declared = request.headers.get("content-length")
    if declared is not None and int(declared) > config.max_body:
        return _closing(413, f"the body must be 0 to {config.max_body} bytes")
    body = bytearray()

    try:
        async with asyncio.timeout(config.read_timeout):  # in this task: no task a request
            async for chunk in request.stream():
                body.extend(chunk)
                if len(body) > config.max_body:
                    raise _TooLarge
    except TimeoutError:
        return _closing(408, f"the body did not arrive within {config.read_timeout:g} s")
    except _TooLarge:
        return _closing(413, f"the body must be 0 to {config.max_body} bytes")
    except ClientDisconnect:
        return _closing(400, "the client left before its body arrived")
    return bytes(body)


def create_app(config: ServeConfig, pool: QueryPool):
    """The endpoint as a Starlette application over *pool*."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Route

    def query_params(request) -> dict[str, list[str]]:
        return parse_qs(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)

    async def answer(request, params: dict[str, list[str]]):
        if "update" in params:
            return _response(text_response(400, "updates are refused: this endpoint is "
                                                "read-only"))
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return _response(text_response(400, "default-graph-uri and named-graph-uri are "
                                                "refused, like FROM: the endpoint queries its "
                                                "own store only"))
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return _response(text_response(400, "give exactly one query: query=..."))
        fmt = params.get("format", [None])[0] or None
        client = request.client.host if request.client else "-"
        return _response(await pool.run(client, queries[0], request.headers.get("accept"),
                                        fmt))

    async def sparql(request):
        params = query_params(request)
        if request.method in ("GET", "HEAD"):
            return await answer(request, params)
        if request.method == "OPTIONS":
            return _response(Response(204, "text/plain; charset=utf-8", b"",
                                      (("Allow", _ALLOW),)))
        body = await _read_body(request, config)
        if not isinstance(body, bytes):
            return body
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        text = body.decode("utf-8", "replace")
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif content_type == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif content_type == "application/sparql-update":
            return _response(text_response(400, "updates are refused: this endpoint is "
                                                "read-only"))
        else:
            return _response(text_response(415, "send application/sparql-query or a form"))
        return await answer(request, params)

    async def page(request):
        example = query_params(request).get("example", [None])[0]
        return _response(Response(200, "text/html; charset=utf-8",
                                  html_page(example).encode("utf-8")), PAGE_HEADERS)

    async def not_found(request, exc):
        return _response(text_response(404, "not found: the SPARQL endpoint is /sparql"))

    async def not_allowed(request, exc):
        return _response(text_response(405, "this endpoint answers GET and POST only"))

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(config.hosts),
                             www_redirect=False)]
    if config.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept"], max_age=600))
    return Starlette(routes=[Route("/", page, methods=["GET"]),
                             Route("/sparql", sparql, methods=["GET", "POST", "OPTIONS"])],
                     middleware=middleware,
                     exception_handlers={404: not_found, 405: not_allowed})


class EndpointServer:
    """The bound endpoint with its worker pool: :meth:`serve_forever` runs it (in the main
    thread it stops on SIGINT/SIGTERM), :meth:`shutdown` stops it from another thread,
    :meth:`server_close` also stops the workers."""

    def __init__(self, config: ServeConfig, pool: QueryPool, sock: socket.socket | None = None,
                 *, verbose: bool = False):
        import uvicorn

        self.config, self.pool = config, pool
        self.socket = sock or bind(config.host, config.port)
        self.ready, self._done = threading.Event(), threading.Event()
        self._serving = False
        self.on_ready: Callable[[EndpointServer], None] | None = None
        endpoint = self

        class Server(uvicorn.Server):
            async def startup(self, sockets=None):
                await super().startup(sockets)
                if self.started:
                    endpoint.ready.set()
                    if endpoint.on_ready:
                        endpoint.on_ready(endpoint)

        self._server = Server(uvicorn.Config(
            create_app(config, pool), http=protocol_class(config.read_timeout, MAX_HEAD),
            loop=loop_name(), ws="none", lifespan="off",
            log_level="info" if verbose else "warning", access_log=verbose,
            limit_concurrency=config.max_connections, timeout_keep_alive=5,
            timeout_graceful_shutdown=int(config.timeout) + 2, server_header=False,
            h11_max_incomplete_event_size=MAX_HEAD))

    @property
    def server_address(self) -> tuple[str, int]:
        return self.socket.getsockname()[:2]

    @property
    def url(self) -> str:
        host, port = self.server_address
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"

    def serve_forever(self) -> None:
        self._serving = True
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._done.set()

    def start(self) -> EndpointServer:
        """Serve from a background thread; returns once the endpoint answers."""
        threading.Thread(target=self.serve_forever, daemon=True, name="credgraph-serve").start()
        if not self.ready.wait(60):
            raise StoreError("the endpoint did not start")
        return self

    def shutdown(self) -> None:
        """Stop serving (from another thread) and wait until it has."""
        self._server.should_exit = True
        if self._serving:
            self._done.wait(self.config.timeout + 10)

    def server_close(self) -> None:
        self.socket.close()
        self.pool.close()


def make_server(opener: StoreOpener, config: ServeConfig = ServeConfig(), *,
                verbose: bool = False) -> EndpointServer:
    """Bind the endpoint and start the workers (``serve_forever`` or ``start`` runs it)."""
    sock = bind(config.host, config.port)  # a port in use fails before workers start
    try:
        pool = QueryPool(opener, workers=config.workers, timeout=config.timeout,
                         max_rows=config.max_rows, per_client=config.per_client,
                         queue=config.queue)
    except BaseException:
        sock.close()
        raise
    try:
        return EndpointServer(config, pool, sock, verbose=verbose)
    except BaseException:
        sock.close()
        pool.close()
        raise
