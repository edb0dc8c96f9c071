"""Plain-text captures of news pages ("select all, copy" in a browser) -> documents.

A capture has no markup: headings, bylines and page furniture are recognizable only from
layout and wording. The extractor is a pipeline of small steps, each a plain function:

1. :func:`split_lines` - one normalized string per line (exotic spaces such as the em-spaces
   Chinese translations indent with become plain spaces).
2. :func:`classify_lines` - each line gets a :class:`LineKind`: blank, bullet, heading-like,
   byline, widget chrome, a *list label* that opens a block of teasers ("You may also like"),
   a *navigation label* ("Popular coins"), or paragraph. See each ``_is_*`` helper.
3. :func:`segment` - the page is cut into its main article, teaser zones and the full
   documents some teasers continue into. The main article is found by its running text
   (several long paragraphs close together), so a copy that opens with the site's whole
   menu still starts at the headline, past a column name or the author's name on a line
   of its own; a "Related" box inside it, after which its text resumes, does not end it,
   and a long run of short lines (share buttons, "most read") followed by teasers does.
   In a teaser zone, a heading followed by exactly one paragraph is a teaser; a heading
   followed by more text is a document of its own.
4. :func:`build_documents` - each document gets its title, byline, Markdown body (headings,
   lists, an FAQ section for a trailing run of question headings) and, when its text holds a
   structured regulatory notice (see :mod:`scraper.extract.notice`), the notice is split off
   into a document of its own, linked from the article.

None of these steps knows the sentences of a particular capture; they rely on how news sites
lay out pages. Text that fits none of the patterns still gives one article (its first line as
title); text with nothing readable gives an :class:`~scraper.extract.ExtractError`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from scraper import links, mdtext
from scraper.document import Document
from scraper.extract import ExtractError, citations, notice
from scraper.extract.chinese_bylines import chinese_byline
from scraper.extract.dates import NUM_DATE_RE, WORD_DATE_RE, holds_date, parse_date
from scraper.extract.language import is_cjk, is_wide, text_language

__all__ = [
    "Line",
    "LineKind",
    "Segment",
    "build_documents",
    "classify_lines",
    "decode_text",
    "extract_text",
    "segment",
    "split_lines",
]


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
    r"coverage|content|links|topics))?|"
    r"recommended(?: (?:for you|articles|reading))?|read (?:next|also)|more (?:stories|articles|"
    r"news|from [\w .'-]{1,30})|further reading|see also|also read)$",
    re.I,
)
_NAV_LABEL_RE = re.compile(
    r"^(?:popular|latest|trending|hot|top|most (?:read|popular)|more|explore|markets?)"
    r"(?: [\w&'-]+){0,3}$",
    re.I,
)
_BULLET_RE = re.compile(r"^[•●○◦▪▫■□‣⁃∙·*-]\s*(?P<text>\S.*)$")
_BYLINE_RE = re.compile(
    r"^(?:/{2}\s*)?(?:by|author|written by|作者)\b\s*[:：]?\s*(?P<author>[^|·•—–]{1,80}?)\s*"
    r"(?:[|·•—–]\s*(?P<date>.+))?$",
    re.I,
)
# Where the name in a byline ends: a handle, a label, a date written out (the pattern
# parse_date reads) or the start of a numeric one.
_BYLINE_END_RE = re.compile(
    rf"@\w|\s(?:updated|published|posted|modified)\b|\s{WORD_DATE_RE.pattern}|"
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
"""
_NOT_NAME_WORDS = frozenset(_COMMON_WORDS.split())
# A headline may end in an abbreviation's period: "... Underneath N.Y.C.", "... in the U.S."
_ABBREVIATION_END_RE = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
_HEADING_END_BAD = (".", ",", ";", ":", "…", "!", "。", "，", "；", "：", "、")
_MAX_HEADING_CHARS = 150
_MAX_HEADING_WORDS = 20


