"""The audit's facts are the same whichever reader made them: an annotation folder read
straight (credgraph.corpus_facts), the scan of the RDF built from it (credgraph.scan), an
embedded Oxigraph store and rdflib's store holding that RDF (credgraph.facts); and so is
the audit of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credgraph.annotations import bundled_corpus, load_corpus
from credgraph.audit import audit_facts
from credgraph.build import corpus_quads
from credgraph.bulk import build_lines
from credgraph.corpus_facts import corpus_facts
from credgraph.embedded import OxigraphStore
from credgraph.facts import fetch_facts
from credgraph.scan import scan_facts
from credgraph.store import MemoryStore
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_annotations

CASES = Path(__file__).resolve().parent / "data" / "audit_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").is_file())


def every_reader(folder: Path, tmp: Path) -> dict:
    """The facts of *folder* by each reader."""
    built = build_lines(folder, tmp, ["nquads"], jobs=1).paths[0]
    oxigraph = OxigraphStore()
    oxigraph.load_file(built)
    memory = MemoryStore()
    memory.load_quads(corpus_quads(load_corpus(folder)))
    return {"folder": corpus_facts(folder, jobs=1), "scan": scan_facts(built),
            "oxigraph": fetch_facts(oxigraph), "rdflib": fetch_facts(memory)}


def _comparable(result) -> dict:
    data = result.as_dict()
    for key in ("input", "started", "ended"):
        del data["summary"][key]
    return data


def assert_same(facts: dict) -> None:
    first, *others = facts.values()
    for name, other in zip(list(facts)[1:], others):
        assert other.mentions == first.mentions, name
        assert other.succ == first.succ, name
        assert other.statement_source == first.statement_source, name
        assert other.reports == first.reports, name
        assert list(other.registry) == list(first.registry), name
        assert other.records.keys() == first.records.keys(), name
    audits = {name: _comparable(audit_facts(f)) for name, f in facts.items()}
    assert all(a == audits["folder"] for a in audits.values())


@pytest.fixture(scope="module")
def synth_folder(tmp_path_factory):
    """A synthetic corpus with relay loops, chains through shared statements and every
    hedge, as annotation files."""
    folder = tmp_path_factory.mktemp("synth")
    write_annotations(synth_corpus(1500, seed=5), folder)
    return folder


def test_the_bundled_corpus(tmp_path):
    facts = every_reader(bundled_corpus(), tmp_path)
    assert len(facts["folder"].mentions) == 106
    assert facts["scan"].registry["mediazona"].url is not None  # every field, url too
    assert_same(facts)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_audit_case(name, audit_case_folder, tmp_path):
    assert_same(every_reader(audit_case_folder(name), tmp_path))


def test_a_synthetic_corpus_with_loops(synth_folder, tmp_path):
    facts = every_reader(synth_folder, tmp_path)
    assert audit_facts(facts["folder"]).cycles, "the corpus should have relay loops"
    assert_same(facts)


@settings(max_examples=15, deadline=None)
@given(size=st.integers(1, 300), seed=st.integers(0, 10_000))
def test_any_synthetic_corpus(tmp_path_factory, size, seed):
    folder = tmp_path_factory.mktemp("any")
    write_annotations(synth_corpus(size, seed=seed), folder)
    assert_same(every_reader(folder, folder / "built"))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=10_000))
def test_assembled_part_by_part_or_whole_the_same(mentions, seed):
    """The folder path assembles each chunk of reports as it comes (facts.Assembly): any cut
    of the reports into parts gives the facts of one assembly of all the rows."""
    from credgraph.corpus_facts import report_rows
    from credgraph.facts import Assembly, assemble
    from credgraph.mapping import KINDS

    corpus = synth_corpus(mentions, seed)
    reports = [corpus.reports[r] for r in sorted(corpus.reports)]
    head = {"source": [KINDS["source"].row(s) for s in corpus.registry],
            "measure": [KINDS["measure"].row(m) for m in corpus.measures or ()]}
    whole = report_rows(reports)
    one = assemble(lambda kind: [*head.get(kind.name, ()), *whole.get(kind.name, ())])
    parts = Assembly()
    parts.add(lambda kind: head.get(kind.name, ()))
    cut = 1 + seed % 3
    for i in range(0, len(reports), cut):
        rows = report_rows(reports[i:i + cut])
        parts.add(lambda kind: rows.get(kind.name, ()))
    assert_same({"folder": one, "parts": parts.facts()})  # "folder": the one assert_same audits against
