"""Material's search index, built with a faster reader: the same entries, less time.

Material's search plugin reads every page's HTML with the standard library's
``HTMLParser`` and cuts it into sections in Python callbacks. In a build of this site that
is about an eighth of the whole time; the pure-Python tokenizer is most of it, and the
Chinese segmenter compiles its pattern again for every section (25 times a page).

This module keeps Material's ``SearchIndex`` (it makes the entries from sections and writes
the JSON) and changes how the sections are found:

- one regular expression finds the tags of HTML in the canonical form Python-Markdown,
  MkDocs and the sanitizer write: lower-case names, attributes double-quoted or bare,
  comments. Anything else on a page (a stray ``<``, a doctype, a ``<script>`` whose text
  ``HTMLParser`` reads raw, an unquoted attribute...) sends that page through Material's
  own parser, unchanged. So the tokens are the ones ``HTMLParser`` would produce;
- :class:`SectionReader` does what Material's ``Parser`` callbacks do with them, step for
  step, but over counts of open tags instead of scanning a stack of ``Element`` objects on
  every event;
- the segmenter's pattern is compiled once;
- each section's table-of-contents entry is looked up by id, not found by walking the toc
  from the top for every section.

The index is the same, byte for byte: ``tests/test_search_material_index.py`` compares the
tokens with ``HTMLParser``'s, the sections with Material's parser's (on generated HTML,
quirks included), and a whole site's ``search_index.json`` built both ways.

It relies on Material internals (``material.plugins.search.plugin``: ``Parser``,
``SearchIndex._segment_chinese`` and ``_find_toc_by_id``, the plugin's ``search_index``).
If they are not what this module expects, :func:`attach` changes nothing and Material
indexes as usual.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

log = logging.getLogger("mkdocs.plugins.regkb.search")

try:  # Material's search plugin and its optional Chinese segmenter
    from backrefs import bre
    from material.plugins.search import plugin as material_search
except ImportError:  # pragma: no cover - Material is a dependency
    material_search = None  # type: ignore[assignment]

#: One token of canonical HTML: an end tag, a start tag (maybe self-closing), a comment.
#: Attribute values are double-quoted or absent; names are what markup generators write.
TOKEN_RE = re.compile(
    r"<(?:"
    r"/([a-z][a-z0-9]*)\s*>"
    r"|([a-z][a-z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*)\s*(/?)>"
    r"|!--(?!-?>)((?:[^-]|-(?!-))*)-->"
    r")"
)
ATTR_RE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")

#: Elements whose content ``HTMLParser`` reads as raw text (this and later Python versions).
RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe"}
    | {"noembed", "noframes", "noscript", "plaintext"}
)


class NotCanonical(Exception):
    """The page has markup the fast reader does not read exactly as ``HTMLParser`` does."""


def feed(parser: Any, html: str) -> None:
    """Give ``parser`` (an ``HTMLParser`` subclass) the start-tag, end-tag and text events
    ``HTMLParser.feed(html); close()`` would give it, with ``convert_charrefs=True``.

    Raises :class:`NotCanonical`, before or after some events, when the page holds markup
    outside the canonical form; the caller then starts over with a fresh parser.
    """
    start = parser.handle_starttag
    end = parser.handle_endtag
    data = parser.handle_data
    pos = 0
    for match in TOKEN_RE.finditer(html):
        at = match.start()
        if at > pos:
            _text(data, html[pos:at])
        pos = match.end()
        closing, tag, attrs, self_closing, _comment = match.groups()
        if closing is not None:
            end(closing)
        elif tag is not None:
            if tag in RAW_TEXT:
                raise NotCanonical(tag)
            start(tag, _attributes(attrs) if attrs else [])
            if self_closing:  # HTMLParser.handle_startendtag: a start, then an end
                end(tag)
    if pos < len(html):
        _text(data, html[pos:])


def _text(data: Callable[[str], None], text: str) -> None:
    if "<" in text:  # a "<" that is not a tag: HTMLParser splits the text there
        raise NotCanonical("<")
    data(unescape(text) if "&" in text else text)


def _attributes(source: str) -> list[tuple[str, str | None]]:
    """Attributes as ``HTMLParser`` reports them: lower-case names, unescaped values,
    ``None`` for a bare name."""
    out: list[tuple[str, str | None]] = []
    for match in ATTR_RE.finditer(source):
        value = match.group(2)
        if value is not None and "&" in value:
            value = unescape(value)
        out.append((match.group(1).lower(), value))
    return out


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Tags whose markup Material keeps in the indexed text (p, code, pre, lists, sub, sup).
KEEP = frozenset(material_search.Parser().keep) if material_search is not None else frozenset()
#: Tags Material's parser always skips, whatever is inside.
ALWAYS_SKIPPED = ("object", "script", "style")


class SectionReader:
    """Material's ``Parser`` callbacks, written over tag names instead of ``Element`` objects.

    Material compares its ``Element`` objects by tag name alone (``__eq__`` and ``__hash__``
    look at the tag), so "an element of the current heading's tag is open", "a skipped
    element is open" and its set of skipped elements are all questions about tag names; this
    class keeps counts of open tags to answer them without scanning the stack on every
    event. The sections it makes are Material's own ``Section`` objects, and every step below
    mirrors a line of Material's parser, quirks included (the tests compare the two).
    """

    def __init__(self) -> None:
        self.context: list[tuple[str, bool]] = []  # open elements: (tag, is a permalink)
        self.open: dict[str, int] = {}  # open elements by tag
        self.skip: set[str] = set(ALWAYS_SKIPPED)
        self.skipping = 0  # open elements whose tag is in ``skip``
        self.permalinks = 0  # open <a class="headerlink">
        self.section: Any = None
        self.data: list[Any] = []

    def _new_section(self, tag: str, attrs: dict[str, str | None], depth: int) -> Any:
        section = material_search.Section(material_search.Element(tag, attrs), depth)
        self.data.append(section)
        return section

    def _recount_skipping(self) -> None:
        self.skipping = sum(self.open.get(tag, 0) for tag in self.skip)

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        if tag in material_search.void:
            return
        attrs = dict(attr_list)
        is_permalink = tag == "a" and attrs.get("class") == "headerlink"
        self.context.append((tag, is_permalink))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.permalinks += is_permalink
        if tag in self.skip:
            self.skipping += 1
        depth = len(self.context)
        if tag in HEADINGS and "id" in attrs:
            if tag != "h1" and not self.data:
                self.section = self._new_section("hx", {}, depth)
            had_sections = bool(self.data)
            self.section = self._new_section(tag, attrs, depth)
            if had_sections:
                self.section.id = attrs["id"]
        if self.section is None:
            self.section = self._new_section("hx", {}, 0)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                if tag not in self.skip:
                    self.skip.add(tag)
                    self._recount_skipping()
                return
        if not self.skipping and tag in KEEP:
            section = self.section
            target = section.title if self.open.get(section.el.tag) else section.text
            target.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        context = self.context
        if not context or context[-1][0] != tag:
            return
        section = self.section
        if section.depth > len(context):  # leaving the element a heading was nested in
            for earlier in reversed(self.data):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        _, is_permalink = context.pop()
        self.open[tag] -= 1
        self.permalinks -= is_permalink
        if tag in self.skip:
            self.skipping -= 1
            if tag not in ALWAYS_SKIPPED:
                self.skip.discard(tag)
                self._recount_skipping()
            return
        if not self.skipping and tag in KEEP:
            target = section.title if self.open.get(section.el.tag) else section.text
            try:
                index = target.index(f"<{tag}>")
            except ValueError:
                raise NotCanonical(f"</{tag}>") from None  # Material's parser fails here too
            for i in range(index + 1, len(target)):
                if not target[i].isspace():
                    index = len(target)
                    break
            if len(target) > index:
                del target[index:]
            else:
                target.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        in_pre = bool(self.open.get("pre"))
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if self.section is None:
            self.section = self._new_section("hx", {}, 0)
        section = self.section
        if self.open.get(section.el.tag):
            if not self.permalinks:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or in_pre:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def close(self) -> None:
        """Nothing is buffered (``HTMLParser`` interface)."""


def sections(html: str) -> list[Any]:
    """Material's sections of one page's HTML (``Parser().data``), read the fast way when
    the page is canonical and by Material's parser otherwise."""
    parser: Any = SectionReader()
    try:
        feed(parser, html)
    except NotCanonical:
        parser = material_search.Parser()
        parser.feed(html)
    parser.close()
    return parser.data


