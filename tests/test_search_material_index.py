"""regkb-search's fast reader for Material's search index gives Material's index exactly.

Three levels: the tokenizer gives the events ``HTMLParser`` gives (or declines the page),
the section reader gives the sections Material's ``Parser`` gives (or fails where it fails),
and a whole site built with and without the fast reader has the same
``search/search_index.json``, byte for byte.
"""

from __future__ import annotations

import json
import random
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search
from mkdocs.config import load_config
from mkdocs.structure.toc import AnchorLink

from benchmarks.synthetic import CorpusSpec, generate, write_corpus
from plugins.search import material_index
from plugins.search.material_index import FastPageIndexer, NotCanonical, feed, sections
from tests.sitebuilder import run_build, write_site

# -- tokens and sections -------------------------------------------------------------------

MARKUP = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<div data-search-exclude>",
    '<div class="linenodiv">',
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<ul>",
    "</ul>",
    "<ol>",
    "</ol>",
    "<li>",
    "</li>",
    '<h1 id="top">',
    "<h1>",
    "</h1>",
    '<h2 id="a">',
    "<h2>",
    "</h2>",
    '<h3 id="b&amp;c">',
    "</h3>",
    '<a class="headerlink" href="#a" title="Permanent link">',
    '<a href="x.html">',
    "</a>",
    "<br>",
    "<br/>",
    "<br />",
    '<img alt="x" src="a.png"/>',
    "<span/>",
    "<span>",
    "</span>",
    "<sub>",
    "</sub>",
    "<sup>",
    "</sup>",
    "<object>",
    "</object>",
    "<hx>",
    "</hx>",
    "<!-- note -->",
    "<!---->",
    '<table class="x"\n  data-search-exclude>',
    "</table>",
    '<p data-search-boost="2">',
    "<em>",
    "</em>",
    "<td>",
    "</td >",
]
NOT_CANONICAL = [
    "<script>var a = '<p>';</script>",
    "<style>p{}</style>",
    "<P>",
    "</P>",
    "a < b",
    "<3",
    "<a href=x>",
    "<!DOCTYPE html>",
    "<![CDATA[x]]>",
    "<?php ?>",
    "</ p>",
    "<my-tag>",
    "<!-- a -- b -->",
    "<!-->",
    "<textarea><p></textarea>",
    "</p x>",
    "<br / >",
]
TEXT = [
    "text",
    "more words",
    " ",
    "\n",
    "  \n ",
    "a\nb",
    "&amp;",
    "&lt;tag&gt;",
    "&copy",
    "x & y",
    "&#x27;",
    "é",
    "中文稳定币",
    "\u200b",
    "\t",
]


class Recorder(HTMLParser):
    """The events an ``HTMLParser`` (or :func:`feed`) produces."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data))


def html_parser_events(html: str) -> list[tuple[Any, ...]]:
    recorder = Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.events


def dump(data: list[Any]) -> list[tuple[Any, ...]]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in data]


def material_sections(html: str) -> Any:
    """Material's sections of ``html``, or the type of the error its parser raises."""
    try:
        parser = material_search.Parser()
        parser.feed(html)
        parser.close()
        return dump(parser.data)
    except Exception as exc:
        return type(exc)


def fast_sections(html: str) -> Any:
    try:
        return dump(sections(html))
    except Exception as exc:
        return type(exc)


pages = st.lists(st.sampled_from(MARKUP + TEXT), max_size=40).map("".join)
any_pages = st.lists(st.sampled_from(MARKUP + TEXT + NOT_CANONICAL), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(pages)
def test_tokens_of_canonical_html_are_html_parsers(html: str) -> None:
    recorder = Recorder()
    feed(recorder, html)
    assert recorder.events == html_parser_events(html)


@settings(max_examples=600, deadline=None)
@given(any_pages)
def test_tokens_are_html_parsers_or_the_page_is_declined(html: str) -> None:
    recorder = Recorder()
    try:
        feed(recorder, html)
    except NotCanonical:
        return
    assert recorder.events == html_parser_events(html)


@settings(max_examples=1000, deadline=None)
@given(any_pages)
def test_sections_are_materials(html: str) -> None:
    assert fast_sections(html) == material_sections(html)


@pytest.mark.parametrize("html", NOT_CANONICAL)
def test_markup_outside_the_canonical_form_is_declined(html: str) -> None:
    with pytest.raises(NotCanonical):
        feed(Recorder(), f"<p>before</p>{html}<p>after</p>")
    assert fast_sections(f"<h2 id='x'>T</h2>{html}") == material_sections(
        f"<h2 id='x'>T</h2>{html}"
    )


def test_quirks_of_materials_parser_are_kept() -> None:
    """Cases where Material's parser does something surprising: still the same output."""
    cases = [
        # a heading nested in a block: leaving the block returns to the earlier section
        '<p>a</p><div><h2 id="x">X</h2><p>in</p></div><p>after</p>',
        # an excluded block with a nested element of the same tag stops skipping early
        "<div data-search-exclude><div>x</div>still skipped?</div><p>y</p>",
        # text inside an element of the heading's tag counts as title text
        '<h2 id="x">X</h2><p>a <h2>b</h2> c</p>',
        # permalinks are left out of titles; whitespace runs collapse outside <pre>
        '<h2 id="x">X<a class="headerlink" href="#x">¶</a></h2><p>a\n  b</p><pre>a\n\n b</pre>',
        # whitespace after whitespace is kept only inside <pre>
        "<pre>x <!-- c -->\n<!-- d -->\n</pre><p>a <!-- c --> <!-- d --> b</p>",
        # empty kept elements vanish
        "<p> </p><ul><li></li></ul><p><code>x</code></p>",
    ]
    for html in cases:
        assert fast_sections(html) == material_sections(html), html


# -- Chinese segmentation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain English text",
        "",
        "\u200bedges\u200b",
        "中国人民银行发布通知，虚拟货币相关业务活动属于非法金融活动。",
        "Yinfa [2021] No. 237 稳定币 stablecoin 〇々 㐀 𠀀",
        "⺀ just above the first Han character",
    ],
)
def test_segmentation_is_materials(text: str) -> None:
    index = material_search.SearchIndex()
    assert material_index.segment_chinese(text) == index._segment_chinese(text)


