"""The audit as schema.org ClaimReview: one review per figure, gathered in a DataFeed.

The shape is that of the Fact Check Tools markup and the Data Commons feed: a ``DataFeed``
whose ``dataFeedElement`` items each hold one ``ClaimReview``. What credgraph knows goes
where those fields expect it: ``claimReviewed`` is the statement in the analyst's words;
``itemReviewed`` a ``Claim`` with its origins as ``author``, the origin's earliest date,
the origin's own report (or the earliest report) as ``firstAppearance`` and every report
stating it as ``appearance``; ``reviewRating`` a short verdict in words derived from the
findings (:func:`textual_rating`) and why (:func:`rating_explanation`). The Admiralty
grades are separate ``Rating`` items with a ``reviewAspect`` ("source reliability",
"information credibility"), in ``associatedReview``, never the verdict.

>>> from credgraph.api import audit
>>> result = audit()
>>> fig = result.figure("hur-southern-district-deserters")
>>> textual_rating(fig)
'single unverified source'
>>> review = claim_review(result, fig, Reviewer())
>>> review["itemReviewed"]["author"][0]["name"], review["itemReviewed"]["datePublished"]
('Defence Intelligence of Ukraine (HUR)', '2024-03-01')
>>> [r["reviewRating"]["ratingValue"] for r in review["associatedReview"]]
['D', '4']
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from rdflib.namespace import SKOS

from .audit import AuditResult, FigureAudit
from .display import csv_cell
from .ids import ID_PREFIX, claim_iri, report_iri, source_iri
from .validation import ontology_graph
from .vocab import CREDIBILITY, RELIABILITY

__all__ = ["Reviewer", "textual_rating", "rating_explanation", "claim_review", "data_feed",
           "feed_json", "feed_csv", "CSV_COLUMNS", "SOURCE_RELIABILITY",
           "INFORMATION_CREDIBILITY"]

SOURCE_RELIABILITY = "source reliability"
INFORMATION_CREDIBILITY = "information credibility"
PERSON_KINDS = frozenset({"named-person", "anonymous-person"})
"""Source kinds written as a schema.org ``Person``; every other kind is an ``Organization``."""

CSV_COLUMNS = ("claim_id", "claim_reviewed", "claimant", "claim_date",
               "claim_first_appearance", "claim_appearances", "textual_rating",
               "rating_explanation", "source_reliability", "information_credibility",
               "review_url", "review_date", "reviewer_name", "reviewer_site", "language_code")
"""The CSV's columns: those of the Fact Check Tools API (claimant, claim date, textual
rating, review URL and date, publisher, language), which fact-check datasets share, and
credgraph's claim id and grades."""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """Who publishes the reviews (the ClaimReview's ``author``) and where (the base of
    each review's ``url``: the page, each figure an anchor on it)."""

    name: str = "credgraph"
    url: str | None = None

    def review_url(self, claim_id: str) -> str:
        base = self.url or ID_PREFIX + "review"
        return f"{base}#{claim_id}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def textual_rating(fig: FigureAudit) -> str:
    """A short rating in words, from the findings: what a fact-check desk shows first.

    Withdrawn (its own source corrected it), contradicted, conflicting, no source named, a single source (verified, anonymous or
    unverified), or corroborated by so many independent origins; ", disputed" and
    ", computed from other figures" added when a check says so."""
    found = {f.check for f in fig.findings}
    errors = {f.check for f in fig.findings if f.severity == "error"}
    low, high = fig.independent_origins, fig.independent_origins_max
    if fig.withdrawn:
        words = "withdrawn by its source"
    elif fig.grade.credibility == 5:
        words = "contradicted by a verified figure"
    elif "conflicting-figures" in errors:
        words = "conflicting figures"
    elif all(a.origin.source is None for a in fig.origins):
        words = "no source named"
    elif high == 1:
        sort = ("verified" if any(a.verified for a in fig.origins) else
                "anonymous" if all(a.anonymous for a in fig.origins) else "unverified")
        words = f"single {sort} source"
    elif low == 1:
        words = f"single source for sure, up to {high} origins that may depend on one another"
    else:
        words = f"corroborated by {low} independent origins" + (
            f" (up to {high})" if high > low else "")
    if "disputed" in found:
        words += ", disputed"
    if "computed-figure" in found:
        words += ", computed from other figures"
    return words


def rating_explanation(fig: FigureAudit) -> str:
    """The verdict, the grade and its reason, and each check that flagged the figure, in
    words (the first message of each)."""
    parts = [f"{fig.as_dict()['verdict']}.", f"Admiralty grade {fig.grade.code}: "
             f"{fig.grade.reason}."]
    by_check: dict[str, list] = {}
    for f in fig.findings:
        by_check.setdefault(f.check, []).append(f)
    flags = [f"{check.replace('-', ' ')} ({found[0].severity}"
             + (f", {len(found)} times" if len(found) > 1 else "") + f"): {found[0].message}"
             for check, found in by_check.items()]
    if flags:
        parts.append("Flags: " + "; ".join(flags) + ".")
    return " ".join(parts)


def _label(concept) -> str:
    return str(ontology_graph().value(concept, SKOS.prefLabel) or "")


def _agent(trace, source_id: str) -> dict:
    """A source as a schema.org Organization or Person, ``sameAs`` its registry URL."""
    source = trace.registry[source_id] if source_id in trace.registry else None
    if source is None:
        return {"@type": "Organization", "@id": str(source_iri(source_id)), "name": source_id}
    agent = {"@type": "Person" if source.kind in PERSON_KINDS else "Organization",
             "@id": str(source_iri(source_id)), "name": source.name}
    if source.url:
        agent["sameAs"] = source.url
    return agent


def _work(trace, report_id: str) -> dict:
    """A report as a CreativeWork: url, headline, publisher (its outlet) and date."""
    report = trace.reports[report_id]
    work = {"@type": "CreativeWork", "@id": str(report_iri(report_id))}
    if report.url:
        work["url"] = report.url
    if report.title:
        work["headline"] = report.title
    work["publisher"] = _agent(trace, report.outlet)
    if report.earliest:
        work["datePublished"] = report.earliest.isoformat()
    return work


def _first_report(trace, fig: FigureAudit) -> str | None:
    """The origin's own report stating the figure, or the earliest report stating it."""
    registry, reports = trace.registry, fig.claim.reports
    roots = {registry.root(s) if s in registry else s
             for s in (a.origin.source for a in fig.origins) if s}
    own = [r for r in reports if (registry.root(trace.reports[r].outlet)
                                  if trace.reports[r].outlet in registry
                                  else trace.reports[r].outlet) in roots]
    dated = lambda r: (trace.reports[r].earliest or date.max, r)  # noqa: E731
    chosen = own or reports
    return min(chosen, key=dated) if chosen else None


def _grade_ratings(fig: FigureAudit) -> list[dict]:
    """The Admiralty grade as two Reviews of one aspect each, each with its Rating."""
    grade = fig.grade
    best = next((a for a in fig.origins if a.reliability == grade.reliability), None)
    ratings = []
    for aspect, value, concept, why in (
            (SOURCE_RELIABILITY, grade.reliability, RELIABILITY[grade.reliability],
             f"the best origin's, {best.label}" if best else "no origin to judge"),
            (INFORMATION_CREDIBILITY, str(grade.credibility),
             CREDIBILITY[str(grade.credibility)], grade.reason)):
        rating = {"@type": "Rating", "reviewAspect": aspect, "ratingValue": value,
                  "alternateName": _label(concept), "ratingExplanation": why}
        ratings.append({"@type": "Review", "reviewAspect": aspect, "reviewRating": rating})
    return ratings


def claim_review(result: AuditResult, fig: FigureAudit, reviewer: Reviewer,
                 published: date | None = None) -> dict:
    """One figure's ClaimReview (no ``@context``: the feed carries it)."""
    trace = result.trace
    published = published or result.started.date()
    authors = [_agent(trace, s) for s in dict.fromkeys(a.origin.source for a in fig.origins
                                                       if a.origin.source)]
    if not authors:  # unattributed: the outlets assert it
        authors = [_agent(trace, o) for o in dict.fromkeys(
            trace.reports[r].outlet for r in fig.claim.reports)]
    claim = {"@type": "Claim", "@id": str(claim_iri(fig.id)), "author": authors}
    first = _first_report(trace, fig)
    if first is not None:
        work = _work(trace, first)
        if "datePublished" in work:
            claim["datePublished"] = work["datePublished"]
        claim["firstAppearance"] = work
    claim["appearance"] = [_work(trace, r) for r in fig.claim.reports]
    review = {
        "@type": "ClaimReview",
        "url": reviewer.review_url(fig.id),
        "claimReviewed": fig.claim.reference.text,
        "author": {"@type": "Organization", "name": reviewer.name,
                   **({"url": reviewer.url} if reviewer.url else {})},
        "datePublished": published.isoformat(),
        "inLanguage": "en",
        "itemReviewed": claim,
        "reviewRating": {"@type": "Rating", "alternateName": textual_rating(fig),
                         "ratingExplanation": rating_explanation(fig)},
        "associatedReview": _grade_ratings(fig),
    }
    return review


def data_feed(result: AuditResult, reviewer: Reviewer | None = None) -> dict:
    """Every figure's ClaimReview in a schema.org DataFeed, in the audit's order."""
    reviewer = reviewer or Reviewer()
    published = result.started.date()
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"credgraph provenance audit of {result.input}",
        "dateModified": result.started.isoformat(timespec="seconds"),
        "dataFeedElement": [
            {"@type": "DataFeedItem", "dateCreated": published.isoformat(),
             "item": [claim_review(result, fig, reviewer, published)]}
            for fig in result.figures],
    }


