"""The ``regkb-search`` plugin: Material's search for small sites, Pagefind for large ones."""
