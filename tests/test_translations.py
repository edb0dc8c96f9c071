"""A document in several languages (``translation_of``): linked both ways, listed once."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.numbers import number_across_scripts
from tests.sitebuilder import BuildResult, build_site

PLUGINS = ["regkb-documents", "regkb-timeline", "search"]
SITE_URL = "https://example.org/kb/"

ORIGINAL = """
---
title: 关于进一步防范和处置虚拟货币等相关风险的通知
kind: notice
language: zh
date: 2026-02-06
in_force: 2026-02-06
doc_number: 银发〔2026〕42号
jurisdiction: CN
repeals: ["银发〔2021〕237号"]
---

# 关于进一步防范和处置虚拟货币等相关风险的通知

正文。
"""

TRANSLATION = """
---
title: Notice on Further Preventing and Dealing with Risks Related to Virtual Currency
kind: notice
language: en
date: 2026-02-06
in_force: 2026-02-06
doc_number: Yinfa [2026] No. 42
jurisdiction: CN
repeals: ["Yinfa [2021] No. 237"]
translation_of: 银发〔2026〕42号
---

# Notice on Further Preventing and Dealing with Risks Related to Virtual Currency

Text.
"""

COMMENTARY = """
---
title: Commentary
kind: article
date: 2026-02-07
---

# Commentary

Yinfa [2026] No. 42 was issued yesterday.
"""


def _pages(**extra: str) -> dict[str, str]:
    return {
        "index.md": "# Home\n",
        "regulations/2026/yinfa-zh.md": ORIGINAL,
        "regulations/2026/yinfa-en.md": TRANSLATION,
        "news/commentary.md": COMMENTARY,
        **extra,
    }


def _french(doc_number: str, translation_of: str = "银发〔2026〕42号") -> str:
    """The translation's page as a French one, with its own number."""
    return (
        TRANSLATION.replace("language: en", "language: fr")
        .replace("doc_number: Yinfa [2026] No. 42", f"doc_number: {doc_number}")
        .replace("translation_of: 银发〔2026〕42号", f"translation_of: {translation_of}")
    )


def _build(root: Path, pages: dict[str, str]) -> BuildResult:
    return build_site(root, pages, plugins=PLUGINS, extra={"site_url": SITE_URL})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = _build(tmp_path_factory.mktemp("translations"), _pages())
    assert result.ok, result.messages
    assert result.warnings() == []
    return result


def _soup(result: BuildResult, rel: str) -> BeautifulSoup:
    return BeautifulSoup(result.read(rel), "html.parser")


def _versions_row(soup: BeautifulSoup):
    return soup.select_one("dl.regkb-meta .regkb-meta__languages")


def test_each_version_links_the_others_named_in_their_own_language(site: BuildResult) -> None:
    english = _soup(site, "regulations/2026/yinfa-en/index.html")
    row = _versions_row(english)
    assert row.dt.get_text() == "Other languages"
    (link,) = row.select("a")
    assert link.get_text() == "中文" and link["href"] == "../yinfa-zh/"
    assert link["hreflang"] == "zh" and link["lang"] == "zh"
    assert row.dd.get_text(" ", strip=True) == "中文 (original)"

    chinese = _soup(site, "regulations/2026/yinfa-zh/index.html")
    row = _versions_row(chinese)
    (link,) = row.select("a")
    assert (link.get_text(), link["href"], link["lang"]) == ("English", "../yinfa-en/", "en")
    assert "original" not in row.dd.get_text()
    # a document in one language has no such row
    assert _versions_row(_soup(site, "news/commentary/index.html")) is None


def test_listings_show_each_version_with_a_link_to_the_others(site: BuildResult) -> None:
    listing = _soup(site, "regulations/index.html").select_one("article")
    meta = {
        item.select_one(".regkb-listing__title").get_text(): item.select_one(".regkb-listing__meta")
        for item in listing.select(".regkb-listing__item")
    }
    assert len(meta) == 2
    english = meta[TRANSLATION.split("title: ")[1].split("\n")[0]]
    assert english.get_text(" ", strip=True).endswith("also in 中文 (original)")
    assert english.a["href"] == "2026/yinfa-zh/"
    chinese = meta["关于进一步防范和处置虚拟货币等相关风险的通知"]
    assert chinese.get_text(" ", strip=True).endswith("also in English")


