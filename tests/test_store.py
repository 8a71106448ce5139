"""Stores and query results: every query form on rdflib and Oxigraph, the SPARQL results
formats (round trips through rdflib's own parsers), content negotiation, the persistent
on-disk store that ``credgraph load`` fills, and the row cap."""

from __future__ import annotations

import io
import json
import shutil
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from credgraph.annotations import bundled_corpus
from credgraph.api import audit
from credgraph.cli import main
from credgraph.errors import QueryError, StoreError
from credgraph.results import QueryResult, TooManyRows, get_result_format, negotiate
from credgraph.counts import store_counts
from credgraph.loading import AUDIT_GRAPH, default_store_spec, load
from credgraph.embedded import OxigraphStore
from credgraph.store import open_store
from credgraph.vocab import ID

EX = "https://example.org/"
REPORT = "https://w3id.org/credgraph/ns#Report"


@pytest.fixture(params=["memory", "oxigraph"])
def small(request):
    """A store with two named graphs of two triples each."""
    store = open_store(request.param)
    store.update(f"""INSERT DATA {{
      GRAPH <{EX}g1> {{ <{EX}a> <{EX}p> "one"@en , 1 }}
      GRAPH <{EX}g2> {{ <{EX}b> <{EX}p> <{EX}a> , "2.5"^^<{XSD}decimal> }} }}""")
    return store


# -- every query form --------------------------------------------------------------------------

def test_select_sees_every_graph(small):
    result = small.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s ?o")
    assert result.kind == "select" and result.variables == ["s", "o"] and len(result) == 4
    assert (URIRef(EX + "a"), Literal("one", lang="en")) in result.rows


@pytest.mark.parametrize("query, columns", [
    (f"SELECT * WHERE {{ ?s <{EX}p> ?o }}", ["s", "o"]),
    (f"SELECT DISTINCT * WHERE {{ ?z <{EX}p> ?a . OPTIONAL {{ ?a <{EX}q> ?m }} }}",
     ["z", "a", "m"]),
    (f"select * {{ ?o ?p ?s # ?comment\n FILTER(STR(?s) != '?x') }}", ["o", "p", "s"]),
    (f"SELECT ?o ?s WHERE {{ ?s <{EX}p> ?o }}", ["o", "s"]),
])
def test_columns_come_in_the_query_order(small, query, columns):
    result = small.query(query)
    assert result.variables == columns
    expected = small.query(f"SELECT {' '.join('?' + c for c in columns)} WHERE "
                           f"{query[query.index('{'):]}")
    assert sorted(map(repr, result.rows)) == sorted(map(repr, expected.rows))


def test_unbound_is_none(small):
    result = small.query(f"SELECT ?s ?x WHERE {{ <{EX}a> <{EX}p> ?s "
                         f"OPTIONAL {{ ?s <{EX}q> ?x }} }}")
    assert {row[1] for row in result.rows} == {None}


@pytest.mark.parametrize("query, boolean", [(f"ASK {{ ?s <{EX}p> 1 }}", True),
                                            (f"ASK {{ ?s <{EX}p> 3 }}", False)])
def test_ask(small, query, boolean):
    assert small.query(query).boolean is boolean


