"""Stars, tags, notes and highlights in the library (issue 15, item 2), and what carries
them over when an article is re-added with changed text, removed or rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.anchoring import QuoteSelector, anchor, quote_selector
from index.library import Library
from index.model import AnnotationError

BODY = (
    "The pipeline was approved by the council on Monday after a long debate.\n\n"
    "Residents said the route would cross the river twice, and asked for a new survey.\n\n"
    "The company said work would start in the spring."
)
QUOTE = "route would cross the river twice"


def add_text(library: Library, path: Path, body: str, title: str = "Pipeline approved") -> str:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    with library.writer() as writer:
        writer.add([str(path)], analyse=False)
    (only,) = library.articles()
    return only.id


def span(library: Library, aid: str, text: str) -> tuple[int, int]:
    """Where ``text`` is in the stored body of article ``aid``."""
    article = library.get(aid)
    assert article is not None
    start = article.body.index(text)
    return start, start + len(text)


@pytest.fixture
def article(library: Library, tmp_path: Path) -> tuple[Library, Path, str]:
    path = tmp_path / "pipeline.txt"
    return library, path, add_text(library, path, BODY)


# -- anchoring, alone -------------------------------------------------------------


def test_a_quote_keeps_32_characters_of_context_each_side() -> None:
    text = "x" * 50 + "QUOTE" + "y" * 50
    q = quote_selector(text, 50, 55)
    assert (q.exact, q.prefix, q.suffix) == ("QUOTE", "x" * 32, "y" * 32)


def test_the_position_wins_when_the_text_there_is_unchanged() -> None:
    assert anchor("a b a b", 4, 5, QuoteSelector("a", "b ", " b")) == (4, 5)


def test_context_picks_one_of_two_occurrences() -> None:
    body = "He said yes. Later she said yes to the plan."
    q = QuoteSelector("yes", "she said ", " to the plan")
    assert anchor("Intro. " + body, 0, 3, q) == (
        7 + body.index("yes to"),
        7 + body.index(" to the"),
    )


def test_two_occurrences_with_the_same_context_are_orphaned() -> None:
    q = QuoteSelector("yes", "said ", ".")
    assert anchor("zz said yes. zz said yes.", 50, 53, q) is None


def test_words_that_are_gone_are_orphaned() -> None:
    assert anchor("Nothing like it.", 0, 3, QuoteSelector("yes", "", "")) is None


# -- the library API ----------------------------------------------------------------


def test_star_tag_and_note_an_article(article: tuple[Library, Path, str]) -> None:
    library, _, aid = article
    assert library.keep.star(aid[:6]) == (aid, True)
    assert library.keep.star(aid) == (aid, False)
    assert library.keep.tag(aid, ["followup", "Énergie"]) == (aid, ["followup", "Énergie"])
    assert library.keep.tag(aid, ["FOLLOWUP"]) == (aid, [])  # folded: the same tag
    library.keep.note(aid, "check the pipeline costs")
    marks = library.keep.marks([aid])[aid]
    assert marks.starred and marks.tags == ("followup", "Énergie") and marks.notes == 1
    assert library.keep.tags() == ["followup", "Énergie"] or set(library.keep.tags()) == {
        "followup",
        "Énergie",
    }
    assert library.keep.tag(aid, ["energie"], remove=True) == (aid, ["energie"])
    assert library.keep.marks([aid])[aid].tags == ("followup",)


@pytest.mark.parametrize("bad", ["two words", "", "a:b", 'qu"ote', "x" * 41, "(x)"])
def test_a_bad_tag_is_refused_with_the_rule(article: tuple[Library, Path, str], bad: str) -> None:
    library, _, aid = article
    with pytest.raises(AnnotationError, match="a tag is 1 to 40"):
        library.keep.tag(aid, ["good", bad])
    assert library.keep.annotations(aid) == []  # all or none


def test_a_quote_must_be_in_the_text_once(article: tuple[Library, Path, str]) -> None:
    library, _, aid = article
    with pytest.raises(AnnotationError, match="not in the article's text"):
        library.keep.note(aid, "n", quote="not there at all")
    with pytest.raises(AnnotationError, match="occurs 2 times"):
        library.keep.note(aid, "n", quote="said")
    kept = library.keep.note(aid, "why twice?", quote="route   would cross\nthe river twice")
    assert (kept.kind, kept.exact, kept.note) == ("highlight", QUOTE, "why twice?")
    assert (kept.start, kept.end) == span(library, aid, QUOTE)


# -- re-adding, removing, rebuilding -------------------------------------------------


def test_a_highlight_follows_its_words_when_a_paragraph_is_added_before(
    article: tuple[Library, Path, str],
) -> None:
    library, path, aid = article
    was = span(library, aid, QUOTE)
    library.keep.note(aid, "why twice?", quote=QUOTE)
    library.keep.star(aid)
    library.keep.tag(aid, ["followup"])
    new_id = add_text(library, path, "An extra paragraph comes first now.\n\n" + BODY)
    assert new_id != aid
    body = library.get(new_id).body  # type: ignore[union-attr]
    kept = library.keep.annotations(new_id)
    assert [a.kind for a in kept] == ["star", "tag", "highlight"]
    hl = kept[2]
    assert not hl.orphaned and body[hl.start : hl.end] == QUOTE  # type: ignore[misc]
    assert hl.start != was[0]
    assert library.keep.annotations(aid) == []


def test_a_highlight_whose_words_are_gone_is_orphaned_not_moved(
    article: tuple[Library, Path, str],
) -> None:
    library, path, aid = article
    library.keep.highlight(aid, *span(library, aid, QUOTE))
    new_id = add_text(library, path, BODY.replace(QUOTE, "plan was fine"))
    (hl,) = library.keep.annotations(new_id)
    assert hl.orphaned and hl.exact == QUOTE


def test_words_now_twice_without_telling_context_are_orphaned(
    article: tuple[Library, Path, str],
) -> None:
    library, path, aid = article
    start, _ = span(library, aid, "the river twice")
    library.keep.highlight(aid, start, start + len("the river"))
    # The paragraph is now there twice, word for word: nothing says which one was meant.
    para = "Residents said the route would cross the river twice, and asked for a new survey."
    changed = "An extra paragraph comes first now.\n\n" + BODY.replace(para, para + "\n\n" + para)
    new_id = add_text(library, path, changed)
    (hl,) = library.keep.annotations(new_id)
    assert hl.orphaned and hl.exact == "the river"


def test_removing_an_article_keeps_its_annotations_as_on_a_removed_article(
    article: tuple[Library, Path, str],
) -> None:
    library, _, aid = article
    library.keep.tag(aid, ["followup"])
    library.keep.note(aid, "keep this")
    with library.writer() as writer:
        writer.remove(aid)
    kept = library.keep.annotations()
    assert [(a.kind, a.removed, a.title) for a in kept] == [
        ("tag", True, "Pipeline approved"),
        ("note", True, "Pipeline approved"),
    ]


@pytest.mark.parametrize("reread", [False, True])
def test_rebuild_loses_nothing(article: tuple[Library, Path, str], reread: bool) -> None:
    library, _, aid = article
    library.keep.star(aid)
    library.keep.tag(aid, ["followup"])
    library.keep.note(aid, "pipeline costs", quote=QUOTE)
    before = library.keep.annotations()
    with library.writer() as writer:
        if reread:
            writer.reread(analyse=False)
        else:
            writer.rebuild()
    assert library.keep.annotations() == before


# -- export ------------------------------------------------------------------------------


def test_annotation_rows_and_the_web_annotation_document(
    article: tuple[Library, Path, str],
) -> None:
    library, _, aid = article
    library.keep.tag(aid, ["followup"])
    hl = library.keep.note(aid, "why twice?", quote=QUOTE)
    columns, rows = library.keep.annotation_rows("followup")
    assert columns[:6] == ["article_id", "title", "kind", "tag", "note", "quote"]
    assert [(r["kind"], r["tag"], r["note"], r["quote"]) for r in rows] == [
        ("tag", "followup", None, None),
        ("highlight", None, "why twice?", QUOTE),
    ]
    assert library.keep.annotation_rows("other") == (columns, [])
    doc = json.loads(json.dumps(library.keep.web_annotation_document(None)))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = doc["first"]["items"]
    assert [i["type"] for i in items] == ["Annotation", "Annotation"]
    note = items[1]
    assert note["motivation"] == "commenting"
    assert note["body"] == {"type": "TextualBody", "value": "why twice?", "format": "text/plain"}
    assert note["target"]["source"] == f"urn:nutgraf:{aid}"
    assert note["target"]["selector"] == [
        {"type": "TextPositionSelector", "start": hl.start, "end": hl.end},
        {"type": "TextQuoteSelector", "exact": QUOTE, "prefix": hl.prefix, "suffix": hl.suffix},
    ]
    assert items[0]["body"]["purpose"] == "tagging"


# -- searching (item 5) ---------------------------------------------------------------


@pytest.fixture
def three(library: Library, tmp_path: Path) -> tuple[Library, list[str]]:
    """Three articles: the first tagged followup and starred, the second tagged followup
    with a note, the third with nothing."""
    texts = [
        ("Pipeline approved", BODY),
        ("Council budget", "The council met Tony Blair about the budget.\n\nIt was long."),
        ("River survey", "The river survey found the pipeline route was safe.\n\nDone."),
    ]
    for n, (title, body) in enumerate(texts):
        (tmp_path / f"a{n}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    with library.writer() as writer:
        writer.add([str(tmp_path / f"a{n}.txt") for n in range(3)], analyse=False)
    by_title = {a.title: a.id for a in library.articles()}
    ids = [by_title[t] for t, _ in texts]
    library.keep.tag(ids[0], ["followup"])
    library.keep.star(ids[0])
    library.keep.tag(ids[1], ["FollowUp"])
    library.keep.note(ids[1], "Ask about the pipelines and the budget cuts")
    return library, ids


def found(library: Library, query: str) -> set[str]:
    result = library.search(query, limit=50)
    assert result.error is None, result.error
    return {hit.id for hit in result.hits}


def test_tag_star_note_and_has_in_queries(three: tuple[Library, list[str]]) -> None:
    library, (a, b, c) = three
    assert found(library, "tag:followup") == {a, b}
    assert found(library, "tag:FOLLOWUP") == {a, b}
    assert found(library, "is:starred") == {a}
    assert found(library, "NOT is:starred") == {b, c}
    assert found(library, "tag:followup AND council") == {a, b}
    assert found(library, "tag:followup AND blair") == {b}
    assert found(library, "tag:followup NOT is:starred") == {b}
    assert found(library, "river OR is:starred") == {a, c}
    assert found(library, "note:pipeline") == {b}  # stemmed: the note says "pipelines"
    assert found(library, 'note:"budget cuts"') == {b}
    assert found(library, 'note:"cuts budget"') == set()
    assert found(library, "note:pipe*") == {b}
    assert found(library, "has:notes") == {b}
    assert found(library, "has:highlights") == set()
    library.keep.note(c, "x", quote="river survey")
    assert found(library, "has:highlights") == {c}
    assert found(library, "(tag:followup date:>=1990) OR has:highlights") == {c}  # undated


def test_a_tag_nobody_has_says_so(three: tuple[Library, list[str]]) -> None:
    library, _ = three
    result = library.search("tag:nothing")
    assert result.total == 0 and result.error is None
    assert result.notice == "no article is tagged 'nothing'"


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("is:red", "is:red at column 1: try is:starred"),
        ("pipeline has:stars", "has:stars at column 10: try has:highlights or has:notes"),
        ("tag: x", "tag: at column 1 needs a value right after the colon"),
    ],
)
def test_a_bad_annotation_value_is_one_clear_line(
    three: tuple[Library, list[str]], query: str, said: str
) -> None:
    library, _ = three
    assert library.search(query).error == said


def test_the_search_index_holds_no_annotation(three: tuple[Library, list[str]]) -> None:
    library, (a, _, _) = three
    with library.ix.searcher() as searcher:
        fields = set(searcher.schema.names())
    assert not {"tag", "is", "has", "note"} & fields
    # and a tag given after the last commit is found at once: nothing to re-index
    library.keep.tag(a, ["late"])
    assert found(library, "tag:late") == {a}


# -- succession in a corpus, and across a killed commit (item 3) -------------------------------


def write_corpus(path: Path, records: list[tuple[str, str, str]]) -> None:
    path.write_text(
        "".join(json.dumps({"id": i, "title": t, "text": x}) + "\n" for i, t, x in records),
        encoding="utf-8",
    )


def test_a_changed_corpus_record_takes_its_annotations_a_dropped_one_keeps_them(
    library: Library, tmp_path: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    records = [
        ("rec-a", "First story", "Alpha text about the harbour.\n\nMore alpha."),
        ("rec-b", "Second story", "Beta text about the river.\n\nMore beta."),
        ("rec-c", "Third story", "Gamma text about the hills.\n\nMore gamma."),
    ]
    write_corpus(corpus, records)
    with library.writer() as writer:
        writer.add([str(corpus)], analyse=False)
    ids = {a.title: a.id for a in library.articles()}
    library.keep.tag(ids["Second story"], ["followup"])
    library.keep.note(ids["Second story"], "river!", quote="the river")
    library.keep.star(ids["Third story"])
    # b changed, c dropped, a as it was
    write_corpus(corpus, [records[0], ("rec-b", "Second story", "New lead.\n\n" + records[1][2])])
    with library.writer() as writer:
        writer.add([str(corpus)], analyse=False)
    now = {a.title: a.id for a in library.articles()}
    assert now["Second story"] != ids["Second story"] and "Third story" not in now
    moved = library.keep.annotations(now["Second story"])
    assert [(a.kind, a.orphaned) for a in moved] == [("tag", False), ("highlight", False)]
    assert library.keep.annotations(now["First story"]) == []  # never given c's star
    (star,) = library.keep.annotations(ids["Third story"])
    assert star.kind == "star" and star.removed and star.title == "Third story"


def test_a_writer_killed_between_staging_and_finishing_moves_them_when_finished(
    article: tuple[Library, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library, path, aid = article
    library.keep.tag(aid, ["followup"])
    from index.storage.store import Store

    finish = Store.finish

    def killed(self: Store, live: object, gone: object) -> None:
        raise KeyboardInterrupt  # the writer dies after staging, before finishing

    monkeypatch.setattr(Store, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        add_text(library, path, "An extra paragraph comes first now.\n\n" + BODY)
    assert [a.kind for a in library.keep.annotations(aid)] == ["tag"]  # not moved yet
    monkeypatch.setattr(Store, "finish", finish)
    with library.writer() as writer:
        writer.reconcile()  # what the next writer does first
    (new,) = library.articles()
    assert new.id != aid
    assert [a.kind for a in library.keep.annotations(new.id)] == ["tag"]
    assert library.keep.annotations(aid) == []
