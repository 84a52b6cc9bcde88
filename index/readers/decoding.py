"""Turning the bytes a user gives into text, or a one-line reason why not.

Scraped files arrive in every encoding. The order of guesses matters: a byte
order mark is certain; strict UTF-8 almost never decodes text that is something
else; UTF-16 without a BOM shows itself by NUL bytes in alternate positions;
what is left is treated as cp1252 (a superset of Latin-1 for printable text),
and Latin-1 takes the few bytes cp1252 leaves undefined. Files that look like
images, archives or executables are refused before any guess.

A charset the input declares (an HTTP ``Content-Type``, an HTML ``<meta
charset>``) comes before the guesses, since no guess tells windows-1251 from
KOI8-R or reads Shift_JIS at all; only a BOM overrides it. Declarations are
often wrong, though: one that names no known charset, or that does not decode
the bytes, gives way to the guesses with a note saying so, and a page declared
Latin-1 (a common server default) whose bytes are valid UTF-8 is read as UTF-8.
Labels are mapped as browsers map them (WHATWG Encoding): ``iso-8859-1`` and
``us-ascii`` mean windows-1252, ``shift_jis`` means cp932, ``gb2312`` gb18030.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = [
    "Decoded",
    "UnreadableError",
    "binary_reason",
    "charset_codec",
    "decode",
    "decode_bytes",
    "sanitize",
    "sniff_binary",
]


class UnreadableError(ValueError):
    """The input cannot be read as an article; ``str(err)`` is a one-line reason."""


# Codec names that consume their own BOM, so that ``original.decode(encoding)``
# gives the text back exactly.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"wOFF", "a web font"),
)

# C0 controls other than tab and newline, DEL, the C1 range, and lone surrogates
# (which JSON's "\ud800" escapes can make, and which no UTF-8 store can hold).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff]")


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` starts like, or None if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' if NULs sit in alternate bytes, as in ASCII-heavy UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the codec that reads the bytes back, and what to tell the user."""

    text: str
    encoding: str
    note: str | None = None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken sequences: keep it UTF-8 (a cp1252 reading would garble
    every other non-ASCII character) and say how many bytes could not be read."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good and broken <= max(3, good // 10):
        return Decoded(
            text,
            "utf-8",
            f"{broken} invalid UTF-8 byte sequence{'s' if broken > 1 else ''} shown as �",
        )
    return None


