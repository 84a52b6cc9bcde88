"""Entity cleaning and resolution.

The rule tests give ``resolve`` hand-written spans (as the model might tag
them), so each rule is checked on its own, including where it must not merge.
The seed tests run the real model.
"""

from __future__ import annotations

import re

import pytest

from index.entities.entity import Entity
from index.entities.resolve import clean_span, resolve


def spans_of(text: str, tagged: list[tuple[str, str, int]]) -> list[tuple[int, int, str]]:
    """Spans for (surface text, label, n-th occurrence) triples."""
    out = []
    for surface, label, nth in tagged:
        found = [m.start() for m in re.finditer(re.escape(surface), text)]
        start = found[nth]
        out.append((start, start + len(surface), label))
    return out


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def texts(text: str, entity: Entity) -> list[str]:
    return [text[s:e] for s, e in entity.mentions]


# -- cleaning ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "form"),
    [
        ("Kim Jong Un's", "PERSON", "Kim Jong Un"),
        ("Kim Jong Un’s", "PERSON", "Kim Jong Un"),
        ("“Putin”", "PERSON", "Putin"),
        ("the Citizens Alliance", "ORG", "Citizens Alliance"),
        ("Reuters'", "ORG", "Reuters"),
        ("U.S.", "GPE", "U.S."),
        ("Acme Inc.", "ORG", "Acme Inc."),
        ("Moscow.", "GPE", "Moscow"),
        ("Kim-Putin\n\n\n", "PERSON", "Kim-Putin"),
        ("two", "CARDINAL", "two"),
        ("北京", "GPE", "北京"),
    ],
)
def test_clean_span_trims_to_the_name(text: str, label: str, form: str) -> None:
    mention = clean_span(text, 0, len(text), label)
    assert mention is not None and mention.form == form
    assert text[mention.start : mention.end].replace("’", "'") == form


@pytest.mark.parametrize(
    ("text", "label"),
    [("supreme", "ORG"), ("2024", "ORG"), ("--", "PERSON"), ("the", "GPE"), ("'s", "PERSON")],
)
def test_clean_span_drops_what_is_not_a_name(text: str, label: str) -> None:
    assert clean_span(text, 0, len(text), label) is None


def test_span_crossing_a_line_keeps_its_first_line() -> None:
    text = "Kim Jong\nUn said"
    mention = clean_span(text, 0, 11, "PERSON")
    assert mention is not None and mention.form == "Kim Jong"


# -- resolution rules --------------------------------------------------------


def test_surname_links_to_nearest_preceding_full_name() -> None:
    text = (
        "Lee Jongkyu of the institute spoke first. Lee said prices rose. "
        "Later Lee Sang-jun, a professor, disagreed. Lee said they fell."
    )
    spans = spans_of(
        text,
        [
            ("Lee Jongkyu", "PERSON", 0),
            ("Lee", "PERSON", 1),
            ("Lee Sang-jun", "PERSON", 0),
            ("Lee", "PERSON", 3),
        ],
    )
    ents = by_name(resolve(text, spans))
    assert texts(text, ents["Lee Jongkyu"]) == ["Lee Jongkyu", "Lee"]
    assert texts(text, ents["Lee Sang-jun"]) == ["Lee Sang-jun", "Lee"]
    assert ents["Lee Sang-jun"].mentions[1][0] > ents["Lee Sang-jun"].mentions[0][0]


def test_short_form_before_any_full_name_links_only_to_a_unique_one() -> None:
    text = "Putin arrived. Vladimir Putin then spoke."
    ents = by_name(
        resolve(text, spans_of(text, [("Putin", "PERSON", 0), ("Vladimir Putin", "PERSON", 0)]))
    )
    assert list(ents) == ["Vladimir Putin"]
    assert ents["Vladimir Putin"].count == 2


def test_ambiguous_short_form_before_both_full_names_stays_apart() -> None:
    text = "Lee spoke first. Then Lee Jongkyu and Lee Sang-jun answered."
    spans = spans_of(
        text, [("Lee", "PERSON", 0), ("Lee Jongkyu", "PERSON", 0), ("Lee Sang-jun", "PERSON", 0)]
    )
    ents = by_name(resolve(text, spans))
    assert ents["Lee"].count == 1
    assert ents["Lee Jongkyu"].count == 1 and ents["Lee Sang-jun"].count == 1


def test_first_name_short_form_links_too() -> None:
    text = "Kim Jong Un visited. Kim left on Friday."
    ents = resolve(text, spans_of(text, [("Kim Jong Un", "PERSON", 0), ("Kim", "PERSON", 1)]))
    assert [(e.name, e.count, e.aliases) for e in ents] == [("Kim Jong Un", 2, ("Kim",))]


