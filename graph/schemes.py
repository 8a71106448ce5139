"""The closed lists, written once: the SKOS concept schemes of ``ontology/credgraph.ttl``.

Each closed list an annotator writes from (source-kind, party, reliability, credibility,
report-kind, date-certainty, qualifier, hedge, severity, quantity-kind, rate-unit) is a
concept scheme of the ontology, where each of its concepts has its label and definition.
That is the one place its members are written. Everything else is made from it where it
is needed: the closed namespaces of :mod:`credgraph.vocab` (``QUALIFIER["more-than"]``),
the values the YAML reader allows, the ``sh:in`` lists and messages of the SHACL shapes
(:func:`credgraph.validation.shapes_graph`), the table of ``docs/annotation-format.md``
(``scripts/closed_lists_doc.py``).

A scheme's members are its concepts in the order the file writes them (the order of their
``skos:inScheme`` statements), each named by the last segment of its IRI
(``https://w3id.org/credgraph/hedge/alleged`` is ``alleged``). They are read on first use,
once per process, with pyoxigraph's streaming parser, which keeps that order (1.5-2.5 ms,
and 3-4 ms to import pyoxigraph where nothing has; rdflib takes 35 ms to parse the file):
importing a module that names a closed list reads nothing.

>>> list(Members("https://w3id.org/credgraph/party"))
['russia', 'ukraine']
>>> hedges = Members("https://w3id.org/credgraph/hedge")
>>> "alleged" in hedges, "rumoured" in hedges, hedges[0]
(True, False, 'none')
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

__all__ = ["ontology_dir", "scheme_members", "Members", "ONTOLOGY_FILE"]

ONTOLOGY_FILE = "credgraph.ttl"
"""The file of the ontology's classes, properties and concept schemes."""

_IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"


def ontology_dir() -> Path:
    """The folder holding ``credgraph.ttl`` and ``shapes.ttl``: ``ontology/`` in a source
    checkout, the ``credgraph.ontology`` package in an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / ONTOLOGY_FILE).is_file():
            return candidate
    from .errors import CredgraphError

    raise CredgraphError("the credgraph ontology files are missing from this installation; "
                         "reinstall credgraph")


@lru_cache(maxsize=4)
def _schemes(path: Path) -> dict[str, tuple[str, ...]]:
    """``{scheme IRI: (slug, ...)}`` of every concept scheme in the Turtle file *path*."""
    import pyoxigraph as ox

    found: dict[str, list[str]] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if triple.predicate.value != _IN_SCHEME:
            continue
        scheme, concept = triple.object.value, triple.subject.value
        slug = concept.removeprefix(scheme + "/")
        if slug == concept or "/" in slug or not slug:
            from .errors import CredgraphError

            raise CredgraphError(f"{path}: concept <{concept}> of the scheme <{scheme}> is not "
                                 f"named <{scheme}/SLUG>")
        slugs = found.setdefault(scheme, [])
        if slug not in slugs:
            slugs.append(slug)
    return {scheme: tuple(slugs) for scheme, slugs in found.items()}


def scheme_members(scheme: str, path: Path | None = None) -> tuple[str, ...]:
    """The slugs of the concept scheme *scheme* (its IRI, without a trailing slash), in the
    order ``credgraph.ttl`` (or the Turtle file *path*) writes them.

    >>> scheme_members("https://w3id.org/credgraph/rate-unit")
    ('day', 'week', 'month', 'year')
    """
    file = Path(path) if path is not None else ontology_dir() / ONTOLOGY_FILE
    found = _schemes(file).get(scheme)
    if not found:
        from .errors import CredgraphError

        raise CredgraphError(f"{file}: no concept scheme <{scheme}> (no concept is "
                             f"skos:inScheme it)")
    return found


class Members(Sequence):
    """The slugs of one concept scheme, read from the ontology the first time they are
    asked for: a closed namespace's ``_extras`` (rdflib's
    :class:`~rdflib.namespace.DefinedNamespace` asks ``name in _extras``) and the values a
    field of the YAML reader allows. Membership is a set lookup; iteration keeps the
    scheme's order."""

    __slots__ = ("scheme", "_slugs", "_set")

    def __init__(self, scheme: str):
        self.scheme = scheme
        self._slugs: tuple[str, ...] | None = None
        self._set: frozenset[str] | None = None

    def _load(self) -> tuple[str, ...]:
        if self._slugs is None:
            self._slugs = scheme_members(self.scheme)
            self._set = frozenset(self._slugs)
        return self._slugs

    def __contains__(self, slug) -> bool:
        if self._set is None:
            self._load()
        return slug in self._set

    def __getitem__(self, index):
        return self._load()[index]

    def __len__(self) -> int:
        return len(self._load())

    def __iter__(self):
        return iter(self._load())

    def __repr__(self) -> str:
        return f"Members({self.scheme!r})"

    def __reduce__(self):
        return Members, (self.scheme,)
