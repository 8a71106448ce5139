"""Virtuoso Open Source 7 as a store, against real servers started on 127.0.0.1 (tests/servers.py):
a throw-away database each, a writer with ``SPARQL_UPDATE``, a reader without it.

The quirks each get a test: the default graph is the union and Virtuoso's own graphs are left
out; results are cut at ``ResultSetMaxRows`` and read in pages; booleans come back as 1/0;
a Graph Store PUT that fails loses the old graph, so credgraph's reload goes through a
staging graph and one swap, and an interrupted or refused load leaves the old graph as it was;
updates need the ``SPARQL_UPDATE`` role; Digest authentication; chunked writes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from datetime import date

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from credgraph.api import audit
from credgraph.cli import main
from credgraph.counts import store_counts
from credgraph.errors import InputError, QueryError, StoreError
from credgraph.inputs import open_input
from credgraph.loading import AUDIT_GRAPH, load
from credgraph.sparql import bundled_queries
from credgraph.store import open_store
from credgraph.virtuoso import STAGING_PREFIX, SYSTEM_GRAPHS, VirtuosoStore
from tests.conftest import AUDIT_CASES
from tests.servers import CuttingProxy, free_port, serve_virtuoso
from tests.sparql.expected import answer, expected, nearer_hedge_corpus

pytestmark = pytest.mark.server

EX = "https://example.org/"
GRAPH = URIRef(EX + "graph")


def _env(server, user: str) -> dict:
    return {"CREDGRAPH_STORE_USER": user, "CREDGRAPH_STORE_PASSWORD": server.users[user]}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Virtuoso holding the bundled corpus and its audit (read-only tests)."""
    for running in serve_virtuoso(tmp_path_factory.mktemp("virtuoso")):
        running.add_user("writer", "SPARQL_UPDATE")
        yield running


@pytest.fixture(scope="module")
def scratch_server(tmp_path_factory):
    """A second Virtuoso for the tests that write; it cuts results at 1,000 rows."""
    for running in serve_virtuoso(tmp_path_factory.mktemp("virtuoso-scratch"), max_rows=1000):
        running.add_user("writer", "SPARQL_UPDATE")
        running.add_user("reader", "SPARQL_SELECT")
        yield running


@pytest.fixture(scope="module")
def loaded(server):
    store = VirtuosoStore("virtuoso+" + server.url, environ=_env(server, "writer"))
    store.clear()
    return load(None, store)


@pytest.fixture()
def scratch(scratch_server):
    """The scratch server as the writer, emptied."""
    store = VirtuosoStore("virtuoso+" + scratch_server.url, environ=_env(scratch_server, "writer"))
    store.clear()
    return store


@pytest.fixture()
def cli_env(scratch_server, monkeypatch):
    """The writer's credentials in the environment, as a user sets them."""
    for name, value in _env(scratch_server, "writer").items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CREDGRAPH_NETRC", raising=False)
    return "virtuoso+" + scratch_server.url


def _graph(store, graph=GRAPH) -> list[str]:
    return sorted(str(r[0]) for r in store.select(f"SELECT ?o WHERE {{ GRAPH <{graph}> "
                                                  "{ ?s ?p ?o } }"))


def _broken_after(lines: int) -> bytes:
    """N-Triples that go wrong after *lines* good lines (Virtuoso's content sniffing takes
    them for Turtle, then its parser stops at the broken line)."""
    good = "".join(f'<{EX}s{i}> <{EX}p> "new {i}" .\n' for i in range(lines))
    return (good + f'<{EX}s> <{EX}p "broken .\n').encode()


def _stable(doc: dict) -> dict:
    """An audit's JSON without the times it ran."""
    return {**doc, "summary": {k: v for k, v in doc["summary"].items()
                               if k not in ("started", "ended")}}


def _quads(values, graph=GRAPH):
    return [(URIRef(EX + f"s{i}"), URIRef(EX + "p"), Literal(v), graph)
            for i, v in enumerate(values)]


# -- the URL and the profile -------------------------------------------------------------------

