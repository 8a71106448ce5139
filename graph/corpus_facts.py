"""What the audit reads of an annotation corpus, straight from the annotations: no RDF.

``credgraph audit FOLDER`` (and ``view``) with no store used to build the folder to a
temporary N-Quads file and scan it back (:mod:`credgraph.scan`). The records the scan makes of
that file follow from the annotations alone, so :func:`corpus_facts` makes them here, in the
worker processes that read and check the report files (:func:`credgraph.bulk.read_reports`):
the RDF is neither written nor parsed. The records are those the scan of the built RDF
gives, node for node (``tests/test_corpus_facts.py`` compares them, and the audits, on the
seed corpus, every audit case and any synthetic corpus), so the mapping here follows
:func:`credgraph.build.mention_triples`:

- a mention is the node ``mention/<report>/<mention>``; a source's statement of a claim is
  ``statement/<claim>/<source>``;
- a mention that ``relays`` another derives from it; one attributed to a source derives
  from the last statement of its chain (``attributed_to``, then each of ``via``), and each
  statement of the chain from the one before.

>>> facts = corpus_facts(None)          # the bundled corpus of the five seed articles
>>> len(facts.mentions), facts.registry["hur"].name
(106, 'Defence Intelligence of Ukraine (HUR)')
"""

from __future__ import annotations

from pathlib import Path

from .annotations import bundled_corpus
from .bulk import checked_registry, read_reports
from .facts import (AuditFacts, MentionFacts, ReportFacts, figures_from_rows, mentions_from_rows,
                    registry_from_rows, reports_from_rows, speakers_from_rows,
                    successors_from_rows)
from .model import Mention, Registry, Report

__all__ = ["corpus_facts", "report_facts"]


def _node(key: str) -> str:
    """The node of a mention key: ``report#m1`` -> ``mention/report/m1``."""
    return "mention/" + key.replace("#", "/")


def report_facts(reports: list[Report]) -> tuple[list, list, list, list, list]:
    """The rows of *reports* that the SELECTs of :mod:`credgraph.facts` would give of their RDF,
    in their columns: ``(mentions, figures, relay edges, attributions, reports)``, nodes in
    short form. They are plain tuples, quick to send from a worker, and go through the same
    converters as a store's rows and the scan's."""
    mentions, figures, edges, attributions, records = [], [], [], [], []
    for report in reports:
        span = report.date
        records.append(("report/" + report.id, "source/" + report.outlet, report.title,
                        report.kind, span.earliest, span.latest, report.seed))
        for mention in report.mentions:
            node = _node(mention.key)
            upstream = _chain(mention, edges, attributions)
            if upstream is not None:
                edges.append((node, upstream))
            mentions.append((
                node, "report/" + report.id, "claim/" + mention.claim, mention.statement,
                mention.hedge, mention.attributed_to and "source/" + mention.attributed_to,
                mention.own_work or None, upstream if mention.quoted else None))
            fig = mention.figure
            if fig is not None:
                figures.append((node, fig.measure, fig.value, fig.min, fig.max, fig.qualifier,
                                fig.unit, fig.subject, fig.subject_side, fig.place,
                                fig.period.start, fig.period.end))
    return mentions, figures, edges, attributions, records


def _chain(mention: Mention, edges: list, attributions: list) -> str | None:
    """Where *mention* came from (a node), adding its statement chain to *edges* and
    *attributions*: the mention it relays, or the last statement of its chain, or None."""
    if mention.relays:
        return _node(mention.relays)
    if not mention.attributed_to:
        return None
    previous = None
    for source_id in (mention.attributed_to, *mention.via):
        statement = f"statement/{mention.claim}/{source_id}"
        attributions.append((statement, "source/" + source_id))
        if previous is not None:
            edges.append((statement, previous))
        previous = statement
    return previous


def _registry_rows(registry: Registry) -> tuple[list, list]:
    """The rows of the sources and their aliases, as the SELECTs would give them of the
    registry's RDF."""
    sources, aliases = [], []
    for s in registry:
        node = "source/" + s.id
        sources.append((node, s.name, s.kind, s.reliability, s.reliability_reason, s.party,
                        s.anonymous or None, s.speaks_for and "source/" + s.speaks_for,
                        s.country))
        aliases.extend((node, alias) for alias in s.aliases)
    return sources, aliases


def corpus_facts(root: str | Path | None, *, jobs: int | None = None,
                 progress=None) -> AuditFacts:
    """What the audit reads of the annotation corpus in the folder *root* (``None``: the
    bundled one), read and checked by *jobs* processes (default: one per CPU).

    Raises :class:`~credgraph.errors.AnnotationErrors` with every problem of the corpus, each
    naming its file, line and field, as ``credgraph build`` does. *progress* is called with
    (report files done, all of them).
    """
    root = bundled_corpus() if root is None else Path(root)
    registry = checked_registry(root)
    mentions: dict[str, MentionFacts] = {}
    reports: dict[str, ReportFacts] = {}
    edges: dict[tuple[str, str], None] = {}  # in order, once each: reports share chains
    attributions: dict[str, str] = {}
    for rows in read_reports(root, registry, report_facts, jobs=jobs, progress=progress):
        mentions.update(mentions_from_rows(rows[0], figures_from_rows(rows[1])))
        edges.update(dict.fromkeys(rows[2]))
        attributions.update(rows[3])
        reports.update(reports_from_rows(rows[4]))
    succ, one = successors_from_rows(edges, mentions)
    del edges
    return AuditFacts(registry_from_rows(*_registry_rows(registry)), mentions, succ,
                      speakers_from_rows(attributions.items(), one), reports)
