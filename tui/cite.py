"""Citing from the reader: ``y`` copies the passage with its source, ``Y`` its paragraph.

The citation is :meth:`index.library.Research.cite`'s (the same as ``nutgraf cite``
prints), copied with Textual's ``App.copy_to_clipboard``, which writes it to the
terminal's clipboard with OSC 52 (and keeps it in ``App.clipboard``). A toast says
what went: ``Copied: “first words…” — Title``, as inert text (never markup), or why
nothing could be cited. :class:`CiteActions` gives the reader screen its ``cite`` and
``export`` actions, so that the screen's own module does not grow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from index.inert import inert
from index.library import Research
from tui.caps import capped
from tui.passage import current_passage

if TYPE_CHECKING:
    from tui.reader_screen import ReaderScreen

__all__ = ["CiteActions", "cite", "copied_line"]

#: How many words of the quote the toast shows.
TOAST_WORDS = 8


def copied_line(quote: str, title: str) -> str:
    """``Copied: “first words…” — Title`` (the title cut to 60 characters), one line."""
    words = quote.split()
    head = " ".join(words[:TOAST_WORDS]) + ("…" if len(words) > TOAST_WORDS else "")
    shown = inert(f"Copied: “{head}”", one_line=True)
    return f"{shown} — {capped(inert(title, one_line=True), 60)}" if title.strip() else shown


def cite(
    screen: ReaderScreen,
    unit: Literal["sentence", "paragraph"] = "sentence",
    fmt: Literal["text", "markdown"] = "text",
) -> str | None:
    """Copy the citation of the current passage (:func:`tui.passage.current_passage`)
    as ``fmt``; returns what was copied, None (and a toast saying why) when nothing."""
    article = screen.article
    passage = current_passage(screen, unit)
    if article is None or passage is None:
        if article is None:
            why = "No article to cite: open one first"
        elif not article.body.strip():
            why = "This article has no text to cite"
        else:
            why = "Nothing to cite in the original text: select words, or r for the cleaned text"
        screen.notify(why, severity="warning", timeout=4, markup=False)
        return None
    text = Research.cite(article, passage.text, fmt)
    screen.app.copy_to_clipboard(text)
    screen.notify(copied_line(passage.text, article.title), timeout=4, markup=False)
    return text


class CiteActions:
    """The reader screen's ``y`` / ``Y`` (cite) and ``ctrl+e`` (export) actions."""

    def action_cite(self, unit: str = "sentence", fmt: str = "text") -> None:
        """Copy the passage's (or, with ``paragraph``, its paragraph's) citation."""
        cite(
            cast("ReaderScreen", self),
            "paragraph" if unit == "paragraph" else "sentence",
            "markdown" if fmt == "markdown" else "text",
        )

    def action_export(self) -> None:
        """Open the export dialog for what the reader shows now."""
        from tui.export_screen import open_export

        open_export(cast("ReaderScreen", self))
