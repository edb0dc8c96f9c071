"""The plain-text capture extractor, on the shared WEEX capture and on made-up captures."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.document import Document
from scraper.extract import ExtractError
from scraper.extract.text import (
    LineKind,
    classify_lines,
    extract_text,
    split_lines,
)
from scraper.extract.text_lines import reads_as_name
from scraper.normalize import render
from tests.shared_data import skip_without_shared

CAPTURE = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "weex-news-capture.txt"
CHROME = ["You may also like", "Popular coins", "Latest Crypto News", "Read more"]


@pytest.fixture(scope="module")
def capture_text() -> str:
    if not CAPTURE.is_file():
        skip_without_shared("shared corpus not available")
    return CAPTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docs(capture_text: str) -> list[Document]:
    return extract_text(capture_text.encode("utf-8"), origin=str(CAPTURE))


def _headings(body: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", body, re.M)


def test_capture_gives_exactly_three_documents(docs: list[Document]) -> None:
    assert [d.kind for d in docs] == ["article", "article", "notice"]
    assert docs[0].title == "Why Regulators Need to Embrace the New Privacy Paradigm in Web3"
    assert docs[1].title == (
        "China's Central Bank and Eight Other Departments' Latest Regulatory Focus: "
        "Key Attention to RWA Tokenized Asset Risk"
    )
    assert docs[2].title.startswith("Notice of the People's Bank of China, National Development")
    assert docs[2].title.endswith(
        "on Further Preventing and Dealing with Risks Related to Virtual Currency and Others"
    )


def test_first_article_metadata(docs: list[Document]) -> None:
    art = docs[0]
    assert art.author == "crypto insight"
    assert art.date == "2025-11-11 13:30:07"
    assert art.language == "en"
    titles = [r["title"] for r in art.related]
    assert titles == [
        "WEEX AI Trading Hackathon Rules & Guidelines",
        "From 0 to $1 Million: Five Steps to Outperform the Market Through Wallet Tracking",
        "Token Cannot Compound, Where Is the Real Investment Opportunity?",
        "February 6th Market Key Intelligence, How Much Did You Miss?",
        "Former Partner's Perspective on Multicoin: Kyle's Exit, But the Game He Left Behind "
        "Just Getting Started",
    ]
    assert all(r.get("summary") for r in art.related)
    assert art.related[-1]["summary"].startswith("Kyle knew his game")


def test_first_article_structure(docs: list[Document]) -> None:
    body = docs[0].body
    h2 = _headings(body, 2)
    assert h2[0] == "Key Takeaways"
    assert "From Shared Observation to Shared Verification: A Game-Changing Shift" in h2
    assert "Privacy as Infrastructure: Building a Stronger Digital Foundation" in h2
    assert "Embracing the Future: Opportunities Ahead" in h2
    # The five questions that end it stay headings of their own: the page has no "FAQ"
    # heading above them, and none is made up.
    assert "FAQ" not in h2
    questions = h2[-5:]
    assert all(q.endswith("?") for q in questions) and not h2[-6].endswith("?")
    assert questions[0] == "What Are Zero-Knowledge Proofs and How Do They Work?"
    # the five takeaways form one list right under their heading
    after = body.split("## Key Takeaways\n\n", 1)[1].split("\n\n", 1)[0]
    items = after.splitlines()
    assert len(items) == 5 and all(i.startswith("- ") for i in items)
    assert items[0].startswith("- Privacy in Web3 isn’t just a feature")
    faq = body.split(f"## {questions[0]}\n", 1)[1]
    # each question keeps its answer
    assert "Zero-knowledge proofs are cryptographic methods" in faq
    assert faq.rstrip().endswith("privacy-focused innovation.")


def test_second_article_is_its_foreword_and_links_the_notice(docs: list[Document]) -> None:
    art = docs[1]
    assert art.body.startswith("Foreword: Today, the People's Bank of China's website")
    assert art.cites == ["Yinfa [2026] No. 42"]
    assert art.date is None and art.author is None
    assert "regkb-doc:number/" in art.body  # resolved to a relative path when written
    assert "To the people's governments" not in art.body


def test_notice_metadata(docs: list[Document]) -> None:
    nt = docs[2]
    assert nt.doc_number == "Yinfa [2026] No. 42"
    assert nt.issuers == [
        "People's Bank of China",
        "National Development and Reform Commission",
        "Ministry of Industry and Information Technology",
        "Ministry of Public Security",
        "State Administration for Market Regulation",
        "China Banking and Insurance Regulatory Commission",
        "China Securities Regulatory Commission",
        "State Administration of Foreign Exchange",
    ]
    assert nt.jurisdiction == "CN"
    assert nt.language == "en"
    assert nt.repeals == ["Yinfa [2021] No. 237"]
    assert "NDRC Energy-saving Building [2021] No. 1283" in nt.cites
    assert "Guidance Catalog for Industrial Structure Adjustment (2024 Edition)" in nt.cites
    assert "Securities Law of the People's Republic of China" in nt.cites
    assert "Law of the People's Republic of China on the People's Bank of China" in nt.cites
    assert "Yinfa [2026] No. 42" not in nt.cites and "Yinfa [2021] No. 237" not in nt.cites
    assert not any(c[0].islower() for c in nt.cites)  # quoted terms like "mining" are not cites
    assert nt.in_force_basis == "upon the date of its issuance"
    assert nt.date is None and nt.in_force is None  # the capture gives no date


def test_notice_parts_and_articles(docs: list[Document]) -> None:
    body = docs[2].body
    parts = re.findall(r"^## ([IVX]+)\. .+ \{#(part-\d+)\}$", body, re.M)
    assert parts == [
        ("I", "part-1"),
        ("II", "part-2"),
        ("III", "part-3"),
        ("IV", "part-4"),
        ("V", "part-5"),
        ("VI", "part-6"),
    ]
    anchors = re.findall(r"^### Article (\d+)\b.*\{#article-(\d+)\}$", body, re.M)
    assert [int(a) for a, _ in anchors] == list(range(1, 20))
    assert [int(b) for _, b in anchors] == list(range(1, 20))
    assert "### Article 3 (III): Inter-agency Coordination {#article-3}" in body
    assert body.startswith("To the people's governments of all provinces")
    assert body.rstrip().endswith("is hereby repealed.")


def test_notice_loses_no_text(capture_text: str, docs: list[Document]) -> None:
    """Every word of the notice's source text is in its body (numbers become headings)."""
    lines = capture_text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("To the people's"))
    end = next(i for i, ln in enumerate(lines) if "enter into force" in ln)
    words = Counter(re.findall(r"\w+", " ".join(lines[start : end + 1])))
    have = Counter(re.findall(r"\w+", docs[2].body.replace("\\", "")))
    missing = {w: n - have[w] for w, n in words.items() if have[w] < n}
    assert not missing


