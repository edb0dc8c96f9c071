"""Malformed and odd input: a clear one-line reason or a correct page, never a crash.

The extractor tests (test_extract_html, test_encoding, test_text_capture) check each input
kind on its own. Here the same kinds of input go through ``regkb scrape`` together, in ONE
run with a good source, because that is how they arrive in practice: the run must report
every bad input on its own summary line and still write everything that is fine.
"""

from __future__ import annotations

import codecs
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from plugins import frontmatter
from scraper.cli import main
from scraper.extract.html import extract_html
from scraper.pipeline import MAX_FILE_BYTES, sniff
from scraper.write import check_stamp

PROSE = "Regulators published detailed custody rules for stablecoin issuers this week. " * 6


# --- HTML5 void elements ------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["embed", "source", "track", "wbr", "keygen"])
def test_an_html5_void_element_does_not_swallow_the_rest_of_the_article(tag: str) -> None:
    """libxml2 (an HTML 4 parser) nests everything after these tags inside them; dropping an
    ``<embed>`` as active content then dropped the rest of the article with it."""
    page = (
        f"<html><body><article><h1>Rules</h1><p>{PROSE}</p><{tag} src='https://x.example/v'>"
        f"<p>After the element: {PROSE}</p><p>Last paragraph stays.</p></article></body></html>"
    )
    body = extract_html(page.encode()).body
    assert "After the element:" in body
    assert "Last paragraph stays." in body


# --- one run, every kind of bad input, one good source ----------------------------------------

ZH = (
    "中国人民银行等八部门发布关于进一步防范和处置虚拟货币等相关风险的通知。"
    "稳定币与现实世界资产代币化受到严格监管。"
)
ZH_EXTRA = "镕𠮷"  # in GBK / only in GB18030 (four bytes): both must survive decoding
ARTICLE = "<p>" + PROSE + "</p>"


def _page(title: str, body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    )


def _big_page() -> bytes:
    """About 50 MB of real-looking markup, built in memory in well under a second."""
    paragraph = b"<p>" + b"word " * 200 + b"</p>\n"
    return b"<html><body>" + paragraph * 50_000 + b"</body></html>"


@dataclass(frozen=True)
class Case:
    """One input file and what the run must say about it."""

    name: str
    data: Callable[[], bytes]
    reason: str | None = None  # a failure line must give this reason
    title: str | None = None  # ...or a page whose title starts with this must be written
    body_has: tuple[str, ...] = ()


