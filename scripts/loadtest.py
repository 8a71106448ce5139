"""Load test of ``credgraph serve``: the bundled queries from several concurrent clients.

Bounded in count (``--requests``) and time (``--duration``), loopback only: without
``--url`` it starts its own endpoint on 127.0.0.1 over the bundled corpus and stops it
after; a ``--url`` must name 127.0.0.1, ::1 or localhost. Each client is its own address
(127.0.0.2, 127.0.0.3, ...: the endpoint is fair per address) on one kept-alive connection.
It reports requests per second, latency (p50, p95, p99) and errors, overall and per query,
and exits 1 when any request failed.

``--compare`` runs ``credgraph serve`` and ``oxigraph serve-read-only`` (the ``oxigraph``
package) side by side on the same on-disk store, with the same queries, at each
``--clients`` count, and prints one table:

    python scripts/loadtest.py --clients 4 --requests 800
    python scripts/loadtest.py --url http://127.0.0.1:7070/sparql --duration 20
    python scripts/loadtest.py --compare --clients 4 16 --requests 3000
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
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


def _source(index: int, host: str) -> tuple[str, int] | None:
    """Client *index*'s own source address: 127.0.0.(2+index) towards an IPv4 loopback."""
    try:
        if ipaddress.ip_address(host).version == 4:
            return (f"127.0.0.{2 + index % 250}", 0)
    except ValueError:
        pass
    return None


def run(url: str, queries, *, clients: int, requests: int, duration: float,
        timeout: float) -> dict:
    """Send up to *requests* queries from *clients* threads for at most *duration* s."""
    parts = urlsplit(url)
    path = parts.path or "/"
    lock = threading.Lock()
    sent = 0
    samples: list[tuple[str, float, str]] = []  # (query name, seconds, outcome)
    deadline = time.monotonic() + duration

    def client(offset: int) -> None:
        nonlocal sent
        turn, connection = offset, None
        while time.monotonic() < deadline:
            with lock:
                if sent >= requests:
                    break
                sent += 1
            name, text = queries[turn % len(queries)]
            turn += 1
            started = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(
                        parts.hostname, parts.port, timeout=timeout,
                        source_address=_source(offset, parts.hostname))
                connection.request("POST", path, body=text.encode("utf-8"), headers=HEADERS)
                response = connection.getresponse()
                response.read()
                outcome = str(response.status)
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as exc:
                outcome = type(exc).__name__
                if connection is not None:
                    connection.close()
                connection = None
            with lock:
                samples.append((name, time.monotonic() - started, outcome))
        if connection is not None:
            connection.close()

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


def summary(stats: dict) -> dict:
    """Throughput, latency percentiles and errors of one run."""
    samples, elapsed = stats["samples"], stats["elapsed"]
    times = [s[1] for s in samples]
    errors: dict[str, int] = {}
    for s in samples:
        if s[2] != "200":
            errors[s[2]] = errors.get(s[2], 0) + 1
    return {"requests": len(samples), "rps": len(samples) / elapsed if elapsed else 0.0,
            "p50": _ms(times, 50), "p95": _ms(times, 95), "p99": _ms(times, 99),
            "max": 1000 * max(times, default=0), "errors": errors}


def report(stats: dict) -> str:
    """The figures as text: overall, then per query."""
    samples, elapsed, s = stats["samples"], stats["elapsed"], summary(stats)
    lines = [f"{s['requests']} requests from {stats['clients']} clients in {elapsed:.2f} s: "
             f"{s['rps']:.1f} requests/s, {sum(s['errors'].values())} errors "
             f"{s['errors'] or ''}".rstrip(),
             f"latency ms: p50 {s['p50']:.1f}, p95 {s['p95']:.1f}, p99 {s['p99']:.1f}, "
             f"max {s['max']:.1f}",
             f"{'query':<24}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"]
    for name in sorted({x[0] for x in samples}):
        mine = [x for x in samples if x[0] == name]
        spent = [x[1] for x in mine]
        lines.append(f"{name:<24}{len(mine):>9}{sum(x[2] != '200' for x in mine):>8}"
                     f"{_ms(spent, 50):>9.1f}{_ms(spent, 95):>9.1f}{_ms(spent, 99):>9.1f}")
    return "\n".join(lines)


# -- side by side ------------------------------------------------------------------------------

def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process *pid* and all its descendants, from /proc (Linux;
    0.0 elsewhere): what a server spent, whatever else runs on the machine."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 120.0) -> None:
    parts, deadline = urlsplit(url), time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            connection.request("POST", parts.path, body=b"ASK {}", headers=HEADERS)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds:g} s")


def _oxigraph_command() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable)
                                                                          .parent))
    if not found:
        raise SystemExit("oxigraph is not installed (pip install oxigraph)")
    return found


