"""The ``regkb-documents`` plugin: validates document pages and builds the site model."""
