"""The one front-matter schema of a document page, shared by the scraper and the plugins.

The scraper writes documents that must validate here, and the MkDocs plugins refuse (under
``--strict``) any page that does not. Keeping the model in one module means a field added for
the timeline or the reader's panel is added once, with one type and one error message.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)

from plugins.frontmatter import ValuePath, line_of, shown, without_controls
from plugins.numbers import is_number_shaped

__all__ = [
    "DocumentMeta",
    "DocumentRecord",
    "Event",
    "EventKind",
    "FieldError",
    "Kind",
    "PartialDate",
    "Precision",
    "RelatedItem",
    "field_errors",
    "jurisdiction_code",
    "validate_document",
]


class Kind(StrEnum):
    """What a document is. Articles are news or opinion; the rest are primary sources."""

    article = "article"
    notice = "notice"
    regulation = "regulation"
    law = "law"
    guidance = "guidance"
    announcement = "announcement"
    consultation = "consultation"
    report = "report"
    speech = "speech"

    @property
    def date_event(self) -> EventKind:
        """What a document's own ``date`` records: an article is published, every other
        kind issued (the schema, the timeline and the listings read it the same way)."""
        return EventKind.published if self is Kind.article else EventKind.issued


class EventKind(StrEnum):
    """Kinds of dated events a timeline shows."""

    published = "published"
    announced = "announced"
    issued = "issued"
    adopted = "adopted"
    signed = "signed"
    consultation = "consultation"
    in_force = "in_force"
    amended = "amended"
    repealed = "repealed"
    expired = "expired"

    @classmethod
    def parse(cls, value: Any) -> EventKind:
        """Accept ``in force`` and ``in-force`` as spelled by editors, not only ``in_force``."""
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise ValueError(f"event kind must be text, got {type(value).__name__}")
        key = re.sub(r"[\s-]+", "_", value.strip().lower())
        try:
            return cls(key)
        except ValueError:
            allowed = ", ".join(k.value for k in cls)
            raise ValueError(f"unknown event kind {shown(value)} (allowed: {allowed})") from None

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


Precision = Literal["day", "month", "year", "unknown"]

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"(?:\s?(?P<tz>Z|UTC|[+-]\d{2}(?::?\d{2})?))?)?)?)?$"
)


#: Month names as strftime's %B gives them, looked up once instead of per date shown.
MONTH_NAMES = tuple(f"{dt.date(2000, month, 1):%B}" for month in range(1, 13))


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date known to the day, the month or only the year.

    Sources often give only "2026" or "February 2026". Storing the precision keeps a notice
    known only by its year in that year on a timeline instead of inventing 1 January.
    """

    year: int
    month: int | None = None
    day: int | None = None
    time: dt.time | None = None  # the time of day as the source gives it (local there)
    #: Minutes east of UTC of that time, when the source says (``+08:00`` is 480).
    offset: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range 1-12")
        if self.day is not None:
            assert self.month is not None
            dt.date(self.year, self.month, self.day)  # raises ValueError for 2025-02-30
        if self.offset is not None and (self.time is None or abs(self.offset) > 14 * 60):
            raise ValueError(f"UTC offset {self.offset} min needs a time, within 14 hours")

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a date as YAML gives it: a date, a datetime, an int year or ISO-like text."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            t = value.time().replace(microsecond=0)
            delta = value.utcoffset()  # YAML gives 2026-02-03T23:30:00-08:00 its zone
            offset = None if delta is None else int(delta.total_seconds() // 60)
            return cls(value.year, value.month, value.day, t, offset)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ValueError(f"not a date: {shown(value)}")
        if isinstance(value, int):
            return cls(value)
        if isinstance(value, str):
            m = _DATE_RE.match(value.strip())
            if not m:
                raise ValueError(
                    f"invalid date {shown(value)} (expected YYYY, YYYY-MM, YYYY-MM-DD "
                    "or YYYY-MM-DD HH:MM[:SS][+HH:MM])"
                )
            month = int(m["m"]) if m["m"] else None
            day = int(m["d"]) if m["d"] else None
            t = None
            try:
                if m["H"]:
                    t = dt.time(int(m["H"]), int(m["M"]), int(m["S"] or 0))
                return cls(int(m["y"]), month, day, t, utc_offset_minutes(m["tz"]))
            except ValueError as exc:
                raise ValueError(f"invalid date {shown(value)}: {exc}") from None
        raise ValueError(f"not a date: {shown(value)}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        """ISO 8601 text at the known precision (what ``<time datetime>`` accepts)."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.time is not None:
            out += f"T{self.time.isoformat()}{self.offset_text}"
        return out

    @property
    def offset_text(self) -> str:
        """``+08:00``, ``-05:30``, ``+00:00``; empty when the zone is not known."""
        return "" if self.offset is None else utc_offset_text(self.offset)

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Order by what is known; a month-only date sorts after the days of that month
        it cannot be placed among (13/32 stand for "somewhere in the period"). Within a day,
        times by the instant they name: 01:00 UTC before 10:00 +08:00 (02:00 UTC), a time
        without an offset taken as UTC (as the feed writes it), no time before any time."""
        if self.time is None:
            moment = -(10**6)
        else:
            t = self.time
            moment = t.hour * 3600 + t.minute * 60 + t.second - (self.offset or 0) * 60
        return (
            self.year,
            self.month if self.month is not None else 13,
            self.day if self.day is not None else 32,
            moment,
        )

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - frozen, and dates repeat on every timeline
    def display(self) -> str:
        """Human text at the known precision: "11 November 2025", "February 2026", "2026"."""
        if self.day is not None:
            assert self.month is not None
            text = f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"
            if self.time is not None:
                text += f", {self.time:%H:%M}"
                if self.offset is not None:
                    text += f" (UTC{self.offset_text})"
            return text
        if self.month is not None:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return str(self.year)

    def as_yaml(self) -> str | int:
        """The value to write into front matter so it reads back as the same PartialDate."""
        if self.time is not None:
            return f"{self.iso.replace('T', ' ')}"
        return self.iso

    def __str__(self) -> str:
        return self.iso

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key


def utc_offset_text(minutes: int) -> str:
    """``+08:00``, ``-05:30``, ``+00:00`` for minutes east of UTC."""
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"


def utc_offset_minutes(zone: str | None) -> int | None:
    """Minutes east of UTC of ``Z``, ``UTC``, ``+08:00``, ``+0800`` or ``-05``."""
    if not zone:
        return None
    if zone in ("Z", "UTC"):
        return 0
    digits = zone[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    if int(digits[2:] or 0) >= 60:
        raise ValueError(f"UTC offset {zone} has {digits[2:]} minutes")
    return -minutes if zone[0] == "-" else minutes


def _parse_date(value: Any) -> PartialDate | None:
    if value is None or value == "":
        return None
    return PartialDate.parse(value)


DateField = Annotated[
    PartialDate | None,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.as_yaml() if d else None),
]
RequiredDate = Annotated[
    PartialDate, BeforeValidator(PartialDate.parse), PlainSerializer(lambda d: d.as_yaml())
]


def _is_text_item(item: Any) -> bool:
    """Whether a list item reads as text: a word or a number, not a list, mapping, empty
    item or true/false."""
    return isinstance(item, str | int | float) and not isinstance(item, bool)


def _str_list(value: Any) -> list[str]:
    """Editors write ``tags: rwa`` as often as ``tags: [rwa]``; accept both."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out = []
        for item in value:
            if not _is_text_item(item):
                raise ValueError(f"list items must be text, got {shown(item)}")
            out.append(str(item))
        return out
    raise ValueError(f"expected a list of text, got {_describe(value)}")


StrList = Annotated[list[str], BeforeValidator(_str_list)]


def _flow_items(value: str) -> str:
    """The comma-separated parts of ``value`` as the items of a YAML ``[...]`` list, quoted
    where YAML needs it ("Yinfa [2026] No. 42")."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    return ", ".join(p if _reads_as_itself(p) else json.dumps(p, ensure_ascii=False) for p in parts)


def _reads_as_itself(item: str) -> bool:
    """Whether YAML reads ``item``, unquoted in a list, as this text ("ON" and "no" are
    booleans, "1.5" a number, "a: b" a mapping)."""
    if not _PLAIN_ITEM_RE.fullmatch(item):
        return False
    try:
        return yaml.safe_load(f"[{item}]") == [item]
    except yaml.YAMLError:
        return False


_PLAIN_ITEM_RE = re.compile(r"[^\W\d][\w .'-]*", re.UNICODE)


def refuse_list_as_text(value: Any) -> None:
    """``tags: privacy, regulation`` is one text in YAML, and became one tag (one issuer,
    one alias) "privacy, regulation": a list written the way it is said."""
    if isinstance(value, str) and "," in value:
        items = _flow_items(value)
        raise ValueError(
            f"{shown(value)} is one text; a list is written [{items}] (a single name with a "
            f"comma in it: [{shown(value)}])"
        )


def _name_list(value: Any) -> list[str]:
    refuse_list_as_text(value)
    return _str_list(value)


def _reference_list(value: Any) -> list[str]:
    """Numbers or titles: a title may hold commas, two numbers in one text are a slip."""
    if isinstance(value, str) and sum(map(is_number_shaped, value.split(","))) >= 2:
        items = _flow_items(value)
        raise ValueError(f"{shown(value)} is one text; a list is written [{items}]")
    return _str_list(value)


#: Names (issuers, aliases): a comma in a one-text value is a list written as text.
NameList = Annotated[list[str], BeforeValidator(_name_list)]
#: Documents named by number or title (cites, repeals, amends).
ReferenceList = Annotated[list[str], BeforeValidator(_reference_list)]


def is_markup_free(tag: str) -> bool:
    """Whether a tag name can be printed as it is. Material prints tag names unescaped (the
    chips above a page's title, its listings): ``<`` or ``>`` in one would be HTML there."""
    return "<" not in tag and ">" not in tag


def _tag_names(value: Any) -> list[str]:
    """Tag names: text, and never markup (:func:`is_markup_free`)."""
    refuse_list_as_text(value)
    names = _str_list(value)
    for name in names:
        if not is_markup_free(name):
            raise ValueError(f"tag {shown(name)} holds < or >, which pages would show as markup")
    return names


TagList = Annotated[list[str], BeforeValidator(_tag_names)]


def usable_tags(value: Any) -> tuple[list[str], list[str]]:
    """The tag names Material can be given from a page's ``tags`` value, and why each
    other item was left out.

    Material's tags plugin stops the whole build on a ``tags`` that is a single word or
    holds a list or an empty item, and prints ``<`` in a name as markup. The schema accepts
    ``tags: rwa`` and reports the rest with its line; this is what the page can still keep,
    so one editor's slip costs that page its bad tags and not the site its build.
    """
    if value is None:
        return [], []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return [], [f"tags must be a list of text, got {_describe(value)}"]
    kept: list[str] = []
    left_out: list[str] = []
    for item in value:
        if not _is_text_item(item):
            left_out.append(f"tag {shown(item)} left out: tags are text")
        elif not is_markup_free(str(item)):
            left_out.append(
                f"tag {str(item)!r} left out: it holds < or >, which the page would show as markup"
            )
        else:  # a control character was reported with the front matter's other notes
            kept.append(without_controls(str(item)))
    return kept, left_out


_JURISDICTION_RE = re.compile(r"^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?|EU|INT)$")


def jurisdiction_code(value: Any) -> str:
    """The code of a jurisdiction as pages hold it ("cn " -> "CN"); the one rule for front
    matter and the scraper's ``sources.yml`` hints."""
    text = str(value).strip().upper()
    if not _JURISDICTION_RE.match(text):
        raise ValueError(
            f"invalid jurisdiction {shown(value)} (expected an ISO 3166 code like CN or US-NY, "
            "or EU / INT)"
        )
    return text


#: A BCP 47 language tag as pages use them (``en``, ``zh``, ``zh-CN``, ``zh-Hans-CN``): the
#: site writes it into ``lang`` attributes, so nothing else may pass.
LANGUAGE_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_ANCHOR_RE = re.compile(r"^#?[A-Za-z][\w-]*$")


class Event(BaseModel):
    """An explicit dated event in a document's front matter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: RequiredDate
    kind: Annotated[EventKind, BeforeValidator(EventKind.parse)]
    label: str | None = None
    anchor: str | None = None
    source: str | None = Field(default=None, description="Where the date comes from.")

    @field_validator("anchor")
    @classmethod
    def _anchor(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not _ANCHOR_RE.match(value):
            raise ValueError(f"invalid anchor {shown(value)} (expected e.g. #article-19)")
        return value if value.startswith("#") else f"#{value}"


class RelatedItem(BaseModel):
    """A teaser of another article kept with the page that showed it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    summary: str | None = None
    url: str | None = None


class DocumentMeta(BaseModel):
    """Front matter of a document page (an article, a notice, a regulation...).

    Required: ``title`` and ``kind``. Everything else is optional because real sources often
    do not give it; a missing value stays missing rather than being guessed.
    """

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    title: str = Field(min_length=1)
    kind: Kind
    date: DateField = None
    date_precision: Precision | None = None
    author: str | None = None
    issuers: NameList = Field(default_factory=list)
    source_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    jurisdiction: str | None = None
    tags: TagList = Field(default_factory=list)
    doc_number: str | None = None
    cites: ReferenceList = Field(default_factory=list)
    repeals: ReferenceList = Field(default_factory=list)
    amends: ReferenceList = Field(default_factory=list)
    # This page is a translation of another document of the site: its number, or its
    # path under docs/ (for a document without one).
    translation_of: str | None = Field(default=None, min_length=1)
    in_force: DateField = None
    in_force_basis: str | None = None
    summary: str | None = None
    related: list[RelatedItem] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("empty, and required")
        if not isinstance(value, str):
            raise ValueError(f"title must be text, got {shown(value)}")
        return value

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        if isinstance(value, str):
            key = value.strip().lower()
            if key not in Kind._value2member_map_:
                allowed = ", ".join(k.value for k in Kind)
                raise ValueError(f"unknown kind {shown(value)} (allowed: {allowed})")
            return key
        return value

    @field_validator("source_url")
    @classmethod
    def _source_url(cls, value: str | None) -> str | None:
        if value and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"source_url must be an http(s) URL, got {shown(value)}")
        if value:
            try:
                urlsplit(value).port  # noqa: B018 - reading it checks the host and port
            except ValueError as exc:  # "http://[oops/x": a page would fail on it
                raise ValueError(f"source_url is not a URL ({exc}): {shown(value)}") from None
        return value

    @field_validator("jurisdiction", mode="before")
    @classmethod
    def _jurisdiction(cls, value: Any) -> Any:
        return None if value is None else jurisdiction_code(value)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        if value is None:
            return None
        text = str(value).strip().replace("_", "-")
        if not LANGUAGE_TAG_RE.match(text):
            raise ValueError(
                f"invalid language {shown(value)} (expected a language code like en, zh or zh-CN)"
            )
        return text

    @model_validator(mode="after")
    def _precision(self) -> DocumentMeta:
        """Derive the precision from the date, and reject a precision that contradicts it.

        A page without ``date`` whose ``events`` say when it was published (an article) or
        issued (any other kind) has that date: it is the same fact, written the long way
        (with its source), and listings, the panel and the feed read ``date``.
        """
        if self.date is None and self.date_precision is None:  # "unknown" is a statement
            stated = [e.date for e in self.events if e.kind == self.kind.date_event]
            if stated:
                self.date = min(stated, key=lambda d: d.sort_key)
                self.date_precision = None
        if self.date is None:
            if self.date_precision not in (None, "unknown"):
                raise ValueError(f"date_precision is {self.date_precision!r} but no date is given")
            self.date_precision = "unknown"
        else:
            if self.date_precision not in (None, self.date.precision):
                raise ValueError(
                    f"date_precision {self.date_precision!r} does not match date "
                    f"{self.date.iso!r} (precision {self.date.precision!r})"
                )
            self.date_precision = self.date.precision
        return self


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A validated document's front matter as the plugins keep it for a whole build.

    The fields and values of :class:`DocumentMeta` (a test keeps the two in step), with
    tuples for its lists, in slots. The plugins only read front matter once it is validated,
    and a build keeps every document's until it ends: at 5,000 documents the pydantic models
    took 12.5 MB and ~50,000 containers (a dict, a set of field names and seven lists each),
    which every full pass of the garbage collector walks. These records take 5.7 MB with
    their strings, and the collector stops tracking tuples of text.
    """

    title: str
    kind: Kind
    date: PartialDate | None
    date_precision: Precision | None
    author: str | None
    issuers: tuple[str, ...]
    source_url: str | None
    site_name: str | None
    language: str | None
    jurisdiction: str | None
    tags: tuple[str, ...]
    doc_number: str | None
    cites: tuple[str, ...]
    repeals: tuple[str, ...]
    amends: tuple[str, ...]
    translation_of: str | None
    in_force: PartialDate | None
    in_force_basis: str | None
    summary: str | None
    related: tuple[RelatedItem, ...]
    events: tuple[Event, ...]

    @classmethod
    def of(cls, meta: DocumentMeta) -> DocumentRecord:
        values = {f.name: getattr(meta, f.name) for f in fields(cls)}
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


#: The field name of an error about the whole front matter rather than one field of it.
WHOLE = "front matter"


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of one file, in words an editor can act on."""

    field: str  # a dotted path ("events.1.date"), or WHOLE for the mapping itself
    message: str
    line: int | None = None

    @property
    def whole(self) -> bool:
        """About the front matter as a whole (not a mapping, an unknown shape)."""
        return self.field == WHOLE

    def format(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: field '{self.field}': {self.message}"


def validate_document(
    meta: dict[str, Any], lines: dict[ValuePath, int] | None = None
) -> tuple[DocumentMeta | None, list[FieldError]]:
    """Validate front matter; return the model or the list of field errors (never raise).
    ``lines`` (:meth:`FrontMatter.lines`) puts each error on the line it is about."""
    try:
        return DocumentMeta.model_validate(meta), []
    except ValidationError as exc:
        return None, field_errors(exc, lines or {})


#: pydantic's words for a value of the wrong type, in an editor's terms.
_EXPECTED = {
    "model_type": "a mapping of fields (key: value)",
    "model_attributes_type": "a mapping of fields (key: value)",
    "dict_type": "a mapping of fields (key: value)",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


#: Fields the document's checks across fields name first in their messages
#: ("date_precision 'day' does not match date '2026-02'").
_CROSS_CHECKED = frozenset({"date_precision"})


def field_errors(
    exc: ValidationError, lines: dict[ValuePath, int], *, required: str = ""
) -> list[FieldError]:
    """Each error of a validation, named by its field path (``events.1.date``), on the line
    of that value or of the nearest one enclosing it; ``required`` ends the message for a
    missing field."""
    errors = []
    for err in exc.errors():
        path = tuple(err["loc"])
        kind = err["type"]
        if kind == "invalid_key" and path:
            # a key YAML read as a number or a date (``1: x``): the lines know it as text
            path = (*path[:-1], str(path[-1]))
        msg = err["msg"].removeprefix("Value error, ")
        if not path and (field := msg.split(" ", 1)[0]) in _CROSS_CHECKED:
            path = (field,)  # a check across fields, about this one: its line, its name
        loc = ".".join(str(p) for p in path) or WHOLE
        if kind == "missing":
            msg = f"missing, and required{required}"
        elif kind == "invalid_key":
            msg = f"a field's name must be text, not {_describe(err.get('input'))}"
        elif kind == "enum":
            allowed = err.get("ctx", {}).get("expected", "")
            value = err.get("input")
            shown = repr(value) if isinstance(value, str | int | float) else _describe(value)
            msg = f"unknown value {shown}" + (f" (allowed: {allowed})" if allowed else "")
        elif kind == "extra_forbidden":
            msg = "unknown field (misspelt, or in the wrong place?)"
        elif kind in _EXPECTED:
            msg = f"expected {_EXPECTED[kind]}, got {_describe(err.get('input'))}"
        errors.append(FieldError(loc, msg, line_of(lines, path)))
    return errors


def _describe(value: Any) -> str:
    """A wrong value as an editor wrote it: short text is quoted, the rest named by type."""
    if isinstance(value, str):
        return f"text {value[:40]!r}" if len(value) <= 40 else "text"
    if value is None:
        return "nothing (an empty value)"
    names = {
        dict: "a mapping",
        list: "a list",
        bool: "true/false",
        int: "a number",
        float: "a number",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }
    return names.get(type(value), type(value).__name__)
