"""SHACL violations said where they were written: the YAML file, line and field.

The shapes (``ontology/shapes.ttl``) check the RDF; a violation names an IRI. For the
annotator, :func:`located` traces each focus node back through the mapping
(:mod:`credgraph.mapping`) to the report, mention, figure or source annotation it came from.
"""

from __future__ import annotations

from pathlib import Path

from .errors import AnnotationError
from .ids import node_kind, short
from .mapping import KINDS
from .model import Corpus

__all__ = ["located"]


_YAML_KEY = {"start": "period.start", "end": "period.end", "per": "rate.per",
             "text": "statement", "computed_from": "derived_from", "name": "name"}
"""Fields of the mapping written under another key in the annotations."""


def _field_of(kind_name: str, predicate: str) -> str:
    kind = KINDS.get(kind_name)
    for f in kind.fields if kind else ():
        if str(f.predicate) == predicate:
            return _YAML_KEY.get(f.name, f.name)
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def located(results, corpus: Corpus) -> list[AnnotationError]:
    """SHACL *results* as annotation errors: each focus node traced back to the file, line
    and field it was written in (a mention's, figure's or evidence's by its mention)."""
    root = Path(corpus.origin) if corpus.origin and corpus.origin != "<memory>" else None
    errors = []
    for focus, path, message in results:
        node = short(focus)
        kind, _, rest = node.partition("/")
        where, field = {"path": None, "line": None}, _field_of(kind, path)
        if kind in ("mention", "figure", "evidence", "derivation") and "/" in rest:
            key = rest.replace("/", "#", 1)
            file, line = corpus.locations.get(key, (None, None))
            where = {"path": file, "line": line}
            inner = {"mention": "", "figure": "figure.", "evidence": "evidence.",
                     "derivation": ""}[kind]
            field = f"mentions[{key.split('#', 1)[1]}].{inner}{field}"
        elif kind == "report" and root is not None:
            where = {"path": str(root / "reports" / f"{rest}.yaml"), "line": 1}
        elif kind == "source" and root is not None:
            where, field = {"path": str(root / "sources.yaml"), "line": None}, \
                f"sources[{rest}].{field}"
        elif node_kind(node) == node:  # not credgraph's: say it as it is
            field = f"{focus} {field}"
        errors.append(AnnotationError(message, field=field, **where))
    return errors
