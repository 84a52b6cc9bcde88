"""People's names across titles, particles and shared surnames (issue 13, item 6).

Spans are written by hand, as the model tags them (checked with the real model for the
first input of each kind), so each rule is tested on its own; the shared cases and one
article per kind go through the real model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.entities.resolve import resolve
from index.library import Library
from tests.conftest import CASES, needs_cases
from tests.entity_spans import Tagged, named, texts

# -- titles and honorifics ----------------------------------------------------


@pytest.mark.parametrize(
    ("full", "titled", "surname"),
    [
        ("Tony Blair", "Mr Blair", "Blair"),
        ("Patricia Hewitt", "Ms Hewitt", "Hewitt"),
        ("Vladimir Putin", "President Putin", "Putin"),
        ("Fumio Kishida", "Prime Minister Kishida", "Kishida"),
        ("Margaret Thatcher", "Mrs. Thatcher", "Thatcher"),
        ("Jane Smith", "Dr Smith", "Smith"),
        ("Olaf Scholz", "Chancellor Scholz", "Scholz"),
        ("Elizabeth Warren", "Sen. Warren", "Warren"),
    ],
)
def test_a_title_is_not_part_of_the_name(full: str, titled: str, surname: str) -> None:
    text = f"{full} arrived on Monday. Later, {titled} said the talks had gone well."
    ents = named(text, [(full, "PERSON", 0), (titled, "PERSON", 0)])
    assert list(ents) == [full]
    assert texts(text, ents[full]) == [full, surname]
    assert ents[full].aliases == (surname,)


@pytest.mark.parametrize(
    ("text", "tagged", "person"),
    [
        # The model misses the name after the honorific altogether ...
        ("Gen. Yoshida of the defence ministry also attended.", [], "Yoshida"),
        ("The report was written by Insp. Morse and a colleague.", [], "Morse"),
        # ... or gives it another kind.
        ("Later, Mr. Kishida told reporters the talks were useful.", [("Kishida", "ORG", 0)], "Kishida"),
        ("Rep. Ocasio-Cortez voted against it.", [("Ocasio-Cortez", "GPE", 0)], "Ocasio-Cortez"),
        ("Officials said Dr Okafor would lead the inquiry.", [("Okafor", "NORP", 0)], "Okafor"),
    ],
)  # fmt: skip
def test_a_name_after_an_honorific_is_a_person(text: str, tagged: Tagged, person: str) -> None:
    ents = named(text, tagged)
    assert ents[person].kind == "person"
    assert texts(text, ents[person]) == [person]


def test_a_title_stops_where_another_name_starts() -> None:
    text = "Under President Obama Washington changed course."
    ents = named(text, [("Washington", "GPE", 0)])
    assert ents["Obama"].kind == "person" and ents["Washington"].kind == "place"


def test_a_title_runs_over_a_surname_tagged_as_an_organisation() -> None:
    text = "Cardinal Cormac Murphy-O'Connor has said the war cost too much."
    ents = named(text, [("Murphy-O'Connor", "ORG", 0)])
    assert list(ents) == ["Cormac Murphy-O'Connor"]
    assert ents["Cormac Murphy-O'Connor"].kind == "person"


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("General Motors said sales rose.", [("General Motors", "ORG", 0)]),
        ("Mr Speaker, the House has heard enough.", []),
        ("Mr President, the figures are clear.", []),
        ("The Prime Minister's Questions were loud.", []),
    ],
)
def test_words_after_a_title_that_are_not_names_stay_as_they_are(text: str, tagged: Tagged) -> None:
    ents = named(text, tagged)
    assert not [e for e in ents.values() if e.kind == "person"]


# -- particles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "head", "tail", "short"),
    [
        ("Ursula von der Leyen", "Ursula von der", "Leyen", "von der Leyen"),
        ("Vincent van Gogh", "Vincent van", "Gogh", "van Gogh"),
        ("Charles de Gaulle", "Charles de", "Gaulle", "de Gaulle"),
        ("Mohammed bin Salman", "Mohammed bin", "Salman", "bin Salman"),
    ],
)
def test_a_name_cut_at_a_particle_is_one_person(
    full: str, head: str, tail: str, short: str
) -> None:
    # As the model tags "Ursula von der Leyen's ... von der Leyen": the first words a
    # person, the surname a place, and the short form's particles a person.
    text = f"{full}'s plan was welcomed. Critics said {short} had promised too much."
    particles = short.rsplit(" ", 1)[0]
    ents = named(
        text, [(head, "PERSON", 0), (tail, "GPE", 0), (particles, "PERSON", 1), (tail, "GPE", 1)]
    )
    assert list(ents) == [full]
    assert ents[full].kind == "person"
    assert texts(text, ents[full]) == [full, short]


@pytest.mark.parametrize(
    ("full", "start"),
    [
        ("Mohammed bin Salman", "Bin Salman"),
        ("Ursula von der Leyen", "Von der Leyen"),
        ("Vincent van Gogh", "Van Gogh"),
        ("Charles de Gaulle", "De Gaulle"),
    ],
)
def test_a_surname_with_particles_at_the_start_of_a_sentence_joins(full: str, start: str) -> None:
    text = f"{full} met the envoy on Tuesday. {start} said little about it."
    ents = named(text, [(full, "PERSON", 0), (start, "PERSON", 0)])
    assert list(ents) == [full]
    assert texts(text, ents[full]) == [full, start]


def test_a_particle_is_shown_as_written_mid_sentence() -> None:
    text = "Mohammed bin Salman spoke. Bin Salman left; officials said bin Salman was tired."
    tagged = [("Mohammed bin Salman", "PERSON", 0), ("Bin Salman", "PERSON", 0)]
    ents = named(text, [*tagged, ("bin Salman", "PERSON", 1)])
    assert ents["Mohammed bin Salman"].aliases == ("bin Salman",)


def test_an_untagged_surname_with_particles_is_found() -> None:
    text = "Ursula von der Leyen spoke. Officials said von der Leyen was tired."
    ents = named(text, [("Ursula von der Leyen", "PERSON", 0)])
    assert texts(text, ents["Ursula von der Leyen"]) == ["Ursula von der Leyen", "von der Leyen"]


def test_a_place_after_a_particle_is_not_made_a_person() -> None:
    text = "Ursula von der Leyen spoke. Flights from the Isle of Man resumed, and de Paris left."
    ents = named(text, [("Ursula von der Leyen", "PERSON", 0), ("Paris", "GPE", 0)])
    assert ents["Paris"].kind == "place"


# -- shared surnames ----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "surname"),
    [
        ("Jimi Hendrix", "Leon Hendrix", "Hendrix"),
        ("Moazzam Begg", "Azmat Begg", "Begg"),
        ("Venus Williams", "Serena Williams", "Williams"),
    ],
)
def test_a_surname_after_two_people_named_together_stays_apart(
    first: str, second: str, surname: str
) -> None:
    text = f"{first} and his relative {second} spoke on Monday. {surname} said it was wrong."
    ents = named(text, [(first, "PERSON", 0), (second, "PERSON", 0), (surname, "PERSON", 2)])
    assert texts(text, ents[first]) == [first]
    assert texts(text, ents[second]) == [second]


@pytest.mark.parametrize(
    ("first", "second", "surname"),
    [("Jimi Hendrix", "Leon Hendrix", "Hendrix"), ("Moazzam Begg", "Azmat Begg", "Begg")],
)
def test_a_surname_joins_the_nearer_person_named_apart(
    first: str, second: str, surname: str
) -> None:
    text = f"{first} died long ago.\n\nYears later, {second} spoke. {surname} said it was wrong."
    ents = named(text, [(first, "PERSON", 0), (second, "PERSON", 0), (surname, "PERSON", 2)])
    assert texts(text, ents[second]) == [second, surname]
    assert texts(text, ents[first]) == [first]


def test_an_untagged_shared_surname_after_two_people_named_together_is_no_mention() -> None:
    text = "Jimi Hendrix's brother Leon Hendrix spoke. Hendrix said the estate was wrong."
    ents = named(text, [("Jimi Hendrix", "PERSON", 0), ("Leon Hendrix", "PERSON", 0)])
    assert sum(e.count for e in ents.values()) == 2


@pytest.mark.parametrize(
    ("text", "first", "second", "surname"),
    [
        (
            "Tony Blair and his wife Cherie Blair attended a gala on Friday. Cherie Blair, a"
            " lawyer, spoke first.\n\nMr Blair said the evening was a success.",
            "Tony Blair",
            "Cherie Blair",
            "Blair",
        ),
        (
            "Venus Williams beat her sister Serena Williams in the final. Serena Williams"
            " had won the semi-final easily. Later, Williams said the wind was hard.",
            "Venus Williams",
            "Serena Williams",
            "Williams",
        ),
        (
            "Ed Miliband and his brother David Miliband stood for the leadership. Ed Miliband"
            " won narrowly.\n\nMiliband said the party was united.",
            "David Miliband",
            "Ed Miliband",
            "Miliband",
        ),
    ],
)
@pytest.mark.parametrize("tagged_surname", [True, False])
def test_a_surname_stays_apart_after_two_people_named_together_whoever_came_last(
    text: str, first: str, second: str, surname: str, tagged_surname: bool
) -> None:
    """Two people sharing a surname named in one sentence, then one of them again: the
    nearer full name does not make a later bare surname that person's."""
    n = text.count(second)
    tagged = [(first, "PERSON", 0)] + [(second, "PERSON", k) for k in range(n)]
    if tagged_surname:
        tagged.append((surname, "PERSON", text.count(surname) - 1))
    ents = named(text, tagged)
    assert texts(text, ents[second]) == [second] * n
    assert texts(text, ents[first]) == [first]


