"""``credgraph serve`` against hostile clients, each test on a real server on 127.0.0.1.

The Host header (DNS rebinding), a head sent slowly or never, a body shorter than its
Content-Length, too many connections, one client's slow queries against another's fast
one, a full queue, upstream errors that must not echo their payload nor tell an open port
from a closed one, and workers cut off from the network. Every client here is bounded in
count and in time, and talks to 127.0.0.x only.
"""

from __future__ import annotations

import http.client
import json
import http.server
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from credgraph.loading import open_for_query
from credgraph.query_worker import isolate_from_network
from credgraph.remote import RemoteStore
from credgraph.server import ServeConfig, make_server, worker_factory

ASK = "/sparql?" + urlencode({"query": "ASK {}"})
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""Runs far past any deadline here (a cartesian product of the store)."""


def _serve(store=None, **config):
    store = store if store is not None else open_for_query("oxigraph")
    return make_server(worker_factory(store), ServeConfig(port=0, **config)).start()


@pytest.fixture(scope="module")
def quick():
    """An endpoint with short read limits and a small connection cap."""
    server = _serve(read_timeout=1.0, max_connections=6, workers=1,
                    allowed_hosts=("data.example.org", "*.lab.example"))
    yield server
    server.shutdown()
    server.server_close()


def get(server, path=ASK, headers=None, source="127.0.0.1", method="GET", body=None,
        timeout=30):
    """(status, headers, body) of one exchange from *source*, a 127.0.0.x address."""
    host, port = server.server_address
    connection = http.client.HTTPConnection(host, port, timeout=timeout,
                                            source_address=(source, 0))
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    payload = response.read().decode("utf-8")
    connection.close()
    return response.status, response.headers, payload


def raw(server, timeout=5.0) -> socket.socket:
    sock = socket.create_connection(server.server_address, timeout=timeout)
    return sock


def answer_on(sock: socket.socket) -> tuple[int, bytes]:
    """(status, body) of the next whole answer on *sock*, however it is split in segments."""
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response.status, response.read()


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes *sock* within *seconds* (whatever it sends first)."""
    deadline = time.monotonic() + seconds
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if sock.recv(4096) == b"":
                return True
        except socket.timeout:
            continue
        except OSError:
            return True
    return False


# -- the Host header ---------------------------------------------------------------------------

@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("[::1]:{port}", 200),
    ("LOCALHOST", 200), ("data.example.org", 200), ("a.lab.example:8080", 200),
    ("evil.example", 400), ("evil.example:{port}", 400), ("127.0.0.1.evil.example", 400),
    ("localhost.evil.example", 400), ("lab.example.evil", 400), ("", 400),
    ("[::2]:{port}", 400), ("0.0.0.0:{port}", 400),
])
def test_only_the_names_it_is_bound_as(quick, host, status):
    port = quick.server_address[1]
    got, _, body = get(quick, headers={"Host": host.format(port=port)})
    assert got == status, body
    if status == 400:
        assert "true" not in body


def test_the_page_is_guarded_too(quick):
    assert get(quick, "/", headers={"Host": "evil.example"})[0] == 400


def test_the_bound_host_is_allowed():
    assert ServeConfig(host="10.1.2.3").hosts[-1] == "10.1.2.3"
    assert "[fe80::1]" in ServeConfig(host="fe80::1").hosts


# -- slow and short clients --------------------------------------------------------------------

def test_a_head_that_never_comes_is_cut_off(quick):
    sockets = [raw(quick) for _ in range(3)]
    try:
        for sock in sockets[1:]:
            sock.sendall(b"GET /sparql HTTP/1.1\r\n")  # and then nothing more
        assert all(closed_within(sock, 4.0) for sock in sockets)
    finally:
        for sock in sockets:
            sock.close()


def test_a_head_sent_a_byte_at_a_time_is_cut_off(quick):
    sock = raw(quick)
    request = b"GET " + ASK.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * 40
    started = time.monotonic()
    try:
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            if time.monotonic() - started > 5:
                break
            time.sleep(0.1)
        assert closed_within(sock, 3.0)
        assert time.monotonic() - started < 5
    finally:
        sock.close()


@pytest.mark.parametrize("pad, pieces, status", [(60_000, 1, 200), (70_000, 1, 431),
                                                  (70_000, 20, 431), (200_000, 50, 431)])
def test_a_head_over_64_kib_is_refused_and_closed(quick, pad, pieces, status):
    """At once or in pieces (a head that keeps growing is not buffered for ever)."""
    sock = raw(quick)
    head = (b"GET " + ASK.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * pad
            + b"\r\n\r\n")
    size = -(-len(head) // pieces)
    try:
        for start in range(0, len(head), size):
            try:
                sock.sendall(head[start:start + size])
            except OSError:
                break
        sock.settimeout(5)
        got, _ = answer_on(sock)
        assert got == status
        if status != 200:
            assert closed_within(sock, 2.0)
    finally:
        sock.close()


def test_a_body_shorter_than_its_length_is_408_and_holds_no_worker(quick):
    sock = raw(quick)
    try:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                     b"application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {")
        # meanwhile the one worker answers others
        assert get(quick)[0] == 200
        sock.settimeout(4)
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 408 and response.headers["Connection"] == "close"
        response.read()
        assert closed_within(sock, 2.0)
    finally:
        sock.close()


