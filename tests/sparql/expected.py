"""The expected results of the bundled queries (``tests/sparql/<name>.json``), and how a
store's answer is compared with them, for every test module that runs the queries."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from credgraph.sparql import bundled_queries
from credgraph.store import plain_value
from credgraph.ids import short

EXPECTED_DIR = Path(__file__).resolve().parent


@cache
def expected(name: str) -> dict:
    """The expected result of one bundled query."""
    return json.loads((EXPECTED_DIR / f"{name}.json").read_text(encoding="utf-8"))


def plain(value):
    """A result value as the expected files write it.

    >>> plain("https://w3id.org/credgraph/id/claim/x"), plain(Decimal("18000.0"))
    ('claim/x', '18000')
    """
    if isinstance(value, str):
        return short(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def answer(store, name: str) -> dict:
    """What *store* answers to a bundled query run with the expected file's parameters, in
    the expected file's shape."""
    query = bundled_queries()[name]
    text = query.bind(expected(name)["params"])
    result = store.query(text)
    if result.kind == "graph":
        return {"params": expected(name)["params"], "triples": len(result.triples),
                "subjects": sorted({short(str(t[0])) for t in result.triples})}
    rows = [[plain(plain_value(v)) for v in row] for row in result.rows]
    return {"params": expected(name)["params"], "columns": result.variables, "rows": rows}


NEARER_HEDGE = {
    "a": "mentions:\n  - {id: m1, claim: fled, statement: Blue says 9000 fled.,\n"
         "     figure: {measure: deserters, value: 9000, unit: soldiers, subject: red soldiers}, attributed_to: blue-intel,\n"
         "     hedge: alleged}\n",
    "b": "mentions:\n  - {id: m1, claim: fled, statement: \"9000 fled, Paper A says; unconfirmed.\",\n"
         "     figure: {measure: deserters, value: 9000, unit: soldiers, subject: red soldiers}, relays: \"a#m1\", hedge: unable-to-verify}\n",
    "c": "mentions:\n  - {id: m1, claim: fled, statement: 9000 soldiers fled.,\n"
         "     figure: {measure: deserters, value: 9000, unit: soldiers, subject: red soldiers}, relays: \"b#m1\"}\n",
}
"""Three reports relaying one figure: hedged (alleged), hedged again (unable to verify), then
stated as fact. ``hedge-dropped`` must name the nearer hedged mention (``b#m1``) only."""


def nearer_hedge_corpus(folder: Path, registry: Path) -> Path:
    """Write :data:`NEARER_HEDGE` as a corpus folder with *registry* as its sources."""
    import shutil

    (folder / "reports").mkdir(parents=True)
    shutil.copy(registry, folder / "sources.yaml")
    outlets = {"a": "paper-a", "b": "paper-b", "c": "paper-c"}
    for name, mentions in NEARER_HEDGE.items():
        (folder / "reports" / f"{name}.yaml").write_text(
            f"id: {name}\nkind: article\noutlet: {outlets[name]}\ntitle: Case {name}\n"
            f"date: 2024-01-0{1 + list(outlets).index(name)}\n{mentions}", encoding="utf-8")
    return folder
