"""The search panel: a query box over the results, and the library browser when empty.

| Key | Does |
| :- | :- |
| / | focus the query box (from anywhere) |
| enter | open the highlighted result (the first, from the query box) |
| down | from the query box into the results |
| up / down | in the query box: earlier / later queries (see :mod:`tui.query_history`) |
| escape | leave the query box |
| ctrl+s | save the query as a named search (see :mod:`tui.watch_keeper`) |

Each keystroke starts a search in a thread worker; a worker whose query is no
longer in the box gives up before searching, a search already running for it
stops (the library checks as it collects hits), and an answer to an older
query is dropped when it arrives, so only the latest query's results are shown
and an expensive old query never holds up the new one.
An empty query lists the library, newest first, a page at a time.

The list never shows an article twice: another process may commit between
two pages (the ranking of the next page then differs), so a page adds only
the articles not listed yet. A library that cannot be read gives an error
line in the panel, never an exception. The query's words in a snippet are
marked by the ``search-panel--match`` component class (see :mod:`tui.palette`).
"""

from __future__ import annotations

import contextlib

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from index.library import LIBRARY_READ_ERRORS, Library
from index.model import Article, SearchResult
from tui.keep_actions import marks_line
from tui.list_input import ListInput
from tui.query_history import QueryInput
from tui.result_rows import Listed, ResultOption, _prompt, _status, _unique

__all__ = ["Listed", "ResultOption", "SearchPanel"]

PAGE = 20
SAVE_TIP = "save this query as a named search (W lists them, with their new matches)"