def test_acronym_defined_in_parentheses() -> None:
    text = "The Organisation for Economic Co-operation and Development (OECD) said growth slowed. OECD data"
    spans = spans_of(
        text,
        [
            ("Organisation for Economic Co-operation and Development", "ORG", 0),
            ("OECD", "ORG", 0),
            ("OECD", "ORG", 1),
        ],
    )
    (ent,) = resolve(text, spans)
    assert ent.name == "Organisation for Economic Co-operation and Development"
    assert ent.aliases == ("OECD",) and ent.count == 3


def test_acronym_from_initials() -> None:
    text = "The Korea Development Institute published it. KDI researchers agreed."
    spans = spans_of(text, [("Korea Development Institute", "ORG", 0), ("KDI", "ORG", 0)])
    (ent,) = resolve(text, spans)
    assert ent.name == "Korea Development Institute" and ent.count == 2


def test_parenthesised_nationality_after_a_person_is_not_an_acronym() -> None:
    text = "Kimberly Po ( U.S. ) beat Steffi Graf ( Germany ). U.S. officials cheered."
    spans = spans_of(
        text,
        [
            ("Kimberly Po", "PERSON", 0),
            ("U.S.", "GPE", 0),
            ("Steffi Graf", "PERSON", 0),
            ("Germany", "GPE", 0),
            ("U.S.", "GPE", 1),
        ],
    )
    ents = by_name(resolve(text, spans))
    assert ents["U.S."].kind == "place" and ents["U.S."].count == 2
    assert ents["Kimberly Po"].aliases == ()


def test_acronym_with_other_initials_stays_apart() -> None:
    text = "The Korea Development Institute published it. IMF researchers agreed."
    spans = spans_of(text, [("Korea Development Institute", "ORG", 0), ("IMF", "ORG", 0)])
    assert sorted(e.name for e in resolve(text, spans)) == ["IMF", "Korea Development Institute"]


def test_possessive_and_plain_forms_are_one_entity() -> None:
    text = "Russia's economy grew. Russia exported oil."
    ents = resolve(text, spans_of(text, [("Russia's", "GPE", 0), ("Russia", "GPE", 1)]))
    assert [(e.name, e.count, e.aliases) for e in ents] == [("Russia", 2, ())]


def test_mistagged_short_form_joins_the_full_name_and_kind_comes_from_it() -> None:
    text = "Donald Trump won. Trump said so. Trump left. Trump returned."
    spans = spans_of(
        text,
        [
            ("Donald Trump", "PERSON", 0),
            ("Trump", "ORG", 1),
            ("Trump", "ORG", 2),
            ("Trump", "ORG", 3),
        ],
    )
    (ent,) = resolve(text, spans)
    assert (ent.name, ent.label, ent.kind, ent.count) == ("Donald Trump", "PERSON", "person", 4)


def test_a_place_short_form_does_not_become_a_person() -> None:
    text = "George Washington was president. Officials in Washington agreed."
    spans = spans_of(text, [("George Washington", "PERSON", 0), ("Washington", "GPE", 1)])
    ents = by_name(resolve(text, spans))
    assert ents["Washington"].kind == "place" and ents["George Washington"].kind == "person"
    assert ents["George Washington"].count == 1


def test_label_is_the_majority_of_full_name_mentions() -> None:
    text = "Washington said no. Washington agreed. Washington was quiet."
    spans = spans_of(
        text, [("Washington", "GPE", 0), ("Washington", "ORG", 1), ("Washington", "GPE", 2)]
    )
    (ent,) = resolve(text, spans)
    assert ent.label == "GPE" and ent.count == 3


def test_missed_occurrences_of_known_names_become_mentions() -> None:
    text = "Vladimir Putin spoke. Later Putin left, and Putin's aides stayed."
    ents = resolve(text, spans_of(text, [("Vladimir Putin", "PERSON", 0), ("Putin", "PERSON", 1)]))
    (ent,) = ents
    assert texts(text, ent) == ["Vladimir Putin", "Putin", "Putin"]


def test_names_that_are_also_lowercase_words_are_not_propagated() -> None:
    text = "Theresa May spoke. May said it may rain. In May it rained."
    ents = by_name(
        resolve(text, spans_of(text, [("Theresa May", "PERSON", 0), ("May", "PERSON", 1)]))
    )
    assert ents["Theresa May"].count == 2  # the tagged "May", not the month or the verb


