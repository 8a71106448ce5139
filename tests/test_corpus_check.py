"""The corpus checked a part at a time finds what the whole corpus checked at once finds
(credgraph.corpus_check)."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

import credgraph.corpus_check as corpus_check
import credgraph.report_stream as report_stream
from credgraph.annotations import load_corpus
from credgraph.build import relay_cycles, to_dataset
from credgraph.errors import AnnotationErrors
from credgraph.model import Evidence
from credgraph.synth import synth_corpus
from credgraph.synth_files import one_report, write_annotations
from credgraph.validation import shape_results


def _broken(seed: int):
    """A synthetic corpus whose RDF breaks shapes a folder's checks would not let through:
    a range the wrong way round, evidence ending before it starts, an empty title, a source
    speaking for one the registry lacks."""
    corpus = synth_corpus(90, seed=seed)
    ids = sorted(corpus.reports)
    for n, report_id in enumerate(ids[1::4]):
        report = corpus.reports[report_id]
        mentions = list(report.mentions)
        for i, m in enumerate(mentions):
            if m.figure is not None and n % 2 == 0:
                mentions[i] = dataclasses.replace(m, figure=dataclasses.replace(
                    m.figure, value=None, min=Decimal(9), max=Decimal(3)))
                break
        mentions[-1] = dataclasses.replace(mentions[-1],
                                           evidence=Evidence("x.txt", 50, 10, None, None))
        corpus.reports[report_id] = dataclasses.replace(
            report, mentions=tuple(mentions), title="" if n % 3 == 0 else report.title)
    first = next(iter(corpus.registry))
    object.__setattr__(first, "speaks_for", "nobody-known")
    return corpus


def _by_parts(corpus, size: int):
    """The violations corpus_check finds with parts of *size* mentions."""
    corpus_check._init_worker(corpus.registry, corpus.measures)
    parts = []
    for report_id in sorted(corpus.reports):
        report = corpus.reports[report_id]
        chunks = [report.mentions[i:i + size] for i in range(0, len(report.mentions), size)]
        parts += [(dataclasses.replace(report, mentions=c), {}, "") for c in chunks or [()]]
    found = set(corpus_check._registry_results())
    for batch, _where, _n in corpus_check._batches(iter(parts)):
        found |= set(corpus_check._part_results(batch))
    return sorted(found)


@pytest.mark.parametrize("seed", [1, 5])
@pytest.mark.parametrize("size", [1, 4, 1000])
def test_parts_find_what_the_whole_finds(seed, size, monkeypatch):
    """Relays, derived claims and copies that point into other parts are not violations;
    every real one is found once, with the focus node, path and message of the whole run."""
    monkeypatch.setattr(corpus_check, "PART", max(size, 3))
    corpus = _broken(seed)
    whole = shape_results(to_dataset(corpus))
    assert len({r[0] for r in whole}) >= 4  # the corruption did break shapes
    assert _by_parts(corpus, size) == whole


def test_a_sound_corpus_cut_anywhere_has_no_violation(monkeypatch):
    monkeypatch.setattr(corpus_check, "PART", 2)
    corpus = synth_corpus(150, seed=11)
    relays = [m for m in corpus.mentions() if m.relays]
    assert relays and any(m.computed_from or m.part_of or m.disputes for m in corpus.mentions())
    assert _by_parts(corpus, 2) == []


def _one_report(folder, corpus):
    """The corpus written as one report file holding every mention."""
    write_annotations(one_report(corpus), folder)
    return folder / "reports" / "all.yaml"


@pytest.fixture
def streamed(monkeypatch):
    """Parts of 7 mentions, any file longer than 200 bytes read a mention at a time."""
    monkeypatch.setattr(corpus_check, "PART", 7)
    monkeypatch.setattr(report_stream, "STREAM_BYTES", 200)


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_large_report_is_checked_in_parts(tmp_path, streamed, jobs):
    big = _one_report(tmp_path, synth_corpus(120, seed=2))
    seen = []
    checked = corpus_check.check_corpus(tmp_path, jobs=jobs,
                                        progress=lambda done, total: seen.append((done, total)))
    whole = load_corpus(tmp_path)
    assert (checked.reports, checked.mentions) == (1, len(whole.reports["all"].mentions))
    assert checked.loops == relay_cycles(whole)
    checked_totals = [done for done, total in seen if total is not None]
    assert checked_totals == sorted(checked_totals) and checked_totals[-1] == checked.mentions
    assert big.stat().st_size > 200 and len(seen) > 10


def test_errors_deep_in_a_large_report_are_said_at_their_line(tmp_path, streamed):
    big = _one_report(tmp_path, synth_corpus(120, seed=2))
    lines = big.read_text().splitlines()
    figure = next(i for i in range(40, len(lines)) if 'qualifier: "' in lines[i])
    lines[figure] = lines[figure].replace('qualifier: "', 'qualifier: "roughly-')
    lines[90] = lines[90].replace("statement: ", "statment: ")  # a mention of line 91
    big.write_text("\n".join(lines) + "\n")
    with pytest.raises(AnnotationErrors) as caught:
        corpus_check.check_corpus(tmp_path)
    with pytest.raises(AnnotationErrors) as whole:
        load_corpus(tmp_path)
    said = [str(e) for e in caught.value.errors]
    assert said == [str(e) for e in whole.value.errors]
    assert any(f"all.yaml:{figure + 1}: mentions[{figure - 6}].figure.qualifier" in s
               for s in said), said
    assert any("all.yaml:91: mentions[84]" in s and "statment" in s for s in said), said


def test_a_relay_into_a_missing_mention_is_found_across_parts(tmp_path, streamed):
    big = _one_report(tmp_path, synth_corpus(120, seed=2))
    text = big.read_text()
    target = re.search(r'relays: "([^"]+)"', text).group(1)
    big.write_text(text.replace(f'relays: "{target}"', 'relays: "report-9999999-m1"', 1))
    with pytest.raises(AnnotationErrors, match="relays 'all#report-9999999-m1', which no report"):
        corpus_check.check_corpus(tmp_path)

