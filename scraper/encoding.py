"""Turn the bytes of a fetched or saved page into text, choosing the right character set.

Order of evidence (as browsers do): byte-order mark, the HTTP ``charset``, a ``<meta>``
declaration in the first few kilobytes, then statistical detection (charset_normalizer).
A declaration is only believed if the bytes actually decode with it, because servers often
send a stale default. Chinese regulators still publish GB2312/GBK pages that use characters
only GB18030 has, so every GB declaration decodes as GB18030 (a strict superset).
Binary data (images, PDFs, archives) is refused instead of being turned into mojibake.
"""

from __future__ import annotations

import codecs
import re

from scraper.extract import ExtractError

__all__ = ["decode_html", "normalize_charset"]

BINARY_MESSAGE = "binary content, not a text page"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of common binary formats a web server may hand out instead of a page.
_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh")
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    # HTML treats these labels as windows-1252.
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
}
_META_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_SNIFF_BYTES = 4096
_DETECT_BYTES = 256 * 1024
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def normalize_charset(label: str | None) -> str | None:
    """The Python codec name for a declared charset label, or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # codecs.lookup canonicalizes "gbk" etc. itself; map its canonical names too.
    return _ALIASES.get(codec, codec)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes to text; ``declared`` is the charset from the HTTP Content-Type.

    Raises ``ExtractError`` for binary data.
    """
    if not data:
        return ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _check_text(data[len(bom) :].decode(codec, errors="replace"))
    head = data[:_SNIFF_BYTES]
    if any(head.startswith(magic) for magic in _MAGIC) or b"\x00" in data[:_DETECT_BYTES]:
        raise ExtractError(BINARY_MESSAGE)
    if not data.isascii():
        # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the labels say: legacy
        # encodings practically never form valid UTF-8 sequences by accident, while pages
        # re-saved as UTF-8 keep their old ``charset=gb2312`` meta all the time.
        try:
            return _check_text(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    candidates = [normalize_charset(declared), _meta_charset(head)]
    if candidates[0] in _ANY_BYTES and candidates[1] not in (None, *_ANY_BYTES):
        # ISO-8859-1 is many servers' default label, whatever the page: a page that names
        # its own charset (gb2312) knows better than a label any bytes satisfy.
        candidates.reverse()
    for candidate in candidates:
        if candidate is None:
            continue
        text = _try_declared(data, candidate)
        if text is not None:
            return _check_text(text)
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _check_text(data.decode(_detect(data), errors="replace"))


#: Labels every byte sequence decodes under: they prove nothing about the bytes.
_ANY_BYTES = frozenset({"cp1252", "latin_1", "iso8859-1"})


def _try_declared(data: bytes, codec: str) -> str | None:
    """Decode with a declared codec if that works; None means 'do not trust it'."""
    if codec in _ANY_BYTES:
        # Every byte decodes in these, so the label proves nothing: valid UTF-8 with
        # non-ASCII bytes is far more likely UTF-8 mislabelled by a server default.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        # A few stray bad bytes in an otherwise correct page are common; a wrong label
        # produces errors everywhere.
        text = data.decode(codec, errors="replace")
        return text if text.count("\ufffd") <= max(2, len(text) // 1000) else None
    except LookupError:
        return None


def _meta_charset(head: bytes) -> str | None:
    m = _META_RE.search(head)
    if not m:
        return None
    codec = normalize_charset(m.group(1).decode("ascii", errors="ignore"))
    # A page that says utf-16 (or utf-32) in an ASCII-readable <meta> cannot be either.
    # (Python names the codecs "utf-16", "utf-16-le", ...: with hyphens.)
    return "utf-8" if codec and codec.startswith(("utf-16", "utf-32")) else codec


def _detect(data: bytes) -> str:
    """Best statistical guess, or refuse the data as binary if nothing fits."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is None:
        raise ExtractError(BINARY_MESSAGE)
    return normalize_charset(best.encoding) or "utf-8"


def _check_text(text: str) -> str:
    """Refuse decoded 'text' that is mostly control characters (binary in disguise)."""
    sample = text[:_DETECT_BYTES]
    if sample and len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 100):
        raise ExtractError(BINARY_MESSAGE)
    return text
