"""The audit's records straight from an annotation folder (credgraph.corpus_facts): the same,
node for node and in the same order, as the scan of the RDF built from that folder; errors
as the build gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

import credgraph.inputs
from credgraph.api import audit
from credgraph.bulk import build_lines
from credgraph.cli import main
from credgraph.corpus_facts import corpus_facts
from credgraph.errors import AnnotationErrors
from credgraph.scan import scan_facts
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_annotations

from tests.conftest import assert_error_says

DATA = Path(__file__).resolve().parent / "data"
CASE_NAMES = sorted(p.name for p in (DATA / "audit_cases").iterdir()
                    if (p / "expected.yaml").is_file())
BAD = DATA / "bad_inputs"
BAD_CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


def _scanned(folder: Path, out: Path):
    """The records of the RDF built from *folder*, by the scan."""
    return scan_facts(build_lines(folder, out, ["nquads"], jobs=1).paths[0])


def _same(a, b) -> None:
    """The same records, in the same order."""
    assert list(a.mentions.items()) == list(b.mentions.items())
    assert a.succ == b.succ
    assert a.statement_source == b.statement_source
    assert list(a.reports.items()) == list(b.reports.items())
    assert list(a.registry) == list(b.registry)


def _comparable(result) -> dict:
    data = result.as_dict()
    for key in ("input", "started", "ended"):
        del data["summary"][key]
    return data


@pytest.fixture(scope="module")
def synth_folder(tmp_path_factory):
    """A synthetic corpus with relay loops, chains through shared statements and every
    hedge, as annotation files."""
    folder = tmp_path_factory.mktemp("synth")
    write_annotations(synth_corpus(1500, seed=5), folder)
    return folder








def test_workers_give_what_one_process_gives(synth_folder, monkeypatch):
    monkeypatch.setattr("credgraph.bulk._CHUNK", 16)  # many chunks, merged in order
    _same(corpus_facts(synth_folder, jobs=2), corpus_facts(synth_folder, jobs=1))




@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_annotations_give_the_errors_the_build_gives(name, bad_input_folder, tmp_path):
    folder = bad_input_folder(name)
    with pytest.raises(AnnotationErrors) as direct:
        corpus_facts(folder, jobs=1)
    with pytest.raises(AnnotationErrors) as built:
        build_lines(folder, tmp_path / "out", ["nquads"], jobs=1)
    assert [str(e) for e in direct.value.errors] == [str(e) for e in built.value.errors]
    assert_error_says(name, str(direct.value), with_seeds=False)


def test_the_audit_of_a_folder_makes_no_rdf(synth_folder, monkeypatch, tmp_path, capsys):
    def no_build(*_args, **_kwargs):
        raise AssertionError("the folder was built to RDF")

    monkeypatch.setattr(credgraph.inputs, "build_lines", no_build)
    out = tmp_path / "audit.json"
    assert main(["audit", str(synth_folder), "--format", "json", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert audit(synth_folder).summary()["figures"] > 0


def test_a_folder_without_sources_is_refused(tmp_path):
    (tmp_path / "reports").mkdir()
    with pytest.raises(AnnotationErrors, match="no sources.yaml"):
        corpus_facts(tmp_path)
