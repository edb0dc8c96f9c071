"""The glossary plugin in real MkDocs builds (Material theme, documents plugin, search)."""

from __future__ import annotations

import logging
import re
import textwrap
from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File

from plugins import frontmatter
from plugins.glossary.terms import load_terms
from tests.shared_data import skip_without_shared
from tests.sitebuilder import build_site, run_build, write_site

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
PLUGINS = ["regkb-documents", "regkb-glossary", "search"]

STABLECOIN = """
    ---
    term: Stablecoin
    aliases: [stable coin, 稳定币]
    summary: A token that tracks a currency.
    related: [Fiat currency]
    ---

    A stablecoin usually holds reserves.
"""
FIAT = """
    ---
    term: Fiat currency
    aliases: [fiat money]
    summary: Money by decree.
    ---

    Issued by a central bank.
"""
RWA = """
    ---
    term: Real-world asset tokenization
    aliases: [RWA, tokenization of real-world assets]
    summary: Tokens for off-chain assets.
    related: [Stablecoin]
    ---

    Body.
"""
TOKENIZATION = """
    ---
    term: Tokenization
    summary: Turning rights into tokens.
    ---

    Body.
"""


def doc(title: str, body: str, date: str | None = None, kind: str = "article") -> str:
    head = f"---\ntitle: {title}\nkind: {kind}\n" + (f"date: {date}\n" if date else "") + "---\n"
    return head + "\n" + textwrap.dedent(body).strip() + "\n"


def glossary_pages() -> dict[str, str]:
    return {
        "index.md": "# Home\n",
        "glossary/index.md": "# Glossary\n\nThe editors' introduction.\n",
        "glossary/stablecoin.md": STABLECOIN,
        "glossary/fiat.md": FIAT,
        "glossary/rwa.md": RWA,
        "glossary/tokenization.md": TOKENIZATION,
    }


def article(result, rel: str):
    soup = BeautifulSoup(result.read(rel), "html.parser")
    return soup.select_one("article")


def glossary_links(result, rel: str) -> list[tuple[str, str, str]]:
    return [
        (a.get_text(), a["href"], a["title"])
        for a in article(result, rel).select("a.glossary-link")
    ]


def used_in_rows(result, rel: str) -> list[list[str]]:
    section = article(result, rel).select_one("section.glossary-used-in")
    assert section is not None
    return [[td.get_text() for td in tr.select("td")] for tr in section.select("tbody tr")]


# --- linking in a build ---------------------------------------------------------------


def test_mentions_link_to_the_term_page_with_summary_tooltip(tmp_path):
    pages = glossary_pages()
    pages["news/a.md"] = doc(
        "A",
        """
        # A

        Stablecoins and the stablecoin's reserves; fiat money.
        Real World Asset Tokenization differs from tokenization; rwa is not RWA.

        ## Stablecoin heading

        `stablecoin` in code and [a stablecoin link](https://example.org).
        """,
        "2025-01-01",
    )
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    assert glossary_links(result, "news/a/index.html") == [
        ("Stablecoins", "../../glossary/stablecoin/", "A token that tracks a currency."),
        ("fiat money", "../../glossary/fiat/", "Money by decree."),
        ("Real World Asset Tokenization", "../../glossary/rwa/", "Tokens for off-chain assets."),
        ("tokenization", "../../glossary/tokenization/", "Turning rights into tokens."),
    ]
    art = article(result, "news/a/index.html")
    assert not art.select("h2 a.glossary-link, code a, a a")
    # The build log says what the glossary did: the heading and the code mention do not count.
    # The build log says what the glossary did, in one line.
    summary = [m for m in result.messages if "regkb-glossary:" in m]
    assert summary == ["INFO: regkb-glossary: 4 terms, 8 mentions on 1 page"]


