"""The query workers of ``credgraph serve`` seen from the endpoint: processes with a hard
deadline, shared fairly.

Each query is checked, run and serialised in a worker process
(:mod:`credgraph.query_worker`). Past the deadline the worker is killed and replaced, and
the answer is ``503`` (the engine's own timeout answered ``200`` with a truncated body). A
worker holds the store read-only and, where the kernel allows, sits in an empty network
namespace of its own: even a query that got past the check could not reach anything.

Fairness: a client (by address) has at most *per_client* queries running; its further
queries wait, FIFO with everyone else's, in a queue of *queue* places of which one client
holds at most a quarter. A full queue, or a wait longer than the deadline, is ``503`` with
``Retry-After``.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import threading
from collections import Counter, deque

from .errors import StoreError
from .query_worker import Response, StoreOpener, log, serve_queries, text_response

__all__ = ["QueryPool"]

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
        process = self._ctx.Process(target=serve_queries, args=(child, self._opener, self._max_rows),
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
                return log(str(exc))
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
