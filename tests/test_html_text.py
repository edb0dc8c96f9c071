"""The shared walk over a page's text: which text linkers see, and how their links combine."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from plugins.html_text import IN_SKIP_CLASS, MAY_LINK, Links, link_texts, text_runs


def runs_of(html: str, **kwargs) -> list[tuple[str, int]]:
    return [(html[s:e], f) for s, e, f in text_runs(html, **kwargs)]


def test_runs_skip_code_and_scripts_and_flag_links_and_headings() -> None:
    html = (
        "<h2>Head<a class='headerlink' href='#x'>¶</a></h2>\n"
        "<p>Body <code>code()</code> <a href='/a'>in link</a> tail</p>\n"
        "<script>var a = '<p>not text</p>';</script><pre>pre</pre>"
    )
    assert runs_of(html) == [
        ("Head", 0),
        ("¶", 0),
        ("Body ", MAY_LINK),
        ("in link", 0),
        (" tail", MAY_LINK),
    ]


def test_skip_class_flags_text_and_keeps_link_rules_of_the_element() -> None:
    html = (
        '<div class="box no-glossary"><p>boxed</p><a class="no-glossary" href="/">linked</a>'
        "</div><p>free</p>"
    )
    assert runs_of(html, skip_classes=["no-glossary"]) == [
        ("boxed", MAY_LINK | IN_SKIP_CLASS),
        ("linked", IN_SKIP_CLASS),  # still inside a link: no link may go in it
        ("free", MAY_LINK),
    ]


def test_attribute_values_and_comments_are_not_text() -> None:
    html = '<p title="a > word">x</p><!-- word --><img alt="word">'
    assert runs_of(html) == [("x", MAY_LINK)]


def word_linker(word: str, label: str) -> tuple[list[list[str]], Callable]:
    """A linker wrapping every ``word`` in <b class=label>, remembering what it was handed."""
    seen: list[list[str]] = []

    def link(texts: Sequence[str], flags: Sequence[int]) -> list[Links]:
        seen.append(list(texts))
        return [
            [
                (m.start(), m.end(), f'<b class="{label}">{m.group(0)}</b>')
                for m in re.finditer(word, t)
            ]
            if f & MAY_LINK
            else []
            for t, f in zip(texts, flags, strict=True)
        ]

    return seen, link


def test_later_linkers_only_see_text_earlier_ones_left() -> None:
    html = "<p>alpha beta alpha</p><h2>alpha</h2><p>gamma</p>"
    seen_first, first = word_linker("alpha beta", "one")
    seen_second, second = word_linker("alpha", "two")
    out = link_texts(html, [first, second])
    assert out == (
        '<p><b class="one">alpha beta</b> <b class="two">alpha</b></p><h2>alpha</h2><p>gamma</p>'
    )
    assert seen_first == [["alpha beta alpha", "alpha", "gamma"]]
    # The second linker never sees the text inside the first one's link.
    assert seen_second == [[" alpha", "alpha", "gamma"]]


def test_no_links_returns_the_page_unchanged() -> None:
    html = "<p>nothing to see &amp; nothing to link</p>"
    _, linker = word_linker("absent", "x")
    assert link_texts(html, [linker]) is html
    assert link_texts(html, []) is html
