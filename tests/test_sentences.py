"""Sentences: found at ingest (index.sentences), stored, and used for mention contexts.

Each kind of full stop that does not end a sentence ("U.S.", "Mr.", "Gen.", "Jan.",
"No. 10", decimals, initials, ellipses) and each that does (a quote after the stop)
is tried with several inputs written here; the shared case is tried end to end.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from index.fulltext.snippet import sentence_around
from index.library import Library
from index.sentences import decode_starts, encode_starts, sentence_starts
from tests.conftest import CASES, CliResult, needs_cases


def sentence_of(text: str, word: str, lang: str | None = "en") -> str:
    """The stored-boundaries sentence around the first ``word`` of ``text``."""
    at = text.index(word)
    starts = sentence_starts([text], [lang])[0]
    return sentence_around(text, at, at + len(word), starts=starts)


def sentences(text: str, lang: str | None = "en") -> list[str]:
    """``text`` cut at its stored boundaries (and line breaks)."""
    starts = sentence_starts([text], [lang])[0]
    cuts = sorted({0, *starts, *(i + 1 for i, c in enumerate(text) if c == "\n"), len(text)})
    return [" ".join(text[a:b].split()) for a, b in itertools.pairwise(cuts)]


@needs_cases
def test_the_abbreviations_case_gives_whole_sentences(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    lib = str(tmp_path / "lib")
    assert cli("--library", lib, "add", str(CASES / "abbreviations.txt")).code == 0
    expected = {
        "Japan": "Officials from the U.S. and Japan met in Tokyo on Monday to discuss tariffs"
        " on steel and cars, the trade ministry said.",
        "Kishida": "Later, Mr. Kishida told reporters that the talks with Washington had been"
        " useful.",
        "Yoshida": "Gen. Yoshida of the defence ministry also attended.",
    }
    for name, context in expected.items():
        hits = cli("--library", lib, "mentions", name, "--json").json()
        assert [h["context"] for h in hits] == [context], name  # type: ignore[index]


def test_the_case_text_through_stored_boundaries() -> None:
    text = (
        "TOKYO, June 4 (Staff report) - Officials from the U.S. and Japan met in Tokyo on"
        " Monday to discuss tariffs on steel and cars, the trade ministry said.\n\n"
        "Later, Mr. Kishida told reporters that the talks with Washington had been useful."
        " Gen. Yoshida of the defence ministry also attended."
    )
    assert sentence_of(text, "Japan").startswith("Officials from the U.S. and Japan met")
    assert sentence_of(text, "Kishida") == (
        "Later, Mr. Kishida told reporters that the talks with Washington had been useful."
    )
    assert sentence_of(text, "Yoshida") == "Gen. Yoshida of the defence ministry also attended."


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        # Country and organisation initials.
        (
            "Aid from the U.K. and the U.S. arrived in Haiti. Relief workers welcomed it.",
            "Haiti",
            "Aid from the U.K. and the U.S. arrived in Haiti.",
        ),
        (
            "The U.N. Security Council met. A former U.N. envoy, Ms. Ortega, spoke first.",
            "Ortega",
            "A former U.N. envoy, Ms. Ortega, spoke first.",
        ),
        (
            "Galaxy Cablevision L.P. said it would sell its systems in Texas. Shares rose.",
            "Texas",
            "Galaxy Cablevision L.P. said it would sell its systems in Texas.",
        ),
        # Titles and ranks before a name.
        (
            "The vote was close. Dr. Patel and Prof. Nguyen met Sen. Warren in Boston.",
            "Boston",
            "Dr. Patel and Prof. Nguyen met Sen. Warren in Boston.",
        ),
        (
            "Mrs. Thatcher met Mr. Reagan at Camp David. It was 1984.",
            "Camp David",
            "Mrs. Thatcher met Mr. Reagan at Camp David.",
        ),
        (
            "Troops moved north. Lt. Col. Ward and Capt. Hill led them into Kandahar.",
            "Kandahar",
            "Lt. Col. Ward and Capt. Hill led them into Kandahar.",
        ),
        (
            "Rain fell all day. Gov. Newsom and Rep. Pelosi toured Sacramento.",
            "Sacramento",
            "Gov. Newsom and Rep. Pelosi toured Sacramento.",
        ),
        # Months.
        (
            "Talks resume on Jan. 12 in Brussels. Nobody expects a deal.",
            "Brussels",
            "Talks resume on Jan. 12 in Brussels.",
        ),
        (
            "The rally is set for Sept. 3 in Denver, organisers said. Tickets sold out.",
            "Denver",
            "The rally is set for Sept. 3 in Denver, organisers said.",
        ),
        # "No." before a number.
        (
            "The prime minister returned to No. 10 Downing Street. Aides said he was tired.",
            "Downing",
            "The prime minister returned to No. 10 Downing Street.",
        ),
        (
            "Walmart's No. 2 executive, Kate Lowe, resigned. No reason was given.",
            "Lowe",
            "Walmart's No. 2 executive, Kate Lowe, resigned.",
        ),
        # Decimals, prices and times.
        (
            "Inflation in Spain fell to 3.5 per cent in March. Economists had expected 3.7.",
            "Spain",
            "Inflation in Spain fell to 3.5 per cent in March.",
        ),
        (
            "Shares of Acme rose 2.25% to $14.60 at 5 p.m. on Friday. The index fell.",
            "Acme",
            "Shares of Acme rose 2.25% to $14.60 at 5 p.m. on Friday.",
        ),
        # Initials.
        (
            "The novel by J. K. Rowling sold 1.2 million copies. Her publisher declined to comment.",
            "Rowling",
            "The novel by J. K. Rowling sold 1.2 million copies.",
        ),
        (
            "George W. Bush met Vladimir V. Putin in Slovenia. They spoke for two hours.",
            "Slovenia",
            "George W. Bush met Vladimir V. Putin in Slovenia.",
        ),
        (
            "Chairman Marvin L. Warner of Ohio bought the shares. He sold them in May.",
            "Ohio",
            "Chairman Marvin L. Warner of Ohio bought the shares.",
        ),
        # Ellipses inside a sentence.
        (
            "The talks in Geneva dragged on... and on. Nobody expected a deal by dawn.",
            "Geneva",
            "The talks in Geneva dragged on... and on.",
        ),
        (
            '"Our work with Paris … has been hugely successful," said Mr Blunkett. He left.',
            "Paris",
            '"Our work with Paris … has been hugely successful," said Mr Blunkett.',
        ),
        # An abbreviation the tokenizer does not know, then a word in lower case.
        (
            "Fruit, nuts, etc. were sold in Leeds on Sunday. Prices fell.",
            "Leeds",
            "Fruit, nuts, etc. were sold in Leeds on Sunday.",
        ),
        (
            "The E.U. budget rose 3 p.c. in Brussels last year. Members objected.",
            "Brussels",
            "The E.U. budget rose 3 p.c. in Brussels last year.",
        ),
        (
            "Pvt. Ryan and Atty. Gen. Brown met in Normandy. Nobody else came.",
            "Normandy",
            "Pvt. Ryan and Atty. Gen. Brown met in Normandy.",
        ),
        # A stop then a comma is a title, not a sentence's end.
        (
            "Meet The Fockers and Shall We Dance?, starring Jennifer Lopez, completed the top five.",
            "Lopez",
            "Meet The Fockers and Shall We Dance?, starring Jennifer Lopez, completed the top five.",
        ),
    ],
)
def test_a_full_stop_that_ends_no_sentence(text: str, word: str, sentence: str) -> None:
    assert sentence_of(text, word) == sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The closing quote stays with its sentence; the opening quote starts the next.
        (
            'He said the deal was done. "We are not finished yet," Mr. Obi said in Lagos.',
            ["He said the deal was done.", '"We are not finished yet," Mr. Obi said in Lagos.'],
        ),
        (
            "It rose in 2004. “In 2004, our company gained momentum.” Sales doubled.",
            ["It rose in 2004.", "“In 2004, our company gained momentum.”", "Sales doubled."],
        ),
        (
            "She said: 'That is final.' There will be no appeal.",
            ["She said: 'That is final.'", "There will be no appeal."],
        ),
        (
            'Bankers were wary (as usual.) They waited. "No," he said.',
            ["Bankers were wary (as usual.)", "They waited.", '"No," he said.'],
        ),
        # A line break always ends a sentence, even without a stop.
        (
            "Results at a glance\nProfits rose 5%. Sales fell.",
            ["Results at a glance", "Profits rose 5%.", "Sales fell."],
        ),
    ],
)
def test_sentences_and_their_quotes(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The case: a quoted question or exclamation, then a lower-case word.
        (
            '"Is it over?" asked Mr. Kishida. "No!" shouted Smith, who had waited.',
            ['"Is it over?" asked Mr. Kishida.', '"No!" shouted Smith, who had waited.'],
        ),
        (
            "“Why now?” wondered one aide. ‘Enough!’ cried another.",
            ["“Why now?” wondered one aide.", "‘Enough!’ cried another."],
        ),
        (
            "'Who pays?' said the minister, smiling. Nobody answered.",
            ["'Who pays?' said the minister, smiling.", "Nobody answered."],
        ),
        # A capital after the quote still starts a sentence.
        (
            '"Is it over?" He shook his head. "Never!" She left.',
            ['"Is it over?"', "He shook his head.", '"Never!"', "She left."],
        ),
    ],
)
def test_a_quoted_question_or_exclamation_then_a_lower_case_word_goes_on(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The case: a title and a name after the clock abbreviation.
        (
            "He arrived at 10 a.m. Mr. Kishida then met Dr. Brown.",
            ["He arrived at 10 a.m.", "Mr. Kishida then met Dr. Brown."],
        ),
        (
            "The vote closed at 8 p.m. Dr Ahmed said turnout was high.",
            ["The vote closed at 8 p.m.", "Dr Ahmed said turnout was high."],
        ),
        (
            "Markets shut at 4 p.m. The dollar had fallen. They met at 8 a.m. He was late.",
            ["Markets shut at 4 p.m.", "The dollar had fallen.", "They met at 8 a.m.",
             "He was late."],
        ),
        # A day, a time zone or a lower-case word after it: the sentence goes on.
        (
            "The talks began at 10 a.m. Monday and ended at noon.",
            ["The talks began at 10 a.m. Monday and ended at noon."],
        ),
        (
            "It ended at 9 p.m. Eastern Time on Friday. Trading opened at 9 a.m. GMT Friday.",
            ["It ended at 9 p.m. Eastern Time on Friday.",
             "Trading opened at 9 a.m. GMT Friday."],
        ),
        ("Doors open at 7 p.m. and close at 11.", ["Doors open at 7 p.m. and close at 11."]),
    ],
)  # fmt: skip
def test_a_clock_abbreviation_ends_a_sentence_before_a_sentence_opener(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("TOKYO, June 4 (Staff report) - Officials met.", "Officials met."),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "The Senate voted on Tuesday."),
        ("NEW YORK, March 3 (Reuters) - Stocks fell. Bonds rose.", "Stocks fell."),
        (
            "ST. LOUIS, Feb 26 -- The bank said it would cut jobs.",
            "The bank said it would cut jobs.",
        ),
    ],
)
def test_a_dateline_is_not_part_of_the_first_sentence(text: str, story: str) -> None:
    assert sentence_of(text, story.split()[1]) == story


@pytest.mark.parametrize(
    "text",
    [
        "NATO, the alliance, met in Brussels - and agreed on nothing.",
        "The U.S. team (led by Mr. Ross) - all six of them - left Geneva.",
        "IBM said on Monday - a day early - that profits rose in Geneva.",
    ],
)
def test_a_capitalised_opening_is_not_taken_for_a_dateline(text: str) -> None:
    assert sentence_of(text, "Geneva" if "Geneva" in text else "Brussels") == text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "朝鲜周一试射了一枚新型导弹。日本政府表示强烈抗议！美国呼吁各方保持克制。",
            "zh",
            ["朝鲜周一试射了一枚新型导弹。", "日本政府表示强烈抗议！", "美国呼吁各方保持克制。"],
        ),
        (
            "北朝鮮は月曜日、新型ミサイルを発射した。日本政府は強く抗議した。",
            "ja",
            ["北朝鮮は月曜日、新型ミサイルを発射した。", "日本政府は強く抗議した。"],
        ),
        (
            "Dr. Müller sprach mit Prof. Schmidt über den Vertrag. Beide waren zufrieden.",
            "de",
            ["Dr. Müller sprach mit Prof. Schmidt über den Vertrag.", "Beide waren zufrieden."],
        ),
        (
            "Le taux est passé à 3,5 % en mars. C'est une hausse importante.",
            "fr",
            ["Le taux est passé à 3,5 % en mars.", "C'est une hausse importante."],
        ),
        (
            "El ministro llegó el lunes. ¿Quién lo esperaba? Nadie.",
            "es",
            ["El ministro llegó el lunes.", "¿Quién lo esperaba?", "Nadie."],
        ),
        (
            "В понедельник в Москве прошли переговоры. Стороны договорились о новой встрече.",
            "ru",
            ["В понедельник в Москве прошли переговоры.", "Стороны договорились о новой встрече."],
        ),
        # A language spaCy has no tokenizer for still has its sentences.
        (
            "Habari za leo ni nzuri. Mvua ilinyesha jana.",
            "sw",
            ["Habari za leo ni nzuri.", "Mvua ilinyesha jana."],
        ),
    ],
)
def test_sentences_in_other_languages(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_offsets_are_character_offsets_into_the_whole_body() -> None:
    bodies = ["First one. Second one.\n\nThird one. Fourth one.", "", "Just one"]
    found = sentence_starts(bodies, ["en", None, "en"])
    assert found == [[11, 35], [], []]
    assert [bodies[0][i : i + 6] for i in found[0]] == ["Second", "Fourth"]


def test_the_stored_form_round_trips() -> None:
    assert encode_starts([12, 40, 41]) == "12,28,1"
    assert decode_starts("12,28,1") == [12, 40, 41]
    assert encode_starts([]) == "" and decode_starts("") == []
    with pytest.raises(ValueError):
        decode_starts("12,x")


def test_without_stored_boundaries_the_former_rule_is_used() -> None:
    text = "Later, Mr. Kishida told reporters. He left."
    at = text.index("Kishida")
    assert sentence_around(text, at, at + 7) == "Kishida told reporters."
    assert sentence_around(text, at, at + 7, starts=[35]) == "Later, Mr. Kishida told reporters."


STORY = (
    "Later, Mr. Kishida told reporters in Osaka that the talks had been useful. "
    "Gen. Yoshida also attended."
)


def _add_story(lib: Library, folder: Path) -> str:
    folder.mkdir()
    (folder / "story.txt").write_text(f"Envoys meet in Osaka\n\n{STORY}\n", encoding="utf-8")
    with lib.writer() as writer:
        report = writer.add([str(folder / "story.txt")])
    return report.added[0].id


def _contexts(lib: Library, name: str) -> list[str]:
    return [h.context for h in lib.mentions(name)]


def test_ingest_stores_the_sentences_of_every_article(library: Library, tmp_path: Path) -> None:
    article_id = _add_story(library, tmp_path / "in")
    assert library.store.sentences(article_id) == [STORY.index("Gen.")]
    assert _contexts(library, "Osaka") == [STORY.split(" Gen.")[0]]


def test_a_library_from_before_stored_sentences_works_and_rebuild_finds_them(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    lib = Library.open(tmp_path / "lib")
    article_id = _add_story(lib, tmp_path / "in")
    lib.close()
    # Make it a version 4 store, as nutgraf left it before this change.
    conn = sqlite3.connect(tmp_path / "lib" / "library.db")
    conn.execute("ALTER TABLE articles DROP COLUMN sentences")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()

    lib = Library.open(tmp_path / "lib")  # upgraded: the column is there, empty
    try:
        assert lib.store.sentences(article_id) is None
        assert _contexts(lib, "Osaka") == [
            "Kishida told reporters in Osaka that the talks had been useful."
        ]
    finally:
        lib.close()
    assert cli("--library", str(tmp_path / "lib"), "rebuild").code == 0
    lib = Library.open(tmp_path / "lib")
    try:
        assert lib.store.sentences(article_id) == [STORY.index("Gen.")]
        assert _contexts(lib, "Osaka") == [STORY.split(" Gen.")[0]]
    finally:
        lib.close()


def test_a_damaged_stored_value_falls_back_to_the_former_rule(
    library: Library, tmp_path: Path
) -> None:
    article_id = _add_story(library, tmp_path / "in")
    conn = sqlite3.connect(library.path / "library.db")
    conn.execute("UPDATE articles SET sentences = 'x,y' WHERE id = ?", (article_id,))
    conn.commit()
    conn.close()
    assert library.store.sentences(article_id) is None
    assert _contexts(library, "Osaka") == [
        "Kishida told reporters in Osaka that the talks had been useful."
    ]


def test_the_entity_pass_finds_the_same_sentences_on_its_own_tokens() -> None:
    from index.entities.ner import analyse

    texts = [
        "TOKYO, June 4 (Reuters) - Officials from the U.S. met. Later, Mr. Kishida spoke.",
        'He returned to No. 10 Downing Street.  "We won," Lt. Col. Ward said.\n\n - Next line.',
        "It rose 3.5 per cent in Zürich. J. K. Rowling wrote it... and left. Shall We Dance?, a film.",
        '"Is it over?" asked Mr. Kishida. He arrived at 10 a.m. Mr. Kishida met Dr. Brown.',
    ]
    found = analyse(texts)
    assert [starts for _, starts in found] == sentence_starts(texts, ["en"] * len(texts))
    assert all(starts for _, starts in found)


def test_an_article_in_another_language_has_its_sentences_stored(
    library: Library, tmp_path: Path
) -> None:
    body = "朝鲜周一试射了一枚新型导弹。日本政府表示强烈抗议！美国呼吁各方保持克制。"
    (tmp_path / "zh.txt").write_text(f"朝鲜试射新型导弹\n\n{body}\n", encoding="utf-8")
    with library.writer() as writer:
        (added,) = writer.add([str(tmp_path / "zh.txt")]).added
    article = library.get(added.id)
    assert article is not None and article.lang == "zh"
    assert library.store.sentences(added.id) == [body.index("日本"), body.index("美国")]


def test_rebuild_finds_the_sentences_of_a_library_from_schema_1(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    import tarfile

    with tarfile.open(Path(__file__).parent / "data" / "library-schema1.tar.gz") as tar:
        tar.extractall(tmp_path, filter="data")
    old = tmp_path / "lib"
    lib = Library.open(old)
    try:
        ids = [a.id for a in lib.articles()]
        assert ids and all(lib.store.sentences(i) is None for i in ids)
    finally:
        lib.close()
    assert cli("--library", str(old), "rebuild").code == 0
    lib = Library.open(old)
    try:
        found = {i: lib.store.sentences(i) for i in ids}
        assert all(starts is not None for starts in found.values()), found
        assert any(found.values())  # the seed article has sentences after others
        for i, starts in found.items():
            article = lib.get(i)
            assert article is not None and starts is not None
            assert all(article.body[s - 1] in " \u3000" for s in starts)  # after a space
    finally:
        lib.close()
