"""Malformed and odd input: a clear one-line reason or a correct page, never a crash.

The extractor tests (test_extract_html, test_encoding, test_text_capture) check each input
kind on its own. Here the same kinds of input go through ``regkb scrape`` together, in ONE
run with a good source, because that is how they arrive in practice: the run must report
every bad input on its own summary line and still write everything that is fine.
"""

from __future__ import annotations

import pytest

from scraper.extract.html import extract_html

PROSE = "Regulators published detailed custody rules for stablecoin issuers this week. " * 6


# --- HTML5 void elements ------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["embed", "source", "track", "wbr", "keygen"])
def test_an_html5_void_element_does_not_swallow_the_rest_of_the_article(tag: str) -> None:
    """libxml2 (an HTML 4 parser) nests everything after these tags inside them; dropping an
    ``<embed>`` as active content then dropped the rest of the article with it."""
    page = (
        f"<html><body><article><h1>Rules</h1><p>{PROSE}</p><{tag} src='https://x.example/v'>"
        f"<p>After the element: {PROSE}</p><p>Last paragraph stays.</p></article></body></html>"
    )
    body = extract_html(page.encode()).body
    assert "After the element:" in body
    assert "Last paragraph stays." in body
