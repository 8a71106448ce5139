"""Browser tests of the viewer (headless Chromium through Playwright)."""