class SearchPanel(Vertical):
    """Searches the library as you type; posts :class:`ResultChosen`."""

    BINDINGS = [  # the screen saves it (tui/watch_keeper.py)
        Binding("ctrl+s", "screen.save_search", "Save", id="save-search", tooltip=SAVE_TIP)
    ]
    COMPONENT_CLASSES = {"search-panel--match", "search-panel--secondary"}
    """
    | Class | Description |
    | :- | :- |
    | `search-panel--match` | The query's words in a result's snippet. |
    | `search-panel--secondary` | A result's source and date line. |
    """

    class ResultChosen(Message):
        """A result was chosen to be opened."""

        def __init__(self, result: Listed, query: str) -> None:
            super().__init__()
            #: The hit or article chosen (a hit carries the matches to highlight).
            self.result = result
            self.query = query

    class Answer(Message):
        """A search (or a page of one) finished; posted from the worker thread."""

        def __init__(
            self,
            query: str,
            result: SearchResult | None,
            rows: list[Listed],
            offset: int,
            more: bool,
            total: int,
        ) -> None:
            super().__init__()
            self.query = query
            self.result = result
            self.rows = rows
            self.offset = offset
            self.more = more
            self.total = total

    def __init__(self, library: Library, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.library = library
        self.total = 0  # of the query shown (results load a page at a time)
        self.shown_query: str | None = None
        self.suggestion: str | None = None
        self._more = False
        self._open_first: str | None = None
        #: The highlighted article's id and the scroll to keep across a reload.
        self._keep: tuple[str | None, float] | None = None
        self._marks: dict[str, str] = {}  # id -> "★ · #tag" (tui/keep_actions.py)

    def compose(self) -> ComposeResult:
        yield QueryInput(enter="Open first", placeholder="Search the library  (/)", id="query")
        yield Static(id="search-status", classes="pane-heading")
        yield OptionList(id="results")

    def on_mount(self) -> None:
        self.border_title = "Search"
        self.run_query("")
        self.app.theme_changed_signal.subscribe(self, lambda _: self._restyle())

    @property
    def query_box(self) -> QueryInput:
        return self.query_one(QueryInput)

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#results", OptionList)

    def _option(self, result: Listed) -> ResultOption:
        marks = self._marks.get(result.id, "")
        return ResultOption(result, self._match_style(), self._secondary_style(), marks)

    def _match_style(self) -> Style:
        return self.get_component_rich_style("search-panel--match", partial=True)

    def _secondary_style(self) -> Style:
        return self.get_component_rich_style("search-panel--secondary", partial=True)

    def _restyle(self) -> None:
        """Draw the rows again in the colours of a new theme."""
        options, match = self.option_list, self._match_style()
        secondary = self._secondary_style()
        for index, option in enumerate(options.options):
            if isinstance(option, ResultOption):
                prompt = _prompt(option.result, match, secondary, option.marks)
                options.replace_option_prompt_at_index(index, prompt)

    @property
    def results(self) -> list[Listed]:
        """The hits (or articles) listed, in order."""
        return [o.result for o in self.option_list.options if isinstance(o, ResultOption)]

    # -- running queries ---------------------------------------------------

    def set_query(self, text: str) -> None:
        """Put ``text`` in the box and search for it now."""
        with self.prevent(Input.Changed):
            self.query_box.value = text
            self.query_box.cursor_position = len(text)
        self.run_query(text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        # No pause before searching: a search takes milliseconds, and a worker whose
        # query is no longer in the box gives up before it starts (see _search), so
        # a burst of keys costs at most a search or two. (A 50 ms pause measured
        # 50-60 ms slower from the last key to the results.)
        self.run_query(event.value)

    def run_query(self, text: str, offset: int = 0, keep_place: bool = False) -> None:
        """Search (or browse, for an empty query) in the background. ``keep_place`` (the
        library changed): the rows listed are read again at once, and the highlight stays
        on the same article (by id, wherever it now is) with the list scrolled as it was."""
        size = PAGE
        self._keep = None
        if keep_place and text.strip() == self.shown_query:
            option = self.option_list.highlighted_option
            shown = option.id if isinstance(option, ResultOption) else None
            self._keep = shown, self.option_list.scroll_y
            size = max(PAGE, self.option_list.option_count)
        self._search(text.strip(), offset, size)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, offset: int, size: int = PAGE) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or self.query_box.value.strip() != text

        if stale():
            return  # typed on while this worker waited its turn
        result: SearchResult | None = None
        try:
            if text:
                # Whoosh ranks the top N: asking for the next page re-ranks N + PAGE.
                result = self.library.search(text, limit=offset + size, cancelled=stale)
                if result.cancelled:
                    return  # a newer query's worker is on its way
                rows: list[Listed] = list(result.hits[offset:])
                more = result.total > offset + len(rows)
                total = result.total
            else:
                found = self.library.articles(limit=size + 1, offset=offset)
                rows = list(found[:size])
                more = len(found) > size
                total = self.library.count()
        except LIBRARY_READ_ERRORS as err:
            result = SearchResult(query=text, error=f"cannot read the library ({err})")
            rows, more, total = [], False, 0
        with contextlib.suppress(*LIBRARY_READ_ERRORS):  # rows show without their marks
            found_marks = self.library.keep.marks([r.id for r in rows])
            self._marks.update({r.id: marks_line(found_marks.get(r.id)) for r in rows})
        self.post_message(self.Answer(text, result, rows, offset, more, total))

    class Shown(Message):
        """New results are on show (the screen may follow their order)."""

        def __init__(self, query: str, ids: list[str]) -> None:
            super().__init__()
            self.query = query
            self.ids = ids

    @on(Answer)
    def _answer(self, answer: Answer) -> None:
        if answer.query != self.query_box.value.strip():
            return  # typed on since: a newer answer is coming
        options = self.option_list
        if answer.offset and (
            answer.query != self.shown_query or answer.offset != options.option_count
        ):
            return  # a page for a list that has changed since
        self._more = answer.more
        if answer.offset:
            listed = {r.id for r in self.results}
            options.add_options(
                [self._option(r) for r in _unique(answer.rows) if r.id not in listed]
            )
            self.post_message(self.Shown(answer.query, [r.id for r in self.results]))
            return
        self.shown_query = answer.query
        self.suggestion = answer.result.suggestion if answer.result else None
        status = self.query_one("#search-status", Static)
        self.total = answer.total
        if answer.result is None:
            total = self.total
            status.update(Text(f"{total:,} article{'s' if total != 1 else ''} · newest first"))
        else:
            status.update(_status(answer.result))
        options.set_options([self._option(r) for r in _unique(answer.rows)])
        options.highlighted = 0 if options.option_count else None
        if self._keep is not None:  # the library changed: the same article, the same scroll
            (shown, scroll_y), self._keep = self._keep, None
            ids = [r.id for r in self.results]
            if shown in ids:
                options.highlighted = ids.index(shown)
            options.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.post_message(self.Shown(answer.query, [r.id for r in self.results]))
        if self._open_first == answer.query:
            self._open_first = None
            self.choose(0)

    @on(OptionList.OptionHighlighted, "#results")
    def _maybe_next_page(self, event: OptionList.OptionHighlighted) -> None:
        count = self.option_list.option_count
        if self.query_box.value.strip() != self.shown_query:
            return  # a newer query is on its way: a page of the old one would cancel it
        if self._more and event.option_index >= count - 10:
            self._more = False
            self.run_query(self.shown_query or "", offset=count)

    # -- choosing ----------------------------------------------------------

    @on(ListInput.Down)
    def _into_results(self) -> None:
        self.option_list.focus()

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        query = self.query_box.value.strip()
        if self.shown_query != query:
            # Enter before the results arrived: open the first when they do.
            self._open_first = query
            self.run_query(query)
        elif not self.option_list.option_count and self.suggestion:
            self.set_query(self.suggestion)
        else:
            self.choose(0)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def choose(self, index: int) -> None:
        """Open result ``index`` (and highlight it in the list); nothing if there is none."""
        options = self.option_list
        if not 0 <= index < options.option_count:
            return
        option = options.get_option_at_index(index)
        if isinstance(option, ResultOption):
            options.highlighted = index
            self.post_message(self.ResultChosen(option.result, self.shown_query or ""))

    def step(
        self, delta: int, current_id: str | None = None, was: Article | None = None
    ) -> str | None:
        """Open the result before (-1) or after (+1) the article ``current_id`` in the
        list. Browsing the library (no query), the place is the article's in the
        library's order, listed or not yet (:meth:`Library.neighbour`; ``was``, the
        article as read, places one removed since); for a query's results, when it
        is not listed, ``]`` opens the first and ``[`` the last. Returns the id of the
        article asked for (it opens when :class:`ResultChosen` is handled), None when
        there is nowhere to go (or the library cannot be read)."""
        ids = [r.id for r in self.results]
        if current_id is not None and self.shown_query == "":
            return self._step_library(delta, current_id, ids, was)
        start = ids.index(current_id) if current_id in ids else (-1 if delta > 0 else len(ids))
        index = start + delta
        if not 0 <= index < len(ids):
            return None
        self.choose(index)
        return ids[index]

    def _step_library(
        self, delta: int, current_id: str, ids: list[str], was: Article | None
    ) -> str | None:
        """Open the article beside ``current_id`` in the library's order (highlighted
        when listed)."""
        if current_id in ids and 0 <= ids.index(current_id) + delta < len(ids):
            self.choose(ids.index(current_id) + delta)
            return ids[ids.index(current_id) + delta]
        try:
            there = self.library.neighbour(current_id, delta, was)
        except LIBRARY_READ_ERRORS:
            return None
        if there is None:
            return None
        if there.id in ids:
            self.choose(ids.index(there.id))
        else:
            self.post_message(self.ResultChosen(there, ""))
        return there.id
