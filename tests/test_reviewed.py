"""`reviewed: false` on a report (a draft nobody has reviewed): one field of the mapping,
written as ``cg:reviewed false`` only on such a report, checked by the shapes, read back the
same by every reader."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from credgraph.annotations import load_corpus
from credgraph.build import to_dataset
from credgraph.formats import FORMATS, serialize
from credgraph.ids import node_iri, report_node
from credgraph.validation import shape_results
from credgraph.vocab import CG

from .test_facts import assert_same, every_reader

CASE = "unreviewed-bounded"  # r1 reviewed (no field), r2 `reviewed: false`


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_an_unreviewed_report_is_reviewed_false_and_round_trips(audit_case_folder):
    corpus = load_corpus(audit_case_folder(CASE))
    assert {rid: r.reviewed for rid, r in corpus.reports.items()} == {"r1": True, "r2": False}
    dataset = to_dataset(corpus)
    graph = _union(dataset)
    assert set(graph.objects(node_iri(report_node("r2")), CG.reviewed)) == {Literal(False)}
    assert set(graph.objects(node_iri(report_node("r1")), CG.reviewed)) == set()
    assert shape_results(dataset) == []
    for name in ("trig", "nquads", "json-ld"):
        fmt = FORMATS[name]
        back = Dataset()
        back.parse(data=serialize(dataset, fmt), format=fmt.rdflib_name)
        assert isomorphic(graph, _union(back)), name


def test_the_shapes_refuse_a_reviewed_value_that_is_not_false(audit_case_folder):
    graph = _union(to_dataset(load_corpus(audit_case_folder(CASE))))
    r1 = node_iri(report_node("r1"))
    graph.add((r1, CG.reviewed, Literal("no")))
    messages = {message for _focus, _path, message in shape_results(graph)}
    assert any("`reviewed` is written only when false" in x for x in messages), messages


def test_every_reader_reads_reviewed_the_same(audit_case_folder, tmp_path):
    facts = every_reader(audit_case_folder(CASE), tmp_path)
    for name, found in facts.items():
        assert found.reports["r1"].reviewed is True, name
        assert found.reports["r2"].reviewed is False, name
    assert_same(facts)


def test_the_first_screen_counts_the_unreviewed_drafts(audit_case_folder):
    from credgraph.api import audit
    from credgraph.terminal import summary_words

    words = summary_words(audit(audit_case_folder(CASE)))
    assert "1 of the reports is an unreviewed draft (reviewed: false)" in words, words
    assert "unreviewed" not in summary_words(audit())  # the bundled corpus: none
