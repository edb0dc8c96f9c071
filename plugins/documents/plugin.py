"""Validate every document page against the schema and build the site model once.

Runs first in ``on_files`` (high priority) so the glossary and timeline plugins find the
model ready when their own ``on_files`` runs.
"""

from __future__ import annotations

import logging
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from plugins import frontmatter
from plugins.documents.config import DocumentsConfig
from plugins.model import DocumentPage, SiteModel
from plugins.schema import validate_document

log = logging.getLogger("mkdocs.plugins.regkb.documents")


class DocumentsPlugin(BasePlugin[DocumentsConfig]):
    """Front matter -> validated ``DocumentMeta`` -> ``SiteModel``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.model: SiteModel | None = None

    def is_document_file(self, file: File) -> bool:
        """A Markdown page inside one of the document sections, other than its index."""
        if not file.is_documentation_page():
            return False
        top = file.src_uri.split("/", 1)[0]
        return top in self.config.sections and posixpath.basename(file.src_uri) not in (
            "index.md",
            "README.md",
        )

    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.model = SiteModel()
        if not self.config.enabled:
            return files
        for file in files.documentation_pages():
            in_section = self.is_document_file(file)
            try:
                text = file.content_string
            except (OSError, ValueError) as exc:
                log.warning(f"{file.src_uri}: cannot read page: {exc}")
                continue
            fm = frontmatter.split(text)
            if fm.error:
                if in_section:
                    where = f"{file.src_uri}:{fm.error_line}" if fm.error_line else file.src_uri
                    log.warning(f"{where}: {fm.error}")
                continue
            if not in_section and "kind" not in fm.meta:
                continue
            meta, errors = validate_document(fm.meta)
            if errors:
                # Line numbers cost a second YAML pass, so only errors pay for them.
                _, errors = validate_document(fm.meta, fm.field_lines())
                for err in errors:
                    log.warning(err.format(file.src_uri))
                continue
            assert meta is not None
            self.model.add(DocumentPage(file, meta))
        return files
