"""Pictures of scraped pages: kept in docs/assets/scraped-images/ (safely) or linked."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from scraper import images
from scraper.extract.html_markdown import srcset_choice
from scraper.images import ImageMode, ImageResolver, ImageStore, image_type, relink
from scraper.pipeline import Report, run
from scraper.sources import source_from_arg
from tests.local_server import serving
from tests.sitebuilder import build_site

PARAGRAPH = "<p>" + "Stablecoin reserves must be held in liquid assets under the rule. " * 8
PARAGRAPH += "</p>"


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid PNG of one colour (written here so tests need no image files)."""
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def saved_page(folder: Path, imgs: str, *, canonical: str | None = None) -> Path:
    """A page as a browser's "Save page as..., complete" leaves it: ``Page.html`` and
    ``Page_files/``; ``imgs`` is the HTML of its pictures."""
    (folder / "Page_files").mkdir(parents=True, exist_ok=True)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    page = folder / "Page.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>Reserve rules for stablecoins</title>{link}"
        f"</head><body><article><h1>Reserve rules for stablecoins</h1>{PARAGRAPH}{imgs}"
        f"{PARAGRAPH}</article></body></html>",
        encoding="utf-8",
    )
    return page


def scrape(page: Path | str, out: Path, **options: object) -> tuple[Report, str]:
    """Run the scraper on one source; the report and the one page it wrote."""
    report = run([source_from_arg(str(page))], out_dir=out, **options)  # type: ignore[arg-type]
    assert not report.failed, report.format()
    written = report.written or report.unchanged
    text = written[0].read_text(encoding="utf-8") if written else ""
    return report, text


def kept_files(out: Path) -> list[Path]:
    return sorted((out / images.IMAGE_DIR).glob("*")) if (out / images.IMAGE_DIR).is_dir() else []


# -- what counts as an image ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "ext"),
    [
        (png(), "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpg"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", "avif"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
        (b"<html><body>not a picture</body></html>", None),
        (b"", None),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),  # a sound, not a WebP
    ],
)
def test_image_type_reads_the_bytes_not_the_name(data: bytes, ext: str | None) -> None:
    assert image_type(data) == ext


def test_store_names_a_file_by_its_content_and_never_replaces_other_bytes(tmp_path: Path) -> None:
    store = ImageStore(tmp_path)
    data = png()
    first = store.add(data)
    assert first == f"assets/scraped-images/{hashlib.sha256(data).hexdigest()[:24]}.png"
    assert (tmp_path / first).read_bytes() == data
    assert store.add(data) == first  # the same picture twice: one file
    assert store.written == [tmp_path / first]

    other = png(rgb=(0, 0, 255))
    squatter = tmp_path / store.add(other)
    squatter.write_bytes(b"an editor's file")
    with pytest.raises(images.ImageError, match="exists with other content"):
        ImageStore(tmp_path).add(other)
    assert squatter.read_bytes() == b"an editor's file"


