"""Document -> page text: validated YAML front matter plus a sanitized Markdown body.

The front matter is validated with the one schema the site build uses
(:class:`plugins.schema.DocumentMeta`), so a page the scraper writes is a page the strict build
accepts. YAML is produced by ``yaml.safe_dump`` (never by string formatting: scraped titles hold
quotes, colons and ``#``) and read back to prove it round-trips to exactly the same values.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import yaml

from plugins.frontmatter import FrontMatterLoader, without_controls
from plugins.schema import validate_document
from scraper.document import Document
from scraper.extract import citations

__all__ = ["NormalizeError", "finalize", "front_matter", "render"]


class NormalizeError(ValueError):
    """A document cannot be written as a valid page; the message says which field and why."""


# Front-matter keys in the order editors read them; empty values are left out.
_ORDER = (
    "title",
    "kind",
    "date",
    "date_precision",
    "author",
    "issuers",
    "doc_number",
    "jurisdiction",
    "language",
    "translation_of",
    "site_name",
    "source_url",
    "tags",
    "summary",
    "in_force",
    "in_force_basis",
    "repeals",
    "amends",
    "cites",
    "events",
    "related",
)


def finalize(doc: Document) -> Document:
    """Facts that follow from others once hints are applied: the in-force date of a text that
    enters into force on issuance is its issue date, when (and only when) that is known."""
    if doc.in_force is None and doc.kind != "article":
        doc.in_force = citations.in_force_from_basis(doc.in_force_basis, doc.date)
    return doc


def _clean(value: Any) -> Any:
    """Drop empty values and strip text, recursively, so the YAML holds only what is known.
    Control characters go too: a page's ``<title>`` may hold ``&#7;``, and written as a YAML
    escape it would reach the site (whose build reports and drops it)."""
    if isinstance(value, str):
        return without_controls(value).strip() or None
    if isinstance(value, list):
        items = [_clean(v) for v in value]
        return [v for v in items if v not in (None, "", [], {})] or None
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})} or None
    return value


def front_matter(doc: Document) -> dict[str, Any]:
    """The validated front matter of ``doc`` as plain YAML-ready values, in editor order.

    Raises :class:`NormalizeError` naming every invalid field.
    """
    raw = {key: _clean(getattr(doc, key)) for key in _ORDER if key != "date_precision"}
    meta, errors = validate_document({k: v for k, v in raw.items() if v is not None})
    if errors or meta is None:
        reasons = "; ".join(f"{e.field}: {e.message}" for e in errors)
        raise NormalizeError(f"invalid document {doc.title[:60]!r}: {reasons}")
    dumped = meta.model_dump(mode="json", exclude_none=True)
    out: dict[str, Any] = {}
    for key in _ORDER:
        value = _clean(dumped.get(key))
        if value is not None:
            out[key] = value
    return out


def _dump(meta: dict[str, Any]) -> str:
    text = yaml.safe_dump(
        meta, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    if yaml.load(text, Loader=FrontMatterLoader) != meta:
        raise NormalizeError("front matter does not survive a YAML round trip")
    # MkDocs reads front matter with a plain safe loader: dates are dumped quoted, so it
    # must see the very same values.
    if yaml.safe_load(text) != meta:
        raise NormalizeError("front matter reads differently with a plain YAML loader")
    return text


# A heading id set by attr_list: only ``{#id}`` with a plain id is allowed through sanitizing.
_HEADING_ID_RE = re.compile(r"^(#{1,6} .*?) \{#([a-z][a-z0-9-]{0,80})\}[ \t]*$", re.M)


def _safe_body(body: str) -> str:
    """Sanitize the body, keeping ``{#article-3}`` heading ids.

    ``safe_markdown`` escapes every ``{...}`` attr_list, which is right for scraped text but
    would drop the anchors the notice parser sets. An id of lowercase letters, digits and
    hyphens on an ATX heading sets nothing but an id, so those are set aside and put back.
    """
    from scraper.sanitize import safe_markdown

    token = "regkbid" + secrets.token_hex(8)
    ids: list[str] = []

    def stash(m: re.Match[str]) -> str:
        ids.append(m.group(2))
        return f"{m.group(1)} {token}{len(ids) - 1}x"

    stashed = _HEADING_ID_RE.sub(stash, body)
    clean = safe_markdown(stashed)
    restored = re.sub(rf"{token}(\d+)x", lambda m: "{#" + ids[int(m.group(1))] + "}", clean)
    return restored.strip("\n") + "\n" if restored.strip() else ""


def body_text(doc: Document) -> str:
    """The body of ``doc``'s page as :func:`render` writes it (links between documents
    aside, which planning the run resolves)."""
    return _safe_body(doc.body)


def render(doc: Document) -> str:
    """The page text for ``doc`` (front matter + body), without the generated-hash stamp."""
    finalize(doc)
    meta = front_matter(doc)
    body = _safe_body(doc.body)
    return f"---\n{_dump(meta)}---\n\n{body}"
