"""A label in a report's box of facts is not a name (issue 13, the text comes in whole).

"Attendance: 81,000" at the start of a line: the model tags "Attendance" as a PERSON.
Spans are written by hand as the model tags them (checked with the real model for the
first input); one match report goes through the real model.
"""

from __future__ import annotations

import pytest

from index.entities.resolve import resolve
from tests.entity_spans import Tagged, named


@pytest.mark.parametrize(
    ("text", "tagged", "label", "kept"),
    [
        ("Arsenal won at Wembley.\n\nAttendance: 81,000\nReferee: Mike Dean",
         [("Arsenal", "ORG", 0), ("Attendance", "PERSON", 0), ("Mike Dean", "PERSON", 0)],
         "Attendance", ["Arsenal", "Mike Dean"]),
        ("Leeds drew at home.\nReferee: Anthony Taylor\nCrowd: 36,000",
         [("Leeds", "GPE", 0), ("Referee", "PERSON", 0), ("Anthony Taylor", "PERSON", 0),
          ("Crowd", "ORG", 0)],
         "Referee", ["Leeds", "Anthony Taylor"]),
        ("Rain stopped play.\n\n  • Weather: Sunny spells\n  • Toss: England",
         [("Weather", "PERSON", 0), ("England", "GPE", 0)],
         "Weather", ["England"]),
        ("The court sat again.\nReporting: Kate Holton\nEditing : Peter Graff",
         [("Reporting", "ORG", 0), ("Kate Holton", "PERSON", 0), ("Editing", "PERSON", 0),
          ("Peter Graff", "PERSON", 0)],
         "Editing", ["Kate Holton", "Peter Graff"]),
    ],
)  # fmt: skip
def test_a_word_opening_its_line_before_a_colon_is_a_label_not_a_name(
    text: str, tagged: Tagged, label: str, kept: list[str]
) -> None:
    ents = named(text, tagged)
    assert label not in ents
    assert sorted(ents) == sorted(kept)


@pytest.mark.parametrize(
    ("text", "tagged", "name"),
    [
        # A headline's speaker the article names elsewhere.
        ("Blair: I will stay on\n\nTony Blair said he would serve a full term.",
         [("Blair", "PERSON", 0), ("Tony Blair", "PERSON", 0)], "Tony Blair"),
        ("Merkel: No deal yet\n\nMerkel told reporters in Berlin that talks went on.",
         [("Merkel", "PERSON", 0), ("Merkel", "PERSON", 1)], "Merkel"),
        # A transcript's speaker written in full.
        ("Interview\nJohn Smith: I did not see it.\nHe left soon after.",
         [("John Smith", "PERSON", 0)], "John Smith"),
        # A colon later in the line, or a name not at the line's start.
        ("Police named the man as Smith: he was 42.", [("Smith", "PERSON", 0)], "Smith"),
        ("Goals: Kane 12, Saka 80", [("Kane", "PERSON", 0), ("Saka", "PERSON", 0)], "Kane"),
    ],
)  # fmt: skip
def test_a_name_before_a_colon_that_is_no_label_stays(text: str, tagged: Tagged, name: str) -> None:
    ents = named(text, tagged)
    assert ents[name].mentions[0][0] == text.index(tagged[0][0])


def test_real_model_match_report_has_no_label_people() -> None:
    from index.entities.ner import spans

    text = (
        "Arsenal beat Chelsea 2-1 at Wembley on Saturday. Bukayo Saka scored twice.\n\n"
        "Attendance: 81,000\nReferee: Mike Dean"
    )
    people = {e.name for e in resolve(text, spans(text)) if e.kind == "person"}
    assert people == {"Bukayo Saka", "Mike Dean"}
