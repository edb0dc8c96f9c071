"""The docs folder as the scraper finds it: another run, linked folders, pages it cannot
read, permissions, sources that are not files. Nothing lost, nothing written twice."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scraper import pipeline
from scraper.lock import DocsBusy, holding
from scraper.sources import Source, read_regular_file
from tests.test_cli import pages, scrape

FIRST = "Prices moved little this week as traders waited for new rules. "
SECOND = "Lawmakers debated custody rules for another week without a vote. "


def _capture(folder: Path, name: str, words: str, title: str = "Weekly market update") -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n{words * 8}\n\n{words * 6}\n", encoding="utf-8")
    return path


def test_a_second_run_on_the_same_docs_folder_stops_with_a_message(tmp_path: Path) -> None:
    """Two runs at once planned alike and replaced each other's pages, both saying
    "written"; the second now stops before reading anything, the first is untouched."""
    capture = _capture(tmp_path, "a.txt", FIRST)
    docs = tmp_path / "docs"
    with holding(docs):
        result = scrape(tmp_path, str(capture))
        assert result.exit_code == 1
        assert "another regkb run is writing here" in result.output
        assert pages(tmp_path) == {}
        with pytest.raises(DocsBusy):
            pipeline.run([Source(location=str(capture), is_url=False)], out_dir=docs)
        # a dry run writes nothing: it does not wait for the other run
        assert "1 would write" in scrape(tmp_path, str(capture), "--dry-run").output
    assert "1 written" in scrape(tmp_path, str(capture)).output  # released


def test_runs_into_a_folder_not_made_yet_exclude_each_other_and_no_one_else(
    tmp_path: Path,
) -> None:
    """The lock was taken on the nearest existing folder: a second run into the new folder
    locked the folder itself and wrote at once, and a run into a sibling was refused."""
    capture = _capture(tmp_path, "a.txt", FIRST)
    new = tmp_path / "new" / "docs"
    with holding(new):
        assert new.is_dir()
        with pytest.raises(DocsBusy):
            pipeline.run([Source(location=str(capture), is_url=False)], out_dir=new)
        sibling = tmp_path / "other-docs"
        report = pipeline.run([Source(location=str(capture), is_url=False)], out_dir=sibling)
        assert len(report.written) == 1
    assert not new.exists()  # made for the lock, left empty: removed


def test_a_file_system_without_locks_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from scraper import lock

    def no_locks(*_args: object) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock.fcntl, "flock", no_locks)
    capture = _capture(tmp_path, "a.txt", FIRST)
    assert "1 written" in scrape(tmp_path, str(capture)).output


def test_a_linked_folder_is_not_an_earlier_copy_to_remove(tmp_path: Path) -> None:
    """``news/latest -> undated``: the page seen through the link was taken for an earlier
    copy of itself, "moved", and deleted."""
    capture = _capture(tmp_path, "a.txt", FIRST)
    assert scrape(tmp_path, str(capture)).exit_code == 0
    (tmp_path / "docs" / "news" / "latest").symlink_to("undated")
    result = scrape(tmp_path, str(capture))
    assert result.exit_code == 0 and "moved" not in result.output, result.output
    assert (tmp_path / "docs/news/undated/weekly-market-update.md").is_file()


def test_a_page_the_run_cannot_read_is_named_not_copied(tmp_path: Path) -> None:
    """An editor saved the page as Latin-1: the run wrote a second page beside it
    ("weekly-market-update-2.md") without a word."""
    capture = _capture(tmp_path, "a.txt", FIRST)
    assert scrape(tmp_path, str(capture)).exit_code == 0
    page = tmp_path / "docs/news/undated/weekly-market-update.md"
    page.write_bytes(
        page.read_text(encoding="utf-8").replace("waited", "wait\xe9d").encode("latin-1")
    )
    result = scrape(tmp_path, str(capture))
    assert "cannot be read" in result.output and "skipped" in result.output, result.output
    assert sorted(pages_named(tmp_path)) == ["weekly-market-update.md"]


def test_another_document_s_page_in_latin_1_is_neither_replaced_nor_in_the_way(
    tmp_path: Path,
) -> None:
    """A page of another document at the name this one takes, saved as Latin-1: the run
    refused to write this document and advised --force, which would have replaced it."""
    docs = tmp_path / "docs" / "news" / "undated"
    docs.mkdir(parents=True)
    theirs = docs / "weekly-market-update.md"
    theirs.write_bytes(
        "---\ntitle: Café rules\nkind: article\n---\n\nLe café est cher.\n".encode("latin-1")
    )
    before = theirs.read_bytes()
    result = scrape(tmp_path, str(_capture(tmp_path, "a.txt", FIRST)))
    assert result.exit_code == 0 and "1 written" in result.output, result.output
    assert "weekly-market-update-2.md" in result.output
    assert "cannot be read as a UTF-8 page; taken for another document's" in result.output
    assert theirs.read_bytes() == before


def pages_named(root: Path) -> list[str]:
    return [p.name for p in (root / "docs").rglob("*.md")]


def test_a_folder_that_cannot_be_read_fails_its_document_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``chmod 000 docs/news`` (which root, running the tests, does not feel) stopped the
    whole run with a traceback from planning."""
    capture = _capture(tmp_path, "a.txt", FIRST)

    def unreadable(*_args: object, **_kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied", "docs/news/undated")

    monkeypatch.setattr(pipeline, "plan_path", unreadable)
    result = scrape(tmp_path, str(capture))
    assert (result.exit_code == 1 and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    assert "cannot plan its page: " in result.output and "Permission denied" in result.output


def test_pages_get_the_modes_the_umask_gives_and_keep_their_own(tmp_path: Path) -> None:
    """mkstemp's 0600 made every page and picture unreadable to the group (a build user)."""
    capture = _capture(tmp_path, "a.txt", FIRST)
    old = os.umask(0o022)
    try:
        assert scrape(tmp_path, str(capture)).exit_code == 0
        page = tmp_path / "docs/news/undated/weekly-market-update.md"
        assert stat.S_IMODE(page.stat().st_mode) == 0o644
        page.chmod(0o664)
        _capture(tmp_path, "a.txt", FIRST + "Volumes were low. ")
        assert "1 written" in scrape(tmp_path, str(capture)).output
        assert stat.S_IMODE(page.stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_two_captures_of_one_title_in_one_run_are_two_pages(tmp_path: Path) -> None:
    """In two runs they were two pages, in one run (``make site``) the second was dropped
    as "the same document as one from an earlier source"."""
    a = _capture(tmp_path, "a.txt", FIRST)
    b = _capture(tmp_path, "b.txt", SECOND)
    c = _capture(tmp_path, "c.txt", FIRST)  # the same text again: one document
    result = scrape(tmp_path, str(a), str(b), str(c))
    assert "2 written" in result.output and "1 skipped" in result.output, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "docs").rglob("*.md")}
    assert sorted(written) == ["weekly-market-update-2.md", "weekly-market-update.md"]
    assert "Prices moved" in written["weekly-market-update.md"]
    assert "Lawmakers" in written["weekly-market-update-2.md"]


def test_sources_that_are_not_files_or_too_large_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_regular_file(fifo, 100, "the file")  # would block in open() before
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2_000_001)
    with pytest.raises(OSError, match="2 MB, over the 1 MB limit"):
        read_regular_file(big, 1_000_000, "the file")
    result = scrape(tmp_path, str(fifo))
    assert result.exit_code == 1 and "is not a regular file" in result.output
