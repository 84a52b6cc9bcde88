"""An entity followed across the library: which articles, in what order, and where next.

In library mode, choosing an entity searches for the articles that mention it
and ``n`` / ``N`` walk through its mentions article after article. This is the
walk's state and every decision about it, as plain values in and out (no UI),
so it is tested on its own as :mod:`tui.history` is; the screen only asks it
and opens what it answers.

- The articles are walked in the order the search panel lists them, then any
  the list has not reached yet (results load a page at a time).
- Past the last mention of an article ``n`` goes on to the next article, and
  before the first ``N`` goes back to the previous one; both wrap around the
  walk. An article not in the walk goes on to the walk's first (``n``) or
  last (``N``) article; a walk of one article stays in it.
- The screen shows ``article 2/3`` (:meth:`Walk.place`) beside ``mention 1/4`` and says when
  the walk wraps round (:meth:`Walk.wraps`).
- The walk starts (opens its first article) once, when its results are first
  shown; later lists only reorder it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Walk"]


@dataclass
class Walk:
    """An entity being followed across the library: its search and its articles in order."""

    name: str
    kind: str
    query: str
    ids: list[str]
    started: bool = False

    def follow(self, query: str, listed: Sequence[str]) -> str | None:
        """The search panel now lists ``listed`` for ``query``: walk in that order.

        Returns the article to open when this starts the walk (the first time
        its results are shown), else None. Results of another query change nothing.
        """
        if query != self.query:
            return None
        known = set(self.ids)
        first: list[str] = []
        for article_id in listed:
            if article_id in known and article_id not in first:
                first.append(article_id)
        chosen = set(first)
        self.ids = first + [i for i in self.ids if i not in chosen]
        if self.started or not self.ids:
            return None
        self.started = True
        return self.ids[0]

    def step(self, current: str, delta: int, index: int, count: int) -> str | None:
        """Where ``n`` (``delta`` 1) or ``N`` (-1) goes from mention ``index`` of ``count``
        in article ``current``: the article to open, or None to step within this one."""
        at_edge = count == 0 or (delta > 0 and index >= count - 1) or (delta < 0 and index <= 0)
        return self.next_article(current, delta) if at_edge else None

    def next_article(self, current: str, delta: int) -> str | None:
        """The article after (``delta`` 1) or before (-1) ``current`` in the walk, wrapping;
        None when there is nowhere else to go (an empty walk, or ``current`` alone in it)."""
        if not self.ids:
            return None
        if current not in self.ids:
            return self.ids[0] if delta > 0 else self.ids[-1]
        here = self.ids.index(current)
        there = (here + delta) % len(self.ids)
        return None if there == here else self.ids[there]

    def place(self, current: str) -> str:
        """Where ``current`` is in the walk, e.g. ``article 2/3`` (shown beside the
        ``mention 1/4`` of the article); ``article –/3`` for one not in the walk."""
        where = str(self.ids.index(current) + 1) if current in self.ids else "–"
        return f"article {where}/{len(self.ids)}"

    def wraps(self, current: str, there: str, delta: int) -> bool:
        """Whether going from ``current`` to ``there`` (``delta`` 1 or -1) wrapped round
        the walk: past the last article back to the first, or the other way."""
        if current not in self.ids or there not in self.ids:
            return False
        here, to = self.ids.index(current), self.ids.index(there)
        return to < here if delta > 0 else to > here
