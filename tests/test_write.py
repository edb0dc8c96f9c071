"""Slugs, paths, edit protection, idempotence and atomic writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.document import Document
from scraper.normalize import front_matter, render
from scraper.slug import MAX_SLUG_LENGTH, number_slug, slugify
from scraper.write import (
    Status,
    check_stamp,
    earlier_copies,
    plan_path,
    stamp,
    write_page,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = (
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Yinfa [2026] No. 42", "yinfa-2026-no-42"),
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path", "absolute-path"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("CON", "con-doc"),
        ("nul", "nul-doc"),
        ("..", "document"),
        ("", "document"),
        ("Ünïcödé Títle", "unicode-title"),
        ("中文标题", "zhong-wen-biao-ti"),
    ],
)
def test_slugs_are_safe(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_long_slugs_are_cut_at_a_word_boundary() -> None:
    title = "Why Regulators Need to Embrace the New Privacy Paradigm in Web3"
    slug = slugify(title)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug == "why-regulators-need-to-embrace-the-new-privacy-paradigm-in"


@given(st.text(max_size=200))
def test_any_text_gives_a_safe_slug(text: str) -> None:
    slug = slugify(text)
    assert SLUG_RE.match(slug)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug not in RESERVED


def _meta(**kw: object) -> dict:
    return front_matter(Document(**kw))  # type: ignore[arg-type]


def test_paths_by_section_and_year(tmp_path: Path) -> None:
    taken: set[Path] = set()
    art = plan_path(_meta(title="A b", date="2025-11-11 13:30:07"), tmp_path, taken)
    nt = plan_path(
        _meta(title="N", kind="notice", doc_number="Yinfa [2026] No. 42"), tmp_path, taken
    )
    assert art == tmp_path / "news" / "2025" / "a-b.md"
    assert nt == tmp_path / "regulations" / "undated" / "yinfa-2026-no-42.md"


@pytest.mark.parametrize(
    ("number", "slug"),
    [
        ("银发〔2021〕237号", "yinfa-2021-no-237"),  # as "Yinfa [2021] No. 237" reads
        ("国办发［2017］78号", "guobanfa-2017-no-78"),
        ("中国人民银行公告〔2017〕第3号", "zhongguorenminyinxinggonggao-2017-no-3"),
        ("Yinfa [2026] No. 42", "yinfa-2026-no-42"),
        ("银发〔2021〕", "yin-fa-2021"),  # not a whole number: slugified as text
    ],
)
def test_document_numbers_give_readable_slugs(number: str, slug: str) -> None:
    assert number_slug(number) == slug


def test_a_page_named_by_an_earlier_slug_rule_is_found_as_an_earlier_copy(
    tmp_path: Path,
) -> None:
    """Earlier versions named a Chinese notice's page letter by letter; a run now writes it
    as yinfa-2021-no-237.md and must find the old page to move it, not leave two."""
    notice = Document(title="关于防范虚拟货币交易炒作风险的通知", kind="notice",
                      doc_number="银发〔2021〕237号", date="2021-09-15", body="正文。")  # fmt: skip
    meta = front_matter(notice)
    old = tmp_path / "regulations" / "2021" / "yin-fa-2021-237hao.md"
    write_page(old, render(notice))
    new = plan_path(meta, tmp_path, set())
    assert new == tmp_path / "regulations" / "2021" / "yinfa-2021-no-237.md"
    assert earlier_copies(meta, tmp_path, new) == [old]


def test_colliding_slugs_get_suffixes_and_the_same_document_keeps_its_path(
    tmp_path: Path,
) -> None:
    first = Document(title="Same Title", kind="article", body="one")
    other = Document(title="Same  title!", kind="article", body="two")
    p1 = plan_path(front_matter(first), tmp_path, set())
    write_page(p1, render(first))
    p2 = plan_path(front_matter(other), tmp_path, set())
    assert p2 == p1.with_name("same-title-2.md")
    write_page(p2, render(other))
    # a re-run: each document finds its own page again
    assert plan_path(front_matter(first), tmp_path, set()) == p1
    assert plan_path(front_matter(other), tmp_path, set()) == p2
    # within one run, two documents never share a path
    taken: set[Path] = set()
    a = plan_path(_meta(title="X"), tmp_path, taken)
    b = plan_path(_meta(title="X", kind="report"), tmp_path, taken)
    assert a != b


def test_stamp_detects_any_edit() -> None:
    text = render(Document(title="T", body="Body."))
    stamped = stamp(text)
    assert stamped.split("\n---\n", 1)[0].splitlines()[-1].startswith("generated_hash: sha256:")
    assert check_stamp(stamped) is True
    assert check_stamp(stamped.replace("Body.", "Body!")) is False
    assert check_stamp(text) is None


def test_rewrite_is_byte_identical_and_edits_are_protected(tmp_path: Path) -> None:
    path = tmp_path / "news" / "undated" / "t.md"
    page = render(Document(title="T", body="Body."))
    assert write_page(path, page).status is Status.written
    first = path.read_bytes()
    assert write_page(path, page).status is Status.unchanged
    assert path.read_bytes() == first
    # new scraper output replaces an untouched generated page
    newer = render(Document(title="T", body="Body, updated."))
    assert write_page(path, newer).status is Status.written
    # an editor's change is kept, with a reason
    edited = path.read_text(encoding="utf-8").replace("updated", "corrected by an editor")
    path.write_text(edited, encoding="utf-8")
    result = write_page(path, page)
    assert result.status is Status.skipped and "edited" in (result.reason or "")
    assert path.read_text(encoding="utf-8") == edited
    # a dry run reports and writes nothing
    assert write_page(path, page, force=True, dry_run=True).status is Status.written
    assert path.read_text(encoding="utf-8") == edited
    # --force overwrites
    assert write_page(path, page, force=True).status is Status.written
    assert path.read_bytes() == first


def test_hand_written_page_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("---\ntitle: T\nkind: article\n---\nMine.\n", encoding="utf-8")
    result = write_page(path, render(Document(title="T")))
    assert result.status is Status.skipped and "not generated" in (result.reason or "")


def test_crash_mid_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.md"
    write_page(path, render(Document(title="T", body="Old.")))
    old = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        write_page(path, render(Document(title="T", body="New.")))
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.md"]


def test_symlinked_target_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    link = docs / "t.md"
    link.symlink_to(outside)
    assert write_page(link, render(Document(title="T"))).status is Status.skipped
    assert outside.read_text(encoding="utf-8") == "keep"