def _is_widget(text: str) -> bool:
    """Share buttons, like counters and "read more" links: short, from a fixed vocabulary of
    interface words, or a bare number (a counter, not content)."""
    low = text.lower().strip(" :·|")
    if "|" in low:
        # Buttons side by side: "Sign In | Join IAB", "Share | Print | Email".
        parts = [part.strip() for part in low.split("|")]
        return all(len(part.split()) <= _LABEL_WORDS for part in parts) and any(
            _is_widget(part) for part in parts if part
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
    if not (first.isupper() or first.isdigit() or first in "\"'“‘(" or is_cjk(first)):
        return False
    return any(ch.isalpha() for ch in text)


def _kind_of(text: str) -> LineKind:
    """Kind of a non-blank line judged alone (navigation labels need context, see below)."""
    if _is_widget(text):
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


# --- 3. segmentation ----------------------------------------------------------------------------


@dataclass
class Teaser:
    """A teaser of another article: a title and (usually) a one-paragraph summary."""

    title: str
    summary: str | None = None


@dataclass
class Segment:
    """The lines of one document of a capture (blank lines and chrome removed)."""

    lines: list[Line]
    main: bool  # the page's own article (gets the page's teasers as ``related``)


@dataclass
class Page:
    """A capture cut into its documents and the teasers around them."""

    segments: list[Segment] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)


_CONTENT = (LineKind.paragraph, LineKind.bullet)
_BOUNDARY = (LineKind.list_label, LineKind.nav_label)


def segment(lines: list[Line]) -> Page:
    """Cut classified lines into the main article, teasers and continued documents.

    * The main article runs from its title (see :func:`_title_index`) to the first list or
      navigation label after its running text starts, unless that label opens a box of
      teasers after which the running text resumes (:func:`_teaser_box`), or to a long run
      of short lines after which it does not (:func:`_text_resumes`); a menu after its
      last sentence is left out (:func:`_without_trailing_menu`).
    * After a list label, each heading followed by one paragraph (or nothing) is a teaser; a
      heading followed by two or more blocks of text is a document that runs to the next
      label or the end.
    * After a navigation label, short lines are links and dropped; a full document found
      there is kept all the same.
    """
    content = [ln for ln in lines if ln.kind not in (LineKind.blank, LineKind.chrome)]
    page = Page()
    text_start = _body_start(content)
    i, head_chrome = _title_index(content, text_start)
    # Between a title and its first paragraph, a "More" or "Related" line is a menu of the
    # page's header (share and section menus), not the end of the article.
    near = text_start is not None and 0 <= text_start - i <= _RUNNING_WINDOW
    head_end = text_start if near else i
    main: list[Line] = []
    gap = 0  # lines since the last sentence, once the article's text has started
    while i < len(content):
        line = content[i]
        if i >= head_end and text_start is not None:
            gap = 0 if _is_sentence(line) or line.kind is LineKind.bullet else gap + 1
            # A long run of short lines after the text (pager, share buttons, "most read"
            # lists) and no more of the text after it: the article ended there. Checked
            # once a run; past a contents box or a player, the text goes on.
            if gap == _GAP_LINES and not _text_resumes(content, i + 1):
                del main[len(main) - (gap - 1) :]
                i -= gap - 1
                break
        if line.kind in _BOUNDARY and i >= head_end:
            box = _teaser_box(content, i)
            if box is None:
                break
            # A "Related" box set inside the article: its teasers, then the article goes on.
            resume, teasers = box
            page.teasers += teasers
            i = resume
            continue
        if line.kind not in _BOUNDARY and i not in head_chrome:
            main.append(line)
        i += 1
    main = _without_trailing_menu(main)
    if main:
        page.segments.append(Segment(main, main=True))
    in_nav = False
    while i < len(content):
        line = content[i]
        if line.kind in _BOUNDARY:
            in_nav = line.kind is LineKind.nav_label
            i += 1
            continue
        if line.kind in (LineKind.heading, LineKind.byline):
            j = i + 1
            while j < len(content) and content[j].kind in _CONTENT:
                j += 1
            body = j - (i + 1)
            if body >= 2 or (j < len(content) and content[j].kind is LineKind.byline):
                # a teaser that goes on: a document; it runs to the next label
                k = i
                while k < len(content) and content[k].kind not in _BOUNDARY:
                    k += 1
                page.segments.append(Segment(content[i:k], main=False))
                i = k
                continue
            if not in_nav:
                page.teasers.append(Teaser(line.text, content[i + 1].text if body else None))
            i = j
            continue
        i += 1  # a stray paragraph between labels: link text or a caption
    return page


