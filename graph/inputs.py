"""One way in: an input is resolved once, and each kind of input knows what it can give.

An input is the bundled corpus, an annotation folder (``sources.yaml`` and ``reports/``), an
RDF file, or a store (a spec such as ``oxigraph:PATH`` or an ``http(s)://`` SPARQL
endpoint, or a :class:`~credgraph.store.Store`). :func:`open_input` tells which; every
kind then gives the same three things, each the fastest way it can:

- :meth:`Input.facts`: what the audit reads (a folder straight from its annotations, a
  file by one scan, a store by its SELECTs);
- :meth:`Input.rdf_file`: the input as one RDF file (a folder built to a temporary
  N-Quads file, a file itself, a store dumped);
- :meth:`Input.load_into`: the input added to a store, each report's graph replacing the
  one loaded before.

>>> source = open_input(None)
>>> source.label, len(source.facts().mentions)
('bundled corpus', 106)
>>> open_input("no/such/thing")
Traceback (most recent call last):
...
credgraph.errors.InputError: no/such/thing: no such file or folder
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .annotations import bundled_corpus, load_corpus
from .build import corpus_quads
from .bulk import build_lines
from .corpus_facts import corpus_facts
from .errors import InputError
from .facts import AuditFacts, fetch_facts
from .formats import get_format
from .ids import report_graph
from .scan import scan_facts
from .store import STORES, Store, open_store

__all__ = ["Input", "CorpusFolder", "RDFFile", "StoreInput", "open_input", "is_store_spec"]


class Input:
    """Something to audit, load or count."""

    label = "input"
    """How reports and the audit's provenance name it."""

    def facts(self, claims=None, progress=None) -> AuditFacts:
        """What the audit reads of it (with *claims*, a store reads only what they need)."""
        raise NotImplementedError

    @contextmanager
    def rdf_file(self, progress=None) -> Iterator[tuple[Path, bool]]:
        """The input as one RDF file, and whether credgraph wrote it (then it is removed
        afterwards)."""
        raise NotImplementedError
        yield  # pragma: no cover

    def load_into(self, store: Store) -> Store:
        """Add the input to *store*, each report's named graph replacing the one before."""
        raise NotImplementedError

    def store(self) -> Store:
        """A store that holds the input: a new in-memory Oxigraph store, or the input's own."""
        return self.load_into(open_store("oxigraph"))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.label!r})"


class CorpusFolder(Input):
    """An annotation corpus: ``sources.yaml`` and ``reports/*.yaml`` (the bundled one by
    default)."""

    def __init__(self, root: str | Path | None = None):
        self.root = bundled_corpus() if root is None else Path(root)
        self.label = "bundled corpus" if root is None else str(root)

    def facts(self, claims=None, progress=None) -> AuditFacts:
        return corpus_facts(self.root, progress=progress)

    @contextmanager
    def rdf_file(self, progress=None):
        with tempfile.TemporaryDirectory(prefix="credgraph-") as tmp:
            yield build_lines(self.root, tmp, ["nquads"], progress=progress).paths[0], True

    def load_into(self, store: Store) -> Store:
        """Into a store that loads files natively (Oxigraph) through a temporary N-Quads
        file built by parallel readers, without Python-side RDF; into others as quads.
        Nothing is loaded unless the whole corpus is valid."""
        if not store.loads_files_natively:
            store.load_quads(corpus_quads(load_corpus(self.root)))
            return store
        with tempfile.TemporaryDirectory(prefix="credgraph-") as tmp:
            summary = build_lines(self.root, tmp, ["nquads"])
            store.drop_graphs(report_graph(r) for r in summary.report_ids)
            store.load_file(summary.paths[0])
        return store


class RDFFile(Input):
    """An RDF file in any registered format (by its extension)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.format = get_format(self.path.suffix.lstrip("."))  # names the allowed ones
        self.label = str(path)

    def facts(self, claims=None, progress=None) -> AuditFacts:
        return scan_facts(self.path, self.format.name, progress=progress)

    @contextmanager
    def rdf_file(self, progress=None):
        yield self.path, False

    def load_into(self, store: Store) -> Store:
        try:
            store.load_file(self.path, self.format.name)
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"{self.path}: not valid RDF: {exc}") from None
        return store


class StoreInput(Input):
    """A store and everything in it."""

    def __init__(self, store: Store, label: str = "store"):
        self._store, self.label = store, label

    def facts(self, claims=None, progress=None) -> AuditFacts:
        return fetch_facts(self._store, claims)

    @contextmanager
    def rdf_file(self, progress=None):
        with tempfile.TemporaryDirectory(prefix="credgraph-") as tmp:
            path = Path(tmp) / "store.nq"
            path.write_text(self._store.dump(), encoding="utf-8")
            yield path, True

    def load_into(self, store: Store) -> Store:
        store.load_dump(self._store.dump())
        return store

    def store(self) -> Store:
        return self._store


def is_store_spec(spec: str) -> bool:
    """Whether *spec* names a store (``http(s)://...`` or ``NAME:...`` of a registered
    store) rather than a path."""
    name, colon, _rest = spec.partition(":")
    return bool(colon) and name in STORES


def open_input(spec: str | Path | Store | Input | None) -> Input:
    """The input *spec* names: None (the bundled corpus), a folder, an RDF file, a store
    spec, a :class:`~credgraph.store.Store` or an :class:`Input` (itself)."""
    if spec is None:
        return CorpusFolder()
    if isinstance(spec, Input):
        return spec
    if isinstance(spec, Store):
        return StoreInput(spec)
    if isinstance(spec, str) and is_store_spec(spec):
        return StoreInput(open_store(spec), spec)
    path = Path(spec)
    if path.is_dir():
        return CorpusFolder(path)
    if path.is_file():
        return RDFFile(path)
    raise InputError(f"{spec}: no such file or folder")