def test_construct_and_describe(small):
    built = small.query(f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert built.kind == "graph" and len(built.to_graph()) == 4
    described = small.query(f"DESCRIBE <{EX}b>")
    assert described.kind == "graph" and (URIRef(EX + "b"), URIRef(EX + "p"),
                                          URIRef(EX + "a")) in described.to_graph()


def test_graph_queries_see_named_graphs(small):
    rows = small.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert rows == [(EX + "g1",), (EX + "g2",)]


def test_the_row_cap(small):
    assert len(small.query(f"SELECT * WHERE {{ ?s <{EX}p> ?o }}", max_rows=4)) == 4
    with pytest.raises(TooManyRows, match="more than 3 rows"):
        small.query(f"SELECT * WHERE {{ ?s <{EX}p> ?o }}", max_rows=3)
    with pytest.raises(TooManyRows):
        small.query(f"CONSTRUCT WHERE {{ ?s <{EX}p> ?o }}", max_rows=1)


def test_dump_and_load_dump_round_trip(small):
    copy = OxigraphStore()
    copy.load_dump(small.dump())
    assert len(copy) == len(small) == 4
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert copy.select(graphs) == [(2,)]


def test_clear_empties_the_store(small):
    small.clear()
    assert len(small) == 0


# -- results formats ---------------------------------------------------------------------------

SAMPLE = QueryResult.select(["s", "o", "u"], [
    (URIRef(EX + "a"), Literal("tab\there \"quoted\"\nnew line", lang="en"), None),
    (BNode("b1"), Literal("2.5", datatype=XSD.decimal), Literal(7)),
])


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_results_round_trip_through_rdflib(fmt):
    parsed = Result.parse(io.StringIO(SAMPLE.serialize(fmt)), format=fmt)
    assert [str(v) for v in parsed.vars] == SAMPLE.variables
    got = [tuple(row.get(v) for v in parsed.vars) for row in parsed.bindings]
    # blank node labels are local to a document; everything else comes back as it was
    assert [r[1:] for r in got] == [r[1:] for r in SAMPLE.rows]
    assert got[0][0] == URIRef(EX + "a") and isinstance(got[1][0], BNode)


def test_csv_is_plain_text_with_crlf():
    assert SAMPLE.serialize("csv").split("\r\n")[0] == "s,o,u"
    assert SAMPLE.serialize("csv").endswith(",2.5,7\r\n")


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
       st.sampled_from([None, "en", "de-ch"]))
def test_json_and_tsv_keep_any_literal(text, lang):
    result = QueryResult.select(["x"], [(Literal(text, lang=lang),)])
    for fmt in ("json", "tsv"):
        parsed = Result.parse(io.StringIO(result.serialize(fmt)), format=fmt)
        assert [row.get(parsed.vars[0]) for row in parsed.bindings] == [Literal(text, lang=lang)]


@pytest.mark.parametrize("value, fmt, expected", [
    (True, "json", '{"head": {}, "boolean": true}\n'), (False, "csv", "false"),
    (True, "tsv", "true"),
])
def test_ask_results(value, fmt, expected):
    assert QueryResult.ask(value).serialize(fmt) == expected


def test_xml_refuses_what_it_cannot_carry():
    with pytest.raises(QueryError, match="use json"):
        QueryResult.select(["x"], [(Literal("bell \x07"),)]).serialize("xml")


def test_ask_as_xml():
    assert "<boolean>true</boolean>" in QueryResult.ask(True).serialize("xml")


@pytest.mark.parametrize("fmt, kind", [("turtle", "select"), ("csv", "graph")])
def test_a_format_for_the_wrong_kind(fmt, kind):
    result = QueryResult.graph([]) if kind == "graph" else QueryResult.select([], [])
    with pytest.raises(QueryError, match=f"{fmt} is for"):
        result.serialize(fmt)


def test_unknown_format_names_the_allowed():
    with pytest.raises(QueryError, match="allowed: json, xml, csv, tsv"):
        get_result_format("yaml", "select")


@pytest.mark.parametrize("accept, kind, chosen", [
    (None, "select", "json"), ("", "graph", "turtle"), ("*/*", "ask", "json"),
    ("text/csv", "select", "csv"), ("text/tab-separated-values", "select", "tsv"),
    ("application/sparql-results+xml", "ask", "xml"), ("application/xml", "select", "xml"),
    ("text/csv;q=0.2, application/sparql-results+json;q=0.9", "select", "json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "select", "json"),
    ("application/n-triples", "graph", "ntriples"), ("application/ld+json", "graph", "json-ld"),
    ("text/*", "graph", "turtle"), ("*/*, text/turtle;q=0", "graph", "ntriples"),
    ("text/turtle", "select", None), ("image/png", "select", None), ("text/csv", "graph", None),
    ("text/csv;q=0", "select", None),
])
def test_negotiate(accept, kind, chosen):
    fmt = negotiate(accept, kind)
    assert (fmt.name if fmt else None) == chosen


# -- the persistent store ----------------------------------------------------------------------

def test_default_store_spec():
    assert default_store_spec({}) == "oxigraph:.credgraph/store"
    assert default_store_spec({"CREDGRAPH_STORE": "oxigraph:/x"}) == "oxigraph:/x"


def test_on_disk_store_keeps_its_graph(tmp_path):
    path = tmp_path / "nested" / "store"
    store = load(None, OxigraphStore(path))
    counts = store_counts(store)
    store.close()
    reopened = OxigraphStore(path, read_only=True)
    assert store_counts(reopened) == counts and counts["named graphs"] == 8  # 5, registry, measures, audit
    assert reopened.query(f"ASK {{ GRAPH <{AUDIT_GRAPH}> {{ ?s ?p ?o }} }}").boolean


def test_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        OxigraphStore(tmp_path / "missing", read_only=True)


def _corpus_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), folder)
    return folder