_BOX_LINES = 16  # lines a box of teasers set inside an article takes at most


def _teaser_box(content: list[Line], label: int) -> tuple[int, list[Teaser]] | None:
    """The box of teasers that the list label ``content[label]`` opens inside an article:
    where the article's running text resumes after it, and its teasers. None when the
    label ends the article.

    The box is a short run of teasers of one shape (a title, then the same kinds of lines
    under each: a summary, a name, a date) with running text right after it. The shape
    matters: after a box of titles with a summary each, a heading followed by running text
    is another article, not the rest of this one.
    """
    end = label + 1
    while end < len(content) and not _is_long_paragraph(content[end]):
        if content[end].kind in _BOUNDARY or end - label > _BOX_LINES:
            return None
        end += 1
    box = content[label + 1 : end]
    running = _body_start(content[end : end + _RUNNING_WINDOW])
    if not box or box[0].kind is not LineKind.heading or running != 0:
        return None
    items: list[list[Line]] = []
    for line in box:
        if line.kind is LineKind.heading:
            items.append([])
        items[-1].append(line)
    shapes = [[line.kind for line in item] for item in items]
    if len(items) < 2 or any(shape != shapes[0] for shape in shapes):
        return None
    teasers = [
        Teaser(
            item[0].text,
            next((ln.text for ln in item[1:] if ln.kind is LineKind.paragraph), None),
        )
        for item in items
    ]
    return end, teasers


_TITLE_SEARCH = 20  # a byline further down than this is not the page's own
_NONE = range(0)  # no line under the title to drop
_TAGLINE_SEARCH = 200  # lines a wiki's menu may take above the article's title
_WIKI_TABS = 9  # lines of tabs ("Article", "Talk", "Edit"...) between a wiki title and tagline
_TAGLINE_RE = re.compile(r"^from (?:wikipedia|wikimedia commons|wikinews), the free", re.I)
_WIKI_TAB_RE = re.compile(
    r"^(?:article|talk|read|edit|edit source|view source|view history|history|tools|"
    r"\d+ languages?|add languages|contents|hide|\(top\))$",
    re.I,
)


_LONG_PARAGRAPH = 120  # characters: a sentence or more of running text, not a menu entry
_LONG_PARAGRAPH_WIDE = 50  # characters of Chinese, Japanese or Korean
_RUNNING_TEXT = 3  # long paragraphs ...
_RUNNING_WINDOW = 12  # ... within this many lines: running text, not a banner or a teaser
_HEAD_LINES = 6  # lines an article's title, dek and byline take above its first paragraph


