"""The facade: a document in, a draft annotation out.

:func:`draft_document` runs the finders over one document against a
:class:`DraftContext` (the corpus's registry and claims) and returns a :class:`Draft`: the
report's YAML, its text and the sources it proposes. :func:`draft_text` does the same for
a string, :func:`draft_file` reads, drafts and writes one input; many inputs go through
:func:`credgraph.draft.batch.draft_files`.

>>> d = draft_text("Kyiv, 4 March 2024. Ukraine's HUR said more than 18,000 Russian "
...                "servicemen had deserted since the start of the war.", report_id="r1",
...                outlet="Example News")
>>> m = d.report.mentions[0]
>>> m.figure.value, m.figure.qualifier, m.figure.measure.id, m.time.start
(Decimal('18000'), 'more-than', 'deserters', '2022-02-24')
>>> [s.id for s in d.sources]
['example-news', 'ukraines-hur']
>>> print(d.yaml.splitlines()[1])
id: r1
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .. import __version__
from ..errors import CredgraphError
from ..measures import Measures, builtin_measures
from ..model import Registry, Source
from ..reader import SLUG
from .anaphora import group_names
from .attribution import attribute
from .claims import ClaimIndex, link_claims
from .documents import read_document
from .figures import find_figures
from .hedges import find_hedges
from .names import SourceNames, slug
from .passages import Passages
from .records import Document, DraftInputError, DraftMention, DraftReport, Measure, ProposedSource
from .timeref import find_time_refs, last_day, time_for
from .tokens import tokenize
from .voices import outlet_kind
from .writer import report_yaml, write_draft

_POINTERS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "our",
             "us", "i", "my", "me"}
"""Words that point at a source without naming it: no name a disclaimer may use for it."""

__all__ = ["DraftContext", "Draft", "draft_document", "draft_text", "draft_file", "load_context"]


@dataclass
class DraftContext:
    """What a draft is made against: the registry, the corpus's claims and report ids, and
    its measure scheme (credgraph's and the corpus's ``measures.yaml``)."""

    registry: Registry
    claims: ClaimIndex
    report_ids: set[str] = field(default_factory=set)
    folder: Path | None = None
    measures: Measures = field(default_factory=builtin_measures)


@dataclass
class Draft:
    """One drafted report: the YAML to write, the text, the sources and the measures it
    proposes."""

    report: DraftReport
    yaml: str
    sources: list[ProposedSource]
    names: dict[str, str]
    measures: list[Measure] = field(default_factory=list)
    read: object = None
    """The report as ``credgraph validate`` reads the YAML back (a :class:`~credgraph.model.Report`)."""


def load_context(corpus: str | Path | None) -> DraftContext:
    """The context of a corpus folder (read and checked whole); an empty one for None or
    a folder without ``sources.yaml`` yet."""
    from ..annotations import load_corpus

    from ..measures import load_measures

    if corpus is None or not (Path(corpus) / "sources.yaml").is_file() or _new_corpus(corpus):
        folder = Path(corpus) if corpus is not None else None
        return DraftContext(Registry([]), ClaimIndex(), set(), folder,
                            load_measures(folder / "measures.yaml") if folder else
                            builtin_measures())
    loaded = load_corpus(corpus)
    return DraftContext(loaded.registry, ClaimIndex(loaded), set(loaded.reports), Path(corpus),
                        loaded.measures or builtin_measures())


def _new_corpus(corpus: str | Path) -> bool:
    """Whether *corpus* is a new one the draft fills: no report yet, and a registry that
    lists no source (``sources: []`` or an empty file), which a corpus with reports may not
    have (``validate`` says so) but a first draft appends to."""
    from ..errors import AnnotationError
    from ..located_yaml import parse_yaml

    folder = Path(corpus)
    if any((folder / "reports").glob("*.yaml")):
        return False
    try:
        data = parse_yaml((folder / "sources.yaml").read_text(encoding="utf-8"),
                          str(folder / "sources.yaml"))
    except (AnnotationError, OSError, UnicodeDecodeError):
        return False  # read whole by load_corpus, which says what is wrong
    return data is None or (isinstance(data, dict) and set(data) == {"sources"}
                            and not data["sources"])


def report_id_for(document: Document, given: str | None) -> str:
    """The report id: *given*, else the input file's name, else the title, as a slug."""
    if given:
        if not SLUG.match(given):
            raise DraftInputError(f"--id {given!r} is not a valid id: use lower-case letters, "
                                  "digits and hyphens", path=document.input_file)
        return given
    stem = Path(document.input_file).stem if document.input_file != "-" else ""
    return slug(stem or document.title or "draft")


def draft_text(text: str, context: DraftContext | None = None, **options) -> Draft:
    """Draft a report from *text* (see :func:`draft_document` for the options)."""
    document = Document(text=text.replace("\r\n", "\n").replace("\r", "\n"),
                        input_file=options.pop("input_file", "-"))
    return draft_document(document, context or DraftContext(Registry([]), ClaimIndex()),
                          **options)