def test_no_chrome_reaches_any_body(docs: list[Document]) -> None:
    for doc in docs:
        lines = {ln.strip() for ln in doc.body.splitlines()}
        assert not {"0", "Share", "copy"} & lines, doc.title
        for chrome in CHROME:
            assert chrome not in doc.body, (doc.title, chrome)
        assert "Former Partner" not in doc.body
        assert "Kyle knew his game" not in doc.body
        assert "WEEX AI Trading Hackathon Rules" not in doc.body


def test_rendered_pages_validate(docs: list[Document]) -> None:
    for doc in docs:
        text = render(doc)
        assert text.startswith("---\ntitle: ")


OTHER_SITE = """\
Home
Markets

SEC Extends Review of Spot Ether Fund Rules

Written by Jane Roe · March 5, 2024
12
Share
Tweet

The agency said on Tuesday it needs more time to review the proposal.

What Happens Next

A final decision is due in May. Analysts expect further delays.

Related articles

Bitcoin Miners Face Halving Squeeze

Revenue per block will fall by half after the event in April.

Stablecoin Bill Advances in Committee

Lawmakers approved the draft by a narrow margin.

Trending now

BTC

ETH
Load more
"""


def test_another_site_layout_uses_the_same_heuristics() -> None:
    docs = extract_text(OTHER_SITE)
    assert len(docs) == 1
    doc = docs[0]
    # "Home" / "Markets" above the title are navigation: the title is the line above the byline
    assert doc.title == "SEC Extends Review of Spot Ether Fund Rules"
    assert doc.author == "Jane Roe"
    assert doc.date == "2024-03-05"
    assert [r["title"] for r in doc.related] == [
        "Bitcoin Miners Face Halving Squeeze",
        "Stablecoin Bill Advances in Committee",
    ]
    assert "## What Happens Next" in doc.body
    for chrome in ("Share", "Tweet", "Load more", "Trending now", "BTC", "12"):
        assert chrome not in doc.body.splitlines()


def test_line_classification_is_general() -> None:
    lines = classify_lines(
        split_lines("Title Here\n\nBy: someone|2024/01/02 03:04\n\u2003\u2003\n• point\nShare\n")
    )
    kinds = [ln.kind for ln in lines]
    assert kinds == [
        LineKind.heading,
        LineKind.blank,
        LineKind.byline,
        LineKind.blank,
        LineKind.bullet,
        LineKind.chrome,
    ]


@pytest.mark.parametrize(
    ("line", "bullet"),
    [
        ("• point", "point"),
        ("•point", "point"),
        ("- point", "point"),
        ("* point", "point"),
        ("----------", None),  # a rule drawn with dashes became "- \---------"
        ("*[HTML]: Hyper Text", None),  # became the bullet "[HTML]: ..."
        ("-5% on the day", None),
        ("*Terms apply", None),
    ],
)
def test_an_ascii_bullet_needs_a_space_after_it(line: str, bullet: str | None) -> None:
    [parsed] = classify_lines([line])
    assert (parsed.kind is LineKind.bullet) == (bullet is not None), parsed.kind
    if bullet is not None:
        assert parsed.text == bullet
    else:
        assert line in extract_text(f"Title of the page\n\n{line}\n").pop().body.replace("\\", "")


@pytest.mark.parametrize("data", [b"", b"   \n\n", "Share\n0\ncopy\n", b"\x00\x01\x02binary"])
def test_unreadable_input_is_a_clear_error(data: bytes | str) -> None:
    with pytest.raises(ExtractError):
        extract_text(data)


def test_text_without_headings_is_one_article() -> None:
    para = "this is a long line of lowercase text without any heading at all, " * 3
    docs = extract_text(para + "\n\nand a second paragraph.\n")
    assert len(docs) == 1
    assert docs[0].title.endswith("…") and len(docs[0].title) <= 91
    assert para.strip() in docs[0].body  # the paragraph used for the title is kept whole