def test_pages_name_their_alternates_for_search_engines(site: BuildResult) -> None:
    for rel in ("regulations/2026/yinfa-en/index.html", "regulations/2026/yinfa-zh/index.html"):
        alternates = {
            link["hreflang"]: link["href"]
            for link in _soup(site, rel).head.select('link[rel="alternate"][hreflang]')
        }
        assert alternates == {
            "zh": SITE_URL + "regulations/2026/yinfa-zh/",
            "en": SITE_URL + "regulations/2026/yinfa-en/",
        }, rel
    assert not _soup(site, "news/commentary/index.html").head.select("link[hreflang]")


def test_the_timeline_lists_the_document_once_by_its_original(site: BuildResult) -> None:
    timeline = _soup(site, "timeline/index.html").select_one("article")
    items = timeline.select("ol.regkb-timeline > li")
    docs = [li.select_one(".regkb-event__doc").get_text(" ", strip=True) for li in items]
    assert not [d for d in docs if "Notice on Further" in d], docs
    (item,) = [li for li in items if "关于进一步" in li.get_text()]
    assert [k.get_text() for k in item.select(".regkb-event__kind")] == ["issued", "in force"]
    versions = item.select_one(".regkb-event__versions")
    assert versions.get_text(" ", strip=True) == "also in English"
    assert versions.a["href"] == "../regulations/2026/yinfa-en/" and versions.a["lang"] == "en"
    # The repeal is the original's: the translation's (by its English number) is not added.
    assert [d for d in docs if "237" in d] == ["银发〔2021〕237号"]

    data = json.loads(site.read("timeline.json"))
    urls = {e["url"] for e in data["events"]}
    assert "regulations/2026/yinfa-en/" not in urls
    issued = next(e for e in data["events"] if e["url"] == "regulations/2026/yinfa-zh/")
    assert issued["versions"] == [{"language": "en", "url": "regulations/2026/yinfa-en/"}]


def test_the_originals_line_is_on_the_timelines_of_its_translations_tags(
    tmp_path: Path,
) -> None:
    tagged = TRANSLATION.replace("jurisdiction: CN\n", "jurisdiction: CN\ntags: [RWA]\n", 1)
    result = _build(tmp_path, _pages(**{"regulations/2026/yinfa-en.md": tagged}))
    assert result.ok, result.messages
    page = _soup(result, "timeline/tag/rwa/index.html").select_one("article")
    titles = [a.get_text(" ", strip=True) for a in page.select(".regkb-event__doc")]
    # the document, by its original, and the repeal that it dates
    assert titles == [
        "关于进一步防范和处置虚拟货币等相关风险的通知 银发〔2026〕42号",
        "银发〔2021〕237号",
    ]


def test_the_translation_keeps_its_own_events_on_its_page(site: BuildResult) -> None:
    page = _soup(site, "regulations/2026/yinfa-en/index.html")
    own = [li.get_text(" ", strip=True) for li in page.select("ol.regkb-doc-events > li")]
    assert own[:2] == ["Issued 6 February 2026", "In force 6 February 2026"], own
    # Its number still names it: the commentary links to the English page.
    commentary = _soup(site, "news/commentary/index.html").select_one("article")
    assert commentary.find("a", string="Yinfa [2026] No. 42")["href"] == (
        "../../regulations/2026/yinfa-en/"
    )


def test_a_translation_dated_where_the_original_is_not_keeps_its_event(tmp_path: Path) -> None:
    undated = ORIGINAL.replace("date: 2026-02-06\n", "")
    french = _french("Yinfa [2026] n° 42").replace("title: Notice", "title: Avis")
    pages = _pages(
        **{"regulations/2026/yinfa-zh.md": undated, "regulations/2026/yinfa-fr.md": french}
    )
    result = _build(tmp_path, pages)
    assert result.ok, result.messages
    data = json.loads(result.read("timeline.json"))
    kept = sorted((e["kind"], e["url"]) for e in data["events"] if e["url"] and "yinfa" in e["url"])
    assert kept == [
        ("in_force", "regulations/2026/yinfa-zh/"),  # the original gives it
        ("issued", "regulations/2026/yinfa-en/"),  # the original does not: the first translation
    ]


