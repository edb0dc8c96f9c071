"""Listings show an excerpt of a document that has no summary: its first prose paragraph."""

from __future__ import annotations

import pytest

from plugins.documents.excerpt import excerpt


def test_first_prose_paragraph_without_markup() -> None:
    body = (
        "# Title\n\n- a list item\n\n```\ncode paragraph\n\nstill code\n```\n\n"
        "The **first** [real](https://example.org) paragraph.\n\nThe second.\n"
    )
    assert excerpt(body) == "The first real paragraph."
    assert excerpt("    indented code\n\n> a quote\n\nProse.\n") == "Prose."


def test_long_paragraph_is_cut_at_a_word_boundary() -> None:
    body = " ".join(f"w{i}" for i in range(100))
    assert excerpt(body, words=5) == "w0 w1 w2 w3 w4 …"


def test_a_notices_addressees_are_not_its_excerpt() -> None:
    body = (
        "To the people's governments of all provinces and municipalities:\n\n"
        "Recently there have been speculative activities.\n\n## I. Part {#part-1}\n"
    )
    assert excerpt(body) == "Recently there have been speculative activities."
    chinese = "各省、自治区、直辖市人民政府：\n\n近期，虚拟货币交易炒作活动抬头。\n"
    assert excerpt(chinese) == "近期，虚拟货币交易炒作活动抬头。"


def test_a_preamble_ending_in_a_colon_is_the_excerpt() -> None:
    preamble = (
        "Recently there have been speculative activities related to virtual currency. "
        "In order to further prevent and address the risks, effectively safeguard national "
        "security and social stability, in accordance with the relevant laws, the relevant "
        "matters are hereby notified as follows:"
    )
    body = f"To all provincial governments:\n\n{preamble}\n\n## I. Part\n\nArticle text.\n"
    assert excerpt(body, words=100) == preamble


def test_a_lead_in_is_used_when_there_is_nothing_else() -> None:
    assert excerpt("The rules are:\n\n- one\n- two\n") == "The rules are:"
    assert excerpt("# Only a heading\n") is None


def test_the_excerpt_is_the_text_a_reader_sees() -> None:
    """Scraped Markdown escapes brackets and "<" so that text stays text; listings, the
    feed and the page's description show that text, not the escapes."""
    body = (
        r"Under Yinfa \[2026\] No. 42, a &lt; b &amp; c, see [\[1\]](https://x.example/n) "
        "and **bold**, `code`, snake_case, *not*{: .x} marks."
    )
    assert excerpt(body) == (
        "Under Yinfa [2026] No. 42, a < b & c, see [1] and bold, code, snake_case, not marks."
    )
    assert excerpt(r"\*literal stars\* and C# and 1 > 0") == "*literal stars* and C# and 1 > 0"


def test_inline_html_footnotes_and_reference_links_show_as_their_text() -> None:
    """An editor's paragraph may hold inline HTML (the editors' guide's own
    ``<span lang="ja">``), a footnote reference and reference links: listings, the page's
    description and the feed showed them as written."""
    body = (
        'Regulators in Tokyo (<span lang="ja">東京</span>) met on 1 June[^1]; see [the '
        "notice][yinfa], [the rules][] and <https://example.org/x>. Water is H<sub>2</sub>O."
        "<!-- a note to editors --> Mail <desk@example.org>.\n\n[yinfa]: https://x.example\n"
    )
    assert excerpt(body) == (
        "Regulators in Tokyo (東京) met on 1 June; see the notice, the rules and "
        "https://example.org/x. Water is H2O. Mail desk@example.org."
    )


@pytest.mark.parametrize(
    ("paragraph", "shown"),
    [
        ("Write `<b>` for bold.", "Write <b> for bold."),
        (r"An escaped \<i> is text.", "An escaped <i> is text."),
        ("When x < y and a<b; fine.", "When x < y and a<b; fine."),
        ("Arrays [^not a note] stay.", "Arrays [^not a note] stay."),
        ("&lt;b&gt; was escaped text.", "<b> was escaped text."),
    ],
)
def test_what_only_looks_like_markup_stays(paragraph: str, shown: str) -> None:
    assert excerpt(paragraph) == shown
