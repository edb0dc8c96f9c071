"""`make serve-fast` is `mkdocs serve --dirty`: a rebuild writes only the pages whose source
changed, plus the pages the plugins generate (listings, timelines). It must not fail, and
what it writes must show the edit."""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.sitebuilder import write_site

PLUGINS = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search"]


def _doc(title: str) -> str:
    return (
        f"---\ntitle: {title}\nkind: notice\ndate: 2025-03-04\nin_force: 2025-04-01\n"
        "jurisdiction: CN\n---\n\nRules for every stablecoin issuer.\n"
    )


def test_a_dirty_rebuild_shows_the_edit_on_the_page_its_listing_and_the_timeline(
    tmp_path: Path,
) -> None:
    pages = {
        "index.md": "# Home\n",
        "glossary/stablecoin.md": "---\nterm: Stablecoin\nsummary: A token.\n---\n\nBody.\n",
        "regulations/a.md": _doc("First title"),
        "regulations/b.md": _doc("Untouched notice"),
    }
    cfg_path = write_site(tmp_path, pages, plugins=PLUGINS)
    build(load_config(str(cfg_path), strict=True))
    site = tmp_path / "site"
    untouched = site / "regulations/b/index.html"
    before = untouched.stat().st_mtime_ns

    time.sleep(0.01)
    source = tmp_path / "docs/regulations/a.md"
    source.write_text(_doc("Second title"), encoding="utf-8")
    later = time.time() + 5  # newer than anything the first build wrote
    os.utime(source, (later, later))
    # MkDocs warns that a dirty build's links may be stale, so it is never strict.
    build(load_config(str(cfg_path)), dirty=True)

    for rel in ("regulations/a/index.html", "regulations/index.html", "timeline/index.html"):
        html = (site / rel).read_text(encoding="utf-8")
        assert "Second title" in html and "First title" not in html, rel
    assert untouched.stat().st_mtime_ns == before  # not rebuilt: that is what makes it fast
