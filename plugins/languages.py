"""Names of languages, as a page links to its versions in other languages."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from mkdocs.utils import get_relative_url

#: One version of a document as links name it: (language tag, site-relative URL, whether
#: it is the original).
Version = tuple[str, str, bool]


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
