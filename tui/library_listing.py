"""What the entities pane shows of the whole library: a filtered, ordered listing read
from the store a page at a time.

The library may hold hundreds of thousands of entities, so nothing here holds them
all: the pane asks the store (:meth:`index.library.Library.library_entities`) for
the first :data:`PAGE` entities that match the filter, in the chosen order, and
for the next page when the highlight or the scroll comes near the end of those
loaded. The rows loaded are a window of the whole listing: End reads the last page
(not every row before it), Home the first, and coming near the top of a window that
does not start at the first row reads the page before it. The filter is matched in
the store, folded as every name in nutgraf is (:func:`index.folding.fold`), so every
entity can be found, loaded or not. The heading says how many there are, which
number orders them and how to change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.message import Message

from index.inert import inert
from index.library import LIBRARY_READ_ERRORS, Library
from index.model import LibraryEntity
from tui.hanging import Hanging

__all__ = [
    "ORDERS",
    "PAGE",
    "LibraryListing",
    "LibraryPage",
    "library_prompt",
    "next_order",
    "read_page",
]

#: Entities read from the store at a time.
PAGE = 200
#: How the library's entities can be ordered (the ``s`` key goes round them), and
#: what the heading calls each order.
ORDERS: dict[str, str] = {"articles": "articles", "mentions": "mentions", "name": "name"}
#: Rows before the end of those loaded at which the next page is asked for.
AHEAD = 20


class LibraryPage(Message):
    """A page of the library's entities, read in a worker thread."""

    def __init__(
        self,
        match: str,
        order: str,
        offset: int,
        rows: list[LibraryEntity],
        counts: dict[str, int] | None,
        total: int | None,
        error: str | None = None,
        size: int = PAGE,
        place: str = "after",
    ) -> None:
        super().__init__()
        #: Where the rows go: "after" those listed, "before" them, or "window": in their
        #: place (the rows listed are then these, from ``offset``).
        self.place = place
        #: Rows asked for (``rows`` has one more when more follow): PAGE, or more when
        #: the rows already listed are read again or the list goes to its end.
        self.size = size
        self.match = match
        self.order = order
        self.offset = offset
        #: Up to size + 1 rows: one more than asked for says that more follow.
        self.rows = rows
        #: Kind -> matching entities (first page only).
        self.counts = counts
        #: Entities in the library, filter aside (first page only).
        self.total = total
        self.error = error


