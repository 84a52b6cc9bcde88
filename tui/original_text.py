"""Where the article view's highlights go in the original text, and what a click chose.

The article view shows the cleaned body or the original as given; mentions and
matches are offsets into the body. :class:`OriginalPlaces` holds the body's
alignment with the original (:func:`index.library.map_original`) for one
article and remembers each span's place there. :func:`clicked_mention` reads
which entity and mention a click landed on from the meta that the view itself
put on the style of each coloured name (never from the article's text).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from index.library import OriginalMap

__all__ = ["ENTITY_META", "OriginalPlaces", "clicked_mention"]

Span = tuple[int, int]

#: The style meta key of a coloured name: ``(entity index, mention index)``.
ENTITY_META = "nutgraf-entity"


class OriginalPlaces:
    """The places in the original of one article's body spans (None: not there)."""

    def __init__(self) -> None:
        #: The body aligned with the original; None until it has been aligned.
        self.aligned: OriginalMap | None = None
        self._places: dict[Span, Span | None] = {}

    def clear(self) -> None:
        """Forget the article (another one is shown)."""
        self.aligned = None
        self._places = {}

    def place(self, start: int, end: int) -> Span | None:
        """Where body characters ``start:end`` are in the original; None when they are
        not there or the original is not aligned yet."""
        if self.aligned is None:
            return None
        key = (start, end)
        if key not in self._places:
            self._places[key] = self.aligned.span(start, end)
        return self._places[key]

    def none_placed(self, spans: Sequence[Span]) -> bool:
        """True when the original is aligned and none of ``spans`` is in it."""
        return self.aligned is not None and all(self.place(*s) is None for s in spans)


def clicked_mention(meta: Mapping[str, object], entities: int) -> tuple[int, int] | None:
    """``(entity index, mention index)`` of the coloured name a click's style ``meta``
    names, among ``entities`` entities; None for a click anywhere else."""
    where = meta.get(ENTITY_META)
    if not (isinstance(where, tuple) and len(where) == 2):
        return None
    entity, mention = where
    if isinstance(entity, int) and isinstance(mention, int) and 0 <= entity < entities:
        return entity, mention
    return None