def draft_document(document: Document, context: DraftContext, report_id: str | None = None,
                   outlet: str | None = None, date_: str | None = None,
                   kind: str | None = None) -> Draft:
    """Draft one document: figures, attribution, hedges, time, claims, the report's YAML."""
    rid = report_id_for(document, report_id)
    names = SourceNames(context.registry, rid, document.input_file)
    notes = [f"Drafted by credgraph draft {__version__} from {document.input_file}: review "
             "every mention; statements are composed from the parts, not quoted."]
    outlet_id = _outlet(document, names, outlet, notes)
    day = _day(date_ or document.date, document.input_file)
    text = document.text
    doc, passages = tokenize(text), Passages(text)
    refs = find_time_refs(text, day)
    figures, new_measures = _in_scheme(find_figures(doc, passages, refs), context.measures)
    spans = [(f.start, f.end) for f in figures]
    attributions = attribute(doc, passages, names, outlet_id, spans)
    origins = [a.origin.id if a.origin else None for a in attributions]
    spoken = {}
    for a in attributions:
        for ref in (a.origin, *a.via):
            if ref is not None:  # the names the text uses for it, not a pronoun ("them")
                spoken.setdefault(ref.id, set()).update(n for n in (
                    ref.text, names.display(ref.id)) if n and n.lower() not in _POINTERS)
    for sid in spoken:
        if sid in context.registry:
            spoken[sid].update(context.registry[sid].aliases)
        elif sid in names.proposed and names.proposed[sid].anonymous:
            spoken[sid].update(group_names(names.proposed[sid].name))  # "the relatives"
    also: dict[int, set[str]] = {}
    hedges = find_hedges(text, passages, spans, origins, {k: sorted(v) for k, v in spoken.items()},
                         outlet_id, {s.id: s.speaks_for for s in context.registry if s.speaks_for},
                         also)
    mentions = []
    for index, (figure, attribution, hedge) in enumerate(zip(figures, attributions, hedges), 1):
        s, e = figure.sentence
        in_sentence = [r for r in refs if r.span and s <= r.span[0] < e]
        others = [x for x in spans if x != (figure.start, figure.end) and s <= x[0] < e]
        time = time_for(in_sentence, figure.start, figure.end, others, text)
        mentions.append(DraftMention(f"m{index}", figure, attribution, hedge, time, notes=[
            f"hedge {hedge}; the text also makes it {', '.join(sorted(also[index - 1]))} (of two "
            "hedges the format writes the estimate or the probable)"] if also.get(index - 1)
            else []))
    link_claims(mentions, passages, context.claims)
    used = {m.attribution.origin.id for m in mentions if m.attribution.origin}
    used |= {v.id for m in mentions for v in m.attribution.via} | {outlet_id}
    proposed = [p for sid, p in names.proposed.items() if sid in used]
    report = DraftReport(rid, document, kind or _kind(context, names, outlet_id, passages, notes),
                         outlet_id, _date(day, date_ or document.date, document, refs, notes),
                         document.title or _first_line(text) or f"Untitled: {document.input_file}",
                         mentions, proposed, notes)
    if not figures:
        notes.append("No figure was found in the text.")
    display = {sid: names.display(sid) for sid in used}
    yaml_text = report_yaml(report, display, f"Draft by credgraph draft {__version__}: "
                            "review before use.")
    new_measures = [m for m in new_measures
                    if any(x.figure.measure.id == m.id for x in mentions)]
    read = _self_check(yaml_text, rid, context.registry, proposed,
                       context.measures.with_(_scheme_entries(new_measures)))
    return Draft(report, yaml_text, proposed, display, new_measures, read)


def _in_scheme(figures, measures: Measures):
    """The figures with every measure a concept of *measures*: one the draft could not
    place is looked up by its words in the corpus's scheme, else proposed (returned)."""
    proposed: dict[str, Measure] = {}
    out = []
    for f in figures:
        m = f.measure
        if not m.known:
            found = measures.resolve(m.label) or measures.resolve(m.id)
            if found is not None:
                f = replace(f, measure=Measure(found, measures[found].label))
            else:
                proposed.setdefault(m.id, m)
                f = replace(f, notes=(*f.notes, f"measure {m.id!r} is not in the scheme: "
                                      "proposed in measures.yaml, or name one of the scheme"))
        out.append(f)
    return out, list(proposed.values())


def _scheme_entries(measures: list[Measure]):
    from ..measures import Measure as SchemeMeasure

    return [SchemeMeasure(m.id, m.label) for m in measures]


def draft_file(path: str, corpus: str | Path, context: DraftContext | None = None,
               dry_run: bool = False, force: bool = False, **options) -> tuple[Draft, list[Path]]:
    """Read, draft and (unless *dry_run*) write one input into the corpus folder."""
    context = context or load_context(corpus)
    draft = draft_document(read_document(path), context, **options)
    if dry_run:
        return draft, []
    header = f"proposed by credgraph draft from {path} for report {draft.report.id}: review"
    return draft, write_draft(draft.report, Path(corpus), draft.yaml, draft.sources, header,
                              force=force, measures=draft.measures)


