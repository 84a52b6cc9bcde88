"""Kinds put right by the article's own evidence (issue 13, item 7), parties as one
organisation (item 6).

Spans are written by hand, as the model tags them, so each rule is tested on its own,
including where it must change nothing.
"""

from __future__ import annotations

import re

import pytest

from tests.entity_spans import Tagged, named, texts


def _every(text: str, name: str, label: str) -> Tagged:
    return [(name, label, n) for n in range(len(re.findall(re.escape(name), text)))]


# -- companies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yukos shares fell 10%. Yukos said it would appeal against the ruling.", "Yukos"),
        ("Investors sold shares in Holcim on Monday. Holcim made no comment.", "Holcim"),
        ("The Swiss cement firm Holcim bought three plants.", "Holcim"),
        ("Ericsson said its profits rose. Ericsson is based in Stockholm.", "Ericsson"),
        ("Virgin Blue's shareholders were told to wait. Virgin Blue declined to say more.",
         "Virgin Blue"),
        ("Balfour Beatty said it will contest the fine, and Balfour Beatty said it would "
         "appeal.", "Balfour Beatty"),
    ],
)  # fmt: skip
def test_a_person_tagged_name_used_as_a_company_is_an_organisation(text: str, name: str) -> None:
    ents = named(text, _every(text, name, "PERSON"))
    assert (ents[name].label, ents[name].kind) == ("ORG", "org")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Evidence both ways changes nothing.
        ("Mr Yukos said its board would meet. Yukos shares fell.", "Yukos"),
        ("Holcim, who founded the firm, said he was proud. Holcim shares rose.", "Holcim"),
        # Words that look like a company's but are a person's.
        ("Independent film-maker Morgan Spurlock made a film.", "Morgan Spurlock"),
        ("Party leader Alex Salmond said it had received a boost.", "Alex Salmond"),
        ("A gig starring Eric Clapton and Jools Holland, which raised £1m.", "Jools Holland"),
        ("Alex Salmond said it would be wrong to wait.", "Alex Salmond"),
        # One "said it would" alone is not enough.
        ("Alex Salmond said it would give the party a boost.", "Alex Salmond"),
    ],
)
def test_a_person_without_clear_company_evidence_stays_a_person(text: str, name: str) -> None:
    ents = named(text, _every(text, name, "PERSON"))
    assert ents[name].kind == "person"


# -- sides of a result ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "side", "opponent", "label"),
    [
        ("England beat France 2-1 in Paris on Saturday.", "England", "France", "GPE"),
        ("Spain 2 Italy 1: the hosts went through.", "Spain", "Italy", "GPE"),
        ("Deportivo 2 Barcelona 1, with two late goals.", "Deportivo", "Barcelona", "ORG"),
        ("Moldova drew with Georgia 1-1 in Chisinau.", "Moldova", "Georgia", "GPE"),
        ("In the final, Japan defeated Syria 2-1.", "Syria", "Japan", "GPE"),
    ],
)
def test_a_side_in_a_result_takes_its_opponents_kind(
    text: str, side: str, opponent: str, label: str
) -> None:
    ents = named(text, [(side, "PERSON", 0), (opponent, label, 0)])
    assert ents[side].label == label


@pytest.mark.parametrize(
    ("text", "tagged", "person"),
    [
        ("Agassi beat Sampras 6-4 in the final.", [("Agassi", "PERSON", 0),
                                                     ("Sampras", "PERSON", 0)], "Agassi"),
        ("Henman beat France's Grosjean 6-4.", [("Henman", "PERSON", 0), ("France", "GPE", 0),
                                                ("Grosjean", "PERSON", 0)], "Henman"),
        ("Mr Owen beat Wales 2-1, said the coach.", [("Owen", "PERSON", 0),
                                                     ("Wales", "GPE", 0)], "Owen"),
        ("Roberts met France officials in 2021.", [("Roberts", "PERSON", 0),
                                                   ("France", "GPE", 0)], "Roberts"),
    ],
)  # fmt: skip
def test_a_person_in_a_result_or_near_a_place_stays_a_person(
    text: str, tagged: Tagged, person: str
) -> None:
    assert named(text, tagged)[person].kind == "person"


