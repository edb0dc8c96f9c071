"""Structure of regulatory notices: parts, numbered articles, document numbers, citations.

Works on a notice's paragraphs as plain text, whichever extractor found them. The heuristics
follow how Chinese (and many other) regulatory notices are drafted and translated:

* an **address line** ("To the people's governments of ...:") opens the text, a **preamble**
  follows, ending in a formula such as "notified as follows:";
* **parts** are numbered "I.", "II." (or "一、", "二、") on a line of their own; laws and
  regulations have chapters instead ("Chapter I General Provisions", "第一章 总则");
* **articles** open a paragraph with a number in parentheses. Translations switch between
  Roman and Arabic numerals ("(IV)" then "(5)") and spacing varies ("(II)Tokenization"), so an
  article is recognized by its *value* being the next one in sequence, whatever the numeral
  style; a parenthesized numeral that is out of sequence stays ordinary text. Laws number
  their articles "Article 3" or "第三条" and the items inside them "(1)" or "（一）": the
  numbering that runs longest in sequence is taken for the articles;
* a **closing formula** ("shall enter into force upon ...", "is hereby repealed") ends it;
* **document numbers** look like ``Yinfa [2026] No. 42`` (issuer code, year in brackets,
  serial number), or ``银发〔2026〕42号`` in Chinese.

Nothing of the source text is dropped: numbers become heading anchors (``#article-3``), a short
article title may move into its heading, and every other word stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scraper import mdtext
from scraper.document import Document
from scraper.extract.dates import NUM_DATE_RE, WORD_DATE_RE, parse_date

__all__ = [
    "NoticeText",
    "amended_documents",
    "cited_documents",
    "find_doc_numbers",
    "find_notice_title",
    "in_force_basis",
    "in_force_from_basis",
    "is_foreword",
    "issuers_from_title",
    "jurisdiction_from_issuers",
    "kind_from_title",
    "locate_notice",
    "notice_document",
    "parse_notice",
    "repealed_documents",
    "text_language",
]

# --- document numbers -------------------------------------------------------------------------

_OPEN = "[\\[〔［]"
_CLOSE = "[\\]〕］]"
# A capitalised word of an issuer code: at most 40 characters, never given back (a shorter
# word is followed by a letter, which nothing after it accepts), and the number starts at a
# word's beginning, not after a Latin letter or digit. Without these, a long run of capitals
# ("AAAA...") was matched again from each of its letters: 22 s for 40,000, time growing with
# the square of the run; with the bound only, 2.3 s for two million.
_TOKEN = r"[A-Z][\w'’-]{0,39}+"
# Between the words of an issuer code: spaces, never a line break ("... and Others" ending
# a title line is not part of the number on the next line).
_GAP = r"[^\S\n]+"
_EN_NUMBER_RE = re.compile(
    rf"(?<![A-Za-z0-9'’-])(?P<prefix>(?:{_TOKEN}{_GAP}){{0,4}}{_TOKEN})\s*{_OPEN}\s*(?P<year>\d{{4}})\s*{_CLOSE}"
    rf"\s*No\.?\s*(?P<serial>\d+)"
)
_ZH_NUMBER_RE = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,8})〔(?P<year>\d{4})〕(?P<serial>\d+)号")
# Words that precede a number in running text but are not part of the issuer code.
_NOT_PREFIX = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "on",
        "under",
        "per",
        "see",
        "by",
        "to",
        "from",
        "notice",
        "document",
        "circular",
        "decision",
    ]
)


def _clean_prefix(prefix: str) -> str:
    words = prefix.split()
    while len(words) > 1 and words[0].lower() in _NOT_PREFIX:
        words.pop(0)
    return " ".join(words)


def _number_mentions(text: str) -> list[tuple[int, str]]:
    """(position, canonical number) of every document number in ``text``, in text order."""
    found = [
        (m.start(), f"{_clean_prefix(m['prefix'])} [{m['year']}] No. {m['serial']}")
        for m in _EN_NUMBER_RE.finditer(text)
    ]
    found += [
        (m.start(), f"{m['prefix']}〔{m['year']}〕{m['serial']}号")
        for m in _ZH_NUMBER_RE.finditer(text)
    ]
    return sorted(found)


def find_doc_numbers(text: str) -> list[str]:
    """Document numbers in ``text``, in order of first mention, in one canonical spelling."""
    return list(dict.fromkeys(number for _, number in _number_mentions(text)))


# --- titles, issuers, citations ----------------------------------------------------------------

_QUOTED_RE = re.compile(r"[\"“《]([^\"“”《》]{3,1000})[\"”》]")
_DOC_WORDS = (
    "Law|Laws|Regulations?|Rules|Measures|Provisions|Notice|Circular|Decision|Opinions|"
    "Guidelines|Guidance|Catalog|Catalogue|Code|Act|Announcement|Interpretation|Directive"
)
_DOC_WORD_RE = re.compile(rf"\b(?:{_DOC_WORDS})\b|法|条例|办法|规定|通知|公告|意见|目录")
_TITLE_START_RE = re.compile(
    r"^(?:Joint\s+)?(?:Notice|Decision|Announcement|Circular|Opinions|Measures|Provisions|"
    r"Guidelines|Rules|Regulations)\b"
)
_TRAILING_NUMBER_RE = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")
_ISSUERS_RE = re.compile(
    r"^(?:Joint\s+)?(?:Notice|Decision|Announcement|Circular|Opinions)\s+of\s+(?:the\s+)?"
    r"(?P<issuers>.+?)\s+on\s+\S"
)


def _strip_quote_punct(text: str) -> str:
    """American style puts the comma inside the quotes: "Securities Law," -> Securities Law."""
    return text.strip().rstrip(",.;:，。；").strip()


_CITED_TITLE_CHARS = 300
# A Chinese title in plain quotes ends with what it is (a law, measures, a notice ...).
_ZH_TITLE_END_RE = re.compile(r"(?:法|条例|办法|规定|通知|公告|意见|目录|决定|细则|指引)$")


def _looks_like_doc_title(text: str, *, book_title_marks: bool = False) -> bool:
    """Whether quoted text names a document: "Securities Law", 《中华人民共和国证券法》.

    Quotes also hold speech and passages, which the words "law" or 法 (in 方法, 做法...)
    do not make titles: a title is one line of at most 300 characters; in English its
    words are capitalised (Title Case); in Chinese it sits in 《》 or ends with what it is.
    """
    if not text or len(text) > _CITED_TITLE_CHARS or "\n" in text:
        return False
    if not _DOC_WORD_RE.search(text):
        return False
    if "\u4e00" <= text[0] <= "\u9fff":
        return book_title_marks or bool(_ZH_TITLE_END_RE.search(text))
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _TITLE_STOP]
    return bool(words) and text[0].isupper() and all(w[0].isupper() for w in words)


def find_notice_title(text: str) -> tuple[str, str | None] | None:
    """The quoted full title of a notice in ``text`` (e.g. a news foreword), and the document
    number given in parentheses at its end, if any.

    A quote counts when it starts like a notice title ("Notice of ...", "Decision on ...");
    one that carries a document number is preferred, because forewords quote the full title
    with its number exactly when they introduce the full text.
    """
    best: tuple[str, str | None] | None = None
    for m in _QUOTED_RE.finditer(text):
        quoted = _strip_quote_punct(m.group(1))
        if not _TITLE_START_RE.match(quoted):
            continue
        number = None
        tail = _TRAILING_NUMBER_RE.search(quoted)
        if tail and find_doc_numbers(tail.group(1)):
            number = find_doc_numbers(tail.group(1))[0]
            quoted = quoted[: tail.start()].strip()
        if number:
            return quoted, number
        best = best or (quoted, None)
    return best


_ZH_ISSUERS_RE = re.compile(
    r"^(?P<issuers>[\u4e00-\u9fff][\u4e00-\u9fff\s、，,]{1,200}?)关于.+(?:通知|公告|决定|意见|办法|规定|通告)$"
)


def issuers_from_title(title: str) -> list[str]:
    """Issuing bodies named in a title such as "Notice of A, B and C on ...", one per item.

    Names are split on commas only: "National Development and Reform Commission" contains an
    "and" of its own, so a bare "and" is stripped from the front of the last name instead.
    """
    m = _ISSUERS_RE.match(title.strip())
    if not m:
        m = _ZH_ISSUERS_RE.match(title.strip())
        # "中国人民银行 国家发展改革委 工业和信息化部关于……的通知": names before 关于.
        return list(dict.fromkeys(re.split(r"[\s、，,]+", m["issuers"].strip()))) if m else []
    issuers: list[str] = []
    for part in m["issuers"].split(","):
        name = re.sub(r"^(?:and\s+)?(?:the\s+)?", "", part.strip())
        if name and name not in issuers:
            issuers.append(name)
    return issuers


# Checked in order: "Hong Kong" before "China" so the HKMA is not filed under CN.
_COUNTRY_WORDS: tuple[tuple[str, str], ...] = (
    ("hong kong", "HK"),
    ("macao", "MO"),
    ("taiwan", "TW"),
    ("china", "CN"),
    ("renminbi", "CN"),
    ("united states", "US"),
    ("federal reserve", "US"),
    ("european", "EU"),
    ("united kingdom", "GB"),
    ("singapore", "SG"),
    ("japan", "JP"),
    ("korea", "KR"),
    ("中国", "CN"),
)


def jurisdiction_from_issuers(issuers: list[str]) -> str | None:
    """A jurisdiction code when the issuers' names say it ("People's Bank of China" -> CN)."""
    for name in issuers:
        low = name.lower()
        for word, code in _COUNTRY_WORDS:
            if word in low:
                return code
    return None


