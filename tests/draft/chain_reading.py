"""The attribution chains the drafter reads in a text, for the finder tests: one reading,
shared by the test modules that give it their own registry."""

from credgraph.draft.attribution import attribute
from credgraph.draft.figures import find_figures
from credgraph.draft.names import SourceNames
from credgraph.draft.passages import Passages
from credgraph.draft.timeref import find_time_refs
from credgraph.draft.tokens import tokenize


def read_chains(registry, text, outlet="paper"):
    """Each figure of *text* as (term, origin id or None, via ids), names resolved in
    *registry*, *outlet* the report's outlet."""
    doc, passages = tokenize(text), Passages(text)
    figures = find_figures(doc, passages, find_time_refs(text))
    names = SourceNames(registry, "r1")
    found = attribute(doc, passages, names, outlet, [(f.start, f.end) for f in figures])
    return [(f.term, a.origin.id if a.origin else None, [v.id for v in a.via])
            for f, a in zip(figures, found)]


def drafted(text, outlet):
    """Each mention of the whole draft of *text* (outlet *outlet*, the bundled registry) as
    (term, origin id or None, via ids, hedge)."""
    from credgraph.draft.drafting import draft_text

    draft = draft_text(text, report_id="r1", outlet=outlet)
    return [(m.figure.term, m.attribution.origin.id if m.attribution.origin else None,
             [v.id for v in m.attribution.via], m.hedge) for m in draft.report.mentions]


def drafted_origins(text, outlet):
    """Each mention of the draft of *text* as (term, origin id or None)."""
    return [(term, origin) for term, origin, _via, _hedge in drafted(text, outlet)]
