"""Formulas written in MathML, as one line of text a reader can follow.

A page that writes ``a x² + b x + c = 0`` in MathML holds it as a tree of tokens
(``<mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo>``...). Taken as HTML, each
token is a box of its own: the Markdown came out one symbol per paragraph, and a
superscript or a fraction lost its meaning (``x 2``, ``b 2 a``). The site shows scraped
text as text (no formula renderer, no raw markup from a page), so each ``<math>`` becomes
a ``<span>`` of its formula in the usual linear notation: ``ax² + bx + c = 0``,
``x = (−b ± √(b² − 4ac))/(2a)``.

A formula that also names its TeX (Wikipedia's ``alttext``) is read from the tree all the
same: the linear form reads better than TeX source, and the two say the same.
"""

from __future__ import annotations

import re

import lxml.html

from scraper.extract.html_tree import BLOCK_TAGS, squash

__all__ = ["linearize_math", "math_text"]

# Where a formula's wrapper stops: a block of the page, or the page's body itself.
_STOPS = BLOCK_TAGS | {"body", "html"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# MathJax's wrapper is two levels above the <math>, beside one box of glyphs.
_MAX_WRAPPERS = 4
_MAX_WRAPPER_CHILDREN = 3
# How many children each script element has: base, then its scripts.
_SCRIPT_PARTS = {"msup": 2, "msub": 2, "msubsup": 3, "mover": 2, "munder": 2, "munderover": 3}
_TOKENS = frozenset(("mi", "mn", "mo", "mtext", "ms"))
_SILENT = frozenset(("annotation", "annotation-xml", "mphantom", "none", "mprescripts"))
# Operators written with a space on each side when they stand between two operands.
_SPACED = frozenset("+-−±∓×÷=≠<>≤≥≈≡∼≅∝→←↔⇒⇐⇔∈∉⊂⊃⊆⊇∪∩∧∨")
_OPEN = frozenset("([{⟨|‖⌈⌊")
_CLOSE = frozenset(")]}⟩|‖⌉⌋")
_RAISABLE = "0123456789+-−=()ni"
_SUPERSCRIPT = str.maketrans(_RAISABLE, "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
_LOWERABLE = "0123456789+-−=()"
_SUBSCRIPT = str.maketrans(_LOWERABLE, "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")
# One operand that needs no brackets: a number or one symbol, with its accent and its
# raised or lowered digits (``12``, ``x``, ``x²``, ``a₁``, ``ẋ`` as ``x˙``).
_ATOM = re.compile(r"(?:\d+(?:\.\d+)?|.)[′″˙¨~→¯^]?[¹²³⁰-⁹⁺⁻⁼⁽⁾ⁿⁱ₀-₉₊₋₌₍₎]*", re.S)
# A relation at the start of an aligned equation's second cell (``ẋ`` | ``= σ(y − x)``).
_CELL_RELATION = re.compile(r"(^|\s)([=<>≤≥≠≈≡→])(?=\S)")


def linearize_math(root: lxml.html.HtmlElement) -> int:
    """Replace every ``<math>`` under ``root`` by a ``<span>`` of its formula as text;
    return how many were replaced. Runs before the main-content finder, which would
    otherwise score and split the formula's tokens as page text."""
    formulas = [el for el in root.iter("math") if not _inside_math(el)]
    for formula in formulas:
        box = _wrapper(formula)
        parent = box.getparent()
        if parent is None:
            continue
        before = _text_before(box)
        after = box.tail or ""
        span = lxml.html.Element("span")
        span.text = math_text(formula)
        # A formula is a word of its own: MathJax spaces it by its margins, and the page
        # may have written "0and they are".
        span.tail = (" " if after[:1].isalnum() else "") + after
        if before[-1:].isalnum():
            span.text = " " + span.text
        parent.replace(box, span)
        if _displayed(formula, box):  # on a line of its own, within its paragraph
            if before.strip():
                span.addprevious(lxml.html.Element("br"))
            if after.strip():
                span.addnext(lxml.html.Element("br"))
                span.getnext().tail, span.tail = span.tail, None
    return len(formulas)


def _text_before(element: lxml.html.HtmlElement) -> str:
    previous = element.getprevious()
    if previous is not None:
        return previous.tail or ""
    parent = element.getparent()
    return (parent.text or "") if parent is not None else ""


def _displayed(formula: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    """Whether the page shows the formula as a block (``display="block"``, or MathJax's
    ``display="true"`` on its container)."""
    if (formula.get("display") or "").strip().lower() == "block":
        return True
    return box is not formula and (box.get("display") or "").strip().lower() in ("true", "block")


def _wrapper(formula: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The outermost inline element that holds nothing but ``formula``: MathJax 3 puts
    the MathML in an ``<mjx-container>`` beside its glyph boxes, which the main-content
    finder's cleaning removes whole. A wrapper holding a picture too (Wikipedia's SVG of
    the formula) is left, and so is anything with other text."""
    text = squash(formula.text_content())
    box = formula
    for _ in range(_MAX_WRAPPERS):
        parent = box.getparent()
        if parent is None or parent.tag in _STOPS or len(parent) > _MAX_WRAPPER_CHILDREN:
            break  # (the limits keep a page of many formulas in one box linear)
        if squash(parent.text_content()) != text or any(True for _ in parent.iter("img")):
            break
        if _HIDDEN.search(parent.get("style") or "") or parent.get("hidden") is not None:
            break  # hidden, the formula goes with it later: the page shows it otherwise
        box = parent
    return box


def math_text(element: lxml.html.HtmlElement) -> str:
    """The formula of a MathML element in linear notation."""
    return _node(element).strip()


def _inside_math(element: lxml.html.HtmlElement) -> bool:
    return any(a.tag == "math" for a in element.iterancestors())


def _children(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [child for child in element if isinstance(child.tag, str)]


def _node(element: lxml.html.HtmlElement) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    kids = _children(element)
    if tag == "mtext":  # words between symbols: ", for |q| < 1"
        words = squash(element.text_content())
        return f" {words} " if any(ch.isalnum() for ch in words) else words
    if tag in _TOKENS:
        return squash(element.text_content())
    if tag in _SILENT:
        return ""
    if tag == "mspace":
        return " "
    if tag == "semantics":
        return _node(kids[0]) if kids else ""
    parts = [_node(kid) for kid in kids]
    if _SCRIPT_PARTS.get(tag) == len(parts):  # (malformed ones read as a row: no loss)
        return _scripts(tag, parts)
    if tag == "mfrac" and len(parts) == 2:
        if (element.get("linethickness") or "").strip() in ("0", "0px", "0em"):
            return f"{parts[0].strip()} {parts[1].strip()}"  # a binomial: (n k) in its brackets
        return f"{_group(parts[0])}/{_group(parts[1])}"
    if tag == "msqrt":
        return "√" + _group(_row(kids, parts))
    if tag == "mroot" and len(parts) == 2:
        return _superscript(parts[1]) + "√" + _group(parts[0])
    if tag == "mfenced":
        separators = (element.get("separators") or ",").strip() or ","
        inner = f"{separators[0]} ".join(parts)
        return f"{element.get('open', '(')}{inner}{element.get('close', ')')}"
    if tag == "mtable":
        return "; ".join(part.strip() for part in parts if part.strip())
    if tag in ("mtr", "mlabeledtr"):
        row = " ".join(part.strip() for part in parts if part.strip())
        return _CELL_RELATION.sub(r"\1\2 ", row)
    return _row(kids, parts)


def _row(kids: list[lxml.html.HtmlElement], texts: list[str]) -> str:
    """Operands side by side (``4ac``), binary operators spaced (``b − 4ac``), a sign
    before an operand kept against it (``−b``). ``texts`` are the kids' own, made once by
    the caller: made again here, each level of nesting would double the work."""
    out: list[str] = []
    previous = ""  # "operand", "operator", "open" or "" at the start
    last = ""  # the last operand
    bars = 0  # | and ‖ opened and not yet closed: the same symbol closes them
    for kid, text in zip(kids, texts, strict=True):
        if not text:
            continue
        symbol = text.strip() if _operator(kid) or _punctuation_text(kid, text) else ""
        if symbol in ("|", "‖"):
            kind = "close" if bars else "open"
            bars += 1 if kind == "open" else -1
        elif symbol in _OPEN:
            kind = "open"
        elif symbol in _CLOSE:
            kind = "close"
        elif symbol in (",", ";", ".", ":"):
            kind = "punctuation"
        elif symbol in _SPACED:
            kind = "binary" if previous == "operand" else "sign"
        else:  # an operand, or an operator that reads as one (∑, ∂, ⋯, sin)
            kind = "operand"
        if kind == "open":
            # p^k (1 − p), not p^k(1 − p); but σ(y − x) and P(E)
            out.append(" " + symbol if previous == "operand" and not _is_atom(last) else symbol)
            previous = "open"
        elif kind == "close":
            out.append(symbol)
            previous, last = "operand", symbol
        elif kind == "punctuation":
            out.append(symbol + " ")
            previous = "open"
        elif kind == "binary":
            out.append(f" {symbol} ")
            previous = "operator"
        elif kind == "sign":
            out.append(symbol)
            previous = "operator"
        else:
            operand = text.strip() if symbol else text
            # Symbols side by side (4ac, ax²); a space after or before a longer operand,
            # so that a_k b_k does not read as a_(kb_k), and before a digit after a letter.
            if (
                previous == "operand"
                and operand[:1] not in _CLOSE  # (1 + x)², its ")" carrying the square
                and (not _is_atom(last) or not _is_atom(operand.strip()) or operand[:1].isdigit())
            ):
                out.append(" ")
            out.append(operand)
            previous, last = "operand", operand.strip()
    return re.sub(r" {2,}", " ", "".join(out))


def _punctuation_text(element: lxml.html.HtmlElement, text: str) -> bool:
    """An ``<mtext>`` of punctuation only (the full stop after a displayed formula)."""
    return element.tag == "mtext" and bool(text.strip()) and not any(c.isalnum() for c in text)


def _operator(element: lxml.html.HtmlElement) -> bool:
    """Whether ``element`` is an ``<mo>``, or a row holding only one (TeX's ``\\left(``
    comes as ``<mrow><mo>(</mo></mrow>``)."""
    while element.tag in ("mrow", "mstyle"):
        kids = _children(element)
        if len(kids) != 1:
            return False
        element = kids[0]
    return element.tag == "mo"


def _scripts(tag: str, parts: list[str]) -> str:
    base = _group(parts[0])
    if tag == "msup":
        return base + _superscript(parts[1])
    if tag == "msub":
        return base + _subscript(parts[1])
    if tag == "msubsup":
        return base + _subscript(parts[1]) + _superscript(parts[2])
    if tag == "mover":
        return base + parts[1].strip()  # an accent (ẋ as x˙) or a limit above
    if tag == "munder":
        return f"{base}_{_group(parts[1])}"
    return f"{base}_{_group(parts[1])}^{_group(parts[2])}"  # munderover


def _superscript(text: str) -> str:
    text = text.strip()
    if text and all(ch in _RAISABLE for ch in text):
        return text.translate(_SUPERSCRIPT)
    return "^" + _group(text)


def _subscript(text: str) -> str:
    text = text.strip()
    if text and all(ch in _LOWERABLE for ch in text):
        return text.translate(_SUBSCRIPT)
    return "_" + _group(text)


def _group(text: str) -> str:
    """``text`` as one operand: in brackets unless it is one already."""
    text = text.strip()
    return text if _is_atom(text) else f"({text})"


def _is_atom(text: str) -> bool:
    if not text:
        return True
    if _ATOM.fullmatch(text):
        return True
    if text[0] == "(" and text[-1] == ")" and _balanced_whole(text):
        return True
    return text[0] == "√" and _is_atom(text[1:])


def _balanced_whole(text: str) -> bool:
    """Whether the brackets at both ends of ``text`` are one pair: ``(a+b)`` but not
    ``(a)(b)``."""
    depth = 0
    for index, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and index < len(text) - 1:
            return False
    return depth == 0
