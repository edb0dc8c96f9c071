"""A picture kept from a saved page shows in a real browser, served from the site itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Route

from benchmarks.page_load import serve
from tests.sitebuilder import build_site
from tests.test_image_sizes import picture
from tests.test_images import png, saved_page, scrape


def built_page(
    tmp_path: Path, pictures: str, chart: bytes, name: str = "chart.png"
) -> tuple[Path, str]:
    """A saved page with ``pictures`` (its ``Page_files/<name>`` is ``chart``), scraped
    and built: the site's folder and the document's URL in it."""
    page_file = saved_page(tmp_path / "in", pictures)
    (page_file.parent / "Page_files" / name).write_bytes(chart)
    root = tmp_path / "project"
    report, text = scrape(page_file, root / "docs")
    doc = report.written[0].relative_to(root / "docs").as_posix()
    result = build_site(root, {"index.md": "# Home\n", doc: text})
    assert result.ok, result.error
    return result.site_dir, doc.removesuffix(".md") + "/"


def test_a_kept_picture_loads_from_the_site_and_nothing_else_is_fetched(
    browser, tmp_path: Path
) -> None:
    site_dir, doc_url = built_page(
        tmp_path,
        '<p><img src="Page_files/chart.png" alt="Reserve chart"></p>'
        '<p><img src="https://cdn.example.com/tracker.gif" alt="Remote picture"></p>',
        png(40, 20),
    )

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    # The remote picture is linked where it is (the default); the test stays offline.
    tab.route("https://cdn.example.com/**", lambda route: route.abort())
    tab.on("request", lambda request: requests.append(request.url))
    try:
        with serve(site_dir) as url:
            tab.goto(urljoin(url, doc_url))
            chart = tab.get_by_role("img", name="Reserve chart")
            chart.scroll_into_view_if_needed()  # the site loads pictures lazily
            tab.wait_for_function(
                "el => el.complete && el.naturalWidth > 0", arg=chart.element_handle()
            )
            assert chart.evaluate("el => [el.naturalWidth, el.naturalHeight]") == [40, 20]
            kept = [u for u in requests if "/scraped-images/" in u]
            assert len(kept) == 1 and urlsplit(kept[0]).hostname == "127.0.0.1", requests
            remote = tab.get_by_role("img", name="Remote picture")
            assert remote.get_attribute("referrerpolicy") == "no-referrer"
    finally:
        context.close()


def test_a_kept_picture_holds_its_place_before_it_has_loaded(browser, tmp_path: Path) -> None:
    """The text under a picture does not move when the picture arrives: the page gives the
    browser its width and height, so its box is there from the first paint."""
    site_dir, doc_url = built_page(
        tmp_path, '<p><img src="Page_files/chart.png" alt="Reserve chart"></p>', png(400, 300)
    )
    with serve(site_dir) as url:
        # A wide screen shows the picture at its own size...
        before, after, moved = boxes_before_and_after_loading(browser, urljoin(url, doc_url), 1280)
        assert before == after == (400, 300)
        assert not moved
        # ...a phone scales it to the column, its proportions kept from the first paint.
        before, after, moved = boxes_before_and_after_loading(browser, urljoin(url, doc_url), 360)
        assert before == after and before[0] < 400
        assert abs(before[1] - before[0] * 3 / 4) <= 1
        assert not moved


@pytest.mark.parametrize(("kind", "name"), [("JPEG", "photo.jpg"), ("AVIF", "photo.avif")])
def test_a_photo_stored_sideways_holds_the_place_of_the_photo_as_shown(
    browser, tmp_path: Path, kind: str, name: str
) -> None:
    """A camera's photo, stored 400 x 300 with "turn a quarter" in its EXIF (or, in AVIF,
    its own rotation), is shown 300 x 400: the place kept for it is that, not the stored."""
    site_dir, doc_url = built_page(
        tmp_path,
        f'<p><img src="Page_files/{name}" alt="Reserve chart"></p>',
        picture(kind, 400, 300, orientation=6),
        name,
    )
    with serve(site_dir) as url:
        before, after, moved = boxes_before_and_after_loading(browser, urljoin(url, doc_url), 1280)
    assert before == after == (300, 400)
    assert not moved


def boxes_before_and_after_loading(
    browser, url: str, viewport_width: int
) -> tuple[tuple[int, int], tuple[int, int], bool]:
    """The picture's box (width, height) while its file is held back and once it has
    loaded, and whether the paragraph under it moved in between."""
    context = browser.new_context(viewport={"width": viewport_width, "height": 900})
    tab = context.new_page()
    held: list[Route] = []
    tab.route("**/scraped-images/**", lambda route: held.append(route))
    try:
        tab.goto(url)
        chart = tab.get_by_role("img", name="Reserve chart")
        chart.scroll_into_view_if_needed()
        for _ in range(100):  # until the browser has asked for the picture
            if held:
                break
            tab.wait_for_timeout(50)
        assert held, "the picture was never requested"
        assert chart.evaluate("el => el.naturalWidth") == 0
        text_below = tab.locator("article p", has_text="Stablecoin reserves").last
        below, before = text_below.bounding_box(), chart.bounding_box()
        for route in held:
            route.continue_()
        tab.wait_for_function(
            "el => el.complete && el.naturalWidth > 0", arg=chart.element_handle()
        )
        after = chart.bounding_box()
        assert before is not None and after is not None
        return (
            (round(before["width"]), round(before["height"])),
            (round(after["width"]), round(after["height"])),
            text_below.bounding_box() != below,
        )
    finally:
        context.close()
