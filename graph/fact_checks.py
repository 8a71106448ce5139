"""Fact checks other desks published: ClaimReview JSON-LD files read, checked and made RDF.

A file is one ClaimReview, a list of them, a schema.org ``DataFeed`` of them (the Data
Commons and Fact Check Tools feeds), an HTML page with ``<script type="application/ld+json">``
elements (other kinds of markup on a page are passed over), or JSON Lines (one review a
line, as research datasets ship them). Each item is read offline with schema.org's context
(:func:`jsonld_graph`, below; an item without ``@context`` is read with it too) and
must pass the Fact Check Tools shape (``ontology/claimreview-shapes.ttl``). Anything else
is an :class:`~credgraph.errors.InputError` naming the file and the item, every problem of
the file at once.

>>> from pathlib import Path
>>> sample = Path(__file__).parents[1] / "tests/data/claimreview/single.json"
>>> checks = read_fact_checks(sample)
>>> [(r.rating, r.reviewer) for r in reviews_in(checks.graph)]
[('Unsupported', 'Example Verification Desk')]

Read offline: rdflib's JSON-LD parser fetches a document's ``@context`` when it is a URL (every
ClaimReview on the web says ``"@context": "https://schema.org"``). Here every reference to
schema.org's context is replaced by the copy credgraph ships
(``ontology/schemaorg-context.jsonld``) before rdflib sees the document, and any other
remote context (a URL, an ``@import``) is refused with an error naming the file and the
item, so reading a fact check never reaches the network.

schema.org's own context (since 2026) maps every term to ``schema:term`` and coerces no
value types, which is what ``@vocab`` alone does: the vendored copy keeps its header (the
``type`` and ``id`` aliases, ``@vocab`` and the prefixes) and spells the vocabulary
``https://schema.org/``, as credgraph's RDF does (:data:`credgraph.vocab.SCHEMA`). IRIs a
document writes out as ``http://schema.org/...`` are read as the ``https`` ones.

>>> g = jsonld_graph({"@context": "https://schema.org", "@type": "ClaimReview",
...                   "claimReviewed": "Two plus two is four"}, "a.json", "item 1")
>>> from credgraph.vocab import SCHEMA, RDF
>>> [str(o) for o in g.objects(None, SCHEMA.claimReviewed)], (None, RDF.type, SCHEMA.ClaimReview) in g
(['Two plus two is four'], True)
>>> offline({"@context": "https://example.org/ctx.jsonld"}, "a.json", "item 1")
Traceback (most recent call last):
...
credgraph.errors.InputError: a.json: item 1: a remote @context, 'https://example.org/ctx.jsonld': only schema.org's is read (credgraph ships a copy); nothing is fetched
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from .errors import InputError
from .ids import ID_PREFIX
from .validation import ontology_dir
from .vocab import SCHEMA

__all__ = ["FactCheckFile", "Review", "read_fact_checks", "reviews_in", "markup_problems",
           "claimreview_shapes", "graph_name", "SCHEMA_CONTEXTS", "schema_context", "offline",
           "jsonld_graph", "is_schema_context"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
LINE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SCHEMA_PREFIXES = ("schema:", "http://schema.org/", "https://schema.org/")


# schema.org JSON-LD read offline

SCHEMA_CONTEXTS = frozenset(
    f"{scheme}://schema.org{path}" for scheme in ("http", "https")
    for path in ("", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json"))
"""The ways a document names schema.org's context (a trailing slash aside)."""

_HTTP_SCHEMA, _HTTPS_SCHEMA = "http://schema.org/", "https://schema.org/"


def is_schema_context(value: str) -> bool:
    """Whether a ``@context`` string names schema.org's context.

    >>> is_schema_context("http://schema.org/"), is_schema_context("https://schema.org.evil/")
    (True, False)
    """
    return value.rstrip("/") in SCHEMA_CONTEXTS


