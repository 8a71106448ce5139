"""Fact checks imported beside a corpus: the round trip export -> import links every figure
back to itself; a re-import replaces its graph; bad input writes nothing; the audit JSON,
Markdown, HTML and the viewer say "already fact-checked by"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset

from credgraph.annotations import bundled_corpus
from credgraph.api import audit, import_claimreviews
from credgraph.claimreview import Reviewer, data_feed
from credgraph.cli import main
from credgraph.errors import InputError
from credgraph.fact_check_store import FOLDER, stored_fact_checks
from credgraph.render import render
from credgraph.view import view
from credgraph.vocab import CG, GRAPH

SAMPLES = Path(__file__).parent / "data" / "claimreview"
HUR = "hur-southern-district-deserters"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the bundled corpus to import into."""
    return Path(shutil.copytree(bundled_corpus(), tmp_path / "corpus"))


def _strip_ids(node):
    """The feed as a desk that republished it without credgraph's IRIs would."""
    if isinstance(node, dict):
        return {k: _strip_ids(v) for k, v in node.items() if k != "@id"}
    if isinstance(node, list):
        return [_strip_ids(v) for v in node]
    return node


@pytest.mark.parametrize("with_ids", [True, False], ids=["named", "by-content"])
def test_the_round_trip_links_every_figure_back_to_itself(corpus, tmp_path, with_ids):
    result = audit(corpus)
    feed = data_feed(result, Reviewer("Round Trip Desk", "https://rt.example.org/feed"))
    path = tmp_path / "round-trip.json"
    path.write_text(json.dumps(feed if with_ids else _strip_ids(feed)))
    done = import_claimreviews([path], corpus)
    assert done.reviews == len(result.figures) and done.unlinked == []
    notes = stored_fact_checks(corpus)
    for fig in result.figures:
        best = notes[fig.id][0]
        assert best.url == f"https://rt.example.org/feed#{fig.id}", fig.id
        if with_ids:
            assert best.score == 1 and "names this claim" in best.reason
        else:
            assert best.score < 1 and "statement overlap" in best.reason


def test_a_link_carries_its_reason_and_score_in_the_rdf(corpus):
    [path] = import_claimreviews([SAMPLES / "single.json"], corpus).paths
    assert path == corpus / FOLDER / "single.trig"
    dataset = Dataset()
    dataset.parse(path, format="trig")
    graph = dataset.graph(GRAPH["fact-checks/single"])
    [link] = graph.subjects(CG.linkedClaim, None)
    assert str(graph.value(link, CG.linkedClaim)).endswith("/claim/" + HUR)
    assert 0.5 <= float(graph.value(link, CG.linkScore)) <= 0.95
    assert "value 18,000" in str(graph.value(link, CG.linkReason))


def test_a_reimport_replaces_the_file_s_graph(corpus, tmp_path):
    path = tmp_path / "desk.json"
    path.write_text((SAMPLES / "single.json").read_text())
    import_claimreviews([path], corpus)
    review = json.loads(path.read_text())
    review["reviewRating"]["alternateName"] = "Revised rating"
    path.write_text(json.dumps(review))
    import_claimreviews([path], corpus)
    assert [n.rating for n in stored_fact_checks(corpus)[HUR]] == ["Revised rating"]
    assert sorted(p.name for p in (corpus / FOLDER).iterdir()) == ["desk.trig"]


@pytest.mark.parametrize("bad", sorted((SAMPLES / "bad").iterdir()), ids=lambda p: p.name)
def test_bad_input_writes_nothing(corpus, bad):
    with pytest.raises(InputError):
        import_claimreviews([SAMPLES / "single.json", bad], corpus)
    assert not (corpus / FOLDER).exists()


def test_two_files_stored_under_one_name_are_refused(corpus, tmp_path):
    (tmp_path / "x").mkdir()
    shutil.copy(SAMPLES / "single.json", tmp_path / "x" / "single.json")
    with pytest.raises(InputError, match="both be stored as fact_checks/single.trig"):
        import_claimreviews([SAMPLES / "single.json", tmp_path / "x" / "single.json"], corpus)


def test_only_an_annotation_folder_takes_fact_checks(tmp_path):
    with pytest.raises(InputError, match="not an annotation folder"):
        import_claimreviews([SAMPLES / "single.json"], tmp_path)


def test_every_output_says_already_fact_checked(corpus):
    import_claimreviews([SAMPLES / "single.json"], corpus)
    result = audit(corpus)
    said = ("already fact-checked by Example Verification Desk: Unsupported, 2024-03-12, "
            "https://factcheck.example.org/2024/03/southern-district-desertions")
    figure = next(f for f in json.loads(render(result, "json"))["figures"] if f["id"] == HUR)
    [note] = figure["fact_checks"]
    assert (note["by"], note["rating"], note["date"], note["file"]) == (
        "Example Verification Desk", "Unsupported", "2024-03-12", "single.trig")
    assert note["url"].startswith("https://factcheck.example.org/") and note["reason"]
    assert said in render(result, "markdown")
    assert said in render(result, "html")
    assert said in view(result, figure=HUR)
    others = [f for f in json.loads(render(result, "json"))["figures"] if f["id"] != HUR]
    assert all(f["fact_checks"] == [] for f in others)


def test_the_bundled_corpus_has_no_fact_checks():
    assert all(f.fact_checks == () for f in audit().figures)


def test_the_commands(corpus, tmp_path, capsys):
    out = tmp_path / "feed.jsonld"
    assert main(["export", "claimreview", str(corpus), "-o", str(out), "--reviewer", "Desk",
                 "--reviewer-url", "https://desk.example.org/"]) == 0
    assert json.loads(out.read_text())["dataFeedElement"][0]["item"][0]["author"] == {
        "@type": "Organization", "name": "Desk", "url": "https://desk.example.org/"}
    assert main(["export", "claimreview", "--corpus", str(corpus), "-f", "csv",
                 "--figure", HUR]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith(HUR + ",")
    assert main(["import", "claimreview", str(out), "--corpus", str(corpus)]) == 0
    assert (corpus / FOLDER / "feed.trig").is_file()
    assert main(["import", "claimreview", str(SAMPLES / "bad" / "remote-context.json"),
                 "--corpus", str(corpus)]) == 2
    assert "remote-context.json: item 1: a remote @context" in capsys.readouterr().err
    assert sorted(p.name for p in (corpus / FOLDER).iterdir()) == ["feed.trig"]
    assert main(["export", "claimreview", "-f", "xml"]) == 2
    assert main(["export", "claimreview", "--reviewer-url", "desk.example.org"]) == 2
