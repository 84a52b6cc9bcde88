"""The reader's footer: the keys a newcomer needs first, and only keys that work now.

Textual's Footer lists the keys of the focused widget, then its parents', then
the app's, so at 80 columns the app's own keys (``/ Search``, ``e Entities``,
``? Help``, ``q Quit``), the ones a newcomer needs, were the ones cut off the
right edge. This footer puts the keys named in :data:`FIRST` first, then the
rest in Textual's order. While a text box has focus, a key that types a
character (``/``, ``e``, ``n``…) types it there, so the footer leaves those out
and shows the box's own keys (``enter``, ``↓``, ``esc``). A key that does
nothing in the present state is left out by its screen's ``check_action``.

The stock Footer also rebuilds all its key widgets whenever the screen's
bindings are refreshed, which Textual does on every focus change and reactive
update, about 50 ms each time here; this footer compares what it would show
with what it shows and rebuilds only on a change.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

__all__ = ["COMPACT_BELOW", "FIRST", "PALETTE_FROM", "KeyFooter", "footer_bindings"]

#: Below this many columns the keys lose their padding (Textual's compact footer).
COMPACT_BELOW = 60
#: Below this many columns the ``^p palette`` key on the right goes, so that the
#: newcomer's four keys (``/ Search  e Entities  ? Help  q Quit``) show whole
#: from 40 columns (issue 14 fix item 10); the palette stays on ctrl+p.
PALETTE_FROM = 50

#: Actions whose keys come first, in this order: what a newcomer needs (issue 14, item 8).
FIRST = ("submit", "down", "screen.clear", "search", "entities", "help", "quit")


def _types_in_a_box(binding: Binding) -> bool:
    """True for a key that, in a text box, types a character instead of acting."""
    key = binding.key
    return (len(key) == 1 and key.isprintable()) or key in (
        "slash",
        "question_mark",
        "left_square_bracket",
        "right_square_bracket",
        "space",
    )


def footer_bindings(screen: Screen[object]) -> list[tuple[Binding, bool, str]]:
    """The keys the footer shows on ``screen``, in order: ``(binding, enabled, tooltip)``."""
    typing = isinstance(screen.focused, Input)
    shown = [
        (binding, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show and not (typing and _types_in_a_box(binding))
    ]
    seen: set[str] = set()
    unique = []
    for row in shown:  # one key per action, as Textual's footer shows
        if row[0].action not in seen:
            seen.add(row[0].action)
            unique.append(row)

    def rank(row: tuple[Binding, bool, str]) -> int:
        action = row[0].action
        return FIRST.index(action) if action in FIRST else len(FIRST)

    return sorted(unique, key=rank)


class KeyFooter(Footer):
    """A Footer with the newcomer's keys first, rebuilt only when its keys change."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None

    def on_resize(self, event: Resize) -> None:
        """Narrow terminals: compact keys below :data:`COMPACT_BELOW`, no palette key below
        :data:`PALETTE_FROM` columns."""
        self.compact = event.size.width < COMPACT_BELOW
        self.show_command_palette = event.size.width >= PALETTE_FROM
        if self._bindings_ready:
            self.call_after_refresh(self._recompose_if_changed)

    def _keys(self) -> Hashable:
        """Everything the footer's keys are made from."""
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (b.key, b.action, b.description, b.key_display, enabled, tooltip)
                for b, enabled, tooltip in footer_bindings(self.screen)
            ),
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        for binding, enabled, tooltip in footer_bindings(self.screen):
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
            # Born in the footer's style: a key made compact (FooterKey's default) and
            # made plain once bound restyled itself twice, about 1 ms a key at start-up.
            key.set_reactive(FooterKey.compact, self.compact)
            key.set_class(self.compact, "-compact", update=False)
            yield key.data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                binding = active.binding
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not active.enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
