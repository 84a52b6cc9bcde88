"""The reader's main screen: it owns the article being read and coordinates the panes.

| Key | Does |
| :- | :- |
| n / N | next / previous mention or match (whichever was chosen last) |
| [ / ] | open the previous / next search result |
| H / L (alt+left / alt+right) | back / forward through opened articles |
| tab / shift+tab | next / previous pane |
| escape | clear the highlighted mentions or matches |

Panes never talk to each other: each posts a message saying what happened,
and this screen decides what the others show. How the panes share the width
(three side by side, one side column, or one pane at a time) is told in
:mod:`tui.layout`.
"""

from __future__ import annotations

import contextlib

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Header, Input

from index.inert import inert
from index.library import LIBRARY_READ_ERRORS, Library
from index.model import Article, Entity, SearchHit
from tui.article_view import ArticleView
from tui.cite import CiteActions
from tui.correcting import refresh_open_entities
from tui.entity_pane import EntityPane
from tui.history import History
from tui.keep_actions import KEEP_BINDINGS, KeepActions
from tui.key_footer import KeyFooter
from tui.link_keys import LINK_BINDINGS, LinkActions
from tui.pane_layout import PaneLayout
from tui.reader_keys import READER_BINDINGS
from tui.search_panel import SearchPanel
from tui.targets import Targets
from tui.walk import Walk
from tui.watch_keeper import WatchKeeper

__all__ = ["ReaderScreen"]

WARM_UP_AFTER_S = 0.8


