"""The synthetic corpus (:mod:`credgraph.synth`) as files: annotation files, RDF, one report.

:func:`write_annotations` writes ``sources.yaml`` and ``reports/*.yaml``, readable by
:func:`credgraph.annotations.load_corpus`; :func:`write_rdf` N-Quads, N-Triples or TriG
straight from :func:`credgraph.build.corpus_quads`, without building rdflib graphs;
:func:`one_report` folds a corpus into one report (the large file a validation streams).
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

from .build import corpus_quads
from .formats import quads_to_nquads
from .model import Corpus, Mention
from .reader import number_text
from .synth import synth_corpus  # noqa: F401  (the doctests' corpora)

__all__ = ["one_report", "write_annotations", "write_rdf"]


def _yaml(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (Decimal, int)):
        return number_text(value)
    return json.dumps(str(value))  # a JSON string is a valid double-quoted YAML scalar


def _mention_yaml(m: Mention) -> str:
    fields = {"id": m.id, "claim": m.claim, "statement": m.statement}
    if m.figure is not None:
        f = m.figure
        t = f.time
        period = {"start": t.start, "end": t.end} if t.kind == "period" else None
        fields["figure"] = {"measure": f.measure, "value": f.value, "min": f.min, "max": f.max,
                            "qualifier": f.qualifier, "unit": f.unit, "subject": f.subject,
                            "subject_side": f.subject_side, "place": f.place, "period": period,
                            "as_of": t.end if t.kind == "as-of" else None,
                            "since": t.start if t.kind == "as-of" else None}
    fields.update(attributed_to=m.attributed_to, via=list(m.via) or None, relays=m.relays,
                  hedge=m.hedge if m.hedge != "none" else None,
                  derived_from=list(m.computed_from) or None, disputes=m.disputes,
                  corrects=m.corrects)
    return "  - " + _yaml(fields) + "\n"


def one_report(corpus: Corpus, report_id: str = "all") -> Corpus:
    """The corpus as one report holding every mention (a report of 100,000 mentions, the
    large file a validation must stream): mention ``r#m`` becomes ``all#r-m``, relays
    and corrections follow.

    >>> corpus = synth_corpus(60, seed=2)
    >>> merged = one_report(corpus)
    >>> list(merged.reports), len(merged.reports["all"].mentions) == len(list(corpus.mentions()))
    (['all'], True)
    """
    def key(k: str) -> str:
        report, mention = k.split("#", 1)
        return f"{report_id}#{report}-{mention}"

    first = corpus.reports[min(corpus.reports)]
    mentions = tuple(dataclasses.replace(
        m, report_id=report_id, id=f"{m.report_id}-{m.id}",
        relays=key(m.relays) if m.relays else None,
        corrects=key(m.corrects) if m.corrects else None) for m in corpus.mentions())
    merged = dataclasses.replace(first, id=report_id, title="Every mention in one report",
                                 copies=None, mentions=mentions)
    return Corpus(corpus.registry, {report_id: merged}, corpus.origin, measures=corpus.measures)


def write_annotations(corpus: Corpus, folder: str | Path) -> int:
    """Write ``sources.yaml`` and one ``reports/<id>.yaml`` per report; returns files written.

    >>> import tempfile
    >>> from credgraph.annotations import load_corpus
    >>> corpus, folder = synth_corpus(30, seed=2), tempfile.mkdtemp()
    >>> write_annotations(corpus, folder) == len(corpus.reports) + 1
    True
    >>> load_corpus(folder).reports == corpus.reports
    True
    """
    folder = Path(folder)
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    lines = ["sources:\n"]
    for s in corpus.registry:
        lines.append("  - " + _yaml({
            "id": s.id, "name": s.name, "aliases": list(s.aliases), "kind": s.kind,
            "party": s.party, "anonymous": s.anonymous, "speaks_for": s.speaks_for,
            "reliability": s.reliability, "reliability_reason": s.reliability_reason}) + "\n")
    (folder / "sources.yaml").write_text("".join(lines), encoding="utf-8")
    for rid, report in corpus.reports.items():
        draft = "" if report.reviewed else "reviewed: false\n"
        head = (f"id: {rid}\n{draft}kind: {report.kind}\noutlet: {report.outlet}\n"
                f"title: {_yaml(report.title)}\ndate: {report.date.earliest}\nmentions:\n")
        body = "".join(_mention_yaml(m) for m in report.mentions)
        (folder / "reports" / f"{rid}.yaml").write_text(head + body, encoding="utf-8")
    return len(corpus.reports) + 1


def write_rdf(corpus: Corpus, path: str | Path) -> int:
    """Write the corpus as N-Quads (``.nq``), N-Triples (``.nt``) or TriG (``.trig``).

    Lines come straight from :func:`~credgraph.build.corpus_quads`; returns the quads written.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "corpus.trig"
    >>> write_rdf(synth_corpus(10, seed=2), path) > 100
    True
    >>> path.read_text().startswith("GRAPH <https://w3id.org/credgraph/graph/registry> {")
    True
    """
    path = Path(path)
    kind = path.suffix.lstrip(".")
    if kind not in {"nq", "nt", "trig"}:
        raise ValueError(f"write_rdf writes .nq, .nt or .trig, not {path.name}")
    count, graph = 0, None
    with path.open("w", encoding="utf-8") as out:
        if kind != "trig":
            for count, line in enumerate(quads_to_nquads(corpus_quads(corpus), kind == "nq"), 1):
                out.write(line)
            return count
        for s, p, o, g in corpus_quads(corpus):  # TriG: one GRAPH block per named graph
            if g != graph:
                out.write(("}\n" if graph is not None else "") + f"GRAPH {g.n3()} {{\n")
                graph = g
            out.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
            count += 1
        out.write("}\n" if graph is not None else "")
    return count
