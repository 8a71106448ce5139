r"""What a query may do on the public endpoint: read the store, nothing else.

:func:`read_only_query` refuses updates (``LOAD``, ``INSERT`` ...), ``SERVICE`` anywhere
(also inside ``FILTER EXISTS`` or a subquery) and ``FROM`` / ``FROM NAMED``: engines fetch
URLs for those, and ``FROM <file:///...>`` reads local files. The check runs on the
algebra of rdflib's parser, and it must see the very query the engine executes. Two
parsers of one text disagree in places:

- Oxigraph ends a comment at a carriage return, rdflib's parser only at a line feed, so a
  ``SERVICE`` after ``# ...\r`` is a comment to one and a call to the other. Every line
  break (:data:`credgraph.display.LINE_BREAKS`) is made a line feed first.
- rdflib expands ``\uXXXX`` escapes anywhere in the text before parsing, as SPARQL 1.1
  section 19.2 says (and case-blind); Oxigraph only inside strings and IRIs. So
  ``"\u0022"`` is a one-character string to Oxigraph and, to rdflib, the three quotes that
  open a long string.
  Here the escapes inside strings and IRIs are written out once (a quote or a backslash
  as its two-character escape), comments are removed, and rdflib parses the result
  without expanding anything: as Oxigraph reads it. Any escape left elsewhere is then a
  syntax error. The same text read the other way (escapes expanded first, as a remote
  server following the specification reads it) must be harmless too.

The result, :class:`ReadOnlyQuery`, carries that one text: run ``.text``, never the
original.

>>> read_only_query("SELECT * WHERE { ?s ?p ?o } # all\r\nLIMIT 1")
ReadOnlyQuery(text='SELECT * WHERE { ?s ?p ?o } \nLIMIT 1', kind='select')
>>> read_only_query('ASK { FILTER("\\u0022" = "\\"") }').text
'ASK { FILTER("\\"" = "\\"") }'
>>> read_only_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
credgraph.errors.QueryError: SERVICE is refused: this endpoint never makes outbound requests
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .display import unify_line_breaks
from .errors import QueryError
from .results import syntax_error

__all__ = ["star_columns", "ReadOnlyQuery", "read_only_query", "check_read_only", "engine_text"]

# The lexemes whose insides are not SPARQL tokens: strings, IRIs, comments, and a
# backslash with the character after it (a prefixed name's escape, like ex:a\#b). The text
# has only line feeds when this runs.
_LEXEME = re.compile(r'''
    (?P<string> """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*' )
  | (?P<iri> <(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*> )
  | (?P<comment> \#[^\n]* )
  | (?P<escape> \\. )
''', re.X | re.S)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|.)", re.S)
_CODE_POINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_RDFLIB_CODE_POINT = re.compile(r"\\u([0-9a-f]{4}(?:[0-9a-f]{4})?)", re.I)  # its reading
_STRING_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
                   "\f": "\\f"}
_NOT_IN_IRI = set('<>"{}|^`\\') | {chr(i) for i in range(0x21)}


class ReadOnlyQuery(NamedTuple):
    """A query that passed the check: the text to execute, and the form of its result."""

    text: str
    """What the engine runs: the checked text, exactly."""
    kind: str
    """``select``, ``ask`` or ``graph`` (CONSTRUCT, DESCRIBE)."""


def _code_point(match: re.Match) -> str | None:
    hexa = match[1] or match[2]
    if hexa is None:
        return None
    value = int(hexa, 16)
    return None if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF else chr(value)


def _string(lexeme: str) -> str:
    """A string literal with its code point escapes written out (Oxigraph's reading)."""
    width = 3 if lexeme[:3] in ('"""', "'''") else 1
    quote, body = lexeme[0], lexeme[width:-width]

    def resolve(match: re.Match) -> str:
        char = _code_point(match)
        if char is None:
            return match[0]  # an ECHAR, or an escape the parser will refuse
        return "\\" + char if char == quote else _STRING_ESCAPES.get(char, char)

    return lexeme[:width] + _ESCAPE.sub(resolve, body) + lexeme[-width:]


def _iri(lexeme: str) -> str:
    def resolve(match: re.Match) -> str:
        char = _code_point(match)
        return match[0] if char is None or char in _NOT_IN_IRI else char

    return _CODE_POINT.sub(resolve, lexeme)


def engine_text(query: str) -> str:
    r"""The one text that both the check and the engine read: line feeds only, code point
    escapes in strings and IRIs written out, no comments.

    >>> engine_text('SELECT ?x # note\rWHERE { BIND("\\u00e9" AS ?x) }')
    'SELECT ?x \nWHERE { BIND("é" AS ?x) }'
    """
    def rewrite(match: re.Match) -> str:
        if match["string"]:
            return _string(match[0])
        if match["iri"]:
            return _iri(match[0])
        return "" if match["comment"] else match[0]

    return _LEXEME.sub(rewrite, unify_line_breaks(query))


_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\U000effff]+)")