def _title_index(content: list[Line], body: int | None) -> tuple[int, range]:
    """Where the main article starts, given where its running text starts (``body``).

    A wiki's title, above its tagline. Else the heading just above the first byline, when
    there is one near the top (lines above it are site navigation: "Home", "Markets").
    Without one, a capture may open with a whole menu (a browser's "select all" takes the
    navigation in too): the article then starts at its headline, the heading right above
    the byline over its running text, or the nearest heading above that text that reads as
    a headline (:func:`_reads_as_headline`). A capture without running text starts at 0.

    Returns that index, and the indexes of lines under the title that are page chrome (a
    column name between the headline and its byline, see :func:`_headline`; a wiki's tabs
    and its "From Wikipedia, the free encyclopedia").
    """
    for i, line in enumerate(content[:_TAGLINE_SEARCH]):
        # A wiki's tagline sits under the article's title (and its tabs: "Article", "Talk",
        # "Edit", "Tools"...): the surest mark there is.
        if _TAGLINE_RE.match(line.text):
            for k in range(i - 1, max(-1, i - 1 - _WIKI_TABS), -1):
                if not _WIKI_TAB_RE.match(content[k].text):
                    if content[k].kind is LineKind.heading:
                        return k, range(k + 1, i + 1)
                    break
    early: tuple[int, range] | None = None  # the heading above a byline near the top
    for i, line in enumerate(content[:_TITLE_SEARCH]):
        if line.kind is LineKind.byline:
            early = _early_headline(content, i)
            if early is None or _reads_as_headline(content[early[0]]) or body is None:
                return early or (0, _NONE)
            break  # "About" above a date: look for a headline by the text first
    if body is None:
        return 0, _NONE
    above = range(body - 1, max(-1, body - 1 - _HEAD_LINES), -1)
    byline = next((k for k in above if content[k].kind is LineKind.byline), None)
    anchor = body if byline is None else byline
    # The title: the heading right above the byline (past a column name there); else the
    # nearest heading above the byline (or the text) that reads as a headline, past buttons,
    # names and labels ("Share", "Jane Roe", "Caption"), which are shorter.
    over = content[anchor - 1] if byline is not None and anchor > 0 else None
    if over is not None and _may_title(over):
        return _headline(content, anchor - 1)
    for k in range(anchor - 1, max(-1, anchor - 1 - _HEADLINE_SEARCH), -1):
        if _reads_as_headline(content[k]):
            return _above_standfirst(content, k), _NONE
    if early is not None:
        return early
    # Else the nearest heading, past a standfirst paragraph or a photo credit.
    for k in range(anchor - 1, max(-1, anchor - 4), -1):
        if _may_title(content[k]):
            return _headline(content, k) if content[k + 1].kind is LineKind.byline else (k, _NONE)
    return anchor, _NONE


def _may_title(line: Line) -> bool:
    """A heading that is not a caption, a credit, a source line or a tag list."""
    return line.kind is LineKind.heading and not _CREDIT_RE.search(line.text)


def _early_headline(content: list[Line], i: int) -> tuple[int, range] | None:
    """The heading above the byline ``content[i]`` near the top of a capture: right above
    it (past a column name), or two or three lines up, past a standfirst or a long "By ...,
    who covers ..." line; None when there is none."""
    if i > 0 and content[i - 1].kind is LineKind.heading:
        return _headline(content, i - 1)
    for k in range(i - 2, max(-1, i - 4), -1):
        if _may_title(content[k]):
            return k, _NONE
    return None


_LABEL_WORDS = 3  # a column name or kicker between a headline and its byline: "Deal Professor"
_STANDFIRST_LINES = 2  # paragraphs a standfirst takes between a headline and what follows
_HEADLINE_SEARCH = 8  # lines above an article's byline or text where its headline may be
_HEADLINE_WIDE = 8  # characters of Chinese, Japanese or Korean a headline has at least


def _above_standfirst(content: list[Line], k: int) -> int:
    """The headline when ``content[k]`` may be its standfirst: a shorter headline right
    above it, itself not one of a list of headlines, is the title ("Attack stokes
    instability fears in North Africa" above "At least 17 dead in Tunisia after attack in
    capital city")."""
    if (
        k > 0
        and _reads_as_headline(content[k - 1])
        and len(content[k - 1].text) < len(content[k].text)
        and not (k > 1 and _reads_as_headline(content[k - 2]))
    ):
        return k - 1
    return k


def _reads_as_headline(line: Line) -> bool:
    """A heading of more words than a button, a label or a name has: "Share on Reddit",
    "Sarah Archer" and "Deal Professor" are not headlines, "Banks Test Tokenized Deposits"
    is."""
    if not _may_title(line):
        return False
    if holds_date(line.text):
        return False  # "Yahoo FinanceOctober 13, 2016": a byline the rules missed
    if sum(1 for ch in line.text if is_wide(ch)) >= _HEADLINE_WIDE:
        return True
    return len(line.text.split()) > _LABEL_WORDS and not _is_widget(line.text)


def _headline(content: list[Line], k: int) -> tuple[int, range]:
    """The headline for the heading ``content[k]`` just above a byline, and the column
    name to drop: when ``content[k]`` is a short column name or kicker ("Deal Professor",
    "Tech Industry"), the headline above it, right there or past a standfirst; else
    ``content[k]`` itself."""
    if len(content[k].text.split()) > _LABEL_WORDS:
        return k, _NONE
    for j in range(k - 1, max(-1, k - 1 - _STANDFIRST_LINES), -1):
        if _reads_as_headline(content[j]):
            return j, range(k, k + 1)
        if content[j].kind is not LineKind.paragraph:
            break  # only a standfirst may sit between a headline and its column name
    return k, _NONE


