"""nutgraf's changes to Whoosh (index/fulltext/whoosh_patches.py) store and rank exactly
as stock Whoosh does, and are checked against the installed Whoosh before use.

The same ~300 articles go into two indexes, each built in a fresh interpreter by
``tests/whoosh_build.py``: once with stock Whoosh (its writer, codec, merge
policies, analyser and BM25F), once nutgraf's way (``write_documents``, so
NutgrafWriter, NutgrafCodec and the merge policy of ``index.fulltext.segments``,
searched with nutgraf's BM25F). Six commits with updates and deletions make four
small segments that nutgraf's policy merges at the fifth commit (the stock build
OPTIMIZEs there), then one more. What is compared, segment by segment:

* the bytes of every column file (stored fields, field lengths, dates): writing
  them is not changed, so they must be identical;
* every term's statistics (document frequency, total and maximum weight, the
  minimum and maximum field length that NutgrafWriter's lengths give, first and
  last document) and every posting read back (document, weight, value),
  deleted documents' too. Not the bytes of the term and posting files: nutgraf
  inlines short posting lists into the term table by design, so those differ;
* every document's stored fields and length in every field;
* the ids and BM25F scores (to 1e-9) of every match of a set of queries: words
  of many frequencies, AND, OR, NOT, a phrase, title, entity and category fields.

A flush that wrote constant field lengths fails the term statistics, a BM25F
that scored with constant lengths fails the scores, and a merge that dropped or
duplicated postings fails the postings. Segments of libraries written before
NutgrafCodec existed (they name Whoosh's codec) must merge the same too, and
``apply()`` must refuse a Whoosh it was not checked against.
"""

from __future__ import annotations

import json
import pickle
import random
import re
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from index.article import Article
from index.entities.entity import Entity
from index.fulltext import whoosh_patches
from index.fulltext.writer import document
from tests.conftest import CORPORA, ROOT, SEED_FILE
from tests.whoosh_build import Commit

BBC = CORPORA / "news" / "bbc.jsonl"
ARTICLES = 300
_KINDS = ("person", "org", "place", "group", "event", "other")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


def _entities(article: Article) -> list[Entity]:
    """Stand-in entities (no spaCy): the capitalised names of the body, of a kind
    chosen by the name, so that every entity field gets terms."""
    names = list(dict.fromkeys(_NAME.findall(article.body)))[:6]
    return [Entity(n, "X", _KINDS[zlib.crc32(n.encode()) % 6], (), ()) for n in names]


def _seed_articles() -> list[Article]:
    """The seed's sentences recombined with generated words of Zipf-like frequencies,
    so that bodies of very different lengths share terms common and rare."""
    rng = random.Random(11)
    text = SEED_FILE.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30]
    syllables = ["ka", "ro", "mi", "zu", "ten", "bor", "lix", "va", "dun", "pe"]
    vocab = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(600)})
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    out = []
    for k in range(ARTICLES):
        body = "\n\n".join(rng.sample(sentences, rng.randint(1, 8)))
        words = rng.choices(vocab, weights, k=rng.randint(3, 250))
        body += "\n\n" + " ".join(words).capitalize() + f" zq{k}x."  # zq{k}x: in one article
        title = " ".join(rng.sample(vocab[:80], rng.randint(2, 7))).capitalize()
        published = f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        out.append(
            Article(
                title=title,
                body=body,
                original=b"",
                source=rng.choice(["Seed News", "Wire", None]),
                category=rng.choice(["world", "business", None]),
                published=published if k % 3 else None,
            )
        )
    return out


def _bbc_articles() -> list[Article]:
    """The first 300 articles of the BBC corpus."""
    out = []
    with BBC.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append(
                Article(
                    title=rec["title"],
                    body=rec["text"],
                    original=b"",
                    source=rec.get("source"),
                    category=rec.get("category"),
                    published=rec.get("date"),
                )
            )
            if len(out) == ARTICLES:
                break
    return out


