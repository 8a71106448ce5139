"""docs/architecture.md is true: every module has a row, imports only what its row allows
(first- and third-party, also inside functions), the modules import one another without a
cycle, and every third-party package is declared in pyproject.toml."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def _table() -> dict[str, set[str]]:
    """``{row name: what it may import}`` from the doc's table (``graph/x.py`` is ``x``,
    ``graph/checks/`` is ``checks``)."""
    rows = {}
    for line in (ROOT / "docs" / "architecture.md").read_text().splitlines():
        found = re.match(r"\| `graph/([a-z_]+)(?:\.py|/)` \| .* \| ([^|]*) \|$", line)
        if found:
            allowed = {a.strip() for a in found[2].split(",")} - {"-", ""}
            rows[found[1]] = allowed
    return rows


TABLE = _table()
MODULES = sorted(p for p in GRAPH.rglob("*.py") if "__pycache__" not in p.parts)


def _unit(path: Path) -> str:
    """The row a file belongs to: its top-level module or subpackage."""
    rel = path.relative_to(GRAPH)
    return rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.stem != "__init__" \
        else "credgraph"


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(first-party rows, third-party top-level packages) that *path* imports anywhere."""
    package = ["credgraph", *path.parent.relative_to(GRAPH).parts]
    first, third = set(), set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            names = [[*base, node.module]] if node.module else [[*base, a.name]
                                                                for a in node.names]
            first.update(".".join(n) for n in names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for name in ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module]):
                top = name.split(".")[0]
                if top == "credgraph":
                    first.add(name)
                elif top not in STDLIB:
                    third.add(top)
    rows = set()
    for name in first:
        parts = name.split(".")[1:]
        if not parts or not ((GRAPH / parts[0]).is_dir() or (GRAPH / f"{parts[0]}.py").is_file()):
            rows.add("credgraph")  # the package itself (its __version__)
        else:
            rows.add(parts[0])
    return rows - {_unit(path)}, third


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(GRAPH).as_posix())
def test_imports_are_what_the_table_allows(path):
    unit = _unit(path)
    if unit == "credgraph":
        return  # the package's __init__: its version only
    assert unit in TABLE, f"{path.name}: add a row for it to docs/architecture.md"
    first, third = _imports(path)
    assert first | third <= TABLE[unit], (
        f"{path.relative_to(GRAPH)} imports {sorted((first | third) - TABLE[unit])}, which "
        f"its row in docs/architecture.md does not allow")


def test_every_row_is_a_module():
    units = {_unit(p) for p in MODULES}
    assert set(TABLE) <= units, sorted(set(TABLE) - units)
    for allowed in TABLE.values():
        first = {a for a in allowed if a in units}
        assert first <= units


def test_no_import_cycle():
    graph = nx.DiGraph()
    for path in MODULES:
        unit = _unit(path)
        graph.add_node(unit)
        graph.add_edges_from((unit, other) for other in _imports(path)[0]
                             if other != "credgraph")
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"


def test_third_party_packages_are_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower().replace("_", "-")
                for d in project["dependencies"]}
    distributions = packages_distributions()
    used = set().union(*(_imports(p)[1] for p in MODULES))
    for package in used:
        names = {d.lower().replace("_", "-") for d in distributions.get(package, [package])}
        assert names & declared, f"{package} is imported but not a declared dependency"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(GRAPH).as_posix())
def test_modules_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= 450, f"{path.name} has {lines} lines: split it by topic"


DRAFT_ORDER = ["records", "tables", "passages", "tokens", "ordinals", "nonquantities", "numbers", "measures", "report_days", "timeref",
               "figures", "kinds", "proposals", "names", "institutions", "anaphora", "subjects", "cuewords", "sides", "speakers",
               "interviews", "voices", "courtroles", "according", "cues", "chaining", "attribution", "hedges", "writer", "claims",
               "documents", "drafting", "batch"]
"""Inside credgraph.draft, a module imports only those before it (docs/architecture.md)."""


@pytest.mark.parametrize("path", sorted((GRAPH / "draft").glob("*.py")), ids=lambda p: p.name)
def test_draft_modules_point_down(path):
    if path.stem == "__init__":
        return
    assert path.stem in DRAFT_ORDER, f"draft/{path.name}: add it to DRAFT_ORDER and the doc table"
    assert f"`graph/draft/{path.name}`" in (ROOT / "docs" / "architecture.md").read_text()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            name = node.module.split(".")[0]
            assert DRAFT_ORDER.index(name) < DRAFT_ORDER.index(path.stem), \
                f"draft/{path.name} imports .{name} (up)"


def test_draft_keeps_heavy_imports_lazy():
    import subprocess

    code = ("import sys, credgraph.cli, credgraph.draft, credgraph.draft.drafting; "
            "print(sorted({'spacy', 'trafilatura', 'htmldate', 'text_to_num'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_subpackage_is_packaged():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
                 ["setuptools"]["packages"])
    found = {"credgraph"} | {"credgraph." + p.parent.relative_to(GRAPH).as_posix().replace("/", ".")
                             for p in GRAPH.rglob("__init__.py") if p.parent != GRAPH}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
