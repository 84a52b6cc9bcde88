"""Correcting entities from the reader: the ``m`` key, the palette's entries, the worker.

``m`` on the selected entity of the entities pane (this article's or the whole
library's) opens :class:`tui.correction_screen.CorrectionScreen`; the palette has an
entry for each operation and "Undo last correction". The correction is made in a
thread worker holding the library's write lock (it re-indexes the articles it
changes, which takes a moment on a large library: :mod:`index.correcting`); then a
toast says what was done, and the panes, the counts and the article's colours show
it. A correction made by another process (``nutgraf entity …``) shows on the
reader's next poll the same way (:func:`refresh_open_entities`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding, BindingType

from index.inert import inert
from index.library import CorrectionError, Library, LibraryWriter
from tui.config import named
from tui.entity_rows import EntityOption

# The dialog (tui.correction_screen: buttons, radio sets) loads when it is first asked
# for, not with the reader: nothing here adds to the first screen's time.

if TYPE_CHECKING:
    from tui.app import NutgrafApp
    from tui.correction_screen import CorrectionRequest
    from tui.reader_screen import ReaderScreen

__all__ = [
    "CORRECTION_BINDINGS",
    "correction_commands",
    "open_correction",
    "refresh_open_entities",
    "undo_last",
]

#: The entities pane's key: correct the selected entity.
CORRECTION_BINDINGS: list[BindingType] = named(
    [
        Binding(
            "m",
            "app.correct_entity",
            "Correct",
            id="correct-entity",
            tooltip="correct the selected entity: merge into…, rename, kind, remove, alias",
        )
    ]
)


def selected_entity(reader: ReaderScreen) -> tuple[str, str] | None:
    """``(name, kind)`` of the entity highlighted in the entities pane, or None."""
    option = reader.entity_pane.option_list.highlighted_option
    if isinstance(option, EntityOption):
        return option.entity.name, option.entity.kind
    return None


def open_correction(app: NutgrafApp, op: str = "merge") -> None:
    """Open the correction dialog on the selected entity (a toast when none is)."""
    from tui.correction_screen import CorrectionScreen

    reader = app.reader
    chosen = selected_entity(reader)
    if chosen is None:
        app.notify(
            "Choose an entity in the entities pane first (e, then ↓), then press m",
            severity="warning",
        )
        return
    # "This article" only where the open article has that entity (library mode lists
    # entities of every article).
    name, kind = chosen
    here = any(e.name.casefold() == name.casefold() and e.kind == kind for e in reader.entities)
    article = reader.article if here else None
    screen = CorrectionScreen(
        app.library,
        *chosen,
        article_id=article.id if article else None,
        article_title=article.title if article else None,
        op=op,
    )
    app.push_screen(screen, partial(_requested, app))


def _requested(app: NutgrafApp, request: CorrectionRequest | None) -> None:
    if request is None:
        return

    def make(writer: LibraryWriter) -> str:
        done = app.library.corrections.make(
            writer,
            request.op,
            request.name,
            request.value,
            article=request.article_id,
            of_kind=request.kind,  # the entity chosen, not another of the same name
        )
        return done.message

    _in_worker(app, make)


def undo_last(app: NutgrafApp) -> None:
    """Undo the last correction still in force (a toast when there is none)."""
    try:
        active = [c for c in app.library.corrections.listed() if not c.undone]
    except Exception as err:  # the store cannot say now
        app.notify(
            f"Cannot read the corrections: {inert(err, True)}", severity="error", markup=False
        )
        return
    if not active:
        app.notify("No correction to undo", severity="warning")
        return
    n = active[-1].n
    _in_worker(app, lambda writer: app.library.corrections.undo(writer, n).message)


def _in_worker(app: NutgrafApp, change: Callable[[LibraryWriter], str]) -> None:
    """Run ``change`` holding the write lock in a thread; then say what it did and show it."""
    library: Library = app.library

    def run() -> None:
        try:
            with library.writer(wait=30) as writer:
                message = change(writer)
        except CorrectionError as err:
            app.call_from_thread(
                app.notify, inert(err, one_line=True), severity="warning", markup=False
            )
            return
        except Exception as err:  # reported in the reader; it goes on
            app.call_from_thread(
                app.notify,
                f"Correction failed: {inert(err, one_line=True)}",
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        app.call_from_thread(_done, app, message)

    app.run_worker(run, thread=True, group="correct", exit_on_error=False)


def _done(app: NutgrafApp, message: str) -> None:
    app.notify(inert(message, one_line=True), timeout=6, markup=False)
    app.reader.refresh_library()
    refresh_open_entities(app.reader)


def refresh_open_entities(reader: ReaderScreen) -> None:
    """Show the open article's entities again when they changed (a correction, here or
    in another process): its colours and the entities pane, keeping the scroll."""
    article = reader.article
    if article is None:
        return
    try:
        entities = reader.library.entities(article.id) or []
    except Exception:  # said when something is next opened
        return
    if entities == reader.entities:
        return
    y = reader.view.scroll_y
    reader.entities = entities
    reader.view.show(article, entities)
    reader.view.call_after_refresh(reader.view.scroll_to, y=y, animate=False)
    reader.entity_pane.show_entities(entities, english=article.may_be_english)


def correction_commands(app: NutgrafApp) -> Iterable[SystemCommand]:
    """The palette's entries: one per operation on the selected entity, and undo."""
    from tui.correction_screen import OPERATIONS

    for op, label, _ in OPERATIONS:
        yield SystemCommand(
            f"Correct entity: {label.rstrip('…').lower()}",
            "The entity selected in the entities pane (m)",
            partial(open_correction, app, op),
        )
    yield SystemCommand(
        "Undo last correction", "Undo the last entity correction made", partial(undo_last, app)
    )
