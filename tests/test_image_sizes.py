"""Pictures that are files of the site get their width and height, so text does not move."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from plugins.image_sizes import ImageSizes, avif_size
from tests.sitebuilder import build_site
from tests.test_images import png, saved_page, scrape


def gif(width: int, height: int) -> bytes:
    """The header of a GIF: all the size reader needs."""
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + b"\x3b"


def box(kind: bytes, body: bytes, *, full: bool = False) -> bytes:
    """One ISO base media box (a full box has version and flags first)."""
    body = (b"\x00\x00\x00\x00" if full else b"") + body
    return struct.pack(">I", 8 + len(body)) + kind + body


def avif(*sizes: tuple[int, int], trailing: bytes = b"\x00" * 64) -> bytes:
    """The boxes of an AVIF that say its size: ``ftyp``, then ``meta/iprp/ipco`` with one
    ``ispe`` per size (the first the picture, others a thumbnail's), then ``mdat``."""
    properties = b"".join(box(b"ispe", struct.pack(">II", w, h), full=True) for w, h in sizes)
    meta = box(
        b"meta",
        box(b"hdlr", b"\x00" * 4 + b"pict" + b"\x00" * 13, full=True)
        + box(b"iprp", box(b"ipco", box(b"colr", b"nclx" + b"\x00" * 7) + properties)),
        full=True,
    )
    return box(b"ftyp", b"avif\x00\x00\x00\x00mif1avif") + meta + box(b"mdat", trailing)


def test_an_avif_size_is_read_from_its_ispe_box() -> None:
    assert avif_size(avif((1200, 800))) == (1200, 800)
    assert avif_size(avif((160, 90), (1920, 1080))) == (1920, 1080)  # not the thumbnail's
    assert avif_size(avif()) is None
    assert avif_size(b"") is None
    whole = avif((1200, 800))
    assert avif_size(whole[:60]) is None  # cut off inside meta: not found, no error
    meta = whole.index(b"meta") - 4
    damaged = whole[:meta] + b"\xff\xff\xff\xff" + whole[meta + 4 :]  # meta claims 4 GB
    assert avif_size(damaged) is None
    tiny = whole[:meta] + b"\x00\x00\x00\x04" + whole[meta + 4 :]  # smaller than a box
    assert avif_size(tiny) is None


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
                "img/photo.avif": avif((640, 360)),
                "img/damaged.avif": b"\x00\x00\x00\x1cftypavif" + b"\x00" * 40,
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
        '<img src="../../img/logo%20one.gif">',  # above the site's root
        '<img alt="no source">',
        '<img src="">',
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
    real = module.imagesize.get
    monkeypatch.setattr(module.imagesize, "get", lambda path: reads.append(path) or real(path))
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
