"""The page of ``credgraph serve`` at ``/``: a query box and the bundled queries as examples.

Every piece of text on it is escaped, nothing from the request is reflected but the name
of a bundled query, and it is served with :data:`PAGE_HEADERS` (a strict
Content-Security-Policy: no script at all).

>>> "<script>" in html_page("<script>alert(1)</script>")
False
"""

from __future__ import annotations

import html
from urllib.parse import quote

from .results import RESULT_FORMATS
from .sparql import bundled_queries

__all__ = ["html_page", "PAGE_HEADERS"]

PAGE_HEADERS = (("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),)
"""Headers the page is served with, besides the endpoint's own."""


def html_page(example: str | None = None) -> str:
    """The endpoint's page: a query box (optionally holding a bundled example) and the
    bundled queries as links."""
    e = html.escape
    queries = bundled_queries()
    chosen = queries.get(example or "")
    text = chosen.example() if chosen else "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    options = "<option value=''>by Accept</option>" + "".join(
        f"<option>{e(name)}</option>" for name in RESULT_FORMATS)
    items = "".join(f"<li><a href='/?example={quote(name)}'>{e(name)}</a>: "
                    f"{e(q.description)}</li>" for name, q in queries.items())
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>credgraph SPARQL endpoint</title><style>body{font-family:sans-serif;"
        "max-width:60em;margin:auto}textarea{width:100%;font-family:monospace}</style>"
        "</head><body><h1>credgraph SPARQL endpoint</h1>"
        "<p>Read-only SPARQL 1.1: <code>GET /sparql?query=...</code> or <code>POST "
        "/sparql</code>. Updates, SERVICE and FROM are refused.</p>"
        "<form method='post' action='/sparql'>"
        f"<textarea name='query' rows='18'>{e(text)}</textarea>"
        f"<p><label>format <select name='format'>{options}</select></label> "
        "<button type='submit'>Run</button></p></form>"
        f"<h2>Bundled queries</h2><ul>{items}</ul></body></html>\n")