def test_phrases_an_editor_lists_keep_the_term_unlinked_and_uncounted(tmp_path):
    """``not_linked_in`` in a term file: "by fiat" (by decree) is not fiat currency. A
    phrase that holds none of the term's names is named: it would keep nothing."""
    pages = glossary_pages()
    pages["glossary/fiat.md"] = FIAT.replace(
        "aliases: [fiat money]",
        "aliases: [fiat money, fiat]\n    not_linked_in: [by fiat, fiat lux, by decree]",
    )
    pages["news/a.md"] = doc("A", "Rules set by fiat, not by law. Fiat reserves back the coin.")
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok, result.error
    body = article(result, "news/a/index.html")
    assert [a.get_text() for a in body.select("a.glossary-link")] == ["Fiat"]
    assert [w for w in result.warnings() if "not_linked_in" in w] == [
        "WARNING: glossary/fiat.md:4: field 'not_linked_in.2': 'by decree' holds none of the "
        "term's names, so it keeps nothing from being linked"
    ]


def test_every_mention_setting(tmp_path):
    pages = glossary_pages()
    pages["news/a.md"] = doc("A", "Stablecoin, stablecoins.\n\nA stable coin; RWA and RWA.")
    result = build_site(
        tmp_path, pages, plugins=["regkb-documents", {"regkb-glossary": {"link": "every"}}]
    )
    assert result.ok, result.messages
    texts = [t for t, _, _ in glossary_links(result, "news/a/index.html")]
    assert texts == ["Stablecoin", "stablecoins", "stable coin", "RWA", "RWA"]


def test_cjk_mentions_are_linked_in_chinese_text(tmp_path):
    pages = glossary_pages()
    pages["news/zh.md"] = doc("中文", "人民银行禁止在境外发行锚定人民币的稳定币。")
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    assert [t for t, _, _ in glossary_links(result, "news/zh/index.html")] == ["稳定币"]


def test_exclude_setting_leaves_a_page_unlinked(tmp_path):
    pages = glossary_pages()
    pages["guide.md"] = "# Guide\n\nA stablecoin.\n"
    result = build_site(
        tmp_path,
        pages,
        plugins=["regkb-documents", {"regkb-glossary": {"exclude": ["guide.md"]}}],
    )
    assert result.ok, result.messages
    assert glossary_links(result, "guide/index.html") == []


def test_visible_text_of_documents_is_unchanged(tmp_path):
    """The same pages built with and without the glossary differ only by the links."""
    pages = glossary_pages()
    pages["news/a.md"] = doc(
        "Stablecoin rules",
        """
        # Stablecoin rules

        Stablecoins & fiat money: "RWA" <em>tokenization</em> of real-world assets.

        | term | note |
        |---|---|
        | stablecoin | a stable coin's peg |

        - 稳定币 and RWA tokenization
        - `fiat money` stays code
        """,
        "2025-05-05",
    )
    with_glossary = build_site(tmp_path / "with", pages, plugins=PLUGINS)
    without = build_site(tmp_path / "without", pages, plugins=["regkb-documents", "search"])
    assert with_glossary.ok and without.ok
    a = article(with_glossary, "news/a/index.html")
    b = article(without, "news/a/index.html")
    assert len(a.select("a.glossary-link")) == 4
    assert a.get_text() == b.get_text()


def _corpus_document() -> str:
    """The capture's text as a document page: one paragraph per non-empty line."""
    path = SHARED / "corpus" / "weex-news-capture.txt"
    if not path.is_file():
        skip_without_shared("shared/corpus is not available")
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    body = "\n\n".join(
        ln.replace("<", "&lt;").replace("*", r"\*").replace("_", r"\_") for ln in lines if ln
    )
    return doc("Corpus capture", body, "2025-11-11")


def test_corpus_page_text_unchanged_and_terms_found_with_shipped_glossary(tmp_path):
    """The real capture, linked against the glossary this repository ships."""
    pages = {"index.md": "# Home\n", "news/corpus.md": _corpus_document()}
    for path in (REPO / "docs" / "glossary").glob("*.md"):
        if path.name != "index.md":  # its links point into the rest of the real site
            pages[f"glossary/{path.name}"] = path.read_text(encoding="utf-8")
    with_glossary = build_site(tmp_path / "with", pages, plugins=PLUGINS)
    without = build_site(tmp_path / "without", pages, plugins=["regkb-documents", "search"])
    assert with_glossary.ok, with_glossary.warnings()
    a = article(with_glossary, "news/corpus/index.html")
    b = article(without, "news/corpus/index.html")
    assert a.get_text() == b.get_text()
    linked = {x["href"] for x in a.select("a.glossary-link")}
    for slug in (
        "zero-knowledge-proof",
        "real-world-asset-tokenization",
        "stablecoin",
        "virtual-currency",
        "know-your-customer",
        "illegal-fundraising",
    ):
        assert f"../../glossary/{slug}/" in linked
    # The term page shows the capture among the documents using it.
    rows = used_in_rows(with_glossary, "glossary/zero-knowledge-proof/index.html")
    assert rows[0][0] == "Corpus capture" and int(rows[0][3]) >= 10


