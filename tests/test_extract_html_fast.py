"""The faster pieces of HTML extraction must give exactly what the code they replace gives."""

from __future__ import annotations

import re

import pytest
import readability.readability as stock
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.readability_fast import clean_text, readability_class

# Whitespace-heavy text: runs of every kind of whitespace, long and short, between words.
_WHITESPACE = [
    " ",
    "\t",
    "\n",
    "\r",
    "\xa0",
    "\u2003",
    "\u3000",
    "\u2028",
    "\x85",
    "\x1c",
    "\f",
    "\v",
]
_PIECES = st.one_of(
    st.sampled_from([*_WHITESPACE, "x", "ab", ",", ":"]),
    st.builds(
        lambda unit, n: unit * n,
        st.lists(st.sampled_from(_WHITESPACE), min_size=1, max_size=3).map("".join),
        st.integers(1, 300),
    ),
)
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_TEXT)
def test_clean_text_matches_readability(text: str) -> None:
    assert clean_text(text) == stock.clean(text)


def test_clean_text_on_page_like_text() -> None:
    page = (
        "\n      Title\n\n\n    " + " " * 300 + "Body\t\ttext  here\n \t \n" + "\n" * 260 + "end  "
    )
    assert clean_text(page) == stock.clean(page)
    assert clean_text("") == stock.clean("") == ""


def test_copy_uses_the_fast_cleaner_and_leaves_the_library_alone() -> None:
    cls = readability_class()
    assert cls is not stock.Document
    assert cls.__init__.__globals__["clean"] is clean_text
    assert stock.clean is not clean_text  # the installed library is not patched


def test_copy_finds_the_same_article() -> None:
    html = (
        "<html><body><div class='nav'><a href='/a'>Home</a> <a href='/b'>News</a></div>"
        "<div class='article'>"
        + "".join(
            f"<p>Paragraph {i} talks, at some length, about the subject of the page, "
            f"so that it is clearly the main text.</p>\n      "
            for i in range(8)
        )
        + "</div><div class='footer'>Copyright</div></body></html>"
    )
    fast = readability_class()(html).summary(html_partial=True)
    assert fast == stock.Document(html).summary(html_partial=True)
    assert "Paragraph 7" in fast and "Copyright" not in fast


def test_tag_find_parent_matches_bs4() -> None:
    from bs4 import BeautifulSoup
    from bs4.element import Tag

    from scraper.extract.html_markdown import _Tag

    html = (
        "<div><pre><code><span>x</span><b>y</b></code></pre><p><span>z</span></p>"
        "<pre>outer<div><pre>inner<i>w</i></pre></div></pre><section><pre></pre></section></div>"
    )
    plain = BeautifulSoup(html, "html.parser")
    fast = BeautifulSoup(html, "html.parser", element_classes={Tag: _Tag})
    pairs = list(zip(plain.find_all(True), fast.find_all(True), strict=True))
    assert pairs and all(isinstance(b, _Tag) for _, b in pairs)
    for a, b in pairs:
        for name in ("pre", "code", "div", "section", "nothing"):
            want, got = a.find_parent(name), b.find_parent(name)
            assert (want is None) == (got is None)
            if want is not None:
                assert str(want) == str(got)
                assert got.sourcepos == want.sourcepos
        assert str(a.find_parent(["pre", "p"])) == str(b.find_parent(["pre", "p"]))


def test_trafilatura_steps_leave_the_page_tree_alone() -> None:
    """extract_html hands its tree to trafilatura uncopied; trafilatura must not change it."""
    import lxml.html

    from scraper.extract.html import _trafilatura_content
    from scraper.extract.html_metadata import _trafilatura_metadata
    from scraper.extract.html_tree import parse_page

    page = (
        "<html lang='en'><head><title>Budget rules | Example News</title>"
        "<meta name='author' content='Ann Example'><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a></nav><header>Published 2026-02-06 by Ann Example</header>"
        "<article><h1>Budget rules</h1>"
        + "".join(
            f"<p>Paragraph {i} of the article explains the new budget rules in some detail, "
            f"with <a href='/ref/{i}'>a reference</a> and <b>bold</b> text.</p>"
            for i in range(12)
        )
        + "<table><tr><td>Year</td><td>Amount</td></tr><tr><td>2026</td><td>12</td></tr></table>"
        "</article><footer class='footer'>Copyright 2026 <a href='/about'>About</a></footer>"
        "<time datetime='2026-02-06'>6 Feb</time></body></html>"
    )
    tree = parse_page(page)
    before = lxml.html.tostring(tree)
    found = _trafilatura_metadata(tree, "https://example.org/news/budget")
    content = _trafilatura_content(tree, "https://example.org/news/budget")
    assert found and content is not None  # both steps did run on this page
    assert lxml.html.tostring(tree) == before


