"""``regkb scrape`` end to end: files, sources.yml hints, summary, exit codes, strict build."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plugins import frontmatter
from scraper.cli import main
from tests.shared_data import skip_without_shared
from tests.sitebuilder import build_site

CAPTURE = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "weex-news-capture.txt"

SOURCES_YML = """\
sources:
  - path: capture.txt
    site_name: WEEX News
    tags: [privacy]
    documents:
      - match: Yinfa [2026] No. 42
        date: 2026-02-06
        date_source: China Daily, 2026-02-06
        tags: [RWA]
"""


@pytest.fixture
def work(tmp_path: Path) -> Path:
    if not CAPTURE.is_file():
        skip_without_shared("shared corpus not available")
    shutil.copy(CAPTURE, tmp_path / "capture.txt")
    (tmp_path / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    return tmp_path


def scrape(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["scrape", "--out", str(root / "docs"), *args])


def pages(root: Path) -> dict[str, bytes]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))}


def meta(root: Path, rel: str) -> dict:
    return frontmatter.split((root / "docs" / rel).read_text(encoding="utf-8")).meta


NOTICE = "regulations/2026/yinfa-2026-no-42.md"
ARTICLE = "news/2025/why-regulators-need-to-embrace-the-new-privacy-paradigm-in.md"
FOREWORD = "news/undated/china-s-central-bank-and-eight-other-departments-latest.md"


def test_sources_yml_with_hints(work: Path) -> None:
    result = scrape(work, "--sources", str(work / "sources.yml"))
    assert result.exit_code == 0, result.output
    assert sorted(pages(work)) == sorted([NOTICE, ARTICLE, FOREWORD])
    assert "3 written, 0 unchanged, 0 skipped, 0 failed" in result.output
    nt = meta(work, NOTICE)
    assert nt["date"] == "2026-02-06" and nt["in_force"] == "2026-02-06"
    assert nt["events"] == [
        {"date": "2026-02-06", "kind": "issued", "source": "China Daily, 2026-02-06"}
    ]
    assert nt["tags"] == ["privacy", "RWA"]
    assert nt["site_name"] == "WEEX News"
    assert nt["generated_hash"].startswith("sha256:")
    assert list(nt)[-1] == "generated_hash"
    # the article links to the notice's page by a relative path
    foreword = (work / "docs" / FOREWORD).read_text(encoding="utf-8")
    link = re.search(r"\]\((\.\./[^)]+\.md)\)", foreword)
    assert (
        link
        and (work / "docs" / "news" / "undated" / link.group(1)).resolve()
        == (work / "docs" / NOTICE).resolve()
    )


def test_without_the_hint_the_notice_is_undated(work: Path) -> None:
    result = scrape(work, str(work / "capture.txt"), "--tag", "x", "--jurisdiction", "cn")
    assert result.exit_code == 0, result.output
    nt = meta(work, "regulations/undated/yinfa-2026-no-42.md")
    assert "date" not in nt and "in_force" not in nt and "events" not in nt
    assert nt["date_precision"] == "unknown"
    assert nt["in_force_basis"] == "upon the date of its issuance"
    assert nt["tags"] == ["x"]
    assert meta(work, ARTICLE)["jurisdiction"] == "CN"  # a hint fills what is missing


def test_rerun_is_byte_identical_edits_are_kept_and_force_overwrites(work: Path) -> None:
    args = ("--sources", str(work / "sources.yml"))
    assert scrape(work, *args).exit_code == 0
    before = pages(work)
    again = scrape(work, *args)
    assert again.exit_code == 0 and pages(work) == before
    assert "0 written, 3 unchanged" in again.output

    edited_path = work / "docs" / ARTICLE
    edited = edited_path.read_text(encoding="utf-8").replace("Key Takeaways", "Takeaways (ed.)")
    edited_path.write_text(edited, encoding="utf-8")
    result = scrape(work, *args)
    assert result.exit_code == 0
    assert re.search(
        rf"skipped .*{re.escape(ARTICLE)}: was edited since it was generated", result.output
    )
    assert "0 written, 2 unchanged, 1 skipped, 0 failed" in result.output
    assert edited_path.read_text(encoding="utf-8") == edited

    dry = scrape(work, *args, "--force", "--dry-run")
    assert "1 would write" in dry.output and "dry run" in dry.output
    assert edited_path.read_text(encoding="utf-8") == edited

    forced = scrape(work, *args, "--force")
    assert forced.exit_code == 0
    assert pages(work) == before


UNDATED_NOTICE = "regulations/undated/yinfa-2026-no-42.md"


def test_a_document_that_moves_leaves_no_copy_behind(work: Path) -> None:
    # Without the sources.yml hint the notice has no date: it is written under undated/.
    assert scrape(work, str(work / "capture.txt")).exit_code == 0
    assert UNDATED_NOTICE in pages(work)
    # With the hint's date it belongs under 2026/: one page of it, the old one removed.
    dry = scrape(work, "--sources", str(work / "sources.yml"), "--dry-run")
    assert (
        f"would move   {work / 'docs' / UNDATED_NOTICE} -> {work / 'docs' / NOTICE}" in dry.output
    )
    assert UNDATED_NOTICE in pages(work)
    result = scrape(work, "--sources", str(work / "sources.yml"))
    assert result.exit_code == 0
    assert (
        f"moved        {work / 'docs' / UNDATED_NOTICE} -> {work / 'docs' / NOTICE}"
        in result.output
    )
    notices = [p for p in pages(work) if p.startswith("regulations/")]
    assert notices == [NOTICE]


def test_an_article_of_a_capture_that_moves_leaves_no_copy_behind(work: Path) -> None:
    """An article from a capture has no number and no address: a page of its title was
    never taken for its earlier copy, so a date hint left it twice on the site."""
    assert scrape(work, str(work / "capture.txt")).exit_code == 0
    [undated] = [p for p in pages(work) if p.startswith("news/undated/")]
    title = meta(work, undated)["title"]
    hinted = SOURCES_YML + f"      - match: {json.dumps(title)}\n        date: 2026-02-07\n"
    (work / "sources.yml").write_text(hinted, encoding="utf-8")
    result = scrape(work, "--sources", str(work / "sources.yml"))
    assert result.exit_code == 0, result.output
    moved = undated.replace("undated", "2026")
    assert f"moved        {work / 'docs' / undated} -> {work / 'docs' / moved}" in result.output
    assert [p for p in pages(work) if p.startswith("news/") and "china" in p] == [moved]


def test_two_captures_of_one_title_and_other_text_stay_two_pages(tmp_path: Path) -> None:
    """The same title without a number or an address, and another text: another document,
    whose page is not taken for this one's earlier copy."""
    text = "Prices moved little this week as traders waited for new rules. "
    other = "Lawmakers debated custody rules for another week without a vote. "
    for name, words in (("a.txt", text), ("b.txt", other)):
        (tmp_path / name).write_text(f"Weekly market update\n\n{words * 8}\n\n{words * 6}\n")
    assert scrape(tmp_path, str(tmp_path / "a.txt")).exit_code == 0
    sources = (
        "sources:\n  - path: b.txt\n    documents:\n      - match: Weekly market update\n"
        "        date: 2026-01-05\n"
    )
    (tmp_path / "sources.yml").write_text(sources, encoding="utf-8")
    result = scrape(tmp_path, "--sources", str(tmp_path / "sources.yml"))
    assert result.exit_code == 0 and "moved" not in result.output, result.output
    assert sorted(pages(tmp_path)) == [
        "news/2026/weekly-market-update.md",
        "news/undated/weekly-market-update.md",
    ]


