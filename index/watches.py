"""Saved searches and watchlists: a named query, and which of its matches are new.

A saved search ("watch") is a name and a query. What the user has seen of it
is the set of article ids that matched when they last looked (the
``watch_seen`` table, :mod:`index.storage.watch_store`), so its new matches
are simply its current matches that are not among them. That stays right
whatever happens to the library: an article added by any process, or one that
starts to match later (tagged, its entities corrected) is new; an article
removed is no longer a match, new or not; and a saved search just made counts
its current matches as seen (it watches for what comes next). Reading a
watch's status never marks it seen; only :meth:`Watches.mark_seen` does, with
the ids the user was shown, so an article that arrives while they look stays
new.

Names follow one rule (:data:`NAME_RULE`), and two names that differ only in
case or accents (folded by :func:`index.folding.fold`) are the same name. A
query is checked by the search's own parser when it is saved: a malformed one
is a :class:`WatchError`. Counting the matches runs the query through the
library's searcher (:meth:`LibrarySearcher.matching_ids`): no ranking, no
snippets, no spaCy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from index.article import now_iso
from index.folding import fold
from index.model import ArticleSummary, LibraryReadOnly, NoSuchWatch, WatchError, WatchStatus
from index.storage.watch_store import WatchRow, WatchStore

if TYPE_CHECKING:
    from index.library import Library

__all__ = [
    "MAX_NAME",
    "NAME_RULE",
    "NoSuchWatch",
    "WatchError",
    "WatchStatus",
    "Watches",
    "check_name",
    "suggest_name",
]

#: Longest name of a saved search, in characters (nutgraf's own choice: a name then
#: shows whole in the saved-search list and in a toast at 60 columns).
MAX_NAME = 60

#: Punctuation a name may hold besides letters, digits and spaces: what names of people,
#: firms and topics use (``O'Neill``, ``AT&T``, ``C++``, ``#MeToo``), and none of the query
#: syntax's or a path's own (``:``, ``*``, ``"``, ``/``) nor the control codes a terminal acts on.
_PUNCTUATION = "-_.'’&+#()"

#: The rule for names, as the error says it.
NAME_RULE = (
    f"a name is 1 to {MAX_NAME} characters: letters, digits, spaces and {_PUNCTUATION},"
    " starting with a letter or digit"
)


def check_name(name: str) -> str:
    """``name`` as it is kept (NFC, runs of spaces made one, trimmed); raises
    WatchError naming what breaks :data:`NAME_RULE`."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        raise WatchError(f"a saved search needs a name: {NAME_RULE}")
    shown = cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"
    if len(cleaned) > MAX_NAME:
        raise WatchError(f"name {shown!r} is too long: {NAME_RULE}")
    bad = next((ch for ch in cleaned if not (ch.isalnum() or ch in _PUNCTUATION + " ")), None)
    if bad is not None:
        raise WatchError(f"name {shown!r} holds {bad!r}: {NAME_RULE}")
    if not cleaned[0].isalnum():
        raise WatchError(f"name {shown!r} does not start with a letter or digit: {NAME_RULE}")
    return cleaned


def suggest_name(query: str) -> str:
    """A name for a saved search of ``query`` that follows :data:`NAME_RULE`, for a dialog
    to offer: its letters, digits and allowed punctuation, cut at a word to fit
    (``person:"Tony Blair"`` -> ``person Tony Blair``); ``""`` when nothing is left."""
    text = unicodedata.normalize("NFC", query)
    kept = "".join(ch if ch.isalnum() or ch in _PUNCTUATION else " " for ch in text)
    words = kept.split()
    while words and not words[0][0].isalnum():
        words[0] = words[0][1:] or ""
        if not words[0]:
            words.pop(0)
    name = ""
    for word in words:
        longer = f"{name} {word}".strip()
        if len(longer) > MAX_NAME:
            break
        name = longer
    return name or (words[0][:MAX_NAME] if words else "")