def test_a_keep_alive_connection_gets_a_new_deadline_for_each_head(quick):
    sock = raw(quick)
    try:
        request = b"GET " + ASK.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for _ in range(2):
            sock.sendall(request)
            sock.settimeout(5)
            status, body = answer_on(sock)
            assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
            time.sleep(0.5)  # under the deadline each time
        sock.sendall(b"GET / HTTP/1.1\r\n")
        assert closed_within(sock, 3.0)
    finally:
        sock.close()


def test_too_many_connections_get_503_and_the_cap_frees_up(quick):
    idle = [raw(quick) for _ in range(6)]
    try:
        time.sleep(0.2)
        assert get(quick)[0] == 503
    finally:
        for sock in idle:
            sock.close()
    time.sleep(0.3)
    assert get(quick)[0] == 200


# -- fairness ----------------------------------------------------------------------------------

@pytest.fixture()
def fair():
    server = _serve(timeout=3.0, workers=2, queue=8)
    yield server
    server.shutdown()
    server.server_close()


def _post(server, text, source):
    return get(server, "/sparql", {"Content-Type": "application/sparql-query"}, source,
               "POST", text.encode())


def test_one_clients_slow_queries_do_not_lock_another_out(fair):
    with ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(_post, fair, SLOW, "127.0.0.2") for _ in range(2)]
        time.sleep(0.5)  # the first runs, the second waits behind it: one worker stays free
        started = time.monotonic()
        status, _, _ = _post(fair, "ASK {}", "127.0.0.3")
        waited = time.monotonic() - started
        statuses = sorted(f.result()[0] for f in slow)
    assert status == 200 and waited < 1.5
    assert statuses == [503, 503]  # stopped at the deadline, or timed out waiting


def test_a_full_queue_is_503_with_retry_after():
    server = _serve(timeout=2.0, workers=1, queue=2)
    try:
        with ThreadPoolExecutor(4) as pool:
            first = pool.submit(_post, server, SLOW, "127.0.0.2")
            time.sleep(0.4)
            waiting = [pool.submit(_post, server, "ASK {}", f"127.0.0.{i}") for i in (3, 4)]
            time.sleep(0.3)
            status, headers, body = _post(server, "ASK {}", "127.0.0.5")
            assert status == 503 and headers["Retry-After"].isdigit() and "queue" in body
            assert first.result()[0] == 503 and all(f.result()[0] in (200, 503)
                                                    for f in waiting)
    finally:
        server.shutdown()
        server.server_close()


def test_one_client_cannot_fill_the_queue(fair):
    with ThreadPoolExecutor(6) as pool:
        mine = [pool.submit(_post, fair, SLOW, "127.0.0.2") for _ in range(4)]
        time.sleep(0.6)
        other = _post(fair, "ASK {}", "127.0.0.3")
        results = [f.result() for f in mine]
    assert other[0] == 200
    refused = [r for r in results if r[0] == 503 and "too many" in r[2]]
    assert refused and all("Retry-After" in r[1] for r in refused)


# -- upstream errors ---------------------------------------------------------------------------

class _Leaky(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"SECRET-UPSTREAM-BODY /etc/shadow")

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture()
def leaky():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Leaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_a_store_error_is_answered_without_its_payload_open_port_or_not(leaky):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/sparql"  # bound, not listening
    answers = []
    for url in (leaky, closed):
        server = _serve(RemoteStore(url, timeout=2), workers=1)
        try:
            answers.append(get(server))
        finally:
            server.shutdown()
            server.server_close()
    (status, _, body), (other_status, _, other_body) = answers
    assert status == other_status == 502 and body == other_body
    assert "SECRET" not in body and "shadow" not in body and "127.0.0.1" not in body


# -- the workers have no network ---------------------------------------------------------------

def test_a_worker_cut_off_from_the_network_reaches_nothing(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.5)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    script = (
        "import sys, pyoxigraph\n"
        "from credgraph.query_worker import isolate_from_network\n"
        "if not isolate_from_network(): sys.exit(7)\n"
        f"try: list(pyoxigraph.Store().query('SELECT * WHERE {{ SERVICE <{url}> {{ }} }}'))\n"
        "except OSError as exc: print('refused:', exc)\n")
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=60)
        if done.returncode == 7:
            pytest.skip("this kernel does not let a process leave the network")
        assert done.returncode == 0 and "refused" in done.stdout, done.stderr
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()


def test_the_pool_reports_its_workers_isolated():
    if not isolate_from_network_allowed():
        pytest.skip("this kernel does not let a process leave the network")
    server = _serve(workers=1)
    try:
        assert server.pool.isolated is True
        assert get(server)[0] == 200  # and they still answer
    finally:
        server.shutdown()
        server.server_close()


def isolate_from_network_allowed() -> bool:
    code = "import sys; from credgraph.query_worker import isolate_from_network as i; " \
           "sys.exit(0 if i() else 1)"
    return subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0

