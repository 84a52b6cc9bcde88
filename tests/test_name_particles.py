"""A surname joins its full name across a hyphenated particle (issue 13, item 6, first
part): "Assad" and "Mr. Assad" are Bashar al-Assad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.entities.resolve import resolve
from index.library import Library
from tests.conftest import CASES, needs_cases


@needs_cases
def test_name_particle_case(library: Library, tmp_path: Path) -> None:
    shutil.copy(CASES / "name-particle.txt", tmp_path / "name-particle.txt")
    with library.writer() as writer:
        (added,) = writer.add([str(tmp_path / "name-particle.txt")]).added
    people = [e for e in library.entities(added.id) or () if e.kind == "person"]
    assert [p.name for p in people] == ["Bashar al-Assad"]
    assert {"al-Assad", "Assad"} <= set(people[0].aliases)
    texts = [m.text for m in library.mentions("Bashar al-Assad")]
    assert texts == ["Bashar al-Assad", "Assad", "Assad", "al-Assad"]


def _people(text: str, *names: str) -> dict[str, list[str]]:
    spans = []
    for name in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(s <= i < e for s, e, _ in spans):
                spans.append((i, i + len(name), "PERSON"))
            start = i + len(name)
    return {e.name: [text[s:end] for s, end in e.mentions] for e in resolve(text, sorted(spans))}


@pytest.mark.parametrize(
    ("full", "short"),
    [("Ayman al-Zawahiri", "Zawahiri"), ("Abdel Fattah el-Sisi", "Sisi")],
)
def test_a_surname_after_a_particle_is_the_same_person(full: str, short: str) -> None:
    text = f"{full} spoke on Monday. Later, {short} met the envoys, and {short} left."
    assert _people(text, full, short) == {full: [full, short, short]}


def test_a_word_that_only_ends_like_a_surname_stays_apart() -> None:
    text = "Bashar al-Assad spoke. Salad Assadi, a trader, also spoke."
    assert set(_people(text, "Bashar al-Assad", "Salad Assadi")) == {
        "Bashar al-Assad",
        "Salad Assadi",
    }