def test_store_never_writes_outside_the_docs_folder(tmp_path: Path) -> None:
    """docs/assets may be a symbolic link (to a shared folder, or planted): nothing is
    written through it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "assets").symlink_to(outside, target_is_directory=True)
    with pytest.raises(images.ImageError, match="outside"):
        ImageStore(tmp_path / "docs").add(png())
    assert list(outside.rglob("*")) == []


def test_relink_makes_kept_paths_relative_to_each_page_and_leaves_the_rest() -> None:
    name = "assets/scraped-images/" + "a" * 24 + ".png"
    markdown = f"![Chart]({name}) and ![Remote](https://example.org/{name}) [x](notes/{name})"
    assert relink(markdown, "news/2026/page.md") == (
        f"![Chart](../../{name}) and ![Remote](https://example.org/{name}) [x](notes/{name})"
    )
    assert relink(markdown, "index.md").startswith(f"![Chart]({name})")


# -- a saved page's own pictures ---------------------------------------------------------------


def test_pictures_saved_beside_a_page_are_kept_and_linked_from_it(tmp_path: Path) -> None:
    data = png()
    page = saved_page(tmp_path / "in", '<p><img src="Page_files/chart%20one.png" alt="Chart"></p>')
    (tmp_path / "in" / "Page_files" / "chart one.png").write_bytes(data)
    out = tmp_path / "docs"

    report, text = scrape(page, out)
    (kept,) = kept_files(out)
    assert kept.read_bytes() == data
    assert report.images == [kept]
    assert "1 new image" in report.format()
    rel = Path("../..") / kept.relative_to(out)  # the page is docs/news/undated/x.md
    assert f"![Chart]({rel.as_posix()})" in text
    assert (report.written[0].parent / rel).resolve() == kept.resolve()

    again, text_again = scrape(page, out)  # nothing new on a second run
    assert again.unchanged and not again.written and not again.images
    assert text_again == text and kept_files(out) == [kept]


def test_a_relative_picture_with_no_file_beside_the_page_follows_the_base_url(
    tmp_path: Path,
) -> None:
    """A page saved as "HTML only" has no folder of pictures: its relative paths are the
    site's own, resolved against the canonical URL as its links are."""
    page = saved_page(
        tmp_path / "in",
        '<p><img src="/img/chart.png" alt="Chart"></p>',
        canonical="https://news.example.org/2026/rules.html",
    )
    report, text = scrape(page, tmp_path / "docs")
    assert "![Chart](https://news.example.org/img/chart.png)" in text
    assert not kept_files(tmp_path / "docs") and not report.warnings


@pytest.mark.parametrize(
    ("src", "make", "warning"),
    [
        ("Page_files/logo.svg", "svg", "SVG is not kept"),
        ("Page_files/fake.png", "text", "not a PNG, JPEG, GIF, WebP or AVIF image"),
        ("../outside.png", "outside", "not in the page's folder"),
        ("Page_files/link.png", "symlink", "not in the page's folder"),
        ("/etc/hostname", None, "not in the page's folder"),
        ("Page_files/missing.png", None, "not in the page's folder"),
    ],
)
def test_a_picture_that_cannot_be_kept_is_a_warning_and_reads_nothing_outside(
    tmp_path: Path, src: str, make: str | None, warning: str
) -> None:
    folder = tmp_path / "in"
    page = saved_page(folder, f'<p><img src="{src}" alt="Picture"></p>')
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())  # a real image, but not the page's to give
    if make == "svg":
        (folder / src).write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    elif make == "text":
        (folder / src).write_text("private notes, not a picture")
    elif make == "symlink":
        (folder / src).symlink_to(outside)
    out = tmp_path / "docs"

    report, text = scrape(page, out)
    assert kept_files(out) == []
    assert any(warning in w and repr(src) in w for w in report.warnings), report.warnings
    assert "Picture" in text and "![" not in text


def test_a_lazy_loaded_picture_is_kept_from_its_real_address(tmp_path: Path) -> None:
    """Lazy-loading pages put a placeholder in ``src`` and the picture in ``data-src``."""
    placeholder = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    page = saved_page(
        tmp_path / "in", f'<p><img src="{placeholder}" data-src="Page_files/c.png" alt="Chart"></p>'
    )
    (tmp_path / "in" / "Page_files" / "c.png").write_bytes(png())
    report, text = scrape(page, tmp_path / "docs")
    (kept,) = kept_files(tmp_path / "docs")
    assert f"![Chart](../../{images.IMAGE_DIR}/{kept.name})" in text
    assert "data:" not in text and not report.warnings


