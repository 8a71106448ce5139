"""The exception tree: every error credgraph raises derives from :class:`CredgraphError`.

Findings of the audit are data (see :mod:`credgraph.audit`), never exceptions; these are for
input that cannot be used.

>>> err = AnnotationError("unknown source 'Mediazonna'", path="reports/a.yaml", line=12,
...                       field="mentions[0].attributed_to")
>>> str(err)
"reports/a.yaml:12: mentions[0].attributed_to: unknown source 'Mediazonna'"
>>> isinstance(err, CredgraphError), err.exit_code
(True, 2)
"""

from __future__ import annotations

from .display import counted

__all__ = [
    "CredgraphError", "InputError", "AnnotationError", "AnnotationErrors", "ShapeViolation",
    "UnknownNameError", "QueryError", "StoreError", "EXIT_OK",
    "EXIT_FINDINGS", "EXIT_BAD_INPUT", "EXIT_INTERNAL",
]

EXIT_OK = 0
"""Exit code: everything went well."""
EXIT_FINDINGS = 1
"""Exit code: the audit found something at or above ``--fail-on``."""
EXIT_BAD_INPUT = 2
"""Exit code: the input (annotations, RDF, a query, an option) cannot be used."""
EXIT_INTERNAL = 3
"""Exit code: a bug or a broken installation."""


class CredgraphError(Exception):
    """Base of every credgraph error."""

    exit_code = EXIT_INTERNAL


class InputError(CredgraphError):
    """Input that cannot be used: a file, an option, an RDF document."""

    exit_code = EXIT_BAD_INPUT


class AnnotationError(InputError):
    """One problem in an annotation file, located by file, line and field."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        if self.field:
            where += f"{self.field}: "
        return where + self.message


class UnknownNameError(AnnotationError):
    """A source, report or mention name that resolves to nothing; suggests the nearest ids."""

    def __init__(self, message: str, *, suggestions: list[str] | None = None, **where):
        self.suggestions = list(suggestions or [])
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message, **where)


class AnnotationErrors(InputError):
    """Several annotation problems found in one pass, reported together."""

    def __init__(self, errors: list[AnnotationError]):
        self.errors = list(errors)
        head = f"{counted(len(self.errors), 'problem')} in the annotations"
        super().__init__(head + ":\n" + "\n".join(f"  {e}" for e in self.errors))


class ShapeViolation(InputError):
    """The built RDF breaks a SHACL shape; ``results`` lists (focus node, path, message)."""

    def __init__(self, results: list[tuple[str, str, str]]):
        self.results = list(results)
        lines = [f"  {focus} {path}: {msg}" for focus, path, msg in self.results]
        super().__init__(f"{counted(len(self.results), 'SHACL violation')}:\n" + "\n".join(lines))


class QueryError(InputError):
    """A SPARQL query that cannot be parsed or is refused (SERVICE, LOAD, FROM ...)."""


class StoreError(CredgraphError):
    """A store that cannot be opened or reached."""

    exit_code = EXIT_BAD_INPUT
