"""The glossary's matcher and HTML linker, without a site build."""

from __future__ import annotations

import html as htmllib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.glossary.linker import Linker, LinkTarget, Matcher, alias_key, fold, is_abbreviation
from tests.shared_data import skip_without_shared

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"

NAMES = [
    ["Stablecoin", "stable coin", "稳定币"],
    ["Zero-knowledge proof", "ZK proof", "零知识证明"],
    [
        "Real-world asset tokenization",
        "RWA",
        "tokenization of real-world assets",
        "现实世界资产代币化",
    ],
    ["Tokenization"],
    ["Virtual currency", "虚拟货币"],
    ["Know your customer", "KYC"],
    ["AT&T rule"],
]
STABLE, ZKP, RWA, TOKENIZATION, VIRTUAL, KYC, ATT = range(len(NAMES))
TARGETS = [LinkTarget(f"glossary/t{i}/", f'Summary {i} with <b> & "quotes"') for i in range(7)]


def linker(**kw) -> Linker:
    return Linker(NAMES, TARGETS, skip_classes=("no-glossary",), **kw)


def found(text: str) -> list[tuple[str, int]]:
    """The matched texts and their targets."""
    return [(text[s:e], t) for s, e, t in Matcher(NAMES).find(text)]


def links(html: str) -> list[tuple[str, str]]:
    """(link text, href) of the glossary links in ``html``."""
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("a.glossary-link")]


def visible(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


# --- names and variants ---------------------------------------------------------------


def test_fold_keeps_length_and_maps_separators():
    text = "Zero-Knowledge\u00a0PROOF\nİx"
    assert len(fold(text)) == len(text)
    assert fold("Zero-Knowledge\u00a0PROOF") == "zero knowledge proof"
    assert alias_key("  Zero - knowledge   Proof ") == "zero knowledge proof"


def test_abbreviation_rule():
    assert is_abbreviation("RWA") and is_abbreviation("KYC") and is_abbreviation("ABCDEF")
    assert not is_abbreviation("DeFi")
    assert not is_abbreviation("A")
    assert not is_abbreviation("ABCDEFG")
    assert not is_abbreviation("ZK proof")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stablecoins are popular.", "Stablecoins"),
        ("the stablecoin's reserves", "stablecoin"),
        ("the stablecoins' reserves", "stablecoins"),
        ("a STABLECOIN", "STABLECOIN"),
        ("a stable coin", "stable coin"),
        ("a stable-coin", "stable-coin"),
        ("Zero-knowledge proofs help", "Zero-knowledge proofs"),
        ("zero knowledge proof", "zero knowledge proof"),
        ("Zero\nknowledge proof", "Zero\nknowledge proof"),
        ("ZK proofs are short", "ZK proofs"),
        ("zk-proofs are short", "zk-proofs"),
        ("virtual currencies are banned", "virtual currencies"),
    ],
)
def test_variants_of_a_name_match(text, expected):
    hits = found(text)
    assert [h[0] for h in hits] == [expected]


def test_word_order_listed_as_alias_matches():
    assert found("the tokenization of real-world assets") == [
        ("tokenization of real-world assets", RWA)
    ]
    assert found("Real World Asset Tokenization rules") == [("Real World Asset Tokenization", RWA)]


def test_abbreviations_are_case_sensitive_and_whole_words():
    assert found("RWA risk") == [("RWA", RWA)]
    assert found("RWAs are tokens") == [("RWAs", RWA)]
    assert found("rwa risk") == []
    assert found("Rwa risk") == []
    assert found("BRWA and RWAX and xRWA") == []
    assert found("KYC checks") == [("KYC", KYC)]
    assert found("kyc checks") == []


def test_latin_names_need_word_boundaries():
    assert found("stablecoinage") == []
    assert found("unstablecoin") == []
    assert found("tokenizations") == [("tokenizations", TOKENIZATION)]
    assert found("pretokenization") == []


def test_longest_match_wins():
    assert found("real-world asset tokenization and tokenization") == [
        ("real-world asset tokenization", RWA),
        ("tokenization", TOKENIZATION),
    ]


def test_cjk_names_match_anywhere_in_cjk_text():
    text = "监管部门禁止发行稳定币和虚拟货币，也禁止现实世界资产代币化。"
    assert found(text) == [("稳定币", STABLE), ("虚拟货币", VIRTUAL), ("现实世界资产代币化", RWA)]
    # A Latin abbreviation between CJK characters is still a whole word.
    assert found("推进RWA业务") == [("RWA", RWA)]


def test_names_with_markup_characters_match_their_escaped_form():
    assert found("the AT&amp;T rule applies") == [("AT&amp;T rule", ATT)]


def test_a_match_never_cuts_an_entity():
    m = Matcher([["amp"], ["quot"]])
    assert m.find("a &amp; b &quot;c&quot;") == []
    assert [(s, e) for s, e, _ in m.find("amp &amp; amp")] == [(0, 3), (10, 13)]


