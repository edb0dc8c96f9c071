"""Names of languages, as a page links to its versions in other languages."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError


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
