"""Where generated pages go, and writing them without losing anyone's work.

* **Paths**: ``<out>/<section>/<year>/<slug>.md``; ``news`` for articles, ``regulations`` for
  every other kind; ``undated`` when there is no date. Slugs come from :mod:`scraper.slug`
  (a notice's from its document number) and every path is checked to stay inside ``<out>``.
* **Identity**: a page already on disk at the planned path is the *same* document when its
  front matter has the same document number (or, without one, the same title and kind); it
  keeps its path. A different document gets ``-2``, ``-3``...
* **Edit protection**: a generated page carries ``generated_hash: sha256:...`` as its last
  front-matter key, the hash of the file without that line. A page whose text no longer
  matches its own hash was edited by someone (or was never generated) and is not overwritten
  unless forced.
* **Atomic writes**: a temp file in the target directory, flushed and fsynced, then
  ``os.replace``; a crash leaves either the old file or the new one, never half of one.
  A run killed before the rename cannot remove its hidden temp file
  (``.<name>.<random>.tmp``); the next run that writes or checks that page removes it.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from plugins import frontmatter
from plugins.numbers import normalize_doc_number
from scraper.slug import number_slug, slugify

__all__ = [
    "Status",
    "WriteResult",
    "check_stamp",
    "document_key",
    "plan_path",
    "section_for",
    "stamp",
    "title_key",
    "write_page",
]

HASH_KEY = "generated_hash"
_HASH_LINE_RE = re.compile(rf"^{HASH_KEY}: sha256:(?P<hex>[0-9a-f]{{64}})\n", re.M)
_MAX_SUFFIX = 1000


class Status(StrEnum):
    written = "written"
    unchanged = "unchanged"
    skipped = "skipped"


@dataclass
class WriteResult:
    path: Path
    status: Status
    reason: str | None = None


# --- stamps -------------------------------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp(text: str) -> str:
    """Add ``generated_hash`` as the last front-matter key of a page ``---\\n...---\\n``."""
    if not text.startswith("---\n"):
        raise ValueError("page has no front matter to stamp")
    end = text.index("\n---\n", 3) + 1
    line = f"{HASH_KEY}: sha256:{_digest(text)}\n"
    return text[:end] + line + text[end:]


def check_stamp(text: str) -> bool | None:
    """True when ``text`` matches its own hash, False when it was changed, None when it has
    no hash in its front matter (written by hand, not generated)."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    m = _HASH_LINE_RE.search(text, 0, end + 1)
    if not m:
        return None
    without = text[: m.start()] + text[m.end() :]
    return _digest(without) == m["hex"]


# --- paths --------------------------------------------------------------------------------------


def section_for(kind: str) -> str:
    return "news" if kind == "article" else "regulations"


def title_key(title: str) -> str:
    """A title compared without case or spacing differences."""
    return " ".join(title.lower().split())


def document_key(meta: dict) -> str | None:
    """What makes two pages the same document: its number, else its kind, title and source
    address. Two articles may share a title ("Weekly market update"); from two addresses
    they are two documents, and one must not take the other's page."""
    number = meta.get("doc_number")
    if isinstance(number, str) and number.strip():
        return "number:" + normalize_doc_number(number)
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        source = meta.get("source_url")
        where = f" @{source}" if isinstance(source, str) and source else ""
        return f"title:{meta.get('kind')}:" + title_key(title) + where
    return None


@dataclass(frozen=True)
class _OnDisk:
    """What planning needs of a page already on disk, read once: the document it names,
    whether an editor changed it since it was generated, and its text."""

    key: str | None
    edited: bool
    body: str
    #: False for a page an editor saved in another encoding: read as Windows-1252 here,
    #: enough to tell whose page it is, and never replaced (:func:`write_page`).
    utf8: bool = True


def _on_disk(path: Path) -> _OnDisk | None:
    """The page at ``path`` as planning needs it; None when it cannot be read at all."""
    utf8 = True
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, utf8 = data.decode("cp1252", errors="replace"), False
    fm = frontmatter.split(text)
    key = document_key(fm.meta) if not fm.error else None
    return _OnDisk(key, check_stamp(text) is False, fm.body, utf8)