def compare(args) -> int:
    """credgraph serve and oxigraph serve-read-only on one store, each client count."""
    with tempfile.TemporaryDirectory(prefix="credgraph-loadtest-") as scratch:
        store = Path(args.store) if args.store else Path(scratch) / "store"
        if not args.store:
            from credgraph.embedded import OxigraphStore
            from credgraph.loading import load

            target = OxigraphStore(store)
            load(None, target)
            target.close()
        port = _free_port()
        servers = {
            "oxigraph serve-read-only": (
                [_oxigraph_command(), "serve-read-only", "--location", str(store), "--bind",
                 f"127.0.0.1:{port}", "--union-default-graph"],
                f"http://127.0.0.1:{port}/query"),
        }
        cg_port = _free_port()
        servers["credgraph serve"] = (
            [sys.executable, "-m", "credgraph.cli", "serve", "--store", f"oxigraph:{store}",
             "--port", str(cg_port), "--workers", str(args.workers), "--timeout",
             str(args.timeout)], f"http://127.0.0.1:{cg_port}/sparql")
        processes = []
        try:
            pids = {}
            for name, (command, url) in servers.items():
                processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                                  stderr=subprocess.DEVNULL))
                pids[name] = processes[-1].pid
            for _, url in servers.values():
                _wait_for(url)
            rows = []
            for clients in args.clients:
                for rnd in range(args.rounds):
                    order = list(servers) if rnd % 2 == 0 else list(reversed(servers))
                    for name in order:
                        cpu = _cpu_seconds(pids[name])
                        stats = run(servers[name][1], workload(), clients=clients,
                                    requests=args.requests, duration=args.duration,
                                    timeout=args.timeout)
                        row = summary(stats)
                        row["cpu"] = 1000 * (_cpu_seconds(pids[name]) - cpu) / max(
                            1, row["requests"])
                        rows.append((name, clients, row))
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), Python "
          f"{platform.python_version()}; store {store}; credgraph serve --workers "
          f"{args.workers}; {args.requests} requests a run, {args.rounds} round(s)")
    print("| server | clients | requests/s | p50 ms | p95 ms | p99 ms | server CPU ms a "
          "request | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, clients, s in rows:
        print(f"| {name} | {clients} | {s['rps']:.0f} | {s['p50']:.1f} | {s['p95']:.1f} | "
              f"{s['p99']:.1f} | {s['cpu']:.2f} | {sum(s['errors'].values())} |")
    for clients in args.clients:
        ours = [s for n, c, s in rows if c == clients and n == "credgraph serve"]
        theirs = [s for n, c, s in rows if c == clients and n != "credgraph serve"]
        rps = statistics.mean(s["rps"] for s in ours) / statistics.mean(s["rps"] for s in theirs)
        p99 = statistics.mean(s["p99"] for s in ours) / statistics.mean(s["p99"] for s in theirs)
        cpu = statistics.mean(s["cpu"] for s in ours) / max(
            1e-9, statistics.mean(s["cpu"] for s in theirs))
        print(f"{clients} clients: credgraph/oxigraph throughput {rps:.2f}x, p99 {p99:.2f}x, "
              f"server CPU a request {cpu:.2f}x")
    return 1 if any(s["errors"] for _, _, s in rows) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running endpoint on loopback (default: start one)")
    parser.add_argument("--compare", action="store_true",
                        help="credgraph serve against oxigraph serve-read-only, one store")
    parser.add_argument("--store", help="with --compare: an existing on-disk Oxigraph store "
                                        "(default: the bundled corpus loaded into a new one)")
    parser.add_argument("--clients", type=int, nargs="+", default=[4])
    parser.add_argument("--requests", type=int, default=400, help="at most this many a run")
    parser.add_argument("--duration", type=float, default=30.0, help="at most this long (s)")
    parser.add_argument("--timeout", type=float, default=10.0, help="per request (s)")
    parser.add_argument("--workers", type=int, default=2, help="for the endpoint it starts")
    parser.add_argument("--rounds", type=int, default=2, help="with --compare: runs a server")
    args = parser.parse_args(argv)
    if not (all(0 < c <= 64 for c in args.clients) and 0 < args.requests <= 100_000
            and 0 < args.duration <= 600 and 0 < args.rounds <= 10):
        parser.error("keep it bounded: 1-64 clients, 1-100000 requests, 1-600 s, 1-10 rounds")
    if args.compare:
        return compare(args)
    server = None
    if args.url is None:
        from credgraph.loading import open_for_query
        from credgraph.server import ServeConfig, make_server, worker_factory

        server = make_server(worker_factory(open_for_query("oxigraph")),
                             ServeConfig(port=0, workers=args.workers, timeout=args.timeout))
        server.start()
        url = server.url
    elif is_loopback(args.url):
        url = args.url
    else:
        print(f"refused: {args.url} is not a loopback address", file=sys.stderr)
        return 2
    failed = False
    try:
        for clients in args.clients:
            stats = run(url, workload(), clients=clients, requests=args.requests,
                        duration=args.duration, timeout=args.timeout)
            where = f"started here, {args.workers} worker process(es)" if server else "running"
            print(f"endpoint {url} ({where}); this machine has {os.cpu_count()} CPU(s)")
            print(report(stats))
            failed = failed or any(s[2] != "200" for s in stats["samples"])
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
