"""The page-load benchmark in a real browser: it reports what the browser saw."""

from __future__ import annotations

from pathlib import Path

from benchmarks.page_load import measure, table


def test_each_page_is_loaded_and_its_elements_and_timings_reported(browser, tmp_path: Path) -> None:
    (tmp_path / "list").mkdir()
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>Home</title><p>Hello</p>", encoding="utf-8"
    )
    items = "".join(f"<li>event {i}</li>" for i in range(500))
    (tmp_path / "list/index.html").write_text(
        f"<!doctype html><title>List</title><ol>{items}</ol>", encoding="utf-8"
    )
    results = measure(tmp_path, ["", "list/"], runs=2, width=800, browser=browser)
    assert [r.path for r in results] == ["(home)", "list/"]
    home, big = results
    # html, head, title, body, p / the same with ol and 500 li
    assert home.elements == 5
    assert big.elements == 505
    assert big.size == (tmp_path / "list/index.html").stat().st_size
    assert home.dcl_ms > 0 and big.dcl_ms > 0
    assert home.fcp_ms is not None and home.fcp_ms > 0
    # a page with nothing else to fetch downloads itself (the favicon request fails: 404)
    assert home.downloaded >= home.size
    assert big.downloaded >= big.size
    printed = table(results)
    assert "| `list/` |" in printed and "| 505 |" in printed
