"""Document pages keep no active content, whatever their Markdown holds."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.sitebuilder import build_site

HOSTILE = """
---
title: "Hostile </title><script>alert(1)</script>"
kind: article
description: '"><script>alert(2)</script>'
---

# Heading

<script>alert(3)</script>

<img src="x.png" alt="pic" onerror="alert(4)">

<iframe src="https://evil.example/"></iframe>

<form action="https://evil.example/"><input name="q"></form>

<p style="position:fixed" onclick="alert(5)">styled</p>

[click](javascript:alert(6)) and [data](data:text/html,<script>alert(7)</script>)

<a href="JaVaScRiPt:alert(8)">mixed case</a>

<svg onload="alert(9)"><circle r="1"/></svg>

<object data="x.swf"></object><embed src="x.swf">

<meta http-equiv="refresh" content="0;url=https://evil.example/">

| Left | Right |
|:-----|------:|
| a    | b     |

Plain text with &lt;angle&gt; brackets & ampersands.
"""


def test_hostile_markdown_leaves_no_active_content(tmp_path) -> None:
    result = build_site(tmp_path, {"index.md": "# Home\n", "news/hostile.md": HOSTILE})
    assert result.ok, result.messages
    html = result.read("news/hostile/index.html")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article")
    assert article.find_all(["script", "iframe", "form", "input", "object", "embed", "svg"]) == []
    for el in article.find_all(True):
        for attr, value in el.attrs.items():
            assert not attr.lower().startswith("on"), (el.name, attr)
            if attr == "style":
                assert value.replace(" ", "").rstrip(";").startswith("text-align:"), value
            if attr in ("href", "src"):
                assert not re.match(r"\s*(javascript|data|vbscript):", str(value), re.I), value
    # the theme's own scripts are Material's bundle only, none from the page
    scripts = [s.get("src") or s.get_text()[:40] for s in soup.find_all("script")]
    assert not any("alert(" in (s or "") for s in scripts), scripts
    # title and description are escaped wherever the theme prints them
    assert "<script>alert(1)" not in html and "<script>alert(2)" not in html
    assert soup.title.get_text().startswith("Hostile </title><script>alert(1)</script>")
    # harmless content survives
    assert "styled" in article.get_text()
    assert article.find("a", string="click") is not None
    assert "<angle> brackets & ampersands" in article.get_text()
    cells = article.find_all("td")
    assert [c.get_text() for c in cells] == ["a", "b"]
    assert article.find("a", class_="headerlink") is not None


def test_ordinary_document_is_unchanged_by_cleaning(tmp_path) -> None:
    page = (
        "---\ntitle: T\nkind: article\n---\n\n# T\n\n## Part {#part-1}\n\n"
        "Text with `code` and a [link](https://example.org/) and *emphasis*.\n\n"
        "- one\n- two\n\n> quote\n\n```\nblock\n```\n"
    )
    on = build_site(tmp_path / "on", {"index.md": "# H\n", "news/t.md": page})
    off = build_site(
        tmp_path / "off",
        {"index.md": "# H\n", "news/t.md": page},
        plugins=[{"regkb-documents": {"sanitize": False}}, "search"],
    )
    assert on.ok and off.ok

    def body(result) -> str:
        soup = BeautifulSoup(result.read("news/t/index.html"), "html.parser")
        article = soup.find("article")
        article.find("dl", class_="regkb-meta").decompose()
        return str(article)

    assert body(on) == body(off)


def test_images_load_lazily_and_send_no_referrer(tmp_path) -> None:
    page = (
        "---\ntitle: T\nkind: article\n---\n\n# T\n\n"
        "![A chart](https://publisher.example/chart.png)\n\n"
        '<img src="https://publisher.example/b.png" alt="b" loading="eager" '
        'referrerpolicy="unsafe-url">\n'
    )
    result = build_site(tmp_path, {"index.md": "# H\n", "news/t.md": page})
    assert result.ok, result.messages
    article = BeautifulSoup(result.read("news/t/index.html"), "html.parser").find("article")
    images = article.find_all("img")
    assert [img["src"] for img in images] == [
        "https://publisher.example/chart.png",
        "https://publisher.example/b.png",
    ]
    for img in images:  # the page's own values are replaced, not kept
        assert (img["loading"], img["referrerpolicy"], img["decoding"]) == (
            "lazy",
            "no-referrer",
            "async",
        )
