"""Bylines of Chinese pages, in a capture's lines and in a page's HTML alike.

Chinese news pages label the parts of a byline instead of writing "By": "来源：新华社"
(source: Xinhua), "作者：张三" (author), "记者 李四" (reporter), "发布时间：2026年02月06日"
(published), often several on one line; a wire story may start from a dateline
("新华社北京2月6日电"). The outlet named as the source is the author when no person is.
"""

from __future__ import annotations

import re

from plugins.scripts import is_wide
from scraper.extract.dates import parse_date

__all__ = ["chinese_byline"]

# Where a name in a labelled part ends: a date follows it ("来源：新华社 2026-02-06 10:30").
_DATE_START_RE = re.compile(r"\s*\d{4}\s*[/.\-年]\s*\d")

# Chinese bylines label their parts: "来源：新华社" (source), "作者：" (author), "记者："
# (reporter), "发布时间：" (published); several may share a line, with a date among them.
_LABEL_RE = re.compile(
    r"(?P<label>来源|出处|作者|记者|文|编辑|责任编辑|发布时间|发布日期|发表时间|时间|日期)"
    r"\s*[:：/｜]\s*"
)
_AUTHOR_LABELS = ("作者", "记者", "文")
_DATE_LABELS = ("发布时间", "发布日期", "发表时间", "时间", "日期")
# "记者 李四 报道", "本报记者 张三 李四": a reporter's credit without a colon (not "记者
# 王五 摄", a photo's credit).
_REPORTER_RE = re.compile(
    r"^(?:本报记者\s*|记者\s+)"
    r"(?P<author>(?!报道)[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+(?!报道)[\u4e00-\u9fff·]{2,4}){0,3})"
    r"\s*(?:报道|采写)?$"
)
# A wire dateline on a line of its own: "新华社北京2月6日电" (Xinhua, Beijing, 6 February).
_DATELINE_RE = re.compile(
    r"^(?P<agency>新华社|中新社|中新网|人民网|央视网|央广网|本报|本刊)[\u4e00-\u9fff]{0,8}?"
    r"\d{1,2}月\d{1,2}日(?:电|讯)$"
)


# A Japanese portal's credit: the source, then when it was distributed, without a year
# ("CNET Japan 3/9(木) 18:45配信"): the source is the author; the date is not known.
_JA_CREDIT_RE = re.compile(
    r"^(?P<source>\S.{0,40}?)\s+\d{1,2}/\d{1,2}\s*[(（][月火水木金土日][)）]\s*"
    r"(?:\d{1,2}:\d{2}\s*)?配信$"
)


def chinese_byline(text: str) -> tuple[str | None, str | None] | None:
    """A Chinese byline: labelled parts (author, reporter or source; a date), a reporter's
    credit or a wire dateline. The source stands as the author when no person is named.
    None, at once, for a long line or one with no Chinese near its start: callers may hand
    it every line."""
    if len(text) > 80 or not any(is_wide(ch) for ch in text[:24]):
        return None
    if text.endswith("配信") and (m := _JA_CREDIT_RE.match(text)):
        return m["source"], None
    m = _REPORTER_RE.match(text)
    if m:
        return m["author"], None
    m = _DATELINE_RE.match(text)
    if m:
        return (m["agency"] if m["agency"] not in ("本报", "本刊") else None), None
    labels = list(_LABEL_RE.finditer(text))
    if not labels or (labels[0].start() > 0 and not parse_date(text[: labels[0].start()])):
        return None  # labels come first, or after the date ("2026-02-06 10:30 来源：...")
    values: dict[str, str] = {}
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        values.setdefault(m["label"], text[m.end() : end].strip(" |｜·,，"))
    date = parse_date(text)
    person = next((values[k] for k in _AUTHOR_LABELS if values.get(k)), None)
    author = person or values.get("来源") or values.get("出处")
    if author:
        # The name ends where a date starts: "来源：新华社 2026-02-06 10:30".
        cut = _DATE_START_RE.search(author)
        author = author[: cut.start()] if cut else author
        author = author.strip(" |｜·,，")
        author = author if 0 < len(author) <= 30 else None
    if author is None and date is None:
        return None
    if author is None and not any(k in values for k in _DATE_LABELS):
        return None
    return author, date