class ReaderScreen(CiteActions, KeepActions, LinkActions, WatchKeeper, PaneLayout):
    """Article, entities and search side by side (citing, keeping and saved searches come
    from :class:`CiteActions`, :class:`KeepActions` and :class:`WatchKeeper`)."""

    BINDINGS = READER_BINDINGS + KEEP_BINDINGS + LINK_BINDINGS

    def __init__(
        self,
        library: Library,
        open_id: str | None = None,
        poll_interval: float = 2.0,
        history: History | None = None,
    ) -> None:
        """``history``: kept from the last run; without ``open_id``, its current article
        is opened when it is still in the library."""
        super().__init__()
        self.library = library
        self.open_id = open_id
        #: Seconds between checks for changes made by other processes (tests use less).
        self.poll_interval = poll_interval
        self.article: Article | None = None
        self.entities: list[Entity] = []
        self.history = history if history is not None else History()
        # The entity being walked across the library (library mode).
        self.walk: Walk | None = None
        # What was in the query box before a walk replaced it (escape puts it back).
        self._query_before_walk: str | None = None
        self._warm_up_asked = False  # Whoosh's loading, after the first screen
        self.side = "entities"
        #: In the one-pane layout, the pane in front: "article" or "side".
        self.front = "article"
        self._width = 0  # the screen's, in columns (set on resize)
        self._data_version = -1
        self._asked: str | None = None  # the article the last [ / ] asked for, not open yet

    def compose(self) -> ComposeResult:
        yield Header()
        panes = (
            ArticleView(id="article"),
            EntityPane(self.library, id="entities"),
            SearchPanel(self.library, id="search"),
        )
        self._arrange_first(panes)
        with Horizontal(id="panes"):
            yield from panes
        yield KeyFooter()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def entity_pane(self) -> EntityPane:
        return self.query_one(EntityPane)

    @property
    def search_panel(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    def on_mount(self) -> None:
        try:
            first = self.open_id or self._resumable() or self.library.most_recent_id()
            self._data_version = self.library.data_version()
        except LIBRARY_READ_ERRORS as err:
            self.report("Cannot read the library", err)
            first = None
        self.open_article(first)
        self.view.focus()
        self.set_interval(self.poll_interval, self._check_for_changes)

    def _resumable(self) -> str | None:
        """The article read last time, if it is still in the library."""
        last = self.history.current
        return last if last and self.library.get(last) is not None else None

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up_search(self) -> None:
        """Load Whoosh and open the index after the first screen, so it is not waited for."""
        with contextlib.suppress(Exception):  # a damaged index shows on the first search
            self.library.searcher()

    # -- opening articles ----------------------------------------------------

    def report(self, what: str, err: BaseException) -> None:
        """Say in one line that asking the library failed; the reader goes on."""
        self.notify(
            f"{what}: {inert(err, one_line=True)}", severity="error", timeout=8, markup=False
        )

    def open_article(self, article_id: str | None, remember: bool = True) -> bool:
        """Show an article by id (None or unknown: the empty state); False if not found
        or if the library could not be read (said in a toast)."""
        try:
            article = self.library.get(article_id) if article_id else None
        except LIBRARY_READ_ERRORS as err:
            self.report("Cannot open the article", err)
            return False
        entities: list[Entity] = []
        if article is not None:
            try:
                entities = self.library.entities(article.id) or []
            except LIBRARY_READ_ERRORS as err:  # the article is still worth reading
                self.report("Its entities cannot be shown", err)
        if article_id and article is None:
            self.notify(
                f"No article {inert(article_id, one_line=True)} in this library",
                severity="warning",
                markup=False,
            )
            return False
        self.article = article
        self.entities = entities
        self.view.show(article, self.entities)
        self.entity_pane.show_entities(
            self.entities, english=article is None or article.may_be_english
        )
        name = self.library.name
        self.app.sub_title = inert(f"{name} · {article.title}" if article else name, one_line=True)
        self.show_marks()  # highlights, star and tags (tui/keep_actions.py)
        if article is not None and remember:
            self.history.visit(article.id)
        return article is not None

    @on(SearchPanel.ResultChosen)
    def _result_chosen(self, event: SearchPanel.ResultChosen) -> None:
        self.walk = None
        if event.result.id == self._asked:
            self._asked = None  # the last [ / ] asked for has arrived
        if not self.open_article(event.result.id):
            return
        matches = event.result.matches if isinstance(event.result, SearchHit) else ()
        self.view.set_matches(matches)
        if event.query:
            label = event.query if '"' in event.query else f"“{event.query}”"
            self.view.set_targets(Targets(matches, label, "match"))
        self.view.focus()

    # -- entities ------------------------------------------------------------

    @on(EntityPane.EntitySelected)
    def _entity_selected(self, event: EntityPane.EntitySelected) -> None:
        self.walk = None
        self._target_entity(event.entity.name, event.entity.kind)
        self.view.focus()

    def _target_entity(self, name: str, kind: str, last: bool = False) -> None:
        entity = next((e for e in self.entities if (e.name, e.kind) == (name, kind)), None)
        if entity is None:
            entity = next((e for e in self.entities if name in e.aliases), None)
        spans = entity.mentions if entity else ()
        index = len(spans) - 1 if last and spans else 0
        place = ""
        if self.walk is not None and self.article is not None:
            place = self.walk.place(self.article.id)  # "article 2/60", kept beside "mention 1/4"
        self.view.set_matches(())
        self.view.set_targets(Targets(spans, name, "mention", index, place))

    @on(ArticleView.EntityClicked)
    def _entity_clicked(self, event: ArticleView.EntityClicked) -> None:
        """A name clicked in the article: its mentions, at the one clicked; its row in the pane."""
        self.walk = None
        entity = event.entity
        self.view.set_matches(())
        self.view.set_targets(Targets(entity.mentions, entity.name, "mention", event.mention))
        self.entity_pane.highlight_entity(entity.name, entity.kind)

    @on(EntityPane.LibraryEntitySelected)
    def _library_entity_selected(self, event: EntityPane.LibraryEntitySelected) -> None:
        try:
            found = self.library.entity_walk(event.entity.name, event.entity.kind)
        except LIBRARY_READ_ERRORS as err:
            self.report("Cannot read the library's entities", err)
            return
        if self.walk is None:  # the user's own query, not a walk's
            self._query_before_walk = self.search_panel.query_box.value
        self.walk = Walk(found.name, found.kind, found.query, list(found.ids))
        self.search_panel.set_query(found.query)
        self.view.focus()

    @on(SearchPanel.Shown)
    def _results_shown(self, event: SearchPanel.Shown) -> None:
        if not self._warm_up_asked:
            # Whoosh loads once the first screen is up (its list shown) and settled, in
            # the background: loaded sooner, it slowed that screen (the GIL is shared),
            # and a large library's list takes longer to come (issue 16).
            self._warm_up_asked = True
            self.set_timer(WARM_UP_AFTER_S, self._warm_up_search)
        self.refresh_bindings()  # [ / ] work only with results listed
        walk = self.walk
        if walk is None:
            return
        first = walk.follow(event.query, event.ids)
        if first is not None:
            self.open_article(first)
            self._target_entity(walk.name, walk.kind)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would do nothing now (n / N with nothing to step through, [ / ]
        with no results listed) are left out of the footer, and do nothing."""
        if action == "step" and self.is_mounted:
            return self.view.targets is not None
        return bool(self.search_panel.results) if action == "result" and self.is_mounted else True

    def action_step(self, delta: int) -> None:
        """Next or previous mention/match; in a library walk, on into the next article."""
        view = self.view
        targets = view.targets
        if targets is None:
            self.notify("Choose an entity (e) or open a search result (/) first", timeout=2)
            return
        walk, article = self.walk, self.article
        if walk is not None and article is not None:
            there = walk.step(article.id, delta, targets.index, len(targets.spans))
            if there is not None:  # past this article's last (or first) mention
                if walk.wraps(article.id, there, delta):
                    end = "first" if delta > 0 else "last"
                    self.notify(f"Back to the {end} article of the walk", timeout=2)
                self.open_article(there)
                self._target_entity(walk.name, walk.kind, last=delta < 0)
                return
        view.step(delta)
        self.say_note()  # on a highlight with a note: the note

    def action_result(self, delta: int) -> None:
        """Open the previous or next search result: from the one the last press asked
        for while it has not opened yet (every press of a quick burst counts)."""
        current = self._asked or (self.article.id if self.article is not None else None)
        chosen = self.search_panel.step(delta, current, self.article)
        if chosen is None:
            self.notify("No more results that way", timeout=1.5)
        else:
            self._asked = chosen

    def action_back(self) -> None:
        """Back to the previously opened article (skipping any removed since)."""
        self._go(-1, "No earlier article")

    def action_forward(self) -> None:
        """Forward again after going back (skipping any removed since)."""
        self._go(1, "No later article")

    def _go(self, delta: int, nothing: str) -> None:
        def exists(article_id: str) -> bool:
            try:
                return self.library.get(article_id) is not None
            except LIBRARY_READ_ERRORS:
                return True  # opening it says why it cannot be read

        target, dropped = self.history.step(delta, exists)
        if dropped:
            self.notify(f"Skipped {dropped} removed article{'s' if dropped > 1 else ''}")
        if target is None:
            self.notify(nothing, timeout=2)
        else:
            self.open_article(target, remember=False)

    def action_clear(self) -> None:
        """Clear highlights; from an input, just leave it."""
        if isinstance(self.focused, Input) or (self.has_class("-single") and self.front == "side"):
            self.view.focus()
            return
        if self.walk is not None and self._query_before_walk is not None:
            self.search_panel.set_query(self._query_before_walk)  # the user's query again
            self._query_before_walk = None
        self.walk = None
        self.view.set_matches(())
        self.view.set_targets(None)

    def action_pane(self, delta: int) -> None:
        """Focus the next or previous pane (its list, for the side panes)."""
        panes: list[tuple[Widget, Widget]] = [
            (self.view, self.view),
            (self.entity_pane, self.entity_pane.option_list),
            (self.search_panel, self.search_panel.option_list),
        ]
        panes = [(pane, target) for pane, target in panes if not pane.has_class("-hidden")]
        focused = self.focused
        chain = focused.ancestors_with_self if focused is not None else []
        current = next((i for i, (pane, _) in enumerate(panes) if pane in chain), -1)
        pane, target = panes[(current + delta) % len(panes)]
        self._show_side(pane)
        target.focus()

    def action_sort_entities(self) -> None:
        """Sort the whole library's entities by the next of articles, mentions, name (s),
        wherever the focus is (but in a text box, where s is typed)."""
        self.entity_pane.action_cycle_order()

    def action_entity_mode(self) -> None:
        """Switch the entities pane between this article and the whole library (w)."""
        self._show_side(self.entity_pane)
        self.entity_pane.action_toggle_mode()
        if self.has_class("-single"):
            self.entity_pane.option_list.focus()

    def focus_search(self) -> None:
        """Focus the query box (the / key); the search engine starts loading if it has not."""
        self._warm_up_search()
        self._show_side(self.search_panel)
        self.search_panel.query_box.focus()

    def focus_entities(self) -> None:
        """Focus the entity filter (the e key)."""
        self._show_side(self.entity_pane)
        self.entity_pane.filter_box.focus()

    # -- other writers ---------------------------------------------------------

    def _check_for_changes(self) -> None:
        try:
            version = self.library.data_version()
        except LIBRARY_READ_ERRORS:
            return  # said when something is next opened or searched
        if version == self._data_version:
            return
        self._data_version = version
        self.refresh_library()

    def refresh_library(self) -> None:
        """Show articles added elsewhere (another process, the add dialog); recount watches."""
        self.check_watches()
        self.search_panel.run_query(self.search_panel.query_box.value, keep_place=True)
        self.entity_pane.reload_library(keep_place=True)
        refresh_open_entities(self)  # its entities, corrected here or elsewhere
        self.show_marks(say_orphans=False)  # its star, tags, highlights: set here or elsewhere
        if self.article is None:
            try:
                newest = self.library.most_recent_id()
            except LIBRARY_READ_ERRORS as err:
                self.report("Cannot read the library", err)
                return
            self.open_article(newest)
