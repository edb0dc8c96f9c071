"""Images of scraped pages, kept in the site instead of lost or hotlinked.

A page saved with a browser's "Save page as..., complete" keeps its pictures in a folder
beside it (``Page_files/photo.jpg``) and points at them with relative paths. Those paths
mean nothing once the text is in ``docs/``, so before this module such images were dropped
(no base URL) or, worse, resolved against the page's canonical URL into addresses that do
not exist. Remote images stay on their publishers' servers unless asked for: then a reader's
browser never contacts a third party, and the picture outlives the original page.

Every image is untrusted data, so:

* only raster formats recognised by their first bytes are kept (PNG, JPEG, GIF, WebP, AVIF),
  whatever the file name or Content-Type says. SVG is refused: opened on its own it is a
  document that can run script on the site's origin;
* a local image is read only from inside the folder that holds the saved page (after
  resolving ``..`` and symbolic links), so a hostile page cannot copy other files into the
  site; no more than ``MAX_IMAGES`` per source and ``MAX_IMAGE_BYTES`` per image;
* each image is written once under ``docs/assets/scraped-images/`` with a name made from its
  content's hash: the same picture used by two pages is one file, a name can never point at
  other bytes, and nothing an editor wrote there is overwritten.

The extractor asks :class:`ImageResolver` for every ``<img>`` it keeps; the answer is the
image's path under ``docs/`` (``assets/scraped-images/<hash>.png``), which the planner turns into a
link relative to each page (:func:`relink`), or an absolute URL to link as before, or
``None`` to keep only the alternative text. A picture that cannot be kept is a warning in
the run's report, never a failed document.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from scraper.write import atomic_write, is_inside

if TYPE_CHECKING:
    from scraper.fetch import Fetcher

__all__ = [
    "IMAGE_DIR",
    "STORED_NAME",
    "ImageError",
    "ImageMode",
    "ImageResolver",
    "ImageStore",
    "image_type",
    "relink",
]

#: Where kept images go, relative to the docs directory.
IMAGE_DIR = "assets/scraped-images"
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGES = 200

# First bytes of each kept format -> the file extension it is stored with.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpg"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
)
#: The name :class:`ImageStore` gives a file (its content's hash and kept format), as a
#: pattern: what ``regkb prune-images`` may remove and looks for in pages.
STORED_NAME = r"[0-9a-f]{24}\.(?:png|jpg|gif|webp|avif)"
# An image path this module hands out, as it appears in a document's Markdown.
_KEPT_RE = re.compile(rf"\]\(({re.escape(IMAGE_DIR)}/{STORED_NAME})\)")


class ImageMode(StrEnum):
    """What the scraper does with a page's images (``regkb scrape --images``)."""

    #: Keep the images saved beside a saved page; link remote ones where they are.
    local = "local"
    #: Also download remote images into the site.
    download = "download"
    #: Keep no image, only its alternative text.
    none = "none"


class ImageError(Exception):
    """This image is not kept; the message says why, in one line."""


def image_type(data: bytes) -> str | None:
    """The file extension for ``data`` when it is a kept raster format, else ``None``."""
    for signature, offset, ext in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "avif"
    return None


@dataclass
class ImageStore:
    """Content-addressed image files under ``<docs>/assets/scraped-images/``."""

    docs_dir: Path
    dry_run: bool = False
    #: Files this run wrote (or, in a dry run, would write).
    written: list[Path] = field(default_factory=list)

    def add(self, data: bytes) -> str:
        """Store ``data``; its path under the docs directory. Raises :class:`ImageError`."""
        if len(data) > MAX_IMAGE_BYTES:
            raise ImageError(f"over the {MAX_IMAGE_BYTES // 10**6} MB limit")
        ext = image_type(data)
        if ext is None:
            raise ImageError(_not_an_image(data))
        name = f"{hashlib.sha256(data).hexdigest()[:24]}.{ext}"
        relative = f"{IMAGE_DIR}/{name}"
        path = self.docs_dir / IMAGE_DIR / name
        if not is_inside(path, self.docs_dir):
            raise ImageError(f"{path} is outside {self.docs_dir} (a symbolic link?); not written")
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise ImageError(f"{path} is not a regular file; not replaced")
        if path.exists():
            if path.read_bytes() != data:
                raise ImageError(f"{path} exists with other content; not replaced")
            return relative
        if path not in self.written:
            self.written.append(path)
        if not self.dry_run:
            try:
                atomic_write(path, data)
            except OSError as exc:
                raise ImageError(f"cannot write {path}: {exc.strerror or exc}") from None
        return relative


