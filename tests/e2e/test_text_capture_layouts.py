"""The text-capture benchmark on real layouts: a capture made in Chromium from a readability
test page (a news page whose copy opens with a 90-line menu) gives its article."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.extraction import DATASET
from benchmarks.text_capture import captures, measure
from tests.shared_data import skip_without_shared


@pytest.fixture(scope="module")
def folders() -> list[Path]:
    if not DATASET.is_dir():
        skip_without_shared("shared readability test pages not available")
    return [DATASET / "nytimes-1", DATASET / "ars-1"]


def test_a_browser_copy_of_a_news_page_gives_its_article(browser, folders: list[Path]) -> None:
    texts = captures(folders, browser)
    assert all(len(text) > 2000 for text in texts.values())
    rows, _ = measure(folders, texts)
    by_name = {row.name: row for row in rows}
    # The nytimes copy holds the site's menu, a "More" menu between the headline and the
    # text, and related links after it; its article is the first document.
    nytimes = by_name["nytimes-1"]
    assert "United States to Lift Sudan Sanctions" in nytimes.note
    assert nytimes.f1 > 0.8 and nytimes.p > 0.8, nytimes
    assert by_name["ars-1"].f1 > 0.8, by_name["ars-1"]
