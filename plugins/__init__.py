"""MkDocs plugins of regkb: document schema and site model, glossary, timeline."""
