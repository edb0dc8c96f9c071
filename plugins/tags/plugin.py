"""The ``regkb-tags`` plugin: one page per tag, and a tags page that lists the tags.

Material's tags index (``<!-- material/tags -->``) lists every tagged page under every tag
on one page: on a site of 5,000 documents that page was 3.3 MB of HTML, and a reader waited
1.8 s for it to be usable (``benchmarks/README.md``). This plugin gives each tag a page,
``tags/<slug>/``, listing the pages that carry it (dated documents newest first), and the
tags page lists the tags, each with its number of pages. Slugs are the timeline's, so a tag
is ``tags/stablecoin/`` here and ``timeline/tag/stablecoin/`` there.

Material's own listings are not used for the tag pages: Material matches every page
against every listing (for the chips above its title, and again to fill each listing),
which made 24 listings cost a 5,000-document build about 10 s. Material still reads the
tags and shows the chips; this plugin only gives each chip its link.

Read top to bottom like the build:

- ``on_files`` (priority -50, after the documents and glossary plugins have read their
  pages): collect the pages of each tag from the documents, the glossary terms and any
  other page's front matter; plan a page per slug (an editor's own ``tags/<slug>.md`` is
  published instead); tell the documents plugin where each tag's page is, for the tags row
  of its metadata panel.
- ``on_page_markdown`` (before Material's tags plugin, at -50): a tag page gets its title;
  on the tags page, Material's ``<!-- material/tags -->`` becomes a placeholder for the list
  of tags.
- ``on_env``: the titles of the other pages are known now.
- ``on_page_context``: the chips Material made (after its ``on_page_context``) link to the
  tag pages; a tag page gets a placeholder for its list. Lists are made when their page is
  written (``on_post_page``), so a long one is not kept in memory for the rest of the build.
"""

from __future__ import annotations

import copy
import logging
import posixpath
import re
from collections.abc import Iterable
from html import escape

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import dirname_to_title
from mkdocs.utils.templates import TemplateContext

from plugins import frontmatter
from plugins.assets import add_file, package_text, use_stylesheet
from plugins.deferred import DeferredHTML
from plugins.dirty import rebuild_always
from plugins.languages import document_text_html, site_language
from plugins.schema import usable_tags
from plugins.summary import counted
from plugins.tags import render
from plugins.tags.config import TagsConfig
from plugins.timeline.events import slugify

log = logging.getLogger("mkdocs.plugins.regkb.tags")

#: What two spellings of one tag may differ by, besides case.
_SPELLING_RE = re.compile(r"[\s_-]+")

CSS_URI = "assets/regkb-tags.css"
#: Material's marker for a listing of every tag, replaced on the tags page.
ALL_TAGS_MARKER = "<!-- material/tags -->"


