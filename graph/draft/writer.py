"""The YAML writer: a drafted report as an annotation file, new sources appended to the
registry, and the three files of a draft written all or nothing.

Two fields of the format are about to change (issue 19), so each is written by one
function here: :func:`time_fields` turns a :class:`~credgraph.draft.records.TimeRef` into
today's ``period: {start, end}`` (a month or year expanded to its first and last day, and
said so), and :func:`measure_field` writes the measure as its short lower-case phrase.

>>> from credgraph.draft.records import TimeRef, Measure
>>> time_fields(TimeRef("period", "2023-01", "2023-06", "month", "in the first six months of 2023"))
({'start': '2023-01-01', 'end': '2023-06-30'}, ['"in the first six months of 2023" gives months: written as 2023-01-01 to 2023-06-30'])
>>> time_fields(TimeRef("none"))
(None, [])
>>> time_fields(TimeRef("as_of", "2032-09", "2024-06-01", "day", "since September 2032"))[0] is None
True
>>> measure_field(Measure("deserters", "deserters"), TimeRef("rate", per="day"))
'deserters per day'
>>> scalar("yes"), scalar("18,000"), scalar("Mediazona"), scalar(None)
('"yes"', '"18,000"', 'Mediazona', 'null')
"""

from __future__ import annotations

import json
import re
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

from ..formats import atomic_writer
from ..model import Figure
from ..reader import parse_yaml
from .records import DraftInputError, DraftReport, Measure, ProposedSource, TimeRef
from .timeref import first_day, last_day

__all__ = ["time_fields", "measure_field", "scalar", "report_yaml", "source_entries",
           "append_sources", "write_draft", "statement", "model_figure"]

_PLAIN = re.compile(r"[A-Za-z][\w .()'/-]*")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "none", "y", "n", "~"}


def scalar(value) -> str:
    """A YAML scalar: plain when that reads back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else \
            str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF
                                                else f"\\U{ord(c):08x}") for c in quoted)


def time_fields(ref: TimeRef) -> tuple[dict | None, list[str]]:
    """Today's ``period`` for a time reference, and the notes that say what was read.

    The one place to change when ``as_of:`` / ``rate:`` replace ``period:`` (issue 19).
    """
    notes = [ref.note] if ref.note else []
    if ref.kind == "none":
        return None, notes
    if ref.start is None and ref.end is None:
        notes.append(f'"{ref.phrase}" gives no date that can be written: give the period')
        return None, notes
    start = first_day(ref.start).isoformat() if ref.start else None
    end = last_day(ref.end).isoformat() if ref.end else None
    if start and end and start > end:
        notes.append(f'"{ref.phrase}" gives a start after its end ({start}, {end}), maybe after '
                     "the report's date: no period written")
        return None, notes
    coarse = [p for p in (ref.start, ref.end) if p and len(p.split("-")) < 3]
    if coarse:
        unit = "years" if any(len(p) == 4 for p in coarse) else "months"
        notes.append(f'"{ref.phrase}" gives {unit}: written as {start or ".."} to {end or ".."}')
    if ref.kind == "as_of":
        notes.append("a running total" + (f" since {ref.start}" if ref.start else "") +
                     (f" up to {ref.end}" if ref.end else ""))
    return {"start": start, "end": end}, notes


def measure_field(measure: Measure, time: TimeRef | None = None) -> str:
    """The ``measure:`` written today: the measure's phrase (a rate says per what).

    The one place to change when ``measure:`` becomes a concept id (issue 19).
    """
    if time is not None and time.kind == "rate" and time.per:
        return f"{measure.label} per {time.per}"
    return measure.label


def model_figure(mention) -> Figure:
    """The drafted figure as the model's :class:`~credgraph.model.Figure`."""
    from ..model import Period
    from .timeref import first_day as fd, last_day as ld

    f, t = mention.figure, mention.time
    period = Period(fd(t.start) if t.start else None, ld(t.end) if t.end else None) \
        if t.kind != "none" else Period()
    return Figure(measure=measure_field(f.measure, t), value=f.value, min=f.min, max=f.max,
                  qualifier=f.qualifier, unit=f.unit, subject=f.subject,
                  subject_side=f.subject_side, period=period)


def statement(mention, names: dict[str, str]) -> str:
    """The mention's statement, composed from its parts (never a sentence of the text)."""
    a = mention.attribution
    who = names.get(a.origin.id, a.origin.id) if a.origin else "The report, unattributed,"
    text = f"{who} puts {measure_field(mention.figure.measure, mention.time)} at " \
           f"{model_figure(mention).describe()}"
    if a.via:
        text += ", via " + ", ".join(names.get(v.id, v.id) for v in a.via)
    return " ".join((text + " (draft).").split())


