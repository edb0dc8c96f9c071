"""``sources.yml``: what ``regkb scrape`` ingests, with editors' hints.

::

    sources:
      - path: captures/page.txt          # or url: https://..., relative paths are resolved
        site_name: WEEX News             #   against the directory of sources.yml
        kind: notice                     # per-source hints (all optional)
        jurisdiction: CN
        tags: [privacy]
        documents:                       # per-document hints, matched by number or title
          - match: Yinfa [2026] No. 42
            date: 2026-02-06
            date_source: China Daily, 2026-02-06
            translation_of: 银发〔2026〕42号   # it translates that page of the site

Hints are editors' knowledge that a source does not give. Source hints fill what the
extractor left empty (``kind`` only applies to a source that gives a single document, and
only replaces the default ``article``, never a kind the extractor recognized); tags are added.
Document hints are explicit and win.
A date hint becomes an ``issued`` (or, for articles, ``published``) event naming its source.
The file is validated up front so a typo fails with the file, entry and field named.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from plugins.frontmatter import ValuePath, load_yaml, not_utf8, value_lines, yaml_problem
from plugins.numbers import normalize_doc_number
from plugins.schema import (
    Kind,
    PartialDate,
    field_errors,
    is_markup_free,
    jurisdiction_code,
    refuse_list_as_text,
)
from scraper.document import Document
from scraper.write import title_key

__all__ = ["DocHint", "Source", "SourcesError", "apply_hints", "load_sources", "source_from_arg"]


class SourcesError(ValueError):
    """``sources.yml`` cannot be used; the message names the file, entry and field."""


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        refuse_list_as_text(value)  # "tags: privacy, regulation" is one text in YAML
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        tags = [str(v) for v in value]
        for tag in tags:
            if not is_markup_free(tag):
                # Checked here, with the line: each document would be refused later.
                raise ValueError(f"tag {tag!r} holds < or >, which pages would show as markup")
        return tags
    raise ValueError("tags must be text or a list of text")


class _Hints(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind | None = None
    jurisdiction: str | None = None
    tags: list[str] = Field(default_factory=list)
    site_name: str | None = None
    language: str | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _t(cls, value: Any) -> list[str]:
        return _tags(value)

    @field_validator("kind", mode="before")
    @classmethod
    def _k(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("jurisdiction")
    @classmethod
    def _j(cls, value: str | None) -> str | None:
        # The schema's rule, so sources.yml and front matter accept the same codes.
        return None if value is None else jurisdiction_code(value)


class DocHint(_Hints):
    """Hints for one document of a source, found by its document number or title."""

    match: str = Field(min_length=1)
    date: str | None = None
    date_source: str | None = None
    title: str | None = None
    author: str | None = None
    summary: str | None = None
    in_force: str | None = None
    # This document translates another of the site: its number or path under docs/.
    translation_of: str | None = None

    @field_validator("match", mode="before")
    @classmethod
    def _m(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @field_validator("date", "in_force", mode="before")
    @classmethod
    def _d(cls, value: Any) -> str | None:
        if value is None or value == "":
            return None
        return str(PartialDate.parse(value).as_yaml())

    def matches(self, doc: Document) -> bool:
        if doc.doc_number and normalize_doc_number(doc.doc_number) == normalize_doc_number(
            self.match
        ):
            return True
        return _quotes_folded(title_key(doc.title)) == _quotes_folded(title_key(self.match))


# Typographic quotes and apostrophes as typed ones: a title copied from a browser has
# "China’s", the capture "China's", or the other way round.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "＇": "'", "＂": '"'})


def _quotes_folded(text: str) -> str:
    return text.translate(_QUOTES)


class _Entry(_Hints):
    url: str | None = None
    path: str | None = None
    documents: list[DocHint] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_location(self) -> _Entry:
        if bool(self.url) == bool(self.path):
            raise ValueError("give exactly one of 'url' or 'path'")
        if self.url and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"url must start with http:// or https://, got {self.url!r}")
        return self


@dataclass
class Source:
    """One thing to ingest: a URL or a file, with its hints."""

    location: str  # URL, or a file path (absolute or relative to the working directory)
    is_url: bool
    kind: str | None = None
    jurisdiction: str | None = None
    tags: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    documents: list[DocHint] = field(default_factory=list)
    #: Where the entry is written (``sources.yml:12``), and each of its document hints,
    #: for messages about them; empty for a command-line source.
    where: str = ""
    hints_where: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.location


def source_from_arg(
    arg: str, *, kind: str | None = None, jurisdiction: str | None = None, tags: tuple = ()
) -> Source:
    """A command-line source: a URL when it starts with http(s)://, else a file path."""
    try:
        hints = _Hints(kind=kind, jurisdiction=jurisdiction, tags=list(tags))
    except ValidationError as exc:
        raise SourcesError("; ".join(what for _, what in _errors(exc))) from None
    return Source(
        arg,
        arg.startswith(("http://", "https://")),
        kind=hints.kind.value if hints.kind else None,
        jurisdiction=hints.jurisdiction,
        tags=hints.tags,
    )


def _errors(
    exc: ValidationError, lines: dict[ValuePath, int] | None = None
) -> list[tuple[int | None, str]]:
    """Each problem of one entry: its line where known, and ``field: what is wrong``."""
    out = []
    for err in field_errors(exc, lines or {}):
        what = err.message if err.whole else f"{err.field}: {err.message}"
        out.append((err.line, what))
    return out


MAX_SOURCES_BYTES = 5_000_000  # a list of sources, not a corpus: tens of thousands of entries


