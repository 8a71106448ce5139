"""The store-free audit (credgraph.scan): the same facts and the same audit as a loaded store,
in every format, serial or by parallel stretches; bad files named with their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credgraph.scan as scan
from credgraph.annotations import bundled_corpus, load_corpus
from credgraph.api import audit
from credgraph.audit import audit_facts
from credgraph.build import to_dataset
from credgraph.cli import main
from credgraph.errors import InputError
from credgraph.formats import get_format, serialize
from credgraph.inputs import open_input
from credgraph.synth import synth_corpus
from credgraph.synth_files import write_rdf

CASES = Path(__file__).resolve().parent / "data" / "audit_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").is_file())


def _comparable(result) -> dict:
    """The audit's JSON without what names the run (its input and times)."""
    data = result.as_dict()
    for key in ("input", "started", "ended"):
        del data["summary"][key]
    return data


def _same_facts(a, b) -> None:
    assert a.mentions == b.mentions
    assert a.succ == b.succ
    assert a.statement_source == b.statement_source
    assert a.reports == b.reports
    assert list(a.registry) == list(b.registry)


@pytest.fixture(scope="module")
def synth_files(tmp_path_factory):
    """A synthetic corpus with relay loops, in the three formats synth writes."""
    folder = tmp_path_factory.mktemp("synth")
    corpus = synth_corpus(1500, seed=5)
    for ext in ("nq", "nt", "trig"):
        write_rdf(corpus, folder / f"corpus.{ext}")
    return folder






@pytest.mark.parametrize("fmt", ["trig", "turtle", "ntriples", "nquads", "json-ld"])
def test_bundled_corpus_in_every_format(fmt, tmp_path):
    spec = get_format(fmt)
    path = tmp_path / f"seeds.{spec.extension}"
    path.write_text(serialize(to_dataset(load_corpus(bundled_corpus())), spec), encoding="utf-8")
    expected = _comparable(audit(None, store="memory"))
    assert _comparable(audit_facts(scan.scan_facts(path))) == expected




def test_parallel_stretches_keep_what_one_pass_keeps(synth_files, monkeypatch):
    path = synth_files / "corpus.nq"
    serial = scan._read(path, "application/n-quads", False, 1)
    monkeypatch.setattr(scan, "_STRETCH", 50_000)  # some 40 stretches, cut mid-subject
    assert len(scan._stretches(path, path.stat().st_size)) > 20
    parallel = scan._read(path, "application/n-quads", False, 2)
    assert parallel.single == serial.single and parallel.multi == serial.multi
    assert {k: list(v) for k, v in parallel.typed.items()} == \
        {k: list(v) for k, v in serial.typed.items()}


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=60),
       stretch=st.integers(min_value=1, max_value=2000))
def test_stretches_cover_the_file_and_cut_after_newlines(tmp_path_factory, lines, stretch):
    path = tmp_path_factory.mktemp("lines") / "f.nq"
    data = b"".join(b"x" * n + b"\n" for n in lines)
    path.write_bytes(data)
    old, scan._STRETCH = scan._STRETCH, stretch
    try:
        ranges = scan._stretches(path, len(data))
    finally:
        scan._STRETCH = old
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a < b for a, b in ranges)
    assert all(ranges[i][1] == ranges[i + 1][0] for i in range(len(ranges) - 1))
    assert all(data[b - 1:b] == b"\n" for _a, b in ranges)


def _broken_copy(src: Path, dst: Path, line_no: int) -> None:
    lines = src.read_bytes().splitlines(keepends=True)
    lines[line_no - 1] = b"<https://example.org/a> <https://example.org/b> \"unclosed .\n"
    dst.write_bytes(b"".join(lines))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_file_is_named_with_its_line(synth_files, tmp_path, monkeypatch, jobs):
    path = tmp_path / "broken.nq"
    total = len((synth_files / "corpus.nq").read_bytes().splitlines())
    _broken_copy(synth_files / "corpus.nq", path, total - 3)  # in the last stretch
    monkeypatch.setattr(scan, "_STRETCH", 50_000)
    with pytest.raises(InputError) as info:
        scan.scan_facts(path, jobs=jobs)
    message = str(info.value)
    assert str(path) in message and f"line {total - 3}" in message


def test_the_audit_command_reads_without_a_store_by_default(synth_files, tmp_path, capsys):
    path = tmp_path / "broken.nq"
    _broken_copy(synth_files / "corpus.nq", path, 7)
    assert main(["audit", str(path)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert str(path) in err and "line 7" in err and "Traceback" not in err


@pytest.mark.parametrize("store", ["none", "oxigraph", "memory"])
def test_the_audit_command_gives_the_same_json_whatever_the_store(store, tmp_path):
    out = tmp_path / f"{store}.json"
    assert main(["audit", "--format", "json", "-o", str(out), "--store", store]) == 0
    data = json.loads(out.read_text())
    for key in ("started", "ended"):
        del data["summary"][key]
    expected = _comparable(audit(None, store="memory"))
    del data["summary"]["input"]
    assert data == expected


def test_a_property_given_twice_keeps_its_first_value(tmp_path):
    path = tmp_path / "two-labels.nq"
    store = open_input(None).store()
    text = store.dump()
    hur = "<https://w3id.org/credgraph/id/source/hur>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    path.write_text(f'{hur} {label} "First name" .\n' + text, encoding="utf-8")
    assert scan.scan_facts(path).registry["hur"].name == "First name"


def test_a_missing_file_and_an_unknown_format_are_bad_input(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        open_input(tmp_path / "nothing.nq")
    odd = tmp_path / "data.xyz"
    odd.write_text("")
    with pytest.raises(InputError, match="allowed"):
        scan.scan_facts(odd)


def test_progress_is_told_the_bytes_read(synth_files, monkeypatch):
    path = synth_files / "corpus.nq"
    size = path.stat().st_size
    monkeypatch.setattr(scan, "_STRETCH", 200_000)
    calls = []
    scan.scan_facts(path, jobs=2, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) == len(scan._stretches(path, size)) > 2
    assert [d for d, _t in calls] == sorted(d for d, _t in calls) and calls[-1] == (size, size)
    assert {t for _d, t in calls} == {size}


def test_the_audit_of_a_folder_tells_the_report_files_read():
    calls = []
    audit(None, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(5, 5)]  # the five report files, read straight into the records
