"""Tests of the ``regkb-search`` plugin: records, segmentation, the Pagefind bundle, and
that ``engine: material`` leaves Material's search exactly as it was."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from plugins.search.bundle import ENTRY_FILE, UI_FILES, write_bundle
from plugins.search.records import (
    PageText,
    SearchRecord,
    Section,
    extract_text,
    page_boost,
    render_record,
)
from plugins.search.segment import Segmenter
from tests.sitebuilder import build_site

REPO = Path(__file__).resolve().parents[1]
JIEBA_USER = REPO / "search" / "jieba-user.txt"

PAGES = {
    "index.md": "# Home\n\nWelcome to the knowledge base about stablecoins.\n",
    "regulations/yinfa-2026-no-42.md": """
        ---
        title: Notice on Preventing Risks Related to Virtual Currency
        kind: notice
        date: 2026-02-06
        doc_number: Yinfa [2026] No. 42
        jurisdiction: CN
        ---

        # Notice on Preventing Risks Related to Virtual Currency

        Intro paragraph about payment tokens.

        ## Article 1 {#article-1}

        Virtual currency does not have the status of legal tender.
        """,
    "news/stablecoin-explainer.md": """
        ---
        title: What a stablecoin promises
        kind: article
        date: 2025-11-10
        ---

        # What a stablecoin promises

        A stablecoin is a token that tries to keep a steady price.
        """,
    "news/zh-explainer.md": """
        ---
        title: 稳定币与虚拟货币：中国监管要点解读
        kind: article
        date: 2025-12-01
        language: zh
        ---

        # 稳定币与虚拟货币：中国监管要点解读

        中国人民银行发布通知，虚拟货币相关业务活动属于非法金融活动。稳定币是一种代币。
        """,
    "news/hidden.md": """
        ---
        title: Not for search
        kind: article
        search:
          exclude: true
        ---

        # Not for search

        Secret zebra text.
        """,
}

PAGEFIND_PLUGINS = [
    "regkb-documents",
    {"search": {"jieba_dict_user": str(JIEBA_USER)}},
    {"regkb-search": {"engine": "pagefind"}},
]


def read_fragments(bundle: Path) -> list[dict]:
    """Every page record Pagefind wrote (fragments are gzip with a "pagefind_dcd" prefix)."""
    out = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out.append(json.loads(data[len(b"pagefind_dcd") :]))
    return out


def failure(result) -> str:
    """Why a build failed: MkDocs logs a plugin's error and raises a generic one."""
    return " ".join([result.error or "", *result.messages])


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory):
    result = build_site(tmp_path_factory.mktemp("pf"), PAGES, plugins=PAGEFIND_PLUGINS)
    assert result.ok, (result.error, result.warnings())
    return result


# -- records ---------------------------------------------------------------------------


def test_extract_text_drops_title_scripts_permalinks_and_contents_box() -> None:
    html = (
        "<h1>The title</h1><p>Intro &amp; more <script>evil()</script>text.</p>"
        '<details class="regkb-contents"><summary>Contents</summary><a href="#a">A</a></details>'
        '<h2 id="a">Part <em>one</em><a class="headerlink" href="#a">¶</a></h2>'
        "<p>Yin<b>fa</b> body</p><h4>Small heading</h4><p>more</p>"
        '<h3 id="b">Part two</h3><div><div>nested</div></div>'
    )
    text = extract_text(html)
    assert [(s.heading, s.anchor, s.level) for s in text.sections] == [
        ("", None, 2),
        ("Part one", "a", 2),
        ("Part two", "b", 3),
    ]
    intro, part_one, part_two = (s.text for s in text.sections)
    assert intro == "Intro & more text."
    assert "Yinfa body" in part_one and "Small heading" in part_one
    assert part_two == "nested"
    flat = " ".join(s.text + s.heading for s in text.sections)
    for absent in ("The title", "evil", "¶", "Contents"):
        assert absent not in flat


def test_extract_text_moves_metadata_panel_to_details_without_labels() -> None:
    html = (
        "<h1>T</h1>"
        '<dl class="regkb-meta"><div><dt>Number</dt><dd><code>Yinfa [2026] No. 42</code></dd>'
        "</div><div><dt>Issued by</dt><dd>People&#x27;s Bank of China</dd></div></dl>"
        "<p>Body text.</p>"
    )
    text = extract_text(html)
    assert text.details == "Yinfa [2026] No. 42 People's Bank of China"
    assert text.sections[0].text == "Body text."


