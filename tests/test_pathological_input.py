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

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from plugins.documents.references import NUMBER_RE
from scraper.extract.html import _visible, extract_html
from scraper.extract.notice import find_doc_numbers
from scraper.extract.text import extract_text
from scraper.normalize import finalize, render

LIMIT_S = 60
SIZE = 200_000
PROSE = "Regulators published custody rules for stablecoin issuers this week. " * 6


@contextmanager
def must_finish(what: str) -> Iterator[None]:
    """Fail (instead of hanging) if the block runs for more than ``LIMIT_S`` seconds."""

    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"{what}: still running after {LIMIT_S} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(LIMIT_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _capture(run: str) -> bytes:
    return f"A title for the capture\n\n{PROSE}\n\n{run}\n\n{PROSE}\n".encode()


def _page(run: str) -> bytes:
    text = run.replace("&", "&amp;").replace("<", "&lt;")
    return (
        f"<html><head><title>Rules</title></head><body><article><h1>Rules</h1><p>{PROSE}</p>"
        f"<p>{text}</p><p>{PROSE}</p></article></body></html>"
    ).encode()


CASES: dict[str, tuple[Callable[[str], bytes], str]] = {
    # A long word of capitals: the document-number pattern started at each letter.
    "capitals in a text capture": (_capture, "A" * SIZE),
    # Brackets with no "]": the visible-text check read to the end from each "[".
    "brackets in an HTML page": (_page, "[" * SIZE),
    "unclosed links in an HTML page": (_page, "[a](" * (SIZE // 4)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_pathological_run_of_text_is_extracted(name: str) -> None:
    wrap, run = CASES[name]
    data = wrap(run)
    with must_finish(name):
        if wrap is _capture:
            docs = extract_text(data, origin="capture.txt")
        else:
            docs = [extract_html(data)]
        pages = [render(finalize(doc)) for doc in docs]
    assert pages and all("custody rules" in page for page in pages)


def test_a_number_after_a_long_run_of_capitals_is_found_without_rescanning() -> None:
    text = "A" * SIZE + " then Yinfa [2021] No. 237 applies"
    with must_finish("scraper numbers"):
        assert find_doc_numbers(text) == ["Yinfa [2021] No. 237"]
    with must_finish("plugin numbers"):
        found = [m.group(0) for m in NUMBER_RE.finditer(text)]
    assert found and found[-1].endswith("Yinfa [2021] No. 237")


@pytest.mark.parametrize(
    ("markdown", "visible"),
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
def test_visible_text_of_links_and_images(markdown: str, visible: str) -> None:
    assert _visible(markdown) == visible
