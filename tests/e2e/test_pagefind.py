"""The Pagefind engine of ``regkb-search`` in a real browser.

A generated site (English documents, one Chinese page, one notice with a document number)
is built with ``engine: pagefind`` and served from a sub-path (``/site/``) on 127.0.0.1, so
the tests also check that the bundle and the result links work below the host's root.

Each search prints what the browser downloaded from focusing the box until the results
showed, and how long that took; nothing asserts a time. ``REGKB_PAGEFIND_DOCS=2000``
builds a larger site for the same measurement.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.page_load import serve
from tests.sitebuilder import build_site

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
DOCS = max(30, int(os.environ.get("REGKB_PAGEFIND_DOCS", "30")))
PREFIX = "/site/"  # the site is served below the host's root
FIRST_SEARCH_BUDGET = 500_000  # bytes a first search may download

TOPICS = [
    "mining", "custody", "payments", "tokenization", "lending", "exchanges", "taxation",
    "auditing", "licensing", "sanctions", "privacy", "settlement", "derivatives", "wallets",
]  # fmt: skip
WORDS = [
    "regulator", "authority", "market", "risk", "investor", "capital", "bank", "reserve",
    "ledger", "compliance", "report", "filing", "disclosure", "framework", "guidance",
    "consultation", "license", "supervision", "asset", "liability", "trading", "platform",
    "service", "provider", "customer", "identity", "transfer", "record", "audit", "policy",
    "rule", "enforcement", "penalty", "court", "ruling", "appeal", "jurisdiction", "treaty",
]  # fmt: skip


def _english_doc(rng: random.Random, i: int) -> str:
    topic = TOPICS[i % len(TOPICS)]
    words = [rng.choice(WORDS) for _ in range(rng.randint(150, 400))]
    words += [f"term{rng.randint(0, 20_000)}" for _ in range(20)]  # a wide vocabulary
    body = " ".join(words)
    month = 1 + i % 12
    return (
        f"---\ntitle: Note {i} on {topic}\nkind: article\ndate: 2025-{month:02d}-01\n"
        f"tags: [{topic}]\n---\n\n# Note {i} on {topic}\n\n{body}.\n\n"
        f"## Details {{#details}}\n\nMore about {topic}: {' '.join(words[:40])}.\n"
    )


def site_pages(count: int) -> dict[str, str]:
    """``count`` documents: generated English notes, plus the three the tests look for."""
    rng = random.Random(42)
    pages = {
        "index.md": "# Home\n\nNews and regulation.\n",
        "news/stablecoin-explainer.md": (
            "---\ntitle: What a stablecoin promises\nkind: article\ndate: 2025-11-10\n---\n\n"
            "# What a stablecoin promises\n\nA stablecoin is a token that tries to keep a "
            "steady price against a fiat currency.\n"
        ),
        "news/zh-explainer.md": (
            "---\ntitle: 稳定币与虚拟货币：中国监管要点解读\nkind: article\ndate: 2025-12-01\n"
            "language: zh\n---\n\n# 稳定币与虚拟货币：中国监管要点解读\n\n"
            "中国人民银行发布通知，虚拟货币相关业务活动属于非法金融活动。\n\n"
            "## 什么是稳定币 {#what}\n\n稳定币是一种试图保持价格稳定的代币。\n"
        ),
        "regulations/yinfa-2026-no-42.md": (
            "---\ntitle: Notice on Preventing Risks Related to Virtual Currency\nkind: notice\n"
            "date: 2026-02-06\ndoc_number: Yinfa [2026] No. 42\njurisdiction: CN\n---\n\n"
            "# Notice on Preventing Risks Related to Virtual Currency\n\n"
            "## Article 1 {#article-1}\n\nVirtual currency is not legal tender.\n"
        ),
        "news/e-cny-pilot.md": (
            "---\ntitle: The e-CNY (数字人民币) pilot widens\nkind: article\n"
            "date: 2025-09-01\n---\n\n# The e-CNY (数字人民币) pilot widens\n\n"
            "The walrus-tested 数字人民币 wallet reaches more cities.\n"
        ),
        # Same title word; the guide says it more often but is boosted down, as the site's
        # editors' pages are.
        "news/quokka-rules.md": (
            "---\ntitle: Quokka rules\nkind: article\ndate: 2025-10-01\n---\n\n"
            "# Quokka rules\n\nA new rule names the animal.\n"
        ),
        "quokka-guide.md": (
            "---\nsearch:\n  boost: 0.3\n---\n\n# Quokka guide for editors\n\n"
            "Write quokka, not Quokka; a quokka page names the quokka once.\n"
        ),
    }
    for i in range(count - len(pages) + 1):
        pages[f"news/{2020 + i % 6}/note-{i}.md"] = _english_doc(rng, i)
    return pages


@dataclass
class ServedSite:
    url: str  # http://127.0.0.1:port/site/
    root: Path


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("pagefind-e2e")
    started = time.perf_counter()
    result = build_site(
        root,
        site_pages(DOCS),
        plugins=[
            "regkb-documents",
            {"search": {"jieba_dict_user": str(REPO / "search" / "jieba-user.txt")}},
            # Small shards on the small site, so the browser-side merge of several index
            # shards is what these tests exercise; the plugin's default on large ones.
            {"regkb-search": {"engine": "pagefind", "shard_size": 10 if DOCS <= 100 else 2000}},
        ],
        strict=False,
        # no fonts from a CDN: every request must stay on 127.0.0.1
        # A short nav, as the real site has: a sidebar listing every document would make
        # each page's HTML (and the build) grow with the size of the site.
        extra={
            "theme": {"name": "material", "font": False, "language": "en"},
            "nav": [{"Home": "index.md"}],
            "not_in_nav": "/news/**\n/regulations/**\n",
        },
    )
    assert result.ok, (result.error, result.warnings()[:5])
    print(f"\nbuilt {DOCS} documents with engine: pagefind in {time.perf_counter() - started:.1f}s")
    with serve(root) as base:  # serves root/site/
        yield ServedSite(base.rstrip("/") + PREFIX, root)


@pytest.fixture
def page(browser):
    """A fresh page recording console errors, request URLs and response sizes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.requests = []  # type: ignore[attr-defined]
    pg.responses = []  # type: ignore[attr-defined]

    def on_response(response) -> None:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            size = 0
        pg.responses.append((response.url, size))

    pg.on(
        "console",
        lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    # context-wide, so requests made by Pagefind's web worker are seen too
    context.on("request", lambda req: pg.requests.append(req.url))
    context.on("response", on_response)
    yield pg
    context.close()


def search(page, query: str) -> list[str]:
    """Type ``query`` into the header box; wait for the answer; return result paths."""
    page.click("#regkb-search-input")
    page.fill("#regkb-search-input", query)
    page.wait_for_selector(
        "[data-regkb-search][data-state=results], [data-regkb-search][data-state=empty]",
        state="attached",
        timeout=15_000,
    )
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    return [urlsplit(links.nth(i).get_attribute("href") or "").path for i in range(links.count())]


def test_a_page_boosted_down_ranks_after_the_document(page, pagefind_site: ServedSite) -> None:
    """``search: {boost: 0.3}`` weighs the guide's words less, as in Material's search: the
    document ranks first though the guide says "quokka" five times to its one."""
    page.goto(pagefind_site.url + "news/2020/note-0/")
    results = search(page, "quokka")
    assert results[:2] == [PREFIX + "news/quokka-rules/", PREFIX + "quokka-guide/"], results


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stablecoin", "news/stablecoin-explainer/"),
        ("Yinfa", "regulations/yinfa-2026-no-42/"),
        ("稳定币", "news/zh-explainer/"),
        ("虚拟货币", "news/zh-explainer/"),
    ],
)
def test_first_search_finds_the_page_downloading_little(
    page, pagefind_site: ServedSite, query: str, expected: str
) -> None:
    page.goto(pagefind_site.url + "news/2020/note-0/")
    page.wait_for_load_state("networkidle")
    before = len(page.responses)
    assert not [u for u, _ in page.responses if "/pagefind/" in u], "bundle loaded before use"

    started = time.perf_counter()
    results = search(page, query)
    elapsed = time.perf_counter() - started
    downloaded = page.responses[before:]
    total = sum(size for _, size in downloaded)
    files = len(downloaded)
    print(
        f"\n{DOCS} docs, first search {query!r}: {total / 1000:.1f} kB in {files} responses, "
        f"{elapsed * 1000:.0f} ms to results (headless Chromium, local server)"
    )
    assert PREFIX + expected in results[:5], f"{query!r}: got {results[:5]}"
    assert all(r.startswith(PREFIX) for r in results), results
    assert total < FIRST_SEARCH_BUDGET, downloaded
    assert not [u for u in page.requests if urlsplit(u).hostname != "127.0.0.1"]
    # Material's search stays idle: neither its index nor its worker is fetched
    assert not [u for u in page.requests if "search_index.json" in u or "/workers/search" in u]
    assert page.console_errors == []


