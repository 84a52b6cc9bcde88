"""Tables used for page layout, turned into blocks before main-text extraction.

Old pages (and some small sites still) lay the page out with a ``<table>``: a cell
for the menu, a cell for the story, the story's paragraphs parted by ``<br><br>``
instead of ``<p>``. Trafilatura reads such a table as a data table: the cells
joined with ``|`` on one line, menu, headline and date included. A table holding
prose is not data; with its rows and cells made ``<div>``s, trafilatura judges the
cells as the blocks of a page (the menu cell as navigation, each ``<br>``-broken
line of the story as a line of its own), as it does a page laid out with CSS.

A table is a layout table when one of its cells holds a paragraph break made of
two ``<br>`` in a row (text between them only whitespace). Tables around it are
unwrapped too (layout tables nest); a table inside a story cell without such a
break of its own (figures, results) stays a table.
"""

from __future__ import annotations

import re

__all__ = ["unwrap_layout_tables"]

# A cheap look before parsing: a cell and two <br> in a row somewhere in the page.
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\b", re.I)
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


def _own_table(node: object) -> object:
    return next(node.iterancestors("table"), None)  # type: ignore[attr-defined]


def unwrap_layout_tables(page: str) -> str:
    """``page`` (HTML text) with its layout tables' ``table``, ``tr``, ``td`` ... tags
    made ``div``s, or ``page`` itself when it has none (most pages: only pages with a
    cell and a double ``<br>`` are parsed at all). Markup lxml cannot parse is
    returned unchanged."""
    if not (_CELL.search(page) and _DOUBLE_BR.search(page)):
        return page
    import lxml.etree
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(page)
    except (lxml.etree.LxmlError, ValueError):
        return page
    layout: list[object] = []
    for cell in doc.iter("td", "th"):
        if _double_br(cell):
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
