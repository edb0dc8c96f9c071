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


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def text_language(text: str) -> str | None:
    """``zh`` when Chinese characters dominate the letters, ``ja`` when they come with
    kana (Japanese writes its grammar in kana between kanji), ``ko`` for Hangul, ``en``
    when Latin letters do; None when nothing dominates."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    total = len(letters)
    kana = sum(1 for ch in letters if _is_kana(ch))
    han = sum(1 for ch in letters if is_cjk(ch))
    if (han + kana) / total > 0.3:
        return "ja" if kana / total > 0.05 else "zh"
    if sum(1 for ch in letters if _is_hangul(ch)) / total > 0.3:
        return "ko"
    latin = sum(1 for ch in letters if ch.isascii())
    return "en" if latin / total > 0.8 else None
