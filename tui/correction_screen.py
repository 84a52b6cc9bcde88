"""The correction dialog: put right an entity the model got wrong (issue 15, item 3).

| Key | Does |
| :- | :- |
| enter | apply (in the name box), or press the focused button |
| tab / shift+tab | next / previous control |
| right | accept the completed name (merge into: the library's entity names) |
| escape | cancel |

Opened with ``m`` on the selected entity of the entities pane (or from the command
palette): merge it into another entity, rename it, change its kind, remove it, or
give it another name (an alias), in this article or in the whole library. The dialog
only asks; it dismisses with a :class:`CorrectionRequest` (or None), and
:mod:`tui.correcting` makes the correction in a worker, holding the library's
write lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Button, Input, RadioSet, Static

from index.inert import inert
from index.library import KINDS, Library
from tui.choice_set import ChoiceButton, ChoiceSet

__all__ = ["OPERATIONS", "CorrectionRequest", "CorrectionScreen", "NameSuggester"]

#: The operations the dialog offers: (operation, label, what the name box asks for).
OPERATIONS: tuple[tuple[str, str, str], ...] = (
    ("merge", "Merge into…", "the entity it is (→ completes a name)"),
    ("rename", "Rename", "its right name"),
    ("kind", "Change kind", ", ".join(KINDS)),
    ("remove", "Remove (not an entity)", ""),
    ("alias", "Add an alias", "another name of it (e.g. Kiev for Kyiv)"),
)


@dataclass(frozen=True, slots=True)
class CorrectionRequest:
    """What the user asked for: ``op`` on the entity ``name`` of kind ``kind`` with
    ``value`` (None for a removal), in the article ``article_id`` (None: the whole
    library)."""

    op: str
    name: str
    kind: str
    value: str | None
    article_id: str | None


class NameSuggester(Suggester):
    """Completes the name box from the library's entity names (most articles first),
    asking the store for names that hold what was typed and keeping those that start
    with it (case aside). A name that would not show as it is (control characters) is
    never offered."""

    def __init__(self, library: Library) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.library = library

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        try:
            found = self.library.library_entities(match=value, limit=50)
        except Exception:  # a completion is a nicety: the dialog works without it
            return None
        for ent in found:
            if ent.name.casefold().startswith(value) and inert(ent.name, one_line=True) == ent.name:
                return ent.name
        return None


class CorrectionScreen(ModalScreen[CorrectionRequest | None]):
    """Ask how to correct one entity; dismisses with the request, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="close without correcting")]

    def __init__(
        self,
        library: Library,
        name: str,
        kind: str,
        article_id: str | None,
        article_title: str | None = None,
        op: str = "merge",
    ) -> None:
        """``name`` and ``kind``: the entity; ``article_id``: the article open (None: only
        the whole library can be chosen); ``op``: the operation chosen at first."""
        super().__init__()
        self.library = library
        self.entity_name = name
        self.kind = kind
        self.article_id = article_id
        self.article_title = article_title
        self.op = op if op in {o for o, _, _ in OPERATIONS} else "merge"

    def compose(self) -> ComposeResult:
        shown = inert(self.entity_name, one_line=True)
        with Vertical(id="correct-dialog"):
            yield Static(f"Correct “{shown}” ({self.kind})", id="correct-title", markup=False)
            yield Static("What is wrong", classes="correct-label")
            with ChoiceSet(id="correct-op", submit="apply"):
                for op, label, _ in OPERATIONS:
                    yield ChoiceButton(label, value=op == self.op, name=op, id=f"correct-op-{op}")
            yield Input(id="correct-value")
            yield Static("Where", classes="correct-label")
            with ChoiceSet(id="correct-scope", submit="apply"):
                title = inert(self.article_title or "", one_line=True)[:40]
                yield ChoiceButton(
                    f"This article ({title})" if title else "This article",
                    name="article",
                    id="correct-scope-article",
                    disabled=self.article_id is None,
                )
                yield ChoiceButton(
                    "The whole library", value=True, name="library", id="correct-scope-library"
                )
            with Horizontal(id="correct-buttons"):
                yield Button("Apply", variant="primary", id="correct-apply")
                yield Button("Cancel", id="correct-cancel")

    def on_mount(self) -> None:
        self.query_one("#correct-dialog").border_title = "Correct entity"
        self._show_op()
        box = self.value_box
        (box if box.display else self.query_one("#correct-op", RadioSet)).focus()

    @property
    def value_box(self) -> Input:
        return self.query_one("#correct-value", Input)

    def _show_op(self) -> None:
        """The name box as the operation wants it: what it asks for, its completion."""
        box = self.value_box
        asks = {o: a for o, _, a in OPERATIONS}[self.op]
        box.display = self.op != "remove"
        box.placeholder = asks
        if self.op == "merge":
            box.suggester = NameSuggester(self.library)
        elif self.op == "kind":
            box.suggester = SuggestFromList(KINDS, case_sensitive=False)
        else:
            box.suggester = None

    @on(RadioSet.Changed, "#correct-op")
    def _op_changed(self, event: RadioSet.Changed) -> None:
        self.op = event.pressed.name or "merge"
        self._show_op()

    @on(Input.Submitted, "#correct-value")
    @on(Button.Pressed, "#correct-apply")
    def action_apply(self) -> None:
        """Dismiss with the request (the library checks it: an error comes as a toast)."""
        value = self.value_box.value.strip() if self.op != "remove" else None
        if self.op != "remove" and not value:
            self.notify("Type the name first", severity="warning")
            self.value_box.focus()
            return
        scope = self.query_one("#correct-scope", RadioSet).pressed_button
        here = scope is not None and scope.name == "article" and self.article_id is not None
        self.dismiss(
            CorrectionRequest(
                self.op, self.entity_name, self.kind, value, self.article_id if here else None
            )
        )

    @on(Button.Pressed, "#correct-cancel")
    def action_cancel(self) -> None:
        """Close without correcting."""
        self.dismiss(None)
