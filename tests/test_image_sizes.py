"""Pictures that are files of the site get their width and height, so text does not move."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from PIL import Image

from plugins.image_sizes import ImageSizes, picture_size
from tests.sitebuilder import build_site
from tests.test_images import png, saved_page, scrape


def picture(kind: str, width: int, height: int, *, orientation: int | None = None) -> bytes:
    """A real picture file in Pillow's format ``kind``, stored ``width`` x ``height``, with
    an EXIF orientation when one is given (AVIF keeps it as its own rotation)."""
    out = io.BytesIO()
    options = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, kind, **options)
    return out.getvalue()


def gif(width: int, height: int) -> bytes:
    return picture("GIF", width, height)


def site_files(docs: Path, pictures: dict[str, bytes]) -> Files:
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs)})
    config.validate()
    files = []
    for name, data in pictures.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files.append(File(name, str(docs), str(docs.parent / "site"), True))
    return Files(files)


@pytest.fixture
def sizes(tmp_path: Path) -> ImageSizes:
    return ImageSizes(
        site_files(
            tmp_path / "docs",
            {
                "assets/scraped-images/chart.png": png(40, 20),
                "img/logo one.gif": gif(300, 120),
                "img/broken.png": b"\x89PNG\r\n\x1a\nnot really",
                "img/photo.avif": picture("AVIF", 640, 360),
                "img/damaged.avif": b"\x00\x00\x00\x1cftypavif" + b"\x00" * 40,
                "img/cut.jpg": picture("JPEG", 640, 360)[:12],
            },
        )
    )


def test_a_site_picture_gets_its_size_from_a_page_anywhere(sizes: ImageSizes) -> None:
    html = '<p><img alt="Chart" src="../../../assets/scraped-images/chart.png" /></p>'
    out = sizes.add_to(html, "news/2026/reserves/")
    assert out == (
        '<p><img alt="Chart" src="../../../assets/scraped-images/chart.png"'
        ' width="40" height="20" /></p>'
    )
    # The same file from a page written without directory URLs, and from the home page.
    assert 'width="40" height="20"' in sizes.add_to(
        '<img src="../assets/scraped-images/chart.png">', "news/reserves.html"
    )
    assert 'width="300" height="120"' in sizes.add_to('<img src="img/logo%20one.gif">', "")
    assert 'width="640" height="360"' in sizes.add_to('<img src="img/photo.avif">', "")


def test_a_picture_turned_by_its_exif_orientation_gets_the_size_it_is_shown_at(
    tmp_path: Path,
) -> None:
    """Stored 400 x 300 and marked "turn a quarter" (6), a photo is shown 300 x 400."""
    cases = {
        # a quarter turn: JPEG and AVIF are turned by every browser, so is their size
        "turned.jpg": (picture("JPEG", 400, 300, orientation=6), (300, 400)),
        "turned-back.jpg": (picture("JPEG", 400, 300, orientation=8), (300, 400)),
        "turned.avif": (picture("AVIF", 400, 300, orientation=6), (300, 400)),
        # a half turn or a mirror keeps width and height
        "upside-down.jpg": (picture("JPEG", 400, 300, orientation=3), (400, 300)),
        "mirrored.png": (picture("PNG", 400, 300, orientation=2), (400, 300)),
        "upright.jpg": (picture("JPEG", 400, 300, orientation=1), (400, 300)),
        # browsers disagree on turning a PNG or a WebP by a quarter: no size is given
        "turned.png": (picture("PNG", 400, 300, orientation=6), None),
        "turned.webp": (picture("WEBP", 400, 300, orientation=6), None),
        # a WebP and a GIF as they usually are
        "plain.webp": (picture("WEBP", 400, 300), (400, 300)),
        "plain.gif": (picture("GIF", 400, 300), (400, 300)),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    assert {name: picture_size(str(tmp_path / name)) for name in cases} == {
        name: size for name, (_, size) in cases.items()
    }


def test_a_damaged_exif_block_leaves_the_picture_as_stored(tmp_path: Path) -> None:
    data = picture("JPEG", 400, 300, orientation=6)
    exif = data.index(b"Exif\x00\x00")
    damaged = data[: exif + 6] + b"XX" + data[exif + 8 :]  # neither "II" nor "MM"
    (tmp_path / "odd.jpg").write_bytes(damaged)
    assert picture_size(str(tmp_path / "odd.jpg")) == (400, 300)


def test_what_cannot_be_measured_is_left_as_written(sizes: ImageSizes) -> None:
    unchanged = [
        '<img src="img/logo%20one.gif" width="50">',  # the editor's own size wins
        '<img height="10" src="img/logo%20one.gif">',
        '<img src="https://cdn.example.com/chart.png" alt="Remote">',
        '<img src="//cdn.example.com/chart.png">',
        '<img src="/img/logo%20one.gif">',  # site-absolute: the site may live under a path
        '<img src="img/missing.png">',
        '<img src="img/broken.png">',
        '<img src="img/damaged.avif">',  # no size in it
        '<img src="img/cut.jpg">',  # cut off before its size
        '<img src="../../img/logo%20one.gif">',  # above the site's root
        '<img alt="no source">',
        '<img src="">',
        '<img src="http://[oops/x.png">',  # urlsplit raises: it stopped the build
    ]
    for html in unchanged:
        assert sizes.add_to(html, "") == html, html


def test_quoted_attribute_values_cannot_confuse_the_tag(sizes: ImageSizes) -> None:
    html = (
        "<img alt='a > b, \"quoted\"' src='img/logo%20one.gif'>"
        '<img alt="width=1 src=x" src="img/logo%20one.gif">'
        '<img src="img/logo%20one.gif?v=2&amp;x=1#top">'
    )
    out = sizes.add_to(html, "")
    assert out == (
        '<img alt=\'a > b, "quoted"\' src=\'img/logo%20one.gif\' width="300" height="120">'
        '<img alt="width=1 src=x" src="img/logo%20one.gif" width="300" height="120">'
        '<img src="img/logo%20one.gif?v=2&amp;x=1#top" width="300" height="120">'
    )


def test_a_picture_used_on_many_pages_is_read_once(sizes: ImageSizes, monkeypatch) -> None:
    import plugins.image_sizes as module

    reads: list[str] = []
    real = module.picture_size
    monkeypatch.setattr(module, "picture_size", lambda path: reads.append(path) or real(path))
    for page in ("a/", "b/", "c/"):
        sizes.add_to('<img src="../img/logo%20one.gif">', page)
    assert len(reads) == 1


def test_scraped_and_editors_pictures_have_their_size_on_the_built_site(tmp_path: Path) -> None:
    page = saved_page(tmp_path / "in", '<p><img src="Page_files/c.png" alt="Reserve chart"></p>')
    (tmp_path / "in" / "Page_files" / "c.png").write_bytes(png(64, 48))
    root = tmp_path / "site-src"
    report, text = scrape(page, root / "docs")
    doc = report.written[0].relative_to(root / "docs").as_posix()
    (root / "docs" / "img").mkdir(parents=True)
    (root / "docs" / "img" / "map.gif").write_bytes(gif(800, 450))
    guide = (
        '# Guide\n\n![Map of the regions](img/map.gif)\n\n![Small](img/map.gif){ width="200" }\n'
    )
    result = build_site(root, {"index.md": "# Home\n", doc: text, "guide.md": guide})
    assert result.ok, result.error
    html = result.read(doc.removesuffix(".md") + "/index.html")
    assert 'alt="Reserve chart"' in html and 'width="64" height="48"' in html
    guide_html = result.read("guide/index.html")
    assert 'alt="Map of the regions" src="../img/map.gif" width="800" height="450"' in guide_html
    assert 'alt="Small" src="../img/map.gif" width="200"' in guide_html
    assert 'width="200" height=' not in guide_html
