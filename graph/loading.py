"""Put the audit's input into a store: the bundled corpus, an annotation folder, or RDF.

>>> store = load_input(None)          # the bundled corpus of the five seed articles
>>> store.name, len(store) > 500
('memory', True)
"""

from __future__ import annotations

from pathlib import Path

from .annotations import bundled_corpus, load_corpus
from .build import corpus_quads
from .errors import InputError
from .formats import get_format
from .store import Store, open_store

__all__ = ["load_input", "describe_input"]


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
        corpus = load_corpus(bundled_corpus() if path is None else path)
        target.load_quads(corpus_quads(corpus))
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
