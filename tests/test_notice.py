"""Notice structure: numerals, document numbers, parts and articles, citations, entry into force."""

from __future__ import annotations

import re

import pytest

from plugins.documents.references import NUMBER_RE
from scraper import mdtext
from scraper.extract import citations, notice
from scraper.extract.text import extract_text


@pytest.mark.parametrize(
    ("text", "value"),
    [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("19", 19), ("三", 3), ("十二", 12), ("x", 10)],
)
def test_numerals(text: str, value: int) -> None:
    assert notice.numeral_value(text) == value


def test_doc_numbers_in_running_text() -> None:
    text = (
        'the "Notice" (NDRC Energy-saving Building [2021] No. 1283) and Notice Yinfa〔2021〕'
        "No.237, also 银发〔2026〕42号."
    )
    assert citations.find_doc_numbers(text) == [
        "NDRC Energy-saving Building [2021] No. 1283",
        "Yinfa [2021] No. 237",
        "银发〔2026〕42号",
    ]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # Right after Chinese text (a translation that kept the code in Latin letters).
        ("根据Yinfa [2021] No. 237号文", ["Yinfa [2021] No. 237"]),
        ("see (Yinfa [2021] No. 237).", ["Yinfa [2021] No. 237"]),
        # A number starts at a word: glued to a Latin word or digit it is not one.
        ("xYinfa [2021] No. 5", []),
        ("2021Yinfa [2021] No. 5", []),
    ],
)
def test_a_number_starts_at_a_word(text: str, numbers: list[str]) -> None:
    assert citations.find_doc_numbers(text) == numbers
    linked = [m.group(0).split()[-4:] for m in NUMBER_RE.finditer(text)]
    assert [" ".join(words) for words in linked] == numbers


SAMPLE = [
    "To the branches of the central bank:",
    'In accordance with the "Banking Law," and the "Guidelines on Custody (2023 Edition),", '
    "the following is notified as follows:",
    "I. General Provisions",
    "(I) Scope. This notice applies to custodians.",
    "(2)Crypto custody is restricted. Firms must register.",
    "II. Supervision",
    "(III) Reporting Duties. Firms report monthly (see item (7) below).",
    "(5) This paragraph is out of sequence and stays text.",
    "A paragraph that continues article 3.",
    "This notice shall come into effect from the date of promulgation. The "
    '"Notice on Old Rules" (ABC [2019] No. 3) is hereby repealed.',
]


def test_locate_and_parse_a_mixed_numeral_notice() -> None:
    blocks = ["Some news foreword.", *SAMPLE, "An unrelated teaser after it"]
    start, end = notice.locate_notice(blocks)  # type: ignore[misc]
    assert blocks[start] == SAMPLE[0]
    assert blocks[end - 1] == SAMPLE[-1]
    parsed = notice.parse_notice(blocks[start:end])
    assert [n for n, _ in parsed.parts] == [1, 2]
    assert [n for n, _ in parsed.articles] == [1, 2, 3]
    anchors = re.findall(r"\{#(article-\d+)\}", parsed.markdown)
    assert anchors == ["article-1", "article-2", "article-3"]
    assert "### Article 1 (I): Scope {#article-1}" in parsed.markdown
    # "(2)Crypto custody is restricted." is a sentence, not a title: it stays in the body
    assert "### Article 2 {#article-2}" in parsed.markdown
    assert "Crypto custody is restricted. Firms must register." in parsed.markdown
    # an out-of-sequence number is text inside article 3
    assert "(5) This paragraph is out of sequence" in parsed.markdown
    assert parsed.markdown.index("out of sequence") > parsed.markdown.index("article-3")
    plain = parsed.plain
    assert citations.repealed_documents(plain) == ["ABC [2019] No. 3"]
    assert citations.cited_documents(plain, exclude=["ABC [2019] No. 3"]) == [
        "Banking Law",
        "Guidelines on Custody (2023 Edition)",
    ]
    assert citations.in_force_basis(plain) == "from the date of promulgation"


def test_no_notice_without_numbered_articles() -> None:
    assert notice.locate_notice(["I. A heading", "Some text.", "(1) only one article."]) is None


