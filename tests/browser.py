"""Open a page written by `lint graph`/`lint report` in headless Chromium (Debian's package,
installed by .ci/run) through Playwright, with every request other than the page itself
refused and recorded: the pages must work without a network."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# The flags this machine's notes give for a headless Chromium with no network behind it.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def available() -> bool:
    return os.path.exists(CHROMIUM)


needs_chromium = pytest.mark.skipif(not available(), reason="Chromium is not installed (.ci/run installs it)")


@contextmanager
def page(path: str | Path, width: int = 1400, height: int = 900):
    """A Playwright page showing the file at `path`. `page.requests` lists every other URL the
    page asked for (each refused)."""
    from playwright.sync_api import sync_playwright

    url = Path(path).resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            # bypass_csp: Playwright's wait_for_function evaluates its condition with eval(), which
            # the pages' content security policy (no eval) would refuse
            tab = browser.new_page(viewport={"width": width, "height": height}, bypass_csp=True)
            tab.requests = []
            errors: list[str] = []
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            tab.errors = errors

            def route(request_route):
                if request_route.request.url == url:
                    request_route.continue_()
                else:
                    tab.requests.append(request_route.request.url)
                    request_route.abort()

            tab.route("**/*", route)
            tab.goto(url)
            yield tab
        finally:
            browser.close()
