"""The nutgraf reader: a Textual app over one library.

| Key | Does |
| :- | :- |
| / | search |
| e | entities |
| ? | help: every key |
| ctrl+p | command palette (open article, add files or URL, panes, theme) |
| q | quit |

The app holds the library and the global keys; :class:`ReaderScreen` does the
reading. The app also gives the help screen its rows (built from the bindings
of the app, the screen and the panes) and the stylesheet its own theme
variables (entity kinds and highlights, defaults in :mod:`tui.palette`).
What the user set (the config file's keys, colours and theme) and what the
reader remembers between runs (theme, last article and history of each
library, search history) come from :class:`tui.memory.Memory`.
Global single-letter keys are ordinary (not priority) bindings, so while an
input has focus the letters go into the input instead.

What can fail because of the world outside (a damaged store, an index another
process is rewriting) is caught where the reader asks the library, and shown
as a one-line error while the reader goes on. Anything else that escapes a
handler stops the app, as Textual always does, but with the one line the
command prints on its way out (``error_message``) and exit status 1, instead
of a traceback; ``NUTGRAF_DEBUG=1`` shows the traceback.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from index.inert import inert
from index.library import Library
from tui.article_provider import ArticleProvider
from tui.article_view import ArticleView
from tui.commands import reader_commands, textual_commands
from tui.config import binding_ids, named, remap
from tui.correcting import correction_commands, open_correction
from tui.entity_pane import EntityPane
from tui.help_screen import HelpScreen, KeyRow, binding_rows
from tui.history import History
from tui.library_listing import ORDERS
from tui.memory import Memory
from tui.palette import THEME_DEFAULTS
from tui.reader_keys import step_hint
from tui.reader_screen import ReaderScreen
from tui.search_panel import SearchPanel
from tui.watch_keeper import watch_commands

__all__ = ["NutgrafApp"]

#: Keys of Textual's own widgets and of Textual itself, worth listing in the help too.
OTHER_KEYS = [
    KeyRow("Lists", "up / down, home / end", "move in the entity and result lists"),
    KeyRow("Lists", "enter", "choose the highlighted entity or result"),
    KeyRow("Lists", "(mouse)", "click to choose; scroll with the wheel"),
    KeyRow("Article", "(mouse)", "click a coloured name to choose that entity"),
    KeyRow("Filter and query boxes", "down", "into the list below"),
    KeyRow("Query box", "up / down", "earlier / later queries; down when not recalling: the list"),
    KeyRow("Filter and query boxes", "enter", "choose the first entity or open the first result"),
    KeyRow("Filter and query boxes", "escape", "leave the box (letters type into it until then)"),
    KeyRow("Anywhere", "ctrl+p", "command palette: open article, add files or URL, panes, theme"),
]


class NutgrafApp(App[None]):
    """Read, search and explore a library of news articles."""

    CSS_PATH = Path(__file__).with_name("nutgraf.tcss")
    TITLE = "nutgraf"
    COMMANDS = App.COMMANDS | {ArticleProvider}
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", tooltip="search the whole library"),
        Binding("e", "entities", "Entities", tooltip="filter the entities"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="this list of keys"),
        Binding("q", "quit", "Quit", tooltip="quit nutgraf"),
    ]
    BINDINGS = named(BINDINGS)  # ids, for the config file's [keys] (tui/config.py)

    def __init__(
        self, library: Library, open_id: str | None = None, poll_interval: float = 2.0
    ) -> None:
        #: The config file and what the reader remembers (tui/memory.py); made first,
        #: as App.__init__ asks for the theme variables.
        self.memory = Memory(library.path, self.binding_ids(), self.key_chains())
        super().__init__()
        self.library = library
        self.open_id = open_id
        #: Seconds between checks for articles added or removed by other processes.
        self.poll_interval = poll_interval
        #: Why the reader stopped, when an error stopped it (one line, for the command).
        self.error_message: str | None = None

    def _handle_exception(self, error: Exception) -> None:
        """An error no handler caught: stop with one line and status 1, not a traceback.

        Textual's own handling (which Pilot tests rely on to re-raise) runs
        first; only the traceback it would print on exit is dropped.
        """
        if self.error_message is None:
            detail = " ".join(str(error).split())[:200]
            name = type(error).__name__
            self.error_message = f"the reader stopped: {name}{': ' + detail if detail else ''}"
        super()._handle_exception(error)
        if not os.environ.get("NUTGRAF_DEBUG"):
            self._exit_renderables.clear()  # Textual's traceback, printed on exit

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """nutgraf's own theme variables (entity kinds, highlights), for themes that set none."""
        variables = self.memory.theme_variables(self.current_theme)
        return {**super().get_theme_variable_defaults(), **THEME_DEFAULTS, **variables}

    async def on_mount(self) -> None:
        self.sub_title = inert(self.library.name, one_line=True)
        memory = self.memory
        self.set_keymap(memory.config.keys)
        memory.apply_theme(self)
        history = History(items=memory.history(), current=memory.last_article())
        history.listener = lambda moved: self._said(memory.opened(moved.current, moved.items))
        screen = ReaderScreen(self.library, self.open_id, self.poll_interval, history)
        await self.push_screen(screen)  # mounted: its query box is there
        screen.search_panel.query_box.history = memory.searches
        screen.query_one(ArticleView).step_hint = step_hint(self, memory.config.keys)
        for problem in memory.problems:
            self._said(problem)
        self.theme_changed_signal.subscribe(
            self, lambda theme: self._said(memory.set_theme(theme.name))
        )

    def binding_ids(self) -> list[str]:
        """The id of every binding the config file's ``[keys]`` may change."""
        every = [self.BINDINGS, ReaderScreen.BINDINGS, ArticleView.BINDINGS, EntityPane.BINDINGS]
        every.append(SearchPanel.BINDINGS)
        return binding_ids(b for bindings in every for b in bindings)

    def key_chains(self) -> list[list[BindingType]]:
        """The bindings active at the same time: the app's, the screen's and one pane's."""
        common = [*self.BINDINGS, *ReaderScreen.BINDINGS]
        return [
            [*common, *ArticleView.BINDINGS],
            [*common, *EntityPane.BINDINGS],
            [*common, *SearchPanel.BINDINGS],
        ]

    def _said(self, problem: str | None) -> None:
        if problem:
            self.notify(problem, severity="warning", timeout=10, markup=False)

    @on(SearchPanel.ResultChosen)
    def _searched(self, event: SearchPanel.ResultChosen) -> None:
        self._said(self.memory.searched(event.query))

    @property
    def reader(self) -> ReaderScreen:
        """The main screen (under any dialog)."""
        return next(s for s in self.screen_stack if isinstance(s, ReaderScreen))

    def action_search(self) -> None:
        """Focus the search box."""
        self.reader.focus_search()

    def action_entities(self) -> None:
        """Focus the entity filter."""
        self.reader.focus_entities()

    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_rows()))

    def key_rows(self) -> list[KeyRow]:
        """Every key of the reader, from the bindings of the app, the screen and the panes."""
        keymap = self.memory.config.keys  # the config file's keys, as Textual applies them
        return [
            *binding_rows("Anywhere", remap(self.BINDINGS, keymap)),
            *binding_rows("Anywhere", remap(ReaderScreen.BINDINGS, keymap)),
            *binding_rows("Article", remap(ArticleView.BINDINGS, keymap)),
            *binding_rows("Entities pane", remap(EntityPane.BINDINGS, keymap)),
            *binding_rows("Search panel", remap(SearchPanel.BINDINGS, keymap)),
            *OTHER_KEYS,
        ]

    def action_correct_entity(self) -> None:
        """Correct the entity selected in the entities pane (m; tui/correcting.py)."""
        open_correction(self)

    def action_add(self) -> None:
        """Add files, folders, feeds or URLs."""
        from tui.add_screen import AddScreen  # on first use: not needed to start reading

        self.push_screen(AddScreen(self.library), self._added)

    def _added(self, first_id: str | None) -> None:
        reader = self.reader
        reader.refresh_library()
        if first_id:
            reader.open_article(first_id)

    def open_article(self, article_id: str) -> None:
        """Open an article (from the command palette)."""
        self.reader.open_article(article_id)
        self.reader.view.focus()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from textual_commands(super().get_system_commands(screen))
        yield SystemCommand(
            "Add files or URL", "Add articles from files, folders, feeds or a URL", self.action_add
        )
        yield SystemCommand("Search the library", "Focus the search box (/)", self.action_search)
        yield SystemCommand("Filter entities", "Focus the entity filter (e)", self.action_entities)
        yield SystemCommand(
            "Toggle entities pane",
            "Hide or show the entities pane",
            lambda: self.reader.toggle_pane("entities"),
        )
        yield SystemCommand(
            "Toggle search pane",
            "Hide or show the search pane",
            lambda: self.reader.toggle_pane("search"),
        )
        yield SystemCommand(
            "Toggle entity colours",
            "Colour entity mentions by kind (c)",
            self.reader.view.action_toggle_colours,
        )
        yield SystemCommand(
            "Toggle original text",
            "The text as given, or cleaned (r)",
            self.reader.view.action_toggle_raw,
        )
        yield SystemCommand(
            "Entities of the whole library",
            "Switch the entities pane (w)",
            self.reader.entity_pane.action_toggle_mode,
        )
        for order in ORDERS:
            yield SystemCommand(
                f"Library entities by {order}",
                f"Sort the whole library's entities by {order} (s in their list)",
                functools.partial(self.reader.entity_pane.set_order, order),
            )
        yield SystemCommand(
            "Rebuild search index",
            "Make the search index again from the stored articles (after damage)",
            self.rebuild_index,
        )
        yield from correction_commands(self)
        yield from reader_commands(self)
        yield from watch_commands(self.reader)

    @work(thread=True, exclusive=True, group="rebuild")
    def rebuild_index(self) -> None:
        """Rebuild the search index in the background, holding the write lock."""
        self.call_from_thread(self.notify, "Rebuilding the search index…", timeout=3)
        try:
            with self.library.writer(wait=30) as writer:
                report = writer.rebuild()
        except Exception as err:  # reported in the reader; it goes on
            self.call_from_thread(
                self.notify,
                f"Rebuild failed: {inert(err, one_line=True)}",
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        message = f"Search index rebuilt: {report.rebuilt:,} articles"
        if report.skipped:  # the command line names each one; a toast has no room
            message += (
                f"; {len(report.skipped):,} skipped, unreadable in the store"
                " ('nutgraf rebuild' names them)"
            )
        severity = "warning" if report.skipped else "information"
        self.call_from_thread(self.notify, message, severity=severity, timeout=8)
        self.call_from_thread(self.reader.refresh_library)