def _nul_note(data: bytes, encoding: str) -> str | None:
    nuls = data.count(0) if not encoding.startswith(("utf-16", "utf-32")) else 0
    if not nuls:
        return None
    plural = "s" if nuls > 1 else ""
    return f"{nuls} NUL byte{plural} left out of the text (the original keeps them)"


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, or raise :class:`UnreadableError` with the reason.

    ``declared`` is the charset the input names for itself (HTTP header, HTML
    meta), if any: used unless ``data`` starts with a BOM; when it is unknown
    or does not fit the bytes, the guesses decide and the note says so.
    """
    if declared is not None and not any(data.startswith(bom) for bom, _ in _BOMS):
        used, why = _declared(data, declared)
        if used is not None:
            return used
        guessed = decode(data)
        if guessed.encoding == charset_codec(declared):  # mostly UTF-8: its own note says it
            return guessed
        why = f"{why}; read as {guessed.encoding}"
        return Decoded(
            guessed.text, guessed.encoding, f"{why}; {guessed.note}" if guessed.note else why
        )
    text, encoding = decode_bytes(data)
    nul_note = _nul_note(data, encoding)
    if nul_note:
        return Decoded(text, encoding, nul_note)
    if encoding in ("cp1252", "latin-1"):
        mostly = _mostly_utf8(data)
        if mostly is not None:
            _checked(mostly.text, "utf-8")
            return mostly
    return Decoded(text, encoding)


#: Charset labels read as browsers read them (WHATWG Encoding), where Python differs.
_LABELS = {
    **dict.fromkeys(
        [
            *("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819"),
            *("us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-100", "x-cp1252"),
        ],
        "cp1252",
    ),
    **dict.fromkeys(["iso-8859-9", "iso8859-9", "latin5", "l5"], "cp1254"),
    **dict.fromkeys(["iso-8859-11", "tis-620", "windows-874"], "cp874"),
    **dict.fromkeys(
        ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "ms932", "windows-31j"],
        "cp932",
    ),
    **dict.fromkeys(["euc-kr", "ks_c_5601-1987", "korean", "windows-949"], "cp949"),
    **dict.fromkeys(["gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312"], "gb18030"),
    **dict.fromkeys(["big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"], "big5hkscs"),
    **dict.fromkeys(["x-mac-cyrillic", "x-mac-ukrainian"], "mac-cyrillic"),
    **dict.fromkeys(["koi", "koi8", "koi8r", "cskoi8r"], "koi8-r"),
    "koi8-ru": "koi8-u",
}
#: Python codecs that are not charsets of a document (escapes, host names, UTF-7).
_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "undefined"}
)


def charset_codec(label: str) -> str | None:
    """The Python codec for a declared charset label (``"Windows-1251"`` -> ``"cp1251"``),
    or None when there is none that decodes a document's bytes to text."""
    name = label.strip().strip("\"'").lower()
    name = _LABELS.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    codec = info.name.replace("_", "-")
    if codec in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _declared(data: bytes, label: str) -> tuple[Decoded | None, str]:
    """``data`` decoded as the ``label`` it declares, or None and why not."""
    shown = " ".join(label.split())[:40]
    codec = charset_codec(label)
    if codec is None:
        return None, f"declared charset {shown!r} is unknown"
    if codec == "cp1252" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return None, f"declared charset {shown!r} but the text is UTF-8"
    _refuse_empty_or_binary(data)
    try:
        text, encoding = _checked(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError, UnreadableError):
        return None, f"not valid {shown} as declared"
    return Decoded(text, encoding, _nul_note(data, encoding)), ""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)`` or raise :class:`UnreadableError`."""
    _refuse_empty_or_binary(data)

    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as err:
                raise UnreadableError(
                    f"starts with a {enc} byte order mark but is not {enc}: {err.reason}"
                ) from None
            return _checked(text, enc)

    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return _checked(data.decode(enc16), enc16)
        except UnicodeDecodeError:
            pass
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"), "latin-1")


def _refuse_empty_or_binary(data: bytes) -> None:
    if not data.strip():
        raise UnreadableError("empty file" if not data else "only whitespace, no text")
    kind = sniff_binary(data)
    if kind:
        raise UnreadableError(f"binary file ({kind}), not text")


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file show it is binary, not text; None if it may be text.

    For a file read in pieces (a JSON Lines corpus), so that random bytes are one
    reason for the whole file instead of one per "line". ``head`` may end inside
    a UTF-8 sequence; the same guesses as :func:`decode_bytes` are made.
    """
    kind = sniff_binary(head)
    if kind:
        return f"binary file ({kind})"
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # cut off mid-character
            text = head[: err.start].decode("utf-8", "replace")
        else:
            try:
                text = head.decode("cp1252")
            except UnicodeDecodeError:
                text = head.decode("latin-1")
    ratio = _control_ratio(text)
    if ratio > 0.10:
        return f"binary data ({ratio:.0%} control bytes)"
    return None


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise UnreadableError("only whitespace, no text")
    ratio = _control_ratio(text)
    if ratio > 0.10:
        raise UnreadableError(f"binary data ({ratio:.0%} control bytes), not text")
    return text, encoding


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x7F:
        return "\u2421"
    if code < 0x20:
        return chr(0x2400 + code)
    return "\ufffd"


def sanitize(text: str) -> str:
    """Cleaned-text form of ``text``: newlines unified, NULs dropped, other controls made
    visible, lone surrogates (invalid in UTF-8) replaced by U+FFFD.

    Control characters in articles must never act on a terminal, so instead of
    passing them on they become their Unicode "control picture" (ESC -> U+241B).
    The original bytes are kept elsewhere, so nothing is lost.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\ufeff", "")
    return _CONTROL.sub(_picture, text)
