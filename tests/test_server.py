"""``credgraph serve``: the SPARQL 1.1 Protocol, content negotiation, and safe defaults.

Each safety promise has a test against a real server on 127.0.0.1: loopback by default;
updates, SERVICE, FROM and the protocol's graph URIs refused with 400 while a listener on
127.0.0.1 records that nothing reached out, also when a line break or a code point escape
tries to hide them from the check; a cartesian product stopped with 503 (not a truncated
200) and the endpoint still answering; the row cap; no CORS headers unless configured,
never credentials; every piece of text on the page escaped. The hardening (Host header,
slow and short clients, the connection cap, fairness among clients, the workers cut off
from the network) is in tests/test_server_hardening.py.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from credgraph.embedded import OxigraphStore
from credgraph.loading import open_for_query
from credgraph.server import ServeConfig, make_server, worker_factory
from credgraph.sparql import bundled_queries
from tests.sparql.expected import expected
from tests.test_query_policy import BREAKS, ESCAPED, SMUGGLED

ROOT = Path(__file__).resolve().parents[1]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _start(**config):
    return make_server(worker_factory(open_for_query("oxigraph")),
                       ServeConfig(port=0, **config)).start()


@pytest.fixture(scope="module")
def triples() -> str:
    """How many triples the served store holds (the corpus and its audit)."""
    return str(len(open_for_query("oxigraph")))


@pytest.fixture(scope="module")
def endpoint():
    """The bundled corpus served with a short time limit and a small row cap."""
    server = _start(timeout=3.0, max_rows=1000, workers=2)
    yield server
    server.shutdown()
    server.server_close()


def request(server, method="GET", path="/sparql", params=None, body=None, headers=None):
    """One HTTP exchange: (status, headers, body text)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    target = path + ("?" + urlencode(params) if params else "")
    connection.request(method, target, body=body, headers=headers or {})
    response = connection.getresponse()
    payload = response.read().decode("utf-8")
    connection.close()
    return response.status, response.headers, payload


def query(server, text, accept=None, method="GET", **params):
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return request(server, params={"query": text, **params}, headers=headers)
    headers["Content-Type"] = "application/sparql-query"
    return request(server, "POST", params=params or None, body=text.encode(), headers=headers)


# -- the protocol ------------------------------------------------------------------------------