def test_empty_matcher_finds_nothing():
    assert Matcher([]).find("anything") == []
    out, counts = Linker([], []).link("<p>anything</p>", "a/")
    assert out == "<p>anything</p>" and not counts


# --- the HTML walk --------------------------------------------------------------------


def test_link_has_relative_url_and_escaped_tooltip():
    out, counts = linker().link("<p>A stablecoin.</p>", "news/2025/a/")
    soup = BeautifulSoup(out, "html.parser")
    a = soup.select_one("a.glossary-link")
    assert a.get_text() == "stablecoin"
    assert a["href"] == "../../../glossary/t0/"
    assert a["title"] == 'Summary 0 with <b> & "quotes"'
    assert 'title="Summary 0 with &lt;b&gt; &amp; &quot;quotes&quot;"' in out
    assert counts == {STABLE: 1}


@pytest.mark.parametrize(
    "html",
    [
        "<p><code>stablecoin</code></p>",
        "<pre><code>stablecoin\nRWA</code></pre>",
        "<h2>Stablecoin rules</h2>",
        "<h3 id='x'>About <em>stablecoins</em></h3>",
        '<p><a href="https://example.org">stablecoin</a></p>',
        '<p><a href="x"><strong>stablecoin</strong></a></p>',
        '<p title="stablecoin" data-x="RWA">text</p>',
        "<script>var s = 'stablecoin'; if (a<b && c>d) {}</script>",
        "<style>.stablecoin { color: red }</style>",
        "<!-- stablecoin -->",
        "<p><kbd>RWA</kbd></p>",
        '<div class="note no-glossary"><p>stablecoin <span>RWA</span></p><div>KYC</div></div>',
    ],
)
def test_never_links_inside_protected_places(html):
    out, _ = linker(every=True).link(html, "a/")
    assert out == html


def test_text_after_a_protected_element_is_linked_again():
    html = (
        '<div class="no-glossary"><div>x</div>stablecoin</div><p>RWA</p>'
        "<h2>KYC</h2><p>KYC</p><script>RWA</script><p>stablecoin</p>"
    )
    out, counts = linker(every=True).link(html, "a/")
    assert links(out) == [
        ("RWA", "../glossary/t2/"),
        ("KYC", "../glossary/t5/"),
        ("stablecoin", "../glossary/t0/"),
    ]
    # Headings count as mentions; code and opted-out blocks do not.
    assert counts == {RWA: 1, KYC: 2, STABLE: 1}


def test_first_mention_only_by_default_and_every_mention_on_request():
    html = "<p>Stablecoins, a stablecoin and RWA.</p><p>More stablecoins and RWA.</p>"
    first, counts = linker().link(html, "a/")
    assert [t for t, _ in links(first)] == ["Stablecoins", "RWA"]
    every, counts_every = linker(every=True).link(html, "a/")
    assert [t for t, _ in links(every)] == [
        "Stablecoins",
        "stablecoin",
        "RWA",
        "stablecoins",
        "RWA",
    ]
    assert counts == counts_every == {STABLE: 3, RWA: 2}


def test_first_linkable_mention_is_linked_when_the_first_is_in_a_heading():
    out, _ = linker().link("<h2>Stablecoins</h2><p>A stablecoin.</p>", "a/")
    assert links(out) == [("stablecoin", "../glossary/t0/")]


def test_a_collapsible_block_s_summary_counts_a_mention_but_is_not_linked():
    """Clicking a word of a ``<summary>`` opens the block; a link there took the reader to
    the term instead (and is interactive content nested in interactive content)."""
    html = (
        '<details class="note"><summary>What is a stablecoin?</summary><p>A stablecoin.</p>'
        "</details><p><label>RWA <input></label> RWA</p>"
    )
    out, counts = linker().link(html, "a/")
    assert "<summary>What is a stablecoin?</summary>" in out
    assert [text for text, _ in links(out)] == ["stablecoin", "RWA"]
    assert "<label>RWA <input></label>" in out
    assert counts == {STABLE: 2, RWA: 2}


def test_phrases_where_a_name_means_something_else_are_neither_linked_nor_counted():
    """ "data mining" is not crypto mining, "KYC Labs" a company, "stable coin tosses" a
    game: an editor lists such phrases (``not_linked_in``); the name elsewhere is the term."""
    blocked = linker(every=True, not_linked_in=["data mining", "KYC Labs", "stable coin tosses"])
    html = (
        "<p>KYC Labs sells data. Data-mining of stable coin tosses. A stable coin needs "
        "KYC; mining data.</p>"
    )
    out, counts = blocked.link(html, "a/")
    assert [text for text, _ in links(out)] == ["stable coin", "KYC"]
    assert counts == {STABLE: 1, KYC: 1}
    assert visible(out) == visible(html)
    _, plain_counts = linker(every=True).link(html, "a/")
    assert plain_counts == {STABLE: 2, KYC: 2}  # without the phrases: every name counts


