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

__all__ = [
    "KIND_CLASSES",
    "KIND_COLOURS",
    "MIN_CONTRAST",
    "THEME_DEFAULTS",
    "contrast",
    "footer_colour",
    "kind_class",
    "theme_colours",
]

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
    # Secondary text (tui/palette.py theme_colours sets it for each theme).
    "secondary-foreground": "#8a8a8a",
    "footer-readable": "ansi_default",
    # A search match (in the article and in a result's snippet).
    "match-background": "#d7d75f",
    # A mention of the chosen entity (or a match being walked).
    "target-background": "#87afd7",
    # The mention or match the view is on now.
    "current-background": "#ffaf00",
    # A passage the user highlighted (h): pink, apart from the search colours.
    "keep-highlight-background": "#ffafd7",
}

#: WCAG 2.x success criterion 1.4.3 (contrast, minimum): 4.5:1 for ordinary text.
MIN_CONTRAST = 4.5
#: How far the entity list's highlighted row is mixed from the background towards the
#: text colour (focused list, other list): visible as a band, yet dark (or light)
#: enough that every kind's colour still passes :data:`MIN_CONTRAST` on it.
CURSOR_MIX = 0.16
CURSOR_BLURRED_MIX = 0.08


def _rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#rgb``) as three 0-255 ints; ValueError for anything else."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance (0 black to 1 white) of a ``#rrggbb`` colour, as WCAG 2.x
    defines it (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance): each sRGB channel
    c in 0..1 is linearised as c/12.92 when c <= 0.04045, else ((c+0.055)/1.055)**2.4,
    then L = 0.2126 R + 0.7152 G + 0.0722 B."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in _rgb(colour))
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio (1 to 21) of two ``#rrggbb`` colours:
    (L1 + 0.05) / (L2 + 0.05), L1 the lighter one's relative luminance
    (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0 to 1) of the way towards ``b``, in sRGB."""
    (r1, g1, b1), (r2, g2, b2) = _rgb(a), _rgb(b)
    return _hex((r1 + (r2 - r1) * amount, g1 + (g2 - g1) * amount, b1 + (b2 - b1) * amount))


def readable(colour: str, backgrounds: list[str], minimum: float = MIN_CONTRAST) -> str:
    """``colour``, or the least change of it towards white (dark backgrounds) or black
    (light ones) that reaches ``minimum`` contrast on every one of ``backgrounds``."""
    if all(contrast(colour, bg) >= minimum for bg in backgrounds):
        return colour
    dark = luminance(backgrounds[0]) < 0.18
    towards = "#ffffff" if dark else "#000000"
    for step in range(1, 101):
        candidate = mix(colour, towards, step / 100)
        if all(contrast(candidate, bg) >= minimum for bg in backgrounds):
            return candidate
    return towards


#: How far secondary text moves from the text colour towards the background (0 to 1).
SECONDARY_MIX = 0.35


def footer_colour(background: str, foreground: str) -> str:
    """The footer's text colour (``footer-readable``): the theme's ``foreground`` made
    readable (WCAG 2.x, :data:`MIN_CONTRAST`) on its footer ``background``; the
    terminal's own colour when either is not ``#rrggbb``."""
    try:
        _rgb(background), _rgb(foreground)
    except ValueError:
        return "ansi_default"
    return readable(foreground, [background])


def theme_colours(background: str, foreground: str) -> dict[str, str]:
    """nutgraf's theme variables for a theme with this ``background`` and ``foreground``
    (``#rrggbb``): each kind's colour made readable (WCAG 2.x, :data:`MIN_CONTRAST`) on the
    background and on the entity list's highlighted row, whose backgrounds are given too
    (``entity-cursor-background``, ``entity-cursor-blurred-background``), with the
    theme's text colour made readable on them (``entity-cursor-foreground``).

    A theme whose colours are not ``#rrggbb`` (the ANSI themes: the terminal chooses the
    colours) gets each kind as an ANSI colour, which the terminal's palette fits to its
    own background, and the highlighted row in bold and underlined."""
    try:
        _rgb(background), _rgb(foreground)
    except ValueError:
        return {
            **{f"entity-{kind}": colour for kind, colour in ANSI_KIND_COLOURS.items()},
            "entity-cursor-foreground": "ansi_default",
            "entity-cursor-background": "ansi_default",
            "entity-cursor-blurred-background": "ansi_default",
            "entity-cursor-text-style": "bold underline",
            "secondary-foreground": "ansi_default",
        }
    cursor = mix(background, foreground, CURSOR_MIX)
    blurred = mix(background, foreground, CURSOR_BLURRED_MIX)
    grounds = [background, cursor, blurred]
    return {
        **{f"entity-{kind}": readable(c, grounds) for kind, c in KIND_COLOURS.items()},
        # Secondary text (source lines, counts, placeholders): the text colour a third of
        # the way to the background, then made readable on the same grounds.
        "secondary-foreground": readable(mix(foreground, background, SECONDARY_MIX), grounds),
        "entity-cursor-foreground": readable(foreground, [cursor, blurred]),
        "entity-cursor-background": cursor,
        "entity-cursor-blurred-background": blurred,
        "entity-cursor-text-style": "bold",
    }


#: Each kind's colour on a theme of the terminal's own (ANSI) colours.
ANSI_KIND_COLOURS: dict[str, str] = {
    "person": "ansi_bright_blue",
    "org": "ansi_bright_magenta",
    "place": "ansi_bright_green",
    "group": "ansi_yellow",
    "event": "ansi_bright_red",
    "other": "ansi_bright_cyan",
    "number": "ansi_default",
}


def kind_class(kind: str) -> str:
    """The component class of an entity kind (an unknown kind is shown as "other")."""
    return KIND_CLASSES.get(kind, KIND_CLASSES["other"])
