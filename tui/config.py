"""The user's config file: keys, colours and theme, in TOML.

``nutgraf config path`` prints where it is (:func:`tui.settings.config_path`,
``config.toml`` in the config folder). Every section and key is optional::

    [theme]
    name = "nord"              # any theme of the palette (ctrl+p, "theme")

    [keys]                     # binding id = "key" or "key1,key2" (Textual key names)
    search = "ctrl+f"
    next = "n,ctrl+n"

    [colors]                   # entity kinds and highlights, "#rrggbb" or a colour name
    person = "#005f87"
    match = "yellow"

The ``[keys]`` names are the binding ids (the reader gives every binding one) and
the reader applies them with Textual's keymap (``App.set_keymap``). The file is
read with :mod:`tomllib`. What cannot be used (an unknown section or key, a value
of the wrong type, a colour Textual cannot parse) is named in one line each, with
the file and the key, and the rest still applies; a file that is not TOML is
named with its line and column, and nothing in it applies. Nothing raises.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.keys import (
    KEY_NAME_REPLACEMENTS,
    KEY_TO_UNICODE_NAME,
    Keys,
    _character_to_key,
    format_key,
    key_to_character,
)

from tui.caps import capped
from tui.palette import KIND_COLOURS

__all__ = [
    "COLOR_NAMES",
    "IDS_BY_ACTION",
    "Config",
    "binding_ids",
    "is_key",
    "keys_of",
    "load_config",
    "named",
    "remap",
]

#: ``[colors]`` names and the theme variable each sets.
COLOR_NAMES: dict[str, str] = {
    **{kind: f"entity-{kind}" for kind in KIND_COLOURS},
    "match": "match-background",
    "target": "target-background",
    "current": "current-background",
    "highlight-text": "highlight-foreground",
    "highlight": "keep-highlight-background",
}


@dataclass
class Config:
    """What the config file asks for, and what in it could not be used."""

    theme: str | None = None
    #: Binding id -> keys, as Textual's keymap takes them ("ctrl+f" or "n,ctrl+n").
    keys: dict[str, str] = field(default_factory=dict)
    #: Theme variable -> colour (e.g. ``entity-person`` -> ``#005f87``).
    colors: dict[str, str] = field(default_factory=dict)
    #: One line per thing that could not be used, each naming the file and the key.
    problems: list[str] = field(default_factory=list)


def load_config(
    path: Path, binding_ids: Iterable[str], chains: Sequence[Sequence[BindingType]] = ()
) -> Config:
    """Read the config file at ``path`` (a missing file is an empty config).

    ``binding_ids`` are the ids ``[keys]`` may name. ``chains`` are the lists of
    bindings that are active at the same time (the app's, the screen's and one
    pane's): a ``[keys]`` entry that gives a key another binding of the same chain
    has is a problem, and the later entry of the file keeps its default. Never
    raises: every problem is a line in :attr:`Config.problems`.
    """
    config = Config()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return config
    except tomllib.TOMLDecodeError as err:  # its message names the line and column
        config.problems.append(f"{path}: not TOML, ignored ({err})")
        return config
    except (OSError, UnicodeDecodeError) as err:
        config.problems.append(f"{path}: cannot read it ({' '.join(str(err).split())})")
        return config
    ids = set(binding_ids)

    def problem(key: str, what: str) -> None:
        config.problems.append(f"{path}: {_cut(key)}: {what}")

    for section, body in data.items():
        if section not in ("theme", "keys", "colors"):
            problem(section, "unknown section (theme, keys and colors are known)")
        elif not isinstance(body, dict):
            problem(section, "should be a [section]")
        elif section == "theme":
            for key, value in body.items():
                if key != "name":
                    problem(f"theme.{key}", "unknown key (name is known)")
                elif not isinstance(value, str):
                    problem("theme.name", "should be a string")
                else:
                    config.theme = value
        elif section == "keys":
            for key, value in body.items():
                if key not in ids:
                    problem(f"keys.{key}", _unknown("binding", key, ids))
                elif not isinstance(value, str):
                    problem(f"keys.{key}", 'should be a key as a string, e.g. "ctrl+f"')
                elif not value.strip():
                    problem(f"keys.{key}", 'is empty; give a key, e.g. "ctrl+f"')
                elif not all(is_key(k) for k in value.replace(" ", "").split(",")):
                    problem(f"keys.{key}", f"not a key name: {_cut(value)!r}; {_KEY_HELP}")
                else:
                    config.keys[key] = value.replace(" ", "")
        else:
            for key, value in body.items():
                if key not in COLOR_NAMES:
                    problem(f"colors.{key}", _unknown("colour name", key, set(COLOR_NAMES)))
                elif not isinstance(value, str):
                    problem(f"colors.{key}", 'should be a colour as a string, e.g. "#005f87"')
                else:
                    try:
                        Color.parse(value)
                    except ColorParseError:
                        problem(f"colors.{key}", f"not a colour: {_cut(repr(value))}")
                    else:
                        config.colors[COLOR_NAMES[key]] = value
    for first, later, key in _clashes(chains, config.keys):
        del config.keys[later]
        shown = format_key(key)
        problem(f"keys.{later}", f"{shown} is also {first}'s key; {later} keeps its default")
    return config


#: Modifiers Textual puts before a key name (``ctrl+f``, ``alt+left``, ``shift+tab``).
_MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})
#: Key names of keys that are not characters, and of characters (textual.keys).
_NAMED = frozenset(
    {k.value for k in Keys if not k.value.startswith("<")}
    | set(KEY_NAME_REPLACEMENTS.values())
    | set(KEY_TO_UNICODE_NAME)
)
_KEY_HELP = "key names as Textual gives them, e.g. n, ctrl+f, f1, pageup"


def is_key(key: str) -> bool:
    """True if ``key`` is one key as Textual names it in a binding: a character
    (``n``, ``N``, ``?``), a name of textual.keys (``escape``, ``pageup``, ``f1``,
    ``question_mark``, ``left_square_bracket``), any of them after modifiers
    (``ctrl+f``, ``alt+left``); anything else, such as Rich markup, is not."""
    *modifiers, name = key.split("+")
    if any(m not in _MODIFIERS for m in modifiers) or len(set(modifiers)) < len(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    return name in _NAMED or (
        name.isascii() and name == name.lower() and key_to_character(name) is not None
    )


def _keys(keys: str) -> list[str]:
    """The keys of a binding's key string, as key events name them (``?`` -> ``question_mark``)."""
    return [key_name(k) for k in keys.replace(" ", "").split(",") if k]


def key_name(key: str) -> str:
    """A key as key events name it: a character's name (``?`` -> ``question_mark``)."""
    return _character_to_key(key) if len(key) == 1 else key


def keys_of(
    binding_id: str, chains: Sequence[Sequence[BindingType]], keymap: dict[str, str]
) -> str:
    """The keys of the binding ``binding_id``: from ``keymap``, else its default (``""``
    for an unknown id)."""
    if binding_id in keymap:
        return keymap[binding_id]
    for chain in chains:
        for b in chain:
            if isinstance(b, Binding) and b.id == binding_id:
                return b.key
    return ""


def _clashes(
    chains: Sequence[Sequence[BindingType]], keymap: dict[str, str]
) -> list[tuple[str, str, str]]:
    """``(first, later, key)``: two binding ids given ``key`` in one chain, ``later``
    being the ``keymap`` entry (the later one in the file when both are); after each,
    ``later`` is taken back to its default and the search goes on. ``keymap`` is not
    changed."""
    kept = dict(keymap)
    found: list[tuple[str, str, str]] = []
    order = list(keymap)
    while (clash := _first_clash(chains, kept)) is not None:
        *pair, key = clash
        first, later = sorted(pair, key=lambda i: order.index(i) if i in kept else -1)
        found.append((first, later, key))
        del kept[later]
    return found


def _first_clash(
    chains: Sequence[Sequence[BindingType]], keymap: dict[str, str]
) -> tuple[str, str, str] | None:
    """Two ids, at least one of them in ``keymap``, and a key they share in a chain."""
    for chain in chains:
        owner: dict[str, str] = {}
        for b in chain:
            if not isinstance(b, Binding) or not b.id:
                continue
            for key in _keys(keymap.get(b.id, b.key)):
                other = owner.setdefault(key, b.id)
                if other != b.id and (other in keymap or b.id in keymap):
                    return other, b.id, key
    return None


#: The most of a value from the file a problem line quotes (issue 14 fix item 12).
QUOTED_AT_MOST = 60


def _cut(quoted: str) -> str:
    """``quoted`` cut to :data:`QUOTED_AT_MOST` characters with ``…``, so that a huge
    value in the file makes a short problem line, not a toast over the screen."""
    return capped(quoted, QUOTED_AT_MOST)


def _unknown(what: str, key: str, known: set[str]) -> str:
    """``no such binding; did you mean 'search'?``: the closest known name (difflib), so a
    toast stays short; the README lists every name."""
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else " (the README lists the names)"
    return f"no such {what}{hint}"


#: The id (the config file's name) of a binding, by its action; any other action's id is
#: the action with ``-`` for ``_`` (``search``, ``entities``, ``back``, ``clear``, ...).
IDS_BY_ACTION: dict[str, str] = {
    "step(1)": "next",
    "step(-1)": "previous",
    "result(1)": "next-result",
    "result(-1)": "previous-result",
    "entity_mode": "library-mode",
    "pane(1)": "next-pane",
    "pane(-1)": "previous-pane",
    "scroll_down": "down",
    "scroll_up": "up",
    "scroll_home": "top",
    "scroll_end": "bottom",
    "toggle_colours": "colours",
    "toggle_raw": "original",
    "sort_entities": "sort",
}


def named(bindings: Iterable[BindingType]) -> list[BindingType]:
    """``bindings`` with an id each (one already set is kept), the name ``[keys]`` uses:
    from :data:`IDS_BY_ACTION`, else the action. Textual's keymap (``App.set_keymap``)
    finds bindings by these ids. Applied in each class body after its ``BINDINGS`` list,
    so the list reads as Textual's examples do."""
    return [
        replace(b, id=b.id or IDS_BY_ACTION.get(b.action, b.action.replace("_", "-")))
        if isinstance(b, Binding)
        else b
        for b in bindings
    ]


def binding_ids(bindings: Iterable[BindingType]) -> list[str]:
    """The ids of the :class:`Binding` objects in ``bindings``."""
    return [b.id for b in bindings if isinstance(b, Binding) and b.id]


def remap(bindings: Iterable[BindingType], keymap: dict[str, str]) -> list[BindingType]:
    """``bindings`` with the keys ``keymap`` gives their ids (for lists of keys, such
    as the help screen's; Textual applies the keymap itself to what keys do)."""
    return [
        replace(b, key=keymap[b.id], key_display=None)
        if isinstance(b, Binding) and b.id in keymap
        else b
        for b in bindings
    ]
