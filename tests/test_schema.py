"""The front-matter schema, directly and through a strict MkDocs build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from plugins import frontmatter
from plugins.schema import DocumentMeta, DocumentRecord, PartialDate, validate_document
from tests.sitebuilder import build_site

GOOD = """
---
title: "Notice: on virtual currency"
kind: notice
date: 2026-02-06
issuers: [People's Bank of China]
jurisdiction: cn
doc_number: Yinfa [2026] No. 42
repeals: Yinfa [2021] No. 237
events:
  - {date: 2026-02-06, kind: in force}
---

# Notice

Body.
"""


def test_good_meta_is_accepted_and_normalized() -> None:
    meta, errors = validate_document(
        {
            "title": "T",
            "kind": "Notice",
            "date": dt.date(2026, 2, 6),
            "jurisdiction": "cn",
            "repeals": "Yinfa [2021] No. 237",
        }
    )
    assert errors == []
    assert meta is not None
    assert meta.kind == "notice"
    assert meta.jurisdiction == "CN"
    assert meta.repeals == ["Yinfa [2021] No. 237"]
    assert meta.date == PartialDate(2026, 2, 6)
    assert meta.date_precision == "day"


def test_the_plugins_record_has_every_field_of_the_schema() -> None:
    """A field added to DocumentMeta must be added to DocumentRecord, or the plugins would
    not see it."""
    names = [f.name for f in dataclasses.fields(DocumentRecord)]
    assert names == list(DocumentMeta.model_fields)


def test_record_holds_the_validated_values_with_tuples_for_lists() -> None:
    meta, errors = validate_document(
        {
            "title": "T",
            "kind": "notice",
            "date": "2026-02",
            "issuers": ["Bank A", "Bank B"],
            "tags": "rwa",
            "cites": ["No. 1", "No. 2"],
            "related": [{"title": "Other", "url": "https://example.org/x"}],
            "events": [{"date": "2026-03-01", "kind": "in force"}],
            "summary": "S.",
        }
    )
    assert not errors and meta is not None
    record = DocumentRecord.of(meta)
    for name in DocumentMeta.model_fields:
        value = getattr(meta, name)
        expected = tuple(value) if isinstance(value, list) else value
        assert getattr(record, name) == expected, name
    assert record.issuers == ("Bank A", "Bank B")
    assert record.events[0].kind == "in_force"
    assert record.date_precision == "month"
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        (2026, "2026", "year"),
        ("2026-02", "2026-02", "month"),
        ("2025-11-11 13:30:07", "2025-11-11T13:30:07", "day"),
        (dt.datetime(2025, 11, 11, 13, 30, 7), "2025-11-11T13:30:07", "day"),
    ],
)
def test_partial_dates_keep_their_precision(value: object, iso: str, precision: str) -> None:
    date = PartialDate.parse(value)
    assert date.iso == iso
    assert date.precision == precision
    assert PartialDate.parse(date.as_yaml()) == date


WEST = dt.datetime(2026, 2, 3, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


@pytest.mark.parametrize(
    ("value", "iso", "shown"),
    [
        ("2026-02-03 10:00 +08:00", "2026-02-03T10:00:00+08:00", "10:00 (UTC+08:00)"),
        ("2026-02-03T23:30:00-08:00", "2026-02-03T23:30:00-08:00", "23:30 (UTC-08:00)"),
        (WEST, "2026-02-03T23:30:00-08:00", "23:30 (UTC-08:00)"),  # as YAML reads it
        ("2026-02-03 10:00 +0530", "2026-02-03T10:00:00+05:30", "10:00 (UTC+05:30)"),
        ("2026-02-03 10:00Z", "2026-02-03T10:00:00+00:00", "10:00 (UTC+00:00)"),
        ("2026-02-03 10:00", "2026-02-03T10:00:00", "10:00"),
    ],
)
def test_a_time_keeps_the_utc_offset_the_source_gives(value: object, iso: str, shown: str) -> None:
    """YAML read 2026-02-03T23:30:00-08:00 with its zone and the offset was dropped
    without a word (the feed then said 23:30 UTC); "10:00:00 +08:00" was refused."""
    date = PartialDate.parse(value)
    assert (date.iso, date.display()) == (iso, f"3 February 2026, {shown}")
    assert PartialDate.parse(date.as_yaml()) == date  # written back, read the same


def test_times_of_one_day_sort_by_the_instant_they_name() -> None:
    """09:00 +08:00 is 01:00 UTC: before 02:00 UTC (a time without offset, as the feed
    writes it); the listings put it after, by the clock reading, and the feed before."""
    east = PartialDate.parse("2026-02-04 09:00 +08:00")
    utc = PartialDate.parse("2026-02-04 02:00")
    assert sorted([utc, east]) == [east, utc]
    assert (
        sorted([PartialDate.parse("2026-02-04 23:00"), PartialDate.parse("2026-02-04")])[0].time
        is None
    )


def test_an_offset_without_a_time_or_past_14_hours_is_refused() -> None:
    for value in ("2026-02-03 10:00 +15:00", "2026-02-03 10:00 +08:75"):
        with pytest.raises(ValueError):
            PartialDate.parse(value)


def test_year_only_sorts_after_the_days_of_that_year() -> None:
    dates = [PartialDate.parse(v) for v in ("2026", "2026-02-06", "2025-12", "2026-02")]
    assert [d.iso for d in sorted(dates)] == ["2025-12", "2026-02-06", "2026-02", "2026"]


def test_missing_date_has_unknown_precision() -> None:
    meta, errors = validate_document({"title": "T", "kind": "notice"})
    assert not errors and meta is not None
    assert meta.date is None and meta.date_precision == "unknown"


@pytest.mark.parametrize(
    ("meta", "field", "words"),
    [
        ({"kind": "article"}, "title", "required"),
        ({"title": "", "kind": "article"}, "title", "at least 1"),
        ({"title": "T", "kind": "blogpost"}, "kind", "unknown kind 'blogpost'"),
        ({"title": "T", "kind": "article", "date": "2025-13-01"}, "date", "invalid date"),
        ({"title": "T", "kind": "article", "date": "yesterday"}, "date", "invalid date"),
        ({"title": "T", "kind": "article", "jurisdiction": "China"}, "jurisdiction", "ISO"),
        ({"title": "T", "kind": "article", "source_url": "javascript:x"}, "source_url", "http"),
        (
            {"title": "T", "kind": "article", "cites": {"a": "b"}},
            "cites",
            "list of text, got a map",
        ),
        (
            {"title": "T", "kind": "article", "events": "2026"},
            "events",
            "expected a list, got text",
        ),
        (
            {"title": "T", "kind": "article", "events": [{"date": "2026", "kind": "party"}]},
            "events.0.kind",
            "unknown event kind",
        ),
        # A list written as one text became one tag, issuer or citation "a, b".
        (
            {"title": "T", "kind": "article", "tags": "privacy, regulation"},
            "tags",
            "is one text; a list is written [privacy, regulation]",
        ),
        (  # "ON" unquoted would be YAML's true
            {"title": "T", "kind": "article", "tags": "CA, ON"},
            "tags",
            'a list is written [CA, "ON"]',
        ),
        (
            {"title": "T", "kind": "notice", "issuers": "PBOC, CSRC"},
            "issuers",
            "is one text; a list is written [PBOC, CSRC]",
        ),
        (
            {"title": "T", "kind": "notice", "cites": "Yinfa [2026] No. 42, ESA [2020] No. 1"},
            "cites",
            'a list is written ["Yinfa [2026] No. 42", "ESA [2020] No. 1"]',
        ),
    ],
)
def test_bad_meta_names_the_field(meta: dict, field: str, words: str) -> None:
    model, errors = validate_document(meta)
    assert model is None
    assert [e.field for e in errors] == [field]
    assert words in errors[0].message


def test_one_text_with_commas_stays_one_where_it_may_be_one() -> None:
    """A title cited may hold commas; a list of one keeps a name with a comma."""
    meta = {
        "title": "T",
        "kind": "notice",
        "cites": "Notice of the PBOC, CSRC and NDRC on Payments",
        "repeals": "Yinfa [2021] No. 237",
        "tags": ["Payments, cross-border"],
    }
    model, errors = validate_document(meta)
    assert not errors and model is not None
    assert model.cites == ["Notice of the PBOC, CSRC and NDRC on Payments"]
    assert model.tags == ["Payments, cross-border"]


NESTED = """---
title: T
kind: notice
events:
  - {date: 2026-02-06, kind: in force}
  - date: 2026-02-30
    kind: repealed
  - in force on 1 March
tags:
  - rwa
  - {nested: mapping}
---
Body.
"""


def test_errors_inside_lists_point_at_the_line_of_the_item() -> None:
    fm = frontmatter.split(NESTED)
    _, errors = validate_document(fm.meta, fm.lines())
    found = {e.field: (e.line, e.message) for e in errors}
    assert found["events.1.date"][0] == 6  # the item's own line, not the line of "events:"
    assert "invalid date '2026-02-30'" in found["events.1.date"][1]
    assert found["events.2"] == (
        8,
        "expected a mapping of fields (key: value), got text 'in force on 1 March'",
    )
    assert found["tags"][0] == 9  # a list-level check: the line of its key
    assert len(errors) == 3, errors


def test_value_lines_map_every_key_and_item_to_its_line() -> None:
    lines = frontmatter.split(NESTED).lines()
    assert lines[("title",)] == 2
    assert lines[("events",)] == 4
    assert [lines[("events", i)] for i in range(3)] == [5, 6, 8]
    assert lines[("events", 1, "kind")] == 7
    assert lines[("tags", 1, "nested")] == 11
    # a path below what was written falls back to the nearest value that was
    assert frontmatter.line_of(lines, ("events", 0, "anchor")) == 5
    assert frontmatter.line_of(lines, ("summary",)) is None
    assert frontmatter.split("---\n[unclosed\n---\nx\n").lines() == {}


def test_strict_build_accepts_a_good_page(tmp_path) -> None:
    result = build_site(tmp_path, {"index.md": "# Home\n", "regulations/notice.md": GOOD})
    assert result.ok, result.messages
    assert (tmp_path / "site" / "regulations" / "notice" / "index.html").exists()
    assert result.warnings() == []


@pytest.mark.parametrize(
    ("front", "field", "line", "words"),
    [
        ("kind: article\ndate: 2025-11-11", "title", None, "missing, and required"),
        ("title:\nkind: article\ndate: 2025-11-11", "title", 2, "empty, and required"),
        # a key YAML reads as a number, on its line
        ("title: T\nkind: article\n1: x", "1", 4, "a field's name must be text, not a number"),
        ("title: T\nkind: article\ndate: 2025-02-30", "date", 4, "invalid date"),
        ("title: T\nkind: memo", "kind", 3, "unknown kind 'memo'"),
        (
            "title: T\nkind: notice\nevents:\n  - date: 2026\n    kind: exploded",
            "events.0.kind",
            6,
            "unknown event kind 'exploded'",
        ),
    ],
)
def test_strict_build_rejects_bad_pages_naming_file_and_field(
    tmp_path, front: str, field: str, line: int | None, words: str
) -> None:
    page = f"---\n{front}\n---\n\nBody.\n"
    result = build_site(tmp_path, {"index.md": "# Home\n", "news/bad-page.md": page})
    assert not result.ok
    errors = [m for m in result.warnings() if "news/bad-page.md" in m]
    assert errors, result.messages
    where = f"news/bad-page.md:{line}" if line else "news/bad-page.md"
    assert any(where in m and f"field '{field}'" in m and words in m for m in errors), errors


def test_invalid_yaml_is_reported_with_its_line(tmp_path) -> None:
    page = "---\ntitle: T\nkind: [article\n---\n\nBody.\n"
    result = build_site(tmp_path, {"index.md": "# Home\n", "news/broken.md": page})
    assert not result.ok
    assert any("news/broken.md:" in m and "invalid YAML" in m for m in result.warnings())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            '---\ntitle: "Notice on things\nkind: article\ndate: 2026-01-01\n---\n\nBody.\n',
            "while scanning a quoted scalar that opens on line 2",
        ),
        (
            "---\ntitle: T\ntags: [a, b\nkind: article\n---\n\nBody.\n",
            "while parsing a flow sequence that opens on line 3",
        ),
    ],
)
def test_a_quote_or_bracket_never_closed_is_named_where_it_opens(text: str, words: str) -> None:
    """YAML stops at the end of the front matter (line 5): the slip is three lines up."""
    fm = frontmatter.split(text)
    assert fm.error is not None and words in fm.error, fm.error


def test_pages_outside_sections_need_no_schema(tmp_path) -> None:
    result = build_site(tmp_path, {"index.md": "# Home\n", "about.md": "---\nfoo: 1\n---\n# A\n"})
    assert result.ok, result.messages


def test_line_numbers_of_front_matter_with_aliases_are_read_once_per_node() -> None:
    # A recursive anchor, and aliases piled on aliases ("billion laughs"): each node is
    # walked once, so finding an error's line neither loops nor explodes.
    recursive = frontmatter.split("---\ntitle: T\nloop: &a [*a]\n---\nx\n")
    assert recursive.lines() == {("title",): 2, ("loop",): 3, ("loop", 0): 3}
    laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)
    ]
    lines = frontmatter.split("---\n" + "\n".join(laughs) + "\nevents: *a9\n---\nx\n").lines()
    assert lines[("events",)] == 12 and len(lines) < 200
    fm = frontmatter.split("---\ntitle: T\nkind: article\nevents: &e [*e]\n---\nx\n")
    _, errors = validate_document(fm.meta, fm.lines())
    assert errors and all(e.line == 4 for e in errors)


def test_a_page_dated_only_by_its_events_has_that_date() -> None:
    """An editor may write the issue date the long way, as an event with its source; the
    listings, the panel and the feed, which read ``date``, must see it."""
    from plugins.schema import validate_document

    events = [
        {"date": "2025-11", "kind": "in force"},
        {"date": "2025-10-01", "kind": "issued", "source": "Gazette"},
        {"date": "2025-10-03", "kind": "issued"},
    ]
    meta, errors = validate_document({"title": "N", "kind": "notice", "events": events})
    assert errors == [] and meta is not None
    assert (meta.date.iso, meta.date_precision) == ("2025-10-01", "day")  # the earliest
    # An article's own date is its publication, not an issue date.
    article, _ = validate_document({"title": "A", "kind": "article", "events": events})
    assert article is not None and article.date is None
    # A page that says its date is unknown stays undated.
    unknown, _ = validate_document(
        {"title": "N", "kind": "notice", "date_precision": "unknown", "events": events}
    )
    assert unknown is not None and unknown.date is None


def test_a_wrong_value_is_quoted_short_however_large() -> None:
    """Nested YAML aliases make a list of 9**7 items out of eight lines; the warning quoted
    all of it (megabytes on one line). It names the value by its start now."""
    laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 7)
    ]
    text = "---\ntitle: T\nkind: article\n" + "\n".join(laughs) + "\ntags: *a6\n---\nx\n"
    fm = frontmatter.split(text)
    _, errors = validate_document(fm.meta, fm.lines())
    [error] = errors
    assert error.field == "tags" and error.line == 11
    assert error.message.startswith("list items must be text, got [[[")
    assert len(error.message) < 200, len(error.message)
    _, errors = validate_document({"title": "T", "kind": "k" * 100_000})
    assert "unknown kind 'kkkk" in errors[0].message and len(errors[0].message) < 300


def test_front_matter_that_is_never_closed_is_reported_on_its_first_line(tmp_path) -> None:
    """Without its closing '---' the fields were read as Markdown and the editor was told
    that the page has no title and no kind."""
    fm = frontmatter.split("---\ntitle: T\nkind: article\n\nBody.\n")
    assert (fm.error_line, fm.meta) == (1, {})
    assert fm.error is not None and "never closed" in fm.error
    assert frontmatter.split("Body.\n\n---\n\nMore.\n").error is None  # a rule, not a block
    page = "---\ntitle: Open\nkind: article\ndate: 2026-01-02\n\nBody.\n"
    result = build_site(tmp_path, {"index.md": "# Home\n", "news/open.md": page})
    assert not result.ok
    assert [m for m in result.warnings() if "news/open.md" in m] == [
        "WARNING: news/open.md:1: front matter opened by '---' is never closed: add a '---' "
        "line after its last field"
    ], result.warnings()


def test_a_field_given_twice_is_named_with_both_lines() -> None:
    """PyYAML keeps the last of two equal keys without a word: an editor who adds ``tags:``
    again below the first loses the first list."""
    fm = frontmatter.split(
        "---\ntitle: T\ntags: [a]\nevents:\n  - {date: 2026, date: 2027}\ntags: [b]\n"
        "base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\n---\nBody.\n"
    )
    assert fm.error is None and fm.meta["tags"] == ["b"]
    assert fm.problems("p.md") == [
        "p.md:6: field 'tags' is given twice (first on line 3): the value on this line "
        "replaces that one",
        "p.md:5: field 'date' is given twice (first on line 5): the value on this line "
        "replaces that one",
    ]  # a merge (``<<``) overriding a key is not a mistake


def test_front_matter_mistakes_are_reported_on_every_kind_of_page(tmp_path) -> None:
    """Documents, glossary terms and editors' other pages alike. MkDocs shows a block it
    cannot read as the page's text; a page that begins with a horizontal rule has none."""
    pages = {
        "index.md": "# Home\n",
        "news/a.md": "---\ntitle: A\nkind: article\ntitle: B\n---\n\nText.\n",
        "glossary/index.md": "# Glossary\n",
        "glossary/zk.md": "---\nterm: ZK\nsummary: Proofs.\nterm: ZKP\n---\n\nText.\n",
        "guide.md": "---\ntitle: Guide\nhide:\n\t- toc\n---\n\n# Guide\n",
        "about.md": "---\ntitle: About\ntitle: Us\n---\n\n# About\n",
        "open.md": "---\ntitle: Open\n\n# Open\n",
        "rule.md": "---\n\nA page that begins with a rule: nothing to report.\n\n---\n\nMore.\n",
        "rule-open.md": "---\n\n# A rule, then a heading\n",
    }
    result = build_site(tmp_path, pages, strict=False)
    assert result.ok, result.error
    warnings = result.warnings()
    assert (
        "WARNING: news/a.md:4: field 'title' is given twice (first on line 2): the value on"
        " this line replaces that one"
    ) in warnings
    assert any(
        w.startswith("WARNING: glossary/zk.md:4: field 'term' is given twice") for w in warnings
    )
    assert any(w.startswith("WARNING: about.md:3: field 'title' is given twice") for w in warnings)
    assert any(w.startswith("WARNING: guide.md:4: invalid YAML front matter") for w in warnings)
    assert any(w.startswith("WARNING: open.md:1: front matter opened by") for w in warnings)
    assert not any("rule" in w for w in warnings), warnings


def test_control_characters_written_as_yaml_escapes_are_removed_and_named() -> None:
    """YAML refuses control characters written raw, but ``"\\a"`` or ``"\\x1b"`` writes
    them; HTML has no use for them (a NUL is shown as U+FFFD, an escape as a box). Each
    value loses them, and the editor is told which field, on which line."""
    fm = frontmatter.split(
        '---\ntitle: "Bell\\a and \\x1b[31m red"\nshared: &s ["x\\0y"]\n'
        'again: *s\nevents:\n  - label: "tab\\tkept \\x85"\nplain: \\a is text here\n---\n'
    )
    assert fm.error is None
    assert fm.meta["title"] == "Bell and [31m red"
    assert fm.meta["shared"] == ["xy"] and fm.meta["again"] is fm.meta["shared"]
    assert fm.meta["events"] == [{"label": "tab\tkept "}]
    assert fm.meta["plain"] == "\\a is text here"  # a plain scalar has no escapes
    assert fm.problems("p.md") == [
        "p.md:2: field 'title': control character U+0007, U+001B removed (a YAML escape "
        "such as \\a or \\x1b writes one; no text needs it)",
        "p.md:3: field 'shared.0': control character U+0000 removed (a YAML escape such as "
        "\\a or \\x1b writes one; no text needs it)",
        "p.md:6: field 'events.0.label': control character U+0085 removed (a YAML escape "
        "such as \\a or \\x1b writes one; no text needs it)",
    ]


def test_control_characters_of_front_matter_never_reach_the_site(tmp_path) -> None:
    """A strict build stops, naming each field; a lenient one writes pages without them."""
    pages = {
        "index.md": "# Home\n",
        "about.md": '---\ntitle: "About\\x07 us"\n---\n\n# About\n',
        "news/a.md": (
            '---\ntitle: "Bell\\a and \\x01 nul\\0 esc\\x1b csi\\x9b"\nkind: article\n'
            'date: 2024-01-02\nsummary: "sum\\x07mary"\ntags: ["t\\bag"]\n'
            'author: "au\\vthor"\n---\n\nBody.\n'
        ),
        "glossary/index.md": "# Glossary\n",
        "glossary/zk.md": '---\nterm: "Z\\x02K"\nsummary: "Proofs\\x03."\n---\n\nText.\n',
    }
    plugins = ["regkb-documents", "regkb-glossary", "regkb-timeline", "search", "tags"]
    strict = build_site(tmp_path / "strict", pages, plugins=plugins)
    assert not strict.ok
    warned = {w.split(": field ")[0] + ": " + w.split("'")[1] for w in strict.warnings()}
    assert warned == {
        "WARNING: about.md:2: title",
        "WARNING: news/a.md:2: title",
        "WARNING: news/a.md:5: summary",
        "WARNING: news/a.md:6: tags.0",
        "WARNING: news/a.md:7: author",
        "WARNING: glossary/zk.md:2: term",
        "WARNING: glossary/zk.md:3: summary",
    }, strict.warnings()
    lenient = build_site(tmp_path / "lenient", pages, plugins=plugins, strict=False)
    assert lenient.ok, lenient.error
    control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    written = [p for p in lenient.site_dir.rglob("*") if p.suffix in {".html", ".json", ".xml"}]
    assert len(written) > 10
    for path in written:
        found = control.findall(path.read_text(encoding="utf-8"))
        assert not found, (path, found)
    page = lenient.read("news/a/index.html")
    assert "Bell and  nul esc csi" in page and "author" in page
    assert "Z<" not in lenient.read("glossary/zk/index.html")


@pytest.mark.parametrize(
    ("yaml_text", "line", "hint"),
    [
        ("title: T\ntags:\n\t- a\n", 4, "(a tab: indent with spaces)"),
        ("title: Rules: a summary\n", 2, '(a value holding ": " must be quoted: key: "a: b")'),
        (
            "title: T\nevents:\n  - date: 2026\n     kind: issued\n",
            5,
            "(check this line's indentation against the lines above it)",
        ),
        ("title: T\n  kind: notice\n", 3, "(check this line's indentation against the lines"),
    ],
)
def test_yaml_slips_editors_make_say_how_to_mend_them(yaml_text: str, line: int, hint: str):
    """PyYAML's "found character that cannot start any token" does not say it is a tab,
    nor "mapping values are not allowed here" whether to quote or to indent."""
    fm = frontmatter.split(f"---\n{yaml_text}---\n\nBody.\n")
    assert fm.error is not None and fm.error.startswith("invalid YAML front matter: ")
    assert fm.error_line == line
    assert hint in fm.error, fm.error


def test_a_source_url_that_is_no_url_is_a_field_error_not_a_crash(tmp_path) -> None:
    """ "http://[oops/x" passed the schema's pattern, and the page's panel failed the
    build with a traceback when it read the address's host."""
    page = '---\ntitle: A\nkind: article\nsource_url: "http://[oops/x"\n---\n\nText.\n'
    result = build_site(tmp_path, {"index.md": "# Home\n", "news/a.md": page}, strict=False)
    assert result.ok, result.error
    assert (
        "WARNING: news/a.md:4: field 'source_url': source_url is not a URL (Invalid IPv6 URL): "
        "'http://[oops/x'"
    ) in result.warnings()


@pytest.mark.parametrize(("text", "line"), [("\n\n---\n", 3), ("  ---\n", 1)])
def test_front_matter_below_the_first_line_is_named_not_missing_fields(
    tmp_path, text: str, line: int
) -> None:
    """A blank line above the '---' made MkDocs read the fields as text, and the editor was
    told "field 'title': missing" and "field 'kind': missing"."""
    page = tmp_path / "docs" / "news" / "t.md"  # written as is: build_site dedents its pages
    page.parent.mkdir(parents=True)
    page.write_text(text + "title: T\nkind: article\n---\n\nBody.\n", encoding="utf-8")
    result = build_site(tmp_path, {"index.md": "# Home\n"})
    assert not result.ok
    warnings = "\n".join(result.warnings())
    assert f"news/t.md:{line}: the front matter's '---' must be the page's first line" in warnings
    assert "missing" not in warnings


def test_a_page_that_opens_with_a_rule_and_text_is_markdown() -> None:
    fm = frontmatter.split("\n---\nJust a line between rules.\n---\n")
    assert fm.error is None and fm.meta == {}


def test_a_precision_that_does_not_match_the_date_is_named_at_its_line() -> None:
    """It was reported as "field 'front matter'", without a line."""
    fm = frontmatter.split(
        "---\ntitle: T\nkind: article\ndate: 2026-02\ndate_precision: day\n---\nx"
    )
    _, errors = validate_document(fm.meta, fm.lines())
    assert [e.format("news/t.md") for e in errors] == [
        "news/t.md:5: field 'date_precision': date_precision 'day' does not match date "
        "'2026-02' (precision 'month')"
    ]