CASES = [
    Case("empty.html", lambda: b"", reason="no readable text in the capture"),
    Case("blank.txt", lambda: b"  \n\t\r\n \xc2\xa0\n", reason="no readable text in the capture"),
    Case(
        "image.png",
        lambda: b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000),
        reason="binary content, not a text page",
    ),
    Case(
        "noise.bin",
        lambda: random.Random(2).randbytes(4096),
        reason="binary content, not a text page",
    ),
    Case(
        "nul-capture.txt",
        lambda: b"Title\n\nSome text\x00with a NUL byte in it and more text.\n",
        reason="binary content, not a text page",
    ),
    Case(
        "markup-only.html",
        lambda: (
            b"<html><head><title>x</title><script>var a = 1;</script></head>"
            b"<body><div><img src='a.png'></div></body></html>"
        ),
        reason="no article text found in the page",
    ),
    Case(
        # A download cut off inside <head>: lxml's own assertion used to be the reason given,
        # quoting the whole head.
        "cut-in-head.html",
        lambda: (
            b"<html><head><meta charset='utf-8'><title>Saved too early</title>"
            b"<meta name='author' content='A. Writer'><link rel='stylesheet' href='s.css'>"
        ),
        reason="no article text found in the page: it ends inside its <head> (a download cut off?)",
    ),
    Case(
        "big.html",
        _big_page,
        # Refused before it is read (a text capture of that size took minutes and GBs).
        reason=f"the file is 50 MB, over the {MAX_FILE_BYTES // 10**6} MB limit",
    ),
    Case(
        "invalid-utf8.html",
        lambda: (
            _page("Broken bytes", ARTICLE + "<p>Bad \xff\xfe bytes.</p>" + ARTICLE)
            .encode("latin-1", errors="strict")
            .replace("Bad \xff\xfe".encode("latin-1"), b"Bad \xff\xfe")
            .replace(b"<title>", b"<meta charset='utf-8'><title>")
        ),
        title="Broken bytes",
        body_has=("Bad \ufffd\ufffd bytes.", "custody rules"),
    ),
    Case(
        "gb18030.html",
        lambda: _page(
            "虚拟货币风险通知", f"<p>{ZH}{ZH_EXTRA}</p>" * 3, '<meta charset="gb2312">'
        ).encode("gb18030"),
        title="虚拟货币风险通知",
        body_has=(ZH + ZH_EXTRA,),
    ),
    Case(
        "gbk-capture.txt",
        lambda: ("虚拟货币风险提示\n\n" + f"{ZH}镕\n\n" * 3).encode("gbk"),
        title="虚拟货币风险提示",
        body_has=(ZH + "镕",),
    ),
    Case(
        "cp1252.html",
        lambda: _page(
            "Café règles",
            ARTICLE + "<p>Résumé à la française, 5 €.</p>",
            "<meta charset='windows-1252'>",
        ).encode("cp1252"),
        title="Café règles",
        body_has=("Résumé à la française, 5 €.",),
    ),
    Case(
        "utf16.html",
        lambda: _page("Saved as UTF-16", ARTICLE).encode("utf-16"),
        title="Saved as UTF-16",
        body_has=("custody rules",),
    ),
    Case(
        "truncated.html",
        lambda: _page("Truncated page", ARTICLE * 2).encode()[:-40] + b'<p>Cut <a href="https://ex',
        title="Truncated page",
        body_has=("custody rules",),
    ),
    Case(
        "deep.html",
        lambda: (
            b"<html><body>"
            + b"<div>" * 10_000
            + ARTICLE.encode()
            + b"</div>" * 10_000
            + b"</body></html>"
        ),
        title="Regulators published detailed custody rules",  # no title: its first words
        body_has=("custody rules",),
    ),
    Case(
        "good.html",
        lambda: _page("Good article on custody", ARTICLE * 2).encode(),
        title="Good article on custody",
        body_has=("custody rules",),
    ),
]


@dataclass
class Run:
    output: str
    exit_code: int
    pages: dict[str, str]  # title -> page text


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("malformed")
    for case in CASES:
        (root / case.name).write_bytes(case.data())
    args = [str(root / c.name) for c in CASES] + [str(root / "missing.txt"), str(root)]
    result = CliRunner().invoke(main, ["scrape", "--out", str(root / "docs"), *args])
    pages = {}
    for path in (root / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        pages[frontmatter.split(text).meta["title"]] = text
    return Run(result.output, result.exit_code, pages)


def _line_for(output: str, name: str) -> str | None:
    return next(
        (ln for ln in output.splitlines() if re.match(rf"^failed +\S*/{re.escape(name)}: ", ln)),
        None,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_input_gets_its_own_outcome(run: Run, case: Case) -> None:
    line = _line_for(run.output, case.name)
    if case.reason is not None:
        assert line is not None, run.output
        assert line.endswith(f": {case.reason}"), line
        return
    assert line is None, line
    assert case.title is not None
    titles = [t for t in run.pages if t.startswith(case.title)]
    assert len(titles) == 1, (case.title, sorted(run.pages), run.output)
    text = run.pages[titles[0]]
    assert check_stamp(text) is True
    for fragment in case.body_has:
        assert fragment in text, fragment


def test_the_run_reports_every_failure_on_one_line_and_exits_non_zero(run: Run) -> None:
    failing = [c for c in CASES if c.reason]
    assert run.exit_code == 1
    missing = _line_for(run.output, "missing.txt")
    assert missing is not None and "no such file" in missing
    written = len(CASES) - len(failing)
    # +2: the missing file, and a directory given as a source
    summary = f"{written} written, 0 unchanged, 0 skipped, {len(failing) + 2} failed"
    assert run.output.splitlines()[-1] == summary
    for line in run.output.splitlines()[:-1]:
        assert "Traceback" not in line and len(line) < 300, line


def test_sniffing_reads_a_utf16_page_as_html() -> None:
    page = _page("UTF-16 page", ARTICLE)
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        data = page.encode(codec)
        if codec == "utf-16-be":
            data = codecs.BOM_UTF16_BE + data
        assert sniff(data) == "html", codec
    assert sniff("Title\n\nplain words".encode("utf-16")) == "text"
