"""The timeline's event model, checked directly on a SiteModel (no site build)."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.structure.files import File

from plugins.model import DocumentPage, SiteModel
from plugins.schema import DocumentRecord, EventKind, PartialDate, validate_document
from plugins.timeline.events import build_timeline, slugify


def make_doc(src_uri: str, **meta: Any) -> DocumentPage:
    model, errors = validate_document(meta)
    assert not errors, errors
    assert model is not None
    return DocumentPage(File(src_uri, "/docs", "/site", True), DocumentRecord.of(model))


def make_model(*docs: DocumentPage) -> SiteModel:
    model = SiteModel()
    for doc in docs:
        model.add(doc)
    return model


def summary(events) -> list[tuple[str | None, str, str]]:
    return [(e.date.iso if e.date else None, e.kind.value, e.subject.title) for e in events]


def test_own_events_follow_the_kind_and_in_force() -> None:
    timeline = build_timeline(
        make_model(
            make_doc("news/a.md", title="A", kind="article", date="2025-11-11"),
            make_doc("regulations/n.md", title="N", kind="notice", date="2026-02", in_force=2026),
        )
    )
    assert summary(timeline.events) == [
        ("2025-11-11", "published", "A"),
        ("2026-02", "issued", "N"),
        ("2026", "in_force", "N"),
    ]
    in_force = timeline.events[2]
    assert in_force.origin == "in_force" and in_force.precision == "year"


def test_mixed_precisions_sort_day_month_year_then_unknown() -> None:
    timeline = build_timeline(
        make_model(
            make_doc("news/year.md", title="Year only", kind="article", date=2026),
            make_doc("news/month.md", title="Month only", kind="article", date="2026-02"),
            make_doc("news/day-late.md", title="Late Feb", kind="article", date="2026-02-20"),
            make_doc("news/day.md", title="Early Feb", kind="article", date="2026-02-03"),
            make_doc("news/dec.md", title="December", kind="article", date="2026-12-31"),
            make_doc("news/undated.md", title="Undated", kind="article"),
            make_doc("news/old.md", title="Old", kind="article", date="2025"),
        )
    )
    assert [e.subject.title for e in timeline.events] == [
        "Old",
        "Early Feb",
        "Late Feb",
        "Month only",
        "December",
        "Year only",
        "Undated",
    ]
    assert timeline.events[-1].date is None
    assert timeline.events[-1].precision == "unknown"


def test_explicit_events_are_kept_and_not_repeated_by_date_or_in_force() -> None:
    doc = make_doc(
        "regulations/n.md",
        title="N",
        kind="notice",
        date="2026-02-06",
        in_force="2026-02-06",
        events=[
            {"date": "2026-02-06", "kind": "in force", "source": "China Daily"},
            {"date": "2026-02-06", "kind": "issued", "label": "Issued jointly"},
            {"date": "2026-03", "kind": "amended", "anchor": "article-19"},
        ],
    )
    timeline = build_timeline(make_model(doc))
    assert [(e.kind.value, e.label, e.origin) for e in timeline.events] == [
        ("issued", "Issued jointly", "events.1"),
        ("in_force", "In force", "events.0"),
        ("amended", "Amended", "events.2"),
    ]
    assert timeline.events[1].source == "China Daily"
    assert timeline.events[2].anchor == "#article-19"


def test_repeal_is_derived_on_the_repealed_documents_line() -> None:
    old = make_doc(
        "regulations/old.md",
        title="Old",
        kind="notice",
        date="2021-09",
        doc_number="Yinfa [2021] No. 237",
    )
    new = make_doc(
        "regulations/new.md",
        title="New",
        kind="notice",
        date="2026-02-06",
        in_force="2026-03-01",
        doc_number="Yinfa [2026] No. 42",
        repeals=["yinfa [2021]  no.237"],  # spelled differently: still the same number
    )
    timeline = build_timeline(make_model(old, new))
    repeal = next(e for e in timeline.events if e.kind == EventKind.repealed)
    assert repeal.subject.src_uri == "regulations/old.md"
    assert repeal.derived_from is not None and repeal.derived_from.src_uri == "regulations/new.md"
    assert repeal.date == PartialDate(2026, 3, 1)  # the repealer's in_force, not its date
    assert repeal.label == "Repealed by Yinfa [2026] No. 42"
    assert repeal.origin == "repeals.0"
    assert "in force date" in (repeal.source or "")
    # The one event belongs to both documents' lines.
    assert repeal in timeline.by_document["regulations/old.md"]
    assert repeal in timeline.by_document["regulations/new.md"]


def test_a_repeal_by_title_is_derived_on_that_document_s_line() -> None:
    """A document repealed by its title (the 2017 token-issuance announcement has no
    number): the title finds it as ``cites`` would; a title the site lacks stays a title."""
    old = make_doc(
        "regulations/ico.md",
        title="Announcement on Preventing Token Issuance Financing Risks",
        kind="announcement",
        date="2017-09-04",
    )
    new = make_doc(
        "regulations/new.md",
        title="New",
        kind="notice",
        date="2026-02-06",
        repeals=["“Announcement on preventing token issuance financing risks”", "Lost Rules"],
    )
    timeline = build_timeline(make_model(old, new))
    found, lost = sorted(
        (e for e in timeline.events if e.kind == EventKind.repealed),
        key=lambda e: e.origin or "",
    )
    assert found.subject.src_uri == "regulations/ico.md" and found.origin == "repeals.0"
    assert lost.subject.src_uri is None and lost.subject.title == "Lost Rules"
    assert lost.subject.doc_number is None  # a title is not shown as a number


def test_repealing_an_earlier_document_of_one_s_own_title_is_no_self_repeal() -> None:
    """New "Measures for Payment Services" repealing the 2010 ones: the title found the
    document itself, and a strict build stopped on "... is this document's own number"."""
    new = make_doc(
        "regulations/m.md",
        title="Measures for Payment Services",
        kind="regulation",
        date="2026-02-06",
        repeals=["Measures for Payment Services"],
    )
    timeline = build_timeline(make_model(new))
    assert timeline.problems == []
    [repeal] = [e for e in timeline.events if e.kind == EventKind.repealed]
    assert (
        repeal.subject.src_uri is None and repeal.subject.title == "Measures for Payment Services"
    )


def test_derived_date_falls_back_to_date_then_unknown() -> None:
    dated = make_doc(
        "regulations/a.md", title="A", kind="notice", date="2024-05", amends=["X [2020] No. 1"]
    )
    undated = make_doc("regulations/b.md", title="B", kind="notice", repeals=["X [2019] No. 9"])
    timeline = build_timeline(make_model(dated, undated))
    amended = next(e for e in timeline.events if e.kind == EventKind.amended)
    repealed = next(e for e in timeline.events if e.kind == EventKind.repealed)
    assert amended.date == PartialDate(2024, 5)
    assert amended.label == "Amended by A"  # no number: referred to by title
    assert repealed.date is None and repealed.source is None
    assert timeline.events.index(repealed) > timeline.events.index(amended)


def test_missing_document_appears_by_number_without_a_page() -> None:
    new = make_doc(
        "regulations/new.md",
        title="New",
        kind="notice",
        date="2026-02-06",
        jurisdiction="CN",
        tags=["RWA"],
        repeals=["Yinfa [2017] No. 1"],
    )
    timeline = build_timeline(make_model(new))
    repeal = next(e for e in timeline.events if e.kind == EventKind.repealed)
    assert repeal.subject.title == "Yinfa [2017] No. 1"
    assert repeal.subject.url is None and not repeal.subject.on_site
    assert repeal.subject.jurisdiction is None  # not invented from the repealer
    # Still listed where the repealer is: its jurisdiction and tag timelines.
    assert repeal in timeline.by_jurisdiction["CN"]
    assert repeal in timeline.by_tag["rwa"].events


def test_explicit_repeal_on_the_target_gains_the_link_instead_of_a_duplicate() -> None:
    old = make_doc(
        "regulations/old.md",
        title="Old",
        kind="notice",
        doc_number="N1",
        events=[{"date": "2026-03-01", "kind": "repealed", "label": "Lapsed"}],
    )
    new = make_doc(
        "regulations/new.md", title="New", kind="notice", in_force="2026-03-01", repeals=["N1"]
    )
    timeline = build_timeline(make_model(old, new))
    repeals = [e for e in timeline.events if e.kind == EventKind.repealed]
    assert len(repeals) == 1
    assert repeals[0].label == "Lapsed"
    assert repeals[0].derived_from is not None and repeals[0].derived_from.title == "New"


def test_two_documents_repealing_each_other_are_reported() -> None:
    """The timeline would show the older one repealed by the newer and the newer repealed
    by the older, before it was issued: said once, on the document that cannot be right.
    A date known to the year only is not surely before one of that year."""
    older = make_doc(
        "regulations/a.md",
        title="A",
        kind="notice",
        doc_number="A1",
        date="2020-01-05",
        repeals=["B1"],
    )
    newer = make_doc(
        "regulations/b.md",
        title="B",
        kind="notice",
        doc_number="B1",
        date="2024-06-01",
        repeals=["A1"],
        amends=["C1"],
    )
    vague = make_doc(
        "regulations/c.md", title="C", kind="notice", doc_number="C1", date="2024-06-10"
    )
    same_year = make_doc("regulations/d.md", title="D", kind="notice", date="2024", amends=["C1"])
    timeline = build_timeline(make_model(older, newer, vague, same_year))
    assert timeline.problems == [
        (
            "regulations/a.md",
            "repeals.0",
            "'B1' was issued on 1 June 2024, after this document's date (5 January 2020): "
            "which one repeals the other?",
        ),
        (
            "regulations/b.md",
            "amends.0",
            "'C1' was issued on 10 June 2024, after this document's date (1 June 2024): "
            "which one amends the other?",
        ),
    ]


def test_a_document_repealing_itself_is_reported() -> None:
    doc = make_doc("regulations/x.md", title="X", kind="notice", doc_number="N1", repeals=["N1"])
    timeline = build_timeline(make_model(doc))
    assert timeline.problems == [
        ("regulations/x.md", "repeals.0", "'N1' is this document's own number")
    ]
    assert not [e for e in timeline.events if e.kind == EventKind.repealed]


def test_the_same_repeal_listed_twice_is_one_event() -> None:
    doc = make_doc("regulations/x.md", title="X", kind="notice", repeals=["N 1", "n  1"])
    timeline = build_timeline(make_model(doc))
    assert len([e for e in timeline.events if e.kind == EventKind.repealed]) == 1


def test_tags_that_slugify_alike_share_a_page() -> None:
    timeline = build_timeline(
        make_model(
            make_doc("news/a.md", title="A", kind="article", date=2025, tags=["RWA"]),
            make_doc("news/b.md", title="B", kind="article", date=2026, tags=["rwa", "稳定币"]),
        )
    )
    assert set(timeline.by_tag) == {"rwa", "稳定币"}
    assert timeline.by_tag["rwa"].name == "RWA"
    assert [e.subject.title for e in timeline.by_tag["rwa"].events] == ["A", "B"]


@pytest.mark.parametrize("tag", ["../../etc", "a/b", "<script>", "...", " RWA "])
def test_tag_slugs_are_safe_path_segments(tag: str) -> None:
    slug = slugify(tag)
    assert slug and "/" not in slug and ".." not in slug
    assert all(ch.isalnum() or ch in "-_" for ch in slug)