def _titles(store):
    return sorted(r[0] for r in store.select(
        "SELECT ?t WHERE { ?r a <https://w3id.org/credgraph/ns#Report> ; "
        "<http://purl.org/dc/terms/title> ?t }"))


def test_reloading_replaces_a_report_s_graph(tmp_path):
    corpus = _corpus_copy(tmp_path)
    store = OxigraphStore(tmp_path / "store")
    load(corpus, store)
    before, size = _titles(store), len(store)
    report = next((corpus / "reports").glob("newsweek-*.yaml"))
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("title: Kyiv says", "title: Kyiv claims"), encoding="utf-8")
    load(corpus, store)
    after = _titles(store)
    assert len(store) == size and len(after) == len(before) == 5
    assert [t for t in after if t not in before] == ["Kyiv claims thousands of Russian troops "
                                                     "are deserting"]


def test_fresh_drops_reports_loaded_before(tmp_path):
    store = OxigraphStore()
    load(None, store)
    store.load_quads([(URIRef(EX + "x"), URIRef(EX + "p"), Literal(1), URIRef(EX + "old"))])
    load(None, store, fresh=True)
    assert not store.query(f"ASK {{ GRAPH <{EX}old> {{ ?s ?p ?o }} }}").boolean
    assert store_counts(store)["reports"] == 5


_GRADES = f"""SELECT ?claim ?grade ?n WHERE {{ GRAPH <{AUDIT_GRAPH}> {{
  ?review <https://schema.org/itemReviewed> ?claim ;
          <https://schema.org/reviewRating>/<https://schema.org/ratingValue> ?grade ;
          <https://w3id.org/credgraph/ns#independentOrigins> ?n }} }}"""


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_an_empty_store_is_audited_by_a_scan_with_the_same_findings(kind, tmp_path,
                                                                   monkeypatch):
    """Into an empty store the audit comes from scanning the loaded file; re-auditing the
    store through its SELECTs must give every figure the same grade and origins."""
    import credgraph.loading

    scanned = []
    real = credgraph.loading.scan_facts
    monkeypatch.setattr(credgraph.loading, "scan_facts",
                        lambda *a, **k: scanned.append(a) or real(*a, **k))
    corpus = _corpus_copy(tmp_path)
    store = open_store(kind)
    assert store.is_empty()
    load(corpus, store)
    assert not store.is_empty() and len(scanned) == 1
    load(corpus, store)  # not empty now: audited through the store
    assert len(scanned) == 1
    stored = sorted(store.select(_GRADES))
    assert len(stored) == 78
    again = audit(store)
    assert stored == sorted((str(ID) + "claim/" + f.id, f.grade.code, f.independent_origins)
                            for f in again.figures)


def test_without_audit_no_stale_findings_stay(tmp_path):
    store = load(None, OxigraphStore())
    assert store.query(f"ASK {{ GRAPH <{AUDIT_GRAPH}> {{ ?s ?p ?o }} }}").boolean
    load(None, store, audit=False)
    assert not store.query(f"ASK {{ GRAPH <{AUDIT_GRAPH}> {{ ?s ?p ?o }} }}").boolean