def test_a_second_capture_of_one_title_does_not_replace_the_first(tmp_path: Path) -> None:
    """Without a number or an address a document is known by its kind and title: the
    second of two captures titled alike, ingested in another run, was written over the
    first's page ("1 written" both times, one page left)."""
    first = "Prices moved little this week as traders waited for new rules. "
    second = "Lawmakers debated custody rules for another week without a vote. "
    for name, words in (("a.txt", first), ("b.txt", second)):
        (tmp_path / name).write_text(f"Weekly market update\n\n{words * 8}\n\n{words * 6}\n")
    for name in ("a.txt", "b.txt"):
        assert "1 written" in scrape(tmp_path, str(tmp_path / name)).output
    written = pages(tmp_path)
    assert sorted(written) == [
        "news/undated/weekly-market-update-2.md",
        "news/undated/weekly-market-update.md",
    ]
    assert "Prices moved" in written["news/undated/weekly-market-update.md"].decode()
    assert "Lawmakers" in written["news/undated/weekly-market-update-2.md"].decode()
    for name in ("a.txt", "b.txt"):  # each run again finds its own page
        assert "0 written, 1 unchanged" in scrape(tmp_path, str(tmp_path / name)).output
    assert pages(tmp_path) == written


def test_an_edited_earlier_copy_is_kept_unless_forced(work: Path) -> None:
    assert scrape(work, str(work / "capture.txt")).exit_code == 0
    undated = work / "docs" / UNDATED_NOTICE
    undated.write_text(undated.read_text(encoding="utf-8") + "\nAn editor's note.\n", "utf-8")
    result = scrape(work, "--sources", str(work / "sources.yml"))
    assert re.search(
        r"skipped .*2026/yinfa-2026-no-42\.md: the same document is at .*undated/"
        r"yinfa-2026-no-42\.md, which was edited since it was generated; use --force",
        result.output,
    )
    assert [p for p in pages(work) if p.startswith("regulations/")] == [UNDATED_NOTICE]
    # The article quoting the notice links to the page that stays, not to where the
    # notice would have moved (a link to a page never written failed the strict build).
    [article] = [p for p in pages(work) if p.startswith("news/") and "china" in p]
    assert "regulations/undated/yinfa-2026-no-42.md)" in (work / "docs" / article).read_text()
    forced = scrape(work, "--sources", str(work / "sources.yml"), "--force")
    assert "moved" in forced.output
    assert [p for p in pages(work) if p.startswith("regulations/")] == [NOTICE]
    assert "regulations/2026/yinfa-2026-no-42.md)" in (work / "docs" / article).read_text()


