"""The ``regkb-glossary`` plugin: one page per term, every mention linked to it.

Read top to bottom like the build:

- ``on_config``: forget the last build; add the plugin's stylesheet to ``extra_css``.
- ``on_files`` (after ``regkb-documents``): read and check the term files in
  ``docs/<directory>/``, report every problem as ``file:line: ...`` (``--strict`` fails), build
  the matcher once for the whole build, ship the stylesheet, generate the glossary landing
  page if the folder has none.
- ``on_page_markdown``: a term page's title is its ``term`` (escaped, as the theme prints it
  raw).
- ``on_page_content``: the documents plugin (priority 50) makes each page's linkers, this
  plugin's among them (registered in ``on_files``); this plugin notes its own pages.
- ``on_env``: the documents plugin (priority 110) has walked every page once with all the
  site's text linkers, before any plugin adds panels and listings, so only the pages' own
  text is linked. This plugin then records the mentions counted per (term, page), the
  complete counts; on a term page it puts the summary above the body; on the landing page
  it appends the A-Z index.
- ``on_page_context`` (priority -100, after Material's search has indexed the page): add
  "Used in" and "Related terms" to a term page.

Contract with other plugins (the timeline plugin adds its term timelines after this one, at
a lower priority): from this plugin's ``on_env`` on, and until the next build starts,

- ``terms``: list of ``Term`` (``.term``, ``.summary``, ``.aliases``, ``.tags``, ``.src_uri``,
  ``.url``), sorted by term name;
- ``mentions``: ``dict[str, dict[str, int]]``, term page src_uri -> {page src_uri: number of
  mentions}, for every built page (documents and others, never the term's own page) that
  mentions the term at least once. Mentions in headings and existing links count; mentions
  in code do not.

Both are reset at ``on_config`` and rebuilt in ``on_files``, so ``mkdocs serve`` never sees the
previous build's terms.
"""

from __future__ import annotations

import fnmatch
import logging
import posixpath
from html import escape

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from plugins.assets import add_file, package_text, use_stylesheet
from plugins.deferred import DeferredHTML
from plugins.dirty import rebuild_always
from plugins.glossary import render
from plugins.glossary.config import GlossaryConfig
from plugins.glossary.linker import Linker, LinkTarget, PageLinker
from plugins.glossary.terms import Term, load_terms
from plugins.languages import site_language
from plugins.model import SiteModel, get_site_model
from plugins.summary import counted
from plugins.toc import extend_toc

log = logging.getLogger("mkdocs.plugins.regkb.glossary")