def test_repository_documents_keep_their_text(tmp_path):
    """Build this repository's own site with the glossary on and off, compare every
    document page (generated by the scraper or hand-written) and listing."""
    cfg_path = REPO / "mkdocs.yml"
    texts = {}
    for enabled in (True, False):
        site = tmp_path / ("on" if enabled else "off")
        cfg = load_config(str(cfg_path), site_dir=str(site), strict=True)
        cfg.plugins["regkb-glossary"].config.enabled = enabled
        run_build(cfg)
        texts[enabled] = {
            p.relative_to(site).as_posix(): lxml.html.parse(str(p)).xpath("//article")[0]
            for p in site.rglob("index.html")
            # Documents and their listings; the tags index differs by design, since term
            # pages carry tags and their titles come from the glossary plugin.
            if p.relative_to(site).as_posix().startswith(("news/", "regulations/"))
        }
    assert texts[True].keys() == texts[False].keys()
    links = 0
    for rel, art in texts[True].items():
        links += len(art.xpath(".//a[@class='glossary-link']"))
        assert art.text_content() == texts[False][rel].text_content(), rel
    assert links > 0


# --- term pages -----------------------------------------------------------------------


def test_term_page_title_summary_body_used_in_and_related(tmp_path):
    pages = glossary_pages()
    pages["news/old.md"] = doc("Old notice", "A stablecoin.", "2021-09-15", kind="notice")
    pages["news/new.md"] = doc(
        "New article", "Stablecoins, stablecoins, stable coins.", "2025-11-11"
    )
    pages["news/month.md"] = doc("Month piece", "稳定币 and a stablecoin", "2025-11")
    pages["news/undated.md"] = doc("Undated", "One stablecoin.")
    pages["news/none.md"] = doc("Unrelated", "Nothing here.", "2026-01-01")
    pages["regulations/r.md"] = doc("A rule", "Stablecoin", "2024", kind="regulation")
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    soup = BeautifulSoup(result.read("glossary/stablecoin/index.html"), "html.parser")
    assert soup.title.get_text().startswith("Stablecoin")
    art = soup.select_one("article")
    assert art.select_one("h1").get_text() == "Stablecoin"
    blocks = [el for el in art.find_all(["p", "section"], recursive=False)]
    assert blocks[0]["class"] == ["glossary-summary"]
    assert blocks[0].get_text() == "A token that tracks a currency."
    assert "stable coin" in blocks[1].get_text() and "稳定币" in blocks[1].get_text()
    assert blocks[2].get_text() == "A stablecoin usually holds reserves."
    # Newest first; a month-only date sorts after the known days of that month (its day
    # could be any of them), undated documents last.
    rows = used_in_rows(result, "glossary/stablecoin/index.html")
    assert [r[0] for r in rows] == ["Month piece", "New article", "A rule", "Old notice", "Undated"]
    assert {r[0]: r[3] for r in rows} == {
        "Month piece": "2",
        "New article": "3",
        "A rule": "1",
        "Old notice": "1",
        "Undated": "1",
    }
    assert rows[3][1:3] == ["notice", "15 September 2021"]
    assert rows[4][1:3] == ["article", "date unknown"]  # as the listings say it
    count = art.select_one("section.glossary-used-in .glossary-count").get_text()
    assert count == "5 documents, newest first."
    links = art.select("section.glossary-used-in td a")
    assert links[0]["href"] == "../../news/month/"
    # The table of contents lists the generated sections.
    toc = [a.get_text(strip=True) for a in soup.select("nav.md-nav--secondary a")]
    assert "Used in" in toc and "Related terms" in toc


