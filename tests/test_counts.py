"""credgraph stats counts the same, exactly, whatever the input: a folder (no RDF made), the
N-Quads or N-Triples built from it (one pass of the parser), and a store holding it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from credgraph.api import stats
from credgraph.bulk import build_lines
from credgraph.cli import main
from credgraph.counts import store_counts
from credgraph.embedded import OxigraphStore
from credgraph.inputs import open_input
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_annotations


def _counts_everywhere(folder, out):
    built = build_lines(folder, out, ["nquads", "ntriples"], jobs=1).paths
    store = OxigraphStore()
    store.load_file(built[0])
    union = OxigraphStore()
    union.load_file(built[1])
    return stats(folder), stats(built[0]), store_counts(store), stats(built[1]), \
        store_counts(union)


def test_the_bundled_corpus(tmp_path):
    folder, nquads, store, ntriples, union = _counts_everywhere(open_input(None).root, tmp_path)
    assert folder == nquads == store
    assert folder["reports"] == 5 and folder["named graphs"] == 7
    assert ntriples == union and ntriples["named graphs"] == 0
    assert ntriples["triples"] < folder["triples"]  # the union keeps a shared triple once


@settings(max_examples=10, deadline=None)
@given(size=st.integers(1, 400), seed=st.integers(0, 10_000))
def test_any_synthetic_corpus(tmp_path_factory, size, seed):
    folder = tmp_path_factory.mktemp("any")
    write_annotations(synth_corpus(size, seed=seed), folder)
    folder_counts, nquads, store, ntriples, union = _counts_everywhere(folder, folder / "built")
    assert folder_counts == nquads == store
    assert ntriples == union


def test_the_command_counts_a_folder_without_a_store(tmp_path, capsys, monkeypatch):
    import credgraph.inputs

    def no_store(*_args, **_kwargs):
        raise AssertionError("stats opened a store")

    monkeypatch.setattr(credgraph.inputs, "open_store", no_store)
    assert main(["stats"]) == 0
    assert "triples" in capsys.readouterr().out
