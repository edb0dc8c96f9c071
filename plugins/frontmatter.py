"""Reading YAML front matter with line numbers, so errors can point at the line to fix.

MkDocs parses front matter itself, but silently drops a block that is not valid YAML and
keeps no line numbers. The plugins need both: a broken block is an error to report, and a
bad field is reported as ``file:line``.
"""

from __future__ import annotations

import re
import reprlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class FrontMatterLoader(_Base):  # type: ignore[misc,valid-type]
    """Safe YAML without implicit timestamps.

    PyYAML turns ``2025-02-30`` into an exception and ``2025-11-11 13:30:07`` into a naive
    datetime; keeping dates as text lets the schema parse them with their precision and
    report a bad one as a field error.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        #: Keys written twice in one mapping: (key, line of the first, line of the second),
        #: lines 0-based in the YAML text. PyYAML keeps the last value without a word, so
        #: an editor who adds ``tags:`` again below the first loses the first list.
        self.duplicates: list[tuple[str, int, int]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                continue  # a merge (``<<: *base``) may repeat keys on purpose
            line = key_node.start_mark.line
            if key_node.value in seen:
                self.duplicates.append((key_node.value, seen[key_node.value], line))
            else:
                seen[key_node.value] = line
        return super().construct_mapping(node, deep)


_Loader = FrontMatterLoader

_SHOWN = reprlib.Repr()  # keyword arguments need Python 3.12
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother = 2, 60, 60
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 3


def shown(value: Any) -> str:
    """A front-matter value as a message quotes it: ``repr``, cut short.

    A message names the wrong value so the editor can find it, and stays one readable
    line: YAML aliases can make a few lines of front matter a list of millions of items
    (nested ``*a`` references), whose full ``repr`` was a warning of megabytes."""
    return _SHOWN.repr(value)


def not_utf8(exc: UnicodeDecodeError) -> str:
    """Where an editor's file stops being UTF-8, as ``line: why``: a file saved in another
    encoding (GBK, Windows-1252) is found by its line, not by a byte offset."""
    data, at = bytes(exc.object), exc.start
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return (
        f"{line}: not UTF-8 text (byte 0x{data[at]:02x} at byte {column} of the line);"
        " save the file as UTF-8"
    )


_OPENING = r"\A(?:\ufeff)?---[ \t]*\r?\n"
_OPEN_RE = re.compile(_OPENING)
_UNCLOSED = "front matter opened by '---' is never closed: add a '---' line after its last field"
#: The opening line, then a first field (``key:``): what makes a page's leading ``---`` the
#: start of front matter and not a horizontal rule.
_FIELDS_RE = re.compile(_OPENING + r"(?:[ \t]*\r?\n)*[ \t]*[^\s:#-][^\n:]*:(?:[ \t]|\r?\n|\Z)")
_BLOCK_RE = re.compile(_OPENING + r"(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


#: Characters no text of a page may hold: C0 and C1 controls but tab, newline and carriage
#: return. YAML refuses them raw, but its escapes (``"\\a"``, ``"\\x1b"``, ``"\\0"``) write
#: them, and HTML has no use for them (a NUL becomes U+FFFD, an escape shows as a box).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """``text`` without :data:`CONTROL_RE`'s characters."""
    return CONTROL_RE.sub("", text) if CONTROL_RE.search(text) else text


#: Where a value sits in front matter: its keys and list indexes from the top, such as
#: ``("events", 1, "date")``; the same shape as a pydantic error's ``loc``.
ValuePath = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """A page split into its metadata and its Markdown body."""

    meta: dict[str, Any]
    body: str
    error: str | None = None
    error_line: int | None = None
    _yaml: str = field(default="", repr=False)
    #: Problems that do not stop the page being read, as ``(line, message)``.
    notes: list[tuple[int, str]] = field(default_factory=list)

    def problems(self, src_uri: str) -> list[str]:
        """The error, if any, then the notes, each as ``path:line: message``."""
        out = []
        if self.error:
            out.append(
                f"{src_uri}:{self.error_line}: {self.error}"
                if self.error_line
                else f"{src_uri}: {self.error}"
            )
        out += [f"{src_uri}:{line}: {message}" for line, message in self.notes]
        return out

    def lines(self) -> dict[ValuePath, int]:
        """Line (1-based, in the whole file) of every key and list item; computed on demand
        because only error messages need it."""
        return value_lines(self._yaml)

    @property
    def yaml_text(self) -> str:
        """The YAML between the ``---`` lines, as written."""
        return self._yaml


