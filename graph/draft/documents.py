"""Reading an input to draft: a text file, an HTML page, or standard input.

:func:`read_document` checks the input before anything is drafted from it, and each
problem is a :class:`~credgraph.draft.records.DraftInputError` naming the file (exit 2):
a file that cannot be read, is empty, larger than :data:`MAX_INPUT_BYTES`, binary (NUL
bytes), or not UTF-8 (an HTML page may declare another charset in its ``<meta>``). Line
ends become ``\\n``, so evidence offsets point into the text exactly as written to
``texts/<id>.txt``. A plain text's first line is taken as its title when it is short, a
``By Name`` line near the top as its author, and a full date in the first lines (a
dateline) as its date.

An HTML page keeps its main text (no menus, footers, comments or related links:
trafilatura's extraction, favouring precision) and its title, author, publication date,
site name and canonical URL (trafilatura, htmldate). Both work on the page given and fetch
nothing; they are imported on first use. A page whose extraction finds no text is an error.

>>> page = ('<html><head><title>T | Site</title><meta property="og:site_name" content="Site">'
...         '<link rel="canonical" href="https://example.org/a"></head><body><nav>Home</nav>'
...         '<article><h1>Five hundred requests</h1><p>The group said it received 500 '
...         'requests for help in May, a record for the year.</p></article></body></html>')
>>> doc = extract_page(page, "page.html")
>>> doc.text.splitlines()[-1], doc.sitename, doc.url
('The group said it received 500 requests for help in May, a record for the year.', 'Site', 'https://example.org/a')

>>> doc = read_bytes("Kyiv says 300 fled\\r\\n\\r\\nBy Jane Roe\\r\\nKYIV, 4 March 2024 - More.".encode(), "a.txt")
>>> doc.title, doc.author, doc.date, doc.text.count("\\r")
('Kyiv says 300 fled', 'Jane Roe', '2024-03-04', 0)
>>> read_bytes(b"\\x00\\x01PK", "x.txt")
Traceback (most recent call last):
...
credgraph.draft.records.DraftInputError: x.txt: is binary (it has NUL bytes), not a text or HTML file
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .records import DraftInputError, Document

__all__ = ["read_document", "read_bytes", "extract_page", "looks_like_html", "MAX_INPUT_BYTES"]

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest input drafted (a long article is 50 KB; a 50 MB page is not an article)."""

_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.I)
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DATELINE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r"),? ((?:19|20)\d\d)\b|\b("
                       + "|".join(_MONTHS) + r") (\d{1,2}),? ((?:19|20)\d\d)\b", re.I)


def read_document(path: str) -> Document:
    """The document at *path* (``-`` is standard input)."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return read_bytes(data, "-")
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise DraftInputError(f"is {size / 1e6:.1f} MB; credgraph draft reads inputs up to "
                                  f"{MAX_INPUT_BYTES // (1024 * 1024)} MB", path=path)
        if not file.is_file():
            raise DraftInputError("is not a file", path=path)
        data = file.read_bytes()
    except OSError as exc:
        raise DraftInputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    return read_bytes(data, path, html=file.suffix.lower() in (".html", ".htm", ".xhtml"))


def read_bytes(data: bytes, name: str, html: bool | None = None) -> Document:
    """A document from the bytes of the input *name*."""
    if len(data) > MAX_INPUT_BYTES:
        raise DraftInputError(f"is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB", path=name)
    if not data.strip():
        raise DraftInputError("is empty: there is nothing to draft", path=name)
    if b"\x00" in data[:65536]:
        raise DraftInputError("is binary (it has NUL bytes), not a text or HTML file", path=name)
    is_html = looks_like_html(data) if html is None else html or looks_like_html(data)
    text = _decode(data, name, is_html)
    if is_html:
        return extract_page(text, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise DraftInputError("is empty: there is nothing to draft", path=name)
    return Document(text=text, input_file=name, title=_title(text), author=_author(text),
                    **_dateline(text))


def _decode(data: bytes, name: str, is_html: bool) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096]) if is_html else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise DraftInputError(f"is not UTF-8 text (byte {exc.start}: "
                              f"{data[exc.start:exc.start + 1]!r}); convert it to UTF-8",
                              path=name) from None


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 and not re.fullmatch(r"[\W_]+", line) else None
    return None


def _author(text: str) -> str | None:
    for line in text.splitlines()[:12]:
        found = re.fullmatch(r"\s*By ([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})\s*", line)
        if found:
            return found.group(1)
    return None


def _dateline(text: str) -> dict:
    head = "\n".join(text.splitlines()[:4])
    found = _DATELINE.search(head)
    if not found:
        return {}
    if found.group(1):
        day, month, year = found.group(1), found.group(2), found.group(3)
    else:
        month, day, year = found.group(4), found.group(5), found.group(6)
    number = _MONTHS.index(month.lower()) + 1
    try:
        from datetime import date

        value = date(int(year), number, int(day)).isoformat()
    except ValueError:
        return {}
    return {"date": value, "date_basis": f'the dateline "{found.group(0)}"'}


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    """Whether *data* begins like an HTML document."""
    return bool(_HTML_START.match(data[:2048]))


def extract_page(html: str, input_file: str) -> Document:
    """The main text and metadata of an HTML page (*input_file* names it in errors)."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=True, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - a parser failure on a hostile page is bad input
        raise DraftInputError(f"the HTML cannot be read ({type(exc).__name__}: {exc})",
                              path=input_file) from None
    data = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    text = (data.get("text") or "").strip()
    if len(text.split()) < 5:
        raise DraftInputError("no main text found in the HTML page (nothing to draft)",
                              path=input_file)
    date, basis = data.get("date"), None
    if date:
        basis = "the publication date in the page (trafilatura and htmldate)"
    elif "<" in html:
        from htmldate import find_date

        try:
            date = find_date(html, extensive_search=False, original_date=True)
        except Exception:  # noqa: BLE001 - no date is not an error
            date = None
        basis = "the publication date htmldate found in the page" if date else None
    url = data.get("url")
    if url and not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        url = None
    return Document(text=text.replace("\r\n", "\n").replace("\r", "\n"), input_file=input_file,
                    title=data.get("title") or None, author=data.get("author") or None,
                    date=date, date_basis=basis, sitename=data.get("sitename") or None,
                    url=url, kind="html")
