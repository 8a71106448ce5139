"""The YAML writer: a drafted report as an annotation file, new sources and measures
appended to the corpus's registry and ``measures.yaml``, and the files of a draft written
all or nothing.

:func:`time_reference` turns the draft's :class:`~credgraph.draft.records.TimeRef` into the
model's :class:`~credgraph.time_reference.TimeRef` (at the precision the text gives: a month
stays a month), and :func:`time_fields` writes that as the annotation's ``as_of:``,
``since:``, ``period:`` and ``rate:``:

>>> from credgraph.draft.records import TimeRef
>>> time_fields(TimeRef("period", "2023-01", "2023-06", "month", "in the first six months of 2023"))
({'period': {'start': '2023-01', 'end': '2023-06'}}, [])
>>> time_fields(TimeRef("as_of", "2022-02-24", "2024-03", "day", "since the start of the war"))
({'as_of': '2024-03', 'since': '2022-02-24'}, ['a running total since 2022-02-24 up to 2024-03'])
>>> time_fields(TimeRef("rate", per="day", phrase="a day"))
({'rate': {'per': 'day'}}, [])
>>> time_fields(TimeRef("as_of", "2032-09", "2024-06-01", "day", "since September 2032"))[0]
{}
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
from ..located_yaml import parse_yaml
from ..reader import number_text
from ..time_reference import Day
from ..time_reference import TimeRef as ModelTimeRef
from .records import DraftInputError, DraftReport, Measure, ProposedSource, TimeRef

__all__ = ["time_reference", "time_fields", "scalar", "report_yaml", "source_entries",
           "measure_entries", "append_sources", "append_measures", "write_draft", "statement",
           "model_figure"]

_PLAIN = re.compile(r"[A-Za-z][\w .()'/-]*")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "none", "y", "n", "~"}


def scalar(value) -> str:
    """A YAML scalar: plain when that reads back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, int)):
        return number_text(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF
                                                else f"\\U{ord(c):08x}") for c in quoted)


def time_reference(ref: TimeRef) -> tuple[ModelTimeRef, list[str]]:
    """The model's time reference for a drafted one, and the notes that say what was read
    (or why nothing could be written)."""
    notes = [ref.note] if ref.note else []
    per = ref.per if ref.kind == "rate" else None
    if ref.kind == "none" or (ref.start is None and ref.end is None):
        if ref.kind not in ("none", "rate"):
            notes.append(f'"{ref.phrase}" gives no date that can be written: give the time')
        return ModelTimeRef("none", per=per), notes
    try:
        start = Day.parse(ref.start) if ref.start else None
        end = Day.parse(ref.end) if ref.end else None
    except ValueError as exc:
        notes.append(f'"{ref.phrase}": {exc}; no time written')
        return ModelTimeRef("none", per=per), notes
    if start and end and start.first() > end.last():
        notes.append(f'"{ref.phrase}" gives a start after its end ({start}, {end}), maybe after '
                     "the report's date: no time written")
        return ModelTimeRef("none", per=per), notes
    if ref.kind == "as_of" and end is not None:
        notes.append("a running total" + (f" since {start}" if start else "") + f" up to {end}")
        return ModelTimeRef("as-of", start, end, per), notes
    if ref.kind == "as_of":
        notes.append(f'"{ref.phrase}": a running total since {start} with no end date given: '
                     "written as a period from then; give as_of")
    return ModelTimeRef("period", start, end, per), notes


def time_fields(ref: TimeRef) -> tuple[dict, list[str]]:
    """The annotation's time fields for a drafted time reference, and the notes."""
    time, notes = time_reference(ref)
    fields: dict = {}
    if time.kind == "as-of":
        fields["as_of"] = str(time.end)
        if time.start is not None:
            fields["since"] = str(time.start)
    elif time.kind == "period":
        fields["period"] = {"start": str(time.start) if time.start else None,
                            "end": str(time.end) if time.end else None}
    if time.per:
        fields["rate"] = {"per": time.per}
    return fields, notes


def _time_lines(fields: dict, indent: str) -> list[str]:
    out = []
    for key, value in fields.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items())
            out.append(f"{indent}{key}: {{{inner}}}")
        else:
            out.append(f"{indent}{key}: {scalar(value)}")
    return out


def model_figure(mention) -> Figure:
    """The drafted figure as the model's :class:`~credgraph.model.Figure`."""
    f = mention.figure
    return Figure(measure=f.measure.id, value=f.value, min=f.min, max=f.max,
                  qualifier=f.qualifier, unit=f.unit, subject=f.subject,
                  subject_side=f.subject_side, time=time_reference(mention.time)[0])


def _measure_words(measure: Measure, time: TimeRef) -> str:
    per = f" per {time.per}" if time.kind == "rate" and time.per else ""
    return measure.label + per


def statement(mention, names: dict[str, str]) -> str:
    """The mention's statement, composed from its parts (never a sentence of the text)."""
    a = mention.attribution
    who = names.get(a.origin.id, a.origin.id) if a.origin else "The report, unattributed,"
    text = f"{who} puts {_measure_words(mention.figure.measure, mention.time)} at " \
           f"{model_figure(mention).describe()}"
    if a.via:
        text += ", via " + ", ".join(names.get(v.id, v.id) for v in a.via)
    return " ".join((text + " (draft).").split())


