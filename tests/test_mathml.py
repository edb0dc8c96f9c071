"""MathML formulas come out as one line of text in the usual notation, in reading order."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.html import extract_html
from scraper.extract.html_tree import parse_fragment
from scraper.extract.mathml import linearize_math, math_text
from tests.shared_data import skip_without_shared

PAGES = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "readability-test-pages"


def _formula(mathml: str) -> str:
    root = parse_fragment(f"<div><math>{mathml}</math></div>")
    return math_text(root.find(".//math"))


@pytest.mark.parametrize(
    ("mathml", "text"),
    [
        # tokens side by side; binary operators spaced; a raised digit as a superscript
        (
            "<mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>c</mi><mo>=</mo><mn>0</mn>",
            "ax² + c = 0",
        ),
        # a sign before its operand; a fraction's parts bracketed when longer than a symbol
        (
            "<mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo><msqrt><mi>D</mi>"
            "</msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac>",
            "x = (−b ± √D)/(2a)",
        ),
        ("<msqrt><mn>3</mn><mi>x</mi><mo>−</mo><mn>1</mn></msqrt>", "√(3x − 1)"),
        # subscripts: digits lowered, letters after an underscore with a space between terms
        ("<msub><mi>V</mi><mn>1</mn></msub><mo>×</mo><msub><mi>V</mi><mn>2</mn></msub>", "V₁ × V₂"),
        ("<msub><mi>a</mi><mi>k</mi></msub><msub><mi>b</mi><mi>k</mi></msub>", "a_k b_k"),
        (
            "<munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"
            "</munderover><msub><mi>a</mi><mi>k</mi></msub>",
            "∑_(k = 1)^n a_k",
        ),
        # a script on a closing bracket: (1 + x)²
        ("<mo>(</mo><mn>1</mn><mo>+</mo><mi>x</mi><msup><mo>)</mo><mn>2</mn></msup>", "(1 + x)²"),
        # an exponent that has no superscript characters
        ("<msup><mi>e</mi><mrow><mo>−</mo><mn>2</mn><mi>π</mi></mrow></msup>", "e^(−2π)"),
        # a binomial (a fraction without its line), in the brackets the page gives it
        ("<mo>(</mo><mfrac linethickness='0'><mi>n</mi><mi>k</mi></mfrac><mo>)</mo>", "(n k)"),
        # words in a formula keep their spaces; punctuation closes up
        (
            "<mi>q</mi><mo>,</mo><mtext>for</mtext><mo>|</mo><mi>q</mi><mo>|</mo><mo>&lt;</mo>"
            "<mn>1</mn><mtext>.</mtext>",
            "q, for |q| < 1.",
        ),
        # TeX's annotation says the same again: not read twice
        (
            "<semantics><mrow><mi>y</mi></mrow><annotation encoding='application/x-tex'>y"
            "</annotation></semantics>",
            "y",
        ),
        # aligned equations: a row's cells read as one equation, rows apart
        (
            "<mtable><mtr><mtd><mi>y</mi></mtd><mtd><mo>=</mo><mn>1</mn></mtd></mtr>"
            "<mtr><mtd><mi>z</mi></mtd><mtd><mo>=</mo><mn>2</mn></mtd></mtr></mtable>",
            "y = 1; z = 2",
        ),
    ],
)
def test_a_formula_reads_in_linear_notation(mathml: str, text: str) -> None:
    assert _formula(mathml) == text


def test_a_formula_replaces_its_wrapper_and_stays_a_word_of_its_sentence() -> None:
    # MathJax 3: glyph boxes and the MathML side by side in a custom element; the page
    # glued the next word to it.
    root = parse_fragment(
        "<p>Solve <mjx-container><mjx-math aria-hidden='true'><mjx-c></mjx-c></mjx-math>"
        "<mjx-assistive-mml><math><mi>x</mi><mo>=</mo><mn>1</mn></math></mjx-assistive-mml>"
        "</mjx-container>for x.</p>"
    )
    assert linearize_math(root) == 1
    assert root.text_content() == "Solve x = 1 for x."
    assert not list(root.iter("mjx-container"))


def test_a_displayed_formula_gets_a_line_of_its_own() -> None:
    root = parse_fragment(
        "<p>and they are<math display='block'><mi>x</mi><mo>=</mo><mn>2</mn></math>which</p>"
    )
    linearize_math(root)
    assert [child.tag for child in root.find("p")] == ["br", "span", "br"]
    assert root.text_content() == "and they are x = 2 which"


def test_a_wrapper_with_the_formulas_picture_is_kept() -> None:
    # Wikipedia: hidden MathML beside the formula's SVG, whose alt text is its TeX.
    root = parse_fragment(
        "<p>so <span class='mwe-math-element'><span style='display: none'><math><mi>A</mi>"
        "</math></span><img src='a.svg' alt='A'></span> holds.</p>"
    )
    linearize_math(root)
    assert root.find(".//img") is not None
    assert root.find(".//span[@class='mwe-math-element']") is not None
    # The formula stays inside its hidden box, which goes with the page's hidden text:
    # shown, it would say the formula twice.
    hidden = root.find(".//span[@style='display: none']")
    assert hidden is not None and hidden.text_content() == "A"


def test_markup_in_a_formula_stays_text() -> None:
    root = parse_fragment(
        "<p><math><mtext>&lt;script&gt;alert(1)&lt;/script&gt;</mtext><mi>x</mi></math></p>"
    )
    linearize_math(root)
    assert not list(root.iter("script"))
    assert "<script>alert(1)</script>" in root.text_content()


def test_the_mathjax_page_keeps_its_formulas_in_its_sentences() -> None:
    folder = PAGES / "mathjax"
    if not folder.is_dir():
        skip_without_shared(f"readability test pages not found at {PAGES}")
    doc = extract_html((folder / "source.html").read_bytes(), url="http://fakehost/test/page.html")
    text = markdown.markdown(doc.body)
    assert "ax² + bx + c = 0 and they are" in text
    assert "x = (−b ± √(b² − 4ac))/(2a)." in text
    assert "√(3x − 1) + (1 + x)² is an example of an inline equation" in text
    # Before, each symbol was a paragraph: "<p>a</p><p>≠</p><p>0</p>".
    assert "<p>≠</p>" not in text and "<p>a</p>" not in text


_ELEMENTS = [
    "mrow", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder",
    "munderover", "mfenced", "mtable", "mtr", "mtd", "mstyle", "semantics",
]  # fmt: skip
_TOKEN_TAGS = ["mi", "mn", "mo", "mtext"]


@st.composite
def _mathml(draw: st.DrawFn, depth: int = 0) -> tuple[str, list[str]]:
    """A random MathML tree (any number of children anywhere) and its tokens' texts."""
    if depth >= 4 or draw(st.booleans()):
        tag = draw(st.sampled_from(_TOKEN_TAGS))
        text = draw(st.text(alphabet="ab12+−=()|,.<&∑√", min_size=1, max_size=3))
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        return f"<{tag}>{escaped}</{tag}>", [text]
    tag = draw(st.sampled_from(_ELEMENTS))
    kids = draw(st.lists(_mathml(depth + 1), max_size=4))
    tokens = [t for _, texts in kids for t in texts]
    if tag == "semantics":  # only its first child is the formula
        tokens = kids[0][1] if kids else []
    return f"<{tag}>{''.join(html for html, _ in kids)}</{tag}>", tokens


