"""regkb-tags: a page per tag, chips that lead there, and a tags page that lists the tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitebuilder import BuildResult, build_site

PLUGINS = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search", "tags", "regkb-tags"]
# Quotes, brackets, braces and an ampersand: text on every page that shows it.
HOSTILE = 'Q&A "x"]} -- {include: [stablecoin]}'


def doc(title: str, tags: list[str], date: str = "2026-02-06", extra: str = "") -> str:
    return (
        f"---\ntitle: {json.dumps(title)}\nkind: article\ndate: {date}\n"
        f"tags: {json.dumps(tags, ensure_ascii=False)}\n{extra}---\n\n# {title}\n\nText.\n"
    )


PAGES = {
    "index.md": "# Home\n",
    "tags.md": "# Tags\n\nThe tags.\n\n<!-- material/tags -->\n",
    "news/a.md": doc("Alpha", ["stablecoin", "RWA"]),
    "news/b.md": doc("Beta", ["stablecoin", HOSTILE]),
    "news/c.md": doc("Gamma", ["rwa", "中文"], date="2026-09-01"),
    "news/d.md": doc("Delta", ["RWA"], extra="hide: [tags]\n"),
    "glossary/index.md": "# Glossary\n",
    "glossary/oracle.md": (
        "---\nterm: Oracle\nsummary: A feed of outside data.\ntags: [infrastructure]\n---\n\n"
        "An oracle.\n"
    ),
    "guide.md": "---\ntags: [editors]\n---\n\n# Guide\n",
}


def build(tmp_path: Path, pages: dict[str, str] | None = None, plugins=None) -> BuildResult:
    result = build_site(tmp_path, pages or PAGES, plugins=plugins or PLUGINS)
    assert result.ok, (result.error, result.warnings())
    return result


def soup(result: BuildResult, rel: str) -> BeautifulSoup:
    return BeautifulSoup(result.read(rel), "html.parser")


def listed(result: BuildResult, rel: str, *, ordered: bool = False) -> list[str]:
    """Titles a tag page lists, in its order or sorted."""
    article = soup(result, rel).find("article")
    titles = [a.get_text(strip=True) for a in article.select("ul.regkb-tag-page__pages li a")]
    return titles if ordered else sorted(titles)


def test_each_tag_has_a_page_listing_the_pages_that_carry_it(tmp_path: Path) -> None:
    result = build(tmp_path)
    assert listed(result, "tags/stablecoin/index.html") == ["Alpha", "Beta"]
    # RWA and rwa are one slug: one page, named by the spelling most pages use.
    rwa = soup(result, "tags/rwa/index.html")
    assert rwa.find("h1").get_text(strip=True) == "Tag: RWA"
    assert listed(result, "tags/rwa/index.html") == ["Alpha", "Delta", "Gamma"]
    assert listed(result, "tags/中文/index.html") == ["Gamma"]
    # Tags of glossary terms and of other pages have pages too.
    assert listed(result, "tags/infrastructure/index.html") == ["Oracle"]
    assert listed(result, "tags/editors/index.html") == ["Guide"]
    # Dated documents newest first (then by title), undated ones next, other pages last.
    assert listed(result, "tags/rwa/index.html", ordered=True) == ["Gamma", "Alpha", "Delta"]
    intro = rwa.find(class_="regkb-tag-page__intro")
    assert intro.get_text(" ", strip=True).startswith("3 pages tagged “RWA”.")
    assert intro.find("a")["href"] == "../../timeline/tag/rwa/"


def test_chips_and_the_panel_lead_to_the_tag_pages(tmp_path: Path) -> None:
    result = build(tmp_path)
    chips = soup(result, "news/a/index.html").find("nav", class_="md-tags")
    hrefs = sorted(a["href"].split("#")[0] for a in chips.find_all("a"))
    assert hrefs == ["../../tags/rwa/", "../../tags/stablecoin/"]
    # Delta hides the chips: its panel's tags row links the tag page instead.
    row = soup(result, "news/d/index.html").find(class_="regkb-meta__tags")
    assert row.find("a", class_="regkb-tag")["href"] == "../../tags/rwa/"


def test_the_tags_page_lists_the_tags_not_every_tagged_page(tmp_path: Path) -> None:
    result = build(tmp_path)
    page = soup(result, "tags/index.html")
    items = page.find("ul", class_="regkb-tag-list").find_all("li")
    counts = {
        li.a.get_text(strip=True): li.find(class_="regkb-tag-list__count").get_text(strip=True)
        for li in items
    }
    assert counts["RWA"] == "3" and counts["stablecoin"] == "2" and counts["中文"] == "1"
    assert counts["editors"] == "1" and counts["infrastructure"] == "1"
    assert page.find("ul", class_="regkb-tag-list").find("a", string="RWA")["href"] == "rwa/"
    article = page.find("article").get_text(" ", strip=True)
    assert "Alpha" not in article and "Gamma" not in article  # no page listed here


def test_a_tag_name_with_quotes_and_brackets_is_text(tmp_path: Path) -> None:
    build(tmp_path)
    pages = sorted((tmp_path / "site" / "tags").glob("*/index.html"))
    hostile = [p for p in pages if p.parent.name.startswith("q-a")]
    assert len(hostile) == 1, [p.parent.name for p in pages]
    page = BeautifulSoup(hostile[0].read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text() == f"Tag: {HOSTILE}"
    assert [a.get_text(strip=True) for a in page.select("article ul li a")] == ["Beta"]
    assert "Q&amp;A &quot;x&quot;" in hostile[0].read_text(encoding="utf-8")


def test_a_tag_with_markup_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    """Material prints tag names as they are: ``<`` in one would be HTML on every page
    showing the tag, so the build refuses it, for documents and glossary terms alike."""
    pages = {
        **PAGES,
        "news/b.md": doc("Beta", ["stablecoin", "<script>alert(1)</script>"]),
        "glossary/oracle.md": PAGES["glossary/oracle.md"].replace("[infrastructure]", "[<b>]"),
        "guide.md": "---\ntags: [editors, <i>]\n---\n\n# Guide\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS)
    assert not result.ok
    warnings = "\n".join(result.warnings())
    assert "news/b.md:5" in warnings and "holds < or >" in warnings
    assert "glossary/oracle.md:4" in warnings
    assert "guide.md:2: tag '<i>' left out" in warnings
    assert warnings.count("<b>") == 1  # said once, with its line
    built = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    assert not any("<script>alert(1)" in html or "<i>" in html for html in built)


def test_tags_material_cannot_take_cost_the_page_its_bad_tags_not_the_build(
    tmp_path: Path,
) -> None:
    """Material's tags plugin stops the whole build on ``tags: rwa`` (a single word, which
    the schema accepts), on a list inside the list and on an empty item. The page keeps
    the tags it can; what it loses is reported with the file and line, once."""
    pages = {
        **PAGES,
        "news/a.md": doc("Alpha", []).replace("tags: []", "tags: stablecoin"),
        "news/b.md": doc("Beta", []).replace("tags: []", "tags: [[a, b], RWA, null]"),
        "glossary/oracle.md": PAGES["glossary/oracle.md"].replace(
            "[infrastructure]", "[{a: 1}, infrastructure]"
        ),
        "guide.md": "---\ntags:\n  - editors\n  - [x]\n---\n\n# Guide\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok, (result.error, result.warnings())
    assert listed(result, "tags/stablecoin/index.html") == ["Alpha"]
    assert listed(result, "tags/rwa/index.html") == ["Beta", "Delta", "Gamma"]
    assert listed(result, "tags/infrastructure/index.html") == ["Oracle"]
    assert listed(result, "tags/editors/index.html") == ["Guide"]
    warnings = "\n".join(result.warnings())
    assert "news/b.md:5" in warnings and "glossary/oracle.md:4" in warnings
    assert "guide.md:2: tag ['x'] left out: tags are text" in warnings
    assert "news/a.md" not in warnings  # a single word is a tag
    assert not any("Error reading tags" in m for m in result.messages)


def test_a_tag_left_out_of_an_editors_page_gets_no_page(tmp_path: Path) -> None:
    """The warning said the tag was left out, and its chip was; a page for it, listing
    the page, was made all the same."""
    pages = {**PAGES, "guide.md": '---\ntags: ["About <tag>", editors]\n---\n\n# Guide\n'}
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok, result.error
    assert "guide.md:2: tag 'About <tag>' left out" in "\n".join(result.warnings())
    assert listed(result, "tags/editors/index.html") == ["Guide"]
    assert not (result.site_dir / "tags/about-tag").exists()
    assert "About" not in soup(result, "tags/index.html").find("article").get_text()


def test_tags_that_share_a_page_by_their_urls_alone_are_named(tmp_path: Path) -> None:
    """ "C++", "C#" and "C" are three tags and one URL, tags/c/: the build says so, with
    where each is used. Two spellings of one tag (case, spaces, hyphens) say nothing."""
    pages = {
        **PAGES,
        "news/e.md": doc("Epsilon", ["C++", "Real-World Assets"]),
        "news/f.md": doc("Zeta", ["C#", "real world assets", "Stablecoin"]),
        "guide.md": "---\ntags: [C]\n---\n\n# Guide\n",
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok, result.error
    shared = [w for w in result.warnings() if "share one page" in w]
    assert shared == [
        "WARNING: regkb-tags: tags 'C++' (news/e.md), 'C#' (news/f.md), 'C' (guide.md) share "
        "one page, tags/c/, as their URLs are alike; rename one to keep them apart"
    ], result.warnings()
    assert listed(result, "tags/c/index.html") == ["Epsilon", "Guide", "Zeta"]
    strict = build_site(tmp_path / "strict", pages, plugins=PLUGINS)
    assert not strict.ok


def test_tag_pages_are_reached_from_the_tags_page_not_the_navigation(tmp_path: Path) -> None:
    result = build(tmp_path)
    sidebar = soup(result, "index.html").find("nav", class_="md-nav--primary")
    hrefs = [a["href"] for a in sidebar.find_all("a", href=True)]
    assert "tags/" in hrefs and not any(h.startswith("tags/") and h != "tags/" for h in hrefs)
    assert not any("not included in the" in m and "tags/rwa" in m for m in result.messages)


def test_tag_pages_are_not_search_results(tmp_path: Path) -> None:
    result = build(tmp_path)
    index = json.loads(result.read("search/search_index.json"))
    locations = {entry["location"] for entry in index["docs"]}
    assert not any(loc.startswith("tags/") and loc != "tags/" for loc in locations)
    assert "news/a/" in locations


@pytest.mark.parametrize("path", ["tags/stablecoin/index.md", "tags/stablecoin.md"])
def test_an_editors_own_tag_page_is_published_instead(tmp_path: Path, path: str) -> None:
    pages = {**PAGES, path: "# Stablecoins\n\nOur own words.\n"}
    result = build(tmp_path, pages)
    page = soup(result, "tags/stablecoin/index.html")
    assert "Our own words." in page.get_text() and page.find("h1").get_text().startswith(
        "Stablecoins"
    )
    assert listed(result, "tags/rwa/index.html") == ["Alpha", "Delta", "Gamma"]


def test_without_materials_tags_plugin_it_says_so_and_makes_no_pages(tmp_path: Path) -> None:
    plugins = [p for p in PLUGINS if p != "tags"]
    result = build_site(tmp_path, PAGES, plugins=plugins, strict=False)
    assert result.ok
    assert any("Material's tags plugin is not enabled" in m for m in result.messages)
    assert not (tmp_path / "site" / "tags" / "stablecoin").exists()
