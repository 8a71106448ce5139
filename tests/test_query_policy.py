"""The read-only check sees the query the engine executes.

Two readers of one text: rdflib's parser (the check) and Oxigraph (the engine). Each test
here is a place where they read a raw text apart; after :func:`engine_text` they must not.
The differential test runs what the check accepts on a real Oxigraph store, with a
listener on 127.0.0.1 as every SERVICE / FROM target, and asserts that it heard nothing
and that both engines answer with the same variables and row count.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from credgraph.display import LINE_BREAKS
from credgraph.errors import QueryError
from credgraph.query_policy import engine_text, read_only_query
from credgraph.sparql import bind_params

BREAKS = {"CR": "\r", "CRLF": "\r\n", "FF": "\x0c", "VT": "\x0b", "NEL": "\x85",
          "LS": "\u2028", "PS": "\u2029"}
"""Every line break but the line feed, by name."""


def test_the_breaks_tested_are_every_break_the_rule_knows():
    known = {chr(i) for i in range(0x10000) if LINE_BREAKS.match(chr(i))}
    assert known == {text[0] for text in BREAKS.values()}
    assert all(LINE_BREAKS.fullmatch(text) for text in BREAKS.values())


@pytest.fixture(scope="module")
def trap():
    """A listener on 127.0.0.1 that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.settimeout(0.2)
    seen, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                seen.append(conn.recv(200))
            except OSError:
                seen.append(b"")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", seen
    stop.set()
    thread.join(2)
    sock.close()


# Each smuggles its payload behind a comment that one reader ends at the break and the other
# does not; {b} is the break, {u} the trap's URL.
SMUGGLED = {
    "SERVICE": "SELECT * WHERE {{ ?s ?p ?o # note{b} SERVICE <{u}> {{ ?a ?b ?c }}\n}}",
    "SERVICE after the closing brace": "ASK {{ }} # note{b} ASK {{ SERVICE <{u}> {{ }} }}",
    "FROM": "SELECT * # note{b} FROM <{u}g>\nWHERE {{ ?s ?p ?o }}",
    "FROM NAMED": "SELECT * # note{b} FROM NAMED <{u}g>\nWHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "update": "ASK {{ }} # note{b} ; LOAD <{u}>",
    "update alone": "# note{b}LOAD <{u}>",
    "INSERT": "# note{b}INSERT DATA {{ <{u}a> <{u}b> <{u}c> }}",
}


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize("template", SMUGGLED.values(), ids=SMUGGLED.keys())
def test_a_line_break_hides_nothing(template, brk):
    """Every break ends the comment for both readers, so the payload shows and is refused."""
    with pytest.raises(QueryError, match="refused|syntax error"):
        read_only_query(template.format(b=brk, u="http://127.0.0.1:9/"))


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_every_break_is_one_line_feed(brk):
    assert engine_text(f"ASK {{}}{brk}# x{brk}LIMIT 1") == "ASK {}\n\nLIMIT 1"


ESCAPED = [
    # a quote by code point: one character to Oxigraph, three quotes to rdflib's pre-pass
    'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{u}> {{ ?s ?p ?o }} }} # """ AS ?y) }}',
    "SELECT * WHERE {{ BIND('\\u0027' AS ?x) SERVICE <{u}> {{ ?s ?p ?o }} }} # ''' AS ?y) }}",
    'SELECT * WHERE {{ BIND("\\U00000022" AS ?x) SERVICE <{u}> {{ }} }} # """ AS ?y) }}',
    # the same after an escaped backslash, which rdflib's pre-pass expands anyway
    'SELECT * WHERE {{ BIND("\\\\u0022" AS ?x) SERVICE <{u}> {{ }} }} # """ AS ?y) }}',
    # a comment start or a line end by code point
    "SELECT * WHERE {{ ?s ?p ?o }} \\u0023 SERVICE <{u}> {{ }}",
    "SELECT * WHERE {{ ?s ?p ?o #\\u000A SERVICE <{u}> {{ }}\n}}",
    "SELECT * WHERE {{ ?s ?p ?o #\\u000d SERVICE <{u}> {{ }}\n}}",
    "SELECT * WHERE {{ \\u0053ERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\U00000053ERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0073ervice <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ <{u}\\u003E SERVICE <{u}> {{ }} }}",
    "SELECT * \\u0046ROM <{u}> WHERE {{ }}",
    "\\u004cOAD <{u}>",
]


@pytest.mark.parametrize("template", ESCAPED)
def test_a_code_point_escape_hides_nothing(template, trap):
    url, seen = trap
    text = template.format(u=url)
    try:
        checked = read_only_query(text)
    except QueryError:
        return
    _run_on_oxigraph(checked.text)
    time.sleep(0.2)
    assert seen == [], checked.text


@pytest.mark.parametrize("text, value", [
    ('SELECT ?x WHERE { BIND("\\u00e9\\u0022" AS ?x) }', 'é"'),
    ("SELECT ?x WHERE { BIND('\\u0027\\u005C' AS ?x) }", "'\\"),
    ('SELECT ?x WHERE { BIND("""a\\u000Ab""" AS ?x) }', "a\nb"),
    ('SELECT ?x WHERE { BIND("\\\\u0041" AS ?x) }', "\\u0041"),
    ('SELECT ?x WHERE { BIND("\\U0001F600" AS ?x) }', "\U0001F600"),
    ("SELECT ?x WHERE { BIND(STR(<http://x/\\u0061#b>) AS ?x) }", "http://x/a#b"),
])
def test_escapes_in_strings_and_iris_keep_their_meaning(text, value):
    assert _run_on_oxigraph(read_only_query(text).text) == [(("x", value),)]