@lru_cache(maxsize=1)
def schema_context() -> dict:
    """The vendored schema.org context (the value of its ``@context``), read once."""
    text = (ontology_dir() / "schemaorg-context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def _local_context(value, path: str, item: str):
    """A ``@context`` value with schema.org's replaced by the vendored copy; InputError for
    anything that would be fetched."""
    if value is None:
        return None
    if isinstance(value, str):
        if is_schema_context(value):
            return schema_context()
        raise InputError(f"{path}: {item}: a remote @context, {value!r}: only schema.org's "
                         "is read (credgraph ships a copy); nothing is fetched")
    if isinstance(value, list):
        return [_local_context(v, path, item) for v in value]
    if isinstance(value, dict):
        if "@import" in value:
            raise InputError(f"{path}: {item}: @context imports {value['@import']!r}: remote "
                             "contexts are not fetched")
        return {k: offline(v, path, item) for k, v in value.items()}
    raise InputError(f"{path}: {item}: a @context must be a string, an object or a list, "
                     f"not {type(value).__name__}")


def offline(node, path: str, item: str):
    """*node* (parsed JSON) with every ``@context`` in it, at any depth, made local."""
    if isinstance(node, dict):
        return {k: _local_context(v, path, item) if k == "@context" else offline(v, path, item)
                for k, v in node.items()}
    if isinstance(node, list):
        return [offline(v, path, item) for v in node]
    return node


def _https(term):
    """schema.org's ``http`` IRIs spelled ``https``, as credgraph's RDF spells them."""
    if isinstance(term, URIRef) and str(term).startswith(_HTTP_SCHEMA):
        return URIRef(_HTTPS_SCHEMA + str(term)[len(_HTTP_SCHEMA):])
    return term


def jsonld_graph(document, path: str, item: str, base: str | None = None) -> Graph:
    """*document* (parsed JSON-LD) as an rdflib graph, read offline (:func:`offline`).

    A document rdflib cannot read is an :class:`~credgraph.errors.InputError` naming
    *path* and *item*.
    """
    local = offline(document, path, item)
    parsed = Graph()
    try:
        parsed.parse(data=json.dumps(local), format="json-ld", base=base or "urn:x-credgraph:")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds for bad JSON-LD
        raise InputError(f"{path}: {item}: not JSON-LD rdflib can read: {exc}") from None
    graph = Graph()
    for s, p, o in parsed:
        graph.add((_https(s), _https(p), _https(o)))
    return graph


# published reviews

@dataclass(frozen=True, slots=True)
class Review:
    """What a ClaimReview says, as the links and the audit read it."""

    node: str
    text: str
    rating: str
    url: str
    reviewer: str | None = None
    date: str | None = None
    claim: str | None = None
    """The reviewed Claim's IRI, when it has one."""
    appearances: tuple[str, ...] = ()
    """URLs (or IRIs) of where the claim appeared: firstAppearance and appearance."""


@dataclass(slots=True)
class FactCheckFile:
    """One file's reviews: its name (that of its named graph), its items and their RDF."""

    path: Path
    name: str
    items: dict[str, str]
    """Where each review is in the file ("item 2", "line 3"), by review node."""
    graph: Graph


def graph_name(path: Path) -> str:
    """The name a file's fact checks are stored under: its stem, safe for a file name.

    >>> graph_name(Path("Fact checks/2024 March.json"))
    '2024-March'
    """
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-.") or "fact-checks"


class _Scripts(HTMLParser):
    """The text of every ``<script type="application/ld+json">`` of a page, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


def _json(text: str, path: Path, where: str):
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        place = f"{where}: " if where else ""
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        line = "" if not isinstance(exc, json.JSONDecodeError) else (
            f" (column {exc.colno})" if where.startswith("line") else
            f" (line {exc.lineno}, column {exc.colno})")
        raise InputError(f"{path}: {place}not JSON: {detail}{line}") from None


def _documents(path: Path, text: str) -> tuple[list[tuple[str, object]], bool]:
    """The JSON documents of a file with where each is, and whether it is an HTML page."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in LINE_SUFFIXES and text.lstrip()[:1] == "<"):
        parser = _Scripts()
        parser.feed(text)
        parser.close()
        return [(f"script {i}", _json(s, path, f"script {i}"))
                for i, s in enumerate(parser.scripts, 1)], True
    if suffix in LINE_SUFFIXES:
        return [(f"line {n}", _json(line, path, f"line {n}"))
                for n, line in enumerate(text.splitlines(), 1) if line.strip()], False
    return [("", _json(text, path, ""))], False


def _types(node: dict) -> set[str]:
    found = node.get("@type", node.get("type", []))
    names = found if isinstance(found, list) else [found]
    short = set()
    for name in names:
        if isinstance(name, str):
            for prefix in _SCHEMA_PREFIXES:
                name = name.removeprefix(prefix)
            short.add(name)
    return short


def _join(where: str, part: str) -> str:
    return f"{where}, {part}" if where else part


def _items(node, where: str, context, path: Path, page: bool) -> list[tuple[str, dict]]:
    """The ClaimReviews in one JSON document, each with its place and the context in
    force there (the feed's, when an item has none of its own)."""
    if isinstance(node, list):
        return [found for i, n in enumerate(node, 1)
                for found in _items(n, _join(where, f"item {i}"), context, path, page)]
    if not isinstance(node, dict):
        if page:
            return []
        raise InputError(f"{path}: {where or 'the file'}: not a JSON object but "
                         f"{type(node).__name__}: not a ClaimReview")
    context = node.get("@context", context)
    types = _types(node)
    if "ClaimReview" in types:
        return [(where or "item 1", {**node, "@context": context or "https://schema.org"})]
    if "DataFeed" in types:
        found = []
        for i, element in enumerate(node.get("dataFeedElement") or [], 1):
            here = _join(where, f"dataFeedElement {i}")
            inner = element.get("item") if isinstance(element, dict) and \
                "DataFeedItem" in _types(element) else element
            found += _items(inner, here, context, path, page)
        return found
    if "@graph" in node:
        return _items(node["@graph"], where, context, path, page)
    if page:
        return []  # other markup on a page: breadcrumbs, the publisher, the article
    kind = ", ".join(sorted(types)) or "no @type"
    raise InputError(f"{path}: {where or 'the file'}: not a ClaimReview ({kind})")


@lru_cache(maxsize=1)
def claimreview_shapes() -> Graph:
    """The Fact Check Tools shape (``ontology/claimreview-shapes.ttl``), parsed once."""
    return Graph().parse(ontology_dir() / "claimreview-shapes.ttl", format="turtle")


def markup_problems(graph: Graph, *, warnings: bool = False) -> list[tuple[str, str, str]]:
    """``(focus node, severity, message)`` for each review of *graph* the shape rejects:
    violations, and warnings too when asked."""
    from pyshacl import validate

    _conforms, report, _text = validate(graph, shacl_graph=claimreview_shapes(),
                                        inference="none", allow_warnings=True)
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        if severity == SH.Violation or warnings:
            problems.append((str(report.value(result, SH.focusNode)),
                             str(severity).rsplit("#", 1)[-1].lower(),
                             str(report.value(result, SH.resultMessage))))
    return sorted(problems)


def read_fact_checks(path: str | Path) -> FactCheckFile:
    """Read one file of ClaimReviews: every review checked, all of them as one graph.

    A review without ``@id`` is given one (``id/fact-check/<name>/<n>``)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    documents, page = _documents(path, text)
    found = [item for where, doc in documents for item in _items(doc, where, None, path, page)]
    if not found:
        raise InputError(f"{path}: no ClaimReview in it" + (
            " (no <script type=\"application/ld+json\"> with one)" if page else ""))
    name, graph, items = graph_name(path), Graph(), {}
    for n, (where, item) in enumerate(found, 1):
        node = item.get("@id") or f"{ID_PREFIX}fact-check/{name}/{n}"
        one = jsonld_graph({**item, "@id": node}, str(path), where)
        reviews = set(one.subjects(RDF.type, SCHEMA.ClaimReview))
        if len(reviews) != 1:
            raise InputError(f"{path}: {where}: not one ClaimReview once read as JSON-LD "
                             f"({len(reviews)} found): is its @context schema.org's?")
        items[str(next(iter(reviews)))] = where
        graph += one
    problems = markup_problems(graph)
    if problems:
        lines = [f"{path}: {items.get(focus, focus)}: {message}"
                 for focus, _severity, message in problems]
        raise InputError("\n".join(lines) if len(lines) == 1 else
                         f"{len(lines)} problems in {path}:\n  " + "\n  ".join(lines))
    return FactCheckFile(path, name, items, graph)


def _text(graph: Graph, node, predicate) -> str | None:
    value = graph.value(node, predicate) if node is not None else None
    return None if value is None else str(value)


def _where(graph: Graph, work) -> str:
    """A place a claim appeared: its url, or the node itself."""
    if isinstance(work, Literal):
        return str(work)
    return _text(graph, work, SCHEMA.url) or str(work)


def reviews_in(graph: Graph) -> list[Review]:
    """Every ClaimReview of *graph* (an imported file's), in node order."""
    found = []
    for node in sorted(set(graph.subjects(RDF.type, SCHEMA.ClaimReview)), key=str):
        item = graph.value(node, SCHEMA.itemReviewed)
        rating = graph.value(node, SCHEMA.reviewRating)
        author = graph.value(node, SCHEMA.author)
        places = [graph.objects(item, p) for p in (SCHEMA.firstAppearance, SCHEMA.appearance)
                  ] if item is not None else []
        found.append(Review(
            str(node), _text(graph, node, SCHEMA.claimReviewed) or "",
            _text(graph, rating, SCHEMA.alternateName) or "",
            _text(graph, node, SCHEMA.url) or "",
            str(author) if isinstance(author, Literal) else _text(graph, author, SCHEMA.name),
            _text(graph, node, SCHEMA.datePublished),
            str(item) if isinstance(item, URIRef) else None,
            tuple(dict.fromkeys(_where(graph, w) for objs in places for w in objs))))
    return found
