"""A document's language on the site: its page, and its title wherever another page shows it.

The site's pages say ``<html lang="en">`` (the theme's language). A Chinese document's
words inside them must say they are Chinese, or a screen reader speaks them with an English
voice (WCAG 3.1.2) and a browser may set them in a Japanese font; the site's own labels on
that document's page must say they are English.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from plugins.model import other_language
from plugins.schema import validate_document
from scraper.extract.html import extract_html
from scraper.normalize import render
from tests.sitebuilder import build_site

ZH = """
---
title: 关于防范虚拟货币风险的通知
kind: notice
date: 2026-02-06
in_force: 2026-03-01
language: zh
doc_number: Yinfa [2026] No. 42
jurisdiction: CN
tags: [stablecoin]
summary: 中文摘要。
---

# 关于防范虚拟货币风险的通知

## 一、总则

### （一）第一条 {#article-1}

稳定币正文。

### （二）第二条 {#article-2}

正文。
"""

EN = """
---
title: Commentary on the notice
kind: article
date: 2026-02-07
language: en-GB
cites: ["Yinfa [2026] No. 42"]
tags: [stablecoin]
---

# Commentary on the notice

The notice Yinfa [2026] No. 42 says much about stablecoin risks.
"""

TERM = """
---
term: stablecoin
aliases: [稳定币]
summary: A token pegged to a currency.
---

A stablecoin is a token.
"""

PAGES = {
    "index.md": "# Home\n",
    "regulations/zh-notice.md": ZH,
    "news/commentary.md": EN,
    "glossary/stablecoin.md": TERM,
}

PLUGINS = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    result = build_site(tmp_path_factory.mktemp("lang"), PAGES, plugins=PLUGINS)
    assert result.ok, result.error
    return result


def soup(site, rel: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(rel), "html.parser")


def test_a_document_page_in_another_language_says_so_and_its_labels_say_theirs(site) -> None:
    page = soup(site, "regulations/zh-notice/index.html")
    assert page.html["lang"] == "en"
    article = page.select_one("article.md-content__inner")
    assert article["lang"] == "zh"
    assert article.h1.find_parent(attrs={"lang": True}) is article  # the title is Chinese
    assert page.select_one("dl.regkb-meta")["lang"] == "en"
    assert page.select_one("details.regkb-contents summary")["lang"] == "en"
    # The contents list is the notice's own headings: Chinese, as the article says (and
    # as the sidebar's copy of them is marked), shown as text, not as markup.
    contents = page.select_one("details.regkb-contents nav")
    assert "<" not in contents.get_text()
    assert {e["lang"] for e in contents.find_all(attrs={"lang": True})} <= {"zh"}
    assert page.select_one("section.regkb-backlinks")["lang"] == "en"
    assert page.select_one("ol.regkb-doc-events")["lang"] == "en"  # the timeline plugin's
    # The theme's header shows the title outside the article: marked there too, while the
    # site's name beside it is the site's.
    topics = page.select('[data-md-component="header-topic"] .md-ellipsis')
    assert [(t.get("lang"), t.get_text(strip=True)) for t in topics][-1] == (
        "zh",
        "关于防范虚拟货币风险的通知",
    )
    assert all(t.get("lang") is None for t in topics[:-1])
    # Nowhere else on its page is the title unmarked, but in the sidebar, which this test
    # site fills with every page (the project's site keeps documents out of it).
    unmarked = [
        text.parent
        for text in page.body.find_all(string=re.compile("关于防范虚拟货币风险的通知"))
        if text.find_parent(attrs={"lang": "zh"}) is None
        and text.find_parent("nav", class_="md-nav") is None
    ]
    assert unmarked == []


def test_a_right_to_left_document_is_laid_out_from_the_right(tmp_path) -> None:
    """lang="he" says how to speak it, not which way to lay it out: a Hebrew document
    on an English site read left to right (its full stops at the start of its lines)
    until its article, its header title and its title in listings said dir="rtl". A
    Chinese document is not marked so."""
    hebrew = (
        "---\ntitle: הודעה על מטבעות יציבים\nkind: article\ndate: 2026-03-01\n"
        "language: he\n---\n\nהרשות פרסמה היום הנחיות חדשות.\n"
    )
    result = build_site(tmp_path, {**PAGES, "news/he.md": hebrew}, plugins=PLUGINS)
    assert result.ok, result.error
    page = soup(result, "news/he/index.html")
    article = page.select_one("article.md-content__inner")
    assert (article["lang"], article.get("dir")) == ("he", "rtl")
    topic = page.select('[data-md-component="header-topic"] .md-ellipsis')[-1]
    assert (topic.get("lang"), topic.get("dir")) == ("he", "rtl")
    listed = soup(result, "news/index.html").find("span", attrs={"lang": "he"})
    assert listed is not None and listed.get("dir") == "rtl"
    chinese = soup(result, "regulations/zh-notice/index.html").select_one("article")
    assert chinese.get("dir") is None


def test_a_page_in_the_sites_language_is_not_marked(site) -> None:
    """en-GB on an English site is the same language: nothing to say."""
    page = soup(site, "news/commentary/index.html")
    assert not page.select_one("article.md-content__inner").has_attr("lang")
    assert not page.select_one("dl.regkb-meta").has_attr("lang")
    # Its back-link from the Chinese notice's page names it without a language of its own.
    notice = soup(site, "regulations/zh-notice/index.html")
    link = notice.select_one("section.regkb-backlinks a")
    assert link.get_text() == "Commentary on the notice" and not link.find(attrs={"lang": True})


@pytest.mark.parametrize(
    ("rel", "selector", "times"),
    [
        ("regulations/index.html", "a.regkb-listing__title span", 1),
        ("index.html", "a.regkb-listing__title span", 1),
        ("glossary/stablecoin/index.html", ".glossary-used-in td a span", 1),
        ("timeline/index.html", ".regkb-event__what a span", 2),  # issued, in force
    ],
)
def test_a_title_is_marked_with_its_language_wherever_it_is_shown(
    site, rel, selector, times
) -> None:
    spans = [s for s in soup(site, rel).select(selector) if s.has_attr("lang")]
    marked = [(s["lang"], s.get_text()) for s in spans]
    assert marked == [("zh", "关于防范虚拟货币风险的通知")] * times


def test_a_listing_marks_the_summary_too(site) -> None:
    summary = soup(site, "regulations/index.html").select_one(".regkb-listing__summary span")
    assert (summary["lang"], summary.get_text()) == ("zh", "中文摘要。")


def test_the_feed_marks_an_entry_in_another_language(site) -> None:
    feed = ET.fromstring(site.read("feed.xml"))
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    atom = "{http://www.w3.org/2005/Atom}"
    marks = {e.find(f"{atom}title").text: e.get(lang) for e in feed.iter(f"{atom}entry")}
    assert marks == {"关于防范虚拟货币风险的通知": "zh", "Commentary on the notice": None}


@pytest.mark.parametrize(
    ("language", "site_language", "expected"),
    [("zh", "en", "zh"), ("en-GB", "en", None), ("EN", "en-US", None), ("zh-TW", "zh", None)],
)
def test_other_language_compares_primary_subtags(language, site_language, expected) -> None:
    assert other_language(language, site_language) == expected


@pytest.mark.parametrize("value", ["zh", "zh-CN", "zh-Hans-CN", "pt-BR", "yue"])
def test_language_tags_are_accepted(value: str) -> None:
    meta, errors = validate_document({"title": "T", "kind": "article", "language": value})
    assert not errors and meta is not None and meta.language == value


def test_an_underscore_reads_as_a_hyphen() -> None:
    meta, _ = validate_document({"title": "T", "kind": "article", "language": "en_GB"})
    assert meta is not None and meta.language == "en-GB"


@pytest.mark.parametrize("value", ["Chinese", 'zh" onmouseover="x', "en US", "e", "zh-"])
def test_a_language_that_is_not_a_tag_is_an_error_that_says_what_is_expected(value) -> None:
    meta, errors = validate_document({"title": "T", "kind": "article", "language": value})
    assert meta is None
    (error,) = errors
    assert error.field == "language" and "language code like en, zh or zh-CN" in error.message


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<html lang="english">', None),
        ('<html lang="{{ lang }}">', None),
        ('<html lang="en_GB">', "en-GB"),
        ('<html><meta http-equiv="content-language" content="en-US, en">', "en-US"),
        ('<html lang="x y"><meta property="og:locale" content="fr_FR">', "fr-FR"),
    ],
)
def test_the_scraper_keeps_a_pages_language_only_when_it_is_a_tag(head, expected) -> None:
    page = f"{head}<body><article><h1>T</h1><p>{'Some words of text here. ' * 30}</p></article>"
    assert extract_html(page).language == expected


def test_a_scraped_page_with_a_junk_language_is_still_written() -> None:
    """The scraper validates what it writes: a page declaring lang="english" must not fail."""
    page = '<html lang="english"><body><article><h1>T</h1><p>' + "Words here. " * 40
    text = render(extract_html(page + "</p></article>"))  # validates, or raises
    assert "language:" not in text and "title: T" in text


ZH_WRAPPED = """---
title: 稳定币说明
kind: article
language: zh
date: 2026-01-05
---

