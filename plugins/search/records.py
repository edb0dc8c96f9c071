"""Search records: what Pagefind indexes for one page, taken from its rendered HTML.

A page's content HTML (after the glossary, the reference links and the metadata panel are
in) is reduced to plain-text sections, one per ``h2``/``h3`` heading with an id, so a result
can link to the part of a long regulation that matched. Tags are read with a regular
expression tokenizer; a DOM parser per page would cost more than the rest of the build.

Each record is then written as a tiny stand-alone HTML file that Pagefind indexes in one
call (``add_directory``): Pagefind's Python API answers one request per 0.1 s, so adding
10,000 records one by one would take a quarter of an hour, while one directory takes
seconds. The file keeps only what search needs: the title, the segmented text, metadata
and filters, marked with Pagefind's ``data-pagefind-*`` attributes.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from plugins.html_text import TAG_RE
from plugins.page_settings import is_boost
from plugins.search.segment import Segmenter

#: Elements whose text is never searchable.
_DROP = frozenset(
    {"script", "style", "svg", "math", "template", "noscript", "button", "select", "textarea"}
)
#: Classes of elements that repeat text found elsewhere on the page (permalink signs,
#: the contents box of a notice) or belong to the page chrome.
_DROP_CLASSES = frozenset({"headerlink", "regkb-contents", "md-content__button", "md-tags"})
#: Inline elements: their boundaries are not word boundaries ("Yin<b>fa</b>" is one word).
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
        "time", "u", "var", "wbr",
    }
)  # fmt: skip
#: Classes of elements whose text is searchable but makes a poor excerpt (the metadata
#: panel: "Kind Notice Issued ..."); it is moved to the end of the record, labels dropped.
_DETAIL_CLASSES = frozenset({"regkb-meta"})
_DETAIL_LABELS = frozenset({"dt"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_ATTR_RE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_TAG_NAME_RE = re.compile(r"^</?[A-Za-z][A-Za-z0-9:-]*")
_SPACE_RE = re.compile(r"\s+")
_SECTION_LEVELS = ("h2", "h3")


@dataclass
class Section:
    """Text under one heading (``heading`` is empty for the text before the first one)."""

    heading: str = ""
    anchor: str | None = None
    level: int = 2
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _SPACE_RE.sub(" ", "".join(self.parts)).strip()


@dataclass
class PageText:
    """The searchable text of one page: its sections, and the metadata panel's values."""

    sections: list[Section]
    details: str = ""


@dataclass
class SearchRecord:
    """One page as the search index sees it."""

    url: str  # the page's output path in site_dir, e.g. "news/x/index.html"
    title: str
    text: PageText
    meta: dict[str, str] = field(default_factory=dict)
    # No sort keys: each one adds about 2.5 bytes per page to the metadata file that every
    # first search downloads, and the header box shows results by relevance only.
    filters: dict[str, list[str]] = field(default_factory=dict)
    #: The page's ``search: {boost: ...}``: every word of it weighs this many times more
    #: (below 1: less), as in Material's search.
    boost: float = 1.0


#: Pagefind's own weight of the words in each element, before a page's boost.
_DEFAULT_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
#: The largest weight Pagefind accepts.
_MAX_WEIGHT = 10.0


def page_boost(meta: dict[str, object]) -> float:
    """A page's ``search: {boost: ...}`` as a positive number; 1 when absent or not a positive
    number (Material's search would fail on text there; here it is read as no boost)."""
    search = meta.get("search")
    boost = search.get("boost") if isinstance(search, dict) else None
    # Read before the documents plugin's check drops a bad boost (on_env): the same rule.
    return float(boost) if is_boost(boost) else 1.0


def _weight_attr(weight: float, boost: float, implicit: float = 1.0) -> str:
    """``data-pagefind-weight`` for an element whose words weigh ``weight`` times the page's
    ``boost``; nothing when that is the ``implicit`` weight Pagefind gives it anyway."""
    value = min(weight * boost, _MAX_WEIGHT)
    if value == implicit:
        return ""
    return f' data-pagefind-weight="{value:.3g}"'


def _heading_weight(tag: str, boost: float) -> str:
    """``data-pagefind-weight`` for a heading: Pagefind's weight for its level times the
    page's boost (nothing when unboosted)."""
    weight = _DEFAULT_WEIGHTS[tag]
    return _weight_attr(weight, boost, implicit=weight)


def _attrs(tag: str) -> dict[str, str]:
    """Attributes of one start tag, values decoded."""
    body = _TAG_NAME_RE.sub("", tag[:-1], count=1).rstrip("/")
    out: dict[str, str] = {}
    for m in _ATTR_RE.finditer(body):
        value = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
        out[m.group(1).lower()] = html_lib.unescape(value)
    return out


def _classify(name: str, tag: str) -> str | None:
    """ "drop" for an element whose text is not searchable, "details" for the metadata
    panel, None for everything else."""
    if name in _DROP:
        return "drop"
    if "class=" not in tag and "data-search-exclude" not in tag and "data-pagefind-" not in tag:
        return None
    attrs = _attrs(tag)
    if "data-search-exclude" in attrs or "data-pagefind-ignore" in attrs:
        return "drop"
    classes = set(attrs.get("class", "").split())
    if not _DROP_CLASSES.isdisjoint(classes):
        return "drop"
    if not _DETAIL_CLASSES.isdisjoint(classes):
        return "details"
    return None


