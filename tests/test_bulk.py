"""The streaming, parallel build of line formats: same triples as the regular build,
all-or-nothing writes, located errors."""

from __future__ import annotations

import re
import shutil

import pytest
from rdflib import Dataset, Graph
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from credgraph.annotations import bundled_corpus
from credgraph.bulk import build_lines
from credgraph.cli import main
from credgraph.errors import AnnotationErrors, InputError
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_annotations


@pytest.fixture(scope="module")
def synth_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    write_annotations(synth_corpus(400, seed=5), folder)
    return folder


def _graphs(path) -> dict:
    ds = Dataset()
    ds.parse(str(path), format="nquads")
    return {g.identifier: g for g in ds.graphs() if len(g)}


def test_bulk_nquads_are_the_regular_build(dataset, tmp_path):
    summary = build_lines(bundled_corpus(), tmp_path, ["nquads"], jobs=1)
    parsed = _graphs(summary.paths[0])
    expected = {g.identifier: g for g in dataset.graphs() if len(g)}
    assert set(parsed) == set(expected)
    for name, graph in expected.items():
        assert isomorphic(graph, parsed[name]), name
    assert summary.quads == sum(len(g) for g in expected.values())


def test_bulk_ntriples_are_the_union(dataset, tmp_path):
    (path,) = build_lines(bundled_corpus(), tmp_path, ["nt"], jobs=1).paths
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert path.name == "credgraph.nt"
    assert isomorphic(Graph().parse(str(path), format="nt"), union)


def test_workers_write_the_same_bytes_as_one_process(synth_folder, tmp_path):
    one = build_lines(synth_folder, tmp_path / "one", ["nquads", "ntriples"], jobs=1)
    two = build_lines(synth_folder, tmp_path / "two", ["nquads", "ntriples"], jobs=2)
    assert (one.reports, one.mentions, one.quads) == (two.reports, two.mentions, two.quads)
    assert one.mentions == 400 and one.loops == two.loops
    for a, b in zip(one.paths, two.paths):
        assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_report_writes_nothing_and_keeps_the_old_file(synth_folder, tmp_path, jobs):
    folder = tmp_path / "corpus"
    shutil.copytree(synth_folder, folder)
    bad = sorted((folder / "reports").glob("*.yaml"))[-1]
    bad.write_text(bad.read_text().replace("hedge:", "hegde:", 1))
    out = tmp_path / "out"
    out.mkdir()
    (out / "credgraph.nq").write_text("previous\n")
    with pytest.raises(AnnotationErrors) as caught:
        build_lines(folder, out, ["nquads"], jobs=jobs)
    (problem,) = caught.value.errors
    assert problem.path == str(bad) and problem.line and "hegde" in str(problem)
    assert sorted(p.name for p in out.iterdir()) == ["credgraph.nq"]
    assert (out / "credgraph.nq").read_text() == "previous\n"