CSS_URI = "assets/regkb-glossary.css"
USED_IN_ANCHOR = "glossary-used-in"
RELATED_ANCHOR = "glossary-related"


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Term files -> term pages, links to them from every page, and the glossary index."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._dirty = False  # set by on_startup: ``mkdocs serve --dirty``
        self._reset()

    def _reset(self) -> None:
        """Drop everything a previous build left (``mkdocs serve`` reuses the instance)."""
        self.terms: list[Term] = []
        self._site_lang = "en"
        self.mentions: dict[str, dict[str, int]] = {}
        self.related: dict[str, list[Term]] = {}
        self._by_src: dict[str, Term] = {}
        self._index: dict[str, int] = {}
        self._linker: Linker | None = None
        self._model: SiteModel | None = None
        self._index_uri: str | None = None
        self._order: dict[str, int] = {}
        self._deferred = DeferredHTML("glossary")
        self._page_linkers: dict[str, PageLinker] = {}  # src_uri -> linker, until on_env
        self._own_pages: list[Page] = []  # term pages and the index, finished in on_env
        self._used_in_cells: dict[str, str] = {}  # src_uri -> a document's static row cells

    # -- setup ---------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        if self.config.enabled and self.config.css:
            use_stylesheet(config, CSS_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._reset()
        if not self.config.enabled:
            return files
        self._model = get_site_model(config, "regkb-glossary")
        self._site_lang = site_language(config)
        directory = self.config.directory.strip("/")
        loaded = load_terms(files.documentation_pages(), directory)
        for error in loaded.errors:
            log.warning(error)
        self.terms = loaded.terms
        self.related = loaded.related
        self._by_src = {t.src_uri: t for t in self.terms}
        self._index = {t.src_uri: i for i, t in enumerate(self.terms)}
        self.mentions = {t.src_uri: {} for t in self.terms}
        self._linker = Linker(
            [t.names for t in self.terms],
            [LinkTarget(t.url, t.summary) for t in self.terms],
            every=self.config.link == "every",
            skip_classes=self.config.skip_classes,
            not_linked_in=[phrase for t in self.terms for phrase in t.not_linked_in],
        )
        documents = config.plugins.get("regkb-documents")
        documents.register_text_linker(self._page_linker, self.config.skip_classes)
        if self.config.css:
            add_file(files, config, CSS_URI, package_text("plugins.glossary", "glossary.css"))
        if self.config.index and self.terms:
            self._index_uri = posixpath.join(directory, "index.md")
            index = files.get_file_from_path(self._index_uri)
            if index is None:
                files.append(File.generated(config, self._index_uri, content="# Glossary\n"))
            elif self._dirty:
                rebuild_always(index)  # it lists the terms: one may be new or renamed
        return files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._dirty = dirty

    # -- pages ---------------------------------------------------------------------------

    @event_priority(-20)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A term page's title is its term. Material prints ``page.title`` and the
        description without escaping them, so they are set escaped; this runs after the
        documents plugin, which escapes the front matter of every page, so nothing is
        escaped twice."""
        term = self._by_src.get(page.file.src_uri)
        if term is not None:
            page.meta["title"] = escape(term.term)
            page.meta.setdefault("description", escape(term.summary))
        return markdown

    def _page_linker(self, page: Page) -> PageLinker | None:
        """This page's term linker, handed to the documents plugin, which walks each page
        once with every linker of the site; None on pages the config excludes."""
        if self._linker is None:
            return None
        src = page.file.src_uri
        if any(fnmatch.fnmatchcase(src, pattern) for pattern in self.config.exclude):
            return None
        linker = self._linker.for_page(page.url, own=self._index.get(src))
        self._page_linkers[src] = linker
        return linker

    @event_priority(40)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Note the term pages and the index built in this build; what this plugin adds to
        them goes in in ``on_env``, after the documents plugin linked every page's text
        (so it is never linked itself)."""
        src = page.file.src_uri
        if self._linker is not None and (src in self._by_src or src == self._index_uri):
            self._own_pages.append(page)
        return html

    # -- after all pages -----------------------------------------------------------------

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page's text is linked now (the documents plugin's ``on_env`` runs first),
        so the mention counts are complete: record them, put each term page's summary
        above its body and the A-Z index on the landing page, and fix the newest-first
        order of documents once for all term pages."""
        for src, linker in self._page_linkers.items():
            for target, count in linker.counts.items():
                self.mentions[self.terms[target].src_uri][src] = count
        if self._linker is not None:
            mentioning = {src for counts in self.mentions.values() for src in counts}
            mentions = sum(sum(counts.values()) for counts in self.mentions.values())
            unused = sum(1 for counts in self.mentions.values() if not counts)
            log.info(
                f"regkb-glossary: {counted(len(self.terms), 'term')}, "
                f"{counted(mentions, 'mention')} on {counted(len(mentioning), 'page')}"
                + (f"; {counted(unused, 'term')} used nowhere" if unused else "")
            )
        self._page_linkers = {}
        pages, self._own_pages = self._own_pages, []
        for page in pages:
            if page.content is None:
                continue
            src = page.file.src_uri
            term = self._by_src.get(src)
            if term is not None:
                header = render.render_header(term, self._site_lang)
                if "<h1" not in page.content:  # else the editor's heading stands
                    header = render.render_title(term, self._site_lang) + header
                page.content = header + "\n" + page.content
            if src == self._index_uri:
                index_html, toc = render.render_index(self.terms, page.url, self._site_lang)
                page.content = page.content + "\n" + index_html
                extend_toc(page, toc)
        if self._model is not None:
            self._order = {doc.src_uri: i for i, doc in enumerate(self._model.newest_first())}
        return env

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Add "Used in" and "Related terms" to a term page.

        This runs after Material's search plugin has indexed the page (its
        ``on_page_context`` has the default priority): these lists only repeat titles found
        on other pages, so they stay out of the index, and the search parser does not have
        to read tables that grow with the size of the corpus.
        """
        term = self._by_src.get(page.file.src_uri)
        if term is None or self._model is None or page.content is None:
            return context
        model = self._model
        order = self._order
        counts = self.mentions.get(term.src_uri, {})
        page_url = page.url

        def used_in() -> str:
            # Made when the page is written (on_post_page): the list grows with the corpus
            # and is not kept in page.content for the rest of the build.
            docs = sorted((src for src in counts if src in order), key=order.__getitem__)
            rows = [render.UsedIn(model.documents[src], counts[src]) for src in docs]
            return render.render_used_in(rows, page_url, USED_IN_ANCHOR, self._used_in_cells)

        sections = [self._deferred.add(page.file.src_uri, used_in)]
        related = render.render_related(
            self.related.get(term.src_uri, []), page.url, RELATED_ANCHOR, self._site_lang
        )
        toc = [AnchorLink("Used in", USED_IN_ANCHOR, 2)]
        if related:
            sections.append(related)
            toc.append(AnchorLink("Related terms", RELATED_ANCHOR, 2))
        page.content = page.content + "\n" + "\n".join(sections)
        extend_toc(page, toc)
        return context

    @event_priority(100)  # first: a minifier or any later plugin sees the whole page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._deferred.fill(output, page.file.src_uri)