@pytest.mark.parametrize("url, env, endpoints", [
    ("virtuoso+http://h:8890", {}, ("/sparql", "/sparql", "/sparql-graph-crud")),
    ("virtuoso+http://h:8890/sparql", {"CREDGRAPH_STORE_USER": "u",
                                       "CREDGRAPH_STORE_PASSWORD": "p"},
     ("/sparql-auth", "/sparql-auth", "/sparql-graph-crud-auth")),
])
def test_endpoints(url, env, endpoints):
    assert VirtuosoStore(url, environ=env).endpoints == tuple("http://h:8890" + e
                                                              for e in endpoints)


@pytest.mark.parametrize("url", ["virtuoso+http://h:8890/other", "virtuoso+http://h#union=server",
                                 "virtuoso+http://h#chunk=0", "virtuoso+http://u:pw@h:8890"])
def test_bad_virtuoso_urls(url):
    with pytest.raises(InputError) as caught:
        VirtuosoStore(url, environ={})
    assert "pw" not in str(caught.value)


def test_a_plain_url_is_detected_as_virtuoso(server):
    store = open_store(server.url + "/sparql")
    assert isinstance(store, VirtuosoStore) and store.endpoints[0] == server.url + "/sparql"
    assert isinstance(open_store("virtuoso+" + server.url), VirtuosoStore)


# -- graphs, queries, the audit ----------------------------------------------------------------

def test_loading_matches_the_embedded_store(loaded):
    assert store_counts(loaded) == store_counts(load(None, "oxigraph"))


def test_virtuoso_s_own_graphs_are_left_out(loaded):
    listed = {g for (g,) in loaded.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert set(SYSTEM_GRAPHS) <= listed  # a plain GRAPH ?g sees them: the quirk
    assert not set(SYSTEM_GRAPHS) & set(loaded.named_graphs())
    assert len(loaded.named_graphs()) == 8 and len(loaded.dump().splitlines()) == len(loaded)


def test_clear_keeps_virtuoso_s_own_graphs(scratch_server, scratch):
    load(None, scratch)
    scratch.clear()
    left = {g for (g,) in scratch.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    host = scratch_server.url
    assert left == {*SYSTEM_GRAPHS, host + "/sparql", host + "/DAV/"}
    assert scratch.is_empty() and len(scratch) == 0


def test_the_default_graph_is_the_union_without_asking(loaded, monkeypatch):
    sent = []
    original = VirtuosoStore._request
    monkeypatch.setattr(VirtuosoStore, "_request", lambda self, method, url, **kw: sent.append(
        (kw.get("params"), kw.get("content_type"))) or original(self, method, url, **kw))
    rows = loaded.select("SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/credgraph/ns#"
                         "Report> }")
    assert rows == [(5,)]
    assert all(not params for params, _ in sent)  # no union-default-graph parameter
    assert all(ct != "application/sparql-query" for _, ct in sent)  # 7.2.5 never answers it


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_query_on_virtuoso(loaded, name):
    assert answer(loaded, name) == expected(name)


def test_the_audit_json_is_the_embedded_store_s(loaded, seed_audit):
    assert _stable(audit(loaded, label="bundled corpus").as_dict()) == \
        _stable(seed_audit.as_dict())


@pytest.mark.parametrize("claims", [["hur-southern-district-deserters"],
                                    ["pavlivka-killed-nov-2022", "war-duration-newsweek-2024"]])
def test_a_scoped_audit_agrees_with_the_whole(loaded, seed_audit, claims):
    scoped = {f["id"]: f for f in audit(loaded, claims=claims, scoped=True).as_dict()
              ["figures"]}
    whole = {f["id"]: f for f in seed_audit.as_dict()["figures"]}
    assert all(scoped[c] == whole[c] for c in claims)


def test_results_cut_by_the_server_are_read_in_pages(server, seed_audit, monkeypatch):
    store = VirtuosoStore("virtuoso+" + server.url, environ={}, max_rows=40)
    pages = []
    original = VirtuosoStore._fetch
    monkeypatch.setattr(VirtuosoStore, "_fetch", lambda self, q: pages.append(q) or original(
        self, q))
    assert _stable(audit(store, label="bundled corpus").as_dict()) == \
        _stable(seed_audit.as_dict())
    assert sum("OFFSET" in q for q in pages) > 10
    with pytest.raises(StoreError, match="cut the result at 40 rows"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }")


def test_a_construct_at_the_server_s_limit_is_an_error(scratch):
    scratch.load_quads(_quads(range(1500)))
    assert scratch.cap == 1000  # read from the server's virtuoso.ini
    with pytest.raises(StoreError, match="probably cut"):
        scratch.query(f"CONSTRUCT WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert len(scratch.query(f"CONSTRUCT WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }} "
                             "LIMIT 999").triples) == 999
    assert len(scratch.select(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")) == 1500


def test_hedge_dropped_names_the_nearest_hedged_mention(scratch, tmp_path):
    load(nearer_hedge_corpus(tmp_path / "c", AUDIT_CASES / "sources.yaml"), scratch)
    rows = [(r[1], r[3]) for r in scratch.select(bundled_queries()["hedge-dropped"].text)]
    assert [(a.removeprefix("https://w3id.org/credgraph/id/"),
             b.removeprefix("https://w3id.org/credgraph/id/")) for a, b in rows] == [
        ("mention/c/m1", "mention/b/m1")]


def test_datatypes_come_back_as_on_oxigraph(scratch):
    values = [Decimal("18000.0"), Decimal("2.50"), True, False, date(2024, 2, 29), "Бахмут",
              Literal("ünï", lang="de-CH"), Literal("typed", datatype=XSD.string), 7]
    scratch.load_quads(_quads(values))
    got = {row[0]: row[1] for row in scratch.select(
        f"SELECT ?s ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")}
    assert [got[EX + f"s{i}"] for i in range(len(values))] == [
        Decimal("18000"), Decimal("2.5"), True, False, date(2024, 2, 29), "Бахмут", "ünï",
        "typed", 7]
    result = scratch.query(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ <{EX}s2> ?p ?o }} }}")
    assert result.serialize("csv") == "o\r\ntrue\r\n"  # not Virtuoso's 1


