"""The bundled queries, their parameters, the read-only check and ``credgraph query``.

- every ``graph/queries/*.rq`` has a one-line description, parses, is read-only, declares
  exactly the ``$parameters`` it uses, and gives its expected rows (``tests/sparql``) on the
  rdflib and the Oxigraph store;
- where the audit answers the same question, the query agrees with the audit;
- parameters are bound as literals whatever their text (Hypothesis), never as query text;
- updates, SERVICE and FROM are refused on the parsed algebra, however they are written.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from credgraph.cli import main
from credgraph.errors import InputError, QueryError
from credgraph.loading import load
from credgraph.sparql import (QUERY_DIR, bind_params, bundled_queries, check_read_only,
                              query_params, resolve_query)
from credgraph.store import open_store
from credgraph.ids import short
from tests.sparql.expected import EXPECTED_DIR, answer, expected

NAMES = sorted(bundled_queries())


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request):
    """The bundled corpus with its stored audit, on rdflib and on Oxigraph."""
    return load(None, open_store(request.param))


@pytest.fixture(scope="module")
def oxi():
    return load(None, open_store("oxigraph"))


def rows(store, name: str, **params) -> list[list]:
    text = bundled_queries()[name].bind(params)
    return [[short(v) if isinstance(v, str) else v for v in row] for row in store.select(text)]


# -- the query files -------------------------------------------------------------------------

def test_the_issue_queries_are_bundled():
    assert {"single-origin", "telegram-chain", "figures-by-source", "figure-chain",
            "conflicting-figures", "hedge-dropped", "unverified-by-outlet",
            "figures-by-grade"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_query_file_has_a_header(name):
    query = bundled_queries()[name]
    first = query.text.splitlines()[0]
    assert first.startswith("# ") and first.endswith(".") and len(first) <= 100
    assert query.description == first[2:]


@pytest.mark.parametrize("name", NAMES)
def test_query_parses_and_is_read_only(name, oxi):
    query = bundled_queries()[name]
    assert check_read_only(query.example()) in ("select", "graph")
    oxi.query(query.example())  # Oxigraph's parser, without default prefixes


@pytest.mark.parametrize("name", NAMES)
def test_query_declares_exactly_the_parameters_it_uses(name):
    query = bundled_queries()[name]
    assert [p.name for p in query.params] == query_params(query.text)
    for param in query.params:
        assert param.example, f"{name}: give ${param.name} an (example: ...)"
        assert f"?{param.name}" not in query.text, "a parameter is written $name only"


def test_every_query_has_expected_rows_and_every_file_a_query():
    assert sorted(p.stem for p in EXPECTED_DIR.glob("*.json")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_query_gives_its_expected_rows(name, store):
    assert answer(store, name) == expected(name)


# -- the queries agree with the audit ----------------------------------------------------------

def _figures(audit):
    return [f for f in audit.figures if f.claim.reference.figure is not None]


def test_single_origin_is_the_audit_s(oxi, seed_audit):
    found = {r[0] for r in rows(oxi, "single-origin")}
    assert found == {"claim/" + f.id for f in _figures(seed_audit) if f.independent_origins == 1}


def test_hedge_dropped_is_the_audit_s(oxi, seed_audit):
    found = {(r[1], r[3]) for r in rows(oxi, "hedge-dropped")}
    audit = {(f.evidence[0][0], f.evidence[0][-1]) for _fig, f in seed_audit.findings()
             if f.check == "hedge-dropped"}
    assert found == audit and found


@pytest.mark.parametrize("case", ["same-time-conflict", "narrower-exceeds-broader",
                                  "coarse-running-totals"])
def test_conflicting_figures_are_the_audit_s(case, audit_case_folder):
    """The query lists the pairs the audit calls irreconcilable (its errors), and only
    those: a note on coarse dates is not a conflict."""
    from credgraph.api import audit
    from credgraph.inputs import open_input

    folder = audit_case_folder(case)
    store = load(open_input(str(folder)), open_store("oxigraph"))
    result = audit(str(folder))
    found = {frozenset((r[1], r[4])) for r in rows(store, "conflicting-figures")}
    index = result.trace.mentions
    errors = {frozenset("claim/" + index[node].claim for node in f.evidence)
              for _fig, f in result.findings("error") if f.check == "conflicting-figures"}
    assert found == errors
    assert bool(found) == (case != "coarse-running-totals")


def test_grades_are_the_audit_s(oxi, seed_audit):
    found = {r[1]: r[0] for r in rows(oxi, "figures-by-grade")}
    assert found == {"claim/" + f.id: f.grade.code for f in _figures(seed_audit)}


@pytest.mark.parametrize("figure", ["hur-southern-district-deserters", "pavlivka-killed-nov-2022",
                                    "wsj-documents-hundreds-refused-or-fled"])
def test_figure_chain_holds_the_audit_s_chains(oxi, seed_audit, figure):
    steps = {r[0] for r in rows(oxi, "figure-chain", figure=figure)}
    assert steps == {n for chain in seed_audit.figure(figure).claim.chains for n in chain}


def test_telegram_chains_are_the_audit_s(oxi, seed_audit):
    trace = seed_audit.trace
    channels = {s.id for s in trace.registry if s.kind == "telegram-channel"}

    def through_channel(node: str) -> bool:
        if node in trace.statement_source:
            return trace.statement_source[node] in channels
        if node not in trace.mentions:  # a computed figure's step into its input claim
            return False
        return trace.reports[trace.mentions[node].report].outlet in channels

    audit = {"claim/" + f.id for f in _figures(seed_audit)
             if any(through_channel(n) for c in f.claim.chains for n in c)}
    assert {r[0] for r in rows(oxi, "telegram-chain")} == audit and audit


def test_figures_by_source_follow_speaks_for(oxi, seed_audit):
    registry = seed_audit.trace.registry
    for source in registry:
        def speaks_for(sid, target=source.id):
            seen = set()
            while sid and sid not in seen:
                if sid == target:
                    return True
                seen.add(sid)
                sid = registry[sid].speaks_for if sid in registry else None
            return False

        audit = {"claim/" + f.id for f in _figures(seed_audit)
                 if any(speaks_for(a.origin.source) for a in f.origins)}
        found = {r[0] for r in rows(oxi, "figures-by-source", source=source.id)}
        assert found == audit, source.id


@pytest.mark.parametrize("name", ["Mediazone", "MEDIAZONA", "zona.media", "mediazona"])
def test_a_source_by_alias_name_or_id(oxi, name):
    """Mediazona's count, and RFE/RL's two ratios computed from it."""
    assert [r[0] for r in rows(oxi, "figures-by-source", source=name)] == [
        "claim/mediazona-desertion-cases-h1-2023", "claim/rferl-desertion-cases-vs-2021",
        "claim/rferl-desertion-cases-vs-2022"]


def test_unverified_relays_by_outlet_count_the_audit_s(oxi, seed_audit):
    trace, counts = seed_audit.trace, {}
    for fig in _figures(seed_audit):
        if not any(f.check == "unverified-origin" for f in fig.findings):
            continue
        outlets = {trace.registry[trace.reports[m.report].outlet].name
                   for m in fig.claim.mentions
                   if m.figure is not None and any(trace.graph.successors(m.node))}
        for outlet in outlets:
            counts[outlet] = counts.get(outlet, 0) + 1
    found = rows(oxi, "unverified-by-outlet")
    assert {r[0]: r[1] for r in found} == counts
    assert [r[1] for r in found] == sorted((r[1] for r in found), reverse=True)


def test_claim_subgraph_traces_like_the_whole_graph(oxi, seed_audit):
    from credgraph.api import audit
    from credgraph.store import MemoryStore

    figure = "hur-southern-district-deserters"
    result = oxi.query(bundled_queries()["claim-subgraph"].bind({"figure": figure}))
    sub = MemoryStore()
    sub.load_quads(((s, p, o, None) for s, p, o in result.triples), replace_graphs=False)
    alone = audit(sub).figure(figure).as_dict()
    whole = seed_audit.figure(figure).as_dict()
    assert (alone["origins"], alone["chains"], alone["grade"]) == (
        whole["origins"], whole["chains"], whole["grade"])


# -- parameters --------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_parameter_value_is_one_literal(value):
    for spec in ("oxigraph", "memory"):
        got = open_store(spec).select(bind_params("SELECT ?x WHERE { BIND($v AS ?x) }",
                                                  {"v": value}))
        assert got == [(value,)], spec


@pytest.mark.parametrize("hostile", [
    '" } } ; DROP ALL #', "\\\" ) } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #",
    "x\" . ?s ?p ?o . FILTER(\"1", "\n}\nLIMIT 0 #", "$v", "\\u0022) }",
    "\\U0000", "\\U00000022) }", "\\\\u0041",
])
def test_a_hostile_value_stays_data(oxi, hostile):
    text = bind_params("SELECT ?x WHERE { BIND($v AS ?x) }", {"v": hostile})
    assert check_read_only(text) == "select"
    assert oxi.select(text) == [(hostile,)]


def test_dollar_inside_strings_iris_and_comments_is_left_alone():
    text = 'SELECT * WHERE { ?s <http://x/$v> "$v" . BIND($v AS ?o) } # $v'
    assert bind_params(text, {"v": "a"}) == \
        'SELECT * WHERE { ?s <http://x/$v> "$v" . BIND("a" AS ?o) } # $v'


@pytest.mark.parametrize("values, message", [
    ({}, "needs --param source="),
    ({"source": "x", "other": "y"}, "has no parameter other"),
])
def test_bundled_parameters_are_checked(values, message):
    with pytest.raises(InputError, match=message):
        bundled_queries()["figures-by-source"].bind(values)


def test_resolve_a_name_a_file_or_a_text(tmp_path):
    assert resolve_query("single-origin").name == "single-origin"
    path = tmp_path / "mine.rq"
    path.write_text("# Mine.\nSELECT * WHERE { ?s ?p $o }\n")
    mine = resolve_query(str(path))
    assert (mine.name, mine.description, [p.name for p in mine.params]) == ("mine", "Mine.", ["o"])
    assert resolve_query("ASK {}").text == "ASK {}"
    with pytest.raises(InputError, match="did you mean single-origin"):
        resolve_query("single-orign")


# -- the read-only check -----------------------------------------------------------------------

@pytest.mark.parametrize("query, refused", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { service silent ?x { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://a/> { ?s ?p ?o } } }",
     "SERVICE"),
    ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://a/> { ?s ?p ?o } } } }", "SERVICE"),
    ("SELECT * WHERE { OPTIONAL { ?s ?p ?o MINUS { SERVICE <http://a/> {} } } }", "SERVICE"),
    ("PREFIX e: <http://a/>\nASK { SERVICE e:x { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://a/> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
    ("CONSTRUCT { ?s ?p ?o } FROM <http://a/> WHERE { ?s ?p ?o }", "FROM"),
    ("DESCRIBE <http://a/> FROM <http://a/>", "FROM"),
    ("LOAD <http://127.0.0.1:9/>", "updates"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "updates"),
    ("DROP ALL", "updates"),
    ("SELECT * WHERE { ?s ?p }", "line 1"),
])
def test_refused_queries(query, refused):
    with pytest.raises(QueryError, match=refused):
        check_read_only(query)


@pytest.mark.parametrize("query, kind", [
    ("SELECT * WHERE { ?s ?p ?o }", "select"), ("ASK {}", "ask"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "graph"), ("DESCRIBE <http://a/>", "graph"),
    ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "select"),
])
def test_allowed_queries(query, kind):
    assert check_read_only(query) == kind


# -- syntax errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_a_syntax_error_names_line_and_column(spec):
    with pytest.raises(QueryError, match=r"line [34], column \d+"):  # engines stop apart
        open_store(spec).query("SELECT ?x\nWHERE {\n  ?x ?y .\n}")


# (query, line and column of the mistake): the error names that line, and a column at or
# before the mistake (the clause it is in), never the end of the query.
MISTAKES = [
    ("PREFIX x: <http://x/>\nSELECT ?s\nWHERE {\n  ?s x:p ?o ;\n  ?s x:q ?z .\n}\n", (5, 10)),
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}\n\n", (3, 15)),
    ("SELECT ?s\nWHERE { ?s ?p ?o }\nLIMT 3\n", (3, 1)),
    ("SELECT (COUNT(?s) AS ?n\nWHERE { ?s ?p ?o }", (2, 1)),
    ("SELECT ?s WHERE {\n  ?s ?p ?o\n  ?s ?p ?q\n}", (3, 3)),
]


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
@pytest.mark.parametrize(("query", "mistake"), MISTAKES)
def test_a_syntax_error_points_at_the_mistake_not_the_end(spec, query, mistake):
    with pytest.raises(QueryError) as caught:
        open_store(spec).query(query)
    found = re.search(r"at line (\d+), column (\d+)", str(caught.value))
    assert found, caught.value
    line, column = int(found[1]), int(found[2])
    assert line == mistake[0] and column <= mistake[1], caught.value


# -- credgraph query ---------------------------------------------------------------------------

@pytest.fixture()
def run(tmp_path, monkeypatch, capsys):
    """Run ``credgraph`` in an empty folder (no default store), returning (code, out, err)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CREDGRAPH_STORE", raising=False)

    def run_(*args):
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run_


