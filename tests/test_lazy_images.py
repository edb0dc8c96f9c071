"""Pictures behind a lazy-loading placeholder: the <noscript> copy takes the placeholder's place."""

from __future__ import annotations

import lxml.html

from scraper.extract.html_tree import parse_page
from scraper.extract.lazy_images import unwrap_noscript_images

REAL = '<noscript><img src="https://cdn.example/photo-1600.jpg" alt="The harbour"></noscript>'


def _page(body: str) -> lxml.html.HtmlElement:
    return parse_page(f"<html><body><article>{body}</article></body></html>")


def _images(root: lxml.html.HtmlElement) -> list[str]:
    return [img.get("src") or "" for img in root.iter("img")]


def test_a_blank_placeholder_gives_way_to_the_picture_in_noscript() -> None:
    root = _page(
        "<p>Before.</p><figure><span><img src='data:image/gif;base64,R0lGOD' alt='The harbour'>"
        f"</span>{REAL}<figcaption>Caption</figcaption></figure><p>After.</p>"
    )
    assert unwrap_noscript_images(root) == 1
    assert _images(root) == ["https://cdn.example/photo-1600.jpg"]
    assert root.find(".//noscript") is None
    figure = root.find(".//figure")
    assert [child.tag for child in figure] == ["img", "figcaption"]
    assert "Before." in root.text_content() and "After." in root.text_content()


def test_a_blurred_preview_in_a_wrapper_and_an_empty_img_give_way_too() -> None:
    # Medium's pattern: a wrapper holding a 40-pixel preview, an <img> the script fills
    # in (no source at all), then the real picture in <noscript>.
    root = _page(
        "<figure><div><div><img src='https://cdn.example/max/40/photo.png?q=20'></div>"
        f"<img alt='The harbour' class='later' width='800'>{REAL}</div></figure>"
    )
    assert unwrap_noscript_images(root) == 1
    assert _images(root) == ["https://cdn.example/photo-1600.jpg"]


def test_a_noscript_after_text_is_left_alone() -> None:
    # An analytics pixel follows no placeholder: it is not turned into a picture.
    pixel = '<noscript><img src="https://tracker.example/px.gif?id=1" width="1"></noscript>'
    root = _page(f"<p>Text of the article.</p>{pixel}")
    assert unwrap_noscript_images(root) == 0
    assert root.find(".//noscript") is not None
    assert _images(root) == ["https://tracker.example/px.gif?id=1"]


def test_text_between_placeholder_and_noscript_or_several_pictures_keep_them_apart() -> None:
    apart = _page(f"<p><img src='data:,x'> Caption words {REAL}</p>")
    assert unwrap_noscript_images(apart) == 0
    two = _page(
        "<div><img src='data:,x'></div><noscript><img src='https://cdn.example/a.jpg'>"
        "<img src='https://cdn.example/b.jpg'></noscript>"
    )
    assert unwrap_noscript_images(two) == 0
    assert _images(two)[0] == "data:,x"


def test_pictures_named_only_in_lazy_attributes_are_kept() -> None:
    root = _page(
        "<img data-src='https://cdn.example/a.jpg'><img data-srcset='https://cdn.example/b.jpg 2x'>"
        "<img data-hero='https://cdn.example/c.webp'><img alt='nothing here'>"
        "<p>Text.</p><noscript><img src='https://cdn.example/d.jpg'></noscript>"
    )
    unwrap_noscript_images(root)
    kept = [lxml.html.tostring(img, encoding="unicode") for img in root.iter("img")]
    assert len(kept) == 4  # a, b, c and the one in <noscript>; the <img> naming none is gone
    assert not any("nothing here" in html for html in kept)


def test_a_page_without_noscript_is_untouched() -> None:
    root = _page("<p>Text</p><img alt='no source'>")
    before = lxml.html.tostring(root)
    assert unwrap_noscript_images(root) == 0
    assert lxml.html.tostring(root) == before
