r"""YAML read safely, remembering where everything was written.

:func:`parse_yaml` reads YAML with ``safe_load`` semantics (PyYAML's C loader when
available); its mappings remember the line of each key and refuse duplicate keys; a
document that is not YAML is an :class:`~credgraph.errors.AnnotationError` at its line
(:func:`yaml_error`), a file that is not UTF-8 one at the line and column of the first byte
that cannot be read (:func:`not_utf8`).

>>> data = parse_yaml("id: r1\nkind: article\n", "r1.yaml")
>>> data["kind"], data.key_lines["kind"]
('article', 2)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import AnnotationError

__all__ = ["parse_yaml", "read_yaml_file", "yaml_error", "not_utf8"]

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Located(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    __slots__ = ("line", "key_lines")


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader whose mappings remember their lines and refuse duplicate keys.

    Its tag resolution is the safe loader's own, without the path resolvers that no safe
    loader registers: the C composer calls it for every node.
    """

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode \
            else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node, current_index):
        """No path resolvers: nothing to track."""

    def ascend_resolver(self):
        """No path resolvers: nothing to track."""


assert not _Base.yaml_path_resolvers and None not in _Base.yaml_implicit_resolvers
_IMPLICIT = dict(_Base.yaml_implicit_resolvers)


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = _Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word",
                                                    key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
# Dates stay text here and are parsed per field, so "2024-02-30" is an error on its field.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Base.construct_yaml_str)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = {"tag:yaml.org,2002:int": _Base.construct_yaml_int,
            "tag:yaml.org,2002:float": _Base.construct_yaml_float,
            "tag:yaml.org,2002:bool": _Base.construct_yaml_bool,
            "tag:yaml.org,2002:null": _Base.construct_yaml_null,
            "tag:yaml.org,2002:timestamp": _Base.construct_yaml_str}
_FLATTEN = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")
_FLOAT = _Base.construct_yaml_float


class _Float(float):
    """A YAML float that remembers how it was written (``text``)."""


def _construct(loader, root):
    """Python values of a composed YAML document, the same as :func:`_construct_mapping`
    and the safe loader give, without PyYAML's general (and slow) construction machinery.

    Plain strings, numbers, booleans, nulls, lists and mappings are made here; any other
    tag (``!!set``, ``!!binary``, merge keys...) goes to the safe loader's own constructor.
    A node reached twice (an alias) gives the same object, so aliases cannot multiply data.
    """
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    made: dict[int, object] = {}

    def value(node):
        cls, tag = node.__class__, node.tag
        if cls is ScalarNode:
            if tag == _STR:
                return node.value
            make = _SCALARS.get(tag)
            if make is _FLOAT:  # its text says whether 18.000 meant eighteen thousand
                number = _Float(make(loader, node))
                number.text = node.value
                return number
            return make(loader, node) if make else loader.construct_object(node, deep=True)
        found = made.get(id(node))
        if found is not None:
            return found
        if cls is SequenceNode and tag == _SEQ:
            items = made[id(node)] = []
            items.extend(value(item) for item in node.value)
            return items
        if cls is MappingNode and tag == _MAP:
            if any(k.tag in _FLATTEN for k, _v in node.value):
                loader.flatten_mapping(node)  # merge keys; a "=" key read as text
            mapping = made[id(node)] = _Located()
            mapping.line = node.start_mark.line + 1
            lines = mapping.key_lines = {}
            for key_node, value_node in node.value:
                key = value(key_node)
                if not isinstance(key, (str, int, float, bool)):
                    raise yaml.constructor.ConstructorError(
                        None, None, "a key must be a plain word", key_node.start_mark)
                if key in mapping:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark)
                mapping[key] = value(value_node)
                lines[key] = key_node.start_mark.line + 1
            return mapping
        return loader.construct_object(node, deep=True)

    return value(root)


def parse_yaml(text: str, path: str):
    r"""Parse YAML text safely; a syntax error becomes an AnnotationError with its line.

    The C parser composes the document; :func:`_construct` turns it into values.

    >>> data = parse_yaml("a: &x {b: [1, 2.5, yes, null, 2024-01-02]}\nc: *x\n", "t.yaml")
    >>> data, data.key_lines, data["a"] is data["c"]
    ({'a': {'b': [1, 2.5, True, None, '2024-01-02']}, 'c': {'b': [1, 2.5, True, None, '2024-01-02']}}, {'a': 1, 'c': 2}, True)
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(loader, node)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path) from None
    finally:
        loader.dispose()


def yaml_error(exc: yaml.YAMLError, path: str) -> AnnotationError:
    """PyYAML's error as credgraph says it: "not valid YAML" at the line it names."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return AnnotationError(f"not valid YAML: {exc.problem or exc}", path=path,
                               line=mark.line + 1 if mark else None)
    return AnnotationError(f"not valid YAML: {exc}", path=path)


def read_yaml_file(path: Path, errors: list, parse=parse_yaml):
    """Parse a YAML file (``parse(text, path)``); a problem goes to *errors* and None comes
    back."""
    try:
        return parse(path.read_bytes().decode("utf-8"), str(path))
    except AnnotationError as err:
        errors.append(err)
    except UnicodeDecodeError as exc:
        errors.append(not_utf8(exc, str(path)))
    except OSError as exc:
        errors.append(AnnotationError(f"cannot read: {exc.strerror or exc}", path=str(path)))
    return None


def not_utf8(exc: UnicodeDecodeError, path: str) -> AnnotationError:
    r"""The error for a file that is not UTF-8, at the line and column of the first byte
    that cannot be read.

    >>> try:
    ...     b"id: r1\ntitle: caf\xe9\n".decode("utf-8")
    ... except UnicodeDecodeError as exc:
    ...     print(not_utf8(exc, "r1.yaml"))
    r1.yaml:2: not UTF-8: byte 0xe9 at column 11 cannot be read; save the file as UTF-8
    """
    data = exc.object
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return AnnotationError(f"not UTF-8: byte 0x{data[exc.start]:02x} at column {column} cannot "
                           "be read; save the file as UTF-8", path=path, line=line)
