"""RDF output formats, chosen by name from one registry, and atomic file writes.

>>> FORMATS.names()
['trig', 'turtle', 'ntriples', 'nquads', 'json-ld']
>>> get_format("ttl").name, get_format("application/n-quads").name
('turtle', 'nquads')
>>> get_format("rdfxml")
Traceback (most recent call last):
...
credgraph.errors.InputError: unknown RDF format 'rdfxml'; allowed: trig, turtle, ntriples, nquads, json-ld

Writes go to a temporary file beside the target and are renamed into place, so a failure
never leaves a half-written file and the previous version survives.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory

from .plugins import Plugins

__all__ = ["Format", "FORMATS", "get_format", "register_format", "atomic_writer",
           "write_outputs", "quads_to_nquads", "in_order", "DEFAULT_FORMATS"]


@dataclass(frozen=True)
class Format:
    """An RDF serialisation: its name, file extension, media type and how rdflib names it."""

    name: str
    extension: str
    media_type: str
    rdflib_name: str
    keeps_graphs: bool
    """True when the format keeps named graphs (TriG, N-Quads, JSON-LD)."""
    aliases: tuple[str, ...] = ()


FORMATS: Plugins[Format] = Plugins("RDF format", "credgraph.formats")
"""Every RDF format by name, extension, media type or alias."""


def register_format(fmt: Format) -> Format:
    """Add a format to :data:`FORMATS` (a plugin can add its own)."""
    return FORMATS.register(fmt.name, fmt, (fmt.extension, fmt.media_type, *fmt.aliases))


for _fmt in (
    Format("trig", "trig", "application/trig", "trig", True),
    Format("turtle", "ttl", "text/turtle", "turtle", False, ("ttl",)),
    Format("ntriples", "nt", "application/n-triples", "nt", False, ("nt", "n-triples")),
    Format("nquads", "nq", "application/n-quads", "nquads", True, ("nq", "n-quads")),
    Format("json-ld", "jsonld", "application/ld+json", "json-ld", True, ("jsonld",)),
):
    register_format(_fmt)

DEFAULT_FORMATS = ("trig", "turtle", "ntriples", "json-ld")
"""What ``credgraph build`` writes unless told otherwise."""


def get_format(name: str) -> Format:
    """The format registered under *name*, an extension or a media type."""
    return FORMATS[name]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file in *path*'s folder, with the permissions a new file there would get
    (``mkstemp`` makes it readable by its owner only, and a rename keeps that)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(fd, 0o666 & ~_umask())
    return fd, tmp


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w"):
    """Open a temporary file beside *path*; rename it over *path* only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _escape(lexical: str) -> str:
    """A literal's lexical form escaped for N-Triples (newlines too: one line per triple)."""
    return (lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r"))


def quads_to_nquads(quads: Iterable[tuple], with_graph: bool = True,
                    memo: dict | None = None) -> Iterable[str]:
    r"""N-Quads (or N-Triples) lines straight from quads, without building a graph.

    IRIs that repeat (predicates, classes, sources) are written once and remembered (in
    *memo*, when calls should share it); literals are written directly, always on one line.

    >>> from rdflib import Literal, URIRef
    >>> s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    >>> for line in quads_to_nquads([(s, p, Literal("two\nlines"), None), (s, p, Literal(5), None)]):
    ...     print(line, end="")
    <http://example.org/s> <http://example.org/p> "two\nlines" .
    <http://example.org/s> <http://example.org/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
    """
    known: dict = {} if memo is None else memo

    def n3(term) -> str:
        if term.__class__ is URIRef:
            text = known.get(term)
            if text is None:
                if len(known) > 200_000:  # mention IRIs never repeat: keep the memo small
                    known.clear()
                text = known[term] = term.n3()
            return text
        if term.__class__ is Literal:
            text = '"' + _escape(str(term)) + '"'
            if term.language:
                return text + "@" + term.language
            return f"{text}^^<{str(term.datatype)}>" if term.datatype is not None else text
        return term.n3()

    get, iri, graph, graph_text = known.get, URIRef, None, ""
    for s, p, o, g in quads:  # the memo is looked up inline: this loop runs per quad
        line = (f"{get(s) or n3(s)} {get(p) or n3(p)} "
                f"{(get(o) or n3(o)) if o.__class__ is iri else n3(o)}")
        if with_graph and g is not None:
            if g is not graph:
                graph, graph_text = g, n3(g)
            yield f"{line} {graph_text} .\n"
        else:
            yield line + " .\n"


class _GraphsInOrder(Memory):
    """rdflib's memory store, listing its named graphs in IRI order: its own keeps them in a
    set, so TriG and JSON-LD came out in an order that changed with the hash seed."""

    def contexts(self, triple=None):
        return iter(sorted(super().contexts(triple), key=lambda g: str(g.identifier)))


def in_order(dataset: Dataset) -> Dataset:
    """A copy of *dataset* whose graphs, and the triples in each, come out sorted: every
    serialisation of it is the same bytes whatever the hash seed (``credgraph build`` is
    reproducible)."""
    ordered = Dataset(store=_GraphsInOrder())
    for prefix, ns in dataset.namespaces():
        ordered.bind(prefix, ns, override=True, replace=True)
    for graph in sorted(dataset.contexts(), key=lambda g: str(g.identifier)):
        target = ordered.graph(graph.identifier)
        for triple in sorted(graph):
            target.add(triple)
    return ordered


def serialize(dataset: Dataset, fmt: Format) -> str:
    """The dataset in one format, the same bytes for the same data whatever the hash seed
    (``credgraph build`` is reproducible); formats without graphs get the union of all
    graphs. rdflib keeps a graph's triples in a set: TriG and Turtle sort them themselves,
    N-Triples is written sorted, and JSON-LD's keys and unordered arrays are sorted."""
    dataset = in_order(dataset)
    if fmt.name == "ntriples":
        quads = dataset.quads((None, None, None, None))
        return "".join(sorted(set(quads_to_nquads(quads, with_graph=False))))
    if fmt.name == "json-ld":
        return _sorted_json(dataset.serialize(format=fmt.rdflib_name))
    if fmt.keeps_graphs:
        return dataset.serialize(format=fmt.rdflib_name)
    union = Graph()
    for prefix, ns in dataset.namespaces():
        union.bind(prefix, ns)
    for triple in sorted({(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}):
        union.add(triple)
    return union.serialize(format=fmt.rdflib_name)


def _sorted_json(text: str) -> str:
    """JSON-LD with its keys and its arrays sorted (an ``@list`` keeps its order)."""
    def walk(node, ordered=False):
        if isinstance(node, dict):
            return {k: walk(v, k == "@list") for k, v in node.items()}
        if isinstance(node, list):
            items = [walk(v) for v in node]
            return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return node

    return json.dumps(walk(json.loads(text)), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_outputs(dataset: Dataset, outdir: str | Path, formats: Iterable[str] = DEFAULT_FORMATS,
                  stem: str = "credgraph") -> list[Path]:
    """Write the dataset in every format to ``outdir/<stem>.<ext>``, all or nothing.

    Every file is serialised to a temporary file first; only when all of them succeeded are
    they renamed into place.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    fmts = [get_format(f) for f in formats]
    staged: list[tuple[str, Path]] = []
    try:
        for fmt in fmts:
            target = outdir / f"{stem}.{fmt.extension}"
            fd, tmp = _temp_beside(target)
            staged.append((tmp, target))
            with io.open(fd, "w", encoding="utf-8") as fh:
                fh.write(serialize(dataset, fmt))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _target in staged:
            Path(tmp).unlink(missing_ok=True)
    return [target for _tmp, target in staged]
