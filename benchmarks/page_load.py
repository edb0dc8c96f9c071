"""How long a reader's browser takes to open the heaviest pages of a built site.

A build can be fast and still write pages a reader waits for: a list of every event or
every document of a large site is megabytes of HTML, and Material's scripts start only when
the browser has parsed and laid it out (DOMContentLoaded). This serves a built ``site/`` on
127.0.0.1 and opens pages in Chromium (headless, Debian's ``/usr/bin/chromium``), each
several times in a fresh tab, and prints per page: its size, its number of elements, the
median time to first contentful paint (FCP) and to the end of DOMContentLoaded (DCL), from
the start of the navigation, and everything the first visit downloads until the network is
idle (stylesheets, scripts, and Material's whole search index, which its search worker
fetches on every first visit; the local server does not compress, a static host's gzip
would send about a tenth of it).

Pages measured: those given with ``--page`` (site paths such as ``timeline/``), or else the
``--largest`` largest HTML files of the site plus its home page and ``timeline/`` if present.
Nothing is throttled: the numbers are a fast machine's on loopback, for comparing layouts,
not a phone's on a mobile network.

Usage (build a large site first, e.g. with ``benchmarks/build.py --keep /tmp/bench``):

    .venv/bin/python benchmarks/page_load.py /tmp/bench/n5000-t200/site-regkb
    .venv/bin/python benchmarks/page_load.py site --page timeline/ --page glossary/ --runs 5
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.chromium import launched, missing  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request


_METRICS = """() => new Promise(resolve => {
  // The first paint can come after the load event: wait for it (2 s at most).
  const report = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({dcl: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : null,
             elements: document.getElementsByTagName('*').length});
  };
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (painted()) return report();
  new PerformanceObserver(() => painted() && report()).observe({type: 'paint', buffered: true});
  setTimeout(report, 2000);
})"""


@dataclass
class PageLoad:
    """The medians of several loads of one page."""

    path: str
    size: int
    elements: int
    fcp_ms: float | None
    dcl_ms: float
    downloaded: int  # bytes of every response of the first load, until the network is idle


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` over HTTP on a free loopback port, as a static host would serve it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def handle(self) -> None:
            # A tab closed mid-download resets the connection: not an error here.
            with suppress(ConnectionError):
                super().handle()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def page_file(site: Path, path: str) -> Path:
    """The file a site path is served from (``timeline/`` -> ``timeline/index.html``)."""
    target = site / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def pages_to_measure(site: Path, largest: int) -> list[str]:
    """The home page, ``timeline/`` if the site has one, and the ``largest`` largest pages."""
    files = sorted(site.rglob("*.html"), key=lambda f: f.stat().st_size, reverse=True)
    chosen = ["", "timeline/"] if (site / "timeline/index.html").is_file() else [""]
    for file in files[:largest]:
        rel = file.relative_to(site).as_posix()
        path = rel.removesuffix("index.html")
        if path not in chosen:
            chosen.append(path)
    return chosen


def _record_size(sizes: list[int], request: Request) -> None:
    sizes.append(request.sizes()["responseBodySize"])


def measure(
    site: Path, paths: list[str], runs: int, width: int, browser: Browser | None = None
) -> list[PageLoad]:
    """Load each page ``runs`` times, each in a fresh tab of ``browser`` (or of a Chromium
    launched for the purpose)."""
    if browser is None:
        with launched() as started:
            return measure(site, paths, runs, width, started)
    results = []
    with serve(site) as base:
        for path in paths:
            loads = []
            downloaded = 0
            for run in range(runs):
                tab = browser.new_page(viewport={"width": width, "height": 900})
                sizes: list[int] = []
                tab.on("requestfinished", functools.partial(_record_size, sizes))
                try:
                    tab.goto(base + path, wait_until="networkidle" if run == 0 else "load")
                    loads.append(tab.evaluate(_METRICS))
                    if run == 0:
                        downloaded = sum(sizes)
                finally:
                    tab.close()
            fcps = [m["fcp"] for m in loads if m["fcp"] is not None]
            results.append(
                PageLoad(
                    path=path or "(home)",
                    size=page_file(site, path).stat().st_size,
                    elements=loads[-1]["elements"],
                    fcp_ms=statistics.median(fcps) if fcps else None,
                    dcl_ms=statistics.median(m["dcl"] for m in loads),
                    downloaded=downloaded,
                )
            )
            print(f"  {path or '(home)'}: done", file=sys.stderr, flush=True)
    return results


def table(results: list[PageLoad]) -> str:
    rows = [
        "| page | HTML (kB) | elements | FCP, median (ms) | DOMContentLoaded, median (ms) "
        "| first visit downloads (kB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        fcp = f"{r.fcp_ms:.0f}" if r.fcp_ms is not None else "—"
        rows.append(
            f"| `{r.path}` | {r.size / 1000:,.0f} | {r.elements:,} | {fcp} | {r.dcl_ms:,.0f} "
            f"| {r.downloaded / 1000:,.0f} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("site", type=Path, help="a built site folder (mkdocs build's site/)")
    parser.add_argument("--page", action="append", default=[], help="site path, repeatable")
    parser.add_argument("--largest", type=int, default=5, help="largest pages to add")
    parser.add_argument("--runs", type=int, default=3, help="loads per page")
    parser.add_argument("--width", type=int, default=1280, help="viewport width (390: phone)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html: not a built site", file=sys.stderr)
        return 2
    paths = args.page or pages_to_measure(args.site, args.largest)
    absent = [p for p in paths if not page_file(args.site, p).is_file()]
    if absent:
        print(f"{args.site}: no such page: {', '.join(absent)}", file=sys.stderr)
        return 2
    if (why := missing()) is not None:
        print(why, file=sys.stderr)
        return 2
    print(table(measure(args.site, paths, args.runs, args.width)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
