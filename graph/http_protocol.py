"""The HTTP/1.1 protocol ``credgraph serve`` runs on uvicorn: its fast one (httptools,
llhttp's parser in C) with the limits uvicorn leaves out, and the socket it listens on.

uvicorn has no deadline for a request's head and, on httptools, no cap on its size. Here:

- a connection whose request line and headers have not all arrived *head_timeout* seconds
  after it opened (or after its previous answer) is closed: a client sending its head a
  byte at a time holds nothing for long;
- a head over *max_head* bytes (64 KiB) is answered ``431`` and the connection closed,
  counted as it arrives (a head that never ends is not buffered for ever) and again, exactly,
  once it is whole;
- the body is the application's to read within its own limits (:mod:`credgraph.server`).

uvicorn's h11 protocol, with the same deadline, is used where httptools is not installed
(h11 caps the head itself).

>>> protocol_class(1.0).__name__ in ("TimedHttpTools", "TimedH11")
True
"""

from __future__ import annotations

import ipaddress
import socket

from .errors import InputError

__all__ = ["MAX_HEAD", "protocol_class", "loop_name", "bind"]

MAX_HEAD = 64 * 1024
"""Bytes a request's line and headers may take."""

_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; "
              b"charset=utf-8\r\ncontent-length: 31\r\nconnection: close\r\n\r\n"
              b"the request head is too large\r\n")


class _Deadline:
    """The head deadline, mixed into a uvicorn protocol (``self.loop``, ``self.transport``)."""

    head_timeout = 10.0
    _head_timer = None

    def _arm(self):
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_timeout, self._late)

    def _disarm(self):
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _late(self):
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport):
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self):
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None
                                                or self.cycle.response_complete):
            self._arm()

    def connection_lost(self, exc):
        self._disarm()
        super().connection_lost(exc)


def _timed_httptools(head_timeout: float, max_head: int):
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class _HeadTooLarge(Exception):
        pass

    class TimedHttpTools(_Deadline, HttpToolsProtocol):
        _in_head = True  # from a message's first byte to the end of its headers
        _head_bytes = 0
        _too_large = False

        def data_received(self, data):
            super().data_received(data)
            if self._in_head and not self._too_large and not self.transport.is_closing():
                self._head_bytes += len(data)  # an over-count when a head began mid-chunk
                if self._head_bytes > max_head:
                    self._refuse()

        def _refuse(self):
            self._too_large = True
            self._disarm()
            self.transport.write(_TOO_LARGE)
            self.transport.close()

        def send_400_response(self, msg):
            if self._too_large:  # raised by on_headers_complete below
                return self._refuse()
            super().send_400_response(msg)

        def on_message_begin(self):
            self._in_head, self._head_bytes = True, 0
            super().on_message_begin()

        def on_headers_complete(self):
            self._in_head = False
            self._disarm()
            if len(self.url) + sum(len(n) + len(v) + 4 for n, v in self.headers) > max_head:
                self._too_large = True
                raise _HeadTooLarge
            super().on_headers_complete()

    TimedHttpTools.head_timeout = head_timeout
    return TimedHttpTools


def _timed_h11(head_timeout: float):
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11(_Deadline, H11Protocol):
        def handle_events(self):
            cycle = self.cycle
            super().handle_events()
            if self.cycle is not cycle:  # a request's head arrived whole
                self._disarm()

    TimedH11.head_timeout = head_timeout
    return TimedH11


def protocol_class(head_timeout: float, max_head: int = MAX_HEAD):
    """uvicorn's httptools protocol with the head deadline and size cap, or its h11
    protocol with the deadline when httptools is not installed."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return _timed_h11(head_timeout)
    return _timed_httptools(head_timeout, max_head)


def loop_name() -> str:
    """``uvloop`` where it is installed (not on Windows), else ``asyncio``."""
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on *host*:*port*, Nagle's algorithm off."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:  # a name: what it resolves to first
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    # proto IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on such sockets,
    # and with it on, each answer on a kept-alive connection waits for a delayed ACK (40 ms)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock
