"""End-to-end fixtures: build the project's real site once, serve it on 127.0.0.1, and
drive it with Debian's Chromium through Playwright.

The site is built the way ``make site`` builds it (scrape ``sources.yml``, then a strict
MkDocs build), but into a temporary copy so tests never touch the working tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.page_load import serve
from plugins import frontmatter
from tests.shared_data import skip_without_shared
from tests.sitebuilder import copy_project

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CHROMIUM = os.environ.get("REGKB_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = REPO / "screenshots"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BuiltSite:
    """A built copy of the project: its docs/ and site/ folders and how to find pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        self.site = root / "site"

    def find_document(self, **fields: str) -> str:
        """URL path (``regulations/2026/x/``) of the document whose front matter has
        ``fields``; the scraper chooses the file names, so tests look them up."""
        for path in sorted(self.docs.rglob("*.md")):
            meta = frontmatter.split(path.read_text(encoding="utf-8")).meta
            if all(str(meta.get(k)) == v for k, v in fields.items()):
                rel = path.relative_to(self.docs).with_suffix("")
                return f"{rel.as_posix()}/"
        raise LookupError(f"no document with {fields}")

    def html_pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def _run(cmd: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n"
            f"{proc.stderr[-4000:]}"
        )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    if not (SHARED / "corpus").is_dir():
        skip_without_shared(f"shared corpus not found at {SHARED}")
    root = tmp_path_factory.mktemp("project")
    # Editors' pages only: the scraper writes its output afresh below.
    copy_project(REPO, root, ("docs", "search", "overrides"))
    bindir = Path(sys.executable).parent
    _run(
        [
            str(bindir / "regkb"),
            "scrape",
            "--sources",
            str(REPO / "sources.yml"),
            "--out",
            str(root / "docs"),
        ],
        root,
    )
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], root)
    return BuiltSite(root)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REGKB_REQUIRE_BROWSER"):
            pytest.fail(f"REGKB_REQUIRE_BROWSER is set but {CHROMIUM} does not exist")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, site_url: str):
    """A fresh page that records console errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.requests = []  # type: ignore[attr-defined]
    pg.on(
        "console",
        lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()
