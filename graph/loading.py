"""Put the audit's input into a store: the bundled corpus, an annotation folder, or RDF.

>>> store = load_input(None)          # the bundled corpus of the five seed articles
>>> store.name, len(store) > 500
('memory', True)
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .annotations import bundled_corpus, load_corpus
from .build import corpus_quads, report_graph
from .bulk import build_lines
from .errors import InputError
from .formats import get_format
from .store import OxigraphStore, Store, open_store

__all__ = ["load_input", "describe_input", "input_as_rdf_file"]


def _load_folder_natively(root: Path, target: OxigraphStore) -> None:
    """An annotation folder into an Oxigraph store without Python-side RDF: the corpus is
    checked and written to a temporary N-Quads file (:func:`credgraph.bulk.build_lines`, by
    parallel readers), whose reports' graphs then replace those in the store. Nothing is
    loaded unless the whole corpus is valid."""
    with tempfile.TemporaryDirectory(prefix="credgraph-") as tmp:
        summary = build_lines(root, tmp, ["nquads"])
        target.drop_graphs(report_graph(r) for r in summary.report_ids)
        target.load_file(summary.paths[0])


@contextmanager
def input_as_rdf_file(path: str | Path | None, progress=None) -> Iterator[tuple[Path, bool]]:
    """The input as one RDF file, and whether credgraph wrote it: an RDF file is itself; the
    bundled corpus or a folder is checked and built to a temporary N-Quads file
    (:func:`credgraph.bulk.build_lines`, which calls *progress* with the report files done),
    removed afterwards."""
    if path is None or Path(path).is_dir():
        root = bundled_corpus() if path is None else Path(path)
        with tempfile.TemporaryDirectory(prefix="credgraph-") as tmp:
            yield build_lines(root, tmp, ["nquads"], progress=progress).paths[0], True
        return
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    get_format(path.suffix.lstrip("."))  # names the allowed formats when unknown
    yield path, False


def describe_input(path: str | Path | None) -> str:
    """How an input is named in reports and in the audit's provenance."""
    return "bundled corpus" if path is None else str(path)


def load_input(path: str | Path | None, store: str | Store = "memory") -> Store:
    """Load *path* into a store and return the store.

    ``None`` is the bundled corpus; a folder is an annotation corpus (``sources.yaml`` and
    ``reports/``); a file is RDF in any registered format (by its extension).
    """
    target = open_store(store) if isinstance(store, str) else store
    if path is None or Path(path).is_dir():
        root = bundled_corpus() if path is None else Path(path)
        if isinstance(target, OxigraphStore):
            _load_folder_natively(root, target)
        else:
            target.load_quads(corpus_quads(load_corpus(root)))
        return target
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    get_format(path.suffix.lstrip("."))  # names the allowed formats when unknown
    try:
        target.load_file(path)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: not valid RDF: {exc}") from None
    return target
