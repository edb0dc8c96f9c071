"""Width and height on the site's own pictures, so the text does not move as they load.

A picture without ``width`` and ``height`` takes no room until its file has arrived; then
everything below it moves down (a layout shift: the reader loses the line, a tap lands on
the wrong link). The theme scales pictures to the column (``max-width: 100%; height:
auto``), so the two attributes only tell the browser the picture's proportions before it
loads; its shown size does not change.

Only pictures that are files of this site are measured: the scraper's kept pictures under
``assets/scraped-images/`` and an editor's own. Their headers are read with ``imagesize``
(a few bytes, once per file per build). Left as written: an ``<img>`` that already has a
width or a height (an editor's ``{ width="300" }``), a remote picture, and a file that cannot
be measured (SVG, a damaged header). ``imagesize`` does not read AVIF; its size is taken
from the file's ``ispe`` property here (see :func:`avif_size`).
"""

from __future__ import annotations

import posixpath
import re
import struct
from html import unescape
from urllib.parse import unquote, urlsplit

import imagesize
from mkdocs.structure.files import Files

__all__ = ["ImageSizes"]

# An <img> start tag as Python-Markdown and nh3 write it: attributes quoted, so a '>' can
# only end the tag outside quotes.
_IMG_RE = re.compile(
    r"<img\b((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>",
    re.IGNORECASE,
)
# One attribute of such a tag: its name and its value, in whichever quotes it has.
_ATTR_RE = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Formats measured: by imagesize, and AVIF by ``avif_size``. SVG is left out (its size is
# often a percentage or missing, and an SVG scales anyway).
_MEASURED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
# AVIF keeps its size in a box near the start of the file; this much is read to find it.
_AVIF_HEAD = 64 * 1024


class ImageSizes:
    """Adds ``width`` and ``height`` to ``<img>`` tags pointing at this build's files.

    One instance per build: sizes are cached by file, so a picture used on many pages is
    read once.
    """

    def __init__(self, files: Files) -> None:
        self._files = files
        self._sizes: dict[str, tuple[int, int] | None] = {}

    def add_to(self, html: str, page_url: str) -> str:
        """``html`` (of the page at ``page_url``) with sizes on the pictures it can measure."""
        if "<img" not in html and "<IMG" not in html:
            return html
        return _IMG_RE.sub(lambda match: self._sized(match, page_url), html)

    def _sized(self, match: re.Match[str], page_url: str) -> str:
        attributes = match[1]
        values = {
            name.lower(): unescape(a or b or c or "")
            for name, a, b, c in _ATTR_RE.findall(attributes)
        }
        if "width" in values or "height" in values or not values.get("src"):
            return match[0]
        size = self.size_of(values["src"], page_url)
        if size is None:
            return match[0]
        width, height = size
        return f'<img{attributes} width="{width}" height="{height}"{" /" if match[2] else ""}>'

    def size_of(self, src: str, page_url: str) -> tuple[int, int] | None:
        """Width and height in pixels of the site file ``src`` names (a URL relative to
        the page at ``page_url``), or ``None`` when it is not one this can measure."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None
        folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
        path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if path.startswith("../") or path == ".." or not path.lower().endswith(_MEASURED):
            return None
        if path not in self._sizes:
            self._sizes[path] = self._measure(path)
        return self._sizes[path]

    def _measure(self, src_uri: str) -> tuple[int, int] | None:
        file = self._files.get_file_from_path(src_uri)
        if file is None or file.abs_src_path is None:
            return None
        try:
            if src_uri.lower().endswith(".avif"):
                with open(file.abs_src_path, "rb") as stream:
                    width, height = avif_size(stream.read(_AVIF_HEAD)) or (-1, -1)
            else:
                width, height = imagesize.get(file.abs_src_path)
        except (OSError, ValueError, IndexError, TypeError, struct.error):  # damaged header
            return None
        if not (isinstance(width, int) and isinstance(height, int)):
            return None
        if not (0 < width <= 100_000 and 0 < height <= 100_000):
            return None
        return width, height


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """The ISO base media boxes between ``start`` and ``end``: (type, body start, body end)."""
    boxes = []
    while start + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, start)
        body = start + 8
        if size == 1:  # a 64-bit size follows the type
            (size,) = struct.unpack_from(">Q", data, body)
            body += 8
        elif size == 0:  # to the end of the file
            size = end - start
        if size < body - start or start + size > end:
            break  # a damaged box, or one cut off by the bytes read: stop here
        boxes.append((kind, body, start + size))
        start += size
    return boxes


def avif_size(head: bytes) -> tuple[int, int] | None:
    """Width and height of the AVIF whose first bytes are ``head``, from the image spatial
    extents (``ispe``) under ``meta/iprp/ipco``; the largest when there are several (a
    thumbnail or the tiles of a grid have their own, smaller). ``None`` when not found."""
    # (box type wanted, bytes of the box's own fields before its children)
    path = ((b"meta", 4), (b"iprp", 0), (b"ipco", 0))  # meta has a version and flags
    spans = [(0, len(head))]
    for wanted, skip in path:
        spans = [
            (body + skip, box_end)
            for start, end in spans
            for kind, body, box_end in _boxes(head, start, end)
            if kind == wanted
        ]
    sizes = [
        struct.unpack_from(">II", head, body + 4)  # after the ispe's version and flags
        for start, end in spans
        for kind, body, box_end in _boxes(head, start, end)
        if kind == b"ispe" and box_end - body >= 12
    ]
    return max(sizes, key=lambda size: size[0] * size[1]) if sizes else None