@pytest.mark.parametrize(
    "line",
    [
        "Stablecoin rules",
        "AI has not changed much in cybersecurity so far; deep-fake phishing is still rare.",
        "稳定币监管要点",
    ],
)
def test_a_capture_of_one_line_keeps_it_as_text(line: str) -> None:
    (doc,) = extract_text(f"\n{line}\n")
    assert doc.title == line
    assert doc.body.strip() == line  # as a paragraph, not a heading repeating the title


@pytest.mark.parametrize(
    "buttons",
    [
        ["Listen to this article", "Continue reading below", "Go to permalink"],
        ["我要分享", "分享到微博", "返回顶部"],
        ["ツイート", "シェアする"],
    ],
)
def test_button_labels_between_the_paragraphs_are_left_out(buttons: list[str]) -> None:
    head = "Central Bank Sets Date for Stablecoin Rules\nBy Jane Roe | 2026/03/05"
    page = menu_page(head).replace(PARAGRAPHS[1], "\n".join(buttons) + "\n\n" + PARAGRAPHS[1])
    (doc,) = extract_text(page)
    assert all(p in doc.body for p in PARAGRAPHS)
    assert not [b for b in buttons if b in doc.body]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400) | st.binary(max_size=400))
def test_garbage_never_crashes(data: str | bytes) -> None:
    try:
        docs = extract_text(data)
    except ExtractError:
        return
    assert docs
    for doc in docs:
        assert doc.title.strip()
        render(doc)  # every extracted document can be written as a valid page


# A whole page as a browser's "select all, copy" gives it: the site's menu first.
MENU = "\n".join(
    ["Skip to content", "Sections", "Home", "Search"]
    + [f"{topic} News" for topic in ("World", "Markets", "Crypto", "Policy", "Tech", "Opinion")]
    + ["Business", "Science", "Health", "Sports", "Arts", "Books", "Style", "Food", "Travel"]
    + ["Magazine", "Real Estate", "Obituaries", "Video", "Podcasts", "Crossword", "Store"]
)
PARAGRAPHS = [
    "The central bank said on Tuesday that it would publish draft rules for payment "
    "stablecoins before the end of the quarter, after months of consultation with banks.",
    "Issuers would have to hold reserves in cash and short-dated government debt, and to "
    "publish the composition of those reserves every month, according to the draft.",
    "Officials said the rules were meant to bring tokens used for payments inside the "
    "perimeter of banking supervision without stopping firms from experimenting with them.",
    "Industry groups welcomed the timetable but asked for a longer transition for tokens "
    "already in circulation, which they said would otherwise have to be withdrawn.",
]


def menu_page(head: str, tail: str = "") -> str:
    return f"{MENU}\n\n{head}\n\n" + "\n\n".join(PARAGRAPHS) + f"\n\n{tail}"


def test_a_menu_above_the_article_is_left_out() -> None:
    docs = extract_text(
        menu_page("Central Bank Sets Date for Stablecoin Rules\nBy Jane Roe | 2026/03/05")
    )
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title == "Central Bank Sets Date for Stablecoin Rules"
    assert (doc.author, doc.date) == ("Jane Roe", "2026-03-05")
    assert "Crossword" not in doc.body and "World News" not in doc.body
    assert all(p in doc.body for p in PARAGRAPHS)


def test_without_a_byline_the_heading_above_the_text_is_the_title() -> None:
    # A standfirst and a photo credit between the headline and the text.
    head = (
        "Central Bank Sets Date for Stablecoin Rules\n"
        "Draft rules due this quarter.\n"
        "(Photo: Example Agency)"
    )
    doc = extract_text(menu_page(head))[0]
    assert doc.title == "Central Bank Sets Date for Stablecoin Rules"
    assert "Crossword" not in doc.body


def test_a_menu_label_between_title_and_text_does_not_end_the_article() -> None:
    head = "Central Bank Sets Date for Stablecoin Rules\nBy Jane Roe | 2026/03/05\nMore\nPhoto"
    docs = extract_text(menu_page(head))
    assert len(docs) == 1
    assert docs[0].title == "Central Bank Sets Date for Stablecoin Rules"
    assert all(p in docs[0].body for p in PARAGRAPHS)


