"""The dialogs of stars, tags, notes and highlights: a tag input, a note input, and the
list of an article's annotations.

| Key | Does |
| :- | :- |
| enter | apply what was typed / go to the chosen highlight |
| escape | close without changing anything |
| tab / right | (tag input) take the suggested completion |

The tag input completes the word being typed from the library's tags
(:class:`TagSuggester`); several tags go in one line, and a tag written ``-name``
is taken off. Everything shown that came from outside (tags, notes, quotes) goes
through :func:`index.inert.inert`, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index.inert import inert
from index.model import Annotation

__all__ = ["AnnotationsScreen", "NoteScreen", "TagScreen", "TagSuggester", "annotation_line"]

_DIALOG_CSS = """
KeepDialog { align: center middle; }
KeepDialog > Vertical {
    width: 80; max-width: 95%; height: auto; max-height: 90%;
    border: round $accent; padding: 1 2; background: $surface;
}
KeepDialog OptionList { height: auto; max-height: 20; }
"""


class TagSuggester(Suggester):
    """Completes the last word of the input from the library's tags (case folded; the
    library folds accents too when it matches them), the most used first."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        sign = "-" if word.startswith("-") else ""
        stem = word[len(sign) :].casefold()
        if not stem:
            return None
        for tag in self._tags:
            if tag.casefold().startswith(stem) and tag.casefold() != stem:
                return f"{head} {sign}{tag}" if head else f"{sign}{tag}"
        return None


class KeepDialog(ModalScreen[str | None]):
    """A one-line input under a heading: dismisses with what was typed (None: escape)."""

    DEFAULT_CSS = _DIALOG_CSS
    BINDINGS = [Binding("escape", "close", "Close", tooltip="close without a change")]

    def __init__(self, heading: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._heading = heading
        self._value = value
        self._placeholder = placeholder

    def _input(self) -> Input:
        return Input(self._value, placeholder=self._placeholder, id="keep-input")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(inert(self._heading, one_line=True), style="bold"))
            yield self._input()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_close(self) -> None:
        """Close without a change."""
        self.dismiss(None)


class TagScreen(KeepDialog):
    """Tags to add (``name``) or take off (``-name``), with completion."""

    def __init__(self, title: str, tags: tuple[str, ...], known: list[str]) -> None:
        now = ", ".join(tags) if tags else "none yet"
        super().__init__(f"Tags of “{title}” (now: {now})", placeholder="followup energy -oldtag")
        self._known = known

    def _input(self) -> Input:
        return Input(
            placeholder=self._placeholder, id="keep-input", suggester=TagSuggester(self._known)
        )


class NoteScreen(KeepDialog):
    """A note's text (empty: no note)."""


class AnnotationsScreen(ModalScreen[int | None]):
    """This article's annotations, one line each; dismisses with the id of the one chosen."""

    DEFAULT_CSS = _DIALOG_CSS.replace("KeepDialog", "AnnotationsScreen")
    BINDINGS = [Binding("escape", "close", "Close", tooltip="close")]

    def __init__(self, title: str, kept: list[Annotation]) -> None:
        super().__init__()
        self._title = title
        self._kept = kept

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text(f"Highlights and notes of “{inert(self._title, one_line=True)}”", "bold")
            )
            if not self._kept:
                yield Static("None yet: h highlights the passage, a writes a note, t tags.")
                return
            yield OptionList(
                *[Option(annotation_line(a), id=str(a.id)) for a in self._kept], id="keep-list"
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


def annotation_line(a: Annotation) -> Text:
    """One line saying what an annotation is: ``★ starred``, ``tag followup``, ``note …``,
    ``highlight “…” — note`` or ``orphaned highlight “…”`` (its words gone after a
    re-add)."""
    if a.kind == "star":
        return Text("★ starred")
    if a.kind == "tag":
        return Text.assemble("tag ", (inert(a.tag or "", one_line=True), "bold"))
    if a.kind == "note":
        return Text.assemble("note ", inert(a.note or "", one_line=True))
    quote = inert(a.exact or "", one_line=True)
    line = Text.assemble(
        ("orphaned highlight " if a.orphaned else "highlight "), (f"“{quote}”", "italic")
    )
    if a.note:
        line.append(f" — {inert(a.note, one_line=True)}")
    return line
