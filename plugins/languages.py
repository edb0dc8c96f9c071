"""Languages on the site's pages: names of languages, as a page links to its versions in
other languages, and the language of a short name (a tag, a glossary term) shown among the
site's words."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from plugins.html_text import text_runs
from plugins.model import in_language, primary_subtag
from plugins.scripts import has_east_asian, script_runs

#: One version of a document as links name it: (language tag, site-relative URL, whether
#: it is the original).
Version = tuple[str, str, bool]


def site_language(config: MkDocsConfig) -> str:
    """The language of the site's own words: the theme's."""
    return str(config.theme.get("language") or config.theme.locale)


def name_html(text: str, site_lang: str) -> str:
    """``text`` escaped, each run of Chinese, Japanese or Korean script in it marked with
    its language when the site is not written in that language.

    Tags, glossary terms, aliases and summaries have no language field; a "中文" tag or a
    "数字人民币" alias on an English page is still read as Chinese by screen readers, and
    set in a Chinese font by browsers, only when marked (WCAG 2.1, 3.1.2 Language of
    Parts). Only these scripts are marked: text in Latin letters could be in any of a
    hundred languages, so it stays in the page's."""
    return _name_html(text, primary_subtag(site_lang))


def document_text_html(text: str, language: str, lang: str | None) -> str:
    """A document's ``text`` (its title, summary) escaped for a page of the site: marked
    with the document's ``lang`` where it is not the site's, and each run of another East
    Asian script in it marked with that script's language, as :func:`name_html` marks
    names ("The PBOC's 数字人民币 pilot" on an English site). ``language`` is the
    document's, the site's where it does not say."""
    if text.isascii():
        return in_language(html.escape(text), lang)
    return in_language(_name_html(text, primary_subtag(language)), lang)


@lru_cache(maxsize=8192)  # the same few hundred names are shown on thousands of pages
def _name_html(text: str, site: str) -> str:
    out: list[str] = []
    last = 0
    for start, end, lang in _other_runs(text, site):
        out.append(html.escape(text[last:start]))
        out.append(in_language(html.escape(text[start:end]), lang))
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


#: Languages written with Chinese characters among others: on a page in one of them, a run
#: of those characters alone is the page's own (Japanese kanji, Korean hanja), not Chinese.
_HAN_WRITING = frozenset({"zh", "ja", "ko"})


def _other_runs(text: str, page: str) -> Iterator[tuple[int, int, str]]:
    """The runs of East Asian script in ``text`` not in ``page``'s language (a primary
    subtag), with theirs."""
    for start, end, lang in script_runs(text):
        if lang == page or (lang == "zh" and page in _HAN_WRITING):
            continue
        yield start, end, lang


#: Elements whose text is never marked: not shown as text (scripts, styles, the title,
#: embedded documents and drawings) or where a ``<span>`` may not go (options, text areas).
#: Code is marked: a Chinese string in a code sample is still spoken as Chinese.
_NOT_MARKED = frozenset(
    {"script", "style", "textarea", "title", "select", "option", "svg", "math", "template"}
    | {"noscript", "iframe", "object"}
)


def mark_text_languages(page_html: str, page_language: str) -> str:
    """``page_html`` with each run of Chinese, Japanese or Korean script in its text marked
    with its language, when that is not ``page_language``'s.

    What :func:`name_html` does for names, for the words editors and writers put in prose:
    "the PBOC's 数字人民币 pilot" on an English page. Text already inside an element with a
    ``lang`` attribute is left as its writer marked it. A page without any of those
    scripts (most pages of an English site) is returned without a walk.
    """
    if not has_east_asian(page_html):
        return page_html
    page = primary_subtag(page_language)
    pieces: list[str] = []
    pos = 0
    for start, end, _ in text_runs(page_html, skip=_NOT_MARKED, skip_marked_language=True):
        text = page_html[start:end]
        if text.isascii():
            continue
        for run_start, run_end, lang in _other_runs(text, page):
            pieces.append(page_html[pos : start + run_start])
            pieces.append(in_language(text[run_start:run_end], lang))
            pos = start + run_end
    if not pieces:
        return page_html
    pieces.append(page_html[pos:])
    return "".join(pieces)


@lru_cache(maxsize=256)
def language_name(tag: str, full: bool = False) -> str:
    """The language of ``tag`` named in itself ("zh-CN" -> "中文", "fr" -> "Français"),
    as language menus name them: a reader looks for the language they read. ``full`` adds
    script and region ("中文 (简体, 中国)"), to tell apart two versions of one language.
    Babel (CLDR) has the names; a tag it does not know is shown as written."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return tag
    name = (locale if full else Locale(locale.language)).get_display_name() or tag
    return name[:1].upper() + name[1:]


def version_names(tags: list[str]) -> list[str]:
    """Names for the languages of one document's versions: the language alone, or with
    script and region where two versions would otherwise read alike."""
    names = [language_name(t) for t in tags]
    return [
        language_name(t, full=True) if names.count(name) > 1 else name
        for t, name in zip(tags, names, strict=True)
    ]


def version_links(versions: Sequence[Version], page_url: str) -> str:
    """Links to a document's ``versions`` from the page at ``page_url``, each named in its
    own language and marked with it, the original said to be one (in the site's words)."""
    names = version_names([tag for tag, _, _ in versions])
    links = []
    for (tag, url, original), name in zip(versions, names, strict=True):
        href = html.escape(get_relative_url(url, page_url), quote=True)
        # a tag is a validated language tag ([A-Za-z0-9-]); a name comes from CLDR
        links.append(
            f'<a class="regkb-version" href="{href}" hreflang="{tag}" lang="{tag}">'
            f"{html.escape(name)}</a>" + (" (original)" if original else "")
        )
    return ", ".join(links)
