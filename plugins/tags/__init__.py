"""The ``regkb-tags`` plugin: a page per tag, and a tags page that lists the tags."""
