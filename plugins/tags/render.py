"""What the tag pages and the list of tags hold.

Tag names and titles come from front matter, scraped pages' included, so everything is
escaped where it is written. A document's title is marked with its language when that is
not the site's, as in the other listings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from mkdocs.utils import get_relative_url

from plugins.languages import name_html
from plugins.model import in_language

__all__ = ["FILE_CONTENT", "Member", "TagPage", "page_html", "page_title", "tag_list_html"]

#: The generated file: front matter only (title and text are set when the page is built).
#: Out of search: the page repeats titles found on the pages it lists.
FILE_CONTENT = "---\nsearch:\n  exclude: true\n---\n"


@dataclass(frozen=True)
class Member:
    """A page carrying a tag, as a tag page lists it."""

    url: str
    title_html: str  # escaped (and marked with its language)
    #: Dated documents newest first, then undated ones, then other pages, each by title.
    order: tuple[int, int, str]
    date_html: str = ""


def document_member(
    url: str, title: str, title_html: str, date_html: str, ordinal: int | None
) -> Member:
    """A document as a tag page lists it (``ordinal``: its date's, None when undated)."""
    if ordinal is None:
        return Member(url, title_html, (1, 0, title.casefold()), date_html)
    return Member(url, title_html, (0, -ordinal, title.casefold()), date_html)


def page_member(url: str, title_html: str) -> Member:
    """Any other page (a glossary term, an editor's page), after the documents."""
    return Member(url, title_html, (2, 0, title_html.casefold()))


@dataclass
class TagPage:
    """One tag's page: its spellings (``RWA`` and ``rwa`` slugify alike, and share it)."""

    slug: str
    src_uri: str
    #: Spelling -> pages carrying it; the most used spelling names the page.
    spellings: dict[str, int] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)  # by URL: a page once
    url: str = ""
    #: The tag's page on the timeline, when there is one.
    timeline_url: str | None = None

    @property
    def name(self) -> str:
        return min(self.spellings, key=lambda s: (-self.spellings[s], s.casefold(), s))

    @property
    def count(self) -> int:
        return len(self.members)


def page_title(tag: TagPage) -> str:
    """The page's title, escaped: Material prints titles as they are."""
    return escape(f"Tag: {tag.name}")


def chip_html(name: str, site_lang: str, page_lang: str | None) -> str:
    """A tag's name as Material prints it in the chips above a page's title (as it is, so
    escaped here), each run of another script marked with its language. On the page of a
    document in another language (``page_lang``) the chips are the site's words inside an
    article in the document's, so the whole chip is marked as the site's."""
    text = name_html(name, site_lang)
    return in_language(text, site_lang) if page_lang else text


def page_heading(tag: TagPage, site_lang: str) -> str:
    """The page's ``<h1>``, in its content so that Material does not make one of the title:
    a tag in another script is marked with its language here (``<title>`` cannot be)."""
    return f"<h1>Tag: {name_html(tag.name, site_lang)}</h1>\n"


def page_html(tag: TagPage, page_url: str, site_lang: str) -> str:
    """A line on what the page lists, then the pages: dated documents newest first, then
    the rest by title."""
    name = name_html(tag.name, site_lang)
    count = f"{tag.count:,} page{'s' if tag.count != 1 else ''}"
    intro = f"{count} tagged “{name}”."
    if tag.timeline_url is not None:
        href = escape(get_relative_url(tag.timeline_url, page_url))
        intro += f' <a href="{href}">Their events on the timeline</a>.'
    items = "\n".join(
        f'<li><a href="{escape(get_relative_url(m.url, page_url))}">{m.title_html}</a>'
        + (f' <span class="regkb-tag-page__date">{m.date_html}</span>' if m.date_html else "")
        + "</li>"
        for m in sorted(tag.members.values(), key=lambda m: m.order)
    )
    return (
        f'<p class="regkb-tag-page__intro no-glossary">{intro}</p>\n'
        f'<ul class="regkb-tag-page__pages no-glossary">\n{items}\n</ul>\n'
    )


def tag_list_html(tags: Sequence[TagPage], page_url: str, site_lang: str) -> str:
    """Every tag, A to Z, linked to its page, with the number of pages carrying it."""
    items = "\n".join(
        f'<li><a href="{escape(get_relative_url(tag.url, page_url))}">'
        f"{name_html(tag.name, site_lang)}</a> "
        f'<span class="regkb-tag-list__count">{tag.count:,}</span></li>'
        for tag in sorted(tags, key=lambda t: (t.name.casefold(), t.name))
    )
    return f'<ul class="regkb-tag-list">\n{items}\n</ul>\n' if items else ""