def test_own_page_neither_links_nor_counts_its_term():
    out, counts = linker(every=True).link("<p>A stablecoin and RWA.</p>", "g/", own=STABLE)
    assert [t for t, _ in links(out)] == ["RWA"]
    assert counts == {RWA: 1}


def test_odd_markup_is_left_alone():
    html = (
        "<!DOCTYPE html><p>a<br>stablecoin<br/>b</p><img alt='RWA'>"
        '<p data-x="a > stablecoin">RWA</p><![CDATA[stablecoin]]>'
    )
    out, _ = linker(every=True).link(html, "a/")
    assert visible(out) == visible(html)
    assert [t for t, _ in links(out)] == ["stablecoin", "RWA"]
    assert "<![CDATA[stablecoin]]>" in out


# --- text unchanged, well-formed ------------------------------------------------------

WORDS = [
    "the",
    "and",
    "rules",
    "a",
    "of",
    "risk",
    "token",
    "asset",
    "real",
    "world",
    "coin",
    "stable",
    "proofs",
    "ZK",
    "rwa",
]
ALL_NAMES = [n for group in NAMES for n in group]


@st.composite
def fragments(draw) -> str:
    """Random XHTML made of words, term names (in random case and spelling) and markup."""

    def word() -> str:
        w = draw(st.sampled_from(WORDS + ALL_NAMES))
        style = draw(st.sampled_from(["as", "lower", "upper", "plural", "possessive", "hyph"]))
        if style == "lower":
            w = w.lower()
        elif style == "upper":
            w = w.upper()
        elif style == "plural":
            w += "s"
        elif style == "possessive":
            w += "'s"
        elif style == "hyph":
            w = w.replace(" ", "-")
        return htmllib.escape(w, quote=False)

    def text() -> str:
        seps = [" ", ", ", "-", "\n", "", "&amp;", "。", " &lt; ", "&#39;"]
        parts = [word() + draw(st.sampled_from(seps)) for _ in range(draw(st.integers(0, 8)))]
        return "".join(parts)

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(["p", "em", "strong", "a", "code", "h2", "span", "li"]))
        attrs = ' href="#x"' if tag == "a" else ""
        if draw(st.booleans()):
            attrs += f' title="{word()}"'
        inner = text()
        if depth < 3:
            for _ in range(draw(st.integers(0, 3))):
                inner += element(depth + 1) + text()
        return f"<{tag}{attrs}>{inner}</{tag}>"

    return text() + "".join(element(0) for _ in range(draw(st.integers(1, 4)))) + text()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments(), st.booleans())
def test_property_text_unchanged_and_well_formed(fragment, every):
    out, counts = linker(every=every).link(fragment, "news/a/")
    before = ET.fromstring(f"<root>{fragment}</root>")
    after = ET.fromstring(f"<root>{out}</root>")  # raises if the output is not well-formed
    assert "".join(after.itertext()) == "".join(before.itertext())
    # Links are only added, never nested, and every added link counts as a mention.
    added = after.findall(".//a[@class='glossary-link']")
    assert all(a.find(".//a") is None for a in added)
    assert len(added) <= sum(counts.values())
    for a in added:
        assert a.get("href", "").startswith("../../glossary/t")


def _readability_pages() -> list[Path]:
    root = SHARED / "datasets" / "readability-test-pages"
    if not root.is_dir():
        skip_without_shared("shared/datasets/readability-test-pages is not available")
    return sorted(root.glob("*/source.html"))


def test_real_pages_keep_their_text_and_only_gain_links():
    """130 real web pages (full documents with scripts, styles, odd markup) and their
    cleaned article versions: visible text identical, attributes untouched."""
    big = Linker(
        [
            ["data"],
            ["privacy", "private"],
            ["browser"],
            ["Bitcoin"],
            ["JavaScript", "JS"],
            ["web"],
            ["the United States", "US"],
            ["Google"],
        ],
        [LinkTarget(f"g/{i}/", "tip") for i in range(8)],
        every=True,
    )
    total = 0
    for source in _readability_pages():
        for path in (source, source.with_name("expected.html")):
            if not path.exists():
                continue
            page = path.read_text(encoding="utf-8", errors="replace")
            out, counts = big.link(page, "x/")
            total += sum(counts.values())
            added = len(re.findall(r'<a class="glossary-link"', out))
            assert added <= sum(counts.values())
            # lxml keeps whitespace-only text as it is (BeautifulSoup shortens it to "\n",
            # which would hide or fake a change next to an added link).
            before = lxml.html.document_fromstring(page)
            after = lxml.html.document_fromstring(out)
            assert after.text_content() == before.text_content(), path
            for a in after.xpath("//a[@class='glossary-link']"):
                a.drop_tag()
            assert lxml.html.tostring(after) == lxml.html.tostring(before), path
    assert total > 0
