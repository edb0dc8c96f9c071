"""The fetcher against a real HTTP server on 127.0.0.1 (a thread, ephemeral port)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from scraper.cli import main
from scraper.fetch import (
    BadContentType,
    BlockedAddress,
    Fetcher,
    FetchError,
    FetchOptions,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
)
from tests.local_server import serving

PAGE = b"<html><head><title>Notice</title></head><body><p>Hello</p></body></html>"


class _State:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.big_bytes_sent = 0
        self.robots_status = 200
        self.gone = False  # /etag answers 404 from now on
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    state: _State

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **extra):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        with self.state.lock:
            self.state.hits[path] += 1
            hits = self.state.hits[path]
            self.state.user_agents.append(self.headers.get("User-Agent", ""))
        if path == "/robots.txt":
            status = self.state.robots_status
            self._send(status, b"User-agent: *\nDisallow: /private\n", "text/plain")
        elif path in ("/page", "/private/page"):
            self._send(200, PAGE)
        elif path == "/etag":
            if self.state.gone:
                self._send(404, b"gone")
            elif self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
            else:
                self._send(200, PAGE, ETag='"v1"')
        elif path == "/flaky":
            if hits == 1:
                self._send(503, b"busy", Retry_After="0")
            else:
                self._send(200, PAGE)
        elif path == "/down":
            self._send(500, b"broken")
        elif path == "/missing":
            self._send(404, b"nope")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/page" if left == 0 else f"/hop/{left - 1}"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/to-private":
            self.send_response(301)
            self.send_header("Location", "/private/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/big":
            self._stream_forever()
        elif path == "/drip":
            self._drip()
        elif path == "/slow-headers":
            self._slow_headers()
        elif path == "/bad-location":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1:1/x")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/jpg-labelled":
            self._send(200, b"\xff\xd8\xff\xe0 not a real JPEG", "image/jpg")
        elif path == "/bucket-labelled":
            self._send(200, b"\x89PNG\r\n\x1a\n not a real PNG", "binary/octet-stream")
        elif path == "/upper-case-type":
            self._send(200, PAGE, "Text/HTML; charset=utf-8")
        else:
            self._send(404, b"unknown")

    def _stream_forever(self) -> None:
        """No Content-Length, up to 200 MB: only a client-side cap can stop it early."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        try:
            for _ in range(3000):
                self.wfile.write(chunk)
                with self.state.lock:
                    self.state.big_bytes_sent += len(chunk)
        except OSError:
            pass

    def _slow_headers(self) -> None:
        """A header line every 100 ms: each read comes before httpx's read timeout."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            for n in range(60):
                self.send_header(f"X-Slow-{n}", "x")
                self.flush_headers()
                time.sleep(0.1)
            self.end_headers()
            self.wfile.write(PAGE)
        except OSError:
            pass

    def _drip(self) -> None:
        """One byte every 50 ms: never idle long enough for a read timeout to fire."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(400):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass


@pytest.fixture
def server() -> Iterator[tuple[str, _State]]:
    state = _State()
    with serving(type("Handler", (_Handler,), {"state": state})) as url:
        yield url, state


def options(tmp_path: Path, **overrides: object) -> FetchOptions:
    base: dict = {
        "cache_dir": tmp_path / "cache",
        "allow_private": True,
        "per_host_delay": 0.0,
        "backoff": 0.01,
        "timeout": 2.0,
    }
    base.update(overrides)
    return FetchOptions(**base)


