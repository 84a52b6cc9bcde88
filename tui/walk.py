"""An entity followed across the library: which articles, in what order, and where next.

In library mode, choosing an entity searches for the articles that mention it
and ``n`` / ``N`` walk through its mentions article after article. This holds
the walk's state apart from the screen that shows it.
"""

from __future__ import annotations

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