def test_extract_text_keeps_text_of_a_heading_without_id_and_survives_broken_html() -> None:
    text = extract_text("<h2>No id</h2><p>after</p><h2 id='x'>unclosed <b>head")
    assert text.sections[0].text == "No id after"
    assert "unclosed head" in " ".join(s.text for s in text.sections)


def test_segmenter_cuts_chinese_runs_only_and_collects_subwords() -> None:
    seg = Segmenter()
    out = seg.segment("中国人民银行发布通知，Yinfa [2026] No. 42")
    words = out.split()
    assert "中国人民银行" in words and "发布" in words and "通知" in words
    assert "Yinfa [2026] No. 42" in out  # Latin text is left as it was
    subwords = seg.take_subwords(out)
    assert "银行" in subwords and "中国人民银行" not in subwords
    assert seg.take_subwords(out) == []  # reset after taking


def test_render_record_escapes_untrusted_text_and_keeps_meta_unsegmented() -> None:
    record = SearchRecord(
        "news/x/index.html",
        '稳定币 </title><script>alert("x")</script>',
        PageText([Section(parts=["<img src=x onerror=alert(1)> 虚拟货币交易"])]),
        meta={"kind": "Article", "doc_number": "Yinfa [2026] No. 42"},
        filters={"kind": ["article"]},
    )
    html = render_record(record, Segmenter())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    # the stored title is as written; the indexed heading is segmented
    assert '<span data-pagefind-meta="title">稳定币 &lt;/title&gt;' in html
    assert '<span data-pagefind-filter="kind">article</span>' in html
    assert '<p data-pagefind-weight="10">Yinfa [2026] No. 42</p>' in html


def _boosted(boost: float) -> str:
    record = SearchRecord(
        "guide/index.html",
        "Guide",
        PageText([Section(parts=["Intro."]), Section("Part", "part", 2, ["Text."])]),
        meta={"doc_number": "Yinfa [2026] No. 42"},
        boost=boost,
    )
    return render_record(record, Segmenter())


def test_a_page_boost_scales_every_weight_pagefind_gives_its_words() -> None:
    plain = _boosted(1.0)
    # Unboosted: Pagefind's own weights, written only where the record sets one.
    assert "<h1>Guide</h1>" in plain and '<h2 id="part">Part</h2>' in plain
    assert "<p>Intro.</p>" in plain and '<p data-pagefind-weight="10">Yinfa' in plain
    low = _boosted(0.3)
    assert '<h1 data-pagefind-weight="2.1">Guide</h1>' in low  # 7 x 0.3
    assert '<h2 id="part" data-pagefind-weight="1.8">Part</h2>' in low  # 6 x 0.3
    assert '<p data-pagefind-weight="0.3">Intro.</p>' in low
    assert '<p data-pagefind-weight="3">Yinfa' in low  # 10 x 0.3
    high = _boosted(3.0)
    assert '<h1 data-pagefind-weight="10">Guide</h1>' in high  # Pagefind's largest weight


@pytest.mark.parametrize(
    ("meta", "boost"),
    [
        ({"search": {"boost": 0.3}}, 0.3),
        ({"search": {"boost": 2}}, 2.0),
        ({}, 1.0),
        ({"search": {"exclude": False}}, 1.0),
        ({"search": {"boost": "high"}}, 1.0),
        ({"search": {"boost": -1}}, 1.0),
        ({"search": {"boost": True}}, 1.0),
        ({"search": "boost"}, 1.0),
    ],
)
def test_page_boost_reads_the_front_matter_or_is_one(meta: dict, boost: float) -> None:
    assert page_boost(meta) == boost


# -- the Pagefind bundle ----------------------------------------------------------------


def test_pagefind_bundle_is_written(pagefind_site) -> None:
    site = pagefind_site.site_dir
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", ENTRY_FILE, "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / ENTRY_FILE).read_text())
    # one index for every language; the excluded page is not in it
    assert list(entry["languages"]) == ["en"]
    indexed = [p for p in PAGES if p != "news/hidden.md"]
    assert entry["languages"]["en"]["page_count"] == len(indexed)
    assert list((bundle / "index").glob("*.pf_index"))
    for name in UI_FILES:
        assert not (bundle / name).exists(), f"unused UI file {name} kept"


