"""Document -> page text: valid, round-tripping front matter and a safe body."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins import frontmatter
from plugins.schema import validate_document
from scraper.document import Document
from scraper.normalize import NormalizeError, render


def _split(text: str) -> tuple[dict, str]:
    fm = frontmatter.split(text)
    assert fm.error is None
    return fm.meta, fm.body


TRICKY = [
    'He said: "yes" # not a comment',
    "- starts like a list",
    "--- three dashes",
    "key: value: more",
    "'single' and \"double\" quotes",
    "null",
    "2026-02-06",
    "{not: a mapping}",
    "[not, a, list]",
    "& anchor * alias ! tag % directive @ at `tick`",
    "Ünïcödé 中文标题 — dash",
    "yes",
    "line\nbreak",
]


@pytest.mark.parametrize("title", TRICKY)
def test_titles_round_trip_exactly(title: str) -> None:
    text = render(Document(title=title, body="Body."))
    meta, _ = _split(text)
    assert meta["title"] == " ".join(title.split()) or meta["title"] == title.strip()
    assert yaml.safe_load(text.split("---\n")[1])["title"] == meta["title"]
    validated, errors = validate_document(meta)
    assert errors == [] and validated is not None


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip()))
def test_any_title_round_trips(title: str) -> None:
    try:
        text = render(Document(title=title, author=title, tags=[title]))
    except NormalizeError:
        return  # e.g. a title that is only control characters: refused with a reason
    meta, _ = _split(text)
    expected = frontmatter.without_controls(title).strip()
    assert meta["title"] == expected
    assert meta["author"] == expected


def test_control_characters_of_metadata_are_not_written() -> None:
    """A page's ``<title>`` may hold ``&#7;`` or a stray escape: the page's body loses them
    when sanitized, and its front matter must not keep them as YAML escapes, which would
    carry them into the site's HTML."""
    doc = Document(
        title="Bell\x07 and \x1b[31m red\x85",
        author="A\x08B",
        tags=["t\x00ag"],
        summary="Sum\x7fmary\tkept",
        body="Body.",
    )
    text = render(doc)
    assert "\\x" not in text.split("---")[1] and "\\a" not in text.split("---")[1]
    meta, _ = _split(text)
    assert meta["title"] == "Bell and [31m red"
    assert meta["author"] == "AB"
    assert meta["tags"] == ["tag"]
    assert meta["summary"] == "Summary\tkept"


def test_missing_date_is_unknown_never_invented() -> None:
    meta, _ = _split(render(Document(title="T", kind="notice")))
    assert "date" not in meta
    assert meta["date_precision"] == "unknown"
    assert "in_force" not in meta


def test_in_force_follows_issue_date_only_when_known() -> None:
    basis = "upon the date of its issuance"
    undated, _ = _split(render(Document(title="N", kind="notice", in_force_basis=basis)))
    assert "in_force" not in undated and undated["in_force_basis"] == basis
    dated, _ = _split(
        render(Document(title="N", kind="notice", in_force_basis=basis, date="2026-02-06"))
    )
    assert dated["in_force"] == "2026-02-06"
    assert dated["date_precision"] == "day"


def test_invalid_document_is_refused_with_the_field_named() -> None:
    with pytest.raises(NormalizeError, match="jurisdiction"):
        render(Document(title="T", jurisdiction="China!"))
    with pytest.raises(NormalizeError, match="date"):
        render(Document(title="T", date="2025-02-30"))


def test_body_is_sanitized_but_heading_ids_survive() -> None:
    body = (
        "### Article 1 {#article-1}\n\n"
        'Text <script>alert(1)</script> and [x](javascript:alert(1)) {: onclick="x"}\n\n'
        "## Evil {#x onclick=y}\n"
    )
    _, out = _split(render(Document(title="T", body=body)))
    html = markdown.markdown(out, extensions=["attr_list", "toc"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h3", id="article-1") is not None
    assert soup.find("script") is None
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on")], tag
        assert "javascript:" not in str(tag.get("href", ""))
    assert "{: onclick" in soup.get_text()  # shown as the text it is


def test_front_matter_keys_come_in_a_stable_editor_order() -> None:
    doc = Document(
        title="T",
        kind="notice",
        tags=["b", "a"],
        doc_number="X [2020] No. 1",
        date="2020-01-02",
        events=[{"date": "2020-01-02", "kind": "issued", "source": "S"}],
    )
    meta, _ = _split(render(doc))
    assert list(meta) == ["title", "kind", "date", "date_precision", "doc_number", "tags", "events"]
    assert meta["events"] == [{"date": "2020-01-02", "kind": "issued", "source": "S"}]
    assert render(doc) == render(doc)
