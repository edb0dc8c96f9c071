"""Make scraped Markdown inert: the last line of defence before a document is written.

Scraped text is untrusted. Python-Markdown (which MkDocs uses) passes raw HTML through
untouched, turns ``[x](javascript:...)`` into a live link and lets ``{: onclick=...}``
(attr_list) set arbitrary attributes. ``safe_markdown`` removes those three channels while
leaving ordinary prose byte-for-byte unchanged:

* ``<`` that could open a tag, comment, declaration or processing instruction becomes
  ``&lt;`` (it still *displays* as ``<``). Autolinks ``<https://...>`` and ``<a@b.org>`` are
  kept; Python-Markdown renders them as escaped elements, never as raw HTML.
* A link or image whose destination has a scheme other than http, https or mailto (after
  decoding entities and dropping the whitespace, control characters and backslashes browsers
  ignore) is replaced by its text; if the link cannot be delimited safely, ``#`` is put in
  front of the destination so it can only ever be a fragment. Reference definitions
  (``[id]: url``) get the ``#`` prefix.
* ``{`` that attr_list could read as an attribute list (a ``}`` follows on the same line)
  is backslash-escaped, which renders as a plain ``{``.

Code is literal in Markdown, so code is left alone -- but only where this module is *certain*
the renderer sees code too. Fenced blocks count when their opening line is a plain fence at
column 0 (optionally with a simple language name) closed by the identical fence; code spans
count when every backtick run of their paragraph pairs up within its own line. Anything
less clear-cut (an unclosed fence, a fence with options, an indented or quoted fence, a
backslash before a backtick, a table row with code) is treated as prose from there on, which
at worst shows ``&lt;`` inside a code sample. Fenced blocks assume a renderer with fenced
code support (the site uses pymdownx.superfences); a renderer without it would read fence
contents as paragraphs.

The function is idempotent: it repeats its pass until nothing changes (each pass only
escapes characters or removes link syntax, so this terminates quickly).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

__all__ = ["safe_markdown"]

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Schemes a browser can execute or that embed content; refused even in footnote definitions.
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha", "file"})

_MAX_PASSES = 8
# How much of a link target is inspected for its scheme (padding included).
_TARGET_WINDOW = 300

# C0 controls except tab and newline; \x02/\x03 are Python-Markdown's own placeholder markers.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FENCE_LIKE_RE = re.compile(r"^[\s>*+\-\d.)]*(`{3,}|~{3,})")
_FENCE_OPEN_RE = re.compile(r"(`{3,}|~{3,})[ ]*(?:\.?[\w#.+-]*[ ]*)?")
_BACKTICKS_RE = re.compile(r"`+")
# What may follow "<" to start markup in an HTML parser.
_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
_ESCAPABLE_RE = re.compile(r"[<{]")
# Autolinks kept as they are: a strict subset of what Python-Markdown autolinks, with no
# characters an HTML parser would read as attributes.
_AUTOLINK_RE = re.compile(r"<(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s<>\"'`\\]*|[\w.+-]+@[\w.-]+)>")
_REF_DEF_RE = re.compile(r"^[\s>*+\-\d.)]*\[(?P<label>[^\[\]\n]*)\]:", re.MULTILINE)
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Characters browsers skip inside or before a URL scheme, plus markup that wraps a URL.
_URL_NOISE_RE = re.compile(r"[\s\x00-\x1f\x7f\\\"'<>`]+")


def safe_markdown(md: str) -> str:
    """Return ``md`` with raw HTML escaped, unsafe link targets dropped, attr lists neutralized."""
    text = md.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    for _ in range(_MAX_PASSES):
        cleaned = _one_pass(text)
        if cleaned == text:
            return cleaned
        text = cleaned
    # Not settled (never seen in practice): fall back to treating everything as prose.
    return _clean_prose(text, trust_code_spans=False)


def _one_pass(text: str) -> str:
    parts = []
    for is_code, chunk in _split_fences(text):
        parts.append(chunk if is_code else _clean_prose(chunk))
    return "".join(parts)


def _split_fences(text: str) -> list[tuple[bool, str]]:
    """Split into (is_code, text) chunks; only unambiguous fenced blocks count as code."""
    lines = text.splitlines(keepends=True)
    chunks: list[tuple[bool, str]] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        like = _FENCE_LIKE_RE.match(line)
        if not like:
            prose.append(line)
            i += 1
            continue
        end = _fence_end(lines, i)
        if end is None:
            # Renderers may disagree about where code starts or stops from here on, so
            # nothing after this line is trusted to be code.
            prose.extend(lines[i:])
            break
        if prose:
            chunks.append((False, "".join(prose)))
            prose = []
        chunks.append((True, "".join(lines[i : end + 1])))
        i = end + 1
    if prose:
        chunks.append((False, "".join(prose)))
    return chunks


def _fence_end(lines: list[str], start: int) -> int | None:
    """Index of the closing line of the fence opened at ``start``, or None if not certain."""
    opening = lines[start].rstrip("\n")
    m = _FENCE_OPEN_RE.fullmatch(opening)
    if not m:
        return None
    fence = m.group(1)
    closer_like = re.compile(rf"[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
    exact = re.compile(re.escape(fence) + "[ ]*")
    for j in range(start + 1, len(lines)):
        candidate = lines[j].rstrip("\n")
        if closer_like.fullmatch(candidate):
            return j if exact.fullmatch(candidate) else None
    return None


def _clean_prose(text: str, *, trust_code_spans: bool = True) -> str:
    """Clean one stretch of prose, paragraph by paragraph (code spans never cross a blank line)."""
    pieces = re.split(r"(\n[ \t]*\n)", text)
    out = []
    for piece in pieces:
        if not piece.strip():
            out.append(piece)
            continue
        spans = _code_spans(piece) if trust_code_spans else []
        out.append(_clean_block(piece, spans))
    return "".join(out)


def _code_spans(block: str) -> list[tuple[int, int]]:
    """Code spans of a paragraph, or [] when the renderer might pair backticks differently."""
    if "`" not in block:
        return []
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in block.split("\n"):
        if "`" in line and "|" in line:
            return []  # table cells split around code in their own way
        runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(line)]
        k = 0
        while k < len(runs):
            start, end = runs[k]
            if start > 0 and line[start - 1] == "\\":
                return []
            width = end - start
            j = k + 1
            while j < len(runs) and runs[j][1] - runs[j][0] != width:
                j += 1
            if j == len(runs):
                return []
            spans.append((offset + start, offset + runs[j][1]))
            k = j + 1
        offset += len(line) + 1
    return spans


def _clean_block(block: str, spans: list[tuple[int, int]]) -> str:
    """Apply link, reference and escaping rules to the parts of ``block`` outside ``spans``."""
    trust = bool(spans)

    def code_mask(text: str) -> list[bool]:
        return _mask(len(text), _code_spans(text) if trust else [])

    block = _fix_links(block, code_mask)
    block = _fix_reference_definitions(block, code_mask(block))
    return _escape(block, code_mask(block))


def _mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        mask[start:end] = [True] * (end - start)
    return mask


def _scheme_allowed(scheme: str) -> bool:
    return scheme in ALLOWED_SCHEMES


def _scheme_not_dangerous(scheme: str) -> bool:
    return scheme not in DANGEROUS_SCHEMES


def _unsafe_target(target: str, allowed: Callable[[str], bool] = _scheme_allowed) -> bool:
    """Whether a link destination starts with a scheme that ``allowed`` refuses.

    Entities are decoded (repeatedly, to be safe) and the characters browsers ignore are
    removed first, so ``java&#x09;script:`` and ``&#106;avascript:`` are caught.
    """
    value = target[:_TARGET_WINDOW]
    for _ in range(3):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = _URL_NOISE_RE.sub("", value).lower()
    m = _SCHEME_RE.match(value)
    return bool(m) and not allowed(m.group(1))


def _fix_links(block: str, code_mask: Callable[[str], list[bool]]) -> str:
    """Replace ``[text](bad:...)`` / ``![alt](bad:...)`` outside code by the text alone."""
    in_code = code_mask(block)
    pos = 0
    while True:
        at = block.find("](", pos)
        if at < 0:
            return block
        # "\](" closes no link: Markdown shows "](" as text there (mdtext escapes the
        # brackets of scraped text this way), so the text is left as it is.
        if (
            in_code[at]
            or _escaped(block, at)
            or not _unsafe_target(block[at + 2 : at + 2 + _TARGET_WINDOW])
        ):
            pos = at + 2
            continue
        start = _matching_open_bracket(block, at, in_code)
        end = _closing_paren(block, at + 1)
        if start is None or end is None:
            # Cannot delimit the link: make its target a fragment, which is always inert.
            block = block[: at + 2] + "#" + block[at + 2 :]
            in_code = [*in_code[: at + 2], False, *in_code[at + 2 :]]
            pos = at + 3
        else:
            label_start = start + 1
            if start > 0 and block[start - 1] == "!":
                start -= 1
            label = block[label_start:at]
            block = block[:start] + label + block[end + 1 :]
            # Shifted, not recomputed: if removing the link re-paired backticks, the next
            # pass of safe_markdown (which repeats until nothing changes) sees it.
            in_code = [*in_code[:start], *in_code[label_start:at], *in_code[end + 1 :]]
            pos = start + len(label)


def _matching_open_bracket(block: str, close: int, in_code: list[bool]) -> int | None:
    depth = 0
    for pos in range(close, -1, -1):
        if in_code[pos]:
            continue
        char = block[pos]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return pos
    return None


def _closing_paren(block: str, open_at: int) -> int | None:
    depth = 0
    for pos in range(open_at, len(block)):
        char = block[pos]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pos
    return None


def _fix_reference_definitions(block: str, in_code: list[bool]) -> str:
    """Put ``#`` in front of unsafe targets of ``[id]: target`` lines."""
    out = []
    last = 0
    for m in _REF_DEF_RE.finditer(block):
        if in_code[m.end() - 1]:
            continue
        # A footnote definition (``[^1]: text``) is prose: refuse only executable schemes.
        allowed = _scheme_not_dangerous if m.group("label").startswith("^") else _scheme_allowed
        target_at = m.end() + _target_offset(block[m.end() : m.end() + _TARGET_WINDOW])
        if target_at >= len(block) or block[target_at] == "#":
            continue
        if _unsafe_target(block[target_at : target_at + _TARGET_WINDOW], allowed):
            out.append(block[last:target_at])
            out.append("#")
            last = target_at
    out.append(block[last:])
    return "".join(out)


