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

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from .errors import QueryError
from .formats import get_format
from .vocab import PREFIXES, bind_prefixes

__all__ = ["QueryResult", "ResultFormat", "RESULT_FORMATS", "register_result_format",
           "get_result_format", "negotiate", "TooManyRows", "syntax_error", "parse_json_results",
           "rich_table", "display"]

_DISPLAY_PREFIXES = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda x: -len(x[1]))
KINDS = ("select", "ask", "graph")
"""Result kinds: SELECT rows, an ASK boolean, CONSTRUCT/DESCRIBE triples."""


class TooManyRows(QueryError):
    """A result with more rows (or triples) than the caller allows."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"the result has more than {limit} rows; add a LIMIT (at most {limit})")


def syntax_error(message: str, source: str = "query") -> QueryError:
    """A :class:`QueryError` naming line and column, from an engine's parse message.

    Oxigraph writes ``error at 5:2: ...``; pyparsing (rdflib) ``(line:5, col:2)``.

    >>> str(syntax_error("error at 5:2: expected one of ABS, AVG"))
    'SPARQL syntax error in the query at line 5, column 2: expected one of ABS, AVG'
    """
    found = re.search(r"at (\d+):(\d+):\s*(.*)", message, re.S)
    if found:
        line, column, what = found.groups()
    else:
        found = re.search(r"line:(\d+), col:(\d+)", message)
        if not found:
            return QueryError(f"SPARQL syntax error in the {source}: {message.strip()}")
        (line, column), what = found.groups(), message[:found.start()].rstrip(" (,")
        what = re.sub(r"\s*\(at char \d+\)", "", what)
    return QueryError(f"SPARQL syntax error in the {source} at line {line}, column {column}: "
                      f"{what.strip()}")


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


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _write_json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    names = result.variables
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False) + "\n"


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_term(term) -> str:
    if _NOT_XML.search(term):
        raise QueryError("a value holds control characters that XML cannot carry; use json")
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = f" xml:lang={quoteattr(term.language)}" if term.language else ""
    if not term.language and term.datatype is not None and term.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def _write_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(n)}/>" for n in result.variables]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                            for n, t in zip(result.variables, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    return "\n".join(out + ["</sparql>"]) + "\n"


def _csv_value(term) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _write_csv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)  # CRLF line ends, as the SPARQL CSV format asks
    writer.writerow(result.variables)
    writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buf.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_INTEGER = re.compile(r"[+-]?\d+\Z")


def _tsv_term(term) -> str:
    """A term in SPARQL syntax, as the TSV results format writes it."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: f"\\u{ord(m[0]):04X}", term) + ">"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = '"' + str(term).translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype == XSD.integer and _INTEGER.match(str(term)):
        return str(term)
    if term.datatype is not None and term.datatype != XSD.string:
        return f"{text}^^<{term.datatype}>"
    return text


def _write_tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join("?" + n for n in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """A results format: its name, media type, the result kinds it writes, its writer."""

    name: str
    media_type: str
    kinds: frozenset
    write: Callable[[QueryResult], str]
    aliases: tuple[str, ...] = ()
    """Other names and media types that choose it."""


RESULT_FORMATS: dict[str, ResultFormat] = {}
"""Every results format by name, the default for each kind first."""


def register_result_format(fmt: ResultFormat) -> ResultFormat:
    """Add a results format (a plugin can add its own)."""
    RESULT_FORMATS[fmt.name] = fmt
    return fmt


def _rdf_writer(name: str) -> Callable[[QueryResult], str]:
    rdflib_name = get_format(name).rdflib_name
    return lambda result: result.to_graph().serialize(format=rdflib_name)


_TABULAR = frozenset({"select", "ask"})
for _fmt in (
    ResultFormat("json", "application/sparql-results+json", _TABULAR, _write_json,
                 ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", _TABULAR, _write_xml,
                 ("application/xml", "text/xml")),
    ResultFormat("csv", "text/csv", _TABULAR, _write_csv),
    ResultFormat("tsv", "text/tab-separated-values", _TABULAR, _write_tsv),
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


def parse_json_results(data: bytes | str) -> QueryResult:
    """A SPARQL 1.1 Query Results JSON document as a :class:`QueryResult`."""
    doc = json.loads(data)
    if "boolean" in doc:
        return QueryResult.ask(doc["boolean"])
    names = doc.get("head", {}).get("vars", [])

    def term(cell):
        if cell is None:
            return None
        kind, value = cell["type"], cell["value"]
        if kind == "uri":
            return URIRef(value)
        if kind == "bnode":
            return BNode(value)
        datatype = cell.get("datatype")
        return Literal(value, lang=cell.get("xml:lang"),
                       datatype=URIRef(datatype) if datatype else None)

    return QueryResult.select(names, (tuple(term(b.get(n)) for n in names)
                                      for b in doc.get("results", {}).get("bindings", [])))


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
    """A SELECT result as a rich Table for the terminal (every cell plain text)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, caption=f"{len(result.rows)} row(s)")
    for name in result.variables:
        table.add_column(name, overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(display(t)) for t in row))
    return table