def test_a_menu_after_the_last_sentence_is_left_out() -> None:
    tail = "Comments\nPrint this page\nPermalink\nOther Stories From Markets\nAbout Us"
    doc = extract_text(menu_page("Central Bank Sets Date for Stablecoin Rules", tail))[0]
    assert doc.body.rstrip().endswith(PARAGRAPHS[-1])


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        (
            "By Alissa Wilkinson@alissamarie Updated Jul 24, 2018, 2:15pm EDT",
            "Alissa Wilkinson",
            "2018-07-24",
        ),
        ("By Jane Roe Updated 5 March 2026", "Jane Roe", "2026-03-05"),
        ("Friday 25 December 2015", None, "2015-12-25"),
    ],
)
def test_byline_forms(line: str, author: str | None, date: str) -> None:
    [parsed] = classify_lines([line])
    assert parsed.kind is LineKind.byline
    assert (parsed.author, parsed.date) == (author, date)


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("来源：新华社 2026-02-06 10:30", "新华社", "2026-02-06 10:30"),
        ("作者：张三 | 2026年02月06日", "张三", "2026-02-06"),
        ("发布时间：2026年02月06日 10:30  来源：人民网", "人民网", "2026-02-06 10:30"),
        ("2026-02-06 10:30 来源：央视新闻", "央视新闻", "2026-02-06 10:30"),
        ("时间：2026-02-06", None, "2026-02-06"),
        ("记者 李四 报道", "李四", None),
        ("本报记者 张三 李四", "张三 李四", None),
        ("文/王五", "王五", None),
        ("新华社北京2月6日电", "新华社", None),  # a wire dateline: no year, so no date
        # a Japanese portal's credit, no year either: the source, distributed 9 March
        ("CNET Japan 3/9(木) 18:45配信", "CNET Japan", None),
        ("毎日新聞 12/1(金) 配信", "毎日新聞", None),
    ],
)
def test_chinese_byline_forms(line: str, author: str | None, date: str | None) -> None:
    [parsed] = classify_lines([line])
    assert parsed.kind is LineKind.byline
    assert (parsed.author, parsed.date) == (author, date)


@pytest.mark.parametrize(
    "line",
    [
        "Bystanders watched",  # "By" must be a word of its own
        "Authorities said on Monday",
        "作者简介",  # "about the author": a heading, no name
        "记者节快乐",  # "happy Journalists' Day"
        "记者 王五 摄",  # a photo's credit, not the article's
        "来源于生活",  # "comes from life": no label
        "编辑推荐：十本好书",
    ],
)
def test_lines_that_only_start_like_a_byline_are_not_one(line: str) -> None:
    [parsed] = classify_lines([line])
    assert parsed.kind is not LineKind.byline, (parsed.author, parsed.date)


def test_a_capture_of_a_regulation_alone_is_one_document() -> None:
    from tests.test_notice import CHINESE_LAW, ENGLISH_REGULATION

    for title, blocks in (
        ("Measures for the Administration of Stablecoin Reserves", ENGLISH_REGULATION[1:]),
        ("稳定币储备资产管理办法", CHINESE_LAW),
    ):
        docs = extract_text("\n\n".join([title, "By: Example Regulator | 2026/02/06", *blocks]))
        assert [(d.kind, d.title) for d in docs] == [("regulation", title)]
        assert (docs[0].date, docs[0].body.count("{#article-")) == ("2026-02-06", 4)


BANNER = (
    "Example Media and our partners would like to process personal data, such as device "
    "identifiers, to show you personalised advertising and to measure its performance.\n\n"
    "We and our partners use cookies and similar technologies on this site; you can change "
    "your choices at any time in the privacy settings linked at the bottom of each page.\n\n"
    "By clicking accept below, you agree to these activities unless you have withdrawn your "
    "consent, which you may do at any time and free of charge through the same settings.\n\n"
    "Accept\n\nReject\n\n"
)


def test_a_consent_banner_above_the_menu_is_not_the_article() -> None:
    doc = extract_text(BANNER + menu_page("Central Bank Sets Date for Stablecoin Rules"))[0]
    assert doc.title == "Central Bank Sets Date for Stablecoin Rules"
    assert "partners" not in doc.body and all(p in doc.body for p in PARAGRAPHS)


def test_an_article_about_consent_rules_keeps_its_beginning() -> None:
    about = [
        "The data protection authority said on Monday that banner designs asking for consent "
        "to cookies must offer a reject button as visible as the accept button.",
        "Firms that rely on personal data for advertising will have six months to change "
        "their banners, after which the authority will start inspections.",
        *PARAGRAPHS[:2],
    ]
    docs = extract_text(
        MENU + "\n\nRegulator Tightens Cookie Banner Rules\n\n" + "\n\n".join(about)
    )
    assert docs[0].title == "Regulator Tightens Cookie Banner Rules"
    assert docs[0].body.startswith(about[0][:40])


def test_a_block_of_page_chrome_after_the_article_is_not_a_document() -> None:
    chrome = "\n\n".join(
        ["", "You may also like", "Follow Us", "Find us on social media.", "Get the newsletter."]
    )
    docs = extract_text(menu_page("Central Bank Sets Date for Stablecoin Rules") + chrome)
    assert [d.title for d in docs] == ["Central Bank Sets Date for Stablecoin Rules"]


def test_a_full_article_after_the_teasers_is_still_a_document() -> None:
    second = "\n\n".join(["You may also like", "Banks Test Tokenized Deposits", *PARAGRAPHS[1:]])
    docs = extract_text(menu_page("Central Bank Sets Date for Stablecoin Rules") + "\n\n" + second)
    assert [d.title for d in docs] == [
        "Central Bank Sets Date for Stablecoin Rules",
        "Banks Test Tokenized Deposits",
    ]


def test_a_name_above_a_time_or_date_is_the_byline_not_the_title() -> None:
    """A headline, then the author's name and the time on lines of their own, no "By"."""
    for when, date in (("1:39 PM ET", None), ("Friday 6 March 2026", "2026-03-06")):
        head = f"Central Bank Sets Date for Stablecoin Rules\nSarah Archer\n{when}"
        docs = extract_text(menu_page(head))
        assert [(d.title, d.author, d.date) for d in docs] == [
            ("Central Bank Sets Date for Stablecoin Rules", "Sarah Archer", date)
        ]
        assert "Sarah Archer" not in docs[0].body and when not in docs[0].body