class Watches:
    """The saved searches of one library (``Library.watches``)."""

    #: :func:`check_name` and :func:`suggest_name`, for the reader (which imports no
    #: module of ``index/`` but the library and its model).
    check_name = staticmethod(check_name)
    suggest_name = staticmethod(suggest_name)

    def __init__(self, library: Library) -> None:
        self._library = library
        self._rows = WatchStore(library.store)

    # -- reading -------------------------------------------------------------

    def names(self) -> list[str]:
        """The names of the saved searches, by name (case aside). Reads the store only."""
        return [row.name for row in self._rows.rows()]

    def statuses(self) -> list[WatchStatus]:
        """Every saved search with its matches now, by name; marks nothing seen. Raises
        IndexDamaged or StoreError (a query that no longer parses finds nothing)."""
        return [self._status(row) for row in self._rows.rows()]

    def status(self, name: str) -> WatchStatus:
        """One saved search with its matches now; raises NoSuchWatch."""
        return self._status(self._row(name))

    def summaries(self, ids: Iterable[str]) -> list[ArticleSummary]:
        """The live articles among ``ids``, newest first (for showing a watch's matches)."""
        found = self._library.store.summaries_by_id(list(ids))
        return [found[i] for i in self._in_order(found)]

    # -- writing -------------------------------------------------------------

    def add(self, name: str, query: str) -> WatchStatus:
        """Save ``query`` as ``name``, its current matches counted as seen. Raises
        WatchError (a bad or taken name, a malformed query), LibraryReadOnly."""
        self._writable()
        name = check_name(name)
        query = " ".join(query.split())
        ids = self._matching(query, strict=True)
        created = now_iso()
        if not self._rows.insert(name, fold(name), query, created, ids):
            taken = self._rows.find(fold(name))
            was = f" (as {taken.name!r})" if taken and taken.name != name else ""
            raise WatchError(f"there is already a saved search named {name!r}{was}")
        return self.status(name)

    def mark_seen(self, name: str, ids: Iterable[str] | None = None) -> int:
        """Mark saved search ``name`` seen: its matches are now ``ids`` (those the user
        was shown; None: its matches now). Returns how many. Raises NoSuchWatch,
        LibraryReadOnly."""
        self._writable()
        row = self._row(name)
        seen = set(self._matching(row.query) if ids is None else ids)
        if not self._rows.set_seen(row.key, seen, now_iso()):
            raise NoSuchWatch(f"no saved search named {name!r} (see 'nutgraf watch list')")
        return len(seen)

    def remove(self, name: str) -> str:
        """Remove saved search ``name``; returns its name as it was kept. Raises
        NoSuchWatch, LibraryReadOnly."""
        self._writable()
        row = self._row(name)
        if not self._rows.delete(row.key):
            raise NoSuchWatch(f"no saved search named {name!r} (see 'nutgraf watch list')")
        return row.name

    def rename(self, old: str, new: str) -> str:
        """Rename saved search ``old`` to ``new`` (its matches seen are kept); returns the
        new name as kept. Raises NoSuchWatch, WatchError (bad or taken), LibraryReadOnly."""
        self._writable()
        row = self._row(old)
        name = check_name(new)
        outcome = self._rows.rename(row.key, name, fold(name))
        if outcome == "missing":
            raise NoSuchWatch(f"no saved search named {old!r} (see 'nutgraf watch list')")
        if outcome == "taken":
            raise WatchError(f"there is already a saved search named {name!r}")
        return name

    # -- inside ----------------------------------------------------------------

    def _writable(self) -> None:
        if self._library.read_only:
            raise LibraryReadOnly(f"library at {self._library.path} is read-only")

    def _row(self, name: str) -> WatchRow:
        row = self._rows.find(fold(" ".join(unicodedata.normalize("NFC", name).split())))
        if row is None:
            raise NoSuchWatch(f"no saved search named {name!r} (see 'nutgraf watch list')")
        return row

    def _matching(self, query: str, strict: bool = False) -> list[str]:
        """The live articles ``query`` finds, newest first. A malformed query raises
        WatchError with ``strict``, and otherwise finds nothing (a query saved by
        another version of nutgraf may no longer parse: its watch stays listed)."""
        from index.fulltext.query import QueryError  # Whoosh: only once a query is run

        try:
            found = self._library.searcher().matching_ids(query)
        except QueryError as err:
            if strict:
                raise WatchError(f"query {query!r}: {err}") from None
            return []
        return self._in_order(found)

    def _in_order(self, ids: Iterable[str]) -> list[str]:
        """The live articles among ``ids``, newest first (the library's order,
        :data:`index.storage.order.NEWEST_FIRST`: undated ones last)."""
        rows = self._rows.order_rows(list(ids))
        rows.sort(key=lambda r: r[0])  # id ascending breaks ties last
        rows.sort(key=lambda r: (r[1] is not None, r[1] or "", r[2]), reverse=True)
        return [r[0] for r in rows]

    def _status(self, row: WatchRow) -> WatchStatus:
        ids = self._matching(row.query)
        seen = self._rows.seen(row.id)
        new = tuple(i for i in ids if i not in seen)
        return WatchStatus(row.name, row.query, row.created, row.seen_at, tuple(ids), new)
