"""Steps 1 and 2 of reading a plain-text capture (see :mod:`scraper.extract.text`): the
capture's lines, normalized, and the kind of each line (:class:`LineKind`: blank, bullet,
heading-like, byline, widget chrome, list or navigation label, paragraph).

A line's kind is judged from its own wording and its neighbours, with a vocabulary of buttons,
labels and bylines; kept here so that segmentation (:mod:`scraper.extract.text_segment`) works
on :class:`Line` objects and needs only :func:`is_widget` of that vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from plugins.scripts import is_wide
from scraper.extract import ExtractError
from scraper.extract.chinese_bylines import chinese_byline
from scraper.extract.dates import NUM_DATE_RE, WORD_DATE_RE, parse_date


class LineKind(StrEnum):
    """What a line of a capture is, judged from the line and its neighbours."""

    blank = "blank"
    bullet = "bullet"
    heading = "heading"
    byline = "byline"
    chrome = "chrome"  # share buttons, counters, "Read more": dropped
    list_label = "list_label"  # opens a block of teasers: "You may also like"
    nav_label = "nav_label"  # opens a navigation block: "Popular coins"
    paragraph = "paragraph"


#: The kinds of line that carry a document's text (headings and bylines frame it).
TEXT_KINDS = (LineKind.paragraph, LineKind.bullet)


@dataclass
class Line:
    """One line of a capture, normalized, with its kind and 1-based line number."""

    kind: LineKind
    text: str
    number: int
    author: str | None = None  # bylines only
    date: str | None = None  # bylines only


# --- 1. lines ---------------------------------------------------------------------------------

_SPACE_RE = re.compile(r"\s+")


def decode_text(data: bytes | str, declared: str | None = None) -> str:
    """Text from bytes, decoded exactly as HTML pages are (BOM, valid UTF-8, the declared
    charset, then detection), so a GB18030 capture reads as Chinese, not as mojibake.

    Binary data is rejected rather than turned into noise.
    """
    from scraper.encoding import decode_html

    text = data if isinstance(data, str) else decode_html(data, declared)
    if "\x00" in text:
        raise ExtractError("binary data, not a text capture")
    return text.lstrip("\ufeff")


def split_lines(text: str) -> list[str]:
    """Lines with every kind of whitespace (NBSP, em space, ideographic space, tabs) collapsed
    to single spaces and stripped; control and format characters removed."""
    out = []
    for raw in text.splitlines():
        cleaned = "".join(
            ch for ch in raw if ch in "\t" or unicodedata.category(ch) not in ("Cc", "Cf")
        )
        out.append(_SPACE_RE.sub(" ", cleaned).strip())
    return out


# --- 2. classification --------------------------------------------------------------------------

# Labels of buttons and counters that a copy of a page picks up around an article.
_WIDGET_WORDS = frozenset(
    [
        "share",
        "copy",
        "copied",
        "like",
        "likes",
        "tweet",
        "print",
        "email",
        "save",
        "bookmark",
        "comment",
        "comments",
        "follow",
        "subscribe",
        "reply",
        "report",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "reddit",
        "pinterest",
        "telegram",
        # a photo's label above its caption
        "image",
        "photo",
    ]
)
_WIDGET_PHRASES = frozenset(
    (
        "read more",
        "load more",
        "show more",
        "see more",
        "see all",
        "view all",
        "view more",
        "back to top",
        "scroll to top",
        "link copied",
        "copy link",
        "share this",
        "share this article",
        "share on x",
        "share on twitter",
        "share on facebook",
        "advertisement",
        "sponsored",
        "sign up",
        "log in",
        "listen to this article",
        "continue reading",
        "continue reading the main story",
        "continue reading below",
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "go to permalink",
        "add to reading list",
        "save to reading list",
        "save for later",
        "read later",
        "add to favorites",
        "add to favourites",
        "print this page",
        "email this page",
        # the printing and closing buttons of Chinese government pages: 【打印本页】【关闭窗口】
        "【打印本页】",
        "【关闭窗口】",
        "打印本页",
        "关闭窗口",
        "【打印本页】【关闭窗口】",
        # The same buttons on Chinese and Japanese pages (the corpus is Chinese news):
        # share, I want to share, bookmark, copy link, like, forward, print, report, back to
        # top, read the full text, log in, register, scan to share on WeChat; tweet, share.
        "分享",
        "我要分享",
        "分享到",
        "收藏",
        "复制链接",
        "点赞",
        "转发",
        "打印",
        "举报",
        "返回顶部",
        "阅读全文",
        "展开全文",
        "登录",
        "注册",
        "扫码分享",
        "微信扫一扫",
        "分享到微信",
        "分享到微博",
        "ツイート",
        "シェア",
        "シェアする",
        "いいね",
        "ブックマーク",
        "印刷する",
    )
)
# Buttons and links that name what they do: "Share on Reddit", "Share via Email", "Bookmark
# it", "Print article", "Next story", "Sign in".
_WIDGET_RE = re.compile(
    r"^(?:(?:share|post|send|email|tweet)(?: (?:this|it|on|to|via|with) [\w .+-]{1,20})?|"
    r"(?:bookmark|save|print|copy)(?: (?:it|this|article|story|page|post|link))?|"
    r"(?:next|previous|prev|newer|older)(?: (?:article|story|post|page|entry))?|"
    r"sign (?:in|up|out)(?: ?(?:/|or|and) ?sign (?:in|up))?|log (?:in|out)|"
    r"subscribe(?: (?:now|today|to (?:our|the) [\w ]{1,30}))?|remove|caption|exclusive|"
    r"copiar link|compartir|teilen|partager)$"
)
_COUNTER_RE = re.compile(
    r"^\d{1,3}(?:[.,]\d+)?[kKmM]?$|^\d{1,7}$|"
    r"^\d[\d,.]{0,9}[kKmM]?\s+(?:comments?|shares?|likes?|replies|views|reactions)$",
    re.I,
)
_LIST_LABEL_RE = re.compile(
    r"^(?:you (?:may|might) also like|related(?: (?:articles|news|posts|stories|reading|"
    r"coverage|content|links|topics|materials|documents|releases|resources))?|"
    r"recommended(?: (?:for you|articles|reading))?|read (?:next|also)|more (?:stories|articles|"
    r"news|from [\w .'-]{1,30})|further reading|see also|also read|"
    # Chinese pages' boxes of links: 相关链接, 相关文章, 相关阅读, 相关新闻, 延伸阅读
    r"相关(?:链接|文章|阅读|新闻|文件|报道)|延伸阅读|推荐阅读)[:：]?$",
    re.I,
)
_NAV_LABEL_RE = re.compile(
    r"^(?:popular|latest|trending|hot|top|most (?:read|popular)|more|explore|markets?)"
    r"(?: [\w&'-]+){0,3}$",
    re.I,
)
_BULLET_RE = re.compile(r"^(?:[•●○◦▪▫■□‣⁃∙·]\s*|[*-]\s+)(?P<text>\S.*)$")
_BYLINE_RE = re.compile(
    r"^(?:/{2}\s*)?(?:by|author|written by|作者)\b\s*[:：]?\s*(?P<author>[^|·•—–]{1,80}?)\s*"
    r"(?:[|·•—–]\s*(?P<date>.+))?$",
    re.I,
)
# Where the name in a byline ends: a handle, a label, a date written out (the pattern
# parse_date reads; copied text may glue it to the name: "Lucas Nolan22 Dec 2016") or the
# start of a numeric one.
_BYLINE_END_RE = re.compile(
    rf"@\w|\s(?:updated|published|posted|modified)\b|(?:\s|(?<=[a-z])){WORD_DATE_RE.pattern}|"
    r"\s\d{4}[/.\-年]\d",
    re.I,
)
_BY_NAME_FIRST_RE = re.compile(r"^by\s+(?P<author>[^,;|]{3,40}?)\s*[,;|]\s*\S", re.I)
_DATED_BY_RE = re.compile(r"^(?P<when>.{4,40}?)\s+by\s+(?P<author>[^,;|]{3,40})$", re.I)
_NAME_AGE_RE = re.compile(
    r"^(?P<author>[^•|·]{3,40}?)\s*[•|·]\s*\d{1,2}\s*(?:m|min|mins|h|hr|hrs|d)\b"
    r"(?:\s*ago)?$",
    re.I,
)
# A time of day alone ("1:39 PM ET", "Updated 10:04 a.m. EDT"): the byline's time, not a title.
_TIME_RE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?\d{1,2}:\d{2}(?::\d{2})?\s*"
    r"(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4})?$",
    re.I,
)
# A person's name on a line of its own, as a byline without "By" gives it: two to four
# capitalised words ("Sarah Archer", "Laura van der Berg"), none of them a common word.
_NAME_WORD_RE = re.compile(r"^(?:[A-Z][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?|[A-Z]\.)$")
_NAME_PARTICLES = frozenset(
    ["de", "da", "di", "del", "der", "den", "van", "von", "la", "le", "al", "bin", "ibn"]
)
_COMMON_WORDS = """
the a an of and or in on at for to with from by about after over new news latest more
home share comments related update updated photo photos video videos watch read
opinion analysis business politics world sports markets market tech science health
life culture travel style live today week report review
press release releases statement statements speech speeches notice notices announcement
announcements media bulletin circular guidance consultation
"""
_NOT_NAME_WORDS = frozenset(_COMMON_WORDS.split())
# A headline may end in an abbreviation's period: "... Underneath N.Y.C.", "... in the U.S."
_ABBREVIATION_END_RE = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
_HEADING_END_BAD = (".", ",", ";", ":", "…", "!", "。", "，", "；", "：", "、")
_MAX_HEADING_CHARS = 150
_MAX_HEADING_WORDS = 20
# Also the most words a button's label has (see is_widget); segmentation uses it too.
LABEL_WORDS = 3  # a column name or kicker between a headline and its byline: "Deal Professor"


def is_widget(text: str) -> bool:
    """Share buttons, like counters and "read more" links: short, from a fixed vocabulary of
    interface words, or a bare number (a counter, not content)."""
    low = text.lower().strip(" :：·|")  # "Share:", "分享到："
    if "|" in low:
        # Buttons side by side: "Sign In | Join IAB", "Share | Print | Email".
        parts = [part.strip() for part in low.split("|")]
        return all(len(part.split()) <= LABEL_WORDS for part in parts) and any(
            is_widget(part) for part in parts if part
        )
    return (
        low in _WIDGET_WORDS
        or low in _WIDGET_PHRASES
        or bool(_COUNTER_RE.match(low))
        or bool(_WIDGET_RE.match(low))
    )


def _byline(text: str) -> tuple[str | None, str | None] | None:
    """``By: name | date`` or a line that is only a date: (author, date), else None."""
    if (found := chinese_byline(text)) is not None:
        return found
    m = _BYLINE_RE.match(text)
    if m:
        # "By Alissa Wilkinson@alissamarie Updated Jul 24, 2018": the name ends at a
        # handle, an "Updated"/"Published" label or a date.
        author, rest = m["author"], m["date"] or ""
        cut = _BYLINE_END_RE.search(author)
        if cut:
            author, rest = author[: cut.start()], author[cut.start() :] + " " + rest
        if author.strip() and len(author.split()) <= 6:
            return author.strip(), parse_date(rest) if rest.strip() else None
    # "By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU ...": a name, then a role.
    m = _BY_NAME_FIRST_RE.match(text)
    if m and reads_as_name(m["author"]):
        return m["author"], None
    if len(text) <= 90:
        # "Tuesday 15 October 2019 by Bradley M. Kuhn", "2/26/2015 7:11 AM PST BY TMZ STAFF",
        # "James Akinaka • 8h": a date or an age, and a name.
        m = _DATED_BY_RE.match(text)
        if m and (when := parse_date(m["when"])):
            return m["author"].strip(), when
        m = _NAME_AGE_RE.match(text)
        if m and reads_as_name(m["author"]):
            return m["author"], None
    if len(text) <= 40:
        if _TIME_RE.match(text):
            return None, None
        date = parse_date(text)
        left = WORD_DATE_RE.sub("", NUM_DATE_RE.sub("", text))
        if date and len(_SPACE_RE.sub("", left)) <= 12:
            return None, date
    return None


def reads_as_name(text: str) -> bool:
    """Two to four capitalised words without digits or common words: a person's name."""
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 40:
        return False
    named = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if len(named) < 2 or any(w.lower().strip(".") in _NOT_NAME_WORDS for w in named):
        return False
    return all(_NAME_WORD_RE.match(w) for w in named)


