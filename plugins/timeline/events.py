"""The event model of the timeline: what happened to which document, and when.

Events come from three places, all read from the site model built by ``regkb-documents``:

- a document's own ``date`` (``published`` for articles, ``issued`` for every other kind) and
  its ``in_force`` date;
- its explicit ``events:`` list (already validated by the schema);
- *derived* events: a document that ``repeals`` or ``amends`` another puts a ``repealed`` /
  ``amended`` event on the other document's line. The other document may be missing from the
  site; it then appears by its number, without a page. The derived event is dated by the
  repealing document's ``in_force`` date, else its ``date``; if neither is known it stays
  undated ("date unknown") rather than getting an invented date.

Everything here is pure (no MkDocs objects other than the model's pages), so the plugin builds
the whole timeline once per build and the tests can check it without building a site.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from plugins.model import DocumentPage, SiteModel
from plugins.numbers import is_number_shaped, normalize_doc_number
from plugins.schema import EventKind, Kind, PartialDate, Precision

__all__ = ["DocRef", "Timeline", "TimelineEvent", "build_timeline", "slugify"]

# Within one day, events are listed in the order a rule's life usually runs.
KIND_ORDER: dict[EventKind, int] = {
    EventKind.announced: 0,
    EventKind.consultation: 1,
    EventKind.adopted: 2,
    EventKind.signed: 3,
    EventKind.issued: 4,
    EventKind.published: 5,
    EventKind.in_force: 6,
    EventKind.amended: 7,
    EventKind.repealed: 8,
    EventKind.expired: 9,
}

# Verbs for derived events, seen from the affected document and from the one acting on it.
PASSIVE = {EventKind.repealed: "Repealed by", EventKind.amended: "Amended by"}
ACTIVE = {EventKind.repealed: "Repeals", EventKind.amended: "Amends"}
_DERIVING_FIELDS = (("repeals", EventKind.repealed), ("amends", EventKind.amended))

_SLUG_RE = re.compile(r"[^\w]+")


def slugify(text: str) -> str:
    """A path segment for a tag page: lower case, word characters and hyphens only.

    Unicode letters are kept (a Chinese tag gets a readable URL); anything that could
    escape the folder (``/``, ``..``) is removed. A tag with no word character at all gets a
    stable hash so it still has a page.
    """
    slug = _SLUG_RE.sub("-", unicodedata.normalize("NFKC", text).casefold()).strip("-_")
    slug = slug[:80].strip("-_")
    if not slug:
        slug = "tag-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug


def kind_label(kind: EventKind) -> str:
    """ "in_force" -> "In force": the default label of an event with no label of its own."""
    return kind.label.capitalize()


@dataclass(frozen=True)
class DocRef:
    """A document an event is about: a page of the site, or only a number cited by one."""

    title: str
    url: str | None = None  # site-relative URL of its page; None when not on the site
    src_uri: str | None = None
    doc_number: str | None = None
    jurisdiction: str | None = None
    tags: tuple[str, ...] = ()
    kind: Kind | None = None
    lang: str | None = None  # the document's language, where it is not the site's
    language: str = ""  # the document's language, the site's where it does not say
    #: The document in other languages (``translation_of``): (language tag, URL, whether
    #: it is the original) each.
    versions: tuple[tuple[str, str, bool], ...] = ()

    @classmethod
    def of(cls, doc: DocumentPage) -> DocRef:
        meta = doc.meta
        versions = doc.other_versions
        tags, jurisdiction = tuple(meta.tags), meta.jurisdiction
        if versions:
            # One document: its line is on the timelines of every tag (and the jurisdiction)
            # any of its versions gives, though only the original's events are listed.
            tags = tuple(dict.fromkeys(t for v in (doc, *versions) for t in v.meta.tags))
            jurisdiction = jurisdiction or next(
                (v.meta.jurisdiction for v in versions if v.meta.jurisdiction), None
            )
        return cls(
            title=meta.title,
            url=doc.url,
            src_uri=doc.src_uri,
            doc_number=meta.doc_number,
            jurisdiction=jurisdiction,
            tags=tags,
            kind=meta.kind,
            lang=doc.lang,
            language=doc.language,
            versions=doc.version_refs,
        )

    @classmethod
    def missing(cls, reference: str) -> DocRef:
        """A document known only by the number or title another document names it by."""
        return cls(title=reference, doc_number=reference if is_number_shaped(reference) else None)

    @property
    def on_site(self) -> bool:
        return self.src_uri is not None

    @property
    def name(self) -> str:
        """How other documents refer to it: its number when it has one, else its title."""
        return self.doc_number or self.title


@dataclass(frozen=True)
class TimelineEvent:
    """One dated (or knowingly undated) event on one document's line."""

    date: PartialDate | None
    kind: EventKind
    label: str
    subject: DocRef
    anchor: str | None = None
    derived_from: DocRef | None = None
    source: str | None = None
    # The front-matter field that gave the event: "date", "in_force", "events.2", "repeals.0".
    origin: str = "date"

    @property
    def precision(self) -> Precision:
        return self.date.precision if self.date is not None else "unknown"

    @property
    def year(self) -> int | None:
        """The year a timeline lists the event under; None when its date is unknown."""
        return self.date.year if self.date is not None else None

    @property
    def is_default_label(self) -> bool:
        return self.label == kind_label(self.kind)

    @property
    def documents(self) -> tuple[DocRef, ...]:
        """The documents this event belongs to: its subject and, if derived, the actor."""
        if self.derived_from is None:
            return (self.subject,)
        return (self.subject, self.derived_from)

    def sort_key(self) -> tuple[Any, ...]:
        """Dated events by date (a month-only date after that month's days, a year-only date
        after that year's months), undated ones last; ties by lifecycle order then title."""
        when = (0, self.date.sort_key) if self.date is not None else (1, ())
        return (
            when,
            KIND_ORDER.get(self.kind, 99),
            self.subject.title.casefold(),
            self.subject.url or "",
            self.origin,
        )


