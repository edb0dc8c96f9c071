"""Last line of defence for document and glossary term pages: their rendered HTML keeps no
active content.

The scraper already writes Markdown without raw HTML, but a document page may have been
scraped by an older version, edited by hand, or produced by another tool. Python-Markdown
passes raw HTML through, so every document page's HTML is cleaned here with an allow-list
(nh3, a binding to the Rust ``ammonia`` sanitizer): no ``<script>``, ``<iframe>``, forms,
event-handler attributes, inline styles (beyond table alignment) or ``javascript:`` /
``data:`` URLs can reach the site.
"""

from __future__ import annotations

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) - {"map", "area"}
_GLOBAL_ATTRS = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden"}
_ATTRS: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRS,
    "a": {"href", "hreflang", "rel", "target"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "data": {"value"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "details": {"open"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "abbr": {"title"},
}


# Built once: the allow-lists are converted for the Rust side here, not on every page.
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRS,
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
    # Images stay on their publishers' servers. Loaded lazily, a long article does not
    # fetch them all up front; without a referrer, those servers do not learn which page
    # of this site a reader is on (and hotlink checks, which let an empty referrer by,
    # do not refuse them).
    set_tag_attribute_values={
        "img": {"loading": "lazy", "decoding": "async", "referrerpolicy": "no-referrer"}
    },
)


def clean_html(html: str) -> str:
    """``html`` with everything outside the allow-list removed; text stays as it was."""
    return _CLEANER.clean(html)