@pytest.mark.parametrize(
    ("basis", "issued", "expected"),
    [
        ("upon the date of its issuance", "2026-02-06", "2026-02-06"),
        ("upon the date of its issuance", None, None),
        ("on 1 July 2026", "2026-02-06", "2026-07-01"),  # the date it names, not the issue date
        ("on 1 July 2026", None, "2026-07-01"),
        (None, "2026-02-06", None),
    ],
)
def test_in_force_from_basis(basis: str | None, issued: str | None, expected: str | None) -> None:
    assert citations.in_force_from_basis(basis, issued) == expected


def test_issuers_and_jurisdiction_from_title() -> None:
    title = (
        "Notice of the People's Bank of China, National Development and Reform Commission "
        "and the Hong Kong Monetary Authority on Stablecoins"
    )
    # split on commas only; the "and" inside a body's name survives
    assert citations.issuers_from_title(title) == [
        "People's Bank of China",
        "National Development and Reform Commission and the Hong Kong Monetary Authority",
    ]
    assert citations.issuers_from_title("Notice on Something") == []
    assert citations.jurisdiction_from_issuers(["Hong Kong Monetary Authority"]) == "HK"
    assert citations.jurisdiction_from_issuers(["People's Bank of China"]) == "CN"
    assert citations.jurisdiction_from_issuers(["Some Agency"]) is None


def test_notice_title_with_number_from_a_foreword() -> None:
    text = 'Today the bank published the "Notice of the Bank on Tokens (Yinfa [2026] No. 1)", ...'
    assert citations.find_notice_title(text) == (
        "Notice of the Bank on Tokens",
        "Yinfa [2026] No. 1",
    )
    assert citations.find_notice_title('a "quoted phrase" only') is None


def test_a_number_on_the_line_after_a_title_does_not_take_the_title_s_last_word() -> None:
    text = "Notice on Risks Related to Virtual Currency and Others\nYinfa [2026] No. 42"
    assert citations.find_doc_numbers(text) == ["Yinfa [2026] No. 42"]


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ('under the "Securities Law of the People\'s Republic of China".', True),
        ("依据《中华人民共和国证券法》的规定", True),
        ("“中华人民共和国反洗钱法”", True),  # plain quotes, ends with what it is
        # Speech and passages hold such words too.
        ('he said "the law was never meant for tokens like these".', False),
        ("他说“这种做法和想法都不对”。", False),
        ('"' + "A Law " * 60 + '"', False),  # 360 characters: a passage, not a title
        ('"Securities\nLaw"', False),
    ],
)
def test_quoted_titles_are_cited_and_quoted_speech_is_not(text: str, cited: bool) -> None:
    assert bool(citations.cited_documents(text)) is cited


@pytest.mark.parametrize(("text", "value"), [("二十", 20), ("一百零五", 105), ("一百二十", 120)])
def test_chinese_numerals_past_twenty(text: str, value: int) -> None:
    assert notice.numeral_value(text) == value


ENGLISH_REGULATION = [
    "Measures for the Administration of Stablecoin Reserves",
    "Chapter I General Provisions",
    "Article 1 These Measures are formulated to keep stablecoin reserves safe.",
    "Article 2 An issuer shall hold reserves of the following kinds:",
    "(1) cash at a licensed bank;",
    "(2) government debt maturing within three months;",
    "(3) reverse repurchase agreements backed by such debt.",
    "Chapter II Supervision",
    "Article 3 The issuer shall publish the composition of its reserves every month.",
    "Article 4 These Measures shall enter into force on 1 March 2026.",
    "Share this page",
]

CHINESE_LAW = [
    "第一章 总则",
    "第一条 为了规范稳定币发行活动，制定本办法。",
    "第二条 发行人应当持有下列储备资产：",
    "（一）银行存款；",
    "（二）短期国债；",
    "（三）以国债为担保的逆回购。",
    "第二章 监督管理",
    "第三条 发行人应当每月公布储备资产构成。",
    "第四条 本办法自2026年3月1日起施行。",
]