def _limit_depth_by_walking(root, max_depth: int) -> None:  # type: ignore[no-untyped-def]
    """The former stack walk of ``limit_depth``, kept as the reference for which elements
    it must flatten."""
    from scraper.extract.html_tree import flatten

    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth >= max_depth:
            flatten(element)
            continue
        stack.extend((child, depth + 1) for child in element)


_SHAPES = st.recursive(
    st.just([]),
    lambda children: st.lists(children, max_size=3),
    max_leaves=30,
)


def _build(shape: list, depth: int = 0):  # type: ignore[no-untyped-def]
    import lxml.html

    element = lxml.html.Element("div" if depth % 2 else "span")
    element.text = f"t{depth}"
    for i, child in enumerate(shape):
        sub = _build(child, depth + 1)
        sub.tail = f" tail{depth}.{i} "
        element.append(sub)
    return element


@settings(max_examples=200, deadline=None)
@given(_SHAPES, st.integers(0, 5))
def test_limit_depth_matches_the_walk(shape: list, max_depth: int) -> None:
    import lxml.html

    from scraper.extract.html_tree import limit_depth

    ours, reference = _build(shape), _build(shape)
    limit_depth(ours, max_depth)
    _limit_depth_by_walking(reference, max_depth)
    assert lxml.html.tostring(ours) == lxml.html.tostring(reference)


def test_limit_depth_on_a_very_deep_tree() -> None:
    import lxml.etree
    import lxml.html

    from scraper.extract.html_tree import MAX_DEPTH, limit_depth

    root = lxml.html.Element("div")
    node = root
    for i in range(5000):  # built directly: no parser depth limit applies
        node = lxml.etree.SubElement(node, "span")
        node.text = f"w{i}"
    limit_depth(root)
    depth, node = 0, root
    while len(node):
        node, depth = node[0], depth + 1
    assert depth == MAX_DEPTH
    assert node.text.split()[:2] == [f"w{MAX_DEPTH - 1}", f"w{MAX_DEPTH}"]
    assert node.text.split()[-1] == "w4999"


def test_a_flattened_subtree_keeps_a_line_per_paragraph() -> None:
    """Old CMS pages open "<span><font><p>" for each paragraph and never close them: past
    the depth limit, the rest of the article was one line of text."""
    from scraper.extract.html import extract_html

    paragraphs = [f"Paragraph {i} says issuers must keep reserves, rule {i}." for i in range(200)]
    page = (
        "<html><head><title>Old page</title></head><body><h1>Old page</h1>"
        + "".join(f'<span style="x"><font face="SimSun"><p>{p}' for p in paragraphs)
        + "</body></html>"
    )
    lines = [line for line in extract_html(page).body.splitlines() if line.strip()]
    said = [re.findall(r"Paragraph (\d+) says", line) for line in lines]
    assert [n for found in said for n in found] == [str(i) for i in range(200)]
    assert all(len(found) == 1 for found in said), [line[:80] for line in lines if len(line) > 90]


@pytest.mark.parametrize(
    ("html", "text", "lines"),
    [
        ("<span>a <b>b</b> c</span>", "a b c", []),
        ("<span>lead<p>one</p>tail<br>two</span>", "lead", ["one", "tail", "two"]),
        ("<span><p>one</p><div>two <i>2</i></div></span>", None, ["one", "two 2"]),
    ],
)
def test_flatten_cuts_where_blocks_and_breaks_are(html: str, text, lines) -> None:  # type: ignore[no-untyped-def]
    import lxml.html

    from scraper.extract.html_tree import flatten

    element = lxml.html.fragment_fromstring(html)
    flatten(element)
    assert element.text == text
    assert [child.tag for child in element] == ["br"] * len(lines)
    assert [child.tail for child in element] == lines


