"""Tables used for page layout, turned into blocks before main-text extraction.

Old pages (and some small sites still) lay the page out with a ``<table>``: a cell
for the menu, a cell for the story, the story's paragraphs parted by ``<br><br>``
instead of ``<p>``. Trafilatura reads such a table as a data table: the cells
joined with ``|`` on one line, menu, headline and date included. A table holding
prose is not data; with its rows and cells made ``<div>``s, trafilatura judges the
cells as the blocks of a page (the menu cell as navigation, each ``<br>``-broken
line of the story as a line of its own), as it does a page laid out with CSS.

A table is a layout table when one of its cells is a story cell: it holds
:data:`STORY_WORDS` words or more, and paragraphs, either as a paragraph break
made of two ``<br>`` in a row (text between them only whitespace or ``&nbsp;``)
or as blocks of its own (``<p>``, a heading, a ``<blockquote>``). Tables around
it are unwrapped too (layout tables nest); a table inside a story cell that is
not one itself (figures, results) stays a table.
"""

from __future__ import annotations

import re

__all__ = ["STORY_WORDS", "unwrap_layout_tables"]

#: Fewest words in a story cell (a brief of two short paragraphs; data cells are shorter).
STORY_WORDS = 25
# A cheap look before parsing: a cell, and two <br> in a row or a paragraph block.
_PARAGRAPHS = re.compile(r"<br\s*/?>(?:\s|&nbsp;|&#160;)*<br\b|<(?:p|h[1-6]|blockquote)\b", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")
_WORD = re.compile(r"\w+")
_CELL = re.compile(r"<t[dh]\b", re.I)
_TABLE_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})


def _double_br(cell: object) -> bool:
    table = _own_table(cell)
    for br in cell.iter("br"):  # type: ignore[attr-defined]
        if _own_table(br) is not table:
            continue  # a break in a table nested in the cell is that table's
        nxt = br.getnext()
        if nxt is not None and nxt.tag == "br" and not (br.tail or "").strip():
            return True
    return False


def _story_cell(cell: object) -> bool:
    if len(_WORD.findall(cell.text_content())) < STORY_WORDS:  # type: ignore[attr-defined]
        return False
    table = _own_table(cell)
    blocks = cell.iter(*_BLOCKS)  # type: ignore[attr-defined]
    return _double_br(cell) or any(_own_table(b) is table for b in blocks)


def _own_table(node: object) -> object:
    return next(node.iterancestors("table"), None)  # type: ignore[attr-defined]


def unwrap_layout_tables(page: str) -> str:
    """``page`` (HTML text) with its layout tables' ``table``, ``tr``, ``td`` ... tags
    made ``div``s, or ``page`` itself when it has none (only pages with a cell and a
    double ``<br>`` or a paragraph block are parsed at all). Markup lxml cannot parse is
    returned unchanged."""
    if not (_CELL.search(page) and _PARAGRAPHS.search(page)):
        return page
    import lxml.etree
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(page)
    except (lxml.etree.LxmlError, ValueError):
        return page
    layout: list[object] = []
    for cell in doc.iter("td", "th"):
        if _story_cell(cell):
            layout.extend(t for t in cell.iterancestors("table") if t not in layout)
    if not layout:
        return page
    for table in layout:
        own = [
            n
            for n in table.iter(*_TABLE_TAGS)  # type: ignore[attr-defined]
            if n is table or (n.tag != "table" and _own_table(n) is table)
        ]
        for node in own:
            node.tag = "div"
    return str(lxml.html.tostring(doc, encoding="unicode"))
