"""A real SPARQL server: ``oxigraph serve`` started on 127.0.0.1 on a free port, stopped after.

Loading, every bundled query, the audit (whole and scoped to a few figures) and the CLI run
against it, and give what they give on the embedded stores. The known traps get a test each:
``GRAPH ?g`` must find the named graphs, and loading a graph again must not send ``CREATE
GRAPH`` (Oxigraph answers a second one with HTTP 500).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from credgraph.api import audit
from credgraph.cli import main
from credgraph.errors import InputError, QueryError, StoreError
from credgraph.inputs import open_input
from credgraph.remote import RemoteStore
from credgraph.counts import store_counts
from credgraph.loading import load
from credgraph.sparql import bundled_queries
from tests.sparql.expected import answer, expected

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        pytest.fail("the oxigraph server binary is missing: pip install -e '.[test]'")
    return found


def _serve(location: Path):
    """Run ``oxigraph serve`` on 127.0.0.1 over *location*; yield its base URL, then stop it."""
    binary = _oxigraph_binary()
    for _attempt in range(3):  # a free port can be taken between the check and the bind
        port = _free_port()
        process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                    f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        if process.poll() is None:
            try:
                yield f"http://127.0.0.1:{port}"
            finally:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
            return
    pytest.fail("oxigraph serve did not start")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    """A server that holds the bundled corpus and its audit (read-only tests)."""
    yield from _serve(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory):
    """A second server, for the tests that write."""
    yield from _serve(tmp_path_factory.mktemp("oxigraph-scratch"))


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


def test_an_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{_free_port()}", timeout=2).select("ASK {}")


# -- loading and the traps ---------------------------------------------------------------------

def test_loading_matches_the_embedded_store(loaded):
    assert store_counts(loaded) == store_counts(load(None, open_input(None).store()))


def test_graph_queries_find_the_named_graphs(loaded):
    graphs = loaded.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(graphs) == 7  # five reports, the registry, the audit


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