# Sentences end at ". " and "; " (not "No. ") and, in Chinese, right after "。" and "；",
# which no space follows.
_SENTENCE_RE = re.compile(r"(?<!\bNo\.)(?<=[.;])\s+|(?<=[。；])\s*")
_REPEAL_RE = re.compile(r"\b(?:repeal|abolish|annul|rescind)|废止|失效", re.I)


# Only the formulas by which a text amends another: "as amended in 2019" cites a law.
_AMEND_RE = re.compile(
    r"\bhereby\s+amend|\b(?:is|are)\s+(?:hereby\s+)?amended\s+as\s+follows|"
    r"\bshall\s+be\s+amended\b|作如下修改|修改如下|予以修改|修订如下",
    re.I,
)


def repealed_documents(text: str) -> list[str]:
    """Document numbers named in sentences that repeal something."""
    return _numbers_in_sentences(text, _REPEAL_RE)


def amended_documents(text: str) -> list[str]:
    """Document numbers named in sentences that amend something ("Article 5 of Yinfa [2020]
    No. 3 is hereby amended as follows")."""
    return _numbers_in_sentences(text, _AMEND_RE)


def _numbers_in_sentences(text: str, verb: re.Pattern[str]) -> list[str]:
    out: list[str] = []
    for sentence in _SENTENCE_RE.split(text):
        if verb.search(sentence):
            out += [n for n in find_doc_numbers(sentence) if n not in out]
    return out