def test_a_column_name_between_headline_and_byline_is_not_the_title() -> None:
    head = (
        "Central Bank Sets Date for Stablecoin Rules\n\nDeal Professor\n\nBy JANE ROE MARCH 5, 2026"
    )
    [doc] = extract_text(menu_page(head))
    assert (doc.title, doc.author, doc.date) == (
        "Central Bank Sets Date for Stablecoin Rules",
        "JANE ROE",
        "2026-03-05",
    )
    assert "Deal Professor" not in doc.body
    assert all(p in doc.body for p in PARAGRAPHS)


def test_a_related_box_inside_the_article_does_not_end_it() -> None:
    box = "\n".join(
        [
            "Recommended",
            "Banks Test Tokenized Deposits",
            "Mark Byrnes",
            "Jul 17, 2025",
            "Regulators Weigh Stablecoin Reserves",
            "Tanvi Misra",
            "Mar 9, 2026",
        ]
    )
    later = [
        "The central bank's governor said the rules would be reviewed after a year, once "
        "the first issuers had published twelve monthly reports on their reserves.",
        "Lawmakers in the finance committee asked for the review to cover the tokens' use "
        "in cross-border payments, which the draft leaves to a later consultation.",
        "A spokesperson for the ministry said the consultation would open in the autumn and "
        "run for three months, with a public hearing before it closes.",
    ]
    text = menu_page("Central Bank Sets Date for Stablecoin Rules") + box + "\n\n"
    docs = extract_text(text + "\n\n".join(later))
    assert [d.title for d in docs] == ["Central Bank Sets Date for Stablecoin Rules"]
    body = docs[0].body
    assert all(p in body for p in PARAGRAPHS + later)
    assert body.index(PARAGRAPHS[-1]) < body.index(later[0])
    assert "Mark Byrnes" not in body and "Banks Test" not in body
    assert [r["title"] for r in docs[0].related] == [
        "Banks Test Tokenized Deposits",
        "Regulators Weigh Stablecoin Reserves",
    ]


def test_after_teasers_with_summaries_a_headline_with_text_is_another_article() -> None:
    """The box's teasers have a title and a summary each; the heading after them has running
    text but no summary line of its own: it starts another article (as in the corpus)."""
    box = "\n\n".join(
        [
            "You may also like",
            "Banks Test Tokenized Deposits",
            "Three banks ran a pilot.",
            "Regulators Weigh Stablecoin Reserves",
            "A consultation closes soon.",
            "Ministry Opens Consultation on Token Payments",
        ]
    )
    later = [p.replace("central bank", "ministry") for p in PARAGRAPHS]
    docs = extract_text(
        menu_page("Central Bank Sets Date for Stablecoin Rules") + box + "\n\n" + "\n\n".join(later)
    )
    assert [d.title for d in docs] == [
        "Central Bank Sets Date for Stablecoin Rules",
        "Ministry Opens Consultation on Token Payments",
    ]


@pytest.mark.parametrize(
    ("line", "is_name"),
    [
        ("Sarah Archer", True),
        ("STEVEN DAVIDOFF SOLOMON", True),
        ("Laura van der Berg", True),
        ("Mary-Jane O'Neil", True),
        ("J. K. Rowling", True),
        ("Deal Professor", True),  # reads as one: only its place says it is a column
        ("Business News", False),
        ("The Economy", False),
        ("Article 19", False),
        ("Sarah", False),
        ("Central Bank Sets Date for Stablecoin Rules", False),
        ("bitcoin price", False),
    ],
)
def test_what_reads_as_a_name(line: str, is_name: bool) -> None:
    assert reads_as_name(line) is is_name


def test_counters_with_a_word_are_page_chrome() -> None:
    lines = ["0 comments", "12 Shares", "1,204 views", "2.3k likes", "3 comments on the rule"]
    kinds = [line.kind for line in classify_lines(lines)]
    assert kinds[:4] == [LineKind.chrome] * 4
    assert kinds[4] is not LineKind.chrome


def test_a_headline_above_a_standfirst_and_a_long_by_line_is_the_title() -> None:
    """theverge's layout: skip link and menu, headline, standfirst, a "By ..." line that
    goes on about the author, then the date."""
    head = "\n".join(
        [
            "Central Bank Sets Date for Stablecoin Rules",
            "Draft rules for payment tokens are due before the end of the quarter, the bank "
            "said, after months of talks with the industry.",
            "By Jane Roe, a senior reporter who has covered payments and financial regulation "
            "for the site since 2019 and writes its weekly newsletter.",
            "Jun 7, 2026, 8:54 PM UTC",
        ]
    )
    docs = extract_text("Skip to main content\n" + menu_page(head))
    assert docs[0].title == "Central Bank Sets Date for Stablecoin Rules"
    assert "Skip to main content" not in docs[0].body


def test_a_headline_may_end_with_an_abbreviation() -> None:
    title = "How Winter Wreaks Havoc on What Is Underneath N.Y.C."
    head = f"{title}\nImage\nA worker repairing cables this month.\nBy Jane Roe\nFeb. 21, 2026"
    docs = extract_text(menu_page(head))
    assert (docs[0].title, docs[0].author) == (title, "Jane Roe")
    assert [line.kind for line in classify_lines([title, "U.S. banks lend more."])] == [
        LineKind.heading,
        LineKind.paragraph,
    ]


