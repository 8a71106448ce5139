"""What runs in a query worker of ``credgraph serve``: one query checked, run and answered.

A worker process (:func:`serve_queries`) leaves the network where the kernel allows
(:func:`isolate_from_network`), opens the store read-only (:func:`worker_factory` says how)
and answers the queries its pipe brings, one at a time, with :func:`execute`: the check
(:func:`credgraph.query_policy.read_only_query`), the engine, and the result written in the
format asked for. The parent's side, the deadline and the fair hand-out, is
:mod:`credgraph.query_pool`.

>>> from credgraph.store import MemoryStore
>>> opener = worker_factory(MemoryStore())
>>> execute(opener(), "SELECT ?x WHERE { VALUES ?x { 1 } }", "text/csv", None, 10)
Response(status=200, content_type='text/csv; charset=utf-8', body=b'x\\r\\n1\\r\\n', headers=())
>>> execute(opener(), "ASK {}", "image/png", None, 10).status
406
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from .embedded import OxigraphStore
from .errors import QueryError, StoreError
from .query_policy import read_only_query
from .remote import RemoteStore
from .results import RESULT_FORMATS, TooManyRows, get_result_format, negotiate
from .store import Store
from .vocab import PREFIXES

__all__ = ["Response", "text_response", "StoreOpener", "worker_factory", "execute",
           "isolate_from_network", "serve_queries", "log"]

_TEXT = "text/plain; charset=utf-8"
_NATIVE = frozenset({"json", "xml", "csv", "tsv"})
"""Results formats Oxigraph writes itself (a plugin's format goes through QueryResult)."""
_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items()}


class Response(NamedTuple):
    """An HTTP answer: status, content type, body, extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def text_response(status: int, message: str, headers=()) -> Response:
    """A plain-text answer."""
    return Response(status, _TEXT, (message.rstrip() + "\n").encode("utf-8"), tuple(headers))


@dataclass(frozen=True)
class StoreOpener:
    """How a worker process opens the store: picklable, called with no arguments."""

    open: Callable[[], Store]
    network: bool = False
    """Whether the store itself is reached over the network (a remote SPARQL server)."""

    def __call__(self) -> Store:
        return self.open()


def _snapshot(nquads: str) -> Store:
    store = OxigraphStore()
    store.load_dump(nquads)
    return store


def worker_factory(store: Store) -> StoreOpener:
    """How a worker process opens *store*.

    A remote store is reopened by URL (with its profile and credentials) and an on-disk
    Oxigraph store read-only by path (the given handle is closed, so that only readers hold
    it); anything else is copied, as N-Quads, into an in-memory Oxigraph store in each
    worker.
    """
    if isinstance(store, RemoteStore):
        return StoreOpener(partial(type(store), store.url, timeout=store.timeout,
                                   credentials=store.credentials), network=True)
    if isinstance(store, OxigraphStore) and store.path is not None:
        path = store.path
        store.close()
        return StoreOpener(partial(OxigraphStore, path, read_only=True))
    return StoreOpener(partial(_snapshot, store.dump()))


def log(message: str) -> None:
    print(f"credgraph serve: {message}", file=sys.stderr, flush=True)


def execute(store: Store, query: str, accept: str | None, fmt: str | None,
            max_rows: int) -> Response:
    """Check, run and serialise one query (in a worker process); never raises.

    What the check or the result format says is answered in full; what the engine or the
    store behind it says is not (it may hold a remote server's body), only logged.
    """
    try:
        checked = read_only_query(query)
        chosen = get_result_format(fmt, checked.kind) if fmt else negotiate(accept, checked.kind)
    except QueryError as exc:
        return text_response(400, str(exc))
    if chosen is None:
        offered = [f.media_type for f in RESULT_FORMATS.values() if checked.kind in f.kinds]
        return text_response(406, f"cannot answer in {accept!r}; this query gives "
                                  f"{', '.join(offered)}")
    try:
        if checked.kind == "graph" and isinstance(store, OxigraphStore):
            body = store.graph_bytes(checked.text, chosen.media_type, max_rows=max_rows,
                                     prefixes=_PREFIXES)  # the engine's own writer: faster
        elif isinstance(store, OxigraphStore) and chosen.name in _NATIVE:
            body = store.solutions_bytes(checked.text, chosen.media_type, max_rows=max_rows)
            body += b"\n" if chosen.name == "json" else b""
        else:
            body = store.query(checked.text, max_rows=max_rows).serialize(chosen).encode("utf-8")
    except TooManyRows as exc:
        return text_response(400, str(exc))
    except QueryError as exc:
        log(f"the engine refused a checked query: {exc}")
        return text_response(400, "the engine refused the query, which passed the endpoint's "
                                  "check; rephrase it")
    except StoreError as exc:
        log(f"the store failed: {exc}")
        return text_response(502, "the store behind this endpoint did not answer; try again "
                                  "later")
    except Exception as exc:  # an engine failure: report it, keep the worker alive
        log(f"the query failed: {type(exc).__name__}: {exc}")
        return text_response(500, "the query failed inside the engine")
    return Response(200, f"{chosen.media_type}; charset=utf-8", body)


def isolate_from_network() -> bool:
    """Move this process into a new, empty network namespace (Linux): its only device is a
    loopback that is down, so nothing it runs can connect anywhere. Needs root or
    unprivileged user namespaces, and a process with one thread; False where not allowed."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    flags = clone_newnet if os.geteuid() == 0 else clone_newuser | clone_newnet
    try:
        return ctypes.CDLL(None, use_errno=True).unshare(flags) == 0
    except (OSError, AttributeError):
        return False


def serve_queries(conn, opener: StoreOpener, max_rows: int) -> None:
    """A worker process: leave the network, open the store, answer queries until the pipe
    closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    isolated = None if opener.network else isolate_from_network()
    try:
        store = opener()
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            query, accept, fmt = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(tuple(execute(store, query, accept, fmt, max_rows)))