def extract_text(content: str) -> PageText:
    """The searchable text of a page's content HTML, split at ``h2``/``h3`` with an id.

    The first ``h1`` is the page title, indexed separately, so its text is left out; so is
    the text of scripts, permalink signs and the contents box. Entities are decoded and
    whitespace is collapsed.
    """
    sections = [Section()]
    details = Section()
    current = sections[0]
    heading: Section | None = None  # the section whose heading text is being read
    skip_name: str | None = None  # inside an element whose text is dropped
    skip_depth = 0
    detail_name: str | None = None  # inside the metadata panel
    detail_depth = 0
    seen_h1 = False
    pos = 0

    def sink() -> list[str]:
        if detail_name is not None:
            return details.parts
        return heading.parts if heading is not None else current.parts

    for match in TAG_RE.finditer(content):
        start = match.start()
        if start > pos and skip_name is None:
            sink().append(html_lib.unescape(content[pos:start]))
        pos = match.end()
        name = match.group("name")
        if not name:
            continue
        name = name.lower()
        tag = match.group(0)
        closing = bool(match.group("close"))
        if skip_name is not None:
            if name == skip_name:
                skip_depth += -1 if closing else 1
                if skip_depth == 0:
                    skip_name = None
            continue
        opening = not closing and name not in _VOID and not tag.endswith("/>")
        if detail_name is not None and name == detail_name:
            detail_depth += 1 if opening else -1 if closing else 0
            if detail_depth == 0:
                detail_name = None
        kind = _classify(name, tag) if opening else None
        if kind == "drop" or (detail_name is not None and opening and name in _DETAIL_LABELS):
            skip_name, skip_depth = name, 1
            continue
        if kind == "details" and detail_name is None:
            detail_name, detail_depth = name, 1
        if name == "h1" and not seen_h1 and opening:
            seen_h1 = True
            skip_name, skip_depth = "h1", 1
            continue
        if name in _SECTION_LEVELS and detail_name is None:
            if opening:
                anchor = _attrs(tag).get("id")
                if anchor:
                    heading = Section(anchor=anchor, level=int(name[1]))
                    sections.append(heading)
                    current = heading
                    continue
            elif closing and heading is not None:
                heading.heading = _SPACE_RE.sub(" ", "".join(heading.parts)).strip()
                heading.parts = []
                heading = None
                continue
        if name not in _INLINE:
            sink().append(" ")
    if pos < len(content) and skip_name is None:
        sink().append(html_lib.unescape(content[pos:]))
    if heading is not None:  # an unclosed heading: its text stays text
        heading.parts = [heading.heading, *heading.parts]
    return PageText([s for s in sections if s.heading or s.text], details.text)


def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def render_record(record: SearchRecord, segmenter: Segmenter) -> str:
    """The stand-alone HTML file Pagefind indexes for ``record``.

    Text is segmented (Chinese words separated by spaces) and escaped; the title and
    metadata are stored unsegmented in ignored elements, so results show them as written.
    """
    boost = record.boost
    title_words = segmenter.segment(record.title)
    body: list[str] = [f"<h1{_heading_weight('h1', boost)}>{_esc(title_words)}</h1>"]
    indexed = [title_words]

    def paragraph(text: str, weight: float = 1.0) -> None:
        words = segmenter.segment(text)
        indexed.append(words)
        body.append(f"<p{_weight_attr(weight, boost)}>{_esc(words)}</p>")

    sections = record.text.sections
    intro = sections[0] if sections and not sections[0].anchor else None
    if intro is not None:
        paragraph(intro.text)
    # Page-level text goes before the first heading: after it, Pagefind would count it as
    # part of the last section and offer that section as a match of its own.
    if record.text.details:
        paragraph(record.text.details)
    number = record.meta.get("doc_number")
    if number:
        # A document's own number outranks the pages that merely cite it.
        paragraph(number, weight=10.0)
    # Parts of compound words (货币 in 虚拟货币) go in once the rest has been segmented.
    subword_at = len(body)
    for section in sections:
        if section is intro:
            continue
        words = segmenter.segment(section.heading)
        indexed.append(words)
        level = section.level
        weight = _heading_weight(f"h{level}", boost)
        anchor = _esc(section.anchor or "")
        body.append(f'<h{level} id="{anchor}"{weight}>{_esc(words)}</h{level}>')
        if section.text:
            paragraph(section.text)
    subwords = segmenter.take_subwords(" ".join(indexed))
    if subwords:
        # So 货币 finds 虚拟货币 (Pagefind matches word beginnings only); low weight.
        body.insert(subword_at, f"<p{_weight_attr(0.5, boost)}>{_esc(' '.join(subwords))}</p>")
    hidden: list[str] = [f'<span data-pagefind-meta="title">{_esc(record.title)}</span>']
    hidden += [
        f'<span data-pagefind-meta="{_esc(key)}">{_esc(value)}</span>'
        for key, value in record.meta.items()
        if value
    ]
    hidden += [
        f'<span data-pagefind-filter="{_esc(key)}">{_esc(value)}</span>'
        for key, values in record.filters.items()
        for value in values
        if value
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(record.title)}</title></head>\n<body>\n"
        f"<div data-pagefind-ignore hidden>{''.join(hidden)}</div>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
