"""The reader's site in a real browser: search, glossary tooltips, timeline, anchors,
console errors, requests and screenshots."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e

NOTICE = {"doc_number": "Yinfa [2026] No. 42"}


def search(page, site_url: str, query: str) -> list[str]:
    """Type ``query`` into Material's header search; return result URLs (paths) in order."""
    if not page.url.startswith(site_url):
        page.goto(site_url)
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    # Material searches on keyboard events; a final key press makes it read the value.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # Material renders results in batches; wait until the list stops growing, then read
    # every link in one call so the list cannot change under the loop.
    selector = ".md-search-result__item > a.md-search-result__link"
    count = -1
    for _ in range(20):
        page.wait_for_timeout(100)
        now = page.locator(selector).count()
        if now == count:
            break
        count = now
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    return [urlsplit(h).path for h in hrefs]


def test_search_finds_documents_by_term_alias_number_and_chinese(
    page, site_url: str, built_site
) -> None:
    notice = "/" + built_site.find_document(**NOTICE)
    zh = "/" + built_site.find_document(language="zh")
    privacy = "/" + built_site.find_document(author="crypto insight")
    cases = {
        "stablecoin": {notice, zh},
        "RWA": {notice},
        "Yinfa": {notice},
        "稳定币": {zh},
        "虚拟货币": {zh},
        "zero-knowledge": {privacy},
        # typed whole, as a Chinese reader writes the number: jieba had cut it into
        # 银发 / 〔2026〕42 / 号 in the index, and the query was one word (no results)
        "银发〔2026〕42号": {notice},
        "42号": {notice},
    }
    for query, expected in cases.items():
        results = search(page, site_url, query)
        top = set(results[:5])
        assert expected & top, f"{query!r}: expected one of {expected} in top 5, got {results[:5]}"


def test_editors_pages_rank_after_the_documents_and_terms_that_match(page, site_url: str) -> None:
    """The editors' pages mention terms as examples ("稳定币" in the search guide); their
    ``search.boost`` puts them after the term and the documents a reader is looking for."""
    results = search(page, site_url, "稳定币")
    editors = [i for i, url in enumerate(results) if url.rstrip("/").endswith("search-setup")]
    term = results.index("/glossary/stablecoin/")
    assert editors, f"the search guide mentions 稳定币 and should still be found: {results}"
    assert term < min(editors), results


def test_glossary_link_in_notice_opens_term_page_with_tooltip(
    page, site_url: str, built_site
) -> None:
    page.goto(urljoin(site_url, built_site.find_document(**NOTICE)))
    link = page.locator("article a.glossary-link").first
    assert link.count() == 1, "the notice links no glossary term"
    summary = link.get_attribute("title")
    assert summary and len(summary) > 20
    link.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=summary[:30])
    tooltip.first.wait_for(state="visible", timeout=5_000)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    assert "/glossary/" in page.url, (href, page.url)
    assert page.locator("h1").first.inner_text().strip()


def test_escape_dismisses_a_glossary_tooltip_until_focus_moves_on(
    page, site_url: str, built_site
) -> None:
    """A tooltip over the text can be dismissed without moving focus or pointer (WCAG
    1.4.13); the next term reached shows its own again, from the keyboard or the mouse."""
    page.goto(urljoin(site_url, built_site.find_document(**NOTICE)))
    links = page.locator("article a.glossary-link")
    assert links.count() >= 2

    def tooltip_of(n: int):
        link = links.nth(n)
        link.focus()
        page.wait_for_function("e => e.hasAttribute('aria-describedby')", arg=link.element_handle())
        return page.locator("#" + link.get_attribute("aria-describedby"))

    first = tooltip_of(0)
    first.wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Escape")
    first.wait_for(state="hidden", timeout=5_000)
    assert page.evaluate("document.activeElement.classList.contains('glossary-link')")
    page.wait_for_timeout(300)
    assert not first.is_visible(), "the tooltip came back with nothing moved"

    second = tooltip_of(1)
    second.wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Escape")
    second.wait_for(state="hidden", timeout=5_000)
    links.nth(0).hover()  # the pointer, too, brings tooltips back
    first.wait_for(state="visible", timeout=5_000)


