"""Hostile pages end to end: ``regkb scrape`` into a copy of the site, ``mkdocs build
--strict``, then every output file is inspected for anything a browser could run.

The fixtures in ``tests/fixtures/hostile/`` carry payloads in every channel a scraped page
has: the title (JSON-LD headline, ``og:title``, ``<title>``), meta tags (description, author,
published time, site name, canonical and ``og:url``, ``<base href>``, ``http-equiv``,
``<html lang>``), the body (scripts, handlers, unsafe URLs in every spelling, SVG, MathML,
``<noscript>``, forms, embeds, ``</textarea><script>``, entities that decode to tags,
Markdown- and attr_list-looking text, comments, a full-width ``ｊavascript:``) and plain-text
captures (the same as text, plus YAML syntax). Every payload names ``PWNED``, so any copy of
one that survives in executable form is easy to find.

The unit tests of each layer live elsewhere (test_sanitize, test_extract_html,
test_document_sanitize, test_fetch); this module proves the layers hold together.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from plugins import frontmatter
from plugins.timeline.render import FILTER_CLASS
from scraper.cli import main
from scraper.write import check_stamp
from tests.sitebuilder import copy_project

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
MARK = "PWNED"

# Titles exactly as the hostile sources give them (after HTML decoding), which must come
# back as the same text in the front matter, the <title>, the heading and every data file.
TITLES = {
    "ld-json-title.html": "</script><script>alert('PWNED-ld-headline')</script> Custody rules",
    "og-meta.html": "\"><svg onload=alert('PWNED-og-title')> Token sale & <b>warning</b>",
    "title-entities.html": "<script>alert('PWNED-title')</script> Rules on \"mining\" & energy",
    "capture-hostile.txt": (
        "<script>alert('PWNED-capture-title')</script> Rules: a \"guide\" # for --- editors"
    ),
    "capture-yaml.txt": (
        "!!python/object/apply:os.system ['echo PWNED-yaml'] --- key: value # not a comment"
    ),
    "body-payloads.html": "Payload gallery for the regulation desk",
    "author-breakout.html": "Exchange licensing update",
}
AUTHORS = {
    "ld-json-title.html": "<img src=x onerror=alert('PWNED-ld-author')> Ann",
    "og-meta.html": "<img src=x onerror=alert('PWNED-author')> Bob",
    "author-breakout.html": "\"><script>alert('PWNED-author-breakout')</script><meta x=\"",
    "capture-yaml.txt": "\"quoted\": 'author' & *alias",
}
# Elements that must never come out of page content.
FORBIDDEN = {
    "script", "iframe", "frame", "frameset", "form", "object", "embed", "base", "applet",
    "input", "button", "textarea", "select", "style", "link", "meta", "noscript",
    "template", "math", "audio", "video", "source", "portal",
}  # fmt: skip
URL_ATTRS = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "srcset", "ping", "codebase", "longdesc", "manifest", "lowsrc", "dynsrc",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


# --- the site -------------------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    scrape_output: str
    pages: dict[str, Path]  # fixture name -> generated Markdown page
    site_name: str

    @property
    def out(self) -> Path:
        return self.root / "site"

    def url_of(self, fixture: str) -> str:
        rel = self.pages[fixture].relative_to(self.root / "docs").with_suffix("")
        return rel.as_posix() + "/"

    def soup(self, fixture: str) -> BeautifulSoup:
        path = self.out / self.url_of(fixture) / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("hostile-site")
    # The real configuration and editors' pages, so the real plugins and theme run.
    copy_project(REPO, root, ("docs", "overrides", "search"))
    sources = sorted(str(p) for p in FIXTURES.iterdir() if p.is_file())
    result = CliRunner().invoke(main, ["scrape", "--out", str(root / "docs"), *sources])
    assert result.exit_code == 0, result.output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    by_title = {}
    for line in result.output.splitlines():
        if line.startswith("written"):
            page = Path(line.split(None, 1)[1])
            meta = frontmatter.split(page.read_text(encoding="utf-8")).meta
            by_title[meta["title"]] = page
    pages = {name: by_title[title] for name, title in TITLES.items() if title in by_title}
    name = re.search(r"^site_name:\s*(.+)$", (root / "mkdocs.yml").read_text("utf-8"), re.M)
    assert name
    return Site(root, result.output, pages, name.group(1).strip())


# --- inspection helpers ---------------------------------------------------------------------


def _attr_text(value: object) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def _dangerous_url(value: str, page_url: str) -> bool:
    """A URL a browser could execute: a bad scheme once whitespace and control characters
    are gone and case is folded. Full-width look-alikes (``ｊavascript:``) are not a scheme
    to a browser; they are accepted only when they really resolve to a page URL."""
    squashed = re.sub(r"[\x00-\x20\x7f-\x9f]+", "", value).casefold()
    if squashed.startswith(BAD_SCHEMES):
        return True
    folded = unicodedata.normalize("NFKC", squashed).casefold()
    if folded.startswith(BAD_SCHEMES):
        return urlsplit(urljoin(page_url, value)).scheme not in ("http", "https")
    return False


def _own_filter_control(el: Tag) -> bool:
    """The timeline's "Show events" form, which the timeline plugin writes into a page of
    two or more kinds of event (its checkboxes carry kind names, never document text). The
    fixtures' documents alone may not make one, but an editor's page with a second kind of
    event would; the other checks below still read it for payloads."""
    if el.name == "input" and el.get("type") != "checkbox":
        return False
    box = el.find_parent("div", class_=FILTER_CLASS)
    return el.name in ("form", "input") and box is not None and MARK not in str(box)


def _problems(scope: Tag, where: str, page_url: str, *, content: bool) -> list[str]:
    """Everything executable in ``scope``; ``content`` scopes may not hold FORBIDDEN tags."""
    found = []
    for el in scope.find_all(True):
        if content and el.name in FORBIDDEN and not _own_filter_control(el):
            found.append(f"{where}: <{el.name}> {str(el)[:80]}")
        if el.name == "base":
            found.append(f"{where}: <base> {el}")
        if el.name == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append(f"{where}: meta refresh {el}")
        if el.name in ("script", "style") and MARK in el.get_text():
            found.append(f"{where}: payload in <{el.name}>: {str(el)[:80]}")
        for name, raw in el.attrs.items():
            value = _attr_text(raw)
            if name.lower().startswith("on"):
                found.append(f"{where}: <{el.name} {name}={value[:60]!r}>")
            if name.lower() == "style" and (
                not content or not re.fullmatch(r"\s*text-align:\s*[a-z]+\s*;?\s*", value)
            ):
                found.append(f"{where}: <{el.name} style={value!r}>")
            if name.lower() in URL_ATTRS and _dangerous_url(value, page_url):
                found.append(f"{where}: <{el.name} {name}={value[:60]!r}>")
    return found


def _html_files(site: Site) -> list[Path]:
    files = sorted(site.out.rglob("*.html"))
    assert len(files) > len(TITLES)
    return files


# --- tests ----------------------------------------------------------------------------------


def test_every_hostile_source_is_scraped(site: Site) -> None:
    assert set(site.pages) == set(TITLES), site.scrape_output
    count = len([p for p in FIXTURES.iterdir() if p.is_file()])
    assert f"{count} written, 0 unchanged, 0 skipped, 0 failed" in site.scrape_output


def test_front_matter_keeps_hostile_text_exactly(site: Site) -> None:
    for name, page in site.pages.items():
        text = page.read_text(encoding="utf-8")
        fm = frontmatter.split(text)
        assert fm.error is None, (name, fm.error)
        assert fm.meta["title"] == TITLES[name]
        if name in AUTHORS:
            assert fm.meta["author"] == AUTHORS[name]
        assert check_stamp(text) is True
        # the body is Markdown without raw HTML: no tag can open anywhere outside code
        assert not re.search(r"<(?=[A-Za-z/!?])", fm.body), (name, fm.body)


def test_no_page_of_the_site_has_active_content(site: Site) -> None:
    problems: list[str] = []
    for path in _html_files(site):
        rel = path.relative_to(site.out).as_posix()
        page_url = "https://regkb.example.org/" + rel
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for i, article in enumerate(soup.find_all("article")):
            problems += _problems(article, f"{rel} article#{i}", page_url, content=True)
        if soup.head is not None:
            problems += _problems(soup.head, f"{rel} head", page_url, content=False)
        # Wherever the theme prints page data (header, nav, footer), no payload is markup.
        for el in soup.find_all(True):
            for name in el.attrs:
                if name.lower().startswith("on"):
                    problems.append(f"{rel}: <{el.name} {name}> outside the article")
            if el.name in ("script", "style", "iframe", "svg") and MARK in str(el):
                problems.append(f"{rel}: payload inside <{el.name}>")
    assert problems == []


def test_head_holds_only_what_the_theme_puts_there(site: Site) -> None:
    """A hostile page's <head> has the same elements as a plain document page's."""

    def shape(soup: BeautifulSoup) -> list[str]:
        return [
            el.name
            for el in soup.head.find_all(True)
            if not (el.name == "meta" and el.get("name") == "author")
        ]

    reference = site.soup("body-payloads.html")
    for name in site.pages:
        soup = site.soup(name)
        assert shape(soup) == shape(reference), name
        author = soup.head.find("meta", attrs={"name": "author"})
        if name in AUTHORS:
            assert author is not None and author["content"] == AUTHORS[name]


def test_titles_are_shown_as_text(site: Site) -> None:
    for name, title in TITLES.items():
        soup = site.soup(name)
        assert soup.title.get_text() == f"{title} - {site.site_name}", name
        body = frontmatter.split(site.pages[name].read_text(encoding="utf-8")).body
        if not re.search(r"^# ", body, re.M):  # no heading of its own: the theme's shows the title
            h1 = soup.find("article").find("h1")
            assert h1.get_text() == title, name


def test_body_payloads_are_inert_and_their_text_survives(site: Site) -> None:
    article = site.soup("body-payloads.html").find("article")
    text = article.get_text()
    for kept in (
        "its text about virtual currency must survive",
        "plain javascript link",
        "fullwidth homoglyph",
        "</textarea><script>alert('PWNED-text-textarea')</script>",
        "<!-- hidden -->",
        "click me",
        "Details text.",
        "100 per cent",
        "The closing paragraph restates",  # after an unclosed <embed>
    ):
        assert kept in text, kept
    good = article.find("a", string="a good link")
    assert good is not None and good["href"] == "https://regulator.example/rules?a=1&b=2"
    for label in ("plain javascript link", "mixed case", "data URL", "fullwidth homoglyph"):
        assert article.find("a", string=label) is None, label
    assert article.find("img", alt="\"><script>alert('PWNED-alt')</script>") is not None


def test_capture_payloads_stay_visible_text(site: Site) -> None:
    article = site.soup("capture-hostile.txt").find("article")
    text = article.get_text()
    for kept in (
        "<img src=x onerror=alert('PWNED-capture-img')> must stay text.",
        "{: onclick=\"alert('PWNED-capture-attr')\" }",
        "<!-- a comment that must stay visible -->",
        "</textarea><script>alert('PWNED-capture-textarea') stays text.",
        "&lt;script&gt;alert('PWNED-capture-entity')&lt;/script&gt; is shown as typed",
        "ｊavascript:alert('PWNED-capture-homoglyph')",
        "[ref]: javascript:alert('PWNED-capture-refdef')",
        "<https://regulator.example/ok> is a safe autolink",
        "<javascript:alert('PWNED-capture-autolink')> is not.",
    ):
        assert kept in text, kept


def test_search_index_holds_payloads_only_as_escaped_text(site: Site) -> None:
    index = json.loads((site.out / "search" / "search_index.json").read_text("utf-8"))
    hits = 0
    for entry in index["docs"]:
        for field in ("title", "text"):
            raw = entry[field]
            if MARK not in raw:
                continue
            hits += 1
            # Material shows these as HTML: a payload may only be text there.
            assert not re.search(r"<\s*/?\s*(script|img|svg|iframe|meta|style)\b", raw, re.I)
            fragment = BeautifulSoup(f"<div>{raw}</div>", "html.parser")
            where = f"search_index {entry['location']} {field}"
            url = "https://regkb.example.org/" + entry["location"]
            assert _problems(fragment, where, url, content=True) == []
    assert hits >= len(TITLES)
    titles = {e["location"]: e["title"] for e in index["docs"]}
    for name in ("ld-json-title.html", "title-entities.html", "capture-hostile.txt"):
        shown = BeautifulSoup(titles[site.url_of(name)], "html.parser").get_text()
        assert shown == TITLES[name]


def test_timeline_json_carries_titles_as_plain_data(site: Site) -> None:
    data = json.loads((site.out / "timeline.json").read_text("utf-8"))
    titles = {e["title"] for e in data["events"]}
    for name in ("ld-json-title.html", "og-meta.html", "capture-hostile.txt", "capture-yaml.txt"):
        assert TITLES[name] in titles, name  # exact text: neither markup nor double-escaped
    assert not any("&lt;" in t or "&amp;" in t for t in titles)


def test_feed_is_well_formed_and_holds_payloads_as_text(site: Site) -> None:
    raw = (site.out / "feed.xml").read_bytes()
    feed = ET.fromstring(raw)  # raises if not well-formed
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    titles = {e.findtext(f"{atom}title") for e in entries}
    for name in ("ld-json-title.html", "og-meta.html", "capture-hostile.txt", "capture-yaml.txt"):
        assert TITLES[name] in titles, name
    authors = {n.text for n in feed.iter(f"{atom}name")}
    assert AUTHORS["author-breakout.html"] in authors
    for entry in entries:
        for el in entry.iter():
            assert el.get("type") in (None, "text", "text/html"), el.tag  # titles are text
    assert not re.search(rb"<\s*(script|img|svg|meta)\b", raw, re.I)


# --- fetching: a server that hangs or drips cannot hang the run -----------------------------


class _SlowHandler(BaseHTTPRequestHandler):
    stop = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_error(404)
        elif self.path == "/hang":
            self.stop.wait(30)  # accepts the request, never answers
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(300):
                if self.stop.wait(0.1):
                    return
                try:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                except OSError:
                    return
        else:
            self.send_error(404)


@pytest.fixture
def slow_server() -> Iterator[str]:
    _SlowHandler.stop.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _SlowHandler.stop.set()
    httpd.shutdown()
    httpd.server_close()


def test_hanging_and_dripping_servers_fail_alone(tmp_path: Path, slow_server: str) -> None:
    good = FIXTURES / "author-breakout.html"
    result = CliRunner().invoke(
        main,
        [
            "scrape", "--out", str(tmp_path / "docs"), "--cache-dir", str(tmp_path / "cache"),
            "--allow-private", "--timeout", "1",
            f"{slow_server}/hang", f"{slow_server}/drip", str(good),
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert re.search(r"^failed +\S+/hang: .*no answer within 1 s", result.output, re.M)
    assert re.search(r"^failed +\S+/drip: .*took longer than 1 s", result.output, re.M)
    assert "1 written, 0 unchanged, 0 skipped, 2 failed" in result.output
    assert list((tmp_path / "docs").rglob("*.md"))


def test_timeout_option_is_documented() -> None:
    out = CliRunner().invoke(main, ["scrape", "--help"]).output
    assert "--timeout SECONDS" in out


def test_private_and_odd_urls_are_refused_without_the_option(tmp_path: Path) -> None:
    urls = [
        "http://127.0.0.1:9/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ]
    result = CliRunner().invoke(
        main,
        ["scrape", "--out", str(tmp_path / "docs"), "--cache-dir", str(tmp_path / "c"), *urls],
    )
    assert result.exit_code == 1
    for url in urls:
        line = next(ln for ln in result.output.splitlines() if ln.startswith(f"failed       {url}"))
        assert "refusing" in line, line
    assert not (tmp_path / "docs").exists()
