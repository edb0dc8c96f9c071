"""The timeline plugin in a real strict build: pages, document events, links, errors."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.sitebuilder import BuildResult, build_site

PLUGINS = ["regkb-documents", "regkb-timeline", "search"]

NEW = """
---
title: New notice
kind: notice
date: 2026-02-06
in_force: 2026-03-01
in_force_basis: thirty days after publication
jurisdiction: CN
doc_number: Yinfa [2026] No. 42
tags: [RWA, virtual currency]
repeals: ["Yinfa [2021] No. 237", "Yinfa [2017] No. 1"]
events:
  - {date: 2026-01, kind: consultation, label: Draft published for comment, source: Gazette}
  - {date: 2026-06-30, kind: in force, anchor: "#article-19", label: Article 19 applies}
---

# New notice

Intro paragraph.

## Article 19 {#article-19}

Text of the article.
"""

OLD = """
---
title: Old notice
kind: notice
date: 2021-09
jurisdiction: CN
doc_number: Yinfa [2021] No. 237
tags: [virtual currency]
---

# Old notice

Old text.
"""

YEAR_ONLY = """
---
title: Year-only article
kind: article
date: 2026
jurisdiction: US
tags: [RWA]
---

# Year-only article

Body.
"""

MONTH_ONLY = """
---
title: Month-only article
kind: article
date: 2026-02
jurisdiction: US
---

# Month-only article

Body.
"""

UNDATED = """
---
title: Undated guidance
kind: guidance
jurisdiction: EU
---

