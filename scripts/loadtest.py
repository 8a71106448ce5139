"""Load test of ``credgraph serve``: the bundled queries from several concurrent clients.

Bounded in count (``--requests``) and time (``--duration``), loopback only: without
``--url`` it starts its own endpoint on 127.0.0.1 over the bundled corpus and stops it
after; a ``--url`` must name 127.0.0.1, ::1 or localhost. It reports requests per second,
latency and errors, overall and per query, and exits 1 when any request failed.

    python scripts/loadtest.py --clients 4 --requests 800
    python scripts/loadtest.py --url http://127.0.0.1:7070/sparql --duration 20
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

LOOPBACK_NAMES = {"localhost"}
HEADERS = {"Content-Type": "application/sparql-query",
           "Accept": "application/sparql-results+json, text/turtle;q=0.9"}


def is_loopback(url: str) -> bool:
    """Whether *url* is http(s) to a loopback address (no name is resolved).

    >>> is_loopback("http://127.0.0.1:7070/sparql"), is_loopback("http://example.org/")
    (True, False)
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def workload() -> list[tuple[str, str]]:
    """(name, query) for every bundled query, parameters bound to their examples."""
    from credgraph.sparql import bundled_queries

    return [(name, q.example()) for name, q in bundled_queries().items()]


def run(url: str, queries, *, clients: int, requests: int, duration: float,
        timeout: float) -> dict:
    """Send up to *requests* queries from *clients* threads for at most *duration* s."""
    lock = threading.Lock()
    sent = 0
    samples: list[tuple[str, float, str]] = []  # (query name, seconds, outcome)
    deadline = time.monotonic() + duration

    def client(offset: int) -> None:
        nonlocal sent
        turn = offset
        while time.monotonic() < deadline:
            with lock:
                if sent >= requests:
                    return
                sent += 1
            name, text = queries[turn % len(queries)]
            turn += 1
            request = urllib.request.Request(url, data=text.encode("utf-8"), method="POST",
                                             headers=HEADERS)
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    response.read()
                    outcome = str(response.status)
            except urllib.error.HTTPError as exc:
                outcome = str(exc.code)
            except OSError as exc:
                outcome = type(exc).__name__
            with lock:
                samples.append((name, time.monotonic() - started, outcome))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + timeout + 5)
    return {"elapsed": time.monotonic() - started, "samples": samples, "clients": clients}


def _ms(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    return 1000 * statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] \
        if len(values) > 1 else 1000 * values[0]


def report(stats: dict) -> str:
    """The figures as text: overall, then per query."""
    samples, elapsed = stats["samples"], stats["elapsed"]
    errors = [s for s in samples if s[2] != "200"]
    times = [s[1] for s in samples]
    by_outcome: dict[str, int] = {}
    for s in errors:
        by_outcome[s[2]] = by_outcome.get(s[2], 0) + 1
    lines = [f"{len(samples)} requests from {stats['clients']} clients in {elapsed:.2f} s: "
             f"{len(samples) / elapsed:.1f} requests/s, {len(errors)} errors "
             f"{by_outcome or ''}".rstrip(),
             f"latency ms: p50 {_ms(times, 50):.1f}, p95 {_ms(times, 95):.1f}, "
             f"max {1000 * max(times, default=0):.1f}",
             f"{'query':<24}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}"]
    for name in sorted({s[0] for s in samples}):
        mine = [s for s in samples if s[0] == name]
        spent = [s[1] for s in mine]
        lines.append(f"{name:<24}{len(mine):>9}{sum(s[2] != '200' for s in mine):>8}"
                     f"{_ms(spent, 50):>9.1f}{_ms(spent, 95):>9.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running endpoint on loopback (default: start one)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400, help="at most this many")
    parser.add_argument("--duration", type=float, default=30.0, help="at most this long (s)")
    parser.add_argument("--timeout", type=float, default=10.0, help="per request (s)")
    parser.add_argument("--workers", type=int, default=2, help="for the endpoint it starts")
    args = parser.parse_args(argv)
    if not (0 < args.clients <= 64 and 0 < args.requests <= 100_000 and 0 < args.duration <= 600):
        parser.error("keep it bounded: 1-64 clients, 1-100000 requests, 1-600 s")
    server = None
    if args.url is None:
        from credgraph.server import ServeConfig, make_server, worker_factory
        from credgraph.loading import open_for_query

        server = make_server(worker_factory(open_for_query("oxigraph")),
                             ServeConfig(port=0, workers=args.workers, timeout=args.timeout))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = server.url
    elif is_loopback(args.url):
        url = args.url
    else:
        print(f"refused: {args.url} is not a loopback address", file=sys.stderr)
        return 2
    try:
        stats = run(url, workload(), clients=args.clients, requests=args.requests,
                    duration=args.duration, timeout=args.timeout)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    where = f"started here, {args.workers} worker process(es)" if server else "running"
    print(f"endpoint {url} ({where}); this machine has {os.cpu_count()} CPU(s)")
    print(report(stats))
    return 1 if any(s[2] != "200" for s in stats["samples"]) else 0


if __name__ == "__main__":
    sys.exit(main())
