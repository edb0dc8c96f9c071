"""One scrape run: sources -> documents -> planned pages, each step failing per source.

The CLI drives it; tests call it directly. A source that cannot be read or extracted is
reported and the others go on. Planning happens for all documents of the run at once because
two things need every document: unique paths, and links from one document to another (an
article that links to the notice it introduces).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plugins.numbers import normalize_doc_number
from plugins.summary import counted
from scraper import links
from scraper.document import Document
from scraper.extract import ExtractError
from scraper.images import ImageMode, ImageResolver, ImageStore, relink
from scraper.lock import holding
from scraper.normalize import NormalizeError, body_text, front_matter, render
from scraper.sources import Source, apply_hints, read_regular_file
from scraper.write import (
    Status,
    by_title_alone,
    document_key,
    earlier_copies,
    plan_path,
    replaceable,
    same_document,
    title_key,
    write_page,
)

if TYPE_CHECKING:
    from scraper.fetch import Fetcher

__all__ = ["Planned", "Report", "extract_source", "plan", "run", "sniff"]

_HTML_START_RE = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|"
    rb"section|h[1-6]|table|ul|!--)[\s>/]",
    re.I | re.S,
)
_TAG_RE = re.compile(
    rb"</?(?:html|head|body|div|p|span|a|article|section|main|h[1-6]|br|meta|script|li|ul|"
    rb"table|tr|td|img)\b[^<>]{0,400}>",
    re.I,
)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff(data: bytes, content_type: str | None = None) -> str:
    """``"html"`` or ``"text"``, from the content itself.

    A file extension can lie (a capture saved as ``.html``, a page saved as ``.txt``), so the
    bytes decide: markup at the very start, or at least five HTML tags in the first 8 KB
    (a plain-text capture quoting one tag stays text). An HTTP ``Content-Type`` of
    ``text/plain`` or ``text/html`` is believed when given.
    """
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype == "text/plain":
        return "text"
    head = _utf8_head(data[:8192]).lstrip(b"\xef\xbb\xbf")
    if _HTML_START_RE.match(head):
        return "html"
    return "html" if len(_TAG_RE.findall(head)) >= 5 else "text"


def _utf8_head(head: bytes) -> bytes:
    """The first bytes as UTF-8 when a UTF-16/32 byte-order mark says they are not ASCII-based,
    so a page saved as UTF-16 is recognized by its markup like any other."""
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore").encode("utf-8")
    return head


def _extract_bytes(
    data: bytes,
    *,
    kind: str,
    url: str | None,
    origin: str,
    charset: str | None = None,
    images: ImageResolver | None = None,
) -> list[Document]:
    if kind == "html":
        from scraper.extract.html import extract_html_documents

        docs = extract_html_documents(data, url=url, charset=charset, images=images)
        for doc in docs:
            doc.origin = doc.origin or origin
        return docs
    from scraper.extract.text import extract_text

    return extract_text(data, origin=origin, charset=charset)


def extract_source(
    source: Source,
    fetcher: Fetcher | None = None,
    images: ImageResolver | None = None,
) -> tuple[list[Document], list[str]]:
    """Read and extract one source and apply its hints: (documents, warnings).

    ``images`` (made for this source) keeps the page's pictures in the site; without it
    they are linked where they are, and those saved beside a page are dropped.
    Raises :class:`ExtractError` (or ``FetchError`` / ``OSError``) with a one-line reason.
    """
    if source.is_url:
        if fetcher is None:
            raise ExtractError("no fetcher for URL sources")
        result = fetcher.get(source.location)
        ctype = {k.lower(): v for k, v in dict(result.headers).items()}.get("content-type")
        if ctype and not ctype.lower().lstrip().startswith(("text/", "application/xhtml")):
            raise ExtractError(f"unsupported content type {ctype.split(';')[0]!r}")
        kind = sniff(result.content, ctype)
        docs = _extract_bytes(
            result.content,
            kind=kind,
            url=result.final_url or source.location,
            origin=source.location,
            charset=result.charset,
            images=images,
        )
        for doc in docs:
            if kind == "html" and not doc.source_url:
                doc.source_url = doc.canonical_url or result.final_url or source.location
    else:
        path = Path(source.location)
        if path.is_dir():
            raise ExtractError(f"{path} is a folder: name the files in it, one source each")
        if not path.exists():
            raise ExtractError(f"no such file: {path}")
        try:
            data = read_regular_file(path, MAX_FILE_BYTES, "the file")
        except OSError as exc:  # not a file, too large, unreadable (permissions), or gone
            raise ExtractError(f"cannot read {path}: {exc.strerror or exc}") from exc
        docs = _extract_bytes(data, kind=sniff(data), url=None, origin=str(path), images=images)
    if not docs:
        raise ExtractError("no document found")
    return docs, apply_hints(source, docs)


@dataclass
class Planned:
    """A document with its path and final page text (or the reason it has none)."""

    doc: Document
    origin: str
    path: Path | None = None
    text: str | None = None
    error: str | None = None  # could not be written: counts as a failure
    skip: str | None = None  # deliberately not written (a duplicate of another source's)
    #: Pages of the same document that earlier runs wrote at other paths.
    earlier: list[Path] = field(default_factory=list)
    #: What the run must say about the pages it met (one it could not read).
    notes: list[str] = field(default_factory=list)
    #: The earlier page that stays where it is (an editor changed it; no ``--force``), and
    #: why: the document is not written, and links to it lead there.
    stays: tuple[Path, str] | None = None


@dataclass
class _Index:
    by_number: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)

    def find(self, kind: str, key: str) -> str | None:
        if kind == "number":
            return self.by_number.get(normalize_doc_number(key))
        return self.by_title.get(title_key(key))


def plan(
    batches: list[tuple[str, list[Document]]], out_dir: Path, *, force: bool = False
) -> list[Planned]:
    """Paths and page text for every document of the run.

    ``batches`` pairs each source label with its documents. The same document coming from two
    sources (same number, or same kind and title) is written once, from the first source.
    A document whose earlier page an editor changed stays there unless ``force``: the other
    documents link to that page, not to the path it would have moved to.
    """
    taken: set[Path] = set()
    seen: dict[str, list[Callable[[], str]]] = {}  # document key -> bodies planned under it
    planned: list[Planned] = []
    index = _Index()
    for origin, docs in batches:
        for doc in docs:
            item = Planned(doc, origin)
            planned.append(item)
            try:
                meta = front_matter(doc)
            except NormalizeError as exc:
                item.error = str(exc)
                continue
            key = document_key(meta)
            # made once, when a page on disk or another source's must be compared with it
            body = cache(partial(body_text, doc))
            if key is not None and _planned_already(meta, key, body, seen.get(key, [])):
                item.skip = "same document as one from an earlier source; written once"
                continue
            if key is not None:
                seen.setdefault(key, []).append(body)
            unreadable: list[Path] = []
            try:
                item.path = plan_path(meta, out_dir, taken, body, unreadable)
                item.earlier = earlier_copies(meta, out_dir, item.path, body)
            except ValueError as exc:
                item.error = str(exc)
                continue
            except OSError as exc:  # a folder of docs/ that cannot be read
                item.error = f"cannot plan its page: {_one_line(exc)}"
                item.path = None
                continue
            item.notes += [
                f"{page} cannot be read as a UTF-8 page; taken for another document's, "
                f"{item.path.name} is written beside it. If the two are one document, "
                "save that page as UTF-8 and remove the copy"
                for page in unreadable
            ]
            if not force:
                item.stays = next(((p, why) for p in item.earlier if (why := replaceable(p))), None)
            where = item.stays[0] if item.stays else item.path
            rel = where.relative_to(out_dir).as_posix()
            if doc.doc_number:
                index.by_number.setdefault(normalize_doc_number(doc.doc_number), rel)
            index.by_title.setdefault(title_key(doc.title), rel)
    for item in planned:
        if item.path is None:
            continue
        rel = item.path.relative_to(out_dir).as_posix()
        item.doc.body = relink(links.resolve(item.doc.body, index.find, rel), rel)
        try:
            item.text = render(item.doc)
        except NormalizeError as exc:
            item.error, item.path = str(exc), None
    return planned


def _planned_already(
    meta: dict, key: str, body: Callable[[], str], bodies: list[Callable[[], str]]
) -> bool:
    """Whether a document of this run with ``key`` was planned before: the same number or
    address is the same document; the same kind and title alone is only with the same text
    (two captures titled "Weekly market update" are two documents, as across runs)."""
    alone = by_title_alone(meta, key)
    return any(same_document(alone, body, other()) for other in bodies)


#: A saved page or a capture larger than this is refused before it is read: HTML over
#: ``MAX_HTML_CHARS`` (12 MB) would be refused after, and a 200 MB text file took three
#: minutes and 2.9 GB of memory to become a 200 MB page.
MAX_FILE_BYTES = 12_000_000


# --- a whole run --------------------------------------------------------------------------------


@dataclass
class Report:
    """What a run did, for the summary: one line per page, failure and skip."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source or file, reason)
    warnings: list[str] = field(default_factory=list)
    #: Image files written under docs/ (content-addressed, so never over another).
    images: list[Path] = field(default_factory=list)
    #: (earlier page, its new path): a document now written elsewhere, its old page removed.
    moved: list[tuple[Path, Path]] = field(default_factory=list)

    def format(self, *, dry_run: bool = False) -> str:
        verb = "would write" if dry_run else "written"
        lines = [f"{verb:<12} {p}" for p in self.written]
        lines += [f"{'unchanged':<12} {p}" for p in self.unchanged]
        moved = "would move" if dry_run else "moved"
        lines += [f"{moved:<12} {old} -> {new}" for old, new in self.moved]
        lines += [f"{'skipped':<12} {f}: {why}" for f, why in self.skipped]
        lines += [f"{'failed':<12} {f}: {why}" for f, why in self.failed]
        lines += [f"{'warning':<12} {w}" for w in self.warnings]
        lines.append(
            f"{len(self.written)} {verb}, {len(self.unchanged)} unchanged, "
            f"{len(self.skipped)} skipped, {len(self.failed)} failed"
            + (f", {counted(len(self.images), 'new image')}" if self.images else "")
            + (" (dry run: nothing was written)" if dry_run else "")
        )
        return "\n".join(lines)