@pytest.mark.parametrize(
    "between",
    [
        ["Share on Reddit", "Share via Email", "Print Article"],
        ["Caption", "Sign in / Sign up", "Subscribe To Our Newsletter"],
        ["Home > Markets > Crypto", "From: Example Herald", "Jane Roe"],
        ["Next story", "Bookmark it", "EXCLUSIVE"],
    ],
)
def test_buttons_and_labels_above_the_text_are_not_the_title(between: list[str]) -> None:
    head = "\n".join(["Home > Markets", "Central Bank Sets Date for Stablecoin Rules", *between])
    doc = extract_text(menu_page(head))[0]
    assert doc.title == "Central Bank Sets Date for Stablecoin Rules"
    assert all(p in doc.body for p in PARAGRAPHS)


@pytest.mark.parametrize(
    "tabs", [[], ["3 languages", "Article", "Talk", "Read", "Edit", "View history", "Tools"]]
)
def test_a_wiki_article_is_titled_by_the_line_above_its_tagline(tabs: list[str]) -> None:
    infobox = ["Type", "Stablecoin", "Issuer", "Example Bank", "Launched", "2024"]
    head = [*MENU.splitlines(), "Payment stablecoin", *tabs]
    text = "\n".join([*head, "From Wikipedia, the free encyclopedia", *infobox, "", *PARAGRAPHS])
    doc = extract_text(text)[0]
    assert doc.title == "Payment stablecoin"
    assert "free encyclopedia" not in doc.body and "View history" not in doc.body
    assert all(p in doc.body for p in PARAGRAPHS)


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("By Jane Roe, Senior Staff Technologist, Example Project", "Jane Roe", None),
        ("Tuesday 15 October 2019 by Jane Roe", "Jane Roe", "2019-10-15"),
        ("Jane Roe • 8h", "Jane Roe", None),
    ],
)
def test_more_byline_forms(line: str, author: str, date: str | None) -> None:
    [parsed] = classify_lines([line])
    assert (parsed.kind, parsed.author, parsed.date) == (LineKind.byline, author, date)
    doc = extract_text(menu_page(f"Central Bank Sets Date for Stablecoin Rules\n{line}"))[0]
    assert (doc.title, doc.author) == ("Central Bank Sets Date for Stablecoin Rules", author)


def test_a_standfirst_under_the_headline_is_not_the_title() -> None:
    head = "\n".join(
        [
            "Sign In | Join Example",
            "Central Bank Sets Date for Stablecoin Rules",
            "Issuers will have until the end of the quarter to publish their reserve reports",
            "Share | Print | Email",
        ]
    )
    doc = extract_text(menu_page(head))[0]
    assert doc.title == "Central Bank Sets Date for Stablecoin Rules"
    assert "publish their reserve reports" in doc.body
    assert "Join Example" not in doc.body and "Print" not in doc.body


def test_a_category_label_above_the_byline_is_not_the_title() -> None:
    head = "\n".join(
        [
            "Central Bank Sets Date for Stablecoin Rules",
            "Issuers will have until the end of the quarter to publish their reserve reports.",
            "Tech Industry",
            "by Jane Roe January 18, 2026 11:00 PM PST",
        ]
    )
    doc = extract_text(menu_page(head))[0]
    assert (doc.title, doc.author, doc.date) == (
        "Central Bank Sets Date for Stablecoin Rules",
        "Jane Roe",
        "2026-01-18",
    )
    assert "Tech Industry" not in doc.body


CHROME_RUN = [
    "« Previous | Next »",
    "Read comments (12)",
    "Forum on this topic",
    "Info",
    "Permalink: example.org/-123",
    "Print version",
    "Also on Example:",
    "Banks Test Tokenized Deposits",
    "Regulators Weigh Reserve Rules",
    "Topics: payments",
    "Newsletter",
    "Contact the editors",
]
TEASERS = [
    "Ministry Opens Consultation on Token Payments",
    "The ministry asked banks and payment firms to comment on a draft by the end of the "
    "month, with a public hearing to follow before the rules are final.",
    "Exchange Fined for Weak Anti-Money-Laundering Controls",
    "The regulator said the exchange had failed to check the source of funds for a group of "
    "large accounts over two years, and ordered an independent review.",
    "Court Rules on Stablecoin Reserve Disclosures",
    "Judges found that an issuer's monthly reports had overstated the share of its reserves "
    "held in cash, and sent the case back for a ruling on damages.",
]


def test_an_article_ends_at_a_long_run_of_page_chrome_before_a_list_of_teasers() -> None:
    text = menu_page("Central Bank Sets Date for Stablecoin Rules") + "\n".join(
        CHROME_RUN + TEASERS
    )
    docs = extract_text(text)
    assert [d.title for d in docs] == ["Central Bank Sets Date for Stablecoin Rules"]
    body = docs[0].body
    assert body.rstrip().endswith(PARAGRAPHS[-1])
    assert "Contact the editors" not in body and "Ministry Opens" not in body
    assert "Ministry Opens Consultation on Token Payments" in [r["title"] for r in docs[0].related]


