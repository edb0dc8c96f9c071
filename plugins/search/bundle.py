"""Write the Pagefind bundle from a folder of record files.

It runs the ``pagefind`` binary shipped by the ``pagefind[bin]`` package. The whole site is
indexed as one language ("en", forced): Chinese text is already segmented into words, and
one index means a Chinese query typed on an English page still finds Chinese pages
(Pagefind otherwise keeps one index per page language).

The bundle is written next to its final place and moved there only when complete, so a
failed run never leaves half an index behind.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

#: Pagefind's ready-made search UIs; the header box talks to pagefind.js directly.
UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: The file that marks a folder as a Pagefind bundle (and safe to replace).
ENTRY_FILE = "pagefind-entry.json"


@dataclass(frozen=True)
class BundleResult:
    """What the indexer reported."""

    page_count: int
    path: Path


class PagefindMissing(PluginError):
    """The Pagefind binary is not installed."""


_INDEXED_RE = re.compile(r"Indexed (\d+) pages?")


def _run_index(executable: Path, records_dir: Path, out: Path) -> int:
    """Index ``records_dir`` into ``out`` with the ``pagefind`` command; return the page count.

    The command, not the Python API's service mode: the service writes the bundle's files
    after it has answered, and a build that stops it next (as several shards in a row do)
    can catch it mid-write and keep a truncated ``pagefind-entry.json``. The command is done
    only when every file is on disk. The whole site is one language ("en", forced).
    """
    cmd = [
        str(executable),
        "--site",
        str(records_dir),
        "--output-path",
        str(out),
        "--force-language",
        "en",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"pagefind exited with {proc.returncode}: {' | '.join(detail)}")
    match = _INDEXED_RE.search(proc.stdout)
    return int(match.group(1)) if match else 0


def pagefind_executable() -> Path:
    """The ``pagefind`` binary; ``PagefindMissing`` says how to install it when it is not
    there."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindMissing(
            "regkb-search: engine 'pagefind' needs the Pagefind package: "
            "pip install 'regkb[search]' (or, in a clone of regkb, pip install -e '.[search]')"
        ) from None
    executable = get_executable()
    if executable is None or not executable.is_file():
        where = f" (looked for {executable})" if executable is not None else ""
        raise PagefindMissing(
            f"regkb-search: the pagefind binary was not found{where}: pip install "
            "'pagefind[bin]', or set PAGEFIND_BINARY_PATH to a pagefind executable"
        )
    return executable


def write_bundle(records_dir: Path, target: Path, *, keep_ui_files: bool = False) -> BundleResult:
    """Index every HTML file under ``records_dir`` into a Pagefind bundle at ``target``.

    Raises ``PluginError`` with a message an editor can act on when Pagefind is missing or
    fails; ``target`` then keeps whatever was there before.
    """
    executable = pagefind_executable()
    if target.exists() and not (target / ENTRY_FILE).is_file() and any(target.iterdir()):
        raise PluginError(
            f"regkb-search: {target} exists and is not a Pagefind bundle; choose another "
            "'bundle_dir' so it is not overwritten"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=target.parent))
    try:
        try:
            count = _run_index(executable, records_dir, staging)
        except Exception as exc:  # not started, exited with an error, unreadable output...
            raise PluginError(f"regkb-search: Pagefind failed to index the site: {exc}") from exc
        if not (staging / ENTRY_FILE).is_file():
            raise PluginError(
                f"regkb-search: Pagefind wrote no {ENTRY_FILE}; the search bundle is incomplete"
            )
        if not keep_ui_files:
            for name in UI_FILES:
                (staging / name).unlink(missing_ok=True)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BundleResult(count, target)