def outlet_initials(name: str, text: str) -> str | None:
    """The outlet's initials when the text writes them as a word of their own (``RIGA (CP)
    -`` for Continental Press, ``the NFP`` for the Northern Free Press): what the text then
    calls the outlet, so ``CP was able to check 60 of the names`` is the outlet's own work
    and the outlet on no route.

    >>> outlet_initials("Continental Press", "RIGA, Latvia (CP) - CP reviewed it.")
    'CP'
    >>> outlet_initials("Continental Press", "The CPU said so."), outlet_initials("Reuters", "R")
    (None, None)
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name)
             if w.lower() not in ("the", "of", "and", "for", "in", "on")]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    short = "".join(w[0] for w in words)
    return short if re.search(rf"(?<![\w.-]){short}(?![\w-])", text) else None


def _outlet(document, names, outlet, notes) -> str:
    given = outlet or document.sitename
    if given:
        ref = names.resolve(given)
        if ref is None or ref.how == "new":  # a name given as the outlet is its name
            if ref is not None:
                names.forget(ref.id)
            kind, basis = outlet_kind(given, document.text)
            ref = names.propose(slug(re.sub(r"(?i)^the\s+", "", given.strip())),
                             " ".join(given.split()), kind, False, given, (0, 0),
                             f"given as the outlet; kind guessed from {basis!r}")
        if ref is not None:
            if ref.how != "registry":
                notes.append(f"The outlet {given!r} is not in the registry: proposed as "
                             f"{ref.id!r}.")
            short = outlet_initials(given, document.text)
            if short:
                names.alias(ref.id, short)
                notes.append(f"{short!r} in the text taken for the outlet's initials.")
            return ref.id
    rid = names.report_id
    ref = names.propose(f"{rid}-publisher", f"Unknown publisher of {document.input_file}",
                     "news-outlet", True, "the publisher", (0, 0),
                     "the input names no outlet (give --outlet)")
    notes.append("No outlet given: a placeholder source was proposed; give --outlet.")
    return ref.id


def _day(value: str | None, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise DraftInputError(f"{value!r} is not a date (YYYY-MM-DD)", path=where) from None


def _date(day, given, document, refs, notes):
    if day is not None:
        basis = "given with --date" if given and given != document.date else document.date_basis
        return {"earliest": day.isoformat(), "latest": day.isoformat(), "certainty": "exact",
                "basis": basis or "given with --date"}
    today = date.today()
    ends = [last_day(r.end) for r in refs if r.end and r.kind != "rate"]
    ends = [d for d in ends if d <= today]
    if ends:
        notes.append("The report's date is inferred: give --date.")
        return {"earliest": max(ends).isoformat(), "latest": today.isoformat(),
                "certainty": "inferred",
                "basis": "no date given: not before the latest date the text refers to, not "
                         "after the day of the draft"}
    notes.append("The report's date is unknown: the day of the draft is a placeholder; give "
                 "--date.")
    return {"earliest": today.isoformat(), "latest": today.isoformat(), "certainty": "unknown",
            "basis": "no date in the input or options: placeholder"}


def _kind(context, names, outlet_id, passages, notes) -> str:
    source_kind = names.source_kind(outlet_id) or ""
    headings = sum(passages.is_heading(i) for i in range(len(passages.sentences)))
    guess = {"telegram-channel": "telegram-post", "court": "court-decision"}.get(source_kind)
    if guess is None and source_kind in ("ngo", "human-rights-group", "government",
                                         "defence-ministry", "military-intelligence"):
        guess = "statement"
    if guess is None and headings >= 5 and headings * 3 >= len(passages.sentences):
        guess = "slideshow"
    guess = guess or "article"
    notes.append(f"Report kind {guess!r} guessed (give --kind).")
    return guess


def _first_line(text: str) -> str | None:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    return line[:200] if line else None


def _self_check(yaml_text: str, rid: str, registry: Registry, proposed,
                measures: Measures):
    """The drafted YAML read back as a valid report (a failure is a bug, exit 3)."""
    from ..annotations import load_report

    sources = list(registry) + [Source(p.id, p.name, p.kind, "F", p.reason, p.aliases,
                                       anonymous=p.anonymous) for p in proposed]
    errors: list = []
    with tempfile.TemporaryDirectory(prefix="credgraph-draft-") as tmp:
        path = Path(tmp) / f"{rid}.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        read = load_report(path, Registry(sources), errors, measures=measures)
    if errors:
        raise CredgraphError("credgraph draft wrote an invalid report (a bug): " +
                             "; ".join(re.sub(r"^.*?\.yaml:", "line ", str(e)) for e in errors))
    return read
