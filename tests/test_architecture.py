"""Dependencies run one way: each module imports only what docs/architecture.md allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GRAPH = Path(__file__).resolve().parents[1] / "graph"

# Layers, lowest first: a module may import graph modules of its own layer's predecessors.
ORDER = ["vocab", "errors", "display", "model", "reader", "annotations", "build", "formats", "bulk", "validation",
         "results",
         "store", "embedded",
         "remote", "loading", "chains", "facts", "corpus_facts", "scan", "trace", "origins", "checks", "grade", "audit", "render",
         "sparql", "server", "synth", "layout", "view", "cli"]
SAME_LAYER = {("build", "formats"), ("formats", "build"), ("store", "remote"),
              ("remote", "store"), ("store", "embedded"), ("embedded", "store")}


def _layer(module: str) -> str:
    return module.split(".")[0]


def _graph_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    package = ".".join(("credgraph", *path.parent.relative_to(GRAPH).parts))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                folder = GRAPH.joinpath(*module.split(".")[1:])
                names = [module] if node.module else [
                    f"{module}.{a.name}" for a in node.names
                    if (folder / f"{a.name}.py").is_file() or (folder / a.name).is_dir()]
            else:
                names = [node.module or ""]
            found.update(n.removeprefix("credgraph.") for n in names if n.startswith("credgraph."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("credgraph.") for a in node.names
                         if a.name.startswith("credgraph."))
    return {_layer(n) for n in found if n and n != "credgraph"}


MODULES = sorted(p for p in GRAPH.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(GRAPH).as_posix())
def test_imports_point_down(path):
    rel = path.relative_to(GRAPH)
    own = _layer(rel.with_suffix("").as_posix().replace("/", "."))
    if own == "__init__" or own not in ORDER:
        assert own in ORDER or own == "__init__", f"{rel}: add it to ORDER and the doc table"
        return
    for imported in _graph_imports(path):
        if imported == own or (own, imported) in SAME_LAYER or imported == "__init__":
            continue
        assert imported in ORDER, f"{rel} imports unknown credgraph.{imported}"
        assert ORDER.index(imported) < ORDER.index(own), f"{rel} imports credgraph.{imported} (up)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(GRAPH).as_posix())
def test_modules_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= 450, f"{path.name} has {lines} lines: split it by topic"


def test_every_subpackage_is_packaged():
    import tomllib

    listed = set(tomllib.loads((GRAPH.parent / "pyproject.toml").read_text())["tool"]
                 ["setuptools"]["packages"])
    found = {"credgraph"} | {"credgraph." + p.parent.relative_to(GRAPH).as_posix().replace("/", ".")
                         for p in GRAPH.rglob("__init__.py") if p.parent != GRAPH}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
