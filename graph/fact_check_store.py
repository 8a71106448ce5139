"""Imported fact checks kept beside a corpus, and what the audit shows of them.

``credgraph import claimreview FILE... --corpus DIR`` stores each file's reviews as RDF in
``DIR/fact_checks/<name>.trig``, one named graph per file (``graph/fact-checks/<name>``),
with the links to the corpus's claims (:mod:`credgraph.fact_check_links`) as
``cg:FactCheckLink`` nodes in the same graph. A file imported again replaces its graph.
Every file is read and checked before anything is written, and each is written whole or
not at all (:func:`credgraph.formats.atomic_writer`).

The audit of the folder then gives each linked figure its ``fact_checks``
(:func:`attach`): who checked it, their rating, date and URL, and why the link was made.

>>> import shutil, tempfile
>>> from pathlib import Path
>>> from credgraph.annotations import bundled_corpus
>>> corpus = Path(tempfile.mkdtemp()) / "corpus"
>>> _ = shutil.copytree(bundled_corpus(), corpus)
>>> sample = Path(__file__).parents[1] / "tests/data/claimreview/single.json"
>>> done = import_fact_checks([sample], corpus)
>>> [p.name for p in done.paths], done.reviews, done.links
(['single.trig'], 1, 1)
>>> notes = stored_fact_checks(corpus)["hur-southern-district-deserters"]
>>> notes[0].text()
'already fact-checked by Example Verification Desk: Unsupported, 2024-03-12, https://factcheck.example.org/2024/03/southern-district-desertions'
>>> shutil.rmtree(corpus.parent)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, Dataset, Literal, URIRef

from .errors import InputError
from .fact_check_links import Link, corpus_claims, link_review
from .fact_checks import read_fact_checks, reviews_in
from .formats import atomic_writer
from .ids import ID_PREFIX, claim_iri
from .inputs import CorpusFolder
from .vocab import CG, DCTERMS, GRAPH, PROV, XSD, bind_prefixes

__all__ = ["FOLDER", "FactCheckNote", "ImportSummary", "import_fact_checks",
           "stored_fact_checks", "attach"]

FOLDER = "fact_checks"
"""Where a corpus keeps its imported fact checks."""


@dataclass(frozen=True, slots=True)
class FactCheckNote:
    """A published fact check linked to a figure: what the audit shows of it."""

    reviewer: str | None
    rating: str
    date: str | None
    url: str
    score: Decimal
    reason: str
    file: str

    def text(self) -> str:
        """"already fact-checked by X: rating, date, url", as every report says it."""
        told = ", ".join(p for p in (self.rating, self.date, self.url) if p)
        return f"already fact-checked by {self.reviewer or 'an unnamed desk'}: {told}"

    def as_dict(self) -> dict:
        return {"by": self.reviewer, "rating": self.rating, "date": self.date,
                "url": self.url, "score": float(self.score), "reason": self.reason,
                "file": self.file}


@dataclass
class ImportSummary:
    """What an import read and wrote."""

    paths: list[Path] = field(default_factory=list)
    reviews: int = 0
    links: int = 0
    unlinked: list[str] = field(default_factory=list)
    """Reviews linked to no claim, as ``file: item``."""


def _graph_iri(name: str) -> URIRef:
    return GRAPH["fact-checks/" + name]


def _folder(corpus: str | Path) -> Path:
    root = Path(corpus)
    if not (root / "sources.yaml").is_file():
        raise InputError(f"{root}: not an annotation folder (no sources.yaml): fact checks "
                         "are kept beside a corpus")
    return root


def import_fact_checks(files, corpus: str | Path) -> ImportSummary:
    """Read every file of ClaimReviews, link each review to the claims of *corpus*, and
    store each file's graph in ``corpus/fact_checks/``, replacing one imported before."""
    root = _folder(corpus)
    files = [Path(f) for f in files]
    if not files:
        raise InputError("no file of fact checks given")
    read = [read_fact_checks(f) for f in files]  # every file checked before any is written
    names: dict[str, Path] = {}
    for checks in read:
        if checks.name in names:
            raise InputError(f"{checks.path} and {names[checks.name]} would both be stored as "
                             f"{FOLDER}/{checks.name}.trig: rename one")
        names[checks.name] = checks.path
    claims = corpus_claims(CorpusFolder(root).facts())
    stamp = Literal(datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    datatype=XSD.dateTime)
    summary, written = ImportSummary(), []
    for checks in read:
        iri = _graph_iri(checks.name)
        dataset = bind_prefixes(Dataset())
        graph = dataset.graph(iri)
        graph += checks.graph
        graph.add((iri, RDF.type, PROV.Entity))
        graph.add((iri, DCTERMS.source, Literal(checks.path.name)))
        graph.add((iri, PROV.generatedAtTime, stamp))
        for review in reviews_in(checks.graph):
            links = link_review(review, claims)
            summary.reviews += 1
            summary.links += len(links)
            if not links:
                summary.unlinked.append(f"{checks.path}: {checks.items.get(review.node)}")
            for link in links:
                _add_link(graph, checks.name, link)
        written.append((root / FOLDER / f"{checks.name}.trig",
                        dataset.serialize(format="trig")))
    for path, text in written:
        with atomic_writer(path) as fh:
            fh.write(text)
        summary.paths.append(path)
    return summary


def _add_link(graph, name: str, link: Link) -> None:
    review_n = link.review.rsplit("/", 1)[-1]
    node = URIRef(f"{ID_PREFIX}fact-check-link/{name}/{review_n}/{link.claim}")
    graph.add((node, RDF.type, CG.FactCheckLink))
    graph.add((node, CG.linkedReview, URIRef(link.review)))
    graph.add((node, CG.linkedClaim, claim_iri(link.claim)))
    graph.add((node, CG.linkScore, Literal(link.score, datatype=XSD.decimal)))
    graph.add((node, CG.linkReason, Literal(link.reason)))


def stored_fact_checks(corpus: str | Path) -> dict[str, list[FactCheckNote]]:
    """The fact checks stored beside *corpus*, by the claim id they are linked to, the
    surest first; nothing when the folder has none."""
    folder = Path(corpus) / FOLDER
    if not folder.is_dir():
        return {}
    claim_prefix = str(claim_iri(""))
    notes: dict[str, list[FactCheckNote]] = {}
    for path in sorted(folder.glob("*.trig")):
        dataset = Dataset()
        try:
            dataset.parse(path, format="trig")
        except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds for bad TriG
            raise InputError(f"{path}: not the TriG credgraph import writes: {exc}") from None
        for graph in dataset.graphs():
            reviews = {r.node: r for r in reviews_in(graph)}
            for link in graph.subjects(RDF.type, CG.FactCheckLink):
                review = reviews.get(str(graph.value(link, CG.linkedReview)))
                claim = str(graph.value(link, CG.linkedClaim) or "")
                if review is None or not claim.startswith(claim_prefix):
                    continue
                notes.setdefault(claim[len(claim_prefix):], []).append(FactCheckNote(
                    review.reviewer, review.rating, review.date, review.url,
                    Decimal(str(graph.value(link, CG.linkScore) or 0)),
                    str(graph.value(link, CG.linkReason) or ""), path.name))
    for found in notes.values():
        found.sort(key=lambda n: (-n.score, n.date or "", n.url))
    return notes


def attach(result, corpus: str | Path) -> None:
    """Give each figure of *result* (an :class:`~credgraph.audit.AuditResult` of
    *corpus*) the fact checks linked to it."""
    notes = stored_fact_checks(corpus)
    if notes:
        for fig in result.figures:
            fig.fact_checks = tuple(notes.get(fig.id, ()))
