"""readability-lxml's article finder, with its text-cleaning helper made linear-time.

readability-lxml measures text by passing ``text_content()`` of paragraphs, candidates and
every link inside them through a module-level ``clean()`` (three whitespace regexes). Two of
those regexes start a match at every whitespace character and scan the rest of the run,
which is quadratic in the length of a whitespace run; on ordinary indented pages that one
helper took over half of readability's time and a quarter of ``extract_html``'s.

``clean_text`` returns exactly what readability's ``clean()`` returns, rewriting each
whitespace run once (see its docstring) instead of scanning the whole text three times.
``tests/test_extract_html_fast.py`` compares the two on generated text.

Its parsing step (``build_doc``) gets a parser from ``scraper.extract.lxml_parser``: the same
options, but element objects are created without a Python callback. Both replacements live
in a private copy of the ``readability.readability`` module, so readability-lxml itself
stays untouched for any other code in the process (the extraction benchmark, for one,
measures the stock library). If the copy cannot be made (a future readability-lxml moved
things around), the stock class is used.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from typing import Any

import lxml.html

from scraper.extract.lxml_parser import html_parser

__all__ = ["clean_text", "readability_class"]

# A whitespace run clean() can change: two or more characters, or a lone tab.
_RUN = re.compile(r"\s{2,}|\t")
_TABS_OR_SPACES = re.compile(r"\t|[ \t]{2,}")


def clean_text(text: str) -> str:
    """What readability-lxml's ``clean()`` returns, in one pass over the text.

    ``clean()`` runs three substitutions over the whole text; each of them only ever
    rewrites whole whitespace runs (or the tabs and spaces inside one), so the same result
    comes from rewriting each run once, by ``_squash_run``.
    """
    return _RUN.sub(_squash_run, text).strip()


def _squash_run(match: re.Match[str]) -> str:
    """One maximal whitespace run as ``clean()`` leaves it.

    A run of 255 or more becomes 255 spaces, which the last substitution squashes to one;
    a run holding a newline becomes that newline; in any other run each tab becomes a space
    and each stretch of spaces and tabs that starts with a space becomes one space.
    """
    run = match.group()
    if len(run) >= 255:
        return " "
    if "\n" in run:
        return "\n"
    return _TABS_OR_SPACES.sub(" ", run)


@cache
def readability_class() -> Any:
    """readability-lxml's ``Document`` class, from a module copy that uses ``clean_text``."""
    import readability.readability as stock

    try:
        spec = importlib.util.spec_from_file_location(
            "readability._regkb_fast_copy", stock.__file__
        )
        if spec is None or spec.loader is None or not callable(getattr(stock, "clean", None)):
            return stock.Document
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception:  # any surprise in a changed library: keep the stock behaviour
        return stock.Document
    if not callable(getattr(module, "build_doc", None)):
        return stock.Document
    module.clean = clean_text  # type: ignore[attr-defined]
    module.build_doc = _build_doc_with(module.build_doc)  # type: ignore[attr-defined]
    return _keeping_headings_and_tables(module)


def _build_doc_with(stock_build_doc: Any) -> Any:
    """readability's ``build_doc`` for text input, parsed with C-level element classes.

    The stock function parses the text re-encoded as UTF-8 (which drops lone surrogates)
    with ``lxml.html.HTMLParser(encoding="utf-8")``; this does the same with the parser
    from ``scraper.extract.lxml_parser``. Bytes still go to the stock function, which
    sniffs their encoding first.
    """

    def build_doc(page: str | bytes) -> tuple[Any, str | None]:
        if not isinstance(page, str):
            return stock_build_doc(page)
        data = page.encode("utf-8", "replace")
        return lxml.html.document_fromstring(data, parser=html_parser(encoding="utf-8")), None

    return build_doc


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _keeping_headings_and_tables(module: Any) -> Any:
    """The copy's ``Document``, with two of its cleaning rules narrowed as Readability.js
    narrows them, so that an article keeps its section headings and its tables.

    * A heading whose id or class holds one of the "unlikely" words (``media``,
      ``related``, ``tool``, ``meta``...) was dropped: "Related-party transactions",
      "Use of smart contract tools" went with their ids, and each section ran into the one
      before. A heading's name says what it is about, not that it is page furniture.
    * An element inside a table whose class holds such a word (``header_cell``) was
      removed as an unlikely candidate for the article: a table's column headings left
      blank. Readability.js leaves what is inside a table alone.
    """
    stock = module.Document
    regexes = module.REGEXES

    class Document(stock):  # type: ignore[misc,valid-type]
        def class_weight(self, e: Any) -> int:
            weight = super().class_weight(e)
            return max(weight, 0) if e.tag in _HEADINGS else weight

        def remove_unlikely_candidates(self) -> None:
            unlikely, maybe = regexes["unlikelyCandidatesRe"], regexes["okMaybeItsACandidateRe"]
            for elem in self.html.findall(".//*"):  # a list: elements go as it is read
                if not isinstance(elem.tag, str) or elem.tag in ("html", "body"):
                    continue
                names = f"{elem.get('class', '')} {elem.get('id', '')}"
                if len(names) < 2 or not unlikely.search(names) or maybe.search(names):
                    continue
                if elem.xpath(
                    "ancestor-or-self::pre | ancestor-or-self::code | ancestor-or-self::table"
                    " | descendant-or-self::main | descendant-or-self::article"
                    " | descendant-or-self::math"
                ):
                    continue
                elem.drop_tree()

    Document.__name__ = Document.__qualname__ = stock.__name__
    return Document