# -- Chinese segmentation -------------------------------------------------------------------

if material_search is not None:
    #: Material's pattern for runs of Han characters, compiled once instead of per section.
    HAN_SCRIPT_RE = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)


def segment_chinese(data: str) -> str:
    """What Material's ``SearchIndex._segment_chinese`` returns for ``data``: every Han run
    cut by jieba into words joined and surrounded by zero-width spaces."""
    # Every character of the Han script is at or above U+2E80: max() over the text (a C
    # loop) rules most English sections out faster than the pattern's large class can.
    if not data or max(data) < "\u2e80" or HAN_SCRIPT_RE.search(data) is None:
        return data.strip("\u200b")

    def replace(match: re.Match[str]) -> str:
        words = material_search.jieba.cut(match.group(0).encode("utf-8"))
        return "\u200b" + "\u200b".join(words) + "\u200b"

    return HAN_SCRIPT_RE.sub(replace, data).strip("\u200b")


# -- the plugin's page handler ----------------------------------------------------------------

#: Material strips its ``data-search-*`` hints from the page once the page is indexed.
DATA_SEARCH_RE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


#: Pages with more sections than this have their toc entries looked up by id.
LOOKUP_FROM_SECTIONS = 40


def toc_by_id(toc: Any) -> dict[str, Any]:
    """A page's table-of-contents entries by id: for each id, the entry Material's
    ``_find_toc_by_id`` returns (the first in a depth-first walk, parents before children)."""
    found: dict[str, Any] = {}
    stack = list(reversed(list(toc)))
    while stack:
        item = stack.pop()
        found.setdefault(item.id, item)
        stack.extend(reversed(item.children))
    return found


