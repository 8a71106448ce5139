"""The query workers of ``credgraph serve``: processes with a hard deadline, shared fairly.

Each query is checked (:func:`credgraph.query_policy.read_only_query`), run and serialised
in a worker process. Past the deadline the worker is killed and replaced, and the answer
is ``503`` (the engine's own timeout answered ``200`` with a truncated body). A worker
holds the store read-only and, where the kernel allows, sits in an empty network namespace
of its own (:func:`isolate_from_network`): even a query that got past the check could not
reach anything.

Fairness: a client (by address) has at most *per_client* queries running; its further
queries wait, FIFO with everyone else's, in a queue of *queue* places of which one client
holds at most a quarter. A full queue, or a wait longer than the deadline, is ``503`` with
``Retry-After``.

>>> from credgraph.store import MemoryStore
>>> opener = worker_factory(MemoryStore())
>>> execute(opener(), "SELECT ?x WHERE { VALUES ?x { 1 } }", "text/csv", None, 10)
Response(status=200, content_type='text/csv; charset=utf-8', body=b'x\\r\\n1\\r\\n', headers=())
>>> execute(opener(), "ASK {}", "image/png", None, 10).status
406
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import signal
import sys
import threading
from collections import Counter, deque
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
           "isolate_from_network", "QueryPool"]

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


def _log(message: str) -> None:
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
        _log(f"the engine refused a checked query: {exc}")
        return text_response(400, "the engine refused the query, which passed the endpoint's "
                                  "check; rephrase it")
    except StoreError as exc:
        _log(f"the store failed: {exc}")
        return text_response(502, "the store behind this endpoint did not answer; try again "
                                  "later")
    except Exception as exc:  # an engine failure: report it, keep the worker alive
        _log(f"the query failed: {type(exc).__name__}: {exc}")
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


def _worker(conn, opener: StoreOpener, max_rows: int) -> None:
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


class _WorkerFailed(Exception):
    """The worker's pipe broke: it died."""


