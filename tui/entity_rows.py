"""The rows of the entities pane (:mod:`tui.entity_pane`): an entity of the article or of
the whole library, and the list that holds them (End and G reach its true end, Home
and g its true start)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.inert import inert
from index.model import Entity, LibraryEntity
from tui.hanging import Hanging
from tui.library_listing import library_prompt

__all__ = ["AnyEntity", "EntityList", "EntityOption", "entity_mentions", "entity_names"]

#: What a row of the pane shows: an entity of this article, or of the whole library.
AnyEntity = Entity | LibraryEntity


class EntityOption(Option):
    """A row of the entity list, holding the entity it shows."""

    def __init__(self, entity: AnyEntity, style: Style, order: str = "articles") -> None:
        """``style`` colours the entity's name (its kind's); ``order`` is the library's
        order (its number is not dimmed)."""
        prompt = (
            library_prompt(entity, style, order)
            if isinstance(entity, LibraryEntity)
            else _prompt(entity, style)
        )
        super().__init__(prompt)
        #: An :class:`Entity` (article mode) or a :class:`LibraryEntity` (library mode).
        self.entity = entity


class EntityList(OptionList):
    """The entity list: End (and G) say so, for the pane to load the rows not loaded yet."""

    BINDINGS = [
        Binding("G", "last", "Last", show=False),
        Binding("g", "first", "First", show=False),
    ]

    class ToEnd(Message):
        """End or G was pressed in the list."""

    class ToStart(Message):
        """Home or g was pressed in the list."""

    def action_last(self) -> None:
        super().action_last()
        self.post_message(self.ToEnd())

    def action_first(self) -> None:
        super().action_first()
        self.post_message(self.ToStart())


def entity_names(entity: AnyEntity) -> tuple[str, ...]:
    """The names the filter looks in: the name, and an article's entity's aliases."""
    return (entity.name, *entity.aliases) if isinstance(entity, Entity) else (entity.name,)


def entity_mentions(entity: AnyEntity) -> int:
    return entity.count if isinstance(entity, Entity) else entity.mentions


def _prompt(entity: AnyEntity, style: Style) -> Hanging:
    # An article's entity shows its mentions; the library's, the articles that mention it.
    count = entity.count if isinstance(entity, Entity) else entity.articles
    text = Text.assemble((inert(entity.name, True), style))
    if isinstance(entity, Entity) and entity.aliases:
        text.append(f"  {inert(', '.join(entity.aliases), True)}", style="dim italic")
    return Hanging(Text(f"{count:>4} ", "dim"), text)  # a wrapped name stays in its column
