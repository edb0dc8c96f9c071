"""Build a small throwaway MkDocs site in-process, for tests of the plugins."""

from __future__ import annotations

import logging
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
