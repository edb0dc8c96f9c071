"""Settings of the ``regkb-tags`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TagsConfig(Config):
    """Where the tag pages go and which page lists the tags."""

    enabled = c.Type(bool, default=True)
    # Folder under docs/ for the generated tag pages (tags/<slug>/).
    directory = c.Type(str, default="tags")
    # The page whose `<!-- material/tags -->` marker becomes the list of tags (Material
    # would list every tagged page under every tag there: megabytes on a large site).
    index = c.Type(str, default="tags.md")