@dataclass
class TagGroup:
    """Every event of one tag page; spellings that slugify alike share one page."""

    slug: str
    names: set[str] = field(default_factory=set)
    events: list[TimelineEvent] = field(default_factory=list)

    @property
    def name(self) -> str:
        return min(self.names, key=lambda n: (n.casefold(), n))


@dataclass
class Timeline:
    """All events of one build, in timeline order, with the groupings the pages need."""

    events: list[TimelineEvent] = field(default_factory=list)
    by_document: dict[str, list[TimelineEvent]] = field(default_factory=dict)
    by_jurisdiction: dict[str, list[TimelineEvent]] = field(default_factory=dict)
    by_tag: dict[str, TagGroup] = field(default_factory=dict)
    # Editor mistakes found while deriving events: (src_uri, field, message).
    problems: list[tuple[str, str, str]] = field(default_factory=list)

    # src_uri -> the event that stands for the document's own date (see ``primary_event``).
    primary: dict[str, TimelineEvent] = field(default_factory=dict)
    # src_uri of a translation (``translation_of``) -> src_uri of its original.
    original_of: dict[str, str] = field(default_factory=dict)

    def primary_event(self, src_uri: str) -> TimelineEvent | None:
        """The event of a document's own ``date`` (what a listing shows it under).

        When the editor wrote that event out in ``events:`` (same kind and date, with its
        source), the explicit one takes its place on the line, so it is the one returned.
        """
        return self.primary.get(src_uri)