def test_chinese_excerpt_reads_without_the_index_spaces(page, pagefind_site: ServedSite) -> None:
    page.goto(pagefind_site.url)
    search(page, "稳定币")
    item = page.locator(".md-search-result__item").filter(has_text="中国监管要点解读").first
    text = item.inner_text()
    assert "稳定币" in text
    assert "中国人民银行发布通知" in text or "稳定币是一种试图保持价格稳定的代币" in text, text
    assert item.locator("mark").count() >= 1
    assert page.console_errors == []


def test_keyboard_slash_focuses_enter_opens_first_result_escape_closes(
    page, pagefind_site: ServedSite
) -> None:
    page.goto(pagefind_site.url + "news/2021/note-1/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "regkb-search-input"
    assert page.is_checked("#__search")  # Material's overlay toggle is on
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert page.evaluate("document.activeElement.id") != "regkb-search-input"

    page.click("#regkb-search-input")
    page.keyboard.type("Yinfa")
    page.keyboard.press("Enter")  # before or after the results arrive: the first one opens
    page.wait_for_url("**/regulations/yinfa-2026-no-42/**", timeout=15_000)
    assert urlsplit(page.url).path == PREFIX + "regulations/yinfa-2026-no-42/"
    assert page.console_errors == []


def test_arrow_keys_walk_the_results_and_show_more_keeps_the_place(
    page, pagefind_site: ServedSite
) -> None:
    """From the box, the arrow keys move through the results (and back up to the box);
    "Show more" works from the keyboard and puts the focus on the first result it added,
    so a keyboard reader carries on where the list grew; Escape closes from the list."""
    page.goto(pagefind_site.url)
    search(page, "regulator")  # in every generated note: more results than one batch
    focus = "document.activeElement"
    items = page.locator(".md-search-result__list > .md-search-result__item")
    batch = items.count() - 1  # the last item holds the button
    assert page.locator(".regkb-search__more").count() == 1
    page.focus("#regkb-search-input")

    page.keyboard.press("ArrowDown")
    first = page.evaluate(f"{focus}.getAttribute('href')")
    assert first == items.first.locator("a").first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(f"{focus}.getAttribute('href')") not in (None, first)
    page.keyboard.press("ArrowUp")
    assert page.evaluate(f"{focus}.getAttribute('href')") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate(f"{focus}.id") == "regkb-search-input"

    for _ in range(60):  # down to the button, past every result's links
        page.keyboard.press("ArrowDown")
        if page.evaluate(f"{focus}.classList.contains('regkb-search__more')"):
            break
    else:
        raise AssertionError("the arrow keys never reached the 'Show more' button")
    page.keyboard.press("ArrowDown")  # the last stop: stays on the button
    assert page.evaluate(f"{focus}.classList.contains('regkb-search__more')")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"{focus}.closest('.md-search-result__item') !== null"
        f" && !{focus}.classList.contains('regkb-search__more')",
        timeout=10_000,
    )
    at = page.evaluate(
        f"[...document.querySelectorAll('.md-search-result__list > li')]"
        f".indexOf({focus}.closest('li'))"
    )
    assert at == batch, f"focus on result {at}, not the first one added ({batch})"
    assert items.count() > batch + 1

    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert page.console_errors == []


