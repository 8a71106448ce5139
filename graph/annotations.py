"""Read a corpus of YAML annotations (a source registry and report files) into the model.

The format is described in ``docs/annotation-format.md``. Every problem is collected with
its file, line and field, and reported together as :class:`~credgraph.errors.AnnotationErrors`;
YAML is read with ``safe_load`` semantics only (PyYAML's C loader when available).

>>> import textwrap, tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "sources.yaml").write_text(textwrap.dedent('''
...     sources:
...       - {id: reuters, name: Reuters, kind: wire-agency, reliability: B,
...          reliability_reason: long record of corrections}
... '''))
>>> (root / "reports").mkdir()
>>> _ = (root / "reports" / "r1.yaml").write_text(textwrap.dedent('''
...     id: r1
...     kind: article
...     outlet: Reuters
...     title: A test
...     date: 2024-01-02
...     mentions:
...       - {id: m1, claim: c1, statement: Someone says so., attributed_to: Reutres}
... '''))
>>> load_corpus(root)
Traceback (most recent call last):
...
credgraph.errors.AnnotationErrors: 1 problem in the annotations:
  .../reports/r1.yaml:8: mentions[0].attributed_to: unknown source 'Reutres'; did you mean 'reuters'?
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .errors import AnnotationError, AnnotationErrors, UnknownNameError
from .heap import gc_paused
from .figure_reader import read_figure
from .measures import Measures, builtin_measures, load_measures
from .model import Corpus, DateSpan, Evidence, Mention, Registry, Report, Source
from .located_yaml import read_yaml_file
from .reader import FieldReader
from .report_stream import report_yaml
from .references import References
from .validation import evidence_errors
from .vocab import (CITES_AS, DATE_CERTAINTY, HEDGE, PARTY, QUALIFIER, RELIABILITY, REPORT_KIND,
                    SOURCE_KIND, members)

__all__ = ["load_corpus", "load_registry", "load_report", "report_parts", "bundled_corpus",
           "corpus_root", "report_files"]

_ALLOWED = {scheme: members(scheme) for scheme in (SOURCE_KIND, RELIABILITY, PARTY, REPORT_KIND,
                                                   DATE_CERTAINTY, HEDGE, QUALIFIER)}
"""Each closed list's slugs, from its concept scheme (read on first use; ``in`` is a set
lookup): a large corpus checks millions of fields."""
_CITES_AS = list(CITES_AS)

_SOURCE_KEYS = {"id", "name", "aliases", "kind", "country", "party", "anonymous", "speaks_for",
                "reliability", "reliability_reason", "url"}


def load_registry(path: Path, errors: list | None = None) -> Registry:
    """Read ``sources.yaml`` into a :class:`~credgraph.model.Registry`."""
    own = errors is None
    errors = [] if own else errors
    data = read_yaml_file(path, errors)
    sources, raw_links = [], []
    top = FieldReader(data if data is not None else {}, str(path), "", errors, 1)
    items = top.get("sources", list, required=data is not None, default=[])
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        r = top.element(item, f"sources[{index}]")
        r.unknown_keys(_SOURCE_KEYS)
        source_id = r.slug("id")
        if source_id in seen:
            r.fail("id", f"duplicate source id {source_id!r} (first on line {seen[source_id]})")
            continue
        if source_id:
            seen[source_id] = r.line
        aliases = [r.element({"alias": a}, f"{r.prefix}aliases[{i}]").name("alias") or ""
                   for i, a in enumerate(r.get("aliases", list, default=[]))]
        country = r.text("country")
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            r.fail("country", f"{country!r} is not an ISO 3166-1 alpha-2 code such as 'UA'")
            country = None
        source = Source(
            id=source_id or f"?{index}",
            name=r.name("name", required=True) or "",
            kind=r.choice("kind", _ALLOWED[SOURCE_KIND], required=True) or "news-outlet",
            reliability=r.choice("reliability", _ALLOWED[RELIABILITY], required=True) or "F",
            reliability_reason=r.text("reliability_reason", required=True) or "",
            aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
            country=country,
            party=r.choice("party", _ALLOWED[PARTY]),
            anonymous=r.get("anonymous", bool, default=False),
            speaks_for=r.text("speaks_for"),
            url=r.url("url"),
        )
        sources.append(source)
        raw_links.append((r, source))
    if data is not None and not items and not errors:
        top.fail("sources", "lists no source: every report names its outlet and sources "
                            "from this registry")
    registry = Registry(sources)
    for r, source in raw_links:  # speaks_for may name a source defined later
        if source.speaks_for:
            target = _resolve(registry, source.speaks_for, r, "speaks_for")
            object.__setattr__(source, "speaks_for", target)
    if own and errors:
        raise AnnotationErrors(errors)
    return registry


def _resolve(registry: Registry, name, reader: FieldReader, key: str) -> str | None:
    found = registry.resolve(name)
    if found is None:
        reader.fail(key, f"unknown source {name!r}", cls=UnknownNameError,
                    suggestions=registry.suggest(name))
    return found


_REPORT_KEYS = {"id", "kind", "outlet", "author", "date", "title", "url", "seed", "text",
                "input_file", "ambiguity", "copies", "reviewed", "mentions"}
_MENTION_KEYS = {"id", "claim", "statement", "figure", "attributed_to", "via", "relays", "quoted",
                 "cites_as", "hedge", "own_work", "evidence", "ambiguity", "derived_from",
                 "disputes", "part_of", "corrects"}


def load_report(path: Path, registry: Registry, errors: list,
                locations: dict | None = None, measures: Measures | None = None,
                dropped: set | None = None) -> Report | None:
    """Read one report file; problems go to *errors*, and None comes back if it is unusable.

    *locations*, when given, receives ``(path, line)`` for each mention key; *dropped* the
    keys of mentions too broken to read (others that relay them are not blamed for it).
    """
    parts = list(report_parts(path, registry, errors, locations, measures, dropped))
    return parts[0] if parts else None


def report_parts(path: Path, registry: Registry, errors: list,
                 locations: dict | None = None, measures: Measures | None = None,
                 dropped: set | None = None, size: int | None = None,
                 stream: bool | None = None) -> Iterator[Report]:
    """Read one report file as parts of at most *size* mentions each (None: one part), the
    same report with a share of its mentions; problems go to *errors*, as
    :func:`load_report` says. A large file is read a mention at a time
    (:mod:`credgraph.report_stream`; *stream* True or False forces it either way), so only
    one part is in memory at once. A report with no mention is one part; an unusable file
    none.
    """
    before = len(errors)
    data, items = read_yaml_file(path, errors, lambda t, p: report_yaml(t, p, stream)) \
        or (None, ())
    if data is None:
        if len(errors) == before:
            errors.append(AnnotationError("the file is empty: a report needs at least id, kind, "
                                          "outlet and title", path=str(path), line=1))
        return
    r = FieldReader(data, str(path), "", errors, 1)
    if not isinstance(data, dict):
        return
    r.unknown_keys(_REPORT_KEYS)
    report_id = r.slug("id")
    if report_id and path.stem != report_id:
        r.fail("id", f"{report_id!r} differs from the file name {path.name!r}: name the file "
                     f"{report_id}.yaml")
    outlet = r.text("outlet", required=True)
    outlet = _resolve(registry, outlet, r, "outlet") if outlet else None
    seed, text = r.seed_file("seed"), r.corpus_text("text")
    if seed and text:
        r.fail("text", "give seed (a seed file) or text (a text in the corpus folder), not both")
    r.get("mentions", list)
    late: list = []  # the other fields' problems, said after the mentions' as they always were
    h = FieldReader(data, str(path), "", late, 1)
    head = dict(
        id=report_id or "?",
        kind=h.choice("kind", _ALLOWED[REPORT_KIND], required=True) or "article",
        outlet=outlet or "?", title=h.text("title", required=True) or "", date=_date_span(h),
        author=h.text("author"), url=h.url("url"), seed=seed, ambiguity=h.text("ambiguity"),
        text=text, input_file=h.text("input_file"), copies=h.slug("copies", required=False),
        reviewed=h.get("reviewed", bool, default=True))
    measures = measures or builtin_measures()
    mentions, seen, parts = [], {}, 0
    for index, item in enumerate(items):
        m = r.element(item, f"mentions[{index}]")
        mention = _mention(m, report_id or "?", (seed, text), registry, measures)
        if mention is None:
            if dropped is not None and isinstance(item, dict) and item.get("id"):
                dropped.add(f"{report_id or '?'}#{item['id']}")
            continue
        if mention.id in seen:
            m.fail("id", f"duplicate mention id {mention.id!r} (first on line {seen[mention.id]})")
            continue
        seen[mention.id] = m.line
        mentions.append(mention)
        if locations is not None:
            locations[mention.key] = (str(path), m.line)
        if size is not None and len(mentions) >= size:
            yield Report(mentions=tuple(mentions), **head)
            mentions, parts = [], parts + 1
    errors.extend(late)
    if mentions or not parts:
        yield Report(mentions=tuple(mentions), **head)


def _date_span(r: FieldReader) -> DateSpan:
    value = r.data.get("date")
    if value is None:
        return DateSpan(None, None, "unknown")
    if not isinstance(value, dict):
        day = r.day("date")
        return DateSpan(day, day, "exact")
    d = r.child("date")
    d.unknown_keys({"earliest", "latest", "certainty", "basis"})
    earliest, latest = d.day("earliest"), d.day("latest")
    if earliest and latest and earliest > latest:
        d.fail("latest", f"{latest} is before earliest {earliest}")
    certainty = d.choice("certainty", _ALLOWED[DATE_CERTAINTY], default="inferred")
    return DateSpan(earliest, latest, certainty, d.text("basis"))


def _claims(m: FieldReader, key: str) -> tuple[str, ...]:
    """The claim ids under *key*: one, or a list."""
    value = m.data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]
    found = []
    for item in value:
        claim = m.element({"claim": item}, f"{m.prefix}{key}").slug("claim")
        if claim:
            found.append(claim)
    return tuple(found)


def _mention(m: FieldReader, report_id: str, texts, registry: Registry,
             measures: Measures) -> Mention | None:
    m.unknown_keys(_MENTION_KEYS)
    mention_id, claim = m.slug("id"), m.slug("claim")
    statement = m.text("statement", required=True)
    if not (mention_id and claim and statement):
        return None
    attributed = m.text("attributed_to")
    attributed = _resolve(registry, attributed, m, "attributed_to") if attributed else None
    via = []
    for i, name in enumerate(m.get("via", list, default=[])):
        found = registry.resolve(name)
        if found is None:
            m.fail("via", f"unknown source {name!r} (item {i})", cls=UnknownNameError,
                   suggestions=registry.suggest(name))
        else:
            via.append(found)
    if via and not attributed:
        m.fail("via", "a chain needs attributed_to: who the intermediaries got it from")
    chain = [attributed, *via] if attributed else via
    repeated = sorted({s for s in chain if chain.count(s) > 1})
    if repeated:
        m.fail("via", f"the chain names {', '.join(repeated)} twice; list each source once, "
                      "origin first")
    relays, corrects = _mention_key(m, "relays", report_id), _mention_key(m, "corrects", report_id)
    if corrects and corrects == f"{report_id}#{mention_id}":
        m.fail("corrects", "a mention cannot correct itself: name the earlier mention whose "
                           "figure this one corrects or withdraws")
        corrects = None
    figure = read_figure(m.child("figure"), measures) if m.data.get("figure") is not None \
        else None
    derived, disputes, part_of = _claims(m, "derived_from"), _claims(m, "disputes"), \
        _claims(m, "part_of")
    for key, found in (("disputes", disputes), ("part_of", part_of)):
        if len(found) > 1:
            m.fail(key, f"{key} names one claim, not {len(found)}")
    if claim in derived + disputes + part_of:
        m.fail("derived_from" if claim in derived else "disputes" if claim in disputes
               else "part_of", f"a claim cannot relate to itself ({claim})")
    return Mention(
        report_id=report_id, id=mention_id, claim=claim, statement=statement, figure=figure,
        attributed_to=attributed, via=tuple(via), relays=relays,
        quoted=m.get("quoted", bool, default=False),
        cites_as=m.choice("cites_as", _CITES_AS, default="data-source"),
        hedge=m.choice("hedge", _ALLOWED[HEDGE], default="none"),
        own_work=m.get("own_work", bool, default=False),
        evidence=_evidence(m, *texts), ambiguity=m.text("ambiguity"), computed_from=derived,
        disputes=disputes[0] if disputes else None, part_of=part_of[0] if part_of else None,
        corrects=corrects,
    )


def _mention_key(m: FieldReader, key: str, report_id: str) -> str | None:
    """The mention *key* names as a corpus-wide key: ``m2`` (this report) or
    ``other-report#m1``."""
    value = m.text(key)
    if not value:
        return None
    if key == "corrects" and not re.fullmatch(_SLUG + r"(#" + _SLUG + r")?", value):
        m.fail(key, f"{value!r} names no mention: write a mention id of this report ('m1') "
                    "or another report's 'report-id#m1'")
        return None
    return value if "#" in value else f"{report_id}#{value}"


