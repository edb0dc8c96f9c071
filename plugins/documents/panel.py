"""The metadata panel shown under a document's title, and its back-links section."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

from plugins.jurisdictions import jurisdiction_label
from plugins.languages import document_text_html, mark_text_languages, version_links
from plugins.model import DocumentPage, SiteModel

_tag_slug = slugify(case="lower")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# Marks generated blocks that repeat what the site says elsewhere, so Material's search
# (and Pagefind) do not index them: they would bloat the index and match every query.
NO_SEARCH = "data-search-exclude data-pagefind-ignore"
# Panel rows a reader searches by; the rest (kind, dates, links) are left out of the index.
SEARCHABLE_ROWS = {"author", "issuers", "number", "tags"}


def _row(label: str, value_html: str, cls: str = "") -> str:
    attr = f' class="regkb-meta__{cls}"' if cls else ""
    if cls not in SEARCHABLE_ROWS:
        attr += f" {NO_SEARCH}"
    # Whitespace between the elements keeps words apart in the search index's text.
    return f"<div{attr}>\n<dt>{esc(label)}</dt>\n<dd>{value_html}</dd>\n</div>\n"


def link_references(references: Iterable[str], model: SiteModel, page: DocumentPage) -> str:
    """Documents the site holds, named by number or title (``model.find_cited``), become
    links; the others, and the page's own (a document citing itself), stay plain text."""
    parts = []
    page_url = page.url
    for number in references:
        doc = model.find_cited(number)
        if doc is None or doc is page:
            parts.append(f'<span class="regkb-ref regkb-ref--external">{esc(number)}</span>')
        else:
            href = esc(get_relative_url(doc.url, page_url))
            parts.append(
                f'<a class="regkb-ref" href="{href}" title="{esc(doc.meta.title)}">'
                f"{esc(number)}</a>"
            )
    return "; ".join(parts)


def date_html(doc: DocumentPage) -> str:
    date = doc.meta.date
    if date is None:
        return '<span class="regkb-meta__unknown">not given by the source</span>'
    return f'<time datetime="{esc(date.iso)}">{esc(date.display())}</time>'


def render_search_text(doc: DocumentPage) -> str:
    """What the search index reads of the panel: one paragraph with the values of the rows
    readers search by (author, issuers, number, tags), escaped.

    The documents plugin puts this in for Material's search and swaps in the whole panel
    afterwards. One element instead of the panel's dozens: the search parser spends its
    time per tag, and the panel's markup cost it a quarter of its work on a document page.
    """
    meta = doc.meta
    rows = []
    if meta.author:
        rows.append(f"Author: {esc(meta.author)}.")
    if meta.issuers:
        rows.append(f"Issued by: {'; '.join(esc(i) for i in meta.issuers)}.")
    if meta.doc_number:
        rows.append(f"Number: {esc(meta.doc_number)}.")
    if meta.tags:
        rows.append(f"Tags: {', '.join(esc(t) for t in meta.tags)}.")
    return f'<p class="regkb-meta-search">{" ".join(rows)}</p>'


def material_tag_url(tags_url: str) -> Callable[[str], str]:
    """Links to a tag's entry in Material's index of every tag, on the page at ``tags_url``."""
    return lambda tag: f"{tags_url}#tag:{_tag_slug(tag, '-')}"


def _tag_html(tag: str, url: str | None, page_url: str) -> str:
    if url is None:
        return esc(tag)
    return f'<a class="regkb-tag" href="{esc(get_relative_url(url, page_url))}">{esc(tag)}</a>'


