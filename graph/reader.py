r"""Typed field access to annotation YAML, every problem located by file, line and field.

:class:`FieldReader` gives typed access to one mapping read by
:func:`~credgraph.located_yaml.parse_yaml` (which remembers the line of each key) and
collects every problem as an :class:`~credgraph.errors.AnnotationError`; :func:`number_text`
writes a number so that :meth:`FieldReader.number` reads it back as itself.

>>> from credgraph.located_yaml import parse_yaml
>>> data = parse_yaml("id: r1\nkind: artcle\n", "r1.yaml")
>>> errors = []
>>> FieldReader(data, "r1.yaml", "", errors).choice("kind", ["article", "slideshow"])
>>> print(errors[0])
r1.yaml:2: kind: 'artcle' is not allowed; allowed: article, slideshow
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import AnnotationError

__all__ = ["FieldReader", "SLUG", "mixed_script_word", "number_text"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

class FieldReader:
    """Typed access to one YAML mapping; problems are collected, not raised."""

    def __init__(self, data, path: str, prefix: str, errors: list, line: int | None = None):
        self.path, self.prefix, self.errors = path, prefix, errors
        self.line = getattr(data, "line", line)
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.fail(None, f"expected a mapping, got {_kind(data)}")

    def where(self, key):
        line = getattr(self.data, "key_lines", {}).get(key, self.line) if key else self.line
        return {"path": self.path, "line": line,
                "field": self.prefix.rstrip(".") if key is None else self.prefix + str(key)}

    def fail(self, key, message, cls=AnnotationError, **extra):
        self.errors.append(cls(message, **self.where(key), **extra))

    def unknown_keys(self, allowed):
        for key in self.data:
            if key not in allowed:
                self.fail(key, f"unknown field {key!r}; allowed: {', '.join(sorted(allowed))}")

    def get(self, key, kind, required=False, default=None):
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is required")
            return default
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if not ok:
            what = "true or false" if kind is bool else (
                kind.__name__ if isinstance(kind, type) else kind)
            self.fail(key, f"expected {what}, "
                           f"got {_kind(value)} {value!r}")
            return default
        return value

    def text(self, key, required=False):
        value = self.data.get(key)
        if isinstance(value, (int, float, date)) and not isinstance(value, bool):
            value = str(value)
        if value is None or isinstance(value, str):
            if required and not (value or "").strip():
                self.fail(key, "is required")
                return None
            return value.strip() if value else None
        self.fail(key, f"expected text, got {_kind(value)}")
        return None

    def slug(self, key, required=True):
        value = self.text(key, required)
        if value is not None and not SLUG.match(value):
            self.fail(key, f"{value!r} is not a valid id: use lower-case letters, digits and "
                           "hyphens, starting with a letter or digit")
            return None
        return value

    def seed_file(self, key):
        """A seed file's name: one file name ending in ``.txt``, without a folder."""
        value = self.text(key)
        if value is not None and not _SEED_FILE.fullmatch(value):
            self.fail(key, f"{value!r} is not a seed file name: write the file's name alone, "
                           "ending in .txt, without a folder")
            return None
        return value

    def corpus_text(self, key):
        """A text file inside the corpus folder: a relative path ending in ``.txt`` whose
        parts are plain names (no ``..``, no hidden or absolute parts)."""
        value = self.text(key)
        if value is not None and not _CORPUS_TEXT.fullmatch(value):
            self.fail(key, f"{value!r} is not a text of the corpus: write a path relative to "
                           "the corpus folder, such as texts/report-id.txt, without .. parts")
            return None
        return value

    def url(self, key):
        """An absolute http(s) URL that can be written as an IRI (no spaces, no ``<>"{}|\\^```)."""
        value = self.text(key)
        if value is None:
            return None
        scheme, sep, rest = value.partition("://")
        if not (sep and scheme.lower() in ("http", "https") and rest
                and not any(c in _NOT_IN_IRI or ord(c) <= 0x20 for c in value)):
            self.fail(key, f"{value!r} is not a URL: write it whole, as http(s)://..., with "
                           "spaces and <>\"{}|\\^` percent-encoded (%20 for a space)")
            return None
        return value

    def choice(self, key, allowed, default=None, required=False):
        value = self.text(key, required)
        if value is None:
            return default
        if value not in allowed:
            self.fail(key, f"{value!r} is not allowed; allowed: {', '.join(allowed)}")
            return default
        return value

    def number(self, key):
        """A number >= 0: YAML's, or text with English thousands commas (``"18,000"``).

        ``18.000`` and ``1.500.000`` (a dot between groups of three digits, the European
        way of writing thousands) are refused, since YAML would read 18.000 as eighteen; so
        are commas anywhere but between groups of three digits (a decimal comma), and
        numbers past a quadrillion (a typing slip)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(key, f"expected a number, got {_kind(value)}")
            return None
        text = getattr(value, "text", None) or str(value).strip()
        if _EUROPEAN_THOUSANDS.fullmatch(text):
            grouped, plain = text.replace(".", ","), text.replace(".", "")
            if text.count(".") == 1:
                small = Decimal(text).normalize()
                self.fail(key, f"{text} is ambiguous: YAML reads it as {small}; for {grouped} "
                               f"write {plain} or \"{grouped}\", for {small} write "
                               f"{number_text(small)}")
            else:
                self.fail(key, f"{text} is not a number: for {grouped} write {plain} or "
                               f"\"{grouped}\"")
            return None
        if "," in text and not _ENGLISH_THOUSANDS.fullmatch(text):
            self.fail(key, f"{text!r} is not a number: write thousands as 18000 or "
                           "\"18,000\", and decimals with a point (2.5)")
            return None
        try:
            number = Decimal(text.replace(",", "").replace("_", ""))
        except InvalidOperation:
            self.fail(key, f"{value!r} is not a number")
            return None
        if not number.is_finite() or number < 0:
            self.fail(key, f"{value!r} must be a finite number >= 0")
            return None
        if number > _LARGEST:
            self.fail(key, f"{value!r} is larger than any figure can be ({_LARGEST:,})")
            return None
        return number

    def day(self, key, data=None):
        value = (self.data if data is None else data).get(key)
        if value is None:
            return None
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"{value!r} is not a date (YYYY-MM-DD)")
            return None
        if not 1900 <= day.year <= 2100:
            self.fail(key, f"{day} is not a year a report can have (1900-2100)")
            return None
        return day

    def name(self, key, required=False):
        """Text a person reads as a name: one that mixes alphabets within a word (a Cyrillic
        letter among Latin ones, the look-alike trick) is refused."""
        value = self.text(key, required)
        if value is not None:
            mixed = mixed_script_word(value)
            if mixed:
                self.fail(key, f"{value!r} mixes alphabets in {mixed!r} (a look-alike "
                               "letter?): write each word in one alphabet")
                return None
        return value

    def child(self, key):
        """A reader for the mapping under *key*."""
        return FieldReader(self.data.get(key), self.path, f"{self.prefix}{key}.", self.errors,
                       self.where(key)["line"])

    def element(self, data, name):
        """A reader for one item of a list, named e.g. ``mentions[2].``."""
        return FieldReader(data, self.path, name + ".", self.errors, self.line)


def number_text(value: Decimal | int) -> str:
    """*value* written the way :meth:`FieldReader.number` reads it back as itself: an integer
    without a point, a decimal in full; three decimals after at most three digits get a
    fourth, ``0``, since ``372.375`` is refused as the European way of writing 372,375.

    >>> number_text(Decimal("18000")), number_text(Decimal("2.50")), number_text(Decimal("372.375"))
    ('18000', '2.5', '372.3750')
    """
    if not isinstance(value, Decimal) or value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text + "0" if _EUROPEAN_THOUSANDS.fullmatch(text) else text


_EUROPEAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_LARGEST = Decimal(10) ** 15
_NOT_IN_IRI = frozenset('<>"{}|\\^`')
_SEED_FILE = re.compile(r"[^/\\\x00-\x1f]+\.txt")
_CORPUS_TEXT = re.compile(r"(?:[^/\\.\x00-\x1f][^/\\\x00-\x1f]*/)*[^/\\.\x00-\x1f][^/\\\x00-\x1f]*\.txt")


def mixed_script_word(text: str) -> str | None:
    """The first word of *text* that mixes Latin, Cyrillic and Greek letters, or None.

    >>> mixed_script_word("Defence Intelligence (HUR)"), mixed_script_word("Медиазона")
    (None, None)
    >>> mixed_script_word("\u041dUR channel")
    'НUR'
    """
    for word in re.findall(r"\w+", text):
        scripts = {unicodedata.name(c, "").split(" ")[0] for c in word if c.isalpha()}
        if len(scripts & {"LATIN", "CYRILLIC", "GREEK"}) > 1:
            return word
    return None


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            type(None): "nothing"}.get(type(value), type(value).__name__)
