"""The front-matter values that MkDocs and Material read themselves, checked once a page.

``title``, ``description``, ``author`` and ``subtitle`` are printed as they are: text is
escaped before the theme sees it (:func:`escape_printed_text`). ``template``, ``hide``,
``icon``, ``search`` and ``status`` go from a page's front matter straight into
MkDocs' page writer, Material's templates and its search index, none of which checks them:
``hide: true`` or ``search: [exclude]`` stops the build with a Python traceback halfway
through writing the site, ``template: missing.html`` or an unknown ``icon`` with Jinja's,
``search: {boost: high}`` reaches readers' browsers as a boost that is not a number, and
a ``status`` with a quote in it ends the class attribute Material puts it in.
Here a wrong value costs the page that one setting, with a message naming the file and the
line, like every other front-matter mistake; a single word for ``hide`` is read as a list
of one, as the schema reads ``tags``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from jinja2 import Environment, TemplateError, TemplateNotFound

from plugins.frontmatter import shown, without_controls

#: What Material's templates look for in ``hide``.
HIDEABLE = ("navigation", "toc", "footer", "feedback", "tags", "path")

#: The keys of ``search`` that Material's search reads.
_SEARCH_KEYS = ("exclude", "boost")


class ThemeFiles:
    """Whether the theme has a template or an icon of a given name, each name looked up once
    a build (pages of one section often share their icon)."""

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._known: dict[str, bool] = {}

    def has(self, name: str) -> bool:
        if name not in self._known:
            try:
                self._env.get_template(name)
                self._known[name] = True
            except TemplateNotFound:
                self._known[name] = False
            except TemplateError:  # there, but broken: MkDocs names the error when it renders
                self._known[name] = True
        return self._known[name]

    def has_icon(self, name: str) -> bool:
        """Material includes ``.icons/<name>.svg`` for a page's ``icon``."""
        return "\\" not in name and ".." not in name and self.has(f".icons/{name}.svg")


#: Front-matter text that MkDocs and Material print into every page showing it (``<title>``,
#: the header, navigation, ``<meta>``) without escaping it.
PRINTED_TEXT = ("title", "description", "author", "subtitle")

#: A ``status`` is a word: Material puts it into a class attribute as it is.
_STATUS_RE = re.compile(r"[A-Za-z0-9_-]+")


def escape_printed_text(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """Make the :data:`PRINTED_TEXT` values of ``meta`` safe to print, in place.

    Text is escaped, once: a scraped title such as ``</title><script>`` reads the same
    and is no markup. A number or a date (``title: 2024``) is that text. Anything else (a
    list, a mapping, true/false) would be printed as Python shows it, quotes and markup
    included, so it is left out; returns ``(key, reason)`` for each.
    """
    problems: list[tuple[str, str]] = []
    for key in PRINTED_TEXT:
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, str | int | float | date) and not isinstance(value, bool):
            meta[key] = escape(without_controls(str(value)))
        else:
            del meta[key]
            problems.append((key, f"expected text, got {shown(value)}; left out"))
    return problems


def check_settings(meta: dict[str, Any], theme: ThemeFiles) -> list[tuple[str, str]]:
    """Repair or remove each setting in ``meta`` that the theme cannot use, in place.

    Returns ``(key, reason)`` for each; the reason says what was wrong and what the page
    does instead.
    """
    problems: list[tuple[str, str]] = []
    for key, check in _CHECKS.items():
        if key in meta:
            reason = check(meta, theme)
            if reason:
                problems.append((key, reason))
    return problems


def _check_template(meta: dict[str, Any], theme: ThemeFiles) -> str | None:
    return _check_name(
        meta, "template", theme.has, "the name of a template", "the page uses main.html"
    )


def _check_name(
    meta: dict[str, Any], key: str, exists: Callable[[str], bool], what: str, instead: str
) -> str | None:
    """A setting that names one of the theme's files: the name must be text and the file
    must exist. Removed when not, and ``instead`` says what the page does without it."""
    name = meta[key]
    if isinstance(name, str) and name and exists(name):
        return None
    del meta[key]
    if not isinstance(name, str) or not name:
        return f"expected {what}, got {shown(name)}; {instead}"
    return f"the theme has no {key} {name!r}; {instead}"


def _check_hide(meta: dict[str, Any], theme: ThemeFiles) -> str | None:
    value = meta["hide"]
    if value is None:
        del meta["hide"]
        return None
    if isinstance(value, str):
        value = meta["hide"] = [value]
    if not isinstance(value, list):
        del meta["hide"]
        return f"expected a list of what to hide ({', '.join(HIDEABLE)}), got {shown(value)}"
    unknown = [item for item in value if item not in HIDEABLE]
    if not unknown:
        return None
    meta["hide"] = [item for item in value if item in HIDEABLE]
    what = ", ".join(shown(item) for item in unknown)
    return f"{what} left out: Material hides only {', '.join(HIDEABLE)}"


def _check_icon(meta: dict[str, Any], theme: ThemeFiles) -> str | None:
    if meta["icon"] is None:
        del meta["icon"]
        return None
    what = "an icon's name such as 'material/scale-balance'"
    return _check_name(meta, "icon", theme.has_icon, what, "the page shows none")


def _check_status(meta: dict[str, Any], theme: ThemeFiles) -> str | None:
    status = meta["status"]
    if status is None or (isinstance(status, str) and _STATUS_RE.fullmatch(status)):
        return None
    del meta["status"]
    return f"expected a word such as 'new' or 'deprecated', got {shown(status)}; left out"


def is_boost(value: object) -> bool:
    """Whether a ``search: {boost: ...}`` value is one Material's index and Pagefind can
    weigh words by: a positive number (not true/false, not text)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and value > 0


def _check_search(meta: dict[str, Any], theme: ThemeFiles) -> str | None:
    value = meta["search"]
    if value is None:
        del meta["search"]
        return None
    if not isinstance(value, dict):
        del meta["search"]
        return f"expected settings such as {{exclude: true}} or {{boost: 2}}, got {shown(value)}"
    reasons = []
    boost = value.get("boost")
    if "boost" in value and not is_boost(boost):
        del value["boost"]
        reasons.append(f"boost must be a positive number, got {shown(boost)}; left out")
    if "exclude" in value and not isinstance(value["exclude"], bool):
        exclude = value.pop("exclude")
        reasons.append(f"exclude must be true or false, got {shown(exclude)}; the page is searched")
    unknown = [str(key) for key in value if key not in _SEARCH_KEYS]
    if unknown:
        reasons.append(f"{', '.join(map(repr, unknown))} not read (only {', '.join(_SEARCH_KEYS)})")
    return "; ".join(reasons) or None


_CHECKS: dict[str, Callable[[dict[str, Any], ThemeFiles], str | None]] = {
    "template": _check_template,
    "hide": _check_hide,
    "icon": _check_icon,
    "search": _check_search,
    "status": _check_status,
}
