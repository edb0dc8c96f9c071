"""A short plain-text excerpt of a Markdown body, for listings of documents with no summary."""

from __future__ import annotations

import html
import io
import itertools
import re
from collections.abc import Iterator
from functools import partial

# A link or image: its text (which may hold escaped brackets, "[\[1\]](#note-1)") stays.
# Neither part is read past a bracket or parenthesis that could start another: read to any
# ")", a paragraph of "[a](" repeated was scanned to its end from each one (2.4 s for
# 20,000 of them).
_LINK_RE = re.compile(
    r"!?\[((?:[^\[\]\\\n]|\\.)*)\]"  # [text]
    r"\((?:[^()\[\]\\\n]|\\.|\([^()\[\]\\\n]*\))*\)"  # (destination), one level of (...) in it
)
# Inline HTML a writer put in a paragraph ("<span lang="ja">", "H<sub>2</sub>O", a
# comment), dropped for its text; an autolink ("<https://...>") shows its address. A code
# span is matched first so that "`<b>`" stays text; an escaped "\<" is not a tag. A code
# span or a comment is looked for over 300 characters at most: unclosed ones, repeated,
# would each be read to the paragraph's end.
_INLINE_HTML_RE = re.compile(
    r"(?P<code>(`+)[^`].{0,300}?(?<!`)\2(?!`))"
    r"|(?<!\\)<(?:(?P<auto>[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]+|[\w.+-]+@[\w.-]+)>"
    r"|!--.{0,300}?-->|/?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)",
    re.S,
)
# A footnote's reference ("[^1]"): a number in the page, nothing in an excerpt.
_FOOTNOTE_RE = re.compile(r"\[\^[^\[\]\s]+\]")
# A reference link ("[the notice][yinfa]", "[the notice][]"): its text.
_REF_LINK_RE = re.compile(r"!?\[((?:[^\[\]\\\n]|\\.)*)\]\[[^\[\]\n]*\]")
# Emphasis and code marks and attribute lists ("{: .class}", "{#anchor}"); which of them
# are marks (not escaped; an underscore only at a word's edge, since snake_case is a word)
# is decided by _unmark.
_MARK_RE = re.compile(r"[*`]+|_+|\{[:#.][^}]*\}")
# A backslash escape: the character it protects is the text ("Yinfa \[2026\] No. 42").
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
# The longest paragraph read as a lead-in (an addressee line runs to about 170 characters).
_LEAD_IN_CHARS = 200


def excerpt(body: str, words: int = 40) -> str | None:
    """The first prose paragraph (not a heading, list, table, code or HTML), cut at
    ``words`` words; None when the body has no such paragraph.

    A short paragraph that ends in a colon leads into what follows (a notice's addressees,
    "To the people's governments of all provinces ...:", or "The rules are:"); a listing
    that showed it would say nothing about the document, so the next prose paragraph is
    taken, and the lead-in only when there is none. A long one is kept: a notice's
    preamble ends "... notifies as follows:" and says best what the notice is for.
    """
    lead_in: str | None = None
    for plain in _paragraphs(body):
        if plain.endswith((":", "：")) and len(plain) <= _LEAD_IN_CHARS:
            lead_in = lead_in or plain
            continue
        return _cut(plain, words)
    return _cut(lead_in, words) if lead_in else None


def _cut(plain: str, words: int) -> str:
    parts = plain.split(" ")
    return plain if len(parts) <= words else " ".join(parts[:words]) + " …"


def _paragraphs(body: str) -> Iterator[str]:
    """The body's prose paragraphs as plain text, in order (fenced code skipped, even when
    it holds blank lines)."""
    fence: str | None = None
    block: list[str] = []
    for line in itertools.chain(io.StringIO(body), ("",)):  # lazily: most stop early
        line = line.rstrip("\n")
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            block = []
            continue
        if stripped:
            block.append(line)
            continue
        plain = _prose(block)
        block = []
        if plain:
            yield plain


def _prose(lines: list[str]) -> str | None:
    """A paragraph as plain text, or None for a heading, list, table, quote, HTML or
    indented code."""
    if not lines:
        return None
    text = "\n".join(lines).strip()
    if text[0] in "#-*+|<>!" or re.match(r"\d+[.)]\s", text) or lines[0].startswith("    "):
        return None
    return _plain(text) or None


def _plain(markdown: str) -> str:
    """Inline Markdown as the text a reader sees: links and images by their text, marks
    and attribute lists dropped, escapes and character references resolved. Callers
    escape it again for wherever they put it (HTML, XML)."""
    text = _INLINE_HTML_RE.sub(_html_text, markdown) if "<" in markdown else markdown
    if "[" in text:
        text = _FOOTNOTE_RE.sub("", text) if "[^" in text else text
        text = _REF_LINK_RE.sub(r"\1", text) if "][" in text else text
    text = _LINK_RE.sub(r"\1", text) if "](" in text else text
    text = _MARK_RE.sub(partial(_unmark, text), text)
    if "\\" in text:
        text = _ESCAPE_RE.sub(r"\1", text)
    return " ".join((html.unescape(text) if "&" in text else text).split())


def _html_text(match: re.Match[str]) -> str:
    """What a reader sees of inline HTML: nothing of a tag or a comment, an autolink's
    address; a code span is left for the marks to unwrap."""
    if match["code"] is not None:
        return match[0]
    return match["auto"] or ""


def _unmark(text: str, match: re.Match[str]) -> str:
    """ "" for a mark, the match itself for text that only looks like one."""
    start, end = match.span()
    if start and text[start - 1] == "\\":
        return match[0]  # escaped: text
    if match[0][0] == "_":
        inside = start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
        return match[0] if inside else ""
    return ""
