"""The documents plugin: metadata panel, cross-references, back-links and listings."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from tests.sitebuilder import build_site

NEW = """
---
title: New notice on <virtual> currency
kind: notice
date: 2026-02-06
issuers: [People's Bank of China, CSRC]
jurisdiction: CN
doc_number: Yinfa [2026] No. 42
repeals: ["Yinfa [2021] No. 237"]
cites: ["NDRC [2021] No. 1283", "Yinfa [2017] No. 99"]
tags: [RWA]
source_url: https://example.com/notice
site_name: Example
---

# New notice

## I. Part one {#part-1}

### Article 1 {#article-1}

This replaces Yinfa [2021] No. 237 and mentions NDRC [2021] No. 1283, which the site lacks.

`Yinfa [2021] No. 237` in code stays as it is.
"""

OLD = """
---
title: Old notice
kind: notice
date: 2021-09
doc_number: Yinfa [2021] No. 237
jurisdiction: CN
---

# Old notice

Text.
"""

ARTICLE = """
---
title: Commentary
kind: article
author: A. Writer
---

# Commentary

The central bank published Yinfa [2026] No. 42 today.
"""


def _soup(result, rel: str) -> BeautifulSoup:
    return BeautifulSoup(result.read(rel), "html.parser")


def _build(tmp_path, **kw):
    pages = {
        "index.md": "# Home\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        "news/index.md": "# News\n",
        "regulations/index.md": "# Regulations\n",
        "regulations/2026/new.md": NEW,
        "regulations/2021/old.md": OLD,
        "news/commentary.md": ARTICLE,
    }
    return build_site(tmp_path, pages, plugins=["regkb-documents", "search", "tags"], **kw)


def test_panel_shows_metadata_under_the_title(tmp_path) -> None:
    result = _build(tmp_path)
    assert result.ok, result.messages
    soup = _soup(result, "regulations/2026/new/index.html")
    h1 = soup.find("h1")
    panel = h1.find_next_sibling()
    assert panel.name == "dl" and "regkb-meta" in panel["class"]
    text = panel.get_text(" ", strip=True)
    for expected in (
        "Notice",
        "6 February 2026",
        "People's Bank of China",
        "Yinfa [2026] No. 42",
        "China (CN)",
    ):
        assert expected in text
    assert panel.find("time")["datetime"] == "2026-02-06"
    source = panel.find("a", class_="regkb-source")
    assert source["href"] == "https://example.com/notice"
    assert source["target"] == "_blank" and "noopener" in source["rel"]
    # the hostile title is escaped, not markup
    assert soup.find("virtual") is None


def _tag_rows(soup: BeautifulSoup) -> list[str]:
    panel = soup.find("dl", class_="regkb-meta")
    return [row.dd.get_text(" ", strip=True) for row in panel.find_all(class_="regkb-meta__tags")]


def test_tags_are_shown_once_above_the_title_not_again_in_the_panel(tmp_path) -> None:
    result = _build(tmp_path)
    soup = _soup(result, "regulations/2026/new/index.html")
    chips = soup.find("nav", class_="md-tags")
    assert chips is not None and not chips.has_attr("hidden")
    assert [a.get_text(strip=True) for a in chips.find_all("a")] == ["RWA"]
    assert _tag_rows(soup) == []
    # still found by searching for the tag
    index = result.read("search/search_index.json")
    assert re.search(r"Tags: RWA", index)


def test_panel_lists_the_tags_where_material_shows_none(tmp_path) -> None:
    hidden = NEW.replace("tags: [RWA]", "tags: [RWA]\nhide: [tags]")
    pages = {"index.md": "# Home\n", "tags.md": "# Tags\n", "regulations/2026/new.md": NEW}
    without_plugin = build_site(tmp_path / "a", pages, plugins=["regkb-documents", "search"])
    assert without_plugin.ok, without_plugin.messages
    soup = _soup(without_plugin, "regulations/2026/new/index.html")
    assert soup.find("nav", class_="md-tags") is None
    assert _tag_rows(soup) == ["RWA"]
    assert soup.find("a", class_="regkb-tag")["href"] == "../../../tags/#tag:rwa"

    pages["regulations/2026/new.md"] = hidden
    hidden_chips = build_site(tmp_path / "b", pages, plugins=["regkb-documents", "search", "tags"])
    assert hidden_chips.ok, hidden_chips.messages
    soup = _soup(hidden_chips, "regulations/2026/new/index.html")
    assert soup.find("nav", class_="md-tags").has_attr("hidden")
    assert _tag_rows(soup) == ["RWA"]


def test_numbers_the_site_holds_are_linked_others_stay_text(tmp_path) -> None:
    result = _build(tmp_path)
    soup = _soup(result, "regulations/2026/new/index.html")
    article = soup.find(id="article-1").find_next("p")
    links = article.find_all("a")
    assert [a.get_text() for a in links] == ["Yinfa [2021] No. 237"]
    assert links[0]["href"] == "../../2021/old/"
    assert "NDRC [2021] No. 1283" in article.get_text()
    # code is left alone
    assert soup.find("code", string="Yinfa [2021] No. 237").find_parent("a") is None
    panel = soup.find("dl", class_="regkb-meta")
    repeals = panel.find("div", class_="regkb-meta__repeals")
    assert repeals.find("a")["href"] == "../../2021/old/"
    cites = panel.find("div", class_="regkb-meta__cites")
    assert cites.find("a") is None
    assert "NDRC [2021] No. 1283" in cites.get_text()


def test_cited_page_shows_back_links(tmp_path) -> None:
    result = _build(tmp_path)
    old = _soup(result, "regulations/2021/old/index.html")
    section = old.find("section", class_="regkb-backlinks")
    assert section is not None
    heads = [h.get_text() for h in section.find_all("h3")]
    assert heads == ["Repealed by"]
    assert section.find("a")["href"] == "../../2026/new/"
    new = _soup(result, "regulations/2026/new/index.html")
    cited = new.find("section", class_="regkb-backlinks")
    assert [h.get_text() for h in cited.find_all("h3")] == ["Cited by"]
    assert cited.find("a").get_text() == "Commentary"


def _doc_page(title: str, number: str = "", cites: list[str] | None = None) -> str:
    lines = [
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "kind: guidance",
        "date: 2026-01-02",
    ]
    if number:
        lines.append(f"doc_number: {number}")
    if cites:
        lines.append(f"cites: {json.dumps(cites, ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---\n\nText.\n"


def test_a_document_cited_by_its_title_is_linked_and_shows_the_back_link(tmp_path) -> None:
    """``cites`` holds numbers or titles (the editors' guide says so, and the scraper
    writes the 《》 titles a notice quotes); only numbers were ever looked up. A title
    two documents share names neither; a document's own number is not a link to itself."""
    pages = {
        "index.md": "# Home\n",
        "regulations/guidance.md": _doc_page("Guidance on Stablecoins"),
        "regulations/law.md": _doc_page("中华人民共和国反洗钱法"),
        "regulations/weekly-1.md": _doc_page("Weekly update"),
        "regulations/weekly-2.md": _doc_page("Weekly update"),
        "regulations/citing.md": _doc_page(
            "Citing",
            "ESA [2026] No. 3",
            [
                "“guidance on  stablecoins”",
                "《中华人民共和国反洗钱法》",
                "Weekly update",
                "A law elsewhere",
                "ESA [2026] No. 3",
            ],
        ),
    }
    result = build_site(tmp_path, pages)
    assert result.ok, result.warnings()
    soup = _soup(result, "regulations/citing/index.html")
    cites = soup.find("div", class_="regkb-meta__cites")
    assert [(a.get_text(), a["href"]) for a in cites.find_all("a")] == [
        ("“guidance on  stablecoins”", "../guidance/"),
        ("《中华人民共和国反洗钱法》", "../law/"),
    ]
    plain = [s.get_text() for s in cites.find_all("span", class_="regkb-ref--external")]
    assert plain == ["Weekly update", "A law elsewhere", "ESA [2026] No. 3"]
    for cited in ("guidance", "law"):
        section = _soup(result, f"regulations/{cited}/index.html").find(
            "section", class_="regkb-backlinks"
        )
        assert section is not None, cited
        assert [h.get_text() for h in section.find_all("h3")] == ["Cited by"]
        assert section.find("a")["href"] == "../citing/"
    weekly = _soup(result, "regulations/weekly-1/index.html")
    assert weekly.find("section", class_="regkb-backlinks") is None


def test_documents_repealed_and_amended_by_title_are_linked_with_back_links(tmp_path) -> None:
    """``repeals`` and ``amends`` take titles as ``cites`` does: a rule without a number
    (the scraper writes the quoted title a notice repeals) was never found."""
    new = _doc_page("New rules").replace(
        "date: 2026-01-02",
        'date: 2026-01-02\nrepeals: ["《关于防范代币发行融资风险的公告》"]\n'
        'amends: ["Measures for Payment Services"]',
    )
    pages = {
        "index.md": "# Home\n",
        "regulations/ico.md": _doc_page("关于防范代币发行融资风险的公告").replace("2026", "2017"),
        "regulations/payments.md": _doc_page("Measures for Payment Services").replace(
            "2026", "2020"
        ),
        "regulations/new.md": new,
    }
    result = build_site(tmp_path, pages)
    assert result.ok, result.warnings()
    soup = _soup(result, "regulations/new/index.html")
    for row, href in (("repeals", "../ico/"), ("amends", "../payments/")):
        links = soup.find("div", class_=f"regkb-meta__{row}").find_all("a")
        assert [a["href"] for a in links] == [href], row
    for page, heading in (("ico", "Repealed by"), ("payments", "Amended by")):
        section = _soup(result, f"regulations/{page}/index.html").find(
            "section", class_="regkb-backlinks"
        )
        assert section is not None, page
        assert [h.get_text() for h in section.find_all("h3")] == [heading]
        assert section.find("a")["href"] == "../new/"


def test_notice_has_a_contents_box(tmp_path) -> None:
    result = _build(tmp_path)
    soup = _soup(result, "regulations/2026/new/index.html")
    box = soup.find("details", class_="regkb-contents")
    assert [a["href"] for a in box.find_all("a")] == ["#part-1", "#article-1"]


def test_the_contents_box_shows_headings_as_the_sidebar_does(tmp_path) -> None:
    """Headings' titles in the table of contents are HTML already: the box once escaped
    them again and showed "Part 1 &amp; 2"."""
    notice = (
        "---\ntitle: Rules\nkind: notice\ndate: 2026-02-06\n---\n\n"
        "## Part 1 & 2 <b>bold</b> <script>alert(1)</script>\n\nText.\n\n"
        "## Part 2 &lt;x&gt; `a<b`\n\nText.\n"
    )
    pages = {"index.md": "# Home\n", "regulations/rules.md": notice}
    result = build_site(tmp_path, pages, plugins=["regkb-documents", "search"])
    assert result.ok, result.messages
    soup = _soup(result, "regulations/rules/index.html")
    box = soup.find("details", class_="regkb-contents").nav
    sidebar = soup.find("nav", class_="md-nav--secondary").ul
    shown = [a.get_text(" ", strip=True) for a in box.find_all("a")]
    assert shown == ["Part 1 & 2 bold alert(1)", "Part 2 <x> a<b"]
    assert shown == [a.get_text(" ", strip=True) for a in sidebar.find_all("a")]
    assert box.find(["b", "script"]) is None


def test_section_listing_newest_first_and_paginated(tmp_path) -> None:
    pages = {
        "index.md": "# Home\n",
        "news/index.md": "# News\n",
        **{
            f"news/2025/a{i}.md": (
                f"---\ntitle: Story {i}\nkind: article\ndate: 2025-01-{i + 1:02d}\n"
                f"summary: About {i}.\n---\n\nBody {i}.\n"
            )
            for i in range(5)
        },
        "news/undated.md": (
            "---\ntitle: Undated story\nkind: article\n---\n\nFirst paragraph here.\n"
        ),
    }
    result = build_site(tmp_path, pages, plugins=[{"regkb-documents": {"page_size": 2}}, "search"])
    assert result.ok, result.messages
    first = _soup(result, "news/index.html")
    titles = [a.get_text() for a in first.select("a.regkb-listing__title")]
    assert titles == ["Story 4", "Story 3"]
    assert first.select_one(".regkb-listing__summary").get_text() == "About 4."
    pager = first.find("nav", class_="regkb-pager")
    assert [(a.get_text(), a["href"]) for a in pager.find_all("a")] == [
        ("2", "page/2/"),
        ("3", "page/3/"),
        ("Older →", "page/2/"),
    ]
    middle = _soup(result, "news/page/2/index.html").find("nav", class_="regkb-pager")
    assert [(a.get_text(), a.get("rel")) for a in middle.find_all("a")] == [
        ("← Newer", ["prev"]),
        ("1", None),
        ("3", None),
        ("Older →", ["next"]),
    ]
    last = _soup(result, "news/page/3/index.html")
    titles = [a.get_text() for a in last.select("a.regkb-listing__title")]
    assert titles == ["Story 0", "Undated story"]
    assert "First paragraph here." in last.get_text()
    year = _soup(result, "news/2025/index.html")
    assert [a.get_text() for a in year.select("a.regkb-listing__title")] == ["Story 4", "Story 3"]
    years = [a.get_text() for a in first.select(".regkb-years a")]
    assert years == ["2025", "undated"]
    # Every page of the listing and of its years leads to the other years (a year's page
    # was a dead end): its own year is the current one, and "All years" leads back.
    for rel in ("news/page/2/index.html", "news/2025/page/2/index.html"):
        bar = _soup(result, rel).select_one(".regkb-years")
        assert bar is not None, rel
    bar = _soup(result, "news/2025/page/2/index.html").select_one(".regkb-years")
    assert [a.get_text() for a in bar.find_all("a")] == ["All years", "undated"]
    assert bar.find("strong", attrs={"aria-current": "page"}).get_text() == "2025"
    # Each listing page says once what it lists (the year was once given twice).
    headings = {
        rel: (_soup(result, rel).h1.get_text(strip=True).rstrip("¶"), _soup(result, rel).title)
        for rel in (
            "news/2025/index.html",
            "news/2025/page/2/index.html",
            "news/undated/index.html",
        )
    }
    assert {rel: h for rel, (h, _) in headings.items()} == {
        "news/2025/index.html": "News: 2025",
        "news/2025/page/2/index.html": "News: 2025 (page 2 of 3)",
        "news/undated/index.html": "News: undated",
    }
    for rel, (heading, title) in headings.items():
        assert title.get_text().startswith(heading + " - "), rel
    # every listing link resolves to a built page
    for rel in (
        "news/index.html",
        "news/page/2/index.html",
        "news/2025/index.html",
        "news/2025/page/2/index.html",
        "news/undated/index.html",
    ):
        page = _soup(result, rel)
        base = (tmp_path / "site" / rel).parent
        for a in page.select(".regkb-listing a, .regkb-pager a, .regkb-years a"):
            target = (base / a["href"]).resolve()
            assert (target / "index.html").exists() or target.exists(), (rel, a["href"])


def test_a_page_outside_the_navigation_marks_its_section_s_tab(tmp_path) -> None:
    """Documents, tag and year pages are kept out of the navigation: Material marked no
    tab on any of them, so a reader arriving from search could not tell which part of the
    site they were in. The tab of the folder a page is in is marked while it is written,
    and only then."""
    extra = {
        "nav": ["index.md", {"News": "news/index.md"}, {"Regulations": "regulations/index.md"}],
        "theme": {"name": "material", "features": ["navigation.tabs"]},
    }
    result = _build(tmp_path, extra=extra)
    assert result.ok, result.messages

    def active_tabs(rel: str) -> list[str]:
        page = _soup(result, rel)
        return [li.get_text(strip=True) for li in page.select("li.md-tabs__item--active")]

    assert active_tabs("regulations/2026/new/index.html") == ["Regulations"]
    assert active_tabs("regulations/2021/old/index.html") == ["Regulations"]
    assert active_tabs("news/index.html") == ["News"]
    assert active_tabs("index.html") == ["Home"]  # and no tab stays marked after a page


def test_documents_are_not_in_the_navigation(tmp_path) -> None:
    result = _build(tmp_path, extra={"nav": ["index.md", "news/index.md", "regulations/index.md"]})
    assert result.ok, result.messages
    home = result.read("index.html")
    nav = BeautifulSoup(home, "html.parser").find("nav", class_="md-nav--primary")
    assert not re.search(r"Old notice|Commentary", nav.get_text())


def test_home_page_lists_the_newest_documents(tmp_path) -> None:
    pages = {
        "index.md": "# Home\n\n## Latest documents\n",
        **{
            f"news/s{i}.md": f"---\ntitle: Story {i}\nkind: article\ndate: 2025-0{i + 1}-01\n---\n"
            for i in range(3)
        },
    }
    result = build_site(
        tmp_path, pages, plugins=[{"regkb-documents": {"home_latest": 2}}, "search"]
    )
    assert result.ok, result.messages
    home = _soup(result, "index.html")
    assert [a.get_text() for a in home.select("a.regkb-listing__title")] == ["Story 2", "Story 1"]
    assert home.select_one("a.regkb-listing__title")["href"] == "news/s2/"


def test_a_page_outside_the_sections_is_a_document_only_if_it_names_a_kind(tmp_path) -> None:
    """The plugin skips the YAML of pages outside the sections that never say "kind"; one
    that does is still read, validated and given its panel."""
    pages = {
        "index.md": "# Home\n",
        "guides/briefing.md": "---\ntitle: Briefing\nkind: article\ndate: 2026-03-01\n---\n\n"
        "# Briefing\n\nText.\n",
        "guides/about.md": "---\ntitle: About\n---\n\n# About\n\nA kind of page with no kind.\n",
        "guides/plain.md": "---\ntitle: Plain\n---\n\n# Plain\n\nText.\n",
    }
    result = build_site(tmp_path, pages, plugins=["regkb-documents", "search"])
    assert result.ok, result.messages
    briefing = _soup(result, "guides/briefing/index.html")
    assert briefing.find("dl", class_="regkb-meta") is not None
    assert "1 March 2026" in briefing.find("dl", class_="regkb-meta").get_text()
    for rel in ("guides/about/index.html", "guides/plain/index.html"):
        assert _soup(result, rel).find("dl", class_="regkb-meta") is None


def test_two_pages_with_one_document_number_are_reported(tmp_path) -> None:
    copy = NEW.replace("title: New notice on <virtual> currency", "title: A copy of it")
    pages = {"index.md": "# Home\n", "regulations/a-new.md": NEW, "regulations/b-copy.md": copy}
    strict = build_site(tmp_path / "strict", pages)
    assert not strict.ok  # --strict stops on it
    lax = build_site(tmp_path / "lax", pages, strict=False)
    warnings = lax.warnings()
    # one writing: not also the hint for a number written in two scripts
    assert not [m for m in lax.messages if "one number in two writings" in m], lax.messages
    line = NEW.lstrip("\n").splitlines().index("doc_number: Yinfa [2026] No. 42") + 1
    assert any(
        f"regulations/b-copy.md:{line}: doc_number 'Yinfa [2026] No. 42' is also the number "
        "of regulations/a-new.md" in w
        for w in warnings
    ), warnings
    # different numbers, and the same number written two ways in two languages, are fine
    other = NEW.replace("Yinfa [2026] No. 42", "Yinfa [2026] No. 43")
    zh = NEW.replace("Yinfa [2026] No. 42", "银发〔2026〕42号")
    ok = {"index.md": "# Home\n", "regulations/a.md": NEW, "regulations/b.md": other}
    assert build_site(tmp_path / "ok", {**ok, "regulations/c.md": zh}).ok


def test_a_documents_meta_description_is_its_summary_or_excerpt(tmp_path) -> None:
    """Link previews and search engines read ``<meta name="description">``: a document's
    says what the document is about, not what the site is."""
    pages = {
        "index.md": "# Home\n",
        "news/summarized.md": "---\ntitle: S\nkind: article\nsummary: Rules for <b>tokens</b>.\n"
        "---\n\n# S\n\nBody text.\n",
        "news/plain.md": "---\ntitle: P\nkind: article\n---\n\n# P\n\n"
        "To all banks:\n\nBanks must report stablecoin holdings.\n",
        "news/own.md": "---\ntitle: O\nkind: article\ndescription: Editor's words.\n---\n\n"
        "# O\n\nBody.\n",
    }
    result = build_site(
        tmp_path,
        pages,
        plugins=["regkb-documents", "search"],
        extra={"site_description": "The site."},
    )
    assert result.ok, result.messages

    def description(rel: str) -> str:
        return _soup(result, rel).find("meta", attrs={"name": "description"})["content"]

    assert description("news/summarized/index.html") == "Rules for <b>tokens</b>."
    assert description("news/plain/index.html") == "Banks must report stablecoin holdings."
    assert description("news/own/index.html") == "Editor's words."
    assert description("index.html") == "The site."


def test_a_long_pager_shows_the_ends_and_the_neighbourhood() -> None:
    from plugins.documents.listing import pager_numbers

    assert pager_numbers(25, 50) == [1, None, 23, 24, 25, 26, 27, None, 50]
    assert pager_numbers(1, 50) == [1, 2, 3, None, 50]
    assert pager_numbers(4, 50) == [1, 2, 3, 4, 5, 6, None, 50]  # no "…" for one page
    assert pager_numbers(3, 4) == [1, 2, 3, 4]
    assert pager_numbers(1, 1) == [1]


def test_listings_name_a_jurisdiction_on_hover(tmp_path) -> None:
    result = _build(tmp_path)
    assert result.ok, result.messages
    abbr = _soup(result, "regulations/index.html").select_one(".regkb-listing__meta abbr")
    assert (abbr.get_text(), abbr["title"]) == ("CN", "China")


def test_pages_the_scraper_writes_have_no_edit_link(tmp_path) -> None:
    """Scraped pages are rebuilt by every `make site` and kept out of the repository, so
    "Edit this page" would lead to a missing file; pages editors write keep the link."""
    scraped = "---\ntitle: S\nkind: article\ngenerated_hash: sha256:00\n---\n\nText.\n"
    written = "---\ntitle: W\nkind: article\n---\n\nText.\n"
    pages = {"index.md": "# Home\n", "news/2025/s.md": scraped, "news/w.md": written}
    result = build_site(
        tmp_path,
        pages,
        plugins=["regkb-documents"],
        extra={
            "edit_uri": "https://example.org/edit/main/docs/",
            "theme": {"name": "material", "features": ["content.action.edit"]},
        },
    )
    assert result.ok, result.messages

    def edit_link(rel: str) -> str | None:
        a = _soup(result, rel).find("a", rel="edit")
        return a["href"] if a is not None else None

    assert edit_link("news/2025/s/index.html") is None
    assert edit_link("news/w/index.html") == "https://example.org/edit/main/docs/news/w.md"


def test_a_documents_number_weighs_as_its_title_in_the_search_index(tmp_path) -> None:
    """Readers search a regulation by its number: the page's entry in Material's index
    carries it in its title (weighed a thousand times its text), its sections do not."""
    import json

    result = _build(tmp_path)
    assert result.ok, result.messages
    index = json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8"))
    titles = {e["location"]: e["title"] for e in index["docs"]}
    assert titles["regulations/2026/new/"] == "New notice · Yinfa [2026] No. 42"
    assert titles["regulations/2026/new/#article-1"] == "Article 1"
    assert titles["news/commentary/"] == "Commentary"  # no number, no change


def test_the_not_found_page_says_where_documents_go(tmp_path) -> None:
    """Scraped pages move (undated/ to their year): a reader following an old link lands
    on 404.html, which must point to search, the listings and the timeline."""
    from pathlib import Path

    overrides = Path(__file__).resolve().parents[1] / "overrides"
    result = build_site(
        tmp_path,
        {"index.md": "# Home\n", "news/index.md": "# News\n"},
        plugins=["regkb-documents", "regkb-timeline", "search"],
        extra={"theme": {"name": "material", "custom_dir": str(overrides)}},
    )
    assert result.ok, result.messages
    page = _soup(result, "404.html")
    assert page.find("h1").get_text() == "Page not found"
    links = {a.get_text(): a["href"] for a in page.select("article a")}
    assert links["News"] == "/news/" and links["Regulations"] == "/regulations/"
    assert links["timeline"] == "/timeline/"
    assert links["Home"] in ("/", "/.")  # as Material links its logo on this page


def test_a_page_not_saved_as_utf8_is_named_by_its_line_and_left_out(tmp_path) -> None:
    """An editor's file in Windows-1252 (or GBK) stopped MkDocs with a traceback; the
    plugin names the file and line and leaves the page out, so ``--strict`` fails on the
    warning and ``mkdocs serve`` goes on with the other pages."""
    bad = "---\ntitle: Café règles\nkind: article\ndate: 2026-03-01\n---\n\nTexte.\n"
    results = {}
    for strict in (True, False):
        root = tmp_path / ("strict" if strict else "lax")
        (root / "docs" / "news").mkdir(parents=True)
        (root / "docs" / "news" / "cafe.md").write_bytes(bad.encode("cp1252"))
        pages = {"index.md": "# Home\n", "regulations/a-new.md": NEW}
        results[strict] = build_site(root, pages, strict=strict)
    assert not results[True].ok
    lax = results[False]
    assert lax.ok, lax.messages
    expected = (
        "news/cafe.md:2: not UTF-8 text (byte 0xe9 at byte 11 of the line); save the file"
        " as UTF-8; the page is left out of the site"
    )
    assert f"WARNING: {expected}" in lax.warnings(), lax.warnings()
    assert (lax.site_dir / "regulations" / "a-new" / "index.html").is_file()
    assert not (lax.site_dir / "news" / "cafe").exists()


def test_the_plugin_ships_its_stylesheet_and_script(tmp_path) -> None:
    """A site that enables the plugin, with nothing of its own in docs/assets, gets the
    panel's and listings' styles and the keyboard and tooltip script; ``assets: false``
    leaves them out (an installed wheel had document pages without any of their CSS)."""
    pages = {"index.md": "# Home\n", "regulations/new.md": NEW}
    result = build_site(tmp_path / "on", pages)
    assert result.ok, result.warnings()
    soup = _soup(result, "regulations/new/index.html")
    css = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    scripts = {s["src"]: s for s in soup.find_all("script", src=True)}
    assert "../../assets/regkb-documents.css" in css
    assert scripts["../../assets/regkb-documents.js"].has_attr("defer")
    shipped = result.read("assets/regkb-documents.css")
    for rule in (".regkb-meta", ".regkb-listing", ".regkb-pager", ".regkb-backlinks"):
        assert rule + " " in shipped or rule + "__" in shipped, rule
    assert "md-typeset__scrollwrap" in result.read("assets/regkb-documents.js")
    off = build_site(tmp_path / "off", pages, plugins=[{"regkb-documents": {"assets": False}}])
    assert off.ok, off.warnings()
    assert "regkb-documents" not in off.read("regulations/new/index.html")