def looks_like_heading(text: str) -> bool:
    """Short, no sentence-ending punctuation (a question mark is fine: FAQ headings), starts
    with a capital, a digit or a CJK character, and has letters in it."""
    if not text or len(text) > _MAX_HEADING_CHARS:
        return False
    if text.endswith(_HEADING_END_BAD) and not _ABBREVIATION_END_RE.search(text):
        return False
    if len(text.split()) > _MAX_HEADING_WORDS:
        return False
    first = text[0]
    # Chinese, Japanese or Korean: a Han character, kana, hangul, or an opening bracket of
    # those scripts (a title in 《》, a product name in 「」, a label in 【】).
    if not (first.isupper() or first.isdigit() or first in "\"'“‘(" or is_wide(first)):
        return False
    return any(ch.isalpha() for ch in text)


def _kind_of(text: str) -> LineKind:
    """Kind of a non-blank line judged alone (navigation labels need context, see below)."""
    if is_widget(text):
        return LineKind.chrome
    if _LIST_LABEL_RE.match(text):
        return LineKind.list_label
    if _byline(text):
        return LineKind.byline
    if _BULLET_RE.match(text) and not _COUNTER_RE.match(text.lstrip("-")):
        return LineKind.bullet
    if looks_like_heading(text):
        return LineKind.heading
    return LineKind.paragraph