@pytest.mark.parametrize(
    ("blocks", "headings"),
    [
        (
            ENGLISH_REGULATION,
            [
                "## Chapter I General Provisions {#part-1}",
                "### Article 1 {#article-1}",
                "### Article 2 {#article-2}",
                "## Chapter II Supervision {#part-2}",
                "### Article 3 {#article-3}",
                "### Article 4 {#article-4}",
            ],
        ),
        (
            CHINESE_LAW,
            [
                "## 第一章 总则 {#part-1}",
                "### 第一条 {#article-1}",
                "### 第二条 {#article-2}",
                "## 第二章 监督管理 {#part-2}",
                "### 第三条 {#article-3}",
                "### 第四条 {#article-4}",
            ],
        ),
    ],
    ids=["english", "chinese"],
)
def test_laws_number_articles_and_hold_numbered_items(blocks: list[str], headings: list[str]):
    start, end = notice.locate_notice(blocks)
    # From the first chapter to the last article, which holds the closing formula: what
    # follows it ("Share this page") is the page again.
    assert blocks[start].startswith(("Chapter I ", "第一章"))
    assert blocks[end - 1].startswith(("Article 4", "第四条"))
    parsed = notice.parse_notice(blocks[start:end])
    assert re.findall(r"^#+ .*$", parsed.markdown, re.M) == headings
    # The items inside Article 2 stay its text, in order.
    items = [b for b in blocks if b.startswith(("(", "（"))]
    positions = [parsed.markdown.index(mdtext.paragraph(item)) for item in items]
    assert positions == sorted(positions)
    assert parsed.markdown.index(mdtext.paragraph(items[0])) > parsed.markdown.index("{#article-2}")


@pytest.mark.parametrize(
    ("text", "basis", "in_force"),
    [
        (
            "This Notice shall enter into force upon the date of its issuance.",
            "upon the date of its issuance",
            "2026-02-06",
        ),
        ("These Measures shall enter into force on 1 March 2026.", "on 1 March 2026", "2026-03-01"),
        ("They shall come into force from 2026-03-01.", "from 2026-03-01", "2026-03-01"),
        ("本办法自2026年3月1日起施行。", "2026年3月1日", "2026-03-01"),
        ("本通知自印发之日起施行。", "印发之日", "2026-02-06"),
        # A date that is not the in-force date, or more than a date: nothing is guessed.
        (
            "They shall enter into force on the day after 1 March 2026.",
            "on the day after 1 March 2026",
            None,
        ),
        ("They take effect 30 days after 1 March 2026.", None, None),
    ],
)  # fmt: skip
def test_entry_into_force(text: str, basis: str | None, in_force: str | None) -> None:
    assert citations.in_force_basis(text) == basis
    assert citations.in_force_from_basis(basis, "2026-02-06") == in_force


def test_repeals_and_amendments_are_read_sentence_by_sentence_in_chinese_too() -> None:
    text = (
        "根据《中国人民银行法》（银发〔2020〕1号）的规定，现将有关事项通知如下。"
        "银发〔2019〕8号第五条修改如下。"
        "本通知自印发之日起施行。银发〔2021〕237号同时废止。"
    )
    assert citations.repealed_documents(text) == ["银发〔2021〕237号"]
    assert citations.amended_documents(text) == ["银发〔2019〕8号"]


