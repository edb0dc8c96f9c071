"""Does any stage slow down more than linearly on hostile text? Times each stage on a run of
one short chunk repeated (capital letters, brackets, unclosed links, headings...), at a size
and at twice that size, and prints the ratio: about 2 is linear, about 4 means something
reads the run again from each of its characters, and a 10,000-character page can then
stall a build for minutes.

Stages:

- ``capture``: the scraper on a plain-text capture holding the run (extract, then plan the
  page as ``regkb scrape`` does: path, links between documents, front matter, safe
  Markdown; nothing is written);
- ``html``: the scraper on a saved HTML page holding the run as text;
- ``markup``: the same, with the run as HTML (a run of ``<li>``, ``<br>``, links...);
- ``excerpt``: the excerpt listings and the feed show of a document without a summary,
  with the run in its first paragraph (``plugins.documents.excerpt``);
- ``build``: ``mkdocs build`` of a small site (Material, the project's plugins, two glossary
  terms) whose one document has the run in its Markdown; the time of the same site with a
  one-word run is taken off.

    .venv/bin/python benchmarks/pathological.py                    # all stages, 20,000 chars
    .venv/bin/python benchmarks/pathological.py --stages capture,html --size 100000

Each measurement stops after ``--limit`` seconds and is printed as "> limit". Cases marked
"known" are slow in a library the build uses, not in this project (the note says which);
the scraper escapes these characters, so only an editor's own Markdown can hold them.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from scraper.document import Document

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

#: name -> the chunk that is repeated.
CASES: dict[str, str] = {
    "capitals": "A",
    "lower case": "a",
    "digits": "1",
    "Chinese": "中",
    "words": "Word ",
    "bracket": "[",
    "capital and bracket": "A [",
    "unclosed link": "[a](",
    "unclosed image": "![a](",
    "number": "Yinfa [2021] No. 237 ",
    "Chinese number": "银发〔2021〕",
    "quote": "“Law ",
    "book title": "《法",
    "parenthesis": "(",
    "backtick": "`",
    "asterisks": "**a",
    "underscore": "_",
    "less-than": "<",
    "autolink": "<http://",
    "comment": "<!--",
    "ampersand": "& ",
    "entity": "&amp;",
    "backslash": "\\",
    "footnote reference": "[^",
    "reference link": "[a][",
    "inline tag": "<a ",
    "heading lines": "# h\n",
    "headings": "## h\n\n",
    "bullet lines": "- a\n",
    "numbered lines": "1. a\n",
    "article lines": "Article 12\n",
    "first-article lines": "(1) a\n",
    "Chinese article lines": "第一条\n",
    "capital lines": "AAAA\n",
    "quote lines": ">",
    "table lines": "| a | b |\n",
    # Runs of short lines between sentences: each run makes the capture extractor look
    # ahead for the article's text (a bounded window, so this stays linear).
    "short-line runs": "Menu item\n" * 12 + "A sentence of running text " * 3 + "\n",
    # A "Related" box inside an article, again and again: each box is looked past.
    "related boxes": "Related\nTeaser Title One\nTeaser Title Two\n" + "word " * 26 + "\n",
    # Markup: the "markup" stage puts these in a page as HTML; the others read them as text.
    "line breaks": "a<br>",
    "nested inline tags": "<b><i>",
    "list items": "<li>item</li>",
    "table rows": "<tr><td>1</td><td>x|y</td></tr>",
    "links": '<a href="/x/">link</a> ',
    "images": '<img src="/i.png" alt="a">',
    "heading elements": "<h2>H</h2><p>t</p>",
    "first-article paragraphs": "<p>(1) a</p>",
    # Paragraphs written as runs between double line breaks, each with a link: every run
    # becomes a <p> before the main content is looked for (scraper.extract.line_breaks).
    "double line breaks": 'text <a href="/x/">link</a> more<br><br>',
    # Layout tables inside one another's cells: unwrapped innermost first.
    "layout cells": "<table><tr><td><p>a</p><p>b</p><p>c</p>",
    # Code set in table rows (a highlighter's line numbers beside it).
    "code tables": '<table><tr><td class="linenos"><pre>1</pre></td><td><pre>x = 1</pre>'
    "</td></tr></table>",
    # Formulas in one paragraph, each made one line of text (scraper.extract.mathml)...
    "formulas": "<math><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></math> and ",
    # ... and one formula of ever more tokens, never closed; and one nested as deep as the
    # page may go (each level's text is made once, or the work doubles per level).
    "formula tokens": "<mrow><mi>x</mi><mo>+</mo>",
    "nested formula": "<math><mrow><mi>x</mi>",
    # Tracking pixels, removed before the main content is looked for.
    "pixels": '<img src="/p.gif" width="1" height="1">a ',
    # Photos framed between paragraphs, put back by scraper.extract.figures.
    "framed pictures": "<p>A paragraph long enough to be matched by its text, here.</p><figure>"
    '<img src="/f.jpg"></figure>',
}

#: Cases slow in a library, not in this project, with where that is known.
KNOWN: dict[tuple[str, str], str] = {
    (case, "build"): "Python-Markdown reads to the matching ']' from each '[' (its issue #798)"
    for case in ("bracket", "capital and bracket", "unclosed link", "unclosed image")
} | {
    ("autolink", "build"): "the standard library's HTMLParser, in Python-Markdown and MkDocs",
    ("comment", "build"): "the standard library's HTMLParser, in Python-Markdown and MkDocs",
    ("heading lines", "build"): "Python-Markdown's tables extension re-splits the block per line",
}

PROSE = "Regulators published custody rules for stablecoin issuers this week. " * 4


class TooLong(Exception):
    """A measurement ran past the limit."""


@contextmanager
def limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TooLong

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_of(chunk: str, size: int) -> str:
    return (chunk * (size // len(chunk) + 1))[:size]


# -- stages ----------------------------------------------------------------------------------


def _pages(docs: list[Document]) -> list[str]:
    """The page texts ``regkb scrape`` would write for ``docs``: the pipeline's own planning
    step (paths, links between documents, front matter and safe Markdown), nothing written."""
    from scraper.pipeline import plan

    with tempfile.TemporaryDirectory() as out:
        return [item.text or "" for item in plan([("pathological", docs)], Path(out))]


def capture_bytes(run: str) -> bytes:
    """A plain-text capture with the run between two paragraphs of prose."""
    return f"A title for the capture\n\n{PROSE}\n\n{run}\n\n{PROSE}\n".encode()


def page_bytes(inner_html: str) -> bytes:
    """A saved article page with ``inner_html`` between two paragraphs of prose."""
    return (
        f"<html><head><title>Rules</title></head><body><article><h1>Rules</h1><p>{PROSE}</p>"
        f"{inner_html}<p>{PROSE}</p></article></body></html>"
    ).encode()


def scrape_capture(run: str) -> list[str]:
    from scraper.extract.text import extract_text

    return _pages(extract_text(capture_bytes(run), origin="capture.txt"))


def scrape_html(run: str) -> list[str]:
    from scraper.extract.html import extract_html

    text = run.replace("&", "&amp;").replace("<", "&lt;")
    return _pages([extract_html(page_bytes(f"<p>{text}</p>"))])


def scrape_markup(run: str) -> list[str]:
    """The run as HTML, not text: many elements (lists, rows, links...) in one article."""
    from scraper.extract.html import extract_html

    # List items go in one list and rows in one table, as a long list or table would be.
    wrapper = "ul" if run.startswith("<li") else "table" if run.startswith("<tr") else "div"
    return _pages([extract_html(page_bytes(f"<{wrapper}>{run}</{wrapper}>"))])


def excerpt_of(run: str) -> str | None:
    """The run as an editor's first paragraph: what listings and the feed show of it."""
    from plugins.documents.excerpt import excerpt

    return excerpt(f"A stablecoin and {run}\n")


