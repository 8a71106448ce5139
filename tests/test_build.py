"""Annotations -> RDF: round trips, formats, atomic writes, SHACL on the bundled graph."""

from __future__ import annotations


import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from credgraph.build import corpus_quads, relay_cycles, to_dataset
from credgraph.ids import MEASURES_GRAPH, REGISTRY_GRAPH, report_graph
from credgraph.formats import FORMATS, get_format, quads_to_nquads, serialize, write_outputs
from credgraph.validation import shape_results
from credgraph.vocab import CG, RDF


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("name", sorted(n for n, f in FORMATS.items() if f.keeps_graphs))
def test_round_trip_keeps_every_named_graph(dataset, name):
    fmt = FORMATS[name]
    back = Dataset()
    back.parse(data=serialize(dataset, fmt), format=fmt.rdflib_name)
    originals = {g.identifier: g for g in dataset.graphs() if len(g)}
    parsed = {g.identifier: g for g in back.graphs() if len(g)}
    assert set(originals) == set(parsed)
    for identifier, graph in originals.items():
        assert isomorphic(graph, parsed[identifier]), identifier


@pytest.mark.parametrize("name", ["turtle", "ntriples"])
def test_round_trip_of_the_union(dataset, name):
    fmt = FORMATS[name]
    back = Graph().parse(data=serialize(dataset, fmt), format=fmt.rdflib_name)
    assert isomorphic(_union(dataset), back)


def test_fast_nquads_writer_matches_rdflib(corpus, dataset):
    back = Dataset()
    back.parse(data="".join(quads_to_nquads(corpus_quads(corpus))), format="nquads")
    assert isomorphic(_union(dataset), _union(back))


def test_one_named_graph_per_report_plus_registry_and_measures(corpus, dataset):
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {REGISTRY_GRAPH, MEASURES_GRAPH} | {report_graph(r) for r in corpus.reports}


def test_bundled_graph_passes_shacl(dataset):
    assert shape_results(dataset) == []


def test_shacl_catches_a_broken_graph(dataset):
    broken = Graph()
    for triple in _union(dataset):
        broken.add(triple)
    mention = next(broken.subjects(RDF.type, CG.Mention))
    broken.remove((mention, CG.statesClaim, None))
    results = shape_results(broken)
    assert results and any(str(mention) == focus for focus, _path, _msg in results)


def test_write_outputs_writes_every_format(dataset, tmp_path):
    paths = write_outputs(dataset, tmp_path, ["trig", "turtle", "ntriples", "json-ld"])
    assert sorted(p.name for p in paths) == ["credgraph.jsonld", "credgraph.nt",
                                             "credgraph.trig", "credgraph.ttl"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temp files left"


def test_a_failed_write_leaves_previous_output_intact(dataset, tmp_path, monkeypatch):
    write_outputs(dataset, tmp_path, ["trig", "turtle"])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = []

    def failing_serialize(ds, fmt):
        calls.append(fmt.name)
        if fmt.name == "turtle":
            raise RuntimeError("disk full")
        return "changed"

    monkeypatch.setattr("credgraph.formats.serialize", failing_serialize)
    with pytest.raises(RuntimeError):
        write_outputs(dataset, tmp_path, ["trig", "turtle"])
    assert calls == ["trig", "turtle"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_unknown_format_names_the_allowed_ones():
    from credgraph.errors import InputError

    with pytest.raises(InputError, match="allowed: trig, turtle, ntriples, nquads, json-ld"):
        get_format("rdf/xml")


def test_the_seed_corpus_has_no_relay_loop(corpus):
    assert relay_cycles(corpus) == []


def test_relay_loops_are_found():
    from credgraph.model import Corpus, DateSpan, Mention, Registry, Report, Source

    registry = Registry([Source("paper", "Paper", "news-outlet", "B", "test")])
    mentions = {"a": "b#m1", "b": "c#m1", "c": "a#m1", "d": "a#m1"}  # a -> b -> c -> a; d feeds in
    reports = {r: Report(r, "article", "paper", "t", DateSpan(None, None, "unknown"),
                         (Mention(r, "m1", "claim", "s", relays=target),))
               for r, target in mentions.items()}
    cycles = relay_cycles(Corpus(registry, reports))
    assert len(cycles) == 1 and sorted(cycles[0]) == ["a#m1", "b#m1", "c#m1"]


def test_dataset_is_deterministic(corpus):
    a, b = to_dataset(corpus), to_dataset(corpus)
    assert isomorphic(_union(a), _union(b))


def test_written_files_get_the_usual_permissions(tmp_path):
    import os
    import stat

    from credgraph.formats import atomic_writer

    mask = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "out.txt") as fh:
            fh.write("x")
        paths = write_outputs(Dataset(), tmp_path / "rdf", ["turtle"])
    finally:
        os.umask(mask)
    for path in [tmp_path / "out.txt", *paths]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_a_shape_violation_is_said_where_it_was_written(corpus):
    from dataclasses import replace

    from credgraph.shape_report import located
    from credgraph.validation import shape_results

    rid = sorted(corpus.reports)[0]
    report = corpus.reports[rid]
    i = next(i for i, m in enumerate(report.mentions) if m.figure)
    mentions = list(report.mentions)
    mentions[i] = replace(mentions[i], figure=replace(mentions[i].figure, subject=None))
    broken = replace(corpus, reports={**corpus.reports,
                                      rid: replace(report, mentions=tuple(mentions))})
    (error,) = located(shape_results(to_dataset(broken)), broken)
    file, line = corpus.locations[mentions[i].key]
    assert (error.path, error.line) == (file, line)
    assert error.field == f"mentions[{mentions[i].id}].figure.subject"
    assert "https://" not in str(error)


@pytest.mark.parametrize("formats", [["trig", "turtle", "ntriples", "json-ld"], ["nquads"]],
                         ids=["default", "stream"])
def test_the_build_is_the_same_bytes_whatever_the_hash_seed(tmp_path, formats):
    """rdflib keeps graphs and triples in sets: without care the output order changes with
    PYTHONHASHSEED. The same input must give the same bytes."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        args = [sys.executable, "-m", "credgraph.cli", "build", "-o", str(out)]
        args += ["-f", ",".join(formats)]
        if formats == ["nquads"]:
            args.append("--no-shacl")
        subprocess.run(args, check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(formats)


def test_the_sorted_ntriples_are_the_graphs_union(dataset, tmp_path):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from credgraph.formats import get_format, serialize

    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    text = serialize(dataset, get_format("ntriples"))
    assert text.splitlines() == sorted(text.splitlines())
    assert isomorphic(Graph().parse(data=text, format="nt"), union)