稳定币与其他虚拟货币不同，
稳定币试图保持价格稳定。
It keeps English words apart
across a line.

```text
代码保留
原样换行
```
"""


def test_line_breaks_inside_chinese_sentences_are_dropped_code_keeps_them(tmp_path) -> None:
    english = (
        "---\ntitle: Note\nkind: article\ndate: 2026-01-05\n---\n\n"
        "The notice says 稳定币与其他虚拟货币不同，\n稳定币试图保持价格稳定。\n"
    )
    guide = "---\nlanguage: zh\n---\n\n# 编辑指南\n\n每段可以\n分行书写。\n"
    pages = {
        "index.md": "# Home\n",
        "news/zh.md": ZH_WRAPPED,
        "news/en.md": english,
        "guide.md": guide,
    }
    result = build_site(tmp_path, pages, plugins=["regkb-documents", "search"])
    assert result.ok, result.messages
    page = BeautifulSoup(result.read("news/zh/index.html"), "html.parser").select_one("article")
    paragraph = page.find("p", string=lambda t: t and t.startswith("稳定币与"))
    assert paragraph.get_text() == (
        "稳定币与其他虚拟货币不同，稳定币试图保持价格稳定。\n"
        "It keeps English words apart\nacross a line."
    )
    assert page.find("pre").get_text() == "代码保留\n原样换行\n"
    # an English page keeps its breaks (a space where they show); a Chinese guide drops them
    en = BeautifulSoup(result.read("news/en/index.html"), "html.parser").select_one("article")
    assert "不同，\n稳定币" in en.get_text()
    zh = BeautifulSoup(result.read("guide/index.html"), "html.parser").select_one("article")
    assert "每段可以分行书写。" in zh.get_text()
