"""Issue 12, the ingest side: text in other scripts and normal forms goes in whole, in NFC,
with its language, and entities only where the English model can find them.

The cases of ``shared/cases/real-world-text`` (the "Every word findable" table) that are
about ingest, and inputs of the same kinds written here: Japanese, Korean, Thai, mixed
CJK/English, French and German, as plain text, HTML and Markdown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import CASES, SEEDS, CliResult, needs_cases

Cli = Callable[..., CliResult]

JAPANESE = """東京都が新しい条例を発表

東京都は月曜日、飲食店の屋外席に関する新しい条例を発表した。都の担当者によると、条例は来年四月から施行される。

飲食店の経営者からは賛否両論の声が上がっている。ある経営者は「客が増えるのは良いことだ」と話した。
"""
KOREAN = """북한, 새로운 장거리 미사일 시험 발사

북한은 월요일 새로운 장거리 미사일을 시험 발사했다고 국영 매체가 보도했다. 김정은 위원장은 평양 인근에서 발사를 지켜봤다.

한국 합동참모본부는 비행 자료를 분석하고 있다고 밝혔다. 전문가들은 이번 발사가 협상을 앞둔 무력 시위라고 분석했다.
"""
THAI = """รัฐบาลประกาศปฏิรูปบำนาญ

รัฐบาลประกาศการปฏิรูประบบบำนาญใหม่เมื่อวันจันทร์ ซึ่งถูกวิจารณ์อย่างหนักโดยสหภาพแรงงานหลายแห่งทั่วประเทศ

นายกรัฐมนตรีกล่าวว่าการปฏิรูปครั้งนี้จำเป็นต่อเสถียรภาพทางการเงินของประเทศในระยะยาว
"""
MIXED = """苹果公司发布新款iPhone手机

苹果公司CEO Tim Cook星期二在加州发布了新款iPhone手机，售价为999美元。

分析人士说，Apple面临来自Samsung和华为的激烈竞争。
"""
FRENCH = """La réforme des retraites divise le pays

Le gouvernement a annoncé lundi une nouvelle réforme des retraites, vivement critiquée par les syndicats, qui appellent à la grève dans toute la France.

Le Premier ministre a défendu un texte qu'il juge nécessaire à l'équilibre financier du système.
"""
GERMAN = """Regierung kündigt Rentenreform an

Die Bundesregierung hat am Montag eine neue Rentenreform angekündigt, die von den Gewerkschaften scharf kritisiert wird.

