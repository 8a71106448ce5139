"""SPARQL text: the bundled named queries, their parameters (the read-only check re-exported).

Bundled queries live one per file in ``graph/queries/*.rq``. The file's first comment line
is its one-line description; ``# param NAME: what it is`` lines declare its parameters,
which the query writes as ``$NAME`` variables:

>>> q = bundled_queries()["figures-by-source"]
>>> q.description
'Figures that a given source originated (the source by id, name or any alias).'
>>> [p.name for p in q.params]
['source']

A parameter is bound as an escaped string literal, never pasted into the query as text, so
a value cannot change what the query does:

>>> bind_params('SELECT ?x WHERE { BIND($who AS ?x) }', {"who": 'Grey" } ; DROP ALL #'})
'SELECT ?x WHERE { BIND("Grey\\\\" } ; DROP ALL #" AS ?x) }'

The read-only check of ``credgraph serve`` (updates, ``SERVICE``, ``FROM`` refused, on the
very text the engine runs) is :mod:`credgraph.query_policy`'s; :func:`check_read_only` and
:func:`read_only_query` are importable from here too:

>>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
'select'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .query_policy import check_read_only, read_only_query

__all__ = ["NamedQuery", "Param", "QUERY_DIR", "bundled_queries", "resolve_query",
           "bind_params", "parse_params", "sparql_string", "check_read_only", "read_only_query"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"
"""Where the bundled ``.rq`` files live."""

# One lexical token of SPARQL that may hold a "$": strings, IRIs and comments are skipped
# whole, so only real variables are ever replaced.
_TOKEN = re.compile(r'''
    (?P<skip> """(?:[^"\\]|\\.|"(?!""))*"""  |  \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            | "(?:[^"\\\n\r]|\\.)*"  |  '(?:[^'\\\n\r]|\\.)*'
            | <[^<>"{}|^`\\\x00-\x20]*>  |  \#[^\n]* )
  | \$(?P<var>[A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
''', re.X | re.S)
_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                        "\b": "\\b", "\f": "\\f"})
# the other line breaks, which the endpoint makes line feeds: escaped, they stay data
_LINE_BREAK_ESCAPES = str.maketrans({c: f"\\u{ord(c):04X}" for c in "\x0b\x85\u2028\u2029"})
_AFTER_BACKSLASH = re.compile(r"(?<=\\\\)[uU]")
_PARAM_LINE = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)")
_REQUIRES_LINE = re.compile(r"#\s*requires\s*:\s*(.+)")


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query: ``$name`` in its text."""

    name: str
    description: str
    required: bool = True
    """Declared in a query file's header: the query cannot run without it."""

    @property
    def example(self) -> str | None:
        """The value after ``example:`` in the description, if any.

        >>> Param("source", "a source id or alias (example: Mediazone)").example
        'Mediazone'
        """
        found = re.search(r"\(example:\s*([^)]+)\)", self.description)
        return found[1].strip() if found else None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query with its name, one-line description and declared parameters."""

    name: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    path: Path | None = None
    requires: tuple[str, ...] = ()
    """What the store must hold besides the graph: ``audit`` (the stored audit findings)."""

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """The query text with every parameter bound; each declared one is required."""
        values = dict(values or {})
        declared = {p.name for p in self.params}
        unknown = sorted(set(values) - declared)
        if unknown:
            allowed = ", ".join(sorted(declared)) or "none"
            raise InputError(f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                             f"its parameters: {allowed}")
        missing = [p for p in self.params if p.required and p.name not in values]
        if missing:
            need = " ".join(f"--param {p.name}=..." for p in missing)
            raise InputError(f"query {self.name!r} needs {need} "
                             f"({'; '.join(f'{p.name}: {p.description}' for p in missing)})")
        return bind_params(self.text, values)

    def example(self) -> str:
        """The query bound with each parameter's example value (the HTML page, the tests)."""
        return self.bind({p.name: p.example for p in self.params if p.example is not None})


def sparql_string(value: str) -> str:
    r"""*value* as a SPARQL string literal, every special character escaped.

    >>> print(sparql_string('a "quoted"\nline\\'))
    "a \"quoted\"\nline\\"
    """
    if not isinstance(value, str):
        raise InputError(f"a query parameter must be text, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("a query parameter is not valid Unicode text") from None
    # tabs too: rdflib's parser expands them; and a u or U after a backslash as a code
    # point escape, since rdflib reads \\U0000 as the escape \U0000 (it ignores that the
    # backslash before it is escaped)
    text = _AFTER_BACKSLASH.sub(lambda m: f"\\U{ord(m[0]):08X}", value.translate(_ECHAR))
    text = text.translate(_LINE_BREAK_ESCAPES)
    return '"' + text + '"'


def query_params(text: str) -> list[str]:
    """The ``$name`` variables of a query, in order of first use.

    >>> query_params('SELECT * WHERE { ?s ?p $o . FILTER(?s != "$no") } # $nor')
    ['o']
    """
    return list(dict.fromkeys(m["var"] for m in _TOKEN.finditer(text) if m["var"]))


def parse_params(items) -> dict[str, str]:
    """``NAME=VALUE`` strings (``--param``) as a dict.

    >>> parse_params(["source=Mediazone", "x=a=b"])
    {'source': 'Mediazone', 'x': 'a=b'}
    """
    values = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise InputError(f"--param {item!r}: write NAME=VALUE")
        values[name.strip()] = value
    return values


def bind_params(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``$name`` variable named in *values* by that value as a string literal."""
    literals = {name: sparql_string(value) for name, value in values.items()}
    missing = sorted(set(literals) - set(query_params(text)))
    if missing:
        raise InputError(f"the query has no ${', $'.join(missing)} to bind")

    def replace(match: re.Match) -> str:
        return literals.get(match["var"], match[0]) if match["var"] else match[0]

    return _TOKEN.sub(replace, text)


def _header(text: str) -> tuple[str, tuple[Param, ...], tuple[str, ...]]:
    """The description (first comment line), declared parameters and requirements of a
    query file's leading comment block."""
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    description = comments[0].lstrip("#").strip() if comments else ""
    params = tuple(Param(m[1], m[2].strip()) for m in map(_PARAM_LINE.match, comments) if m)
    requires = tuple(word.strip() for m in map(_REQUIRES_LINE.match, comments) if m
                     for word in m[1].split(","))
    return description, params, requires


def read_query(path: str | Path, name: str | None = None) -> NamedQuery:
    """A query file as a :class:`NamedQuery`; parameters from its header or its ``$vars``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the query: {exc}") from None
    description, params, requires = _header(text)
    if not params:
        params = tuple(Param(v, "", required=False) for v in query_params(text))
    return NamedQuery(name or path.stem, description, text, params, path, requires)


@lru_cache(maxsize=1)
def bundled_queries() -> dict[str, NamedQuery]:
    """Every bundled query by name (its file name without ``.rq``), sorted by name."""
    return {p.stem: read_query(p) for p in sorted(QUERY_DIR.glob("*.rq"))}


def resolve_query(spec: str) -> NamedQuery:
    """A bundled query by name, a ``.rq`` file, or the text of a query."""
    queries = bundled_queries()
    if spec in queries:
        return queries[spec]
    if not re.search(r"[\s{]", spec):  # one word: a name or a path, not a query
        if Path(spec).is_file():
            return read_query(spec)
        hint = difflib.get_close_matches(spec, list(queries), n=3)
        hint_text = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise InputError(f"no bundled query or file named {spec!r}{hint_text} "
                         "(credgraph query --list shows the bundled queries)")
    params = tuple(Param(v, "", required=False) for v in query_params(spec))
    return NamedQuery("query", "", spec, params)