def report_yaml(draft: DraftReport, names: dict[str, str], header: str) -> str:
    """The report file of a draft."""
    lines = [f"# {header}", f"id: {draft.id}", f"kind: {draft.kind}", f"outlet: {draft.outlet}",
             f"author: {scalar(draft.document.author)}"]
    if isinstance(draft.date, dict):
        d = draft.date
        lines += ["date:", f"  earliest: {d['earliest']}", f"  latest: {d['latest']}",
                  f"  certainty: {d['certainty']}", f"  basis: {scalar(d.get('basis'))}"]
    else:
        lines.append(f"date: {draft.date}")
    lines += [f"title: {scalar(draft.title)}", f"url: {scalar(draft.document.url)}",
              f"text: texts/{draft.id}.txt", f"input_file: {scalar(draft.document.input_file)}",
              f"ambiguity: {scalar(' '.join(draft.notes) or None)}",
              "mentions:" if draft.mentions else "mentions: []"]
    for m in draft.mentions:
        f, a = m.figure, m.attribution
        period, time_notes = time_fields(m.time)
        notes = [*f.notes, *a.notes, *time_notes, *m.notes]
        number = [f"      value: {scalar(f.value)}"] if f.value is not None else [
            f"      min: {scalar(f.min)}", f"      max: {scalar(f.max)}"]
        lines += [f"  - id: {m.id}", f"    claim: {m.claim}",
                  f"    statement: {scalar(statement(m, names))}", "    figure:",
                  f"      measure: {scalar(measure_field(f.measure, m.time))}", *number,
                  f"      qualifier: {f.qualifier}", f"      unit: {scalar(f.unit)}",
                  f"      subject: {scalar(f.subject)}",
                  f"      subject_side: {scalar(f.subject_side)}", "      place: null"]
        if period is not None:
            lines.append(f"      period: {{start: {period['start'] or 'null'}, "
                         f"end: {period['end'] or 'null'}}}")
        lines += [f"    attributed_to: {scalar(a.origin.id if a.origin else None)}",
                  f"    via: [{', '.join(v.id for v in a.via)}]",
                  f"    relays: {scalar(m.relays)}", f"    quoted: {scalar(a.quoted)}",
                  "    cites_as: data-source", f"    hedge: {m.hedge}",
                  f"    own_work: {scalar(a.own_work)}",
                  f"    evidence: {{start: {f.sentence[0]}, end: {f.sentence[1]}, "
                  f"term: {scalar(f.term)}}}",
                  f"    ambiguity: {scalar('; '.join(dict.fromkeys(notes)) or None)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def source_entries(sources: list[ProposedSource], indent: str = "  ") -> str:
    """Registry entries for proposed sources, as list items at *indent*."""
    out = []
    for s in sources:
        pad = indent + "  "
        out += [f"{indent}- id: {s.id}", f"{pad}name: {scalar(s.name)}",
                f"{pad}aliases: [{', '.join(scalar(a) for a in s.aliases)}]",
                f"{pad}kind: {s.kind}", f"{pad}country: null", f"{pad}party: null",
                f"{pad}anonymous: {scalar(s.anonymous)}", f"{pad}reliability: F",
                f"{pad}reliability_reason: {scalar(s.reason)}", ""]
    return "\n".join(out)


def append_sources(existing: str | None, sources: list[ProposedSource], path: str,
                   header: str, known_good: str | None = None) -> str:
    """The registry text with *sources* appended after what the analyst wrote, unchanged;
    checked to read back as the same entries plus the new ones. When *existing* is
    *known_good* (a text this function returned before), only the new entries are parsed:
    a batch appends to a growing registry without reading it again and again."""
    if existing is None or not existing.strip():
        text = "sources:\n"
    else:
        text = existing if existing.endswith("\n") else existing + "\n"
    text = re.sub(r"(?m)^sources:\s*\[\s*\]\s*$", "sources:", text, count=1)
    found = re.search(r"(?m)^([ \t]*)- ", text)
    indent = found.group(1) if found else "  "
    chunk = f"\n{indent}# {header}\n" + source_entries(sources, indent)
    new = text + chunk
    from ..errors import AnnotationError

    if known_good is not None and existing == known_good:
        try:
            got = parse_yaml("sources:\n" + chunk, path)["sources"]
        except (AnnotationError, TypeError, KeyError):
            got = None
        if isinstance(got, list) and [g.get("id") for g in got] == [s.id for s in sources]:
            return new

    try:
        before = parse_yaml(text, path) if text.strip() else None
        after = parse_yaml(new, path)
    except AnnotationError as exc:
        raise DraftInputError(f"cannot append the proposed sources ({exc.message}): keep the "
                              "`sources:` list the last block of the file, in block style",
                              path=path) from None
    old = list((before or {}).get("sources") or []) if isinstance(before, dict) else []
    got = after.get("sources") if isinstance(after, dict) else None
    if not isinstance(got, list) or got[:len(old)] != old or \
            [g.get("id") for g in got[len(old):] if isinstance(g, dict)] != [s.id for s in sources]:
        raise DraftInputError("cannot append the proposed sources: the file's `sources:` list "
                              "is not the last block in block style; move it to the end",
                              path=path)
    return new


def write_draft(draft: DraftReport, corpus: Path, yaml_text: str, sources: list[ProposedSource],
                header: str, force: bool = False, registry_cache: dict | None = None) -> list[Path]:
    """Write the text, the report and the registry's new entries: all or nothing.

    *registry_cache* (a dict a batch keeps between calls) remembers the registry text this
    process wrote last, so it is checked whole only once."""
    text_path = corpus / "texts" / f"{draft.id}.txt"
    report_path = corpus / "reports" / f"{draft.id}.yaml"
    for path in (report_path, text_path):
        if path.exists() and not force:
            raise DraftInputError(f"{path} exists already: --force replaces it, or give "
                                  "another --id", path=draft.document.input_file)
    registry = corpus / "sources.yaml"
    writes = [(text_path, draft.document.text), (report_path, yaml_text)]
    if sources:
        existing = registry.read_text(encoding="utf-8") if registry.is_file() else None
        cache = registry_cache if registry_cache is not None else {}
        text = append_sources(existing, sources, str(registry), header, cache.get("text"))
        writes.append((registry, text))
    with ExitStack() as stack:  # every temporary file is written before any is renamed
        for path, content in writes:
            stack.enter_context(atomic_writer(path)).write(content)
    if sources and registry_cache is not None:
        registry_cache["text"] = writes[-1][1]
    return [path for path, _c in writes]
