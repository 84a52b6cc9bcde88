"""The entities pane's list of the whole library's entities, mixed into
:class:`tui.entity_pane.EntityPane`: the mode switch, the rows of a page with a heading
where a kind starts, reading the pages in a worker as the list scrolls (End and Home
read the last or the first page, not every row between: a window of the listing, see
:mod:`tui.library_listing`), and keeping the highlight and the scroll when the library
changes.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from index.library import Library
from index.model import KIND_TITLES, LibraryEntity
from tui.entity_rows import EntityList, EntityOption
from tui.library_listing import AHEAD, LibraryListing, LibraryPage, read_page
from tui.list_input import ListInput
from tui.palette import kind_class

__all__ = ["LibraryPages"]


class LibraryPages(Vertical):
    """The library mode of the entities pane, a page at a time (see the module docstring)."""

    library_mode: reactive[bool] = reactive(False)
    library: Library | None
    listing: LibraryListing
    _choose_first_of: str | None
    _keep: tuple[tuple[str, str] | None, float] | None
    _to_end: bool
    #: A page is being put in the list (its scrolling then is not the user's).
    _placing: bool = False

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#entity-list", OptionList)

    @property
    def filter_box(self) -> ListInput:
        return self.query_one(ListInput)

    def _choose_first(self) -> None:
        raise NotImplementedError  # the pane's: choose the first entity listed

    def _needle(self) -> str:
        return self.filter_box.value.strip() if self.is_mounted else ""

    def _refill_library(self, keep: int | None) -> None:
        listing = self.listing
        self._show_heading()
        self.border_subtitle = listing.subtitle()
        options = self._library_options(listing.rows, None)
        empty = listing.empty_line()
        if empty is not None:
            options.append(Option(empty, id="empty", disabled=True))
        self.option_list.set_options(options)
        first = next((i for i, o in enumerate(options) if isinstance(o, EntityOption)), None)
        self.option_list.highlighted = keep if keep is not None else first

    def _show_heading(self) -> None:
        heading = self.query_one("#entity-mode", Static)
        heading.update(self.listing.heading(heading.content_region.width))

    def on_resize(self) -> None:
        if self.library_mode:
            self._show_heading()

    def _library_options(
        self, rows: list[LibraryEntity], after: LibraryEntity | None
    ) -> list[Option]:
        """Rows of the library's entities, with a heading where a new kind starts
        (``after`` is the row already listed before them)."""
        options: list[Option] = []
        kind = after.kind if after else None
        for entity in rows:
            style = self.get_component_rich_style(kind_class(entity.kind), partial=True)
            if entity.kind != kind:
                kind = entity.kind
                title = KIND_TITLES.get(kind, kind)
                count = self.listing.kind_count(kind)
                heading = Text.assemble((title, Style(bold=True) + style), (f"  {count:,}", "dim"))
                options.append(Option(heading, id=f"kind:{kind}", disabled=True))
            options.append(EntityOption(entity, style, self.listing.order))
        return options

    def _ask_page(self, offset: int, size: int | None = None, place: str = "after") -> None:
        if self.library is None:
            return
        self.listing.loading = True
        listing = self.listing
        self._load_page(listing.match, listing.order, offset, size or listing.page, place)

    @work(thread=True, exclusive=True, group="library-entities")
    def _load_page(self, match: str, order: str, offset: int, size: int, place: str) -> None:
        """Read a page of the library's entities (and, for the first, the counts)."""
        worker = get_current_worker()
        if self.library is not None:
            page = read_page(self.library, match, order, offset, size, place)
            if not worker.is_cancelled:
                self.post_message(page)

    @on(LibraryPage)
    def _page_arrived(self, page: LibraryPage) -> None:
        self._placing = True  # the list's own scrolling here is not the user's
        try:
            self._place_page(page)
        finally:
            self._placing = False

    def _place_page(self, page: LibraryPage) -> None:
        listing = self.listing
        whole = page.place == "window" or page.offset == 0
        shown = self._highlighted_entity()
        new = listing.take(page) if self.library_mode else None
        if new is None:
            return  # for a filter, order or list that has changed since
        if page.place == "before":  # the rows above the window: the highlight stays put
            self._refill_library(None)
            self._highlight(shown)
            return
        if whole:
            self._refill_library(None)
            self._restore_place()
            if self._choose_first_of == listing.match:
                self._choose_first_of = None
                self._choose_first()
        else:
            before = listing.rows[-len(new) - 1] if len(listing.rows) > len(new) else None
            self.option_list.add_options(self._library_options(new, before))
        if self._to_end:
            self._to_end = False
            self.option_list.action_last()

    def _highlighted_entity(self) -> tuple[str, str] | None:
        option = self.option_list.highlighted_option if self.is_mounted else None
        return (
            (option.entity.name, option.entity.kind) if isinstance(option, EntityOption) else None
        )

    def _highlight(self, shown: tuple[str, str] | None) -> None:
        """Highlight the row of the entity ``shown`` (name, kind), if listed."""
        for i, option in enumerate(self.option_list.options):
            entity = option.entity if isinstance(option, EntityOption) else None
            if entity is not None and (entity.name, entity.kind) == shown:
                self.option_list.highlighted = i
                return

    def _restore_place(self) -> None:
        """After the library changed: the highlight back on its entity, the scroll as it was."""
        if self._keep is None:
            return
        (shown, scroll_y), self._keep = self._keep, None
        options = self.option_list
        for i, option in enumerate(options.options):
            entity = option.entity if isinstance(option, EntityOption) else None
            if entity is not None and (entity.name, entity.kind) == shown:
                options.highlighted = i
                break
        options.scroll_to(y=scroll_y, animate=False, immediate=True)

    @on(EntityList.ToEnd)
    def _to_the_end(self) -> None:
        """End (or G) in the list: to the true end, by reading its last page (the rows
        between are not read: at 100,000 articles they are tens of thousands)."""
        listing = self.listing
        if not self.library_mode or not listing.more or listing.matching is None:
            return
        self._to_end = True
        last = max(0, listing.matching - listing.page)
        if last <= listing.end:  # the end is within a page: read on to it
            self._ask_page(listing.end, max(1, listing.matching - listing.end))
        else:
            self._ask_page(last, listing.page, "window")

    @on(EntityList.ToStart)
    def _to_the_start(self) -> None:
        """Home (or g) in the list: to the first row, read again if the window has moved."""
        if self.library_mode and self.listing.start > 0:
            self._ask_page(0, self.listing.page, "window")

    def _near_end(self, index: int | None) -> None:
        """Ask for the next page when ``index`` (a row) is near the end of those loaded,
        or the page before when it is near the top of a window that has rows above it."""
        listing = self.listing
        if not self.library_mode or listing.loading or index is None:
            return
        if listing.more and index >= self.option_list.option_count - AHEAD:
            self._ask_page(listing.end)
        elif listing.start > 0 and index < AHEAD:
            offset = max(0, listing.start - listing.page)
            self._ask_page(offset, listing.start - offset, "before")

    @on(OptionList.OptionHighlighted, "#entity-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Where the highlight is now: a page put in the list may have moved it on since.
        self._near_end(self.option_list.highlighted)

    def _scrolled(self, old_y: float, scroll_y: float) -> None:
        """Scrolled (wheel, scroll bar) to within a screenful of the end: the page after
        those loaded; up to within a screenful of the top: the page before them."""
        options = self.option_list
        height = options.scrollable_content_region.height
        if scroll_y >= options.max_scroll_y - height:
            self._near_end(options.option_count)
        elif scroll_y < old_y and scroll_y <= height and not self._placing:
            self._near_end(0)
