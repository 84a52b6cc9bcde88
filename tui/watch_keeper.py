"""The reader's side of saved searches: save the query, list and run them, tell what is new.

:class:`WatchKeeper` is the base of :class:`tui.reader_screen.ReaderScreen`
(kept apart so that screen stays about reading). It adds:

- ``ctrl+s`` in the search panel (``save_search``): a dialog asks a name,
  offered from the query (:func:`index.watches.suggest_name`); the search is
  saved with its matches now counted as seen;
- ``W`` (``saved_searches``): the list with totals and new counts; enter runs
  the search in the search panel and marks its matches seen, ``d`` deletes;
- new matches: whenever the library changes (:meth:`check_watches`, which the
  screen calls when the store's ``data_version`` moves, i.e. another process, the
  add dialog or a rebuild committed), every saved search is run again in a thread
  worker (one query each, no ranking, no snippets, no spaCy) and, if any has new
  matches, a toast says so ("3 new for ‘Blair’", once per rise) and the search
  panel's border and the header carry a badge (``◆ 3 new``) until they are seen. A library
  with no saved search costs one small read of the store and no search at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.app import SystemCommand
from textual.screen import Screen
from textual.worker import get_current_worker

from index.inert import inert
from index.library import Library
from index.model import WatchStatus
from tui.search_panel import SearchPanel
from tui.watch_dialogs import WATCH_ERRORS, SavedSearchesScreen, SaveSearchScreen

__all__ = ["BADGE", "HEADER_BADGE", "WatchKeeper", "watch_commands"]

#: The search panel's border title, and the badge added to it (``{n}``: new matches).
#: New matches have their own mark, ``◆`` (``★`` is a starred article's: the header shows
#: both), and the header, where the panel's title is not there to explain it, says more.
TITLE, BADGE = "Search", "◆ {n:,} new"
HEADER_BADGE = "◆ {n:,} new · W"  # short: at 60 columns the title must still show

#: Seconds after start before saved searches are first checked (after the search
#: engine has loaded: the first screen never waits for it).
FIRST_CHECK_S = 1.5


class WatchKeeper(Screen[None]):
    """Saved searches for the reader screen (see the module docstring)."""

    library: Library

    def on_mount(self) -> None:
        #: The new-match count last told per saved search (a toast only when it rises).
        self.watch_told: dict[str, int] = {}
        #: The saved searches as last counted (the badge's numbers).
        self.watch_statuses: list[WatchStatus] = []
        self.set_timer(FIRST_CHECK_S, self.check_watches)

    # -- counting new matches ---------------------------------------------------

    @work(thread=True, exclusive=True, group="watches")
    def check_watches(self) -> None:
        """Count every saved search's matches again (in a thread), then update the badge
        and toast what is newly new. Failures to read are left to the next check."""
        worker = get_current_worker()
        try:
            watches = self.library.watches
            statuses = watches.statuses() if watches.names() else []
        except WATCH_ERRORS:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._watches_counted, statuses)

    def _watches_counted(self, statuses: list[WatchStatus]) -> None:
        if not statuses and not self.watch_statuses:
            return  # none saved, none before: nothing to show
        self.watch_statuses = statuses
        told, self.watch_told = self.watch_told, {s.name: s.new for s in statuses}
        for status in statuses:
            if status.new > told.get(status.name, 0):
                name = inert(status.name, one_line=True)
                self.notify(f"{status.new:,} new for ‘{name}’", timeout=6, markup=False)
        self._badge()

    def _badge(self) -> None:
        """The badge on the search panel's border and, as that panel is hidden in the
        narrower layouts, in the header's title too (``nutgraf ◆ 3 new · W``, ``W`` being
        the key that lists them)."""
        new = len({i for s in self.watch_statuses for i in s.new_ids})  # an article counts once
        badge = f" {BADGE.format(n=new)}" if new else ""
        self.query_one(SearchPanel).border_title = TITLE + badge
        header = f" {HEADER_BADGE.format(n=new)}" if new else ""
        self.app.title = (type(self.app).TITLE or "nutgraf") + header

    # -- saving ---------------------------------------------------------------------

    def action_save_search(self) -> None:
        """Save the search panel's query under a name (ctrl+s in the search panel)."""
        query = " ".join(self.query_one(SearchPanel).query_box.value.split())
        if not query:
            self.notify("Type a query first, then ctrl+s saves it", timeout=3)
            return
        watches = self.library.watches
        try:
            taken = watches.names()
        except WATCH_ERRORS as err:
            self._watch_failed("Cannot save the search", err)
            return
        dialog = SaveSearchScreen(query, watches.suggest_name(query), taken, watches.check_name)
        self.app.push_screen(dialog, lambda name: self._save(query, name))

    def _save(self, query: str, name: str | None) -> None:
        if name:
            self._save_in_thread(query, name)

    @work(thread=True, group="watch-write")
    def _save_in_thread(self, query: str, name: str) -> None:
        try:
            status = self.library.watches.add(name, query)
        except WATCH_ERRORS as err:
            self.app.call_from_thread(self._watch_failed, "Not saved", err)
            return
        many = "" if status.total == 1 else "es"
        shown = inert(status.name, one_line=True)
        message = f"Saved ‘{shown}’: {status.total:,} match{many} now; W lists saved searches"
        self.app.call_from_thread(self.notify, message, timeout=5, markup=False)
        self.app.call_from_thread(self.check_watches)

    def _watch_failed(self, what: str, err: BaseException) -> None:
        self.notify(
            f"{what}: {inert(err, one_line=True)}", severity="error", timeout=8, markup=False
        )

    # -- listing and running --------------------------------------------------------------

    def action_saved_searches(self) -> None:
        """List the saved searches (W): enter runs one, d deletes one."""
        self.app.push_screen(SavedSearchesScreen(self.library), self._run_saved)

    def _run_saved(self, status: WatchStatus | None) -> None:
        self.check_watches()  # one may have been deleted
        if status is None:
            return
        panel = self.query_one(SearchPanel)
        self.focus_search()
        panel.set_query(status.query)
        self._mark_seen(status)

    def focus_search(self) -> None:
        """Bring the search panel in front with its query box focused (the screen's)."""
        self.query_one(SearchPanel).query_box.focus()

    @work(thread=True, group="watch-write")
    def _mark_seen(self, status: WatchStatus) -> None:
        """Its matches as counted when it was chosen are seen now (one arriving since
        stays new)."""
        try:
            self.library.watches.mark_seen(status.name, status.ids)
        except WATCH_ERRORS as err:
            self.app.call_from_thread(self._watch_failed, "Not marked seen", err)
            return
        self.app.call_from_thread(self.check_watches)


def watch_commands(screen: WatchKeeper) -> Iterable[SystemCommand]:
    """The command palette's entries for saved searches."""
    yield SystemCommand(
        "Save this search",
        "Save the search panel's query under a name (ctrl+s in the search panel)",
        screen.action_save_search,
    )
    yield SystemCommand(
        "Saved searches",
        "List the saved searches with their new matches; run or delete one (W)",
        screen.action_saved_searches,
    )
