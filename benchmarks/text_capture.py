"""Measure the plain-text capture extractor on real page layouts.

The project has one real plain-text capture (``../shared/corpus``). To see how the
extractor does on other sites, this makes a capture of each of the 130 readability test
pages the way an editor makes one: the page opened in a browser (Debian's Chromium, scripts
off, nothing fetched from the network) and its whole text copied, which is what
``document.body.innerText`` gives. Each capture goes through ``extract_text`` and its first
document (the page's main article) is scored against the page's ``expected.html``:

* **P / R / F1**: token precision, recall and F1 of the main document's text (as in
  ``extraction.py``);
* **R all**: recall over all the documents the capture gave (text kept, wherever it went);
* **more documents**: documents beyond the first (other articles of the page; mostly page
  chrome taken for one when this number is high);
* **title**: share of pages whose main document's title equals the expected title
  (Readability.js's, often the ``<title>`` with its site suffix, which a capture does not
  hold: a low number even for right titles);
* **headline**: share whose title is the page's headline as a reader sees it: the expected
  title, that title without a site name after a separator ("... | eHow"), or the text of
  one of the page's ``<h1>`` (see ``headlines``);
* **errors**: captures refused with an ``ExtractError`` (an empty capture is one);
  **crashes**: any other exception.

Usage: ``python benchmarks/text_capture.py [--limit N] [--only NAME] [--worst N]``
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
import traceback
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.chromium import launched, missing  # noqa: E402
from benchmarks.extraction import DATASET, same_text, token_scores, visible_text  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route


def captures(folders: list[Path], browser: Browser | None = None) -> dict[str, str]:
    """Each page's text as a browser shows it (``innerText`` of the body), in ``browser``
    or in a Chromium launched for the purpose."""
    if browser is None:
        with launched() as started:
            return captures(folders, started)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )

    # Only the page itself: no stylesheet, image or font from the network. The dataset's
    # pages are stored as UTF-8 whatever their <meta charset> says (qq's says gb2312): the
    # page is served with that charset in its header, as a server would send it.
    def only_the_page(route: Route) -> None:
        url = route.request.url
        if not url.endswith("/source.html"):
            route.abort()
            return
        body = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path)).read_bytes()
        route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

    context.route("**/*", only_the_page)
    out: dict[str, str] = {}
    try:
        page = context.new_page()
        for folder in folders:
            page.goto((folder / "source.html").as_uri(), wait_until="domcontentloaded")
            out[folder.name] = page.evaluate("() => document.body ? document.body.innerText : ''")
    finally:
        context.close()
    return out


@dataclass
class Row:
    """One page's scores."""

    name: str
    p: float
    r: float
    f1: float
    r_all: float
    title: bool | None  # None: the page has no expected title
    note: str
    headline: bool | None = None  # None: the page has neither an expected title nor an h1
    documents: int = 0


def measure(folders: list[Path], texts: dict[str, str]) -> tuple[list[Row], float]:
    """Each page's capture through ``extract_text``, scored; and the seconds it took."""
    from scraper.extract import ExtractError
    from scraper.extract.text import extract_text

    rows: list[Row] = []
    seconds = 0.0
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        for folder in folders:
            expected = visible_text((folder / "expected.html").read_text(encoding="utf-8"))
            meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
            started = time.perf_counter()
            try:
                docs = extract_text(texts[folder.name])
                note = ""
            except ExtractError as exc:
                docs, note = [], f"refused: {exc}"
            except Exception:
                docs, note = [], "CRASH " + traceback.format_exc().splitlines()[-1]
            seconds += time.perf_counter() - started
            p, r, f = token_scores(rendered(docs[0].body) if docs else "", expected)
            _, r_all, _ = token_scores(" ".join(rendered(d.body) for d in docs), expected)
            title = None
            if meta.get("title"):
                title = bool(docs) and same_text(docs[0].title, meta["title"])
            names = headlines(folder, meta.get("title"))
            headline = None
            if names:
                headline = bool(docs) and any(same_text(docs[0].title, n) for n in names)
            if docs and not note:
                note = f"{len(docs)} documents, title {docs[0].title[:60]!r}"
            rows.append(Row(folder.name, p, r, f, r_all, title, note, headline, len(docs)))
    finally:
        logging.disable(previous)
    return rows, seconds


_SITE_SEPARATOR_RE = re.compile(r"\s+[|\-–—·:]{1,2}\s+")


def headlines(folder: Path, title: str | None) -> list[str]:
    """What a reader would call the page's headline: the expected title, its part before a
    site-name separator, and each ``<h1>`` of the page."""
    import lxml.html

    names = []
    if title:
        names += [title, _SITE_SEPARATOR_RE.split(title)[0]]
    tree = lxml.html.fromstring((folder / "source.html").read_bytes())
    names += [h.text_content() for h in tree.iter("h1")]
    return [n for n in names if n.strip()]


def rendered(body: str) -> str:
    return visible_text(markdown.markdown(body, extensions=["tables"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--only", default=None, help="only the page folder with this name")
    parser.add_argument("--worst", type=int, default=0, help="also list the N lowest F1 pages")
    args = parser.parse_args(argv)

    if not DATASET.is_dir():
        print(f"dataset not found at {DATASET.resolve()}", file=sys.stderr)
        return 2
    if (why := missing()) is not None:
        print(why, file=sys.stderr)
        return 2
    folders = sorted(p for p in DATASET.iterdir() if (p / "source.html").is_file())
    if args.only:
        folders = [p for p in folders if p.name == args.only]
    folders = folders[: args.limit] if args.limit is not None else folders
    if not folders:
        print("no pages selected", file=sys.stderr)
        return 2

    start = time.perf_counter()
    texts = captures(folders)
    print(f"{len(texts)} captures made in Chromium in {time.perf_counter() - start:.1f} s\n")
    rows, seconds = measure(folders, texts)
    errors = sum(1 for row in rows if row.note.startswith("refused"))
    crashes = sum(1 for row in rows if row.note.startswith("CRASH"))
    titled = [row.title for row in rows if row.title is not None]
    headed = [row.headline for row in rows if row.headline is not None]
    print(
        "| pages | P | R | F1 | R all | title | headline | more documents | errors | crashes "
        "| pages/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {len(rows)} | {statistics.mean(r.p for r in rows):.3f} "
        f"| {statistics.mean(r.r for r in rows):.3f} | {statistics.mean(r.f1 for r in rows):.3f} "
        f"| {statistics.mean(r.r_all for r in rows):.3f} "
        f"| {sum(titled)}/{len(titled)} | {sum(headed)}/{len(headed)} "
        f"| {sum(max(0, r.documents - 1) for r in rows)} "
        f"| {errors} | {crashes} | {len(rows) / seconds:.0f} |"
    )
    if args.worst:
        print(f"\nlowest F1 ({args.worst}):")
        for row in sorted(rows, key=lambda row: row.f1)[: args.worst]:
            print(
                f"  {row.name:32} F1 {row.f1:.2f} P {row.p:.2f} R {row.r:.2f} "
                f"R all {row.r_all:.2f}  {row.note}"
            )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