@dataclass
class LibraryListing:
    """The library's entities the pane has loaded, for its filter and order."""

    match: str = ""
    order: str = "articles"
    #: Entities read at a time (tests make it small).
    page: int = PAGE
    rows: list[LibraryEntity] = field(default_factory=list)
    #: The place of ``rows[0]`` in the whole listing (0 unless End moved the window).
    start: int = 0
    #: Kind -> entities matching the filter; None until the first page arrives.
    counts: dict[str, int] | None = None
    #: Entities in the whole library (filter aside); None until known.
    total: int | None = None
    #: Whether the store holds more matching entities than ``rows``.
    more: bool = False
    #: A page is being read (no other is asked for meanwhile).
    loading: bool = False
    error: str | None = None

    def reset(self, match: str, order: str) -> None:
        """Start again for a new filter or order (the total is kept)."""
        self.match, self.order = match, order
        self.rows, self.counts, self.more, self.error = [], None, False, None
        self.start = 0

    def take(self, page: LibraryPage) -> list[LibraryEntity] | None:
        """Add ``page`` if it belongs to this listing (its filter, order and place);
        returns its new rows, or None for a page that is out of date."""
        if (page.match, page.order) != (self.match, self.order):
            return None
        new = page.rows[: page.size]
        if page.place == "window":
            self.rows, self.start = list(new), page.offset
            self.more = len(page.rows) > page.size
        elif page.place == "before":
            if self.counts is None or page.offset + page.size != self.start:
                return None
            self.rows[:0] = new
            self.start = page.offset
        else:
            if page.offset != (self.start + len(self.rows) if self.counts is not None else 0):
                return None
            self.rows.extend(new)
            self.more = len(page.rows) > page.size
        self.loading = False
        self.error = page.error
        if page.counts is not None:
            self.counts = page.counts
        if page.total is not None:
            self.total = page.total
        return new

    @property
    def end(self) -> int:
        """The place in the whole listing just after the last row loaded."""
        return self.start + len(self.rows)

    @property
    def matching(self) -> int | None:
        """How many entities match the filter (None until known)."""
        return None if self.counts is None else sum(self.counts.values())

    def heading(self, width: int = 0) -> Text:
        """``Whole library · 6,507 entities`` (``12 of 6,507`` when filtered), then what
        the two numbers of a row are (``articles · mentions``), the one that orders the
        list marked ``▾``; shortened (``art · ment``) when that line would not fit in
        ``width`` cells (0: unknown)."""
        text = Text("Whole library", style="bold")
        total, matching = self.total, self.matching
        if self.error:
            text.append(f" · {inert(self.error, True)}", style="red")
            return text
        if matching is None or total is None:
            text.append(" · counting…")
        elif self.match:
            text.append(f" · {matching:,} of {total:,}")
        else:
            text.append(f" · {total:,} entit{'y' if total == 1 else 'ies'}")
        legend = self._legend(("articles", "mentions", "name"))
        if width and legend.cell_len > width:
            legend = self._legend(("art", "ment", "name"))
        return text + Text("\n") + legend

    def _legend(self, words: tuple[str, str, str]) -> Text:
        legend = Text()
        orders = ["articles", "mentions"] + (["name"] if self.order == "name" else [])
        for i, (order, word) in enumerate(zip(orders, words, strict=False)):
            if i:
                legend.append(" · ", style="dim")
            legend.append(*(("▾" + word, "bold") if self.order == order else (word, "dim")))
        return legend

    def subtitle(self) -> str:
        """For the pane's lower border: the order, said, and the key that changes it."""
        return f"by {ORDERS[self.order]} · s"

    def empty_line(self) -> Text | None:
        """What the list says when it has no rows, or None while it has some (or is loading)."""
        if self.rows or self.counts is None:
            return None
        if self.match:
            return Text(f"no entity matches '{inert(self.match, True)}'", style="italic")
        return Text("no entities in this library yet", style="italic")

    def kind_count(self, kind: str) -> int:
        """How many matching entities are of ``kind``."""
        return (self.counts or {}).get(kind, 0)


def read_page(
    library: Library, match: str, order: str, offset: int, size: int = PAGE, place: str = "after"
) -> LibraryPage:
    """Read ``size`` (+1, to know whether more follow) of the library's entities matching
    ``match`` in ``order`` from ``offset``, to go ``place`` (see :class:`LibraryPage`);
    with the counts by kind and the library's total for the first page or a window; a
    library that cannot be read gives a page with its ``error``. Safe in a thread."""
    counts: dict[str, int] | None = None
    total: int | None = None
    try:
        rows = library.library_entities(
            match=match or None, order=order, offset=offset, limit=size + 1, by_kind=True
        )
        if offset == 0 or place == "window":
            counts = library.library_entity_counts(match=match or None)
            everything = library.library_entity_counts() if match else counts
            total = sum(everything.values())
    except LIBRARY_READ_ERRORS as err:
        why = f"cannot read the library ({err})"
        return LibraryPage(match, order, offset, [], {}, 0, why, size=size, place=place)
    return LibraryPage(match, order, offset, rows, counts, total, size=size, place=place)


def next_order(order: str) -> str:
    """The order after ``order`` in :data:`ORDERS` (going round)."""
    names = list(ORDERS)
    return names[(names.index(order) + 1) % len(names)] if order in names else names[0]


def library_prompt(entity: LibraryEntity, style: Style, order: str) -> Hanging:
    """A row: ``  59 · 151  Tony Blair`` (articles · mentions, the number that orders the
    list not dimmed), the name in its kind's ``style``; a long name wraps under itself,
    not under the counts (issue 14, item 10)."""
    articles_style = "" if order == "articles" else "dim"
    mentions_style = "" if order == "mentions" else "dim"
    lead = Text.assemble(
        (f"{entity.articles:>4}", articles_style),
        (" · ", "dim"),
        (f"{entity.mentions:<4}", mentions_style),
        " ",
    )
    return Hanging(lead, Text(inert(entity.name, True), style))
