"""Tracking pixels never reach a scraped page: readers' browsers would load them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.extract.beacons import drop_tracking_pixels
from scraper.extract.html import extract_html
from scraper.extract.html_tree import parse_fragment
from tests.shared_data import skip_without_shared

PAGES = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "readability-test-pages"


@pytest.mark.parametrize(
    ("img", "dropped"),
    [
        ('<img src="https://ads.example/b?id=1" width="1" height="1" alt="">', True),
        ('<img src="https://t.example/ck" style="height:0px; width:0px;display: none">', True),
        ('<img src="https://t.example/p.gif" width="1px" style="height: 1 !important">', True),
        # a divider line, a photo whose height the browser works out: pictures
        ('<img src="https://cdn.example/line.jpg" width="464" height="2">', False),
        ('<img src="https://cdn.example/photo.jpg" width="570" height="0">', False),
        # one side only declared: nothing known of the other
        ('<img src="https://cdn.example/photo.jpg" width="1">', False),
        # sized 0 x 0 but stretched over its box (Next.js "fill" pictures)
        ('<img src="https://cdn.example/a.jpg" style="width:0;height:0;min-width:100%">', False),
        ('<img src="https://cdn.example/a.jpg" width="1e9" height="">', False),
    ],
)
def test_a_picture_of_a_pixel_is_dropped_and_nothing_else(img: str, dropped: bool) -> None:
    root = parse_fragment(f"<p>Before {img} after.</p>")
    assert drop_tracking_pixels(root) == int(dropped)
    assert (root.find(".//img") is None) == dropped
    assert root.text_content() == "Before  after."


def test_a_real_pages_beacon_is_not_in_its_article() -> None:
    folder = PAGES / "bbc-1"
    if not folder.is_dir():
        skip_without_shared(f"readability test pages not found at {PAGES}")
    doc = extract_html((folder / "source.html").read_bytes(), url="http://fakehost/test/page.html")
    assert "rubiconproject" not in doc.body and "sa.bbc.co.uk" not in doc.body
    assert "_76020974_line976.jpg" in doc.body  # its 464 x 2 divider is a picture
