"""Rewrite the text of rendered HTML without touching its markup.

The plugins add links to text (glossary terms, document numbers) after Markdown has been
rendered. Parsing every page into a DOM (BeautifulSoup) costs more than the rest of the
build, so this walks the HTML once with a tag tokenizer and hands only the text between
tags, outside elements where links do not belong, to a callback.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A tag with correctly quoted attributes (values may contain ">"), a comment, a doctype or a
# processing instruction. Anything else is text.
TAG_RE = re.compile(
    r"<!--.*?-->"
    r"|<![^>]*>"
    r"|<\?.*?\?>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)"
    r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.S,
)

#: Elements whose text must never be linked or changed.
SKIP_DEFAULT = frozenset(
    {
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "select",
        "option",
        "svg",
        "math",
        "title",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def map_text(
    html: str,
    transform: Callable[[str], str],
    skip: frozenset[str] = SKIP_DEFAULT,
) -> str:
    """Return ``html`` with ``transform`` applied to every text run outside ``skip`` elements.

    ``transform`` receives HTML text (entities still escaped) and must return HTML. Runs are
    passed whole between two tags, so a match never spans markup.
    """
    out: list[str] = []
    pos = 0
    skip_stack: list[str] = []
    for match in TAG_RE.finditer(html):
        start = match.start()
        if start > pos:
            text = html[pos:start]
            out.append(transform(text) if not skip_stack else text)
        out.append(match.group(0))
        pos = match.end()
        name = match.group("name")
        if not name:
            continue
        name = name.lower()
        if name not in skip or name in _VOID or match.group(0).endswith("/>"):
            continue
        if match.group("close"):
            # Close the innermost matching skipped element; tolerate stray closers.
            for i in range(len(skip_stack) - 1, -1, -1):
                if skip_stack[i] == name:
                    del skip_stack[i:]
                    break
        else:
            skip_stack.append(name)
    if pos < len(html):
        text = html[pos:]
        out.append(transform(text) if not skip_stack else text)
    return "".join(out)


def insert_after_h1(html: str, fragment: str) -> str:
    """Put ``fragment`` right after the page's first ``<h1>``, or at the top if it has none
    (Material then renders the title above the content, so the fragment still follows it)."""
    end = html.find("</h1>")
    if end == -1:
        return fragment + html
    end += len("</h1>")
    return html[:end] + fragment + html[end:]
