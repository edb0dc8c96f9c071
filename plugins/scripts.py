"""Which script a text is written in: the language guess both extractors make, the
character classes the capture extractor measures lines with, and the runs of East Asian
script inside a name that pages mark with their language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["has_east_asian", "is_cjk", "is_wide", "script_runs", "text_language"]

_HAN = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
#: Ideographic punctuation and full-width forms belong to the run they sit in.
_EAST_ASIAN = f"{_HAN}{_KANA}{_HANGUL}\u3000-\u303f\uff00-\uffef"
#: A run of East Asian script, with what it holds between its characters but letters of
#: another script: Korean's spaces, and the digits and ASCII punctuation of 银发〔2026〕42号
#: (a number inside a Chinese name is read in Chinese).
_RUN_RE = re.compile(f"[{_EAST_ASIAN}]+(?:[0-9\\s!-/:-@\\[-`{{-~]+[{_EAST_ASIAN}]+)*")
_LETTER_RE = re.compile(f"[{_HAN}{_KANA}{_HANGUL}]")
_KANA_RE = re.compile(f"[{_KANA}]")
_HANGUL_RE = re.compile(f"[{_HANGUL}]")
_HAN_RE = re.compile(f"[{_HAN}]")


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


#: Every byte but the first bytes of the UTF-8 of U+1000-U+1FFF (Hangul jamo among them),
#: U+3000-U+DFFF (kana, Chinese characters, Hangul), U+F000-U+FFFF (compatibility
#: ideographs, full-width forms) and U+10000 and up.
_NOT_LEAD_BYTE = bytes(
    sorted(set(range(256)) - {0xE1, *range(0xE3, 0xEE), 0xEF, *range(0xF0, 0xF5)})
)


def has_east_asian(text: str) -> bool:
    """Whether ``text`` holds a Chinese character, kana or Hangul: what lets a page without
    any skip looking for runs. A page's HTML is rarely ASCII alone (Material's permalinks
    are "¶"), so ``str.isascii`` cannot tell; a regular expression over the whole page
    reads about 100 MB/s (0.15 ms for a page of 20 kB, every page of the site). Encoding
    it and dropping every byte that cannot begin such a character runs about six times
    faster, and leaves nothing for a page in Latin script with its curly quotes and dashes
    (U+2000-U+2FFF); the expression then reads only pages where something is left."""
    if text.isascii() or not text.encode("utf-8", "surrogatepass").translate(None, _NOT_LEAD_BYTE):
        return False
    return _LETTER_RE.search(text) is not None


def script_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, language)`` of each run of Chinese, Japanese or Korean script in
    ``text``: "e-CNY 数字人民币" has one, "zh" from 6 to 11. A run with kana is Japanese,
    one with Hangul Korean, one of Chinese characters alone Chinese (a Japanese name in
    kanji alone reads as Chinese: the script cannot tell). Punctuation alone is no run."""
    for match in _RUN_RE.finditer(text):
        run = match.group()
        if _KANA_RE.search(run):
            lang = "ja"
        elif _HANGUL_RE.search(run):
            lang = "ko"
        elif _HAN_RE.search(run):
            lang = "zh"
        else:
            continue
        yield match.start(), match.end(), lang
