"""Colours shared by the panes, so an entity looks the same in the list and in the text.

Chosen to stay readable on both dark and light themes (mid-saturation hues);
search matches use a background, entity mentions a foreground and underline,
so both can show on the same words.
"""

from __future__ import annotations

__all__ = ["CURRENT", "KIND_STYLES", "MATCH", "TARGET", "kind_style"]

KIND_STYLES: dict[str, str] = {
    "person": "#5fafff",
    "org": "#d787d7",
    "place": "#5fd787",
    "group": "#d7af5f",
    "event": "#ff875f",
    "other": "#87d7d7",
    "number": "#8a8a8a",
}
#: A search match in the article.
MATCH = "black on #d7d75f"
#: A mention of the chosen entity (or a match being walked).
TARGET = "black on #87afd7"
#: The mention or match the view is on now.
CURRENT = "bold black on #ffaf00"


def kind_style(kind: str) -> str:
    """The foreground style of an entity kind (underlined, so colour is not the only cue)."""
    return f"{KIND_STYLES.get(kind, KIND_STYLES['other'])} underline"
