"""Settings of the ``regkb-documents`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DocumentsConfig(Config):
    """Where documents live, how they are listed and checked."""

    enabled = c.Type(bool, default=True)
    # Ship and include the plugin's stylesheet (panel, listings, back-links) and script
    # (keyboard access to wide tables, Escape dismissing tooltips).
    assets = c.Type(bool, default=True)
    # Folders (under docs/) whose pages are documents and must follow the schema;
    # their index.md is a section landing page, not a document.
    sections = c.ListOfItems(c.Type(str), default=["news", "regulations"])
    # Paginated listings per section and per year (reached instead of a sidebar entry
    # per document, which does not scale).
    listings = c.Type(bool, default=True)
    page_size = c.Type(int, default=50)
    # The newest documents listed at the end of the home page (0: none).
    home_latest = c.Type(int, default=5)
    # Clean every document's and glossary term's HTML with an allow-list (no script, iframe, forms,
    # event handlers, javascript: URLs). Only turn off for trusted, hand-written sites.
    sanitize = c.Type(bool, default=True)
    # Give every picture that is a file of the site its width and height (read from the
    # file), so the text does not move down as pictures load.
    image_sizes = c.Type(bool, default=True)
    # The page holding Material's tags index; tag names in the panel link there.
    tags_page = c.Type(str, default="tags.md")
