r"""SPARQL query results: one type for every store, written in the W3C results formats.

SELECT and ASK results are written as SPARQL 1.1 Query Results JSON, XML, CSV or TSV;
CONSTRUCT and DESCRIBE results (triples) as Turtle, N-Triples or JSON-LD. A format is
chosen by name (``credgraph query --format``) or from an HTTP ``Accept`` header
(``credgraph serve``), from one registry, :data:`RESULT_FORMATS`.

>>> from rdflib import Literal, URIRef
>>> result = QueryResult.select(["s", "n"], [(URIRef("https://example.org/a"), Literal(2))])
>>> result.serialize("csv")
's,n\r\nhttps://example.org/a,2\r\n'
>>> result.serialize("tsv")
'?s\t?n\n<https://example.org/a>\t2\n'
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select").name
'xml'
>>> negotiate("image/png", "select") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef

from .display import counted
from .errors import QueryError
from .formats import get_format
from .plugins import Plugins
from .vocab import PREFIXES, bind_prefixes

__all__ = ["QueryResult", "ResultFormat", "RESULT_FORMATS", "register_result_format",
           "get_result_format", "negotiate", "TooManyRows", "syntax_error", "parse_json_results",
           "rdflib_term",
           "rich_table", "display"]

_DISPLAY_PREFIXES = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda x: -len(x[1]))


class TooManyRows(QueryError):
    """A result with more rows (or triples) than the caller allows."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"the result has more than {limit} rows; add a LIMIT (at most {limit})")


def syntax_error(message: str, source: str = "query", text: str | None = None) -> QueryError:
    """A :class:`QueryError` naming line and column, from an engine's parse message.

    Oxigraph writes ``error at 5:2: ...``; pyparsing (rdflib) ``(line:5, col:2)``.

    >>> str(syntax_error("error at 5:2: expected one of ABS, AVG"))
    'SPARQL syntax error in the query at line 5, column 2: expected one of ABS, AVG'

    Oxigraph's parser reports the furthest place it tried to read, which can be well past
    the mistake (the end of the query, for some). Given the query's *text*, the position is
    checked against rdflib's parser, which stops at the clause it cannot read, and the
    earlier of the two is named:

    >>> query = "SELECT ?s WHERE {\\n  ?s <http://x/p> ?o ;\\n     ?s <http://x/q> ?z .\\n}\\n"
    >>> str(syntax_error("error at 5:1: expected one of LATERAL, SERVICE", text=query))
    "SPARQL syntax error in the query at line 3, column 22: cannot read on from '?z'"
    """
    found = re.search(r"at (\d+):(\d+):\s*(.*)", message, re.S)
    if found:
        line, column, what = found.groups()
        if text is not None:
            earlier = _clause_not_read(text, source)
            if earlier is not None and earlier[:2] < (int(line), int(column)):
                line, column, what = earlier
    else:
        found = re.search(r"line:(\d+), col:(\d+)", message)
        if not found:
            return QueryError(f"SPARQL syntax error in the {source}: {message.strip()}")
        (line, column), what = found.groups(), message[:found.start()].rstrip(" (,")
        what = re.sub(r"\s*\(at char \d+\)", "", what)
    return QueryError(f"SPARQL syntax error in the {source} at line {line}, column {column}: "
                      f"{what.strip()}")


