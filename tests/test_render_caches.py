"""Per-build caches of list rows: the same HTML as rendering every row afresh, on any page.

The timeline's ``EventCells`` and the glossary's "Used in" cells are shared by every page of
a build, pages at different depths among them; a cached part that wrongly held something
page-dependent (a relative link) would show up here as a difference.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from plugins.glossary import render as glossary_render
from plugins.schema import EventKind, PartialDate
from plugins.timeline import render as timeline_render
from plugins.timeline.events import DocRef, TimelineEvent, kind_label
from tests.sitebuilder import write_site

PAGE_URLS = ["", "timeline/", "timeline/tags/rwa/", "glossary/stablecoin/", "news/a/", "x.html"]

ON_SITE = DocRef(
    'Rules on <stablecoins> & "reserves"',
    url="news/a/",
    src_uri="news/a.md",
    doc_number="Notice [2025] No. 7",
    jurisdiction="HK",
)
ACTOR = DocRef("Repealing notice", url="regulations/b/", src_uri="regulations/b.md")
OFF_SITE = DocRef("An old <circular>", doc_number="No. 3")

EVENTS = [
    TimelineEvent(PartialDate(2025, 3, 4), EventKind.issued, kind_label(EventKind.issued), ON_SITE),
    TimelineEvent(
        PartialDate(2025), EventKind.in_force, "Article 4 applies", ON_SITE, "#article-4"
    ),
    TimelineEvent(
        PartialDate(2026, 1),
        EventKind.repealed,
        kind_label(EventKind.repealed),
        ON_SITE,
        derived_from=ACTOR,
        origin="repeals.0",
    ),
    TimelineEvent(None, EventKind.published, "Published <b>late</b>", OFF_SITE),
]


@pytest.mark.parametrize("page_url", PAGE_URLS)
def test_event_items_from_a_shared_cache_equal_fresh_ones(page_url: str) -> None:
    cells = timeline_render.EventCells()
    for other in PAGE_URLS:  # fill the cache from every other page first
        for event in EVENTS:
            timeline_render.event_item(event, other, cells=cells)
    for event in EVENTS:
        fresh = timeline_render.event_item(event, page_url)
        assert timeline_render.event_item(event, page_url, cells=cells) == fresh
        assert timeline_render.event_item(event, page_url, "<i>x</i>", cells) == (
            timeline_render.event_item(event, page_url, "<i>x</i>")
        )


def test_event_item_links_are_relative_to_each_page() -> None:
    cells = timeline_render.EventCells()
    deep = timeline_render.event_item(EVENTS[1], "timeline/tags/rwa/", cells=cells)
    top = timeline_render.event_item(EVENTS[1], "", cells=cells)
    assert 'href="../../../news/a/"' in deep and 'href="../../../news/a/#article-4"' in deep
    assert 'href="news/a/"' in top and 'href="news/a/#article-4"' in top
    assert "&lt;stablecoins&gt; &amp; &quot;reserves&quot;" in top  # escaped once, not twice


def test_event_cells_serve_each_event_its_own_parts_while_events_come_and_go() -> None:
    """Keyed by id(): were the cache not to keep its events alive, the next event made
    after one is dropped would get its id (CPython reuses the memory at once) and be
    served the dropped one's HTML."""
    cells = timeline_render.EventCells()
    dates = [PartialDate(2000 + n) for n in range(20)]
    refs = [DocRef(f"T{n}") for n in range(20)]
    for n in range(20):
        event = TimelineEvent(dates[n], EventKind.issued, "Issued", refs[n])
        item = timeline_render.event_item(event, "", cells=cells)
        assert f">T{n}<" in item and f'datetime="{2000 + n}"' in item
        del event


def _doc(src: str, url: str, title: str, date: PartialDate | None) -> SimpleNamespace:
    meta = SimpleNamespace(title=title, kind=SimpleNamespace(value="notice"), date=date)
    return SimpleNamespace(src_uri=src, url=url, meta=meta, lang=None, language="en")


def test_used_in_rows_from_a_shared_cache_equal_fresh_ones() -> None:
    docs = [
        _doc("news/a.md", "news/a/", "A <title> & more", PartialDate(2025, 2, 1)),
        _doc("glossary/b.md", "glossary/b/", "Under the glossary", None),
    ]
    cells: dict[str, str] = {}
    for page_url in PAGE_URLS + list(reversed(PAGE_URLS)):
        for count in (1, 7):
            rows = [glossary_render.UsedIn(d, count) for d in docs]  # type: ignore[arg-type]
            fresh = glossary_render.render_used_in(rows, page_url, "used-in")
            assert glossary_render.render_used_in(rows, page_url, "used-in", cells) == fresh
            assert f"<td>{count}</td>" in fresh
    assert set(cells) == {"news/a.md", "glossary/b.md"}
    assert "A &lt;title&gt; &amp; more" in cells["news/a.md"]


def test_a_second_build_in_the_same_process_shows_edited_titles(tmp_path: Path) -> None:
    """``mkdocs serve`` rebuilds with the same plugin instances: nothing cached from the
    first build may show on a term page or a timeline page of the second."""

    def notice(title: str) -> str:
        return (
            f"---\ntitle: {title}\nkind: notice\ndate: 2025-03-04\nin_force: 2025-04-01\n"
            "jurisdiction: HK\n---\n\n"
            "Rules for every stablecoin issuer.\n"
        )

    pages = {
        "index.md": "# Home\n",
        "glossary/stablecoin.md": "---\nterm: Stablecoin\nsummary: A token.\n---\n\nBody.\n",
        "regulations/a.md": notice("First title"),
    }
    cfg_file = write_site(
        tmp_path, pages, plugins=["regkb-documents", "regkb-glossary", "regkb-timeline"]
    )
    cfg = load_config(str(cfg_file), strict=True)
    term_page = tmp_path / "site/glossary/stablecoin/index.html"
    timeline_page = tmp_path / "site/timeline/index.html"

    build(cfg)
    for page in (term_page, timeline_page):
        assert "First title" in page.read_text("utf-8")

    (tmp_path / "docs/regulations/a.md").write_text(notice("Second title"), encoding="utf-8")
    build(cfg)
    term_html = term_page.read_text("utf-8")
    soup = BeautifulSoup(term_html, "html.parser")
    for rows in ("section.glossary-used-in td > a", "section.regkb-term-timeline li a"):
        names = [a.get_text(" ", strip=True) for a in soup.select(rows)]
        assert names and names[0].startswith("Second title"), (rows, names)
    assert "First title" not in term_html
    timeline_html = timeline_page.read_text("utf-8")
    assert "Second title" in timeline_html and "First title" not in timeline_html
    # The timeline hands its document events to the documents plugin once per build.
    notice_html = (tmp_path / "site/regulations/a/index.html").read_text("utf-8")
    assert notice_html.count('<ol class="regkb-doc-events"') == 1
