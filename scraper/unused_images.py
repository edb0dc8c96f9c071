"""Pictures the scraper kept that no page shows any more.

Pictures are stored by content (:class:`scraper.images.ImageStore`), one file shared by
every page that shows it, so a run never knows whether a picture it stops using is still
someone else's: re-scraping a page whose photo changed, or deleting a document, leaves its
old pictures in ``docs/assets/scraped-images/``, published with the site. This module finds
them by reading every page under ``docs/`` for the pictures it names.

Only files named the way the store names them (24 hex digits and an image extension) are
candidates: anything else an editor put in that folder is not the scraper's to remove.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scraper.images import IMAGE_DIR, STORED_NAME
from scraper.write import is_inside

__all__ = ["ImageUse", "find_unused_images"]

_STORED_NAME = re.compile(STORED_NAME)
# Where a page can name a picture: a Markdown or HTML page, a style sheet, a template, a
# script, a data or manifest file, an SVG drawing.
_PAGE_SUFFIXES = frozenset(
    (
        ".md", ".markdown", ".html", ".htm", ".css", ".yml", ".yaml", ".js", ".mjs", ".json",
        ".webmanifest", ".svg", ".xml", ".txt", ".jinja", ".j2",
    )
)  # fmt: skip
# The theme folder of the site's own templates (``theme: custom_dir: overrides``).
_CUSTOM_DIR = re.compile(r"""^\s*custom_dir\s*:\s*["']?([^"'\s#]+)""", re.M)
_REFERENCE = re.compile(re.escape(IMAGE_DIR.rsplit("/", 1)[-1]) + f"/({STORED_NAME})")


@dataclass
class ImageUse:
    """The stored pictures of a docs directory, by whether a page names them."""

    used: list[Path] = field(default_factory=list)
    unused: list[Path] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # pages that could not be read

    @property
    def unused_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.unused)


def find_unused_images(docs_dir: Path, config_file: Path | None = None) -> ImageUse:
    """Sort the scraper's stored pictures under ``docs_dir`` into used and unused.

    Besides the pages under ``docs_dir``, the site's ``config_file`` (a logo or favicon in
    ``mkdocs.yml``) and the theme folder it names (``custom_dir``: templates) may show a
    picture. A page that cannot be read (a broken encoding, a permission) makes the answer
    unsure: it is listed in ``unreadable``, and callers should then remove nothing."""
    use = ImageUse()
    folder = docs_dir / IMAGE_DIR
    if not folder.is_dir():
        return use
    if not is_inside(folder, docs_dir):
        # A planted link: the files it leads to are not the site's to remove.
        use.unreadable.append(f"{folder}: a link to outside {docs_dir}; not read")
        return use
    stored = sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and not path.is_symlink() and _STORED_NAME.fullmatch(path.name)
    )
    if not stored:
        return use
    named: set[str] = set()
    pages = sorted(docs_dir.rglob("*"))
    if config_file is not None:
        pages.append(config_file)
        text = _read(config_file, use)
        for folder_name in _CUSTOM_DIR.findall(text or ""):
            pages += sorted((config_file.parent / folder_name).rglob("*"))
    for page in pages:
        if page.suffix.lower() not in _PAGE_SUFFIXES or not page.is_file():
            continue
        text = _read(page, use)
        if text is not None:
            named.update(_REFERENCE.findall(text))
    for path in stored:
        (use.used if path.name in named else use.unused).append(path)
    return use


def _read(page: Path, use: ImageUse) -> str | None:
    """The text of ``page``, or None with the reason in ``use.unreadable``."""
    try:
        return page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        use.unreadable.append(f"cannot read {page}: {getattr(exc, 'strerror', None) or exc}")
        return None