def _own_events(doc: DocumentPage) -> list[TimelineEvent]:
    """Explicit events first (they carry labels and sources), then ``date`` and
    ``in_force`` unless an explicit event already says the same thing."""
    meta = doc.meta
    ref = DocRef.of(doc)
    events: list[TimelineEvent] = []
    for i, ev in enumerate(meta.events):
        events.append(
            TimelineEvent(
                date=ev.date,
                kind=ev.kind,
                label=ev.label or kind_label(ev.kind),
                subject=ref,
                anchor=ev.anchor,
                source=ev.source,
                origin=f"events.{i}",
            )
        )
    stated = {(e.kind, e.date) for e in events}
    stated_kinds = {e.kind for e in events}

    date_kind = meta.kind.date_event
    if meta.date is not None:
        if (date_kind, meta.date) not in stated:
            events.append(TimelineEvent(meta.date, date_kind, kind_label(date_kind), ref))
    elif date_kind not in stated_kinds:
        # Known to exist, not known when: listed under "date unknown", never given a date.
        events.append(TimelineEvent(None, date_kind, kind_label(date_kind), ref))

    if meta.in_force is not None and (EventKind.in_force, meta.in_force) not in stated:
        events.append(
            TimelineEvent(
                meta.in_force,
                EventKind.in_force,
                kind_label(EventKind.in_force),
                ref,
                source=meta.in_force_basis,
                origin="in_force",
            )
        )
    return events


def _primary(doc: DocumentPage, events: list[TimelineEvent]) -> TimelineEvent | None:
    """The event on a document's own line that stands for its ``date``: the one made from
    that field, else the explicit event of the same kind that replaced it (on the date, or
    the earliest such event when the page has no ``date``)."""
    kind = doc.meta.kind.date_event
    own = [e for e in events if e.kind == kind and e.subject.src_uri == doc.src_uri]
    for event in own:
        if event.origin == "date":
            return event
    if doc.meta.date is not None:
        return next((e for e in own if e.date == doc.meta.date), None)
    dated = [e for e in own if e.date is not None]
    return min(dated, key=TimelineEvent.sort_key) if dated else None


def _derived_events(
    model: SiteModel,
    own: dict[str, list[TimelineEvent]],
    problems: list[tuple[str, str, str]],
) -> list[TimelineEvent]:
    """Events that ``repeals``/``amends`` put on the other document's line.

    When the affected document already states the same event itself (same kind, same date or
    no date given by the actor), that explicit event gains the link to the actor instead of
    being listed twice.
    """
    derived: list[TimelineEvent] = []
    seen: set[tuple[str, EventKind, str]] = set()
    for actor in model.documents.values():
        meta = actor.meta
        actor_ref = DocRef.of(actor)
        date = meta.in_force or meta.date
        basis = "in force date" if meta.in_force is not None else "date"
        for field_name, kind in _DERIVING_FIELDS:
            if actor.original is not None and getattr(actor.original.meta, field_name):
                continue  # the original says what it repeals (or amends), in its own words
            for i, number in enumerate(getattr(meta, field_name)):
                origin = f"{field_name}.{i}"
                target = model.find_cited(number)
                if target is actor and model.find_number(number) is not actor:
                    # "The Measures for Payment Services (2010) are repealed" by the new
                    # Measures for Payment Services: an earlier document of this title.
                    target = None
                elif target is actor:
                    problems.append(
                        (actor.src_uri, origin, f"{number!r} is this document's own number")
                    )
                    continue
                key = (
                    target.src_uri if target else "#" + normalize_doc_number(number),
                    kind,
                    actor.src_uri,
                )
                if key in seen:
                    continue
                seen.add(key)
                issued = target.meta.date if target is not None else None
                if date is not None and issued is not None and _surely_before(date, issued):
                    # Two documents repealing each other, or a number written for another:
                    # the timeline would show it repealed before it was issued.
                    problems.append(
                        (
                            actor.src_uri,
                            origin,
                            f"{number!r} was issued on {issued.display()}, after this "
                            f"document's {basis} ({date.display()}): which one "
                            f"{ACTIVE[kind].lower()} the other?",
                        )
                    )
                if target is not None and _attach_to_stated(own, target, kind, date, actor_ref):
                    continue
                subject = DocRef.of(target) if target is not None else DocRef.missing(number)
                derived.append(
                    TimelineEvent(
                        date=date,
                        kind=kind,
                        label=f"{PASSIVE[kind]} {actor_ref.name}",
                        subject=subject,
                        derived_from=actor_ref,
                        source=f"{basis} of {actor_ref.name}" if date is not None else None,
                        origin=origin,
                    )
                )
    return derived


