"""Width and height on the site's own pictures, so the text does not move as they load.

A picture without ``width`` and ``height`` takes no room until its file has arrived; then
everything below it moves down (a layout shift: the reader loses the line, a tap lands on
the wrong link). The theme scales pictures to the column (``max-width: 100%; height:
auto``), so the two attributes only tell the browser the picture's proportions before it
loads; its shown size does not change.

Only pictures that are files of this site are measured: the scraper's kept pictures under
``assets/scraped-images/`` and an editor's own. Their headers are read with Pillow (the
file is opened, not decoded: a fraction of a millisecond, once per file per build). Left as
written: an ``<img>`` that already has a width or a height (an editor's ``{ width="300" }``),
a remote picture, and a file that cannot be measured (SVG, a damaged header).

A photo straight from a camera is often stored sideways with an EXIF "orientation" that
says to turn it; browsers turn it before showing it, so its shown width is the stored
height. Sizes are given as the picture is shown: turned for JPEG (every current browser
applies EXIF orientation to it) and AVIF (whose rotation is a property of the format, which
Pillow reports as an orientation). Browsers disagree for PNG and WebP (Chromium turns a PNG
and not a WebP), so a PNG or WebP that says to turn it by a quarter gets no size at all:
better a picture that moves the text once than one drawn at the wrong proportions.
"""

from __future__ import annotations

import posixpath
import re
import warnings
from html import unescape
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files
from PIL import Image

__all__ = ["ImageSizes"]

# An <img> start tag as Python-Markdown and nh3 write it: attributes quoted, so a '>' can
# only end the tag outside quotes.
_IMG_RE = re.compile(
    r"<img\b((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>",
    re.IGNORECASE,
)
# One attribute of such a tag: its name and its value, in whichever quotes it has.
_ATTR_RE = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Files measured, by name and then by what Pillow finds in them (a ".png" that holds a
# JPEG is read as the JPEG it is). SVG is left out: its size is often a percentage or
# missing, and an SVG scales anyway.
_MEASURED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "AVIF")
# EXIF orientation (tag 0x0112) values that turn the picture by a quarter: shown, its width
# and height are swapped. 2, 3 and 4 mirror or turn it by a half, which keeps them.
_ORIENTATION = 0x0112
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
# Formats whose orientation every current browser applies (see the module's docstring).
_TURNED_BY_BROWSERS = frozenset({"JPEG", "AVIF"})


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
        try:
            parts = urlsplit(src)
        except ValueError:  # "http://[oops/x.png" in an editor's raw HTML: not a site file
            return None
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
        return picture_size(file.abs_src_path)


def picture_size(path: str) -> tuple[int, int] | None:
    """Width and height of the picture at ``path`` as a browser shows it (EXIF orientation
    applied), or ``None`` when it cannot be measured or browsers would disagree."""
    try:
        with warnings.catch_warnings():
            # A huge picture is only measured here, never decoded: its size check is moot.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=_FORMATS) as picture:
                width, height = picture.size
                kind = picture.format
                raw_exif = picture.info.get("exif")
                orientation = _orientation(raw_exif) if raw_exif else 1
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return None  # not a picture Pillow reads, or a damaged header
    if not (0 < width <= 100_000 and 0 < height <= 100_000):
        return None
    if orientation in _QUARTER_TURNS:
        if kind not in _TURNED_BY_BROWSERS:
            return None
        width, height = height, width
    return width, height


def _orientation(raw_exif: bytes) -> int:
    """The EXIF orientation in ``raw_exif`` (1, as stored, when it has none or is damaged)."""
    exif = Image.Exif()
    try:
        exif.load(raw_exif)
        value = exif.get(_ORIENTATION, 1)
    except (OSError, ValueError, SyntaxError, EOFError, KeyError, TypeError):
        return 1
    return value if isinstance(value, int) else 1
