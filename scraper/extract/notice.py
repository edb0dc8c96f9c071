"""Structure of regulatory notices and laws: parts or chapters, numbered articles.

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
* a **closing formula** ("shall enter into force upon ...", "is hereby repealed") ends it.

What the text says about other documents (numbers, citations, repeals, entry into force) is
read by :mod:`scraper.extract.citations`.

Nothing of the source text is dropped: numbers become heading anchors (``#article-3``), a short
article title may move into its heading, and every other word stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plugins.scripts import text_language
from scraper import mdtext
from scraper.document import Document
from scraper.extract import citations
from scraper.extract.citations import TITLE_STOP_WORDS
from scraper.extract.dates import parse_date

__all__ = [
    "ARTICLE_STYLES",
    "NoticeText",
    "closes",
    "is_foreword",
    "locate_notice",
    "notice_document",
    "numeral_value",
    "parse_notice",
    "signature_end",
    "signed_date",
]

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
    #: How many articles in a row are a legal text even without an address line, parts or a
    #: closing formula; None: never ("(1)", "(2)" in a news report are a list).
    unmarked_articles: int | None = None


_PAREN_ARTICLE_RE = re.compile(rf"^[(（]\s*(?P<num>{_NUMERAL})\s*[)）]\s*(?P<rest>.*)$", re.S)
_WORD_ARTICLE_RE = re.compile(r"^Article\s+(?P<num>\d{1,3}|[IVXLC]+)\b\.?\s*(?P<rest>.*)$", re.S)
_ZH_ARTICLE_RE = re.compile(rf"^第\s*(?P<num>{_ZH_NUMERAL}|\d{{1,3}})\s*条\s*(?P<rest>.*)$", re.S)
#: Notices: "(I)", "(5)", "（一）" opening a paragraph. Laws and regulations: "Article 3",
#: "第三条". A law's articles hold items numbered "(1)" / "（一）"; the style whose numbers
#: run longest in sequence is the document's (see ``_article_style``).
ARTICLE_STYLES = (
    ArticleStyle("parenthesized", _PAREN_ARTICLE_RE),
    ArticleStyle("word", _WORD_ARTICLE_RE, unmarked_articles=5),
    ArticleStyle("chinese", _ZH_ARTICLE_RE, chinese_heading=True, unmarked_articles=5),
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
    indices: of the styles with at least two articles in sequence, the one with the most
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
    style, first, articles = found
    start = first
    addressed = False
    for j in range(first - 1, max(-1, first - 4), -1):
        # The topmost of address-like lines right above each other: a Chinese preamble
        # ("……现就有关事项通知如下：") reads as one, and the address is the line above it.
        if _ADDRESS_RE.match(blocks[j]):
            start, addressed = j, True
        elif addressed:
            break
    if not addressed and first > 0 and blocks[first - 1].rstrip().endswith((":", "：")):
        start = first - 1
    last = articles[-1]
    if _CLOSING_RE.search(blocks[last]):
        end = last + 1  # a law's last article: "本法自...起施行" / "This Law shall ..."
    else:
        end = next(
            (i + 1 for i in range(last + 1, len(blocks)) if _CLOSING_RE.search(blocks[i])),
            None,
        )
    if end is not None:
        end = signature_end(blocks, end)
    marked = addressed or end or _part(blocks[first], 1)
    enough = style.unmarked_articles is not None and len(articles) >= style.unmarked_articles
    if not (marked or enough):
        # Points "(1)", "(2)" in a news report are a list, and "Article 1 says ..." a
        # report on a law, not the text itself: that also has an address line, parts or
        # chapters, or a closing formula (a law's articles, when there are many of them).
        return None
    return start, end or len(blocks)


# The sign-off under a notice's closing formula: its issuers' names, one a line, then the
# date it was issued ("中国人民银行 / 国家发展改革委 / 2026年2月6日").
_SIGNATURE_LINES = 12
_SENTENCE_MARKS_RE = re.compile(r"[。！？；;!?]|[.](?:\s|$)|，.*，")


def _date_line(block: str) -> str | None:
    """The date of a line that is only a date ("2026年2月6日", "6 February 2026")."""
    if len(block) > 30:
        return None
    date = parse_date(block)
    if date is None:
        return None
    rest = re.sub(r"[\d\s年月日,./\-]", "", block)
    return date if len(rest) <= 12 and not _SENTENCE_MARKS_RE.search(block) else None


def signature_end(blocks: list[str], end: int) -> int:
    """``end`` moved past a sign-off that follows the closing formula: short name lines
    ending with a date line. Unchanged when no date closes them within a few lines."""
    for i in range(end, min(len(blocks), end + _SIGNATURE_LINES)):
        block = blocks[i]
        if _date_line(block):
            return _attachments_end(blocks, i + 1)
        if len(block) > 60 or _SENTENCE_MARKS_RE.search(block):
            break  # running text: the page goes on, no sign-off here
    return end


# Under a sign-off, the list of what the notice attaches: "附件：" (or "Attachments:",
# "Annex:"), then one file or title a line, numbered or named with its file type.
_ATTACHMENTS_RE = re.compile(
    r"^(?:附件|Attachments?|Annex(?:es)?|Enclosures?)\s*\d*\s*[:：]?", re.I
)
_ATTACHMENT_RE = re.compile(
    r"^(?:\d{1,2}\s*[.、)．]|[（(]\d{1,2}[）)])\s*\S|\.(?:pdf|docx?|xlsx?|zip|rar|wps|ofd)$", re.I
)
_ATTACHMENT_LINES = 20


def _attachments_end(blocks: list[str], end: int) -> int:
    """``end`` moved past a list of attachments right there; unchanged without one."""
    if end >= len(blocks) or not _ATTACHMENTS_RE.match(blocks[end]):
        return end
    stop = end + 1
    while stop < min(len(blocks), end + 1 + _ATTACHMENT_LINES) and _ATTACHMENT_RE.search(
        blocks[stop].strip()
    ):
        stop += 1
    # "附件：营销活动监测要点.pdf" names its one attachment on the label's line.
    named_inline = bool(_ATTACHMENT_RE.search(blocks[end].strip()))
    return stop if stop > end + 1 or named_inline else end


def closes(block: str) -> bool:
    """Whether ``block`` holds a closing formula ("自印发之日起施行", "is hereby repealed")."""
    return bool(_CLOSING_RE.search(block))


def _last_closing(blocks: list[str]) -> int | None:
    """Index of the last block holding a closing formula: a sign-off follows it."""
    return next((i for i in range(len(blocks) - 1, -1, -1) if closes(blocks[i])), None)


def signatories(blocks: list[str]) -> list[str]:
    """The issuers a sign-off names: the short lines between the last closing formula and
    the date line under them ("中国人民银行 / 中央网信办 / 2021年9月15日"); none when no
    date closes them."""
    closing = _last_closing(blocks)
    if closing is None or signature_end(blocks, closing + 1) == closing + 1:
        return []
    dated = next(i for i in range(closing + 1, len(blocks)) if _date_line(blocks[i]))
    names = [b.strip() for b in blocks[closing + 1 : dated]]
    return names if all(0 < len(n) <= _SIGNATORY_CHARS for n in names) else []


_SIGNATORY_CHARS = 60  # an issuer's name on a line of its own


def signed_date(blocks: list[str]) -> str | None:
    """The date the notice was issued, as its sign-off gives it: the first date-only line
    after the last closing formula (not a date inside an article)."""
    closing = _last_closing(blocks)
    if closing is None:
        return None
    return next((d for block in blocks[closing + 1 :] if (d := _date_line(block))), None)


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


_ABBREVIATION_DOT = r"(?:(?<=\bNo)|(?<=\bNos)|(?<=\bno)|(?<=\bArt)|(?<=\bart))\."
_ARTICLE_TITLE_RE = re.compile(
    rf"^(?P<title>(?:[^.。!?]|{_ABBREVIATION_DOT}(?=\s?\d)){{3,160}}?)"
    rf"(?:。|(?!{_ABBREVIATION_DOT}(?=\s?\d))\.)\s+(?P<body>\S.*)$",
    re.S,
)


def _article_title(rest: str) -> tuple[str | None, str]:
    """Split a short title sentence off an article's text ("Inter-agency Coordination. The
    People's Bank ..."). A title is a first sentence that is either Title Case (all content
    words capitalized, at most 16 words) or a short imperative phrase (at most 7 words, no
    comma, no auxiliary verb, not starting like a statement: "This", "Any", "If" ...)."""
    # The full stop of "No. 3" or "Art. 5" does not end the sentence ("Yinfa [2020] No. 3
    # shall be repealed"); others before a digit do ("Reserve Funds. 10 percent of ...").
    m = _ARTICLE_TITLE_RE.match(rest)
    if not m:
        return None, rest
    title = m["title"].strip()
    words = title.split()
    content = [w for w in words if w.lower() not in TITLE_STOP_WORDS]
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


_ZH_NUMERAL_RE = re.compile(_ZH_NUMERAL)
# "部门协同。中国人民银行会同...": up to ten characters, no comma, then a full stop.
_ZH_ARTICLE_TITLE_RE = re.compile(
    r"^(?P<title>[^。，、；：！？,;:!?\s]{2,10})。(?P<body>\S.*)$", re.S
)
# How a rule, not a title, begins: "本通知..." (this notice), "各..." (every), "对..." (for).
_ZH_RULE_START = ("本", "各", "对", "凡", "在", "自")


def _chinese_article_title(rest: str) -> tuple[str | None, str]:
    """Split a short title phrase off a Chinese article ("部门协同。"); a sentence that
    states a rule ("虚拟货币不具有...法律地位。", "本通知自印发之日起施行。") stays the body."""
    m = _ZH_ARTICLE_TITLE_RE.match(rest)
    if m is None or m["title"].startswith(_ZH_RULE_START) or _CLOSING_RE.search(m["title"]):
        return None, rest
    return m["title"], m["body"].strip()


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
            joined = f"{label}{title}" if label.endswith("、") else f"{label} {title}"
            out.append(mdtext.heading(2, joined, f"part-{len(parts)}"))
            continue
        if article:
            number = len(articles) + 1
            marker, rest = article
            if style.chinese_heading:
                # Chinese articles open with their rule, not a title sentence.
                title, body = None, rest
                text = f"第{marker}条"
            elif _ZH_NUMERAL_RE.fullmatch(marker) or text_language(rest) == "zh":
                # A Chinese notice's "（三）部门协同。..." or "（3）...": its own numbering,
                # and a short phrase before the first full stop is the article's title.
                title, body = _chinese_article_title(rest)
                text = f"（{marker}）" + (title or "")
            else:
                title, body = _article_title(rest)
                text = f"Article {number}"
                if marker != str(number):
                    text += f" ({marker})"
                if title:
                    text += f": {title}"
            articles.append((number, title))
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


def notice_document(before: list[str], blocks: list[str], fallback_title: str) -> Document:
    """The document of a notice found in a page: ``blocks`` are its paragraphs, ``before``
    the page's text above it. Its title and number come from that text when it quotes
    them ("the Notice on ... (Yinfa [2026] No. 42)"), else the title is ``fallback_title``
    and the number the only one the text above names."""
    intro = "\n".join(before)
    found = citations.find_notice_title(intro)
    title, number = found if found else (None, None)
    parsed = parse_notice(blocks)
    if number is None:
        numbers = citations.find_doc_numbers(intro)
        number = numbers[0] if len(numbers) == 1 else None
    title = title or fallback_title
    bare, own_number = citations.title_and_number(title)
    if own_number is not None and number in (None, own_number):
        title, number = bare, own_number  # the title line carried its number
    repeals, amended = citations.repeals_and_amendments(parsed.plain)
    amends = [n for n in amended if n not in repeals]
    own = [number] if number else []
    # The title names its issuers ("中国人民银行关于..."); else the sign-off does.
    issuers = citations.issuers_from_title(title) or signatories(blocks)
    return Document(
        title=title,
        kind=citations.kind_from_title(title),
        date=signed_date(blocks),
        body=parsed.markdown,
        issuers=issuers,
        jurisdiction=citations.jurisdiction_from_issuers(issuers),
        language=text_language(parsed.plain),
        doc_number=number,
        repeals=repeals,
        amends=amends,
        cites=citations.cited_documents(parsed.plain, exclude=own + repeals + amends),
        in_force_basis=citations.in_force_basis(parsed.plain),
    )


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
