"""The site model: every document page's validated metadata, built once per build.

The documents plugin builds it in ``on_files``; the glossary and timeline plugins read it
instead of parsing front matter again. It is rebuilt from scratch on every build, so
``mkdocs serve`` never shows state left over from an earlier build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from plugins.numbers import normalize_doc_number, number_across_scripts
from plugins.schema import DocumentRecord

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File


def in_language(text_html: str, lang: str | None) -> str:
    """Escaped ``text_html`` marked as written in ``lang`` (a validated language tag), when
    that is set: a Chinese title in an English listing is spoken and set as Chinese, a
    Hebrew one set right to left."""
    return f'<span lang="{lang}"{direction(lang)}>{text_html}</span>' if lang else text_html


#: Languages written from right to left (primary subtags; "iw" and "ji" are old codes).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ku", "ps", "sd", "syr", "ug",
     "ur", "yi"}
)  # fmt: skip


def direction(lang: str | None) -> str:
    """`` dir="rtl"`` for text in a right-to-left language, else nothing: a Hebrew or
    Arabic document on a left-to-right site is laid out from the right (its punctuation at
    the end of its lines, its lists indented from the right) only when its element says
    so; the language alone does not set the direction."""
    return ' dir="rtl"' if lang and primary_subtag(lang) in RTL_LANGUAGES else ""


def primary_subtag(language: str) -> str:
    """The language of a tag, without script or region: "zh-Hans-CN" -> "zh"."""
    return language.split("-", 1)[0].lower()


def other_language(language: str | None, site_language: str) -> str | None:
    """``language`` if it is not the site's: "zh" on an English site, but not "en-GB" (the
    same language; only the primary subtag is compared)."""
    if not language:
        return None
    return None if primary_subtag(language) == primary_subtag(site_language) else language


class FileBacked:
    """Something read from one page of the build: its source path and its URL."""

    file: File

    @property
    def src_uri(self) -> str:
        return self.file.src_uri

    @property
    def url(self) -> str:
        return self.file.url


@dataclass(eq=False)  # one object per page: compared by identity (and translations link back)
class DocumentPage(FileBacked):
    """One document of the site: where it lives and what its front matter says."""

    file: File
    meta: DocumentRecord
    excerpt: str | None = None  # first paragraph of the body, for listings without a summary
    #: The document's language where the site's is another (set by :meth:`SiteModel.add`):
    #: its title, wherever a page shows it, and its page's text are marked with it, so that
    #: screen readers speak them in that language and browsers pick its fonts.
    lang: str | None = None
    #: Its language, the site's where the page does not say (set by :meth:`SiteModel.add`).
    language: str = "en"
    #: The document this page translates (``translation_of``), and the pages translating
    #: this one: set by :meth:`SiteModel.link_translations`.
    original: DocumentPage | None = None
    translations: list[DocumentPage] = field(default_factory=list)

    @property
    def version_refs(self) -> tuple[tuple[str, str, bool], ...]:
        """(language, URL, is the original) of each other version, for links to them."""
        return tuple((v.language, v.url, v is self.original) for v in self.other_versions)

    @property
    def other_versions(self) -> list[DocumentPage]:
        """The same document in other languages: the original first, then translations."""
        root = self.original or self
        versions = [root, *root.translations]
        return [v for v in versions if v is not self] if len(versions) > 1 else []


@dataclass
class SiteModel:
    """All documents of one build, with the indexes the plugins look things up by."""

    documents: dict[str, DocumentPage] = field(default_factory=dict)
    by_number: dict[str, DocumentPage] = field(default_factory=dict)
    #: The site's language (the theme's), against which documents' languages are compared.
    language: str = "en"
    _across: dict[str, list[DocumentPage]] | None = field(default=None, repr=False)
    _titles: dict[str, list[DocumentPage]] | None = field(default=None, repr=False)

    def add(self, doc: DocumentPage) -> DocumentPage | None:
        """Add ``doc``; returns the document that already has its number, if one does (the
        number keeps pointing there)."""
        self.documents[doc.src_uri] = doc
        self._across = self._titles = None
        doc.lang = other_language(doc.meta.language, self.language)
        doc.language = doc.meta.language or self.language
        if doc.meta.doc_number:
            first = self.by_number.setdefault(normalize_doc_number(doc.meta.doc_number), doc)
            return first if first is not doc else None
        return None

    def site_lang_attr(self, doc: DocumentPage) -> str:
        """`` lang="en"`` for the site's own words (labels, headings) on the page of a
        document in another language, whose article is marked with the document's; else
        nothing (the page's ``<html lang>`` already says it)."""
        return f' lang="{escape(self.language, quote=True)}"' if doc.lang else ""

    def find_number(self, number: str) -> DocumentPage | None:
        """The document with ``number``; failing that, the one whose number is the same in
        the other script ("Yinfa [2026] No. 42" finds 银发〔2026〕42号), unless that names
        two documents that are not one document's versions: then none, not a guess."""
        found = self.by_number.get(normalize_doc_number(number))
        if found is not None:
            return found
        key = number_across_scripts(number)
        if key is None:
            return None
        candidates = self.numbers_across_scripts().get(key, [])
        roots = {id(d.original or d): d.original or d for d in candidates}
        return next(iter(roots.values())) if len(roots) == 1 else None

    def numbers_across_scripts(self) -> dict[str, list[DocumentPage]]:
        """Documents by :func:`number_across_scripts` of their number (made on first use)."""
        if self._across is None:
            self._across = {}
            for doc in self.documents.values():
                key = number_across_scripts(doc.meta.doc_number) if doc.meta.doc_number else None
                if key is not None:
                    self._across.setdefault(key, []).append(doc)
        return self._across

    def find_cited(self, reference: str) -> DocumentPage | None:
        """The document a ``cites``, ``repeals`` or ``amends`` item names: its number, else
        its title (compared without case, spacing or the quotes and 《》 a citation puts
        around one), when one document has it; a title two documents share names neither."""
        found = self.find_number(reference)
        if found is not None:
            return found
        if self._titles is None:
            self._titles = {}
            for doc in self.documents.values():
                self._titles.setdefault(_title_key(doc.meta.title), []).append(doc)
        candidates = self._titles.get(_title_key(reference), [])
        roots = {id(d.original or d): d.original or d for d in candidates}
        return next(iter(roots.values())) if len(roots) == 1 else None

    def find_reference(self, reference: str) -> DocumentPage | None:
        """The document ``reference`` names: a document number, or a path under docs/
        ("regulations/2026/x.md", with or without ".md" or a leading slash)."""
        found = self.find_number(reference)
        if found is not None:
            return found
        path = reference.strip().lstrip("/")
        return self.documents.get(path) or self.documents.get(f"{path.removesuffix('/')}.md")

    def link_translations(self) -> list[tuple[DocumentPage, str]]:
        """Join each ``translation_of`` page to the document it translates; returns the
        pages whose reference cannot be followed, with why.

        A translation of a translation is joined to the first one's original, so that each
        document has one original and a flat list of translations.
        """
        problems: list[tuple[DocumentPage, str]] = []
        for doc in self.documents.values():
            doc.original, doc.translations = None, []
        for doc in self.documents.values():
            reference = doc.meta.translation_of
            if reference is None:
                continue
            target = self.find_reference(reference)
            chain = [doc]
            while target is not None and target not in chain:
                further = target.meta.translation_of
                found = self.find_reference(further) if further is not None else None
                if found is None:  # an original (a broken reference is reported for its page)
                    break
                chain.append(target)
                target = found
            shown = repr(reference if len(reference) <= 80 else reference[:77] + "...")
            if target is None:
                problems.append((doc, f"{shown} is neither the number nor the path of a document"))
            elif target in chain:
                problems.append((doc, f"{shown} leads back to this page, not to an original"))
            elif doc.language.lower() == target.language.lower():
                # (zh-Hant translating zh-Hans, pt-BR pt-PT: other languages for readers)
                # Joined, the two would be "English" and "English", with two hreflang links
                # of one language: most often a `language:` left out of the translation.
                problems.append(
                    (
                        doc,
                        f"{shown} is in {target.language!r} like this page: give this page "
                        "its own `language:`",
                    )
                )
            else:
                doc.original = target
                target.translations.append(doc)
        return problems

    def get(self, src_uri: str) -> DocumentPage | None:
        return self.documents.get(src_uri)

    def newest_first(self) -> list[DocumentPage]:
        """Documents with a date first, newest first; undated ones after, by title."""
        dated = [d for d in self.documents.values() if d.meta.date is not None]
        undated = [d for d in self.documents.values() if d.meta.date is None]
        dated.sort(key=lambda d: (d.meta.date.sort_key, d.meta.title), reverse=True)  # type: ignore[union-attr]
        undated.sort(key=lambda d: d.meta.title)
        return dated + undated


def get_site_model(config: MkDocsConfig, wanted_by: str) -> SiteModel:
    """The model built by the ``regkb-documents`` plugin in this build."""
    plugin = config.plugins.get("regkb-documents")
    if plugin is not None and not plugin.config.get("enabled", True):
        # Its walk is where the other plugins' text linkers run: without it they would
        # quietly do nothing.
        raise PluginError(f"{wanted_by} needs the 'regkb-documents' plugin enabled")
    model = getattr(plugin, "model", None)
    if model is None:
        raise PluginError(
            f"{wanted_by} needs the 'regkb-documents' plugin: add it to 'plugins' in "
            "mkdocs.yml (before it)"
        )
    return model


def _title_key(title: str) -> str:
    """A title as citations write it, whatever their case, spacing and quotes."""
    return " ".join(title.strip().strip("\"'“”‘’《》「」").casefold().split())