def test_bound_parameters_pass_the_check_as_data():
    for value in ['" } SERVICE <http://127.0.0.1:9/> { } #', "\\u0022", "a\u2028b\x85c\x0bd",
                  "\\\\u0041", "\r\n"]:
        text = bind_params("SELECT ?x WHERE { BIND($v AS ?x) }", {"v": value})
        assert _run_on_oxigraph(read_only_query(text).text) == [(("x", value),)]


def test_comments_are_gone_but_hashes_in_iris_and_strings_stay():
    assert engine_text('SELECT * WHERE { ?s <http://a/#b> "#c" } # d\nLIMIT 1') == \
        'SELECT * WHERE { ?s <http://a/#b> "#c" } \nLIMIT 1'


# -- the differential test ---------------------------------------------------------------------

def _rows(rows: list[dict]) -> list[tuple]:
    """Distinct rows in a comparable form, each a sorted tuple of its bound (name, value)
    pairs (distinct: rdflib answers ``{ } UNION { }`` with one row, Oxigraph with two)."""
    return sorted({tuple(sorted((k, v) for k, v in row.items() if v is not None))
                   for row in rows})


def _run_on_oxigraph(text: str):
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    try:
        result = store.query(text)
    except (SyntaxError, OSError):
        return None
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        try:
            return _rows([{n: None if t is None else t.value for n, t in zip(names, row)}
                          for row in result])
        except OSError:
            return None
    return len(list(result))


def _run_on_rdflib(text: str):
    from rdflib import Dataset, Literal, URIRef
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.evaluate import evalQuery
    from rdflib.plugins.sparql.parser import Query

    data = Dataset()
    data.add((URIRef("http://x/s"), URIRef("http://x/p"), Literal("o")))
    result = evalQuery(data, translateQuery(Query.parse_string(text, parse_all=True)), {})
    if result.get("type_") == "ASK":
        return result["askAnswer"]
    if result.get("type_") == "SELECT":
        return _rows([{str(v): None if row.get(v) is None else str(row.get(v))
                       for v in result["vars_"]} for row in result["bindings"]])
    return len(result["graph"])


# A generated query: head, noise, something that may hide what follows from one reader,
# noise, a payload that reaches out, noise, something that may end the hiding, the end.
BENIGN = ["?s ?p ?o .", "BIND(1 AS ?a)", 'BIND("x" AS ?b)', "OPTIONAL { ?s ?p ?o }",
          "FILTER(?s != 1)", "VALUES ?v { 1 }", "{ } UNION { }", "\n", " ", '"#"', "<http://x/#>"]
HIDERS = [*(f"#{b}" for b in [*BREAKS.values(), "\n", " "]),
          *(f"# note{b}" for b in BREAKS.values()),
          'BIND("\\u0022" AS ?x)', "BIND('\\u0027' AS ?x)", 'BIND("\\U00000022" AS ?x)',
          'BIND("\\\\u0022" AS ?x)', "BIND('\\\\u0027' AS ?x)", "\\u0023", "#\\u000A",
          "#\\u000D", '"""', "'''", 'BIND("""', "BIND('''", "<http://x/\\u003E", "#\\",
          "\\", '"', "'"]
PAYLOADS = ["SERVICE <{u}> { ?c ?d ?e }", "SERVICE SILENT <{u}> { }", "\\u0053ERVICE <{u}> { }",
            "OPTIONAL { SERVICE <{u}> { } }", "} SELECT * FROM <{u}> WHERE {",
            "FILTER EXISTS { SERVICE <{u}> { } }", "} ; LOAD <{u}> ; ASK {"]
CLOSERS = ["", "\n", *BREAKS.values(), '# """ AS ?y)', "# ''' AS ?y)", '""" AS ?y)',
           "''' AS ?y)", '" AS ?y)', "' AS ?y)", '\\u0022 AS ?y)', ">", "\\u000A"]
HEADS = ["SELECT * WHERE { ", "ASK { ", "SELECT * WHERE { ?s ?p ?o "]
_noise = st.lists(st.sampled_from(BENIGN), max_size=2).map(" ".join)


@settings(max_examples=1000, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(parts=st.tuples(st.sampled_from(HEADS), _noise, st.sampled_from(HIDERS), _noise,
                      st.sampled_from(PAYLOADS), _noise, st.sampled_from(CLOSERS), _noise))
def test_what_the_check_accepts_oxigraph_runs_alike_and_without_reaching_out(trap, parts):
    url, seen = trap
    text = (" ".join(parts) + " }").replace("{u}", url)
    try:
        checked = read_only_query(text)
    except QueryError:
        return
    before = len(seen)
    ours = _run_on_oxigraph(checked.text)  # None: Oxigraph refuses it (stricter on BIND)
    event("accepted, run" if ours is not None else "accepted, Oxigraph refuses")
    if ours is not None:
        assert ours == _run_on_rdflib(checked.text), checked.text
    time.sleep(0.01)
    assert len(seen) == before, f"reached out: {checked.text!r}"