# A photo's caption or credit line: "(Bild: Hersteller)", "... Getty Images", "Photo: AP".
_CREDIT_RE = re.compile(
    r"^\(.*\)$|^\[.*\]$|\b(?:getty images|reuters|afp|shutterstock|associated press)$|"
    r"^(?:photo|image|picture|credit|bild|foto)s?\s*(?:credit)?\s*:|\((?:photo\s+)?credits?\s*:|"
    # a source line ("From: Herald Sun"), a breadcrumb ("Home > Tech > News")
    r"^(?:from|source|via)\s*:|\S\s*[>»›]\s*\S.*\s[>»›]\s|"
    # a list of the article's tags: "Topics: uber, sharing economy", "Filed to: metroid"
    r"^(?:topics|tags|filed (?:under|to)|categor(?:y|ies))\s*:",
    re.I,
)


_MENU_HEADINGS = 3  # headings after an article's last sentence that make a menu
_GAP_LINES = 12  # short lines in a row (no sentence, no list item) that may end an article
_RESUME_WINDOW = 80  # lines after such a run where the article's text may go on
_TEASER_GAP = 4  # lines from one teaser's summary to the next one's (a source label between)


# The heading of a page's footer or of a comments widget, whatever text follows it: "About
# us", "Advertise with MNT", "Google+", "33 people following".
_FOOTER_RE = re.compile(
    r"^(?:about(?: us)?|contact(?: us)?|advertise(?: with [\w ]{1,30})?|privacy(?: policy)?|"
    r"terms(?: of (?:use|service))?|legal(?: notice)?|imprint|impressum|careers|sitemap|"
    r"google\+|facebook|twitter|\d[\d,.]* (?:people|followers|readers|comments)(?: \w+)?)$",
    re.I,
)
_NUMBERED_RE = re.compile(r"^\d{1,3}[.):]\s")


def _is_running_text(lines: list[Line]) -> bool:
    """Whether a block has running text of its own: long paragraphs close together, not
    only the one-paragraph summaries of a list of teasers."""
    return _body_start(lines) is not None and _text_resumes(lines, 0)


def _text_resumes(content: list[Line], start: int) -> bool:
    """Whether an article's running text goes on after ``content[start]``, past a table of
    contents, an infobox, a player or a listing: unless what follows is a list of teasers
    (headings, each with a one-paragraph summary right under it, one after another) or
    nothing, it does."""
    found = 0
    previous = start
    for k in range(start, min(len(content), start + _RESUME_WINDOW)):
        if not _is_long_paragraph(content[k]):
            continue
        heading = content[k - 1] if k > 0 else None
        if heading is None or heading.kind is not LineKind.heading:
            return True
        if _NUMBERED_RE.match(heading.text):
            return True  # "2. Check the minibar": a listicle's points, each with its text
        if found and k - previous > _TEASER_GAP:
            return True  # sections with more than a paragraph each: the article's own
        found, previous = found + 1, k
        if found == _RUNNING_TEXT:
            return False
    # Undecided within the window: keep the text; at the end of the page: nothing resumes.
    return start + _RESUME_WINDOW < len(content)


def _without_trailing_menu(lines: list[Line]) -> list[Line]:
    """The article without what follows its last sentence when that is a menu: several
    short headings (links to other pages, "Comments", "Print") and no sentence after them.
    A trailing FAQ keeps its answers, which are sentences."""
    last = max((i for i, line in enumerate(lines) if _is_sentence(line)), default=None)
    if last is None:
        return lines
    tail = lines[last + 1 :]
    if notice.closes(lines[last].text):
        signed = notice.signature_end([line.text for line in lines], last + 1)
        if signed > last + 1:
            return lines[:signed]  # a notice's sign-off (its issuers, the date), then the menu
    if sum(1 for line in tail if line.kind is LineKind.heading) >= _MENU_HEADINGS:
        return lines[: last + 1]
    return lines


