"""Settings of the ``regkb-search`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    """Which search engine answers the header search box, and how Pagefind is built."""

    # "material": Material's own search (one lunr index, downloaded whole on first use);
    # this plugin then does nothing. "pagefind": a chunked index that the browser fetches
    # piece by piece, for sites too large for one index file.
    # "auto": Pagefind when docs/ holds more than ``auto_pages`` Markdown pages (and the
    # Pagefind binary is installed; without it, a warning and Material's search), else
    # Material's.
    engine = c.Choice(("material", "pagefind", "auto"), default="material")
    # With engine "auto": the size above which Material's one index (about 9.5 MB at 1,000
    # documents, downloaded by every reader on their first page) gives way to Pagefind.
    auto_pages = c.Type(int, default=1000)
    # With engine "material": read the pages for Material's index with regkb's faster
    # tokenizer (plugins/search/material_index.py). The index is the same, byte for byte;
    # set false to let Material's own parser do it (after a Material upgrade, say).
    fast_index = c.Type(bool, default=True)
    # Folder of the Pagefind bundle inside site_dir.
    bundle_dir = c.Type(str, default="pagefind")
    # Extra jieba dictionary (one "word [freq] [tag]" a line) that keeps site terms such as
    # 稳定币 whole; Material's search plugin option of the same name is loaded too.
    jieba_dict_user = c.Optional(c.File(exists=True))
    # Results the header box shows at once (each costs one small fragment download).
    results = c.Type(int, default=10)
    # Words of context around the matched terms in each excerpt.
    excerpt_length = c.Type(int, default=24)
    # Pages per Pagefind index. Pagefind's indexer holds about a quarter of a megabyte per
    # page in memory (2.9 GB at 10,000 pages), so a larger site is indexed in shards of this
    # size, one after another, and the browser merges them (pagefind.mergeIndex).
    shard_size = c.Type(int, default=2000)
    # Keep Pagefind's own UI bundles (pagefind-ui.js etc.) next to the index; this site does
    # not use them, so they are removed unless someone wants them.
    keep_ui_files = c.Type(bool, default=False)