def read_regular_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the file at ``path``, refused (``OSError`` with a reason) when it is not
    a regular file (a FIFO would hang the run, ``/dev/zero`` fill the memory) or is over
    ``limit`` bytes."""
    if not stat.S_ISREG(path.stat().st_mode):  # before opening: a FIFO blocks open()
        raise OSError(f"{path} is not a regular file")
    with path.open("rb") as fh:
        info = os.fstat(fh.fileno())
        if info.st_size > limit:
            raise OSError(
                f"{what} is {info.st_size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB limit"
            )
        return fh.read(limit + 1)


def load_sources(path: Path) -> list[Source]:
    """Read and validate ``sources.yml``; paths in it are resolved against its directory."""
    text = ""
    try:
        text = read_regular_file(path, MAX_SOURCES_BYTES, "sources file").decode("utf-8")
        data, duplicates = load_yaml(text)
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:  # saved in GBK or Windows-1252: was a traceback
        raise SourcesError(f"{path}:{not_utf8(exc)}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SourcesError(f"{where}: invalid YAML: {yaml_problem(exc, text)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{path}: expected a mapping with a 'sources:' list")
    out: list[Source] = []
    # YAML keeps the second of two equal keys: an entry given `tags:` twice, or a second
    # `url:` pasted in, would lose the first without a word.
    problems = [
        f"{path}:{second + 1}: {key!r} is given twice (first on line {first + 1}); keep one"
        for key, first, second in duplicates
    ]
    lines = value_lines(text, first_line=1)
    base = path.parent
    for i, raw in enumerate(data["sources"], start=1):
        prefix = ("sources", i - 1)
        try:
            entry = _Entry.model_validate(raw)
        except ValidationError as exc:
            # Every bad entry is reported at once, each at its line.
            entry_lines = {p[2:]: n for p, n in lines.items() if p[:2] == prefix}
            for line, what in _errors(exc, entry_lines):
                problems.append(f"{f'{path}:{line}' if line else path}: source #{i}: {what}")
            continue
        location = entry.url or str((base / entry.path).resolve() if entry.path else "")
        out.append(
            Source(
                location,
                bool(entry.url),
                kind=entry.kind.value if entry.kind else None,
                jurisdiction=entry.jurisdiction,
                tags=entry.tags,
                site_name=entry.site_name,
                language=entry.language,
                documents=entry.documents,
                where=_where(path, lines, prefix),
                hints_where=[
                    _where(path, lines, (*prefix, "documents", n))
                    for n in range(len(entry.documents))
                ],
            )
        )
    if problems:
        raise SourcesError("\n".join(problems))
    return out


def _merge_tags(*lists: list[str]) -> list[str]:
    out: list[str] = []
    for tags in lists:
        out += [t for t in tags if t not in out]
    return out


def _where(path: Path, lines: dict[ValuePath, int], at: ValuePath) -> str:
    line = lines.get(at)
    return f"{path}:{line}" if line else str(path)


def apply_hints(source: Source, docs: list[Document]) -> list[str]:
    """Apply ``source``'s hints to its documents in place; returns warnings: a hint that
    matched no document (with the documents there are), two hints for one document (both
    applied, in order), a source's kind that several documents make unusable."""
    warnings = []
    where = source.where or source.label
    if source.kind and len(docs) > 1:
        warnings.append(
            f"{where}: kind {source.kind!r} is not applied: {source.label} gives "
            f"{len(docs)} documents; give each its kind under documents:"
        )
    for doc in docs:
        if source.kind and len(docs) == 1:
            # The editor's word over the detected kind (a notice page detected as "notice"
            # may be a "law"); with several documents, per-document hints say which.
            doc.kind = source.kind
        doc.jurisdiction = doc.jurisdiction or source.jurisdiction
        doc.site_name = doc.site_name or source.site_name
        doc.language = doc.language or source.language
        doc.tags = _merge_tags(doc.tags, source.tags)
    hinted: dict[int, str] = {}  # document -> where the first hint that matched it is
    for n, hint in enumerate(source.documents):
        hint_where = source.hints_where[n] if n < len(source.hints_where) else where
        hits = [d for d in docs if hint.matches(d)]
        if not hits:
            names = "; ".join(repr(d.doc_number or d.title[:80]) for d in docs[:6])
            warnings.append(
                f"{hint_where}: document hint {hint.match!r} matched no document of "
                f"{source.label} (match a number or a whole title; its documents: {names})"
            )
        for doc in hits:
            if id(doc) in hinted:
                warnings.append(
                    f"{hint_where}: document hint {hint.match!r} is for the same document as "
                    f"the hint at {hinted[id(doc)]}; both are applied, this one last"
                )
            hinted.setdefault(id(doc), hint_where)
            _apply_doc_hint(hint, doc)
    return warnings


def _apply_doc_hint(hint: DocHint, doc: Document) -> None:
    for name in (
        "title",
        "author",
        "summary",
        "jurisdiction",
        "language",
        "site_name",
        "in_force",
        "translation_of",
    ):
        value = getattr(hint, name)
        if value:
            setattr(doc, name, value)
    if hint.kind:
        doc.kind = hint.kind.value
    doc.tags = _merge_tags(doc.tags, hint.tags)
    if hint.date:
        doc.date = hint.date
        event_kind = "published" if doc.kind == "article" else "issued"
        event = {"date": hint.date, "kind": event_kind}
        if hint.date_source:
            event["source"] = hint.date_source
        if event not in doc.events:
            doc.events.append(event)
