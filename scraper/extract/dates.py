"""Dates as pages and notices write them: ``2025/11/11 13:30:07``, ``2026年3月1日``,
``二〇二六年三月一日``,
``11 November 2025``, ``Nov 11, 2025``, ``1er mars 2026``, ``24. November 2017``, ``24 de
noviembre de 2017``; read into partial ISO text, never guessed."""

from __future__ import annotations

import re

__all__ = ["NUM_DATE_RE", "WORD_DATE_RE", "holds_date", "parse_date"]

NUM_DATE_RE = re.compile(
    r"(?P<y>\d{4})[/.\-年](?P<m>\d{1,2})[/.\-月](?P<d>\d{1,2})日?"
    r"(?:[ T,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)
# Month names in the languages of the regulators and news sites this site reads: English,
# French, German, Spanish, Italian, Portuguese, Dutch (short forms in English only).
_MONTH_NAMES = [
    "january jan janvier januar enero gennaio janeiro januari",
    "february feb février fevrier februar febrero febbraio fevereiro februari",
    "march mar mars märz maerz marzo março maart",
    "april apr avril abril aprile",
    "may mai mayo maggio maio mei",
    "june jun juin juni junio giugno junho",
    "july jul juillet juli julio luglio julho",
    "august aug août aout agosto augustus",
    "september sep sept septembre septiembre setiembre settembre setembro",
    "october oct octobre oktober octubre ottobre outubro",
    "november nov novembre noviembre novembro",
    "december dec décembre decembre dezember diciembre dicembre dezembro",
]
_MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
WORD_DATE_RE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:\.|er|º)?\s+(?:de\s+)?(?P<m1>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?"
    r"(?P<y1>\d{4})|(?P<m2>[^\W\d_]{3,10})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))"
)


# "2/26/2015" (a US page) or "26/2/2015": read only when one of the two numbers cannot be a
# month; "3/4/2015" is the 4th of March in one country and the 3rd of April in another.
_SLASH_DATE_RE = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")


# "二〇二六年二月六日": the way older Chinese official documents sign, the year digit by
# digit, month and day as numbers ("十二", "二十六").
_HAN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
               "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_HAN_DATE_RE = re.compile(
    r"(?P<y>[〇零○ＯO一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
    r"(?P<d>[一二三四五六七八九十]{1,3})日"
)


def _han_number(text: str) -> int:
    """ "六" 6, "十" 10, "十二" 12, "二十" 20, "三十一" 31."""
    if "十" not in text:
        return _HAN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_HAN_DIGITS.get(tens, 0) if tens else 1) * 10 + (
        _HAN_DIGITS.get(ones, 0) if ones else 0
    )


def parse_date(text: str) -> str | None:
    """A date written as ``2025/11/11 13:30:07``, ``11 November 2025``, ``Nov 11, 2025`` or
    ``2/26/2015``, as partial ISO text; None when the text holds no complete date or one
    that could be read two ways (never a guessed day)."""
    m = NUM_DATE_RE.search(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        out = f"{y:04d}-{mo:02d}-{d:02d}"
        if m["H"]:
            out += f" {int(m['H']):02d}:{m['M']}" + (f":{m['S']}" if m["S"] else "")
        return out
    for m in WORD_DATE_RE.finditer(text):
        # The pattern takes any word before the day ("Chapter 12, 2026"): only month names count.
        month = _MONTHS.get((m["m1"] or m["m2"]).lower())
        day = int(m["d1"] or m["d2"])
        if month and 1 <= day <= 31:
            return f"{int(m['y1'] or m['y2']):04d}-{month:02d}-{day:02d}"
    m = _HAN_DATE_RE.search(text)
    if m:
        y = int("".join(str(_HAN_DIGITS[ch]) for ch in m["y"]))
        mo, d = _han_number(m["m"]), _han_number(m["d"])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
        return None
    m = _SLASH_DATE_RE.search(text)
    if m:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 >= b >= 1 and a <= 31:
            return f"{y:04d}-{b:02d}-{a:02d}"  # day first
        if (b > 12 >= a >= 1 and b <= 31) or 1 <= a == b <= 12:
            return f"{y:04d}-{a:02d}-{b:02d}"  # month first (or either way the same)
    return None


def holds_date(text: str) -> bool:
    """Whether ``text`` holds a date, even one glued to the word before it, as a copy of a
    page gives "Yahoo FinanceOctober 13, 2016": a byline, not a headline."""
    if parse_date(text) or NUM_DATE_RE.search(text):
        return True
    for m in WORD_DATE_RE.finditer(text):
        word = (m["m1"] or m["m2"]).lower()
        if any(word.endswith(name) for name in _MONTHS if len(name) > 3):
            return True
    return False
