"""Measure main-text and metadata extraction on Mozilla's readability test pages.

Compares, in one run and on the same pages, regkb's ``extract_html`` with plain
``trafilatura.extract`` and readability-lxml's ``Document(html).summary()``, and prints a
Markdown table:

* **P / R / F1**: mean token precision, recall and F1 of the extracted main text against
  ``expected.html`` (see ``token_scores``).
* **title / byline / date**: share of pages whose extracted value equals
  ``expected-metadata.json`` exactly after whitespace normalization (dates compared at day
  precision; bylines by the name they give, without a "By" label or the lines after the
  name, see ``byline_name``), over the pages where the expected value is not null.
  ``n/a`` marks a tool that produces no such output (readability-lxml gives a title only).
* **pictures**: the share of the pictures in ``expected.html`` that the tool's output shows
  (a picture counts as shown when the output names any address the expected one does, in
  ``src`` or ``srcset``), and how many pictures it shows that the expected article does not.
  ``n/a`` for a tool whose output is text.
* **pages/s**: pages processed per second by that tool (extraction only, files pre-read).
  Only the tool's own call is timed; turning its output into plain text for scoring
  (rendering regkb's Markdown, stripping readability's HTML) happens outside the timer.

Usage: ``python benchmarks/extraction.py [--limit N] [--only NAME]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import lxml.html
import markdown

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATASET = REPO / ".." / "shared" / "datasets" / "readability-test-pages"
# The pages were saved from this address; relative links resolve against it.
PAGE_URL = "http://fakehost/test/page.html"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class Output:
    """What one tool produced for one page; None means the tool has no such output."""

    text: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    #: Addresses of the pictures the output shows; None for a tool whose output is text.
    pictures: list[str] | None = None


@dataclass
class Tally:
    """Accumulated scores of one tool."""

    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)
    has_output: set[str] = field(default_factory=set)
    seconds: float = 0.0
    pages: int = 0
    failures: int = 0
    pictures_expected: int = 0
    pictures_kept: int = 0
    pictures_extra: int = 0


def visible_text(html: str) -> str:
    """Text a reader would see in an HTML fragment (scripts and styles excluded)."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return " ".join(root.itertext())


def picture_addresses(html: str) -> list[set[str]]:
    """For each ``<img>`` of an HTML fragment, every address it names (``src``, ``data-src``
    and the candidates of ``srcset``/``data-srcset``), absolute and unquoted; ``data:``
    placeholders left out, and pictures naming nothing else skipped."""
    from scraper.extract.html_markdown import srcset_candidates  # the scraper's own parsing

    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return []
    found = []
    for img in root.iter("img"):
        names = [img.get("src") or "", img.get("data-src") or ""]
        for attribute in ("srcset", "data-srcset"):
            names += [url for url, _ in srcset_candidates(img.get(attribute) or "")]
        addresses = {
            unquote(urljoin(PAGE_URL, name.strip()))
            for name in names
            if name.strip() and not name.strip().startswith("data:")
        }
        if addresses:
            found.append(addresses)
    return found


def picture_scores(shown: list[str], expected: list[set[str]]) -> tuple[int, int]:
    """(expected pictures shown, pictures shown that the expected article does not have)."""
    shown_set = {unquote(urljoin(PAGE_URL, url)) for url in shown}
    kept = sum(1 for names in expected if names & shown_set)
    wanted = set().union(*expected) if expected else set()
    return kept, sum(1 for url in shown_set if url not in wanted)


def tokens(text: str) -> Counter[str]:
    """Lower-cased word tokens (Unicode ``\\w+`` runs) as a multiset."""
    return Counter(t.lower() for t in _TOKEN.findall(text))