def _not_an_image(data: bytes) -> str:
    head = data[:256].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        return "SVG is not kept (it can carry script)"
    if not data:
        return "empty file"
    return "not a PNG, JPEG, GIF, WebP or AVIF image"


@dataclass
class ImageResolver:
    """Decides, for each ``<img>`` of one source, what its Markdown points at.

    ``page_file`` is the saved page's path for a file source: its folder is the only place
    local images are read from. A relative path with no file there (a page saved as "HTML
    only") is resolved against the page's base URL, as links are.
    """

    mode: ImageMode
    store: ImageStore
    page_file: Path | None = None
    fetcher: Fetcher | None = None
    warn: Callable[[str], None] = lambda _message: None
    _seen: dict[str, str | None] = field(default_factory=dict)
    _count: int = 0
    _missing: list[str] = field(default_factory=list)

    def __call__(self, src: str, base: str | None) -> str | None:
        """The destination for an image written ``src`` in the page (whose links resolve
        against ``base``), or ``None`` to keep only its alternative text."""
        src = src.strip()
        if self.mode is ImageMode.none or not src or src.startswith("data:"):
            return None
        key = f"{base}\n{src}"
        if key not in self._seen:
            answer = self._seen[key] = self._resolve(src, base)
            if answer is not None:  # converted twice (a notice's parts): keep the answer
                self._seen[f"{base}\n{answer}"] = answer
        return self._seen[key]

    def _resolve(self, src: str, base: str | None) -> str | None:
        try:
            parts = urlsplit(src)
            url = urljoin(base, src) if base else src
            scheme = urlsplit(url).scheme.lower()
        except ValueError:  # "http://[oops/x.png": no address to take a picture from
            return None
        if not parts.scheme and not parts.netloc and self.page_file is not None:
            local = self._local_file(unquote(parts.path))
            if local is not None:
                return self._take(f"{src!r} of {self.page_file}", local)
            if base is None:
                self._missing.append(src)
                return None
        if scheme not in ("http", "https"):
            return None
        if self.mode is ImageMode.download and self.fetcher is not None:
            kept = self._take(url, lambda: self._fetch(url))
            if kept is not None:
                return kept
        return url  # linked where it is, as before

    def finish(self) -> None:
        """Report, in one warning, the pictures of the page that were nowhere to be found
        (a page saved without its pictures names them all)."""
        if not self._missing:
            return
        names = ", ".join(repr(src) for src in self._missing[:3])
        more = len(self._missing) - 3
        count = len(self._missing)
        self.warn(
            f"{self.page_file}: {count} picture{'s' * (count != 1)} not kept: not in the page's "
            f"folder, and the page gives no URL to resolve a path against: {names}"
            + (f" and {more} more" if more > 0 else "")
        )
        self._missing = []

    def _local_file(self, relative: str) -> Callable[[], bytes] | None:
        """A reader for the file ``relative`` names in the saved page's folder, or ``None``
        when there is none there (absolute paths and ``..`` out of the folder included)."""
        assert self.page_file is not None
        if not relative or relative.startswith("/"):
            return None
        folder = self.page_file.resolve().parent
        path = (folder / relative).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return None

        def read() -> bytes:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                raise ImageError(f"over the {MAX_IMAGE_BYTES // 10**6} MB limit")
            return path.read_bytes()

        return read

    def _fetch(self, url: str) -> bytes:
        assert self.fetcher is not None
        from scraper.fetch import FetchError

        try:
            return self.fetcher.get_image(url).content
        except FetchError as exc:
            raise ImageError(str(exc).split("\n", 1)[0]) from None

    def _take(self, where: str, read: Callable[[], bytes]) -> str | None:
        """Read and store one image; ``None`` (with a warning) when it is not kept."""
        if self._count >= MAX_IMAGES:
            self.warn(f"image {where}: more than {MAX_IMAGES} images in one source; not kept")
            return None
        self._count += 1
        try:
            return self.store.add(read())
        except ImageError as exc:
            self.warn(f"image {where}: {exc}")
        except OSError as exc:
            self.warn(f"image {where}: cannot read it ({exc.strerror or exc})")
        return None


def relink(markdown: str, page: str) -> str:
    """``markdown`` with kept images' paths relative to ``page`` (its path under docs/)."""
    folder = posixpath.dirname(page) or "."
    return _KEPT_RE.sub(lambda m: f"]({posixpath.relpath(m[1], folder)})", markdown)