def test_a_contents_box_or_a_player_inside_the_article_does_not_end_it() -> None:
    contents = [f"{n}. Section {n}" for n in range(1, 15)]
    player = ["Play Video", "Play", "Mute", "Current Time 0:00", "Duration 0:00"] * 3
    for run, after in (
        (contents, PARAGRAPHS),
        (player, [f"{n}. Point {n}\n\n{p}" for n, p in enumerate(PARAGRAPHS, start=2)]),
    ):
        head = "Central Bank Sets Date for Stablecoin Rules"
        text = menu_page(head) + "\n".join(run) + "\n\n" + "\n\n".join(after)
        docs = extract_text(text)
        assert len(docs) == 1
        assert docs[0].body.rstrip().endswith(PARAGRAPHS[-1]), run[0]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2/26/2015", "2015-02-26"),  # month first: 26 is no month
        ("26/2/2015", "2015-02-26"),  # day first
        ("12/12/2020", "2020-12-12"),  # the same either way
        ("3/4/2015", None),  # 4 March or 3 April: not guessed
        ("31/13/2020", None),
        ("1/2/3/2015", None),
    ],
)
def test_slash_dates_are_read_only_when_unambiguous(text: str, date: str | None) -> None:
    from scraper.extract.dates import parse_date

    assert parse_date(text) == date


def test_a_dated_by_line_with_a_us_date_is_the_byline() -> None:
    [line] = classify_lines(["2/26/2015 7:11 AM PST BY TMZ STAFF"])
    assert (line.kind, line.author, line.date) == (LineKind.byline, "TMZ STAFF", "2015-02-26")


@pytest.mark.parametrize("heading", ["Advertise with Example", "Google+", "33 people following"])
def test_a_footer_with_legal_text_after_the_article_is_not_a_document(heading: str) -> None:
    legal = [
        "Most market data on this site is delayed by at least fifteen minutes and is provided "
        "for information only, not as advice to buy or sell any security or token.",
        "All content is the property of Example Media and may not be copied, published or "
        "distributed in any form without the written permission of its owner.",
        "Example Media and its partners may be paid when readers follow some links on this "
        "site; this does not change what the editors choose to cover or how.",
    ]
    text = menu_page("Central Bank Sets Date for Stablecoin Rules") + "\n\n".join(
        ["You may also like", heading, *legal]
    )
    assert [d.title for d in extract_text(text)] == ["Central Bank Sets Date for Stablecoin Rules"]


def test_a_dated_menu_above_the_page_does_not_title_the_article() -> None:
    text = "Home\nToday's Paper\nMarch 5, 2026\n" + menu_page(
        "Central Bank Sets Date for Stablecoin Rules\nBy Jane Roe"
    )
    doc = extract_text(text)[0]
    assert (doc.title, doc.author) == ("Central Bank Sets Date for Stablecoin Rules", "Jane Roe")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("24 novembre 2017 à 18:42", "2017-11-24"),
        ("1er mars 2026", "2026-03-01"),
        ("24. November 2017", "2017-11-24"),
        ("12. März 2026", "2026-03-12"),
        ("24 de noviembre de 2017", "2017-11-24"),
        ("3 de março de 2026", "2026-03-03"),
        ("Chapter 12, 2026, in force on March 3, 2026", "2026-03-03"),
        ("40 mars 2026", None),
        # an older Chinese official document's sign-off, in Chinese numerals
        ("二〇二六年二月六日", "2026-02-06"),
        ("二〇二〇年十二月三十一日", "2020-12-31"),
        ("一九九八年十月二十日", "1998-10-20"),
        ("二〇二〇年十三月一日", None),
        ("二〇二六年二月三十二日", None),
    ],
)
def test_dates_written_in_other_languages(text: str, date: str | None) -> None:
    from scraper.extract.dates import parse_date

    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("Yahoo FinanceOctober 13, 2016", True),  # glued to the word before it
        ("Published 21 November 2019 · Tagged with tooling", True),
        ("2026/03/05", True),
        ("Top 5 stocks 2026 to watch now", False),  # a number and a year, no month
        ("Banks Test Tokenized Deposits", False),
    ],
)
def test_what_holds_a_date(text: str, holds: bool) -> None:
    from scraper.extract.dates import holds_date

    assert holds_date(text) is holds


@pytest.mark.parametrize(
    "line",
    [
        "Rand Paul (Credit: AP/Jane Roe)",  # shorter than the headline: not a standfirst
        "Topics: payments, tokens, banks",
        "Filed to: regulation news today",
    ],
)
def test_credits_and_tag_lists_are_not_the_title(line: str) -> None:
    head = f"Central Bank Sets Date for Stablecoin Rules\n{line}"
    assert extract_text(menu_page(head))[0].title == "Central Bank Sets Date for Stablecoin Rules"


_PRESS_RELEASE = """\
Home
About
Press Releases
Press Release
March 3, 2031
Example Authority proposes rules on the custody of tokenized securities
The Example Authority on Monday proposed rules on how brokers keep tokenized securities \
for their customers, including segregation, reconciliation and recordkeeping duties.
Under the proposal, a broker would have to reconcile its records with the ledger every \
business day and report any break to the authority within one business day of finding it.
Comments on the proposal are due within sixty days after its publication in the register, \
and the authority will hold a public roundtable on the proposal in the spring.
"""


