"""The ``regkb-search`` plugin: one header search box, answered by Material or by Pagefind.

With ``engine: material`` (the default) Material's search plugin works as usual: one lunr
index, ``search/search_index.json``, that every reader's browser downloads whole before the
first result. That is the best choice for a small site. This plugin only feeds Material's
indexer its pages faster (``fast_index``, :mod:`plugins.search.material_index`): the same
index in less build time. It also names Material's search dialog ("Search"), which screen
readers otherwise announce as a bare "dialog".

With ``engine: auto`` it chooses when each build starts: Pagefind once ``docs/`` holds more
than ``auto_pages`` Markdown pages and the Pagefind binary is installed, else Material.

With ``engine: pagefind`` it replaces that index with a Pagefind bundle, which the browser
fetches in small pieces as the query needs them:

- ``on_config``: Material's search plugin stays enabled, because Material draws the header
  search box only when it is, but its indexing handlers are taken out of this build's event
  lists, so it never builds or writes ``search_index.json``. Our assets are added.
- ``on_env``: the header box template (``partials/search.html``) becomes ours: the same
  place and look, talking to Pagefind. A ``partials/search.html`` in the theme's
  ``custom_dir`` still wins.
- ``on_env`` (last, after the documents plugin linked every page and put in its panel's
  searchable values, and the glossary its term headers): each page's text, segmented for
  Chinese, is written as a small record file.
- ``on_post_build``: Pagefind indexes the record files into ``site/<bundle_dir>/``.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
import tempfile
import time
from html import unescape
from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, FunctionLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.assets import add_file, package_text, use_script, use_stylesheet
from plugins.model import SiteModel, get_site_model
from plugins.search import material_index, segment
from plugins.search.bundle import PagefindMissing, pagefind_executable, write_bundle
from plugins.search.config import SearchConfig
from plugins.search.records import SearchRecord, extract_text, page_boost, render_record

log = logging.getLogger("mkdocs.plugins.regkb.search")

ASSET_DIR = "assets/regkb-search"
JS_URI = f"{ASSET_DIR}/search.js"
CSS_URI = f"{ASSET_DIR}/search.css"
#: Marks the words of results with their language; ``search.js`` imports it, and with
#: Material's engine it watches Material's results.
MARKS_URI = f"{ASSET_DIR}/marks.js"
TEMPLATE_NAME = "partials/search.html"
MATERIAL_SEARCH = "material/search"
#: Material's search handlers that build and write its index.
MATERIAL_INDEX_EVENTS = ("page_context", "post_build")
#: The opening tag of Material's search box (9.x), a dialog with no accessible name.
MATERIAL_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


class SearchPlugin(BasePlugin[SearchConfig]):
    """Chooses the engine behind the header search box; builds the Pagefind bundle."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._records_dir: Path | None = None
        self._record_count = 0
        self._to_record: list[Page] = []  # pages whose record on_env writes
        self.extra_bundles: list[str] = []  # shard bundles after the first, for the template
        self._model: SiteModel | None = None
        self._segmenter = segment.Segmenter()
        self.engine = "material"  # this build's engine: the config's, "auto" resolved

    @property
    def pagefind(self) -> bool:
        return self.engine == "pagefind"

    # -- setup ---------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._cleanup()
        self.engine = self._choose_engine(config)
        if not self.pagefind:
            use_script(config, MARKS_URI, module=True)
            return config
        bundle_dir = self.config.bundle_dir.strip("/")
        if not bundle_dir or bundle_dir.startswith(".") or "\\" in bundle_dir:
            raise PluginError(
                f"regkb-search: 'bundle_dir' must be a folder inside site_dir, got "
                f"{self.config.bundle_dir!r}"
            )
        self.config.bundle_dir = posixpath.normpath(bundle_dir)
        if self.config.results < 1:
            raise PluginError("regkb-search: 'results' must be at least 1")
        self._detach_material_index(config)
        if self.config.jieba_dict_user:
            segment.load_user_dict(self.config.jieba_dict_user)
        use_stylesheet(config, CSS_URI)
        use_script(config, JS_URI, module=True)
        return config

    def _choose_engine(self, config: MkDocsConfig) -> str:
        """The configured engine; for "auto", Pagefind once the site is too large for one
        index that every reader downloads, if Pagefind is installed."""
        if self.config.engine != "auto":
            return self.config.engine
        pages = sum(1 for _ in Path(config.docs_dir).rglob("*.md"))
        limit = self.config.auto_pages
        if pages <= limit:
            return "material"
        try:
            pagefind_executable()
        except PagefindMissing as missing:
            log.warning(
                f"regkb-search: engine 'auto' chooses Pagefind for {pages} pages (more than "
                f"auto_pages: {limit}), but {str(missing).removeprefix('regkb-search: ')}. "
                "Using Material's search, whose whole index every reader downloads; set "
                "'engine: material' to keep it quietly"
            )
            return "material"
        log.info(f"regkb-search: {pages} pages (more than auto_pages: {limit}): Pagefind")
        return "pagefind"

    def _detach_material_index(self, config: MkDocsConfig) -> None:
        """Keep Material's search plugin (it draws the header box) but not its index.

        MkDocs registered the plugin's bound handlers when it loaded the config, so
        replacing the plugin object would not stop them; removing them from this build's
        event lists does. The config is loaded afresh for every build, ``serve`` included.
        """
        search = config.plugins.get(MATERIAL_SEARCH)
        if search is None or not getattr(search.config, "enabled", False):
            raise PluginError(
                "regkb-search: engine 'pagefind' puts its search box where Material's is; "
                "keep Material's '- search' plugin in mkdocs.yml (enabled), with the "
                "'material' theme"
            )
        for event in MATERIAL_INDEX_EVENTS:
            handlers = config.plugins.events.get(event, [])
            handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not search]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._cleanup()
        add_file(files, config, MARKS_URI, package_text("plugins.search", "marks.js"), replace=True)
        if not self.pagefind:
            # After every on_config: Material has made its index object by now.
            if self.config.fast_index:
                material_index.attach(config)
            return files
        self._model = (
            get_site_model(config, "regkb-search") if "regkb-documents" in config.plugins else None
        )
        self._records_dir = Path(tempfile.mkdtemp(prefix="regkb-search-"))
        for uri, name in ((JS_URI, "search.js"), (CSS_URI, "search.css")):
            # The script must match this plugin's markup: never an old copy in docs/.
            add_file(files, config, uri, package_text("plugins.search", name), replace=True)
        return files

    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Write every page's record, then serve our ``partials/search.html`` ahead of
        Material's (after ``custom_dir``).

        Last among ``on_env`` handlers: the documents plugin links every page's text and the
        glossary adds its term headers in theirs. Every page's record exists afterwards, so
        the number of index shards is known before any page's template (which lists the
        extra shards for the browser) is rendered.
        """
        if not self.pagefind:
            return env
        if self._records_dir is not None:
            self._write_records()
        shards = max(1, -(-self._record_count // self.config.shard_size))
        self.extra_bundles = [f"{self.config.bundle_dir}-{k}" for k in range(2, shards + 1)]
        source = resources.files("plugins.search").joinpath("search.html")
        text = source.read_text(encoding="utf-8")

        def load(name: str) -> tuple[str, str, object] | None:
            return (text, str(source), lambda: True) if name == TEMPLATE_NAME else None

        loaders = []
        if config.theme.custom_dir:
            loaders.append(FileSystemLoader(config.theme.custom_dir))
        loaders += [FunctionLoader(load), env.loader]  # type: ignore[list-item]
        env.loader = ChoiceLoader(loaders)
        return env

    # -- records -------------------------------------------------------------------------

    @event_priority(-100)
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Queue the page; its record is written in ``on_env``, once every plugin has put
        in its links, panels and term headers."""
        if self._records_dir is None:
            return html
        search_meta = page.meta.get("search")
        if isinstance(search_meta, dict) and search_meta.get("exclude"):
            return html
        self._to_record.append(page)
        return html

    def _write_records(self) -> None:
        assert self._records_dir is not None
        pages, self._to_record = self._to_record, []
        for page in pages:
            if page.content is None:
                continue
            record = self._record(page, page.content)
            shard = self._record_count // self.config.shard_size
            path = self._records_dir / str(shard) / page.file.dest_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_record(record, self._segmenter), encoding="utf-8")
            self._record_count += 1

    def _record(self, page: Page, html: str) -> SearchRecord:
        """Title, text sections, metadata and filters of one page."""
        title = unescape(page.title or "")  # the documents plugin stores it escaped
        src = page.file.src_uri
        section = src.split("/", 1)[0] if "/" in src else ""
        record = SearchRecord(page.file.dest_uri, title or src, extract_text(html))
        record.boost = page_boost(page.meta)
        if section:
            record.filters["section"] = [section]
        doc = self._model.get(src) if self._model is not None else None
        if doc is not None:
            meta = doc.meta
            record.meta["kind"] = meta.kind.value.capitalize()
            record.filters["kind"] = [meta.kind.value]
            if meta.date is not None:
                record.meta["date"] = meta.date.display()
                record.filters["year"] = [str(meta.date.year)]
            if meta.doc_number:
                record.meta["doc_number"] = meta.doc_number
            if doc.lang:  # the result says its title and excerpt are in that language
                record.meta["lang"] = doc.lang
        return record

    # -- Material's box ------------------------------------------------------------------

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Name Material's search dialog, as ours (``search.html``) is named.

        A dialog without a name is announced as just "dialog" (WCAG 4.1.2; axe's
        "aria-dialog-name"), and Material's partial gives it none. Changing the rendered tag
        keeps Material's template Material's; if a later Material writes the tag otherwise,
        nothing changes and the accessibility test says so.
        """
        return self._name_dialog(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The same for pages rendered from a template alone: ``404.html``."""
        return self._name_dialog(output_content)

    def _name_dialog(self, html: str) -> str:
        if self.pagefind:
            return html
        return html.replace(MATERIAL_DIALOG, MATERIAL_DIALOG[:-1] + ' aria-label="Search">', 1)

    # -- bundle --------------------------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._records_dir is None:
            return
        started = time.perf_counter()
        site = Path(config.site_dir)
        targets = [self.config.bundle_dir, *self.extra_bundles]
        pages = 0
        try:
            for shard, name in enumerate(targets):
                records = self._records_dir / str(shard)
                records.mkdir(parents=True, exist_ok=True)
                result = write_bundle(records, site / name, keep_ui_files=self.config.keep_ui_files)
                pages += result.page_count
        finally:
            self._cleanup()
        log.info(
            f"regkb-search: Pagefind indexed {pages} pages into {len(targets)} bundle(s) "
            f"({', '.join(t + '/' for t in targets)}) in {time.perf_counter() - started:.1f}s"
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def on_shutdown(self) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        """Forget this build's records (and delete their folder)."""
        if self._records_dir is not None:
            shutil.rmtree(self._records_dir, ignore_errors=True)
        self._records_dir = None
        self._record_count = 0
        self._to_record = []
        self.extra_bundles = []
        self._model = None
        self._segmenter = segment.Segmenter()
