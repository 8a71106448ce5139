"""Check a built graph against the SHACL shapes, and mentions against their seed texts.

Shapes live in ``ontology/shapes.ttl``; :func:`ontology_dir` finds the folder both in a
source checkout and in an installed wheel (where it is the ``credgraph.ontology`` package).

A closed list is not written in the shapes: a shape that allows every member of a concept
scheme says ``cgsh:inScheme <scheme>``, and :func:`shapes_graph` gives it the ``sh:in``
list of the scheme's members in ``credgraph.ttl`` when it loads the shapes
(:func:`with_closed_lists`); its ``sh:message`` names them through ``{list}`` (``a, b,
c``), ``{alternatives}`` (``a, b or c``), ``{first}``, ``{second}`` and ``{last}``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .errors import AnnotationError, ShapeViolation
from .model import Corpus
from .schemes import ONTOLOGY_FILE, ontology_dir, scheme_members

__all__ = ["ontology_dir", "ontology_graph", "shapes_graph", "with_closed_lists",
           "IN_SCHEME", "shape_results", "check_shapes", "check_evidence", "evidence_errors"]

IN_SCHEME = URIRef("https://w3id.org/credgraph/shapes#inScheme")
"""``cgsh:inScheme``: the shape allows exactly the members of this concept scheme."""


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The OWL vocabulary and concept schemes (``ontology/credgraph.ttl``), parsed once."""
    return Graph().parse(ontology_dir() / ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``) with their closed lists, made once."""
    return with_closed_lists(Graph().parse(ontology_dir() / "shapes.ttl", format="turtle"))


def with_closed_lists(shapes: Graph, ontology: Path | None = None) -> Graph:
    """*shapes* with each ``cgsh:inScheme`` shape given the ``sh:in`` list of its scheme's
    members (read from ``credgraph.ttl``, or the Turtle file *ontology*), in their order,
    and its message's ``{list}``, ``{alternatives}``, ``{first}``, ``{second}`` and
    ``{last}`` filled with them; changed in place and returned."""
    for shape, scheme in list(shapes.subject_objects(IN_SCHEME)):
        slugs = scheme_members(str(scheme), ontology)
        terms = [URIRef(f"{scheme}/{slug}") for slug in slugs]
        shapes.add((shape, SH["in"], Collection(shapes, BNode(), terms).uri))
        words = {"list": ", ".join(slugs), "first": slugs[0], "last": slugs[-1],
                 "second": slugs[1] if len(slugs) > 1 else "",
                 "alternatives": " or ".join(filter(None, (", ".join(slugs[:-1]), slugs[-1])))}
        for message in list(shapes.objects(shape, SH.message)):
            text = str(message).format(**words)
            shapes.remove((shape, SH.message, message))
            shapes.add((shape, SH.message, Literal(text, lang=message.language,
                                                   datatype=message.datatype)))
    return shapes


def _union(dataset) -> Graph:
    if not isinstance(dataset, Dataset):
        return dataset
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def shape_results(data) -> list[tuple[str, str, str]]:
    """SHACL violations of *data* (a Graph, or a Dataset checked as the union of its graphs).

    Each is ``(focus node, path, message)``; an empty list means the data conforms.
    """
    from pyshacl import validate
    from rdflib.namespace import SH

    conforms, report, _text = validate(_union(data), shacl_graph=shapes_graph(),
                                       inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return []
    results = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        results.append((str(focus), str(path) if path is not None else "-", str(message)))
    return sorted(results)


def check_shapes(data) -> None:
    """Raise :class:`~credgraph.errors.ShapeViolation` listing every violation, if any."""
    results = shape_results(data)
    if results:
        raise ShapeViolation(results)


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[,\s\u00a0\u202f](?=\d{3})", "", text)


def evidence_errors(corpus: Corpus, seeds: str | Path | None = None,
                    texts: dict | None = None) -> list[AnnotationError]:
    """:func:`check_evidence`'s problems as annotation errors of the field ``evidence``."""
    return [AnnotationError(p, field="evidence") for p in check_evidence(corpus, seeds, texts)]


def check_evidence(corpus: Corpus, seeds: str | Path | None = None,
                   texts: dict | None = None) -> list[str]:
    """Problems with evidence offsets, checked against the texts they point into: seed
    files in the folder *seeds* (skipped when it is None), and the corpus's own texts
    (``text:``, relative to the corpus folder), always.

    A passage must lie inside its file and contain the evidence term if one is given, or
    else the figure's value (or both range bounds) as digits, thousands separators ignored.
    *texts* caches the texts read, for a corpus checked a part at a time.
    """
    if seeds is not None and not Path(seeds).is_dir():
        return [f"{seeds}: no such folder of seed texts"]
    texts = {} if texts is None else texts
    problems = []
    for mention in corpus.mentions():
        ev = mention.evidence
        if ev is None or (ev.seed and seeds is None):
            continue
        path = Path(seeds) / ev.seed if ev.seed else Path(corpus.origin) / ev.text
        if path not in texts:
            try:
                texts[path] = path.read_text(encoding="utf-8") if path.is_file() else None
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: cannot read the text: {exc}")
                texts[path] = None
                continue
        text = texts[path]
        name = ev.seed or ev.text
        where = f"{mention.key} ({name}:{ev.start}-{ev.end})"
        if text is None:
            problems.append(f"{where}: no {'seed file' if ev.seed else 'text'} {name!r} in "
                            f"{path.parent}")
            continue
        if ev.end > len(text):
            problems.append(f"{where}: passage ends past the end of the file ({len(text)})")
            continue
        passage = _digits(text[ev.start:ev.end])
        if ev.term:
            if ev.term.lower() not in text[ev.start:ev.end].lower():
                problems.append(f"{where}: passage does not contain the term {ev.term!r}")
            continue
        fig = mention.figure
        if fig is None:
            continue
        wanted = [fig.value] if fig.value is not None else [fig.min, fig.max]
        for number in wanted:
            digits = format(number.normalize(), "f")
            if digits not in passage:
                problems.append(f"{where}: passage does not contain the figure's {digits}")
    return problems
