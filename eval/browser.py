"""Headless Chromium for the page tests and the README screenshots.

Playwright's Python package drives the distribution's Chromium (``/usr/bin/chromium``, or
``NLP_CHROMIUM``); it never downloads a browser of its own. The flags keep Chromium from
reaching for the network at start-up (updates, sync, field trials), which a closed machine
answers with refused connections.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("NLP_CHROMIUM", "/usr/bin/chromium")
FLAGS = (
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
)


@dataclass
class Visit:
    """What loading one page did: console errors, page errors and every request made."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def network_requests(self) -> list[str]:
        """Requests other than the page's own file."""
        return [r for r in self.requests if r != self.url]


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (Playwright ``Browser``), closed on exit.

    Raises:
        FileNotFoundError: when the browser is not installed.
    """
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: `apt-get install chromium` (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser, path: Path, *, width: int = 1200, height: int = 900) -> Iterator[tuple[object, Visit]]:
    """Load ``path`` from disk in a fresh context; yields the page and what loading it did."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    visit = Visit(path.resolve().as_uri())
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.console_errors.append(str(e)))
    page.on("request", lambda r: visit.requests.append(r.url))
    try:
        page.goto(visit.url, wait_until="load")
        yield page, visit
    finally:
        context.close()


def screenshot(path: Path, out: Path, *, width: int = 1200, height: int = 900, full_page: bool = False,
               clip_height: int | None = None) -> Visit:
    """Save a PNG of the page at ``path``; returns what loading it did."""
    with chromium() as browser, open_page(browser, path, width=width, height=height) as (page, visit):
        kwargs = {"full_page": full_page}
        if clip_height is not None:
            kwargs = {"clip": {"x": 0, "y": 0, "width": width, "height": clip_height}, "full_page": True}
        page.screenshot(path=str(out), **kwargs)
    return visit
