"""The test helper that copies the project for a site build: it must copy what a clean clone
has, never what a developer scraped into ``docs/``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.sitebuilder import copy_project


def _project(root: Path) -> None:
    for rel in (
        "mkdocs.yml",
        "docs/index.md",
        "docs/glossary/rwa.md",
        "docs/news/2025/11/scraped.md",
        "docs/regulations/undated/scraped.md",
        "docs/assets/scraped-images/ab/cd.png",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel, encoding="utf-8")


def _copied(dest: Path) -> set[str]:
    return {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}


def test_copies_tracked_files_only(tmp_path: Path) -> None:
    repo, dest = tmp_path / "repo", tmp_path / "dest"
    repo.mkdir()
    dest.mkdir()
    _project(repo)
    (repo / "docs/untracked-draft.md").write_text("draft", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(
        ["git", "add", "mkdocs.yml", "docs/index.md", "docs/glossary/rwa.md"],
        cwd=repo,
        check=True,
    )
    copy_project(repo, dest, ("docs", "overrides"))
    assert _copied(dest) == {"mkdocs.yml", "docs/index.md", "docs/glossary/rwa.md"}
    assert (dest / "docs/glossary/rwa.md").read_text(encoding="utf-8") == "docs/glossary/rwa.md"


def test_without_git_leaves_out_the_scraper_output(tmp_path: Path) -> None:
    repo, dest = tmp_path / "tarball", tmp_path / "dest"
    repo.mkdir()
    dest.mkdir()
    _project(repo)
    copy_project(repo, dest, ("docs",))
    assert _copied(dest) == {"mkdocs.yml", "docs/index.md", "docs/glossary/rwa.md"}
