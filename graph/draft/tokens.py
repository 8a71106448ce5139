"""The one spaCy pipeline of the draft: ``spacy.blank("en")``, its tokenizer and matchers.

No model is downloaded or loaded: the blank English pipeline gives tokens with their
character offsets and lexical attributes (``like_num``, ``is_title``, ``lower``), and the
finders match their patterns on them with :class:`spacy.matcher.Matcher`,
:class:`~spacy.matcher.PhraseMatcher` and an ``entity_ruler``. spaCy is imported on first
use, so commands other than ``credgraph draft`` never pay for it, and each pipeline and
matcher is built once per process (parallel workers build their own).

>>> doc = tokenize("More than 18,000 servicemen fled.")
>>> [(t.text, t.idx) for t in doc][:3]
[('More', 0), ('than', 5), ('18,000', 10)]
>>> m = matcher("doctest-qualifier", {"more-than": [[{"LOWER": "more"}, {"LOWER": "than"}]]})
>>> [(label, doc[s:e].text) for label, s, e in matches(m, doc)]
[('more-than', 'More than')]
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

__all__ = ["language", "tokenize", "matcher", "phrase_matcher", "matches", "token_at", "joins",
           "tokens_between", "SPACY_PIPELINE"]

SPACY_PIPELINE = "blank:en"
"""What the draft runs on, recorded in each draft's notes."""


@lru_cache(maxsize=1)
def language():
    """The blank English pipeline (tokenizer only, plus the pipes finders add). A full stop
    between letters without a space is part of the word, so a name with a dot stays one
    token (``Kavkaz.Realii``, ``Novaya Gazeta.Europe``); spaCy's default splits
    ``Kavkaz.Realii`` (lower case, dot, capital) into three."""
    _import_spacy()
    from spacy.lang.en import English

    class DotDefaults(English.Defaults):  # the infixes set before the tokenizer is built:
        infixes = [p for p in English.Defaults.infixes if not re.search(p, "a.B")]
        # setting them on a built one loads its 1,347 special cases a second time (0.2 s)
        tokenizer_exceptions: dict = {}  # added as texts need them: _SpecialCases

    class DotEnglish(English):
        Defaults = DotDefaults

    nlp = DotEnglish()  # what spacy.blank("en") builds, with those infixes
    nlp.tokenizer = _SpecialCases(nlp.tokenizer, English.Defaults.tokenizer_exceptions)
    return nlp


class _SpecialCases:
    """A tokenizer that adds English's special cases (``don't``, ``Mr.``, ``a.m.``: 1,347 of
    them, 0.1 s to load) the first time a text holds one: a special case applies only to
    a piece of the text that is its string, so the tokens are those of the tokenizer with
    every case loaded, and a one-article draft does not wait for the cases it never meets.

    >>> [t.text for t in tokenize("Mr. Smith can't say.")]
    ['Mr.', 'Smith', 'ca', "n't", 'say', '.']
    """

    def __init__(self, tokenizer, cases: dict):
        self.tokenizer, self.pending = tokenizer, dict(cases)

    def __call__(self, text: str):
        for key in [k for k in self.pending if k in text]:
            self.tokenizer.add_special_case(key, self.pending.pop(key))
        return self.tokenizer(text)


def _import_spacy():
    """spaCy, imported without its command line (``spacy.cli``: typer, weasel, the model
    downloader), which its package init loads for one ``info`` function the draft never
    calls: about 0.15 s of the 0.6 s import. The stand-in is removed once spaCy is in, so
    a later ``import spacy.cli`` gets the real one; if spaCy ever needs more of its CLI at
    import, the stand-in is dropped and spaCy imported as usual."""
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so "spacy.cli.info" may be imported from it
    info = types.ModuleType("spacy.cli.info")
    info.info = lambda *args, **kwargs: None
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    except (ImportError, AttributeError):
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name in ("spacy.cli", "spacy.cli.info"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    return spacy


def tokenize(text: str):
    """The tokens of *text* as a spaCy ``Doc`` (the tokenizer alone, no pipes)."""
    return language().make_doc(text)


_MATCHERS: dict[str, object] = {}


def matcher(key: str, patterns: dict[str, list[list[dict]]]):
    """A :class:`spacy.matcher.Matcher` with *patterns* (label -> token patterns), built
    once under *key*. Overlapping matches are all kept; :func:`matches` picks."""
    found = _MATCHERS.get(key)
    if found is None:
        vocab = language().vocab  # spaCy is imported there, without its command line
        from spacy.matcher import Matcher

        found = Matcher(vocab)
        for label, pattern_list in patterns.items():
            found.add(label, pattern_list)
        _MATCHERS[key] = found
    return found


def phrase_matcher(key: str, phrases: dict[str, list[str]], attr: str = "LOWER"):
    """A :class:`spacy.matcher.PhraseMatcher` of *phrases* (label -> texts) on *attr*,
    built once under *key* (give a new key when the phrases change)."""
    found = _MATCHERS.get(key)
    if found is None:
        nlp = language()  # spaCy is imported there, without its command line
        from spacy.matcher import PhraseMatcher

        found = PhraseMatcher(nlp.vocab, attr=attr)
        for label, texts in phrases.items():
            docs = [nlp.make_doc(t) for t in texts if t.strip()]
            if docs:
                found.add(label, docs)
        _MATCHERS[key] = found
    return found


def matches(found_matcher, doc, longest: bool = True) -> list[tuple[str, int, int]]:
    """``(label, start token, end token)`` of every match, in text order; with *longest*,
    a match inside a longer one is dropped (``more than`` wins over ``more``)."""
    strings = doc.vocab.strings
    found = sorted(((strings[m], s, e) for m, s, e in found_matcher(doc)),
                   key=lambda x: (x[1], -(x[2] - x[1])))
    return longest_only(found) if longest else found


def longest_only(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Of matches in text order (the longer first at one start), those not inside or
    overlapping an earlier longer one (``more than`` wins over ``more``)."""
    kept: list[tuple[str, int, int]] = []
    for label, s, e in found:
        if kept and s < kept[-1][2]:
            if e - s > kept[-1][2] - kept[-1][1]:
                kept[-1] = (label, s, e)
            continue
        kept.append((label, s, e))
    return kept


def token_at(doc, offset: int) -> int:
    """The index of the token that starts at or before character *offset*."""
    starts = doc.user_data.get("starts")
    if starts is None:
        starts = doc.user_data["starts"] = [t.idx for t in doc]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def tokens_between(doc, start: int, end: int) -> tuple[int, int]:
    """The token range ``[i, j)`` covering characters ``[start, end)``."""
    i = token_at(doc, start)
    if i < len(doc) and doc[i].idx + len(doc[i]) <= start:
        i += 1
    j = token_at(doc, max(start, end - 1)) + 1
    return i, max(i, j)


def joins(doc, k: int) -> bool:
    """Whether token *k* joins two clauses (``and``, ``but``, ``while``), not the parts of a
    number (``six and a half years``, ``one hundred and twenty``)."""
    t = doc[k]
    if t.lower_ not in ("and", "but", "while"):
        return False
    after = doc[k + 1:k + 3]
    return not (t.lower_ == "and" and k > 0 and doc[k - 1].like_num and len(after) and (
        after[0].like_num or after[0].lower_ in ("a", "an") and len(after) > 1 and
        after[1].lower_ in ("half", "quarter", "third")))