def by_title_alone(meta: dict, key: str | None) -> bool:
    """Whether a document is known by its kind and title alone (no number, no address):
    then a page of the same title is its own only when the text is too."""
    return key is not None and key.startswith("title:") and not meta.get("source_url")


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with symbolic links followed, is inside ``root``: nothing the
    scraper writes may land outside the docs folder through a planted link."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def plan_path(
    meta: dict,
    out_dir: Path,
    taken: set[Path],
    body: Callable[[], str] | None = None,
    unreadable: list[Path] | None = None,
) -> Path:
    """The path for a document with front matter ``meta``, unique among ``taken`` (paths
    already planned in this run) and among other documents' pages on disk.

    A page there whose front matter names another document is still this one's when an
    editor changed it since it was generated and its text is still this document's
    ``body()``, the body as it would be written (:func:`same_text`): a corrected title
    or number must not turn the next run's copy into a second page beside the editor's.
    The other way round, a page of the same title but without a number or an address is
    this document's only when its text is too: two captures titled "Weekly market update"
    are two documents, and the second must not replace the first."""
    section = section_for(str(meta.get("kind", "article")))
    date = meta.get("date")
    year = str(date)[:4] if date and re.match(r"^\d{4}", str(date)) else "undated"
    stem = _stems(meta)[0]
    key = document_key(meta)
    alone = by_title_alone(meta, key)
    folder = out_dir / section / year
    for n in range(1, _MAX_SUFFIX):
        name = f"{stem}.md" if n == 1 else f"{stem}-{n}.md"
        candidate = folder / name
        if candidate in taken:
            continue
        if not is_inside(candidate, out_dir):
            raise ValueError(f"{candidate} would be outside {out_dir}")
        if candidate.exists() and _another_documents(candidate, key, alone, body, unreadable):
            continue
        taken.add(candidate)
        return candidate
    raise ValueError(f"more than {_MAX_SUFFIX} documents named {stem!r}")


def _another_documents(
    page: Path,
    key: str | None,
    by_title_alone: bool,
    body: Callable[[], str] | None,
    unreadable: list[Path] | None = None,
) -> bool:
    """Whether the page at ``page`` belongs to another document than the one with ``key``
    and ``body()`` (see :func:`plan_path`).

    A page that cannot be read (permissions), or whose front matter read as Windows-1252
    names another document, is taken for another's and listed in ``unreadable``: the run
    says it wrote beside it. One that names this document is its own, and the run names
    it as skipped (:func:`write_page` does not replace what is not UTF-8)."""
    on_disk = _on_disk(page)
    if on_disk is None or (not on_disk.utf8 and on_disk.key != key):
        if unreadable is not None:
            unreadable.append(page)
        return True
    if on_disk.key != key:
        # an editor's changed page that still holds this document's text is its own
        return not (body is not None and on_disk.edited and same_text(on_disk.body, body()))
    return not same_document(by_title_alone, body, on_disk.body)


_SAME_TEXT = 0.5  # share of their runs of three words two bodies have in common


def same_document(by_title_alone: bool, body: Callable[[], str] | None, other: str) -> bool:
    """Whether a page of a document's key, with body ``other``, is this document's, whose
    body is ``body()``: always, but for a document known by its title alone
    (:func:`by_title_alone`), whose text must be the same too (:func:`same_text`)."""
    return not by_title_alone or body is None or same_text(other, body())


def same_text(one: str, other: str) -> bool:
    """Whether two bodies are one document's text, where the title alone could be another
    document's ("Weekly market update"): most of their runs of three words in common, so
    that a page updated since (a word changed in each paragraph) is still the same one,
    and two articles sharing only their common words are not."""
    ours, theirs = _shingles(one), _shingles(other)
    return bool(ours) and len(ours & theirs) >= _SAME_TEXT * len(ours | theirs)


# A link, read as its text: whether and where the run links another document (or a
# picture) is not the text ("Full text of the notice" is a link once the notice is found).
_LINK_RE = re.compile(r"\[((?:[^\[\]\\\n]|\\.)*)\]\([^()\s]*\)")