def _is_sentence(line: Line) -> bool:
    """A line of running text: 60 characters, or 25 of a script written without spaces
    (Chinese, Japanese kana and kanji, Korean), where a sentence takes fewer."""
    if line.kind not in _CONTENT:
        return False
    text = line.text
    return len(text) >= 60 or sum(1 for ch in text if is_wide(ch)) >= 25


def _is_long_paragraph(line: Line) -> bool:
    if line.kind is not LineKind.paragraph:
        return False
    if len(line.text) >= _LONG_PARAGRAPH:
        return True
    return sum(1 for ch in line.text if is_wide(ch)) >= _LONG_PARAGRAPH_WIDE


def _body_start(content: list[Line]) -> int | None:
    """Index of the first long paragraph where running text begins (``_RUNNING_TEXT`` long
    paragraphs within ``_RUNNING_WINDOW`` lines); a teaser or a caption is one long
    paragraph among short lines. None when the capture has no such run."""
    long = [
        i
        for i, line in enumerate(content)
        if _is_long_paragraph(line) and not _CONSENT_RE.search(line.text)
    ]
    for n, i in enumerate(long):
        following = long[n : n + _RUNNING_TEXT]
        if len(following) == _RUNNING_TEXT and following[-1] - i < _RUNNING_WINDOW:
            return i
    return None


# A cookie or consent banner, which a copy of a page may start with: its own phrases, not
# words an article about privacy rules would use ("consent", "personal data").
_CONSENT_RE = re.compile(
    r"\bwe (?:and our (?:\w+ )?partners )?(?:use|store) cookies\b|"
    r"\bby (?:clicking|continuing|using)\b[^.]{0,80}\b(?:accept|agree|consent)|"
    r"\b(?:accept|manage|reject) (?:all )?cookies\b|\bwould like to process\b|"
    r"\benable javascript\b",
    re.I,
)


def teasers_in(lines: list[Line]) -> list[Teaser]:
    """Teasers among lines left over after a document ended (heading + one paragraph)."""
    return segment([Line(LineKind.list_label, "", 0), *lines]).teasers


# --- 4. documents -------------------------------------------------------------------------------


def _short_title(text: str, limit: int = 90) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


_FAQ_LABEL_RE = re.compile(r"^(?:faqs?|frequently asked questions|q ?& ?a)$", re.I)


def _faq_start(lines: list[Line]) -> int | None:
    """Index of the first question of a trailing FAQ: two or more headings ending in "?",
    each followed by text, up to the end of the article."""
    start = None
    i = len(lines)
    while i > 0:
        j = i - 1
        while j >= 0 and lines[j].kind in _CONTENT:
            j -= 1
        if j < 0 or j == i - 1:
            break
        head = lines[j]
        if head.kind is LineKind.heading and head.text.endswith(("?", "？")):
            start = j
            i = j
            continue
        break
    if start is None:
        return None
    count = sum(
        1 for ln in lines[start:] if ln.kind is LineKind.heading and ln.text.endswith(("?", "？"))
    )
    return start if count >= 2 else None


def render_body(lines: list[Line]) -> str:
    """Markdown for an article's lines: headings as ``##``, bullets as a list, paragraphs; a
    trailing run of questions becomes an FAQ section (``## FAQ``, questions as ``###``)."""
    faq = _faq_start(lines)
    out: list[str] = []
    in_list = False
    for i, line in enumerate(lines):
        if i == faq and not (i > 0 and _FAQ_LABEL_RE.match(lines[i - 1].text)):
            out.append(mdtext.heading(2, "FAQ"))
        if line.kind is LineKind.bullet:
            item = mdtext.list_item(line.text)
            if in_list:
                out[-1] += "\n" + item
            else:
                out.append(item)
            in_list = True
            continue
        in_list = False
        if line.kind is LineKind.heading:
            level = 3 if faq is not None and i >= faq else 2
            out.append(mdtext.heading(level, line.text))
        else:
            out.append(mdtext.paragraph(line.text))
    return "\n\n".join(out) + "\n" if out else ""


_BYLINE_WITHIN = 4  # lines under a title where its byline may be


