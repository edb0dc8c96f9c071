"""Reading and checking the term files of the glossary (``docs/glossary/*.md``).

One Markdown file is one term; editors add a term by adding a file. Everything that can be
wrong with a term file is found here, before any page is rendered, and reported as
``file:line: message`` so that ``mkdocs build --strict`` fails with a message an editor can
act on. A term with errors is left out (or loses only the offending alias or relation), so a
non-strict preview still builds.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from plugins import frontmatter
from plugins.glossary.linker import alias_key, fold, is_abbreviation
from plugins.model import FileBacked
from plugins.schema import NameList, StrList, TagList, field_errors

if TYPE_CHECKING:
    from mkdocs.structure.files import File

__all__ = ["Term", "TermMeta", "TermSet", "load_terms"]

#: Files in the glossary folder that are landing pages, not terms.
NOT_TERMS = frozenset({"index.md", "README.md"})


class TermMeta(BaseModel):
    """Front matter of a term file. Unknown fields (Material's ``hide``...) pass through."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    term: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    aliases: NameList = Field(default_factory=list)
    related: StrList = Field(default_factory=list)
    tags: TagList = Field(default_factory=list)
    #: Phrases in which the term's names mean something else ("data mining", "ETH
    #: Zurich"): there they are neither linked nor counted.
    not_linked_in: StrList = Field(default_factory=list)

    @field_validator("term", "summary", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        # YAML reads "term: 2024" or "term: yes" as a number or a boolean; a term is text.
        if value is not None and not isinstance(value, str):
            raise ValueError(f"must be text, got {frontmatter.shown(value)}")
        return value

    @field_validator("aliases", "related", "not_linked_in")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        cleaned = [v.strip() for v in value]
        if any(not v for v in cleaned):
            raise ValueError("an entry is empty")
        return cleaned


@dataclass(eq=False)
class Term(FileBacked):
    """One glossary entry: its names, its summary and the page it lives on."""

    term: str
    summary: str
    aliases: list[str]
    related_names: list[str]
    tags: list[str]
    file: File
    #: The front matter's YAML text, for the line numbers of error messages. Only the text
    #: is kept (not the parsed block), so a large glossary leaves fewer objects for Python's
    #: garbage collector to walk during the build.
    yaml_text: str = field(repr=False)
    #: Related terms after validation, as written by this term's editor (not the reverse).
    related: list[Term] = field(default_factory=list, repr=False)
    #: Phrases in which its names are not this term (``not_linked_in``).
    not_linked_in: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The term and its aliases, each once (by the matcher's notion of "same name")."""
        seen: set[str] = set()
        out = []
        for name in [self.term, *self.aliases]:
            key = alias_key(name)
            if key and key not in seen:
                seen.add(key)
                out.append(name)
        return out

    @cached_property
    def _lines(self) -> dict[frontmatter.ValuePath, int]:
        """Line of each field and list item; only error messages need them, so they are
        computed on demand."""
        return frontmatter.value_lines(self.yaml_text)

    def where(self, field_name: str | None = None, index: int | None = None) -> str:
        """``glossary/x.md:7`` pointing at a field, or at one item of a list field."""
        line = None
        if field_name is not None:
            path = (field_name,) if index is None else (field_name, index)
            line = frontmatter.line_of(self._lines, path)
        return f"{self.src_uri}:{line}" if line else self.src_uri

    def where_name(self, item: int | None) -> str:
        """Where one of the term's names is written: its ``term`` (``item`` None) or its
        alias number ``item``."""
        return self.where("term") if item is None else self.where("aliases", item)


@dataclass
class TermSet:
    """All valid terms of one build, and what was wrong with the others."""

    terms: list[Term] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Related terms both ways: if A lists B, B's entry holds A too. Keyed by src_uri.
    related: dict[str, list[Term]] = field(default_factory=dict)

    def by_src_uri(self) -> dict[str, Term]:
        return {t.src_uri: t for t in self.terms}


def is_term_file(file: File, directory: str) -> bool:
    """A Markdown page inside the glossary folder other than its landing page."""
    if not file.is_documentation_page():
        return False
    prefix = directory.strip("/") + "/"
    return file.src_uri.startswith(prefix) and posixpath.basename(file.src_uri) not in NOT_TERMS


def read_term(file: File) -> tuple[Term | None, list[str]]:
    """Parse and validate one term file; never raises."""
    try:
        text = file.content_string
    except (OSError, ValueError) as exc:
        return None, [f"{file.src_uri}: cannot read term file: {exc}"]
    fm = frontmatter.split(text)
    problems = fm.problems(file.src_uri)
    if fm.error:
        return None, problems
    try:
        meta = TermMeta.model_validate(fm.meta)
    except ValidationError as exc:
        errors = field_errors(exc, fm.lines(), required=" in a glossary term file")
        return None, problems + [err.format(file.src_uri) for err in errors]
    term = Term(
        term=meta.term,
        summary=_one_line(meta.summary),
        aliases=meta.aliases,
        related_names=meta.related,
        tags=meta.tags,
        file=file,
        yaml_text=fm.yaml_text,
        not_linked_in=meta.not_linked_in,
    )
    keys = [fold(name) for name in term.names]
    for i, phrase in enumerate(meta.not_linked_in):
        if not any(key in fold(phrase) for key in keys):
            where = frontmatter.field_location(file.src_uri, text, f"not_linked_in.{i}")
            problems.append(
                f"{where}: field 'not_linked_in.{i}': {phrase!r} holds none of the term's "
                "names, so it keeps nothing from being linked"
            )
    return term, problems


def _one_line(text: str) -> str:
    """A summary is shown in tooltips and lists: YAML block scalars become one line."""
    return re.sub(r"\s+", " ", text).strip()


def load_terms(files: Iterable[File], directory: str) -> TermSet:
    """Read every term file, then check names and relations across all of them.

    Files are taken in path order so that which of two clashing terms keeps an alias does
    not depend on the file system.
    """
    result = TermSet()
    for file in sorted((f for f in files if is_term_file(f, directory)), key=lambda f: f.src_uri):
        term, errors = read_term(file)
        result.errors.extend(errors)
        if term is not None:
            result.terms.append(term)

    claims = _check_names(result)
    _resolve_related(result, claims)
    result.terms.sort(key=lambda t: (t.term.casefold(), t.term))
    return result


#: English words of grammar, found on nearly every page: never a term's name.
_GRAMMAR = """a an the and or nor but if then than so as of to in on at by for from with into
onto over under about after before between per via up out off is are was were be been being
am has have had do does did can could may might must shall should will would it its this that
these those he she they we you i me him her them us our your his their my not no yes all any
each some such other more most which who whom whose what when where why how there here also
only just very one"""
_FUNCTION_WORDS = frozenset(_GRAMMAR.split())


def _check_names(result: TermSet) -> dict[str, tuple[Term, int | None]]:
    """Give every name (term or alias) to exactly one term; report and drop the clashes."""
    claims: dict[str, tuple[Term, int | None]] = {}
    for term in result.terms:
        kept: list[str] = []
        own: set[str] = set()
        for index, name in enumerate([term.term, *term.aliases]):
            key = alias_key(name)
            item = None if index == 0 else index - 1
            if not key:
                what = "term name" if item is None else "alias"
                result.errors.append(
                    f"{term.where_name(item)}: {what} {name!r} has no letters to match"
                )
                continue
            if len(key) == 1:
                # "a", "I" or "币" as a name would link nearly every page, most of them wrongly.
                result.errors.append(
                    f"{term.where_name(item)}: {name!r} is a single character: as a name it "
                    f"would match every {name!r} on the site, so it is not linked; give a "
                    "longer name"
                )
                continue
            if key in _FUNCTION_WORDS and not is_abbreviation(name):  # "US", "IT" match as such
                # An alias "the" (a slip, or a test) linked the first "the" of 42 pages.
                result.errors.append(
                    f"{term.where_name(item)}: {name!r} is one of the commonest words: as a "
                    "name it would link nearly every page, so it is not linked; give a "
                    "longer name"
                )
                continue
            if key in own:
                continue  # the same term naming itself twice is harmless
            if key in claims:
                other, other_item = claims[key]
                result.errors.append(
                    f"{term.where_name(item)}: {name!r} of term {term.term!r} is already a "
                    f"name of term {other.term!r} ({other.where_name(other_item)}); an alias "
                    "can belong to one term only"
                )
                continue
            claims[key] = (term, item)
            own.add(key)
            if item is not None:
                kept.append(name)
        term.aliases = kept
    return claims


def _resolve_related(result: TermSet, claims: dict[str, tuple[Term, int | None]]) -> None:
    """Turn ``related`` names into terms, and record every relation both ways."""
    both: dict[str, dict[str, Term]] = {t.src_uri: {} for t in result.terms}
    for term in result.terms:
        for index, name in enumerate(term.related_names):
            hit = claims.get(alias_key(name))
            if hit is None:
                result.errors.append(
                    f"{term.where('related', index)}: related term {name!r} of {term.term!r} "
                    "names no term of the glossary"
                )
                continue
            other = hit[0]
            if other is term:
                result.errors.append(
                    f"{term.where('related', index)}: term {term.term!r} lists itself as related"
                )
                continue
            if other not in term.related:
                term.related.append(other)
            both[term.src_uri][other.src_uri] = other
            both[other.src_uri][term.src_uri] = term
    order = {id(t): (t.term.casefold(), t.term) for t in result.terms}
    result.related = {
        src: sorted(group.values(), key=lambda t: order[id(t)]) for src, group in both.items()
    }