def test_cli_lists_the_bundled_queries(run):
    code, out, _ = run("query", "--list")
    assert code == 0 and all(name in out for name in NAMES)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_cli_writes_the_results_formats(run, fmt):
    code, out, err = run("query", "single-origin", "--format", fmt)
    assert code == 0 and "bundled corpus in memory" in err
    count = len(expected("single-origin")["rows"])
    if fmt == "csv":
        assert len(list(csv.reader(io.StringIO(out)))) == count + 1
    elif fmt == "tsv":
        assert out.splitlines()[0].startswith("?claim\t") and len(out.splitlines()) == count + 1
    elif fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) == count
    else:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert len(ET.fromstring(out).findall(f"{ns}results/{ns}result")) == count


@pytest.mark.parametrize("fmt, rdflib_name", [("turtle", "turtle"), ("ntriples", "nt"),
                                              ("json-ld", "json-ld")])
def test_cli_writes_graphs(run, fmt, rdflib_name):
    code, out, _ = run("query", "claim-subgraph", "-p", "figure=hur-southern-district-deserters",
                       "-f", fmt)
    assert code == 0
    assert len(Graph().parse(data=out, format=rdflib_name)) == expected("claim-subgraph")["triples"]


def test_cli_binds_parameters_and_reads_files(run, tmp_path):
    code, out, _ = run("query", "figures-by-source", "-p", "source=Mediazone", "-f", "csv")
    assert code == 0 and "mediazona-desertion-cases-h1-2023" in out
    (tmp_path / "n.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?r a "
                                   "<https://w3id.org/credgraph/ns#Report> }")
    assert run("query", str(tmp_path / "n.rq"), "-f", "csv")[1].split() == ["n", "5"]