TERM = "---\nterm: {term}\nsummary: A {term} for the benchmark.\naliases: [{alias}]\n---\n\nText.\n"


def build_site(run: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pages = {
            "index.md": "# Home\n",
            "glossary/stablecoin.md": TERM.format(term="stablecoin", alias="stable coin"),
            "glossary/token.md": TERM.format(term="token", alias="tokens"),
            "news/run.md": (
                "---\ntitle: The run\nkind: article\ndate: 2025-01-01\n---\n\n"
                f"A stablecoin and a token. {PROSE}\n\n{run}\n\n{PROSE}\n"
            ),
        }
        for rel, text in pages.items():
            path = root / "docs" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        config = {
            "site_name": "pathological",
            "site_url": "https://example.org/",
            "docs_dir": str(root / "docs"),
            "site_dir": str(root / "site"),
            "theme": {"name": "material"},
            "plugins": [
                "regkb-documents",
                "regkb-glossary",
                "regkb-timeline",
                "search",
                "regkb-search",
            ],
            "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}, "tables"],
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        cfg = load_config(str(root / "mkdocs.yml"))
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()


STAGES: dict[str, Callable[[str], object]] = {
    "capture": scrape_capture,
    "html": scrape_html,
    "markup": scrape_markup,
    "excerpt": excerpt_of,
    "build": build_site,
}


def timed(stage: Callable[[str], object], run: str, seconds: float) -> float | None:
    """Seconds ``stage(run)`` took, or None past the limit."""
    start = time.perf_counter()
    try:
        with limit(seconds):
            stage(run)
    except TooLong:
        return None
    return time.perf_counter() - start


def verdict(small: float | None, large: float | None, floor: float) -> str:
    if small is None or large is None:
        return "**over the limit**"
    if large < floor:
        return "fast"
    ratio = large / max(small, 1e-9)
    return "**grows faster than the input**" if ratio > 3 else "linear"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog="Cases: " + ", ".join(CASES),
    )
    parser.add_argument("--size", type=int, default=20_000, help="run length (characters)")
    parser.add_argument(
        "--stages", default="capture,html,markup,excerpt,build", help="comma-separated"
    )
    parser.add_argument("--cases", default="", help="comma-separated names (default: all)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per measurement")
    args = parser.parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    cases = [c.strip() for c in args.cases.split(",") if c.strip()] or list(CASES)
    missing = [c for c in cases if c not in CASES]
    if missing:
        parser.error(f"unknown case(s): {', '.join(missing)}")
    # A hostile page makes the build warn, and a build stopped at the limit logs an error;
    # the caller's logging is as it was afterwards (the tests call this in process).
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        print_table(stages, cases, args.size, args.limit)
    finally:
        logging.disable(previous)
    return 0


def print_table(stages: list[str], cases: list[str], n: int, seconds: float) -> None:
    """Time every case through every stage at ``n`` and ``2 n`` characters; print a row each."""
    print(f"run of {n:,} and {2 * n:,} characters; limit {seconds:g} s per measurement\n")
    print("| case | stage | time at n (s) | time at 2n (s) | ratio | verdict | note |")
    print("|---|---|---:|---:|---:|---|---|")
    for stage_name in stages:
        stage = STAGES[stage_name]
        # A first call imports and warms what the stage uses; a build's own cost (the same
        # site with a one-word run) is taken off its times.
        warm = [timed(stage, "word", seconds) or 0.0 for _ in range(2)]
        baseline = min(warm) if stage_name == "build" else 0.0
        for case in cases:
            chunk = CASES[case]
            small = timed(stage, run_of(chunk, n), seconds)
            large = timed(stage, run_of(chunk, 2 * n), seconds)
            small = None if small is None else max(small - baseline, 0.0)
            large = None if large is None else max(large - baseline, 0.0)
            shown = [f"{t:.3f}" if t is not None else f"> {seconds:g}" for t in (small, large)]
            ratio = f"{large / max(small, 1e-9):.1f}" if small and large is not None else "—"
            note = KNOWN.get((case, stage_name), "")
            print(
                f"| {case} | {stage_name} | {shown[0]} | {shown[1]} | {ratio} | "
                f"{verdict(small, large, 0.3)} | {note} |",
                flush=True,
            )


if __name__ == "__main__":
    raise SystemExit(main())