def feed_json(result: AuditResult, reviewer: Reviewer | None = None) -> str:
    """The DataFeed as JSON-LD text."""
    return json.dumps(data_feed(result, reviewer), indent=2, ensure_ascii=False) + "\n"


def _csv_row(review: dict) -> list:
    claim = review["itemReviewed"]
    first = claim.get("firstAppearance", {})
    grades = {r["reviewAspect"]: r["reviewRating"]["ratingValue"]
              for r in review["associatedReview"]}
    return [claim["@id"].rsplit("/", 1)[-1], review["claimReviewed"],
            "; ".join(a["name"] for a in claim["author"]), claim.get("datePublished", ""),
            first.get("url", first.get("@id", "")),
            " ".join(w.get("url", w["@id"]) for w in claim["appearance"]),
            review["reviewRating"]["alternateName"], review["reviewRating"]["ratingExplanation"],
            grades[SOURCE_RELIABILITY], grades[INFORMATION_CREDIBILITY], review["url"],
            review["datePublished"], review["author"]["name"], review["author"].get("url", ""),
            review["inLanguage"]]


def feed_csv(result: AuditResult, reviewer: Reviewer | None = None) -> str:
    """One row per ClaimReview, :data:`CSV_COLUMNS`, every cell through the formula guard."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for element in data_feed(result, reviewer)["dataFeedElement"]:
        writer.writerow([csv_cell(cell) for cell in _csv_row(element["item"][0])])
    return buf.getvalue()