@pytest.mark.parametrize(
    ("text", "repealed", "amended"),
    [
        # Said not to be repealed: no repeal.
        ("Yinfa [2017] No. 9 remains in effect and is not repealed.", [], []),
        ("Yinfa [2017] No. 9 shall not be repealed.", [], []),
        ("银发〔2017〕9号继续有效，不予废止。", [], []),
        # A part repealed: the document is amended, it stays in force.
        ("Article 3 of Yinfa [2020] No. 3 shall be repealed.", [], ["Yinfa [2020] No. 3"]),
        ("Articles 3 to 5 of Yinfa [2020] No. 3 are repealed.", [], ["Yinfa [2020] No. 3"]),
        (
            "Article 2 of the Notice of the PBOC, CSRC on Payments (Yinfa [2018] No. 5) is "
            "repealed.",
            [],
            ["Yinfa [2018] No. 5"],
        ),
        ("银发〔2020〕3号第三条予以废止。", [], ["银发〔2020〕3号"]),
        ("《支付通知》（银发〔2020〕3号）中的第五款同时废止。", [], ["银发〔2020〕3号"]),
        # One repealed whole, one in part, in one sentence.
        (
            "Yinfa [2019] No. 1 and Article 4 of Yinfa [2019] No. 2 are repealed.",
            ["Yinfa [2019] No. 1"],
            ["Yinfa [2019] No. 2"],
        ),
        # An article of another law as the ground of a whole repeal.
        ("Under Article 5 of the Law, Yinfa [2019] No. 1 is repealed.", ["Yinfa [2019] No. 1"], []),
        # A document named as the ground of the repeal is not repealed (nor amended).
        (
            'Pursuant to the "Securities Law of the People\'s Republic of China", Yinfa '
            "[2019] No. 3 is hereby repealed.",
            ["Yinfa [2019] No. 3"],
            [],
        ),
        (
            "根据《中华人民共和国中国人民银行法》，银发〔2019〕3号同时废止。",
            ["银发〔2019〕3号"],
            [],
        ),
        ("依据《证券法》第五条，银发〔2019〕3号同时废止。", ["银发〔2019〕3号"], []),
        (
            "Yinfa [2019] No. 7 is repealed in accordance with Article 5 of Yinfa [2019] No. 3.",
            ["Yinfa [2019] No. 7"],
            [],
        ),
        # A defined short name is not a title of its own.
        ('The Notice on Payment Services (the "Notice") is hereby repealed.', [], []),
        # "Article 5 of" inside the repealed document's title, or a sentence about parts.
        (
            "The Notice Implementing Article 5 of the Law (Yinfa [2019] No. 3) is hereby repealed.",
            ["Yinfa [2019] No. 3"],
            [],
        ),
        (
            "Annex 1 to this Notice lists the documents repealed: Yinfa [2019] No. 3.",
            ["Yinfa [2019] No. 3"],
            [],
        ),
        # Each document is read against its own words.
        (
            "Yinfa [2019] No. 3 is repealed and Yinfa [2020] No. 4 is not repealed.",
            ["Yinfa [2019] No. 3"],
            [],
        ),
        ("银发〔2019〕3号未予废止。", [], []),
        (
            "下列文件同时废止：银发〔2019〕1号、银发〔2019〕2号。",
            ["银发〔2019〕1号", "银发〔2019〕2号"],
            [],
        ),
        # Lists under the repealing words, and "cease to be in force".
        (
            "The following documents are hereby repealed:\n1. Yinfa [2019] No. 1;\n"
            "2. Yinfa [2019] No. 2.\n\nOther text cites Yinfa [2019] No. 5.",
            ["Yinfa [2019] No. 1", "Yinfa [2019] No. 2"],
            [],
        ),
        (
            "下列文件同时废止：\n1.银发〔2019〕1号；\n2.银发〔2019〕2号。\n银发〔2019〕5号另行规定。",
            ["银发〔2019〕1号", "银发〔2019〕2号"],
            [],
        ),
        (
            "The following are repealed: Yinfa [2019] No. 1; Yinfa [2019] No. 2; and Yinfa "
            "[2019] No. 3.",
            ["Yinfa [2019] No. 1", "Yinfa [2019] No. 2", "Yinfa [2019] No. 3"],
            [],
        ),
        ("Yinfa [2018] No. 4 shall cease to be in force.", ["Yinfa [2018] No. 4"], []),
        ("The following documents are not repealed:\n1. Yinfa [2019] No. 1;", [], []),
        # Known by its title (no number): repealed by the title, whole or in part.
        (
            'The "Announcement on Preventing Token Issuance Financing Risks" is hereby repealed.',
            ["Announcement on Preventing Token Issuance Financing Risks"],
            [],
        ),
        ("《关于防范代币发行融资风险的公告》同时废止。", ["关于防范代币发行融资风险的公告"], []),
        (
            'Article 3 of the "Measures for Payment Services" is repealed.',
            [],
            ["Measures for Payment Services"],
        ),
    ],
)
def test_a_repeal_said_not_to_happen_or_of_a_part_is_no_repeal(
    text: str, repealed: list[str], amended: list[str]
) -> None:
    assert citations.repealed_documents(text) == repealed
    assert citations.amended_documents(text) == amended


@pytest.mark.parametrize(
    ("text", "amended"),
    [
        ("Article 5 of Yinfa [2020] No. 3 is hereby amended as follows:", ["Yinfa [2020] No. 3"]),
        ("The Notice (Yinfa [2020] No. 3) shall be amended accordingly.", ["Yinfa [2020] No. 3"]),
        # Citing the amended text of a law is not amending it.
        ("Under Yinfa [2020] No. 3, as amended in 2024, issuers report monthly.", []),
    ],
)
def test_amended_documents(text: str, amended: list[str]) -> None:
    assert citations.amended_documents(text) == amended