def value_lines(yaml_text: str, first_line: int = 2) -> dict[ValuePath, int]:
    """Line (1-based, in the whole file) of each key and each list item of ``yaml_text``, by
    its path: ``{("events",): 5, ("events", 0): 6, ("events", 0, "date"): 6, ...}``. A key's
    line is where the key is written; an item's, where the item starts. ``first_line`` is
    the file's line of the text's first line: 2 in front matter, after the opening ``---``."""
    lines: dict[ValuePath, int] = {}
    if not yaml_text:
        return lines
    try:
        root = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return lines
    todo: list[tuple[ValuePath, yaml.Node]] = [((), root)] if root is not None else []
    # An alias (``*x``) is the anchored node itself: each node is walked once, so a
    # recursive anchor or a pile of aliases (a "billion laughs") cannot keep this going.
    walked: set[int] = set()
    while todo:
        path, node = todo.pop()
        if id(node) in walked:
            continue
        walked.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*path, str(key.value))
                lines.setdefault(here, key.start_mark.line + first_line)
                todo.append((here, value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                here = (*path, index)
                lines[here] = item.start_mark.line + first_line
                todo.append((here, item))
    return lines


def line_of(lines: dict[ValuePath, int], path: ValuePath) -> int | None:
    """The line of ``path``, or of the nearest enclosing value written in the file (a
    missing field is reported where its mapping starts, when that is known)."""
    for end in range(len(path), -1, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            return line
    return None


def field_location(src_uri: str, text: str, field: str) -> str:
    """``path:line`` of a front-matter field named as messages name it (``tags``,
    ``events.1.anchor``), for a message about it; ``path`` alone when the line cannot be
    told. Reads the page's front matter again: only paid when there is a problem."""
    path = tuple(int(p) if p.isdigit() else p for p in field.split("."))
    line = line_of(split(text).lines(), path)
    return f"{src_uri}:{line}" if line else src_uri


def yaml_problem(exc: yaml.YAMLError, text: str, first_line: int = 1) -> str:
    """PyYAML's words for what is wrong, and, for the slips editors make most, how to
    mend it: a tab where YAML wants spaces, a line indented unlike its neighbours, a
    value holding ": " that is not quoted. Where the slip began on an earlier line than
    the one YAML stopped at (a quote or a bracket never closed), that line too
    (``first_line``: the file's line of ``text``'s first)."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    start = getattr(exc, "context_mark", None)
    mark = getattr(exc, "problem_mark", None)
    if context and start is not None and (mark is None or start.line < mark.line):
        problem = f"{problem}, {context} that opens on line {start.line + first_line}"
    lines = text.splitlines()
    if mark is None or not 0 <= mark.line < len(lines):
        return problem
    line = lines[mark.line]
    if "\t" in line[: len(line) - len(line.lstrip())] or (
        "cannot start any token" in problem and line[mark.column : mark.column + 1] == "\t"
    ):
        return f"{problem} (a tab: indent with spaces)"
    if "mapping values are not allowed" in problem:
        if mark.column == line.find(":"):  # this line's own key, under a line's value
            return f"{problem} (check this line's indentation against the lines above it)"
        return f'{problem} (a value holding ": " must be quoted: key: "a: b")'
    if "expected" in problem and ("indicator" in problem or "block end" in problem):
        return f"{problem} (check this line's indentation against the lines above it)"
    return problem


def load_yaml(text: str) -> tuple[Any, list[tuple[str, int, int]]]:
    """``text`` read with :class:`FrontMatterLoader`, and the keys it gives twice in one
    mapping as ``(key, first line, second line)``, lines 0-based. Raises ``yaml.YAMLError``."""
    loader = _Loader(text)
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


def opens_with_fields(text: str) -> bool:
    """Whether ``text`` begins with ``---`` and a ``key:`` line. A page that is not a
    document may begin with a horizontal rule (``---``) instead of front matter; a problem
    with its "front matter" is only worth a word when it was meant as such."""
    return _FIELDS_RE.match(text) is not None


def _front_matter_below_the_top(text: str) -> FrontMatter | None:
    """A page whose front matter starts below a blank line or after a space: MkDocs reads
    it as Markdown, and the editor was told the page had no title and no kind."""
    stripped = text.lstrip(" \t\r\n")
    block = _BLOCK_RE.match(stripped) if stripped != text else None
    if block is None:
        return None
    try:
        data, _ = load_yaml(block.group(1) or "")
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None  # a rule, some text and a rule: Markdown, not fields
    line = text[: len(text) - len(stripped)].count("\n") + 1
    return FrontMatter(
        {},
        text,
        f"the front matter's '---' must be the page's first line, with nothing before it "
        f"(here: {'blank lines above it' if line > 1 else 'spaces before it'}); MkDocs reads "
        "it as text",
        line,
    )


def split(text: str) -> FrontMatter:
    """Split ``text`` into front matter and body; a YAML error is returned, not raised."""
    match = _BLOCK_RE.match(text)
    if not match:
        if _OPEN_RE.match(text):
            # Without this the fields read as Markdown, and the editor is told that the
            # page has no title.
            return FrontMatter({}, text, _UNCLOSED, 1)
        return _front_matter_below_the_top(text) or FrontMatter({}, text)
    yaml_text = match.group(1) or ""
    body = text[match.end() :]
    try:
        data, duplicates = load_yaml(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = yaml_problem(exc, yaml_text, first_line=2)
        return FrontMatter({}, body, f"invalid YAML front matter: {problem}", line, yaml_text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(
            {}, body, "front matter must be a mapping of fields (key: value)", 2, yaml_text
        )
    notes = _strip_controls(data, yaml_text) if "\\" in yaml_text else []
    notes += [
        (
            second + 2,
            f"field {key!r} is given twice (first on line {first + 2}): "
            "the value on this line replaces that one",
        )
        for key, first, second in duplicates
    ]
    return FrontMatter(data, body, None, None, yaml_text, notes)


def _strip_controls(data: dict[str, Any], yaml_text: str) -> list[tuple[int, str]]:
    """Remove control characters from every text value of ``data``, in place, and say
    where: ``(line, message)`` for each value that held some. Only a YAML escape can write
    one, hence the caller's test for a backslash before walking anything."""
    found: list[tuple[ValuePath, str]] = []
    todo: deque[tuple[ValuePath, Any]] = deque([((), data)])  # in the order written
    walked: set[int] = set()  # an alias is the same object: walked once
    while todo:
        path, node = todo.popleft()
        if id(node) in walked:
            continue
        walked.add(id(node))
        mapping = isinstance(node, dict)
        for key, value in list(node.items() if mapping else enumerate(node)):
            here = (*path, str(key) if mapping else key)
            if isinstance(value, str):
                if CONTROL_RE.search(value):
                    node[key] = without_controls(value)
                    found.append((here, value))
            elif isinstance(value, dict | list):
                todo.append((here, value))
    if not found:
        return []
    lines = value_lines(yaml_text)
    notes = []
    for path, value in found:
        chars = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL_RE.findall(value)))
        where = ".".join(str(p) for p in path)
        notes.append(
            (
                line_of(lines, path) or 2,
                f"field '{where}': control character {chars} removed (a YAML escape such"
                " as \\a or \\x1b writes one; no text needs it)",
            )
        )
    return sorted(notes)