def test_a_picture_named_only_in_a_srcset_is_kept_at_a_sensible_size(tmp_path: Path) -> None:
    """Some pages give a picture no ``src``, only sizes to choose from; the widest that
    fits a column on any screen is kept."""
    imgs = (
        '<p><img srcset="Page_files/s.png 480w, Page_files/m.png 960w, Page_files/xl.png 4000w"'
        ' alt="Chart"></p>'
    )
    page = saved_page(tmp_path / "in", imgs)
    for name, width in (("s", 4), ("m", 8), ("xl", 16)):
        (tmp_path / "in" / "Page_files" / f"{name}.png").write_bytes(png(width, 3))
    report, text = scrape(page, tmp_path / "docs")
    (kept,) = kept_files(tmp_path / "docs")
    assert kept.read_bytes() == png(8, 3)
    assert f"![Chart](../../{images.IMAGE_DIR}/{kept.name})" in text and not report.warnings
    # A page saved without its pictures links the chosen one where the page was.
    page = saved_page(tmp_path / "remote", imgs, canonical="https://example.org/news/page.html")
    _, text = scrape(page, tmp_path / "docs-remote")
    assert "![Chart](https://example.org/news/Page_files/m.png)" in text


@pytest.mark.parametrize(
    ("srcset", "chosen"),
    [
        ("a.jpg 480w, b.jpg 960w, c.jpg 3000w", "b.jpg"),
        ("huge.jpg 4000w, larger.jpg 5000w", "huge.jpg"),  # none fits: the narrowest
        (
            "https://x/w_400,h_300/a.jpg 400w, https://x/w_800,h_600/a.jpg 800w",
            "https://x/w_800,h_600/a.jpg",
        ),  # commas inside a URL are part of it
        ("a.jpg, b.jpg 2x, c.jpg 3x", "b.jpg"),
        ("a.jpg 1.5x,b.jpg 2x", "b.jpg"),
        ("only.jpg", "only.jpg"),
        ("data:image/gif;base64,R0lGOD 1x, real.jpg 1x", "real.jpg"),
        ("", None),
        (" , ,", None),
    ],
)
def test_srcset_choice(srcset: str, chosen: str | None) -> None:
    assert srcset_choice(srcset) == chosen


def test_pictures_a_page_was_saved_without_are_one_warning(tmp_path: Path) -> None:
    imgs = "".join(f'<p><img src="pics/{n}.png" alt="P{n}"></p>' for n in range(5))
    report, text = scrape(saved_page(tmp_path / "in", imgs), tmp_path / "docs")
    (warning,) = report.warnings
    assert "5 pictures not kept" in warning and "'pics/0.png'" in warning
    assert warning.endswith("and 2 more") and "P4" in text and "![" not in text


def test_images_none_keeps_only_the_alternative_text(tmp_path: Path) -> None:
    page = saved_page(tmp_path / "in", '<p><img src="Page_files/c.png" alt="Reserve chart"></p>')
    (tmp_path / "in" / "Page_files" / "c.png").write_bytes(png())
    report, text = scrape(page, tmp_path / "docs", images=ImageMode.none)
    assert "Reserve chart" in text and "![" not in text
    assert kept_files(tmp_path / "docs") == [] and not report.warnings


def test_a_dry_run_names_the_pictures_it_would_keep_and_writes_none(tmp_path: Path) -> None:
    page = saved_page(tmp_path / "in", '<p><img src="Page_files/c.png" alt="Chart"></p>')
    (tmp_path / "in" / "Page_files" / "c.png").write_bytes(png())
    out = tmp_path / "docs"
    report = run([source_from_arg(str(page))], out_dir=out, dry_run=True)
    assert len(report.images) == 1 and "1 new image" in report.format(dry_run=True)
    assert not out.exists()


