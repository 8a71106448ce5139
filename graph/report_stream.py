r"""A large report file read one mention at a time: its YAML composed item by item.

:func:`credgraph.located_yaml.parse_yaml` composes a whole document at once (PyYAML's C composer),
which for a report of 100,000 mentions holds a node tree of gigabytes. :func:`report_yaml`
reads the same file in two passes over the C parser's events: the first composes every
top-level field except ``mentions`` (whose events it only skips), the second composes the
mentions one by one and gives each as the same values :func:`~credgraph.located_yaml.parse_yaml`
would (mappings that know their lines), so the same checks read them. Only the node of one
mention is in memory at a time.

A file that does not have the plain shape (a mapping with one ``mentions`` sequence and no
anchors inside it, one document) is read whole, as any small file is: the same values, only
not streamed.

>>> text = "id: r1\nkind: article\nmentions:\n  - {id: m1, claim: c1}\n  - id: m2\n    claim: c2\n"
>>> header, mentions = report_yaml(text, "r1.yaml", stream=True)
>>> header, header.key_lines["mentions"]
({'id': 'r1', 'kind': 'article', 'mentions': []}, 3)
>>> [(m, m.line) for m in mentions]
[({'id': 'm1', 'claim': 'c1'}, 4), ({'id': 'm2', 'claim': 'c2'}, 5)]
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.composer import Composer
from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent,
                         MappingStartEvent, SequenceEndEvent, SequenceStartEvent,
                         StreamEndEvent, StreamStartEvent)
from yaml.nodes import MappingNode, SequenceNode

from .located_yaml import _Loader, _construct, parse_yaml, yaml_error

__all__ = ["report_yaml", "STREAM_BYTES"]

STREAM_BYTES = 4_000_000
"""Report files larger than this are read a mention at a time."""

_SEQ = "tag:yaml.org,2002:seq"


class _Events(_Loader):
    """The C parser's events, composed into nodes here (PyYAML's own composer) one field or
    one mention at a time."""

    compose_node = Composer.compose_node
    compose_scalar_node = Composer.compose_scalar_node
    compose_sequence_node = Composer.compose_sequence_node
    compose_mapping_node = Composer.compose_mapping_node

    def __init__(self, text: str):
        super().__init__(text)
        self.anchors = {}


class _NotPlain(Exception):
    """The file is not of the plain shape: read it whole."""


def _skip(loader: _Events) -> None:
    """Skip one sequence's events (its start already read). An anchor or alias inside
    makes the file not plain (a later field could refer to it, or it to an earlier one)."""
    depth = 1
    while depth:
        event = loader.get_event()
        if getattr(event, "anchor", None) is not None or isinstance(event, AliasEvent):
            raise _NotPlain
        if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            depth += 1
        elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            depth -= 1


def _open_mapping(loader: _Events):
    """Read up to the root mapping's start (its event comes back); anything else is not
    plain."""
    for kind in (StreamStartEvent, DocumentStartEvent):
        if not loader.check_event(kind):
            raise _NotPlain
        loader.get_event()
    event = loader.peek_event()
    if not isinstance(event, MappingStartEvent) or event.anchor is not None \
            or event.tag not in (None, "!", "tag:yaml.org,2002:map"):
        raise _NotPlain
    return loader.get_event()


def _header(loader: _Events) -> MappingNode:
    """The root mapping with its ``mentions`` sequence left empty (its items skipped)."""
    pairs, seen = [], False
    start = _open_mapping(loader).start_mark
    while not loader.check_event(MappingEndEvent):
        key = loader.compose_node(None, None)
        if key.value == "mentions" and isinstance(key.value, str):
            event = loader.peek_event()
            if seen or not isinstance(event, SequenceStartEvent) or event.anchor is not None:
                raise _NotPlain
            seen = True
            loader.get_event()
            _skip(loader)
            value = SequenceNode(_SEQ, [], event.start_mark, event.end_mark)
        else:
            value = loader.compose_node(None, None)
        pairs.append((key, value))
    end = loader.get_event().end_mark
    if not (seen and loader.check_event(DocumentEndEvent)):
        raise _NotPlain
    loader.get_event()
    if not loader.check_event(StreamEndEvent):
        raise _NotPlain
    return MappingNode("tag:yaml.org,2002:map", pairs, start, end)


def _mentions(text: str) -> Iterator:
    """Each item of the ``mentions`` sequence, as values, one at a time."""
    loader = _Events(text)
    try:
        _open_mapping(loader)
        while not loader.check_event(MappingEndEvent):
            key = loader.compose_node(None, None)
            if key.value != "mentions":
                loader.compose_node(None, None)
                continue
            loader.get_event()
            index = 0
            while not loader.check_event(SequenceEndEvent):
                yield _construct(loader, loader.compose_node(None, index))
                loader.anchors.clear()
                index += 1
            return
    finally:
        loader.dispose()


def report_yaml(text: str, path: str, stream: bool | None = None):
    r"""``(header, mentions)`` of a report file's *text*: the mapping of its fields (with
    ``mentions`` empty) and an iterator of its mentions' values. *stream* None streams texts
    longer than :data:`STREAM_BYTES`. A text that is not a mapping comes back as
    ``(value, iter(()))``; a YAML error raises :class:`~credgraph.errors.AnnotationError`
    with its line, as :func:`~credgraph.located_yaml.parse_yaml` does.

    >>> data, mentions = report_yaml("- a list\n", "r.yaml", stream=True)
    >>> data, list(mentions)
    (['a list'], [])
    """
    if stream is None:
        stream = len(text) > STREAM_BYTES
    if stream:
        loader = _Events(text)
        try:
            header = _construct(loader, _header(loader))
        except _NotPlain:
            header = None
        except yaml.YAMLError as exc:
            raise yaml_error(exc, path) from None
        finally:
            loader.dispose()
        if header is not None:
            return header, _mentions(text)
    data = parse_yaml(text, path)
    if isinstance(data, dict) and isinstance(data.get("mentions"), list):
        items = data["mentions"]
        data["mentions"] = []
        return data, iter(items)
    return data, iter(())
