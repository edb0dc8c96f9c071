"""Glossary term pages get a small timeline of the dated documents that mention the term."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from plugins.glossary.config import GlossaryConfig
from tests.sitebuilder import build_site, write_site

DOCS = {
    "index.md": "# Home\n",
    "news/late.md": """
    ---
    title: Late stablecoin story
    kind: article
    date: 2026-03
    ---

    # Late stablecoin story

    A stablecoin issuer was licensed. Another stablecoin followed.
    """,
    "regulations/early.md": """
    ---
    title: Early notice
    kind: notice
    date: 2025-06-01
    ---

    # Early notice

    Rules for every stablecoin.
    """,
    "regulations/stated.md": """
    ---
    title: Notice whose issue the editor sourced
    kind: notice
    date: 2025-09-01
    events:
      - date: 2025-09-01
        kind: issued
        source: Official Gazette
    ---

    # Notice whose issue the editor sourced

    A stablecoin rule.
    """,
    "regulations/stated-only.md": """
    ---
    title: Notice dated only by its events
    kind: notice
    events:
      - date: 2025-10-01
        kind: issued
    ---

    # Notice dated only by its events

    Another stablecoin rule.
    """,
    "news/undated.md": """
    ---
    title: Undated story
    kind: article
    ---

    # Undated story

    A stablecoin without a date.
    """,
}


def term_section(html: str) -> BeautifulSoup | None:
    return BeautifulSoup(html, "html.parser").select_one("section.regkb-term-timeline")


def listed(section, page_rel: str) -> list[tuple[str, str, str]]:
    """(date, title, target page) of each entry of a term's timeline."""
    out = []
    for li in section.select("li.regkb-event"):
        a = li.select_one("a.regkb-event__doc")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), a["href"]))
        out.append((li.select_one("time")["datetime"], a.get_text(" ", strip=True), target))
    return out


@dataclass
class FakeTerm:
    term: str
    src_uri: str
    url: str


class FakeGlossary(BasePlugin):
    """Stands in for regkb-glossary: exposes ``terms`` and ``mentions`` by ``on_env``, and
    its folder as the documents plugin reads it."""

    def __init__(self, mentions: dict[str, dict[str, int]]) -> None:
        self.config = GlossaryConfig()
        self.config.load_dict({})
        self.terms: list[FakeTerm] = []
        self.mentions = mentions

    def on_files(self, files: Any, *, config: Any) -> Any:
        file = files.get_file_from_path("glossary/stablecoin.md")
        self.terms = [FakeTerm("Stablecoin", file.src_uri, file.url)]
        return files


def build_with_fake(
    root: Path, mentions: dict[str, dict[str, int]], timeline: dict[str, Any] | None = None
) -> Path:
    pages = {**DOCS, "glossary/stablecoin.md": "# Stablecoin\n\nA token.\n"}
    plugin: Any = {"regkb-timeline": timeline} if timeline else "regkb-timeline"
    cfg_path = write_site(root, pages, plugins=["regkb-documents", plugin])
    cfg = load_config(str(cfg_path), strict=True)
    cfg.plugins["regkb-glossary"] = FakeGlossary(mentions)
    build(cfg)
    return root / "site"


def test_term_page_lists_dated_mentioning_documents_oldest_first(tmp_path: Path) -> None:
    mentions = {
        "glossary/stablecoin.md": {
            "news/late.md": 2,
            "regulations/early.md": 1,
            "news/undated.md": 1,
            "index.md": 3,  # not a document: not on the timeline
        }
    }
    site = build_with_fake(tmp_path, mentions)
    rel = "glossary/stablecoin/index.html"
    section = term_section((site / rel).read_text(encoding="utf-8"))
    assert section is not None
    assert listed(section, rel) == [
        ("2025-06-01", "Early notice", "regulations/early"),
        ("2026-03", "Late stablecoin story", "news/late"),
    ]
    counts = [c.get_text() for c in section.select(".regkb-event__count")]
    assert counts == ["1 mention", "2 mentions"]
    full = section.select_one(".regkb-timeline-links a")
    assert posixpath.normpath(posixpath.join("glossary/stablecoin", full["href"])) == "timeline"


def test_a_documents_date_written_out_as_an_event_still_dates_it_on_term_pages(
    tmp_path: Path,
) -> None:
    """An editor who gives the issue date a source writes it in ``events:``; that event
    replaces the one ``date`` would make, and the term's timeline must still list it."""
    mentions = {
        "glossary/stablecoin.md": {
            "regulations/stated.md": 1,
            "regulations/stated-only.md": 2,
            "news/late.md": 1,
        }
    }
    site = build_with_fake(tmp_path, mentions)
    rel = "glossary/stablecoin/index.html"
    section = term_section((site / rel).read_text(encoding="utf-8"))
    assert section is not None
    assert listed(section, rel) == [
        ("2025-09-01", "Notice whose issue the editor sourced", "regulations/stated"),
        ("2025-10-01", "Notice dated only by its events", "regulations/stated-only"),
        ("2026-03", "Late stablecoin story", "news/late"),
    ]


