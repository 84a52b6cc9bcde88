"""Merging segments copies every live posting exactly, as Whoosh's own merge does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whoosh.index import Index
from whoosh.reading import IndexReader, SegmentReader
from whoosh.writing import NO_MERGE

from index.article import Article
from index.entities.entity import Entity
from index.fulltext.segments import merge_segment
from index.fulltext.writer import create_index, document, new_writer

PORT = Entity("Port Authority", "ORG", "org", ("Authority",), ())


def story(batch: int, k: int, edit: str = "") -> dict[str, Any]:
    # "harbour" is in every story (a posting list in blocks); "word{k}" in a few
    # (inlined in the term's entry); every story has an entity (keyword fields).
    body = f"The harbour reopened {edit}after the storm. Crews cleared word{k} and word{k % 3}."
    article = Article(title=f"Batch {batch} story {k}", body=body, original=b"")
    return document(article, [PORT])


def commit(
    ix: Index, docs: list[dict[str, Any]], policy: Any = NO_MERGE, delete: tuple[str, ...] = ()
) -> None:
    writer = new_writer(ix)
    for doc in docs:
        writer.add_document(**doc)
    for article_id in delete:
        writer.delete_by_term("id", article_id)
    writer.commit(mergetype=policy)


def stock_merge(writer: Any, segments: list[Any]) -> list[Any]:
    for segment in segments:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return []


def fast_merge(writer: Any, segments: list[Any]) -> list[Any]:
    for segment in segments:
        merge_segment(writer, segment)
    return []


def build(path: Path, policy: Any) -> IndexReader:
    ix = create_index(path)
    for batch in range(3):
        commit(ix, [story(batch, k) for k in range(12)])
    edited = [story(0, 1, edit="again "), story(2, 5, edit="late ")]
    commit(ix, edited, delete=(story(0, 1)["id"], story(2, 5)["id"]))  # deletions in two
    # The merging commit adds documents of its own too: both kinds of postings interleave.
    commit(ix, [story(3, k) for k in range(4)], policy)
    assert len(ix._segments()) == 1
    return ix.reader()


def postings(reader: IndexReader) -> dict[tuple[str, bytes], list[tuple[int, float, Any]]]:
    out = {}
    for term in reader.all_terms():
        m, found = reader.postings(*term), []
        while m.is_active():
            found.append((m.id(), m.weight(), m.value()))
            m.next()
        out[term] = found
    return out


def test_merged_segment_is_the_same_as_whooshs_own_merge(tmp_path: Path) -> None:
    stock, fast = build(tmp_path / "stock", stock_merge), build(tmp_path / "fast", fast_merge)
    assert fast.doc_count_all() == stock.doc_count_all() == 36 + 4  # deleted ones left out
    assert list(fast.all_stored_fields()) == list(stock.all_stored_fields())
    expected = postings(stock)
    assert postings(fast) == expected
    assert len(expected[("body", b"harbour")]) == 40
    assert any(value for posts in expected.values() for _, _, value in posts)  # positions copied
    for term in expected:
        assert vars(fast.term_info(*term)) == vars(stock.term_info(*term))
    for field in ("title", "body", "entity"):
        assert [fast.doc_field_length(d, field) for d in range(40)] == [
            stock.doc_field_length(d, field) for d in range(40)
        ]
    stock.close()
    fast.close()
