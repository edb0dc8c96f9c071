"""HTML of the timeline pages, of a document's own events and of a glossary term's timeline.

Every value that comes from front matter (titles, numbers, labels, tags, anchors) goes
through :func:`esc`; the only unescaped text is markup written here. Links are made relative
to the page they appear on (``mkdocs.utils.get_relative_url``) so the site works under any
base path, and dates are ``<time datetime>`` elements whose ISO text has exactly the
precision the source gave ("2026", "2026-02", "2026-02-06").

Timeline pages are Markdown files holding only their title and introduction. Their
headings (year, month) and event lists are HTML put in place of a placeholder comment when
the page is written (``plugins.deferred``), so no front-matter text is ever interpreted as
Markdown and a page of thousands of events costs Markdown nothing; the plugin lists the
headings in the page's table of contents itself.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from mkdocs.utils import get_relative_url

from plugins.jurisdictions import jurisdiction_name
from plugins.languages import (
    document_text_html,
    mark_text_languages,
    name_html,
    version_links,
)
from plugins.schema import MONTH_NAMES, PartialDate
from plugins.timeline.events import ACTIVE, KIND_ORDER, PASSIVE, DocRef, TimelineEvent

TERM_TIMELINE_ID = "regkb-term-timeline"
#: The element the page's script (``timeline.js``) builds the "Show events" filter in.
FILTER_CLASS = "regkb-timeline-filter"

__all__ = [
    "BrowseLink",
    "EventCells",
    "TimelineHeading",
    "document_events_html",
    "esc",
    "term_timeline_html",
    "term_timeline_years_html",
    "timeline_body_html",
    "timeline_markdown",
    "timeline_outline",
]


def esc(text: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def link(target_url: str, page_url: str, anchor: str | None = None) -> str:
    """``target_url`` (site-relative) as seen from the page at ``page_url``."""
    if anchor and target_url == page_url:
        return anchor
    return get_relative_url(target_url, page_url) + (anchor or "")


def time_html(date: PartialDate | None) -> str:
    if date is None:
        return '<span class="regkb-date regkb-date--unknown">date unknown</span>'
    return f'<time datetime="{esc(date.iso)}">{esc(date.display())}</time>'


def doc_html(ref: DocRef, page_url: str, *, text: str | None = None, cls: str = "") -> str:
    """A link to a document's page, or its name in plain text when it is not on the site."""
    label = esc(text if text is not None else ref.title)
    if ref.url is None:
        return (
            f'<span class="regkb-offsite{" " + cls if cls else ""}" '
            f'title="not on this site">{label}</span>'
        )
    class_attr = f' class="{cls}"' if cls else ""
    return f'<a{class_attr} href="{esc(link(ref.url, page_url))}">{label}</a>'


def _clause_text(anchor: str) -> str:
    """ "#article-19" -> "article 19": the readable name of a clause link."""
    return anchor.lstrip("#").replace("-", " ").replace("_", " ")


def _subject_label(event: TimelineEvent, page_url: str) -> str:
    """What happened, said from the affected document's side ("Repealed by <a>…</a>")."""
    if event.derived_from is not None:
        actor = doc_html(event.derived_from, page_url, text=event.derived_from.name)
        by = f"{PASSIVE.get(event.kind, 'By')} {actor}"
        if event.origin.startswith("events.") and not event.is_default_label:
            return f"{esc(event.label)} ({by[0].lower()}{by[1:]})"
        return by
    return esc(event.label)


def _kind_html(event: TimelineEvent) -> str:
    return f'<span class="regkb-event__kind">{esc(event.kind.label)}</span>'


def _fixed_parts(event: TimelineEvent, site_lang: str = "en") -> tuple[str, str, str]:
    """The parts of an event's ``<li>`` that are the same on every page listing it: the
    opening tag, the date, kind and jurisdiction spans, and the document's name (its link
    text, or the whole "not on this site" span, which links nowhere), a number or title in
    another script than the site's (``site_lang``) marked with its language."""
    subject = event.subject
    if subject.url is not None:
        # The number sits inside the link so that no other plugin links it a second time.
        name = document_text_html(subject.title, subject.language, subject.lang)
        if subject.doc_number and subject.doc_number != subject.title:
            name += f' <span class="regkb-event__number">{esc(subject.doc_number)}</span>'
    else:
        name = doc_html(subject, "", cls="regkb-event__doc")
    name = mark_text_languages(name, site_lang)
    head = f'<span class="regkb-event__when">{time_html(event.date)}</span> {_kind_html(event)}'
    if subject.jurisdiction:
        place = jurisdiction_name(subject.jurisdiction)
        title = f"Jurisdiction: {place}" if place else "Jurisdiction"
        head += (
            f' <span class="regkb-event__jurisdiction" title="{esc(title)}">'
            f"{esc(subject.jurisdiction)}</span>"
        )
    return f'<li class="regkb-event regkb-event--{esc(event.kind.value)}">', head, name


