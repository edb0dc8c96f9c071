"""The ``regkb-documents`` plugin: the site model and everything a document page shows.

Read top to bottom like the build:

- ``on_files`` (first, priority 100): read and validate every document's front matter into
  the ``SiteModel`` that the glossary and timeline plugins share; index document numbers;
  plan the paginated listings and add their generated pages.
- ``on_page_content``: clean document pages' HTML; give the site's own pictures their width
  and height; make each page's linkers.
- ``on_env`` (first, priority 110): check the settings every page gives the theme
  (``template``, ``hide``, ``icon``, ``search``, ``status``); walk every page once, all
  pages in a row, linking the document numbers the site holds and the other plugins'
  terms; put the metadata panel's searchable values under each document's title.
- ``on_page_context`` (after Material's search indexed the page, so every page's citations
  are known): swap the searchable values for the whole panel (with what other plugins put
  under it, see ``register_under_panel``), and add listings to listing pages and "repealed
  by / cited by" back-links; all of them are made when the page is written
  (``on_post_page``, :mod:`plugins.deferred`).
"""

from __future__ import annotations

import logging
import posixpath
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from html import escape

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from plugins import frontmatter
from plugins.assets import add_file, package_text, use_script, use_stylesheet
from plugins.deferred import DeferredHTML
from plugins.dirty import rebuild_always
from plugins.documents import listing, panel
from plugins.documents.config import DocumentsConfig
from plugins.documents.excerpt import excerpt
from plugins.documents.references import ReferenceIndex
from plugins.documents.sanitize import clean_html
from plugins.glossary.terms import is_term_file
from plugins.html_text import (
    TextLinker,
    insert_after_h1,
    join_unspaced_line_breaks,
    link_texts,
)
from plugins.image_sizes import ImageSizes
from plugins.languages import ThemeNames, mark_text_languages, site_language
from plugins.link_addresses import Locations, MalformedAddresses
from plugins.model import DocumentPage, SiteModel, direction, in_language, primary_subtag
from plugins.nav_tabs import NavTabs
from plugins.numbers import normalize_doc_number
from plugins.page_settings import ThemeFiles, check_settings, escape_printed_text
from plugins.schema import DocumentRecord, usable_tags, validate_document
from plugins.scripts import has_east_asian
from plugins.summary import counted

log = logging.getLogger("mkdocs.plugins.regkb.documents")

SECTION_TITLES = {"news": "News", "regulations": "Regulations"}
CSS_URI = "assets/regkb-documents.css"
JS_URI = "assets/regkb-documents.js"


#: Material's element around a page's content (9.x), where a document's language is set.
ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
HEADER_TOPIC = 'data-md-component="header-topic"'
TITLE_SPAN = '<span class="md-ellipsis">'
#: Languages written without spaces between words: a line break inside a paragraph of a
#: page in one of them is dropped, not shown as a space (``join_unspaced_line_breaks``).
UNSPACED_LANGUAGES = frozenset({"zh", "ja"})
#: Printed front-matter text that a document's schema checks (and reports) itself.
_SCHEMA_TEXT = frozenset({"title", "author"})


