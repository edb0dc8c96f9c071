"""Languages on the site's pages: names of languages, as a page links to its versions in
other languages, and the language of a short name (a tag, a glossary term) shown among the
site's words."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
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
    if text.isascii():  # most names: nothing to mark, and not worth a place in the cache
        return html.escape(text)
    return _name_html(text, primary_subtag(site_lang))


def document_text_html(text: str, language: str, lang: str | None) -> str:
    """A document's ``text`` (its title, summary) escaped for a page of the site: marked
    with the document's ``lang`` where it is not the site's, and each run of another East
    Asian script in it marked with that script's language, as :func:`name_html` marks
    names ("The PBOC's 数字人民币 pilot" on an English site). ``language`` is the
    document's, the site's where it does not say."""
    return in_language(name_html(text, language), lang)


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


class ThemeNames:
    """Names the theme prints around the article, each as the whole text of an element: the
    navigation's titles (sidebar, tabs, the footer's previous and next), the site's name.

    Those in another script than the site's are marked where they stand. Walking every
    page's text, as :func:`mark_text_languages` does an article, cost half again the time
    of a build whose sidebar lists 1,000 documents (72 -> 109 s); a search for the names
    alone costs what reading the page once does: ``str.find`` for each of a few names, or
    one regular expression for many (4 ms for such a page, whatever their number).
    """

    #: Up to this many names, each is looked for with ``str.find`` (about 0.2 ms each in a
    #: page of 550 kB); past it, one expression finds them all.
    FIND_EACH = 16

    def __init__(self, names: Iterable[str], site_lang: str) -> None:
        marked = {n: mark_text_languages(n, site_lang) for n in names if has_east_asian(n)}
        self._marked = {name: html for name, html in marked.items() if html != name}
        self._re: re.Pattern[str] | None = None
        if len(self._marked) > self.FIND_EACH:
            longest_first = sorted(self._marked, key=len, reverse=True)
            self._re = re.compile("|".join(re.escape(n) for n in longest_first))

    def __bool__(self) -> bool:
        return bool(self._marked)

    def mark(self, page_html: str, *, header: bool = True) -> str:
        """``page_html`` with each name marked where it is an element's whole text (not
        part of a longer text, like the ``<title>``'s "name - site", nor an attribute's
        value, like the footer's ``aria-label``), in its ``<body>`` but for its article
        (its text is marked as a whole, a title in it already: a second mark would nest a
        span in a span) and, unless ``header``, its ``<header>`` (where a document's page
        marks its title with the document's language)."""
        if not self._marked:
            return page_html
        skipped = [(0, max(page_html.find("<body"), 0))]  # the head: the <title>, metadata
        for opening, closing in [("<article", "</article>")] + (
            [] if header else [("<header", "</header>")]
        ):
            start = page_html.find(opening)
            end = page_html.find(closing, start) if start >= 0 else -1
            if end >= 0:
                skipped.append((start, end))
        found = sorted(
            (start, name)
            for start, name in self._occurrences(page_html)
            if _whole_text(page_html, start, start + len(name))
            and not any(lo <= start < hi for lo, hi in skipped)
        )
        if not found:
            return page_html
        out: list[str] = []
        pos = 0
        for start, name in found:
            out.append(page_html[pos:start])
            out.append(self._marked[name])
            pos = start + len(name)
        out.append(page_html[pos:])
        return "".join(out)

    def _occurrences(self, page_html: str) -> Iterator[tuple[int, str]]:
        if self._re is not None:
            for match in self._re.finditer(page_html):
                yield match.start(), match.group()
            return
        for name in self._marked:
            start = page_html.find(name)
            while start >= 0:
                yield start, name
                start = page_html.find(name, start + len(name))


def _whole_text(page_html: str, start: int, end: int) -> bool:
    """Whether ``page_html[start:end]`` is all the text between two tags (but for spaces)."""
    before = start - 1
    while before >= 0 and page_html[before] in " \t\r\n":
        before -= 1
    after = end
    while after < len(page_html) and page_html[after] in " \t\r\n":
        after += 1
    return before >= 0 and page_html[before] == ">" and page_html[after : after + 1] == "<"
