"""Fetch web pages politely and defensively, with an on-disk cache.

The scraper fetches pages named by editors, but those pages (and their redirects) are
untrusted, so every request is bounded: http/https only, every redirect hop followed by
hand and checked (scheme, robots.txt, the addresses its host resolves to), a size cap
enforced while the body streams in, and a wall-clock deadline on top of httpx's
connect/read timeouts so a server that drips one byte a second cannot hang the run.
Only HTML and plain-text responses are accepted (``get_image``: only images).

Politeness: a clear User-Agent, robots.txt honoured (cached per host for the run; a missing
robots.txt allows everything, an unreachable one -- 5xx or no connection -- refuses the host,
as RFC 9309 asks), at least ``per_host_delay`` seconds (or the host's ``Crawl-delay``, up to
30 s) between requests to one host, and retries with exponential backoff only on connection
failures, 429 and 5xx, honouring a small ``Retry-After``.

Cache policy (``cache_dir``, one ``<sha256(url)>.json`` + ``.body`` pair per URL, written
atomically; 200 responses only):

* an entry without ``ETag``/``Last-Modified`` is fresh for ever: a re-run serves it from disk
  without any network access (delete the cache directory to refetch);
* an entry with a validator is revalidated with ``If-None-Match``/``If-Modified-Since``;
  ``304`` reuses the stored body, a new ``200`` replaces it, and if the server cannot be
  reached the stored copy is served rather than failing the run.

Known limit: addresses are checked when a hop is resolved and httpx resolves again when it
connects, so a DNS server answering differently within milliseconds (rebinding) is not
caught; ``allow_private=False`` is a guard against mistakes and simple SSRF, not a sandbox.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import ipaddress
import json
import os
import socket
import tempfile
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import httpx

__all__ = [
    "BadContentType",
    "BlockedAddress",
    "FetchError",
    "FetchOptions",
    "FetchResult",
    "FetchTimeout",
    "Fetcher",
    "HTTPStatusError",
    "RobotsDisallowed",
    "TooLarge",
    "TooManyRedirects",
]

ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: What ``get_image`` accepts; the bytes are checked again by ``scraper.images`` (which
#: keeps PNG, JPEG, GIF, WebP and AVIF only, by their first bytes). Besides the standard
#: names, those servers send for them: "image/jpg", "image/pjpeg", "image/x-png", and a
#: storage bucket's "binary/octet-stream" default.
IMAGE_TYPES = frozenset(
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
        "image/jpg", "image/pjpeg", "image/x-png", "image/x-citrix-jpeg", "image/x-citrix-png",
        "application/octet-stream", "binary/octet-stream",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Wanted:
    """The kind of resource a request is for: its Accept header and the media types taken."""

    accept: str
    types: frozenset[str]
    what: str


_PAGE = _Wanted(
    "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    ACCEPTED_TYPES,
    "an HTML or plain-text page",
)
_IMAGE = _Wanted(
    "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9", IMAGE_TYPES, "an image"
)
MAX_RETRY_AFTER = 10.0  # seconds; a server asking for longer is treated as a failure
MAX_CRAWL_DELAY = 30.0
ROBOTS_MAX_BYTES = 512 * 1024


def _version() -> str:
    try:
        return version("regkb")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


@dataclass
class FetchOptions:
    """How the fetcher behaves; the defaults are the polite production settings."""

    cache_dir: Path | None = Path(".cache/regkb/http")
    allow_private: bool = False
    user_agent: str = field(
        default_factory=lambda: f"regkb/{_version()} (+https://regkb.example.org/bot)"
    )
    timeout: float = 20.0  # connect/read timeout and the wall-clock deadline of one hop
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    per_host_delay: float = 1.0
    retries: int = 3
    backoff: float = 0.5
    respect_robots: bool = True


@dataclass(frozen=True)
class FetchResult:
    """A fetched page: the body exactly as received (decoded by ``scraper.encoding``)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]  # lower-cased names
    content: bytes
    from_cache: bool

    @property
    def content_type(self) -> str:
        """The media type without parameters, e.g. ``text/html``."""
        return _media_type(self.headers.get("content-type", ""))

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of Content-Type, if the server sent one."""
        return _charset(self.headers.get("content-type", ""))


class FetchError(Exception):
    """A page could not be fetched; ``str()`` is a one-line reason a user can act on."""


class RobotsDisallowed(FetchError):
    """robots.txt of the host forbids this URL (or robots.txt was unreachable)."""


class TooLarge(FetchError):
    """The body exceeds ``max_bytes``."""


class BadContentType(FetchError):
    """The response is not HTML or plain text."""


class TooManyRedirects(FetchError):
    """More than ``max_redirects`` redirects."""


class BlockedAddress(FetchError):
    """The host resolves to a private, loopback, link-local, multicast or reserved address."""


class FetchTimeout(FetchError):
    """The server did not answer, or did not finish answering, in time."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _Retryable(Exception):
    """Internal: a response or failure worth retrying, with an optional server-given wait."""

    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


