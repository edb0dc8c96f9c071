"""Paragraphs written as runs between double line breaks (scraper.extract.line_breaks)."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.html import extract_html
from scraper.extract.line_breaks import paragraphs_from_line_breaks


def paragraphs(markup: str) -> list[str]:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    paragraphs_from_line_breaks(root)
    return [lxml.html.tostring(el, encoding="unicode", with_tail=False) for el in root[0]]


def test_runs_between_double_breaks_become_paragraphs_with_their_links() -> None:
    markup = (
        "<div>First one.<br>\n<br> Their <a href='/p'>parts</a> were announced.<br><br>"
        "Last <b>one</b><br>with a line break.</div>"
    )
    assert paragraphs(markup) == [
        "<p>First one.</p>",
        '<p>\n Their <a href="/p">parts</a> were announced.</p>',
        "<p>Last <b>one</b><br>with a line break.</p>",
    ]


def test_blocks_stay_and_end_a_run() -> None:
    markup = "<div>Before<br><br>text <i>a</i><ul><li>item</li></ul>after<br><br></div>"
    assert paragraphs(markup) == [
        "<p>Before</p>",
        "<p>text <i>a</i></p>",
        "<ul><li>item</li></ul>",
        "<p>after</p>",
    ]


@pytest.mark.parametrize(
    "markup",
    [
        "<div>one<br>two<br>three</div>",  # single breaks: lines of one block, left alone
        "<div><p>a<br><br>b</p></div>",  # inside a paragraph no <p> can stand
    ],
)
def test_single_breaks_and_paragraphs_are_left_alone(markup: str) -> None:
    root = lxml.html.fragment_fromstring(markup)
    before = lxml.html.tostring(root)
    paragraphs_from_line_breaks(root)
    assert lxml.html.tostring(root) == before


_PIECES = st.sampled_from(
    ["text ", "more words ", "<br>", "<br>", "\n", "<a href='/x'>link</a>", "<b>bold</b>",
     "<p>para</p>", "<div>block</div>", "<ul><li>i</li></ul>", " tail "]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join))
def test_no_word_is_lost_or_moved(inner: str) -> None:
    root = lxml.html.fragment_fromstring(f"<div>{inner}</div>")
    words = " ".join(root.itertext()).split()  # paragraphs are apart: compare by text node
    paragraphs_from_line_breaks(root)
    assert " ".join(root.itertext()).split() == words


def test_a_blog_post_s_sentence_with_a_link_stays_one_paragraph() -> None:
    sentence = (
        "Silego is a fabless semiconductor company. Their <a href='https://e.org/g5'>5th "
        "generation parts</a> were just announced, so I target the 4th generation."
    )
    filler = "More about the architecture of these small programmable logic devices. " * 6
    page = (
        "<html><head><title>Open Verilog flow for programmable logic</title></head><body>"
        f"<div class='post-body'>Intro.<br>\n<br> {sentence}<br>\n<br>{filler}<br><br>"
        # a block among the runs, as Blogger puts an image: readability then made a <p> of
        # each piece of text
        "<div class='separator'><img src='https://e.org/i.png'></div>"
        f"{filler}</div></body></html>"
    )
    body = extract_html(page).body
    assert "Their [5th generation parts](https://e.org/g5) were just announced, so I target" in body
