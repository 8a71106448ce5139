"""``credgraph draft``: from an article's text or HTML to a draft annotation.

The draft does the mechanical part of annotating a report: every figure (number,
qualifier, unit, measure, time reference), who it is attributed to and through whom, the
hedge the report attaches, where it is in the text, and which claim of the corpus it
matches. What it writes is a valid annotation (``credgraph validate`` passes on it) in
which every guess carries an ``ambiguity`` note for the analyst to review.

One module per topic, lowest first: :mod:`.records` (the records), :mod:`.passages`
(sentences, paragraphs, quotations), :mod:`.tokens` (the spaCy pipeline), :mod:`.numbers`
(numbers as written), :mod:`.measures` (what is counted), :mod:`.timeref` (time
references), :mod:`.figures` (figures), :mod:`.names` (sources against the registry),
:mod:`.speakers` (who a subject refers to), :mod:`.attribution`, :mod:`.hedges`,
:mod:`.writer` (YAML), :mod:`.claims` (claim linking), :mod:`.documents` (reading inputs,
HTML), :mod:`.drafting` (the facade: :func:`draft_text`, :func:`draft_file`) and
:mod:`.batch` (:func:`draft_files`, parallel workers).

Importing this package is cheap: spaCy, trafilatura and htmldate load on first use.
"""

from __future__ import annotations

__all__ = ["draft_text", "draft_file", "draft_files", "DraftInputError"]


def __getattr__(name):
    if name in ("draft_text", "draft_file"):
        from . import drafting

        return getattr(drafting, name)
    if name == "draft_files":
        from .batch import draft_files

        return draft_files
    if name == "DraftInputError":
        from .records import DraftInputError

        return DraftInputError
    raise AttributeError(f"module 'credgraph.draft' has no attribute {name!r}")
