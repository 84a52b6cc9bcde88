"""What a search gives back, and how a damaged index is reported.

Kept apart from :mod:`index.fulltext.search` so that code which only shows results
(the reader, the command line) or only reports errors does not import Whoosh:
the reader's first screen needs neither.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REBUILD_HINT", "IndexDamaged", "SearchHit", "SearchResult", "damaged_message"]

Span = tuple[int, int]

REBUILD_HINT = "run 'nutgraf rebuild' to make it again from the stored articles"


class IndexDamaged(RuntimeError):
    """The search index cannot be read; ``nutgraf rebuild`` makes it again from the store."""


def damaged_message(err: BaseException) -> str:
    """One line saying the index is damaged, why, and what to do."""
    detail = " ".join(str(err).split())[:120] or type(err).__name__
    return f"the search index is damaged ({detail}); {REBUILD_HINT}"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article: what to show, and where in its body the query matched."""

    id: str
    title: str
    source: str | None
    published: str | None
    score: float
    snippet: str
    snippet_matches: tuple[Span, ...]
    matches: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query: total count, top hits, and any suggestion or error."""

    query: str
    total: int = 0
    hits: tuple[SearchHit, ...] = ()
    suggestion: str | None = None
    error: str | None = None
    notice: str | None = None
    damaged: bool = False
    #: The search was given up on before it finished (a newer query replaced it).
    cancelled: bool = False
