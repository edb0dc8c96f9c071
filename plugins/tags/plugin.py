"""The ``regkb-tags`` plugin: one page per tag, and a tags page that lists the tags.

Material's tags index (``<!-- material/tags -->``) lists every tagged page under every tag
on one page: on a site of 5,000 documents that page was 3.4 MB of HTML, and a reader waited
1.8 s for it to be usable (``benchmarks/README.md``). This plugin gives each tag a page,
``tags/<slug>/``, holding Material's listing of that tag alone; the chips above a page's
title link there (Material links a tag to the listing featuring it), and the tags page
lists the tags, each with the number of pages carrying it. Slugs are the timeline's, so a
tag is ``tags/stablecoin/`` here and ``timeline/tag/stablecoin/`` there.

Read top to bottom like the build:

- ``on_files`` (priority -50, after the documents and glossary plugins have read their
  pages): count the tags of every page, plan a page per slug (an editor's own
  ``tags/<slug>.md`` is published instead), and tell the documents plugin where each tag's
  page is, for the tags row of its metadata panel.
- ``on_page_markdown`` (before Material's tags plugin, at -50): a tag page gets its text
  and the listing directive; on the tags page, Material's ``<!-- material/tags -->``
  becomes the list of tags.
"""

from __future__ import annotations

import logging
import posixpath
from collections import Counter
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plugins import frontmatter
from plugins.assets import add_file, package_text, use_stylesheet
from plugins.summary import counted
from plugins.tags import render
from plugins.tags.config import TagsConfig
from plugins.timeline.events import slugify

log = logging.getLogger("mkdocs.plugins.regkb.tags")

CSS_URI = "assets/regkb-tags.css"
#: Material's marker for a listing of every tag, replaced on the tags page.
ALL_TAGS_MARKER = "<!-- material/tags -->"


class TagsPlugin(BasePlugin[TagsConfig]):
    """Tag pages instead of one page listing every tagged page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: dict[str, render.TagPage] = {}  # slug -> its page
        self._by_src: dict[str, render.TagPage] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages, self._by_src = {}, {}
        if self.config.enabled:
            if "material/tags" not in config.plugins:
                log.warning(
                    "regkb-tags: Material's tags plugin is not enabled (add `- tags` under "
                    "`plugins` in mkdocs.yml); no tag pages are made"
                )
            else:
                use_stylesheet(config, CSS_URI)
        return config

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.pages, self._by_src = {}, {}
        if not self.config.enabled or "material/tags" not in config.plugins:
            return files
        counts = _count_tags(files, config)
        directory = self.config.directory.strip("/")
        timeline = config.plugins.get("regkb-timeline")
        timeline_pages = getattr(timeline, "pages", {}) or {}
        for name, count in counts.items():
            slug = slugify(name)
            page = self.pages.get(slug)
            if page is None:
                page = render.TagPage(slug, posixpath.join(directory, slug, "index.md"))
                self.pages[slug] = page
            page.spellings[name] = count
        for page in self.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is None:
                existing = File.generated(config, page.src_uri, content=render.FILE_CONTENT)
                files.append(existing)
                self._by_src[page.src_uri] = page
            page.url = existing.url
            on_timeline = timeline_pages.get(f"timeline/tag/{page.slug}/index.md")
            page.timeline_url = getattr(on_timeline, "url", None)
        add_file(files, config, CSS_URI, package_text("plugins.tags", "tags.css"))
        documents = config.plugins.get("regkb-documents")
        if documents is not None and self.pages:
            documents.tag_url = self.tag_url
        log.info(f"regkb-tags: {counted(len(self.pages), 'tag page')}")
        return files

    def tag_url(self, tag: str) -> str | None:
        """The URL of ``tag``'s page (site-relative), or None when it has none."""
        page = self.pages.get(slugify(tag))
        return page.url if page is not None else None

    @event_priority(-20)  # after the documents plugin escaped titles, before Material's tags
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        tag = self._by_src.get(page.file.src_uri)
        if tag is not None:
            page.meta["title"] = render.page_title(tag)
            return render.page_markdown(tag, page.url)
        if page.file.src_uri == self.config.index and self.pages and ALL_TAGS_MARKER in markdown:
            tags = render.tag_list_html(list(self.pages.values()), page.url)
            return markdown.replace(ALL_TAGS_MARKER, tags, 1).replace(ALL_TAGS_MARKER, "")
        return markdown


def _count_tags(files: Files, config: MkDocsConfig) -> Counter[str]:
    """How many pages carry each tag: documents (read by the documents plugin), glossary
    terms (read by the glossary plugin) and any other page's front matter."""
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    model = getattr(config.plugins.get("regkb-documents"), "model", None)
    if model is not None:
        for doc in model.documents.values():
            counts.update(_names(doc.meta.tags))
            seen.add(doc.src_uri)
    glossary = config.plugins.get("regkb-glossary")
    for term in getattr(glossary, "terms", None) or []:
        counts.update(_names(term.tags))
        seen.add(term.src_uri)
    for file in files.documentation_pages():
        if file.src_uri in seen or file.generated_by is not None:
            continue
        try:
            meta = frontmatter.split(file.content_string).meta
        except (OSError, ValueError):
            continue  # unreadable: MkDocs says so when it builds the page
        tags = meta.get("tags") if isinstance(meta, dict) else None
        if isinstance(tags, list):
            counts.update(_names(tags))
    return counts


def _names(tags: Iterable[object]) -> set[str]:
    """A page's tag names, each once (Material skips what is not a name)."""
    return {str(tag).strip() for tag in tags if isinstance(tag, str | int) and str(tag).strip()}
