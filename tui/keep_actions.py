"""What the reader's keep keys do: star (``*``), tag (``t``), highlight (``h``) and
annotate (``a``), and how the open article's annotations are shown.

:class:`KeepActions` is a part of :class:`tui.reader_screen.ReaderScreen` (its base),
kept apart for size. Each action is one write through ``library.keep`` (one SQLite
transaction) and a toast that says what was done ("Starred", "Tagged followup");
a failure (a bad tag, a read-only library) is one toast too. After a write, the
article's highlights, the header's star and tags, and the results list's rows are
shown afresh. Highlights whose words were not found again after a re-add
(orphaned) are never drawn in the text: a toast says how many there are, and the
list of the article's annotations (palette) shows them with their quotes.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.screen import Screen

from index.inert import inert
from index.library import LIBRARY_READ_ERRORS, Library
from index.model import Annotation, Article, LibraryError, Marks
from tui.keep_keys import KEEP_BINDINGS
from tui.passage import current_passage
from tui.targets import Targets

if TYPE_CHECKING:
    from tui.article_view import ArticleView
    from tui.search_panel import SearchPanel

__all__ = ["KEEP_BINDINGS", "KeepActions", "marks_line"]

_FAILED: tuple[type[Exception], ...] = (LibraryError, *LIBRARY_READ_ERRORS)


def marks_line(marks: Marks | None) -> str:
    """``★ · #followup #energy`` (not yet made inert), or "" for an article with neither."""
    if marks is None:
        return ""
    parts = ["★"] if marks.starred else []
    return " · ".join(parts + ([" ".join(f"#{t}" for t in marks.tags)] if marks.tags else []))


