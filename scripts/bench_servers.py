"""The optional ``servers`` step of ``scripts/bench.py``: the synthetic corpus loaded into two
real SPARQL servers and audited through the protocol, in one run on one machine.

``oxigraph serve`` (the ``oxigraph`` PyPI package) and Virtuoso Open Source 7 (Debian's
``virtuoso-opensource``) each start on 127.0.0.1 over a new database in the step's folder
(tests/servers.py starts them, as for the tests). For each: the N-Quads file is loaded with
``credgraph``'s remote store (``load``: triples per second), audited through SPARQL
(``audit``), and its findings stored back as the audit graph (``findings``); with
``--verify`` the audit must equal the embedded store's. Virtuoso runs with Debian's
``ResultSetMaxRows`` (10,000), so the audit's large SELECTs are read in pages, and with
buffers for about 5 GB of its 24 GB machine (``NumberOfBuffers`` 680,000).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def _engines(root: Path):
    """Each engine's name and a context that yields a store on a fresh server."""
    from contextlib import contextmanager

    from tests.servers import serve_oxigraph, serve_virtuoso

    @contextmanager
    def oxigraph():
        from credgraph.remote import RemoteStore

        servers = serve_oxigraph(root / "oxigraph")
        url = next(servers)
        try:
            yield RemoteStore(url, timeout=3600, environ={})
        finally:
            next(servers, None)

    @contextmanager
    def virtuoso():
        from credgraph.virtuoso import VirtuosoStore

        servers = serve_virtuoso(root / "virtuoso", buffers=680_000)
        server = next(servers)
        try:
            password = server.add_user("bench", "SPARQL_UPDATE")
            yield VirtuosoStore("virtuoso+" + server.url, timeout=3600, environ={
                "CREDGRAPH_STORE_USER": "bench", "CREDGRAPH_STORE_PASSWORD": password})
        finally:
            next(servers, None)

    return {"oxigraph-serve": oxigraph, "virtuoso": virtuoso}


def step_servers(folder: Path, out: Path, record, verify: bool) -> None:
    """Load, audit and store the findings on each server; *record* writes a row."""
    from credgraph.api import audit
    from credgraph.audit_rdf import findings_triples
    from credgraph.loading import store_findings

    reference = None
    if verify:
        from credgraph.store import open_store

        embedded = open_store("oxigraph")
        embedded.load_file(folder / "data.nq")
        reference = [f.as_dict() for f in audit(embedded).figures]
        del embedded
    with tempfile.TemporaryDirectory(prefix="bench-servers-", dir=folder) as tmp:
        for name, engine in _engines(Path(tmp)).items():
            with engine() as store:
                started = time.perf_counter()
                store.load_file(folder / "data.nq")
                seconds = time.perf_counter() - started
                quads = len(store)
                record(out, f"server-load:{name}", seconds, quads, "quads",
                       note=f"{quads / seconds:,.0f} triples/s through the protocol")
                started = time.perf_counter()
                result = audit(store, label="bench")
                record(out, f"server-audit:{name}", time.perf_counter() - started,
                       len(result.figures), "figures", note="the audit's SELECTs over SPARQL")
                started = time.perf_counter()
                triples = store_findings(store, findings_triples(result))
                record(out, f"server-findings:{name}", time.perf_counter() - started, triples,
                       "triples", note="the audit graph written back (replaced)")
                if reference is not None:
                    assert [f.as_dict() for f in result.figures] == reference, \
                        f"the audit on {name} differs from the embedded store's"
