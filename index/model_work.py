"""The values of the user's own work on a library, re-exported by :mod:`index.model`: an
annotation (star, tag, note or highlight) as a W3C Web Annotation, the marks a list row
shows of an article's annotations, and a saved search ("watch") with its matches now and
the errors of making or changing one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Annotation", "Marks", "NoSuchWatch", "WatchError", "WatchStatus"]


@dataclass(frozen=True, slots=True)
class Annotation:
    """One of the user's annotations, shaped as a W3C Web Annotation
    (https://www.w3.org/TR/annotation-model/).

    ``kind`` is ``star``, ``tag``, ``note`` (on the article) or ``highlight`` (on a
    passage, with an optional ``note``); ``motivation`` is the model's: ``bookmarking``,
    ``tagging``, ``commenting`` or ``highlighting``. A highlight's target is the passage
    ``start``..``end`` (character offsets in the article's cleaned body, a
    TextPositionSelector) and ``exact`` with ``prefix`` and ``suffix`` (a
    TextQuoteSelector). ``orphaned``: its words were not found again when the article was
    re-added (the quote is kept, the offsets mean nothing); ``removed``: the article is
    no longer in the library (``title`` is as it was when annotated). Times are ISO 8601
    UTC, to the second.
    """

    id: int
    article_id: str
    title: str
    kind: str
    motivation: str
    tag: str | None = None
    note: str | None = None
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    orphaned: bool = False
    removed: bool = False
    created: str = ""
    modified: str = ""


@dataclass(frozen=True, slots=True)
class Marks:
    """What a list row shows of an article's annotations: star, tags (as first typed),
    and how many highlights and notes it has."""

    starred: bool = False
    tags: tuple[str, ...] = ()
    highlights: int = 0
    notes: int = 0


class WatchError(ValueError):
    """A saved search cannot be made or changed as asked (a name against
    :data:`index.watches.NAME_RULE`, a name taken, a malformed query); ``str(err)`` is one line."""


class NoSuchWatch(WatchError):
    """No saved search has that name; ``str(err)`` is one line naming it."""


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """A saved search and its matches now.

    ``ids``: every live article it finds, newest first (the library's order);
    ``new_ids``: those of them not seen yet, newest first; ``created`` and
    ``seen_at``: ISO 8601 UTC times (``seen_at`` None if never seen).
    """

    name: str
    query: str
    created: str
    seen_at: str | None
    ids: tuple[str, ...]
    new_ids: tuple[str, ...]

    @property
    def total(self) -> int:
        """How many articles it finds now."""
        return len(self.ids)

    @property
    def new(self) -> int:
        """How many of them are new (all counted, never capped)."""
        return len(self.new_ids)