def _article_page(url: str, date: str) -> str:
    text = "<p>" + "Prices moved little this week as traders waited for new rules. " * 12 + "</p>"
    return (
        f'<html><head><title>Weekly market update</title><link rel="canonical" href="{url}">'
        f'<meta property="article:published_time" content="{date}"></head>'
        f"<body><article><h1>Weekly market update</h1>{text}</article></body></html>"
    )


def test_two_articles_with_one_title_are_two_documents(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(_article_page("https://e.org/w1", "2025-12-29"), "utf-8")
    (tmp_path / "b.html").write_text(_article_page("https://e.org/w2", "2026-01-05"), "utf-8")
    assert scrape(tmp_path, str(tmp_path / "a.html")).exit_code == 0
    result = scrape(tmp_path, str(tmp_path / "b.html"))
    assert result.exit_code == 0 and "moved" not in result.output
    assert sorted(pages(tmp_path)) == [
        "news/2025/weekly-market-update.md",
        "news/2026/weekly-market-update.md",
    ]
    # The same article (same address) found with a corrected date moves.
    (tmp_path / "a.html").write_text(_article_page("https://e.org/w1", "2025-12-28"), "utf-8")
    (tmp_path / "c.html").write_text(_article_page("https://e.org/w2", "2025-12-31"), "utf-8")
    moved = scrape(tmp_path, str(tmp_path / "c.html"))
    assert "moved" in moved.output
    assert sorted(pages(tmp_path)) == [
        "news/2025/weekly-market-update-2.md",
        "news/2025/weekly-market-update.md",
    ]


def _titled_page(title: str, text: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text * 12}</p><p>{text * 10}</p></article></body></html>"
    )