_SLUG = r"[a-z0-9][a-z0-9-]*"


def _evidence(m: FieldReader, seed, text) -> Evidence | None:
    """Offsets into the evidence's own seed, else the report's seed or text."""
    if m.data.get("evidence") is None:
        return None
    e = m.child("evidence")
    e.unknown_keys({"seed", "start", "end", "term"})
    start, end = e.get("start", int, required=True), e.get("end", int, required=True)
    if start is not None and end is not None and not 0 <= start < end:
        e.fail("end", f"offsets must satisfy 0 <= start < end, got start={start} end={end}")
        return None
    own = e.seed_file("seed")
    if not (own or seed or text):
        e.fail("seed", "is required when the report has neither seed nor text")
    if start is None or end is None or not (own or seed or text):
        return None
    return Evidence(own or seed, start, end, e.text("term"), None if own or seed else text)


def load_corpus(root: str | Path) -> Corpus:
    """Read ``root/sources.yaml``, ``root/measures.yaml`` (if any) and every
    ``root/reports/*.yaml``; check what spans files (:mod:`credgraph.references`)."""
    root = corpus_root(root)
    with gc_paused():  # a big corpus is millions of records, none in a reference cycle
        errors: list[AnnotationError] = []
        registry = load_registry(root / "sources.yaml", errors)
        measures = load_measures(root / "measures.yaml", errors)
        reports: dict[str, Report] = {}
        locations: dict[str, tuple[str, int]] = {}
        references = References()
        for path in report_files(root):
            report = load_report(path, registry, errors, locations, measures,
                                 references.dropped)
            if report is None:
                continue
            duplicate = references.duplicate(report.id, str(path))
            if duplicate:
                errors.append(duplicate)
                continue
            reports[report.id] = report
            references.add(report, locations, str(path))
        references.check(errors)
        if errors:
            raise AnnotationErrors(errors)
        corpus = Corpus(registry, reports, str(root), measures=measures, locations=locations)
        texts = evidence_errors(corpus)  # the corpus's own texts (seed files: --seeds)
        if texts:
            raise AnnotationErrors(texts)
        return corpus


def corpus_root(root: str | Path) -> Path:
    """*root* as a corpus folder, or :class:`~credgraph.errors.AnnotationErrors` saying
    what one holds."""
    root = Path(root)
    if not (root / "sources.yaml").is_file():
        raise AnnotationErrors([AnnotationError(
            "no sources.yaml here: a corpus folder holds sources.yaml and reports/*.yaml",
            path=str(root))])
    return root


def report_files(root: Path) -> list[Path]:
    """The report files of a corpus folder, in the order of their ids (file names)."""
    return sorted([*(root / "reports").glob("*.yaml"), *(root / "reports").glob("*.yml")],
                  key=lambda p: p.stem)


def bundled_corpus() -> Path:
    """The folder of the corpus shipped with credgraph (the five seed articles)."""
    return Path(__file__).resolve().parent / "data"