def test_timeline_lists_events_in_date_order_and_links_resolve(page, site_url: str) -> None:
    page.goto(urljoin(site_url, "timeline/"))
    times = page.locator("article time[datetime]")
    values = [times.nth(i).get_attribute("datetime") for i in range(times.count())]
    assert len(values) >= 3
    keys = [tuple(int(x) for x in re.findall(r"\d+", v)[:3]) for v in values]
    assert keys == sorted(keys), values
    hrefs = {
        page.locator("article a[href]").nth(i).get_attribute("href")
        for i in range(page.locator("article a[href]").count())
    }
    for href in sorted(h for h in hrefs if h and not h.startswith(("http", "#", "mailto"))):
        response = page.request.get(urljoin(page.url, href))
        assert response.ok, f"{href} -> {response.status}"


def test_timeline_filter_shows_only_the_kinds_ticked(page, site_url: str, browser) -> None:
    """Unticking "published" hides the articles, and the month and year headings left
    empty; the notice issued and in force that day stays while either kind is ticked."""
    page.goto(urljoin(site_url, "timeline/"))
    form = page.locator(".regkb-timeline-filter form")
    form.wait_for(state="visible")
    items = page.locator("ol.regkb-timeline > li.regkb-event")
    total = items.count()
    status = form.locator(".regkb-timeline-filter__status")
    assert status.inner_text() == f"{total} entries"

    def visible(selector: str) -> list[str]:
        nodes = page.locator(selector)
        return [
            nodes.nth(i).inner_text() for i in range(nodes.count()) if nodes.nth(i).is_visible()
        ]

    published = page.locator("li.regkb-event--published")
    form.get_by_label("published").uncheck()
    assert published.count() >= 2 and not any(
        published.nth(i).is_visible() for i in range(published.count())
    )
    shown = visible("ol.regkb-timeline > li.regkb-event")
    assert len(shown) == total - published.count() and shown
    assert status.inner_text() == f"{len(shown)} of {total} entries shown"
    headings = [h.rstrip("¶").strip() for h in visible("article h2[id], article h3[id]")]
    assert "February 2026" in headings and "2026" in headings
    assert "Date unknown" not in headings and "November 2025" not in headings, headings

    form.get_by_label("issued").uncheck()
    joined = page.locator("li.regkb-event--issued.regkb-event--in_force")
    assert joined.count() == 1 and joined.is_visible()  # still "in force"
    form.get_by_label("in force").uncheck()
    assert not joined.is_visible()

    # The choice follows the reader to the next timeline page (same tab): the RWA tag's
    # timeline lists no article, so "published" is not among its kinds.
    page.goto(urljoin(site_url, "timeline/tag/rwa/"))
    other = page.locator(".regkb-timeline-filter form")
    other.wait_for(state="visible")
    assert other.get_by_label("published").count() == 0
    assert not other.get_by_label("in force").is_checked()
    assert other.get_by_label("repealed").is_checked()
    assert "entries shown" in other.locator(".regkb-timeline-filter__status").inner_text()
    for box in ("issued", "in force"):
        other.get_by_label(box).check()
    page.goto(urljoin(site_url, "timeline/"))
    form.wait_for(state="visible")
    assert form.get_by_label("in force").is_checked()  # ticked again on the other page
    assert not form.get_by_label("published").is_checked()  # that page did not list it
    form.get_by_label("published").check()
    assert len(visible("ol.regkb-timeline > li.regkb-event")) == total
    page.emulate_media(media="print")  # no controls on paper
    assert not form.is_visible()
    page.emulate_media(media="screen")
    assert page.console_errors == []

    # Without script: no control that would do nothing, every event.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(urljoin(site_url, "timeline/"))
    assert plain.locator(".regkb-timeline-filter form").count() == 1
    assert not plain.locator(".regkb-timeline-filter form").is_visible()
    assert plain.locator("ol.regkb-timeline > li.regkb-event:visible").count() == total
    context.close()


