"""Languages on the site's pages: names of languages, as a page links to its versions in
other languages, and the language of a short name (a tag, a glossary term) shown among the
site's words."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from plugins.model import in_language, primary_subtag
from plugins.scripts import script_runs

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


@lru_cache(maxsize=8192)  # the same few hundred names are shown on thousands of pages
def _name_html(text: str, site: str) -> str:
    out: list[str] = []
    last = 0
    for start, end, lang in script_runs(text):
        if lang == site:
            continue
        out.append(html.escape(text[last:start]))
        out.append(in_language(html.escape(text[start:end]), lang))
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


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