# -- parties ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tagged", "party", "members"),
    [
        (
            "The Conservative Party met. Tory leader Michael Howard said the Tories and "
            "all Conservatives would win.",
            [("Conservative Party", "ORG", 0), ("Tory", "NORP", 0), ("Michael Howard",
             "PERSON", 0), ("Tories", "NORP", 0), ("Conservatives", "NORP", 0)],
            "Conservative Party",
            ["Conservative Party", "Tory", "Tories", "Conservatives"],
        ),
        (
            "The Democratic Party chose a leader. Democrats were pleased; a Democratic aide "
            "said so.",
            [("Democratic Party", "ORG", 0), ("Democrats", "NORP", 0), ("Democratic", "NORP", 1)],
            "Democratic Party",
            ["Democratic Party", "Democrats", "Democratic"],
        ),
        (
            "The Republican Party split. Two Republicans left, and one Republican stayed.",
            [("Republican Party", "ORG", 0), ("Republicans", "NORP", 0),
             ("Republican", "NORP", 2)],
            "Republican Party",
            ["Republican Party", "Republicans", "Republican"],
        ),
        (
            "The Labour Party conference opened. Labour said it would win.",
            [("Labour Party", "ORG", 0), ("Labour", "ORG", 1)],
            "Labour Party",
            ["Labour Party", "Labour"],
        ),
    ],
)  # fmt: skip
def test_a_named_party_is_one_organisation_with_its_members_words(
    text: str, tagged: Tagged, party: str, members: list[str]
) -> None:
    ents = named(text, tagged)
    assert ents[party].kind == "org"
    assert texts(text, ents[party]) == members


@pytest.mark.parametrize(
    ("text", "tagged", "party", "members"),
    [
        # The case: "Tory" left untagged (or tagged NORP and dropped), "Tories" tagged.
        ("The Conservative Party said it backed the budget. Tory MPs were split on Tuesday,"
         " and the Tories will vote next week.",
         [("Conservative Party", "ORG", 0), ("Tories", "NORP", 0)],
         "Conservative Party",
         ["Conservative Party", "Tory", "Tories"]),
        # Nothing but the party tagged.
        ("The Conservative Party met. Tory whips counted, and Conservatives left early.",
         [("Conservative Party", "ORG", 0)],
         "Conservative Party",
         ["Conservative Party", "Tory", "Conservatives"]),
        ("The Republican Party chose its nominee. GOP donors cheered; Republicans did too.",
         [("Republican Party", "ORG", 0)],
         "Republican Party",
         ["Republican Party", "GOP", "Republicans"]),
        ("The Democratic Party lost ground. Democrats blamed the economy.",
         [("Democratic Party", "ORG", 0)],
         "Democratic Party",
         ["Democratic Party", "Democrats"]),
        ("The Liberal Democrat Party gained seats. Lib Dem leaders were pleased.",
         [("Liberal Democrat Party", "ORG", 0)],
         "Liberal Democrat Party",
         ["Liberal Democrat Party", "Lib Dem"]),
    ],
)  # fmt: skip
def test_a_partys_untagged_members_words_are_its_mentions(
    text: str, tagged: Tagged, party: str, members: list[str]
) -> None:
    ents = named(text, tagged)
    assert texts(text, ents[party]) == members


@pytest.mark.parametrize(
    "text",
    [
        # The adjective is other names' word too; a common word is no name.
        "The Democratic Party met. The Democratic Republic of Congo voted.",
        "The Labour Party met. Its labour policy was cheered; Labour won.",
        # A party of several words gives no words of its own.
        "The Scottish National Party met near the Scottish National Gallery.",
    ],
)
def test_no_untagged_party_words_where_they_could_be_other_words(text: str) -> None:
    party = next(p for p in re.findall(r"The ([A-Z]\w+(?: [A-Z]\w+)? Party)", text))
    ents = named(text, [(party, "ORG", 0)])
    assert texts(text, ents[party]) == [party]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        # No party named: the members' words stay as the model gave them.
        ("Tory leader Michael Howard said the Tories would win.",
         [("Tory", "NORP", 0), ("Tories", "NORP", 0)]),
        # A plural and its singular are not a party and its members.
        ("The Oscars are near; Oscar voting closes today.",
         [("Oscars", "ORG", 0), ("Oscar", "PERSON", 0)]),
        ("Joss Stone sang. The Stones played later; Stone left early.",
         [("Joss Stone", "PERSON", 0), ("Stones", "ORG", 0), ("Stone", "PERSON", 2)]),
    ],
)  # fmt: skip
def test_no_party_join_without_a_named_party(text: str, tagged: Tagged) -> None:
    ents = named(text, tagged)
    assert sum(len(e.aliases) for e in ents.values() if e.kind == "org") == 0


# -- a score after a name ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "label", "form"),
    [
        ("Mexico 2-0", "GPE", "Mexico"),
        ("J. Ratcliffe 63", "PERSON", "J. Ratcliffe"),
        ("Rainer Schuettler 7-5", "PERSON", "Rainer Schuettler"),
        ("Roddick 30-0", "PERSON", "Roddick"),
        ("Cameron 87", "PERSON", "Cameron"),
        # Organisations and titles keep their numbers; so does a date-like number.
        ("Channel 4", "ORG", "Channel 4"),
        ("Apollo 11", "PRODUCT", "Apollo 11"),
        ("Fahrenheit 9/11", "PERSON", "Fahrenheit 9/11"),
    ],
)
def test_a_score_after_a_person_or_place_is_not_part_of_the_name(
    span: str, label: str, form: str
) -> None:
    from index.entities.resolve import clean_span

    mention = clean_span(span, 0, len(span), label)
    assert mention is not None and mention.form == form