def test_article_anchor_scrolls_to_the_article(page, site_url: str, built_site) -> None:
    page.goto(urljoin(site_url, built_site.find_document(**NOTICE)) + "#article-13")
    page.wait_for_timeout(300)
    heading = page.locator("#article-13")
    assert heading.count() == 1
    top = heading.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 200, f"#article-13 is at {top}px, not at the top of the viewport"
    assert "13" in heading.inner_text()


def test_no_page_logs_errors_or_requests_other_hosts(page, site_url: str, built_site) -> None:
    pages = [p.relative_to(built_site.site).as_posix() for p in built_site.html_pages()]
    pages = [p for p in pages if p != "404.html"]
    assert len(pages) > 10
    for rel in pages:
        page.goto(urljoin(site_url, rel))
        page.wait_for_load_state("networkidle")
    outside = sorted({u for u in page.requests if urlsplit(u).hostname != "127.0.0.1"})
    outside = [u for u in outside if not u.startswith(("data:", "blob:", "about:"))]
    assert outside == [], outside
    assert page.console_errors == [], page.console_errors


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots(
    browser, site_url: str, built_site, name: str, width: int, height: int
) -> None:
    """Writes screenshots for people to look at; asserts the pages render without
    horizontal overflow at this width."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    targets = {
        "home": "",
        "notice": built_site.find_document(**NOTICE),
        "term": "glossary/stablecoin/",
        "timeline": "timeline/",
    }
    try:
        for label, rel in targets.items():
            pg.goto(urljoin(site_url, rel))
            pg.wait_for_load_state("networkidle")
            path = SCREENSHOTS / f"{label}-{name}.png"
            pg.screenshot(path=str(path), full_page=False)
            assert path.stat().st_size > 5_000
            overflow = pg.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{label} overflows by {overflow}px at {width}px"
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_used_in_rows_read_at_desktop_and_phone_width(browser, site_url: str, width: int) -> None:
    """A term's "Used in" list: at desktop width a table whose dates stay on one line; on a
    phone each row is the title across the width with kind, date and mentions under it,
    nothing scrolled out of sight."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(urljoin(site_url, "glossary/stablecoin/"))
        pg.wait_for_load_state("networkidle")
        rows = pg.evaluate(
            """() => [...document.querySelectorAll('.glossary-used-in tbody tr')].map(tr => {
                const box = td => td.getBoundingClientRect();
                const [title, kind, date, count] = [...tr.cells].map(box);
                const time = tr.cells[2].querySelector('time');
                return {title, kind, date, count, row: tr.getBoundingClientRect(),
                        text: tr.innerText,
                        dateLines: time ? time.getClientRects().length : 1,
                        countLabel: getComputedStyle(tr.cells[3], '::before').content};
            })"""
        )
        assert len(rows) >= 2
        wrap = pg.evaluate(
            """() => { const t = document.querySelector('.glossary-used-in table');
                       const w = t.closest('.md-typeset__scrollwrap') || t;
                       return w.scrollWidth - w.clientWidth; }"""
        )
        assert wrap <= 1, f"the table scrolls sideways by {wrap}px at {width}px"
        for row in rows:
            if width > 800:  # a table: the date cell is one line, beside the title
                assert row["dateLines"] == 1, row["text"]
                assert row["date"]["left"] > row["title"]["right"], row["text"]
            else:  # stacked: kind, date and mentions below a title as wide as the row
                assert row["title"]["width"] > 0.8 * row["row"]["width"], row["text"]
                assert row["kind"]["top"] >= row["title"]["bottom"] - 1, row["text"]
                assert "mentions" in row["countLabel"], row["countLabel"]
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_document_number_stays_on_one_line(browser, site_url: str, built_site, width) -> None:
    """A document number is read as one token: "Yinfa [2026] No." on one line and "42" on
    the next (as on a phone, where the panel has two columns) reads as another number."""
    numbered = [
        p.relative_to(built_site.site).parent.as_posix() + "/"
        for p in built_site.html_pages()
        if "regkb-meta__number" in p.read_text(encoding="utf-8")
    ]
    assert numbered, "the site has no document with a number"
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    try:
        for rel in numbered:
            pg.goto(urljoin(site_url, rel))
            lines = pg.evaluate(
                "() => document.querySelector('.regkb-meta__number code').getClientRects().length"
            )
            assert lines == 1, f"{rel}: the number takes {lines} lines at {width}px"
    finally:
        context.close()


