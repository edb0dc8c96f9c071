"""The ``Document``: what every extractor produces and the normalizer consumes.

Extractors (HTML pages, text captures, notices) fill what their source gives and leave the
rest empty; nothing downstream may invent a missing value. Field names match the
front-matter schema in ``plugins.schema`` so normalization is a validation, not a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Document:
    """One document extracted from a source, with a Markdown body."""

    title: str
    kind: str = "article"
    body: str = ""  # Markdown, never raw HTML
    date: str | None = None  # partial ISO text: "2026", "2026-02", "2025-11-11 13:30:07"
    author: str | None = None
    issuers: list[str] = field(default_factory=list)
    source_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    jurisdiction: str | None = None
    tags: list[str] = field(default_factory=list)
    doc_number: str | None = None
    cites: list[str] = field(default_factory=list)
    repeals: list[str] = field(default_factory=list)
    amends: list[str] = field(default_factory=list)
    translation_of: str | None = None  # the original's number or path (an editor's hint)
    in_force: str | None = None
    in_force_basis: str | None = None
    summary: str | None = None
    related: list[dict[str, str]] = field(default_factory=list)  # {title, summary[, url]}
    events: list[dict[str, Any]] = field(default_factory=list)  # {date, kind, label, ...}
    canonical_url: str | None = None
    # Where it was read from (a path or URL): recorded for provenance, not shown as source_url.
    origin: str | None = None
