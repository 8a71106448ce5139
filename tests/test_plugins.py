"""One registry type: built-ins and a user's things alike, entry points read on first use,
unknown names answered with the allowed ones."""

from __future__ import annotations

import pytest

from credgraph.cli import main
from credgraph.errors import CredgraphError, InputError
from credgraph.plugins import Plugins

class _EntryPoint:
    def __init__(self, name, value, load):
        self.name, self.value, self._load = name, value, load

    def load(self):
        return self._load()

def test_entry_points_are_read_once_on_first_use(monkeypatch):
    calls = []
    points = [_EntryPoint("square", "pkg:square", lambda: calls.append(1) or "a square")]
    monkeypatch.setattr("credgraph.plugins.entry_points", lambda group: points)
    shapes = Plugins("shape", "credgraph.shapes")
    shapes.register("circle", "round")
    assert shapes["square"] == "a square" and shapes.names() == ["circle", "square"]
    assert len(calls) == 1

def test_a_broken_plugin_is_named(monkeypatch):
    def broken():
        raise RuntimeError("no such module")

    monkeypatch.setattr("credgraph.plugins.entry_points",
                        lambda group: [_EntryPoint("bad", "pkg:bad", broken)])
    with pytest.raises(CredgraphError, match="plugin 'bad' \\(pkg:bad\\) failed to load"):
        Plugins("shape", "credgraph.shapes").names()

@pytest.mark.parametrize("name, message", [
    ("Circle", None), ("round", None), ("cirle", "did you mean circle"), ("zzz", "allowed: circle"),
])
def test_names_and_aliases(name, message):
    shapes = Plugins("shape")
    shapes.register("circle", 1, aliases=("round",))
    if message is None:
        assert shapes[name] == 1
    else:
        with pytest.raises(InputError, match=message):
            shapes[name]

def test_a_users_renderer_is_an_audit_format(tmp_path):
    from credgraph.render import RENDERERS, Renderer, register_renderer

    register_renderer(Renderer("ids", "the claim ids, one a line",
                               lambda result: "".join(f.id + "\n" for f in result.figures)))
    try:
        out = tmp_path / "ids.txt"
        assert main(["audit", "--format", "ids", "-o", str(out)]) == 0
        assert "hur-8th-army-deserters" in out.read_text().split()
    finally:
        RENDERERS.unregister("ids")

def test_every_registry_is_listed_by_the_formats_command(capsys):
    assert main(["formats"]) == 0
    shown = capsys.readouterr().out
    for name in ("markdown", "json-ld", "tsv", "oxigraph"):
        assert name in shown
