"""Generated lists go into the written pages, never into ``page.content`` (plugins.deferred)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands import build as build_module
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from plugins.deferred import DeferredHTML
from tests.sitebuilder import write_site


def test_placeholders_are_replaced_once_and_only_on_their_page() -> None:
    deferred = DeferredHTML("test")
    calls: list[str] = []
    page_a, page_b = "a.md", "b.md"
    first = deferred.add(page_a, lambda: calls.append("one") or "<ul>one</ul>")
    second = deferred.add(page_a, lambda: calls.append("two") or "<ul>two</ul>")
    other = deferred.add(page_b, lambda: "<ul>b</ul>")
    assert calls == []  # nothing is made before the page is written
    output = f"<article>{second}<p>x</p>{first}</article>"
    assert deferred.fill(output, page_a) == "<article><ul>two</ul><p>x</p><ul>one</ul></article>"
    assert sorted(calls) == ["one", "two"]
    # Page a is done: its makers are gone, page b's placeholder is not page a's business.
    assert deferred.fill(output, page_a) == output
    assert deferred.fill(f"<p>{other}</p>", page_b) == "<p><ul>b</ul></p>"


def test_a_placeholder_with_no_maker_becomes_nothing() -> None:
    deferred = DeferredHTML("test")
    page = "a.md"
    marker = deferred.add(page, lambda: "made")
    stray = marker.replace(":0-->", ":7-->")
    assert deferred.fill(f"{marker}|{stray}", page) == "made|"


def test_clear_forgets_pending_fragments() -> None:
    deferred = DeferredHTML("test")
    page = "a.md"
    marker = deferred.add(page, lambda: "made")
    deferred.clear()
    assert deferred.fill(marker, page) == marker


def test_names_are_checked() -> None:
    with pytest.raises(ValueError):
        DeferredHTML("no spaces-->")


DOCS = {
    "index.md": "# Home\n",
    "glossary/index.md": "# Glossary\n",
    "glossary/stablecoin.md": (
        "---\nterm: Stablecoin\nsummary: A token with a steady value.\n---\n\nA token.\n"
    ),
    "news/old.md": (
        "---\ntitle: Old stablecoin story\nkind: article\ndate: 2025-01-02\n---\n\n"
        "# Old stablecoin story\n\nA stablecoin was issued.\n"
    ),
    "regulations/rule.md": (
        "---\ntitle: Stablecoin rule\nkind: notice\ndate: 2025-03-04\nin_force: 2025-04-01\n"
        "doc_number: Test [2025] No. 1\n---\n\n# Stablecoin rule\n\n## Part I\n\n"
        "Every stablecoin.\n"
    ),
    "news/new.md": (
        "---\ntitle: New story\nkind: article\ndate: 2025-05-06\ncites: ['Test [2025] No. 1']\n"
        "---\n\n# New story\n\nOn Test [2025] No. 1 and a stablecoin.\n"
    ),
}


def build_keeping_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plugins: list[str]
) -> dict[str, Page]:
    """Build ``DOCS`` and return every page as MkDocs holds it once the build is over."""
    pages: dict[str, Page] = {}
    build_page = build_module._build_page

    def keep(page, *args, **kwargs):
        pages[page.file.src_uri] = page
        return build_page(page, *args, **kwargs)

    monkeypatch.setattr(build_module, "_build_page", keep)
    config = load_config(str(write_site(tmp_path, DOCS, plugins=plugins)), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build_module.build(config)
    return pages


def test_generated_lists_are_written_but_not_kept_in_page_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search"]
    pages = build_keeping_pages(tmp_path, monkeypatch, plugins)
    site = tmp_path / "site"

    def written(rel: str) -> BeautifulSoup:
        return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")

    # Each list is in the written page...
    term = written("glossary/stablecoin/index.html")
    used_in = term.select_one("#glossary-used-in")
    assert used_in is not None
    assert "Old stablecoin story" in used_in.find_parent("section").get_text()
    assert term.select("section.regkb-term-timeline li.regkb-event")
    assert written("news/index.html").select(".regkb-listing-page a")
    backlinks = written("regulations/rule/index.html").select_one("section.regkb-backlinks")
    assert backlinks is not None and "New story" in backlinks.get_text()
    assert (
        len(written("timeline/index.html").select("li.regkb-event")) == 4
    )  # three dates and the rule's entry into force
    for path in site.rglob("*.html"):
        assert "regkb-deferred" not in path.read_text(encoding="utf-8"), path
    # ...and none of them is held in page.content for the rest of the build.
    assert "Old stablecoin story" not in pages["glossary/stablecoin.md"].content
    assert "regkb-event" not in pages["glossary/stablecoin.md"].content
    assert "New story" not in pages["regulations/rule.md"].content
    assert "regkb-event__doc" not in pages["timeline/index.md"].content


def test_document_panel_events_and_contents_are_written_in_order_but_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The panel, the timeline's events under it and a notice's contents box are made when
    the page is written; the timeline's list goes between the other two."""
    pages = build_keeping_pages(
        tmp_path, monkeypatch, ["regkb-documents", "regkb-timeline", "search"]
    )
    page = (tmp_path / "site" / "regulations/rule/index.html").read_text(encoding="utf-8")
    html = page[page.index("<body") :]  # the head's description holds the text too
    order = [
        html.index("</h1>"),
        html.index('<dl class="regkb-meta"'),
        html.index('<ol class="regkb-doc-events"'),
        html.index('<details class="regkb-contents"'),
        html.index("Every stablecoin."),
    ]
    assert order == sorted(order)
    assert html.count('<dl class="regkb-meta"') == 1
    assert html.count('<ol class="regkb-doc-events"') == 1
    content = pages["regulations/rule.md"].content
    assert "Every stablecoin." in content
    assert "regkb-meta" not in content
    assert "regkb-doc-events" not in content
    assert "regkb-contents" not in content


class StripComments(BasePlugin):
    """Stands for a minifier: drops every HTML comment from the written page."""

    def on_post_page(self, output: str, *, page, config) -> str:
        return re.sub(r"<!--.*?-->", "", output, flags=re.S)


def test_lists_are_in_before_other_plugins_post_process_the_page(tmp_path: Path) -> None:
    cfg_path = write_site(
        tmp_path,
        DOCS,
        plugins=["regkb-documents", "regkb-glossary", "regkb-timeline", "search"],
    )
    config = load_config(str(cfg_path), strict=True)
    config.plugins["strip-comments"] = StripComments()
    config.plugins.on_startup(command="build", dirty=False)
    build_module.build(config)
    site = tmp_path / "site"
    term = (site / "glossary/stablecoin/index.html").read_text(encoding="utf-8")
    assert "Old stablecoin story" in term  # the "Used in" list survived the stripping
    timeline = BeautifulSoup(
        (site / "timeline/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert len(timeline.select("li.regkb-event")) == 4
