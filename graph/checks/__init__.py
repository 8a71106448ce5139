"""The audit checks: one table, :data:`CHECKS`, that built-in and user checks join alike.

A check is a function ``check(ctx, claim) -> iterable of Finding`` for one claim (figure),
registered with :func:`register_check`. Findings are data, never exceptions. A user's own
check joins the same table:

>>> from credgraph.checks import CHECKS, Finding, register_check
>>> @register_check("big-number", "Flags figures above a million.", severity="info")
... def big_number(ctx, claim):
...     fig = claim.reference.figure
...     if fig is not None and (fig.value or 0) > 1_000_000:
...         yield Finding("big-number", "info", "a very large figure", [claim.reference.node])
>>> "big-number" in CHECKS
True
>>> _ = CHECKS.pop("big-number")

Third-party packages can also register checks through the ``credgraph.checks`` entry-point
group (each entry point names a module to import).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module

__all__ = ["Finding", "Check", "CHECKS", "SEVERITIES", "register_check", "severity_rank",
           "load_builtin_checks"]

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
        from ..errors import InputError

        raise InputError(f"unknown severity {name!r}; allowed: {', '.join(SEVERITIES)}") \
            from None


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found about one claim: which check, how serious, why, and where."""

    check: str
    severity: str
    message: str
    evidence: list = field(default_factory=list)
    """Node ids and chains (lists of node ids) that show the finding."""

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


CHECKS: dict[str, Check] = {}
"""Every check by name, in registration order (built-in ones first)."""


def register_check(name: str, description: str, severity: str = "warning"):
    """Decorator: add a check function to :data:`CHECKS` under *name*."""
    severity_rank(severity)

    def decorate(func):
        CHECKS[name] = Check(name, description, severity, func)
        return func

    return decorate


BUILTIN = ("single_origin", "unverified_origin", "anonymous_origin", "interested_party",
           "circular_reporting", "conflicting_figures", "figure_drift", "unattributed",
           "hedge_dropped")


def load_builtin_checks() -> dict[str, Check]:
    """Import the built-in check modules (and entry-point plugins) once; return the table."""
    for module in BUILTIN:
        import_module(f"{__name__}.{module}")
    builtin = [m.replace("_", "-") for m in BUILTIN]
    ordered = {name: CHECKS[name] for name in builtin if name in CHECKS}
    ordered.update((name, check) for name, check in CHECKS.items() if name not in ordered)
    CHECKS.clear()
    CHECKS.update(ordered)  # built-in checks first, in a fixed order, whatever imported first
    from importlib.metadata import entry_points

    for ep in entry_points(group="credgraph.checks"):
        try:
            ep.load()
        except Exception as exc:  # noqa: BLE001 - any plugin failure is reported by name
            from ..errors import CredgraphError

            raise CredgraphError(f"the check plugin {ep.name!r} ({ep.value}) failed to load: "
                                 f"{type(exc).__name__}: {exc}") from exc
    return CHECKS
