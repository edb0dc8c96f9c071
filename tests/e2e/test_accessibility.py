"""The reader's site against WCAG 2.1 AA, checked by axe-core in a real browser.

axe-core (bundled by the ``axe-playwright-python`` package) runs in Chromium on one page of
each kind the site has, in the light and the dark palette and at phone width, because its
colour, focus and naming rules see what the browser computes: a colour that passes on
white can fail on the panel's grey, and a table scrolls sideways only on a phone. Material's
own defaults are in scope too: a reader does not care whose CSS it was, and an upgrade of
Material that brings a fault back should fail here.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.e2e.conftest import BuiltSite

pytestmark = pytest.mark.e2e

#: (palette, viewport width): light at desktop and phone width, dark at desktop width (the
#: dark palette's colours do not change with the width).
VIEWS = [("light", 1280), ("light", 390), ("dark", 1280)]


def pages_to_check(site: BuiltSite) -> list[str]:
    """One page of each kind: listings, each kind of document, glossary, timelines, tags,
    editors' pages and the not-found page."""
    documents = [
        site.find_document(doc_number="Yinfa [2026] No. 42"),  # a notice, with its panel
        site.find_document(author="crypto insight"),  # an article, dated, with tags
        site.find_document(language="zh"),  # a Chinese page
    ]
    undated = sorted((site.site / "news" / "undated").glob("*/index.html"))
    assert undated, "the corpus site has no undated article"
    timelines = sorted((site.site / "timeline" / "jurisdiction").glob("*/index.html"))
    assert timelines, "the corpus site has no per-jurisdiction timeline"
    rel = [p.parent.relative_to(site.site).as_posix() + "/" for p in (undated[0], timelines[0])]
    return [
        "",
        "news/",
        "regulations/",
        *documents,
        *rel,
        "glossary/",
        "glossary/stablecoin/",
        "timeline/",
        "tags/",
        "tags/stablecoin/",
        "contributing/",
        "search-setup/",
        "404.html",
    ]


def describe(url: str, violation: dict) -> str:
    """One violation as a line a reader of the test output can act on."""
    nodes = violation["nodes"]
    where = "; ".join(
        f"{' '.join(map(str, n['target']))}: {n.get('failureSummary', '').splitlines()[-1].strip()}"
        for n in nodes[:3]
    )
    more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
    return f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}: {where}{more}"


@pytest.mark.parametrize(("scheme", "width"), VIEWS, ids=[f"{s}-{w}" for s, w in VIEWS])
def test_pages_have_no_accessibility_violations(
    browser, site_url: str, built_site: BuiltSite, scheme: str, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    try:
        for rel in pages_to_check(built_site):
            page.goto(urljoin(site_url, rel))  # waits for "load": styles and scripts are in
            # Colours are read as computed: let Material's 125 ms colour transitions end.
            page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
            scheme_used = page.evaluate("() => document.body.dataset.mdColorScheme")
            assert scheme_used == ("slate" if scheme == "dark" else "default"), rel
            result = axe.run(page, options={"resultTypes": ["violations"]})
            problems += [describe(rel or "/", v) for v in result.response["violations"]]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
