"""The page-load benchmark's choice of pages (the browser part needs a built site)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.page_load import main, page_file, pages_to_measure


def _site(root: Path, sizes: dict[str, int]) -> Path:
    for rel, size in sizes.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x" * size, encoding="utf-8")
    return root


def test_the_home_page_the_timeline_and_the_largest_pages_are_measured(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": 10,
            "timeline/index.html": 20,
            "tags/index.html": 500,
            "glossary/big/index.html": 400,
            "glossary/small/index.html": 5,
            "404.html": 300,
        },
    )
    assert pages_to_measure(site, 3) == ["", "timeline/", "tags/", "glossary/big/", "404.html"]
    # the home page and the timeline are not listed twice when they are among the largest
    assert pages_to_measure(site, 10)[:2] == ["", "timeline/"]
    assert len(pages_to_measure(site, 10)) == 6


def test_a_site_without_a_timeline_is_measured_without_one(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": 10, "a/index.html": 20})
    assert pages_to_measure(site, 5) == ["", "a/"]


def test_site_paths_map_to_the_files_a_static_host_serves(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": 1, "timeline/index.html": 1, "404.html": 1})
    assert page_file(site, "") == site / "index.html"
    assert page_file(site, "timeline/") == site / "timeline/index.html"
    assert page_file(site, "timeline") == site / "timeline/index.html"
    assert page_file(site, "404.html") == site / "404.html"


def test_a_folder_that_is_not_a_site_or_a_missing_page_is_refused(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path)]) == 2
    assert "not a built site" in capsys.readouterr().err
    _site(tmp_path, {"index.html": 1})
    assert main([str(tmp_path), "--page", "nowhere/"]) == 2
    assert "no such page: nowhere/" in capsys.readouterr().err
