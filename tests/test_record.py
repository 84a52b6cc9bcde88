"""A corpus record's own id is read one way for the reader's header and for the CLI's
``record_id`` (issue 14, items 18 and 21): index/record.py."""

from __future__ import annotations

import pytest

from index.record import record_fields, record_id


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (b'{"id": "bbc-business-001", "text": "x"}', "bbc-business-001"),
        (b'{"_id": 42, "text": "x"}', "42"),
        (b'{"doc_id": "d7", "id": ""}', "d7"),  # an empty id gives way to the next key
        (b'{"id": true}', None),  # a boolean is not an id
        (b'{"id": {"nested": 1}}', None),
        (b"[1, 2]", None),
        (b"not json", None),
        (b"\xff\xfe", None),
    ],
)
def test_a_records_own_id(original: bytes, expected: str | None) -> None:
    assert record_id("jsonl", original) == expected
    assert record_id("jsonl", original.decode("utf-8", "replace")) == expected
    assert record_fields("jsonl", "business", original).record_id == expected


def test_only_a_corpus_record_has_one() -> None:
    assert record_id("md", b'{"id": "x"}') is None
    assert record_fields("html", "c", b"<p>").category == "c"
