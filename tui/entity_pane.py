"""The entities pane: what the article (or the whole library) talks about, grouped by kind.

| Key | Does |
| :- | :- |
| e | focus the filter box (from anywhere) |
| down | from the filter box into the list |
| enter | choose the highlighted entity (the first match from the filter box) |
| w | switch between this article and the whole library |
| s | sort the library's entities by articles, mentions or name (in the list) |
| m | correct the selected entity: merge, rename, kind, remove, alias |
| escape | leave the filter box |

Typing in the filter narrows the list by name and alias, ignoring case (and, for
the whole library, accents: the store is asked, see :mod:`tui.library_listing`,
so every entity can be found, and the list loads a page at a time as it scrolls).
Dates and numbers are folded under their own heading so they never crowd out
the names; choose the heading to unfold them. Each kind is coloured by its
component class (``entity--person``, …; see :mod:`tui.palette`), as in the article.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index.inert import inert
from index.library import Library
from index.model import KIND_TITLES, Entity, LibraryEntity
from tui.correcting import CORRECTION_BINDINGS
from tui.entity_pages import LibraryPages
from tui.entity_rows import AnyEntity, EntityList, EntityOption, entity_mentions, entity_names
from tui.library_listing import ORDERS, LibraryListing, next_order
from tui.list_input import ListInput
from tui.palette import KIND_CLASSES, kind_class

__all__ = ["AnyEntity", "EntityOption", "EntityPane"]

FOLDED = "number"


class EntityPane(LibraryPages):
    """Lists entities; posts :class:`EntitySelected` or :class:`LibraryEntitySelected`."""

    COMPONENT_CLASSES = set(KIND_CLASSES.values())
    """
    | Class | Description |
    | :- | :- |
    | `entity--person`, `entity--org`, … | The name (and heading) of an entity of that kind. |
    """

    BINDINGS = CORRECTION_BINDINGS  # m: correct the selected entity (tui/correcting.py)

    class EntitySelected(Message):
        """An entity of the current article was chosen."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    class LibraryEntitySelected(Message):
        """An entity of the whole library was chosen."""

        def __init__(self, entity: LibraryEntity) -> None:
            super().__init__()
            self.entity = entity

    class ModeChanged(Message):
        """The pane switched between this article and the whole library."""

        def __init__(self, library_mode: bool) -> None:
            super().__init__()
            self.library_mode = library_mode

    def __init__(self, library: Library | None = None, **kwargs: object) -> None:
        """``library`` is read for the whole library's entities (library mode)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.library = library
        self.entities: list[Entity] = []
        #: False for an article in a language other than English: it has no entities.
        self.english = True
        #: The library's entities loaded so far (library mode), with filter and order.
        self.listing = LibraryListing()
        self.unfolded = False
        self._choose_first_of: str | None = None
        #: The highlighted entity (name, kind) and the scroll to keep across a reload.
        self._keep: tuple[tuple[str, str] | None, float] | None = None
        #: End was pressed: highlight the last row once the rest has arrived.
        self._to_end = False

    def compose(self) -> ComposeResult:
        yield Static(id="entity-mode", classes="pane-heading")
        yield ListInput(
            enter="Choose first", placeholder="Filter entities  (e)", id="entity-filter"
        )
        yield EntityList(id="entity-list")

    def on_mount(self) -> None:
        self.border_title = "Entities"
        self._refill()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._refill(keep_place=True))
        self.watch(self.option_list, "scroll_y", self._scrolled, init=False)

    def show_entities(self, entities: list[Entity], english: bool = True) -> None:
        """The current article's entities (shown in article mode); ``english`` False for an
        article in another language, whose entities are not looked for (the pane says so)."""
        self.entities = entities
        self.english = english
        if not self.library_mode:
            self._refill()

    @property
    def library_items(self) -> list[LibraryEntity]:
        """The library's entities loaded so far, in the list's order."""
        return self.listing.rows

    def reload_library(self, keep_place: bool = False) -> None:
        """Read the library's entities again from the first page (the library changed,
        or the filter or order did); shown when they arrive. ``keep_place`` (the library
        changed): the rows listed are read again at once, and the highlight stays on the
        same entity (name and kind, wherever it now is) with the list scrolled as it was."""
        if not self.library_mode:
            return
        size, start = self.listing.page, 0
        if keep_place:
            option = self.option_list.highlighted_option
            shown = option.entity if isinstance(option, EntityOption) else None
            self._keep = (shown.name, shown.kind) if shown else None, self.option_list.scroll_y
            size, start = max(size, len(self.listing.rows)), self.listing.start
        self.listing.reset(self._needle(), self.listing.order)
        if not keep_place:
            self._keep = None
            self._refill()  # keeping the place, the old rows stay until the new arrive
        self._ask_page(start, size, "window" if start else "after")

    def watch_library_mode(self, library_mode: bool) -> None:
        if self.is_mounted:
            if library_mode:
                self.reload_library()
            else:
                self._refill()
            self.post_message(self.ModeChanged(library_mode))

    def action_cycle_order(self) -> None:
        """Order the library's entities by the next of articles, mentions, name."""
        if not self.library_mode:
            self.notify("Sorting applies to the whole library's entities (w)", timeout=2)
            return
        self.listing.order = next_order(self.listing.order)
        self.reload_library()
        if not self.region.area:  # hidden (one pane at a time): say what changed
            self.notify(f"The library's entities: by {ORDERS[self.listing.order]}", timeout=2)

    def set_order(self, order: str) -> None:
        """Order the library's entities by ``order`` (a key of ``ORDERS``), switching to
        library mode."""
        self.listing.order = order
        if self.library_mode:
            self.reload_library()
        else:
            self.library_mode = True

    def action_toggle_mode(self) -> None:
        """Switch between this article's entities and the whole library's."""
        self.library_mode = not self.library_mode

    # -- the list -------------------------------------------------------

    def matching(self) -> list[AnyEntity]:
        """The entities that pass the filter (by name or alias), in display order: kind,
        then mentions, then name (library mode: those loaded, in the library's order)."""
        if self.library_mode:  # filtered and ordered by the store
            return list(self.listing.rows)
        needle = self.filter_box.value.strip().casefold() if self.is_mounted else ""
        pool: list[AnyEntity] = list(self.entities)
        found = [
            e for e in pool if not needle or any(needle in n.casefold() for n in entity_names(e))
        ]
        order = {kind: i for i, kind in enumerate(KIND_TITLES)}
        return sorted(found, key=lambda e: (order.get(e.kind, 99), -entity_mentions(e), e.name))

    def _refill(self, keep_place: bool = False) -> None:
        """Fill the list again; the first entity is highlighted, or (``keep_place``) the
        option that was."""
        was = self.option_list.highlighted
        if self.library_mode:
            self._refill_library(was if keep_place else None)
            return
        self.border_subtitle = ""
        heading = Text.assemble(
            ("This article", "bold"), " · entities are found in English text only"
        )
        matching = self.matching()
        needle = self.filter_box.value.strip()
        filtering = bool(needle)
        if self.english or self.entities:  # "12 of 40" when filtered, as the library says
            total = len(self.entities)
            count = f"{len(matching)} of {total}" if filtering else f"{total} entities"
            heading = Text.assemble(("This article", "bold"), f" · {count}")
        self.query_one("#entity-mode", Static).update(heading)
        options: list[Option] = []
        for kind, title in KIND_TITLES.items():
            group = [e for e in matching if e.kind == kind]
            if not group:
                continue
            folded = kind == FOLDED and not self.unfolded and not filtering
            marker = ("▸ " if folded else "▾ ") if kind == FOLDED else ""
            style = self.get_component_rich_style(kind_class(kind), partial=True)
            heading = Text.assemble(
                (f"{marker}{title}", Style(bold=True) + style), (f"  {len(group)}", "dim")
            )
            options.append(Option(heading, id=f"fold:{kind}", disabled=kind != FOLDED))
            if not folded:
                options.extend(EntityOption(entity, style) for entity in group)
        if filtering and not matching and self.entities:  # as the library mode says
            line = f"no entity of this article matches '{inert(needle, True)}'"
            options.append(Option(Text(line, style="italic"), id="empty", disabled=True))
        self.option_list.set_options(options)
        first = next((i for i, o in enumerate(options) if isinstance(o, EntityOption)), None)
        self.option_list.highlighted = was if keep_place and was is not None else first

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self) -> None:
        if self.library_mode:
            self.reload_library()
        else:
            self._refill()

    @on(ListInput.Down)
    def _into_list(self) -> None:
        self.option_list.focus()

    @on(Input.Submitted, "#entity-filter")
    def _submitted(self) -> None:
        if self.library_mode and self.listing.counts is None:
            self._choose_first_of = self.listing.match  # when its first page arrives
            return
        self._choose_first()

    def _choose_first(self) -> None:
        options = self.option_list.options
        first = next((o for o in options if isinstance(o, EntityOption)), None)
        if first is not None:
            self._choose(first.entity)

    @on(OptionList.OptionSelected, "#entity-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == f"fold:{FOLDED}":
            self.unfolded = not self.unfolded
            self._refill()
        elif isinstance(event.option, EntityOption):
            self._choose(event.option.entity)

    def highlight_entity(self, name: str, kind: str) -> bool:
        """Highlight (not choose) the row of the entity named ``name`` of ``kind``, as a
        click on its name in the article does; unfolds the numbers for one of them.
        False when no row shows it (the filter hides it)."""
        if kind == FOLDED and not self.unfolded:
            self.unfolded = True
            self._refill()
        for i, option in enumerate(self.option_list.options):
            shows = option.entity if isinstance(option, EntityOption) else None
            if shows is not None and (shows.name, shows.kind) == (name, kind):
                self.option_list.highlighted = i
                return True
        return False

    def _choose(self, entity: AnyEntity) -> None:
        if isinstance(entity, LibraryEntity):
            self.post_message(self.LibraryEntitySelected(entity))
        else:
            self.post_message(self.EntitySelected(entity))
