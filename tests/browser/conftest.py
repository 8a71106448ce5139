"""Headless Chromium for the viewer's tests, driven by Playwright, offline.

Debian's ``chromium`` (``/usr/bin/chromium``, or ``$CREDGRAPH_CHROMIUM``) is used as
installed: Playwright downloads no browser. Without it (or without playwright) the tests
skip with the reason, except under ``CI=true``, where they fail: CI installs both. Every request a page makes is recorded and
anything that is not ``file:`` is aborted, so no test reaches the network.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CREDGRAPH_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORT = {"width": 1600, "height": 1000}


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A loaded viewer page and what it did while loading and afterwards."""

    page: object
    console: list = field(default_factory=list)
    """(type, text) of every console message."""
    errors: list = field(default_factory=list)
    """Uncaught exceptions in the page."""
    requests: list = field(default_factory=list)
    """Every URL the page asked for."""
    dialogs: list = field(default_factory=list)

    @property
    def remote(self) -> list:
        return [url for url in self.requests if not url.startswith("file:")]

    def js(self, expression: str, arg=None):
        """Evaluate a function expression in the page (CDP, not eval: the CSP stays on)."""
        return self.page.evaluate(expression, arg)

    def screen_point(self, node: str, scale: float | None = None) -> tuple[float, float]:
        """Where *node* is on the screen, after centring it (at *scale*, if given)."""
        x, y = self.js("""([id, scale]) => {
            const net = credgraph.network, at = net.getPosition(id);
            net.moveTo({position: at, scale: scale || net.getScale(), animation: false});
            const p = net.canvasToDOM(at);
            const box = document.querySelector('#graph canvas').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", [node, scale])
        return x, y

    def drawn_text(self) -> list[dict]:
        """Every text the canvas draws in one redraw, as measured: its ``text``, its font
        size in CSS pixels on the screen (``px``: the font's size times the canvas's scale)
        and where it is on the screen (``x``, ``y``), kept if it is inside the graph."""
        return self.js(r"""() => {
            const proto = CanvasRenderingContext2D.prototype, fill = proto.fillText, seen = [];
            proto.fillText = function (text, x, y) {
                const m = this.getTransform();
                seen.push([String(text), this.font, m.a, m.a * x + m.c * y + m.e,
                           m.b * x + m.d * y + m.f]);
                return fill.apply(this, arguments);
            };
            try { credgraph.network.redraw(); } finally { proto.fillText = fill; }
            const ratio = window.devicePixelRatio, c = document.querySelector('#graph canvas');
            const box = c.getBoundingClientRect();
            return seen.map(([text, font, a, x, y]) => ({
                text, px: parseFloat(/([\d.]+)px/.exec(font)[1]) * a / ratio,
                x: box.left + x / ratio, y: box.top + y / ratio}))
              .filter(t => t.x >= box.left && t.x <= box.right && t.y >= box.top
                           && t.y <= box.bottom); }""")

    def on_screen(self) -> list[str]:
        """The ids of the drawn nodes whose centre is inside the graph's area."""
        return self.js("""() => {
            const net = credgraph.network, c = document.querySelector('#graph canvas');
            const w = c.clientWidth, h = c.clientHeight;
            return credgraph.nodes.get().filter(n => !n.hidden).map(n => n.id).filter(id => {
                const p = net.canvasToDOM(net.getPosition(id));
                return p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h; }); }""")


@pytest.fixture
def open_page(browser, tmp_path):
    """Write HTML to a file, open it from ``file:`` with the network cut off, wait for
    the first frame; returns an :class:`Opened`."""
    contexts = []

    def open_(html: str, name: str = "view.html", viewport=None) -> Opened:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport=viewport or VIEWPORT, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        got = Opened(page)
        page.on("console", lambda m: got.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: got.errors.append(str(e)))
        page.on("dialog", lambda d: (got.dialogs.append(d.message), d.dismiss()))

        def route(r):
            got.requests.append(r.request.url)
            r.continue_() if r.request.url.startswith("file:") else r.abort()

        context.route("**/*", route)
        page.goto(path.as_uri())
        page.wait_for_function("() => window.credgraph && window.credgraph.readyAt")
        return got

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` (git-ignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