@pytest.mark.parametrize("args, message", [
    (["SELECT ?x\nWHERE {\n  ?x ?y\n}"], "line 3, column 3"),  # the pattern with no object
    (["figures-by-source"], "needs --param source="),
    (["single-origin", "-f", "turtle"], "turtle is for CONSTRUCT/DESCRIBE"),
    (["claim-subgraph", "-p", "figure=x", "-f", "csv"], "csv is for SELECT/ASK"),
    (["single-origin", "-p", "novalue"], "NAME=VALUE"),
    (["nonsense-name"], "no bundled query"),
    (["single-origin", "--store", "oxigraph:does-not-exist"], "run credgraph load"),
])
def test_cli_bad_queries_exit_2_without_traceback(run, args, message):
    code, _out, err = run("query", *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_query_files_live_in_the_package():
    assert QUERY_DIR.is_dir() and QUERY_DIR.parent.name == "graph"


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_hedge_dropped_names_the_nearest_hedged_mention(kind, tmp_path):
    from credgraph.loading import load
    from tests.conftest import AUDIT_CASES
    from tests.sparql.expected import nearer_hedge_corpus

    store = load(nearer_hedge_corpus(tmp_path / "c", AUDIT_CASES / "sources.yaml"), kind)
    assert [(r[1], r[3]) for r in rows(store, "hedge-dropped")] == [
        ("mention/c/m1", "mention/b/m1")]