def _surely_before(first: PartialDate, second: PartialDate) -> bool:
    """Whether ``first`` is before ``second`` however their unknown months and days fall
    ("2024" is not surely before "2024-05-01")."""
    last = (first.year, first.month or 12, first.day or 31)
    return last < (second.year, second.month or 1, second.day or 1)


def _attach_to_stated(
    own: dict[str, list[TimelineEvent]],
    target: DocumentPage,
    kind: EventKind,
    date: PartialDate | None,
    actor: DocRef,
) -> bool:
    events = own.get(target.src_uri, [])
    for i, event in enumerate(events):
        if (
            event.kind == kind
            and event.derived_from is None
            and event.origin.startswith("events.")
            and (date is None or event.date == date)
        ):
            events[i] = replace(event, derived_from=actor)
            return True
    return False


def _said_twice(model: SiteModel, own: dict[str, list[TimelineEvent]]) -> set[int]:
    """Events of a document in several languages (``translation_of``) that another of its
    versions says too: the timelines list the document once, by its original, whose items
    link to the translations. Each page still lists its own events.

    Per kind of event: the original's dated events stand; where it has none, the first
    translation's dated ones do (and the original's "date unknown" one goes); where no
    version gives a date, the original's undated event stands.
    """
    hidden: set[int] = set()
    for original in model.documents.values():
        if not original.translations:
            continue
        events = own.get(original.src_uri, [])
        dated = {e.kind for e in events if e.date is not None}
        undated = {e.kind for e in events if e.date is None}
        for translation in original.translations:
            given: set[EventKind] = set()
            for event in own.get(translation.src_uri, ()):
                if event.kind in dated or event.date is None:
                    hidden.add(id(event))  # said by a version listed before it
                    continue
                given.add(event.kind)
                if event.kind in undated:
                    hidden.update(id(e) for e in events if e.kind == event.kind and e.date is None)
            dated |= given
    return hidden


def build_timeline(model: SiteModel) -> Timeline:
    """Gather, derive, sort and group every event of the site; called once per build."""
    problems: list[tuple[str, str, str]] = []
    own = {src: _own_events(doc) for src, doc in model.documents.items()}
    derived = _derived_events(model, own, problems)
    events = [e for evs in own.values() for e in evs] + derived
    events.sort(key=TimelineEvent.sort_key)
    restated = _said_twice(model, own)
    listed = [e for e in events if id(e) not in restated] if restated else events

    timeline = Timeline(events=listed, problems=problems)
    for src, doc in model.documents.items():
        primary = _primary(doc, own[src])
        if primary is not None:
            timeline.primary[src] = primary
        if doc.original is not None:
            timeline.original_of[src] = doc.original.src_uri
    by_document: dict[str, list[TimelineEvent]] = defaultdict(list)
    by_jurisdiction: dict[str, list[TimelineEvent]] = defaultdict(list)
    for event in events:
        for ref in event.documents:
            if ref.src_uri is not None:  # subject and actor are never the same page
                by_document[ref.src_uri].append(event)
        if restated and id(event) in restated:
            continue  # on the translation's own page only
        jurisdictions: set[str] = set()
        slugs: set[str] = set()
        for ref in event.documents:
            if ref.jurisdiction:
                jurisdictions.add(ref.jurisdiction)
            for tag in ref.tags:
                slug = slugify(tag)
                group = timeline.by_tag.setdefault(slug, TagGroup(slug))
                group.names.add(tag)
                slugs.add(slug)
        for code in sorted(jurisdictions):
            by_jurisdiction[code].append(event)
        for slug in sorted(slugs):
            timeline.by_tag[slug].events.append(event)
    timeline.by_document = dict(by_document)
    timeline.by_jurisdiction = dict(sorted(by_jurisdiction.items()))
    timeline.by_tag = dict(sorted(timeline.by_tag.items()))
    return timeline
