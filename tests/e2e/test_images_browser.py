"""A picture kept from a saved page shows in a real browser, served from the site itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from benchmarks.page_load import serve
from tests.sitebuilder import build_site
from tests.test_images import png, saved_page, scrape


def test_a_kept_picture_loads_from_the_site_and_nothing_else_is_fetched(
    browser, tmp_path: Path
) -> None:
    page_file = saved_page(
        tmp_path / "in",
        '<p><img src="Page_files/chart.png" alt="Reserve chart"></p>'
        '<p><img src="https://cdn.example.com/tracker.gif" alt="Remote picture"></p>',
    )
    (page_file.parent / "Page_files" / "chart.png").write_bytes(png(40, 20))
    root = tmp_path / "project"
    report, text = scrape(page_file, root / "docs")
    doc = report.written[0].relative_to(root / "docs").as_posix()
    result = build_site(root, {"index.md": "# Home\n", doc: text})
    assert result.ok, result.error

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    # The remote picture is linked where it is (the default); the test stays offline.
    tab.route("https://cdn.example.com/**", lambda route: route.abort())
    tab.on("request", lambda request: requests.append(request.url))
    try:
        with serve(result.site_dir) as url:
            tab.goto(urljoin(url, doc.removesuffix(".md") + "/"))
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