def test_related_terms_are_shown_both_ways(tmp_path):
    result = build_site(tmp_path, glossary_pages(), plugins=PLUGINS)
    assert result.ok, result.messages

    def related(rel: str) -> list[str]:
        section = article(result, rel).select_one("section.glossary-related")
        return [a.get_text() for a in section.select("li > a")] if section else []

    # stablecoin lists fiat; rwa lists stablecoin.
    assert related("glossary/stablecoin/index.html") == [
        "Fiat currency",
        "Real-world asset tokenization",
    ]
    assert related("glossary/fiat/index.html") == ["Stablecoin"]
    assert related("glossary/rwa/index.html") == ["Stablecoin"]
    assert related("glossary/tokenization/index.html") == []


def test_index_lists_terms_a_to_z_after_the_editors_intro(tmp_path):
    pages = glossary_pages()
    pages["glossary/zk.md"] = (
        "---\nterm: zero-knowledge proof\nsummary: Prove without telling.\n---\n"
    )
    pages["glossary/cjk.md"] = "---\nterm: 区块链\nsummary: Chain of blocks.\n---\n"
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    art = article(result, "glossary/index.html")
    assert "The editors' introduction." in art.get_text()
    letters = [h.get_text(strip=True).rstrip("¶") for h in art.select("h2")]
    assert letters == ["F", "R", "S", "T", "Z", "#"]
    terms = [dt.get_text() for dt in art.select("dl.glossary-index dt")]
    assert terms == [
        "Fiat currency",
        "Real-world asset tokenization",
        "Stablecoin",
        "Tokenization",
        "zero-knowledge proof",
        "区块链",
    ]
    first = art.select("dl.glossary-index dd")[0].get_text()
    assert "Money by decree." in first and "fiat money" in first
    assert art.select("dl.glossary-index dt a")[0]["href"] == "fiat/"
    # The intro's text came before the generated index.
    text = art.get_text()
    assert text.index("introduction") < text.index("Fiat currency")


def test_index_page_is_generated_when_missing(tmp_path):
    pages = glossary_pages()
    del pages["glossary/index.md"]
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    art = article(result, "glossary/index.html")
    assert art.select_one("h1").get_text(strip=True).rstrip("¶") == "Glossary"
    assert len(art.select("dl.glossary-index dt")) == 4


def test_editor_text_is_escaped_everywhere(tmp_path):
    pages = glossary_pages()
    pages["glossary/evil.md"] = (
        "---\nterm: <script>alert(1)</script>\naliases: ['<b>x</b>', 'Q&A']\n"
        "summary: 'He said \"<img src=x onerror=alert(1)>\"'\n---\n\nBody.\n"
    )
    pages["news/a.md"] = doc("A", "The Q&A part.")
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.messages
    for rel in ("glossary/index.html", "glossary/evil/index.html", "news/a/index.html"):
        page = result.read(rel)
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>x</b>" not in page
    assert glossary_links(result, "news/a/index.html") == [
        ("Q&A", "../../glossary/evil/", 'He said "<img src=x onerror=alert(1)>"')
    ]


