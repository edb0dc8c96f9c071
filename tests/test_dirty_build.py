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


def _tagged(title: str, tag: str) -> str:
    return (
        f"---\ntitle: {title}\nkind: notice\ndate: 2025-03-05\ntags: [{tag}]\n---\n\n"
        "Rules for custody.\n"
    )


def test_an_editors_page_that_lists_others_is_rebuilt_in_a_dirty_build(tmp_path: Path) -> None:
    """A section's index, the home page (its latest documents), the tags page and the
    glossary's index are editors' files that list other pages: a dirty build skipped them
    (their source had not changed), so a new document, tag or term, or a new title, did
    not show there until the next full build."""
    pages = {
        "index.md": "# Home\n\nWelcome.\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        "glossary/index.md": "# Glossary\n\nOur terms.\n",
        "glossary/stablecoin.md": "---\nterm: Stablecoin\nsummary: A token.\n---\n\nBody.\n",
        "regulations/index.md": "# Regulations\n\nThe notices we follow.\n",
        "regulations/a.md": _tagged("First title", "custody"),
        "regulations/b.md": _tagged("Untouched notice", "custody"),
    }
    plugins = [*PLUGINS, "tags", "regkb-tags"]
    cfg_path = write_site(tmp_path, pages, plugins=plugins)
    build(load_config(str(cfg_path), strict=True))
    site = tmp_path / "site"

    later = time.time() + 5  # newer than anything the first build wrote
    changed = {
        "regulations/a.md": _tagged("Second title", "custody"),
        "regulations/c.md": _tagged("A new notice", "audits"),
        "glossary/rollup.md": "---\nterm: Rollup\nsummary: A chain.\n---\n\nBody.\n",
    }
    for rel, text in changed.items():
        source = tmp_path / "docs" / rel
        source.write_text(text, encoding="utf-8")
        os.utime(source, (later, later))
    config = load_config(str(cfg_path))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()

    for rel in ("regulations/index.html", "index.html"):
        html = (site / rel).read_text(encoding="utf-8")
        assert "Second title" in html and "First title" not in html, rel
        assert "A new notice" in html, rel
    assert "audits" in (site / "tags/index.html").read_text(encoding="utf-8")
    assert "Rollup" in (site / "glossary/index.html").read_text(encoding="utf-8")
    # The others are still left alone: that is what makes the build fast.
    assert "Untouched notice" in (site / "regulations/b/index.html").read_text(encoding="utf-8")
