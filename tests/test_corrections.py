"""Corrections (``corrects:`` on a mention): one field of the mapping, written as
``prov:wasRevisionOf``, checked by the shapes, read back the same by every reader, and the
same audit whether every claim or only one is read."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from credgraph.annotations import load_corpus
from credgraph.api import audit
from credgraph.build import corpus_quads, to_dataset
from credgraph.formats import FORMATS, serialize
from credgraph.ids import mention_node, node_iri
from credgraph.store import MemoryStore
from credgraph.validation import shape_results
from credgraph.vocab import PROV

from .test_facts import assert_same, every_reader

CASES = ("correction-same-report", "revised-tally", "corrected-figure",
         "correction-and-conflict")


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_a_correction_is_a_revision_of_the_mention_it_corrects(audit_case_folder):
    corpus = load_corpus(audit_case_folder("correction-same-report"))
    dataset = to_dataset(corpus)
    assert (node_iri(mention_node("r1#m2")), PROV.wasRevisionOf,
            node_iri(mention_node("r1#m1"))) in _union(dataset)
    assert shape_results(dataset) == []
    fmt = FORMATS["trig"]
    back = Dataset()
    back.parse(data=serialize(dataset, fmt), format=fmt.rdflib_name)
    assert isomorphic(_union(dataset), _union(back))


def test_the_shapes_refuse_a_revision_of_something_not_a_mention(audit_case_folder):
    corpus = load_corpus(audit_case_folder("revised-tally"))
    graph = _union(to_dataset(corpus))
    m = node_iri(mention_node("r2#m1"))
    graph.add((m, PROV.wasRevisionOf, node_iri("source/red-mod")))
    messages = {message for _focus, _path, message in shape_results(graph)}
    assert any("`corrects` must name one mention" in x for x in messages), messages


def test_every_reader_reads_the_correction(audit_case_folder, tmp_path):
    facts = every_reader(audit_case_folder("revised-tally"), tmp_path)
    for name, found in facts.items():
        assert found.mentions["mention/r2/m1"].corrects == "mention/r1/m1", name
        assert found.mentions["mention/r1/m1"].corrects is None, name
    assert_same(facts)


def test_one_claim_audited_alone_sees_its_correction(audit_case_folder):
    for case in CASES:
        folder: Path = audit_case_folder(case)
        store = MemoryStore()
        store.load_quads(corpus_quads(load_corpus(folder)))
        whole = audit(store)
        for fig in whole.figures:
            alone = audit(store, claims=[fig.id], scoped=True).figure(fig.id)
            assert alone.grade == fig.grade, (case, fig.id)
            assert [f.message for f in alone.findings] == [f.message for f in fig.findings], \
                (case, fig.id)