def test_a_path_names_the_original_and_translations_of_translations_join_it(
    tmp_path: Path,
) -> None:
    by_path = TRANSLATION.replace(
        "translation_of: 银发〔2026〕42号", "translation_of: /regulations/2026/yinfa-zh"
    )
    french = _french("Yinfa [2026] n° 42 (fr)", translation_of="Yinfa [2026] No. 42")
    pages = _pages(
        **{"regulations/2026/yinfa-en.md": by_path, "regulations/2026/yinfa-fr.md": french}
    )
    result = _build(tmp_path, pages)
    assert result.ok, result.messages
    original = _versions_row(_soup(result, "regulations/2026/yinfa-zh/index.html"))
    assert [a.get_text() for a in original.select("a")] == ["English", "Français"]
    french_page = _versions_row(_soup(result, "regulations/2026/yinfa-fr/index.html"))
    assert french_page.dd.get_text(" ", strip=True) == "中文 (original), English"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Yinfa [1999] No. 1", "is neither the number nor the path of a document"),
        ("Yinfa [2026] No. 42", "leads back to this page, not to an original"),
    ],
)
def test_a_reference_that_leads_nowhere_fails_the_strict_build_at_its_line(
    tmp_path: Path, reference: str, expected: str
) -> None:
    broken = TRANSLATION.replace("translation_of: 银发〔2026〕42号", f"translation_of: {reference}")
    result = build_site(
        tmp_path, _pages(**{"regulations/2026/yinfa-en.md": broken}), plugins=PLUGINS, strict=True
    )
    assert not result.ok
    line = broken.lstrip("\n").splitlines().index(f"translation_of: {reference}") + 1
    assert any(
        f"regulations/2026/yinfa-en.md:{line}: field 'translation_of':" in m and expected in m
        for m in result.warnings()
    ), result.warnings()


def test_a_translation_in_its_original_s_language_is_reported_not_joined(tmp_path: Path) -> None:
    """Joined, both pages said "Other languages: 中文" and carried two hreflang="zh" links;
    most often the translation's `language:` was left out (then it is the site's)."""
    same = TRANSLATION.replace("language: en", "language: zh")
    result = build_site(
        tmp_path, _pages(**{"regulations/2026/yinfa-en.md": same}), plugins=PLUGINS, strict=True
    )
    assert not result.ok
    line = same.lstrip("\n").splitlines().index("translation_of: 银发〔2026〕42号") + 1
    assert any(
        f"regulations/2026/yinfa-en.md:{line}: field 'translation_of':" in m
        and "is in 'zh' like this page: give this page its own `language:`" in m
        for m in result.warnings()
    ), result.warnings()
    loose = build_site(
        tmp_path / "loose",
        _pages(**{"regulations/2026/yinfa-en.md": same}),
        plugins=PLUGINS,
        strict=False,
    )
    page = loose.read("regulations/2026/yinfa-en/index.html")
    assert 'hreflang="zh"' not in page


def test_a_traditional_chinese_translation_of_a_simplified_original_is_joined(
    tmp_path: Path,
) -> None:
    hans = ORIGINAL.replace("language: zh", "language: zh-Hans")
    hant = TRANSLATION.replace("language: en", "language: zh-Hant")
    pages = _pages(**{"regulations/2026/yinfa-zh.md": hans, "regulations/2026/yinfa-en.md": hant})
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=True)
    assert result.ok, result.warnings()
    assert 'hreflang="zh-Hans"' in result.read("regulations/2026/yinfa-en/index.html")


