"""``credgraph load``, ``query`` and ``serve``: the persistent store and SPARQL side of the
command line (registered on :data:`credgraph.cli.app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..display import counted
from ..errors import InputError
from .app import CorpusOpt, InputArg, _emit, _note, _one_input, app, err, out

def _interrupt(signum, frame):
    raise KeyboardInterrupt


QueryStoreOpt = Annotated[Optional[str], typer.Option(
    "--store", help="oxigraph:PATH, an http(s):// SPARQL endpoint (virtuoso+http:// for "
                    "Virtuoso), or memory / oxigraph (the bundled corpus in memory). Default: $CREDGRAPH_STORE, else .credgraph/store "
                    "when `credgraph load` has made it, else the bundled corpus.")]


@app.command()
def query(
    text: Annotated[Optional[str], typer.Argument(
        metavar="QUERY", help="A bundled query's name, a .rq file, or the query itself.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the bundled queries.")] = False,
    param: Annotated[Optional[list[str]], typer.Option(
        "--param", "-p", help="NAME=VALUE: bind $NAME in the query to VALUE, as a string "
                              "(repeatable).")] = None,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, "
                               "json-ld (CONSTRUCT/DESCRIBE). Default: a table on a terminal, "
                               "else csv or turtle.")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write to this file.", dir_okay=False)] = None,
    store: QueryStoreOpt = None,
    corpus: CorpusOpt = None,
):
    """Run a SPARQL query: a bundled one by name, a .rq file, or the query text."""
    from ..errors import QueryError
    from ..results import rich_table
    from ..loading import has_audit, open_for_query
    from ..sparql import bundled_queries, parse_params, resolve_query

    if list_:
        table = Table(title="bundled queries (credgraph query NAME)")
        for column in ("name", "parameters", "what it answers"):
            table.add_column(column, overflow="fold")
        for name, q in bundled_queries().items():
            table.add_row(name, " ".join(f"{p.name}=" for p in q.params), q.description)
        return out.print(table)
    if text is None:
        raise InputError("give a query (a bundled name, a .rq file or the text), or --list")
    named = resolve_query(text)
    bound = named.bind(parse_params(param or ()))
    target = open_for_query(store, note=_note, corpus=corpus)
    if "audit" in named.requires and not has_audit(target):
        _note("this query reads the stored audit and the store has none: run credgraph load")
    try:
        result = target.query(bound)
    except QueryError as exc:
        raise QueryError(f"{named.path}: {exc}" if named.path else str(exc)) from None
    if fmt is None:
        terminal = out.is_terminal and output is None
        fmt = "table" if terminal else ("turtle" if result.kind == "graph" else "csv")
    if fmt == "table" and result.kind == "select":
        return out.print(rich_table(result, named.description or None))
    if fmt == "table":
        fmt = "turtle" if result.kind == "graph" else "tsv"  # ASK: true or false
    _emit(result.serialize(fmt), output, f" ({counted(len(result), 'row')})")


@app.command()
def load(
    source: InputArg = None,
    corpus: CorpusOpt = None,
    store: Annotated[Optional[str], typer.Option(
        "--store", help="oxigraph:PATH or an http(s):// SPARQL endpoint (virtuoso+http:// for "
                        "Virtuoso; credentials from CREDGRAPH_STORE_USER and "
                        "CREDGRAPH_STORE_PASSWORD or a netrc file). Default: $CREDGRAPH_STORE, "
                        "else oxigraph:.credgraph/store.")] = None,
    audit: Annotated[bool, typer.Option(
        help="Audit the whole store and keep the findings in it (the graph/audit graph), "
             "which the grade and conflict queries read.")] = True,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="Empty the store first (drops reports loaded before).")] = False,
):
    """Put the graph into a persistent store: one named graph per report, replaced on reload."""
    from ..inputs import open_input
    from ..loading import default_store_spec, load as load_input, store_counts
    from ..store import open_store

    spec = store or default_store_spec()
    if spec.partition(":")[::2] in (("memory", ""), ("oxigraph", "")):
        raise InputError(f"--store {spec} keeps nothing after the command: give oxigraph:PATH "
                         "or an http(s):// endpoint")
    given = open_input(_one_input(source, corpus))
    target = open_store(spec)
    try:
        counts = store_counts(load_input(given, target, audit=audit, fresh=fresh))
    finally:
        target.close()
    out.print(f"loaded {given.label} into {spec}: {counts['reports']} reports, "
              f"{counts['figures']} figures, {counts['named graphs']} named graphs, "
              f"{counts['triples']} triples" + ("" if audit else " (no audit stored)"))


@app.command()
def serve(
    store: QueryStoreOpt = None,
    corpus: CorpusOpt = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on. Anything but 127.0.0.1 exposes the endpoint.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).")] = 7070,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run, or wait for a worker, before a 503.")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Rows a result may have; more is refused with 400.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Query worker processes.")] = 2,
    cors_origin: Annotated[Optional[list[str]], typer.Option(
        "--cors-origin", help="Let browser pages from this origin read answers (repeatable; * "
                              "for any). None by default.")] = None,
    allow_host: Annotated[Optional[list[str]], typer.Option(
        "--allow-host", help="Answer requests for this Host name too, besides 127.0.0.1, "
                             "localhost, [::1] and --host (repeatable; *.example.org for a "
                             "domain; * for any).")] = None,
    per_client: Annotated[int, typer.Option(
        "--per-client", help="Queries one client address may run at once (0: no limit).")] = 1,
    queue: Annotated[int, typer.Option(
        help="Queries that may wait for a worker; more get 503 with Retry-After.")] = 32,
    read_timeout: Annotated[float, typer.Option(
        "--read-timeout", help="Seconds a request's head, then its body, may take.")] = 10.0,
    max_connections: Annotated[int, typer.Option(
        "--max-connections", help="Connections served at once; more get 503.")] = 100,
    verbose: Annotated[bool, typer.Option(help="Log every request to stderr.")] = False,
):
    """Serve a read-only SPARQL 1.1 endpoint (GET/POST /sparql) and a query page (/)."""
    import signal

    from ..loading import open_for_query
    from ..server import ServeConfig, make_server, worker_factory

    config = ServeConfig(host, port, timeout, max_rows, workers, tuple(cors_origin or ()),
                         allowed_hosts=tuple(allow_host or ()), per_client=per_client,
                         queue=queue, read_timeout=read_timeout,
                         max_connections=max_connections)
    target = open_for_query(store, note=_note, corpus=corpus)
    server = make_server(worker_factory(target), config, verbose=verbose)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/] listening on {escape(host)}: reachable from the network")
    if server.pool.isolated is False:
        _note("the query workers could not be cut off from the network here (no network "
              "namespaces); the read-only check still refuses SERVICE")

    def ready(endpoint):
        err.print(f"read-only SPARQL endpoint: {endpoint.url} (query page: "
                  f"{endpoint.url.removesuffix('sparql')}); Ctrl-C stops it", highlight=False)

    server.on_ready = ready
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly on kill, like on Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