def test_stylesheet_is_shipped_and_included(tmp_path):
    result = build_site(tmp_path, glossary_pages(), plugins=PLUGINS)
    assert result.ok
    assert "a.glossary-link" in result.read("assets/regkb-glossary.css")
    assert "assets/regkb-glossary.css" in result.read("index.html")


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {
                "glossary/coin.md": "---\nterm: Coin\naliases:\n  - token\n  - Stable Coin\n"
                "summary: x\n---\n"
            },
            r"glossary/stablecoin\.md:3: 'stable coin' of term 'Stablecoin' is already a name of "
            r"term 'Coin' \(glossary/coin\.md:5\)",
        ),
        (
            {
                "glossary/coin.md": "---\nterm: Coin\nsummary: x\nrelated:\n  - Fiat currency\n"
                "  - Unicorn\n---\n"
            },
            r"glossary/coin\.md:6: related term 'Unicorn' of 'Coin' names no term",
        ),
        (
            {"glossary/coin.md": "---\naliases: [coin]\nsummary: x\n---\n"},
            r"glossary/coin\.md: field 'term': missing, and required in a glossary term file",
        ),
        (
            {"glossary/coin.md": "---\nterm: Coin\nsummary:\n---\n"},
            r"glossary/coin\.md:3: field 'summary'",
        ),
        (
            {"glossary/coin.md": "---\nterm: Coin\nsummary: [unclosed\n---\n"},
            r"glossary/coin\.md:\d+: invalid YAML",
        ),
        (
            {"glossary/coin.md": "---\nterm: Coin\naliases:\n  - c\nsummary: x\n---\n"},
            r"glossary/coin\.md:4: 'c' is a single character",
        ),
        (
            {"glossary/coin.md": "---\nterm: Coin\naliases: [coins, 币]\nsummary: x\n---\n"},
            r"glossary/coin\.md:3: '币' is a single character",
        ),
        (
            {"glossary/coin.md": "---\nterm: Coin\naliases: coins, tokens\nsummary: x\n---\n"},
            r"glossary/coin\.md:3: field 'aliases': 'coins, tokens' is one text; a list is "
            r"written \[coins, tokens\]",
        ),
        (
            {"glossary/coin.md": "---\nsummary: x\nterm: '--'\n---\n"},
            r"glossary/coin\.md:3: term name '--' has no letters to match",
        ),
        (
            {
                "glossary/coin.md": "---\nterm: Coin\nsummary: x\naliases:\n  - coins\n"
                "  - ' - '\n---\n"
            },
            r"glossary/coin\.md:6: alias '-' has no letters to match",
        ),
    ],
)
def test_term_file_errors_fail_strict_builds_with_file_names(tmp_path, extra, expected):
    pages = {**glossary_pages(), **extra}
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert not result.ok
    warnings = [m for m in result.warnings() if "glossary/" in m]
    assert any(re.search(expected, m) for m in warnings), warnings
    # Not strict: the build goes on and the good terms still work.
    lenient = build_site(tmp_path / "lenient", pages, plugins=PLUGINS, strict=False)
    assert lenient.ok
    assert "glossary/stablecoin/index.html" in {
        p.relative_to(lenient.site_dir).as_posix() for p in lenient.site_dir.rglob("*.html")
    }


def test_a_word_of_grammar_as_a_name_is_reported_and_not_linked(tmp_path):
    """An alias "the" linked the first "the" of 42 pages of the site, without a word."""
    pages = glossary_pages()
    pages["glossary/coin.md"] = "---\nterm: Coin\naliases: [The]\nsummary: A coin.\n---\n\nText.\n"
    pages["news/x.md"] = doc("X", "Keep the coin.", "2025-01-01")
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok
    assert any(
        "glossary/coin.md:3: 'The' is one of the commonest words" in m for m in result.warnings()
    ), result.warnings()
    assert [text for text, _, _ in glossary_links(result, "news/x/index.html")] == ["coin"]


def test_an_abbreviation_spelling_a_word_of_grammar_is_linked_as_such(tmp_path):
    """ "US" and "IT" are matched in capitals only (never "us", "it"): they stay names."""
    pages = glossary_pages()
    pages["glossary/us.md"] = "---\nterm: United States\naliases: [US]\nsummary: A country.\n---\n"
    pages["news/x.md"] = doc("X", "Rules in the US apply to us all.", "2025-01-01")
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert result.ok, result.warnings()
    assert [text for text, _, _ in glossary_links(result, "news/x/index.html")] == ["US"]


def test_a_single_character_name_is_reported_and_not_linked(tmp_path):
    pages = glossary_pages()
    pages["glossary/coin.md"] = "---\nterm: Coin\naliases: [c]\nsummary: A coin.\n---\n\nText.\n"
    pages["news/x.md"] = doc("X", "Plan c: keep a coin.", "2025-01-01")
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok
    assert any("'c' is a single character" in m for m in result.warnings())
    assert [text for text, _, _ in glossary_links(result, "news/x/index.html")] == ["coin"]


def test_missing_documents_plugin_is_a_clear_error(tmp_path):
    result = build_site(tmp_path, glossary_pages(), plugins=["regkb-glossary"])
    assert not result.ok
    assert any("needs the 'regkb-documents' plugin" in m for m in result.messages)


# --- serve: a second build in the same process ----------------------------------------