def test_an_editor_s_corrected_title_keeps_one_page(tmp_path: Path) -> None:
    """A typo fixed in a generated page's title: its next run wrote the document again
    beside it ("...-parliamnet-2.md"), since the page on disk named another title. It is
    this document's page, edited: skipped, and --force writes it back as generated."""
    text = "Lawmakers passed rules for stablecoin issuers after a long debate. "
    (tmp_path / "a.html").write_text(_titled_page("Rules adopted by the parliamnet", text))
    assert scrape(tmp_path, str(tmp_path / "a.html")).exit_code == 0
    [rel] = pages(tmp_path)
    page = tmp_path / "docs" / rel
    fixed = page.read_text(encoding="utf-8").replace("parliamnet", "parliament", 1)
    page.write_text(fixed, encoding="utf-8")
    again = scrape(tmp_path, str(tmp_path / "a.html"))
    assert again.exit_code == 0
    assert "was edited since it was generated" in again.output
    assert list(pages(tmp_path)) == [rel] and page.read_text(encoding="utf-8") == fixed
    forced = scrape(tmp_path, str(tmp_path / "a.html"), "--force")
    assert forced.exit_code == 0 and list(pages(tmp_path)) == [rel]
    assert meta(tmp_path, rel)["title"] == "Rules adopted by the parliamnet"
    # Another document whose title gives the same file name is not taken for that page,
    # edited or not: its text is another.
    page.write_text(fixed, encoding="utf-8")
    other = "Markets barely moved as traders waited for the central bank to speak. "
    (tmp_path / "b.html").write_text(_titled_page("Rules adopted by the Parliamnet!", other))
    third = scrape(tmp_path, str(tmp_path / "b.html"))
    assert third.exit_code == 0 and "1 written" in third.output
    assert sorted(pages(tmp_path)) == sorted([rel, rel.replace(".md", "-2.md")])


def test_dry_run_writes_nothing(work: Path) -> None:
    result = scrape(work, "--sources", str(work / "sources.yml"), "--dry-run")
    assert result.exit_code == 0
    assert "would write" in result.output and NOTICE in result.output
    assert not (work / "docs").exists()


