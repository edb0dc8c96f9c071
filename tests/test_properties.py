"""Property tests: front matter round trips, slugs and the path planner.

Related properties live next to their modules and are not repeated here:

* glossary linking keeps a page's visible text identical and its HTML well-formed:
  ``tests/test_glossary_linker.py::test_property_text_unchanged_and_well_formed``;
* ``safe_markdown`` is idempotent and leaves nothing active:
  ``tests/test_sanitize.py::test_property_idempotent_and_inert``;
* any text gives a slug of the allowed shape: ``tests/test_write.py``.

Documented normalization: the scraper strips leading and trailing whitespace from every
front-matter text value (``str.strip``; the schema does the same), and keeps everything
else -- inner newlines, quotes, zero-width and bidirectional characters -- exactly. A value
YAML itself cannot carry unchanged is refused with a reason naming the round trip, never
written altered; the only such values found are ones where a YAML 1.1 line break (NEL
U+0085, LS U+2028, PS U+2029) is followed by a document marker.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from plugins import frontmatter
from plugins.html_text import join_unspaced_line_breaks
from plugins.numbers import number_across_scripts
from plugins.schema import validate_document
from scraper.document import Document
from scraper.normalize import NormalizeError, render
from scraper.pipeline import plan
from scraper.slug import MAX_SLUG_LENGTH, slugify
from scraper.write import check_stamp, document_key, stamp, write_page

# Pieces that mean something to YAML, Markdown, HTML, file systems or text direction.
PIECES = [
    ": ", " #", "# ", "---", "...", "- ", "? ", "|", ">", "'", '"', "\\", "!!python/object",
    "!!python/object/apply:os.system ['id']", "&a", "*a", "{a: b}", "[x, y]", "%YAML 1.1",
    "@", "`", "null", "~", "yes", "no", "0x1F", "1e3", "2026-02-06", "12:30:00", "\n",
    "\n---\n", "\n...\n", "\r\n", "\t", "  ", "\u00a0", "\u200b", "\u200c", "\u200d",
    "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u3000",
    "שלום", "مرحبا", "中文标题", "稳定币", "Ünïcödé", "🙂", "👩‍⚖️", "../", "/etc/passwd",
    "C:\\", "CON", "nul", "<script>", "&amp;", "&#x3c;", "ｊavascript:",
]  # fmt: skip
YAML_LINE_BREAKS = ("\u2028", "\u2029")  # U+0085 too, but a control character: dropped

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=12
).map("".join)
long_texts = st.builds(
    lambda piece, n: piece * n, st.sampled_from([*PIECES, "word "]), st.integers(100, 400)
)


def _page(doc: Document) -> str:
    return stamp(render(doc))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texts, long_texts))
def test_front_matter_round_trips_through_every_reader(value: str) -> None:
    # A tag may not hold < or > (Material prints tag names as they are): the schema refuses
    # them, so the tag here is the value without them, and the rest gets the value whole.
    tag = value.replace("<", "").replace(">", "")
    tags = [tag] if tag.strip() else []
    doc = Document(title=value, author=value, summary=value, tags=tags, site_name=value)
    # Control characters are not written (a YAML escape would carry them into the HTML).
    expected = frontmatter.without_controls(value).strip()
    try:
        text = _page(doc)
    except NormalizeError as exc:
        assert expected == "" or any(b in expected for b in YAML_LINE_BREAKS), (value, exc)
        return
    assert check_stamp(text) is True
    fm = frontmatter.split(text)  # what the plugins read
    assert fm.error is None
    for key in ("title", "author", "summary", "site_name"):
        assert fm.meta[key] == expected, key
    kept_tags = [frontmatter.without_controls(t).strip() for t in tags]
    assert fm.meta.get("tags", []) == [t for t in kept_tags if t]
    _, mkdocs_meta = get_data(text)  # what MkDocs itself reads
    assert {k: mkdocs_meta[k] for k in ("title", "author")} == {
        "title": expected,
        "author": expected,
    }
    meta, errors = validate_document(fm.meta)  # the schema the strict build applies
    assert errors == [] and meta is not None and meta.title == expected
    assert fm.body.strip() == ""  # nothing leaked out of the front matter into the body


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
def test_front_matter_values_are_never_yaml_objects(value: str) -> None:
    """Tags such as ``!!python/object`` stay text: the page loads with the safe loader and
    every value is a plain string."""
    try:
        text = _page(Document(title=value + " title"))
    except NormalizeError:
        return
    for item in frontmatter.split(text).meta.values():
        assert isinstance(item, str), item


# --- slugs and paths ---------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
hostile_names = st.one_of(
    texts,
    long_texts,
    st.text(min_size=450, max_size=520),
    st.sampled_from(["..", "../../etc/passwd", "/abs/path", "C:\\Windows", "CON", "nul.md"]),
)


@settings(max_examples=200, deadline=None)
@given(hostile_names)
def test_slug_is_a_single_safe_file_name(title: str) -> None:
    slug = slugify(title)
    assert SLUG_RE.match(slug) and len(slug) <= MAX_SLUG_LENGTH
    assert slug not in {"con", "prn", "aux", "nul"} and not re.fullmatch(r"(com|lpt)\d", slug)
    assert Path(slug + ".md").name == slug + ".md"


def _variants(base: str) -> st.SearchStrategy[list[str]]:
    """Titles that differ from ``base`` only in case and punctuation."""
    punctuation = st.sampled_from(["", ":", "!", "?", " -", "/", "../", "\\", "'s", ".", "…"])
    case = st.sampled_from([str.lower, str.upper, str.title, str.swapcase, lambda s: s])
    variant = st.builds(lambda f, p, q: q + f(base) + p, case, punctuation, punctuation)
    return st.lists(variant, min_size=2, max_size=7)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["Stablecoin Rules", "CON", "../etc", "稳定币 管理", "A" * 500]).flatmap(
        _variants
    ),
    st.booleans(),
)
def test_planner_gives_distinct_paths_inside_the_output_dir(titles: list[str], notice: bool):
    """Documents of one run whose titles differ only in case or punctuation never share a
    path. Titles equal but for case and spacing, with the same text, name the *same*
    document (one source giving what another gave): it is written once and the repeat is
    reported as skipped; with another text they are two documents (two "Weekly market
    update"s), each with its page."""
    kind = "notice" if notice else "article"
    docs = [Document(title=t, kind=kind, body=f"Body {i % 2}.") for i, t in enumerate(titles)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "docs"
        items = plan([("source", docs)], out)
        seen: set[tuple[str | None, str]] = set()
        paths = []
        for item in items:
            assert item.error is None, item.error
            same = (document_key({"title": item.doc.title, "kind": kind}), item.doc.body)
            if item.skip:
                assert same in seen  # only a repeat of an earlier document is skipped
                continue
            assert same not in seen
            assert item.path is not None
            seen.add(same)
            paths.append(item.path)
            assert item.path.resolve().is_relative_to(out.resolve())
            assert SLUG_RE.match(re.sub(r"\.md$", "", item.path.name))
        assert len(set(paths)) == len(paths)
        # Written and planned again, every document keeps its own path.
        for item in items:
            if item.path and item.text:
                write_page(item.path, item.text)
        again = plan([("source", [Document(**d.__dict__) for d in docs])], out)
        assert [i.path for i in again if not i.skip] == paths


def test_a_symlinked_folder_cannot_lead_a_page_outside_the_output_dir() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "docs"
        outside = Path(tmp) / "outside"
        outside.mkdir()
        (out / "news").mkdir(parents=True)
        (out / "news" / "undated").symlink_to(outside, target_is_directory=True)
        [item] = plan([("source", [Document(title="Escape attempt", body="x")])], out)
        assert item.path is None and "outside" in (item.error or "")
        assert list(outside.iterdir()) == []


# -- numbers across scripts, and line breaks in Chinese text ----------------------------------

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_number_key_never_fails_and_has_one_shape(text: str) -> None:
    key = number_across_scripts(text)
    assert key is None or re.fullmatch(r"[^|\s]+\|(19|20)\d\d\|\d+", key), key


@given(
    st.text(_HAN, min_size=1, max_size=4),
    st.integers(1900, 2099),
    st.integers(1, 99_999),
)
@settings(max_examples=200, deadline=None)
def test_a_chinese_number_and_its_pinyin_writing_share_a_key(
    prefix: str, year: int, serial: int
) -> None:
    from pypinyin import lazy_pinyin

    pinyin = "".join(lazy_pinyin(prefix)).capitalize()
    han = number_across_scripts(f"{prefix}〔{year}〕{serial}号")
    if not (pinyin.isascii() and pinyin.isalpha()):  # e.g. 鿖: no reading known
        assert han is None
        return
    assert han is not None
    assert han == number_across_scripts(f"{pinyin} [{year}] No. {serial}")
    assert han != number_across_scripts(f"{pinyin} [{year}] No. {serial + 1}")


_PIECES = st.lists(
    st.sampled_from(
        ["稳定币", "。", "，", "abc", " ", "\n", "  \n ", "<p>", "</p>", "<pre>中\n文</pre>"]
    ),
    max_size=30,
)


@given(_PIECES)
@settings(max_examples=300, deadline=None)
def test_dropping_line_breaks_only_removes_whitespace_outside_code(pieces: list[str]) -> None:
    html = "".join(pieces)
    out = join_unspaced_line_breaks(html)
    assert join_unspaced_line_breaks(out) == out
    assert re.sub(r"\s", "", out) == re.sub(r"\s", "", html)  # only whitespace goes
    assert out.count("<pre>中\n文</pre>") == html.count("<pre>中\n文</pre>")
    assert not re.search(
        r"[稳定币。，][ \t]*\n[ \t]*[稳定币。，]", re.sub(r"<pre>.*?</pre>", "", out)
    )
