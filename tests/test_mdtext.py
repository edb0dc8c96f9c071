"""scraper.mdtext: scraped text written as Markdown reads back as the same text on the site.

Rendered with the site's Markdown extensions, through the same sanitizing the scraper's
writer applies (``normalize._safe_body``), a paragraph, a bullet or a heading made from any
text must be one element of that kind whose visible text is the input, whitespace squashed.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper import mdtext
from scraper.normalize import _safe_body
from tests.test_sanitize import RENDERERS

SITE = markdown.Markdown(extensions=RENDERERS["site"])

# Lines that open a block in Python-Markdown or one of the site's extensions.
BLOCK_OPENERS = [
    '!!! note "Title"',  # admonition
    "??? warning",  # pymdownx.details
    "???+ tip",
    "~~~python",  # superfences
    "# not a heading",
    "> not a quote",
    "3. The issuer shall keep reserves.",
    "4) second",
    "- dash",
    "+ plus",
    ": definition",  # def_list
    "[TOC]",  # toc
    "[^1]: a footnote",
    "[ref]: https://example.org",
    "*[HTML]: Hyper Text",  # abbr
    "| a | b |",
    "&lt;b&gt; shown as written",
    "[click](javascript:alert(1))",
]


def rendered(md: str) -> BeautifulSoup:
    SITE.reset()
    return BeautifulSoup(SITE.convert(_safe_body(md)), "html.parser")


def assert_literal(md: str, text: str, outer: str, inner: str) -> None:
    soup = rendered(md)
    assert [t.name for t in soup.find_all(recursive=False)] == [outer], (md, str(soup))
    element = soup.find(inner)
    assert element is not None and element.find_all(True) == [], (md, str(soup))
    assert element.get_text().strip() == " ".join(text.split()), (md, str(soup))


@pytest.mark.parametrize("text", BLOCK_OPENERS)
def test_a_paragraph_of_text_stays_a_paragraph(text: str) -> None:
    assert_literal(mdtext.paragraph(text), text, "p", "p")


@pytest.mark.parametrize("text", BLOCK_OPENERS)
def test_a_bullet_of_text_stays_one_bullet(text: str) -> None:
    assert_literal(mdtext.list_item(text), text, "ul", "li")


def test_block_start_keeps_the_number_and_the_rest() -> None:
    assert mdtext.block_start("3. The issuer") == "3\\. The issuer"
    assert mdtext.block_start("??? x") == "&#63;?? x"
    middle = "Plain text. 3. Not at the start"
    assert mdtext.block_start(middle) == middle
    # A link the converter wrote is not a definition: left alone.
    assert mdtext.block_start("[text](https://example.org): more") == (
        "[text](https://example.org): more"
    )


PIECES = [
    *"!?~:#>-+*_`[](){}<>&;|=^\\/ .1aZ",
    "!!!", "???", "~~~", "```", "&lt;", "&#58;", "[^1]", "*[", "]:", "javascript:", ' "t"',
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join))
def test_property_any_text_reads_back_as_itself(text: str) -> None:
    if not text.strip():
        return
    assert_literal(mdtext.paragraph(text), text, "p", "p")
    assert_literal(mdtext.list_item(text), text, "ul", "li")
    assert_literal(mdtext.heading(2, text, "x-anchor"), text, "h2", "h2")


@pytest.mark.parametrize(
    "lines",
    [
        ["| a | b |", "|---|---|", "| c | d |"],  # a table's rows, each a line of a paragraph
        ["a | b", "---|---", "c | d"],
        ["Setext", "==="],  # "===" under a line made it a heading
        ["Setext", "---"],
        ["Sums", "= 12", "== 3"],  # "=" opening a line of text stays text
    ],
)
def test_lines_of_one_paragraph_stay_lines_of_text(lines: list[str]) -> None:
    """The HTML extractor writes a paragraph's line breaks as Markdown hard breaks and
    passes each line through ``block_start``: rows that read as a table, or "===" under
    a line, made a table or a heading of what the page showed as text."""
    md = "  \n".join(mdtext.block_start(mdtext.inline(line)) for line in lines)
    soup = rendered(md)
    assert [t.name for t in soup.find_all(recursive=False)] == ["p"], (md, str(soup))
    paragraph = soup.find("p")
    assert [t.name for t in paragraph.find_all(True)] == ["br"] * (len(lines) - 1), str(soup)
    assert [s.strip() for s in paragraph.get_text().split("\n")] == lines


def test_every_block_opener_starts_with_one_of_the_block_start_characters() -> None:
    """The HTML converter calls ``block_start`` on a text's first line only when it starts
    with one of ``BLOCK_START_CHARS``: an opener outside them would stay a block."""
    for code in range(32, 127):
        ch = chr(code)
        for line in (f"{ch} x", f"{ch * 3} x", f"{ch}. x", f"{ch}TOC]", f"{ch}x]: y"):
            if mdtext.block_start(line) != line:
                assert ch in mdtext.BLOCK_START_CHARS, (ch, line)
