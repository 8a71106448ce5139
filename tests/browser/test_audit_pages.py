"""The audit's Markdown (rendered by markdown-it-py with raw HTML on, as many renderers
are) and its HTML, built from the injection corpus, loaded in headless Chromium: no script
runs, no handler fires, no request leaves the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from credgraph.api import audit
from credgraph.render import render

CORPUS = Path(__file__).resolve().parents[1] / "data" / "injection-corpus"


def _markdown_page(text: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_an_audit_page_runs_nothing_and_asks_for_nothing(browser, tmp_path, fmt):
    text = render(audit(CORPUS), fmt)
    page_html = _markdown_page(text) if fmt == "markdown" else text
    path = tmp_path / "audit.html"
    path.write_text(page_html, encoding="utf-8")
    context = browser.new_context(service_workers="block")
    requests, dialogs, errors = [], [], []
    try:
        def route(r):
            requests.append(r.request.url)
            r.continue_() if r.request.url.startswith("file:") else r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        for selector in ("td", "li", "p"):  # hover what a handler could hide in
            for element in page.query_selector_all(selector)[:20]:
                element.hover()
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__p") is None
        assert page.evaluate("() => document.querySelectorAll("
                             "'script, img, iframe, svg, a[href^=javascript]').length") == 0
        assert "window.__p=1" in page.inner_text("body")  # shown as text
        assert [url for url in requests if not url.startswith("file:")] == []
        assert dialogs == [] and errors == []
    finally:
        context.close()
