"""Rewrite the text of rendered HTML without touching its markup.

The plugins add links to text (glossary terms, document numbers) after Markdown has been
rendered. Parsing every page into a DOM (BeautifulSoup) costs more than the rest of the
build, so this walks the HTML once with a tag tokenizer and a stack of the elements it is
inside, and hands only the text between tags to a callback, saying whether a link may be
added there. Markdown's output is well-formed, which is what makes a tokenizer enough.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# A tag with quoted attributes (values may hold ">"), a comment, CDATA, a doctype or a
# processing instruction. Anything else is text.
TAG_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
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
#: links, headings, abbreviations (which have their own tooltip).
SKIP_LINK = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dfn"})
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
_NONE, _NO_LINK, _NO_MATCH = 0, 1, 2


def _has_class(attrs: str, classes: frozenset[str]) -> bool:
    if not classes or "class" not in attrs:
        return False
    m = _CLASS_RE.search(attrs)
    if m is None:
        return False
    value = m.group(1) or m.group(2) or m.group(3) or ""
    return not classes.isdisjoint(value.split())


def split_runs(
    html: str, *, skip_classes: Iterable[str] = ()
) -> tuple[list[str], list[tuple[int, bool]]]:
    """Cut ``html`` into pieces, and say which pieces are text a linker may look at.

    Returns ``(parts, runs)``: ``"".join(parts) == html``; each run is ``(index into parts,
    may_link)`` for a text piece outside ``SKIP_ALL`` elements and elements with one of
    ``skip_classes``, with ``may_link=False`` inside ``SKIP_LINK`` elements. Text that is
    only whitespace is never a run (no name or number can be found in it). Text is still
    HTML (entities escaped), and a run stops at every tag, so a match never spans markup.

    Handing all runs over at once lets a linker scan a whole page in one pass (one call of
    its matcher, not one per text node), which is where most of its time used to go.
    """
    classes = frozenset(skip_classes)
    parts: list[str] = []
    runs: list[tuple[int, bool]] = []
    stack: list[tuple[str, int]] = []
    no_link = no_match = 0
    pos = 0
    n = len(html)
    search = TAG_RE.search
    while pos < n:
        m = search(html, pos)
        start = m.start() if m else n
        if start > pos:
            text = html[pos:start]
            if not no_match and not text.isspace():
                runs.append((len(parts), not no_link))
            parts.append(text)
        if m is None:
            break
        parts.append(m.group(0))
        pos = m.end()
        name = m.group("name")
        if name is None:
            continue  # comment, doctype, CDATA, processing instruction
        name = name.lower()
        if m.group("close"):  # an end tag: close back to the matching open element
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    for _, mode in stack[i:]:
                        if mode == _NO_MATCH:
                            no_match -= 1
                        elif mode == _NO_LINK:
                            no_link -= 1
                    del stack[i:]
                    break
            continue
        attrs = m.group("attrs")
        if name in _VOID or attrs.endswith("/"):
            continue
        if name in _RAW_TEXT:
            # Script and style text may hold "<" that is not markup: copy it to its end tag.
            close = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            stop = close.start() if close else n
            parts.append(html[pos:stop])
            pos = stop
            continue
        if name in SKIP_ALL or _has_class(attrs, classes):
            mode = _NO_MATCH
            no_match += 1
        elif name in SKIP_LINK:
            mode = _NO_LINK
            no_link += 1
        elif stack:
            mode = _NONE  # tracked only so that a nested end tag closes the right element
        else:
            continue
        stack.append((name, mode))
    return parts, runs


def rewrite_text(
    html: str,
    transform: Callable[[str, bool], str],
    *,
    skip_classes: Iterable[str] = (),
) -> str:
    """Return ``html`` with every text run replaced by ``transform(text, may_link)``.

    ``transform`` receives HTML text (entities still escaped) and returns HTML; it is called
    for the runs :func:`split_runs` finds (never inside ``SKIP_ALL`` elements or elements
    with one of ``skip_classes``, never for whitespace), with ``may_link=False`` inside
    ``SKIP_LINK`` elements.
    """
    parts, runs = split_runs(html, skip_classes=skip_classes)
    for index, may_link in runs:
        parts[index] = transform(parts[index], may_link)
    return "".join(parts)


def insert_after_h1(html: str, fragment: str) -> str:
    """Put ``fragment`` right after the page's first ``<h1>``, or at the top if it has none
    (Material then renders the title above the content, so the fragment still follows it)."""
    end = html.find("</h1>")
    if end == -1:
        return fragment + html
    end += len("</h1>")
    return html[:end] + fragment + html[end:]


def insert_after_panel(html: str, fragment: str) -> str:
    """Put ``fragment`` right after a document's metadata panel (``<dl class="regkb-meta">``),
    or after the first ``<h1>`` when the page has no panel."""
    start = html.find('<dl class="regkb-meta"')
    end = html.find("</dl>", start) if start != -1 else -1
    if end == -1:
        return insert_after_h1(html, fragment)
    end += len("</dl>")
    return html[:end] + fragment + html[end:]