def test_hyphenated_pair_counts_for_each_known_side() -> None:
    text = "Kim Jong Un met Vladimir Putin. The Kim-Putin summit ended. A Kim-era policy. A Putin-led bloc."
    spans = spans_of(text, [("Kim Jong Un", "PERSON", 0), ("Vladimir Putin", "PERSON", 0)])
    ents = by_name(resolve(text, spans))
    # "Kim-Putin": both sides are known names; "Kim-era" and "Putin-led": one side is not.
    assert texts(text, ents["Kim Jong Un"]) == ["Kim Jong Un", "Kim"]
    assert texts(text, ents["Vladimir Putin"]) == ["Vladimir Putin", "Putin"]
    kim_putin = text.index("Kim-Putin")
    assert ents["Kim Jong Un"].mentions[1] == (kim_putin, kim_putin + 3)


def test_surname_and_first_word_of_a_person_are_found_untagged() -> None:
    text = "Vladimir Putin spoke. Putin left. Kim Jong Un stayed; Kim waved."
    spans = spans_of(text, [("Vladimir Putin", "PERSON", 0), ("Kim Jong Un", "PERSON", 0)])
    ents = by_name(resolve(text, spans))
    assert ents["Vladimir Putin"].count == 2 and ents["Kim Jong Un"].count == 2


def test_shared_short_form_is_never_counted_twice() -> None:
    text = "Lee Jongkyu spoke. Lee Sang-jun replied. Lee nodded."
    spans = spans_of(text, [("Lee Jongkyu", "PERSON", 0), ("Lee Sang-jun", "PERSON", 0)])
    ents = by_name(resolve(text, spans))
    total = sum(e.count for e in ents.values())
    assert total == 3  # both full names, and the untagged "Lee" once (nearest: Lee Sang-jun)
    assert texts(text, ents["Lee Sang-jun"]) == ["Lee Sang-jun", "Lee"]


def test_numbers_are_kept_as_their_own_kind() -> None:
    text = "It took two years and two weeks."
    ents = resolve(text, spans_of(text, [("two years", "DATE", 0), ("two weeks", "DATE", 0)]))
    assert {e.kind for e in ents} == {"number"}


def test_entity_json_round_trip() -> None:
    ent = Entity("Kim Jong Un", "PERSON", "person", ("Kim",), ((0, 11), (20, 23)))
    assert Entity.from_json(ent.to_json()) == ent


# -- the seed, with the real model ------------------------------------------


@pytest.fixture(scope="module")
def seed_entities() -> tuple[str, dict[str, Entity]]:
    from index.entities.ner import spans
    from index.readers.cleaning import clean_scraped_text
    from tests.conftest import SEED_FILE

    body = clean_scraped_text(SEED_FILE.read_text(encoding="utf-8")).body
    return body, by_name(resolve(body, spans(body)))


@pytest.mark.parametrize(
    ("name", "label", "count"),
    [
        ("Kim Jong Un", "PERSON", 6),
        ("Vladimir Putin", "PERSON", 3),
        ("Donald Trump", "PERSON", 5),
        ("Lee Jongkyu", "PERSON", 4),
        ("Lee Sang-jun", "PERSON", 1),
        ("Korea Development Institute", "ORG", 3),
    ],
)
def test_seed_entity_counts(
    seed_entities: tuple[str, dict[str, Entity]], name: str, label: str, count: int
) -> None:
    _, ents = seed_entities
    assert (ents[name].label, ents[name].count) == (label, count)


def test_seed_aliases_and_no_supreme(seed_entities: tuple[str, dict[str, Entity]]) -> None:
    body, ents = seed_entities
    assert ents["Korea Development Institute"].aliases == ("KDI",)
    assert texts(body, ents["Lee Jongkyu"]) == ["Lee Jongkyu", "Lee Jongkyu", "Lee", "Lee"]
    assert not [n for n in ents if n.lower() == "supreme"]
    assert "Trump" not in ents and "Kim" not in ents and "Lee" not in ents


@pytest.mark.slow
def test_worker_pool_survives_a_killed_worker() -> None:
    import os
    import signal

    from index.entities.ner import NerPool

    texts = ["Vladimir Putin visited Paris on Monday."] * 8
    with NerPool(2) as pool:
        job = pool.submit(texts)
        job[0][1].result()  # type: ignore[union-attr]  # the workers are up
        for pid in list(pool._pool._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)
        results = pool.collect(pool.submit(texts))
        later = pool.collect(pool.submit(texts))  # the pool is known broken by now
    assert [spans[0][2] for spans, _ in results] == ["PERSON"] * 8
    assert later == results
