"""The entities pane: what the article (or the whole library) talks about, grouped by kind.

| Key | Does |
| :- | :- |
| e | focus the filter box (from anywhere) |
| down | from the filter box into the list |
| enter | choose the highlighted entity (the first match from the filter box) |
| w | switch between this article and the whole library |
| escape | leave the filter box |

Typing in the filter narrows the list by name and alias, ignoring case.
Dates and numbers are folded under their own heading so they never crowd out
the names; choose the heading to unfold them. Each kind is coloured by its
component class (``entity--person``, …; see :mod:`tui.palette`), as in the article.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index.inert import inert
from index.model import KIND_TITLES, Entity, LibraryEntity
from tui.hanging import Hanging
from tui.list_input import ListInput
from tui.palette import KIND_CLASSES, kind_class

__all__ = ["AnyEntity", "EntityOption", "EntityPane"]

FOLDED = "number"

#: What a row of the pane shows: an entity of this article, or of the whole library.
AnyEntity = Entity | LibraryEntity


class EntityOption(Option):
    """A row of the entity list, holding the entity it shows."""

    def __init__(self, entity: AnyEntity, style: Style) -> None:
        """``style`` colours the entity's name (its kind's)."""
        super().__init__(_prompt(entity, style))
        #: An :class:`Entity` (article mode) or a :class:`LibraryEntity` (library mode).
        self.entity = entity


class EntityPane(Vertical):
    """Lists entities; posts :class:`EntitySelected` or :class:`LibraryEntitySelected`."""

    COMPONENT_CLASSES = set(KIND_CLASSES.values())
    """
    | Class | Description |
    | :- | :- |
    | `entity--person`, `entity--org`, … | The name (and heading) of an entity of that kind. |
    """

    library_mode: reactive[bool] = reactive(False)

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

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entities: list[Entity] = []
        #: False for an article in a language other than English: it has no entities.
        self.english = True
        self.library_items: list[LibraryEntity] = []
        self.unfolded = False

    def compose(self) -> ComposeResult:
        yield Static(id="entity-mode", classes="pane-heading")
        yield ListInput(
            enter="Choose first", placeholder="Filter entities  (e)", id="entity-filter"
        )
        yield OptionList(id="entity-list")

    def on_mount(self) -> None:
        self.border_title = "Entities"
        self._refill()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._refill(keep_place=True))

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#entity-list", OptionList)

    @property
    def filter_box(self) -> ListInput:
        return self.query_one(ListInput)

    def show_entities(self, entities: list[Entity], english: bool = True) -> None:
        """The current article's entities (shown in article mode); ``english`` False for an
        article in another language, whose entities are not looked for (the pane says so)."""
        self.entities = entities
        self.english = english
        if not self.library_mode:
            self._refill()

    def show_library(self, items: list[LibraryEntity]) -> None:
        """The library's entities (shown in library mode)."""
        self.library_items = items
        if self.library_mode:
            self._refill()

    def watch_library_mode(self, library_mode: bool) -> None:
        if self.is_mounted:
            self._refill()
            self.post_message(self.ModeChanged(library_mode))

    def action_toggle_mode(self) -> None:
        """Switch between this article's entities and the whole library's."""
        self.library_mode = not self.library_mode

    # -- the list -------------------------------------------------------

    def matching(self) -> list[AnyEntity]:
        """The entities that pass the filter (by name or alias), in display order: kind,
        then mentions, then name."""
        needle = self.filter_box.value.strip().casefold() if self.is_mounted else ""
        pool: list[AnyEntity] = list(self.library_items if self.library_mode else self.entities)
        found = [e for e in pool if not needle or any(needle in n.casefold() for n in _names(e))]
        order = {kind: i for i, kind in enumerate(KIND_TITLES)}
        return sorted(found, key=lambda e: (order.get(e.kind, 99), -_mentions(e), e.name))

    def _refill(self, keep_place: bool = False) -> None:
        """Fill the list again; the first entity is highlighted, or (``keep_place``) the
        option that was."""
        was = self.option_list.highlighted
        if self.library_mode:
            heading = Text.assemble(("Whole library", "bold"), (" · by articles", "dim"))
        elif not self.english and not self.entities:
            heading = Text.assemble(
                ("This article", "bold"), (" · entities are found in English text only", "dim")
            )
        else:
            heading = Text.assemble(
                ("This article", "bold"), (f" · {len(self.entities)} entities", "dim")
            )
        self.query_one("#entity-mode", Static).update(heading)
        matching = self.matching()
        filtering = bool(self.filter_box.value.strip())
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
        self.option_list.set_options(options)
        first = next((i for i, o in enumerate(options) if isinstance(o, EntityOption)), None)
        self.option_list.highlighted = was if keep_place and was is not None else first

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self) -> None:
        self._refill()

    @on(ListInput.Down)
    def _into_list(self) -> None:
        self.option_list.focus()

    @on(Input.Submitted, "#entity-filter")
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


def _names(entity: AnyEntity) -> tuple[str, ...]:
    """The names the filter looks in: the name, and an article's entity's aliases."""
    return (entity.name, *entity.aliases) if isinstance(entity, Entity) else (entity.name,)


def _mentions(entity: AnyEntity) -> int:
    return entity.count if isinstance(entity, Entity) else entity.mentions


def _prompt(entity: AnyEntity, style: Style) -> Hanging:
    # An article's entity shows its mentions; the library's, the articles that mention it.
    count = entity.count if isinstance(entity, Entity) else entity.articles
    text = Text.assemble((inert(entity.name, True), style))
    if isinstance(entity, Entity) and entity.aliases:
        text.append(f"  {inert(', '.join(entity.aliases), True)}", style="dim italic")
    return Hanging(Text(f"{count:>4} ", "dim"), text)  # a wrapped name stays in its column
