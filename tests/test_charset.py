"""Declared charsets: the HTTP ``Content-Type`` and an HTML page's ``<meta>`` decide
how its bytes are read, for downloads and files alike; a BOM still wins, and a
declaration that is unknown or wrong gives way to detection with a note.

Real Cyrillic and Japanese text in the codecs such pages use: no guess can tell
windows-1251 from KOI8-R, and Shift_JIS looked like binary.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.article import Article
from index.library import Library
from index.model import Notice
from index.readers.decoding import charset_codec, decode
from index.readers.dispatch import read_input
from index.readers.fetch import fetch_url
from index.readers.html import meta_charset
from index.readers.sources import file_input
from tests.rawhttp import RawServer, response, serving

RUSSIAN = (
    "Министр финансов заявил в понедельник, что инфляция в стране замедлилась третий месяц подряд.",
    "По словам министра, цены на продукты питания выросли меньше, чем ожидали аналитики банка.",
)
JAPANESE = (
    "東京都は月曜日、大地震に備えた新しい防災計画を発表し、避難所の数を大幅に増やすと明らかにした。",
    "計画では、高齢者や障害者のための支援体制を強化し、各地区で定期的な訓練を行うことになっている。",
)


def page(paragraphs: tuple[str, ...], meta: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{paragraphs[0][:20]}</title></head>"
        f"<body><article><h1>{paragraphs[0][:20]}</h1>\n{body}</article></body></html>"
    )


def read(src: object) -> tuple[Article, list[Notice]]:
    items = list(read_input(src))  # type: ignore[arg-type]
    (article,) = [i for i in items if isinstance(i, Article)]
    return article, [i for i in items if isinstance(i, Notice)]


@pytest.fixture
def server() -> Iterator[RawServer]:
    with serving() as srv:
        yield srv


@pytest.mark.parametrize(
    ("paragraphs", "codec", "content_type"),
    [
        (RUSSIAN, "cp1251", "text/html; charset=windows-1251"),
        (RUSSIAN, "koi8_r", "text/html; charset=KOI8-R"),
        (JAPANESE, "shift_jis", 'text/html; charset="Shift_JIS"'),
        (RUSSIAN, "koi8_r", "text/plain;charset=koi8-r"),
    ],
)
def test_the_http_charset_decodes_a_download(
    server: RawServer, paragraphs: tuple[str, ...], codec: str, content_type: str
) -> None:
    text = page(paragraphs) if "html" in content_type else "\n\n".join(paragraphs)
    server.routes["/story"] = response(
        body=text.encode(codec), headers={"Content-Type": content_type}
    )
    article, notices = read(fetch_url(server.url + "/story"))
    assert paragraphs[1] in article.body
    assert notices == []
    assert article.original.decode(article.encoding) == text  # `show --raw` reads it back


@pytest.mark.parametrize(
    ("paragraphs", "codec", "meta"),
    [
        (RUSSIAN, "cp1251", '<meta charset="windows-1251">'),
        (RUSSIAN, "koi8_r", "<meta charset=koi8-r>"),
        (
            JAPANESE,
            "shift_jis",
            '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        ),
        (JAPANESE, "euc_jp", "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=EUC-JP'>"),
    ],
)
def test_the_meta_charset_decodes_a_file_and_a_download(
    tmp_path: Path, server: RawServer, paragraphs: tuple[str, ...], codec: str, meta: str
) -> None:
    data = page(paragraphs, meta).encode(codec)
    path = tmp_path / "story.html"
    path.write_bytes(data)
    server.routes["/story.html"] = response(body=data, headers={"Content-Type": "text/html"})
    for src in (file_input(path), fetch_url(server.url + "/story.html")):
        article, notices = read(src)
        assert paragraphs[0] in article.body and paragraphs[1] in article.body
        assert notices == []


def test_the_http_charset_wins_over_the_meta(server: RawServer) -> None:
    data = page(RUSSIAN, '<meta charset="windows-1251">').encode("koi8_r")
    server.routes["/s"] = response(body=data, headers={"Content-Type": "text/html; charset=koi8-r"})
    article, _ = read(fetch_url(server.url + "/s"))
    assert RUSSIAN[1] in article.body


def test_a_bom_wins_over_a_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(codecs.BOM_UTF8 + page(RUSSIAN, '<meta charset="koi8-r">').encode("utf-8"))
    article, notices = read(file_input(path))
    assert RUSSIAN[1] in article.body and notices == []


@pytest.mark.parametrize(
    ("meta", "data_codec", "note"),
    [
        (
            '<meta charset="klingon">',
            "utf-8",
            "declared charset 'klingon' is unknown; read as utf-8",
        ),
        ('<meta charset="rot13">', "utf-8", "declared charset 'rot13' is unknown; read as utf-8"),
        ('<meta charset="utf-8">', "cp1251", "not valid utf-8 as declared; read as cp1252"),
        (
            '<meta charset="iso-8859-1">',
            "utf-8",
            "declared charset 'iso-8859-1' but the text is UTF-8; read as utf-8",
        ),
    ],
)
def test_a_wrong_declaration_gives_way_with_a_note(
    tmp_path: Path, meta: str, data_codec: str, note: str
) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(page(RUSSIAN, meta).encode(data_codec))
    article, notices = read(file_input(path))
    assert [n.message for n in notices] == [note]
    if data_codec == "utf-8":
        assert RUSSIAN[1] in article.body


def test_an_added_page_keeps_its_words(library: Library, server: RawServer) -> None:
    server.routes["/ru"] = response(
        body=page(RUSSIAN).encode("cp1251"),
        headers={"Content-Type": "text/html; charset=windows-1251"},
    )
    with library.writer() as writer:
        report = writer.add([server.url + "/ru"], analyse=False)
    (added,) = report.added
    stored = library.get(added.id)
    assert stored is not None and RUSSIAN[0] in stored.body
    assert stored.encoding == "cp1251"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("Windows-1251", "cp1251"),
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("gb2312", "gb18030"),
        ("UTF-8", "utf-8"),
        ("unicode_escape", None),
        ("base64", None),
        ("utf-7", None),
        ("no-such-charset", None),
    ],
)
def test_charset_labels_map_as_browsers_map_them(label: str, codec: str | None) -> None:
    assert charset_codec(label) == codec


def test_meta_charset_is_found_in_the_head_only() -> None:
    assert meta_charset(b"<head><meta charset='UTF-16'>") == "utf-8"
    assert meta_charset(b"<!-- <meta charset=koi8-r> --><meta charset=cp1251>") == "cp1251"
    assert meta_charset(b" " * 9000 + b"<meta charset=koi8-r>") is None
    assert meta_charset(b"<p>charset=koi8-r</p>") is None


def test_a_declared_charset_keeps_the_other_notes() -> None:
    decoded = decode("Привет,\x00 мир".encode("cp1251"), "windows-1251")
    assert decoded.text == "Привет,\x00 мир" and decoded.encoding == "cp1251"
    assert decoded.note == "1 NUL byte left out of the text (the original keeps them)"


def test_the_http_charset_decodes_a_feed(server: RawServer) -> None:
    rss = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Новости</title>"
        f"<item><title>{RUSSIAN[0][:30]}</title><description>{RUSSIAN[1]}</description></item>"
        "</channel></rss>"
    )
    server.routes["/feed"] = response(
        body=rss.encode("koi8_r"), headers={"Content-Type": "application/rss+xml; charset=koi8-r"}
    )
    article, _ = read(fetch_url(server.url + "/feed"))
    assert RUSSIAN[1] in article.body
