"""A real SPARQL server: ``oxigraph serve`` started on 127.0.0.1 on a free port, stopped after
(tests/servers.py).

Loading, every bundled query, the audit (whole and scoped to a few figures) and the CLI run
against it, and give what they give on the embedded stores. The known traps get a test each:
``GRAPH ?g`` must find the named graphs, and loading a graph again must not send ``CREATE
GRAPH`` (Oxigraph answers a second one with HTTP 500); a PUT that fails or is cut off in the
middle leaves the old graph. Credentials go as Basic authentication (a small loopback server
that asks for them).
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Literal, URIRef

from credgraph.api import audit
from credgraph.cli import main
from credgraph.errors import InputError, QueryError, StoreError
from credgraph.inputs import open_input
from credgraph.remote import RemoteStore
from credgraph.counts import store_counts
from credgraph.loading import load
from credgraph.sparql import bundled_queries
from tests.servers import CuttingProxy, free_port, serve_oxigraph
from tests.sparql.expected import answer, expected

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    """A server that holds the bundled corpus and its audit (read-only tests)."""
    yield from serve_oxigraph(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory):
    """A second server, for the tests that write."""
    yield from serve_oxigraph(tmp_path_factory.mktemp("oxigraph-scratch"))


@pytest.fixture()
def remote(scratch_url):
    """The scratch server, emptied."""
    store = RemoteStore(scratch_url)
    store.clear()
    return store


@pytest.fixture(scope="module")
def loaded(server_url):
    """The server holding the bundled corpus and its audit (shared by read-only tests)."""
    store = RemoteStore(server_url)
    store.clear()
    return load(None, store)


# -- the URL -----------------------------------------------------------------------------------

@pytest.mark.parametrize("url, endpoints", [
    ("http://h:7878", ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")),
    ("http://h:7878/query", ("http://h:7878/query", "http://h:7878/update",
                             "http://h:7878/store")),
    ("https://h/ds/sparql#update=/ds/update&store=/ds/data",
     ("https://h/ds/sparql", "https://h/ds/update", "https://h/ds/data")),
])
def test_endpoints_from_the_url(url, endpoints):
    assert RemoteStore(url).endpoints == endpoints


@pytest.mark.parametrize("url", ["ftp://h/query", "http://", "http://h/q#bogus=1"])
def test_bad_urls(url):
    with pytest.raises(InputError):
        RemoteStore(url)


def test_credentials_never_go_in_the_url():
    with pytest.raises(InputError, match="not in the URL") as caught:
        RemoteStore("http://ann:s3cret@h:7878/query")
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("env, message", [
    ({"CREDGRAPH_STORE_USER": "ann"}, "set both"),
    ({"CREDGRAPH_NETRC": "/no/such/netrc"}, "does not exist"),
])
def test_incomplete_credentials(env, message):
    with pytest.raises(InputError, match=message):
        RemoteStore("http://h:7878", environ=env)


def test_a_bad_netrc_file_names_its_line(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine h login ann password pw\nbogus here\nmachine x login y password z\n")
    with pytest.raises(InputError, match=r"netrc:2: not a valid netrc") as caught:
        RemoteStore("http://h:7878", environ={"CREDGRAPH_NETRC": str(netrc)})
    assert "pw" not in str(caught.value).replace(str(tmp_path), "")


@pytest.fixture()
def basic_server():
    """A loopback server that answers ASK only with the right Basic credentials."""
    expected_auth = "Basic " + base64.b64encode(b"ann:right").decode()
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") != expected_auth:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b'{"head": {}, "boolean": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("password, works", [("right", True), ("wrong-secret", False)])
def test_basic_authentication(basic_server, password, works):
    url, seen = basic_server
    store = RemoteStore(url, environ={"CREDGRAPH_STORE_USER": "ann",
                                      "CREDGRAPH_STORE_PASSWORD": password})
    if works:
        assert store.query("ASK {}").boolean is True
        assert len(seen) == 1  # sent with the first request, no challenge needed
    else:
        with pytest.raises(StoreError, match="refused the credentials of user 'ann'") as caught:
            store.query("ASK {}")
        assert password not in str(caught.value)


def test_a_server_that_wants_credentials_says_how_to_give_them(basic_server, tmp_path):
    with pytest.raises(StoreError, match="CREDGRAPH_STORE_USER"):
        RemoteStore(basic_server[0], environ={"HOME": str(tmp_path)}).query("ASK {}")


def test_an_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2).select("ASK {}")


# -- loading and the traps ---------------------------------------------------------------------

def test_loading_matches_the_embedded_store(loaded):
    assert store_counts(loaded) == store_counts(load(None, open_input(None).store()))


def test_graph_queries_find_the_named_graphs(loaded):
    graphs = loaded.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(graphs) == 8  # five reports, the registry, the measures, the audit


def test_reloading_sends_no_create_graph(remote, monkeypatch):
    sent = []
    original = RemoteStore._request

    def spy(self, method, url, **kwargs):
        sent.append((method, url, (kwargs.get("body") or b"").decode("utf-8", "replace")))
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(RemoteStore, "_request", spy)
    open_input(None).load_into(remote)
    size = len(remote)
    open_input(None).load_into(remote)  # every named graph exists now
    assert len(remote) == size
    assert not [s for s in sent if "CREATE" in s[2].upper()]
    assert {m for m, url, _ in sent if url.endswith("/store")} == {"PUT"}


G = URIRef("https://example.org/g")


def _values(store) -> list[str]:
    return sorted(str(r[0]) for r in store.select(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"))


def test_a_failed_put_leaves_the_old_graph(remote):
    remote.load_quads([(URIRef("https://example.org/s"), URIRef("https://example.org/p"),
                        Literal("old"), G)])
    with pytest.raises(QueryError):
        remote.write_graphs([(str(G), b'<https://example.org/s> <https://example.org/p> "new" .\n'
                                      b'<https://example.org/s> <https://example.org/p "x .\n', 2)])
    assert _values(remote) == ["old"]


def test_a_put_cut_mid_body_leaves_the_old_graph(scratch_url, remote):
    remote.load_quads([(URIRef("https://example.org/s"), URIRef("https://example.org/p"),
                        Literal("old"), G)])
    proxy = CuttingProxy(int(scratch_url.rsplit(":", 1)[1]))
    try:
        via = RemoteStore(f"http://127.0.0.1:{proxy.port}")
        via.query("ASK {}")
        proxy.cut_after(20_000)
        with pytest.raises(StoreError):
            via.load_quads([(URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"),
                             Literal(f"new {i}"), G) for i in range(5000)])
        assert proxy.cuts == 1
    finally:
        proxy.close()
    assert _values(remote) == ["old"]


def test_updates_and_clear(remote):
    remote.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> "
                  "<https://example.org/p> 1 } }")
    graphs = remote.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert graphs == [("https://example.org/g",)]
    remote.clear()
    assert len(remote) == 0


def test_a_syntax_error_from_the_server_names_line_and_column(loaded):
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        loaded.query("SELECT ?x\nWHERE { ?x ?y }")


def test_a_syntax_error_from_the_server_is_not_placed_at_the_end(loaded):
    with pytest.raises(QueryError, match=r"line 3, column \d+"):
        loaded.query("SELECT ?s WHERE {\n  ?s ?p ?o ;\n  ?s ?q ?z .\n}\n")


def test_select_star_columns_come_in_the_query_order(loaded):
    assert loaded.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").variables == ["s", "p", "o"]


def test_dump_has_every_quad(loaded):
    assert len(loaded.dump().splitlines()) == len(loaded)


# -- queries and the audit ---------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_query_on_the_server(loaded, name):
    assert answer(loaded, name) == expected(name)


def _figures(result):
    return {f["id"]: f for f in result.as_dict()["figures"]}


def test_the_audit_runs_on_the_server(loaded, seed_audit):
    assert _figures(audit(loaded)) == _figures(seed_audit)


@pytest.mark.parametrize("claims", [["hur-southern-district-deserters"],
                                    ["russia-own-soldiers-killed-2022"],
                                    ["pavlivka-killed-nov-2022", "war-duration-newsweek-2024"]])
def test_a_scoped_audit_on_the_server_agrees_with_the_whole(loaded, seed_audit, claims):
    scoped = _figures(audit(loaded, claims=claims, scoped=True))
    whole = _figures(seed_audit)
    assert set(claims) <= set(scoped) < set(whole)
    for claim in scoped:
        assert scoped[claim] == whole[claim], claim


# -- the command line --------------------------------------------------------------------------

def test_cli_load_query_and_audit_against_the_server(scratch_url, capsys):
    server_url = scratch_url
    RemoteStore(server_url).clear()
    assert main(["load", "--store", server_url]) == 0
    assert "5 reports" in capsys.readouterr().out
    assert main(["query", "figures-by-grade", "--store", server_url, "-f", "json"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert len(bindings) == len(expected("figures-by-grade")["rows"])
    assert main(["audit", "--store", server_url, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["figures"]) == 78
