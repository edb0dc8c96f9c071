"""Which script a text is written in: the language guess both extractors make, and the
character classes the capture extractor measures lines with."""

from __future__ import annotations

import unicodedata

__all__ = ["is_cjk", "is_wide", "text_language"]


def is_cjk(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility ideographs)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_wide(ch: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese kana
    and kanji, Korean, full-width forms): a sentence in it takes fewer characters."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def text_language(text: str) -> str | None:
    """``zh`` when Chinese characters dominate the letters, ``en`` when Latin letters do."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    if sum(1 for ch in letters if is_cjk(ch)) / len(letters) > 0.3:
        return "zh"
    latin = sum(1 for ch in letters if ch.isascii())
    return "en" if latin / len(letters) > 0.8 else None