Step = Callable[[str], None]


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def _make_fetcher(
    sources: list[Source],
    *,
    allow_private: bool,
    cache_dir: Path,
    timeout: float | None = None,
    images: ImageMode = ImageMode.local,
) -> Any:
    """A Fetcher when any source is a URL or images are downloaded (imported lazily:
    file-only runs never need it)."""
    if images is not ImageMode.download and not any(s.is_url for s in sources):
        return None
    from scraper.fetch import Fetcher, FetchOptions

    options = FetchOptions(cache_dir=cache_dir, allow_private=allow_private)
    if timeout is not None:
        options.timeout = timeout
    return Fetcher(options)


def run(
    sources: list[Source],
    *,
    out_dir: Path,
    force: bool = False,
    dry_run: bool = False,
    allow_private: bool = False,
    timeout: float | None = None,
    cache_dir: Path = Path(".cache/regkb/http"),
    images: ImageMode = ImageMode.local,
    step: Step | None = None,
) -> Report:
    """Extract every source, plan all pages, write them; never raises for a bad source.

    ``images``: what happens to the pictures of HTML sources (:mod:`scraper.images`).
    Raises :class:`scraper.lock.DocsBusy` when another run is writing ``out_dir`` (a dry
    run writes nothing and does not wait for it).
    """
    with holding(out_dir, dry_run=dry_run):
        step = step or (lambda _label: None)
        report = Report()
        fetcher = None
        fetch_error: str | None = None
        try:
            fetcher = _make_fetcher(
                sources,
                allow_private=allow_private,
                cache_dir=cache_dir,
                timeout=timeout,
                images=images,
            )
        except ImportError as exc:
            fetch_error = f"HTTP fetching is unavailable: {_one_line(exc)}"
        batches: list[tuple[str, list[Document]]] = []
        store = ImageStore(out_dir, dry_run=dry_run)
        try:
            for number, source in enumerate(sources, 1):
                step(f"extracting {number}/{len(sources)}: {source.label}")
                if source.is_url and fetch_error:
                    report.failed.append((source.label, fetch_error))
                    continue
                resolver = ImageResolver(
                    images,
                    store,
                    page_file=None if source.is_url else Path(source.location),
                    fetcher=fetcher,
                    warn=report.warnings.append,
                )
                try:
                    docs, warnings = extract_source(source, fetcher, resolver)
                except Exception as exc:  # one bad source must not stop the others
                    report.failed.append((source.label, _one_line(exc)))
                    continue
                resolver.finish()
                report.warnings += warnings
                batches.append((source.label, docs))
        finally:
            if fetcher is not None:
                fetcher.close()
        report.images = store.written
        planned = plan(batches, out_dir, force=force)
        for number, item in enumerate(planned, 1):
            report.warnings += item.notes
            if item.skip:
                report.skipped.append((f"{item.origin}: {item.doc.title[:60]}", item.skip))
                continue
            if item.error or item.path is None or item.text is None:
                report.failed.append((f"{item.origin}: {item.doc.title[:60]}", item.error or "?"))
                continue
            step(f"writing {number}/{len(planned)}: {item.path}")
            if item.stays is not None:
                # Writing would leave two pages of one document; the earlier one is an editor's.
                earlier, why = item.stays
                report.skipped.append(
                    (str(item.path), f"the same document is at {earlier}, which {why}; "
                     "use --force to replace it")
                )  # fmt: skip
                continue
            try:
                result = write_page(item.path, item.text, force=force, dry_run=dry_run)
            except OSError as exc:
                report.failed.append((str(item.path), _one_line(exc)))
                continue
            if result.status is Status.written:
                report.written.append(item.path)
            elif result.status is Status.unchanged:
                report.unchanged.append(item.path)
            else:
                report.skipped.append((str(item.path), result.reason or ""))
                continue
            for earlier in item.earlier:
                try:
                    if not dry_run:
                        earlier.unlink()
                except OSError as exc:
                    report.failed.append((str(earlier), f"not removed: {_one_line(exc)}"))
                else:
                    report.moved.append((earlier, item.path))
        return report