def token_scores(predicted: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted vs expected text, as bags of words.

    Both texts are split into lower-cased word tokens and compared as multisets: the
    overlap counts each word as often as it occurs in *both* (``min`` of the two counts).
    Precision = overlap / predicted tokens (how much of the output is article text),
    recall = overlap / expected tokens (how much of the article was kept). Word order is
    ignored, so the scores measure what text was kept, not how it was formatted.
    """
    got, want = tokens(predicted), tokens(expected)
    overlap = sum((got & want).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    if n_got == 0 and n_want == 0:
        return 1.0, 1.0, 1.0
    precision = overlap / n_got if n_got else 0.0
    recall = overlap / n_want if n_want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def same_text(a: str | None, b: str | None) -> bool:
    norm = lambda s: re.sub(r"\s+", " ", s or "").strip()  # noqa: E731
    return bool(norm(a)) and norm(a) == norm(b)


_BYLINE_LABEL_RE = re.compile(
    r"^(?:(?:written|posted|reported)\s+)?(?:by|par|von|por|door|di)\b\s*:?\s*", re.I
)


def byline_name(byline: str | None) -> str:
    """The name a byline gives: its first non-empty line without a "By" label (the expected
    bylines are the byline element's whole text, "By\\n Scott Cunningham\\n March 25, 2015";
    an extractor's author field holds the name)."""
    lines = [" ".join(line.split()) for line in (byline or "").splitlines() if line.strip()]
    if not lines:
        return ""
    first = _BYLINE_LABEL_RE.sub("", lines[0])
    return first or (lines[1] if len(lines) > 1 else "")


def same_byline(a: str | None, b: str | None) -> bool:
    return bool(byline_name(a)) and byline_name(a) == byline_name(b)


def same_day(a: str | None, b: str | None) -> bool:
    day = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
    ma, mb = day.search(a or ""), day.search(b or "")
    return bool(ma and mb) and ma.groups() == mb.groups()


# -- the tools ----------------------------------------------------------------------------------


# Each tool is a pair: the timed call, and the untimed conversion of what it returned into an
# ``Output`` (plain text for the token scores, plus metadata).


def run_regkb(html: bytes) -> Any:
    from scraper.extract import ExtractError
    from scraper.extract.html import extract_html

    try:
        return extract_html(html, url=PAGE_URL)
    except ExtractError:
        return None


def score_regkb(doc: Any) -> Output:
    if doc is None:
        return Output(text="", title="", byline="", date="")
    rendered = markdown.markdown(doc.body, extensions=["tables", "fenced_code"])
    return Output(
        text=visible_text(rendered),
        title=doc.title,
        byline=doc.author or "",
        date=doc.date or "",
        pictures=[min(names) for names in picture_addresses(rendered)],
    )


def run_trafilatura(html: bytes) -> Any:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    text = trafilatura.extract(html, url=PAGE_URL) or ""
    meta = extract_metadata(html.decode("utf-8", errors="replace"), default_url=PAGE_URL)
    return text, meta


def score_trafilatura(result: Any) -> Output:
    text, meta = result
    return Output(
        text=text,
        title=(meta.title if meta else None) or "",
        byline=(meta.author if meta else None) or "",
        date=(meta.date if meta else None) or "",
    )


def run_readability(html: bytes) -> Any:
    from readability import Document

    doc = Document(html.decode("utf-8", errors="replace"))
    return doc.summary(), doc.short_title() or ""


def score_readability(result: Any) -> Output:
    summary, title = result
    return Output(
        text=visible_text(summary),
        title=title,
        byline=None,
        pictures=[min(names) for names in picture_addresses(summary)],
    )


TOOLS: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], Output]]] = {
    "regkb extract_html": (run_regkb, score_regkb),
    "trafilatura.extract": (run_trafilatura, score_trafilatura),
    "readability-lxml": (run_readability, score_readability),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--only", default=None, help="only the page folder with this name")
    parser.add_argument("--per-page", action="store_true", help="also print each page's F1")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="also print each title and byline of regkb's that differs from the expected one "
        "(the expected values are Readability.js's: a miss may be a site suffix or a 'By')",
    )
    args = parser.parse_args(argv)

    if not DATASET.is_dir():
        print(f"dataset not found at {DATASET.resolve()}", file=sys.stderr)
        return 2
    folders = sorted(p for p in DATASET.iterdir() if (p / "source.html").is_file())
    if args.only:
        folders = [p for p in folders if p.name == args.only]
    if args.limit is not None:
        folders = folders[: args.limit]
    if not folders:
        print("no pages selected", file=sys.stderr)
        return 2

    import logging

    logging.disable(logging.CRITICAL)
    tallies = {name: Tally() for name in TOOLS}
    # One untimed run of every tool first: imports and one-time set-up (trafilatura's
    # stoplists, compiled patterns...) are not a per-page cost, and regkb, which calls
    # trafilatura, would otherwise pay for them on behalf of the trafilatura column.
    for tool, _ in TOOLS.values():
        with contextlib.suppress(Exception):
            tool((folders[0] / "source.html").read_bytes())
    names = list(TOOLS)
    for index, folder in enumerate(folders):
        source = (folder / "source.html").read_bytes()
        expected_html = (folder / "expected.html").read_text(encoding="utf-8")
        expected_text = visible_text(expected_html)
        expected_pictures = picture_addresses(expected_html)
        expected = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        f1: dict[str, float] = {}
        # Rotate which tool sees the page first: the tools share libraries, and a second pass
        # over the same page through them finds their caches warm.
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            tool, to_output = TOOLS[name]
            tally = tallies[name]
            failed = False
            start = time.perf_counter()
            try:
                result = tool(source)
            except Exception:
                failed = True
            tally.seconds += time.perf_counter() - start
            if failed:
                tally.failures += 1
                out = Output(text="", title="", byline="", date="")
            else:
                out = to_output(result)
            tally.pages += 1
            p, r, f = token_scores(out.text, expected_text)
            tally.precision.append(p)
            tally.recall.append(r)
            tally.f1.append(f)
            f1[name] = f
            if out.pictures is not None:
                kept, extra = picture_scores(out.pictures, expected_pictures)
                tally.pictures_expected += len(expected_pictures)
                tally.pictures_kept += kept
                tally.pictures_extra += extra
            for key, got, want, same in (
                ("title", out.title, expected.get("title"), same_text),
                ("byline", out.byline, expected.get("byline"), same_byline),
                ("date", out.date, expected.get("publishedTime"), same_day),
            ):
                if got is not None:
                    tally.has_output.add(key)
                if want:
                    tally.totals[key] += 1
                    hit = got is not None and same(got, want)
                    tally.hits[key] += int(hit)
                    if args.misses and name == names[0] and not hit:
                        print(f"{folder.name}: {key} {got!r}, expected {want!r}")
        if args.per_page:
            print(folder.name, " ".join(f"{f1[name]:.2f}" for name in names))

    def share(tally: Tally, key: str) -> str:
        if key not in tally.has_output:
            return "n/a"
        if not tally.totals[key]:
            return "-"
        return f"{tally.hits[key] / tally.totals[key]:.0%} ({tally.hits[key]}/{tally.totals[key]})"

    def pictures(tally: Tally) -> str:
        if not tally.pictures_expected:
            return "n/a"
        kept = tally.pictures_kept / tally.pictures_expected
        return (
            f"{kept:.0%} ({tally.pictures_kept}/{tally.pictures_expected}), "
            f"{tally.pictures_extra} more"
        )

    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    print(f"\n{len(folders)} pages from {DATASET.resolve()}\n")
    print(
        "| tool | precision | recall | F1 | title | byline | date | pictures | pages/s | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, tally in tallies.items():
        speed = tally.pages / tally.seconds if tally.seconds else 0.0
        print(
            f"| {name} | {mean(tally.precision):.3f} | {mean(tally.recall):.3f} "
            f"| {mean(tally.f1):.3f} | {share(tally, 'title')} | {share(tally, 'byline')} "
            f"| {share(tally, 'date')} | {pictures(tally)} | {speed:.1f} | {tally.failures} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
