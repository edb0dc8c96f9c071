"""Regulatory notices in HTML pages: the same structure as from a text capture.

The real notice is the one in the shared corpus capture; these tests set its paragraphs in
HTML at run time (as a government site or a news site would), so the repository holds no
copy of it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
import markdown
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins import frontmatter
from scraper.cli import main
from scraper.document import Document
from scraper.extract.html import extract_html_documents
from scraper.extract.html_notice import text_blocks
from scraper.extract.text import extract_text
from tests.shared_data import skip_without_shared

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CAPTURE = SHARED / "corpus" / "weex-news-capture.txt"
PAGES = SHARED / "datasets" / "readability-test-pages"
ANCHOR = re.compile(r"\{#((?:article|part)-\d+)\}")


@pytest.fixture(scope="module")
def capture_notice() -> tuple[Document, list[str]]:
    """The corpus notice as the text path reads it, and its paragraphs."""
    if not CAPTURE.is_file():
        skip_without_shared("shared corpus not available")
    text = CAPTURE.read_text(encoding="utf-8")
    notice = next(d for d in extract_text(text) if d.kind == "notice")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("To the "))
    last = max(i for i, line in enumerate(lines) if "repeal" in line.lower())
    return notice, lines[first : last + 1]


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)


def government_page(notice: Document, lines: list[str]) -> str:
    title = html.escape(notice.title)
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time" '
        'content="2026-02-06"></head><body><nav><a href="/">Home</a> <a href="/p">Policies'
        f"</a></nav><main><h1>{title}</h1><p>Yinfa [2026] No. 42</p>\n{paragraphs(lines)}"
        "<p>People's Bank of China</p><p>6 February 2026</p></main>"
        "<footer>Contact us</footer></body></html>"
    )


FOREWORD = [
    "Nine departments led by the central bank issued a notice on Friday that restates the ban "
    "on virtual currency business in the country and sets out how tokenized assets are watched.",
    "Analysts said the notice mostly gathers rules already in force, but that its section on "
    "real-world asset tokenization is new and will matter to firms that issue tokens abroad.",
]


def test_a_notice_page_is_a_notice_with_the_structure_of_the_capture(capture_notice) -> None:
    notice, lines = capture_notice
    docs = extract_html_documents(government_page(notice, lines), url="https://gov.example/n42")
    assert [d.kind for d in docs] == ["notice"]
    doc = docs[0]
    assert doc.title == notice.title
    assert doc.doc_number == "Yinfa [2026] No. 42"
    assert doc.repeals == notice.repeals == ["Yinfa [2021] No. 237"]
    assert doc.cites == notice.cites and doc.issuers == notice.issuers
    assert doc.in_force_basis == notice.in_force_basis
    assert ANCHOR.findall(doc.body) == ANCHOR.findall(notice.body)
    assert len(ANCHOR.findall(doc.body)) == 6 + 19  # parts I.-VI., articles (1)-(19)
    # The page is the notice: dated by the page, and its signature stays in its body.
    assert doc.date == "2026-02-06"
    assert doc.source_url == "https://gov.example/n42"
    assert doc.body.rstrip().endswith("6 February 2026")
    assert "Contact us" not in doc.body and "Policies" not in doc.body


def test_a_notice_page_that_declares_no_date_is_dated_by_its_sign_off(capture_notice) -> None:
    notice, lines = capture_notice
    page = government_page(notice, lines).replace("2026-02-06", "")  # no declared date
    page = page.replace("6 February 2026", "5 February 2026")
    [doc] = extract_html_documents(page, url="https://gov.example/n42")
    assert (doc.kind, doc.date) == ("notice", "2026-02-05")


def test_an_article_quoting_a_notice_gives_both(capture_notice) -> None:
    notice, lines = capture_notice
    page = (
        "<html><body><article><h1>Regulators restate the virtual currency ban</h1>"
        + paragraphs(FOREWORD)
        + f"<h2>{html.escape(notice.title)}</h2>"
        + paragraphs(lines)
        + '<p>Read more <a href="https://news.example/more">here</a>.</p></article></body></html>'
    )
    article, quoted = extract_html_documents(page, url="https://news.example/ban")
    assert (article.kind, quoted.kind) == ("article", "notice")
    assert article.title == "Regulators restate the virtual currency ban"
    assert quoted.title == notice.title  # the heading just above the notice
    assert ANCHOR.findall(quoted.body) == ANCHOR.findall(notice.body)
    # The article keeps its own text and links to the notice's page instead of repeating it.
    assert FOREWORD[1] in article.body
    assert lines[3] not in article.body and "{#article-1}" not in article.body
    assert article.body.rstrip().endswith("(regkb-doc:title/" + _quoted(notice.title) + ")")
    assert quoted.date is None  # a news article's date is not the notice's


def test_a_notice_set_with_line_breaks_in_one_element(capture_notice) -> None:
    notice, lines = capture_notice
    text = "<br>".join(html.escape(line) for line in [*FOREWORD, "Yinfa [2026] No. 42", *lines])
    page = f"<html><body><div><h1>Notice text</h1><div>{text}</div></div></body></html>"
    article, quoted = extract_html_documents(page)
    assert ANCHOR.findall(quoted.body) == ANCHOR.findall(notice.body)
    assert quoted.title == quoted.doc_number == "Yinfa [2026] No. 42"
    # The foreword shares its element with the notice: it is kept as paragraphs.
    assert FOREWORD[0] in article.body and "{#article-1}" not in article.body


def test_no_readability_test_page_is_taken_for_a_notice() -> None:
    if not PAGES.is_dir():
        skip_without_shared("shared readability test pages not available")
    found = []
    for folder in sorted(PAGES.iterdir()):
        if (folder / "source.html").is_file():
            docs = extract_html_documents((folder / "source.html").read_bytes())
            if [d.kind for d in docs] != ["article"]:
                found.append(folder.name)
    assert found == []


def test_scraping_an_html_notice_writes_a_notice_page_with_anchors(
    capture_notice, tmp_path: Path
) -> None:
    notice, lines = capture_notice
    (tmp_path / "n42.html").write_text(government_page(notice, lines), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scrape", "--out", str(tmp_path / "docs"), str(tmp_path / "n42.html")]
    )
    assert result.exit_code == 0, result.output
    [page] = (tmp_path / "docs").rglob("*.md")
    assert page.relative_to(tmp_path / "docs").as_posix() == "regulations/2026/yinfa-2026-no-42.md"
    split = frontmatter.split(page.read_text(encoding="utf-8"))
    assert split.meta["kind"] == "notice" and split.meta["repeals"] == ["Yinfa [2021] No. 237"]
    assert "{#article-19}" in split.body


def _quoted(title: str) -> str:
    from urllib.parse import quote

    return quote(title, safe="")


# -- text_blocks ----------------------------------------------------------------------------


def test_text_blocks_split_at_blocks_and_line_breaks() -> None:
    content = lxml.html.fragment_fromstring(
        "<div>Lead<p>One <b>bold</b> word</p>tail<br>after break<ul><li>item</li></ul>"
        "<!-- note -->end</div>"
    )
    assert [text for _, text in text_blocks(content)] == [
        "Lead",
        "One bold word",
        "tail",
        "after break",
        "item",
        "end",
    ]


_TAGS = st.sampled_from(["p", "div", "span", "b", "li", "h2", "td", "section"])


@st.composite
def markup(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(_TAGS)
            parts.append(f"<{tag}>{draw(markup(depth + 1))}</{tag}>")
        elif draw(st.booleans()):
            parts.append("<br>")
        else:
            parts.append(html.escape(draw(st.text("ab ç中\n", max_size=8))))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(markup())
def test_text_blocks_keep_every_word(source: str) -> None:
    content = lxml.html.fragment_fromstring(source, create_parent="div")
    words = " ".join(content.text_content().split())
    joined = " ".join(text for _, text in text_blocks(content))
    # The same words in the same order; a block boundary may split a word in two.
    assert joined.replace(" ", "") == words.replace(" ", "")


def test_a_chinese_regulation_page_keeps_its_chapters_and_articles() -> None:
    from tests.test_notice import CHINESE_LAW

    page = "<html><body><main><h1>稳定币储备资产管理办法</h1>" + paragraphs(CHINESE_LAW)
    [doc] = extract_html_documents(page + "<p>相关链接</p></main></body></html>")
    assert (doc.kind, doc.title, doc.language) == ("regulation", "稳定币储备资产管理办法", "zh")
    assert ANCHOR.findall(doc.body) == [
        "part-1", "article-1", "article-2", "part-2", "article-3", "article-4"
    ]  # fmt: skip
    assert "（二）短期国债；" in doc.body


def test_a_news_report_with_numbered_points_stays_one_article() -> None:
    from tests.test_notice import POINTS

    page = (
        "<html><body><article><h1>Regulator sets three conditions for stablecoins</h1>"
        + paragraphs([*FOREWORD, "The draft sets three conditions:", *POINTS])
        + "</article></body></html>"
    )
    [doc] = extract_html_documents(page)
    assert doc.kind == "article" and POINTS[2] in doc.body


def test_a_kind_hint_names_what_a_single_notice_page_is(capture_notice, tmp_path: Path) -> None:
    notice, lines = capture_notice
    (tmp_path / "n42.html").write_text(government_page(notice, lines), encoding="utf-8")
    args = [
        "scrape",
        "--out",
        str(tmp_path / "docs"),
        "--kind",
        "guidance",
        str(tmp_path / "n42.html"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    [page] = (tmp_path / "docs").rglob("*.md")
    assert frontmatter.split(page.read_text(encoding="utf-8")).meta["kind"] == "guidance"


def test_a_hostile_notice_page_gives_inert_markdown() -> None:
    articles = "".join(
        f"<p>({n}) Rule {n} <script>alert({n})</script><img src=x onerror=alert(1)> "
        "&lt;b onclick=x&gt;bold&lt;/b&gt; [a](javascript:alert(1)) "
        "<a href='javascript:alert(2)'>link</a>.</p>"
        for n in (1, 2, 3)
    )
    page = (
        "<html><body><main><h1>Notice on tokens</h1><p>To the banks:</p>"
        f"{articles}<p>This Notice shall enter into force on 1 March 2026.</p></main></body></html>"
    )
    [doc] = extract_html_documents(page)
    assert ANCHOR.findall(doc.body) == ["article-1", "article-2", "article-3"]
    rendered = lxml.html.fragment_fromstring(
        markdown.markdown(doc.body, extensions=["attr_list"]), create_parent="div"
    )
    assert not rendered.xpath("//script|//img|//*[@onclick]|//*[@onerror]")
    assert not [a for a in rendered.iter("a") if "javascript" in (a.get("href") or "")]
    assert "alert(1)" not in doc.body.replace("javascript:alert(1)", "")


def test_a_chinese_government_page_laid_out_in_a_table_gives_its_notice() -> None:
    """An older government site: menu and article side by side in a table, the title only
    in ``<title>`` (with the site's "_栏目_网站" after it) and a styled div, the sign-off
    right-aligned under the text."""
    from tests.test_notice import CHINESE_NOTICE

    lines = [line.strip() for line in CHINESE_NOTICE.splitlines() if line.strip()]
    title = lines[1]
    first = lines.index("各省、自治区、直辖市人民政府，新疆生产建设兵团：")
    signed = lines.index("2026年2月6日")
    text = "".join(f"<p>{html.escape(line)}</p>" for line in lines[first : signed - 3])
    sign = "".join(f'<p align="right">{line}</p>' for line in lines[signed - 3 : signed + 1])
    page = (
        f'<html><head><meta charset="utf-8"><title>{title}_部门文件_中国政府网</title></head>'
        '<body><div class="header"><a href="/">首页</a> | <a href="/zc">政策</a></div>'
        '<table width="1000"><tr><td width="200"><ul><li><a href="/a">最新政策</a></li>'
        '<li><a href="/b">政策解读</a></li></ul></td><td><div class="pages-title">'
        f'{title}</div><div class="pages-date">2026-02-06 18:00 来源：中国人民银行网站</div>'
        f"<div id='content'><p>银发〔2026〕42号</p>{text}{sign}</div></td></tr></table>"
        '<div class="footer">版权所有：中国政府网</div></body></html>'
    )
    [doc] = extract_html_documents(page.encode("utf-8"), url="https://gov.example/n42.htm")
    assert (doc.kind, doc.title, doc.date) == ("notice", title, "2026-02-06")
    assert (doc.doc_number, doc.jurisdiction) == ("银发〔2026〕42号", "CN")
    assert doc.issuers == ["中国人民银行", "国家发展改革委", "工业和信息化部"]
    assert ANCHOR.findall(doc.body) == [
        "part-1", "article-1", "article-2", "part-2", "article-3", "article-4"
    ]  # fmt: skip
    assert doc.body.rstrip().endswith("2026年2月6日")
    assert "最新政策" not in doc.body and "版权所有" not in doc.body