def test_result_shows_document_details_and_section_link(page, pagefind_site: ServedSite) -> None:
    page.goto(pagefind_site.url)
    search(page, "legal tender")
    item = page.locator(".md-search-result__item").first
    assert "Notice · 6 February 2026 · Yinfa [2026] No. 42" in item.inner_text()
    hrefs = [
        item.locator("a").nth(i).get_attribute("href") for i in range(item.locator("a").count())
    ]
    assert PREFIX + "regulations/yinfa-2026-no-42/#article-1" in hrefs, hrefs


def test_results_say_the_language_of_their_words(page, pagefind_site: ServedSite) -> None:
    """A Chinese document's result is marked Chinese, its details the site's words; the
    Chinese words of an English result are marked where they stand (WCAG 2.1, 3.1.2)."""
    page.goto(pagefind_site.url)
    search(page, "稳定币")
    item = page.locator(".md-search-result__item").filter(has_text="中国监管要点解读").first
    assert item.locator("article").first.get_attribute("lang") == "zh"
    assert item.locator(".regkb-search__details").get_attribute("lang") == "en"
    search(page, "walrus")
    item = page.locator(".md-search-result__item").filter(has_text="pilot widens").first
    assert item.locator("article").first.get_attribute("lang") is None
    marked = item.locator("h1 span[lang]")
    assert [marked.nth(i).inner_text() for i in range(marked.count())] == ["数字人民币"]
    assert marked.first.get_attribute("lang") == "zh"
    assert item.locator("p span[lang=zh]").count() >= 1  # in the excerpt too
    assert page.console_errors == []