class KeepActions(Screen[None]):
    """The reader screen's stars, tags, notes and highlights."""

    if TYPE_CHECKING:
        library: Library
        article: Article | None
        _data_version: int

        @property
        def view(self) -> ArticleView: ...

        @property
        def search_panel(self) -> SearchPanel: ...

        def report(self, what: str, err: BaseException) -> None: ...

    #: The open article's annotations (as last read).
    kept: list[Annotation] = []

    def show_marks(self, say_orphans: bool = True) -> None:
        """Show the open article's highlights in the text, its star and tags in the header;
        with ``say_orphans``, a toast when some highlights were orphaned."""
        article = self.article
        if article is None:
            self.kept = []
            return
        try:
            self.kept = self.library.keep.annotations(article.id)
        except _FAILED as err:
            self.report("Cannot read your annotations", err)
            return
        self.view.set_highlights(
            tuple(
                (a.start, a.end)
                for a in self.kept
                if a.kind == "highlight" and not a.orphaned and a.start is not None
                if a.end is not None
            )
        )
        starred = any(a.kind == "star" for a in self.kept)
        line = marks_line(Marks(starred, tuple(a.tag or "" for a in self.kept if a.kind == "tag")))
        shown = f"{self.library.name} · {article.title}" + (f" · {line}" if line else "")
        self.app.sub_title = inert(shown, one_line=True)
        orphans = sum(a.orphaned for a in self.kept)
        if orphans and say_orphans:
            self.notify(
                f"Orphaned highlights: {orphans} (their words are gone from the changed"
                " text): ctrl+p → Highlights and notes",
                severity="warning",
                timeout=6,
            )

    def _changed(self, toast: str) -> None:
        """After a write: say ``toast`` and show everything afresh."""
        self.notify(toast, timeout=3, markup=False)
        self.show_marks(say_orphans=False)
        panel = self.search_panel
        panel.run_query(panel.query_box.value, keep_place=True)
        with contextlib.suppress(*LIBRARY_READ_ERRORS):  # our own write: no second refresh
            self._data_version = self.library.data_version()

    def _no_article(self) -> bool:
        if self.article is None:
            self.notify("Open an article first", timeout=2)
            return True
        return False

    def action_star(self) -> None:
        """Star the open article, or unstar it (``*``)."""
        if self._no_article():
            return
        assert self.article is not None
        starred = any(a.kind == "star" for a in self.kept)
        try:
            self.library.keep.star(self.article.id, on=not starred)
        except _FAILED as err:
            self.report("Cannot star", err)
            return
        self._changed("Unstarred" if starred else "Starred")

    def action_tag(self) -> None:
        """Ask for tags to add (``name``) or take off (``-name``), with completion (``t``)."""
        if self._no_article():
            return
        assert self.article is not None
        try:
            known = self.library.keep.tags()
        except _FAILED as err:
            self.report("Cannot read the tags", err)
            return
        tags = tuple(a.tag or "" for a in self.kept if a.kind == "tag")
        from tui.keep_dialogs import TagScreen  # on first use, not at start-up

        self.app.push_screen(TagScreen(self.article.title, tags, known), self._tagged)

    def _tagged(self, typed: str | None) -> None:
        article = self.article
        words = (typed or "").replace(",", " ").split()
        if article is None or not words:
            return
        add = [w for w in words if not w.startswith("-")]
        off = [w[1:] for w in words if w.startswith("-") and len(w) > 1]
        said: list[str] = []
        try:
            if add:
                _, done = self.library.keep.tag(article.id, add)
                said += [f"Tagged {', '.join(done)}"] if done else ["Already tagged"]
            if off:
                _, done = self.library.keep.tag(article.id, off, remove=True)
                said += [f"Removed tag {', '.join(done)}"] if done else ["No such tag"]
        except _FAILED as err:
            self.report("Cannot tag", err)
            return
        self._changed("; ".join(said))

    def action_highlight(self) -> None:
        """Highlight the passage: the sentence of the current mention or match, else the
        first at the top of the view (``h``)."""
        passage = current_passage(self)  # type: ignore[arg-type]
        if passage is None:
            self.notify("Open an article first", timeout=2)
            return
        if self._highlight_at(passage.start, passage.end) is not None:
            self.notify("Already highlighted: a adds a note to it", timeout=3)
            return
        try:
            self.library.keep.highlight(passage.article_id, passage.start, passage.end)
        except _FAILED as err:
            self.report("Cannot highlight", err)
            return
        self._changed(f"Highlighted “{_cut(passage.text)}”")

    def _highlight_at(self, start: int, end: int) -> Annotation | None:
        """The (not orphaned) highlight overlapping ``start``..``end``, if any."""
        for a in self.kept:
            if a.kind == "highlight" and not a.orphaned and a.start is not None:  # noqa: SIM102
                if a.end is not None and a.start < end and start < a.end:
                    return a
        return None

    def action_annotate(self) -> None:
        """A note on the highlight at the current passage, else on the article (``a``)."""
        if self._no_article():
            return
        assert self.article is not None
        from tui.keep_dialogs import NoteScreen  # on first use, not at start-up

        passage = current_passage(self)  # type: ignore[arg-type]
        chosen = self._highlight_at(passage.start, passage.end) if passage else None
        if chosen is not None:
            heading = f"Note on “{_cut(chosen.exact or '')}” (empty: none)"
            self.app.push_screen(
                NoteScreen(heading, chosen.note or ""), lambda t: self._noted(t, chosen)
            )
        else:
            heading = f"Note on the article “{_cut(self.article.title)}”"
            self.app.push_screen(NoteScreen(heading), lambda t: self._noted(t, None))

    def _noted(self, text: str | None, highlight: Annotation | None) -> None:
        article = self.article
        if text is None or article is None:
            return
        try:
            if highlight is not None:
                self.library.keep.set_note(highlight.id, text)
                toast = "Note saved on the highlight" if text.strip() else "Note removed"
            elif not text.strip():
                return
            else:
                self.library.keep.note(article.id, text)
                toast = "Note saved on the article"
        except _FAILED as err:
            self.report("Cannot keep the note", err)
            return
        self._changed(toast)

    def show_annotations(self) -> None:
        """List the open article's annotations (palette); choosing a highlight goes to it."""
        if self._no_article():
            return
        assert self.article is not None
        self.show_marks(say_orphans=False)
        from tui.keep_dialogs import AnnotationsScreen  # on first use, not at start-up

        self.app.push_screen(AnnotationsScreen(self.article.title, self.kept), self._go_to)

    def _go_to(self, annotation_id: int | None) -> None:
        lit = [a for a in self.kept if a.kind == "highlight" and not a.orphaned]
        chosen = next((a for a in self.kept if a.id == annotation_id), None)
        if chosen is None:
            return
        if chosen in lit:
            spans = tuple((a.start or 0, a.end or 0) for a in lit)
            self.view.set_targets(Targets(spans, "highlights", "highlight", lit.index(chosen)))
            self.view.focus()
        self.say_note(chosen)

    def say_note(self, chosen: Annotation | None = None) -> None:
        """Toast the note of ``chosen``, or of the highlight at the current target."""
        if chosen is None:
            t = self.view.targets
            if t is None or not t.spans:
                return
            chosen = self._highlight_at(*t.spans[t.index])
        if chosen is not None and chosen.note:
            quote = f"“{_cut(chosen.exact or '')}”: " if chosen.exact else ""
            self.notify(quote + chosen.note, title="Note", timeout=8, markup=False)


def _cut(text: str, width: int = 60) -> str:
    text = " ".join(inert(text, one_line=True).split())
    return text if len(text) <= width else text[: width - 1] + "…"