def test_pagefind_records_have_urls_meta_and_segmented_chinese(pagefind_site) -> None:
    fragments = {f["url"]: f for f in read_fragments(pagefind_site.site_dir / "pagefind")}
    assert "/news/hidden/" not in fragments
    assert all("zebra" not in f["content"] for f in fragments.values())
    notice = fragments["/regulations/yinfa-2026-no-42/"]
    assert notice["meta"]["title"] == "Notice on Preventing Risks Related to Virtual Currency"
    assert notice["meta"]["kind"] == "Notice"
    assert notice["meta"]["date"] == "6 February 2026"
    assert notice["meta"]["doc_number"] == "Yinfa [2026] No. 42"
    assert notice["filters"]["kind"] == ["notice"]
    assert notice["filters"]["section"] == ["regulations"]
    assert any(a.get("id") == "article-1" for a in notice["anchors"])
    zh = fragments["/news/zh-explainer/"]
    assert zh["meta"]["title"] == "稳定币与虚拟货币：中国监管要点解读"
    words = zh["content"].split()
    # jieba with the site's user dictionary: whole words, separated by spaces
    for word in ("稳定币", "虚拟货币", "中国人民银行", "非法", "金融"):
        assert word in words, word
    assert "货币" in words  # a part of 虚拟货币, so it is found too


def test_pagefind_mode_writes_no_material_index_and_uses_own_search_box(pagefind_site) -> None:
    site = pagefind_site.site_dir
    assert not (site / "search" / "search_index.json").exists()
    page = pagefind_site.read("news/stablecoin-explainer/index.html")
    assert 'data-md-component="search"' not in page  # Material's script leaves it alone
    assert 'name="search"' not in page  # or Material would fetch its index
    assert "data-regkb-search" in page
    assert 'data-bundle="../../pagefind/pagefind.js"' in page
    assert 'data-base="../.."' in page
    assert 'src="../../assets/regkb-search/search.js" type="module"' in page
    assert (site / "assets" / "regkb-search" / "search.js").is_file()
    assert (site / "assets" / "regkb-search" / "search.css").is_file()
    assert 'class="md-search-result__list"' in page
    # the 404 page is served from any folder, so its URLs start at the site's root path
    not_found = pagefind_site.read("404.html")
    assert 'data-bundle="/pagefind/pagefind.js"' in not_found
    assert 'data-base="/"' in not_found


def test_material_mode_leaves_the_build_unchanged(tmp_path: Path) -> None:
    plain = build_site(tmp_path / "plain", PAGES, plugins=["regkb-documents", "search"])
    with_plugin = build_site(
        tmp_path / "with",
        PAGES,
        plugins=["regkb-documents", "search", {"regkb-search": {"engine": "material"}}],
    )
    assert plain.ok and with_plugin.ok, (plain.error, with_plugin.error)
    assert plain.site_dir is not None and with_plugin.site_dir is not None
    index = "search/search_index.json"
    assert with_plugin.read(index) == plain.read(index)
    assert json.loads(with_plugin.read(index))["docs"]
    # The pages differ only in the name the plugin gives Material's search dialog and the
    # script that marks the language of the results' words.
    named = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
    for rel in ("index.html", "news/zh-explainer/index.html", "404.html"):
        page = with_plugin.read(rel)
        assert page.count(named) == 1, rel
        page = re.sub(
            r'\s*<script src="[./]*assets/regkb-search/marks\.js" type="module"></script>', "", page
        )
        assert page.replace(' aria-label="Search"', "", 1) == plain.read(rel), rel
    assert not (with_plugin.site_dir / "pagefind").exists()
    assets = with_plugin.site_dir / "assets" / "regkb-search"
    assert sorted(p.name for p in assets.iterdir()) == ["marks.js"]


def test_pagefind_without_material_search_is_a_clear_error(tmp_path: Path) -> None:
    result = build_site(
        tmp_path, PAGES, plugins=["regkb-documents", {"regkb-search": {"engine": "pagefind"}}]
    )
    assert not result.ok
    assert "Material's '- search' plugin" in failure(result)


@pytest.mark.parametrize("bundle_dir", ["../outside", "/", ".hidden"])
def test_bundle_dir_must_stay_inside_site(tmp_path: Path, bundle_dir: str) -> None:
    plugins = ["search", {"regkb-search": {"engine": "pagefind", "bundle_dir": bundle_dir}}]
    result = build_site(tmp_path, {"index.md": "# Home\n"}, plugins=plugins)
    assert not result.ok
    assert "bundle_dir" in failure(result)
    assert not (tmp_path / "outside").exists()


def test_missing_pagefind_binary_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    plugins = ["search", {"regkb-search": {"engine": "pagefind"}}]
    result = build_site(tmp_path, {"index.md": "# Home\n"}, plugins=plugins)
    assert not result.ok
    assert "pagefind binary was not found" in failure(result)


def _records(folder: Path, words: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        f'<html lang="en"><body><h1>{words}</h1><p>{words}</p></body></html>', encoding="utf-8"
    )
    return folder