class TagsPlugin(BasePlugin[TagsConfig]):
    """Tag pages instead of one page listing every tagged page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._dirty = False  # set by on_startup: ``mkdocs serve --dirty``
        self._reset()

    def _reset(self) -> None:
        self.pages: dict[str, render.TagPage] = {}  # slug -> its page
        self._site_lang = "en"
        self._by_src: dict[str, render.TagPage] = {}  # generated tag pages
        self._others: list[tuple[File, list[str]]] = []  # titled once the pages are read
        self._deferred = DeferredHTML("tags")
        self._first_use: dict[str, str] = {}  # tag name -> the first page giving it

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        if self.config.enabled:
            if "material/tags" not in config.plugins:
                log.warning(
                    "regkb-tags: Material's tags plugin is not enabled (add `- tags` under "
                    "`plugins` in mkdocs.yml); no tag pages are made"
                )
            else:
                use_stylesheet(config, CSS_URI)
        return config

    def _active(self, config: MkDocsConfig) -> bool:
        return bool(self.config.enabled) and "material/tags" in config.plugins

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._reset()
        if not self._active(config):
            return files
        self._site_lang = site_language(config)
        self._collect(files, config)
        self._report_shared_pages()
        index = files.get_file_from_path(self.config.index)
        if self._dirty and index is not None and index.generated_by is None:
            rebuild_always(index)  # it lists the tags and their counts
        timeline_pages = getattr(config.plugins.get("regkb-timeline"), "pages", None) or {}
        for page in self.pages.values():
            # An editor's own page for the tag, either way it can be written, wins.
            existing = files.get_file_from_path(page.src_uri) or files.get_file_from_path(
                posixpath.dirname(page.src_uri) + ".md"
            )
            if existing is None:
                existing = File.generated(
                    config,
                    page.src_uri,
                    content=render.FILE_CONTENT,
                    inclusion=InclusionLevel.NOT_IN_NAV,  # reached from the tags page
                )
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

    def _collect(self, files: Files, config: MkDocsConfig) -> None:
        """The pages of each tag: documents (read by the documents plugin), glossary terms
        (read by the glossary plugin), and any other page's front matter."""
        seen: set[str] = set()
        model = getattr(config.plugins.get("regkb-documents"), "model", None)
        for doc in model.documents.values() if model is not None else ():
            seen.add(doc.src_uri)
            date = doc.meta.date
            member = render.document_member(
                doc.url,
                doc.meta.title,
                document_text_html(doc.meta.title, doc.language, doc.lang),
                f'<time datetime="{escape(date.iso)}">{escape(date.display())}</time>'
                if date is not None
                else "",
                None if date is None else _ordinal(date.sort_key),
            )
            self._add(doc.meta.tags, member, doc.src_uri)
        glossary = config.plugins.get("regkb-glossary")
        for term in getattr(glossary, "terms", None) or []:
            seen.add(term.src_uri)
            self._add(term.tags, render.page_member(term.url, escape(term.term)), term.src_uri)
        for file in files.documentation_pages():
            if file.src_uri in seen or file.generated_by is not None:
                continue
            try:
                meta = frontmatter.split(file.content_string).meta
            except (OSError, ValueError):
                continue  # unreadable: MkDocs says so when it builds the page
            tags = meta.get("tags") if isinstance(meta, dict) else None
            if isinstance(tags, list) and tags:
                # What the page keeps: a tag it was told it left out gets no page either.
                names = _names(usable_tags(tags)[0])
                for name in names:
                    self._page_for(name).spellings.setdefault(name, 0)
                    self._first_use.setdefault(name, file.src_uri)
                self._others.append((file, names))

    def _report_shared_pages(self) -> None:
        """Name the tags that are not one tag written two ways but share a page all the
        same, because their URLs are alike: "C++", "C#" and "C" are all ``tags/c/``. A
        difference of case, spaces, hyphens or underscores ("DeFi", "defi"; "real-world
        assets", "Real World Assets") is one tag's spellings, and says nothing."""
        for page in self.pages.values():
            if len(page.spellings) < 2:
                continue
            kinds: dict[str, str] = {}
            for name in page.spellings:
                kinds.setdefault(_SPELLING_RE.sub("", name.casefold()), name)
            if len(kinds) > 1:
                named = ", ".join(
                    f"{name!r} ({self._first_use.get(name, '?')})" for name in kinds.values()
                )
                log.warning(
                    f"regkb-tags: tags {named} share one page, "
                    f"{posixpath.dirname(page.src_uri)}/, as their URLs are alike; rename one "
                    "to keep them apart"
                )

    def _page_for(self, name: str) -> render.TagPage:
        slug = slugify(name)
        page = self.pages.get(slug)
        if page is None:
            src_uri = posixpath.join(self.config.directory.strip("/"), slug, "index.md")
            page = self.pages[slug] = render.TagPage(slug, src_uri)
        return page

    def _add(self, tags: Iterable[object], member: render.Member, src_uri: str = "") -> None:
        for name in _names(tags):
            if src_uri:
                self._first_use.setdefault(name, src_uri)
            page = self._page_for(name)
            page.spellings[name] = page.spellings.get(name, 0) + 1
            page.members[member.url] = member

    def tag_url(self, tag: str) -> str | None:
        """The URL of ``tag``'s page (site-relative), or None when it has none."""
        page = self.pages.get(slugify(tag))
        return page.url if page is not None else None

    @event_priority(-30)  # after the documents plugin escaped titles, before Material's tags
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        tag = self._by_src.get(page.file.src_uri)
        if tag is not None:
            page.meta["title"] = render.page_title(tag)
            return ""
        if page.file.src_uri == self.config.index and self.pages and ALL_TAGS_MARKER in markdown:
            # Made when the page is written: the counts include pages titled in on_env.
            tags, page_url = list(self.pages.values()), page.url
            placeholder = self._deferred.add(
                page.file.src_uri, lambda: render.tag_list_html(tags, page_url, self._site_lang)
            )
            return markdown.replace(ALL_TAGS_MARKER, placeholder, 1).replace(ALL_TAGS_MARKER, "")
        return markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page has its title now: add the pages that are neither documents nor terms."""
        others, self._others = self._others, []
        for file, names in others:
            # A page not read in this build (a dirty one) has no title: MkDocs' own fallback.
            title = getattr(file.page, "title", None) or escape(dirname_to_title(file.name))
            self._add(names, render.page_member(file.url, str(title)))
        return env

    @event_priority(-100)  # after Material's tags plugin made the chips
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if context.get("tags"):
            context["tags"] = self._chips(context["tags"], page, config)
        tag = self._by_src.get(page.file.src_uri)
        if tag is not None:
            page_url = page.url
            page.content = render.page_heading(tag, self._site_lang) + self._deferred.add(
                page.file.src_uri, lambda: render.page_html(tag, page_url, self._site_lang)
            )
        return context

    def _chips(self, refs: Iterable[object], page: Page, config: MkDocsConfig) -> list[object]:
        """The page's tag chips as Material will print them: each linked to its tag page,
        its name marked with its language where it needs one (:func:`render.chip_html`).

        Copies: Material prints ``name`` as it is, and its own references keep the plain
        name that slugs and listings are made of."""
        model = getattr(config.plugins.get("regkb-documents"), "model", None)
        doc = model.get(page.file.src_uri) if model is not None else None
        page_lang = doc.lang if doc is not None else None
        chips = []
        for ref in refs:
            name = str(getattr(ref, "name", ""))
            chip = copy.copy(ref)
            url = self.tag_url(name)
            if url is not None and hasattr(ref, "links"):
                chip.links = [Link(name, url)]
            if hasattr(ref, "name"):
                chip.name = render.chip_html(name, self._site_lang, page_lang)
            chips.append(chip)
        return chips

    @event_priority(100)  # first: a minifier or any later plugin sees the whole page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._deferred.fill(output, page.file.src_uri)


def _names(tags: Iterable[object]) -> list[str]:
    """A page's tag names, each once, in order (Material skips what is not a name)."""
    names: dict[str, None] = {}
    for tag in tags:
        if isinstance(tag, str | int) and (name := str(tag).strip()):
            names.setdefault(name, None)
    return list(names)


def _ordinal(sort_key: tuple[int, int, int, int]) -> int:
    year, month, day, _ = sort_key
    return (year * 100 + month) * 100 + day