class _Worker:
    """A worker process and the parent's end of its pipe, watched by one event loop for the
    whole of the worker's life (no registration a query: two system calls fewer each)."""

    __slots__ = ("process", "conn", "loop", "answer")

    def __init__(self, process: multiprocessing.Process, conn):
        self.process, self.conn = process, conn
        self.loop: asyncio.AbstractEventLoop | None = None
        """The loop watching the pipe, once a query was sent."""
        self.answer: asyncio.Future | None = None
        """Set when the pipe is readable while a query runs."""

    def watch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Have *loop* tell :attr:`answer` when the pipe becomes readable."""
        fd = self.conn.fileno()
        loop.add_reader(fd, self._readable)
        os.set_blocking(fd, True)  # uvloop's add_reader makes it non-blocking: a long answer
        self.loop = loop           # would be read in part (the worker writes it at once)

    def _readable(self) -> None:
        if self.answer is None:  # readable while idle: the worker died. Stop watching (the
            self.unwatch()       # pipe stays readable); the next query finds the break
        elif not self.answer.done():
            self.answer.set_result(None)

    def unwatch(self) -> None:
        loop, self.loop = self.loop, None
        if loop is not None and not loop.is_closed():
            loop.remove_reader(self.conn.fileno())

    def close(self) -> None:
        """Close the pipe, first taking it off its loop (in the loop's thread)."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return self.conn.close()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop or not loop.is_running():
            self.unwatch()
            return self.conn.close()

        def close_there():
            self.unwatch()
            self.conn.close()
        loop.call_soon_threadsafe(close_there)


class QueryPool:
    """Worker processes that run queries under a hard time limit, killed when over it, and
    handed out fairly among clients (:meth:`run`, from an asyncio loop)."""

    def __init__(self, opener: StoreOpener, *, workers: int = 2, timeout: float = 10.0,
                 max_rows: int = 10_000, per_client: int = 1, queue: int = 32,
                 startup: float = 120.0):
        self._ctx = multiprocessing.get_context("spawn")  # no fork: the parent has threads
        self._opener, self._max_rows = opener, max_rows
        self.timeout, self._startup = timeout, startup
        self.per_client, self.queue = per_client, queue
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._waiting: deque[tuple[str, asyncio.Future]] = deque()
        self._running: Counter[str] = Counter()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self.isolated: bool | None = None
        """Whether the workers are cut off from the network (None: not known yet)."""
        started = [self._spawn() for _ in range(workers)]
        try:
            for worker in started:
                self._idle.append(self._await_ready(worker))
        except StoreError:
            self.close()
            raise

    # -- the processes -------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker, args=(child, self._opener, self._max_rows),
                                    daemon=True, name="credgraph-query")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._live.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> _Worker:
        if not worker.conn.poll(self._startup):
            self._kill(worker)
            raise StoreError("a query worker did not start in time")
        try:
            state, detail = worker.conn.recv()
        except (EOFError, OSError):
            state, detail = "failed", "it exited"
        if state != "ready":
            self._kill(worker)
            raise StoreError(f"a query worker cannot open the store: {detail}")
        if detail is not None:  # None: a store reached over the network, not cut off
            self.isolated = detail if self.isolated is None else self.isolated and detail
        return worker

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background, handed to the loop when ready."""
        self._kill(worker)
        if self._closed:
            return
        loop = self._loop

        def start():
            try:
                fresh = self._await_ready(self._spawn())
            except StoreError as exc:
                return _log(str(exc))
            if self._closed or loop is None or loop.is_closed():
                return self._kill(fresh)
            loop.call_soon_threadsafe(self._release, fresh)

        threading.Thread(target=start, daemon=True).start()

    # -- fair hand-out -------------------------------------------------------------------------

    def _busy(self, why: str) -> Response:
        wait = max(1, math.ceil(min(self.timeout, 10.0)))
        return text_response(503, f"{why}; try again in {wait} s",
                             [("Retry-After", str(wait))])

    def _dispatch(self) -> None:
        """Give idle workers to the first waiting queries whose clients may run one more."""
        while self._idle and self._waiting:
            for i, (client, future) in enumerate(self._waiting):
                if future.done():
                    continue
                if not self.per_client or self._running[client] < self.per_client:
                    break
            else:
                break
            del self._waiting[i]
            self._running[client] += 1
            future.set_result(self._idle.pop())
        while self._waiting and self._waiting[0][1].done():  # timed out at the head
            self._waiting.popleft()

    def _release(self, worker: _Worker | None, client: str | None = None) -> None:
        if client is not None:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
        if worker is not None:
            if self._closed:
                self._kill(worker)
            else:
                self._idle.append(worker)
        self._dispatch()

    async def _acquire(self, client: str) -> _Worker | Response:
        waiting = [c for c, f in self._waiting if not f.done()]
        if len(waiting) >= self.queue:
            return self._busy("every worker is busy and the queue is full")
        if waiting.count(client) >= max(1, self.queue // 4):
            return self._busy("this client has too many queries waiting")
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((client, future))
        self._dispatch()
        if future.done():  # a worker was idle: no wait, no timer
            return future.result()
        try:
            async with asyncio.timeout(self.timeout):
                return await asyncio.shield(future)
        except TimeoutError:
            if future.done():  # handed a worker just as the wait ended: use it
                return future.result()
            future.cancel()
            return self._busy(f"no worker was free within {self.timeout:g} s")

    async def run(self, client: str, query: str, accept: str | None = None,
                  fmt: str | None = None) -> Response:
        """Answer one query for *client* (an address): the worker's answer, or 503 when no
        worker is free in time or the query runs over the time limit."""
        self._loop = asyncio.get_running_loop()
        worker = await self._acquire(client)
        if isinstance(worker, Response):
            return worker
        try:
            answer = await self._ask(worker, (query, accept, fmt))
        except _WorkerFailed:
            self._replace(worker)
            self._release(None, client)
            return text_response(503, "the query worker failed; try again")
        except BaseException:
            self._replace(worker)  # cancelled (the client left): its state is unknown
            self._release(None, client)
            raise
        if answer is None:
            self._replace(worker)
            self._release(None, client)
            return text_response(503, f"the query ran longer than {self.timeout:g} s and was "
                                      "stopped; narrow it or add a LIMIT")
        self._release(worker, client)
        return answer

    async def _ask(self, worker: _Worker, message) -> Response | None:
        """Send *message* to *worker* and wait for its answer; None past the time limit."""
        loop = asyncio.get_running_loop()
        if worker.loop is not loop:
            worker.unwatch()
            worker.watch(loop)
        worker.answer = readable = loop.create_future()
        try:
            worker.conn.send(message)
            async with asyncio.timeout(self.timeout):
                await readable
            return Response(*worker.conn.recv())
        except TimeoutError:
            return None
        except (EOFError, OSError):
            raise _WorkerFailed from None
        finally:
            worker.answer = None

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._live)
        for worker in workers:
            self._kill(worker)
        self._idle.clear()
