"""Document numbers: one key for the ways one number is written.

"Yinfa [2021] No. 237" and "yinfa [2021]  no.237" are one number to the site; so are
"银发〔2026〕42号" and its romanised form "Yinfa [2026] No. 42", by a second key.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER_SPACE_RE = re.compile(r"\s+")


def normalize_doc_number(number: str) -> str:
    """A key that treats "Yinfa [2021] No. 237" and "yinfa [2021]  no.237" as one number."""
    text = _NUMBER_SPACE_RE.sub(" ", number.strip().lower())
    return text.replace("no. ", "no.").replace("〔", "[").replace("〕", "]")


# "银发〔2026〕42号" (also with square brackets) and "Yinfa [2026] No. 42", "Yin Fa (2026)
# No.42": an issuer's abbreviation, the year, the serial number.
_HAN_NUMBER_RE = re.compile(
    r"^([\u4e00-\u9fff]{1,8})\s*[〔\[［]((?:19|20)\d{2})[〕\]］]\s*(\d+)\s*号$"
)
_LATIN_NUMBER_RE = re.compile(
    r"^([A-Za-z][A-Za-z -]{0,40}?)\s*[\[(〔]((?:19|20)\d{2})[\])〕]\s*(?:No\.?\s*)?(\d+)$", re.I
)


def is_number_shaped(text: str) -> bool:
    """Whether ``text`` is written as a document number ("Yinfa [2026] No. 42",
    "银发〔2026〕42号"), not a title: ``cites`` and ``repeals`` items may be either."""
    text = text.strip()
    return bool(_HAN_NUMBER_RE.match(text) or _LATIN_NUMBER_RE.match(text))


@lru_cache(maxsize=4096)
def number_across_scripts(number: str) -> str | None:
    """A key shared by a Chinese document number and its romanised form: "银发〔2026〕42号"
    and "Yinfa [2026] No. 42" are both ``yinfa|2026|42``. English translations write the
    issuer's abbreviation in pinyin, so a page citing one form can link the page that has
    the other. None for a number of neither shape.

    pypinyin is imported on the first Chinese number: most sites never pay for it.
    """
    text = number.strip()
    if m := _HAN_NUMBER_RE.match(text):
        from pypinyin import lazy_pinyin

        prefix = "".join(lazy_pinyin(m.group(1)))
        if not (prefix.isascii() and prefix.isalpha()):
            return None  # a character pypinyin cannot romanise: no writing to match
    elif m := _LATIN_NUMBER_RE.match(text):
        prefix = m.group(1)
    else:
        return None
    prefix = re.sub(r"[\s-]+", "", prefix).lower()
    return f"{prefix}|{m.group(2)}|{int(m.group(3))}"