class EventCells:
    """The page-independent parts of each event's list item, made once per build.

    An event is listed on the site timeline, on its jurisdiction's and tags' timelines and
    on the page of every term its document mentions; without this, each listing escaped and
    formatted it again. Keyed by ``id(event)``; each entry also holds the event, which keeps
    the id from being given to another object while the entry exists. The timeline plugin
    makes a new one with each build's timeline.
    """

    def __init__(self, site_lang: str = "en") -> None:
        self._parts: dict[int, tuple[TimelineEvent, tuple[str, str, str]]] = {}
        #: The site's language: names in another script are marked with theirs.
        self.site_lang = site_lang

    def __call__(self, event: TimelineEvent) -> tuple[str, str, str]:
        entry = self._parts.get(id(event))
        if entry is None:
            entry = self._parts[id(event)] = (event, _fixed_parts(event, self.site_lang))
        return entry[1]


def event_item(
    event: TimelineEvent, page_url: str, extra: str = "", cells: EventCells | None = None
) -> str:
    """One ``<li>`` of a timeline page: date, kind, jurisdiction, document, what happened
    (``extra`` is trusted markup appended at the end). ``cells`` reuses the parts that do
    not depend on ``page_url``."""
    cells = cells if cells is not None else EventCells()
    opening, head, name = cells(event)
    subject = event.subject
    said = ""  # what the item says beside the document's name, in an editor's words
    if subject.url is not None and event.anchor:
        clause = link(subject.url, page_url, event.anchor)
        said += (
            f' <a class="regkb-event__clause" href="{esc(clause)}">'
            f"{esc(_clause_text(event.anchor))}</a>"
        )
    if event.derived_from is not None or not event.is_default_label:
        said += f' <span class="regkb-event__label">{_subject_label(event, page_url)}</span>'
    # The source note flows after the document's name, in the same column.
    said += source_html(event)
    what_html = _document_html(subject, name, page_url) + mark_text_languages(said, cells.site_lang)
    tail = f" {extra}" if extra else ""
    return f'{opening}{head} <span class="regkb-event__what">{what_html}</span>{tail}</li>'


def _document_html(subject: DocRef, name: str, page_url: str) -> str:
    """The document an item is about: ``name`` (from ``_fixed_parts``) linked to its page,
    with links to its other language versions; a document not on the site has its name,
    already in its span, alone."""
    if subject.url is None:
        return name
    html = f'<a class="regkb-event__doc" href="{esc(link(subject.url, page_url))}">{name}</a>'
    return f"{html} {versions_html(subject, page_url)}" if subject.versions else html


def versions_html(ref: DocRef, page_url: str) -> str:
    """Links to the document in its other languages, each named in its own."""
    links = version_links(ref.versions, page_url)
    return f'<span class="regkb-event__versions">also in {links}</span>'


def _joinable(event: TimelineEvent) -> bool:
    """An event said in the document's own words: no clause, label or other document of
    its own, so it can share a list item with the same document's other events of that day."""
    return event.derived_from is None and event.anchor is None and event.is_default_label


def list_entries(events: Iterable[TimelineEvent]) -> list[list[TimelineEvent]]:
    """``events`` (in timeline order) as the items of a timeline list: one document's
    events of one date together, in lifecycle order, where its first one stands.

    A notice is very often issued and in force on the same day; as two items, its long
    title was listed twice in a row. Events with a clause, a label of their own or another
    document (a repeal) stay items of their own.
    """
    entries: list[list[TimelineEvent]] = []
    for _, same_date in groupby(events, key=attrgetter("date")):
        by_subject: dict[tuple[str | None, str], list[TimelineEvent]] = {}
        for event in same_date:
            if not _joinable(event):
                entries.append([event])
                continue
            key = (event.subject.src_uri, event.subject.title)
            entry = by_subject.get(key)
            if entry is None:
                entry = by_subject[key] = [event]
                entries.append(entry)
            else:
                entry.append(event)
    return entries


