"""safe_markdown: scraped Markdown must render without markup, scripts or live bad links."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.sanitize import safe_markdown

# The configurations a document may meet: a plain renderer and one close to mkdocs.yml.
RENDERERS = {
    "plain": ["attr_list", "tables", "fenced_code"],
    "site": [
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
    ],
}

FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "form", "object", "embed", "style", "link",
    "meta", "base", "svg", "math", "input", "button", "textarea", "select", "applet",
}  # fmt: skip
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
BAD_SCHEME_RE = re.compile(r"^(javascript|vbscript|data|livescript):")


class _Inspector(HTMLParser):
    """Collects what a browser would treat as markup in rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in URL_ATTRS and value is not None:
                url = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()
                if BAD_SCHEME_RE.match(url):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.problems.append("raw HTML comment")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("raw declaration")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("raw CDATA or declaration")


def markup_problems(md: str) -> list[str]:
    """Render ``md`` with every renderer configuration and list unsafe markup found."""
    problems = []
    for name, extensions in RENDERERS.items():
        inspector = _Inspector()
        inspector.feed(markdown.markdown(md, extensions=extensions))
        inspector.close()
        problems.extend(f"{name}: {p}" for p in inspector.problems)
    return problems


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil></iframe>",
    "<form action=/steal><input name=p></form>",
    "<style>body{display:none}</style>",
    "<!-- hidden --><div onclick=alert(1)>x</div>",
    "[click](javascript:alert(1))",
    "[click]( JaVaScRiPt:alert(1) )",
    "[click](java&#x09;script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "![pic](data:image/svg+xml;base64,PHN2Zz4=)",
    "[ref][1]\n\n[1]: vbscript:msgbox(1)",
    "[ref][1]\n\n[1]:\n  javascript:alert(1)",
    "[x](https://ok.example){: onclick=alert(1)}",
    "# Heading {#id onmouseover=alert(1)}",
    "para\n{: onclick=alert(1) }",
    "```{.python onclick=alert(1)}\nx\n```",
    "<?php evil(); ?>",
    "<![CDATA[x]]>",
    "<svg/onload=alert(1)>",
]
# Look like attacks but Python-Markdown already renders them harmlessly; must stay so.
LOOKALIKES = ["<https://ok.example/x onclick=alert(1)>", '<a@b.org"onclick=alert(1)>']


@pytest.mark.parametrize("attack", HOSTILE)
def test_hostile_markdown_is_inert(attack: str) -> None:
    assert markup_problems(attack), "the probe must be dangerous unsanitized"
    clean = safe_markdown(attack)
    assert markup_problems(clean) == []
    assert safe_markdown(clean) == clean


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_stay_inert(text: str) -> None:
    assert markup_problems(safe_markdown(text)) == []


def test_ordinary_markdown_is_unchanged() -> None:
    text = (
        "# Notice on *virtual currency*\n\n"
        "The PBoC said 1 < 2 and 3 > 2; see [the notice](https://www.pbc.gov.cn/a_(1).html),\n"
        "[a mail](mailto:press@example.org), [a section](#scope) and [a page](../x.md).\n\n"
        "- a list item with `<code>` and **bold**\n"
        "> a quote\n\n"
        "| col | col |\n|-----|-----|\n| 1 | 2 |\n\n"
        "```python\nif a < b:\n    print('<b>')\n```\n\n"
        "![chart](https://example.org/chart.png)\n\n"
        "中国人民银行关于进一步防范和处置虚拟货币交易炒作风险的通知。<https://example.org>\n"
    )
    assert safe_markdown(text) == text


def test_code_keeps_html_literal_and_prose_is_escaped() -> None:
    md = "Use `<br>` here, not <br>.\n\n```html\n<p onclick=x>hi</p>\n```\n"
    clean = safe_markdown(md)
    assert "`<br>`" in clean
    assert "<p onclick=x>hi</p>" in clean
    assert "not &lt;br>." in clean
    assert markup_problems(clean) == []


def test_unsafe_link_keeps_its_text() -> None:
    clean = safe_markdown("Read [the *notice*](javascript:alert(1)) now; ![a chart](data:x).")
    assert clean == "Read the *notice* now; a chart."


def test_escaped_brackets_are_text_not_a_link_to_remove() -> None:
    """``\\[x\\](javascript:...)`` is no link (the scraper escapes brackets of text this
    way), so it stays as written: before, the link rule cut out the brackets and left the
    backslashes on the page ("\\click\\")."""
    md = "Press \\[click\\](javascript:alert(1)) to go on."
    clean = safe_markdown(md)
    assert clean == md
    html_out = markdown.markdown(clean, extensions=RENDERERS["site"])
    assert html_out == "<p>Press [click](javascript:alert(1)) to go on.</p>"
    assert markup_problems(clean) == []
    # An escaped backslash before the bracket leaves the bracket live: still removed.
    assert "javascript" not in safe_markdown("[a\\\\](javascript:alert(1))")


def test_unclosed_or_fancy_fence_does_not_protect_html() -> None:
    md = '```python linenums="1"\nx\n```\n<script>alert(1)</script>\n```\n'
    assert "<script>" not in safe_markdown(md)
    assert "<script>" not in safe_markdown("```\n<script>alert(1)</script>\n")


def test_misaligned_backticks_do_not_hide_html() -> None:
    for md in ["\\`a` <script>x</script> `", "`a\n` <script>x</script> `b`", "| `a | <b> ` |"]:
        clean = safe_markdown(md)
        assert "<script>" not in clean and "<b>" not in clean
        assert markup_problems(clean) == []


FRAGMENTS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<iframe>", "<!--", "-->", "<a ",
    "href=", "onclick=", "<", ">", "/", "`", "``", "```", "~~~", "\n", "\n\n", "    ", "> ",
    "- ", "1. ", "# ", "[", "]", "(", ")", "](", "]: ", "![", "javascript:", "JaVa&#x09;Script:",
    "&#106;avascript:", "data:", "vbscript:", "https://ok.example", "{", "}", "{: ", "#id",
    "\\", "|", '"', "'", "a", " ", "x", ":", "!!! note", "*[X]: ", "[^1]: ", "\r", "\x00", "<b>",
    "<https://ok.example>", "<p@q.org>", "python", "=",
]  # fmt: skip
hostile_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
    st.text(max_size=80),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_property_idempotent_and_inert(md: str) -> None:
    once = safe_markdown(md)
    assert safe_markdown(once) == once
    assert markup_problems(once) == []


ordinary = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        exclude_characters="<{[]`\\",
    ),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(ordinary)
def test_property_ordinary_text_unchanged(text: str) -> None:
    assert safe_markdown(text) == text
