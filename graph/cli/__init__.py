"""The ``credgraph`` command: a thin shell over the library (:mod:`credgraph.api`).

Each module registers its commands on :data:`~credgraph.cli.app.app`: :mod:`.corpus`
(build, validate, stats, formats), :mod:`.audit` (audit, checks, view), :mod:`.sparql`
(load, query, serve), :mod:`.draft` (draft), :mod:`.claimreview` (export claimreview,
import claimreview). Exit codes: 0 ok, 1 findings at or above ``--fail-on`` (audit), 2
bad input, 3 internal error.
"""

from . import audit, claimreview, corpus, draft, sparql  # noqa: F401 - each registers its commands
from .app import app, main

__all__ = ["app", "main"]