def test_write_bundle_replaces_an_old_bundle_and_refuses_a_foreign_folder(tmp_path: Path) -> None:
    target = tmp_path / "site" / "pagefind"
    write_bundle(_records(tmp_path / "r1", "alpha"), target)
    first = {p.name for p in (target / "fragment").iterdir()}
    result = write_bundle(_records(tmp_path / "r2", "beta"), target)
    assert result.page_count == 1
    second = {p.name for p in (target / "fragment").iterdir()}
    assert first.isdisjoint(second)  # no stale fragment left behind
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".pagefind-")]

    foreign = tmp_path / "site" / "assets"
    foreign.mkdir()
    (foreign / "keep.css").write_text("body{}", encoding="utf-8")
    with pytest.raises(Exception, match="not a Pagefind bundle"):
        write_bundle(tmp_path / "r2", foreign)
    assert (foreign / "keep.css").read_text(encoding="utf-8") == "body{}"


def test_large_sites_are_indexed_in_shards_that_the_box_merges(tmp_path: Path) -> None:
    plugins = [
        "regkb-documents",
        {"search": {"jieba_dict_user": str(JIEBA_USER)}},
        {"regkb-search": {"engine": "pagefind", "shard_size": 2}},
    ]
    result = build_site(tmp_path, PAGES, plugins=plugins)
    assert result.ok, failure(result)
    site = result.site_dir
    indexed = [p for p in PAGES if p != "news/hidden.md"]
    shards = -(-len(indexed) // 2)
    bundles = ["pagefind"] + [f"pagefind-{k}" for k in range(2, shards + 1)]
    assert sorted(p.name for p in site.glob("pagefind*")) == sorted(bundles)
    counts = []
    urls: set[str] = set()
    for name in bundles:
        entry = json.loads((site / name / ENTRY_FILE).read_text())
        counts.append(entry["languages"]["en"]["page_count"])
        urls |= {f["url"] for f in read_fragments(site / name)}
    # every page in exactly one shard, none lost
    assert sum(counts) == len(indexed) == len(urls)
    page = result.read("news/stablecoin-explainer/index.html")
    extra = " ".join(f"../../{name}/" for name in bundles[1:])
    assert f'data-shards="{extra} "' in page


def _auto(limit: int) -> list:
    return [
        "regkb-documents",
        {"search": {"jieba_dict_user": str(JIEBA_USER)}},
        {"regkb-search": {"engine": "auto", "auto_pages": limit}},
    ]


def test_auto_keeps_material_search_on_a_small_site(tmp_path: Path) -> None:
    result = build_site(tmp_path, PAGES, plugins=_auto(len(PAGES)))
    assert result.ok, (result.error, result.warnings())
    assert result.site_dir is not None
    assert json.loads(result.read("search/search_index.json"))["docs"]
    assert not (result.site_dir / "pagefind").exists()


def test_auto_switches_to_pagefind_past_auto_pages(tmp_path: Path) -> None:
    result = build_site(tmp_path, PAGES, plugins=_auto(len(PAGES) - 1))
    assert result.ok, (result.error, result.warnings())
    assert result.site_dir is not None
    assert (result.site_dir / "pagefind" / ENTRY_FILE).is_file()
    assert not (result.site_dir / "search" / "search_index.json").exists()
    assert 'data-bundle="../../pagefind/pagefind.js"' in result.read(
        "news/stablecoin-explainer/index.html"
    )


def test_auto_without_pagefind_warns_and_keeps_material_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    result = build_site(tmp_path, PAGES, plugins=_auto(1))
    assert not result.ok  # a warning: --strict stops, so a site too large is not missed
    assert result.site_dir is not None
    warnings = " ".join(result.warnings())
    assert "engine 'auto' chooses Pagefind" in warnings
    assert "pagefind binary was not found" in warnings and "engine: material" in warnings
    assert (result.site_dir / "search" / "search_index.json").is_file()
    assert not (result.site_dir / "pagefind").exists()


def test_a_quiet_build_with_chinese_search_prints_nothing(tmp_path: Path) -> None:
    """jieba logs its dictionary loading to stderr at DEBUG: `mkdocs build -q`, as CI and
    `make site` run it, printed four lines of it on every build."""
    import os
    import subprocess
    import sys

    from tests.sitebuilder import write_site

    pages = {"index.md": "# 首页\n\n虚拟货币和稳定币的监管。\n"}
    plugins = [{"search": {"jieba_dict_user": str(JIEBA_USER)}}, "regkb-search"]
    cfg = write_site(tmp_path, pages, plugins=plugins)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and proc.stdout == ""