def test_serve_s_workers_reopen_the_virtuoso_profile(loaded):
    from credgraph.server import worker_factory

    reopened = worker_factory(loaded)()
    assert isinstance(reopened, VirtuosoStore) and reopened.endpoints == loaded.endpoints
    assert answer(reopened, "telegram-chain") == expected("telegram-chain")


def test_a_syntax_error_names_the_line(loaded):
    with pytest.raises(QueryError, match="line 2: syntax error"):
        loaded.query("SELECT ?x\nWHERE { ?x ?y }")


# -- writing -----------------------------------------------------------------------------------

def test_reloading_replaces_each_graph(scratch):
    scratch.load_quads(_quads(["a", "b", "c"]))
    scratch.load_quads(_quads(["b", "c", "d"]))  # old and new share triples
    assert _graph(scratch) == ["b", "c", "d"]
    assert not [g for g in scratch.named_graphs() if g.startswith(STAGING_PREFIX)]


def test_a_reload_of_the_corpus_in_small_chunks(scratch_server, tmp_path):
    store = VirtuosoStore(f"virtuoso+{scratch_server.url}#chunk=100",
                          environ=_env(scratch_server, "writer"))
    store.clear()
    load(None, store)
    first = store_counts(store)
    load(None, store)  # every graph exists: staged in chunks of 100 triples, then swapped
    assert store_counts(store) == first == store_counts(load(None, "oxigraph"))


def test_a_failed_put_loses_the_old_graph_on_virtuoso(scratch):
    """The trap: a plain Graph Store PUT clears and commits before it parses."""
    scratch.load_quads(_quads(["old"]))
    with pytest.raises(StoreError):
        scratch._request("PUT", scratch.endpoints[2], params=[("graph", str(GRAPH))],
                         content_type="application/n-triples",
                         body=_broken_after(5))
    assert "old" not in _graph(scratch)