def test_regex_whitespace_is_str_whitespace() -> None:
    """``_text_length`` counts with ``str.split``; it replaced a ``\\s`` regex."""
    import re
    import sys

    regex = [c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)]
    assert regex == [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
    assert "".join(regex).split() == []


def _escape_char_by_char(block: str, in_code: list[bool]) -> str:
    """The former loop of ``scraper.sanitize._escape``, the reference its rewrite must match."""
    from scraper.sanitize import _AUTOLINK_RE, _TAG_START_RE, _escaped, _rest_of_line

    out = []
    pos = 0
    while pos < len(block):
        char = block[pos]
        if in_code[pos]:
            out.append(char)
            pos += 1
            continue
        if char == "<":
            auto = _AUTOLINK_RE.match(block, pos)
            if auto and not any(in_code[auto.start() : auto.end()]):
                out.append(auto.group())
                pos = auto.end()
                continue
            if _TAG_START_RE.match(block, pos):
                out.append("&lt;")
                pos += 1
                continue
        elif char == "{" and not _escaped(block, pos) and "}" in _rest_of_line(block, pos):
            out.append("\\{")
            pos += 1
            continue
        out.append(char)
        pos += 1
    return "".join(out)


_MARKDOWNISH = st.lists(
    st.sampled_from(
        ["<", "{", "}", "\\", "a", " ", "\n", "<https://x.org/{a}>", "<a@b.org>", "<b>", "</i>",
         "<!--", "<?x", "< b", "{: .c}", "`", "x{y}"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_MARKDOWNISH, st.data())
def test_escape_matches_the_char_loop(block: str, data: st.DataObject) -> None:
    from scraper.sanitize import _escape

    in_code = data.draw(st.lists(st.booleans(), min_size=len(block), max_size=len(block)))
    assert _escape(block, in_code) == _escape_char_by_char(block, in_code)


def test_fast_parser_builds_the_same_tree() -> None:
    import lxml.html

    from scraper.extract.lxml_parser import html_parser

    page = (
        "<html><head><title>T</title><!-- c --></head><body><form action='/s'>"
        "<label for=q>Q</label><input name=q value=1><select><option>a</select>"
        "<textarea>t</textarea></form><p>text <a href='/x'>link</a></p><?pi x?></body></html>"
    )
    ours = lxml.html.document_fromstring(page, parser=html_parser())
    stock = lxml.html.document_fromstring(page)
    assert lxml.html.tostring(ours) == lxml.html.tostring(stock)
    elements = [e for e in ours.iter() if isinstance(e.tag, str)]
    assert {type(e) for e in elements} == {lxml.html.HtmlElement}
    assert ours.find(".//p").text_content() == "text link"
    comments = [e for e in ours.iter() if not isinstance(e.tag, str)]
    assert comments and all(isinstance(c, lxml.html.HtmlComment) for c in comments)


def test_readability_copy_parses_with_the_fast_parser() -> None:
    import lxml.html

    cls = readability_class()
    doc = cls("<html><body><form><input name=q></form><p>Some words here.</p></body></html>")
    tree = doc._html(True)
    assert {type(e) for e in tree.iter() if isinstance(e.tag, str)} == {lxml.html.HtmlElement}


_FRAGMENT_PIECES = st.sampled_from(
    ["<p>", "</p>", "<div class='a b'>", "</div>", "<b>", "</b>", "<i>", "</i>", "<em>",
     "<a href='/x?a=1&amp;b=2'>", "<a href=\"https://e.org/ä b\" title='t'>", "</a>",
     "<img src='i.png' alt='A [b]'>", "<img data-src='/lazy.png'>", "<br>", "<hr>", "<br/>",
     "<ul>", "<ol start='3'>", "<li>", "</li>", "</ul>", "</ol>", "<pre>", "</pre>", "<code>",
     "</code>", "<table>", "<tr>", "<td colspan='2'>", "<th>", "</td>", "</tr>", "</table>",
     "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<!-- note -->", "<?pi x?>", "<span>",
     "</span>", "<input checked>", "<select><option selected>o</option></select>",
     "<embed src='e'>", "<wbr>", "<spacer>", "</spacer>", "<video src='v' poster='p'>",
     "</video>", "<source src='s'>", "<script>alert(1)</script>", "<style>p{}</style>",
     "<sup>", "</sup>", "<dl><dt>t</dt><dd>d</dd></dl>", "<xmp>a<b>c</xmp>",
     "text", " ", "\n", "\t", "&amp;", "&lt;tag&gt;", "&nbsp;", "&copy;", "&#169;", "a*b_c",
     "[x](y)", "`code`", "<", ">", "&", "{: .x}", "日本語", "\u00a0"]
)  # fmt: skip


def _markdown_both_ways(html: str) -> tuple[str, str]:
    import copy

    import lxml.html
    from bs4 import BeautifulSoup
    from bs4.element import Tag

    from scraper.extract.html_markdown import MARKDOWN_OPTIONS, _clean_content, _Converter, _Tag
    from scraper.extract.html_tree import parse_fragment
    from scraper.extract.soup import soup_from_lxml

    content = parse_fragment(html)
    assert content is not None
    _clean_content(content, "https://example.org/page")
    options = MARKDOWN_OPTIONS
    # libxml2 writes an empty <li> without its end tag, so html.parser nests the next items
    # inside it; the soup built from the tree keeps them siblings, as the page had them.
    # The reference gets its end tags back (an empty text makes lxml write them).
    reference = copy.deepcopy(content)
    for item in reference.iter("li"):
        if item.text is None and len(item) == 0:
            item.text = ""
    markup = lxml.html.tostring(reference, encoding="unicode")
    parsed = BeautifulSoup(markup, "html.parser", element_classes={Tag: _Tag})
    walked = soup_from_lxml(content, element_classes={Tag: _Tag})
    # A boolean attribute is "" in the tree; libxml2 writes it as checked="checked" on an
    # element it does not know ("<text<input checked>"). markdownify reads neither.
    for soup in (walked, parsed):
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                if value == name:
                    tag[name] = ""
    assert walked.decode() == parsed.decode()
    return _Converter(**options).convert_soup(walked), _Converter(**options).convert_soup(parsed)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENT_PIECES, min_size=1, max_size=40).map("".join))
def test_soup_from_the_tree_matches_parsing_the_markup(html: str) -> None:
    walked, parsed = _markdown_both_ways(html)
    assert walked == parsed


def test_soup_from_the_tree_keeps_empty_list_items_apart() -> None:
    from scraper.extract.html_tree import parse_fragment
    from scraper.extract.soup import soup_from_lxml

    content = parse_fragment("<ul><li></li><li>second</li></ul>")
    assert content is not None
    items = soup_from_lxml(content).find_all("li")
    assert [item.get_text() for item in items] == ["", "second"]
    assert items[1].parent.name == "ul"


def test_soup_from_the_tree_on_the_hostile_fixtures() -> None:
    from pathlib import Path

    fixtures = sorted((Path(__file__).parent / "fixtures" / "hostile").glob("*.html"))
    assert fixtures
    for path in fixtures:
        walked, parsed = _markdown_both_ways(path.read_text(encoding="utf-8"))
        assert walked == parsed, path.name


def test_deep_markup_flattening_keeps_text_and_closes_what_it_opened() -> None:
    from scraper.extract.html_tree import _flatten_deep_markup, _Flattener

    flattener = _Flattener(2)  # two levels kept
    flattener.feed("<a><b><c>x</b>y</q></a><br>z")
    flattener.close()
    # <c> is past the limit: dropped, its text kept; </b> closes it too; </q> closes nothing
    assert "".join(flattener.out) == "<a><b>x</b>y</a><br>z"
    # Tags never closed (a formula's <mrow>s): the text of all of them, in order.
    run = "<mrow><mi>x</mi>" * 3000
    flat = _flatten_deep_markup(run)
    assert flat.count("x") == 3000 and flat.count("<mrow>") == 120
