"""Which claims of a corpus an imported fact check is about: each link with its reason and score.

A review is linked to a claim when it names the claim (its ``itemReviewed`` has the claim's
IRI, as ``credgraph export claimreview`` writes it: score 1), or when enough of what it
says matches what the claim's mentions say (score at most 0.95, a link from 0.5):

- **statement**: the words the review's ``claimReviewed`` shares with the nearest of the
  claim's statements, word endings aside (the Jaccard overlap): up to 0.6;
- **value**: a number of the review's text is the figure's value, or an end of its range: 0.3;
- **measure**: a name of the figure's measure (its label or an alias in the measure
  scheme, ``ontology/measures.ttl`` and the corpus's ``measures.yaml``) is in the text: 0.15;
- **appearance**: the review says the claim appeared at the URL of a report stating it: 0.25.

>>> from credgraph.inputs import open_input
>>> from credgraph.fact_checks import Review
>>> claims = corpus_claims(open_input(None).facts())
>>> review = Review("r1", "HUR: more than 18,000 Southern Military District troops deserted",
...                 "Unsupported", "https://example.org/r1")
>>> best = link_review(review, claims)[0]
>>> best.claim, best.score
('hur-southern-district-deserters', Decimal('0.75'))
>>> best.reason
'value 18,000 in the text; measure named (deserters); statement overlap 0.50 with newsweek-2024-03-hur-desertions#m5'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .facts import AuditFacts
from .ids import claim_iri, mention_key

__all__ = ["Link", "ClaimText", "ClaimIndex", "corpus_claims", "link_review", "numbers", "stems",
           "THRESHOLD", "MAX_LINKS"]

THRESHOLD = Decimal("0.5")
"""The least score a link is kept with."""
MAX_LINKS = 5
"""The most claims one review is linked to, best first."""
NAMED, CONTENT_CAP = Decimal("1"), Decimal("0.95")
WEIGHTS = {"statement": Decimal("0.6"), "value": Decimal("0.3"), "measure": Decimal("0.15"),
           "appearance": Decimal("0.25")}
STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been has have "
    "had it its their they them this that these those per says said say according than more "
    "about over some who which what when where".split())
_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ers", "er", "ed", "es", "s")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|"
                     r"billion))?", re.I)
_SCALE = {"thousand": 1000, "million": 10**6, "billion": 10**9}


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    """The content words of *text*, their endings cut: what statements are compared by.

    >>> sorted(stems("The deserters deserted their posts"))
    ['desert', 'post']
    """
    return frozenset(_stem(w) for w in re.findall(r"[^\W\d_]+", text.casefold())
                     if w not in STOPWORDS and len(w) > 1)


def numbers(text: str) -> frozenset[Decimal]:
    """The numbers written in digits in *text* (thousands commas, "18 thousand").

    >>> sorted(numbers("between 7,000 and 15,000; 2.5 million; 12"))
    [Decimal('12'), Decimal('7000'), Decimal('15000'), Decimal('2500000.0')]
    """
    found = set()
    for whole, fraction, scale in _NUMBER.findall(text):
        try:
            value = Decimal(whole.replace(",", "") + (fraction or ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            continue
        found.add(value * _SCALE[scale.lower()] if scale else value)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Link:
    """A review linked to a claim: how sure (0-1) and why."""

    review: str
    claim: str
    score: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class ClaimText:
    """What a claim of the corpus offers a review to match: its statements (by mention),
    its figures' values, its measures' names and the URLs of the reports stating it."""

    claim: str
    statements: tuple[tuple[str, frozenset[str]], ...]
    values: frozenset[Decimal]
    measure_names: tuple[tuple[str, frozenset[str]], ...]
    urls: frozenset[str]


def _measure_names(measures, measure_id: str) -> list[tuple[str, frozenset[str]]]:
    names = [measure_id.replace("-", " ")]
    if measure_id in measures:
        m = measures[measure_id]
        names += [m.label, *m.aliases]
    return [(n, stems(n)) for n in names if stems(n)]


class ClaimIndex:
    """The claims by id, and which of them a review could be about: those sharing a word,
    a number or a URL with it, or named by it (the others cannot reach the threshold)."""

    def __init__(self, claims: dict[str, ClaimText]):
        self.claims = claims
        self._by: dict = {}
        for c in claims.values():
            keys = {*c.values, *c.urls, str(claim_iri(c.claim))}
            keys.update(w for _key, s in c.statements for w in s)
            for key in keys:
                self._by.setdefault(key, set()).add(c.claim)

    def candidates(self, review) -> list[ClaimText]:
        keys = {*stems(review.text), *numbers(review.text), *review.appearances}
        if review.claim:
            keys.add(review.claim)
        found = set().union(*(self._by.get(k, ()) for k in keys)) if keys else set()
        return [self.claims[c] for c in sorted(found)]


def corpus_claims(facts: AuditFacts) -> ClaimIndex:
    """Every claim of *facts* as :class:`ClaimText`, indexed."""
    grouped: dict[str, list] = {}
    for mention in facts.mentions.values():
        grouped.setdefault(mention.claim, []).append(mention)
    claims = {}
    for claim, mentions in sorted(grouped.items()):
        mentions.sort(key=lambda m: m.node)
        values, names = set(), {}
        for m in mentions:
            fig = m.figure
            if fig is not None:
                values.update(v for v in (fig.value, fig.min, fig.max) if v is not None)
                names.update((n, s) for n, s in _measure_names(facts.measures, fig.measure))
        urls = {facts.reports[m.report].url for m in mentions
                if m.report in facts.reports and facts.reports[m.report].url}
        claims[claim] = ClaimText(
            claim, tuple((mention_key(m.node), stems(m.text or "")) for m in mentions),
            frozenset(values), tuple(sorted(names.items())), frozenset(urls))
    return ClaimIndex(claims)


def _fmt(value: Decimal) -> str:
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,}"


def _content(review, words: frozenset[str], found: frozenset[Decimal], c: ClaimText):
    """The content score of one claim for one review, and the reasons, strongest first."""
    score, reasons = Decimal(0), []
    shared = sorted(found & c.values)
    if shared:
        score += WEIGHTS["value"]
        reasons.append("value " + ", ".join(_fmt(v) for v in shared) + " in the text")
    named = [n for n, s in c.measure_names if s <= words]
    if named:
        score += WEIGHTS["measure"]
        reasons.append(f"measure named ({named[0]})")
    overlap, where = max(((Decimal(len(words & s)) / len(words | s), key)
                          for key, s in c.statements if s and words), default=(0, None))
    if overlap:
        overlap = overlap.quantize(Decimal("0.01"))
        score += WEIGHTS["statement"] * overlap
        reasons.append(f"statement overlap {overlap} with {where}")
    seen = sorted(set(review.appearances) & c.urls)
    if seen:
        score += WEIGHTS["appearance"]
        reasons.append(f"appeared at {seen[0]}, a report stating it")
    return min(CONTENT_CAP, score).quantize(Decimal("0.01")), reasons


def link_review(review, claims: ClaimIndex) -> list[Link]:
    """The claims *review* (a :class:`~credgraph.fact_checks.Review`) is about, best first:
    at most :data:`MAX_LINKS`, each scoring at least :data:`THRESHOLD`."""
    words, found = stems(review.text), numbers(review.text)
    links = []
    for c in claims.candidates(review):
        if review.claim is not None and review.claim == str(claim_iri(c.claim)):
            links.append(Link(review.node, c.claim, NAMED,
                              "names this claim (its itemReviewed is the claim's IRI)"))
            continue
        score, reasons = _content(review, words, found, c)
        if score >= THRESHOLD:
            links.append(Link(review.node, c.claim, score, "; ".join(reasons)))
    links.sort(key=lambda link: (-link.score, link.claim))
    return links[:MAX_LINKS]