LAYOUT_SHIFTS = """() => new Promise(resolve => {
  let total = 0;
  const sources = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      for (const source of entry.sources) sources.push(source.node ? source.node.nodeName : "?");
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve([total, sources]), 1000);
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_do_not_move_under_the_reader_as_they_load(
    browser, site_url: str, built_site, width: int
) -> None:
    """Nothing the plugins add appears late and pushes the text down (cumulative layout
    shift, as the browser measures it): the timeline filter is in the page from the start,
    pictures have their size."""
    pages = ["", "timeline/", "timeline/tag/stablecoin/", "tags/", "glossary/"]
    pages += ["glossary/stablecoin/", built_site.find_document(**NOTICE)]
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        shifted = {}
        for path in pages:
            tab.goto(urljoin(site_url, path), wait_until="load")
            total, sources = tab.evaluate(LAYOUT_SHIFTS)
            if total > 0.001:
                shifted[path] = (round(total, 4), sources[:5])
        assert not shifted, shifted
    finally:
        context.close()


def test_search_results_say_the_language_of_their_words(page, site_url: str, built_site) -> None:
    """Material draws its results in the browser: the Chinese words in them are marked
    Chinese, as the pages mark them (WCAG 2.1, 3.1.2), and only those."""
    search(page, site_url, "稳定币")
    results = page.locator(".md-search-result__list")
    results.locator("span[lang=zh]").first.wait_for(timeout=5_000)
    marked = results.locator("span[lang]")
    texts = [marked.nth(i).text_content() for i in range(marked.count())]
    assert texts and all(re.search("[\u4e00-\u9fff]", t) for t in texts), texts
    assert {marked.nth(i).get_attribute("lang") for i in range(marked.count())} == {"zh"}
    unmarked = page.evaluate(
        """() => {
          const list = document.querySelector(".md-search-result__list");
          const walker = document.createTreeWalker(list, NodeFilter.SHOW_TEXT);
          const left = [];
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const marked = node.parentElement.closest("[lang]:not(html)");
            if (/[\\u4e00-\\u9fff]/.test(node.data) && !marked) left.push(node.data);
          }
          return left;
        }"""
    )
    assert unmarked == []


def test_a_table_that_starts_to_scroll_after_a_resize_takes_keyboard_focus(
    browser, site_url: str
) -> None:
    """Marked only at load: narrowed afterwards (zoom, a tablet turned), a table scrolled
    sideways but the keyboard could not reach it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(urljoin(site_url, "contributing/"))
        pg.wait_for_load_state("load")
        pg.set_viewport_size({"width": 320, "height": 800})
        pg.wait_for_timeout(300)
        states = pg.evaluate(
            """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(w =>
                   ({scrolls: w.scrollWidth > w.clientWidth, focusable: w.tabIndex === 0}))"""
        )
        scrolling = [s for s in states if s["scrolls"]]
        assert scrolling, "no table of the page scrolls at 320px"
        assert all(s["focusable"] for s in scrolling), states
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_listing_items_line_up_with_the_text_around_them(
    browser, site_url: str, width: int
) -> None:
    """Material's margin for ``ol`` outranked the listing's own: its items sat 10px in."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(urljoin(site_url, "news/"))
        pg.wait_for_load_state("load")
        lefts = pg.evaluate(
            """() => ({item: document.querySelector('.regkb-listing__item')
                          .getBoundingClientRect().left,
                       heading: document.querySelector('article h1')
                          .getBoundingClientRect().left})"""
        )
        assert abs(lefts["item"] - lefts["heading"]) <= 1, lefts
    finally:
        context.close()