def joined_item(
    events: Sequence[TimelineEvent], page_url: str, cells: EventCells | None = None
) -> str:
    """One ``<li>`` for several events of one document on one date (``list_entries``): a
    kind badge each, the document once, and each event's source named by its kind."""
    first = events[0]
    if len(events) == 1:
        return event_item(first, page_url, cells=cells)
    cells = cells if cells is not None else EventCells()
    _, head, name = cells(first)
    classes = " ".join(f"regkb-event--{esc(e.kind.value)}" for e in events)
    kinds = "".join(_kind_html(e) for e in events)
    head = head.replace(_kind_html(first), f'<span class="regkb-event__kinds">{kinds}</span>', 1)
    sources = "".join(source_html(e, with_kind=True) for e in events)
    what = _document_html(first.subject, name, page_url)
    what += mark_text_languages(sources, cells.site_lang)
    return (
        f'<li class="regkb-event {classes}">{head} '
        f'<span class="regkb-event__what">{what}</span></li>'
    )


def kind_filter_html(events: Sequence[TimelineEvent]) -> str:
    """The "Show events" filter: one checkbox per kind the page lists, in lifecycle order,
    named as the event badges name it, with how many items have it. Nothing for a page of
    fewer than two kinds.

    It is written into the page, not built by the page's script (``timeline.js`` only makes
    it work), so it is in place at the first paint: built later, it pushed the whole
    timeline down under the reader's eyes. A reader without script does not see it (the
    stylesheet hides it under ``scripting: none``): a control that does nothing is worse
    than none. The counts are the script's: an item listing several kinds counts for each.
    """
    kinds = sorted({e.kind for e in events}, key=lambda k: KIND_ORDER.get(k, 99))
    if len(kinds) < 2:
        return ""
    entries = list_entries(events)
    counts = Counter(kind for entry in entries for kind in {e.kind for e in entry})
    boxes = "".join(
        f'<label><input type="checkbox" value="{esc(k.value)}" checked> {esc(k.label)} '
        f'<span class="regkb-timeline-filter__count">{counts[k]}</span></label>'
        for k in kinds
    )
    total = len(entries)
    return (
        f'<div class="{FILTER_CLASS}" data-search-exclude data-pagefind-ignore>'
        f"<form><fieldset><legend>Show events</legend>{boxes}</fieldset>"
        f'<p class="regkb-timeline-filter__status" role="status">'
        f"{total} {'entry' if total == 1 else 'entries'}</p></form></div>\n"
    )


def _event_list(
    events: Iterable[TimelineEvent], page_url: str, cells: EventCells | None = None
) -> str:
    items = "\n".join(joined_item(entry, page_url, cells) for entry in list_entries(events))
    return f'<ol class="regkb-timeline">\n{items}\n</ol>'


def _month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


@dataclass(frozen=True)
class TimelineHeading:
    """A heading of a timeline page: a year (level 2, or "Date unknown") or a month (3),
    with the events listed under it (``None`` for a year whose events are under months)."""

    level: int
    text: str
    events: tuple[TimelineEvent, ...] | None = None


#: The heading, and the label in a list of years, of the events whose date is unknown.
UNKNOWN_DATE = "Date unknown"


def timeline_outline(events: Sequence[TimelineEvent]) -> list[TimelineHeading]:
    """A heading per year and per month of ``events``, each month with its events.

    Events are already in timeline order, so a year-only event comes after that year's
    months (under "month unknown") and a month-only one after that month's days.
    """
    outline: list[TimelineHeading] = []
    for year, in_year in groupby(events, key=attrgetter("year")):
        if year is None:
            outline.append(TimelineHeading(2, UNKNOWN_DATE, tuple(in_year)))
            continue
        outline.append(TimelineHeading(2, f"{year:04d}"))
        for month, in_month in groupby(in_year, key=lambda e: e.date.month if e.date else None):
            text = f"{_month_name(month)} {year:04d}" if month else f"{year:04d}, month unknown"
            outline.append(TimelineHeading(3, text, tuple(in_month)))
    return outline


def without_year_headings(outline: Sequence[TimelineHeading]) -> list[TimelineHeading]:
    """The outline of a page of one year's events: its months, as the page's sections
    (a "Date unknown" heading, which has events of its own, stays)."""
    return [
        TimelineHeading(2, h.text, h.events)
        for h in outline
        if h.level == 3 or h.events is not None
    ]