def test_hostile_titles_and_references_stay_text(tmp_path: Path) -> None:
    hostile = TRANSLATION.replace(
        "title: Notice on Further", 'title: "<script>alert(1)</script> Notice on Further'
    ).replace("Virtual Currency\nkind", 'Virtual Currency"\nkind', 1)
    original = ORIGINAL.replace("title: 关于", 'title: "<img src=x onerror=alert(1)>关于').replace(
        "通知\nkind", '通知"\nkind', 1
    )
    pages = _pages(
        **{"regulations/2026/yinfa-en.md": hostile, "regulations/2026/yinfa-zh.md": original}
    )
    result = _build(tmp_path, pages)
    assert result.ok, result.messages
    for rel in ("regulations/2026/yinfa-en/index.html", "timeline/index.html"):
        article = _soup(result, rel).select_one("article")
        assert article.find("script") is None and article.find("img") is None, rel


def test_a_very_long_reference_is_reported_shortened(tmp_path: Path) -> None:
    long = TRANSLATION.replace("translation_of: 银发〔2026〕42号", "translation_of: " + "x" * 5000)
    result = build_site(
        tmp_path, _pages(**{"regulations/2026/yinfa-en.md": long}), plugins=PLUGINS, strict=True
    )
    assert not result.ok
    (message,) = [m for m in result.warnings() if "translation_of" in m]
    assert "xxx..." in message and len(message) < 300, len(message)


def test_two_pages_naming_each_other_are_both_reported(tmp_path: Path) -> None:
    circular = ORIGINAL.replace("repeals:", "translation_of: Yinfa [2026] No. 42\nrepeals:")
    result = build_site(
        tmp_path,
        _pages(**{"regulations/2026/yinfa-zh.md": circular}),
        plugins=PLUGINS,
        strict=True,
    )
    assert not result.ok
    reported = [m for m in result.warnings() if "leads back to this page" in m]
    assert {m.split(":", 2)[1].strip() for m in reported} == {
        "regulations/2026/yinfa-zh.md",
        "regulations/2026/yinfa-en.md",
    }, result.warnings()


def test_a_term_mentioned_in_both_versions_lists_the_document_once(tmp_path: Path) -> None:
    term = (
        "---\nterm: Virtual currency\naliases: [虚拟货币]\n"
        "summary: Crypto assets as Chinese regulators name them.\n---\n\nBody.\n"
    )
    pages = _pages(
        **{
            "regulations/2026/yinfa-zh.md": ORIGINAL.replace("正文。", "虚拟货币不是法定货币。"),
            "regulations/2026/yinfa-en.md": TRANSLATION.replace(
                "Text.", "Virtual currency is not legal tender."
            ),
            "glossary/virtual-currency.md": term,
        }
    )
    plugins = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search"]
    result = build_site(tmp_path, pages, plugins=plugins, extra={"site_url": SITE_URL})
    assert result.ok, result.messages
    page = _soup(result, "glossary/virtual-currency/index.html")
    used_in = page.select(".glossary-used-in td a")
    assert len(used_in) == 2  # "Used in" lists pages: both mention the term
    (item,) = page.select("section.regkb-term-timeline li.regkb-event")
    assert item.select_one(".regkb-event__doc").get_text().startswith("关于进一步")
    assert item.select_one(".regkb-event__versions").get_text(" ", strip=True) == (
        "also in English"
    )


def test_feed_entries_link_the_other_versions(site: BuildResult) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(site.read("feed.xml"))
    links = {}
    for entry in feed.findall(f"{atom}entry"):
        own = entry.find(f"{atom}link").get("href")
        links[own] = [
            (link.get("hreflang"), link.get("href"))
            for link in entry.findall(f"{atom}link")
            if link.get("hreflang")
        ]
    assert links[SITE_URL + "regulations/2026/yinfa-en/"] == [
        ("zh", SITE_URL + "regulations/2026/yinfa-zh/")
    ]
    assert links[SITE_URL + "regulations/2026/yinfa-zh/"] == [
        ("en", SITE_URL + "regulations/2026/yinfa-en/")
    ]
    assert links[SITE_URL + "news/commentary/"] == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("银发〔2026〕42号", "Yinfa [2026] No. 42"),
        ("银发[2026]42号", "Yin Fa (2026) No.42"),
        ("国办发〔2017〕99号", "GUOBANFA [2017] NO. 99"),
    ],
)
def test_one_number_in_two_scripts_has_one_key(one: str, other: str) -> None:
    assert number_across_scripts(one) == number_across_scripts(other) is not None