def test_a_refused_request_in_a_reload_leaves_the_old_graphs(scratch):
    other = URIRef(EX + "other")
    scratch.load_quads(_quads(["old"]) + _quads(["old too"], other))
    good = f'<{EX}s> <{EX}p> "new" .\n'.encode()
    broken = _broken_after(5)
    with pytest.raises(StoreError):
        scratch.write_graphs([(str(GRAPH), good, 1), (str(other), broken, 6)])
    assert _graph(scratch) == ["old"] and _graph(scratch, other) == ["old too"]
    assert not [g for g in scratch.named_graphs() if g.startswith(STAGING_PREFIX)]


def test_a_load_cut_mid_request_leaves_the_old_graph(scratch_server, scratch):
    scratch.load_quads(_quads(["old"] * 1))
    proxy = CuttingProxy(scratch_server.http_port)
    try:
        via = VirtuosoStore(f"virtuoso+http://127.0.0.1:{proxy.port}",
                            environ=_env(scratch_server, "writer"))
        via.named_graphs()  # the connection is open; the next big request is cut
        proxy.cut_after(20_000)
        with pytest.raises(StoreError, match="cannot reach|HTTP 5"):
            via.load_quads(_quads([f"new {i}" for i in range(5000)]))
        assert proxy.cuts == 1
    finally:
        proxy.close()
    assert _graph(scratch) == ["old"]


def test_a_graph_too_big_for_one_transaction_keeps_the_old_one(scratch_server, scratch):
    scratch.load_quads(_quads([f"old {i}" for i in range(20_000)]))
    scratch_server.sql("__dbf_set ('txn_after_image_limit', 2000000);")
    try:
        with pytest.raises(StoreError, match="after image|after-image"):
            scratch.load_quads(_quads([f"new {i}" for i in range(20_000)]))
    finally:
        scratch_server.sql("__dbf_set ('txn_after_image_limit', 50000000);")
    assert len(_graph(scratch)) == 20_000 and _graph(scratch)[0] == "old 0"
    assert not [g for g in scratch.named_graphs() if g.startswith(STAGING_PREFIX)]


def test_leftover_staging_graphs_are_removed_by_the_next_load(scratch):
    stage = URIRef(STAGING_PREFIX + "left-by-a-killed-load")
    scratch.load_quads(_quads(["x"], stage))
    fresh = VirtuosoStore(scratch.url, environ={"CREDGRAPH_STORE_USER": scratch.credentials[0],
                                                "CREDGRAPH_STORE_PASSWORD": scratch.credentials[1]})
    fresh.load_quads(_quads(["a"]))
    assert str(stage) not in fresh.named_graphs()


def test_the_default_graph_needs_a_name(scratch_server, tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(f"<{EX}a> <{EX}p> 1 .\n", encoding="utf-8")
    env = _env(scratch_server, "writer")
    with pytest.raises(InputError, match="default-graph"):
        VirtuosoStore("virtuoso+" + scratch_server.url, environ=env).load_file(data)
    named = VirtuosoStore(f"virtuoso+{scratch_server.url}#default-graph={EX}default", environ=env)
    named.load_file(data)
    assert _graph(named, EX + "default") == ["1"]


def test_blank_nodes_load_and_cannot_span_chunks(scratch_server):
    env = _env(scratch_server, "writer")
    quads = [(BNode("b1"), URIRef(EX + "p"), Literal(i), GRAPH) for i in range(3)]
    store = VirtuosoStore("virtuoso+" + scratch_server.url, environ=env)
    store.load_quads(quads)
    assert store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{GRAPH}> "
                        "{ ?s ?p ?o } }") == [(1,)]
    with pytest.raises(InputError, match="blank nodes"):
        VirtuosoStore(f"virtuoso+{scratch_server.url}#chunk=2", environ=env).load_quads(quads)


def test_digest_authentication_is_answered_up_front(scratch, monkeypatch):
    statuses = []
    scratch.session.hooks["response"].append(lambda r, *a, **k: statuses.append(r.status_code))
    load(None, scratch)
    assert type(scratch.session.auth).__name__ == "HTTPDigestAuth"
    assert statuses.count(401) <= 1 < len(statuses)  # one challenge, then the nonce is reused


