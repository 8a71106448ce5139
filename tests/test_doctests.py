"""Every docstring example of the installed ``credgraph`` package runs as a doctest.

The modules are imported by their package names (``credgraph.audit``), as a user's script
imports them, not from the source folder's path: the package is what is tested.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import credgraph

MODULES = sorted(info.name for info in pkgutil.walk_packages(credgraph.__path__, "credgraph.")
                 if not info.name.endswith("__main__"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", ["credgraph", *MODULES])
def test_module_doctests(name):
    module = importlib.import_module(name)
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    for test in finder.find(module, name):
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_the_package_has_doctests():
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for name in MODULES
                   for t in finder.find(importlib.import_module(name), name))
    assert examples > 100