def _clause_not_read(text: str, source: str):
    """(line, column, what) of the first clause rdflib's parser cannot read, or None."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    try:
        (UpdateUnit if source == "update" else Query).parse_string(text, parse_all=True)
    except ParseException as exc:
        if exc.loc >= len(text.rstrip()):
            return None
        token = re.match(r"\S{1,20}", text[exc.loc:])
        return exc.lineno, exc.col, f"cannot read on from {token[0]!r}"
    except Exception:  # noqa: BLE001 - rdflib raises bare exceptions past the parser
        return None
    return None


@dataclass(slots=True)
class QueryResult:
    """The result of any query form, as rdflib terms (``None`` for an unbound variable)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)

    @classmethod
    def select(cls, variables: Iterable[str], rows: Iterable[tuple]) -> QueryResult:
        return cls("select", list(variables), [tuple(r) for r in rows])

    def in_order(self, names: Sequence[str] | None) -> QueryResult:
        """The columns in the order of *names* (those not in it last); ``None``: as they are.

        >>> QueryResult.select(["o", "p", "s"], [(1, 2, 3)]).in_order(["s", "p", "o"]).rows
        [(3, 2, 1)]
        """
        if self.kind != "select" or not names:
            return self
        rank = {name: i for i, name in enumerate(names)}
        order = sorted(range(len(self.variables)),
                       key=lambda i: rank.get(self.variables[i], len(rank)))
        if order == list(range(len(self.variables))):
            return self
        return QueryResult.select([self.variables[i] for i in order],
                                  (tuple(row[i] for i in order) for row in self.rows))

    @classmethod
    def ask(cls, value: bool) -> QueryResult:
        return cls("ask", boolean=bool(value))

    @classmethod
    def graph(cls, triples: Iterable[tuple]) -> QueryResult:
        return cls("graph", triples=list(triples))

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def to_graph(self) -> Graph:
        """The triples of a CONSTRUCT/DESCRIBE result as an rdflib Graph, prefixes bound."""
        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph

    def serialize(self, fmt: str | ResultFormat) -> str:
        """The result in a registered format (a name, alias or media type)."""
        fmt = get_result_format(fmt) if isinstance(fmt, str) else fmt
        if self.kind not in fmt.kinds:
            wanted = "SELECT/ASK" if self.kind == "graph" else "CONSTRUCT/DESCRIBE"
            allowed = ", ".join(n for n, f in RESULT_FORMATS.items() if self.kind in f.kinds)
            raise QueryError(f"{fmt.name} is for {wanted} results; this result can be "
                             f"written as {allowed}")
        return fmt.write(self)


def _rdflib_result(result: QueryResult):
    """The result as rdflib's own :class:`~rdflib.query.Result`, which writes JSON."""
    from rdflib.query import Result
    from rdflib.term import Variable

    if result.kind == "ask":
        answer = Result("ASK")
        answer.askAnswer = bool(result.boolean)
        return answer
    answer = Result("SELECT")
    answer.vars = [Variable(v) for v in result.variables]
    answer.bindings = [{var: term for var, term in zip(answer.vars, row) if term is not None}
                       for row in result.rows]
    return answer


def _write_json(result: QueryResult) -> str:
    return _rdflib_result(result).serialize(format="json").decode("utf-8") + "\n"


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _oxigraph_writer(name: str) -> Callable[[QueryResult], str]:
    """A writer by pyoxigraph's results serializer (XML, CSV, TSV), fed what rdflib writes
    as JSON: neither library writes every format from rows of terms, together they do."""

    def write(result: QueryResult) -> str:
        import pyoxigraph as ox

        if name == "XML" and any(t is not None and _NOT_XML.search(t)
                                 for row in result.rows for t in row):
            raise QueryError("a value holds control characters that XML cannot carry; use json")
        parsed = ox.parse_query_results(_write_json(result), ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=getattr(ox.QueryResultsFormat, name)).decode("utf-8")

    return write


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """A results format: its name, media type, the result kinds it writes, its writer."""

    name: str
    media_type: str
    kinds: frozenset
    write: Callable[[QueryResult], str]
    aliases: tuple[str, ...] = ()
    """Other names and media types that choose it."""


RESULT_FORMATS: Plugins[ResultFormat] = Plugins("results format", "credgraph.result_formats")
"""Every results format by name, the default for each kind first. Aliases may repeat
across kinds (``application/json`` is JSON results and JSON-LD), so a name is looked up
with its kind: :func:`get_result_format`."""


def register_result_format(fmt: ResultFormat) -> ResultFormat:
    """Add a results format (a plugin can add its own)."""
    return RESULT_FORMATS.register(fmt.name, fmt)


def _rdf_writer(name: str) -> Callable[[QueryResult], str]:
    rdflib_name = get_format(name).rdflib_name
    return lambda result: result.to_graph().serialize(format=rdflib_name)


_TABULAR = frozenset({"select", "ask"})
for _fmt in (
    ResultFormat("json", "application/sparql-results+json", _TABULAR, _write_json,
                 ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", _TABULAR, _oxigraph_writer("XML"),
                 ("application/xml", "text/xml")),
    ResultFormat("csv", "text/csv", _TABULAR, _oxigraph_writer("CSV")),
    ResultFormat("tsv", "text/tab-separated-values", _TABULAR, _oxigraph_writer("TSV")),
    *(ResultFormat(get_format(n).name, get_format(n).media_type, frozenset({"graph"}),
                   _rdf_writer(n), aliases)
      for n, aliases in (("turtle", ("ttl", "application/x-turtle")), ("ntriples", ("nt",)),
                         ("json-ld", ("jsonld", "application/json"))))
):
    register_result_format(_fmt)


