"""Tables that are not data: code set in a table, and tables that lay out a page.

A Markdown table cell holds one line of inline text. Two kinds of HTML table hold more:
syntax highlighters set code in a table (a cell of line numbers beside a cell with the
``<pre>``), and older sites (many government sites among them) lay out a whole page with
tables, the article one cell of it. Converted as tables, the first came out as a row of
run-together code, the second as one huge row under an empty header. Both are replaced here
by what they hold, before the content is converted to Markdown; data tables stay tables.
"""

from __future__ import annotations

import re

import lxml.html

from scraper.extract.html_tree import squash

__all__ = ["unwrap_code_tables", "unwrap_layout_tables"]


_GUTTER_RE = re.compile(r"gutter|lineno|line-?numbers?|linenos", re.I)
_GUTTER_TEXT_RE = re.compile(r"^[\d\s]*$")


def unwrap_code_tables(content: lxml.html.HtmlElement) -> None:
    """Syntax highlighters (Pygments' line numbers, GeSHi, GitHub's gists) set code in a
    table: a cell of line numbers, a cell holding the ``<pre>``. A Markdown table cell holds
    one line, so the code came out as a row of run-together text. Such a table (every cell
    code or line numbers) is replaced by its ``<pre>`` blocks, in order."""
    for table in list(content.iter("table")):
        parent = table.getparent()
        if parent is None or next(table.iter("pre"), None) is None:
            continue
        pres = _code_cells(table)
        if not pres:
            continue
        index, tail = parent.index(table), table.tail
        for offset, pre in enumerate(pres):
            pre.tail = None
            parent.insert(index + offset, pre)
        parent.remove(table)
        pres[-1].tail = tail


_CELL_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "blockquote", "pre"})
_PAGE_BLOCKS = frozenset({"table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                          "form", "nav", "header", "footer"})  # fmt: skip
_LONG_CELL = 300  # characters: a cell holding that much is a column of the page, not data


def unwrap_layout_tables(content: lxml.html.HtmlElement) -> None:
    """Older sites (many government sites among them) lay their pages out with tables: the
    article is a cell, its paragraphs inside. As a Markdown table that became one huge row
    under an empty header. A layout table is replaced by its cells' contents, in reading
    order; a data table (header cells, a caption, short cells) stays a table."""
    # Innermost first: once the tables inside a cell are unwrapped, the cell reads as text.
    for table in reversed(list(content.iter("table"))):
        parent = table.getparent()
        if parent is None or not _is_layout_table(table):
            continue
        index, tail = parent.index(table), table.tail
        cells = [cell for cell in _own_cells(table) if _has_content(cell)]
        for offset, cell in enumerate(cells):
            cell.tag = "div"
            for name in list(cell.attrib):
                if name not in ("id", "class", "lang", "dir"):
                    del cell.attrib[name]
            cell.tail = None
            parent.insert(index + offset, cell)
        parent.remove(table)
        if cells:
            cells[-1].tail = tail
        elif tail:
            previous = parent[index - 1] if index > 0 else None
            if previous is None:
                parent.text = (parent.text or "") + tail
            else:
                previous.tail = (previous.tail or "") + tail


def _own_cells(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's cells in reading order, without those of tables nested in them."""
    return [cell for cell in table.iter("td", "th") if _table_of(cell) is table]


def _is_layout_table(table: lxml.html.HtmlElement) -> bool:
    """Whether a table lays out the page rather than holding data (the signs Readability.js
    reads, and more): a presentation role, or cells holding blocks or long text, and none of
    a data table's marks (header cells, a caption, a head)."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    cells = _own_cells(table)
    marks = [el for el in table.iter("caption", "thead") if _table_of(el) is table]
    if marks or any(cell.tag == "th" for cell in cells):
        return False
    # Data has rows and columns: a table of one row, or of one column, only places things.
    rows = [row for row in table.iter("tr") if _table_of(row) is table]
    filled = [n for row in rows if (n := sum(1 for cell in row if _has_content(cell)))]
    if len(filled) <= 1 or max(filled) <= 1:
        return True
    return any(_lays_out(cell) for cell in cells)


def _lays_out(cell: lxml.html.HtmlElement) -> bool:
    """A cell that holds part of a page, not a value: long text, a heading, a table or form
    of its own, or several blocks (a Word export wraps each value in one <p>, so one or
    two blocks still read as a value)."""
    if len(squash(cell.text_content())) > _LONG_CELL:
        return True
    blocks = 0
    for el in cell.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _PAGE_BLOCKS:
            return True
        blocks += el.tag in _CELL_BLOCKS
    return blocks >= 3


def _has_content(cell: lxml.html.HtmlElement) -> bool:
    """Whether a table cell shows anything: text or an image."""
    if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
        return False
    return bool(squash(cell.text_content())) or next(cell.iter("img"), None) is not None


def _table_of(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The nearest table around ``element``."""
    return next(element.iterancestors("table"), None)


def _code_cells(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    """The ``<pre>`` blocks of a table that only sets code; None when a cell holds prose
    (a real table that happens to show code in some cells)."""
    pres: list[lxml.html.HtmlElement] = []
    for row in table.iter("tr"):
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            marks = f"{cell.get('class') or ''} {cell.get('id') or ''}"
            if _GUTTER_RE.search(marks) or _GUTTER_TEXT_RE.match(cell.text_content()):
                continue  # line numbers, or nothing: dropped with the table
            code = list(cell.iter("pre"))
            if not code:
                return None
            pres += code
    return pres or None
