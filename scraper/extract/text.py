"""Plain-text captures of news pages ("select all, copy" in a browser) -> documents.

A capture has no markup: headings, bylines and page furniture are recognizable only from
layout and wording. The extractor is a pipeline of small steps, each a plain function:

1. :func:`split_lines` - one normalized string per line (exotic spaces such as the em-spaces
   Chinese translations indent with become plain spaces).
2. :func:`classify_lines` - each line gets a :class:`LineKind`: blank, bullet, heading-like,
   byline, widget chrome, a *list label* that opens a block of teasers ("You may also like"),
   a *navigation label* ("Popular coins"), or paragraph.
3. :func:`segment` - the page is cut into its main article, teaser zones and the full
   documents some teasers continue into. The main article is found by its running text
   (several long paragraphs close together), so a copy that opens with the site's whole
   menu still starts at the headline, past a column name or the author's name on a line
   of its own; a "Related" box inside it, after which its text resumes, does not end it,
   and a long run of short lines (share buttons, "most read") followed by teasers does.
   In a teaser zone, a heading followed by exactly one paragraph is a teaser; a heading
   followed by more text is a document of its own.
4. :func:`build_documents` - each document gets its title, byline, Markdown body (headings,
   lists, the FAQ section a page labels as one) and, when its text holds a
   structured regulatory notice (see :mod:`scraper.extract.notice`), the notice is split off
   into a document of its own, linked from the article.

None of these steps knows the sentences of a particular capture; they rely on how news sites
lay out pages. Text that fits none of the patterns still gives one article (its first line as
title); text with nothing readable gives an :class:`~scraper.extract.ExtractError`.

Steps 1 and 2 live in :mod:`scraper.extract.text_lines`, step 3 in
:mod:`scraper.extract.text_segment`. This module holds step 4 and :func:`extract_text`, which
runs the four, and re-exports the public names of the others (``from scraper.extract.text
import segment`` keeps working).
"""

from __future__ import annotations

import dataclasses
import re

from plugins.scripts import text_language
from scraper import links, mdtext
from scraper.document import Document
from scraper.extract import ExtractError, citations, notice
from scraper.extract.text_lines import (
    TEXT_KINDS,
    Line,
    LineKind,
    classify_lines,
    decode_text,
    looks_like_heading,
    split_lines,
)
from scraper.extract.text_segment import (
    Page,
    Segment,
    is_long_paragraph,
    is_running_text,
    segment,
    teasers_in,
)

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
        while j >= 0 and lines[j].kind in TEXT_KINDS:
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
    trailing run of questions under the page's own "FAQ" line are that section's (``###``).
    Without such a line they stay ``##``: a heading the source does not have is not made
    up for them."""
    faq = _faq_start(lines)
    if faq is not None and not (faq > 0 and _FAQ_LABEL_RE.match(lines[faq - 1].text)):
        faq = None
    out: list[str] = []
    in_list = False
    for i, line in enumerate(lines):
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
    dateline = None
    if (
        first.kind is LineKind.byline
        and first.author is None
        and lines
        and lines[0].kind is LineKind.heading
    ):
        # A dateline above the headline ("May 1, 2024" / "Federal Reserve Board announces
        # ..."): the headline is the title, the date line above it says when.
        dateline, first = first, lines.pop(0)
    title = first.text
    if first.kind in TEXT_KINDS and len(first.text) > 90:
        # No heading: a shortened first paragraph is the title; the paragraph stays in full.
        title = _short_title(first.text)
        lines.insert(0, first)
    elif not lines:
        # A capture of one line: it is the title, and the text too, so nothing is lost.
        kind = first.kind if first.kind in TEXT_KINDS else LineKind.paragraph
        lines.insert(0, dataclasses.replace(first, kind=kind))
    doc = Document(title=title, kind="article")
    if dateline is not None:
        doc.date = dateline.date
    # The byline: right under the title, or under a standfirst or a photo's caption.
    k = 0
    while k < min(len(lines), _BYLINE_WITHIN) and not is_long_paragraph(lines[k]):
        if lines[k].kind is LineKind.byline:
            by = lines.pop(k)
            doc.author = doc.author or by.author
            doc.date = doc.date or by.date
        else:
            k += 1
    return doc, lines


# The heading of a page's footer or of a comments widget, whatever text follows it: "About
# us", "Advertise with MNT", "Google+", "33 people following".
_FOOTER_RE = re.compile(
    r"^(?:about(?: us)?|contact(?: us)?|advertise(?: with [\w ]{1,30})?|privacy(?: policy)?|"
    r"terms(?: of (?:use|service))?|legal(?: notice)?|imprint|impressum|careers|sitemap|"
    r"google\+|facebook|twitter|\d[\d,.]* (?:people|followers|readers|comments)(?: \w+)?)$",
    re.I,
)


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
            and (not is_running_text(lines) or _FOOTER_RE.match(doc.title))
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
    if not any(ln.kind in (*TEXT_KINDS, LineKind.heading) for ln in lines):
        raise ExtractError("no readable text in the capture")
    page = segment(lines)
    if not page.segments:
        # Only teasers and navigation: take the whole text as one article.
        kept = [ln for ln in lines if ln.kind in (*TEXT_KINDS, LineKind.heading)]
        page = Page([Segment(kept, main=True)])
    return build_documents(page, origin=origin)