def test_a_dateline_above_a_press_release_s_headline() -> None:
    """Regulators set "Press Release" and the date above the headline: "Press Release"
    read as a person's name, and the release was titled so, its headline a heading of
    its text."""
    [doc] = extract_text(_PRESS_RELEASE)
    assert doc.title == "Example Authority proposes rules on the custody of tokenized securities"
    assert doc.date == "2031-03-03" and doc.author is None
    assert doc.body.startswith("The Example Authority on Monday proposed")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Press Release", False),
        ("News Release", False),
        ("Public Statement", False),
        ("Jane Roe", True),
        ("Laurie Oakes", True),
    ],
)
def test_a_kind_of_release_is_not_a_name(line: str, name: bool) -> None:
    assert reads_as_name(line) is name


@pytest.mark.parametrize(
    "headline",
    [
        "《关于规范数字资产营销活动的通知》答记者问",
        "【解读】数字资产营销活动的监管要点",
        "デジタル資産の広告規制について当局が新たな指針を公表",
    ],
)
def test_a_headline_opening_with_an_east_asian_bracket_or_kana_is_a_heading(headline) -> None:
    """A heading had to start with a capital, a digit, a quote or a Han character: a
    Chinese headline opening with 《 or 【, or a Japanese one with kana, was running text,
    and a menu item ("新闻") became the title."""
    capture = (
        f"首页\n新闻\n{headline}\n来源：中国人民银行 发布时间：2032-09-24\n"
        + "近期，数字资产营销活动增多，一些机构通过互联网平台向公众推介相关产品，扰乱金融秩序。\n"
        * 3
    )
    [doc] = extract_text(capture)
    assert doc.title == headline


def test_a_name_glued_to_its_date_in_a_byline_is_cut_from_it() -> None:
    """Copied text may run a byline's name into its date: "by Lucas Nolan22 Dec 2016651"
    gave the author "Lucas Nolan22 Dec 2016651" and no date."""
    [line] = classify_lines(["by Jane Roe22 Dec 2016651"])
    assert (line.kind, line.author, line.date) == (LineKind.byline, "Jane Roe", "2016-12-22")


@pytest.mark.parametrize(
    "label", ["Related Materials", "Related Links", "相关链接", "相关文章：", "延伸阅读"]
)
def test_boxes_of_links_regulators_pages_use_are_list_labels(label: str) -> None:
    """An SEC release's "Related Materials", a Chinese page's 相关链接: not known as the
    labels of a box of links, the links after them were taken for the article's end."""
    [line] = classify_lines([label])
    assert line.kind is LineKind.list_label


@pytest.mark.parametrize(
    "button", ["Add to reading list", "Save for later", "【打印本页】【关闭窗口】"]
)
def test_a_button_above_the_headline_is_not_the_title(button: str) -> None:
    """A four-word button reads as a headline by its length: above the real one, which is
    longer, it was taken for the title and the headline for a standfirst."""
    capture = (
        f"{button}\nCentral bank raises its policy rate by a quarter point\n"
        + "The central bank raised its main policy rate on Thursday, citing inflation in "
        "services and a tight labour market, and said more rises may follow this year.\n" * 3
    )
    [doc] = extract_text(capture)
    assert doc.title == "Central bank raises its policy rate by a quarter point"


def test_a_japanese_headline_above_its_portal_credit_is_the_title() -> None:
    capture = (
        "ニュース\nトップ\nデジタル資産の広告規制について当局が新たな指針を公表\n"
        "CNET Japan 3/9(木) 18:45配信\n"
        + "金融当局は9日、暗号資産の広告に関する新たな指針を公表し、事業者に対してリスクの説明を"
        "分かりやすく示すよう求めた。\n" * 3
    )
    [doc] = extract_text(capture)
    assert doc.title == "デジタル資産の広告規制について当局が新たな指針を公表"
    assert doc.author == "CNET Japan"


_QUESTIONS_CAPTURE = """Why Tokenized Funds Are Growing Fast in Asia

By Jane Doe | 2026-03-02

Tokenized money market funds have grown quickly this year, as banks in Hong Kong and \
Singapore test them with institutional clients and regulators publish guidance.

How It Works

A fund's units are recorded on a ledger, and transfers settle within minutes instead of \
days, which lowers the cost of moving collateral between venues.

{label}What Is a Tokenized Fund?

It is a fund whose units are recorded as tokens on a shared ledger, with the same rules as \
any other fund.

Who Can Buy Them?

For now, mostly professional investors, though some regulators plan to open them to retail \
buyers.
"""


@pytest.mark.parametrize(
    ("label", "headings"),
    [
        # No "FAQ" on the page: none is made up, the questions are headings like the others.
        ("", ["## How It Works", "## What Is a Tokenized Fund?", "## Who Can Buy Them?"]),
        (
            "FAQ\n\n",
            ["## How It Works", "## FAQ", "### What Is a Tokenized Fund?", "### Who Can Buy Them?"],
        ),
    ],
)
def test_trailing_questions_are_an_faq_section_only_when_the_page_says_so(
    label: str, headings: list[str]
) -> None:
    [doc] = extract_text(_QUESTIONS_CAPTURE.format(label=label))
    assert [line for line in doc.body.splitlines() if line.startswith("#")] == headings
