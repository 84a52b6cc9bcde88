"""The reader's memory: the user's config file and what it remembers between runs.

One object the app asks, so the app only wires it in. It reads the config file
(:mod:`tui.config`) and the state file (:mod:`tui.settings`) when the reader
starts, and writes the state each time something worth keeping changes (an
article opened, a query searched, a theme chosen), so a crash loses nothing.
Each write first reads the file again and changes only this reader's part (the
theme, this library's last article and history, the queries), so two readers
of different libraries keep both libraries' places.

Problems (a config key that cannot be used, a state file that cannot be read or
written) become one line each in :attr:`Memory.problems` or are returned once,
for the app to show; none raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from textual.binding import BindingType
from textual.theme import Theme

from tui.config import Config, load_config
from tui.palette import footer_colour, theme_colours
from tui.query_history import QueryHistory
from tui.settings import HISTORY_LIMIT, State, config_path, library_key

__all__ = ["Memory"]


class _Themed(Protocol):
    theme: str

    @property
    def available_themes(self) -> dict[str, Theme]: ...


class Memory:
    """The config and the remembered state of a reader of the library at ``library_path``."""

    def __init__(
        self,
        library_path: Path,
        binding_ids: Iterable[str],
        chains: Sequence[Sequence[BindingType]] = (),
    ) -> None:
        self.key = library_key(library_path)
        self.config: Config = load_config(config_path(), binding_ids, chains)
        self.state, problem = State.load()
        #: One line each: what could not be used or read (shown once, at start).
        self.problems: list[str] = [*self.config.problems, *([problem] if problem else [])]
        #: The search history, shared with the query box.
        self.searches = QueryHistory(self.state.searches)
        self._colours: dict[str, dict[str, str]] = {}
        self._save_failed = False

    # -- what the reader starts with -------------------------------------

    def last_article(self) -> str | None:
        """The id of the article last read in this library (it may be gone since)."""
        return self.state.last_article.get(self.key)

    def history(self) -> list[str]:
        """This library's back/forward history, oldest first."""
        return list(self.state.history.get(self.key, []))

    def apply_theme(self, app: _Themed) -> None:
        """Give ``app`` the config's theme, else the one chosen last time."""
        wanted = self.config.theme
        if wanted is not None and wanted not in app.available_themes:
            self.problems.append(
                f"{config_path()}: theme.name: no theme {wanted!r}"
                f" (known: {', '.join(sorted(app.available_themes))})"
            )
            wanted = None
        wanted = wanted or self.state.theme
        if wanted and wanted in app.available_themes and wanted != app.theme:
            app.theme = wanted

    def theme_variables(self, theme: Theme) -> dict[str, str]:
        """nutgraf's theme variables for ``theme``: the entity colours made readable on its
        background (:func:`tui.palette.theme_colours`), then the config file's colours."""
        colours = self._colours.get(theme.name)
        if colours is None:
            system = theme.to_color_system().generate()
            colours = theme_colours(system["background"], system["foreground"])
            footer = footer_colour(system["footer-background"], system["footer-foreground"])
            colours["footer-readable"] = footer
            self._colours[theme.name] = colours
        return {**colours, **self.config.colors}

    # -- what it remembers -------------------------------------------------

    def set_theme(self, name: str) -> str | None:
        """Remember the theme chosen; a problem line the first time saving fails."""
        if self.state.theme == name:
            return None
        self.state.theme = name
        return self._save()

    def opened(self, article_id: str | None, history: list[str]) -> str | None:
        """Remember the article being read and this library's history."""
        if article_id is None:
            return None
        self.state.last_article[self.key] = article_id
        self.state.history[self.key] = history[-HISTORY_LIMIT:]
        return self._save()

    def searched(self, query: str) -> str | None:
        """Remember a query searched (a result of it was opened)."""
        if not query.strip():
            return None
        self.searches.add(query)
        self.state.add_search(query)
        return self._save()

    def _save(self) -> str | None:
        ours = self.state
        disk, _ = State.load(ours.path)  # another reader's changes since we started
        disk.theme = ours.theme or disk.theme
        if self.key in ours.last_article:
            disk.last_article[self.key] = ours.last_article[self.key]
        if self.key in ours.history:
            disk.history[self.key] = ours.history[self.key]
        for query in self.searches.entries:
            if query not in disk.searches:
                disk.add_search(query)
        if self.searches.entries:
            disk.add_search(self.searches.entries[-1])  # the newest stays the newest
        problem = disk.save()
        if problem is None or self._save_failed:
            return None
        self._save_failed = True
        return problem