def test_a_heavily_used_term_counts_its_documents_by_year(tmp_path: Path) -> None:
    """Past ``glossary_max_events`` dated documents, the term's timeline gives a count per
    year (its "Used in" table lists each document with its date); a year links to its page
    of the site's timeline when that timeline is split by year."""
    mentions = {
        "glossary/stablecoin.md": {
            "news/late.md": 2,
            "regulations/early.md": 1,
            "regulations/stated.md": 1,
            "regulations/stated-only.md": 1,
            "news/undated.md": 1,
        }
    }
    rel = "glossary/stablecoin/index.html"

    def years(site: Path) -> list[tuple[str, str | None, str]]:
        section = term_section((site / rel).read_text(encoding="utf-8"))
        assert section is not None and not section.select("li.regkb-event")
        out = []
        for li in section.select("ul.regkb-term-timeline__years > li"):
            a = li.find("a")
            target = None
            if a is not None:
                target = posixpath.normpath(posixpath.join("glossary/stablecoin", a["href"]))
            out.append(
                (li.contents[0].get_text().strip(), target, li.select_one("span").get_text())
            )
        return out

    whole = build_with_fake(tmp_path / "whole", mentions, {"glossary_max_events": 3})
    assert years(whole) == [("2025", None, "3 documents"), ("2026", None, "1 document")]
    split = build_with_fake(
        tmp_path / "split", mentions, {"glossary_max_events": 3, "max_events_per_page": 2}
    )
    assert years(split) == [
        ("2025", "timeline/2025", "3 documents"),
        ("2026", "timeline/2026", "1 document"),
    ]
    under = build_with_fake(tmp_path / "under", mentions, {"glossary_max_events": 4})
    section = term_section((under / rel).read_text(encoding="utf-8"))
    assert len(section.select("li.regkb-event")) == 4  # at the limit: one line each


def test_term_without_dated_mentions_gets_no_section(tmp_path: Path) -> None:
    site = build_with_fake(tmp_path, {"glossary/stablecoin.md": {"news/undated.md": 1}})
    html = (site / "glossary/stablecoin/index.html").read_text(encoding="utf-8")
    assert term_section(html) is None


def test_without_glossary_plugin_term_pages_are_left_alone(tmp_path: Path) -> None:
    pages = {**DOCS, "glossary/stablecoin.md": "# Stablecoin\n\nA token.\n"}
    result = build_site(tmp_path, pages, plugins=["regkb-documents", "regkb-timeline"])
    assert result.ok, result.messages
    assert term_section(result.read("glossary/stablecoin/index.html")) is None


def test_with_the_real_glossary_plugin_links_go_both_ways(tmp_path: Path) -> None:
    pytest.importorskip("plugins.glossary.plugin")
    term = (
        "---\nterm: Stablecoin\nsummary: A token with a steady value.\n---\n\n"
        "A stablecoin is a token.\n"
    )
    pages = {**DOCS, "glossary/index.md": "# Glossary\n", "glossary/stablecoin.md": term}
    result = build_site(
        tmp_path, pages, plugins=["regkb-documents", "regkb-glossary", "regkb-timeline"]
    )
    assert result.ok, result.messages
    rel = "glossary/stablecoin/index.html"
    html = result.read(rel)
    section = term_section(html)
    assert section is not None
    assert [t for _, t, _ in listed(section, rel)] == [
        "Early notice",
        "Notice whose issue the editor sourced",
        "Notice dated only by its events",
        "Late stablecoin story",
    ]
    toc = BeautifulSoup(html, "html.parser").select('a.md-nav__link[href="#regkb-term-timeline"]')
    assert toc, "the injected heading is in the table of contents"
    # The glossary links text before the timeline's lists are filled in; they must be there.
    timeline = BeautifulSoup(result.read("timeline/index.html"), "html.parser")
    assert len(timeline.select("li.regkb-event")) == 5
    assert "regkb-deferred" not in result.read("timeline/index.html")  # no placeholder left
    # The other way: the document links the term.
    doc = BeautifulSoup(result.read("news/late/index.html"), "html.parser")
    links = {a["href"] for a in doc.select("article a")}
    assert any(h.rstrip("/").endswith("glossary/stablecoin") for h in links), links