# -- a whole site --------------------------------------------------------------------------


def _headings_page() -> str:
    """Many nested headings, the same title again and again (the toc extension numbers
    their ids), a heading with its own id and one in raw HTML that the toc does not list."""
    parts = ["# Many headings\n", '<h2 id="raw-heading">Raw</h2>\n\nText under raw.\n']
    for i in range(120):
        parts.append(f"## Part {i % 7}\n\nPart text {i}.\n")
        parts.append(f"### Article {i}\n\nArticle text {i}.\n")
        parts.append("#### Note\n\nA note.\n")
    parts.append("## Own id {: #own }\n\nLast.\n")
    return "\n".join(parts)


def _build(root: Path, fast_index: bool) -> tuple[bytes, list[Any]]:
    docs = root / "src"
    write_corpus(generate(CorpusSpec(documents=40, terms=20, seed=11)), docs)
    (docs / "headings.md").write_text(_headings_page(), encoding="utf-8")
    plugins: list[Any] = [
        "regkb-documents",
        "regkb-glossary",
        "regkb-timeline",
        "search",
        "tags",
        {"regkb-search": {"fast_index": fast_index}},
    ]
    cfg_path = write_site(
        root, {}, plugins=plugins, extra={"docs_dir": str(docs), "site_dir": str(root / "site")}
    )
    cfg = load_config(str(cfg_path))
    run_build(cfg)
    index = (root / "site" / "search" / "search_index.json").read_bytes()
    return index, list(cfg.plugins.events["page_context"])


def test_a_site_gets_the_same_index_with_and_without_the_fast_reader(tmp_path: Path) -> None:
    fast, fast_handlers = _build(tmp_path / "fast", fast_index=True)
    slow, slow_handlers = _build(tmp_path / "slow", fast_index=False)
    assert any(isinstance(h, FastPageIndexer) for h in fast_handlers)
    assert not any(isinstance(h, FastPageIndexer) for h in slow_handlers)
    assert any(
        isinstance(getattr(h, "__self__", None), material_search.SearchPlugin)
        for h in slow_handlers
    )
    assert len(fast) > 100_000  # forty documents' worth of sections
    assert b"headings/#article-119" in fast and b"headings/#note_119" in fast
    assert fast == slow


def _toc_tree(rng: random.Random, depth: int = 0) -> list[AnchorLink]:
    items = []
    for _ in range(rng.randint(0, 4 if depth < 3 else 0)):
        item = AnchorLink(f"t{depth}", f"id-{rng.randint(0, 12)}", depth + 2)
        item.children = _toc_tree(rng, depth + 1)
        items.append(item)
    return items


@pytest.mark.parametrize("seed", range(30))
def test_toc_lookup_gives_the_entry_materials_walk_finds(seed: int) -> None:
    rng = random.Random(seed)
    toc = _toc_tree(rng)
    index = material_search.SearchIndex()
    lookup = material_index.toc_by_id(toc)
    for wanted in [f"id-{n}" for n in range(14)] + [None, ""]:
        assert lookup.get(wanted) is index._find_toc_by_id(toc, wanted)


def test_the_lookup_is_this_pages_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with many sections is indexed through the lookup, and Material's own walk is
    back once it is: a stale lookup never answers for the next page, whose ids the first
    page shares."""
    many = material_index.LOOKUP_FROM_SECTIONS + 10
    pages = {
        "index.md": "# Home\n\n" + "".join(f"## S{i}\n\nText {i}.\n\n" for i in range(many)),
        "next.md": "# Next\n\n## S1\n\nOther text.\n",
    }
    looked_up: list[int] = []
    original = material_index.toc_by_id

    def counting(toc: Any) -> dict[str, Any]:
        found = original(toc)
        looked_up.append(len(found))
        return found

    monkeypatch.setattr(material_index, "toc_by_id", counting)
    cfg_path = write_site(tmp_path, pages, plugins=["search", "regkb-search"])
    cfg = load_config(str(cfg_path))
    run_build(cfg)
    index = cfg.plugins["material/search"].search_index
    assert looked_up == [many + 1]  # the long page only (its h1 and h2s), not the short one
    assert "_find_toc_by_id" not in vars(index)
    docs = json.loads((tmp_path / "site" / "search" / "search_index.json").read_bytes())["docs"]
    locations = {d["location"] for d in docs}
    assert f"#s{many - 1}" in locations and "next/#s1" in locations


def test_nothing_is_attached_when_materials_search_is_disabled(tmp_path: Path) -> None:
    cfg_path = write_site(
        tmp_path,
        {"index.md": "# Home\n"},
        plugins=[{"search": {"enabled": False}}, "regkb-search"],
    )
    cfg = load_config(str(cfg_path))
    cfg.plugins.on_config(cfg)
    assert material_index.attach(cfg) is False
    assert not any(isinstance(h, FastPageIndexer) for h in cfg.plugins.events["page_context"])
