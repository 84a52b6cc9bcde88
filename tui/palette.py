"""nutgraf's colours, defined once: each entity kind's, and the search highlights'.

The reader never styles with these values directly. They are the defaults of
Textual theme variables (``$entity-person``, ``$match-background``, …; see
:meth:`tui.app.NutgrafApp.get_theme_variable_defaults`), which the rules in
``nutgraf.tcss`` give to component classes (``entity--person``,
``article-view--match``, …) that the panes read with
``get_component_rich_style``. So a theme restyles an entity kind or a
highlight by setting the variable, and a stylesheet by a rule on the class.
The command line has no themes: it prints with :data:`KIND_COLOURS` itself,
so an entity kind has the same colour in both.

The values are hex, which both Rich and Textual's CSS read as they are.
Chosen to stay readable on dark and light backgrounds (mid-saturation hues,
all in the xterm 256-colour cube); search matches use a background, entity
mentions a foreground and an underline, so both can show on the same words.

Pure data, no Textual: the command line imports it without loading the reader.
"""

from __future__ import annotations

__all__ = ["KIND_CLASSES", "KIND_COLOURS", "THEME_DEFAULTS", "kind_class"]

#: The colour of each entity kind, in the reader and on the command line.
KIND_COLOURS: dict[str, str] = {
    "person": "#5fafff",
    "org": "#d787d7",
    "place": "#5fd787",
    "group": "#d7af5f",
    "event": "#ff875f",
    "other": "#87d7d7",
    "number": "#8a8a8a",
}

#: The component class of each kind, e.g. ``entity--person``.
KIND_CLASSES: dict[str, str] = {kind: f"entity--{kind}" for kind in KIND_COLOURS}

#: The theme variables nutgraf's stylesheet uses, and their values when a theme sets none.
THEME_DEFAULTS: dict[str, str] = {
    **{f"entity-{kind}": colour for kind, colour in KIND_COLOURS.items()},
    # Text on a highlight: the terminal's own black, as Rich's "black" is.
    "highlight-foreground": "ansi_black",
    # A search match (in the article and in a result's snippet).
    "match-background": "#d7d75f",
    # A mention of the chosen entity (or a match being walked).
    "target-background": "#87afd7",
    # The mention or match the view is on now.
    "current-background": "#ffaf00",
}


def kind_class(kind: str) -> str:
    """The component class of an entity kind (an unknown kind is shown as "other")."""
    return KIND_CLASSES.get(kind, KIND_CLASSES["other"])