def test_a_relay_to_nowhere_is_named_with_its_file_and_line(synth_folder, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(synth_folder, folder)
    path = next(p for p in sorted((folder / "reports").glob("*.yaml"))
                if "relays:" in p.read_text())
    text = path.read_text()
    at = text.index("relays:")
    path.write_text(re.sub(r'relays: "[^"]*"', 'relays: "no-such-report#m1"', text, count=1))
    with pytest.raises(AnnotationErrors) as caught:
        build_lines(folder, tmp_path / "out", ["nquads"], jobs=2)
    (problem,) = caught.value.errors
    assert problem.path == str(path) and problem.line == text[:at].count("\n") + 1
    assert "no-such-report#m1" in str(problem) and problem.field.endswith(".relays")
    assert not (tmp_path / "out" / "credgraph.nq").exists()


def test_only_line_formats(tmp_path):
    with pytest.raises(InputError, match="turtle.*allowed: nquads, ntriples"):
        build_lines(bundled_corpus(), tmp_path, ["ttl"])


def test_cli_streams_line_formats_without_shacl(synth_folder, tmp_path, capsys):
    argv = ["build", "-c", str(synth_folder), "-o", str(tmp_path), "-f", "nquads", "--no-shacl",
            "-j", "2"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "400 mentions" in out and (tmp_path / "credgraph.nq").stat().st_size > 0


def test_cli_bad_report_exits_2(synth_folder, tmp_path, capsys):
    folder = tmp_path / "corpus"
    shutil.copytree(synth_folder, folder)
    bad = sorted((folder / "reports").glob("*.yaml"))[0]
    bad.write_text(re.sub(r"^kind: .*$", "kind: artcle", bad.read_text(), count=1, flags=re.M))
    argv = ["build", "-c", str(folder), "-o", str(tmp_path / "out"), "-f", "nq", "--no-shacl"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: kind" in err and "Traceback" not in err


def test_a_folder_goes_into_oxigraph_natively_with_the_same_quads(synth_folder, tmp_path):
    from credgraph.annotations import load_corpus
    from credgraph.build import corpus_quads
    from credgraph.inputs import open_input
    from credgraph.embedded import OxigraphStore

    native = open_input(synth_folder).load_into(OxigraphStore())
    python = OxigraphStore()
    python.load_quads(corpus_quads(load_corpus(synth_folder)))
    assert len(native) == len(python) > 10_000
    assert sorted(native.dump().splitlines()) == sorted(python.dump().splitlines())


def test_reloading_a_changed_folder_replaces_its_reports_graphs(synth_folder, tmp_path):
    from credgraph.inputs import open_input
    from credgraph.embedded import OxigraphStore

    folder = tmp_path / "corpus"
    shutil.copytree(synth_folder, folder)
    store = open_input(folder).load_into(OxigraphStore(tmp_path / "store"))
    before = len(store)
    path = sorted((folder / "reports").glob("*.yaml"))[0]
    path.write_text(re.sub(r'^title: .*$', 'title: "Retitled"', path.read_text(), count=1,
                           flags=re.M))
    open_input(folder).load_into(store)
    titles = store.select('SELECT ?t WHERE { ?r <http://purl.org/dc/terms/title> ?t }')
    assert len(store) == before and ("Retitled",) in titles
    assert ("Synthetic report 0",) not in titles


@settings(max_examples=15, deadline=None)
@given(size=st.integers(1, 60), seed=st.integers(0, 10_000))
def test_bulk_lines_are_the_corpus_quads(tmp_path_factory, size, seed):
    from credgraph.build import corpus_quads
    from credgraph.formats import quads_to_nquads

    corpus = synth_corpus(size, seed=seed)
    folder = tmp_path_factory.mktemp("corpus")
    write_annotations(corpus, folder)
    summary = build_lines(folder, folder / "out", ["nquads"], jobs=1)
    written = summary.paths[0].read_text().splitlines()
    assert len(written) == len(set(written)) == summary.quads
    assert set(written) == {line.rstrip("\n") for line in quads_to_nquads(corpus_quads(corpus))}
    assert summary.mentions == size and summary.reports == len(corpus.reports)


def test_progress_counts_report_files_up_to_all(synth_folder, tmp_path):
    seen = []
    summary = build_lines(synth_folder, tmp_path, ["nquads"], jobs=2,
                          progress=lambda done, total: seen.append((done, total)))
    totals = {total for _done, total in seen}
    assert totals == {summary.reports} and seen[-1] == (summary.reports, summary.reports)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and len(seen) >= 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_mid_build_leaves_no_temporary_file_and_the_old_output(tmp_path, jobs):
    """A build stopped by SIGTERM (a CI timeout, a container stopped) removes what it was
    writing and keeps the previous output byte for byte."""
    import signal
    import subprocess
    import sys
    import time

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_annotations(synth_corpus(12000, seed=9), corpus)
    command = [sys.executable, "-m", "credgraph.cli", "build", "-f", "nquads", "--no-shacl",
               "-o", str(out), "--corpus", str(corpus), "--jobs", jobs]
    subprocess.run(command, check=True, capture_output=True)
    before = (out / "credgraph.nq").read_bytes()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(out.glob(".*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "SIGTERM" in err and "Traceback" not in err
    assert not list(out.glob(".*.tmp")) and not list(tmp_path.rglob("*.tmp"))
    assert (out / "credgraph.nq").read_bytes() == before