class DocumentsPlugin(BasePlugin[DocumentsConfig]):
    """Front matter -> validated ``DocumentMeta`` -> ``DocumentRecord`` in the ``SiteModel``
    -> document pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._dirty = False  # set by on_startup: ``mkdocs serve --dirty``
        self._tabs: NavTabs | None = None
        self._active_tab: object | None = None  # marked for the page being written
        self.model: SiteModel | None = None
        self.references: ReferenceIndex | None = None
        self.listings: dict[str, listing.ListingPage] = {}
        #: The URL a tag name in the panel links to (``regkb-tags`` sets its tag pages').
        self.tag_url: Callable[[str], str | None] | None = None
        self.use_directory_urls = True
        self.site_url: str | None = None
        self._panels: dict[str, str] = {}  # src_uri -> searchable panel awaiting the full one
        self._deferred = DeferredHTML("documents")
        self._linkers: list[Callable[[Page], TextLinker | None]] = []
        self._skip_classes: set[str] = set()
        self._to_link: list[tuple[Page, list[TextLinker]]] = []  # pages awaiting on_env
        self._under_panel: list[Callable[[DocumentPage, str, str], str]] = []
        self._image_sizes: ImageSizes | None = None  # this build's, when image_sizes is on
        self._glossary_dir: str | None = None  # regkb-glossary's folder, when it is on
        self._addresses = MalformedAddresses()

    # -- model -------------------------------------------------------------------------

    def is_document_file(self, file: File) -> bool:
        """A Markdown page inside one of the document sections, other than an index."""
        if not file.is_documentation_page():
            return False
        top = file.src_uri.split("/", 1)[0]
        return top in self.config.sections and posixpath.basename(file.src_uri) not in (
            "index.md",
            "README.md",
        )

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the check of link and picture addresses (:mod:`plugins.link_addresses`) to
        every page's Markdown: an editor's ``[x](http://[oops)`` is a warning naming page
        and line instead of MkDocs' traceback. Link the plugin's stylesheet and script."""
        if self._addresses not in config.markdown_extensions:
            config.markdown_extensions.append(self._addresses)
        if self.config.enabled and self.config.assets:
            use_stylesheet(config, CSS_URI)
            use_script(config, JS_URI)
        return config

    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.model = SiteModel(language=site_language(config))
        self.references = None
        self.listings = {}
        self._panels = {}
        self._deferred.clear()
        self._linkers = []
        self._skip_classes = set()
        self._to_link = []
        self._under_panel = []
        self._nav: Navigation | None = None
        #: The navigation's titles and the site's name, to be marked (set in ``on_env``).
        self._theme_names: ThemeNames | None = None
        self.use_directory_urls = config.use_directory_urls
        self.site_url = config.site_url
        self._image_sizes = None
        glossary = config.plugins.get("regkb-glossary")
        self._glossary_dir = glossary.config.directory if glossary is not None else None
        if not self.config.enabled:
            return files
        if self.config.assets:
            add_file(files, config, CSS_URI, package_text("plugins.documents", "documents.css"))
            add_file(files, config, JS_URI, package_text("plugins.documents", "documents.js"))
        if self.config.image_sizes:
            self._image_sizes = ImageSizes(files)
        unreadable: list[File] = []
        for file in files.documentation_pages():
            text = _page_text(file)
            if text is None:
                unreadable.append(file)
                continue
            if self._is_term(file):
                continue  # the glossary reads, checks and reports its terms
            fm = frontmatter.split(text)
            if self.is_document_file(file) or frontmatter.opens_with_fields(text):
                for problem in fm.problems(file.src_uri):
                    log.warning(problem)
            doc = self._read_document(file, fm)
            if doc is not None and (first := self.model.add(doc)) is not None:
                # Two pages of one document (a copy, or a page left where the scraper
                # wrote it before): links to the number can reach only one of them.
                where = _field_location(file, "doc_number")
                log.warning(
                    f"{where}: doc_number {doc.meta.doc_number!r} is also the number of "
                    f"{first.src_uri}; links to it go there. Two pages of one document?"
                )
        for file in unreadable:
            # MkDocs would read it again and stop the build with a traceback.
            files.remove(file)
        for doc, problem in self.model.link_translations():
            where = _field_location(doc.file, "translation_of")
            log.warning(f"{where}: field 'translation_of': {problem}")
        self._suggest_translations()
        self.references = ReferenceIndex(self.model)
        tags_file = files.get_file_from_path(self.config.tags_page)
        self.tag_url = panel.material_tag_url(tags_file.url) if tags_file is not None else None
        if self.config.listings:
            self._plan_listings(files, config)
        return files

    def _suggest_translations(self) -> None:
        """Name the pages whose numbers are one number in two scripts (银发〔2026〕42号 and
        Yinfa [2026] No. 42) but which nothing joins: likely a notice and its translation,
        which ``translation_of`` would make one document. A hint, not a warning: only the
        editor knows."""
        assert self.model is not None
        for docs in self.model.numbers_across_scripts().values():
            roots = {id(d.original or d): d for d in docs}
            if len(roots) < 2:
                continue
            first, *others = roots.values()
            for other in others:
                if normalize_doc_number(other.meta.doc_number or "") == normalize_doc_number(
                    first.meta.doc_number or ""
                ):
                    continue  # one writing: two pages of one number, reported as such
                log.info(
                    f"regkb-documents: {first.src_uri} ({first.meta.doc_number}) and "
                    f"{other.src_uri} ({other.meta.doc_number}) have one number in two "
                    "writings; if one translates the other, give the translation "
                    "translation_of: with the original's number"
                )

    def _is_term(self, file: File) -> bool:
        """A glossary term's page: the glossary plugin reads and reports its front matter."""
        return self._glossary_dir is not None and is_term_file(file, self._glossary_dir)

    def _read_document(self, file: File, fm: frontmatter.FrontMatter) -> DocumentPage | None:
        """Validate one page's front matter; report problems as ``file:line: field 'x':
        why``. A page outside the sections is a document only if its front matter names a
        kind."""
        in_section = self.is_document_file(file)
        if fm.error or (not in_section and "kind" not in fm.meta):
            return None
        meta, errors = validate_document(fm.meta)
        if errors:
            # Line numbers cost a second YAML pass, so only errors pay for them.
            _, errors = validate_document(fm.meta, fm.lines())
            for err in errors:
                log.warning(err.format(file.src_uri))
            return None
        assert meta is not None
        # Listings show the summary; only documents without one need an excerpt.
        return DocumentPage(
            file, DocumentRecord.of(meta), None if meta.summary else excerpt(fm.body)
        )

    # -- listings ------------------------------------------------------------------------

    def _plan_listings(self, files: Files, config: MkDocsConfig) -> None:
        """Decide every listing page now, and add the generated ones to the build."""
        assert self.model is not None
        by_section: dict[str, list[DocumentPage]] = defaultdict(list)
        for doc in self.model.newest_first():
            by_section[doc.src_uri.split("/", 1)[0]].append(doc)
        size = self.config.page_size
        for section in self.config.sections:
            docs = by_section.get(section, [])
            title = SECTION_TITLES.get(section, section.capitalize())
            index_uri = f"{section}/index.md"
            years: dict[str, list[DocumentPage]] = defaultdict(list)
            for doc in docs:
                years[str(doc.meta.date.year) if doc.meta.date else "undated"].append(doc)
            year_keys = tuple(sorted((y for y in years if y != "undated"), reverse=True))
            if "undated" in years:
                year_keys += ("undated",)
            pages = listing.paginate(
                section, title, docs, size, files.get_file_from_path(index_uri) is not None
            )
            pages = [replace(p, years=year_keys, years_of=section) for p in pages]
            for year in year_keys:
                year_title = f"{title}: {'undated' if year == 'undated' else year}"
                pages.extend(
                    listing.ListingPage(
                        f"{section}/{year}/index.md"
                        if p.number == 1
                        else f"{section}/{year}/page/{p.number}/index.md",
                        p.title,
                        p.docs,
                        p.number,
                        p.count,
                        f"{section}/{year}",
                        generated=True,
                        years=year_keys,
                        years_of=section,
                        year=year,
                    )
                    for p in listing.paginate(
                        f"{section}/{year}", year_title, years[year], size, False
                    )
                )
            for page in pages:
                if page.generated:
                    if files.get_file_from_path(page.src_uri) is not None:
                        continue  # an editor's own page wins; it gets the listing appended
                    files.append(
                        File.generated(
                            config,
                            page.src_uri,
                            content=_listing_source(page.title),
                        )
                    )
                self.listings[page.src_uri] = page
        if self._dirty:
            # An editor's page that shows a listing (a section's index, the home page's
            # latest documents) is rebuilt with each dirty build, as generated ones are.
            home = ["index.md", "README.md"] if self.config.home_latest > 0 else []
            for src_uri in [*self.listings, *home]:
                file = files.get_file_from_path(src_uri)
                if file is not None and file.generated_by is None:
                    rebuild_always(file)

    # -- pages ---------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Escape front-matter text that the theme prints unescaped.

        MkDocs and Material put ``page.title``, ``page.meta.description``, ``author`` and
        ``subtitle`` into the page (``<title>``, header, navigation, ``<meta>``) without
        escaping, so a scraped title such as ``</title><script>`` or an author such as
        ``"><script>`` would become markup, and a list there would be printed as Python
        shows it. Escaping here, once, makes every place the theme prints them safe, and
        the text still reads the same (:func:`plugins.page_settings.escape_printed_text`).

        A document without a ``description`` gets its summary or excerpt as one (what its
        listing shows), so a search engine's result or a link preview describes the
        document instead of repeating the site's description on every page.
        """
        file = page.file
        self._addresses.where = Locations(file.src_uri, lambda: file.content_string)
        doc = self.model.get(page.file.src_uri) if self.model else None
        for key, reason in escape_printed_text(page.meta):
            if not (key in _SCHEMA_TEXT and self.is_document_file(page.file)):
                log.warning(f"{_field_location(page.file, key)}: field '{key}': {reason}")
        if doc is not None and not page.meta.get("description"):
            description = doc.meta.summary or doc.excerpt
            if description:
                page.meta["description"] = escape(description)
        if doc is not None and page.meta.get("generated_hash"):
            # The scraper writes this page again on every `make site`, from a source that
            # sources.yml lists; it is not in the repository (.gitignore), so an "Edit this
            # page" link would lead nowhere. Its hints in sources.yml are what editors change.
            page.edit_url = None
        if "tags" in page.meta:
            self._keep_usable_tags(page)
        return markdown

    def _keep_usable_tags(self, page: Page) -> None:
        """Give Material's tags plugin (later in this event) only tags it can take: a single
        word as a list of one, no lists, empty items or markup in them. A document's or a
        glossary term's were reported with their line when the page was checked; others'
        are reported here."""
        tags = page.meta["tags"]
        kept, left_out = usable_tags(tags)
        if kept == tags:
            return
        page.meta["tags"] = kept
        if not (self.is_document_file(page.file) or self._is_term(page.file)):
            where = _field_location(page.file, "tags")
            for reason in left_out:
                log.warning(f"{where}: {reason}")

    def register_text_linker(
        self, make: Callable[[Page], TextLinker | None], skip_classes: Iterable[str] = ()
    ) -> None:
        """Have ``make(page)``'s linker link text on every page, in this plugin's walk.

        Called by other plugins in ``on_files`` (after this plugin's, at priority 100). One
        walk per page for all linkers (document numbers first, then the others in the order
        they registered) instead of one per plugin. Text inside elements with one of
        ``skip_classes`` reaches the linkers flagged ``IN_SKIP_CLASS``.
        """
        self._linkers.append(make)
        self._skip_classes.update(skip_classes)

    def register_under_panel(self, make: Callable[[DocumentPage, str, str], str]) -> None:
        """Show ``make(doc, page_url, lang_attr)`` right under a document's metadata panel
        (above a notice's contents box).

        ``lang_attr`` goes on the outer element of what ``make`` returns: on the page of a
        document in another language than the site's it is `` lang="en"`` (the site's), since
        the block is in the site's words inside an article in the document's; else empty.

        Called by other plugins in ``on_files``. ``make`` runs when the page is written, with
        the panel, so what it returns is neither searched nor kept in ``page.content``; an
        empty string adds nothing.
        """
        self._under_panel.append(make)

    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Clean a document's or glossary term's page now; queue every page for the linking
        walk in ``on_env``.

        The page's linkers are made here, while the page is at hand, and run later: in a
        build the walk costs half again as much per page when it runs between Markdown
        conversions (each evicts the other's data and code from the CPU caches) as when all
        pages are walked one after another (0.75 vs 0.42 ms a page at N=5,000).
        """
        if self.model is None or self.references is None:
            return html
        src_uri = page.file.src_uri
        doc = self.model.get(src_uri)
        if self.config.sanitize and (doc is not None or self._is_term(page.file)):
            # A term's text is written like a document's, by many hands: the same rules.
            html = clean_html(html)
        if self._image_sizes is not None:
            html = self._image_sizes.add_to(html, page.url)
        language = doc.language if doc is not None else page.meta.get("language")
        if primary_subtag(str(language or self.model.language)) in UNSPACED_LANGUAGES:
            html = join_unspaced_line_breaks(html)
        if doc is not None and doc.lang:
            _mark_toc(page.toc, doc.lang)
        else:
            _mark_toc_runs(page.toc, self.model.language)
        linkers = [self.references.for_page(src_uri, page.url)]
        linkers += [linker for make in self._linkers if (linker := make(page)) is not None]
        self._to_link.append((page, linkers))
        return html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav  # its pages' titles are known in on_env, once every page is read
        self._tabs = NavTabs(nav)
        return nav

    @event_priority(110)  # before Material's tags plugin fills its listings (100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Link numbers and terms in the text of every page, then put each document's
        searchable panel values under its title.

        Runs first among ``on_env`` handlers, before any plugin adds panels or lists to a
        page (the glossary adds its term headers in its own ``on_env``), so only the pages'
        own text is linked; nothing between this plugin's ``on_page_content`` and here adds
        text (the timeline only appends a placeholder comment, which the walk skips).
        """
        pending, self._to_link = self._to_link, []
        if self.model is None:
            return env
        self._check_page_settings(env, files)
        names = [config.site_name, *(_nav_titles(self._nav.items) if self._nav else ())]
        self._theme_names = ThemeNames(names, self.model.language)
        started = time.perf_counter()
        for page, linkers in pending:
            html = page.content
            if html is None:
                continue
            src_uri = page.file.src_uri
            doc = self.model.get(src_uri)
            try:
                html = link_texts(html, linkers, skip_classes=self._skip_classes)
                # after linking, so that a linked name is marked inside its link
                html = mark_text_languages(html, doc.language if doc else self.model.language)
            except Exception as exc:  # name the page: on_env has no page of its own
                raise PluginError(f"regkb-documents: {src_uri}: linking failed: {exc}") from exc
            if doc is not None:
                # Only the searchable values go in now; on_page_context puts the whole panel
                # in their place once Material's search has read the page (see there).
                searchable = panel.render_search_text(doc)
                self._panels[src_uri] = searchable
                html = insert_after_h1(html, searchable)
            page.content = html
        kinds = Counter(doc.meta.kind.value for doc in self.model.documents.values())
        by_kind = ", ".join(f"{kind}: {n:,}" for kind, n in kinds.most_common())
        log.info(
            f"regkb-documents: {counted(len(self.model.documents), 'document')}"
            + (f" ({by_kind})" if by_kind else "")
            + f", {counted(len(self.listings), 'listing page')}; the text of "
            f"{counted(len(pending), 'page')} linked in {time.perf_counter() - started:.1f} s"
        )
        return env

    def _check_page_settings(self, env: Environment, files: Files) -> None:
        """Every page's ``template``, ``hide``, ``icon``, ``search`` and ``status``, before
        the theme writes any page with them (:mod:`plugins.page_settings`). Here, once every
        page is read and the theme's templates can be looked up."""
        theme = ThemeFiles(env)
        for file in files.documentation_pages():
            page = file.page
            if page is None or not page.meta:
                continue
            for key, reason in check_settings(page.meta, theme):
                log.warning(f"{_field_location(file, key)}: field '{key}': {reason}")

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Listings and back-links, added after Material's search has indexed the page.

        Both only repeat other pages' titles: kept out of the index, they neither bloat it
        nor cost the search parser a read of lists that grow with the corpus. Back-links
        also need every page's citations, complete only once all content is rendered.
        """
        # The tab of the section the page is in, for a page outside the navigation;
        # unmarked again when the page is written (on_post_page).
        tab = self._tabs.item_for(page) if self._tabs is not None else None
        if tab is not None and not tab.active:  # type: ignore[attr-defined]
            tab.active = True  # type: ignore[attr-defined]
            self._active_tab = tab
        if self.model is None or self.references is None or page.content is None:
            return context
        src_uri = page.file.src_uri
        doc = self.model.get(src_uri)
        if doc is not None and doc.meta.doc_number:
            _number_in_search_title(config, page.url, doc.meta.doc_number)
        searchable = self._panels.pop(src_uri, None)
        if doc is not None and searchable is not None:
            # The search parser reads every tag of a page, excluded or not; the full panel
            # and the notice's contents box would cost it more than all of this plugin.
            # They are made when the page is written, like the lists below: held in
            # page.content they were ~2 kB a document for the rest of the build.
            maker = self._panel_maker(doc, page, tag_chips_shown(context, page))
            page.content = page.content.replace(searchable, self._deferred.add(src_uri, maker), 1)
        listing_page = self.listings.get(src_uri)
        if listing_page is None and page.is_homepage and self.config.home_latest > 0:
            latest = tuple(self.model.newest_first()[: self.config.home_latest])
            listing_page = listing.ListingPage(src_uri, "", latest, 1, 1, "", False)
        # Listings and back-links are made when the page is written (plugins.deferred):
        # they grow with the corpus and are not kept in page.content for the whole build.
        if listing_page is not None:
            shown, page_url, directory_urls = listing_page, page.url, self.use_directory_urls
            site_lang = self.model.language
            page.content += self._deferred.add(
                page.file.src_uri,
                lambda: (
                    f'<section class="regkb-listing-page" {panel.NO_SEARCH}>'
                    + listing.render(shown, page_url, directory_urls, site_lang)
                    + "</section>"
                ),
            )
        links = self.references.backlinks.get(src_uri)
        if doc is not None and links is not None:
            relations = {
                "Repealed by": links.repealed_by,
                "Amended by": links.amended_by,
                "Cited by": links.cited_by - links.repealed_by - links.amended_by,
            }
            model = self.model
            page.content += self._deferred.add(
                page.file.src_uri, lambda: panel.render_backlinks(doc, model, relations)
            )
        return context

    def _panel_maker(self, doc: DocumentPage, page: Page, tag_chips: bool) -> Callable[[], str]:
        """What goes under a document's title when the page is written: the metadata
        panel, what other plugins put under it, and a notice's contents box.

        The panel leaves out its tags row when Material already shows the page's tags as
        chips above the title (``tag_chips``): the same links twice, a few lines apart."""
        model, tag_url, under_panel = self.model, self.tag_url, self._under_panel
        page_url = page.url
        items: list[AnchorLink] = []
        if doc.meta.kind != "article" and page.toc:
            items = list(page.toc)
            if len(items) == 1 and items[0].level == 1:
                items = items[0].children  # the title itself is not a part
        assert model is not None

        def make() -> str:
            lang_attr = model.site_lang_attr(doc)
            html = panel.render_panel(doc, model, tag_url, tag_chips)
            html += "".join(make_under(doc, page_url, lang_attr) for make_under in under_panel)
            return html + panel.render_contents(items, lang_attr, doc.lang)

        return make

    @event_priority(100)  # first: a minifier or any later plugin sees the whole page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Fill the page's placeholders; mark a document's page with its language when it is
        not the site's (the panel and other labels the plugins add say they are the site's)."""
        if self._active_tab is not None:
            self._active_tab.active = False  # type: ignore[attr-defined]
            self._active_tab = None
        output = self._deferred.fill(output, page.file.src_uri)
        doc = self.model.get(page.file.src_uri) if self.model is not None else None
        if doc is not None and doc.lang:
            marks = f' lang="{doc.lang}"{direction(doc.lang)}'
            output = output.replace(ARTICLE_TAG, f"{ARTICLE_TAG[:-1]}{marks}>", 1)
            output = _mark_header_title(output, doc.lang)
        if self.model is not None:
            output = self._mark_theme_text(output, page, doc, self.model.language)
        if doc is not None and self.site_url and (alternates := self._alternates(doc)):
            output = output.replace("</head>", f"{alternates}</head>", 1)
        return output

    def _mark_theme_text(
        self, output: str, page: Page, doc: DocumentPage | None, site_lang: str
    ) -> str:
        """Mark runs of another script in what the theme prints around the article: the
        navigation's titles and the site's name (:class:`plugins.languages.ThemeNames`),
        and the page's title in the header ("Tag: 中文", a page the navigation does not
        list). The article's text was marked in ``on_env``, and the parts added since mark
        theirs."""
        if self._theme_names:
            output = self._theme_names.mark(output, header=not (doc and doc.lang))
        if not (doc and doc.lang) and page.title and has_east_asian(page.title):
            output = _mark_header_title_runs(output, site_lang)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The 404 page shows the navigation too (``sitemap.xml`` is no page to mark)."""
        if self._theme_names and template_name.endswith(".html"):
            return self._theme_names.mark(output_content)
        return output_content

    def _alternates(self, doc: DocumentPage) -> str:
        """``<link rel="alternate" hreflang>`` for each language version of ``doc``'s
        document, itself included (as search engines expect), with absolute URLs."""
        others = doc.other_versions
        if not others:
            return ""
        site = (self.site_url or "").rstrip("/") + "/"
        return "".join(
            f'<link rel="alternate" hreflang="{v.language}" '
            f'href="{escape(site + v.url, quote=True)}">'
            for v in (doc, *others)
        )


def _nav_titles(items: Iterable[object]) -> Iterator[str]:
    """The titles of the navigation's sections, pages and links, nested ones included."""
    for item in items:
        title = getattr(item, "title", None)
        if isinstance(title, str):
            yield title
        yield from _nav_titles(getattr(item, "children", None) or ())


def _mark_toc(toc: Iterable[AnchorLink], lang: str) -> None:
    """Mark the headings in a document's table of contents with its language: Material's
    sidebar shows them outside the article, which carries the language. Only the
    document's own headings are there now (no plugin adds any to a document page)."""
    for link in toc:
        link.title = in_language(link.title, lang)
        _mark_toc(link.children, lang)


def _header_title(output: str) -> int:
    """Where the page title in Material's header (shown once the reader scrolls past the
    heading) starts: its ``<span>``; -1 when there is none (another theme, or an override
    without it). The header holds two topics, the site's name and the page's title; the
    last is the title."""
    header_end = output.find("</header>")
    topic = output.rfind(HEADER_TOPIC, 0, header_end)
    return output.find(TITLE_SPAN, topic, header_end) if topic >= 0 else -1


def _mark_toc_runs(toc: Iterable[AnchorLink], lang: str) -> None:
    """Mark the runs of another script than ``lang`` in a page's table of contents
    ("Part 1 总则"): Material's sidebar shows it outside the article."""
    for link in toc:
        if has_east_asian(link.title):
            link.title = mark_text_languages(link.title, lang)
        _mark_toc_runs(link.children, lang)


def _mark_header_title(output: str, lang: str) -> str:
    """Give the page title in Material's header the document's language."""
    title = _header_title(output)
    if title < 0:
        return output
    end = title + len(TITLE_SPAN) - 1
    return f'{output[:end]} lang="{lang}"{direction(lang)}{output[end:]}'


def _mark_header_title_runs(output: str, site_lang: str) -> str:
    """Mark the runs of another script in the page title in Material's header ("Tag:
    中文"), as :func:`plugins.languages.mark_text_languages` marks a page's text."""
    title = _header_title(output)
    if title < 0:
        return output
    start = title + len(TITLE_SPAN)
    end = output.find("</span>", start)
    if end < 0:
        return output
    return output[:start] + mark_text_languages(output[start:end], site_lang) + output[end:]


def _page_text(file: File) -> str | None:
    """The page's text, or ``None`` (with a warning) when it cannot be read: the caller
    leaves such a page out of the site."""
    try:
        return file.content_string
    except UnicodeDecodeError as exc:
        where = f"{file.src_uri}:{frontmatter.not_utf8(exc)}"
        log.warning(f"{where}; the page is left out of the site")
    except (OSError, ValueError) as exc:
        log.warning(f"{file.src_uri}: cannot read page: {exc}; the page is left out")
    return None


def _field_location(file: File, field: str) -> str:
    """``path:line`` of a front-matter field (:func:`plugins.frontmatter.field_location`)."""
    return frontmatter.field_location(file.src_uri, file.content_string, field)


def tag_chips_shown(context: TemplateContext, page: Page) -> bool:
    """Whether Material's template shows the page's tags above its title.

    Read from the context Material's tags plugin filled (it runs before this plugin's
    ``on_page_context``), so whatever decides it there (the plugin's settings, which pages
    it considers) decides it here too; ``hide: [tags]`` in front matter hides them.
    """
    if not context.get("tags"):
        return False
    hide = page.meta.get("hide")
    return not (isinstance(hide, list) and "tags" in hide)


def _number_in_search_title(config: MkDocsConfig, url: str, number: str) -> None:
    """Add a document's number to the title of its page's entry in Material's search index.

    Readers search for a regulation by its number ("Yinfa 2026"), which a notice's title
    does not hold: lunr weighs titles a thousand times more than text, so the pages that
    quote the number ranked above the notice itself. Runs after Material's search made the
    page's entries (this handler's priority is lower), and changes that one entry only.
    """
    search = config.plugins.get("material/search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        return
    for entry in reversed(entries):  # this page's entries were the last ones added
        location = entry.get("location", "")
        if location == url:
            title = entry.get("title", "")
            suffix = escape(number)
            if suffix not in title:
                entry["title"] = f"{title} · {suffix}" if title else suffix
            return
        if not location.startswith(url):
            return


def _listing_source(title: str) -> str:
    """Markdown of a generated listing page; the listing itself is added as HTML."""
    return f"---\nsearch:\n  exclude: true\n---\n\n# {_md_escape(title)}\n"


def _md_escape(text: str) -> str:
    """Escape a generated page title for a Markdown heading."""
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|" else ch for ch in text)
