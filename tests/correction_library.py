"""A small library for the entity-correction tests, written here with a hand-made analysis.

The texts are short stories with the names of issue 15 (shaped on BBC stories that
name them): "Mr Blair" and "Tony Blair" as two entities, "Yukos" and "Oscar" as
people, "Kiev" and "Kyiv" as two places. Their analysis is given here, as a fake
model would find it (every occurrence of each name), so the tests neither load
spaCy nor depend on what it finds; the articles go in the one way a library
changes (:class:`index.commit.Commit`).
"""

from __future__ import annotations

import re
from pathlib import Path

from index.article import Article
from index.commit import Commit
from index.entities.entity import Entity, kind_of
from index.library import Library

__all__ = ["STORIES", "add_stories", "analysis_of", "make_library", "story_id"]

#: title -> (body, {name: model label}).
STORIES: dict[str, tuple[str, dict[str, str]]] = {
    "Blair defends school plans": (
        "Mr Blair spoke in Leeds on Monday. Mr Blair said the plans would help pupils.",
        {"Mr Blair": "PERSON", "Leeds": "GPE"},
    ),
    "Blair and Brown unite": (
        "Tony Blair met Gordon Brown in London. Tony Blair said the party was united.",
        {"Tony Blair": "PERSON", "Gordon Brown": "PERSON", "London": "GPE"},
    ),
    "Yukos shares fall again": (
        "Yukos shares fell in Moscow. Yukos said it would appeal against the tax bill.",
        {"Yukos": "PERSON", "Moscow": "GPE"},
    ),
    "Oscar night in Hollywood": (
        "The Oscar went to a small film. Critics in Hollywood said the Oscar was deserved.",
        {"Oscar": "PERSON", "Hollywood": "GPE"},
    ),
    "Oscar hopes for British film": (
        "Oscar nominations lifted the British film. Oscar voters liked its star.",
        {"Oscar": "PERSON"},
    ),
    "Talks in Kiev": (
        "Talks in Kiev ended without a deal. Kiev will host more talks.",
        {"Kiev": "GPE"},
    ),
    "Kyiv election": (
        "Voters in Kyiv queued for hours. Kyiv counted the votes overnight.",
        {"Kyiv": "GPE"},
    ),
}


def analysis_of(body: str, names: dict[str, str]) -> list[Entity]:
    """Every whole-word occurrence of each name, as the model would tag it."""
    found = []
    for name, label in names.items():
        spans = tuple((m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", body))
        found.append(Entity(name, label, kind_of(label), (), spans))
    return sorted(found, key=lambda e: (-e.count, e.mentions[0]))


def add_stories(lib: Library, stories: dict[str, tuple[str, dict[str, str]]]) -> list[str]:
    """Add the stories (with their analysis and sentences) in one commit; their ids."""
    rows = []
    for n, (title, (body, names)) in enumerate(stories.items()):
        article = Article(
            title=title,
            body=body,
            original=body.encode(),
            source="BBC",
            published=f"2005-01-{n + 1:02d}",
            origin=f"test:{title}",
        )
        rows.append((article, analysis_of(body, names)))
    with lib.writer() as writer, Commit(writer) as commit:
        commit.stage(rows, links=[(a.origin or "", a.id) for a, _ in rows])
        for article, analysis in rows:
            commit.index(article, analysis)
        commit.finish(live=[a.id for a, _ in rows], gone=[])
    return [a.id for a, _ in rows]


def make_library(path: Path) -> Library:
    """A library at ``path`` holding :data:`STORIES`."""
    lib = Library.open(path)
    add_stories(lib, STORIES)
    return lib


def story_id(lib: Library, title: str) -> str:
    """The id of the story with this title."""
    return next(a.id for a in lib.articles() if a.title == title)
