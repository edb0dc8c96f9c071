"""Real pages and captures, damaged: each gives pages or a one-line reason, never an exception.

A saved page can be cut off (a download that stopped, a copy from a full disk), spliced or
padded with junk by a broken proxy. The handwritten cases of ``test_malformed_input.py``
name the damage someone thought of; these take the 130 readability test pages and damage
each one the same way every run (the seed is the page's name), through the whole scraper:
sniffing, extraction, front matter, paths and the page text.

The first run of this kind found a page cut off inside ``<head>`` failing with lxml's
internal assertion, the whole head quoted as the reason.
"""

from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

import pytest
import yaml

from plugins import frontmatter
from scraper.extract import ExtractError
from scraper.normalize import NormalizeError
from scraper.pipeline import _extract_bytes, plan, sniff
from tests.shared_data import skip_without_shared

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
PAGES = SHARED / "datasets" / "readability-test-pages"
CAPTURE = SHARED / "corpus" / "weex-news-capture.txt"
NAMES = (
    sorted(p.name for p in PAGES.iterdir() if (p / "source.html").is_file())
    if PAGES.is_dir()
    else []
)

#: Bytes a damaged or hostile page could hold where it breaks: markup cut in two, entities
#: out of range, byte-order marks and NULs, formula and picture boxes left open, and text
#: that means something to YAML, Markdown or a template.
SPLICES = [
    b"<",
    b"</div>",
    b"<table><tr><td>",
    b"<h1>",
    b"\x00",
    b"\xff\xfe",
    b"&#0;",
    b"&#x110000;",
    b"<math><mi>x",
    b"<picture><source srcset=",
    b"<figure><img src=",
    b"<!--",
    b"<![CDATA[",
    b"---\n",
    b"\xe2\x80\xae",
    b"<noscript>",
    b"{{ x }}{% y %}",
    b"[" * 40,
    b"*" * 50,
    b"<title>",
    b"</html>",
    b'<meta charset="utf-16">',
    b'<base href="javascript:alert(1)">',
]


def damage(data: bytes, rng: random.Random) -> bytes:
    """One to six cuts, deletions, splices and repeats at random places."""
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        at = rng.randrange(len(data) + 1)
        if op < 0.2:
            data = data[:at]
        elif op < 0.4:
            data = data[:at] + data[at + rng.randint(1, 2000) :]
        elif op < 0.8:
            data = data[:at] + rng.choice(SPLICES) * rng.randint(1, 20) + data[at:]
        else:
            span = data[at : at + rng.randint(1, 500)]
            data = data[:at] + span * rng.randint(2, 30) + data[at:]
    return data


def scrape(data: bytes, tmp_path: Path) -> list[str]:
    """The page texts the scraper would write, or the ExtractError / NormalizeError."""
    docs = _extract_bytes(data, kind=sniff(data), url="https://example.org/a/b", origin="page")
    texts = []
    for item in plan([("page", docs)], tmp_path):
        if item.error:
            raise NormalizeError(item.error)
        if item.path is not None:
            assert item.path.resolve().is_relative_to(tmp_path.resolve())
            assert item.text is not None
            texts.append(item.text)
    return texts


def check(data: bytes, tmp_path: Path) -> None:
    try:
        texts = scrape(data, tmp_path)
    except (ExtractError, NormalizeError) as exc:
        reason = str(exc)
        assert reason and "\n" not in reason and len(reason) < 300, reason
        # The reason names what is wrong; it does not quote the page's markup.
        assert not re.search(r"<(html|meta|title|link|script)\b", reason), reason
        return
    assert texts
    for text in texts:
        page = frontmatter.split(text)
        assert isinstance(page.meta["title"], str) and page.meta["title"].strip()
        # The front matter is one YAML mapping however the title and byline were damaged.
        assert isinstance(yaml.safe_load(text.split("---\n", 2)[1]), dict)


#: Lines a capture could hold where it breaks: headings and numbering of a notice, bylines,
#: dates and numbers that do not exist, and text that means something to Markdown or YAML.
LINES = [
    "第一条",
    "第一章 总则",
    "Article 1",
    "Chapter I",
    "（一）",
    "By John Smith",
    "Published: 2026-02-30",
    "2026年2月6日",
    "银发〔2026〕42号",
    "Repeals Yinfa [2021] No. 237",
    "Article 99999999999999999999",
    "---",
    "# ",
    "|a|b|",
    "<script>alert(1)</script>",
    "Title: {{x}}",
    "\u202e",
    "* * *",
    "x" * 5000,
]


def damage_lines(text: str, rng: random.Random) -> str:
    """Lines cut, dropped, repeated, moved and inserted, as a careless copy makes them."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 12)):
        op = rng.random()
        at = rng.randrange(len(lines) + 1)
        if op < 0.25:
            del lines[at : at + rng.randint(1, 30)]
        elif op < 0.55:
            lines.insert(at, rng.choice(LINES) + (rng.choice(lines) if lines else ""))
        elif op < 0.75 and lines:
            start = rng.randrange(len(lines))
            lines[at:at] = lines[start : start + rng.randint(1, 40)]
        elif lines:
            k = rng.randrange(len(lines))
            lines[k] = lines[k][: rng.randrange(len(lines[k]) + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_a_damaged_text_capture_gives_pages_or_a_one_line_reason(seed: int, tmp_path) -> None:
    if not CAPTURE.is_file():
        skip_without_shared("shared/corpus is not available")
    text = damage_lines(CAPTURE.read_text(encoding="utf-8"), random.Random(seed))
    check(text.encode(), tmp_path)


@pytest.fixture()
def _dataset() -> None:
    if not NAMES:
        skip_without_shared("shared/datasets/readability-test-pages is not available")


@pytest.mark.usefixtures("_dataset")
@pytest.mark.parametrize("name", NAMES or ["-"])
def test_a_damaged_page_gives_pages_or_a_one_line_reason(name: str, tmp_path: Path) -> None:
    data = (PAGES / name / "source.html").read_bytes()
    check(damage(data, random.Random(zlib.crc32(name.encode()))), tmp_path)


@pytest.mark.usefixtures("_dataset")
@pytest.mark.parametrize("name", NAMES or ["-"])
def test_a_page_cut_off_in_its_head_fails_with_a_reason(name: str, tmp_path: Path) -> None:
    data = (PAGES / name / "source.html").read_bytes()
    end = data.lower().find(b"</head>")
    if end < 0:
        pytest.skip("the page has no </head>")
    with pytest.raises(ExtractError) as caught:
        scrape(data[:end], tmp_path)
    reason = "no article text found in the page: it ends inside its <head> (a download cut off?)"
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("body", "shows"),
    [
        ("<div><p> </p><script>var words = 1;</script></div>", False),
        ("<noscript><img src='https://px.example/tr'>Enable scripts</noscript>", False),
        ("<title>A title left in the body</title><style>p {}</style>", False),
        ("<template><p>Filled in later</p></template> \u00a0 | ", False),
        ("<script>x()</script>Words after a script", True),  # an unshown element's tail
        ("<div><div><div><span>deep</span></div></div></div>", True),
        ("<p> </p>" * 50 + "<p>后来的文字</p>", True),
    ],
)
def test_a_body_shows_words_only_outside_code_and_titles(body: str, shows: bool) -> None:
    from scraper.extract.html import _body_shows_words
    from scraper.extract.html_tree import parse_page

    page = f"<html><head><title>T</title></head><body>{body}</body></html>"
    assert _body_shows_words(parse_page(page)) is shows