def test_cli_load_then_query(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CREDGRAPH_STORE", raising=False)
    assert main(["load"]) == 0
    first = capsys.readouterr().out
    assert "5 reports" in first and (tmp_path / ".credgraph/store").is_dir()
    assert main(["load"]) == 0  # again: the same graphs replaced, nothing doubled
    assert capsys.readouterr().out == first
    assert main(["query", "figures-by-grade", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "in memory" not in captured.err
    assert len(json.loads(captured.out)["results"]["bindings"]) == 37


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_cli_load_refuses_a_store_that_keeps_nothing(spec, capsys):
    assert main(["load", "--store", spec]) == 2
    assert "keeps nothing" in capsys.readouterr().err


def test_decimal_values_survive_every_store(small):
    (value,) = small.select(f"SELECT ?v WHERE {{ <{EX}b> <{EX}p> ?v FILTER(isLiteral(?v)) }}")[0]
    assert value == Decimal("2.5")


def test_oxigraph_loads_quads_in_chunks_replacing_each_graph_once():
    from rdflib import Literal, URIRef

    from credgraph.embedded import OxigraphStore

    g1, g2 = URIRef("http://example.org/g1"), URIRef("http://example.org/g2")
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    store = OxigraphStore()
    store.load_quads([(s, p, Literal("old"), g1), (s, p, Literal("kept"), g2)])
    quads = [(s, p, Literal(i), g1) for i in range(5)]  # g1 spans three chunks of two
    assert store.load_quads(quads, chunk=2) == 5
    rows = store.select("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert sorted((g, str(o)) for g, o in rows) == sorted(
        [(str(g1), str(i)) for i in range(5)] + [(str(g2), "kept")])


# -- SELECT / ASK written by Oxigraph's own serializer (credgraph serve) -----------------------

_NATIVE_QUERIES = [
    f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s ?o",
    f"SELECT * WHERE {{ ?z <{EX}p> ?a . OPTIONAL {{ ?a <{EX}q> ?m }} }} ORDER BY ?z ?a",
    f"SELECT ?x WHERE {{ VALUES ?x {{ \"tab\\there\\nand line\" \"bell\" 1.5e0 }} }}",
    f"ASK {{ ?s <{EX}p> 1 }}", f"ASK {{ ?s <{EX}p> 3 }}",
]


@pytest.mark.parametrize("query", _NATIVE_QUERIES)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_oxigraph_writes_select_and_ask_as_query_does(query, fmt):
    """Parsed, the engine's own results equal what QueryResult writes (bytes may differ:
    JSON without spaces), columns of SELECT * included."""
    import pyoxigraph as ox

    store = open_store("oxigraph")
    store.update(f"""INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}a> <{EX}p> "one"@en , 1 }}
      GRAPH <{EX}g2> {{ <{EX}b> <{EX}p> <{EX}a> , "2.5"^^<{XSD}decimal> }} }}""")
    chosen = get_result_format(fmt)
    native = store.solutions_bytes(query, chosen.media_type)
    written = store.query(query).serialize(chosen).encode("utf-8")
    if fmt in ("json", "xml", "tsv"):
        form = getattr(ox.QueryResultsFormat, fmt.upper())

        def parsed(data):
            got = ox.parse_query_results(data, form)
            if isinstance(got, ox.QueryBoolean):
                return bool(got)
            return [v.value for v in got.variables], [[str(t) for t in row] for row in got]

        assert parsed(native) == parsed(written)
    else:
        assert native == written


def test_oxigraph_results_keep_the_row_cap_and_xml_refusal():
    store = open_store("oxigraph")
    store.update(f"INSERT DATA {{ <{EX}a> <{EX}p> 1, 2, 3, \"bell \\u0007\" }}")
    query = f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }}"
    assert store.solutions_bytes(query, "text/tab-separated-values", max_rows=4).count(
        b"\n") == 5
    with pytest.raises(TooManyRows, match="more than 3 rows"):
        store.solutions_bytes(query, "text/csv", max_rows=3)
    with pytest.raises(QueryError, match="use json"):
        store.solutions_bytes(query, "application/sparql-results+xml")