class Fetcher:
    """Fetch pages with the policies in the module docstring; use as a context manager."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        timeout = httpx.Timeout(self.options.timeout)
        # trust_env=False: no proxies from the environment, so the address checks below
        # are about the host actually contacted.
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=timeout,
            headers={"User-Agent": self.options.user_agent},
            trust_env=False,
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last_request: dict[str, float] = {}
        self._checked_hosts: dict[tuple[str, int], None] = {}

    # -- public API -------------------------------------------------------------------------

    def get(self, url: str) -> FetchResult:
        """Fetch ``url`` (or serve it from the cache); raise ``FetchError`` with the reason."""
        return self._get(url, _PAGE)

    def get_image(self, url: str) -> FetchResult:
        """Fetch an image, under the same rules as a page (robots.txt, addresses, size cap,
        cache); a response that is not labelled as an image is refused."""
        return self._get(url, _IMAGE)

    def _get(self, url: str, wanted: _Wanted) -> FetchResult:
        start = _parse_url(url)
        key = str(start.copy_with(fragment=None))
        cached = self._cache_load(key)
        if cached is not None:
            try:
                _check_content_type(start, cached.headers.get("content-type"), wanted)
            except BadContentType:
                cached = None  # stored as the other kind of resource: fetched anew
        if cached is not None and not _has_validators(cached.headers):
            return cached
        try:
            result = self._fetch(key, cached, wanted)
        except (RobotsDisallowed, BlockedAddress, TooLarge, BadContentType):
            raise
        except HTTPStatusError as error:
            if cached is not None and error.status not in (404, 410):
                return cached  # the server failed: the stored copy is still good
            raise  # gone: a real answer, which a stored copy must not hide
        except FetchError:
            if cached is not None:
                return cached  # revalidation failed: the stored copy is still good
            raise
        if not result.from_cache and result.status == 200:
            self._cache_store(key, result)
        return result

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- fetching ---------------------------------------------------------------------------

    def _fetch(self, url: str, cached: FetchResult | None, wanted: _Wanted) -> FetchResult:
        current = httpx.URL(url)
        for _hop in range(self.options.max_redirects + 1):
            self._check_url(current)
            conditional = cached if cached is not None and str(current) == url else None
            response_meta, body = self._request_with_retries(current, conditional, wanted)
            status, headers = response_meta
            if status in (301, 302, 303, 307, 308):
                location = headers.get("location")
                if not location:
                    raise HTTPStatusError(f"{current}: redirect {status} without Location", status)
                current = _parse_url(str(current.join(location)))
                continue
            if status == 304:
                if conditional is None:
                    raise HTTPStatusError(f"{current}: unexpected 304 Not Modified", status)
                return FetchResult(
                    url=url,
                    final_url=conditional.final_url,
                    status=conditional.status,
                    headers=conditional.headers,
                    content=conditional.content,
                    from_cache=True,
                )
            return FetchResult(
                url=url,
                final_url=str(current),
                status=status,
                headers=headers,
                content=body,
                from_cache=False,
            )
        raise TooManyRedirects(
            f"{url}: more than {self.options.max_redirects} redirects (last: {current})"
        )

    def _check_url(self, url: httpx.URL) -> None:
        """Refuse a hop whose host is off-limits or whose path robots.txt disallows."""
        if not self.options.allow_private:
            self._check_address(url)
        if self.options.respect_robots and not self._robots_allows(url):
            raise RobotsDisallowed(f"{url}: disallowed by {_origin(url)}/robots.txt")

    def _check_address(self, url: httpx.URL) -> None:
        # The name as httpx will look it up (IDNA 2008 "xn--" form): ``url.host`` shows
        # it decoded, and Python's resolver encodes that by IDNA 2003, where "ß" is "ss":
        # another name, which may resolve elsewhere than the one contacted.
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        if (host, port) in self._checked_hosts:
            return
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(f"{url}: cannot resolve host {host!r} ({error})") from None
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            reason = _blocked_reason(address)
            if reason:
                raise BlockedAddress(
                    f"{url}: host {host} resolves to {reason} address {address}; "
                    "refusing (set allow_private to fetch from local networks)"
                )
        self._checked_hosts[(host, port)] = None

    def _request_with_retries(
        self, url: httpx.URL, conditional: FetchResult | None, wanted: _Wanted
    ) -> tuple[tuple[int, dict[str, str]], bytes]:
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            try:
                return self._request_once(url, conditional, wanted)
            except _Retryable as retry:
                if attempt + 1 >= attempts:
                    raise retry.error from None
                wait = self.options.backoff * (2**attempt)
                if retry.wait is not None:
                    wait = max(wait, retry.wait)
                time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _request_once(
        self, url: httpx.URL, conditional: FetchResult | None, wanted: _Wanted
    ) -> tuple[tuple[int, dict[str, str]], bytes]:
        self._wait_for_host(url)
        headers = {"Accept": wanted.accept}
        if conditional is not None:
            if etag := conditional.headers.get("etag"):
                headers["If-None-Match"] = etag
            if modified := conditional.headers.get("last-modified"):
                headers["If-Modified-Since"] = modified
        deadline = time.monotonic() + self.options.timeout
        try:
            with contextlib.closing(self._send_within(url, deadline, headers)) as response:
                status = response.status_code
                got = {k.lower(): v for k, v in response.headers.items()}
                if status == 429 or status >= 500:
                    wait = _retry_after(got.get("retry-after"))
                    error = HTTPStatusError(
                        f"{url}: server answered {status} {response.reason_phrase}".rstrip(),
                        status,
                    )
                    if wait is not None and wait > MAX_RETRY_AFTER:
                        raise HTTPStatusError(
                            f"{error} and asks to retry after {wait:.0f} s; try again later",
                            status,
                        )
                    raise _Retryable(error, wait)
                if status in (301, 302, 303, 307, 308, 304):
                    return (status, got), b""
                if status >= 400:
                    raise HTTPStatusError(
                        f"{url}: server answered {status} {response.reason_phrase}".rstrip(),
                        status,
                    )
                _check_content_type(url, got.get("content-type"), wanted)
                return (status, got), self._read_body(url, response, deadline)
        except httpx.ConnectTimeout:
            raise _Retryable(FetchTimeout(f"{url}: timed out connecting to {url.host}")) from None
        except httpx.RemoteProtocolError as error:
            if "location" in str(error).lower():  # a redirect to no address: asking again
                raise FetchError(f"{url}: bad redirect ({error})") from None  # gives the same
            raise _Retryable(FetchError(f"{url}: connection failed ({error})")) from None
        except httpx.TimeoutException:
            raise FetchTimeout(
                f"{url}: no answer within {self.options.timeout:g} s (server too slow)"
            ) from None
        except (httpx.ConnectError, httpx.ReadError) as error:
            raise _Retryable(FetchError(f"{url}: connection failed ({error})")) from None
        except httpx.HTTPError as error:
            raise FetchError(f"{url}: request failed ({error})") from None

    def _send_within(
        self, url: httpx.URL, deadline: float, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """Send a GET and read the answer's status and headers by ``deadline``.

        httpx's timeouts are per read: a server that sends its headers a line a second
        is never cut off by them (a 3 s ``--timeout`` waited 65 s). The request runs in
        a thread of its own; past the deadline it is left to finish there, and whatever
        it gets is closed."""
        request = self._client.build_request("GET", url, headers=headers)
        got: dict[str, Any] = {}
        done, abandoned = threading.Event(), threading.Event()

        def send() -> None:
            try:
                got["response"] = self._client.send(request, stream=True)
            except BaseException as error:  # handed to the caller below
                got["error"] = error
            finally:
                done.set()
                if abandoned.is_set() and "response" in got:
                    got["response"].close()

        threading.Thread(target=send, name="regkb-fetch", daemon=True).start()
        if not done.wait(max(0.0, deadline - time.monotonic())):
            abandoned.set()
            if done.is_set() and "response" in got:  # it finished as it was abandoned
                got["response"].close()
            raise httpx.ReadTimeout("no complete answer in time", request=request)
        if "error" in got:
            raise got["error"]
        return got["response"]

    def _read_body(self, url: httpx.URL, response: httpx.Response, deadline: float) -> bytes:
        """Stream the (decompressed) body, stopping at the size cap or the deadline."""
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLarge(f"{url}: body is {int(declared)} bytes, over the {limit}-byte limit")
        chunks: list[bytes] = []
        size = 0
        # No chunk_size: httpx would buffer up to it, hiding a slow drip from the deadline.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise TooLarge(f"{url}: body exceeds the {limit}-byte limit")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchTimeout(
                    f"{url}: download took longer than {self.options.timeout:g} s; giving up"
                )
        return b"".join(chunks)

    def _wait_for_host(self, url: httpx.URL) -> None:
        """Sleep so that requests to one host are at least the host's delay apart."""
        origin = _origin(url)
        delay = self.options.per_host_delay
        robots = self._robots.get(origin)
        if robots is not None:
            crawl_delay = robots.crawl_delay(self._robots_agent)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
        last = self._last_request.get(origin)
        if last is not None:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        self._last_request[origin] = time.monotonic()

    # -- robots.txt -------------------------------------------------------------------------

    @property
    def _robots_agent(self) -> str:
        return self.options.user_agent.split("/", 1)[0].strip() or "*"

    def _robots_allows(self, url: httpx.URL) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(url.copy_with(path="/robots.txt", query=None))
        parser = self._robots[origin]
        if parser is None:
            raise RobotsDisallowed(
                f"{url}: {origin}/robots.txt is unreachable, so the host is treated as off-limits"
            )
        return parser.can_fetch(self._robots_agent, str(url))

    def _load_robots(self, robots_url: httpx.URL) -> urllib.robotparser.RobotFileParser | None:
        """Parse a host's robots.txt; None if unreachable (5xx or no connection)."""
        parser = urllib.robotparser.RobotFileParser(str(robots_url))
        current = robots_url
        for _hop in range(self.options.max_redirects + 1):
            if not self.options.allow_private:
                self._check_address(current)
            self._wait_for_host(current)
            try:
                deadline = time.monotonic() + self.options.timeout
                with contextlib.closing(self._send_within(current, deadline)) as response:
                    status = response.status_code
                    location = response.headers.get("location")
                    body = _read_capped(response, ROBOTS_MAX_BYTES, self.options.timeout)
                    text = body.decode("utf-8", "replace")
            except httpx.HTTPError:
                return None
            if status in (301, 302, 303, 307, 308) and location:
                current = current.join(location)
                continue
            if status >= 500:
                return None
            # 4xx means there is no robots.txt: everything is allowed.
            parser.parse(text.splitlines() if status < 400 else [])
            return parser
        parser.parse([])
        return parser

    # -- cache ------------------------------------------------------------------------------

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.options.cache_dir is None:
            return None
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        base = Path(self.options.cache_dir) / digest[:2] / digest
        return base.with_suffix(".json"), base.with_suffix(".body")

    def _cache_load(self, url: str) -> FetchResult | None:
        paths = self._cache_paths(url)
        if paths is None or not paths[0].is_file():
            return None
        meta_path, body_path = paths
        try:
            meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
            content = body_path.read_bytes()
            if meta.get("url") != url or len(content) != meta.get("size"):
                return None  # hash collision or a half-written entry: refetch
            return FetchResult(
                url=url,
                final_url=str(meta["final_url"]),
                status=int(meta["status"]),
                headers={str(k): str(v) for k, v in dict(meta["headers"]).items()},
                content=content,
                from_cache=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is a cache miss, never a crash

    def _cache_store(self, url: str, result: FetchResult) -> None:
        paths = self._cache_paths(url)
        if paths is None:
            return
        meta_path, body_path = paths
        meta = {
            "url": url,
            "final_url": result.final_url,
            "status": result.status,
            "headers": result.headers,
            "size": len(result.content),
            "fetched_at": email.utils.formatdate(usegmt=True),
        }
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            # Body first, metadata last: a reader never sees metadata for a missing body.
            _atomic_write(body_path, result.content)
            _atomic_write(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # an unwritable cache slows re-runs down but must not fail this one


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_capped(response: httpx.Response, limit: int, seconds: float) -> bytes:
    """Up to ``limit`` bytes of a streamed body within ``seconds``; the rest is not read."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("body took too long", request=response.request)
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise FetchError(f"{url!r}: not a valid URL ({error})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parsed.host:
        raise FetchError(f"{url}: URL has no host")
    return parsed


def _origin(url: httpx.URL) -> str:
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


def _blocked_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-global", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _check_content_type(url: httpx.URL, content_type: str | None, wanted: _Wanted = _PAGE) -> None:
    if content_type is None:
        return  # unlabelled: decode_html (or the image check) refuses it later
    media = _media_type(content_type)
    if media and media not in wanted.types:
        raise BadContentType(f"{url}: content is {media}, not {wanted.what}")


def _has_validators(headers: dict[str, str]) -> bool:
    return bool(headers.get("etag") or headers.get("last-modified"))


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