def test_one_failing_source_does_not_stop_the_others(work: Path) -> None:
    (work / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    result = scrape(work, str(work / "broken.txt"), str(work / "capture.txt"), str(work / "nope"))
    assert result.exit_code == 1
    assert "3 written, 0 unchanged, 0 skipped, 2 failed" in result.output
    assert re.search(r"failed .*broken\.txt: binary content", result.output)
    assert re.search(r"failed .*nope: no such file", result.output)
    assert len(pages(work)) == 3


def test_a_folder_given_as_a_source_is_named_as_such(work: Path) -> None:
    (work / "folder").mkdir()
    result = scrape(work, str(work / "folder"), str(work / "capture.txt"))
    assert result.exit_code == 1, result.output
    assert re.search(r"failed .*folder: .*folder is a folder: name the files", result.output)
    assert len(pages(work)) == 3  # the capture's documents are still written


def test_a_file_that_cannot_be_read_is_a_failure_that_says_why(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):
        if self.name == "capture.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)  # as for a non-root user and mode 000
    result = scrape(work, str(work / "capture.txt"))
    assert result.exit_code == 1
    assert re.search(
        r"failed .*capture\.txt: cannot read .*capture\.txt: Permission denied", result.output
    )
    assert not pages(work)


def test_bad_sources_file_is_a_usage_error(work: Path) -> None:
    (work / "bad.yml").write_text("sources:\n  - path: a\n    url: http://x\n", encoding="utf-8")
    result = scrape(work, "--sources", str(work / "bad.yml"))
    assert result.exit_code == 2
    assert "source #1" in result.output and "exactly one of" in result.output
    assert scrape(work).exit_code == 2  # nothing to scrape


def test_every_bad_source_entry_is_reported_at_its_line(work: Path) -> None:
    bad = (
        "sources:\n"
        "  - path: capture.txt\n"
        "  - url: ftp://example.org/x\n"
        "  - path: other.txt\n"
        "    kind: memo\n"
        "    documents:\n"
        "      - match: No. 1\n"
        "        date: 2026-02-30\n"
        "  - {}\n"
        "  - path: third.txt\n"
        "    jurisdiction: China\n"
    )
    (work / "bad.yml").write_text(bad, encoding="utf-8")
    result = scrape(work, "--sources", str(work / "bad.yml"))
    assert result.exit_code == 2
    out = " ".join(result.output.split())  # click wraps nothing, but be safe
    assert "bad.yml:3: source #2: url must start with http:// or https://" in out
    assert "bad.yml:5: source #3: kind: unknown value 'memo' (allowed: 'article'" in out
    assert "bad.yml:8: source #3: documents.0.date:" in out and "2026-02-30" in out
    assert "bad.yml:9: source #4: give exactly one of 'url' or 'path'" in out
    assert "bad.yml:11: source #5: jurisdiction: invalid jurisdiction 'China' (expected" in out
    assert "Value error" not in out and "Input should" not in out
    assert not (work / "docs").exists()  # nothing is ingested from a file with errors


def test_hints_that_miss_clash_or_cannot_apply_are_named_at_their_line(work: Path) -> None:
    """A hint matching nothing was named by the capture's path, without its line or the
    documents it could have matched; two hints for one document, and a source's kind on a
    capture of three documents, said nothing. A title copied with typographic quotes
    (China’s) matches the capture's typed ones (China's)."""
    hints = (
        "sources:\n"
        "  - path: capture.txt\n"
        "    kind: report\n"
        "    documents:\n"
        "      - match: Yinfa [2026] No. 42\n"
        "        date: 2026-02-06\n"
        "      - match: yinfa [2026] no. 42\n"
        "        date: 2026-02-07\n"
        '      - match: "China’s Central Bank and Eight Other Departments’ Latest Regulatory '
        'Focus: Key Attention to RWA Tokenized Asset Risk"\n'
        "        date: 2026-02-07\n"
        "      - match: No such document\n"
        "        date: 2026-01-01\n"
    )
    (work / "hints.yml").write_text(hints, encoding="utf-8")
    result = scrape(work, "--sources", str(work / "hints.yml"), "--dry-run")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning")]
    assert len(warnings) == 3, warnings
    assert "hints.yml:2: kind 'report' is not applied: " in warnings[0]
    assert "gives 3 documents" in warnings[0]
    assert (
        "hints.yml:7: document hint 'yinfa [2026] no. 42' is for the same document as "
        in (warnings[1])
    )
    assert "hints.yml:5; both are applied, this one last" in warnings[1]
    assert "hints.yml:11: document hint 'No such document' matched no document" in warnings[2]
    assert "'Yinfa [2026] No. 42'" in warnings[2]  # what there is to match
    assert "news/2026/china-s-central-bank" in result.output  # the curly quotes matched


def test_a_tab_in_sources_yml_is_named_as_one(work: Path) -> None:
    (work / "bad.yml").write_text("sources:\n\t- path: capture.txt\n", encoding="utf-8")
    result = scrape(work, "--sources", str(work / "bad.yml"))
    assert result.exit_code == 2
    assert "bad.yml:2: invalid YAML: " in result.output
    assert "(a tab: indent with spaces)" in result.output


def test_a_tag_with_markup_in_sources_yml_is_refused_at_its_line(work: Path) -> None:
    bad = "sources:\n  - path: capture.txt\n    tags: [ok, 'a <b> tag']\n"
    (work / "bad.yml").write_text(bad, encoding="utf-8")
    result = scrape(work, "--sources", str(work / "bad.yml"))
    assert result.exit_code == 2
    assert "bad.yml:3: source #1: tags: tag 'a <b> tag' holds < or >" in result.output


@pytest.mark.parametrize(
    ("tags", "words"),
    [
        (
            "privacy, regulation",
            "'privacy, regulation' is one text; a list is written [privacy, regulation]",
        ),
        ("'a <b> tag'", "tag 'a <b> tag' holds < or >"),
    ],
)
def test_a_tag_written_as_one_text_in_sources_yml_is_checked_too(
    work: Path, tags: str, words: str
) -> None:
    """ "tags: privacy, regulation" became the one tag "privacy, regulation" on every page,
    and a tag with markup written without brackets was not checked here."""
    (work / "bad.yml").write_text(f"sources:\n  - path: capture.txt\n    tags: {tags}\n")
    result = scrape(work, "--sources", str(work / "bad.yml"))
    assert result.exit_code == 2
    assert "bad.yml:3: source #1: tags: " + words in " ".join(result.output.split())


def test_a_key_given_twice_in_sources_yml_is_an_error_not_a_lost_value(work: Path) -> None:
    """YAML keeps the second of two equal keys: the first `tags:` would be lost."""
    dup = "sources:\n  - path: capture.txt\n    tags: [rwa]\n    kind: notice\n    tags: [zk]\n"
    (work / "dup.yml").write_text(dup, encoding="utf-8")
    result = scrape(work, "--sources", str(work / "dup.yml"))
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "dup.yml:5: 'tags' is given twice (first on line 3); keep one" in out
    assert not (work / "docs").exists()


def test_a_sources_file_not_saved_as_utf8_is_named_by_its_line(work: Path) -> None:
    (work / "cp1252.yml").write_bytes("sources:\n  - path: café.txt\n".encode("cp1252"))
    result = scrape(work, "--sources", str(work / "cp1252.yml"))
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert (
        "cp1252.yml:2: not UTF-8 text (byte 0xe9 at byte 14 of the line); save the file as UTF-8"
        in out
    )
    assert "Traceback" not in out


def test_help_explains_every_option() -> None:
    out = CliRunner().invoke(main, ["scrape", "--help"]).output
    for option in (
        "--sources",
        "--out",
        "--force",
        "--dry-run",
        "--kind",
        "--jurisdiction",
        "--tag",
        "--allow-private",
        "--cache-dir",
        "Examples:",
    ):
        assert option in out


def test_html_file_is_recognized_by_content(work: Path) -> None:
    from scraper.pipeline import sniff

    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff(b"\xef\xbb\xbf  <html lang=en>") == "html"
    assert sniff(CAPTURE.read_bytes()) == "text"
    assert sniff(b"Title\n\nA capture that quotes <b>one</b> tag.") == "text"
    assert sniff(b"<p>x</p>", "text/plain; charset=utf-8") == "text"


@pytest.fixture
def server(work: Path) -> Iterator[str]:
    """A local HTTP server for the capture (text/plain), on 127.0.0.1."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a: object, **kw: object) -> None:
            super().__init__(*a, directory=str(work), **kw)  # type: ignore[misc]

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_source_through_the_fetcher(work: Path, server: str) -> None:
    pytest.importorskip("scraper.fetch")
    url = f"{server}/capture.txt"
    cache = str(work / "cache")
    blocked = scrape(work, url, "--cache-dir", cache)
    assert blocked.exit_code == 1 and "failed" in blocked.output  # private address refused
    result = scrape(work, url, "--allow-private", "--cache-dir", cache)
    assert result.exit_code == 0, result.output
    assert "3 written" in result.output


def test_generated_pages_pass_the_strict_build(work: Path) -> None:
    assert scrape(work, "--sources", str(work / "sources.yml")).exit_code == 0
    result = build_site(work, {})
    assert result.ok, (result.error, result.warnings())
    assert result.warnings() == []
    html = result.read("regulations/2026/yinfa-2026-no-42/index.html")
    assert all(f'id="article-{n}"' in html for n in range(1, 20))
    assert 'id="part-6"' in html


def test_a_translation_hint_joins_the_notice_to_its_original(work: Path) -> None:
    """An editor who has the Chinese original as a page says, in sources.yml, that the
    scraped English notice translates it; the strict build links the two."""
    hint = "        translation_of: 银发〔2026〕42号\n"
    (work / "sources.yml").write_text(SOURCES_YML + hint, encoding="utf-8")
    assert scrape(work, "--sources", str(work / "sources.yml")).exit_code == 0
    nt = meta(work, NOTICE)
    assert nt["translation_of"] == "银发〔2026〕42号"
    assert list(nt).index("translation_of") == list(nt).index("language") + 1
    original = work / "docs" / "regulations" / "2026" / "yinfa-2026-no-42-zh.md"
    original.write_text(
        "---\ntitle: 关于进一步防范和处置虚拟货币等相关风险的通知\nkind: notice\n"
        "language: zh\ndoc_number: 银发〔2026〕42号\n---\n\n正文。\n",
        encoding="utf-8",
    )
    result = build_site(work, {})
    assert result.ok and result.warnings() == [], (result.error, result.warnings())
    html = result.read("regulations/2026/yinfa-2026-no-42/index.html")
    assert 'href="../yinfa-2026-no-42-zh/" hreflang="zh" lang="zh">中文</a> (original)' in html


def test_saved_html_is_extracted_as_html_whatever_its_extension(tmp_path: Path) -> None:
    pytest.importorskip("scraper.extract.html")
    page = tmp_path / "saved-page.txt"
    paragraph = "<p>" + "Regulators published a detailed report on custody rules. " * 8 + "</p>"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Custody Rules Report</title>"
        '<meta property="article:published_time" content="2024-05-06"></head>'
        f"<body><article><h1>Custody Rules Report</h1>{paragraph * 3}</article></body></html>",
        encoding="utf-8",
    )
    result = scrape(tmp_path, str(page), "--kind", "report")
    assert result.exit_code == 0, result.output
    written = [p for p in pages(tmp_path) if p.startswith("regulations/")]
    assert len(written) == 1
    text = (tmp_path / "docs" / written[0]).read_text(encoding="utf-8")
    assert "<p>" not in text and "Regulators published" in text
    assert frontmatter.split(text).meta["kind"] == "report"


def test_progress_counts_sources_and_pages(tmp_path: Path) -> None:
    """On a terminal the run shows a progress line; its labels say how far it has got."""
    from scraper.pipeline import run
    from scraper.sources import source_from_arg

    body = "<p>" + "Custody rules changed again this week for every exchange. " * 10 + "</p>"
    for name in ("a", "b"):
        page = f"<html><head><title>Story {name}</title></head><body><article>{body}"
        (tmp_path / f"{name}.html").write_text(page + "</article></body></html>", "utf-8")
    labels: list[str] = []
    sources = [source_from_arg(str(tmp_path / f"{n}.html")) for n in ("a", "b")]
    report = run(sources, out_dir=tmp_path / "docs", step=labels.append)
    assert not report.failed
    assert [label.split(":")[0] for label in labels] == [
        "extracting 1/2",
        "extracting 2/2",
        "writing 1/2",
        "writing 2/2",
    ]
    assert labels[0].endswith("a.html")


def test_python_m_scraper_is_the_regkb_command() -> None:
    """Two reviewers tried ``python -m scraper`` first: it had no ``__main__``."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "scraper", "scrape", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert "Turn URLs, saved HTML pages and plain-text captures" in done.stdout