@lru_cache(maxsize=512)
def star_columns(query: str) -> tuple[str, ...] | None:
    """For a ``SELECT *`` query, its variables in the order they first appear (the order
    its columns are given in, whatever order the engine has); ``None`` for other queries.
    Cached by text: an endpoint asks it of every answer, mostly for the same queries.

    >>> star_columns("SELECT * WHERE { ?s ?p ?o # ?comment\\n FILTER(?o != '?x') }")
    ('s', 'p', 'o')
    >>> star_columns("SELECT ?o ?s WHERE { ?s ?p ?o }") is None
    True
    """
    text = _LEXEME.sub(" ", unify_line_breaks(query))
    if not _SELECT_STAR.search(text):
        return None
    return tuple(dict.fromkeys(_VARIABLE.findall(text)))


def _parse(text: str):
    """rdflib's algebra of *text* as it stands (no escape expanded), or ``"update"``, or a
    :class:`QueryError` for a syntax error."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    try:
        return translateQuery(Query.parse_string(text, parse_all=True)).algebra
    except ParseException as exc:
        try:
            UpdateUnit.parse_string(text, parse_all=True)
        except Exception:
            return syntax_error(str(exc))
        return "update"
    except RecursionError:
        return QueryError("the query is nested too deeply to check")
    except Exception as exc:  # rdflib raises a bare Exception for an unknown prefix
        return QueryError(f"SPARQL error in the query: {exc}")


def _walk(node):
    """Every rdflib algebra / parse-tree node below *node* (CompValue, lists, dicts)."""
    from pyparsing import ParseResults

    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, dict):  # CompValue is a dict with a name
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset, ParseResults)):
            stack.extend(item)


def _refuse(algebra) -> None:
    """Raise for an update, a ``SERVICE`` or a dataset clause."""
    if algebra == "update":
        raise QueryError("updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are refused: "
                         "this endpoint is read-only")
    for node in _walk(algebra):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise QueryError("SERVICE is refused: this endpoint never makes outbound requests")
        if dict.get(node, "datasetClause"):  # CompValue.get answers the key for a missing one
            raise QueryError("FROM and FROM NAMED are refused: the endpoint queries its own "
                             "store only")


def _expanded(text: str, pattern: re.Pattern) -> str:
    def expand(match: re.Match) -> str:
        try:
            return chr(int(match[1] or match[2], 16))
        except (ValueError, OverflowError):
            return match[0]

    return pattern.sub(expand, text)


@lru_cache(maxsize=512)
def read_only_query(query: str) -> ReadOnlyQuery:
    """The query as the engine is to run it, once it is known to only read the store.

    Raises :class:`~credgraph.errors.QueryError` for a syntax error (with line and column),
    an update, ``SERVICE`` and ``FROM`` / ``FROM NAMED``, in any reading of the text.
    """
    text = engine_text(query)
    algebra = _parse(text)
    if isinstance(algebra, QueryError):
        raise algebra
    _refuse(algebra)
    # Read with the code point escapes expanded first, by the specification's rule and by
    # rdflib's: a syntax error there is harmless, anything else must pass as well.
    for expanded in {_expanded(text, _CODE_POINT), _expanded(text, _RDFLIB_CODE_POINT)} - {text}:
        for other in {expanded, engine_text(expanded)}:
            reading = _parse(other)
            if not isinstance(reading, QueryError):
                _refuse(reading)
    return ReadOnlyQuery(text, {"SelectQuery": "select", "AskQuery": "ask"}.get(
        algebra.name, "graph"))


def check_read_only(query: str) -> str:
    """The form of a query that is safe to run for anyone: ``select``, ``ask`` or ``graph``.

    Only the form: the text to execute is :func:`read_only_query`'s ``text``.

    >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
    'select'
    """
    return read_only_query(query).kind
