"""`regkb prune-images`: pictures no page shows any more are removed, nothing else is."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scraper import images
from scraper.cli import main
from tests.test_images import kept_files, png, saved_page, scrape


def _prune(out: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["prune-images", "--out", str(out), *options])
    return result.exit_code, result.output


def test_a_picture_left_behind_by_a_deleted_page_is_removed(tmp_path: Path) -> None:
    # Two saved pages (two articles of one title), one photo each: both pictures kept.
    out = tmp_path / "docs"
    first = saved_page(
        tmp_path / "a", '<p><img src="Page_files/a.png" alt="A"></p>', canonical="https://x.test/a"
    )
    (tmp_path / "a" / "Page_files" / "a.png").write_bytes(png(rgb=(1, 2, 3)))
    second = saved_page(
        tmp_path / "b", '<p><img src="Page_files/b.png" alt="B"></p>', canonical="https://x.test/b"
    )
    (tmp_path / "b" / "Page_files" / "b.png").write_bytes(png(rgb=(4, 5, 6)))
    report_a, _ = scrape(first, out)
    report_b, _ = scrape(second, out)
    (picture_a,), (picture_b,) = report_a.images, report_b.images
    assert kept_files(out) == sorted([picture_a, picture_b])

    code, output = _prune(out)  # both shown: nothing to do
    assert code == 0 and "2 pictures, each shown by a page: nothing to remove" in output
    assert kept_files(out) == sorted([picture_a, picture_b])

    # The second page is rewritten without its picture (its photo was taken down).
    page_b = report_b.written[0]
    page_b.write_text(page_b.read_text(encoding="utf-8").replace(picture_b.name, "gone.png"))
    code, output = _prune(out, "--dry-run")
    assert code == 0 and f"would remove {picture_b}" in output
    assert picture_b.exists()

    code, output = _prune(out)
    assert code == 0
    assert f"removed {picture_b}" in output and "removed 1 unused pictures" in output
    assert kept_files(out) == [picture_a]


def test_only_the_scrapers_own_files_are_candidates(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / images.IMAGE_DIR
    folder.mkdir(parents=True)
    stored = "0123456789abcdef01234567"
    (folder / f"{stored}.png").write_bytes(png())  # the scraper's, shown by a template
    (folder / "editors-logo.png").write_bytes(png())  # an editor's file: not touched
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    overrides = tmp_path / "docs" / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        f'<img src="/assets/scraped-images/{stored}.png">', encoding="utf-8"
    )
    code, output = _prune(tmp_path / "docs")
    assert code == 0 and "nothing to remove" in output
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{stored}.png", "editors-logo.png", "notes.txt"]
    )


def test_an_unreadable_page_removes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    folder = docs / images.IMAGE_DIR
    folder.mkdir(parents=True)
    unused = folder / "fedcba9876543210fedcba98.png"
    unused.write_bytes(png())
    (docs / "broken.md").write_bytes(b"# A page\n\n\xff\xfe not UTF-8\n")
    code, output = _prune(docs)
    assert code == 1
    assert "broken.md" in output and "nothing removed" in output
    assert unused.exists()


def test_no_picture_folder_is_nothing_to_do(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    code, output = _prune(tmp_path / "docs")
    assert code == 0 and "0 pictures, each shown by a page: nothing to remove" in output


def test_a_picture_folder_linked_to_outside_is_not_touched(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "0123456789abcdef01234567.png"
    victim.write_bytes(png())
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / images.IMAGE_DIR).symlink_to(elsewhere, target_is_directory=True)
    code, output = _prune(docs)
    assert code == 1 and "outside" in output and "nothing removed" in output
    assert victim.exists()


def test_pictures_the_configuration_theme_and_scripts_show_are_kept(tmp_path: Path) -> None:
    """A logo or favicon in mkdocs.yml, a picture in the theme folder's templates
    (custom_dir, outside docs/) or in a script: each was taken for unused and removed."""
    site = tmp_path / "site"
    folder = site / "docs" / images.IMAGE_DIR
    folder.mkdir(parents=True)
    names = {
        what: f"{digit * 24}.png"
        for what, digit in (("logo", "a"), ("favicon", "b"), ("template", "c"), ("script", "d"))
    }
    unused = folder / ("e" * 24 + ".png")
    for name in [*names.values(), unused.name]:
        (folder / name).write_bytes(png())
    (site / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  custom_dir: 'theme-overrides'  # ours\n"
        f"  logo: assets/scraped-images/{names['logo']}\n"
        f"  favicon: assets/scraped-images/{names['favicon']}\n",
        encoding="utf-8",
    )
    (site / "theme-overrides" / "partials").mkdir(parents=True)
    (site / "theme-overrides" / "partials" / "header.html").write_text(
        f'<img src="{{{{ base_url }}}}/assets/scraped-images/{names["template"]}">', "utf-8"
    )
    (site / "docs" / "assets" / "extra.js").write_text(
        f'const hero = "assets/scraped-images/{names["script"]}";\n', encoding="utf-8"
    )
    code, output = _prune(site / "docs", "--config", str(site / "mkdocs.yml"), "--dry-run")
    assert code == 0, output
    assert output.splitlines()[0] == f"would remove {unused}"
    assert "would remove 1 unused pictures" in output and "4 shown by a page" in output
    code, output = _prune(site / "docs", "--config", str(site / "missing.yml"))
    assert code == 2 and "--config" in output and unused.exists()