def timeline_body_html(
    outline: Sequence[TimelineHeading],
    ids: Sequence[str],
    page_url: str,
    permalink: Callable[[str], tuple[str, str]],
    cells: EventCells | None = None,
) -> str:
    """The headings of ``outline`` (with ``ids`` and permalinks: ``permalink(id)`` gives
    the markup before and after the heading's text) and their event lists: the body of a
    timeline page.

    Written as HTML, not Markdown: a page has a hundred or more headings, and converting
    them was most of what a timeline page cost Python-Markdown. The plugin lists the same
    headings in the page's table of contents.
    """
    parts = []
    for heading, anchor in zip(outline, ids, strict=True):
        tag = f"h{heading.level}"
        before, after = permalink(anchor)
        chunk = f'<{tag} id="{esc(anchor)}">{before}{esc(heading.text)}{after}</{tag}>'
        if heading.events is not None:
            chunk += "\n" + _event_list(heading.events, page_url, cells) + "\n"
        parts.append(chunk)
    return "\n".join(parts).removesuffix("\n")


@dataclass(frozen=True)
class BrowseLink:
    """A link to another timeline page, with how many entries it lists."""

    text: str
    url: str
    count: int


def _browse_html(
    groups: Sequence[tuple[str, Sequence[BrowseLink]]], page_url: str, site_lang: str
) -> str:
    rows = []
    for heading, links in groups:
        if not links:
            continue
        items = " ".join(
            f'<li><a href="{esc(link(b.url, page_url))}">{name_html(b.text, site_lang)}</a> '
            f'<span class="regkb-timeline-browse__count">{b.count}</span></li>'
            for b in links
        )
        rows.append(f"<p>{esc(heading)}</p>\n<ul>{items}</ul>")
    if not rows:
        return ""
    body = "\n".join(rows)
    return f'<nav class="regkb-timeline-browse" aria-label="More timelines">\n{body}\n</nav>'


def _links(links: Sequence[tuple[str, str]], page_url: str) -> str:
    return " · ".join(f'<a href="{esc(link(u, page_url))}">{esc(t)}</a>' for t, u in links)


def links_html(links: Sequence[tuple[str, str]], page_url: str) -> str:
    """(text, site-relative URL) links on a line of their own, as under a timeline's intro."""
    return f'<p class="regkb-timeline-links">{_links(links, page_url)}</p>' if links else ""


def timeline_markdown(
    *,
    title: str,
    intro: str,
    events: Sequence[TimelineEvent],
    page_url: str,
    browse: Sequence[tuple[str, Sequence[BrowseLink]]] = (),
    related: Sequence[tuple[str, str]] = (),
    heading: bool = True,
    site_lang: str = "en",
) -> str:
    """The Markdown source of one timeline page (its title is set by the plugin).

    ``title`` and ``intro`` are plain text (escaped here); ``related`` is a list of
    (text, site-relative URL) links shown under the intro (data formats, parent timeline).
    ``heading=False`` leaves out the ``<h1>``, for an editor's page that has its own. A tag
    in another script than the site's (``site_lang``) is marked with its language. The
    events themselves (:func:`timeline_body_html`) are added by the plugin when the page is
    written.
    """
    out = []
    if heading:
        out.append(f'<h1 class="regkb-timeline-title">{name_html(title, site_lang)}</h1>')
    intro_html = name_html(intro, site_lang)
    if related:
        intro_html += f'<br>\n<span class="regkb-timeline-links">{_links(related, page_url)}</span>'
    out.append(f'<p class="regkb-timeline-intro">{intro_html}</p>')
    nav = _browse_html(browse, page_url, site_lang)
    if nav:
        out.append(nav)
    if not events:
        out.append('<p class="regkb-timeline-empty">No events yet.</p>')
    return "\n\n".join(out) + "\n"


def source_html(event: TimelineEvent, *, with_kind: bool = False) -> str:
    """Where an event's date comes from, when something says: the source an editor gave
    for it ("China Daily, 2026-02-06"), the basis of an entry into force ("upon the date
    of its issuance") or the document a derived date is taken from. A reader of a
    regulation site needs to tell a date the document states from one added beside it.
    ``with_kind`` says which event it is about where one item lists several ("issued,
    source: ...", "in force upon the date of its issuance")."""
    if not event.source:
        return ""
    given = event.origin.startswith("events.")  # an editor's own event, with its source
    text = f"source: {event.source}" if given else event.source
    if with_kind:
        text = f"{event.kind.label.lower()}{',' if given else ''} {text}"
    return f' <span class="regkb-event__source">({esc(text)})</span>'


