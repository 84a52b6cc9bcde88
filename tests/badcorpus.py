"""A generator of bad inputs, written at test time (never committed as blobs).

Each case is a file (or folder) and what nutgraf must make of it: ``skip`` with a
reason that contains a given phrase, ``ok`` (the article goes in, correctly
decoded), or ``ok+notice`` (it goes in, and the user is told something about it).
"""

from __future__ import annotations

import codecs
import os
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GOOD_TITLES", "Case", "write_bad_corpus"]

STORY = (
    "The harbour authority said on Tuesday that repairs to the northern pier would take "
    "three more weeks, and that ferries would keep using the southern berth until then."
)
UNICODE_STORY = "Café owners in São Paulo said “prices” rose — again, the third time this year."

GOOD_TITLES = ["Good story one", "Good story two", "Good story three"]


@dataclass(frozen=True)
class Case:
    """One bad input and what must happen to it."""

    name: str
    expect: str  # "skip", "ok" or "ok+notice"
    phrase: str = ""  # in the skip reason, the notice, or the article body


def _bomb_html() -> str:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 2 else "") + ";") * 10}">'
        for i in range(2, 10)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{entities}]>\n'
        "<html><head><title>Entity bomb</title></head><body><article>"
        "<p>&lol9;</p><p>Only this sentence of the page is a real sentence of text to read.</p>"
        "</article></body></html>"
    )


def write_bad_corpus(folder: Path) -> list[Case]:
    """Write every bad case and three good files into ``folder``; return the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261127)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, expect: str, phrase: str = "") -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Case(name, expect, phrase))

    for n, title in enumerate(GOOD_TITLES):
        (folder / f"good{n}.txt").write_text(f"{title}\n\n{STORY}\n", encoding="utf-8")

    put("empty.txt", b"", "skip", "empty file")
    put("blank.txt", b"   \n\n\t  \n", "skip", "only whitespace")
    put(
        "photo.txt",
        b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)),
        "skip",
        "PNG image",
    )
    put("noise.txt", bytes(rng.randrange(256) for _ in range(20000)), "skip", "binary")
    put("nul.txt", f"NUL inside\n\n{STORY[:60]}\x00\x00{STORY[60:]}\n", "ok+notice", "NUL byte")
    put(
        "bad-utf8.txt",
        f"Broken bytes\n\n{UNICODE_STORY} ".encode() + b"\xff\xfe\xc3 " + STORY.encode(),
        "ok+notice",
        "invalid UTF-8",
    )
    put(
        "utf16-bom.txt",
        codecs.BOM_UTF16_LE + f"UTF-16 with BOM\n\n{UNICODE_STORY}\n".encode("utf-16-le"),
        "ok",
        "São Paulo",
    )
    put(
        "utf16-nobom.txt",
        f"UTF-16 without BOM\n\n{UNICODE_STORY}\n".encode("utf-16-le"),
        "ok",
        "São Paulo",
    )
    put("cp1252.txt", f"Windows text\n\n{UNICODE_STORY}\n".encode("cp1252"), "ok", "“prices”")
    put("one-long-line.txt", "Long line " + ("word " * 1_000_000) + ".", "ok", "word word")
    put("huge.txt", b"Huge file\n\n" + (STORY.encode() + b"\n\n") * 260_000, "skip", "size limit")
    put(
        "deep.html",
        "<html><body>"
        + "<div>" * 10_000
        + f"<p>{STORY}</p>"
        + "</div>" * 10_000
        + "</body></html>",
        "ok+notice",
        "whole text",
    )
    put(
        "scripts.html",
        "<html><head><style>p{}</style><script>var a=1;</script></head><body><script>x()</script></body></html>",
        "skip",
        "no article text",
    )
    put("bomb.html", _bomb_html(), "ok", "Only this sentence")
    put(
        "broken.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Kept entry</title>'
        f"<description>{STORY}</description></item><item><title>Cut",
        "ok+notice",
        "damaged",
    )
    put(
        "lines.jsonl",
        "\n".join(
            [
                '{"title": "Corpus good one", "text": "First good record of the corpus."}',
                '{"title": "broken", "text": ',
                '{"title": "Corpus good two", "text": "Second good record of the corpus."}',
            ]
        ),
        "skip",
        "invalid JSON",
    )
    loop = folder / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")
    os.symlink(folder / "self-link", folder / "self-link")
    cases.append(Case("loop/again", "skip", "symlink loop"))
    cases.append(Case("self-link", "skip", "symlink loop"))
    return cases
