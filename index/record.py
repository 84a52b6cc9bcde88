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

__all__ = ["RECORD_ID_KEYS", "RecordFields", "record_fields", "record_id"]

#: Keys a JSON Lines corpus record names itself by; the first one present is its id.
RECORD_ID_KEYS = ("id", "_id", "doc_id", "docid", "uid", "guid")


@dataclass(frozen=True, slots=True)
class RecordFields:
    """``record_id``: the ``id`` a corpus record gave itself (as text), None when it gave
    none or the article is not from a corpus; ``category``: the category it was given."""

    record_id: str | None = None
    category: str | None = None


def record_fields(fmt: str, category: str | None, original: bytes | str) -> RecordFields:
    """The record fields of one stored article of format ``fmt`` (``jsonl`` for a corpus
    record) from its ``original`` bytes or text; never raises."""
    return RecordFields(record_id(fmt, original), category)


def record_id(fmt: str, original: bytes | str) -> str | None:
    """The id a corpus record (format ``jsonl``) gave itself under one of
    :data:`RECORD_ID_KEYS`, as text; None for other formats, a record that is not a JSON
    object, or one without a usable (non-empty string or integer) id. Never raises."""
    if fmt != "jsonl":
        return None
    try:
        record = json.loads(original)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict):
        return None
    for key in RECORD_ID_KEYS:
        own = record.get(key)
        if isinstance(own, str | int) and not isinstance(own, bool) and str(own).strip():
            return str(own)
    return None
