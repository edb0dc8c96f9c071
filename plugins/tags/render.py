"""What the tag pages and the list of tags hold: Markdown for Material, HTML for readers.

A tag page is Material's own listing of one tag (a scoped listing, ``include:``), so its
entries look like the rest of the site's and the chips above a page's title link to it:
Material links a tag to the listing that features it. Tag names come from front matter,
scraped pages' included, so they are escaped everywhere they are written: in HTML, and in
the listing directive, which Material reads as YAML from inside an HTML comment.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from mkdocs.utils import get_relative_url

__all__ = ["FILE_CONTENT", "TagPage", "page_markdown", "page_title", "tag_list_html"]


@dataclass
class TagPage:
    """One tag's page: its spellings (``RWA`` and ``rwa`` slugify alike, and share it)."""

    slug: str
    src_uri: str
    #: Spelling -> pages carrying it; the most used spelling names the page.
    spellings: dict[str, int] = field(default_factory=dict)
    url: str = ""
    #: The tag's page on the timeline, when there is one.
    timeline_url: str | None = None

    @property
    def name(self) -> str:
        return min(self.spellings, key=lambda s: (-self.spellings[s], s.casefold(), s))

    @property
    def count(self) -> int:
        return sum(self.spellings.values())


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that cannot end the comment it sits in."""
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML scalars
    return quoted.replace("<", "\\u003c").replace(">", "\\u003e")


#: The generated file: front matter only (the title and body are set when the page is
#: read). Out of search: the page repeats titles found on the pages it lists.
FILE_CONTENT = "---\nsearch:\n  exclude: true\n---\n"


def page_title(tag: TagPage) -> str:
    """The page's title, escaped: Material prints titles as they are."""
    return escape(f"Tag: {tag.name}")


def page_markdown(tag: TagPage, page_url: str) -> str:
    """The page's Markdown: a line on what it lists, then Material's listing of the tag."""
    pages = f"{tag.count:,} page{'s' if tag.count != 1 else ''}"
    intro = f"{pages} tagged “{escape(tag.name)}”."
    if tag.timeline_url is not None:
        href = escape(get_relative_url(tag.timeline_url, page_url))
        intro += f' <a href="{href}">Their events on the timeline</a>.'
    names = ", ".join(_yaml_string(name) for name in sorted(tag.spellings))
    return (
        f'<p class="regkb-tag-page__intro no-glossary">{intro}</p>\n\n'
        f"<!-- material/tags {{ include: [{names}] }} -->\n"
    )


def tag_list_html(tags: Sequence[TagPage], page_url: str) -> str:
    """Every tag, A to Z, linked to its page, with the number of pages carrying it."""
    items = "\n".join(
        f'<li><a href="{escape(get_relative_url(tag.url, page_url))}">{escape(tag.name)}</a> '
        f'<span class="regkb-tag-list__count">{tag.count:,}</span></li>'
        for tag in sorted(tags, key=lambda t: (t.name.casefold(), t.name))
    )
    return f'<ul class="regkb-tag-list">\n{items}\n</ul>\n' if items else ""