Body without a heading.
"""

PAGES = {
    "index.md": "# Home\n",
    "regulations/new.md": NEW,
    "regulations/old.md": OLD,
    "news/year.md": YEAR_ONLY,
    "news/month.md": MONTH_ONLY,
    "regulations/undated.md": UNDATED,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuildResult:
    result = build_site(tmp_path_factory.mktemp("timeline"), PAGES, plugins=PLUGINS)
    assert result.ok, result.messages
    assert result.warnings() == []
    return result


def soup(result: BuildResult, rel: str) -> BeautifulSoup:
    return BeautifulSoup(result.read(rel), "html.parser")


def article(result: BuildResult, rel: str):
    node = soup(result, rel).select_one("article.md-content__inner")
    assert node is not None
    return node


def events(node) -> list[dict[str, str | None]]:
    """Each event of a timeline list as the fields a reader sees."""
    out = []
    for li in node.select("ol.regkb-timeline > li.regkb-event"):
        time = li.select_one("time")
        doc = li.select_one(".regkb-event__doc")
        label = li.select_one(".regkb-event__label")
        out.append(
            {
                "date": time["datetime"] if time else None,
                "kind": kind_of(li),
                "doc": doc.get_text(" ", strip=True) if doc else None,
                "href": doc.get("href") if doc is not None and doc.name == "a" else None,
                "label": label.get_text(" ", strip=True) if label else None,
            }
        )
    return out


def kind_of(li) -> str:
    """The event kind an item is marked with (``regkb-event--repealed`` -> ``repealed``)."""
    marks = [c.split("--", 1)[1] for c in li.get("class", []) if "--" in c]
    assert len(marks) == 1, li
    return marks[0]


def resolve(page_rel: str, href: str) -> str:
    """The site file an href on the page at ``page_rel`` (a path in site/) points at."""
    path = unquote(urlsplit(href).path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    return target + "/index.html" if href.split("#")[0].endswith("/") else target


def test_timeline_orders_day_month_year_and_unknown(site: BuildResult) -> None:
    node = article(site, "timeline/index.html")
    got = [(e["date"], e["kind"], e["doc"]) for e in events(node)]
    assert got == [
        ("2021-09", "issued", "Old notice Yinfa [2021] No. 237"),
        ("2026-01", "consultation", "New notice Yinfa [2026] No. 42"),
        ("2026-02-06", "issued", "New notice Yinfa [2026] No. 42"),
        ("2026-02", "published", "Month-only article"),
        ("2026-03-01", "in_force", "New notice Yinfa [2026] No. 42"),
        ("2026-03-01", "repealed", "Old notice Yinfa [2021] No. 237"),
        ("2026-03-01", "repealed", "Yinfa [2017] No. 1"),
        ("2026-06-30", "in_force", "New notice Yinfa [2026] No. 42"),
        ("2026", "published", "Year-only article"),
        (None, "issued", "Undated guidance"),
    ]
    headings = [h.get_text(strip=True).rstrip("¶") for h in node.select("h2, h3")]
    assert headings == [
        "2021",
        "September 2021",
        "2026",
        "January 2026",
        "February 2026",
        "March 2026",
        "June 2026",
        "2026, month unknown",
        "Date unknown",
    ]


def test_the_build_log_sums_up_documents_and_timelines(
    site: BuildResult, split_site: BuildResult
) -> None:
    def summary(result: BuildResult, plugin: str) -> list[str]:
        return [m.split(": ", 1)[1] for m in result.messages if f"{plugin}:" in m]

    assert summary(site, "regkb-timeline") == ["regkb-timeline: 10 events on 6 timeline pages"]
    assert summary(split_site, "regkb-timeline") == [
        "regkb-timeline: 10 events on 13 timeline pages (7 of them a year of a long timeline)"
    ]
    [documents] = summary(site, "regkb-documents")
    assert documents.startswith(
        "regkb-documents: 5 documents (article: 2, notice: 2, guidance: 1), 6 listing pages; "
        "the text of 18 pages linked in "
    )


def test_dates_are_shown_at_their_precision(site: BuildResult) -> None:
    node = article(site, "timeline/index.html")
    times = {t["datetime"]: t.get_text() for t in node.select("ol.regkb-timeline time")}
    assert times["2026"] == "2026"
    assert times["2026-02"] == "February 2026"
    assert times["2026-02-06"] == "6 February 2026"
    unknown = node.select_one(".regkb-date--unknown")
    assert unknown is not None and unknown.get_text() == "date unknown"


def test_repeal_links_both_ways(site: BuildResult) -> None:
    node = article(site, "timeline/index.html")
    repeal = next(e for e in events(node) if e["kind"] == "repealed" and e["href"])
    assert repeal["label"] == "Repealed by Yinfa [2026] No. 42"
    assert resolve("timeline/index.html", repeal["href"]) == "regulations/old/index.html"

    old = article(site, "regulations/old/index.html").select_one("ol.regkb-doc-events")
    assert old is not None
    item = next(li for li in old.find_all("li") if kind_of(li) == "repealed")
    assert item.get_text(" ", strip=True).startswith("Repealed by Yinfa [2026] No. 42")
    assert item.select_one("time")["datetime"] == "2026-03-01"
    link = item.select_one("a")
    assert resolve("regulations/old/index.html", link["href"]) == "regulations/new/index.html"

    new = article(site, "regulations/new/index.html").select_one("ol.regkb-doc-events")
    assert new is not None
    repeals = [li for li in new.find_all("li") if kind_of(li) == "repealed"]
    texts = [li.select_one(".regkb-doc-events__what").get_text(" ", strip=True) for li in repeals]
    assert texts == ["Repeals Yinfa [2021] No. 237", "Repeals Yinfa [2017] No. 1"]
    link = repeals[0].select_one("a")
    assert resolve("regulations/new/index.html", link["href"]) == "regulations/old/index.html"


def test_a_document_missing_from_the_site_is_listed_by_number_without_link(
    site: BuildResult,
) -> None:
    node = article(site, "timeline/index.html")
    missing = [e for e in events(node) if e["doc"] == "Yinfa [2017] No. 1"]
    assert len(missing) == 1 and missing[0]["href"] is None
    li = next(
        li
        for li in node.select("li.regkb-event")
        if li.select_one(".regkb-event__doc").get_text(strip=True) == "Yinfa [2017] No. 1"
    )
    assert li.select_one(".regkb-event__doc").name == "span"
    # The repealer is still linked from that entry.
    assert li.select_one(".regkb-event__label a") is not None
    new = article(site, "regulations/new/index.html").select_one("ol.regkb-doc-events")
    offsite = new.select_one(".regkb-offsite")
    assert offsite is not None and offsite.name == "span"
    assert offsite.get_text() == "Yinfa [2017] No. 1"


def test_clause_anchor_is_linked(site: BuildResult) -> None:
    node = article(site, "timeline/index.html")
    clause = node.select_one("a.regkb-event__clause")
    assert clause is not None and clause.get_text() == "article 19"
    assert clause["href"].endswith("#article-19")
    assert resolve("timeline/index.html", clause["href"]) == "regulations/new/index.html"
    own = article(site, "regulations/new/index.html").select_one("ol.regkb-doc-events")
    assert own.select_one('a[href="#article-19"]').get_text() == "Article 19 applies"


def test_per_jurisdiction_and_per_tag_pages(site: BuildResult) -> None:
    index = article(site, "timeline/index.html")
    browse = {
        a.get_text(): resolve("timeline/index.html", a["href"])
        for a in index.select("nav.regkb-timeline-browse a")
    }
    assert browse == {
        "China (CN)": "timeline/jurisdiction/cn/index.html",
        "European Union (EU)": "timeline/jurisdiction/eu/index.html",
        "United States (US)": "timeline/jurisdiction/us/index.html",
        "RWA": "timeline/tag/rwa/index.html",
        "virtual currency": "timeline/tag/virtual-currency/index.html",
    }
    us_page = soup(site, "timeline/jurisdiction/us/index.html")
    assert us_page.title.get_text().startswith("Timeline: United States (US) - ")
    # The badge keeps the code short; hovering it names the jurisdiction.
    badges = {b.get_text(): b["title"] for b in us_page.select(".regkb-event__jurisdiction")}
    assert badges == {"US": "Jurisdiction: United States"}
    us = events(article(site, "timeline/jurisdiction/us/index.html"))
    assert [e["doc"] for e in us] == ["Month-only article", "Year-only article"]
    cn = events(article(site, "timeline/jurisdiction/cn/index.html"))
    assert {e["doc"] for e in cn} == {
        "Old notice Yinfa [2021] No. 237",
        "New notice Yinfa [2026] No. 42",
        "Yinfa [2017] No. 1",  # repealed by a CN document, so on the CN timeline
    }
    rwa = events(article(site, "timeline/tag/rwa/index.html"))
    assert "Year-only article" in {e["doc"] for e in rwa}
    assert "Old notice Yinfa [2021] No. 237" in {e["doc"] for e in rwa}  # via its repealer
    assert "Month-only article" not in {e["doc"] for e in rwa}
    tag_page = soup(site, "timeline/tag/rwa/index.html")
    assert tag_page.title.get_text().startswith("Timeline: RWA")
    back = {a.get_text(): a["href"] for a in tag_page.select(".regkb-timeline-links a")}
    assert resolve("timeline/tag/rwa/index.html", back["All events"]) == "timeline/index.html"


def test_only_the_main_timeline_is_in_the_nav(site: BuildResult) -> None:
    nav_links = {a["href"] for a in soup(site, "index.html").select("nav.md-nav a.md-nav__link")}
    assert any(h.rstrip("/").endswith("timeline") for h in nav_links), nav_links
    assert not any("jurisdiction" in h or "/tag/" in h for h in nav_links)


def test_document_events_follow_the_title(site: BuildResult) -> None:
    page = site.read("regulations/new/index.html")
    html = page[page.index("<body") :]  # the head's description holds the first paragraph
    h1_end = html.index("</h1>")
    events_at = html.index('<ol class="regkb-doc-events"')
    body_at = html.index("Intro paragraph.")
    assert h1_end < events_at < body_at
    own = article(site, "regulations/new/index.html").select_one("ol.regkb-doc-events")
    kinds = [kind_of(li) for li in own.find_all("li")]
    assert kinds == ["consultation", "issued", "in_force", "repealed", "repealed", "in_force"]
    # Only one list, even though the page has a panel inserted by the documents plugin.
    assert html.count('class="regkb-doc-events"') == 1


def test_page_without_h1_gets_its_events_at_the_top(tmp_path: Path) -> None:
    page = (
        "---\ntitle: T\nkind: notice\ndate: 2025-05-05\nin_force: 2025-06-01\n---\n\nBody text.\n"
    )
    result = build_site(tmp_path, {"index.md": "# H\n", "regulations/t.md": page}, plugins=PLUGINS)
    assert result.ok, result.messages
    written = result.read("regulations/t/index.html")
    content = written[written.index("<body") :]
    assert content.index('<ol class="regkb-doc-events"') < content.index("Body text.")


def test_every_link_in_timeline_pages_is_relative_and_resolves(site: BuildResult) -> None:
    assert site.site_dir is not None
    pages = [
        "timeline/index.html",
        "timeline/jurisdiction/cn/index.html",
        "timeline/tag/rwa/index.html",
        "regulations/old/index.html",
        "regulations/new/index.html",
    ]
    for rel in pages:
        node = article(site, rel)
        for a in node.select(
            ".regkb-timeline a, .regkb-doc-events a, .regkb-timeline-browse a, "
            ".regkb-timeline-links a"
        ):
            href = a["href"]
            assert not href.startswith(("/", "http:", "https:")), (rel, href)
            if href.startswith("#"):
                continue
            assert (site.site_dir / resolve(rel, href)).is_file(), (rel, href)


def test_stylesheet_is_shipped_and_linked(site: BuildResult) -> None:
    assert site.site_dir is not None
    assert (site.site_dir / "assets/regkb-timeline.css").is_file()
    links = [link["href"] for link in soup(site, "timeline/index.html").select("link")]
    assert any(h.endswith("assets/regkb-timeline.css") for h in links)


def test_hostile_front_matter_is_escaped(tmp_path: Path) -> None:
    hostile = """
    ---
    title: "Evil <script>alert(1)</script> & co"
    kind: notice
    date: 2026-01-02
    doc_number: "No. 1 <img src=x onerror=alert(2)>"
    tags: ['R&D "x" & co']
    events:
      - {date: 2026-02, kind: announced, label: "<iframe src=x></iframe>",
         source: "<svg onload=alert(3)>"}
    ---

    # Evil

    Body.
    """
    result = build_site(
        tmp_path, {"index.md": "# H\n", "regulations/evil.md": hostile}, plugins=PLUGINS
    )
    assert result.ok, result.messages
    for rel in ["timeline/index.html", "timeline/tag/r-d-x-co/index.html"]:
        html = result.read(rel)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<iframe" not in html and 'R&D "x"' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    # A tag may not hold markup (the schema refuses < and >); what it may hold is escaped.
    tag_page = soup(result, "timeline/tag/r-d-x-co/index.html")
    assert tag_page.title.get_text().startswith('Timeline: R&D "x" & co')
    doc_events = result.read("regulations/evil/index.html")
    assert "<iframe" not in doc_events and "&lt;iframe src=x&gt;" in doc_events
    for html in (doc_events, result.read("timeline/index.html")):
        assert "<svg onload" not in html and "(source: &lt;svg onload=alert(3)&gt;)" in html


@pytest.mark.parametrize(
    ("event", "field", "words"),
    [
        ("{date: 2026-02-30, kind: issued}", "events.0.date", "invalid date"),
        ("{date: soon, kind: issued}", "events.0.date", "invalid date"),
        ("{date: 2026-02-01, kind: party}", "events.0.kind", "unknown event kind 'party'"),
    ],
)
def test_invalid_event_fails_strict_naming_file_and_field(
    tmp_path: Path, event: str, field: str, words: str
) -> None:
    page = f"---\ntitle: T\nkind: notice\ndate: 2026\nevents:\n  - {event}\n---\n\n# T\n"
    result = build_site(
        tmp_path, {"index.md": "# H\n", "regulations/bad.md": page}, plugins=PLUGINS
    )
    assert not result.ok
    assert any(
        "regulations/bad.md" in m and f"field '{field}'" in m and words in m
        for m in result.warnings()
    ), result.messages


def test_anchor_missing_from_the_page_warns_with_file_field_and_anchor(tmp_path: Path) -> None:
    page = (
        "---\ntitle: T\nkind: notice\ndate: 2026\nevents:\n"
        "  - {date: 2026-03, kind: amended, anchor: '#article-99'}\n---\n\n# T\n\n"
        "## Article 1 {#article-1}\n\nText.\n"
    )
    result = build_site(tmp_path, {"index.md": "# H\n", "regulations/t.md": page}, plugins=PLUGINS)
    assert not result.ok
    assert any(
        "regulations/t.md:6: field 'events.0.anchor'" in m and "#article-99" in m
        for m in result.warnings()
    ), result.messages
    lenient = build_site(
        tmp_path / "lenient", {"index.md": "# H\n", "regulations/t.md": page},
        plugins=PLUGINS, strict=False,
    )  # fmt: skip
    assert lenient.ok


def test_self_repeal_is_reported(tmp_path: Path) -> None:
    page = "---\ntitle: T\nkind: notice\ndoc_number: N1\nrepeals:\n  - N2\n  - N1\n---\n\n# T\n"
    result = build_site(tmp_path, {"index.md": "# H\n", "regulations/t.md": page}, plugins=PLUGINS)
    assert not result.ok
    assert any("regulations/t.md:7: field 'repeals.1'" in m for m in result.warnings())


def test_editors_own_timeline_page_gets_the_timeline_appended(tmp_path: Path) -> None:
    pages = {
        "index.md": "# H\n",
        "timeline/index.md": "# Our timeline\n\nEditors' introduction.\n",
        "news/a.md": "---\ntitle: A\nkind: article\ndate: 2025-05-05\n---\n\n# A\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    node = article(result, "timeline/index.html")
    assert node.select_one("h1").get_text(strip=True).rstrip("¶") == "Our timeline"
    assert len(node.select("h1")) == 1
    assert "Editors' introduction." in node.get_text()
    assert [e["doc"] for e in events(node)] == ["A"]


def test_without_directory_urls_links_still_resolve(tmp_path: Path) -> None:
    pages = {"index.md": "# H\n", "regulations/new.md": NEW, "regulations/old.md": OLD}
    result = build_site(tmp_path, pages, plugins=PLUGINS, extra={"use_directory_urls": False})
    assert result.ok, result.messages
    assert result.site_dir is not None
    node = article(result, "timeline/index.html")
    hrefs = [a["href"] for a in node.select(".regkb-timeline a")]
    assert hrefs and all(".html" in h for h in hrefs)
    for href in hrefs:
        target = posixpath.normpath(posixpath.join("timeline", urlsplit(href).path))
        assert (result.site_dir / target).is_file(), href


def test_plugin_can_be_switched_off(tmp_path: Path) -> None:
    pages = {"index.md": "# H\n", "regulations/new.md": NEW, "regulations/old.md": OLD}
    result = build_site(
        tmp_path, pages, plugins=["regkb-documents", {"regkb-timeline": {"enabled": False}}]
    )
    assert result.ok, result.messages
    assert result.site_dir is not None
    assert not (result.site_dir / "timeline").exists()
    assert not (result.site_dir / "feed.xml").exists()
    assert "regkb-doc-events" not in result.read("regulations/new/index.html")


def test_timeline_pages_stay_out_of_search(site: BuildResult) -> None:
    index = json.loads(site.read("search/search_index.json"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "regulations/new/" in locations
    assert not any(loc.startswith("timeline/") for loc in locations), locations


def test_a_rebuild_keeps_nothing_from_the_previous_build(tmp_path: Path) -> None:
    """``mkdocs serve`` rebuilds with the same plugin instances: nothing may leak."""
    pages = {"index.md": "# H\n", "regulations/new.md": NEW, "regulations/old.md": OLD}
    first = build_site(tmp_path, pages, plugins=PLUGINS)
    assert first.ok, first.messages
    cfg = load_config(str(tmp_path / "mkdocs.yml"), strict=True)
    build(cfg)
    (tmp_path / "docs/regulations/new.md").unlink()
    build(cfg)
    node = article(first, "timeline/index.html")
    assert [e["doc"] for e in events(node)] == ["Old notice Yinfa [2021] No. 237"]
    # With the repeal gone, the old notice's only event is its date, which its panel gives.
    assert article(first, "regulations/old/index.html").select_one("ol.regkb-doc-events") is None
    assert cfg.extra_css.count("assets/regkb-timeline.css") == 1
    data = json.loads(first.read("timeline.json"))
    assert [e["title"] for e in data["events"]] == ["Old notice"]


def test_without_the_documents_plugin_the_error_says_what_to_add(tmp_path: Path) -> None:
    result = build_site(tmp_path, {"index.md": "# H\n"}, plugins=["regkb-timeline"])
    assert not result.ok
    assert any("needs the 'regkb-documents' plugin" in m for m in result.messages)


def _toc_links(result: BuildResult, rel: str) -> list[tuple[str, str]]:
    """(href, text) of the page's table of contents in Material's sidebar."""
    toc = soup(result, rel).select_one('nav.md-nav--secondary[aria-label="Table of contents"]')
    assert toc is not None
    return [(a["href"], a.get_text(strip=True)) for a in toc.select("a.md-nav__link")]


def test_year_and_month_headings_are_in_the_table_of_contents(site: BuildResult) -> None:
    """The headings are written as HTML, not Markdown: the plugin lists them in the table of
    contents itself, with the ids and permalinks the toc extension would give them."""
    links = _toc_links(site, "timeline/index.html")
    assert links[:4] == [
        ("#2021", "2021"),
        ("#september-2021", "September 2021"),
        ("#2026", "2026"),
        ("#january-2026", "January 2026"),
    ]
    assert ("#date-unknown", "Date unknown") in links
    node = article(site, "timeline/index.html")
    for href, _ in links:
        heading = node.find(id=href[1:])
        assert heading is not None and heading.name in ("h2", "h3"), href
        permalink = heading.select_one("a.headerlink")
        assert permalink is not None and permalink["href"] == href
    # months are nested under their year in the sidebar
    year = soup(site, "timeline/index.html").select_one('nav[aria-label="2026"]')
    assert year is not None
    assert [a.get_text(strip=True) for a in year.select("a")][:2] == [
        "January 2026",
        "February 2026",
    ]


def test_an_editors_heading_keeps_its_id_and_the_timeline_gets_another(tmp_path: Path) -> None:
    pages = {
        "index.md": "# H\n",
        "timeline/index.md": "# Our timeline\n\n## 2025\n\nWhat the editors say of 2025.\n",
        "news/a.md": "---\ntitle: A\nkind: article\ndate: 2025-05-05\n---\n\n# A\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    node = article(result, "timeline/index.html")
    ids = [h["id"] for h in node.select("h2, h3")]
    assert ids == ["2025", "2025_1", "may-2025"]
    assert "What the editors say" in node.find(id="2025").find_next("p").get_text()
    # Material shows the h1's children: the editor's section, then the timeline's year
    assert [h for h, _ in _toc_links(result, "timeline/index.html")] == [
        "#2025",
        "#2025_1",
        "#may-2025",
    ]


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> BuildResult:
    """The same documents, with a limit low enough that the main timeline, CN's and RWA's
    are split by year."""
    plugins = ["regkb-documents", {"regkb-timeline": {"max_events_per_page": 3}}, "search"]
    result = build_site(tmp_path_factory.mktemp("timeline-split"), PAGES, plugins=plugins)
    assert result.ok, result.messages
    assert result.warnings() == []
    return result


def _browse(result: BuildResult, rel: str, group: str) -> list[tuple[str, str, str]]:
    """(text, target file, count) of each link of one group ("By year"...) of a page's
    browse list."""
    nav = article(result, rel).select_one("nav.regkb-timeline-browse")
    assert nav is not None
    label = next(p for p in nav.find_all("p") if p.get_text() == group)
    return [
        (
            li.a.get_text(),
            resolve(rel, li.a["href"]),
            li.select_one(".regkb-timeline-browse__count").get_text(),
        )
        for li in label.find_next_sibling("ul").find_all("li")
    ]


def test_a_timeline_over_the_limit_lists_its_years(
    site: BuildResult, split_site: BuildResult
) -> None:
    index = article(split_site, "timeline/index.html")
    assert events(index) == []  # the years' pages hold them
    years = _browse(split_site, "timeline/index.html", "By year")
    assert years == [
        ("2021", "timeline/2021/index.html", "1"),
        ("2026", "timeline/2026/index.html", "8"),
        ("Date unknown", "timeline/date-unknown/index.html", "1"),
    ]

    # every event once, in the same order as on the whole page, linking to the same files
    def seen(result: BuildResult, rel: str) -> list[tuple]:
        return [
            (e["date"], e["kind"], e["doc"], e["href"] and resolve(rel, e["href"]))
            for e in events(article(result, rel))
        ]

    split = [e for _, rel, _ in years for e in seen(split_site, rel)]
    assert split == seen(site, "timeline/index.html")
    # jurisdictions and tags are still reachable from the split index
    by_jurisdiction = _browse(split_site, "timeline/index.html", "By jurisdiction")
    assert [text for text, _, _ in by_jurisdiction] == [
        "China (CN)",
        "European Union (EU)",
        "United States (US)",
    ]
    assert ("China (CN)", "timeline/jurisdiction/cn/index.html", "7") in by_jurisdiction


def test_a_year_page_has_its_months_and_links_to_its_neighbours(split_site: BuildResult) -> None:
    page = soup(split_site, "timeline/2026/index.html")
    assert page.title.get_text().startswith("Timeline: 2026")
    # the title names the year: its months are the sections
    assert [h for h, _ in _toc_links(split_site, "timeline/2026/index.html")] == [
        "#january-2026",
        "#february-2026",
        "#march-2026",
        "#june-2026",
        "#2026-month-unknown",
    ]
    headings = article(split_site, "timeline/2026/index.html").select("h2, h3")
    assert [h.name for h in headings] == ["h2"] * 5
    intro = page.select_one(".regkb-timeline-intro").get_text()
    assert "in 2026, oldest first" in intro and "date is unknown" not in intro
    links = {
        a.get_text(): resolve("timeline/2026/index.html", a["href"])
        for a in page.select(".regkb-timeline-links a")
    }
    assert links["← 2021"] == "timeline/2021/index.html"
    assert links["All years"] == "timeline/index.html"
    assert links["Date unknown →"] == "timeline/date-unknown/index.html"
    assert "All events" not in links  # the years' list is the main timeline
    # the same links end the page, after the last month's events
    last = article(split_site, "timeline/2026/index.html").select(".regkb-timeline-links")[-1]
    assert last.find_previous("ol").get("class") == ["regkb-timeline"]
    assert [a.get_text() for a in last.select("a")] == ["← 2021", "All years", "Date unknown →"]
    first = soup(split_site, "timeline/2021/index.html").select(".regkb-timeline-links a")
    assert not any(a.get_text().startswith("←") for a in first)
    unknown = article(split_site, "timeline/date-unknown/index.html")
    assert "whose date is unknown" in unknown.select_one(".regkb-timeline-intro").get_text()
    assert [e["doc"] for e in events(unknown)] == ["Undated guidance"]


def test_jurisdiction_and_tag_timelines_split_the_same_way(split_site: BuildResult) -> None:
    cn = _browse(split_site, "timeline/jurisdiction/cn/index.html", "By year")
    assert [(text, rel) for text, rel, _ in cn] == [
        ("2021", "timeline/jurisdiction/cn/2021/index.html"),
        ("2026", "timeline/jurisdiction/cn/2026/index.html"),
    ]
    page = soup(split_site, "timeline/jurisdiction/cn/2026/index.html")
    assert page.title.get_text().startswith("Timeline: China (CN), 2026")
    links = {
        a.get_text(): resolve("timeline/jurisdiction/cn/2026/index.html", a["href"])
        for a in page.select(".regkb-timeline-links a")
    }
    assert links["All years"] == "timeline/jurisdiction/cn/index.html"
    assert links["All events"] == "timeline/index.html"
    # a timeline under the limit stays whole, and so does one of a single year
    us = article(split_site, "timeline/jurisdiction/us/index.html")
    assert len(events(us)) == 2
    assert us.select_one("nav.regkb-timeline-browse") is None
    rwa = events(article(split_site, "timeline/tag/rwa/index.html"))
    assert len(rwa) > 3 and {e["date"][:4] for e in rwa} == {"2026"}
    assert split_site.site_dir is not None
    assert not (split_site.site_dir / "timeline/tag/rwa/2026").exists()


def test_year_pages_stay_out_of_the_nav_and_search(split_site: BuildResult) -> None:
    assert split_site.site_dir is not None
    nav_links = {
        resolve("index.html", a["href"])
        for a in soup(split_site, "index.html").select("nav.md-nav a.md-nav__link")
    }
    assert "timeline/index.html" in nav_links
    assert not any(link.startswith("timeline/2") for link in nav_links), nav_links
    index = json.loads(split_site.read("search/search_index.json"))
    assert not any(d["location"].startswith("timeline/") for d in index["docs"])
    for rel in ("timeline/2026/index.html", "timeline/jurisdiction/cn/2021/index.html"):
        for a in article(split_site, rel).select("a[href]"):
            href = a["href"]
            if href.startswith("#"):
                continue
            assert not href.startswith(("/", "http:", "https:")), (rel, href)
            assert (split_site.site_dir / resolve(rel, href)).is_file(), (rel, href)


def test_year_pages_without_directory_urls(tmp_path: Path) -> None:
    plugins = ["regkb-documents", {"regkb-timeline": {"max_events_per_page": 1}}]
    pages = {"index.md": "# H\n", "regulations/new.md": NEW, "regulations/old.md": OLD}
    result = build_site(tmp_path, pages, plugins=plugins, extra={"use_directory_urls": False})
    assert result.ok, result.messages
    assert result.site_dir is not None
    checked = 0
    for rel in ("timeline/index.html", "timeline/2026/index.html", "timeline/2021/index.html"):
        for a in article(result, rel).select("a[href]"):
            href = a["href"]
            if href.startswith("#") or href.startswith("http"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), urlsplit(href).path))
            assert (result.site_dir / target).is_file(), (rel, href)
            checked += 1
    assert checked > 5
    years = [
        a.get_text()
        for a in article(result, "timeline/index.html").select("nav.regkb-timeline-browse a")
    ][:2]
    assert years == ["2021", "2026"]


def test_where_a_date_comes_from_is_shown_beside_it(site: BuildResult) -> None:
    """An editor's source, an entry into force's basis and the document a derived date is
    taken from: on the document's own events and on the timeline."""

    def sources(rel: str, selector: str) -> dict[str, str]:
        """kind of event -> its source note, for the events that have one."""
        out = {}
        for li in article(site, rel).select(selector):
            note = li.select_one(".regkb-event__source")
            if note is not None:
                kind = li["class"][-1].rsplit("--", 1)[-1]  # "...item--repealed"
                out[kind] = note.get_text()
        return out

    expected = {
        "consultation": "(source: Gazette)",
        "in_force": "(thirty days after publication)",
    }
    assert sources("regulations/new/index.html", "ol.regkb-doc-events > li") == expected
    # The repealed document's page says which document's date dates its repeal.
    assert sources("regulations/old/index.html", "ol.regkb-doc-events > li") == {
        "repealed": "(in force date of Yinfa [2026] No. 42)"
    }
    timeline = sources("timeline/jurisdiction/cn/index.html", "li.regkb-event")
    assert timeline["consultation"] == "(source: Gazette)"
    assert timeline["repealed"] == "(in force date of Yinfa [2026] No. 42)"


