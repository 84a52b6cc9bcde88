"""Entities inside a library: stored with articles, searchable, aggregated, never re-analysed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import SEEDS, CliResult


def add(lib: Library, *names: str) -> None:
    with lib.writer() as writer:
        writer.add(list(names))


@pytest.mark.parametrize(
    "query",
    [
        'person:"Kim Jong Un"',
        "org:KDI",
        "place:Ukraine",
        "entity:Putin",
        "person:kim",
        'entity:"lee jongkyu"',
    ],
)
def test_entity_field_queries_find_the_seed(seeded: Library, query: str) -> None:
    assert seeded.search(query).total == 1


def test_entity_query_matches_are_the_entity_mentions(seeded: Library) -> None:
    hit = seeded.search('person:"Lee Jongkyu"').hits[0]
    body = seeded.get(hit.id).body  # type: ignore[union-attr]
    assert [body[s:e] for s, e in hit.matches] == ["Lee Jongkyu", "Lee Jongkyu", "Lee", "Lee"]


def test_kind_fields_do_not_cross(seeded: Library) -> None:
    assert seeded.search("place:Putin").total == 0
    assert seeded.search('person:"North Korea"').total == 0


def test_library_entities_aggregate_articles_and_mentions(seeded: Library, tmp_path: Path) -> None:
    corpus = tmp_path / "more.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "title": "Summit",
                "text": "Vladimir Putin met Kim Jong Un in Vladivostok. Putin smiled.",
            }
        )
        + "\n"
    )
    add(seeded, str(corpus))
    people = {e.name: e for e in seeded.library_entities(kind="person")}
    assert (people["Vladimir Putin"].articles, people["Vladimir Putin"].mentions) == (2, 5)
    assert (people["Kim Jong Un"].articles, people["Kim Jong Un"].mentions) == (2, 7)
    assert all(e.kind != "number" for e in seeded.library_entities())


def test_removed_articles_leave_the_library_entities(seeded: Library) -> None:
    (article,) = seeded.articles()
    with seeded.writer() as writer:
        writer.remove(article.id)
    assert seeded.library_entities() == []
    assert seeded.mentions("Kim Jong Un") == []


def test_mentions_across_the_library_in_reading_order(seeded: Library) -> None:
    hits = seeded.mentions("Lee Jongkyu")
    assert [h.text for h in hits] == ["Lee Jongkyu", "Lee Jongkyu", "Lee", "Lee"]
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert hits[2].context.endswith("Lee said.")
    assert seeded.mentions("kdi")[0].text == "Korea Development Institute"  # by alias, any case


def test_unchanged_articles_are_never_analysed_again(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    import index.entities.ner

    real = index.entities.ner.analyse
    monkeypatch.setattr(
        index.entities.ner,
        "analyse",
        lambda texts, **kw: calls.append(len(texts)) or real(texts),
    )
    add(seeded, str(SEEDS))
    with seeded.writer() as writer:
        writer.rebuild()
    assert calls == []
    assert seeded.search('person:"Kim Jong Un"').total == 1  # entities survive the rebuild


Cli = Callable[..., CliResult]


@pytest.fixture
def lib(tmp_path: Path, cli: Cli) -> str:
    path = str(tmp_path / "lib")
    assert cli("--library", path, "add", str(SEEDS)).code == 0
    return path


def test_cli_entities_json_for_an_article(cli: Cli, lib: str) -> None:
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    doc = cli("--library", lib, "entities", item["id"], "--json").json()
    body = cli("--library", lib, "show", item["id"], "--json").json()["text"]  # type: ignore[index]
    assert isinstance(doc, list)
    assert [e["count"] for e in doc] == sorted((e["count"] for e in doc), reverse=True)
    for ent in doc:
        assert set(ent) == {"name", "label", "kind", "count", "aliases", "mentions"}
        assert ent["count"] == len(ent["mentions"])
        for m in ent["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]
    kim = next(e for e in doc if e["name"] == "Kim Jong Un")
    assert (kim["label"], kim["kind"], kim["count"], kim["aliases"]) == (
        "PERSON",
        "person",
        6,
        ["Kim"],
    )


def test_cli_entities_kind_filter_and_library_wide(cli: Cli, lib: str) -> None:
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    people = cli("--library", lib, "entities", item["id"], "--kind", "people", "--json").json()
    assert {e["kind"] for e in people} == {"person"}  # type: ignore[union-attr]
    everything = cli("--library", lib, "entities", "--json").json()
    assert {"name", "label", "kind", "articles", "mentions"} == set(everything[0])  # type: ignore[index]
    assert cli("--library", lib, "entities", "--kind", "planets").code == 2


def test_cli_mentions_json(cli: Cli, lib: str) -> None:
    doc = cli("--library", lib, "mentions", "Lee Jongkyu", "--json").json()
    assert isinstance(doc, list) and len(doc) == 4
    assert set(doc[0]) == {
        *("id", "title", "start", "end", "text", "context"),
        *("date", "source", "name", "kind"),  # issue 14, item 18
    }
    assert "senior researcher Lee Jongkyu said this" in doc[0]["context"]
    missing = cli("--library", lib, "mentions", "Nobody Atall")
    assert missing.code == 1