def report_yaml(draft: DraftReport, names: dict[str, str], header: str) -> str:
    """The report file of a draft."""
    lines = [f"# {header}", f"id: {draft.id}",
             "reviewed: false  # an analyst's review removes this line (or sets true)",
             f"kind: {draft.kind}", f"outlet: {draft.outlet}",
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
        time, time_notes = time_fields(m.time)
        notes = [*f.notes, *a.notes, *time_notes, *m.notes]
        number = [f"      value: {scalar(f.value)}"] if f.value is not None else [
            f"      min: {scalar(f.min)}", f"      max: {scalar(f.max)}"]
        lines += [f"  - id: {m.id}", f"    claim: {m.claim}",
                  f"    statement: {scalar(statement(m, names))}", "    figure:",
                  f"      measure: {scalar(f.measure.id)}", *number,
                  f"      qualifier: {f.qualifier}", f"      unit: {scalar(f.unit)}",
                  f"      subject: {scalar(f.subject)}",
                  f"      subject_side: {scalar(f.subject_side)}", "      place: null",
                  *_time_lines(time, "      ")]
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


def measure_entries(measures: list[Measure], indent: str = "  ") -> str:
    """``measures.yaml`` entries for measures the draft proposes, as list items at *indent*."""
    out = []
    for m in measures:
        pad = indent + "  "
        why = (f"proposed by credgraph draft: what is counted as {m.label!r}; review it, or "
               "name a measure of the scheme instead")
        out += [f"{indent}- id: {m.id}", f"{pad}label: {scalar(m.label)}", f"{pad}kind: count",
                f"{pad}definition: {scalar(why)}", ""]
    return "\n".join(out)


def append_sources(existing: str | None, sources: list[ProposedSource], path: str,
                   header: str, known_good: str | None = None) -> str:
    """The registry text with *sources* appended after what the analyst wrote, unchanged;
    checked to read back as the same entries plus the new ones. When *existing* is
    *known_good* (a text this function returned before), only the new entries are parsed:
    a batch appends to a growing registry without reading it again and again."""
    return _append(existing, "sources", [s.id for s in sources],
                   lambda indent: source_entries(sources, indent), path, header, known_good)


def append_measures(existing: str | None, measures: list[Measure], path: str, header: str,
                    known_good: str | None = None) -> str:
    """``measures.yaml`` with the proposed *measures* appended (as :func:`append_sources`)."""
    return _append(existing, "measures", [m.id for m in measures],
                   lambda indent: measure_entries(measures, indent), path, header, known_good)


def _append(existing, key, ids, entries, path, header, known_good) -> str:
    if existing is None or not existing.strip():
        text = f"{key}:\n"
    else:
        text = existing if existing.endswith("\n") else existing + "\n"
    text = re.sub(rf"(?m)^{key}:\s*\[\s*\]\s*$", f"{key}:", text, count=1)
    found = re.search(r"(?m)^([ \t]*)- ", text)
    indent = found.group(1) if found else "  "
    chunk = f"\n{indent}# {header}\n" + entries(indent)
    new = text + chunk
    from ..errors import AnnotationError

    if known_good is not None and existing == known_good:
        try:
            got = parse_yaml(f"{key}:\n" + chunk, path)[key]
        except (AnnotationError, TypeError, KeyError):
            got = None
        if isinstance(got, list) and [g.get("id") for g in got] == ids:
            return new
    try:
        before = parse_yaml(text, path) if text.strip() else None
        after = parse_yaml(new, path)
    except AnnotationError as exc:
        raise DraftInputError(f"cannot append the proposed {key} ({exc.message}): keep the "
                              f"`{key}:` list the last block of the file, in block style",
                              path=path) from None
    old = list((before or {}).get(key) or []) if isinstance(before, dict) else []
    got = after.get(key) if isinstance(after, dict) else None
    if not isinstance(got, list) or got[:len(old)] != old or \
            [g.get("id") for g in got[len(old):] if isinstance(g, dict)] != ids:
        raise DraftInputError(f"cannot append the proposed {key}: the file's `{key}:` list "
                              "is not the last block in block style; move it to the end",
                              path=path)
    return new


def write_draft(draft: DraftReport, corpus: Path, yaml_text: str, sources: list[ProposedSource],
                header: str, force: bool = False, registry_cache: dict | None = None,
                measures: list[Measure] = ()) -> list[Path]:
    """Write the text, the report, the registry's new entries and the proposed *measures*
    (to ``measures.yaml``): all or nothing.

    *registry_cache* (a dict a batch keeps between calls) remembers the registry and
    measures texts this process wrote last, so each is checked whole only once."""
    text_path = corpus / "texts" / f"{draft.id}.txt"
    report_path = corpus / "reports" / f"{draft.id}.yaml"
    for path in (report_path, text_path):
        if path.exists() and not force:
            raise DraftInputError(f"{path} exists already: --force replaces it, or give "
                                  "another --id", path=draft.document.input_file)
    registry = corpus / "sources.yaml"
    writes = [(text_path, draft.document.text), (report_path, yaml_text)]
    cache = registry_cache if registry_cache is not None else {}
    if sources:
        existing = registry.read_text(encoding="utf-8") if registry.is_file() else None
        text = append_sources(existing, sources, str(registry), header, cache.get("text"))
        writes.append((registry, text))
    if measures:
        scheme = corpus / "measures.yaml"
        existing = scheme.read_text(encoding="utf-8") if scheme.is_file() else None
        writes.append((scheme, append_measures(existing, list(measures), str(scheme), header,
                                               cache.get("measures"))))
    with ExitStack() as stack:  # every temporary file is written before any is renamed
        for path, content in writes:
            stack.enter_context(atomic_writer(path)).write(content)
    for path, content in writes[2:]:
        cache["text" if path == registry else "measures"] = content
    return [path for path, _c in writes]
