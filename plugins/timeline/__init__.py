"""The ``regkb-timeline`` plugin: every dated event of the site, as pages, a feed and JSON."""
