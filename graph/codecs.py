"""Codecs: how a value of the mapping's fields is written as an RDF term and read back.

A :class:`Codec` writes a record value as an rdflib term (``encode``) and reads back the
plain value a store, the scan or the model gives (``decode``): IRIs as full or short
strings, literals as Python values; the model's own value reads as itself, so the three
readers of :mod:`credgraph.facts` share one decoding.

>>> DECIMAL.decode("18000.0"), INSTANCE["source"].decode("https://w3id.org/credgraph/id/source/hur")
(Decimal('18000.0'), 'hur')
>>> from credgraph.vocab import HEDGE
>>> concept(HEDGE, "hedge").decode("https://w3id.org/credgraph/hedge/alleged")
'alleged'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef

from .ids import ID_PREFIX, claim_iri, node_iri, report_iri, source_iri
from .time_reference import Day
from .vocab import CITES_AS, XSD

__all__ = ["Codec", "TEXT", "INTEGER", "DECIMAL", "DATE", "DAY", "BOOLEAN", "URL", "NODE", "PRESENCE",
           "INSTANCE", "concept", "CITATION_INTENT", "decimal_literal", "TRUE_UNLESS_FALSE"]


@dataclass(frozen=True, slots=True)
class Codec:
    """How a field's value is written as an RDF term (``encode``) and read back from the
    plain value a store, the scan or the model gives (``decode``: IRIs as full or short
    strings, literals as Python values; the model's own value reads as itself)."""

    name: str
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any] | None
    """None: the plain value is the record value."""


class _Terms(dict):
    """The terms of one codec's values that repeat (dates, units, measures, concepts,
    names): each distinct value's term made once, and a hit is one dictionary lookup, no
    Python call (``encode`` is the bound ``__getitem__``)."""

    __slots__ = ("make",)
    LIMIT = 50_000
    """Distinct values kept before the memo starts again (statements never repeat)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, value):
        if len(self) > self.LIMIT:
            self.clear()
        term = self[value] = self.make(value)
        return term


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in its canonical lexical form, so every format round-trips it.

    >>> decimal_literal(Decimal("18000"))
    rdflib.term.Literal('18000.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> str(decimal_literal(Decimal("33.30")))
    '33.3'
    """
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def _to_decimal(value):
    if value is None or value.__class__ is Decimal:
        return value
    return Decimal(str(value))


def _to_date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


TEXT = Codec("text", _Terms(Literal).__getitem__, None)
"""Text reads as it is (every reader gives it as a string)."""
INTEGER = Codec("integer", Literal, lambda v: None if v is None else int(v))
DECIMAL = Codec("decimal", _Terms(decimal_literal).__getitem__, _to_decimal)
DATE = Codec("date", _Terms(Literal).__getitem__, _to_date)


def _day_literal(day) -> Literal:
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[day.precision]
    return Literal(str(day), datatype=datatype)


DAY = Codec("day", _Terms(_day_literal).__getitem__,
            lambda v: None if v is None else Day.parse(v))
"""A date at the precision the text gives (:class:`~credgraph.time_reference.Day`):
xsd:date, xsd:gYearMonth or xsd:gYear."""
_TRUE, _FALSE = Literal(True), Literal(False)
BOOLEAN = Codec("boolean", lambda v: _TRUE if v else _FALSE, bool)
TRUE_UNLESS_FALSE = Codec("boolean", BOOLEAN.encode, lambda v: v is not False)
"""A flag that holds unless written false (nothing written: true): a report is reviewed
unless it says ``reviewed: false``."""
URL = Codec("url", URIRef, None)
NODE = Codec("node", node_iri,
             lambda v: None if v is None else v[len(ID_PREFIX):] if v.startswith(ID_PREFIX)
             else v)
"""A node of the citation graph (``mention/...``, ``statement/...``), kept as its node."""
PRESENCE = Codec("presence", NODE.encode, lambda v: v is not None and v is not False)
"""A link the audit only asks the existence of (``prov:wasQuotedFrom``)."""


def _instance(kind: str) -> Codec:
    full, part = f"{ID_PREFIX}{kind}/", f"{kind}/"

    def decode(value):
        if value is None:
            return None
        if value.startswith(full):
            return value[len(full):]
        return value[len(part):] if value.startswith(part) else value

    return Codec(kind, _BUILDERS[kind], decode)


_BUILDERS = {"source": source_iri, "report": report_iri, "claim": claim_iri}
INSTANCE = {kind: _instance(kind) for kind in _BUILDERS}
"""An instance of a kind, kept as its id (``source/hur`` reads as ``hur``)."""


def concept(scheme, name: str) -> Codec:
    """A member of a closed list (SKOS concept), kept as its slug."""
    return Codec(name, _Terms(scheme.__getitem__).__getitem__,
                 lambda v: None if v is None else v.rsplit("/", 1)[-1])


_INTENT_SLUG = {str(iri): slug for slug, iri in CITES_AS.items()}
CITATION_INTENT = Codec("citation-intent", CITES_AS.__getitem__,
                        lambda v: None if v is None else _INTENT_SLUG.get(v, v))
