"""Bytes to text: encodings detected, binary refused with a reason, controls made visible."""

from __future__ import annotations

import codecs

import pytest

from index.readers.decoding import UnreadableError, decode_bytes, sanitize

TEXT = "Café owners in São Paulo said “prices” rose — again."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert text == TEXT
    assert found == encoding
    assert data.decode(found) == TEXT  # the stored original decodes back exactly


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    text, found = decode_bytes("Ab\x81cd with more words".encode("latin-1"))
    assert found == "latin-1"
    assert text.startswith("Ab")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n...", "PDF document"),
        (bytes(range(0, 32)) * 40, "binary data"),
    ],
)
def test_unreadable_inputs_give_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableError, match=reason):
        decode_bytes(data)


def test_sanitize_keeps_newlines_and_shows_controls() -> None:
    assert sanitize("a\r\nb\rc") == "a\nb\nc"
    assert sanitize("x\x00y") == "xy"
    assert sanitize("bell\x07 esc\x1b[31m") == "bell\u2407 esc\u241b[31m"
    assert sanitize("c1\x9b") == "c1\ufffd"