def _article(seg: Segment) -> tuple[Document, list[Line]]:
    """Title and byline of a segment; returns the document (body unset) and its body lines."""
    lines = list(seg.lines)
    first = lines.pop(0)
    title = first.text
    if first.kind in _CONTENT and len(first.text) > 90:
        # No heading: a shortened first paragraph is the title; the paragraph stays in full.
        title = _short_title(first.text)
        lines.insert(0, first)
    elif not lines:
        # A capture of one line: it is the title, and the text too, so nothing is lost.
        kind = first.kind if first.kind in _CONTENT else LineKind.paragraph
        lines.insert(0, dataclasses.replace(first, kind=kind))
    doc = Document(title=title, kind="article")
    # The byline: right under the title, or under a standfirst or a photo's caption.
    k = 0
    while k < min(len(lines), _BYLINE_WITHIN) and not _is_long_paragraph(lines[k]):
        if lines[k].kind is LineKind.byline:
            by = lines.pop(k)
            doc.author = doc.author or by.author
            doc.date = doc.date or by.date
        else:
            k += 1
    return doc, lines


def build_documents(page: Page, *, origin: str | None = None) -> list[Document]:
    """Documents for the segments of a page; teasers go to the main article's ``related``."""
    docs: list[Document] = []
    main_doc: Document | None = None
    teasers = list(page.teasers)
    for seg in page.segments:
        doc, lines = _article(seg)
        texts = [ln.text for ln in lines]
        found = notice.locate_notice(texts)
        if (
            not seg.main
            and found is None
            and (not _is_running_text(lines) or _FOOTER_RE.match(doc.title))
        ):
            # A block after the article with a heading and a few lines under it is the
            # page's chrome ("Follow Us", "Get a badge", a list of languages), not another
            # document: one needs running text of its own, or a notice.
            continue
        notice_doc = None
        if found:
            start, end = found
            before = texts[:start]
            # What follows the notice's closing formula is the page again: teasers.
            teasers += teasers_in(lines[end:])
            if not notice.is_foreword(before):
                # The segment is the notice itself, under its own title and byline.
                whole = notice.notice_document(before, texts[start:end], doc.title)
                # The date it was signed, else the page's (a byline above the notice).
                whole.date, whole.origin = whole.date or doc.date, origin
                docs.append(whole)
                main_doc = whole if seg.main else main_doc
                continue
            # Without a quoted title in the foreword, the line above the notice is its
            # title when it reads as one, else the article's.
            line_above = before[-1] if before and looks_like_heading(before[-1]) else None
            notice_doc = notice.notice_document(before, texts[start:end], line_above or doc.title)
            lines = lines[:start]
        body = render_body(lines)
        plain = "\n".join(ln.text for ln in lines)
        doc.cites = citations.cited_documents(plain)
        if notice_doc is not None:
            link = links.full_text_link(notice_doc.kind, notice_doc.title, notice_doc.doc_number)
            body += "\n" + link + "\n"
        doc.body = body
        doc.language = text_language(plain + doc.title)
        doc.origin = origin
        docs.append(doc)
        if notice_doc is not None:
            notice_doc.origin = origin
            docs.append(notice_doc)
        if seg.main:
            main_doc = doc
    if main_doc is not None:
        taken = {d.title for d in docs}
        main_doc.related = [
            {"title": t.title, **({"summary": t.summary} if t.summary else {})}
            for t in teasers
            if t.title not in taken
        ]
    return docs


def extract_text(
    data: bytes | str, *, origin: str | None = None, charset: str | None = None
) -> list[Document]:
    """All documents of a plain-text capture, page chrome removed.

    Raises :class:`ExtractError` when the input has no readable text.
    """
    text = decode_text(data, charset)
    lines = classify_lines(split_lines(text))
    if not any(ln.kind in (*_CONTENT, LineKind.heading) for ln in lines):
        raise ExtractError("no readable text in the capture")
    page = segment(lines)
    if not page.segments:
        # Only teasers and navigation: take the whole text as one article.
        kept = [ln for ln in lines if ln.kind in (*_CONTENT, LineKind.heading)]
        page = Page([Segment(kept, main=True)])
    return build_documents(page, origin=origin)
