"""The entity model's raw output, kept with each article so that rules can run again.

:func:`index.entities.resolve.resolve` turns the model's ``(start, end, label)``
spans into entities. Keeping those spans lets a later nutgraf apply its own,
newer rules to an article without running the model again (``nutgraf rebuild
--reread`` runs the model only where the text changed). They are stored as
zlib-compressed JSON (about 0.3 kB for a news story of 60 spans).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence

__all__ = ["RawSpans", "spans_from_blob", "spans_to_blob"]

#: ``(start, end, label)`` character offsets into the cleaned body, and the model's label.
RawSpans = list[tuple[int, int, str]]


def spans_to_blob(spans: Sequence[tuple[int, int, str]]) -> bytes:
    """The stored form of ``spans``."""
    text = json.dumps([[s, e, label] for s, e, label in spans], separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def spans_from_blob(blob: bytes | None) -> RawSpans | None:
    """Inverse of :func:`spans_to_blob`; None for no stored spans or a damaged value (the
    caller then falls back to the stored entities' mentions)."""
    if not blob:
        return None
    try:
        items = json.loads(zlib.decompress(bytes(blob)).decode("utf-8"))
        return [(int(s), int(e), str(label)) for s, e, label in items]
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return None
