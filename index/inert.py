"""Making text from outside inert on a terminal: the one place it happens.

Article text, titles, metadata, entity names, file names, URLs and error
messages that quote them all come from the outside world. A terminal acts on
some of their characters: ESC starts a sequence that can clear the screen,
set the window title (OSC 0) or write the clipboard (OSC 52); a C1 byte such
as U+009B is a one-character CSI on some terminals; carriage returns and
backspaces overwrite what was shown; bidirectional overrides (U+202E) make
``\\u202egnp.exe`` display as ``exe.png``. :func:`inert` turns every such
character into a visible stand-in, one character for one, so that offsets into
the text (mentions, matches, snippet highlights) still point at the same
characters. The reader and the command line both show outside text only
through it; the store keeps what was given.

The stand-ins: C0 controls and DEL become their Unicode control pictures
(ESC -> U+241B ␛, as ``index.readers.decoding.sanitize`` has always shown them), C1
controls and the bidirectional embedding, override and isolate controls
(U+202A-U+202E, U+2066-U+2069; the "Trojan Source" set, CVE-2021-42574)
become U+FFFD �, and so do lone surrogates (undecodable bytes of a file name
carried by Python's ``surrogateescape``), which no terminal encoding can write.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "CONTROL_PICTURES", "escape_surrogates", "inert", "inert_text"]

#: C0 controls (tab and newline excepted) and DEL -> their Unicode control pictures.
CONTROL_PICTURES: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
}

#: Bidirectional formatting characters that reorder what a terminal shows.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

_REPLACED = {**CONTROL_PICTURES, **{ord(c): "\ufffd" for c in BIDI_CONTROLS}}
_MULTI_LINE = {**_REPLACED, **{code: "\ufffd" for code in range(0xD800, 0xE000)}}
_ONE_LINE = {**_MULTI_LINE, 0x0A: " ", 0x09: " ", 0x2028: " ", 0x2029: " "}
# Most text has none of these: one regular-expression scan (in C) tells, and
# only text that has some is translated character by character.
_ANY_MULTI = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ANY_ONE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def inert(value: object, one_line: bool = False) -> str:
    """``value`` as text that cannot act on a terminal, of the same length.

    ``None`` gives ``""``; anything else is ``str()``-ed. With ``one_line``,
    newlines, tabs and Unicode line and paragraph separators become spaces
    too (for titles, names and messages shown on one line). Never raises.
    """
    text = "" if value is None else value if isinstance(value, str) else str(value)
    if one_line:
        return text.translate(_ONE_LINE) if _ANY_ONE.search(text) else text
    return text.translate(_MULTI_LINE) if _ANY_MULTI.search(text) else text


def inert_text(text: str) -> str:
    """A whole text (an article as given) as the reader shows it: line ends unified
    (``\\r\\n`` and ``\\r`` become ``\\n``), then :func:`inert`."""
    return inert(text.replace("\r\n", "\n").replace("\r", "\n"))


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def escape_surrogates(text: str) -> str:
    """``text`` with lone surrogates written out as escapes, so it is valid UTF-8.

    A file name that is not UTF-8 reaches Python (``os.fsdecode``, ``sys.argv``)
    with each undecodable byte as a lone surrogate, which SQLite, JSON output and
    the terminal cannot encode. Each such byte becomes ``\\xNN`` (``caf\\xe9.txt``),
    the form a person can read and the same every time the name is read.
    """
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(_escaped, text)