def _shingles(body: str) -> set[tuple[str, ...]]:
    words = _LINK_RE.sub(r"\1", body).split()
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def earlier_copies(
    meta: dict, out_dir: Path, path: Path, body: Callable[[], str] | None = None
) -> list[Path]:
    """Pages of the same document elsewhere under ``out_dir`` than ``path``: where an
    earlier run put it before its date, kind or number was known (``undated/`` before a
    date hint, ``news/`` before it was read as a notice): same :func:`document_key`. The
    file name comes from the number or title, so only pages of that name (any section, any
    year) are read.

    Without a number or an address (an article of a capture or a saved page), a page of
    the same title may be another document's: it is this one's only when its text is
    mostly this document's ``body()`` too, else it is left where it is."""
    key = document_key(meta)
    if key is None:
        return []
    alone = by_title_alone(meta, key)
    if alone and body is None:
        return []
    found = []
    for stem in _stems(meta):
        names = re.compile(rf"{re.escape(stem)}(?:-\d+)?\.md")
        for candidate in sorted(out_dir.glob(f"*/*/{stem}*.md")):
            # A name matches one stem's pattern at most, so no page is found twice.
            if candidate == path or not names.fullmatch(candidate.name) or candidate.is_symlink():
                continue
            if _same_file(candidate, path):
                continue  # the page itself, seen through a linked folder (news/latest -> 2025)
            if not is_inside(candidate, out_dir):
                continue
            on_disk = _on_disk(candidate)
            if on_disk is None or on_disk.key != key:
                continue
            # Dates are not compared: a date hint corrects a document's date without
            # making it another document.
            if not same_document(alone, body, on_disk.body):
                continue
            found.append(candidate)
    return found


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (through a symbolic link to a folder)."""
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _stems(meta: dict) -> list[str]:
    """The file-name stem of a document's page, then any stem earlier versions gave it (a
    Chinese number was transliterated letter by letter: ``yin-fa-2021-237hao``), so that a
    page written under that name is found and moved."""
    number = meta.get("doc_number")
    if not number:
        return [slugify(meta.get("title"))]
    stem, legacy = number_slug(str(number)), slugify(str(number))
    return [stem] if legacy == stem else [stem, legacy]


def _read_existing(path: Path) -> tuple[str | None, str | None]:
    """An existing page's text, and why it must not be replaced without ``--force``
    (unreadable, written by hand, edited since it was generated), or None for that when it
    is a generated page nobody changed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot be read ({exc.__class__.__name__})"
    state = check_stamp(text)
    if state is None:
        return text, "was not generated by regkb (no generated_hash)"
    return text, None if state else "was edited since it was generated"


def replaceable(path: Path) -> str | None:
    """Why the page at ``path`` may not be removed for a newer copy, or None when it is a
    generated page nobody changed."""
    return _read_existing(path)[1]


# --- writing -------------------------------------------------------------------------------------


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (temp file in the same dir, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)  # mkstemp makes it 0600: no one else could read docs/
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename durable where the OS allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(path: Path) -> int:
    """The permissions a page gets: those of the file it replaces, else what the user's
    umask gives a new file (0644 with the usual 022), as ``open()`` would."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale_temps(path: Path) -> None:
    """Delete temp files of ``path`` left by a killed run (see :func:`atomic_write`).

    Without this they stay for ever: hidden, half-written, and committed with ``docs/`` by
    the next ``git add``. Two runs writing the same page at the same moment could remove
    each other's temp file; the rename then fails and that page is reported as failed,
    never written in part.
    """
    if not path.parent.is_dir():
        return
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def write_page(path: Path, text: str, *, force: bool = False, dry_run: bool = False) -> WriteResult:
    """Write the stamped page ``text`` to ``path`` unless that would lose an editor's change.

    ``text`` is the unstamped page from :func:`scraper.normalize.render`.
    """
    new = stamp(text)
    if path.is_symlink():
        return WriteResult(path, Status.skipped, "is a symbolic link; not followed")
    if not dry_run:
        _remove_stale_temps(path)
    if path.exists():
        old, state = _read_existing(path)
        if old == new:
            return WriteResult(path, Status.unchanged)
        if state and not force:
            return WriteResult(path, Status.skipped, f"{state}; use --force to overwrite")
    if not dry_run:
        atomic_write(path, new.encode("utf-8"))
    return WriteResult(path, Status.written)