def test_credentials_from_a_netrc_file(scratch_server, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login writer password {scratch_server.users['writer']}\n")
    netrc.chmod(0o600)
    store = VirtuosoStore("virtuoso+" + scratch_server.url, environ={"CREDGRAPH_NETRC": str(netrc)})
    assert store.credentials[0] == "writer"
    store.load_quads(_quads(["via netrc"]))
    assert _graph(store) == ["via netrc"]


# -- the command line: load, query, audit; refusals exit 2 with nothing written ----------------

def test_cli_load_query_and_audit(cli_env, capsys):
    assert main(["load", "--store", cli_env]) == 0
    assert "5 reports" in capsys.readouterr().out
    assert main(["query", "figures-by-grade", "--store", cli_env, "-f", "json"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert len(bindings) == len(expected("figures-by-grade")["rows"])
    assert main(["audit", "--store", cli_env, "--format", "json"]) == 0
    through_virtuoso = _stable(json.loads(capsys.readouterr().out))
    assert main(["audit", "--format", "json"]) == 0
    embedded = _stable(json.loads(capsys.readouterr().out))
    assert through_virtuoso["figures"] == embedded["figures"]
    assert {**through_virtuoso["summary"], "input": None} == {**embedded["summary"], "input": None}


def _nothing_written(server) -> bool:
    store = VirtuosoStore("virtuoso+" + server.url, environ={})
    return store.is_empty()


@pytest.mark.parametrize("who", ["reader", "anonymous", "wrong password"])
def test_a_load_without_update_rights_exits_2_and_writes_nothing(who, scratch, scratch_server,
                                                                  monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("CREDGRAPH_STORE_USER", raising=False)
    monkeypatch.delenv("CREDGRAPH_STORE_PASSWORD", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
    secret = "not-the-password-" + "x" * 8
    if who != "anonymous":
        monkeypatch.setenv("CREDGRAPH_STORE_USER", "writer" if who == "wrong password" else who)
        monkeypatch.setenv("CREDGRAPH_STORE_PASSWORD", secret if who == "wrong password"
                           else scratch_server.users[who])
    assert main(["load", "--store", "virtuoso+" + scratch_server.url]) == 2
    err = capsys.readouterr().err
    assert ("SPARQL_UPDATE" in err) if who != "wrong password" else ("refused the credentials"
                                                                     in err)
    assert secret not in err and "Traceback" not in err
    assert _nothing_written(scratch_server)


def test_an_unreachable_server_exits_2(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
    assert main(["load", "--store", f"virtuoso+http://127.0.0.1:{free_port()}"]) == 2
    assert "cannot reach" in capsys.readouterr().err


def test_the_audit_graph_is_replaced_not_doubled(cli_env, scratch, capsys):
    assert main(["load", "--store", cli_env]) == 0
    assert main(["load", "--store", cli_env]) == 0
    runs = scratch.select("SELECT (COUNT(?r) AS ?n) WHERE { GRAPH <%s> { ?r a "
                          "<https://w3id.org/credgraph/ns#AuditRun> } }" % AUDIT_GRAPH)
    assert runs == [(1,)]


@pytest.mark.parametrize("why", ["apt-get install virtuoso-opensource failed: E: no network", None])
def test_a_missing_virtuoso_skips_only_when_it_could_not_be_installed(why, monkeypatch):
    import tests.servers

    monkeypatch.setattr(tests.servers, "VIRTUOSO", "/nonexistent/virtuoso-t")
    if why:
        monkeypatch.setenv("CREDGRAPH_VIRTUOSO_MISSING", why)
        with pytest.raises(pytest.skip.Exception, match="could not be installed: apt-get"):
            tests.servers.virtuoso_or_skip()
    else:
        monkeypatch.delenv("CREDGRAPH_VIRTUOSO_MISSING", raising=False)
        with pytest.raises(pytest.fail.Exception, match="apt-get install virtuoso-opensource"):
            tests.servers.virtuoso_or_skip()