@pytest.mark.parametrize(
    ("title", "issuers", "jurisdiction"),
    [
        (
            "中国人民银行 国家发展改革委 工业和信息化部关于进一步防范虚拟货币交易风险的通知",
            ["中国人民银行", "国家发展改革委", "工业和信息化部"],
            "CN",
        ),
        (
            "中国人民银行、国家外汇管理局关于规范跨境支付的公告",
            ["中国人民银行", "国家外汇管理局"],
            "CN",
        ),
        ("关于进一步防范虚拟货币交易风险的通知", [], None),  # no issuer before 关于
    ],
)
def test_issuers_of_a_chinese_title(title: str, issuers: list[str], jurisdiction: str | None):
    assert citations.issuers_from_title(title) == issuers
    assert citations.jurisdiction_from_issuers(issuers) == jurisdiction


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Notice of the People's Bank of China on Issuing the Measures for Custody", "notice"),
        ("Interim Measures for the Administration of Stablecoin Reserves", "regulation"),
        ("Securities Law of the People's Republic of China", "law"),
        ("Guidelines on the Tokenization of Real-World Assets", "guidance"),
        ("中华人民共和国证券法", "law"),
        ("稳定币储备资产管理办法", "regulation"),  # 办法 ends in 法 and is not a law
        ("中国人民银行关于发布《稳定币管理办法》的通知", "notice"),
        ("关于防范虚拟货币风险的公告", "announcement"),
        ("Yinfa [2026] No. 42", "notice"),
    ],
)
def test_kind_from_title(title: str, kind: str) -> None:
    assert citations.kind_from_title(title) == kind


POINTS = [
    "(1) issuers must hold reserves in cash and short-dated government debt;",
    "(2) reserves must be audited every quarter by an independent firm;",
    "(3) holders must be able to redeem at par within one business day.",
]


@pytest.mark.parametrize(
    ("blocks", "found"),
    [
        # A news report's numbered points are a list, not a notice.
        (["The draft sets three conditions:", *POINTS, "Comments are due in May."], False),
        # With what a notice has besides its articles, the same points are one.
        (["To the banks of all provinces:", *POINTS], True),
        (["The conditions are as follows:", *POINTS, "This Notice takes effect on issue."], True),
        (["I. Reserves", *POINTS], True),
    ],
)
def test_numbered_points_are_a_notice_only_with_a_notice_s_other_marks(blocks, found) -> None:
    assert (notice.locate_notice(blocks) is not None) is found


def test_a_report_on_a_law_s_articles_is_not_the_law() -> None:
    report = [
        "Article 1 sets out the purpose of the measures, which is to keep reserves safe.",
        "Article 2 lists what reserves may hold, and leaves out commercial paper.",
        "Article 3 requires monthly publication, which issuers had resisted.",
    ]
    assert notice.locate_notice(report) is None
    law = [f"Article {n} The issuer shall comply with rule {n}." for n in range(1, 6)]
    assert notice.locate_notice(law) == (0, 5)  # five in a row are a law's text


# A Chinese notice as a text capture gives it: its own numbering, a sign-off after the
# closing formula, then the page's buttons.
CHINESE_NOTICE = """首页 > 政务公开 > 通知公告

中国人民银行 国家发展改革委 工业和信息化部关于进一步防范和处置虚拟货币等相关风险的通知

银发〔2026〕42号

各省、自治区、直辖市人民政府，新疆生产建设兵团：

近期，虚拟货币和现实世界资产代币化相关投机炒作活动有所抬头，扰乱经济金融秩序。为进一步防范和处置相关风险，现就有关事项通知如下：

一、明确虚拟货币和现实世界资产代币化的本质属性

（一）虚拟货币不具有与法定货币等同的法律地位。比特币、以太币等虚拟货币不具有法偿性，不应且不能作为货币在市场上流通使用。

（二）虚拟货币相关业务活动属于非法金融活动。境内开展法定货币与虚拟货币兑换业务一律严格禁止。

二、健全工作机制

（三）部门协同。中国人民银行会同有关部门建立工作机制，统筹协调全国防范和处置工作。

（四）本通知自印发之日起施行。《关于进一步防范和处置虚拟货币交易炒作风险的通知》（银发〔2021〕237号）同时废止。

中国人民银行
国家发展改革委
工业和信息化部
2026年2月6日

分享到微信
返回顶部
"""


