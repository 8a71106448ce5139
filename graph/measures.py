"""Measures: what a figure counts, as concepts with labels, aliases, broader and narrower.

credgraph's own measures are the SKOS scheme ``ontology/measures.ttl``; a corpus adds its
own in ``measures.yaml`` beside ``sources.yaml``. A figure's ``measure:`` names one by id
or by any label or alias (case, spacing and punctuation aside); an unknown one is an
error with the nearest suggestions, as for sources.

>>> scheme = builtin_measures()
>>> scheme.resolve("Criminal cases opened for desertion"), scheme.resolve("desertion prosecutions")
('desertion-criminal-cases', 'desertion-criminal-cases')
>>> scheme.is_narrower("killed", "casualties"), scheme.is_narrower("casualties", "killed")
(True, False)
>>> scheme["deserters"].cumulative, scheme["share"].kind
(True, 'share')
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import AnnotationErrors, UnknownNameError
from .located_yaml import read_yaml_file
from .reader import FieldReader
from .vocab import QUANTITY_KIND, members

__all__ = ["Measure", "Measures", "builtin_measures", "load_measures", "QUANTITY_KINDS"]

QUANTITY_KINDS = members(QUANTITY_KIND)
"""The kinds of quantity a measure may be: the quantity-kind scheme's members."""


@dataclass(frozen=True, slots=True)
class Measure:
    """One measure: its id, label, other names, broader measures, kind of quantity, and
    whether a running total of it can only grow."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    kind: str = "count"
    cumulative: bool = False
    definition: str | None = None


def _key(name: str) -> str:
    """A name as it is looked up: case, spacing and punctuation set aside."""
    return " ".join(re.sub(r"[^\w%]+", " ", str(name).casefold()).split())


class Measures:
    """The measures by id, their names resolved, their hierarchy walked."""

    def __init__(self, measures):
        self.measures: dict[str, Measure] = {}
        self._names: dict[str, str] = {}
        self._above: dict[str, frozenset[str]] = {}
        self._family: dict[str, str] = {}
        for m in measures:
            self.measures[m.id] = m
        for m in self.measures.values():
            for name in (m.id, m.label, *m.aliases):
                self._names.setdefault(_key(name), m.id)

    def __contains__(self, measure_id) -> bool:
        return measure_id in self.measures

    def __getitem__(self, measure_id: str) -> Measure:
        return self.measures[measure_id]

    def __iter__(self):
        return iter(self.measures.values())

    def __len__(self) -> int:
        return len(self.measures)

    def resolve(self, name) -> str | None:
        """The id a name, label or alias stands for, or None."""
        return self._names.get(_key(name))

    def suggest(self, name, n: int = 3) -> list[str]:
        """The ids whose names are nearest to *name*."""
        close = difflib.get_close_matches(_key(name), list(self._names), n=n * 2, cutoff=0.5)
        return list(dict.fromkeys(self._names[c] for c in close))[:n]

    def ancestors(self, measure_id: str) -> frozenset[str]:
        """Every measure broader than *measure_id*, however far up (loops are safe); an
        unknown id has none. Worked out once per id (the scheme does not change)."""
        found = self._above.get(measure_id)
        if found is None:
            seen, todo = set(), list(self.measures[measure_id].broader) if measure_id in self else []
            while todo:
                current = todo.pop()
                if current not in seen:
                    seen.add(current)
                    todo += self.measures[current].broader if current in self else []
            found = self._above[measure_id] = frozenset(seen)
        return found

    def family(self, measure_id: str) -> str:
        """The broadest measure above *measure_id* (its own id when none is broader; of
        several, the first by id): figures of one family may be compared.

        >>> builtin_measures().family("killed")
        'casualties'
        """
        found = self._family.get(measure_id)
        if found is None:
            tops = sorted(a for a in self.ancestors(measure_id) if not self.ancestors(a))
            found = self._family[measure_id] = tops[0] if tops else measure_id
        return found

    def is_narrower(self, narrow: str, broad: str) -> bool:
        """Whether *narrow* is a kind of *broad* (killed of casualties)."""
        return broad in self.ancestors(narrow)

    def with_(self, more) -> Measures:
        """These measures and *more* (a corpus's own; one with the same id replaces)."""
        return Measures([*self.measures.values(), *more])


@lru_cache(maxsize=1)
def builtin_measures() -> Measures:
    """credgraph's own measures, read from ``ontology/measures.ttl`` once."""
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    from .validation import ontology_dir
    from .vocab import CG, MEASURE

    g = Graph().parse(ontology_dir() / "measures.ttl", format="turtle")
    cut = len(str(MEASURE))
    found = []
    for concept in sorted(g.subjects(RDF.type, CG.Measure)):
        found.append(Measure(
            str(concept)[cut:], str(g.value(concept, SKOS.prefLabel)),
            tuple(sorted(str(a) for a in g.objects(concept, SKOS.altLabel))),
            tuple(sorted(str(b)[cut:] for b in g.objects(concept, SKOS.broader))),
            str(g.value(concept, CG.quantityKind)).rsplit("/", 1)[-1],
            bool(g.value(concept, CG.cumulative).toPython()),
            str(g.value(concept, SKOS.definition) or "") or None))
    return Measures(found)


_KEYS = {"id", "label", "aliases", "broader", "kind", "cumulative", "definition"}


def load_measures(path: Path, errors: list | None = None) -> Measures:
    """credgraph's measures and those of a corpus's ``measures.yaml`` (if *path* exists),
    every problem located by file, line and field."""
    base = builtin_measures()
    if not path.is_file():
        return base
    own = errors is None
    errors = [] if own else errors
    data = read_yaml_file(path, errors)
    top = FieldReader(data if data is not None else {}, str(path), "", errors, 1)
    added, readers = [], []
    for index, item in enumerate(top.get("measures", list, required=data is not None,
                                        default=[])):
        r = top.element(item, f"measures[{index}]")
        r.unknown_keys(_KEYS)
        measure_id = r.slug("id")
        if measure_id is None:
            continue
        aliases = r.get("aliases", list, default=[])
        added.append(Measure(
            measure_id, r.text("label") or measure_id.replace("-", " "),
            tuple(str(a).strip() for a in aliases if str(a).strip()),
            tuple(str(b).strip() for b in r.get("broader", list, default=[])),
            r.choice("kind", QUANTITY_KINDS, default="count"),
            r.get("cumulative", bool, default=False), r.text("definition")))
        readers.append(r)
    scheme = base.with_(added)
    for r, measure in zip(readers, added):
        for broad in measure.broader:
            if broad not in scheme:
                r.fail("broader", f"unknown measure {broad!r}", cls=UnknownNameError,
                       suggestions=scheme.suggest(broad))
    if own and errors:
        raise AnnotationErrors(errors)
    return scheme