def test_one_source_keeps_at_most_max_images(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(images, "MAX_IMAGES", 2)
    folder = tmp_path / "in"
    imgs = "".join(f'<p><img src="Page_files/{n}.png" alt="P{n}"></p>' for n in range(3))
    page = saved_page(folder, imgs)
    for n in range(3):
        (folder / "Page_files" / f"{n}.png").write_bytes(png(rgb=(n, 0, 0)))
    report, text = scrape(page, tmp_path / "docs")
    assert len(kept_files(tmp_path / "docs")) == 2
    assert any("more than 2 images" in w for w in report.warnings)
    assert text.count("![") == 2


def test_a_notice_split_from_a_page_keeps_its_pictures_once(tmp_path: Path) -> None:
    """The extractor converts a notice's parts after the whole page: the picture is
    resolved once, and its kept path is not mistaken for a path beside the page."""
    data = png()
    store = ImageStore(tmp_path / "docs")
    warnings: list[str] = []
    page_file = saved_page(tmp_path / "in", "")
    (tmp_path / "in" / "Page_files" / "c.png").write_bytes(data)
    resolver = ImageResolver(ImageMode.local, store, page_file=page_file, warn=warnings.append)
    first = resolver("Page_files/c.png", None)
    assert first is not None and first.startswith("assets/scraped-images/")
    assert resolver(first, None) == first
    assert resolver("Page_files/c.png", None) == first
    assert not warnings and len(store.written) == 1


# -- remote pictures ---------------------------------------------------------------------------


class _Images(BaseHTTPRequestHandler):
    hits: Counter[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.hits[self.path] += 1
        article = (
            "<html><head><title>Reserve rules for stablecoins</title></head><body><article>"
            f"<h1>Reserve rules for stablecoins</h1>{PARAGRAPH}"
            '<p><img src="/img/chart.png" alt="Chart"></p>'
            '<p><img src="/img/page.png" alt="Not a picture"></p>'
            f"{PARAGRAPH}</article></body></html>"
        ).encode()
        body, ctype, status = {
            "/robots.txt": (b"", "text/plain", 404),
            "/article.html": (article, "text/html; charset=utf-8", 200),
            "/img/chart.png": (png(), "image/png", 200),
            "/img/page.png": (b"<html>login first</html>", "text/html", 200),
        }.get(self.path, (b"", "text/plain", 404))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def image_server() -> Iterator[tuple[str, Counter[str]]]:
    hits: Counter[str] = Counter()
    with serving(type("Handler", (_Images,), {"hits": hits})) as url:
        yield url, hits


def test_remote_pictures_are_linked_unless_downloading_is_asked(
    tmp_path: Path, image_server: tuple[str, Counter[str]]
) -> None:
    base, hits = image_server
    options = {"allow_private": True, "cache_dir": tmp_path / "cache"}
    report, text = scrape(f"{base}/article.html", tmp_path / "linked", **options)
    assert f"![Chart]({base}/img/chart.png)" in text
    assert hits["/img/chart.png"] == 0 and not report.images

    out = tmp_path / "docs"
    report, text = scrape(f"{base}/article.html", out, images=ImageMode.download, **options)
    (kept,) = kept_files(out)
    assert kept.read_bytes() == png() and hits["/img/chart.png"] == 1
    assert f"![Chart](../../{kept.relative_to(out).as_posix()})" in text
    # An answer that is not an image is refused and the picture stays linked.
    assert f"![Not a picture]({base}/img/page.png)" in text
    assert any("/img/page.png" in w and "not an image" in w for w in report.warnings)


# -- on the site --------------------------------------------------------------------------------


def test_a_kept_picture_is_on_the_built_site_beside_its_page(tmp_path: Path) -> None:
    page = saved_page(tmp_path / "in", '<p><img src="Page_files/c.png" alt="Reserve chart"></p>')
    (tmp_path / "in" / "Page_files" / "c.png").write_bytes(png())
    report, text = scrape(page, tmp_path / "site-src" / "docs")
    doc = report.written[0].relative_to(tmp_path / "site-src" / "docs").as_posix()
    result = build_site(tmp_path / "site-src", {"index.md": "# Home\n", doc: text})
    assert result.ok, result.error
    assert not result.warnings(), result.warnings()
    html = result.read(doc.removesuffix(".md") + "/index.html")
    (kept,) = kept_files(tmp_path / "site-src" / "docs")
    assert f'src="../../../{images.IMAGE_DIR}/{kept.name}"' in html
    assert (tmp_path / "site-src" / "site" / images.IMAGE_DIR / kept.name).read_bytes() == png()
