"""The ``regkb-timeline`` plugin: every dated event of the site, in order.

Read top to bottom like the build:

- ``on_config``: forget the last build; add the plugin's stylesheet to ``extra_css``.
- ``on_files`` (default priority, after ``regkb-documents`` built the site model at 100):
  build the whole timeline once (:mod:`plugins.timeline.events`), report editor mistakes,
  and add the generated files: ``timeline/`` (in the nav through mkdocs.yml), one page per
  jurisdiction and per tag (``NOT_IN_NAV``), a page per year of each of those with more than
  ``max_events_per_page`` events (which then list their years), ``timeline.json``,
  ``feed.xml`` and the stylesheet. An editor's own file at one of those paths wins; for a
  timeline page the generated timeline is then appended to the editor's text. A document's
  own events are handed to the documents plugin, which shows them under its metadata panel.
- ``on_page_markdown``: the generated pages' titles (escaped once, last).
- ``on_page_content``: every explicit event ``anchor`` is checked against the ids of the
  rendered page.
- ``on_page_context`` (priority -110: after Material's search indexed the page, after the
  glossary put in its lists): each glossary term page gets a placeholder for the dated
  documents that mention the term (the glossary's counts are complete since ``on_env``).
- ``on_post_page``: the timeline pages' event lists and the term timelines are made and
  put into the written page (:mod:`plugins.deferred`): never held in ``page.content``.

Nothing survives from one build to the next: everything is reset in ``on_config`` and
rebuilt in ``on_files``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby, pairwise
from operator import attrgetter
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from plugins import frontmatter
from plugins.assets import add_file, package_text, use_stylesheet
from plugins.deferred import DeferredHTML
from plugins.jurisdictions import jurisdiction_label
from plugins.model import DocumentPage, SiteModel, get_site_model
from plugins.summary import counted
from plugins.timeline import render
from plugins.timeline.config import TimelineConfig
from plugins.timeline.events import Timeline, TimelineEvent, build_timeline
from plugins.timeline.feed import build_feed
from plugins.timeline.json_export import timeline_json
from plugins.toc import extend_toc

log = logging.getLogger("mkdocs.plugins.regkb.timeline")

CSS_URI = "assets/regkb-timeline.css"
JS_URI = "assets/regkb-timeline.js"
FILTER_HOST = f'class="{render.FILTER_CLASS}"'
INDEX_URI = "timeline/index.md"
JSON_URI = "timeline.json"
FEED_URI = "feed.xml"
DATA_DOC_URI = "timeline-data.md"

# Timeline pages repeat every document's title; search results should lead to the
# documents themselves, as they do for the documents plugin's listings.
_SEARCH_EXCLUDED = "---\nsearch:\n  exclude: true\n---\n\n"

_PRECISION_NOTE = (
    "Dates are given as precisely as their source gives them: a date known only to the "
    "month is listed after that month's days, one known only to the year at the end of "
    "that year."
)
_UNKNOWN_NOTE = "Events whose date is unknown come last."

_ID_RE = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


@dataclass
class _TimelinePage:
    """One timeline page to produce: its title, events and what it links to."""

    src_uri: str
    title: str
    #: What the page lists, as the start of a sentence ("Events of documents tagged X").
    scope: str
    events: list[TimelineEvent]
    is_index: bool = False
    generated: bool = True  # False when an editor's own file lives at src_uri
    url: str = ""
    #: A page of too many events lists these pages, one per year, instead of its events.
    years: list[_TimelinePage] = field(default_factory=list)
    #: A year's page: the page listing the years, and its neighbours in time.
    parent: _TimelinePage | None = None
    previous: _TimelinePage | None = None
    next: _TimelinePage | None = None
    #: The year's label on its parent's list ("2025", "Date unknown").
    label: str = ""
    #: How many entries it lists (``_entry_count``), counted once.
    entries: int | None = None

    @property
    def intro(self) -> str:
        """One sentence on what the page lists; on the main timeline's pages, how dates
        of different precision are ordered."""
        if self.label == render.UNKNOWN_DATE:
            return f"{self.scope} whose date is unknown."
        if self.parent is not None:
            text = f"{self.scope} in {self.label}, oldest first."
            return f"{text} {_PRECISION_NOTE}" if self.parent.is_index else text
        text = f"{self.scope}, oldest first."
        return f"{text} {_PRECISION_NOTE} {_UNKNOWN_NOTE}" if self.is_index else text


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """SiteModel -> timeline of events -> pages, document events, feed and JSON."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.timeline: Timeline | None = None
        self.pages: dict[str, _TimelinePage] = {}
        self.timeline_url: str | None = None
        self._terms_cache: set[str] | None = None
        #: ``<link rel="alternate" ... title="...: new documents" `` up to its ``href``,
        #: made once a build for the head of every page (:func:`_feed_link`).
        self._feed_link = ""
        self._site_lang = "en"
        self._deferred = DeferredHTML("timeline")
        # Goes with this build's timeline: it holds parts of the HTML of its events.
        self._cells = render.EventCells()

    # -- setup ---------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        if self.config.enabled:
            use_stylesheet(config, CSS_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._reset()
        if not self.config.enabled:
            return files
        model = get_site_model(config, "regkb-timeline")
        self._site_lang = model.language
        self._cells = render.EventCells(model.language)
        self._feed_link = _feed_link(config.site_name)
        timeline = build_timeline(model)
        self.timeline = timeline
        for src_uri, field_name, message in timeline.problems:
            where = _field_location(model, src_uri, field_name)
            log.warning(f"{where}: field '{field_name}': {message}")

        self._plan_pages(files, config, timeline)
        self._write_pages(files, config)
        years = sum(1 for page in self.pages.values() if page.parent is not None)
        log.info(
            f"regkb-timeline: {counted(len(timeline.events), 'event')} on "
            f"{counted(len(self.pages), 'timeline page')}"
            + (f" ({years:,} of them a year of a long timeline)" if years else "")
        )
        if self.config.document_events:
            config.plugins["regkb-documents"].register_under_panel(self._document_events)
        if self.config.json:
            add_file(files, config, JSON_URI, timeline_json(timeline, config.site_url))
        if self.config.feed:
            feed = build_feed(
                list(model.documents.values()),
                site_name=config.site_name,
                site_url=config.site_url,
                site_description=config.site_description,
                site_author=config.site_author,
                feed_url=FEED_URI,
                limit=self.config.feed_entries,
            )
            add_file(files, config, FEED_URI, feed)
        add_file(files, config, CSS_URI, package_text("plugins.timeline", "assets", "timeline.css"))
        add_file(files, config, JS_URI, package_text("plugins.timeline", "assets", "timeline.js"))
        return files

    def _plan_pages(self, files: Files, config: MkDocsConfig, timeline: Timeline) -> None:
        """Decide every timeline page and its URL before writing any (they link each other)."""
        planned = [
            _TimelinePage(
                INDEX_URI,
                "Timeline",
                "Every dated event of the site's documents",
                timeline.events,
                is_index=True,
            )
        ]
        if self.config.per_jurisdiction:
            planned += [
                _TimelinePage(
                    f"timeline/jurisdiction/{code.lower()}/index.md",
                    f"Timeline: {jurisdiction_label(code)}",
                    f"Events of documents of {jurisdiction_label(code)}",
                    events,
                )
                for code, events in timeline.by_jurisdiction.items()
            ]
        if self.config.per_tag:
            planned += [
                _TimelinePage(
                    f"timeline/tag/{slug}/index.md",
                    f"Timeline: {group.name}",
                    f"Events of documents tagged “{group.name}”",
                    group.events,
                )
                for slug, group in timeline.by_tag.items()
            ]
        limit = self.config.max_events_per_page
        if limit > 0:
            planned += [
                year
                for page in planned
                if len(page.events) > limit and _spans_years(page.events)
                for year in _split_by_year(page)
            ]
        for page in planned:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                page.generated = False
                page.url = existing.url
            else:
                page.url = File.generated(config, page.src_uri, content="").url
            self.pages[page.src_uri] = page
        self.timeline_url = self.pages[INDEX_URI].url

    def _write_pages(self, files: Files, config: MkDocsConfig) -> None:
        for page in self.pages.values():
            if not page.generated:
                continue
            inclusion = InclusionLevel.UNDEFINED if page.is_index else InclusionLevel.NOT_IN_NAV
            source = self._page_source(page, files)
            files.append(
                File.generated(
                    config,
                    page.src_uri,
                    content=_SEARCH_EXCLUDED + source,
                    inclusion=inclusion,
                )
            )

    def _page_source(self, page: _TimelinePage, files: Files) -> str:
        """Links to the JSON and the feed point at their site paths (written later in
        ``on_files``); the format notes are linked only if docs/timeline-data.md exists."""
        related = _year_links(page)
        main = self.pages.get(INDEX_URI)
        if main is not None and page is not main and page.parent is not main:
            related.append(("All events", main.url))
        if self.config.json:
            related.append(("timeline.json", JSON_URI))
        if self.config.feed:
            related.append(("Atom feed", FEED_URI))
        data_doc = files.get_file_from_path(DATA_DOC_URI)
        if data_doc is not None:
            related.append(("About these formats", data_doc.url))
        browse: list[tuple[str, list[render.BrowseLink]]] = []
        if page.years:
            years = [render.BrowseLink(y.label, y.url, _entry_count(y)) for y in page.years]
            browse.append(("By year", years))
        if page.is_index:
            browse += [
                ("By jurisdiction", self._browse_links("timeline/jurisdiction/")),
                ("By tag", self._browse_links("timeline/tag/")),
            ]
        return render.timeline_markdown(
            title=page.title,
            intro=page.intro,
            events=page.events,
            page_url=page.url,
            browse=browse,
            related=related,
            heading=page.generated,
            site_lang=self._site_lang,
        )

    def _browse_links(self, prefix: str) -> list[render.BrowseLink]:
        return [
            render.BrowseLink(p.title.removeprefix("Timeline: "), p.url, _entry_count(p))
            for uri, p in self.pages.items()
            if uri.startswith(prefix) and p.parent is None
        ]

    # -- pages ---------------------------------------------------------------------------

    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Generated pages get their title here, HTML-escaped once (the theme prints
        ``page.title`` raw), after any other plugin had its turn at ``page.meta``.
        An editor's own page at a timeline path gets the timeline appended."""
        planned = self.pages.get(page.file.src_uri)
        if planned is None:
            return markdown
        if planned.generated:
            page.meta["title"] = render.esc(planned.title)
            return markdown
        return markdown.rstrip() + "\n\n" + self._page_source(planned, files)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.timeline is None:
            return html
        src_uri = page.file.src_uri
        events = self.timeline.by_document.get(src_uri)
        if events:
            self._check_anchors(page, events, html)
        planned = self.pages.get(src_uri)
        if planned is not None and planned.events and not planned.years:
            html = self._add_timeline_body(page, planned, html, config)
        return html

    def _add_timeline_body(
        self, page: Page, planned: _TimelinePage, html: str, config: MkDocsConfig
    ) -> str:
        """The year and month headings and the event lists of a timeline page: a
        placeholder now (filled when the page is written), the headings in the table of
        contents with the ids and permalinks the ``toc`` extension would give them."""
        outline = render.timeline_outline(planned.events)
        if planned.parent is not None:  # one year: its title says which, months are enough
            outline = render.without_year_headings(outline)
        toc_config = config.mdx_configs.get("toc", {})
        slugify = toc_config.get("slugify", toc_slugify)
        separator = toc_config.get("separator", "-")
        taken = _element_ids(html)
        ids = [unique(slugify(h.text, separator), taken) for h in outline]
        permalink = _permalink_maker(toc_config)
        years: list[AnchorLink] = []
        for heading, anchor in zip(outline, ids, strict=True):
            entry = AnchorLink(render.esc(heading.text), anchor, heading.level)
            if heading.level == 2 or not years:
                years.append(entry)
            else:
                years[-1].children.append(entry)
        extend_toc(page, years)
        page_url, cells = page.url, self._cells
        # A year's page ends with the way to the next year, as it starts with it.
        tail = "\n" + render.links_html(_year_links(planned), page_url) if planned.parent else ""
        placeholder = self._deferred.add(
            page.file.src_uri,
            lambda: (
                render.kind_filter_html(planned.events)
                + render.timeline_body_html(outline, ids, page_url, permalink, cells)
                + tail
            ),
        )
        return html + "\n\n" + placeholder

    @staticmethod
    def _check_anchors(page: Page, events: Iterable[TimelineEvent], html: str) -> None:
        """The schema checks an anchor's spelling; only the rendered page knows its ids."""
        src_uri = page.file.src_uri
        wanted = [e for e in events if e.anchor and e.subject.src_uri == src_uri]
        if not wanted:
            return
        ids = _element_ids(html)
        for event in wanted:
            assert event.anchor is not None
            if event.anchor[1:] not in ids:
                field_name = f"{event.origin}.anchor"
                where = frontmatter.field_location(src_uri, page.file.content_string, field_name)
                log.warning(
                    f"{where}: field '{field_name}': anchor '{event.anchor}' "
                    "matches no heading or element id in the page"
                )

    def _document_events(self, doc: DocumentPage, page_url: str, lang_attr: str) -> str:
        """A document's own events (issued, in force, repealed by...), shown under its
        metadata panel when the page is written: they repeat the panel's dates, so they stay
        out of the search index, and they are not held in ``page.content``."""
        events = self.timeline.by_document.get(doc.src_uri) if self.timeline else None
        if not events:
            return ""
        return render.document_events_html(
            events, doc.src_uri, page_url, lang_attr, self._site_lang
        )

    # -- glossary ------------------------------------------------------------------------

    @event_priority(-110)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """On a glossary term page, the dated documents that mention the term.

        Runs after Material's search has indexed the page and after the glossary added its
        lists (priority -100): the list repeats what other parts of the site say, so it
        stays out of the search index and its parser never reads it.
        """
        if self.timeline is None or page.content is None:
            return context
        src_uri = page.file.src_uri
        glossary = config.plugins.get("regkb-glossary")
        if glossary is None or not self.config.glossary:
            return context
        if src_uri not in self._term_uris(glossary) or page.content is None:
            return context
        mentions: dict[str, dict[str, int]] = getattr(glossary, "mentions", None) or {}
        entries = []
        mentioned_by = mentions.get(src_uri, {})
        original_of = self.timeline.original_of
        for doc_uri, count in mentioned_by.items():
            if original_of.get(doc_uri) in mentioned_by:
                continue  # one document: listed by its original, which links the translation
            event = self.timeline.primary_event(doc_uri)
            if event is not None and event.date is not None:
                entries.append((event, count))
        entries.sort(key=lambda item: item[0].sort_key())
        if entries:
            page_url, timeline_url, cells = page.url, self.timeline_url, self._cells
            limit = self.config.glossary_max_events
            if limit and len(entries) > limit:
                events = [event for event, _ in entries]
                make = partial(
                    render.term_timeline_years_html,
                    events,
                    page_url,
                    timeline_url,
                    self._year_pages(),
                )
            else:
                make = partial(render.term_timeline_html, entries, page_url, timeline_url, cells)
            page.content += self._deferred.add(page.file.src_uri, make)
            extend_toc(page, [AnchorLink("On the timeline", render.TERM_TIMELINE_ID, 2)])
        return context

    @event_priority(100)  # first: a minifier or any later plugin sees the whole page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Lists that grow with the corpus go into the written page only, never into
        ``page.content``, which MkDocs keeps for the whole build (:mod:`plugins.deferred`).
        On a timeline page that also means neither the glossary nor the documents plugin
        walks thousands of events, and Material's search does not scan them.

        A timeline page also loads the script of its "Show events" filter; no other page
        does (it would be one more request on every page for nothing).

        Every page names the feed in its ``<head>`` (``rel="alternate"``), so that a feed
        reader given any page's address finds it."""
        output = self._deferred.fill(output, page.file.src_uri)
        if page.file.src_uri in self.pages and FILTER_HOST in output:
            script = render.esc(get_relative_url(JS_URI, page.url))
            output = output.replace("</body>", f'<script src="{script}" defer></script></body>', 1)
        if self.config.feed and self.timeline is not None:
            output = self._name_feed(output, get_relative_url(FEED_URI, page.url))
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The 404 page names the feed too: it is served at any address, so the link is
        absolute (from ``site_url``'s path, as MkDocs makes the page's other links)."""
        if template_name != "404.html" or not self.config.feed or self.timeline is None:
            return output_content
        base = urlsplit(config.site_url or "").path or "/"
        return self._name_feed(output_content, base.rstrip("/") + "/" + FEED_URI)

    def _name_feed(self, html: str, href: str) -> str:
        """``html`` with ``<link rel="alternate">`` to the feed at ``href`` in its head."""
        return html.replace("</head>", f'{self._feed_link}href="{render.esc(href)}"></head>', 1)

    def _year_pages(self) -> dict[int, str]:
        """year -> URL of that year's page of the site's timeline, when it is split."""
        main = self.pages.get(INDEX_URI)
        if main is None:
            return {}
        return {int(y.label): y.url for y in main.years if y.label.isdigit()}

    def _term_uris(self, glossary: object) -> set[str]:
        """Source paths of the glossary's term pages, read once per build."""
        if self._terms_cache is None:
            terms = getattr(glossary, "terms", None) or []
            if isinstance(terms, dict):
                terms = list(terms.values())
            self._terms_cache = {t.src_uri for t in terms if getattr(t, "src_uri", None)}
        return self._terms_cache


def _year_links(page: _TimelinePage) -> list[tuple[str, str]]:
    """A year's page's links to the year before, the list of years and the year after."""
    if page.parent is None:
        return []
    links = [(f"← {page.previous.label}", page.previous.url)] if page.previous else []
    links.append(("All years", page.parent.url))
    if page.next is not None:
        links.append((f"{page.next.label} →", page.next.url))
    return links


def _spans_years(events: list[TimelineEvent]) -> bool:
    """Whether ``events`` (in timeline order) fall in more than one year (or none): a
    timeline of one year is not split, a list of one year would only hide it a click away."""
    return bool(events) and events[0].year != events[-1].year


def _split_by_year(page: _TimelinePage) -> list[_TimelinePage]:
    """One page per year of ``page``'s events (and one for those without a date), at
    ``<page>/<year>/``, which ``page`` then lists instead of its events. Years without
    events get no page; the years link to their neighbours."""
    base = page.src_uri.removesuffix("index.md")
    years: list[_TimelinePage] = []
    for year, in_year in groupby(page.events, key=attrgetter("year")):
        label = render.UNKNOWN_DATE if year is None else f"{year:04d}"
        slug = "date-unknown" if year is None else label
        separator = ": " if page.is_index else ", "
        title = f"{page.title}{separator}{label if year is not None else 'date unknown'}"
        years.append(
            _TimelinePage(
                f"{base}{slug}/index.md", title, page.scope, list(in_year), parent=page, label=label
            )
        )
    for before, after in pairwise(years):
        before.next, after.previous = after, before
    page.years = years
    return years


def _element_ids(html: str) -> set[str]:
    """The ``id`` of every element of ``html``."""
    return {next(g for g in m.groups() if g is not None) for m in _ID_RE.finditer(html)}


def _permalink_maker(toc_config: dict) -> Callable[[str], tuple[str, str]]:
    """The permalink the ``toc`` extension puts in a heading with a given id, as (before the
    text, after it), so injected headings look like the Markdown ones."""
    setting = toc_config.get("permalink", False)
    if not setting:
        return lambda anchor: ("", "")
    text = "&para;" if setting is True else str(setting)
    css = render.esc(toc_config.get("permalink_class", "headerlink"))
    title = toc_config.get("permalink_title", "Permanent link")
    title_attr = f' title="{render.esc(title)}"' if title else ""
    leading = bool(toc_config.get("permalink_leading", False))

    def make(anchor: str) -> tuple[str, str]:
        link = f'<a class="{css}" href="#{render.esc(anchor)}"{title_attr}>{text}</a>'
        return (link, "") if leading else ("", link)

    return make


def _field_location(model: SiteModel, src_uri: str, field_name: str) -> str:
    """``path:line`` of a document's front-matter field, for a message about it."""
    doc = model.documents.get(src_uri)
    if doc is None:
        return src_uri
    return frontmatter.field_location(src_uri, doc.file.content_string, field_name)


def _entry_count(page: _TimelinePage) -> int:
    """How many entries ``page`` lists, as its own count says ("613 entries"): a
    document's events of one day share an entry, so counting events promised more
    (652) than the page showed."""
    if page.entries is None:
        page.entries = len(render.list_entries(page.events))
    return page.entries


def _feed_link(site_name: str) -> str:
    """The feed's ``<link rel="alternate">`` but for its ``href``."""
    title = render.esc(f"{site_name}: new documents")
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" '
