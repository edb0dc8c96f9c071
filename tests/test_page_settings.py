"""Front-matter settings the theme reads itself (template, hide, icon, search): a wrong one
costs the page that setting, with file and line, not the build a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.theme import Theme

from plugins.page_settings import (
    PRINTED_TEXT,
    ThemeFiles,
    check_settings,
    escape_printed_text,
)
from tests.sitebuilder import build_site


@pytest.fixture(scope="module")
def theme() -> ThemeFiles:
    return ThemeFiles(Theme(name="material").get_env())


@pytest.mark.parametrize(
    ("meta", "kept", "said"),
    [
        ({"template": "main.html"}, {"template": "main.html"}, None),
        ({"template": "missing.html"}, {}, "no template 'missing.html'"),
        ({"template": ["main.html"]}, {}, "expected the name of a template"),
        ({"template": None}, {}, "expected the name of a template"),
        ({"hide": ["toc", "navigation"]}, {"hide": ["toc", "navigation"]}, None),
        ({"hide": "toc"}, {"hide": ["toc"]}, None),
        ({"hide": None}, {}, None),
        ({"hide": True}, {}, "expected a list of what to hide"),
        ({"hide": ["toc", "nav", ["x"]]}, {"hide": ["toc"]}, "'nav', ['x'] left out"),
        ({"icon": "material/scale-balance"}, {"icon": "material/scale-balance"}, None),
        ({"icon": "material/no-such-icon"}, {}, "no icon 'material/no-such-icon'"),
        ({"icon": "../../base"}, {}, "no icon"),
        ({"icon": 42}, {}, "expected an icon's name"),
        ({"search": {"exclude": True}}, {"search": {"exclude": True}}, None),
        ({"search": {"boost": 2}}, {"search": {"boost": 2}}, None),
        ({"search": {"boost": "high"}}, {"search": {}}, "boost must be a positive number"),
        ({"search": {"boost": True}}, {"search": {}}, "boost must be a positive number"),
        ({"search": {"exclude": 1}}, {"search": {}}, "the page is searched"),
        ({"search": ["exclude"]}, {}, "expected settings such as"),
        ({"search": {"weight": 2}}, {"search": {"weight": 2}}, "'weight' not read"),
    ],
)
def test_each_setting_is_kept_repaired_or_left_out(
    theme: ThemeFiles, meta: dict, kept: dict, said: str | None
) -> None:
    meta = {"title": "T", **meta}
    problems = check_settings(meta, theme)
    assert meta == {"title": "T", **kept}
    if said is None:
        assert problems == []
    else:
        assert len(problems) == 1 and said in problems[0][1], problems


PAGES = {
    "index.md": "# Home\n",
    "news/a.md": (
        "---\ntitle: Alpha\nkind: article\ndate: 2026-02-06\nhide: true\n"
        "template: missing.html\n---\n\n# Alpha\n\nText.\n"
    ),
    "guide.md": (
        "---\ntitle: Guide\nicon: material/no-such-icon\nsearch: [exclude]\n"
        "hide: toc\n---\n\n# Guide\n\n## Part\n\nText.\n"
    ),
}
PLUGINS = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search", "tags"]


def test_wrong_settings_are_reported_with_their_line_and_the_site_is_written(
    tmp_path: Path,
) -> None:
    result = build_site(tmp_path, PAGES, plugins=PLUGINS, strict=False)
    assert result.ok, (result.error, result.messages[-5:])
    warnings = "\n".join(result.warnings())
    assert "news/a.md:5: field 'hide': expected a list" in warnings
    assert "news/a.md:6: field 'template': the theme has no template 'missing.html'" in warnings
    assert "guide.md:3: field 'icon'" in warnings and "guide.md:4: field 'search'" in warnings
    assert "guide.md:5" not in warnings  # `hide: toc` is a list of one
    guide = BeautifulSoup(result.read("guide/index.html"), "html.parser")
    toc = guide.find("div", class_="md-sidebar--secondary")
    assert toc is not None and toc.get("hidden") is not None  # hide: toc did hide it
    assert "Alpha" in result.read("news/a/index.html")


def test_a_strict_build_fails_on_them_with_warnings_not_a_traceback(tmp_path: Path) -> None:
    result = build_site(tmp_path, PAGES, plugins=PLUGINS, strict=True)
    assert not result.ok
    assert result.error == "Aborted with 4 warnings in strict mode!"
    assert sum("field '" in w for w in result.warnings()) == 4


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("</title><script>x</script>", "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"),
        ('"><b>', "&quot;&gt;&lt;b&gt;"),
        (2024, "2024"),
        (date(2026, 1, 2), "2026-01-02"),
        (None, None),
    ],
)
def test_printed_text_is_escaped_once(value: object, printed: str | None) -> None:
    meta = {key: value for key in PRINTED_TEXT}
    assert escape_printed_text(meta) == []
    assert meta == {key: printed for key in PRINTED_TEXT}


@pytest.mark.parametrize("value", [["<script>x</script>"], {"a": "<b>"}, True])
def test_printed_values_that_are_not_text_are_left_out(value: object) -> None:
    meta = {"title": value, "subtitle": "ok"}
    problems = escape_printed_text(meta)
    assert meta == {"subtitle": "ok"}
    assert [key for key, _ in problems] == ["title"] and "expected text" in problems[0][1]


@pytest.mark.parametrize(
    ("status", "kept"),
    [("new", True), ("deprecated", True), ("my_status-2", True), ('x" onclick="a', False)],
)
def test_a_status_is_a_word(theme: ThemeFiles, status: str, kept: bool) -> None:
    meta = {"status": status}
    problems = check_settings(meta, theme)
    assert (meta == {"status": status}) is kept and bool(problems) is not kept


def test_no_front_matter_value_reaches_the_page_as_markup(tmp_path: Path) -> None:
    """Lists where text belongs, and a status that would end its attribute, on a document,
    an editor's page and a glossary term: reported with their lines, never printed."""
    hostile = '["<script>x</script>"]'
    status = "'x\" onmouseover=\"alert(1)'"
    pages = {
        "index.md": "# Home\n",
        "news/a.md": (
            f"---\ntitle: {hostile}\nkind: article\ndate: 2026-02-06\nauthor: {hostile}\n"
            f"description: {hostile}\nsubtitle: {hostile}\nstatus: {status}\n---\n\nText.\n"
        ),
        "guide.md": (
            f"---\ntitle: {hostile}\ndescription: {hostile}\nsubtitle: {hostile}\n"
            f"status: {status}\n---\n\n# Guide\n\nText.\n"
        ),
        "glossary/index.md": "# Glossary\n",
        "glossary/zk.md": (
            f"---\nterm: ZK\nsummary: Proofs.\nauthor: {hostile}\nsubtitle: {hostile}\n"
            f"status: {status}\n---\n\nZero knowledge.\n"
        ),
    }
    result = build_site(tmp_path, pages, plugins=PLUGINS, strict=False)
    assert result.ok, (result.error, result.messages[-5:])
    for html in (tmp_path / "site").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>x" not in text and 'onmouseover="' not in text, html
    warnings = "\n".join(result.warnings())
    for where in (
        "guide.md:2: field 'title'",
        "guide.md:3: field 'description'",
        "guide.md:4: field 'subtitle'",
        "guide.md:5: field 'status'",
        "news/a.md:6: field 'description'",
        "glossary/zk.md:4: field 'author'",
    ):
        assert where in warnings, where
    assert "news/a.md:2: field 'title': expected text" not in warnings  # the schema's says it
    # The guide's title falls back to its heading, as if it had none.
    assert (
        BeautifulSoup(result.read("guide/index.html"), "html.parser")
        .title.get_text()
        .startswith("Guide")
    )


def test_a_template_that_is_there_but_broken_is_left_to_mkdocs_to_report() -> None:
    from jinja2 import DictLoader, Environment

    theme = ThemeFiles(Environment(loader=DictLoader({"broken.html": "{% if %}", "ok.html": ""})))
    meta = {"template": "broken.html"}
    assert check_settings(meta, theme) == [] and meta == {"template": "broken.html"}
    assert theme.has("ok.html") and not theme.has("missing.html")
