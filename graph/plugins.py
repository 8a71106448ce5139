"""One kind of registry for everything chosen by name: formats, result formats, stores,
checks, renderers.

A :class:`Plugins` table maps names (and aliases, case-insensitive) to things of one kind.
Built-in things register themselves in code with :meth:`Plugins.register`, the call a
user's own code makes too; an installed package adds its own through the table's entry
point group (``credgraph.formats``, ``credgraph.result_formats``, ``credgraph.stores``,
``credgraph.checks``, ``credgraph.renderers``), read the first time a name is looked up.
An entry point names either a module, which registers what it holds when imported, or an
object, registered under the entry point's name.

An unknown name is bad input, with the allowed names and the nearest ones:

>>> shapes = Plugins("shape")
>>> shapes.register("circle", "a round thing", aliases=("round",))
'a round thing'
>>> shapes["ROUND"], shapes.names()
('a round thing', ['circle'])
>>> shapes["cirlce"]
Traceback (most recent call last):
...
credgraph.errors.InputError: unknown shape 'cirlce'; allowed: circle; did you mean circle?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from importlib.metadata import entry_points
from types import ModuleType
from typing import Generic, TypeVar

from .errors import CredgraphError, InputError

__all__ = ["Plugins"]

T = TypeVar("T")


class Plugins(Generic[T]):
    """Things of one kind by name, in registration order."""

    def __init__(self, what: str, group: str | None = None):
        self.what = what
        """What one thing is called in messages (``format``, ``store`` ...)."""
        self.group = group
        """The entry point group that installed packages add to."""
        self._items: dict[str, T] = {}
        self._names: dict[str, str] = {}
        self._loaded = group is None

    def register(self, name: str, item: T, aliases=()) -> T:
        """Add *item* under *name* (and *aliases*); a name registered again is replaced."""
        self._items[name] = item
        for alias in (name, *aliases):
            self._names[alias.casefold()] = name
        return item

    def unregister(self, name: str) -> T:
        """Remove a thing (and its aliases); returns it."""
        item = self._items.pop(name)
        for alias in [a for a, n in self._names.items() if n == name]:
            del self._names[alias]
        return item

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for ep in entry_points(group=self.group):
            try:
                found = ep.load()
            except Exception as exc:  # noqa: BLE001 - any plugin failure is reported by name
                raise CredgraphError(f"the {self.what} plugin {ep.name!r} ({ep.value}) failed "
                                     f"to load: {type(exc).__name__}: {exc}") from exc
            if not isinstance(found, ModuleType):
                self.register(ep.name, found)

    def name_of(self, name: str) -> str | None:
        """The registered name *name* (a name or alias) stands for, or None."""
        self._load()
        return self._names.get(str(name).strip().casefold())

    def __getitem__(self, name: str) -> T:
        found = self.name_of(name)
        if found is None:
            near = difflib.get_close_matches(str(name).casefold(), list(self._names), n=3,
                                             cutoff=0.6)
            hint = ", ".join(dict.fromkeys(self._names[n] for n in near))
            raise InputError(f"unknown {self.what} {name!r}; allowed: {', '.join(self.names())}"
                             + (f"; did you mean {hint}?" if hint else ""))
        return self._items[found]

    def get(self, name: str, default=None):
        found = self.name_of(name)
        return default if found is None else self._items[found]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.name_of(name) is not None

    def names(self) -> list[str]:
        """Every registered name, in registration order."""
        self._load()
        return list(self._items)

    def items(self):
        self._load()
        return self._items.items()

    def values(self):
        self._load()
        return self._items.values()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def __repr__(self) -> str:
        return f"Plugins({self.what!r}, {len(self._items)} registered)"
