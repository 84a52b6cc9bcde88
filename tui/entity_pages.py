"""The entities pane's list of the whole library's entities, mixed into
:class:`tui.entity_pane.EntityPane`: the mode switch, the rows of a page with a heading
where a kind starts, reading the pages in a worker as the list scrolls (or all the rest
at once for End), and keeping the highlight and the scroll when the library changes.
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

    def _ask_page(self, offset: int, size: int | None = None) -> None:
        if self.library is None:
            return
        self.listing.loading = True
        self._load_page(self.listing.match, self.listing.order, offset, size or self.listing.page)

    @work(thread=True, exclusive=True, group="library-entities")
    def _load_page(self, match: str, order: str, offset: int, size: int) -> None:
        """Read a page of the library's entities (and, for the first, the counts)."""
        worker = get_current_worker()
        if self.library is not None:
            page = read_page(self.library, match, order, offset, size)
            if not worker.is_cancelled:
                self.post_message(page)

    @on(LibraryPage)
    def _page_arrived(self, page: LibraryPage) -> None:
        listing = self.listing
        first = page.offset == 0
        new = listing.take(page) if self.library_mode else None
        if new is None:
            return  # for a filter, order or list that has changed since
        if first:
            self._refill_library(None)
            self._restore_place()
            if self._choose_first_of == listing.match:
                self._choose_first_of = None
                self._choose_first()
            return
        before = listing.rows[-len(new) - 1] if len(listing.rows) > len(new) else None
        self.option_list.add_options(self._library_options(new, before))
        if self._to_end:
            self._to_end = False
            self.option_list.action_last()

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
        """End (or G) in the list: to the true end, the rows not loaded yet read at once
        (their number is known; a library of tens of thousands is one query)."""
        listing = self.listing
        if not self.library_mode or not listing.more or listing.matching is None:
            return
        self._to_end = True
        self._ask_page(len(listing.rows), max(listing.page, listing.matching - len(listing.rows)))

    def _near_end(self, index: int | None) -> None:
        """Ask for the next page when ``index`` (a row) is near the end of those loaded."""
        listing = self.listing
        if not self.library_mode or not listing.more or listing.loading:
            return
        if index is not None and index >= self.option_list.option_count - AHEAD:
            self._ask_page(len(listing.rows))

    @on(OptionList.OptionHighlighted, "#entity-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._near_end(event.option_index)

    def _scrolled(self, scroll_y: float) -> None:
        """Scrolled (wheel, scroll bar) to within a screenful of the end: the next page."""
        options = self.option_list
        if scroll_y >= options.max_scroll_y - options.scrollable_content_region.height:
            self._near_end(options.option_count)
