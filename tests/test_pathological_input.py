"""Inputs built to make a pattern rescan: each must finish, and the text around it must read
the same as before.

A regular expression that may start at every character and then reads to the end of the
text costs time growing with the square of the length: 40,000 capital letters in a capture
took 22 s and two megabytes would take hours. Every case below is sized so that such a
rescan would run for minutes (measured before the fix: 5.6 s at a tenth of the size, so
about ten minutes here); a guard stops the test after 60 s with the name of the input, so a
regression fails instead of hanging CI. This is not a speed test: the fixed code takes well
under a second per case, and the limit is only there to stop a hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from benchmarks import pathological
from plugins.documents.excerpt import excerpt
from plugins.documents.references import NUMBER_RE
from scraper.extract.citations import find_doc_numbers
from scraper.extract.html_markdown import visible
from scraper.links import doc_link, resolve

LIMIT_S = 60
SIZE = 200_000


@contextmanager
def must_finish(what: str) -> Iterator[None]:
    """Fail (instead of hanging) if the block runs for more than ``LIMIT_S`` seconds."""
    try:
        with pathological.limit(LIMIT_S):
            yield
    except pathological.TooLong:
        raise AssertionError(f"{what}: still running after {LIMIT_S} s") from None


#: name -> (stage of the pathological benchmark, run). The stages extract and plan the page
#: as ``regkb scrape`` does (links between documents and safe Markdown included).
CASES: dict[str, tuple[str, str]] = {
    # A long word of capitals: the document-number pattern started at each letter.
    "capitals in a text capture": ("capture", "A" * SIZE),
    # Brackets with no "]": the visible-text check read to the end from each "[", and so
    # did the pattern that finds links between documents (each "\[" of the Markdown).
    "brackets in an HTML page": ("html", "[" * SIZE),
    "unclosed links in an HTML page": ("html", "[a](" * (SIZE // 4)),
    # Paragraphs that each open like a notice's first article, "(1)", and no "(2)": the
    # notice finder read on from each of them for the rest (13 s for 8,000 of them).
    "first articles in a text capture": ("capture", "(1) a\n" * (SIZE // 6)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_pathological_run_of_text_is_extracted(name: str) -> None:
    stage, run = CASES[name]
    with must_finish(name):
        pages = pathological.STAGES[stage](run)
    assert pages and all("custody rules" in page for page in pages)


def test_a_link_between_documents_before_many_escaped_brackets_is_resolved() -> None:
    link = doc_link("Yinfa [2021] No. 237", "Yinfa [2021] No. 237")
    brackets = "\\[" * SIZE  # what mdtext makes of "[" in scraped text
    with must_finish("links between documents"):
        out = resolve(
            f"see {link} {brackets}", lambda kind, key: "regulations/2021/yinfa.md", "news/x.md"
        )
    assert out == f"see [Yinfa \\[2021\\] No. 237](../regulations/2021/yinfa.md) {brackets}"


def test_a_number_after_a_long_run_of_capitals_is_found_without_rescanning() -> None:
    text = "A" * SIZE + " then Yinfa [2021] No. 237 applies"
    with must_finish("scraper numbers"):
        assert find_doc_numbers(text) == ["Yinfa [2021] No. 237"]
    with must_finish("plugin numbers"):
        found = [m.group(0) for m in NUMBER_RE.finditer(text)]
    assert found and found[-1].endswith("Yinfa [2021] No. 237")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("see [the rules](../rules/) now", "see the rules now"),
        ("![a chart](chart.png) and text", "a chart and text"),
        ("[![logo](logo.png)](https://x.example/)", "logo"),
        # An escaped bracket in the link text is text, and the link still reads as one.
        (r"per [Yinfa \[2021\] No. 237](../y/)", "per Yinfa [2021] No. 237"),
        # Escaped: not a link at all, the brackets are shown.
        (r"\[not a link](x)", "[not a link](x)"),
        ("[" * 5 + "a](b)", "[" * 4 + "a"),
    ],
)
def test_visible_text_of_links_and_images(markdown: str, expected: str) -> None:
    assert visible(markdown) == expected


@pytest.mark.parametrize("unit", ["[a](", "[a](b(", "\\[", "_a", "&amp;"])
def test_an_excerpt_of_a_pathological_first_paragraph_is_linear(unit: str) -> None:
    """Listings read each document's first paragraph: a link pattern read to any ")" from
    each "[a](" took 2.4 s for 20,000 of them, and would take over 2 minutes for the
    150,000 here."""
    body = unit * (3 * SIZE // len(unit)) + " custody rules"
    with must_finish(f"excerpt of {unit!r} repeated"):
        text = excerpt(body, words=10**6)
    assert text is not None and text.endswith("custody rules")