# -- with the real model --------------------------------------------------------


@needs_cases
def test_abbreviations_case_finds_kishida_and_yoshida(library: Library, tmp_path: Path) -> None:
    shutil.copy(CASES / "abbreviations.txt", tmp_path / "abbreviations.txt")
    with library.writer() as writer:
        writer.add([str(tmp_path / "abbreviations.txt")])
    assert [m.text for m in library.mentions("Kishida")] == ["Kishida"]
    assert [m.text for m in library.mentions("Yoshida")] == ["Yoshida"]
    assert [m.text for m in library.mentions("Japan")] == ["Japan"]


def test_real_model_titles_particles_and_sentence_starts() -> None:
    from index.entities.ner import spans

    text = (
        "Ursula von der Leyen's plan was welcomed in Brussels. Critics said von der Leyen "
        "had promised too much.\n\nMohammed bin Salman met the envoy in Riyadh. Bin Salman "
        "said little.\n\nTony Blair and Patricia Hewitt spoke. Mr Blair said the plan was "
        "sound, and Ms Hewitt agreed."
    )
    ents = {e.name: e for e in resolve(text, spans(text)) if e.kind != "number"}
    people = {name: texts(text, e) for name, e in ents.items() if e.kind == "person"}
    assert people == {
        "Ursula von der Leyen": ["Ursula von der Leyen", "von der Leyen"],
        "Mohammed bin Salman": ["Mohammed bin Salman", "Bin Salman"],
        "Tony Blair": ["Tony Blair", "Blair"],
        "Patricia Hewitt": ["Patricia Hewitt", "Hewitt"],
    }
    assert not [e for e in ents.values() if e.kind == "place" and "Leyen" in e.name]
