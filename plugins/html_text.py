"""Rewrite the text of rendered HTML without touching its markup.

The plugins add links to text (glossary terms, document numbers) after Markdown has been
rendered. Parsing every page into a DOM (BeautifulSoup) costs more than the rest of the
build, so this walks the HTML once with a tag tokenizer and a stack of the elements it is
inside, and hands only the text between tags to a callback, saying whether a link may be
added there. Markdown's output is well-formed, which is what makes a tokenizer enough.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate

# A tag with quoted attributes (values may hold ">"), a comment, CDATA, a doctype or a
# processing instruction. Anything else is text.
TAG_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_LANG_RE = re.compile(r"""(?:^|\s)(?:xml:)?lang\s*=""", re.I)
_CLASS_RE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)

#: Inside these, text is never looked at: code, scripts, form controls, embedded documents.
SKIP_ALL = frozenset(
    {
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "script",
        "style",
        "textarea",
        "title",
        "select",
        "option",
        "button",
        "svg",
        "math",
        "template",
        "noscript",
        "iframe",
        "object",
    }
)
#: Inside these, text may be read (a mention counts) but no link may be added: existing
#: links, headings, abbreviations (which have their own tooltip), and what a click already
#: does something with: a collapsible block's ``<summary>`` (a link there would open the
#: term instead of the block) and a form control's ``<label>``.
SKIP_LINK = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dfn", "summary", "label"})
#: Elements whose content the tokenizer must not read as markup.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# What an open element does to the text inside it (bits, combined).
_NONE, _NO_MATCH, _NO_LINK, _IN_CLASS = 0, 1, 2, 4


def _has_class(attrs: str, classes: frozenset[str]) -> bool:
    if not classes or "class" not in attrs:
        return False
    m = _CLASS_RE.search(attrs)
    if m is None:
        return False
    value = m.group(1) or m.group(2) or m.group(3) or ""
    return not classes.isdisjoint(value.split())


#: Run flags: a link may be added here (not inside a link, heading, abbreviation)...
MAY_LINK = 1
#: ...and: the run is inside an element with one of the walk's ``skip_classes``.
IN_SKIP_CLASS = 2

#: A text run: (start, end, flags) of a piece of text between two tags of a page.
Run = tuple[int, int, int]
#: What a linker gives back for each text it was handed: ``(start, end, html)`` pieces to put
#: in place of ``text[start:end]``, in order and not overlapping.
Links = list[tuple[int, int, str]]
#: A linker for one page: texts and their flags in, links for each text out.
TextLinker = Callable[[Sequence[str], Sequence[int]], list[Links]]


class JoinedTexts:
    """The texts a linker is handed, joined into one string it can scan in one pass.

    They are joined with NUL, which no text of a page holds and no pattern or name matches:
    nothing found can span two texts. ``locate`` maps a position in ``text`` back to
    (which text, position in it).
    """

    SEPARATOR = "\x00"

    def __init__(self, texts: Sequence[str]) -> None:
        self.text = self.SEPARATOR.join(texts)
        self._starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def locate(self, position: int) -> tuple[int, int]:
        index = bisect_right(self._starts, position) - 1
        return index, position - self._starts[index]


def text_runs(
    html: str,
    *,
    skip_classes: Iterable[str] = (),
    skip: frozenset[str] = SKIP_ALL,
    skip_marked_language: bool = False,
) -> list[Run]:
    """Where the text of ``html`` is that a linker may look at, with flags saying how.

    Text inside ``skip`` elements (by default ``SKIP_ALL``: code, scripts...) is never a
    run, nor, with ``skip_marked_language``, text inside an element with a ``lang``
    attribute; inside ``SKIP_LINK`` elements a run lacks ``MAY_LINK``; inside an element
    with one of ``skip_classes`` it has ``IN_SKIP_CLASS``. Whitespace is never a run. Runs
    stop at every tag, so a match in a run never spans markup. Text is still HTML (entities
    escaped).
    """
    classes = frozenset(skip_classes)
    runs: list[Run] = []
    stack: list[tuple[str, int]] = []
    no_link = no_match = in_class = 0
    pos = 0
    n = len(html)
    search = TAG_RE.search
    while True:
        m = search(html, pos)
        start = m.start() if m is not None else n
        # Most gaps between tags are a bare newline: no slice is needed to skip those.
        if (
            start > pos
            and not no_match
            and (start - pos > 1 or html[pos] != "\n")
            and not html[pos:start].isspace()
        ):
            flags = (0 if no_link else MAY_LINK) | (IN_SKIP_CLASS if in_class else 0)
            runs.append((pos, start, flags))
        if m is None:
            break
        pos = m.end()
        close, name, attrs = m.group(1, 2, 3)
        if name is None:
            continue  # comment, doctype, CDATA, processing instruction
        name = name.lower()
        if close:  # an end tag: close back to the matching open element
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    for _, mode in stack[i:]:
                        no_match -= mode & _NO_MATCH
                        no_link -= (mode & _NO_LINK) >> 1
                        in_class -= (mode & _IN_CLASS) >> 2
                    del stack[i:]
                    break
            continue
        if name in _VOID or attrs.endswith("/"):
            continue
        if name in _RAW_TEXT:
            # Script and style text may hold "<" that is not markup: jump to its end tag.
            end_tag = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            pos = end_tag.start() if end_tag else n
            continue
        mode = _NONE
        if name in skip or (skip_marked_language and _LANG_RE.search(attrs)):
            mode = _NO_MATCH
        elif name in SKIP_LINK:
            mode = _NO_LINK
        if classes and _has_class(attrs, classes):
            mode |= _IN_CLASS
        if mode:
            no_match += mode & _NO_MATCH
            no_link += (mode & _NO_LINK) >> 1
            in_class += (mode & _IN_CLASS) >> 2
        elif not stack:
            continue  # nothing to close later: only elements inside tracked ones are tracked
        stack.append((name, mode))
    return runs


def link_texts(
    html: str, linkers: Sequence[TextLinker], *, skip_classes: Iterable[str] = ()
) -> str:
    """``html`` with the links of every linker put into its text, in one walk of the page.

    Linkers take turns: each is handed every text run (whole pages at once, so it can scan
    them in one pass) and then only the text the linkers before it left unlinked, so no
    link is ever put inside another. Walking the page once for all of them is what makes
    adding a linker cheap.
    """
    runs = text_runs(html, skip_classes=skip_classes)
    if not runs or not linkers:
        return html
    # The texts handed to the linkers ("units"), their flags, and where each comes from:
    # (run, index in that run's pieces). A run a linker changed is a list of pieces: str
    # is text later linkers may still look at, _Done is finished HTML.
    texts = [html[start:end] for start, end, _ in runs]
    flags = [f for _, _, f in runs]
    where = [(r, 0) for r in range(len(runs))]
    pieces: dict[int, list[str]] = {}
    for linker in linkers:
        found = linker(texts, flags)
        if not any(found):
            continue  # the usual case for number links: nothing to split, units unchanged
        # From the last unit backwards, so piece indexes within a run stay valid.
        for u in range(len(found) - 1, -1, -1):
            links = found[u]
            if not links:
                continue
            text = texts[u]
            r, p = where[u]
            split: list[str] = []
            pos = 0
            for start, end, link_html in links:
                if start > pos:
                    split.append(text[pos:start])
                split.append(_Done(link_html))
                pos = end
            if pos < len(text):
                split.append(text[pos:])
            pieces.setdefault(r, [text])[p : p + 1] = split
        texts, flags, where = [], [], []
        for r, (start, end, run_flags) in enumerate(runs):
            run_pieces = pieces.get(r)
            if run_pieces is None:
                texts.append(html[start:end])
                flags.append(run_flags)
                where.append((r, 0))
                continue
            for p, piece in enumerate(run_pieces):
                if not isinstance(piece, _Done):
                    texts.append(piece)
                    flags.append(run_flags)
                    where.append((r, p))
    if not pieces:
        return html
    out: list[str] = []
    pos = 0
    for r in sorted(pieces):
        start, end, _ = runs[r]
        out.append(html[pos:start])
        out.extend(pieces[r])
        pos = end
    out.append(html[pos:])
    return "".join(out)


class _Done(str):
    """HTML a linker made: later linkers do not look into it."""

    __slots__ = ()


def insert_after_h1(html: str, fragment: str) -> str:
    """Put ``fragment`` right after the page's first ``<h1>``, or at the top if it has none
    (Material then renders the title above the content, so the fragment still follows it)."""
    end = html.find("</h1>")
    if end == -1:
        return fragment + html
    end += len("</h1>")
    return html[:end] + fragment + html[end:]


# Scripts written without spaces between words: Han, kana, CJK punctuation, full-width
# forms. (Not Hangul: Korean puts spaces between words.)
_UNSPACED = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_UNSPACED_BREAK_RE = re.compile(f"(?<=[{_UNSPACED}])[ \\t]*\\n[ \\t]*(?=[{_UNSPACED}])")
_VERBATIM_RE = re.compile(r"<(pre|code|kbd|samp|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)


def join_unspaced_line_breaks(html: str) -> str:
    """Drop the line breaks an editor left inside a Chinese or Japanese sentence.

    Markdown keeps a paragraph's line breaks, and a browser shows each as a space: right
    between English words, a stray gap between two Chinese characters ("不同， 稳定币").
    CSS's rule that would drop it is not in browsers yet. A break with such a character on
    both sides is removed; code and preformatted text keep theirs.
    """
    out = []
    at = 0
    for verbatim in _VERBATIM_RE.finditer(html):
        out.append(_UNSPACED_BREAK_RE.sub("", html[at : verbatim.start()]))
        out.append(verbatim.group(0))
        at = verbatim.end()
    out.append(_UNSPACED_BREAK_RE.sub("", html[at:]))
    return "".join(out)