def test_second_build_with_the_same_plugin_instance_sees_edits(tmp_path):
    pages = glossary_pages()
    pages["news/a.md"] = doc("A", "A stablecoin and fiat money.", "2025-01-01")
    cfg_file = write_site(tmp_path, pages, plugins=["regkb-documents", "regkb-glossary"])
    cfg = load_config(str(cfg_file), strict=True)
    plugin = cfg.plugins["regkb-glossary"]
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    def page_links() -> list[tuple[str, str]]:
        soup = BeautifulSoup(
            (tmp_path / "site/news/a/index.html").read_text("utf-8"), "html.parser"
        )
        return [(a.get_text(), a["title"]) for a in soup.select("a.glossary-link")]

    build(cfg)
    assert page_links() == [
        ("stablecoin", "A token that tracks a currency."),
        ("fiat money", "Money by decree."),
    ]
    assert plugin.mentions["glossary/stablecoin.md"] == {"news/a.md": 1}

    # The editor renames an alias, changes a summary, deletes a term and edits the page.
    (tmp_path / "docs/glossary/fiat.md").write_text(
        "---\nterm: Fiat currency\naliases: [state money]\nsummary: Money by law.\n---\n",
        encoding="utf-8",
    )
    (tmp_path / "docs/glossary/rwa.md").unlink()
    (tmp_path / "docs/news/a.md").write_text(
        doc("A", "A stablecoin, fiat money and state money.", "2025-01-01"), encoding="utf-8"
    )
    build(cfg)
    assert page_links() == [
        ("stablecoin", "A token that tracks a currency."),
        ("state money", "Money by law."),
    ]
    assert [t.term for t in plugin.terms] == ["Fiat currency", "Stablecoin", "Tokenization"]
    assert plugin.mentions["glossary/fiat.md"] == {"news/a.md": 1}
    assert "glossary/rwa.md" not in plugin.mentions
    # Related "both ways" was recomputed: rwa no longer points at stablecoin.
    soup = BeautifulSoup(
        (tmp_path / "site/glossary/stablecoin/index.html").read_text("utf-8"), "html.parser"
    )
    assert [a.get_text() for a in soup.select("section.glossary-related li > a")] == [
        "Fiat currency"
    ]
    assert cfg.extra_css.count("assets/regkb-glossary.css") == 1


def test_plugin_exposes_terms_and_mentions_for_other_plugins(tmp_path):
    pages = glossary_pages()
    pages["news/a.md"] = doc("A", "Stablecoin, stablecoin, RWA.", "2025-01-01")
    pages["about.md"] = "# About\n\nWhat is a stablecoin?\n"
    cfg_file = write_site(tmp_path, pages, plugins=["regkb-documents", "regkb-glossary"])
    cfg = load_config(str(cfg_file))
    build(cfg)
    plugin = cfg.plugins["regkb-glossary"]
    assert plugin.mentions["glossary/stablecoin.md"] == {"news/a.md": 2, "about.md": 1}
    assert plugin.mentions["glossary/rwa.md"] == {"news/a.md": 1}
    stable = next(t for t in plugin.terms if t.term == "Stablecoin")
    assert (stable.src_uri, stable.url, stable.summary) == (
        "glossary/stablecoin.md",
        "glossary/stablecoin/",
        "A token that tracks a currency.",
    )


# --- the glossary this repository ships -----------------------------------------------


def test_shipped_glossary_is_valid_and_covers_the_corpus_terms():
    docs = REPO / "docs"
    files = [
        File(p.relative_to(docs).as_posix(), str(docs), "/tmp/site", True)
        for p in (docs / "glossary").glob("*.md")
    ]
    loaded = load_terms(files, "glossary")
    assert loaded.errors == []
    assert len(loaded.terms) >= 18
    names = {t.term: set(t.aliases) for t in loaded.terms}
    assert "零知识证明" in names["Zero-knowledge proof"]
    assert {"RWA", "现实世界资产代币化"} <= names["Real-world asset tokenization"]
    assert "稳定币" in names["Stablecoin"]
    assert "虚拟货币" in names["Virtual currency"]
    for term in loaded.terms:
        body = frontmatter.split(term.file.content_string).body
        assert term.summary and body.strip(), term.src_uri


