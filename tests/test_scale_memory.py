"""What a reader keeps per document stays small as the library grows (issue 16, item 3:
reader memory at 100,000 articles).

The search scorer keeps every document's length in each field it scores, per segment
(:mod:`index.fulltext.whoosh_patches`): as a list of Python ints that was about 36 bytes
a document and field (a pointer and an int object), 25-35 MB at 100,000 articles; it is
now an array of 4-byte ints, read from the length column at once.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from index.fulltext.whoosh_patches import _LENGTHS, field_lengths
from index.library import Library
from tests.correction_library import add_stories


def _stories(first: int, count: int) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        f"Story {n}": (
            f"Ann Lee{n} spoke in Leeds. " * (1 + n % 4) + "The minister said so." * (n % 3),
            {f"Ann Lee{n}": "PERSON", "Leeds": "GPE"},
        )
        for n in range(first, first + count)
    }


def test_the_scorers_field_lengths_take_four_bytes_a_document(tmp_path: Path) -> None:
    """Every length the scorer keeps is a 4-byte int in an array (not a list of Python
    ints), one per document of the segment, equal to Whoosh's own lengths (1 where a
    document has none, as the stock scorer has it)."""
    lib = Library.open(tmp_path / "lib")
    add_stories(lib, _stories(0, 120))
    add_stories(lib, _stories(120, 80))  # a second segment
    for query in ("spoke", 'person:"Ann Lee7"', "minister AND leeds"):
        assert lib.search(query).total > 0, query
    searcher = lib.searcher()._current()
    checked = 0
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        cached = _LENGTHS.get(reader, {})
        assert "body" in cached, cached.keys()
        for field, lengths in cached.items():
            assert isinstance(lengths, array) and lengths.itemsize <= 4, (field, type(lengths))
            assert len(lengths) == reader.doc_count_all()
            assert list(lengths) == [n or 1 for n in field_lengths(reader, field, 1)]
            checked += 1
    assert checked >= 3  # body in both segments, person in the first
    lib.close()