def test_a_chinese_notice_keeps_its_numbering_and_its_signed_date() -> None:
    from scraper.extract.text import extract_text

    [doc] = extract_text(CHINESE_NOTICE)
    assert (doc.kind, doc.doc_number, doc.date) == ("notice", "银发〔2026〕42号", "2026-02-06")
    assert doc.repeals == ["银发〔2021〕237号"]
    headings = re.findall(r"^#+ .*$", doc.body, re.M)
    assert headings == [
        "## 一、明确虚拟货币和现实世界资产代币化的本质属性 {#part-1}",
        "### （一） {#article-1}",  # a rule, not a title: it stays the article's text
        "### （二） {#article-2}",
        "## 二、健全工作机制 {#part-2}",
        "### （三）部门协同 {#article-3}",  # a short phrase before the full stop
        "### （四） {#article-4}",  # "本通知..." states the rule
    ]
    # the sign-off stays in the notice; the buttons after it do not
    assert doc.body.rstrip().endswith("工业和信息化部\n\n2026年2月6日")
    assert "分享" not in doc.body and "返回顶部" not in doc.body


@pytest.mark.parametrize(
    ("after", "date", "end"),
    [
        (["People's Bank of China", "6 February 2026"], "2026-02-06", 3),
        (["中国人民银行", "2026年2月6日", "相关链接"], "2026-02-06", 3),
        (["中国人民银行", "国家外汇管理局", "二〇二一年九月十五日"], "2021-09-15", 4),
        # no date closes the lines: no sign-off, the notice ends at its formula
        (["People's Bank of China", "Contact us"], None, 1),
        # running text before a date: the page goes on, the date is not the notice's
        (["Readers also liked this story about the market, which ran on Friday.", "6 Feb 2026"],
         None, 1),
    ],
)  # fmt: skip
def test_a_sign_off_after_the_closing_formula_dates_the_notice(
    after: list[str], date: str | None, end: int
) -> None:
    blocks = ["This notice shall come into effect from the date of promulgation.", *after]
    assert notice.signature_end(blocks, 1) == end
    assert notice.signed_date(blocks[:end]) == date


def test_a_chinese_notice_numbered_in_arabic_keeps_its_own_numbering() -> None:
    blocks = [
        "各有关单位：",
        "为规范稳定币业务，现通知如下：",
        "（1）加强管理。各机构应当建立健全内部控制制度，防范相关风险。",
        "（2）本通知自印发之日起施行。",
    ]
    parsed = notice.parse_notice(blocks)
    assert "### （1）加强管理 {#article-1}" in parsed.markdown
    assert "### （2） {#article-2}" in parsed.markdown
    # English articles numbered the same way keep "Article N"
    english = notice.parse_notice(["To all banks:", "(1) Scope. This applies.", "(2) It ends."])
    assert "### Article 1: Scope {#article-1}" in english.markdown


# A notice copied on its own, as its issuer's site shows it: title, number, address,
# preamble, parts and articles, sign-off. Short articles (no running text to find).
_SHORT_ZH_NOTICE = """\
中国人民银行关于规范数字资产保管业务的通知

银发〔2031〕17号

各省、自治区、直辖市人民政府，新疆生产建设兵团：

为规范数字资产保管业务，现就有关事项通知如下：

一、总体要求

（一）保管机构应当分离客户资产。

（二）保管机构应当保存客户资产记录。

二、具体措施

（三）保管机构应当每年开展审计。

（四）本通知自印发之日起施行。

中国人民银行
2031年4月5日
"""

_EN_NOTICE_WITH_NUMBER_LINE = """\
Notice of the Example Supervisory Authority on Custody of Digital Assets

ESA [2031] No. 9

To all licensed custodians and relevant institutions:

In order to strengthen the management of custody services and to protect the lawful \
rights of investors, the relevant matters are hereby notified as follows:

I. General Requirements

(1) Custodians shall keep the assets of their clients apart from their own assets at all \
times and in every account they hold.

(2) Custodians shall keep complete records of all the assets of their clients for at \
least five years after an account is closed.

II. Supplementary Provisions

(3) This Notice shall come into force on the date of its issuance, and custodians shall \
report their compliance within thirty days.

Example Supervisory Authority
April 5, 2031
"""


