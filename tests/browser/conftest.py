"""Headless Chromium (Playwright's sync API) against pytest-django's live server.

One browser for the session, a fresh context (cookies, storage) for every page a test opens.
Chromium is the system one at /usr/bin/chromium: when it is missing the browser tests are
skipped, except in CI (the CI variable is set) where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHOTS = Path("/tmp/browser-shots")  # noqa: S108 - a fixed folder people open to look at the journeys
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM}: the browser tests cannot run."
        if os.environ.get("CI"):
            pytest.fail(reason + " CI must run them.", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio event loop registered on this thread for as long as the
    # browser lives, so Django's async-safety check would refuse every ORM call a test makes (to set
    # up data, or to check the database after a journey). Nothing here is really concurrent: the test
    # thread only waits on the browser while the live server answers in its own thread. The switch is
    # on only while that loop exists, not for the tests that run before the first browser test.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[[], Page]]:
    """Open a page in a context of its own (a different person, or the signed-out public)."""
    contexts: list[BrowserContext] = []

    def make() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
    return new_page()


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save the whole page to /tmp/browser-shots/<name>.png, to look at after the run."""

    def take(page: Page, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