def _target_offset(rest: str) -> int:
    """Offset of a reference target after ``]:`` (spaces, at most one newline, spaces)."""
    m = re.match(r"[ \t]*\n?[ \t]*", rest)
    return m.end() if m else 0


def _escape(block: str, in_code: list[bool]) -> str:
    """Escape tag openers and attr-list braces outside code; keep safe autolinks.

    Only ``<`` and ``{`` can change, so only those are visited; the text between them is
    copied in slices (a character-by-character loop made this most of ``safe_markdown``).
    """
    out = []
    copied = 0  # block[:copied] is in ``out``
    skip_to = 0  # end of the last autolink kept: nothing inside it is escaped
    for m in _ESCAPABLE_RE.finditer(block):
        pos = m.start()
        if pos < skip_to or in_code[pos]:
            continue
        if block[pos] == "<":
            auto = _AUTOLINK_RE.match(block, pos)
            if auto and not any(in_code[auto.start() : auto.end()]):
                skip_to = auto.end()
                continue
            if not _TAG_START_RE.match(block, pos):
                continue
            replacement = "&lt;"
        elif not _escaped(block, pos) and "}" in _rest_of_line(block, pos):
            replacement = "\\{"
        else:
            continue
        out.append(block[copied:pos])
        out.append(replacement)
        copied = pos + 1
    out.append(block[copied:])
    return "".join(out)


def _escaped(block: str, pos: int) -> bool:
    """Whether the character at ``pos`` is preceded by an odd number of backslashes."""
    count = 0
    while pos - count - 1 >= 0 and block[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _rest_of_line(block: str, pos: int) -> str:
    end = block.find("\n", pos)
    return block[pos:] if end < 0 else block[pos:end]