def test_a_short_notice_signed_under_its_last_article_keeps_its_whole_text() -> None:
    """The sign-off date of a notice with short articles was taken for a byline near the
    top (the capture has no running text to find the article by): the page began there,
    an "article" titled with the issuer's name and no text."""
    docs = extract_text(_SHORT_ZH_NOTICE)
    assert len(docs) == 1
    doc = docs[0]
    assert doc.kind == "notice" and doc.title == "中国人民银行关于规范数字资产保管业务的通知"
    assert doc.doc_number == "银发〔2031〕17号" and doc.date == "2031-04-05"
    assert doc.issuers == ["中国人民银行"]
    for line in ("各省、自治区、直辖市人民政府", "保管机构应当分离客户资产", "每年开展审计"):
        assert line in doc.body, line
    assert "{#article-4}" in doc.body


def test_the_address_above_a_chinese_preamble_stays_in_the_notice() -> None:
    """A Chinese preamble ending "通知如下：" reads as an address line too: the notice
    started there, and the real address line above it was lost."""
    blocks = [b for b in _SHORT_ZH_NOTICE.split("\n\n") if b.strip()]
    start, _ = notice.locate_notice(blocks)
    assert blocks[start].startswith("各省、自治区")
    english = ["To all custodians:", "To protect investors, it is notified as follows:"]
    assert notice.locate_notice([*english, "(1) One rule.", "(2) Another rule.", "So ordered."])
    start, _ = notice.locate_notice([*english, "(1) One rule.", "(2) Another rule."])
    assert start == 0


def test_a_number_line_under_a_notice_s_title_is_not_its_title() -> None:
    """The line nearest the text that reads as a headline was the number line: the page
    was titled "ESA [2031] No. 9", without its number or issuer."""
    docs = extract_text(_EN_NOTICE_WITH_NUMBER_LINE)
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title.startswith("Notice of the Example Supervisory Authority on Custody")
    assert doc.doc_number == "ESA [2031] No. 9" and doc.kind == "notice"
    assert doc.issuers == ["Example Supervisory Authority"]
    assert "To all licensed custodians" in doc.body


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("ESA [2031] No. 9", True),
        ("  银发〔2031〕17号 ", True),
        ("Yinfa [2021] No. 237", True),
        ("Notice of ESA [2031] No. 9", False),
        ("ESA [2031] No. 9 on custody", False),
        ("银发〔2031〕17号文件", False),
    ],
)
def test_a_line_that_is_a_document_number(text: str, only: bool) -> None:
    assert citations.is_doc_number(text) is only


_NOTICE_PAGE_WITH_MENU = """\
关于规范数字资产营销活动的通知
银发〔2032〕9号
发布时间：2032-05-06 10:00  来源：中国人民银行
各省、自治区、直辖市人民政府，各有关部门：
为规范数字资产营销活动，保护金融消费者合法权益，维护金融秩序，现就有关事项通知如下：
一、明确营销活动的范围
（一）任何机构不得面向境内公众开展数字资产营销活动，不得以任何形式变相宣传相关产品。
（二）互联网平台不得为数字资产营销活动提供广告展示、链接跳转或者其他技术服务。
二、加强监测和处置
（三）各地金融管理部门应当加强监测，发现违规营销活动的，依法及时处置并通报有关部门。
本通知自发布之日起施行。
中国人民银行
国家互联网信息办公室
2032年5月1日
附件：
1. 营销活动监测要点.pdf
分享到：
微信
微博
【打印本页】【关闭窗口】
相关链接
关于防范数字资产风险的通知
网站地图
联系我们
"""


def test_a_short_closing_line_and_the_sign_off_stay_with_the_notice() -> None:
    """ "本通知自发布之日起施行。" is twelve characters, not a sentence by length: the notice
    ended at its last long article, and the closing formula, the issuers and the signing
    date went with the page's menu (the notice then had the page's 发布时间 as its date,
    or none, and no issuers)."""
    docs = extract_text(_NOTICE_PAGE_WITH_MENU)
    notices = [d for d in docs if d.kind == "notice"]
    assert len(notices) == 1
    doc = notices[0]
    assert doc.date == "2032-05-01" and doc.in_force_basis == "发布之日"
    assert doc.issuers == ["中国人民银行", "国家互联网信息办公室"]
    body = doc.body
    for line in ("本通知自发布之日起施行。", "国家互联网信息办公室", "2032年5月1日"):
        assert line in body, line
    # What it attaches is the notice's too; the page's share buttons and menu are not.
    assert "附件：" in body and "营销活动监测要点.pdf" in body
    assert "分享到" not in body and "网站地图" not in body


