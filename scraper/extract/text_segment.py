"""Step 3 of reading a plain-text capture (see :mod:`scraper.extract.text`): classified lines
cut into a :class:`Page`: the main article, the documents some teasers continue into, and the
teasers around them.

Kept apart from the line kinds (:mod:`scraper.extract.text_lines`) and from the documents made
of the segments (:mod:`scraper.extract.text`): finding where an article starts and where it
ends (its title, running text, teaser boxes, a trailing menu) is a job of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plugins.scripts import is_wide
from scraper.extract import citations, notice
from scraper.extract.dates import holds_date
from scraper.extract.text_lines import LABEL_WORDS, TEXT_KINDS, Line, LineKind, is_widget


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
    texts = [line.text for line in content]
    found = notice.locate_notice(texts)
    i, head_chrome = _title_index(content, text_start, found[0] if found else len(content))
    # Between a title and its first paragraph, a "More" or "Related" line is a menu of the
    # page's header (share and section menus), not the end of the article.
    near = text_start is not None and 0 <= text_start - i <= _RUNNING_WINDOW
    head_end = text_start if near else i
    main: list[Line] = []
    gap = 0  # lines since the last sentence, once the article's text has started
    signed_to = -1  # a notice's closing formula and sign-off run to here: its text
    while i < len(content):
        line = content[i]
        if i >= head_end and text_start is not None:
            if i > signed_to and notice.closes(line.text):
                signed_to = notice.signature_end(texts, i + 1) - 1
            text = _is_sentence(line) or line.kind is LineKind.bullet or i <= signed_to
            gap = 0 if text else gap + 1
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
            while j < len(content) and content[j].kind in TEXT_KINDS:
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
    while end < len(content) and not is_long_paragraph(content[end]):
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


def _title_index(content: list[Line], body: int | None, notice_at: int) -> tuple[int, range]:
    """Where the main article starts, given where its running text starts (``body``) and
    where a notice's text starts (``notice_at``, else the end): a date under a notice is
    the date it was signed, not a byline, even near the top of a short notice.

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
    for i, line in enumerate(content[: min(_TITLE_SEARCH, notice_at)]):
        if line.kind is LineKind.byline:
            early = _early_headline(content, i)
            if early is None or _reads_as_headline(content[early[0]]) or body is None:
                return early or (0, _NONE)
            break  # "About" above a date: look for a headline by the text first
    if body is None:
        return 0, _NONE
    above = range(body - 1, max(-1, body - 1 - _HEAD_LINES), -1)
    byline = next((k for k in above if content[k].kind is LineKind.byline), None)
    if (
        byline is not None
        and content[byline].author is None  # a date alone: a dateline, not an author's line
        and byline + 1 < body
        and content[byline + 1].kind is LineKind.heading
        and _reads_as_headline(content[byline + 1])
        and not any(
            _reads_as_headline(content[k]) for k in range(max(0, byline - _HEAD_LINES), byline)
        )
    ):
        # A dateline above the headline, as press releases set them ("Press Release" /
        # "May 1, 2024" / the headline), with no headline above it (a photo's caption
        # under a dated byline is no headline): the article starts at the date; its
        # headline is the title (see text._article), a label above the date the page's.
        return byline, _NONE
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
    if citations.is_doc_number(line.text):
        return False  # "FSA [2025] No. 7": a notice's number, under its title
    if sum(1 for ch in line.text if is_wide(ch)) >= _HEADLINE_WIDE:
        return True
    return len(line.text.split()) > LABEL_WORDS and not is_widget(line.text)


def _headline(content: list[Line], k: int) -> tuple[int, range]:
    """The headline for the heading ``content[k]`` just above a byline, and the column
    name to drop: when ``content[k]`` is a short column name or kicker ("Deal Professor",
    "Tech Industry"), the headline above it, right there or past a standfirst; else
    ``content[k]`` itself."""
    if len(content[k].text.split()) > LABEL_WORDS:
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
_CLOSING_WITHIN = 4  # lines after the last sentence where a short closing formula may be
_GAP_LINES = 12  # short lines in a row (no sentence, no list item) that may end an article
_RESUME_WINDOW = 80  # lines after such a run where the article's text may go on
_TEASER_GAP = 4  # lines from one teaser's summary to the next one's (a source label between)


_NUMBERED_RE = re.compile(r"^\d{1,3}[.):]\s")


def is_running_text(lines: list[Line]) -> bool:
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
        if not is_long_paragraph(content[k]):
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
    # A notice's closing formula may be that last sentence, or a short line after it
    # ("本通知自发布之日起施行。" is twelve characters): the notice ends with it and its
    # sign-off (the issuers, the date), and only what follows those may be a menu.
    closing = next(
        (
            i
            for i in range(last, min(len(lines), last + _CLOSING_WITHIN))
            if notice.closes(lines[i].text)
        ),
        None,
    )
    if closing is not None:
        signed = notice.signature_end([line.text for line in lines], closing + 1)
        if signed > closing + 1 or closing > last:
            last = signed - 1
    tail = lines[last + 1 :]
    if sum(1 for line in tail if line.kind is LineKind.heading) >= _MENU_HEADINGS:
        return lines[: last + 1]
    return lines


def _is_sentence(line: Line) -> bool:
    """A line of running text: 60 characters, or 25 of a script written without spaces
    (Chinese, Japanese kana and kanji, Korean), where a sentence takes fewer."""
    if line.kind not in TEXT_KINDS:
        return False
    text = line.text
    return len(text) >= 60 or sum(1 for ch in text if is_wide(ch)) >= 25


def is_long_paragraph(line: Line) -> bool:
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
        if is_long_paragraph(line) and not _CONSENT_RE.search(line.text)
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
