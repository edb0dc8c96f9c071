"""``feed.xml``: an Atom feed (RFC 4287) of the site's dated documents, newest first.

Written at the site root. One ``<entry>`` per document that has a ``date`` (undated
documents have no honest ``<updated>`` value and are left out), at most ``feed_entries`` of
them (plugin setting, default 50; 0 = all). Each entry has:

- ``title``: the document's title (text, escaped by the XML writer);
- ``link rel="alternate"`` and ``id``: the page's absolute URL, built from ``site_url``.
  Without ``site_url`` the links are relative to the site root (where the feed lives) and
  the ids are ``urn:regkb:page:<path>``; a document in several languages (``translation_of``)
  has one more ``link rel="alternate" hreflang="..."`` per other version;
- ``updated`` / ``published``: the document's date. Atom requires a full date-time, so a
  date known only to the month or year is written as the first instant of that period, a
  time with its UTC offset (``date: 2026-02-03 23:30 +08:00``), and a time without one as
  UTC; the date as the source gives it is kept in
  ``<regkb:date precision="year|month|day">2026</regkb:date>``
  (namespace ``urn:regkb:timeline:1``), which consumers should prefer;
- ``summary``: the front-matter ``summary``, else the body's first paragraph (plain text),
  else a line built from kind, number, jurisdiction and date;
- ``author``: the article's author, else one ``<author>`` per issuer; the feed-level author
  (``site_author``, else ``site_name``) covers entries with neither;
- ``category``: one per tag.

Entries are ordered by the instant they are written with (a year-only date at the start of
its year, as feed readers see it). The feed's own ``updated`` is the newest entry's, so
rebuilding unchanged content gives a byte-identical feed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote

from plugins.model import DocumentPage
from plugins.schema import PartialDate
from plugins.timeline.events import slugify

ATOM = "http://www.w3.org/2005/Atom"
REGKB = "urn:regkb:timeline:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Characters XML 1.0 cannot carry at all; front matter could still contain them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _text(text)
    return el


def instant(date: PartialDate) -> dt.datetime:
    """The first instant of the period a partial date names, in the date's own UTC offset
    (UTC when it gives none)."""
    time = date.time or dt.time(0, 0, 0)
    zone = dt.timezone(dt.timedelta(minutes=date.offset or 0))
    return dt.datetime(date.year, date.month or 1, date.day or 1, time.hour, time.minute,
                       time.second, tzinfo=zone)  # fmt: skip


def rfc3339(date: PartialDate) -> str:
    """:func:`instant` as Atom wants it: ``2026-02-03T23:30:00-08:00``, ``...Z`` in UTC."""
    text = instant(date).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _absolute(site_url: str | None, url: str) -> str:
    if not site_url:
        return url
    return site_url.rstrip("/") + "/" + url.removeprefix("./").lstrip("/")


def _summary(doc: DocumentPage) -> str:
    meta = doc.meta
    if meta.summary:
        return meta.summary
    first_paragraph = getattr(doc, "excerpt", None)
    if first_paragraph:
        return first_paragraph
    parts = [meta.kind.value.capitalize()]
    if meta.doc_number:
        parts.append(meta.doc_number)
    if meta.jurisdiction:
        parts.append(meta.jurisdiction)
    if meta.date is not None:
        parts.append(meta.date.display())
    return " · ".join(parts)


def _fallback_updated() -> str:
    """Only for a feed without entries: honour reproducible-build timestamps."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_feed(
    documents: Sequence[DocumentPage],
    *,
    site_name: str,
    site_url: str | None,
    site_description: str | None = None,
    site_author: str | None = None,
    feed_url: str = "feed.xml",
    limit: int = 50,
) -> bytes:
    """The bytes of ``feed.xml`` for ``documents`` (any order; sorted here)."""
    # Ordered by the instant each entry is written with, as feed readers order them: the
    # timeline's order puts "2026" after that year's months, which here made a year-only
    # entry (written 2026-01-01) the newest, and the feed's own ``updated`` January's.
    written = {id(d): instant(d.meta.date) for d in documents if d.meta.date is not None}
    dated = [d for d in documents if id(d) in written]
    dated.sort(key=lambda d: (written[id(d)], d.meta.title), reverse=True)
    if limit > 0:
        dated = dated[:limit]

    ET.register_namespace("", ATOM)
    ET.register_namespace("regkb", REGKB)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", site_name)
    if site_description:
        _sub(feed, "subtitle", site_description)
    _sub(feed, "id", _absolute(site_url, "") if site_url else "urn:regkb:feed")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_absolute(site_url, feed_url))
    _sub(feed, "link", rel="alternate", type="text/html", href=_absolute(site_url, "") or "./")
    newest = rfc3339(dated[0].meta.date) if dated else _fallback_updated()  # type: ignore[arg-type]
    _sub(feed, "updated", newest)
    author = _sub(feed, "author")
    _sub(author, "name", site_author or site_name)
    _sub(feed, "generator", "regkb-timeline")

    for doc in dated:
        meta = doc.meta
        date = meta.date
        assert date is not None
        entry = _sub(feed, "entry")
        if doc.lang:  # its title and summary are in another language than the feed's
            entry.set(XML_LANG, doc.lang)
        _sub(entry, "title", meta.title)
        href = _absolute(site_url, doc.url)
        _sub(entry, "link", rel="alternate", type="text/html", href=href)
        for language, url, _ in doc.version_refs:  # the same document in other languages
            _sub(
                entry,
                "link",
                rel="alternate",
                type="text/html",
                hreflang=language,
                href=_absolute(site_url, url),
            )
        _sub(entry, "id", href if site_url else "urn:regkb:page:" + quote(doc.src_uri))
        _sub(entry, "updated", rfc3339(date))
        _sub(entry, "published", rfc3339(date))
        names = [meta.author] if meta.author else list(meta.issuers)
        for name in names:
            _sub(_sub(entry, "author"), "name", name)
        _sub(entry, "summary", _summary(doc))
        for tag in meta.tags:
            _sub(entry, "category", term=slugify(tag), label=tag)
        exact = ET.SubElement(entry, f"{{{REGKB}}}date", {"precision": date.precision})
        exact.text = date.iso

    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