def test_signatories_are_the_names_between_the_closing_formula_and_the_date() -> None:
    blocks = ["（三）正文。", "本通知自发布之日起施行。", "中国人民银行", "外汇局", "2032年5月1日"]
    assert notice.signatories(blocks) == ["中国人民银行", "外汇局"]
    assert notice.signatories(blocks[:-1]) == []  # no date: not a sign-off
    assert notice.signatories(["No closing formula.", "Some Agency", "1 May 2032"]) == []


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        (["附件：", "1. 要点.pdf", "2. 名单.doc", "分享到："], 3),
        (["附件：要点.pdf", "分享到："], 1),
        (["Attachments:", "(1) Reporting template.xlsx", "Share"], 2),
        (["附件：", "分享到："], 0),  # a label alone is no list of attachments
        (["分享到：", "1. 要点.pdf"], 0),
    ],
)
def test_a_list_of_attachments_under_the_sign_off_ends_the_notice(tail, kept) -> None:
    blocks = ["本通知自发布之日起施行。", "中国人民银行", "2032年5月1日", *tail]
    assert notice.signature_end(blocks, 1) == 3 + kept
    assert notice.signatories(blocks) == ["中国人民银行"]


_ZH_TITLE_WITH_NUMBER = """中国人民银行关于测试事项的通知（银发〔2030〕2号）

各银行：

为规范测试事项，现将有关事项通知如下：

一、总体要求

（一）加强管理。各银行应当加强管理，落实责任。

（二）报告制度。各银行应当按月报告。

本通知自印发之日起施行。

中国人民银行
2030年1月5日
"""

_EN_TITLE_WITH_NUMBER = """\
Notice of the People's Bank of China on Testing Matters (Yinfa [2030] No. 1)

To all banks:

The relevant matters are hereby notified as follows:

I. General Requirements

(I) Strengthen Management. All banks shall strengthen management.

(II) Repeals. Article 3 of Yinfa [2020] No. 3 shall be repealed.

This notice shall enter into force upon the date of its issuance.

People's Bank of China
5 January 2030
"""


@pytest.mark.parametrize(
    ("capture", "title", "number", "issuers"),
    [
        (
            _ZH_TITLE_WITH_NUMBER,
            "中国人民银行关于测试事项的通知",
            "银发〔2030〕2号",
            ["中国人民银行"],
        ),
        (
            _EN_TITLE_WITH_NUMBER,
            "Notice of the People's Bank of China on Testing Matters",
            "Yinfa [2030] No. 1",
            ["People's Bank of China"],
        ),
    ],
)
def test_a_title_line_ending_with_its_number_gives_both(
    capture: str, title: str, number: str, issuers: list[str]
) -> None:
    [doc] = extract_text(capture)
    assert (doc.title, doc.doc_number, doc.issuers) == (title, number, issuers)


def test_a_number_in_an_article_s_first_sentence_does_not_end_it() -> None:
    """ "No. 3" ended the first sentence: the heading was "Article 2 (II): Repeals"... no:
    "... Article 3 of Yinfa [2020] No" and the text began "3 shall be repealed"."""
    [doc] = extract_text(_EN_TITLE_WITH_NUMBER)
    assert "### Article 2 (II): Repeals {#article-2}" in doc.body
    assert "\n\nArticle 3 of Yinfa \\[2020\\] No. 3 shall be repealed.\n" in doc.body
    assert doc.repeals == [] and doc.amends == ["Yinfa [2020] No. 3"]
    assert notice._article_title("Article 3 of Yinfa [2020] No. 3 shall be repealed. Then.") == (
        None,
        "Article 3 of Yinfa [2020] No. 3 shall be repealed. Then.",
    )


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Reserve Funds. 10 percent of funds are kept.", "Reserve Funds", "10 percent of funds"),
        ("Definitions. 1. A payment institution is a company.", "Definitions", "1. A payment"),
        (
            "Reporting Under Yinfa [2020] No. 3. Issuers report.",
            "Reporting Under Yinfa [2020] No. 3",
            "Issuers",
        ),
    ],
)
def test_only_an_abbreviation_s_full_stop_before_a_digit_is_no_sentence_end(
    text: str, title: str, body: str
) -> None:
    """Any full stop before a digit was taken for one ("Reserve Funds. 10 percent ..." had
    no title), where only "No. 3" and "Art. 5" are."""
    found, rest = notice._article_title(text)
    assert found == title and rest.startswith(body)