def cited_documents(text: str, *, exclude: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Documents ``text`` refers to: document numbers, and quoted titles of laws, regulations
    and catalogs. A quoted title directly followed by its number ("... Activities" (NDRC ...
    [2021] No. 1283)) is cited once, by the number."""
    mentions: list[tuple[int, str]] = []
    for m in _QUOTED_RE.finditer(text):
        quoted = _strip_quote_punct(m.group(1))
        tail = re.match(r"\s*[(（]([^()（）]+)[)）]", text[m.end() : m.end() + 120])
        if find_doc_numbers(quoted) or (tail and find_doc_numbers(tail.group(1))):
            continue  # cited by its number, found below
        if _looks_like_doc_title(quoted, book_title_marks=m.group(0).startswith("《")):
            mentions.append((m.start(), quoted))
    mentions += _number_mentions(text)
    skip = {_key(n) for n in exclude}
    cites: dict[str, str] = {}
    for _, item in sorted(mentions):
        if _key(item) not in skip:
            cites.setdefault(_key(item), item)
    return list(cites.values())


def _key(item: str) -> str:
    return re.sub(r"\s+", " ", item).strip().lower().replace("no. ", "no.")


# --- entry into force ----------------------------------------------------------------------------

_IN_FORCE_RE = re.compile(
    r"(?:(?:enter|enters|come|comes)\s+into\s+(?:force|effect)|(?:take|takes)\s+effect|"
    r"(?:be|become|becomes)\s+effective)\s+"
    r"(?P<basis>(?:upon|on|from|as\s+of|with\s+effect\s+from)\s+[^.;。]+)",
    re.I,
)
# "本办法自2026年3月1日起施行", "自印发之日起施行": the basis is what stands between 自 and 起.
_ZH_IN_FORCE_RE = re.compile(r"自(?P<basis>[^，。；自]{1,30}?)起?(?:施行|生效|实施)")
_BY_ISSUE_RE = re.compile(r"\b(?:issu|promulgat|publi|sign)|印发|发布|公布|颁布|签署", re.I)
# What may stand around an explicit date in a basis: "on", "from", "as of", "with effect from".
_DATE_CONNECTIVES_RE = re.compile(r"\b(?:on|from|as\s+of|with\s+effect\s+from|the)\b", re.I)


def in_force_basis(text: str) -> str | None:
    """What the text says about its entry into force: "upon the date of its issuance",
    "on 1 March 2026", "2026年3月1日" (from "自2026年3月1日起施行")."""
    m = _IN_FORCE_RE.search(text) or _ZH_IN_FORCE_RE.search(text)
    return re.sub(r"\s+", " ", m["basis"]).strip() if m else None


def in_force_from_basis(basis: str | None, issued: str | None) -> str | None:
    """The in-force date ``basis`` gives: the date it names when it is only a date ("on 1
    March 2026"), the issue date when it says the text enters into force on issuance (and the
    issue date is known), else nothing. Never a guess: "30 days after 1 March 2026" names a
    date that is not the one."""
    if not basis:
        return None
    explicit = parse_date(basis)
    if explicit:
        rest = _DATE_CONNECTIVES_RE.sub("", NUM_DATE_RE.sub("", WORD_DATE_RE.sub("", basis)))
        return explicit if not re.search(r"\w", rest) else None
    if not issued:
        return None
    return issued if _BY_ISSUE_RE.search(basis) else None


# --- locating and parsing the structured text ----------------------------------------------------

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUMERAL = r"[一二三四五六七八九十百零〇]+"
_NUMERAL = rf"[IVXLC]+|\d{{1,3}}|{_ZH_NUMERAL}"


@dataclass(frozen=True)
class ArticleStyle:
    """How a kind of document numbers its articles: a pattern for a paragraph that opens
    an article (groups ``num`` and ``rest``) and how its heading is written."""

    name: str
    pattern: re.Pattern[str]
    chinese_heading: bool = False  # "第三条" rather than "Article 3"


_PAREN_ARTICLE_RE = re.compile(rf"^[(（]\s*(?P<num>{_NUMERAL})\s*[)）]\s*(?P<rest>.*)$", re.S)
_WORD_ARTICLE_RE = re.compile(r"^Article\s+(?P<num>\d{1,3}|[IVXLC]+)\b\.?\s*(?P<rest>.*)$", re.S)
_ZH_ARTICLE_RE = re.compile(rf"^第\s*(?P<num>{_ZH_NUMERAL}|\d{{1,3}})\s*条\s*(?P<rest>.*)$", re.S)
#: Notices: "(I)", "(5)", "（一）" opening a paragraph. Laws and regulations: "Article 3",
#: "第三条". A law's articles hold items numbered "(1)" / "（一）"; the style whose numbers
#: run longest in sequence is the document's (see ``_article_style``).
ARTICLE_STYLES = (
    ArticleStyle("parenthesized", _PAREN_ARTICLE_RE),
    ArticleStyle("word", _WORD_ARTICLE_RE),
    ArticleStyle("chinese", _ZH_ARTICLE_RE, chinese_heading=True),
)
# Parts: "I. Title" / "一、标题" (notices), "Chapter I Title" / "第一章 标题" (laws).
_PART_RE = re.compile(
    r"^(?:(?P<roman>[IVXLC]+)\.|(?P<zh>[一二三四五六七八九十]+)、|"
    rf"(?P<chapter>Chapter\s+(?P<cnum>[IVXLC]+|\d{{1,3}})\b\.?|第\s*(?P<znum>{_ZH_NUMERAL}|\d{{1,3}})\s*章)"
    r")\s*(?P<title>\S.*)$"
)  # fmt: skip
# "To the people's governments of ...:" / "各省、自治区...：" (short, ends with a colon)
_ADDRESS_RE = re.compile(r"^(?:To\s+\S.{0,400}[:：]|[\u4e00-\u9fff][^。]{1,200}：)$")
_CLOSING_RE = re.compile(
    r"(?:enter|come)s?\s+into\s+(?:force|effect)|takes?\s+effect|hereby\s+repealed|"
    r"shall\s+be\s+repealed|自.{0,12}施行|同时废止",
    re.I,
)
_TITLE_STOP = frozenset(
    ["of", "and", "the", "for", "on", "in", "to", "with", "a", "an", "or", "by", "at", "from", "as"]
)
_SENTENCE_STARTERS = frozenset(
    ["this", "that", "these", "those", "the", "any", "all", "each", "if", "where", "when", "it"]
)


def numeral_value(text: str) -> int | None:
    """Value of a Roman, Arabic or Chinese numeral (1-999), or None."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    up = text.upper()
    if up and all(ch in _ROMAN for ch in up):
        total = 0
        for i, ch in enumerate(up):
            value = _ROMAN[ch]
            nxt = _ROMAN[up[i + 1]] if i + 1 < len(up) else 0
            total += -value if value < nxt else value
        return total if total > 0 else None
    if text and all(ch in _ZH_DIGITS or ch in "十百零〇" for ch in text):
        return _chinese_value(text)
    return None


def _chinese_value(text: str) -> int | None:
    """一 1, 十二 12, 二十 20, 一百零五 105, 一百二十 120; None for what is not a number."""
    total = 0
    rest = text
    for unit, size in (("百", 100), ("十", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            head = head.lstrip("零〇")
            if len(head) > 1 or (head and head not in _ZH_DIGITS):
                return None
            total += (_ZH_DIGITS[head] if head else 1) * size
    rest = rest.lstrip("零〇")
    if len(rest) > 1 or (rest and rest not in _ZH_DIGITS):
        return None
    total += _ZH_DIGITS.get(rest, 0)
    return total or None


def _part(block: str, expected: int) -> tuple[str, str] | None:
    """(label as written, title) when ``block`` opens part number ``expected``."""
    m = _PART_RE.match(block)
    if not m or len(block) > 250 or block.rstrip().endswith((".", "。")):
        return None
    numeral = m["roman"] or m["zh"] or m["cnum"] or m["znum"]
    if numeral_value(numeral) != expected:
        return None
    if m["roman"]:
        label = m["roman"] + "."
    elif m["zh"]:
        label = m["zh"] + "、"
    else:
        label = re.sub(r"\s+", " ", m["chapter"]).rstrip(".")
    return label, m["title"].strip()


def _article(block: str, expected: int, style: ArticleStyle) -> tuple[str, str] | None:
    m = style.pattern.match(block)
    if not m or numeral_value(m["num"]) != expected:
        return None
    return m["num"], m["rest"].strip()


def _article_indices(blocks: list[str], start: int, style: ArticleStyle) -> list[int]:
    """Indices of the blocks numbered 1, 2, 3... in sequence from ``start`` on."""
    found: list[int] = []
    for i in range(start, len(blocks)):
        if _article(blocks[i], len(found) + 1, style):
            found.append(i)
    return found


def _article_style(blocks: list[str]) -> tuple[ArticleStyle, int, list[int]] | None:
    """The document's article style, where its first article or part is, and its articles'
    indices: of the styles with at least three articles in sequence, the one with the most
    (a law's "第三条" over the "（一）" items inside its articles); the first in
    ``ARTICLE_STYLES`` on a tie."""
    best: tuple[ArticleStyle, int, list[int]] | None = None
    for style in ARTICLE_STYLES:
        # Only the first candidate start matters: the sequence found from an earlier start
        # is never shorter. (Trying every start took time growing with the square of the
        # page: 13 s for 8,000 paragraphs opening with "(1)".)
        first = next(
            (i for i, block in enumerate(blocks) if _part(block, 1) or _article(block, 1, style)),
            None,
        )
        if first is None:
            continue
        articles = _article_indices(blocks, first, style)
        if len(articles) >= 2 and (best is None or len(articles) > len(best[2])):
            best = (style, first, articles)
    return best


def locate_notice(blocks: list[str]) -> tuple[int, int] | None:
    """Where a structured notice lies in ``blocks``: ``(start, end)``, or None.

    It starts at the first part heading or article number that is followed by at least one
    more numbered article, moved back to an address line or an "as follows:" preamble just
    before it; it ends after the closing formula that follows the last article (or at the end).
    """
    found = _article_style(blocks)
    if found is None:
        return None
    _, first, articles = found
    start = first
    for j in range(first - 1, max(-1, first - 4), -1):
        if _ADDRESS_RE.match(blocks[j]):
            start = j
            break
    else:
        if first > 0 and blocks[first - 1].rstrip().endswith((":", "：")):
            start = first - 1
    last = articles[-1]
    if _CLOSING_RE.search(blocks[last]):
        return start, last + 1  # a law's last article: "本法自...起施行" / "This Law shall ..."
    end = next(
        (i + 1 for i in range(last + 1, len(blocks)) if _CLOSING_RE.search(blocks[i])),
        len(blocks),
    )
    return start, end


@dataclass
class NoticeText:
    """A notice's text as Markdown, with what its structure says."""

    markdown: str
    parts: list[tuple[int, str]] = field(default_factory=list)  # (number, title)
    articles: list[tuple[int, str | None]] = field(default_factory=list)  # (number, title)
    plain: str = ""  # all text, for citation and in-force searches


# A statement ("Custody is restricted.") has an auxiliary or copula; a heading phrase does not.
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "shall",
        "must",
        "may",
        "will",
        "should",
        "can",
        "could",
        "has",
        "have",
        "had",
        "does",
        "do",
    ]
)


def _article_title(rest: str) -> tuple[str | None, str]:
    """Split a short title sentence off an article's text ("Inter-agency Coordination. The
    People's Bank ..."). A title is a first sentence that is either Title Case (all content
    words capitalized, at most 16 words) or a short imperative phrase (at most 7 words, no
    comma, no auxiliary verb, not starting like a statement: "This", "Any", "If" ...)."""
    m = re.match(r"^(?P<title>[^.。!?]{3,160}?)[.。]\s+(?P<body>\S.*)$", rest, re.S)
    if not m:
        return None, rest
    title = m["title"].strip()
    words = title.split()
    content = [w for w in words if w.lower() not in _TITLE_STOP]
    title_case = len(words) <= 16 and all(w[:1].isupper() for w in content)
    short_phrase = (
        len(words) <= 7
        and "," not in title
        and words[0].lower() not in _SENTENCE_STARTERS
        and not any(w.lower() in _AUXILIARIES for w in words)
    )
    if not (title_case or short_phrase):
        return None, rest
    return title, m["body"].strip()


def parse_notice(blocks: list[str]) -> NoticeText:
    """Render a notice's paragraphs as Markdown: parts as ``## I. ... {#part-1}``, articles as
    ``### Article 3 (III): Title {#article-3}`` (``### 第三条 {#article-3}`` for a Chinese
    law), everything else (a law's numbered items too) as paragraphs."""
    found = _article_style(blocks)
    style = found[0] if found else ARTICLE_STYLES[0]
    out: list[str] = []
    parts: list[tuple[int, str]] = []
    articles: list[tuple[int, str | None]] = []
    closing_started = False
    for block in blocks:
        part = _part(block, len(parts) + 1)
        article = _article(block, len(articles) + 1, style) if not closing_started else None
        if part:
            label, title = part
            parts.append((len(parts) + 1, title))
            out.append(mdtext.heading(2, f"{label} {title}", f"part-{len(parts)}"))
            continue
        if article:
            number = len(articles) + 1
            marker, rest = article
            if style.chinese_heading:
                # Chinese articles open with their rule, not a title sentence.
                title, body = None, rest
                text = f"第{marker}条"
            else:
                title, body = _article_title(rest)
                text = f"Article {number}"
                if marker != str(number):
                    text += f" ({marker})"
            articles.append((number, title))
            if title:
                text += f": {title}"
            out.append(mdtext.heading(3, text, f"article-{number}"))
            if body:
                out.append(mdtext.paragraph(body))
            continue
        if articles and _CLOSING_RE.search(block) and not closing_started:
            # The closing formula belongs to the whole notice, not to the last article.
            closing_started = True
            out.append("* * *")
        out.append(mdtext.paragraph(block))
    return NoticeText("\n\n".join(out) + "\n", parts, articles, "\n\n".join(blocks))


# What a title says the text is: its head noun, which leads an English title ("Measures
# for ...", "Securities Law of ...") and ends a Chinese one ("……管理办法", "……的通知").
_EN_KINDS = (
    ("Notice|Circular|Decision", "notice"),
    ("Laws?", "law"),
    ("Measures|Regulations?|Provisions|Rules|Implementing Rules", "regulation"),
    ("Guidelines|Guidance|Opinions|Guide", "guidance"),
    ("Announcement", "announcement"),
)
_EN_KIND_RE = re.compile(r"\b(" + "|".join(words for words, _ in _EN_KINDS) + r")\b")
_ZH_KINDS = (
    ("通知|通告|决定", "notice"),
    ("办法|规定|条例|细则|规则", "regulation"),
    ("法", "law"),
    ("意见|指引|指南", "guidance"),
    ("公告", "announcement"),
)


def kind_from_title(title: str) -> str:
    """``notice``, ``law``, ``regulation``, ``guidance`` or ``announcement`` as the title
    names it; ``notice`` when it names none of them."""
    text = re.sub(r"[》」”\"')）)]+$", "", title.strip())
    for words, kind in _ZH_KINDS:
        if re.search(f"(?:{words})$", text):
            return kind
    m = _EN_KIND_RE.search(text)
    if m:
        return next(kind for words, kind in _EN_KINDS if re.fullmatch(words, m[1]))
    return "notice"


def notice_document(before: list[str], blocks: list[str], fallback_title: str) -> Document:
    """The document of a notice found in a page: ``blocks`` are its paragraphs, ``before``
    the page's text above it. Its title and number come from that text when it quotes
    them ("the Notice on ... (Yinfa [2026] No. 42)"), else the title is ``fallback_title``
    and the number the only one the text above names."""
    intro = "\n".join(before)
    found = find_notice_title(intro)
    title, number = found if found else (None, None)
    parsed = parse_notice(blocks)
    if number is None:
        numbers = find_doc_numbers(intro)
        number = numbers[0] if len(numbers) == 1 else None
    title = title or fallback_title
    repeals = repealed_documents(parsed.plain)
    amends = [n for n in amended_documents(parsed.plain) if n not in repeals]
    own = [number] if number else []
    issuers = issuers_from_title(title)
    return Document(
        title=title,
        kind=kind_from_title(title),
        body=parsed.markdown,
        issuers=issuers,
        jurisdiction=jurisdiction_from_issuers(issuers),
        language=text_language(parsed.plain),
        doc_number=number,
        repeals=repeals,
        amends=amends,
        cites=cited_documents(parsed.plain, exclude=own + repeals + amends),
        in_force_basis=in_force_basis(parsed.plain),
    )


def text_language(text: str) -> str | None:
    """``zh`` when Chinese characters dominate the letters, ``en`` when Latin letters do."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    cjk = sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    if cjk / len(letters) > 0.3:
        return "zh"
    latin = sum(1 for ch in letters if ch.isascii())
    return "en" if latin / len(letters) > 0.8 else None


# A sentence's end: a full stop, question or exclamation mark after a word (not "No." of
# a document number), then a space or the end.
_SENTENCE_END_RE = re.compile(r"(?<=[a-z”\"')])(?<!No)[.!?](?=\s|$)|[。！？]")
_FOREWORD_SENTENCES = 2


def is_foreword(before: list[str]) -> bool:
    """Whether the text above a notice is an article of its own (a news report quoting the
    notice) rather than the notice's head: its title, issuer, number and date lines, which
    are not sentences, however long a title is."""
    sentences = sum(len(_SENTENCE_END_RE.findall(text)) for text in before if len(text) >= 60)
    return sentences >= _FOREWORD_SENTENCES