def test_a_character_without_a_known_reading_gives_no_key() -> None:
    """Found by the property test: pypinyin returns 鿖 (U+9FD6) as it is; such a number has
    no romanised writing to match, so no key (not one holding the character)."""
    assert number_across_scripts("鿖〔1900〕1号") is None
    assert number_across_scripts("鿖 [1900] No. 1") is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("银发〔2026〕42号", "Yinfa [2026] No. 43"),
        ("银发〔2026〕42号", "Yinfa [2025] No. 42"),
        ("发改环资〔2021〕1283号", "NDRC Energy-saving Building [2021] No. 1283"),
    ],
)
def test_different_numbers_keep_different_keys(one: str, other: str) -> None:
    assert number_across_scripts(one) != number_across_scripts(other)


def test_a_number_cited_in_pinyin_links_the_chinese_page(tmp_path: Path) -> None:
    """Only the Chinese original is on the site: the English commentary's "Yinfa [2026]
    No. 42" links it, and a repeal written "Yinfa [2021] No. 237" reaches 银发〔2021〕237号."""
    old = (
        "---\ntitle: 关于进一步防范和处置虚拟货币交易炒作风险的通知\nkind: notice\n"
        "language: zh\ndate: 2021-09-15\ndoc_number: 银发〔2021〕237号\n---\n\n正文。\n"
    )
    later = COMMENTARY.replace("was issued yesterday.", "repeals Yinfa [2021] No. 237.")
    later = later.replace(
        "date: 2026-02-07\n", 'date: 2026-02-07\nrepeals: ["Yinfa [2021] No. 237"]\n'
    )
    pages = {
        "index.md": "# Home\n",
        "regulations/2026/yinfa-zh.md": ORIGINAL,
        "regulations/2021/old-zh.md": old,
        "news/commentary.md": later,
    }
    result = _build(tmp_path, pages)
    assert result.ok and result.warnings() == [], result.messages
    article = _soup(result, "news/commentary/index.html").select_one("article")
    hrefs = {a.get_text(): a["href"] for a in article.select("a.regkb-ref")}
    assert hrefs["Yinfa [2026] No. 42"] == "../../regulations/2026/yinfa-zh/"
    assert hrefs["Yinfa [2021] No. 237"] == "../../regulations/2021/old-zh/"
    old_page = _soup(result, "regulations/2021/old-zh/index.html")
    repealed_by = old_page.select_one("section.regkb-backlinks")
    assert "Commentary" in repealed_by.get_text()
    data = json.loads(result.read("timeline.json"))
    repeals = [e for e in data["events"] if e["kind"] == "repealed"]
    assert {e["url"] for e in repeals} == {"regulations/2021/old-zh/"}  # one document


def test_two_unjoined_pages_with_one_number_get_a_hint_and_no_guess(tmp_path: Path) -> None:
    unjoined = TRANSLATION.replace("translation_of: 银发〔2026〕42号\n", "")
    cited = COMMENTARY.replace("Yinfa [2026] No. 42", "Yin Fa [2026] No. 42")
    pages = _pages(**{"regulations/2026/yinfa-en.md": unjoined, "news/commentary.md": cited})
    result = build_site(tmp_path, pages, plugins=PLUGINS, extra={"site_url": SITE_URL}, strict=True)
    assert result.ok, result.messages  # a hint, not a warning
    hints = [m for m in result.messages if "one number in two writings" in m]
    assert len(hints) == 1 and "regulations/2026/yinfa-en.md" in hints[0], result.messages
    assert "regulations/2026/yinfa-zh.md" in hints[0]
    # "Yin Fa [2026] No. 42" could be either page: it is not linked
    article = _soup(result, "news/commentary/index.html").select_one("article")
    assert article.select("a.regkb-ref") == []
    # joined, the same citation links the original
    joined = build_site(
        tmp_path / "joined", _pages(**{"news/commentary.md": cited}), plugins=PLUGINS
    )
    article = _soup(joined, "news/commentary/index.html").select_one("article")
    assert article.select_one("a.regkb-ref")["href"] == "../../regulations/2026/yinfa-zh/"
    assert not [m for m in joined.messages if "one number in two writings" in m]
