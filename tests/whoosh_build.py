"""Builds one index in a fresh interpreter, stock Whoosh or nutgraf's way, and dumps it.

Run by ``tests/test_whoosh_patches.py`` as
``python -c "from tests.whoosh_build import main; main()" MODE PLAN OUT FOLDER``:
MODE is ``stock`` or ``nutgraf``, PLAN a pickle of the commits and queries,
OUT where the pickled dump goes, FOLDER an empty folder for the index. A fresh
interpreter per build means the stock build cannot see anything the nutgraf
one set up (as the old import-time patches would have shown it).

The stock build uses only Whoosh: ``create_in``, ``ix.writer()`` with Whoosh's
own codec and writer, Whoosh's merge policies (NO_MERGE, then OPTIMIZE where
nutgraf's policy merges) and ``ix.searcher()`` with Whoosh's BM25F, on nutgraf's
schema: its analysers (``index.fulltext.analysis``) are plain Whoosh analysers that
change nothing in Whoosh, and both builds must index the same terms to compare. The writer gets the same two public options
nutgraf passes (separate segment files, a 256 MB pool), which change neither
what is written nor how it reads. The nutgraf build goes through
``index.fulltext.writer`` and the searcher set-up of ``index.fulltext.search``.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

#: One commit: documents to add (replacing any with the same id), ids to delete, and
#: whether nutgraf's merge policy merges at this commit (the stock build then OPTIMIZEs).
Commit = tuple[list[dict[str, Any]], list[str], bool]


def _build_stock(folder: Path, commits: list[Commit]) -> Any:
    from whoosh import index as whoosh_index
    from whoosh.writing import NO_MERGE, OPTIMIZE

    from index.fulltext.schema import make_schema

    schema = make_schema()
    ix = whoosh_index.create_in(str(folder), schema, indexname="articles")
    for adds, deletes, merges in commits:
        writer = ix.writer(compound=False, limitmb=256)
        for doc in adds:
            writer.update_document(**doc)
        for article_id in deletes:
            writer.delete_by_term("id", article_id)
        writer.commit(mergetype=OPTIMIZE if merges else NO_MERGE)
    return ix


def _build_nutgraf(folder: Path, commits: list[Commit]) -> Any:
    """nutgraf's writer and codec, merging everything where the plan says (as the stock
    build does with OPTIMIZE) by nutgraf's streaming merge, not by its merge policy,
    whose choice of commit is its own (tests/test_merge_policy.py)."""
    from whoosh.writing import NO_MERGE

    from index.fulltext.segments import merge_all
    from index.fulltext.writer import create_index, new_writer

    ix = create_index(folder)
    for adds, deletes, merges in commits:
        writer = new_writer(ix)
        for doc in adds:
            writer.update_document(**doc)
        for article_id in deletes:
            writer.delete_by_term("id", article_id)
        writer.commit(mergetype=merge_all if merges else NO_MERGE)
    return ix


def _search_stock(ix: Any, queries: list[str]) -> dict[str, list[tuple[str, float]]]:
    from index.fulltext.query import make_parser

    parser = make_parser(ix.schema)
    with ix.searcher() as searcher:
        return {
            text: [
                (hit["id"], hit.score) for hit in searcher.search(parser.parse(text), limit=None)
            ]
            for text in queries
        }


def _search_nutgraf(ix: Any, queries: list[str]) -> dict[str, list[tuple[str, float]]]:
    from whoosh.searching import Searcher

    from index.fulltext.query import make_parser
    from index.fulltext.refresh import open_reader
    from index.fulltext.search import _collect
    from index.fulltext.whoosh_patches import BM25F

    parser = make_parser(ix.schema)
    reader, _ = open_reader(ix)
    searcher = Searcher(reader, weighting=BM25F(), fromindex=ix)  # as LibrarySearcher has it
    try:
        out = {}
        for text in queries:
            q = parser.parse(text)
            results = _collect(searcher, q, reader.doc_count_all(), False, lambda: False)
            out[text] = [(hit["id"], hit.score) for hit in results]
        return out
    finally:
        searcher.close()


def _segment(ix: Any, segment: Any) -> dict[str, Any]:
    """Everything one segment holds, decoded, and the bytes of its files."""
    from whoosh.reading import SegmentReader

    reader = SegmentReader(ix.storage, ix.schema, segment)
    try:
        docs = reader.doc_count_all()
        terms: dict[tuple[str, bytes], tuple[tuple[Any, ...], list[tuple[int, float, Any]]]] = {}
        inlined = 0
        for (field, text), info in reader._terms.items():
            inlined += bool(info.is_inlined())
            # Every posting, deleted documents' too, through the segment's own codec.
            m = reader._terms.matcher(field, text, ix.schema[field].format)
            postings = []
            while m.is_active():
                # A block of a format without values (ID fields) reads back as None,
                # inlined postings as b"": both are "no value".
                postings.append((m.id(), m.weight(), m.value() or b""))
                m.next()
            stats = (
                info.doc_frequency(),
                info.weight(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
            )
            terms[(field, text)] = (stats, postings)
        prefix = segment.make_filename("")  # the segment's files: its id, then an extension
        folder = Path(ix.storage.folder)
        files = {
            name[len(prefix) :]: hashlib.sha256((folder / name).read_bytes()).hexdigest()
            for name in segment.list_files(ix.storage)
        }
        return {
            "docs": docs,
            "deleted": sorted(segment.deleted_docs()),
            "codec": f"{type(segment.codec()).__module__}.{type(segment.codec()).__name__}",
            "terms": terms,
            "inlined": inlined,
            "stored": [reader.stored_fields(d) for d in range(docs)],
            "lengths": {
                field: [reader.doc_field_length(d, field) for d in range(docs)]
                for field in ix.schema.names()
            },
            "totals": {field: reader.field_length(field) for field in ix.schema.names()},
            "files": files,
        }
    finally:
        reader.close()


def _stock_whoosh() -> dict[str, bool]:
    """Whether each Whoosh class nutgraf once patched in place is still Whoosh's own."""
    from whoosh.codec.whoosh3 import W3PerDocReader, W3TermInfo
    from whoosh.matching.mcore import ListMatcher
    from whoosh.scoring import WeightLengthScorer
    from whoosh.writing import SegmentWriter

    return {
        "SegmentWriter._flush_segment": SegmentWriter._flush_segment.__module__ == "whoosh.writing",
        "W3PerDocReader._cached_reader": W3PerDocReader._cached_reader.__module__
        == "whoosh.codec.whoosh3",
        "W3TermInfo has no set_inline": not hasattr(W3TermInfo, "set_inline"),
        "ListMatcher.value": ListMatcher.value.__module__ == "whoosh.matching.mcore",
        "ListMatcher.all_items": ListMatcher.all_items.__module__ == "whoosh.matching.mcore",
        "WeightLengthScorer.score": WeightLengthScorer.score.__module__ == "whoosh.scoring",
    }


def main(argv: list[str] | None = None) -> None:
    mode, plan_path, out_path, folder = argv or sys.argv[1:]
    with open(plan_path, "rb") as f:
        commits, queries = pickle.load(f)
    build, search = {
        "stock": (_build_stock, _search_stock),
        "nutgraf": (_build_nutgraf, _search_nutgraf),
    }[mode]
    ix = build(Path(folder), commits)
    dump = {
        "segments": [_segment(ix, segment) for segment in ix._segments()],
        "searches": search(ix, queries),
        "stock_whoosh": _stock_whoosh(),
    }
    with open(out_path, "wb") as f:
        pickle.dump(dump, f)
