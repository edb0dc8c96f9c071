"""Build a small throwaway MkDocs site in-process, for tests of the plugins."""

from __future__ import annotations

import fnmatch
import logging
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

DEFAULT_PLUGINS: list[Any] = ["regkb-documents", "search"]


@dataclass
class BuildResult:
    """What one build did: whether it passed, what it logged, where it wrote."""

    ok: bool
    messages: list[str] = field(default_factory=list)
    site_dir: Path | None = None
    error: str | None = None

    def warnings(self) -> list[str]:
        return [m for m in self.messages if m.startswith(("WARNING", "ERROR"))]

    def read(self, rel: str) -> str:
        assert self.site_dir is not None
        return (self.site_dir / rel).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def write_pages(docs: Path, pages: dict[str, str]) -> None:
    for rel, text in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def write_site(
    root: Path,
    pages: dict[str, str],
    *,
    plugins: list[Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write ``pages`` under ``root/docs`` and a Material ``mkdocs.yml`` beside them; return
    the config's path (tests that drive ``build()`` themselves load it)."""
    docs = root / "docs"
    write_pages(docs, pages)
    config: dict[str, Any] = {
        "site_name": "test",
        "site_url": "https://example.org/",
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "features": ["content.tooltips"]},
        "plugins": plugins if plugins is not None else list(DEFAULT_PLUGINS),
        "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}, "tables"],
    }
    config.update(extra or {})
    cfg_path = root / "mkdocs.yml"
    cfg_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return cfg_path


def run_build(cfg: Any) -> None:
    """What ``mkdocs build`` does with a loaded config: start the plugins, build, and shut
    them down however the build ends."""
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def build_site(
    root: Path,
    pages: dict[str, str],
    *,
    plugins: list[Any] | None = None,
    strict: bool = True,
    extra: dict[str, Any] | None = None,
) -> BuildResult:
    """Write ``pages`` under ``root/docs`` and build them with Material and the plugins."""
    cfg_path = write_site(root, pages, plugins=plugins, extra=extra)
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # as `mkdocs build` logs: the plugins' summaries too
    logger.addHandler(handler)
    try:
        run_build(load_config(str(cfg_path), strict=strict))
        return BuildResult(True, handler.messages, root / "site")
    except (Abort, PluginError, SystemExit) as exc:
        return BuildResult(False, handler.messages, root / "site", str(exc))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


#: What ``make site`` writes under ``docs/`` (ignored by git): a copy of the project for a
#: test leaves it out, so a developer's scraped corpus never takes part in a test.
SCRAPER_OUTPUT = ("news/[0-9]*", "regulations/[0-9]*", "*/undated", "assets/scraped-images")


def copy_project(repo: Path, dest: Path, folders: tuple[str, ...]) -> None:
    """Copy ``mkdocs.yml`` and the files git tracks in ``folders`` from ``repo`` to ``dest``.

    Tracked files are what a clean clone (and CI) has; copying the working tree would bring
    whatever the developer scraped with ``make site``, and a test could pass in CI and fail
    on their machine. Without git (a source tarball) the scraper's output folders are left
    out by name instead."""
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", *folders],
            cwd=repo,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        files = [rel for rel in listed.split("\0") if rel and (repo / rel).is_file()]
    except (OSError, subprocess.CalledProcessError):
        files = [
            path.relative_to(repo).as_posix()
            for folder in folders
            for path in sorted((repo / folder).rglob("*"))
            if path.is_file()
            and not any(
                fnmatch.fnmatch(path.relative_to(repo / folder).as_posix(), f"{pattern}/*")
                for pattern in SCRAPER_OUTPUT
            )
        ]
    for rel in files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / rel, target)
