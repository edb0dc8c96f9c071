"""The faster pieces of HTML extraction must give exactly what the code they replace gives."""

from __future__ import annotations

import readability.readability as stock
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.readability_fast import clean_text, readability_class

# Whitespace-heavy text: runs of every kind of whitespace, long and short, between words.
_PIECES = st.one_of(
    st.sampled_from([" ", "\t", "\n", "\r", "\xa0", "\u2003", "\f", "\v", "x", "ab", ",", ":"]),
    st.builds(
        lambda ch, n: ch * n, st.sampled_from([" ", "\n", "\t", "\xa0"]), st.integers(1, 600)
    ),
)
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
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

    from scraper.extract.html import _Tag

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

    from scraper.extract.html import _parse, _trafilatura_content, _trafilatura_metadata

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
    tree = _parse(page)
    before = lxml.html.tostring(tree)
    found = _trafilatura_metadata(tree, "https://example.org/news/budget")
    content = _trafilatura_content(tree, "https://example.org/news/budget")
    assert found and content is not None  # both steps did run on this page
    assert lxml.html.tostring(tree) == before