def test_binds_loopback_by_default(endpoint):
    assert ServeConfig().host == "127.0.0.1" and endpoint.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_get_and_both_posts_answer_alike(endpoint, how, triples):
    if how == "get":
        status, _, body = query(endpoint, COUNT)
    elif how == "form":
        status, _, body = request(endpoint, "POST", body=urlencode({"query": COUNT}),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = query(endpoint, COUNT, method="POST")
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == triples


@pytest.mark.parametrize("text, accept, media_type", [
    (COUNT, None, "application/sparql-results+json"),
    (COUNT, "application/sparql-results+xml", "application/sparql-results+xml"),
    (COUNT, "text/csv", "text/csv"), (COUNT, "text/tab-separated-values",
                                      "text/tab-separated-values"),
    ("ASK { ?s ?p ?o }", "text/csv", "text/csv"),
    ("CONSTRUCT WHERE { ?s a ?o } LIMIT 3", None, "text/turtle"),
    ("CONSTRUCT WHERE { ?s a ?o } LIMIT 3", "application/n-triples", "application/n-triples"),
    ("DESCRIBE <https://w3id.org/credgraph/id/source/hur>", "application/ld+json",
     "application/ld+json"),
])
def test_content_negotiation(endpoint, text, accept, media_type):
    status, headers, _ = query(endpoint, text, accept)
    assert status == 200 and headers.get_content_type() == media_type


@pytest.mark.parametrize("text, accept", [(COUNT, "text/turtle"), (COUNT, "image/png"),
                                          ("CONSTRUCT WHERE { ?s a ?o }", "text/csv")])
def test_an_unacceptable_format_is_406(endpoint, text, accept):
    assert query(endpoint, text, accept)[0] == 406


def test_the_format_parameter_overrides_accept(endpoint, triples):
    status, headers, body = query(endpoint, COUNT, "application/sparql-results+json",
                                  format="csv")
    assert status == 200 and headers.get_content_type() == "text/csv"
    assert body.split() == ["n", triples]


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_queries_through_the_endpoint(endpoint, name):
    status, _, body = query(endpoint, bundled_queries()[name].example(), method="POST")
    assert status == 200
    if "rows" in expected(name):
        assert len(json.loads(body)["results"]["bindings"]) == len(expected(name)["rows"])


@pytest.mark.parametrize("method, path, headers, body, status", [
    ("GET", "/nothing", {}, None, 404), ("PUT", "/sparql", {}, b"", 405),
    ("DELETE", "/sparql", {}, None, 405), ("GET", "/sparql", {}, None, 400),
    ("POST", "/sparql", {"Content-Type": "text/plain"}, b"ASK {}", 415),
    ("POST", "/sparql", {"Content-Type": "application/sparql-query"}, b"x" * 300_000, 413),
])
def test_protocol_errors(endpoint, method, path, headers, body, status):
    assert request(endpoint, method, path, body=body, headers=headers)[0] == status


def test_a_syntax_error_is_400_with_line_and_column(endpoint):
    status, _, body = query(endpoint, "SELECT ?x\nWHERE { ?x ?y }")
    assert status == 400 and re.search(r"line 2, column \d+", body)


# -- refusals: nothing reaches out -------------------------------------------------------------

@pytest.fixture()
def listener():
    """A socket on 127.0.0.1 that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    seen, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", seen
    stop.set()
    thread.join(2)
    sock.close()


HOSTILE = [
    "SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{u}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{u}> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }} }}",
    "PREFIX x: <{u}>\nASK {{ OPTIONAL {{ SERVICE x:sparql {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{u}g> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{u}g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "ASK FROM <file:///etc/passwd> {{ ?s ?p ?o }}",
    "CONSTRUCT {{ ?s ?p ?o }} FROM <{u}g> WHERE {{ ?s ?p ?o }}",
    "DESCRIBE <{u}x> FROM <{u}g>",
    "LOAD <{u}data.ttl>",
    "INSERT DATA {{ <{u}a> <{u}b> <{u}c> }}",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_queries_are_refused_and_nothing_reaches_out(endpoint, listener, template):
    url, seen = listener
    text = template.format(u=url)
    for method in ("GET", "POST"):
        assert query(endpoint, text, method=method)[0] == 400
    time.sleep(0.3)
    assert seen == []


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize("template", SMUGGLED.values(), ids=SMUGGLED.keys())
def test_a_line_break_smuggles_nothing_past_the_endpoint(endpoint, listener, template, brk):
    url, seen = listener
    text = template.format(b=brk, u=url)
    for method in ("GET", "POST"):
        status, _, body = query(endpoint, text, method=method)
        assert status == 400 and re.search("refused|syntax error", body), body
    time.sleep(0.2)
    assert seen == []


@pytest.mark.parametrize("template", ESCAPED)
def test_a_code_point_escape_smuggles_nothing_past_the_endpoint(endpoint, listener, template):
    url, seen = listener
    text = template.format(u=url)
    for method in ("GET", "POST"):
        assert query(endpoint, text, method=method)[0] == 400
    time.sleep(0.2)
    assert seen == []


@pytest.mark.parametrize("params, headers, body", [
    ({"query": COUNT, "default-graph-uri": "{u}g"}, {}, None),
    ({"query": COUNT, "named-graph-uri": "{u}g"}, {}, None),
    (None, {"Content-Type": "application/x-www-form-urlencoded"}, "update=LOAD+%3C{u}%3E"),
    (None, {"Content-Type": "application/sparql-update"}, "LOAD <{u}>"),
])
def test_protocol_updates_and_graph_uris_are_refused(endpoint, listener, params, headers, body):
    url, seen = listener
    params = {k: v.replace("{u}", url) for k, v in params.items()} if params else None
    method = "POST" if body else "GET"
    status = request(endpoint, method, params=params, headers=headers,
                     body=body.replace("{u}", url).encode() if body else None)[0]
    time.sleep(0.3)
    assert status == 400 and seen == []


def test_the_listener_would_see_an_engine_reaching_out(listener):
    """What the refusals prevent: the engine itself does call a SERVICE."""
    url, seen = listener
    try:
        OxigraphStore().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    except Exception:  # noqa: BLE001 (the listener does not answer SPARQL)
        pass
    assert seen and seen[0].split(b" ")[0] in (b"GET", b"POST")


def test_the_store_is_unchanged_after_the_attempts(endpoint, triples):
    assert query(endpoint, COUNT, "text/csv")[2].split() == ["n", triples]


# -- limits ------------------------------------------------------------------------------------

def test_a_query_over_the_time_limit_is_503_and_the_endpoint_recovers(endpoint):
    started = time.monotonic()
    status, headers, body = query(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . "
                                            "?d ?e ?f . ?g ?h ?i }")
    assert status == 503 and headers.get_content_type() == "text/plain"
    assert "stopped" in body and time.monotonic() - started < 3.0 + 5
    for _ in range(4):  # both workers (one replaced) answer again
        assert query(endpoint, COUNT)[0] == 200


def test_the_row_cap(endpoint):
    status, _, body = query(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and "LIMIT" in body
    assert query(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000")[0] == 200


# -- CORS and the page -------------------------------------------------------------------------

def test_no_cors_headers_by_default(endpoint):
    _, headers, _ = request(endpoint, params={"query": COUNT},
                            headers={"Origin": "https://evil.example"})
    assert not [h for h in headers if h.lower().startswith("access-control-")]


@pytest.fixture(scope="module")
def cors_endpoint():
    server = _start(cors_origins=("https://ok.example",), workers=1)
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("origin, allowed", [("https://ok.example", "https://ok.example"),
                                             ("https://evil.example", None),
                                             ("https://ok.example.evil.example", None),
                                             ("null", None)])
def test_configured_cors_allows_only_those_origins(cors_endpoint, origin, allowed):
    for method in ("GET", "OPTIONS"):
        _, headers, _ = request(cors_endpoint, method, params={"query": COUNT},
                                headers={"Origin": origin,
                                         "Access-Control-Request-Method": "POST"})
        assert headers.get("Access-Control-Allow-Origin") == allowed
        assert headers.get("Access-Control-Allow-Credentials") is None


def test_cors_origins_are_checked():
    with pytest.raises(Exception, match="not a CORS origin"):
        ServeConfig(cors_origins=("https://ok.example/path",))


def test_the_page_lists_the_bundled_queries_escaped(endpoint):
    status, headers, page = request(endpoint, path="/")
    assert status == 200 and headers.get_content_type() == "text/html"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert all(f">{name}<" in page for name in bundled_queries())
    _, _, example = request(endpoint, path="/", params={"example": "figures-by-source"})
    assert "&lt;https://w3id.org/credgraph/ns#&gt;" in example and '"Mediazone"' not in example
    assert "&quot;Mediazone&quot;" in example and "<https://" not in example


def test_the_page_reflects_nothing(endpoint):
    _, _, page = request(endpoint, path="/", params={"example": "<script>alert(1)</script>"})
    assert "<script>" not in page and "alert(1)" not in page


# -- the command and the load test -------------------------------------------------------------

def test_credgraph_serve_starts_answers_and_stops():
    process = subprocess.Popen([sys.executable, "-m", "credgraph.cli", "serve", "--store",
                                "oxigraph", "--port", "0"], stderr=subprocess.PIPE, text=True,
                               cwd=ROOT)
    try:
        line = process.stderr.readline()  # printed once it answers: asked at once
        url = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)[1]
        host, port = re.search(r"//([\d.]+):(\d+)", url).groups()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}))
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0


@pytest.mark.parametrize("args, message", [
    (["--port", "80000"], "--port 80000: a port is 0 to 65535"),
    (["--port", "-1"], "--port -1"),
    (["--host", "http://x/"], "--host"),
    (["--allow-host", "evil.example:80"], "--allow-host"),
    (["--per-client", "-1"], "must be positive"),
])
def test_bad_serve_options_are_exit_2(args, message):
    done = subprocess.run([sys.executable, "-m", "credgraph.cli", "serve", "--store", "oxigraph",
                           *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_a_port_in_use_is_exit_2(endpoint):
    port = str(endpoint.server_address[1])
    done = subprocess.run([sys.executable, "-m", "credgraph.cli", "serve", "--store", "oxigraph",
                           "--port", port], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_the_load_test_script(endpoint):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "loadtest.py"), "--url",
                           endpoint.url, "--clients", "2", "--requests", "18", "--duration",
                           "30"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "18 requests from 2 clients" in done.stdout and "requests/s, 0 errors" in done.stdout


def test_the_side_by_side_load_test():
    """The comparison with oxigraph serve-read-only runs (no timing is asserted here)."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "loadtest.py"), "--compare",
                           "--clients", "2", "--requests", "20", "--rounds", "1"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "| credgraph serve | 2 |" in done.stdout
    assert "| oxigraph serve-read-only | 2 |" in done.stdout
    assert "2 clients: credgraph/oxigraph throughput" in done.stdout and "p99" in done.stdout


def test_the_load_test_refuses_other_hosts():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "loadtest.py"), "--url",
                           "http://192.0.2.1/sparql"], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 2 and "not a loopback" in done.stderr