def test_a_document_whose_only_event_is_its_date_gets_no_list(tmp_path: Path) -> None:
    """Most articles have one event, their publication: the panel under the title gives
    that date, and a list repeating it would say nothing more."""
    plain = "---\ntitle: P\nkind: article\ndate: 2025-05-05\n---\n\nBody.\n"
    sourced = (
        "---\ntitle: S\nkind: article\ndate: 2025-05-05\nevents:\n"
        "  - {date: 2025-05-05, kind: published, source: Wire copy}\n---\n\nBody.\n"
    )
    pages = {"index.md": "# H\n", "news/plain.md": plain, "news/sourced.md": sourced}
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    assert article(result, "news/plain/index.html").select_one("ol.regkb-doc-events") is None
    # An event the editor wrote out, with where the date comes from, is worth its line.
    own = article(result, "news/sourced/index.html").select_one("ol.regkb-doc-events")
    assert own is not None and "Wire copy" in own.get_text()


SAME_DAY = """
---
title: Same-day notice
kind: notice
date: 2026-02-06
in_force: 2026-02-06
in_force_basis: upon the date of its issuance
jurisdiction: CN
doc_number: Yinfa [2026] No. 42
repeals: ["Yinfa [2021] No. 237"]
events:
  - {date: 2026-02-06, kind: issued, source: China Daily}
  - {date: 2026-02-06, kind: published, anchor: "#article-2", label: Article 2 published}
---

# Same-day notice

## Article 2 {#article-2}

Text.
"""

