"""What the reader remembers between runs, and the folders it keeps it in.

Two folders, as the XDG base directory spec separates them (platformdirs names
them on every system): the *config* folder holds the file the user writes
(``config.toml``, see :mod:`tui.config`); the *state* folder holds what the
reader remembers by itself (``state.json``): the theme, the last article read
in each library, each library's back/forward history and the search history.
``NUTGRAF_CONFIG_DIR`` / ``NUTGRAF_STATE_DIR`` (or platformdirs' own
``XDG_CONFIG_HOME`` / ``XDG_STATE_HOME`` on Linux) move them; the test suite
points them at temporary folders.

The state is written whole to a temporary file in the same folder and moved
over the old one (``os.replace``, atomic on POSIX and Windows), so two readers
or a crash leave the old file or the new one, never half of one. A state file
that cannot be read or parsed is named in one line and the reader starts
afresh; it never stops the reader.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CONFIG_ENV",
    "HISTORY_LIMIT",
    "SEARCH_HISTORY_LIMIT",
    "STATE_ENV",
    "State",
    "config_dir",
    "config_path",
    "library_key",
    "state_dir",
]

APP = "nutgraf"
CONFIG_ENV = "NUTGRAF_CONFIG_DIR"
STATE_ENV = "NUTGRAF_STATE_DIR"
#: Queries kept in the search history (the oldest go first).
SEARCH_HISTORY_LIMIT = 200
#: Articles kept in each library's back/forward history.
HISTORY_LIMIT = 200


def config_dir() -> Path:
    """The user's config folder for nutgraf (``$NUTGRAF_CONFIG_DIR``, else platformdirs'
    user_config_dir, e.g. ``~/.config/nutgraf``)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def config_path() -> Path:
    """The config file the reader reads (it need not exist)."""
    return config_dir() / "config.toml"


def state_dir() -> Path:
    """The folder of what the reader remembers (``$NUTGRAF_STATE_DIR``, else platformdirs'
    user_state_dir, e.g. ``~/.local/state/nutgraf``)."""
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def library_key(path: Path | str) -> str:
    """The key a library is remembered under: its absolute path."""
    return str(Path(path).expanduser().absolute())


def _strings(value: Any, limit: int) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)][-limit:]


@dataclass
class State:
    """What the reader remembers; :meth:`load` and :meth:`save` it as ``state.json``."""

    theme: str | None = None
    #: Library key (:func:`library_key`) -> id of the last article read there.
    last_article: dict[str, str] = field(default_factory=dict)
    #: Library key -> the articles opened there, oldest first (back/forward history).
    history: dict[str, list[str]] = field(default_factory=dict)
    #: Queries searched, oldest first, each once.
    searches: list[str] = field(default_factory=list)
    #: Where it is kept (None: nowhere, nothing is saved).
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[State, str | None]:
        """The state kept at ``path`` (default ``state_dir()/state.json``) and a one-line
        problem when it could not be read (a fresh state is returned then). A missing
        file is no problem: nothing was remembered yet. Never raises."""
        where = path if path is not None else state_dir() / "state.json"
        state = cls(path=where)
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return state, None
        except (OSError, UnicodeDecodeError, ValueError) as err:
            detail = " ".join(str(err).split())[:120]
            return state, f"ignored {where}: cannot read it ({detail})"
        if not isinstance(data, dict):
            return state, f"ignored {where}: not a JSON object"
        theme = data.get("theme")
        state.theme = theme if isinstance(theme, str) else None
        last = data.get("last_article")
        if isinstance(last, dict):
            state.last_article = {k: v for k, v in last.items() if isinstance(v, str)}
        history = data.get("history")
        if isinstance(history, dict):
            state.history = {k: _strings(v, HISTORY_LIMIT) for k, v in history.items()}
        state.searches = _strings(data.get("searches"), SEARCH_HISTORY_LIMIT)
        return state, None

    def save(self) -> str | None:
        """Write the state atomically (temp file + ``os.replace``); a one-line problem
        when it could not be written (a read-only home, a full disk), else None."""
        if self.path is None:
            return None
        data = {
            "theme": self.theme,
            "last_article": self.last_article,
            "history": self.history,
            "searches": self.searches[-SEARCH_HISTORY_LIMIT:],
        }
        tmp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
        except OSError as err:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return f"cannot save {self.path}: {' '.join(str(err).split())[:120]}"
        return None

    def add_search(self, query: str) -> None:
        """Remember ``query`` as the newest search (moved to the end if already there)."""
        query = query.strip()
        if not query:
            return
        if query in self.searches:
            self.searches.remove(query)
        self.searches.append(query)
        del self.searches[:-SEARCH_HISTORY_LIMIT]