class FastPageIndexer:
    """Stands in for Material's ``on_page_context`` handler: the same entries into the same
    ``SearchIndex`` (Material's ``on_post_build`` still writes it, ``--dirty`` included)."""

    def __init__(self, search: Any) -> None:
        self.search = search

    def __call__(self, context: Any, *, page: Any, config: Any, nav: Any) -> None:
        search = self.search
        if not search.config.enabled:
            return None
        index = search.search_index
        meta = page.meta.get("search") or {}
        if not meta.get("exclude"):
            found = [section for section in sections(page.content) if not section.is_excluded()]
            # Material finds each section's toc entry by walking the page's toc from the top:
            # time growing with the square of the headings (0.56 s of build for 3,333, 1.72 s
            # for 6,666). Past a few dozen, the entries are looked up instead: the same ones,
            # for this page only. Below that the walk is cheaper than making the lookup.
            if len(found) > LOOKUP_FROM_SECTIONS:
                by_id = toc_by_id(page.toc)
                index._find_toc_by_id = lambda toc, anchor: by_id.get(anchor)
            try:
                for section in found:
                    index.create_entry_for_section(section, page.toc, page.url, page)
            finally:
                index.__dict__.pop("_find_toc_by_id", None)
        if "data-search-" in page.content:
            page.content = DATA_SEARCH_RE.sub("", page.content)
        return None


def _is_stock_material(search: Any) -> bool:
    """Whether Material's search plugin is the one this module was written against."""
    if material_search is None:
        return False
    index = getattr(search, "search_index", None)
    return (
        type(search) is material_search.SearchPlugin
        and type(index) is material_search.SearchIndex
        and callable(getattr(index, "create_entry_for_section", None))
        and callable(getattr(index, "_segment_chinese", None))
        and callable(getattr(index, "_find_toc_by_id", None))
        and all(
            callable(getattr(material_search.Parser, name, None))
            for name in ("handle_starttag", "handle_endtag", "handle_data")
        )
    )


def attach(config: Any) -> bool:
    """Make this build's Material search index pages with :class:`FastPageIndexer`.

    Called after every plugin's ``on_config`` (Material makes its index there). Replaces
    Material's bound ``on_page_context`` in this build's event list, at the same place, so
    the order of handlers is unchanged. Returns whether it did; when Material's plugin is
    absent, disabled or not the expected one, nothing changes.
    """
    search = config.plugins.get("material/search")
    if search is None or not getattr(search.config, "enabled", False):
        return False
    if not _is_stock_material(search):
        log.info(
            "regkb-search: Material's search plugin is not the expected version; "
            "it indexes pages itself"
        )
        return False
    handlers = config.plugins.events.get("page_context", [])
    for i, handler in enumerate(handlers):
        if isinstance(handler, FastPageIndexer):
            return True
        if getattr(handler, "__self__", None) is search:
            handlers[i] = FastPageIndexer(search)
            origins = getattr(config.plugins, "_event_origins", None)
            if isinstance(origins, dict):
                origins[handlers[i]] = origins.get(handler, "material/search")
            search.search_index._segment_chinese = segment_chinese
            return True
    return False
