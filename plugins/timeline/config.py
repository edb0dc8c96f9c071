"""Settings of the ``regkb-timeline`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TimelineConfig(Config):
    """Which timeline outputs to produce; each can be switched off on its own."""

    enabled = c.Type(bool, default=True)
    # One timeline page per jurisdiction (timeline/jurisdiction/<code>/) and per tag
    # (timeline/tag/<slug>/), linked from timeline/.
    per_jurisdiction = c.Type(bool, default=True)
    per_tag = c.Type(bool, default=True)
    # A timeline page with more events than this (the whole site's, a jurisdiction's or a
    # tag's) lists its years instead, with their counts, and each year's events go on a page
    # of their own: <page>/<year>/, and <page>/date-unknown/ for events without a date. At
    # thousands of documents one page of every event is megabytes, and the theme's scripts
    # wait seconds for the browser to lay it out. 0 keeps every page whole.
    max_events_per_page = c.Type(int, default=500)
    # A compact list of a document's own events right after its title.
    document_events = c.Type(bool, default=True)
    # A small timeline of the documents mentioning a term, on each glossary term page.
    glossary = c.Type(bool, default=True)
    # A term mentioned by more dated documents than this gets their count per year instead
    # of one line each: its "Used in" table already lists every one of them with its date,
    # and a term used across thousands of documents made a page of megabytes that listed
    # them twice. 0 always lists them one by one.
    glossary_max_events = c.Type(int, default=200)
    # Machine-readable outputs at the site root.
    json = c.Type(bool, default=True)
    feed = c.Type(bool, default=True)
    # Newest documents in feed.xml; 0 keeps every dated document.
    feed_entries = c.Type(int, default=50)
