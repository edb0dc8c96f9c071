"""Settings of the ``regkb-documents`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DocumentsConfig(Config):
    """Where documents live and how strictly their front matter is checked."""

    enabled = c.Type(bool, default=True)
    # Folders (under docs/) whose pages are documents and must follow the schema;
    # their index.md is a section landing page, not a document.
    sections = c.ListOfItems(c.Type(str), default=["news", "regulations"])
