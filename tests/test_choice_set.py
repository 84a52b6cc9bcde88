"""tui/choice_set.py: the dialogs' radio groups, where the highlighted option is the one
chosen (an arrow chooses), focus lands on the chosen option, and enter runs the
dialog's action; the marks read without colour (● chosen, ○ not)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen

from tui.choice_set import ChoiceButton, ChoiceSet


class Dialog(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.done: list[int] = []

    def compose(self) -> ComposeResult:
        with ChoiceSet(id="set", submit="go"):
            yield ChoiceButton("one", name="one")
            yield ChoiceButton("two", value=True, name="two")
            yield ChoiceButton("three", name="three", disabled=True)

    def action_go(self) -> None:
        self.done.append(self.query_one(ChoiceSet).pressed_index)


class Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Dialog())


async def test_arrows_choose_focus_lands_on_the_choice_and_enter_runs_the_action() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Dialog)
        choices = dialog.query_one(ChoiceSet)
        choices.focus()
        await pilot.pause()
        assert choices.pressed_index == 1  # mounting chose nothing
        assert [str(b.BUTTON_INNER) for b in choices.query(ChoiceButton)] == ["○", "●", "○"]
        await pilot.press("enter")
        assert dialog.done == [1]
        await pilot.press("down")  # the disabled one is skipped: round to the first
        assert choices.pressed_index == 0
        await pilot.press("up")
        assert choices.pressed_index == 1
        await pilot.press("enter")
        assert dialog.done == [1, 1]
