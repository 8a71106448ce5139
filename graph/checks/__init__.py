"""The audit checks: one table, :data:`CHECKS`, that built-in and user checks join alike.

A check is a function ``check(ctx, claim) -> iterable of Finding`` for one claim (figure),
registered with :func:`register_check` under its name, with a description and a default
severity. Findings are data, never exceptions. The runner (:func:`run_checks`) stamps each
finding with the check's name, and with its default severity unless the finding says
otherwise. A user's own check joins the same table the built-in ones are in:

>>> from credgraph.checks import CHECKS, Finding, register_check
>>> @register_check("big-number", "Flags figures above a million.", severity="info")
... def big_number(ctx, claim):
...     fig = claim.reference.figure
...     if fig is not None and (fig.value or 0) > 1_000_000:
...         yield Finding("a very large figure", [claim.reference.node])
>>> "big-number" in CHECKS
True
>>> _ = CHECKS.unregister("big-number")

Installed packages add checks through the ``credgraph.checks`` entry point group (each
entry point names a module that registers its checks when imported).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module

from ..errors import InputError
from ..plugins import Plugins

__all__ = ["Finding", "Check", "CHECKS", "SEVERITIES", "register_check", "severity_rank",
           "load_builtin_checks", "run_checks"]

SEVERITIES = ("info", "warning", "error")
"""Finding severities, least serious first."""


def severity_rank(name: str) -> int:
    """The rank of a severity; an unknown name raises with the allowed ones.

    >>> severity_rank("warning")
    1
    """
    try:
        return SEVERITIES.index(name)
    except ValueError:
        raise InputError(f"unknown severity {name!r}; allowed: {', '.join(SEVERITIES)}") \
            from None


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found about one claim: why, where, how serious, and which check."""

    message: str
    evidence: list = field(default_factory=list)
    """Node ids and chains (lists of node ids) that show the finding."""
    severity: str | None = None
    """None: the check's default severity (the runner fills it in)."""
    check: str | None = None
    """The check's name (the runner fills it in)."""

    def as_dict(self) -> dict:
        return {"check": self.check, "severity": self.severity, "message": self.message,
                "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its name, a one-line description, default severity, function."""

    name: str
    description: str
    severity: str
    run: Callable[..., Iterable[Finding]]


CHECKS: Plugins[Check] = Plugins("check", "credgraph.checks")
"""Every check by name, in registration order (built-in ones first)."""


def register_check(name: str, description: str, severity: str = "warning"):
    """Decorator: add a check function to :data:`CHECKS` under *name*."""
    severity_rank(severity)

    def decorate(func):
        CHECKS.register(name, Check(name, description, severity, func))
        return func

    return decorate


def run_checks(checks: Iterable[Check], ctx, claim) -> list[Finding]:
    """The findings of *checks* on one claim, in their order, each stamped with its check's
    name and (when it gave none) the check's default severity.

    >>> from credgraph.audit import AuditContext
    >>> from credgraph.inputs import open_input
    >>> from credgraph.trace import trace_facts
    >>> ctx = AuditContext(trace_facts(open_input(None).facts()))
    >>> claim = ctx.trace.claims["hur-southern-district-deserters"]
    >>> [(f.check, f.severity) for f in run_checks([CHECKS["single-origin"]], ctx, claim)]
    [('single-origin', 'warning')]
    """
    found: list[Finding] = []
    append = found.append
    for check in checks:
        name, default = check.name, check.severity
        for f in check.run(ctx, claim) or ():
            append(Finding(f.message, f.evidence, f.severity or default, name))
    return found


BUILTIN = ("single_origin", "unverified_origin", "anonymous_origin", "interested_party",
           "circular_reporting", "conflicting_figures", "figure_drift", "unattributed",
           "hedge_dropped", "running_totals", "parts_and_whole", "disputed",
           "source_dependence", "computed_figure", "corrected_figure", "unreviewed_draft")
"""The built-in check modules, in the order their findings are listed."""


def load_builtin_checks() -> Plugins[Check]:
    """The table: the built-in checks first (registered when this package is imported, in
    :data:`BUILTIN`'s order), then the plugins' (their entry points read now)."""
    CHECKS.names()
    return CHECKS


for _module in BUILTIN:
    import_module(f"{__name__}.{_module}")
