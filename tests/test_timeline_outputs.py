"""The machine-readable outputs: feed.xml (Atom) and timeline.json."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.schema import PartialDate
from plugins.timeline.feed import instant, rfc3339
from tests.sitebuilder import BuildResult, build_site

PLUGINS = ["regkb-documents", "regkb-timeline", "search"]
A = "{http://www.w3.org/2005/Atom}"
R = "{urn:regkb:timeline:1}"

PAGES = {
    "index.md": "# Home\n",
    "news/mid.md": """
    ---
    title: Middle article
    kind: article
    date: 2025-11-11 13:30:07
    author: A. Writer
    summary: What happened in November.
    tags: [RWA]
    ---

    # Middle article

    Body.
    """,
    "regulations/new.md": """
    ---
    title: "New <notice> & more"
    kind: notice
    date: 2026-02-06
    issuers: [People's Bank of China, CSRC]
    jurisdiction: CN
    doc_number: Yinfa [2026] No. 42
    repeals: ["Yinfa [2021] No. 237"]
    events:
      - {date: 2026-03, kind: amended, anchor: "#article-2", source: Gazette}
    ---

    # New notice

    The first paragraph of the notice.

    ## Article 2 {#article-2}

    Text.
    """,
    "news/old.md": """
    ---
    title: Old article
    kind: article
    date: 2024
    ---

    # Old article

    Body.
    """,
    "news/undated.md": """
    ---
    title: Undated article
    kind: article
    ---

    # Undated article

    Body.
    """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuildResult:
    root = tmp_path_factory.mktemp("outputs")
    result = build_site(root, PAGES, plugins=PLUGINS, extra={"site_url": "https://example.org/kb/"})
    assert result.ok, result.messages
    return result


def test_feed_lists_dated_documents_newest_first_with_absolute_links(site: BuildResult) -> None:
    feed = ET.fromstring(site.read("feed.xml"))
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}title") == "test"
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "https://example.org/kb/feed.xml"
    entries = feed.findall(f"{A}entry")
    titles = [e.findtext(f"{A}title") for e in entries]
    assert titles == ["New <notice> & more", "Middle article", "Old article"]  # undated left out
    links = [e.find(f"{A}link").get("href") for e in entries]
    assert links == [
        "https://example.org/kb/regulations/new/",
        "https://example.org/kb/news/mid/",
        "https://example.org/kb/news/old/",
    ]
    assert [e.findtext(f"{A}id") for e in entries] == links
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == ["2026-02-06T00:00:00Z", "2025-11-11T13:30:07Z", "2024-01-01T00:00:00Z"]
    assert feed.findtext(f"{A}updated") == updated[0]
    exact = [(e.find(f"{R}date").text, e.find(f"{R}date").get("precision")) for e in entries]
    assert exact == [("2026-02-06", "day"), ("2025-11-11T13:30:07", "day"), ("2024", "year")]


def test_every_page_names_the_feed_in_its_head(site: BuildResult) -> None:
    """A feed reader given any page's address finds the feed (``rel="alternate"``); the
    plugin adds the link itself, a site needs no template of its own for it."""
    for page, href in (("index.html", "feed.xml"), ("news/undated/index.html", "../../feed.xml")):
        head = BeautifulSoup(site.read(page), "html.parser").head
        links = head.find_all("link", rel="alternate", type="application/atom+xml")
        assert [link["href"] for link in links] == [href], page
        assert links[0]["title"] == "test: new documents"
    # The 404 page is served at any address: its link is absolute, from site_url's path.
    head = BeautifulSoup(site.read("404.html"), "html.parser").head
    links = head.find_all("link", rel="alternate", type="application/atom+xml")
    assert [link["href"] for link in links] == ["/kb/feed.xml"]


def test_feed_entries_have_summary_author_and_categories(site: BuildResult) -> None:
    feed = ET.fromstring(site.read("feed.xml"))
    new, mid, old = feed.findall(f"{A}entry")
    assert mid.findtext(f"{A}summary") == "What happened in November."
    assert [a.findtext(f"{A}name") for a in mid.findall(f"{A}author")] == ["A. Writer"]
    assert [c.get("label") for c in mid.findall(f"{A}category")] == ["RWA"]
    assert new.findtext(f"{A}summary") == "The first paragraph of the notice."
    assert [a.findtext(f"{A}name") for a in new.findall(f"{A}author")] == [
        "People's Bank of China",
        "CSRC",
    ]
    assert old.findall(f"{A}author") == []  # the feed-level author covers it
    assert feed.find(f"{A}author").findtext(f"{A}name") == "test"


def test_feed_limit_keeps_the_newest(tmp_path: Path) -> None:
    result = build_site(
        tmp_path,
        PAGES,
        plugins=["regkb-documents", {"regkb-timeline": {"feed_entries": 1}}],
    )
    assert result.ok, result.messages
    entries = ET.fromstring(result.read("feed.xml")).findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["New <notice> & more"]


def test_feed_order_and_updated_follow_the_instants_it_writes(tmp_path: Path) -> None:
    """A date known to the year is written as its first instant: the timeline's order put
    it after that year's days, so it came first and the feed's ``updated`` was 1 January."""
    pages = {
        **PAGES,
        "news/year.md": "---\ntitle: Year only\nkind: article\ndate: 2026\n---\n\nText.\n",
        "news/nov.md": "---\ntitle: November\nkind: article\ndate: 2026-11-26\n---\n\nText.\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    feed = ET.fromstring(result.read("feed.xml"))
    entries = feed.findall(f"{A}entry")
    written = [e.findtext(f"{A}updated") for e in entries]
    assert written == sorted(written, reverse=True)
    assert feed.findtext(f"{A}updated") == written[0] == "2026-11-26T00:00:00Z"
    assert [e.findtext(f"{A}title") for e in entries][:3] == [
        "November",
        "New <notice> & more",
        "Year only",
    ]


def test_feed_writes_a_time_in_its_own_utc_offset_and_orders_by_the_instant() -> None:
    """Written "...T23:30:00Z" before, eight hours off; and 02:00+08:00 is before 23:30-08:00
    of the day before in UTC."""
    east = PartialDate.parse("2026-02-04 02:00 +08:00")  # 2026-02-03 18:00 UTC
    west = PartialDate.parse("2026-02-03 23:30 -08:00")  # 2026-02-04 07:30 UTC
    assert rfc3339(west) == "2026-02-03T23:30:00-08:00"
    assert rfc3339(PartialDate.parse("2026-02-03 10:00")) == "2026-02-03T10:00:00Z"
    assert instant(east) < instant(west)


def test_feed_without_site_url_uses_relative_links_and_urn_ids(tmp_path: Path) -> None:
    result = build_site(tmp_path, PAGES, plugins=PLUGINS, extra={"site_url": None})
    assert result.ok, result.messages
    feed = ET.fromstring(result.read("feed.xml"))
    entry = feed.findall(f"{A}entry")[0]
    assert entry.find(f"{A}link").get("href") == "regulations/new/"
    assert entry.findtext(f"{A}id") == "urn:regkb:page:regulations/new.md"


def test_json_has_every_event_in_timeline_order_with_documented_fields(site: BuildResult) -> None:
    data = json.loads(site.read("timeline.json"))
    assert data["format"] == "regkb-timeline" and data["version"] == 1
    assert data["site_url"] == "https://example.org/kb/"
    fields = {
        "date",
        "precision",
        "kind",
        "label",
        "title",
        "url",
        "doc_number",
        "jurisdiction",
        "tags",
        "versions",
        "anchor",
        "derived_from",
        "source",
        "origin",
    }
    assert all(set(e) == fields for e in data["events"])
    got = [(e["date"], e["precision"], e["kind"], e["title"]) for e in data["events"]]
    assert got == [
        ("2024", "year", "published", "Old article"),
        ("2025-11-11T13:30:07", "day", "published", "Middle article"),
        ("2026-02-06", "day", "issued", "New <notice> & more"),
        ("2026-02-06", "day", "repealed", "Yinfa [2021] No. 237"),
        ("2026-03", "month", "amended", "New <notice> & more"),
        (None, "unknown", "published", "Undated article"),
    ]


def test_json_records_derivation_anchor_and_source(site: BuildResult) -> None:
    events = json.loads(site.read("timeline.json"))["events"]
    repeal = next(e for e in events if e["kind"] == "repealed")
    assert repeal["url"] is None and repeal["doc_number"] == "Yinfa [2021] No. 237"
    assert repeal["jurisdiction"] is None and repeal["tags"] == []
    assert repeal["derived_from"] == {
        "title": "New <notice> & more",
        "url": "regulations/new/",
        "doc_number": "Yinfa [2026] No. 42",
    }
    assert repeal["origin"] == "repeals.0"
    assert repeal["label"] == "Repealed by Yinfa [2026] No. 42"
    assert repeal["source"] == "date of Yinfa [2026] No. 42"
    amended = next(e for e in events if e["kind"] == "amended")
    assert amended["anchor"] == "#article-2" and amended["source"] == "Gazette"
    assert amended["origin"] == "events.0" and amended["derived_from"] is None
    assert amended["url"] == "regulations/new/" and amended["jurisdiction"] == "CN"


def test_outputs_can_be_switched_off(tmp_path: Path) -> None:
    result = build_site(
        tmp_path,
        PAGES,
        plugins=["regkb-documents", {"regkb-timeline": {"json": False, "feed": False}}],
    )
    assert result.ok, result.messages
    assert result.site_dir is not None
    assert not (result.site_dir / "timeline.json").exists()
    assert not (result.site_dir / "feed.xml").exists()
    assert "feed.xml" not in result.read("timeline/index.html")
    assert "application/atom+xml" not in result.read("news/undated/index.html")