@settings(max_examples=300, deadline=None)
@given(_mathml())
def test_property_any_formula_gives_one_line_with_all_its_symbols(tree) -> None:
    html, tokens = tree
    text = _formula(html)
    assert "\n" not in text
    squashed = text.replace(" ", "")
    for token in tokens:
        assert token.replace(" ", "") in squashed or _raised_or_lowered(token, squashed)


def _raised_or_lowered(token: str, text: str) -> bool:
    """A token written as superscript or subscript characters (``2`` as ``²``)."""
    up = token.translate(str.maketrans("0123456789+−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾"))
    down = token.translate(str.maketrans("0123456789+−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"))
    return up in text or down in text


def test_a_deeply_nested_formula_reads_each_level_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each level's text was made twice (once for the level, once again for its row): 2^d
    # work, minutes for 24 nested rows, a page that never finishes at the depth limit.
    from scraper.extract import mathml

    calls = 0
    node = mathml._node

    def counted(element):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return node(element)

    monkeypatch.setattr(mathml, "_node", counted)
    depth = 12  # (before: 8,191 calls at 10 levels, doubling with each)
    assert _formula("<mrow>" * depth + "<mi>x</mi><mo>+</mo><mi>y</mi>" + "</mrow>" * depth) == (
        "x + y"
    )
    assert calls == depth + 4  # <math>'s rows and the three tokens, each once


def test_a_heading_that_is_one_formula_stays_a_heading() -> None:
    root = parse_fragment(
        "<div><h2><span><math><mi>E</mi><mo>=</mo><mi>m</mi></math></span></h2></div>"
    )
    linearize_math(root)
    heading = root.find(".//h2")
    assert heading is not None and heading.text_content() == "E = m"