def _plan(articles: list[Article]) -> tuple[list[Commit], list[str]]:
    """Six commits (the fifth merges the four small segments before it) and the queries."""
    docs = [document(a, _entities(a)) for a in articles]
    edited = [
        dict(d, body=d["body"] + " Revised later with a longer ending.") for d in docs[10:250:24]
    ]
    deleted = [d["id"] for d in docs[5:240:47]]
    commits: list[Commit] = [(docs[k : k + 60], [], False) for k in range(0, 240, 60)]
    commits.append((docs[240:280] + edited, deleted, True))
    commits.append((docs[280:300], [docs[1]["id"], docs[130]["id"], docs[250]["id"]], False))

    counts = Counter(w.lower() for d in docs for w in re.findall(r"[A-Za-z]{5,}", d["body"]))
    ranked = [w for w, _ in counts.most_common()]
    w = [ranked[i] for i in (0, 3, 10, 40, 150, len(ranked) // 2, len(ranked) - 1)]
    phrase = re.findall(r"[A-Za-z]{4,}", docs[7]["body"])[2:4]
    title_word = max(re.findall(r"[A-Za-z]+", docs[20]["title"]), key=len)
    entity = next(d["entity"].split(",")[0] for d in docs if d.get("entity"))
    person = next(d["person"].split(",")[0] for d in docs if d.get("person"))
    queries = [
        *w,
        f"{w[0]} {w[2]}",
        f"{w[1]} OR {w[4]} OR {w[5]}",
        f"{w[0]} NOT {w[3]}",
        f'"{" ".join(phrase)}"',
        f"title:{title_word}",
        f"title:{w[2]} OR body:{w[2]}",
        f'entity:"{entity}"',
        f'person:"{person}" OR {w[3]}',
        "category:business",
    ]
    return commits, queries


def _run(mode: str, plan: Path, folder: Path) -> dict[str, Any]:
    out = folder.with_suffix(".dump")
    folder.mkdir()
    code = "import sys; from tests.whoosh_build import main; main(sys.argv[1:])"
    subprocess.run(
        [sys.executable, "-c", code, mode, str(plan), str(out), str(folder)],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    with out.open("rb") as f:
        dump: dict[str, Any] = pickle.load(f)
    return dump


@pytest.fixture(scope="module", params=["seeds", "bbc"])
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(stock dump, nutgraf dump) of the same commits, from the seed or the BBC corpus."""
    if request.param == "bbc" and not BBC.exists():
        pytest.skip(f"BBC corpus not found at {BBC}")
    articles = _seed_articles() if request.param == "seeds" else _bbc_articles()
    tmp = tmp_path_factory.mktemp(request.param)
    plan = tmp / "plan.pickle"
    plan.write_bytes(pickle.dumps(_plan(articles)))
    return _run("stock", plan, tmp / "stock"), _run("nutgraf", plan, tmp / "nutgraf")


def _differences(name: str, stock: dict[Any, Any], ours: dict[Any, Any]) -> list[str]:
    """A few readable lines saying where two dicts differ (assert == on these is unreadable)."""
    lines = [f"{name}: {k!r} only in stock" for k in stock.keys() - ours.keys()]
    lines += [f"{name}: {k!r} only in nutgraf's" for k in ours.keys() - stock.keys()]
    for k in stock.keys() & ours.keys():
        if stock[k] != ours[k]:
            lines.append(f"{name}: {k!r}: stock {stock[k]!r:.300} != {ours[k]!r:.300}")
    return sorted(lines)[:10]


def test_the_stock_build_is_stock_and_nutgrafs_changes_nothing_process_wide(
    builds: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    stock, ours = builds
    assert all(stock["stock_whoosh"].values()), stock["stock_whoosh"]
    assert all(ours["stock_whoosh"].values()), ours["stock_whoosh"]  # after apply() and use
    assert {s["codec"] for s in stock["segments"]} == {"whoosh.codec.whoosh3.W3Codec"}
    assert {s["codec"] for s in ours["segments"]} == {"index.fulltext.whoosh_patches.NutgrafCodec"}
    assert sum(s["inlined"] for s in stock["segments"]) == 0
    assert all(s["inlined"] > 100 for s in ours["segments"])  # inlining is exercised


def test_same_segments_after_the_same_merge(builds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    stock, ours = builds
    layout = [(s["docs"], s["deleted"]) for s in stock["segments"]]
    assert [(s["docs"], s["deleted"]) for s in ours["segments"]] == layout
    assert len(layout) == 2
    assert layout[0][0] > 200  # the fifth commit's 50 documents and the four segments merged
    assert layout[0][1]  # then a deletion in the merged segment


def test_same_stored_fields_and_column_bytes(builds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    stock, ours = builds
    for n, (a, b) in enumerate(zip(stock["segments"], ours["segments"], strict=True)):
        assert b["stored"] == a["stored"], n
        assert b["files"].keys() == a["files"].keys(), n
        columns = {k: v for k, v in a["files"].items() if k.endswith(".col")}
        assert len(columns) > 5
        assert {k: b["files"][k] for k in columns} == columns, n


def test_same_term_statistics_and_postings(builds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    stock, ours = builds
    total = 0
    for n, (a, b) in enumerate(zip(stock["segments"], ours["segments"], strict=True)):
        stats = {term: s for term, (s, _) in a["terms"].items()}
        wrong = _differences(
            f"segment {n} term stats", stats, {t: s for t, (s, _) in b["terms"].items()}
        )
        assert not wrong, "\n".join(wrong)
        postings = {term: p for term, (_, p) in a["terms"].items()}
        wrong = _differences(
            f"segment {n} postings", postings, {t: p for t, (_, p) in b["terms"].items()}
        )
        assert not wrong, "\n".join(wrong)
        total += sum(len(p) for p in postings.values())
    assert total > 10_000


def test_same_field_lengths(builds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    stock, ours = builds
    for n, (a, b) in enumerate(zip(stock["segments"], ours["segments"], strict=True)):
        wrong = _differences(f"segment {n} lengths", a["lengths"], b["lengths"])
        assert not wrong, "\n".join(wrong)
        # A segment's total length per field: Whoosh's merge sums the one-byte document
        # lengths; nutgraf's keeps the exact totals (index.fulltext.segments._live_length,
        # checked against a rebuild in tests/test_merge_policy.py), so a merged segment's
        # totals differ by that rounding only (at most 9% per document).
        for field, total in a["totals"].items():
            assert b["totals"].get(field, 0) == pytest.approx(total, rel=0.05), (n, field)
        # Lengths that vary, so that they count (Whoosh keeps them in a byte, rounded).
        assert len(set(a["lengths"]["body"])) > 10


def test_same_bm25f_scores(builds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    stock, ours = builds
    assert ours["searches"].keys() == stock["searches"].keys()
    for query, hits in stock["searches"].items():
        # Sorted by id (the same article added twice in one commit is there twice).
        expected, found = sorted(hits), sorted(ours["searches"][query])
        assert [i for i, _ in found] == [i for i, _ in expected], query
        for (article_id, score), (_, ours_score) in zip(expected, found, strict=True):
            # Within the rounding of the average lengths (see test_same_field_lengths).
            assert ours_score == pytest.approx(score, rel=0.02), (query, article_id)
    assert sum(len(hits) > 2 for hits in stock["searches"].values()) >= 12


def _postings(reader: Any) -> dict[tuple[str, bytes], Any]:
    out = {}
    for term in reader.all_terms():
        m, found = reader.postings(*term), []
        while m.is_active():
            found.append((m.id(), m.weight(), m.value()))
            m.next()
        info = reader.term_info(*term)
        out[term] = (found, info.doc_frequency(), info.min_length(), info.max_length())
    return out


def _commit(ix: Any, docs: list[dict[str, Any]], policy: Any, delete: str = "") -> None:
    """One commit by nutgraf's writer, merging as ``policy`` says (not as the tiered
    policy would: which commit merges is its own business, tests/test_merge_policy.py)."""
    writer = whoosh_patches.new_writer(ix, compound=False)
    for doc in docs:
        writer.update_document(**doc)
    if delete:
        writer.delete_by_term("id", delete)
    writer.commit(mergetype=policy)


def test_segments_written_before_nutgrafs_codec_merge_the_same(tmp_path: Path) -> None:
    """Libraries written before NutgrafCodec hold segments that name Whoosh's W3Codec,
    with inlined postings that Whoosh's ListMatcher reads as "" when they have no value
    (ID fields); merging them gives what merging NutgrafCodec's segments gives."""
    from whoosh.codec.whoosh3 import W3Codec, W3Segment
    from whoosh.writing import NO_MERGE

    from index.fulltext.segments import merge_all
    from index.fulltext.writer import create_index

    class BeforeNutgrafCodec(whoosh_patches.NutgrafCodec):  # type: ignore[misc]
        def new_segment(self, storage: Any, indexname: str) -> Any:
            return W3Segment(W3Codec(inlinelimit=whoosh_patches.INLINE_LIMIT), indexname)

    articles = _seed_articles()[:50]
    batches = [[document(a, _entities(a)) for a in articles[k : k + 10]] for k in range(0, 50, 10)]
    old, new = create_index(tmp_path / "old"), create_index(tmp_path / "new")
    for batch in batches[:4]:
        writer = whoosh_patches.NutgrafWriter(
            old, codec=BeforeNutgrafCodec(inlinelimit=whoosh_patches.INLINE_LIMIT), compound=False
        )
        for doc in batch:
            writer.add_document(**doc)
        writer.commit(mergetype=NO_MERGE)
        _commit(new, batch, NO_MERGE)
    assert {type(s.codec()) for s in old._segments()} == {W3Codec}
    _commit(old, batches[4], merge_all, delete=batches[0][3]["id"])  # merges the four
    _commit(new, batches[4], merge_all, delete=batches[0][3]["id"])
    assert len(old._segments()) == len(new._segments()) == 1
    with old.reader() as merged, new.reader() as expected:
        assert merged.doc_count_all() == expected.doc_count_all() == 49
        assert _postings(merged) == _postings(expected)


class TestGuard:
    """apply() refuses a Whoosh whose version or replaced functions differ from the
    recorded ones, and is harmless to call again."""

    def test_a_changed_function_is_refused_by_name(self, monkeypatch: pytest.MonkeyPatch) -> None:
        name = "whoosh.writing:SegmentWriter._flush_segment"
        monkeypatch.setattr(whoosh_patches, "_applied", False)
        monkeypatch.setitem(whoosh_patches.FINGERPRINTS, name, "0" * 16)
        with pytest.raises(whoosh_patches.WhooshChanged, match="re-verify the Whoosh patches") as e:
            whoosh_patches.apply()
        assert name in str(e.value)
        assert "W3Codec.postings_reader" not in str(e.value)  # only what changed is named

    def test_another_whoosh_version_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(whoosh_patches, "_applied", False)
        monkeypatch.setattr(whoosh_patches, "WHOOSH_VERSION", "2.7.4")
        with pytest.raises(whoosh_patches.WhooshChanged, match="re-verify the Whoosh patches"):
            whoosh_patches.apply()

    def test_a_refused_whoosh_is_refused_every_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(whoosh_patches, "_applied", False)
        monkeypatch.setattr(whoosh_patches, "WHOOSH_VERSION", "2.7.4")
        for _ in range(2):
            with pytest.raises(whoosh_patches.WhooshChanged):
                whoosh_patches.apply()

    def test_the_recorded_fingerprints_are_the_installed_whooshs(self) -> None:
        for name, recorded in whoosh_patches.FINGERPRINTS.items():
            assert whoosh_patches.fingerprint(name) == recorded, name

    def test_apply_twice_is_harmless(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from whoosh.writing import SegmentWriter

        from index.fulltext.writer import create_index, write_documents

        monkeypatch.setattr(whoosh_patches, "_applied", False)
        flush = SegmentWriter._flush_segment
        whoosh_patches.apply()
        whoosh_patches.apply()
        assert SegmentWriter._flush_segment is flush  # nothing of Whoosh's own replaced
        ix = create_index(tmp_path / "ix")  # applies again
        article = Article(title="Harbour", body="The harbour reopened.", original=b"")
        write_documents(ix, [document(article, [])])
        assert ix.doc_count() == 1


def test_the_best_possible_score_is_the_stock_scorers_when_asked(tmp_path: Path) -> None:
    # nutgraf's BM25F works max_quality out on demand instead of in the scorer's setup.
    from whoosh import fields, scoring
    from whoosh.filedb.filestore import FileStorage

    schema = fields.Schema(body=fields.TEXT())
    ix = FileStorage(str(tmp_path)).create_index(schema)
    with ix.writer() as w:
        for text in ["korea korea missile", "korea talks", "missile test missile launch"]:
            w.add_document(body=text)
    with ix.searcher() as searcher:
        for word in (b"korea", b"missile", b"talks"):
            ours = whoosh_patches.BM25F().scorer(searcher, "body", word)
            stock = scoring.BM25F().scorer(searcher, "body", word)
            assert ours.max_quality() == pytest.approx(stock.max_quality(), abs=1e-12)
            assert ours.idf == stock.idf and ours.avgfl == stock.avgfl
