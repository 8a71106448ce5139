"""The mapping is the one place a field is declared: one added here (in a test-only field
and a test-only readable kind) arrives in the built RDF and in the facts of every reader,
with nothing else changed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Literal, URIRef

import credgraph.mapping as mapping
from credgraph.annotations import bundled_corpus, load_corpus
from credgraph.build import corpus_quads
from credgraph.codecs import INTEGER, TEXT
from credgraph.ids import node_iri

from .test_facts import assert_same, every_reader

WORDS = URIRef("https://example.org/test#titleWords")
CAPS = URIRef("https://example.org/test#nameInCapitals")


@pytest.fixture
def extended(monkeypatch):
    """The report kind with a field counting its title's words, the source kind with one
    writing its name in capitals, and the evidence kind read by the audit too."""
    kinds = mapping.KINDS
    monkeypatch.setitem(kinds, "report", replace(kinds["report"], fields=kinds["report"].fields + (
        mapping.Field("title_words", WORDS, INTEGER,
                      get=lambda view: len(view.report.title.split())),)))
    monkeypatch.setitem(kinds, "source", replace(kinds["source"], make=None, fields=kinds[
        "source"].fields + (mapping.Field("capitals", CAPS, TEXT, get=lambda s: s.name.upper()),)))
    monkeypatch.setitem(kinds, "evidence", replace(kinds["evidence"], read=True))
    return kinds


def test_a_new_field_arrives_everywhere(extended, tmp_path):
    corpus = load_corpus(bundled_corpus())
    report = corpus.reports["newsweek-2024-03-hur-desertions"]
    words = len(report.title.split())
    quads = set(corpus_quads(corpus))
    assert any(p == WORDS and o == Literal(words) for _s, p, o, _g in quads)
    assert (node_iri("source/hur"), CAPS, Literal(corpus.registry["hur"].name.upper()),
            URIRef("https://w3id.org/credgraph/graph/registry")) in quads
    facts = every_reader(bundled_corpus(), tmp_path)
    for name, found in facts.items():
        assert found.reports[report.id].title_words == words, name
        assert found.registry["hur"].capitals == corpus.registry["hur"].name.upper(), name
        evidence = found.records["evidence"]
        assert len(evidence) == sum(1 for m in corpus.mentions() if m.evidence), name
        some = next(m for m in report.mentions if m.evidence)
        record = evidence[f"evidence/{report.id}/{some.id}"]
        assert (record.seed, record.start, record.end) == (
            some.evidence.seed, some.evidence.start, some.evidence.end), name
    assert_same(facts)


def test_every_predicate_is_a_term_of_a_known_vocabulary():
    from credgraph.vocab import PREFIXES

    spaces = [str(ns) for ns in PREFIXES.values()]
    for kind in mapping.KINDS.values():
        for f in (kind.rdf_class, *(f.predicate for f in kind.fields)):
            assert any(str(f).startswith(ns) for ns in spaces), (kind.name, f)


def test_the_readers_only_read_what_the_mapping_marks_read():
    record = mapping.KINDS["mention"].record_type()
    assert "primary" not in record._fields and "derived_from" in record._fields
