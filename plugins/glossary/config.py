"""Settings of the ``regkb-glossary`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GlossaryConfig(Config):
    """Where the terms live and how eagerly their mentions are linked."""

    enabled = c.Type(bool, default=True)
    # Folder under docs/ holding one Markdown file per term (its index.md is the landing page).
    directory = c.Type(str, default="glossary")
    # "first": link only the first linkable mention of each term on a page (readable prose);
    # "every": link every mention.
    link = c.Choice(("first", "every"), default="first")
    # Pages (globs on the source path, e.g. "contributing.md") whose text is never linked.
    exclude = c.ListOfItems(c.Type(str), default=[])
    # Elements with one of these classes are never linked inside (attr_list `{ .no-glossary }`).
    skip_classes = c.ListOfItems(c.Type(str), default=["no-glossary"])
    # Append the generated A-Z index to the glossary's index.md (or generate the page).
    index = c.Type(bool, default=True)
    # Ship and include the plugin's own stylesheet.
    css = c.Type(bool, default=True)
