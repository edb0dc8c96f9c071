"""Names without a language field (tags, glossary terms, aliases, summaries) are marked with
the language their script shows, on pages in the site's language (WCAG 2.1, 3.1.2)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Comment
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.languages import (
    ThemeNames,
    document_text_html,
    mark_text_languages,
    name_html,
)
from plugins.scripts import has_east_asian
from tests.sitebuilder import build_site


@pytest.mark.parametrize(
    ("text", "site", "html"),
    [
        ("中文", "en", '<span lang="zh">中文</span>'),
        ("RWA", "en", "RWA"),
        ("e-CNY 数字人民币", "en", 'e-CNY <span lang="zh">数字人民币</span>'),
        ("Stablecoin (稳定币)", "en-GB", 'Stablecoin (<span lang="zh">稳定币</span>)'),
        ("ステーブルコイン規制", "en", '<span lang="ja">ステーブルコイン規制</span>'),
        ("스테이블 코인", "en", '<span lang="ko">스테이블 코인</span>'),
        ("数字人民币", "zh-CN", "数字人民币"),  # the site's own language
        ("<b>币</b> & “x”", "en", '&lt;b&gt;<span lang="zh">币</span>&lt;/b&gt; &amp; “x”'),
        ("、", "en", "、"),  # punctuation alone says nothing
        # digits and ASCII punctuation between Chinese characters are read in Chinese
        ("银发〔2026〕42号", "en", '<span lang="zh">银发〔2026〕42号</span>'),
        (
            "数字人民币 (e-CNY) 稳定币",
            "en",
            '<span lang="zh">数字人民币</span> (e-CNY) <span lang="zh">稳定币</span>',
        ),
    ],
)
def test_runs_of_east_asian_script_are_marked(text: str, site: str, html: str) -> None:
    assert name_html(text, site) == html


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("plain ASCII", False),
        ("¶ “quotes” — dashes … ﬁ ｆｕｌｌ Ελληνικά ἀ \ufeff\ufffd", False),  # the bytes kept
        ("lone surrogate \ud800", False),
        ("中", True),
        ("カナ", True),
        ("한", True),
        ("ᄀ", True),  # a Hangul jamo: U+1100, among U+1000-U+1FFF
        ("豈", True),  # a compatibility ideograph, U+F900
        ("𠀀", True),  # beyond U+FFFF
    ],
)
def test_a_text_holding_east_asian_script_is_found(text: str, found: bool) -> None:
    assert has_east_asian(text) is found
    assert has_east_asian(f"<p>{'x ¶ ' * 5000}{text}</p>") is found  # anywhere in a page


@pytest.mark.parametrize(
    ("html", "page", "marked"),
    [
        (
            "<p>The PBOC's 数字人民币 pilot</p>",
            "en",
            '<p>The PBOC\'s <span lang="zh">数字人民币</span> pilot</p>',
        ),
        # a code sample's Chinese is still Chinese
        ("<code>tags: [中文]</code>", "en", '<code>tags: [<span lang="zh">中文</span>]</code>'),
        # inside a link, not in its attributes
        (
            '<a href="#稳定币" title="稳定币">稳定币</a>',
            "en",
            '<a href="#稳定币" title="稳定币"><span lang="zh">稳定币</span></a>',
        ),
        # what a writer marked stays theirs, down to nested elements
        ('<p lang="ja">東京 <em>円</em></p>', "en", '<p lang="ja">東京 <em>円</em></p>'),
        ('<span xml:lang="ja">東京</span>', "en", '<span xml:lang="ja">東京</span>'),
        # a data-lang or hreflang attribute is not a language marking
        (
            '<a hreflang="zh" data-lang="x">中文</a>',
            "en",
            '<a hreflang="zh" data-lang="x"><span lang="zh">中文</span></a>',
        ),
        # scripts, styles and options are not text a span may go into
        ('<script>var s = "中文";</script>', "en", '<script>var s = "中文";</script>'),
        ("<select><option>中文</option></select>", "en", "<select><option>中文</option></select>"),
        # the page's own language, and kanji on a Japanese page, are the page's
        ("<p>稳定币是一种代币。</p>", "zh-CN", "<p>稳定币是一种代币。</p>"),
        ("<p>東京の規制、東京</p>", "ja", "<p>東京の規制、東京</p>"),
        (
            "<p>稳定币 (Japanese: ステーブルコイン)</p>",
            "zh",
            '<p>稳定币 (Japanese: <span lang="ja">ステーブルコイン</span>)</p>',
        ),
        ("<p>Plain &amp; simple</p>", "en", "<p>Plain &amp; simple</p>"),
    ],
)
def test_east_asian_script_in_a_pages_text_is_marked(html: str, page: str, marked: str) -> None:
    assert mark_text_languages(html, page) == marked


@pytest.mark.parametrize(
    ("text", "language", "lang", "html"),
    [
        ("PBOC & 数字人民币", "en", None, 'PBOC &amp; <span lang="zh">数字人民币</span>'),
        ("稳定币监管", "zh", "zh", '<span lang="zh">稳定币监管</span>'),
        (
            "规则 (Japanese: ステーブル)",
            "zh",
            "zh",
            '<span lang="zh">规则 (Japanese: <span lang="ja">ステーブル</span>)</span>',
        ),
        ("<b>Rules</b>", "en", None, "&lt;b&gt;Rules&lt;/b&gt;"),
    ],
)
def test_a_documents_title_is_marked_with_its_language_and_its_parts(
    text: str, language: str, lang: str | None, html: str
) -> None:
    assert document_text_html(text, language, lang) == html


PLUGINS = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search", "tags", "regkb-tags"]
PAGES = {
    "index.md": (
        "# Home\n\nThe PBOC calls it 数字人民币. Tag a Chinese page `tags: [中文]`.\n\n"
        '<p lang="ja">東京の規制</p>\n\n<p>Tokyo: <span lang="ja">東京</span></p>\n'
    ),
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "timeline.md": "# Timeline\n",
    "news/en.md": (
        "---\ntitle: Stablecoin rules\nkind: article\ndate: 2026-02-06\n"
        "author: 新华社\ndoc_number: 银发〔2026〕42号\n"
        "tags: [stablecoin, 稳定币]\n---\n\nA stablecoin (稳定币) is a token.\n\n"
        "## The rules (规则)\n\nText.\n"
    ),
    "news/zh.md": (
        "---\ntitle: 稳定币监管\nkind: article\ndate: 2026-03-01\nlanguage: zh\n"
        "tags: [stablecoin, 稳定币]\n---\n\n稳定币是一种代币。\n"
    ),
    "regulations/zh-notice.md": (
        "---\ntitle: 关于稳定币的通知\nkind: notice\ndate: 2026-02-07\nlanguage: zh\n---\n\n"
        "## 第一章 总则\n\n正文。\n\n## 第二章 附则\n\n正文。\n"
    ),
    "glossary/index.md": "# Glossary\n",
    "glossary/stablecoin.md": (
        "---\nterm: Stablecoin\nsummary: A token pegged to a currency (稳定币).\n"
        "aliases: [稳定币, stablecoins]\nrelated: [数字人民币]\n---\n\nA stablecoin.\n"
    ),
    "glossary/e-cny.md": (
        "---\nterm: 数字人民币\nsummary: 中国人民银行发行的数字形式的法定货币。\n"
        "aliases: [e-CNY]\n---\n\n中国的法定数字货币。\n"
    ),
}
HAN = re.compile("[\u4e00-\u9fff]")


def _language_of(node) -> str | None:
    for element in [node.parent, *node.parents]:
        if getattr(element, "get", None) and element.get("lang"):
            return element.get("lang")
    return None


@pytest.mark.parametrize(
    "nav",
    [
        None,  # every page in the navigation: a Chinese document, a Chinese term
        ["index.md", "tags.md", "timeline.md", "glossary/index.md"],  # none in another script
    ],
)
def test_every_chinese_name_on_the_site_is_marked_chinese(
    tmp_path: Path, nav: list[str] | None
) -> None:
    """Over whole pages (header, sidebars, footer, article), but for ``<title>``."""
    result = build_site(tmp_path, PAGES, plugins=PLUGINS, extra={"nav": nav} if nav else None)
    assert result.ok, (result.error, result.warnings())
    unmarked, twice = [], []
    checked = 0
    for path in sorted((tmp_path / "site").rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.body.find_all(attrs={"lang": True}) if page.body else ():
            outer = element.find_parent(attrs={"lang": True})
            if outer is not None and outer.name != "html" and outer["lang"] == element["lang"]:
                twice.append(f"{path.relative_to(tmp_path)}: {element}")
        for text in page.find_all(string=HAN):
            if text.parent.name in ("title", "script") or isinstance(text, Comment):
                continue  # a <title> cannot mark part of itself; scripts are not read
            checked += 1
            # the home page's Japanese, marked by its writer, stays as they marked it
            expected = "ja" if "東京" in text else "zh"
            if not (_language_of(text) or "").startswith(expected):
                unmarked.append(f"{path.relative_to(tmp_path)}: {text.strip()[:30]!r}")
    assert not unmarked, unmarked
    assert not twice, twice  # a mark inside the same mark says nothing
    assert checked >= 20  # tags page, tag pages, timelines, glossary index, term pages...


@pytest.mark.parametrize(
    ("rel", "heading"),
    [("tags/稳定币/index.html", "Tag: 稳定币"), ("glossary/e-cny/index.html", "数字人民币")],
)
def test_a_generated_heading_is_one_h1_with_the_name_marked(
    tmp_path: Path, rel: str, heading: str
) -> None:
    result = build_site(tmp_path, PAGES, plugins=PLUGINS)
    page = BeautifulSoup(result.read(rel), "html.parser")
    (h1,) = page.find_all("h1")
    assert h1.get_text() == heading and h1.find("span", lang="zh") is not None


def test_chips_on_a_chinese_document_are_the_sites_words(tmp_path: Path) -> None:
    """Above a Chinese document's title the chips sit inside its ``lang="zh"`` article:
    "stablecoin" is marked English, "稳定币" Chinese inside that."""
    result = build_site(tmp_path, PAGES, plugins=PLUGINS)
    chips = BeautifulSoup(result.read("news/zh/index.html"), "html.parser").select(".md-tag")
    langs = {chip.get_text(): [s["lang"] for s in chip.find_all("span")] for chip in chips}
    assert langs == {"stablecoin": ["en"], "稳定币": ["en", "zh"]}
    hrefs = [unquote(a["href"]) for a in chips]
    assert hrefs == ["../../tags/stablecoin/", "../../tags/稳定币/"]
    chips = BeautifulSoup(result.read("news/en/index.html"), "html.parser").select(".md-tag")
    assert [str(c.contents[0]) for c in chips] == ["stablecoin", '<span lang="zh">稳定币</span>']


def test_a_chinese_documents_table_of_contents_is_marked_chinese(tmp_path: Path) -> None:
    """Material shows the headings in the sidebar, outside the article that carries the
    document's language."""
    pages = {
        **PAGES,
        "news/zh.md": PAGES["news/zh.md"] + "\n## 什么是稳定币\n\n## 监管\n\n正文。\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    page = BeautifulSoup(result.read("news/zh/index.html"), "html.parser")
    toc = page.find("nav", class_="md-nav--secondary")
    entries = toc.select("a.md-nav__link")
    assert [a.get_text(strip=True) for a in entries] == ["什么是稳定币", "监管"]
    assert all(a.find("span", lang="zh") for a in entries)
    assert toc.find("label").get_text(strip=True) == "Table of contents"  # the site's words
    en = BeautifulSoup(result.read("news/en/index.html"), "html.parser")
    # an English document's: only the Chinese words in its headings
    marked = en.find("nav", class_="md-nav--secondary").find_all("span", lang=True)
    assert [(s["lang"], s.get_text()) for s in marked] == [("zh", "规则")]


#: Pieces of pages: markup (well-formed or not), entities, text in several scripts.
_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<code>",
        "</code>",
        '<a href="x" title="中文 lang=x">',
        "</a>",
        '<div lang="ja">',
        "</div>",
        "<script>",
        "</script>",
        "<!-- 中文 -->",
        "<br>",
        "<",
        ">",
        "&amp;",
        "&#20013;",
        " ",
        "\n",
        "text",
        "2026",
        "〔",
        "中文",
        "東京",
        "カナ",
        "한국어",
        "¶",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["en", "zh", "ja", "ko"]))
