"""A corpus record's own fields, read back from the original kept with its article.

A JSON Lines record names itself (``"id": "bbc-business-001"``) and its
``category``; nutgraf's article id is a digest of the text instead (so the same
story from two records is one article). The category has its own column; the
record's id is not stored apart, but the record's bytes are (every article keeps
its original), so it is read from there: no change to the store's schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

__all__ = ["RecordFields", "record_fields"]


@dataclass(frozen=True, slots=True)
class RecordFields:
    """``record_id``: the ``id`` a corpus record gave itself (as text), None when it gave
    none or the article is not from a corpus; ``category``: the category it was given."""

    record_id: str | None = None
    category: str | None = None


def record_fields(fmt: str, category: str | None, original: bytes) -> RecordFields:
    """The record fields of one stored article of format ``fmt`` (``jsonl`` for a corpus
    record) from its ``original`` bytes; never raises."""
    if fmt != "jsonl":
        return RecordFields(None, category)
    try:
        record = json.loads(original)
    except (ValueError, UnicodeDecodeError):
        return RecordFields(None, category)
    own = record.get("id") if isinstance(record, dict) else None
    if isinstance(own, bool) or not isinstance(own, str | int) or own == "":
        return RecordFields(None, category)
    return RecordFields(str(own), category)