Der Kanzler verteidigte die Pläne als notwendig für die Stabilität der Rentenkasse in den kommenden Jahren.
"""


def write(folder: Path, name: str, text: str, form: str = "NFC") -> Path:
    path = folder / name
    path.write_text(unicodedata.normalize(form, text), encoding="utf-8")
    return path


def add_one(cli: Cli, lib: str, path: Path) -> dict[str, object]:
    """Add ``path`` (it must go in as one article) and return ``show --json`` of it."""
    report = cli("--library", lib, "add", str(path), "--json")
    assert report.code == 0, report.out + report.err
    (added,) = report.json()["added"]  # type: ignore[index]
    shown = cli("--library", lib, "show", added["id"], "--json").json()
    assert isinstance(shown, dict)
    return shown


# -- the shared cases -----------------------------------------------------------------


@needs_cases
def test_chinese_plain_goes_in_with_its_title_and_two_paragraphs(cli: Cli, tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    shown = add_one(cli, lib, CASES / "chinese-plain.txt")
    assert shown["title"] == "朝鲜试射新型导弹"
    paragraphs = str(shown["text"]).split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("朝鲜中央通讯社") and paragraphs[1].endswith("飞行数据。")
    assert shown["lang"] == "zh"
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    assert item["lang"] == "zh"
    # Not English: no entities (not what the English model guesses on Chinese).
    assert cli("--library", lib, "entities", str(shown["id"]), "--json").json() == []


@needs_cases
def test_chinese_page_goes_in(cli: Cli, tmp_path: Path) -> None:
    shown = add_one(cli, str(tmp_path / "lib"), CASES / "chinese-page.html")
    assert "金正恩在平壤" in str(shown["text"]) and shown["lang"] == "zh"


@needs_cases
def test_decomposed_accents_are_stored_in_nfc_with_one_place_zurich(
    cli: Cli, tmp_path: Path
) -> None:
    lib = str(tmp_path / "lib")
    source = CASES / "decomposed-accents.txt"
    assert "Zu\u0308rich" in source.read_text(encoding="utf-8")  # the case is NFD
    shown = add_one(cli, lib, source)
    text, title = str(shown["text"]), str(shown["title"])
    assert unicodedata.is_normalized("NFC", text) and unicodedata.is_normalized("NFC", title)
    assert title == "Café owners in Zürich protest new rules"
    assert text.count("Zürich") == 2  # and once in the title: 3 in all
    raw = cli("--library", lib, "show", str(shown["id"]), "--raw", "--json").json()
    assert "Zu\u0308rich" in raw["text"]  # type: ignore[index]  # the original as given
    places = cli("--library", lib, "entities", "--kind", "places", "--json").json()
    assert [p["name"] for p in places if p["name"].casefold().endswith("rich")] == ["Zürich"]  # type: ignore[union-attr]
    ents = cli("--library", lib, "entities", str(shown["id"]), "--json").json()
    by_name = {e["name"]: e for e in ents}  # type: ignore[union-attr]
    assert by_name["Zürich"]["kind"] == "place" and by_name["Zürich"]["count"] == 2
    assert by_name["São Paulo"]["kind"] == "place"
    assert not [e for e in ents if e["kind"] == "person" and "Paulo" in e["name"]]  # type: ignore[union-attr]


# -- more of the same kinds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "title", "lang", "first"),
    [
        ("tokyo.txt", JAPANESE, "東京都が新しい条例を発表", "ja", "東京都は月曜日"),
        ("missile-ko.txt", KOREAN, "북한, 새로운 장거리 미사일 시험 발사", "ko", "북한은 월요일"),
        ("pension-th.txt", THAI, "รัฐบาลประกาศปฏิรูปบำนาญ", "th", "รัฐบาลประกาศการปฏิรูป"),
        ("french.txt", FRENCH, "La réforme des retraites divise le pays", "fr", "Le gouvernement"),
        ("german.txt", GERMAN, "Regierung kündigt Rentenreform an", "de", "Die Bundesregierung"),
    ],
    ids=["ja", "ko", "th", "fr", "de"],
)
def test_other_languages_go_in_with_their_language_and_no_entities(
    cli: Cli, tmp_path: Path, name: str, text: str, title: str, lang: str, first: str
) -> None:
    lib = str(tmp_path / "lib")
    shown = add_one(cli, lib, write(tmp_path, name, text))
    assert (shown["title"], shown["lang"]) == (title, lang)
    paragraphs = str(shown["text"]).split("\n\n")
    assert len(paragraphs) == 2 and paragraphs[0].startswith(first)
    assert cli("--library", lib, "entities", str(shown["id"]), "--json").json() == []


def test_mixed_chinese_and_english_keeps_both(cli: Cli, tmp_path: Path) -> None:
    shown = add_one(cli, str(tmp_path / "lib"), write(tmp_path, "apple.txt", MIXED))
    assert shown["title"] == "苹果公司发布新款iPhone手机"
    text = str(shown["text"])
    assert "CEO Tim Cook星期二" in text and "Samsung和华为" in text
    assert len(text.split("\n\n")) == 2 and shown["lang"] == "zh"


def test_chinese_html_and_markdown_go_in(cli: Cli, tmp_path: Path) -> None:
    title, *paras = [p for p in JAPANESE.split("\n\n") if p.strip()]
    html = (
        "<!doctype html><html><head><meta charset='utf-8'><title>"
        + title
        + "</title></head><body><article><h1>"
        + title
        + "</h1>"
        + "".join(f"<p>{p.strip()}</p>" for p in paras)
        + "</article></body></html>"
    )
    lib = str(tmp_path / "lib")
    shown = add_one(cli, lib, write(tmp_path, "tokyo.html", html))
    assert shown["title"] == title and shown["lang"] == "ja"
    assert str(shown["text"]).startswith("東京都は月曜日")
    md = f"# {title}\n\n" + "\n\n".join(p.strip() for p in paras) + "\n"
    shown = add_one(cli, str(tmp_path / "lib2"), write(tmp_path, "tokyo.md", md))
    assert shown["title"] == title and len(str(shown["text"]).split("\n\n")) == 2


def test_hard_wrapped_chinese_is_rejoined_without_spaces(cli: Cli, tmp_path: Path) -> None:
    body = (
        "朝鲜中央通讯社星期一报道说，朝鲜最高领导人金正恩在平壤附近视察了新型远程导弹的试射，"
        "并表示这次试射成功展示了国家的防御能力。分析人士认为，这次试射是在与俄罗斯总统普京会晤"
        "几天后进行的，目的是在新一轮谈判前展示实力。"
    )
    wrapped = "\n".join(body[i : i + 36] for i in range(0, len(body), 36))
    path = write(tmp_path, "wrapped.txt", "朝鲜试射新型导弹\n\n" + wrapped + "\n")
    shown = add_one(cli, str(tmp_path / "lib"), path)
    assert shown["text"] == body


def test_decomposed_input_of_every_format_is_stored_in_nfc(cli: Cli, tmp_path: Path) -> None:
    story = (
        "Owners of cafés in Zürich protested on Monday against new rules, their association said."
    )
    inputs = {
        "a.md": f"# Protest in Zürich\n\n{story}\n",
        "b.html": f"<html><body><h1>Protest in Zürich</h1><p>{story}</p></body></html>",
        "c.jsonl": '{"title": "Protest in Zürich", "text": "' + story + '"}\n',
    }
    ids = set()
    for name, text in inputs.items():
        shown = add_one(cli, str(tmp_path / f"lib-{name}"), write(tmp_path, name, text, "NFD"))
        assert shown["title"] == "Protest in Zürich", name
        assert "cafés in Zürich" in str(shown["text"]), name
        ids.add(shown["id"])
    # The same story in NFC is the same article (its id is made from the NFC text).
    composed = write(tmp_path, "d.md", inputs["a.md"], "NFC")
    assert add_one(cli, str(tmp_path / "lib-nfc"), composed)["id"] in ids


def test_the_english_seed_is_english(seeded: Library) -> None:
    (summary,) = seeded.articles()
    assert summary.lang == "en"
    article = seeded.get(summary.id)
    assert article is not None and article.lang == "en" and seeded.entities(summary.id)


def test_a_short_english_note_still_gets_entities(library: Library, tmp_path: Path) -> None:
    note = write(tmp_path, "note.txt", "Putin met Xi.\n\nVladimir Putin arrived in Beijing.\n")
    with library.writer() as writer:
        (added,) = writer.add([str(note)]).added
    assert library.get(added.id).lang in (None, "en")  # type: ignore[union-attr]
    names = {e.name for e in library.entities(added.id) or ()}
    assert "Vladimir Putin" in names


def test_cjk_word_counts_count_characters(library: Library) -> None:
    with library.writer() as writer:
        writer.add([str(SEEDS)])
    (seed,) = library.articles()
    assert seed.words > 500  # English still counts by spaces
    from index.scripts import count_words

    assert count_words("金正恩在平壤") == 6  # six characters, no spaces: six words
    assert count_words("苹果 CEO Tim Cook星期二") == 2 + 3 + 3  # 苹果, CEO Tim Cook, 星期二
    assert count_words("รัฐบาล") == 5  # six code points, one a vowel mark: five graphemes


# -- entity names folded across articles ---------------------------------------------


def test_one_place_however_it_is_written_across_the_library(
    library: Library, tmp_path: Path
) -> None:
    one = "Officials in Zürich said on Monday that the new rules would apply from next year."
    two = "Protesters gathered in central Zurich on Tuesday, a day after the rules were announced."
    write(tmp_path, "one.txt", "Rules in Zürich\n\n" + one + "\n")
    write(tmp_path, "two.txt", "Protest in Zurich\n\n" + two + "\n")
    with library.writer() as writer:
        writer.add([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")])
    places = [e for e in library.library_entities("place") if "rich" in e.name]
    assert [(e.name, e.articles) for e in places] == [("Zürich", 2)]
    for typed in ("Zürich", "ZURICH", "Zu\u0308rich", "zurich"):
        assert len({hit.id for hit in library.mentions(typed)}) == 2, typed


def test_curly_and_straight_apostrophes_are_one_name() -> None:
    from index.entities.resolve import resolve

    text = "Sean O’Brien spoke first. Later O'Brien said the talks had failed, and O’Brien left."
    start = text.index("Sean")
    (ent,) = resolve(text, [(start, start + len("Sean O’Brien"), "PERSON")])
    assert ent.name == "Sean O'Brien"
    shown = [text[s:e] for s, e in ent.mentions]
    assert shown == ["Sean O’Brien", "O'Brien", "O’Brien"]


def test_spellings_of_one_name_in_an_article_are_one_entity() -> None:
    from index.entities.resolve import resolve

    text = "ZURICH (Reuters) - Zürich officials met. Zu\u0308rich is calm."
    spans = [(0, 6, "GPE"), (19, 25, "GPE"), (41, 48, "GPE")]
    (ent,) = resolve(text, spans)
    assert ent.name == "Zürich" and len(ent.mentions) == 3


# -- a store made before languages were detected ---------------------------------------


def _downgrade_to_version_3(path: Path) -> None:
    """Make the store at ``path`` what the previous nutgraf (store version 3) wrote."""
    import sqlite3

    conn = sqlite3.connect(path / "library.db")
    conn.executescript(
        "DROP INDEX entity_refs_key; DROP INDEX entity_aliases_key;"
        "ALTER TABLE articles DROP COLUMN lang; ALTER TABLE entity_refs DROP COLUMN key;"
        "ALTER TABLE entity_aliases DROP COLUMN key; PRAGMA user_version = 3;"
    )
    conn.close()


def test_a_store_of_the_previous_version_is_upgraded_and_rebuild_fills_languages(
    seeded_copy: Path, cli: Cli
) -> None:
    _downgrade_to_version_3(seeded_copy)
    lib = str(seeded_copy)
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    assert item["lang"] is None  # not known yet: left for rebuild
    shown = cli("--library", lib, "show", item["id"], "--json").json()
    assert shown["lang"] is None and shown["title"]  # type: ignore[index]
    # The entity keys were filled from the names: lookups by any spelling work.
    assert len(cli("--library", lib, "mentions", "KIM JONG UN", "--json").json()) == 6  # type: ignore[arg-type]
    people = cli("--library", lib, "entities", "--kind", "people", "--json").json()
    assert "Kim Jong Un" in {p["name"] for p in people}  # type: ignore[union-attr]
    assert cli("--library", lib, "rebuild").code == 0
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    assert item["lang"] == "en"


# -- the reader ---------------------------------------------------------------------------


async def test_the_reader_says_why_a_chinese_article_has_no_entities(
    library: Library, tmp_path: Path
) -> None:
    from tests.test_reader import SIZE, settle
    from tui.app import NutgrafApp
    from tui.article_view import ArticleView
    from tui.entity_pane import EntityPane

    write(tmp_path, "ko.txt", KOREAN)
    with library.writer() as writer:
        writer.add([str(tmp_path / "ko.txt")])
    app = NutgrafApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.reader.query_one(EntityPane)
        heading = pane.query_one("#entity-mode").content.plain  # type: ignore[attr-defined]
        assert "entities are found in English text only" in heading
        meta = app.reader.query_one(ArticleView).query_one(".meta").content.plain  # type: ignore[attr-defined]
        assert "lang:ko" in meta


async def test_the_reader_counts_the_entities_of_an_english_article(
    reader_library: Library,
) -> None:
    from tests.test_reader import SIZE, settle
    from tui.app import NutgrafApp
    from tui.article_view import ArticleView
    from tui.entity_pane import EntityPane

    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        heading = app.reader.query_one(EntityPane).query_one("#entity-mode").content.plain  # type: ignore[attr-defined]
        assert "English text only" not in heading and "entities" in heading
        meta = app.reader.query_one(ArticleView).query_one(".meta").content.plain  # type: ignore[attr-defined]
        assert "lang:en" in meta


# -- the cleaner's sentences and words in unspaced scripts -----------------------------------

LONG_HEADLINE = "朝鲜最高领导人金正恩视察新型远程导弹试射现场并发表重要讲话强调国防力量"


def test_cjk_sentences_end_with_ideographic_stops_and_long_headlines_are_not_prose() -> None:
    from index.readers.cleaning import clean_scraped_text, is_sentence

    assert is_sentence("韩国军方表示正在分析飞行数据。")  # 15 characters, a full stop
    assert is_sentence("东京的天气怎么样？") and is_sentence("それは本当ですか！")
    assert not is_sentence(LONG_HEADLINE)  # 35 characters with no stop: a headline
    body = (
        "分析人士认为，这次试射是在与俄罗斯总统普京会晤几天后进行的。韩国军方表示正在分析飞行数据。"
    )
    cleaned = clean_scraped_text(f"{LONG_HEADLINE}\n\n{body}\n")
    assert (cleaned.title, cleaned.body) == (LONG_HEADLINE, body)


def test_a_chinese_record_without_a_title_gets_its_first_30_characters(
    cli: Cli, tmp_path: Path
) -> None:
    body = "朝鲜中央通讯社星期一报道说，朝鲜最高领导人金正恩在平壤附近视察了新型远程导弹的试射。"
    corpus = write(tmp_path, "zh.jsonl", '{"text": "' + body + '"}\n')
    shown = add_one(cli, str(tmp_path / "lib"), corpus)
    assert shown["title"] == body[:30] + "…"


def test_a_read_only_store_of_the_previous_version_says_how_to_upgrade(seeded_copy: Path) -> None:
    from index.model import StoreError
    from index.storage.store import Store

    _downgrade_to_version_3(seeded_copy)
    with pytest.raises(StoreError, match=r"older nutgraf .* upgrade"):
        Store(seeded_copy / "library.db", read_only=True)


BOGOTA = (
    "Metro line opens in Bogotá\n\n"
    "Residents of Bogotá crowded the new metro stations on Sunday, the city said. Mayor "
    "Claudia López called it a historic day for the capital.\n\n"
    "A similar project in Medellín took more than a decade, officials in Bogotá noted.\n"
)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_an_accented_place_is_a_place_named_with_its_accents(
    library: Library, tmp_path: Path, form: str
) -> None:
    # The English model calls "Bogotá" a person and "Bogota" a place: it reads the text
    # unaccented, character for character, and the names come from the stored text.
    path = write(tmp_path, "bogota.txt", BOGOTA, form)
    with library.writer() as writer:
        (added,) = writer.add([str(path)]).added
    kinds = {e.name: e.kind for e in library.entities(added.id) or ()}
    assert kinds["Bogotá"] == "place" and kinds["Medellín"] == "place"
    assert kinds["Claudia López"] == "person"
    assert library.search("place:Bogotá").total == 1


def test_the_model_text_is_the_text_unaccented_character_for_character() -> None:
    from index.entities.ner import model_text

    text = "Zürich, São Paulo, Łódź, İstanbul, 東京 and Straße"
    plain = model_text(text)
    assert len(plain) == len(text)
    assert plain == "Zurich, Sao Paulo, Łodz, Istanbul, 東京 and Straße"
    assert model_text("plain ASCII") == "plain ASCII"