def test_marking_adds_spans_and_nothing_else(page: str, language: str) -> None:
    """Whatever the markup, marking only puts ``<span lang>`` around text in a script: the
    page without the spans it added is the page it was given."""
    marked = mark_text_languages(page, language)
    added = re.compile(r'<span lang="(?:zh|ja|ko)">((?:(?!<span lang=).)*?)</span>', re.S)
    assert all(has_east_asian(m.group(1)) for m in added.finditer(marked))
    for kept in ('<a href="x" title="中文 lang=x">', "<!-- 中文 -->"):  # attributes, comments
        assert marked.count(kept) == page.count(kept)
    while (stripped := added.sub(r"\1", marked)) != marked:
        marked = stripped
    assert marked == page


@pytest.mark.parametrize("more", [0, ThemeNames.FIND_EACH])  # each found alone, or all at once
def test_names_the_theme_prints_are_marked_where_they_are_the_whole_text(more: int) -> None:
    others = [f"其他{i}" for i in range(more)]
    names = ThemeNames(["稳定币", "稳定币监管", "Home", "监管 & 规则", *others], "en")
    page = (
        "<html><head><title>稳定币监管 - Site</title></head><body>"
        '<header><span class="md-ellipsis">\n  稳定币监管\n</span></header>'
        '<nav><a href="x"><span>稳定币监管</span></a> <span>Home</span> <i>监管 &amp; 规则</i>'
        "<i>监管 & 规则</i></nav>"
        "<article><h1>稳定币监管</h1></article>"
        '<footer><a aria-label="Next: 稳定币监管"><div>\n稳定币监管\n</div></a>'
        "<p>稳定币监管 and more</p></footer></body></html>"
    )
    zh = '<span lang="zh">稳定币监管</span>'
    marked = names.mark(page)
    assert marked.count(zh) == 3  # the header, the sidebar and the footer's link
    assert '<i><span lang="zh">监管 & 规则</span></i>' in marked
    assert "<i>监管 &amp; 规则</i>" in marked  # a name is matched as the theme prints it
    for kept in ("<title>稳定币监管 - Site</title>", "<h1>稳定币监管</h1>", "Next: 稳定币监管"):
        assert kept in marked
    assert "<p>稳定币监管 and more</p>" in marked  # part of a longer text
    assert names.mark(page, header=False).count(zh) == 2
    assert not ThemeNames(["Home", "News"], "en")  # nothing to mark: no search at all