def get_result_format(name: str, kind: str | None = None) -> ResultFormat:
    """The format named *name* (a name, alias or media type), for *kind* when given."""
    wanted = name.strip().lower()
    for fmt in RESULT_FORMATS.values():
        if (kind is None or kind in fmt.kinds) and wanted in (fmt.name, fmt.media_type,
                                                              *fmt.aliases):
            return fmt
    allowed = [n for n, f in RESULT_FORMATS.items() if kind is None or kind in f.kinds]
    raise QueryError(f"unknown results format {name!r}; allowed: {', '.join(allowed)}")


def _accepted(header: str) -> list[tuple[str, float, int]]:
    """``(media range, q, position)`` for each entry of an Accept header."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q, position))
    return ranges


def negotiate(accept: str | None, kind: str) -> ResultFormat | None:
    """The format an ``Accept`` header prefers for a result *kind*; None when none fits.

    For each format the most specific matching media range gives its quality; ties go to
    the more specific range, then the client's order, then ours (JSON for SELECT/ASK,
    Turtle for graphs).

    >>> negotiate("*/*, text/csv;q=0", "select").name
    'json'
    >>> negotiate("text/*", "graph").name
    'turtle'
    """
    candidates = [f for f in RESULT_FORMATS.values() if kind in f.kinds]
    if not accept or not accept.strip():
        return candidates[0]
    ranges = _accepted(accept)
    best, best_key = None, None
    for order, fmt in enumerate(candidates):
        matches = []
        for media_type in (fmt.media_type, *(a for a in fmt.aliases if "/" in a)):
            ranks = {media_type: 3, media_type.split("/")[0] + "/*": 2, "*/*": 1}
            matches += [(ranks[r], q, -position) for r, q, position in ranges if r in ranks]
        if not matches:
            continue
        specificity, q, position = max(matches)  # the most specific range decides
        key = (q, specificity, position, -order)
        if q > 0 and (best_key is None or key > best_key):
            best, best_key = fmt, key
    return best


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term):
    """A pyoxigraph term (or None) as an rdflib term.

    >>> import pyoxigraph as ox
    >>> rdflib_term(ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        return Literal(term.value, lang=term.language,
                       datatype=None if term.language or datatype == _XSD_STRING
                       else URIRef(datatype))
    raise QueryError(f"unsupported term in a result: {term}")


def parse_json_results(data: bytes | str) -> QueryResult:
    """A SPARQL 1.1 Query Results JSON document as a :class:`QueryResult` (pyoxigraph's
    parser; its terms as rdflib's)."""
    import pyoxigraph as ox

    try:
        parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"the server's results are not SPARQL JSON: {exc}") from None
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult.ask(bool(parsed))
    names = [v.value for v in parsed.variables]
    return QueryResult.select(names, (tuple(rdflib_term(term) for term in row)
                                      for row in parsed))


def display(term) -> str:
    """A term as a person reads it: credgraph ids short, other IRIs with their prefix.

    >>> display(URIRef("https://w3id.org/credgraph/id/claim/x")), display(Literal(2.5))
    ('claim/x', '2.5')
    >>> display(URIRef("http://www.w3.org/ns/prov#Entity"))
    'prov:Entity'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _DISPLAY_PREFIXES:
            if term.startswith(namespace):
                local = term[len(namespace):]
                return local if prefix == "cgid" else f"{prefix}:{local}"
        return str(term)
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def rich_table(result: QueryResult, title: str | None = None):
    """A SELECT result as a rich Table for the terminal: every cell, the title and the
    column names plain text (:func:`credgraph.display.terminal_text`: no markup, no
    escape sequence)."""
    from rich.table import Table

    from .display import terminal_text

    table = Table(title=None if title is None else terminal_text(title),
                  caption=counted(len(result.rows), "row"))
    for name in result.variables:
        table.add_column(terminal_text(name), overflow="fold")
    for row in result.rows:
        table.add_row(*(terminal_text(display(t)) for t in row))
    return table
