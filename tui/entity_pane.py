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
the names; choose the heading to unfold them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from tui.list_input import ListInput
from tui.palette import KIND_STYLES

__all__ = ["EntityPane"]

FOLDED = "number"


@dataclass(frozen=True)
class _Row:
    name: str
    kind: str
    label: str
    count: int
    aliases: tuple[str, ...]
    articles: int | None = None


class EntityPane(Vertical):
    """Lists entities; posts :class:`EntitySelected` or :class:`LibraryEntitySelected`."""

    library_mode: reactive[bool] = reactive(False)

    class EntitySelected(Message):
        """An entity of the current article was chosen."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    class LibraryEntitySelected(Message):
        """An entity of the whole library was chosen."""

        def __init__(self, name: str, kind: str) -> None:
            super().__init__()
            self.name = name
            self.kind = kind

    class ModeChanged(Message):
        """The pane switched between this article and the whole library."""

        def __init__(self, library_mode: bool) -> None:
            super().__init__()
            self.library_mode = library_mode

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entities: list[Entity] = []
        self.library_items: list[LibraryEntity] = []
        self.unfolded = False
        self._rows: dict[str, _Row] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="entity-mode", classes="pane-heading")
        yield ListInput(placeholder="Filter entities  (e)", id="entity-filter")
        yield OptionList(id="entity-list")

    def on_mount(self) -> None:
        self.border_title = "Entities"
        self._refill()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#entity-list", OptionList)

    @property
    def filter_box(self) -> ListInput:
        return self.query_one(ListInput)

    def show_entities(self, entities: list[Entity]) -> None:
        """The current article's entities (shown in article mode)."""
        self.entities = entities
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

    def _all_rows(self) -> list[_Row]:
        if self.library_mode:
            return [
                _Row(e.name, e.kind, e.label, e.mentions, (), e.articles)
                for e in self.library_items
            ]
        return [_Row(e.name, e.kind, e.label, e.count, e.aliases) for e in self.entities]

    def matching_rows(self) -> list[_Row]:
        """Rows that pass the filter, in display order (kind, then count)."""
        needle = self.filter_box.value.strip().casefold() if self.is_mounted else ""
        rows = [
            r
            for r in self._all_rows()
            if not needle or any(needle in n.casefold() for n in (r.name, *r.aliases))
        ]
        order = {kind: i for i, kind in enumerate(KIND_TITLES)}
        return sorted(rows, key=lambda r: (order.get(r.kind, 99), -r.count, r.name))

    def _refill(self) -> None:
        if self.library_mode:
            heading = Text.assemble(("Whole library", "bold"), (" · by articles", "dim"))
        else:
            heading = Text.assemble(
                ("This article", "bold"), (f" · {len(self.entities)} entities", "dim")
            )
        self.query_one("#entity-mode", Static).update(heading)
        rows = self.matching_rows()
        filtering = bool(self.filter_box.value.strip())
        options: list[Option | None] = []
        self._rows = {}
        for kind, title in KIND_TITLES.items():
            group = [r for r in rows if r.kind == kind]
            if not group:
                continue
            folded = kind == FOLDED and not self.unfolded and not filtering
            marker = ("▸ " if folded else "▾ ") if kind == FOLDED else ""
            heading = Text.assemble(
                (f"{marker}{title}", f"bold {KIND_STYLES[kind]}"), (f"  {len(group)}", "dim")
            )
            options.append(Option(heading, id=f"fold:{kind}", disabled=kind != FOLDED))
            if folded:
                continue
            for n, row in enumerate(group):
                key = f"{kind}:{n}"
                self._rows[key] = row
                options.append(Option(_prompt(row), id=key))
        self.option_list.set_options(options)
        first = next(
            (i for i, o in enumerate(self.option_list.options) if o.id in self._rows), None
        )
        self.option_list.highlighted = first

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self) -> None:
        self._refill()

    @on(ListInput.Down)
    def _into_list(self) -> None:
        self.option_list.focus()

    @on(Input.Submitted, "#entity-filter")
    def _choose_first(self) -> None:
        first = next(iter(self._rows), None)
        if first is not None:
            self._choose(first)

    @on(OptionList.OptionSelected, "#entity-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == f"fold:{FOLDED}":
            self.unfolded = not self.unfolded
            self._refill()
        elif event.option.id in self._rows:
            self._choose(event.option.id)

    def _choose(self, key: str) -> None:
        row = self._rows[key]
        if self.library_mode:
            self.post_message(self.LibraryEntitySelected(row.name, row.kind))
            return
        entity = next(e for e in self.entities if (e.name, e.kind) == (row.name, row.kind))
        self.post_message(self.EntitySelected(entity))


def _prompt(row: _Row) -> Text:
    count = f"{row.count:>4} " if row.articles is None else f"{row.articles:>4} "
    text = Text.assemble((count, "dim"), (inert(row.name, True), KIND_STYLES.get(row.kind, "")))
    if row.aliases:
        text.append(f"  {inert(', '.join(row.aliases), True)}", style="dim italic")
    return text
