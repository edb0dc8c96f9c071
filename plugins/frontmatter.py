"""Reading YAML front matter with line numbers, so errors can point at the line to fix.

MkDocs parses front matter itself, but silently drops a block that is not valid YAML and
keeps no line numbers. The plugins need both: a broken block is an error to report, and a
bad field is reported as ``file:line``.
"""

from __future__ import annotations

import re
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


_Loader = FrontMatterLoader

_BLOCK_RE = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)


@dataclass
class FrontMatter:
    """A page split into its metadata and its Markdown body."""

    meta: dict[str, Any]
    body: str
    error: str | None = None
    error_line: int | None = None
    _yaml: str = field(default="", repr=False)

    def field_lines(self) -> dict[str, int]:
        """Line (1-based, in the whole file) of each top-level key; computed on demand
        because only error messages need it."""
        return field_and_item_lines(self._yaml)[0]

    @property
    def yaml_text(self) -> str:
        """The YAML between the ``---`` lines, as written."""
        return self._yaml


def field_and_item_lines(yaml_text: str) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Lines (1-based, in the whole file) of each top-level key, and of each item of the
    keys whose value is a list, read in one pass over ``yaml_text``."""
    tops: dict[str, int] = {}
    items: dict[str, list[int]] = {}
    if not yaml_text:
        return tops, items
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return tops, items
    if not isinstance(node, yaml.MappingNode):
        return tops, items
    for key, value in node.value:
        # +1 for 1-based, +1 for the opening ---
        tops[str(key.value)] = key.start_mark.line + 2
        if isinstance(value, yaml.SequenceNode):
            items[str(key.value)] = [v.start_mark.line + 2 for v in value.value]
    return tops, items


def split(text: str) -> FrontMatter:
    """Split ``text`` into front matter and body; a YAML error is returned, not raised."""
    match = _BLOCK_RE.match(text)
    if not match:
        return FrontMatter({}, text)
    yaml_text = match.group(1) or ""
    body = text[match.end() :]
    try:
        data = yaml.load(yaml_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        return FrontMatter({}, body, f"invalid YAML front matter: {problem}", line, yaml_text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(
            {}, body, "front matter must be a mapping of fields (key: value)", 2, yaml_text
        )
    return FrontMatter(data, body, None, None, yaml_text)