def test_glossary_refuses_to_run_without_the_documents_plugin_enabled(tmp_path):
    pages = {"index.md": "# Home\n", "glossary/stablecoin.md": STABLECOIN}
    result = build_site(
        tmp_path,
        pages,
        plugins=[{"regkb-documents": {"enabled": False}}, "regkb-glossary", "search"],
    )
    assert not result.ok
    assert any("needs the 'regkb-documents' plugin enabled" in m for m in result.messages)


def test_what_the_plugins_add_is_neither_linked_nor_counted(tmp_path):
    """The linking walk runs for all pages in ``on_env``; what the plugins put on pages
    before and after it (term summaries and aliases, the A-Z index, a document's panel) must
    stay as unlinked and uncounted as when the walk ran page by page."""
    pages = glossary_pages()
    # A summary that names other terms; a document whose panel (tags) names one.
    pages["glossary/rwa.md"] = RWA.replace(
        "summary: Tokens for off-chain assets.",
        "summary: Tokenization of assets, like a stablecoin.",
    )
    pages["news/a.md"] = (
        "---\ntitle: Rules\nkind: article\ndate: 2025-01-01\ntags: [stablecoin]\n---\n\n"
        "Nothing else.\n"
    )
    cfg_file = write_site(tmp_path, pages, plugins=PLUGINS)
    cfg = load_config(str(cfg_file))
    build(cfg)
    mentions = cfg.plugins["regkb-glossary"].mentions
    assert mentions["glossary/stablecoin.md"] == {}
    assert mentions["glossary/tokenization.md"] == {}

    def page(rel: str):
        html = (tmp_path / "site" / rel).read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser").select_one("article")

    summary = page("glossary/rwa/index.html").select_one("p.glossary-summary")
    assert "like a stablecoin" in summary.get_text() and summary.find("a") is None
    assert page("glossary/index.html").select("a.glossary-link") == []
    news = page("news/a/index.html")
    assert "stablecoin" in news.select_one("dl.regkb-meta").get_text()
    assert news.select("a.glossary-link") == []


def test_tag_listings_are_not_linked_whatever_the_plugin_order(tmp_path):
    """Material's tags plugin fills its listings in ``on_env`` (priority 100); the linking
    walk runs before it (110) even when ``tags`` is listed first, so a listing's tag names
    are neither linked nor counted as mentions."""
    pages = glossary_pages()
    pages["tags.md"] = "# Tags\n\n<!-- material/tags -->\n"
    pages["news/a.md"] = (
        "---\ntitle: Rules\nkind: article\ndate: 2025-01-01\ntags: [stablecoin]\n---\n\n"
        "Text about a stablecoin.\n"
    )
    plugins = ["tags", "regkb-documents", "regkb-glossary", "search"]
    cfg = load_config(str(write_site(tmp_path, pages, plugins=plugins)))
    build(cfg)
    assert cfg.plugins["regkb-glossary"].mentions["glossary/stablecoin.md"] == {"news/a.md": 1}
    html = (tmp_path / "site" / "tags" / "index.html").read_text(encoding="utf-8")
    tags = BeautifulSoup(html, "html.parser").select_one("article")
    assert "stablecoin" in tags.get_text()
    assert tags.select("a.glossary-link") == []


def test_a_term_s_text_is_cleaned_like_a_document_s(tmp_path):
    """Term files are written by many hands like documents; their raw HTML reached the
    site unchanged (a ``<script>``, an ``onerror``, a ``javascript:`` link)."""
    pages = glossary_pages()
    pages["glossary/zed.md"] = (
        "---\nterm: Zed term\nsummary: A made-up term.\n---\n\n"
        "See <script>alert(1)</script> <img src=x onerror=alert(2)> "
        "[j](javascript:alert(3)) and <abbr title='Real World Assets'>RWA</abbr>.\n"
    )
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok, result.warnings()
    article = BeautifulSoup(result.read("glossary/zed/index.html"), "html.parser").article
    assert article.find("script") is None
    assert not [tag for tag in article.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert not [a for a in article.find_all("a") if "javascript" in a.get("href", "")]
    assert article.find("abbr", title="Real World Assets") is not None  # inert HTML stays
    assert "See" in article.get_text() and "RWA" in article.get_text()