def classify_lines(lines: list[str]) -> list[Line]:
    """Give every line its kind.

    A short "Popular coins" / "Latest Crypto News" line is a navigation label only when no
    paragraph follows it: a section heading of an article ("Top Risks") is followed by text.
    """
    out: list[Line] = []
    for number, text in enumerate(lines, start=1):
        if not text:
            out.append(Line(LineKind.blank, "", number))
            continue
        kind = _kind_of(text)
        line = Line(kind, text, number)
        if kind is LineKind.byline:
            line.author, line.date = _byline(text)  # type: ignore[misc]
        elif kind is LineKind.bullet:
            m = _BULLET_RE.match(text)
            assert m is not None
            line.text = m["text"]
        out.append(line)
    content = [line for line in out if line.kind is not LineKind.blank]
    for i, line in enumerate(content):
        nxt = content[i + 1] if i + 1 < len(content) else None
        if line.kind is LineKind.heading and _NAV_LABEL_RE.match(line.text):
            if nxt is None or nxt.kind is not LineKind.paragraph:
                line.kind = LineKind.nav_label
        elif (
            line.kind is LineKind.heading
            and nxt is not None
            and nxt.kind is LineKind.byline
            and nxt.author is None
            and reads_as_name(line.text)
        ):
            # "Sarah Archer" above "1:39 PM ET" or a date: the byline's name, not a heading.
            line.kind, line.author = LineKind.byline, line.text
    return out
