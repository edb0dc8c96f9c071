"""File-name slugs for generated documents.

A slug becomes part of a path under ``docs/``, and its text comes from scraped, untrusted
titles. So a slug is built from an allow-list (lowercase ASCII letters, digits, single
hyphens) rather than by removing known-bad characters: ``..``, ``/``, ``\\``, drive letters and
control characters cannot survive it. Windows reserved device names (``CON``, ``NUL``...) are
suffixed because a file named ``con.md`` cannot be created or checked out on Windows.
"""

from __future__ import annotations

import re
import unicodedata

from text_unidecode import unidecode

__all__ = ["MAX_SLUG_LENGTH", "number_slug", "slugify"]

MAX_SLUG_LENGTH = 60
FALLBACK_SLUG = "document"

_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
# A Chinese document number: issuer abbreviation, year in brackets, serial number and 号
# ("银发〔2021〕237号", "中国人民银行公告〔2017〕第3号").
_CHINESE_NUMBER_RE = re.compile(
    r"^\s*(?P<prefix>[\u4e00-\u9fff]+)\s*[〔［\[（(]\s*(?P<year>\d{4})\s*[〕］\]）)]"
    r"\s*第?\s*(?P<serial>\d+)\s*号\s*$"
)
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def _ascii(text: str) -> str:
    """Transliterate to ASCII: accents are dropped, CJK becomes pinyin-like words."""
    text = unicodedata.normalize("NFKC", text)
    return unidecode(text)


def _cut(slug: str, limit: int) -> str:
    """Cut at the last hyphen at or before ``limit`` so no word is chopped in half; a single
    word longer than the limit is cut hard."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    if cut.endswith("-"):
        return cut.rstrip("-")
    head = cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]
    return head.rstrip("-")


def slugify(text: str | None, *, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A safe, short, ASCII file-name stem for ``text``.

    The result matches ``[a-z0-9]+(-[a-z0-9]+)*``, is at most ``max_length`` characters, is
    never empty (``document`` stands in for text with no letters or digits) and is never a
    Windows reserved device name.
    """
    raw = _ascii(text or "").lower()
    slug = _NON_ALNUM_RE.sub("-", raw).strip("-")
    slug = _cut(slug, max(1, max_length))
    if not slug:
        slug = FALLBACK_SLUG
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-doc"
    return slug


def number_slug(number: str, *, max_length: int = MAX_SLUG_LENGTH) -> str:
    """The slug of a document number. A Chinese number reads as its English rendering
    does: "银发〔2021〕237号" gives ``yinfa-2021-no-237``, as "Yinfa [2021] No. 237" does,
    where transliterating it letter by letter gave ``yin-fa-2021-237hao``. Any other
    number is slugified as text."""
    m = _CHINESE_NUMBER_RE.match(unicodedata.normalize("NFKC", number))
    if m is None:
        return slugify(number, max_length=max_length)
    issuer = _NON_ALNUM_RE.sub("", _ascii(m["prefix"]).lower())
    return slugify(f"{issuer} {m['year']} no {m['serial']}", max_length=max_length)
