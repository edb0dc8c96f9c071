"""Debian's Chromium, for the benchmarks that open pages in a real browser.

Playwright cannot download its own browsers here; it drives ``/usr/bin/chromium``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def launched() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def missing() -> str | None:
    """Why a browser benchmark cannot run here, or None when it can."""
    if Path(CHROMIUM).exists():
        return None
    return f"no browser at {CHROMIUM} (apt-get install chromium)"