def _doc_event_item(event: TimelineEvent, src_uri: str, page_url: str) -> str:
    """An event as seen from one document's page: its own, or one it caused elsewhere."""
    if event.subject.src_uri == src_uri:
        text = _subject_label(event, page_url)
        if event.anchor:
            text = f'<a href="{esc(event.anchor)}">{text}</a>'
    else:  # this document repeals or amends the event's subject (dated by this one:
        # where that date comes from goes without saying here)
        target = doc_html(event.subject, page_url, text=event.subject.name)
        text = f"{ACTIVE.get(event.kind, esc(event.kind.label.capitalize()))} {target}"
    return (
        f'<li class="regkb-doc-events__item regkb-doc-events__item--{esc(event.kind.value)}">'
        f'<span class="regkb-doc-events__what">{text}</span> {time_html(event.date)}'
        f"{source_html(event) if event.subject.src_uri == src_uri else ''}</li>"
    )


def document_events_html(
    events: Sequence[TimelineEvent],
    src_uri: str,
    page_url: str,
    lang_attr: str = "",
    site_lang: str = "en",
) -> str:
    """The compact ``<ol class="regkb-doc-events">`` shown under a document's title.

    The undated event of a document's own date is left out (the page itself says the date
    is unknown); an undated repeal is kept, because that the document was repealed matters
    even when nobody knows since when. A list holding nothing but the document's own date,
    as most articles' would, is not shown: the metadata panel above it gives that date.
    """
    shown = [
        e
        for e in events
        if not (e.date is None and e.origin == "date" and e.subject.src_uri == src_uri)
    ]
    if not shown or (len(shown) == 1 and shown[0].origin == "date"):
        return ""
    items = "".join(_doc_event_item(e, src_uri, page_url) for e in shown)
    return (
        f'<ol class="regkb-doc-events"{lang_attr} aria-label="Events of this document" '
        "data-search-exclude data-pagefind-ignore>"
        + mark_text_languages(items, site_lang)
        + "</ol>"
    )


def term_timeline_years_html(
    events: Sequence[TimelineEvent],
    page_url: str,
    timeline_url: str | None,
    year_urls: dict[int, str],
) -> str:
    """A heavily used term's timeline: how many of the dated documents that mention it
    fall in each year, oldest first, each year linked to its page of the site's timeline
    when there is one (``year_urls``). The documents themselves are in the term's
    "Used in" table, with their dates."""
    counts: dict[int, int] = {}
    for event in events:
        if event.date is not None:
            counts[event.date.year] = counts.get(event.date.year, 0) + 1
    if not counts:
        return ""
    items = []
    for year, count in sorted(counts.items()):
        label = f"{year:04d}"
        if year in year_urls:
            label = f'<a href="{esc(link(year_urls[year], page_url))}">{label}</a>'
        items.append(
            f'<li>{label} <span class="regkb-event__count">{count:,} '
            f"document{'s' if count != 1 else ''}</span></li>"
        )
    total = sum(counts.values())
    return _term_section(
        f'<p class="regkb-term-timeline__summary">{total:,} dated documents mention this '
        "term, listed with their dates under <em>Used in</em>. By year:</p>"
        f'<ul class="regkb-term-timeline__years">{"".join(items)}</ul>',
        page_url,
        timeline_url,
    )


def _term_section(body: str, page_url: str, timeline_url: str | None) -> str:
    """The "On the timeline" section of a term page around ``body``, with a link to the
    site's timeline."""
    more = ""
    if timeline_url is not None:
        more = (
            f'<p class="regkb-timeline-links"><a href="{esc(link(timeline_url, page_url))}">'
            "Full timeline</a></p>"
        )
    return (
        f'<section class="regkb-term-timeline" aria-labelledby="{TERM_TIMELINE_ID}">'
        f'<h2 id="{TERM_TIMELINE_ID}">On the timeline</h2>{body}{more}</section>'
    )


def term_timeline_html(
    entries: Sequence[tuple[TimelineEvent, int]],
    page_url: str,
    timeline_url: str | None,
    cells: EventCells | None = None,
) -> str:
    """A glossary term's timeline: the dated documents that mention it, oldest first."""
    if not entries:
        return ""
    items = []
    for event, count in entries:
        mentions = f"{count} mention{'s' if count != 1 else ''}"
        items.append(
            event_item(
                event, page_url, f'<span class="regkb-event__count">{mentions}</span>', cells
            )
        )
    return _term_section(
        f'<ol class="regkb-timeline regkb-timeline--compact">{"".join(items)}</ol>',
        page_url,
        timeline_url,
    )
