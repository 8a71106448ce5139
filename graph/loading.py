"""``credgraph load`` and the persistent store: loading an input with its audit, the
default store, the stored audit, and the store ``query`` and ``serve`` read.

>>> store = load(None, "oxigraph")          # the bundled corpus, audited, in memory
>>> has_audit(store), store_counts(store)["reports"]
(True, 5)
>>> default_store_spec({})
'oxigraph:.credgraph/store'
>>> default_store_spec({"CREDGRAPH_STORE": "http://127.0.0.1:7878"})
'http://127.0.0.1:7878'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .audit import audit_facts
from .audit_rdf import findings_triples
from .counts import store_counts
from .errors import InputError
from .facts import fetch_facts
from .inputs import Input, open_input
from .scan import scan_facts
from .store import Store, open_store
from .vocab import CG, GRAPH

__all__ = ["load", "open_for_query", "has_audit", "store_findings", "default_store_spec",
           "AUDIT_GRAPH", "DEFAULT_STORE_PATH", "store_counts"]

DEFAULT_STORE_PATH = Path(".credgraph") / "store"
"""Where ``credgraph load`` keeps its persistent store unless told otherwise."""

AUDIT_GRAPH = GRAPH["audit"]
"""The named graph that holds the latest audit's findings (``schema:ClaimReview``)."""


def default_store_spec(environ: Mapping[str, str] = os.environ) -> str:
    """The store of ``credgraph load``/``query``/``serve``: ``CREDGRAPH_STORE`` or the default."""
    return environ.get("CREDGRAPH_STORE") or f"oxigraph:{DEFAULT_STORE_PATH.as_posix()}"


def load(source: str | Path | Input | None, store: str | Store, *, audit: bool = True,
         fresh: bool = False) -> Store:
    """Load *source* (any input, :func:`~credgraph.inputs.open_input`) into *store* (a
    spec or a store), each report's named graph replacing the one loaded before; *fresh*
    empties the store first.

    With *audit*, the whole store is audited and the findings replace the previous ones in
    :data:`AUDIT_GRAPH`, which the bundled queries marked ``requires: audit`` read;
    without, the previous findings are dropped, since they may no longer hold. Into an
    empty store, the audit is made by scanning the file that is loaded
    (:func:`~credgraph.scan.scan_facts`): the same audit, without the store's lookups (on
    disk they are most of the time).
    """
    target = open_store(store) if isinstance(store, str) else store
    given = open_input(source)
    if fresh:
        target.clear()
    label = f"the store after loading {given.label}"  # it audits them all
    if audit and target.is_empty():
        with given.rdf_file() as (path, ours):
            open_input(path).load_into(target)
            result = audit_facts(scan_facts(path, lenient=ours), input_label=label)
        store_findings(target, findings_triples(result))
        return target
    given.load_into(target)
    if audit:
        result = audit_facts(fetch_facts(target), input_label=label)
        store_findings(target, findings_triples(result))
    else:  # an audit of what was there before would be stale now
        target.update(f"DROP SILENT GRAPH <{AUDIT_GRAPH}>")
    return target


def open_for_query(spec: str | None = None, note=lambda message: None,
                   corpus: str | Path | None = None) -> Store:
    """The store ``credgraph query`` and ``serve`` read, by spec.

    ``oxigraph:PATH`` must exist (``credgraph load`` makes it) and is opened read-only; an
    ``http(s)://`` endpoint is used as it is; ``memory`` or ``oxigraph`` hold the bundled
    corpus (or the annotation folder *corpus*) and its audit in memory. Without a spec:
    ``CREDGRAPH_STORE``, else the default store when it exists, else (with a *note*) the
    bundled corpus in memory; with only *corpus*, that folder in memory.
    """
    if corpus is not None:
        if spec not in (None, "memory", "oxigraph"):
            raise InputError(f"--corpus {corpus} is read into memory: it cannot be queried "
                             f"in --store {spec} (credgraph load puts it there)")
        return load(corpus, spec or "oxigraph")
    if spec is None:
        spec = default_store_spec()
        if spec == f"oxigraph:{DEFAULT_STORE_PATH.as_posix()}" and not DEFAULT_STORE_PATH.is_dir():
            note(f"no store at {DEFAULT_STORE_PATH} (credgraph load makes one): querying the "
                 "bundled corpus in memory")
            spec = "oxigraph"
    if spec in ("memory", "oxigraph"):
        return load(None, spec)
    name, _, path = spec.partition(":")
    if name == "oxigraph":  # read-only: queries never write, and others may read meanwhile
        if not Path(path).is_dir():
            raise InputError(f"no store at {path}: run credgraph load --store {spec} first")
        return open_store(f"oxigraph-read-only:{path}")
    return open_store(spec)


def has_audit(store: Store) -> bool:
    """Whether *store* holds a stored audit (``credgraph load`` puts one there)."""
    return bool(store.query(f"ASK {{ ?run a <{CG.AuditRun}> }}").boolean)


def store_findings(store: Store, findings) -> int:
    """Put an audit's findings (:func:`credgraph.audit_rdf.findings_triples`) into *store*,
    in :data:`AUDIT_GRAPH`, replacing the previous audit's; returns the number of triples."""
    return store.load_quads((s, p, o, AUDIT_GRAPH) for s, p, o in findings)
