"""``timeline.json``: every event of the timeline, for scripts and other sites.

Written at the site root. The file is one JSON object::

    {
      "format": "regkb-timeline",
      "version": 1,
      "site_url": "https://regkb.example.org/",   // null when mkdocs.yml has no site_url
      "events": [ ... ]                           // timeline order, see below
    }

Each event has these fields (all present; ``null`` when not known):

``date``
    ISO 8601 text at the precision the source gives: ``"2026"``, ``"2026-02"``,
    ``"2026-02-06"``, ``"2025-11-11T13:30:07"`` or, with the UTC offset the source gives,
    ``"2025-11-11T13:30:07+08:00"``; ``null`` when the date is unknown.
``precision``
    ``"day"``, ``"month"``, ``"year"`` or ``"unknown"``. A year-only date means "some time
    in that year", never 1 January.
``kind``
    ``published``, ``announced``, ``issued``, ``adopted``, ``signed``, ``consultation``,
    ``in_force``, ``amended``, ``repealed`` or ``expired``.
``label``
    Human text: the editor's label, the kind ("In force") or, for a derived event, what
    caused it ("Repealed by Yinfa [2026] No. 42").
``title``, ``url``, ``doc_number``, ``jurisdiction``, ``tags``
    The document the event happened to. ``url`` is relative to the site root (join it with
    ``site_url``); it is ``null`` for a document that is not on the site and known only by
    the number another document cites (its ``title`` is then that number).
``versions``
    The same document in other languages (pages with ``translation_of``): a list of
    ``{"language", "url"}``, empty when there are none. A translation's events that its
    original states too are not listed: the document is listed once, by its original.
``anchor``
    The clause the event concerns (``"#article-19"``), or ``null``.
``derived_from``
    For an event derived from another document's ``repeals``/``amends``:
    ``{"title", "url", "doc_number"}`` of that document; ``null`` otherwise.
``source``
    Where the date comes from, as the editor wrote it (an event's ``source``, a document's
    ``in_force_basis``), or which date of the acting document dated a derived event.
``origin``
    The front-matter field the event was read from: ``date``, ``in_force``, ``events.N``
    (N-th explicit event), ``repeals.N`` or ``amends.N`` (of the ``derived_from`` document).

Order: dated events by date (a month-only date after the days of that month, a year-only
date after the months of that year), then undated events; ties by lifecycle order of the
kind, then title.
"""

from __future__ import annotations

import json
from typing import Any

from plugins.timeline.events import DocRef, Timeline, TimelineEvent

FORMAT = "regkb-timeline"
VERSION = 1


def _ref(ref: DocRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"title": ref.title, "url": ref.url, "doc_number": ref.doc_number}


def event_record(event: TimelineEvent) -> dict[str, Any]:
    """One event as the JSON object documented above."""
    subject = event.subject
    return {
        "date": event.date.iso if event.date is not None else None,
        "precision": event.precision,
        "kind": event.kind.value,
        "label": event.label,
        "title": subject.title,
        "url": subject.url,
        "doc_number": subject.doc_number,
        "jurisdiction": subject.jurisdiction,
        "tags": list(subject.tags),
        "versions": [{"language": tag, "url": url} for tag, url, _ in subject.versions],
        "anchor": event.anchor,
        "derived_from": _ref(event.derived_from),
        "source": event.source,
        "origin": event.origin,
    }


def timeline_json(timeline: Timeline, site_url: str | None) -> str:
    """The text of ``timeline.json`` (UTF-8, stable key order, one event per line block)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "site_url": site_url or None,
        "events": [event_record(e) for e in timeline.events],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