def test_fetches_a_page_with_a_clear_user_agent(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher:
        result = fetcher.get(base + "/page")
    assert result.status == 200
    assert result.content == PAGE
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert not result.from_cache
    assert all(ua.startswith("regkb/") and "+https://" in ua for ua in state.user_agents)


def test_robots_disallow_is_refused(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(RobotsDisallowed) as error:
        fetcher.get(base + "/private/page")
    assert "robots.txt" in str(error.value)
    assert state.hits["/private/page"] == 0


def test_robots_is_checked_on_every_redirect_hop(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(RobotsDisallowed):
        fetcher.get(base + "/to-private")
    assert state.hits["/private/page"] == 0
    assert state.hits["/robots.txt"] == 1  # cached per host


def test_missing_robots_txt_allows_everything(server, tmp_path: Path) -> None:
    base, state = server
    state.robots_status = 404
    with Fetcher(options(tmp_path)) as fetcher:
        assert fetcher.get(base + "/private/page").status == 200


def test_unreachable_robots_txt_refuses_the_host(server, tmp_path: Path) -> None:
    base, state = server
    state.robots_status = 503
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(RobotsDisallowed, match="unreach"):
        fetcher.get(base + "/page")
    assert state.hits["/page"] == 0


def test_robots_can_be_ignored_when_told(server, tmp_path: Path) -> None:
    base, _ = server
    with Fetcher(options(tmp_path, respect_robots=False)) as fetcher:
        assert fetcher.get(base + "/private/page").status == 200


def test_retry_after_503_then_success(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher:
        result = fetcher.get(base + "/flaky")
    assert result.status == 200
    assert state.hits["/flaky"] == 2


def test_persistent_5xx_gives_up_after_retries(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path, retries=2)) as fetcher, pytest.raises(HTTPStatusError) as err:
        fetcher.get(base + "/down")
    assert err.value.status == 500
    assert state.hits["/down"] == 3


def test_404_is_not_retried(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(HTTPStatusError, match="404"):
        fetcher.get(base + "/missing")
    assert state.hits["/missing"] == 1


def test_cache_serves_second_get_without_network(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher:
        first = fetcher.get(base + "/page")
    # A new fetcher (a re-run) must not touch the server at all, robots.txt included.
    requests_before = sum(state.hits.values())
    with Fetcher(options(tmp_path)) as fetcher:
        second = fetcher.get(base + "/page")
    assert second.from_cache and not first.from_cache
    assert second.content == first.content
    assert sum(state.hits.values()) == requests_before


def test_cache_revalidates_with_etag(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher:
        fetcher.get(base + "/etag")
        again = fetcher.get(base + "/etag")
    assert again.from_cache
    assert again.content == PAGE
    assert state.hits["/etag"] == 2  # the second one was a conditional request (304)


def test_damaged_cache_entry_is_a_miss(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher:
        fetcher.get(base + "/page")
    for meta in (tmp_path / "cache").rglob("*.json"):
        meta.write_text("{not json", encoding="utf-8")
    with Fetcher(options(tmp_path)) as fetcher:
        assert not fetcher.get(base + "/page").from_cache
    assert state.hits["/page"] == 2


def test_redirects_are_followed_up_to_the_cap(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path, max_redirects=3)) as fetcher:
        ok = fetcher.get(base + "/hop/2")
        assert ok.final_url == base + "/page"
        with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
            fetcher.get(base + "/hop/5")
    # hop/5 made 4 requests (5, 4, 3, 2) and refused the 4th redirect: hop/1 only from hop/2.
    assert state.hits["/hop/2"] == 2
    assert state.hits["/hop/1"] == 1


def test_non_html_is_refused(server, tmp_path: Path) -> None:
    base, _ = server
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(BadContentType, match="pdf"):
        fetcher.get(base + "/pdf")


def test_too_large_body_is_refused_while_streaming(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path, max_bytes=200_000)) as fetcher, pytest.raises(TooLarge):
        fetcher.get(base + "/big")
    time.sleep(0.2)
    # The server offered 200 MB; the client hung up long before (socket buffers aside).
    assert state.big_bytes_sent < 50_000_000


def test_slow_drip_is_cut_by_the_deadline(server, tmp_path: Path) -> None:
    base, _ = server
    fetcher = Fetcher(options(tmp_path, timeout=0.5, retries=0))
    with fetcher, pytest.raises(FetchTimeout) as error:
        fetcher.get(base + "/drip")
    assert "0.5 s" in str(error.value)


def test_headers_sent_slowly_are_cut_by_the_deadline_too(server, tmp_path: Path) -> None:
    """httpx's timeouts are per read: headers sent a line at a time (6 s here) waited
    for all of them, whatever --timeout said (a 3 s timeout took 65 s)."""
    base, _ = server
    fetcher = Fetcher(options(tmp_path, timeout=0.5, retries=0))
    started = time.monotonic()
    with fetcher, pytest.raises(FetchTimeout) as error:
        fetcher.get(base + "/slow-headers")
    assert "0.5 s" in str(error.value)
    assert time.monotonic() - started < 5  # not the 6 s the headers take


def test_a_redirect_to_no_address_fails_once_and_says_so(server, tmp_path: Path) -> None:
    base, state = server
    with Fetcher(options(tmp_path, retries=3)) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(base + "/bad-location")
    assert "bad redirect" in str(error.value)
    assert state.hits["/bad-location"] == 1  # asking again gives the same answer


def test_a_page_gone_is_not_served_from_the_cache(server, tmp_path: Path) -> None:
    """A stored copy stands in when the server fails or cannot be reached; a 404 is an
    answer, and the copy hid it ("unchanged", no word)."""
    base, state = server
    with Fetcher(options(tmp_path)) as fetcher:
        fetcher.get(base + "/etag")
    state.gone = True
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(HTTPStatusError) as error:
        fetcher.get(base + "/etag")
    assert error.value.status == 404


@pytest.mark.parametrize("path", ["/jpg-labelled", "/bucket-labelled"])
def test_images_labelled_as_servers_label_them_are_taken(server, tmp_path, path) -> None:
    """ "image/jpg" and a storage bucket's "binary/octet-stream" were refused as "not an
    image"; the bytes are what scraper.images checks."""
    base, _ = server
    with Fetcher(options(tmp_path)) as fetcher:
        assert fetcher.get_image(base + path).content.startswith((b"\xff\xd8", b"\x89PNG"))


def test_a_media_type_in_capitals_is_read_as_html(server, tmp_path: Path) -> None:
    base, _ = server
    runner = CliRunner()
    out = tmp_path / "docs"
    result = runner.invoke(
        main,
        ["scrape", "--allow-private", "--dry-run", "--out", str(out), "--cache-dir",
         str(tmp_path / "c"), base + "/upper-case-type"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "unsupported content type" not in result.output


def test_the_address_check_resolves_the_name_httpx_contacts() -> None:
    """Python's resolver encodes a name by IDNA 2003 ("faß" is "fass"), httpx by IDNA 2008
    ("xn--fa-hia"): the check looked up another name than the one contacted."""
    looked_up: list[str] = []
    fetcher = Fetcher(FetchOptions(allow_private=False))
    real = socket.getaddrinfo

    def spy(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        looked_up.append(host)
        raise socket.gaierror("not resolved in a test")

    socket.getaddrinfo = spy
    try:
        with fetcher, pytest.raises(FetchError):
            fetcher._check_address(httpx.URL("http://faß.example/"))
    finally:
        socket.getaddrinfo = real
    assert looked_up == ["xn--fa-hia.example"]


def test_private_address_is_refused_by_default(server, tmp_path: Path) -> None:
    base, state = server
    fetcher = Fetcher(options(tmp_path, allow_private=False))
    with fetcher, pytest.raises(BlockedAddress, match="loopback"):
        fetcher.get(base + "/page")
    assert sum(state.hits.values()) == 0


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "http://"]
)
def test_only_http_urls(url: str, tmp_path: Path) -> None:
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(FetchError):
        fetcher.get(url)


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.169.254", "[::1]", "224.0.0.1", "0.0.0.0"])
def test_blocked_literal_addresses(host: str, tmp_path: Path) -> None:
    fetcher = Fetcher(options(tmp_path, allow_private=False))
    with fetcher, pytest.raises(BlockedAddress):
        fetcher.get(f"http://{host}/page")