OTHER_SAME_DAY = """
---
title: Another notice of that day
kind: notice
date: 2026-02-06
in_force: 2026-02-06
jurisdiction: CN
---

# Another notice of that day
"""


def test_a_documents_events_of_one_day_are_one_item(tmp_path: Path) -> None:
    """Issued and in force on one day: one item with both badges, the (long) title once,
    each source said with the event it dates; a clause, a labelled event and a repeal of
    another document stay items of their own, and another document keeps its own item."""
    pages = {
        "index.md": "# Home\n",
        "regulations/a.md": SAME_DAY,
        "regulations/b.md": OTHER_SAME_DAY,
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    items = article(result, "timeline/index.html").select("ol.regkb-timeline > li")
    seen = []
    for li in items:
        kinds = [k.get_text() for k in li.select(".regkb-event__kind")]
        doc = li.select_one(".regkb-event__doc").get_text(" ", strip=True)
        seen.append((kinds, doc))
    assert seen == [
        (["issued", "in force"], "Another notice of that day"),
        (["issued", "in force"], "Same-day notice Yinfa [2026] No. 42"),
        (["published"], "Same-day notice Yinfa [2026] No. 42"),  # the clause: Article 2
        (["repealed"], "Yinfa [2021] No. 237"),
    ]
    joined = items[1]
    assert joined["class"] == ["regkb-event", "regkb-event--issued", "regkb-event--in_force"]
    assert len(joined.select("time")) == 1 and joined.time["datetime"] == "2026-02-06"
    assert joined.select_one(".regkb-event__kinds") is not None
    assert joined.select_one("a.regkb-event__doc")["href"] == "../regulations/a/"
    notes = [n.get_text() for n in joined.select(".regkb-event__source")]
    assert notes == ["(issued, source: China Daily)", "(in force upon the date of its issuance)"]
    assert items[2].select_one(".regkb-event__clause")["href"] == "../regulations/a/#article-2"
    # A single event keeps its plain item, with no wrapper around its badge.
    assert items[3].select_one(".regkb-event__kinds") is None
    # The document's own page still lists each event on its own line.
    own = article(result, "regulations/a/index.html").select("ol.regkb-doc-events > li")
    assert len(own) == 4


def test_timeline_pages_carry_a_kind_filter_for_the_script(site: BuildResult) -> None:
    """The filter is written into the page (in place at the first paint): one ticked box
    per kind the page lists, in lifecycle order, with how many items have it; a page of a
    single kind has none. The script that makes it work is shipped."""
    page = soup(site, "timeline/index.html")
    host = page.select_one("article div.regkb-timeline-filter")
    assert host is not None
    boxes = host.select("form fieldset label input[type=checkbox]")
    assert [b["value"] for b in boxes] == [
        "consultation",
        "issued",
        "published",
        "in_force",
        "repealed",
    ]
    assert all(b.has_attr("checked") for b in boxes)
    items = page.select("article ol.regkb-timeline > li.regkb-event")
    for box in boxes:
        label = box.parent
        with_kind = [li for li in items if f"regkb-event--{box['value']}" in li["class"]]
        count = label.select_one(".regkb-timeline-filter__count")
        assert count is not None and count.get_text() == str(len(with_kind)), box["value"]
        name = label.get_text(" ", strip=True).rsplit(" ", 1)[0]
        assert name == box["value"].replace("_", " "), name
    status = host.select_one("p.regkb-timeline-filter__status[role=status]")
    assert status is not None and status.get_text() == f"{len(items)} entries"
    assert host.get_text(" ", strip=True).startswith("Show events")
    scripts = [s.get("src", "") for s in page.select("script[src]")]
    assert "../assets/regkb-timeline.js" in scripts, scripts
    assert (site.site_dir / "assets" / "regkb-timeline.js").is_file()
    us = soup(site, "timeline/jurisdiction/us/index.html")  # two articles: published only
    assert us.select_one(".regkb-timeline-filter") is None
    # the script goes only where there is a filter to build
    for rel in ("timeline/jurisdiction/us/index.html", "regulations/new/index.html"):
        srcs = [s.get("src", "") for s in soup(site, rel).select("script[src]")]
        assert not [src for src in srcs if "regkb-timeline" in src], (rel, srcs)


def test_a_browse_link_counts_what_its_page_lists(tmp_path: Path) -> None:
    """A notice issued and in force on one day is one entry of two events: the index
    said "CN 3" for a page saying "2 entries" (652 against 613 on a year of the large
    benchmark site)."""
    notice = (
        "---\ntitle: Same-day notice\nkind: notice\ndate: 2026-02-06\nin_force: 2026-02-06\n"
        "jurisdiction: CN\n---\n\nText.\n"
    )
    other = (
        "---\ntitle: Later notice\nkind: notice\ndate: 2026-03-01\njurisdiction: CN\n---\n\nText.\n"
    )
    pages = {"index.md": "# Home\n", "regulations/a.md": notice, "regulations/b.md": other}
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    [(text, target, count)] = _browse(result, "timeline/index.html", "By jurisdiction")
    status = article(result, target).select_one(".regkb-timeline-filter__status").get_text()
    assert count == "2" and status == "2 entries", (text, count, status)