def render_panel(
    doc: DocumentPage,
    model: SiteModel,
    tag_url: Callable[[str], str | None] | None,
    tags_shown_above: bool = False,
) -> str:
    """HTML of the panel; every value is escaped, the source link opens the original.

    ``tag_url`` gives the (site-relative) URL a tag name links to, or None for no link.

    ``tags_shown_above``: the page's tags are already shown (Material's chips), so the
    panel has no tags row. The search index still gets them (``render_search_text``).
    """
    meta = doc.meta
    page_url = doc.url
    rows = [_row("Kind", esc(meta.kind.value.capitalize()), "kind")]
    label = "Published" if meta.kind == "article" else "Issued"
    rows.append(_row(label, date_html(doc), "date"))
    if meta.author:
        rows.append(_row("Author", esc(meta.author), "author"))
    if meta.issuers:
        rows.append(_row("Issued by", "; ".join(esc(i) for i in meta.issuers), "issuers"))
    if meta.doc_number:
        rows.append(_row("Number", f"<code>{esc(meta.doc_number)}</code>", "number"))
    if meta.jurisdiction:
        place = esc(jurisdiction_label(meta.jurisdiction))
        rows.append(_row("Jurisdiction", place, "jurisdiction"))
    if versions := doc.version_refs:
        rows.append(_row("Other languages", version_links(versions, page_url), "languages"))
    if meta.in_force is not None:
        rows.append(
            _row(
                "In force",
                f'<time datetime="{esc(meta.in_force.iso)}">{esc(meta.in_force.display())}</time>',
                "in-force",
            )
        )
    elif meta.in_force_basis:
        rows.append(_row("In force", esc(meta.in_force_basis), "in-force"))
    if meta.repeals:
        rows.append(_row("Repeals", link_references(meta.repeals, model, doc), "repeals"))
    if meta.amends:
        rows.append(_row("Amends", link_references(meta.amends, model, doc), "amends"))
    if meta.cites:
        rows.append(_row("Cites", link_references(meta.cites, model, doc), "cites"))
    if meta.tags and not tags_shown_above:
        tags = ", ".join(_tag_html(t, tag_url(t) if tag_url else None, page_url) for t in meta.tags)
        rows.append(_row("Tags", tags, "tags"))
    if meta.source_url:
        host = urlsplit(meta.source_url).hostname or meta.source_url
        name = meta.site_name or host
        rows.append(
            _row(
                "Source",
                f'<a class="regkb-source" href="{esc(meta.source_url)}" target="_blank" '
                f'rel="noopener noreferrer nofollow">{esc(name)}</a>',
                "source",
            )
        )
    elif meta.site_name:
        rows.append(_row("Source", esc(meta.site_name), "source"))
    # Values are in the site's words or in their own script: "中国人民银行" as an issuer,
    # 银发〔2026〕42号 as a number, marked as Chinese on an English site.
    return (
        f'<dl class="regkb-meta"{model.site_lang_attr(doc)} aria-label="Document details">'
        + mark_text_languages("".join(rows), model.language)
        + "</dl>"
    )


def render_backlinks(doc: DocumentPage, model: SiteModel, relations: dict[str, set[str]]) -> str:
    """ "Repealed by", "Amended by", "Cited by" sections for pages that point here."""
    blocks = []
    for label, sources in relations.items():
        docs = [model.documents[s] for s in sources if s in model.documents]
        if not docs:
            continue
        docs.sort(
            key=lambda d: (d.meta.date.sort_key if d.meta.date else (0, 0, 0, 0), d.meta.title)
        )
        items = "".join(
            f'<li><a href="{esc(get_relative_url(d.url, doc.url))}">'
            f"{document_text_html(d.meta.title, d.language, d.lang)}</a>"
            + (f" <small>{esc(d.meta.doc_number)}</small>" if d.meta.doc_number else "")
            + "</li>"
            for d in docs
        )
        blocks.append(f"<h3>{esc(label)}</h3><ul>{items}</ul>")
    if not blocks:
        return ""
    return (
        f'<section class="regkb-backlinks"{model.site_lang_attr(doc)} {NO_SEARCH}>'
        '<h2 id="references-to-this-document">'
        "References to this document</h2>"
        + mark_text_languages("".join(blocks), model.language)
        + "</section>"
    )


def render_contents(
    toc_items: Iterable[object], lang_attr: str = "", doc_lang: str | None = None
) -> str:
    """An in-page table of contents (parts and articles) for notices, which stays visible
    on phones where Material moves its sidebar table of contents into the drawer.

    The titles of a document in another language (``doc_lang``) are marked with it for
    the sidebar, outside the article; in this box, inside the article that says it, that
    mark is left out."""
    marked = f'<span lang="{doc_lang}">' if doc_lang else None

    def walk(items: Iterable[object]) -> str:
        lis = []
        for item in items:
            children = getattr(item, "children", [])
            sub = walk(children) if children else ""
            url, title = getattr(item, "url", ""), getattr(item, "title", "")
            if marked and title.startswith(marked) and title.endswith("</span>"):
                title = title[len(marked) : -len("</span>")]
            # A table-of-contents title is HTML already (the heading's text, its tags
            # stripped, "&" escaped), as Material prints it in the sidebar: escaping it
            # again showed "Part 1 &amp; 2", and a Chinese notice's "<span lang=...>".
            lis.append(f'<li><a href="{esc(url)}">{title}</a>{sub}</li>')
        return f"<ol>{''.join(lis)}</ol>" if lis else ""

    body = walk(toc_items)
    if not body:
        return ""
    return (
        f'<details class="regkb-contents" {NO_SEARCH}><summary{lang_attr}>Contents</summary>'
        f'<nav aria-label="Contents of this document">{body}</nav></details>'
    )
