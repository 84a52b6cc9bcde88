"""Parsing JSON from outside so that no value in it takes the whole document down.

Python refuses to turn a string of more than ``sys.get_int_max_str_digits()``
digits (4,300 by default) into an ``int`` (CPython's guard against quadratic
conversion, gh-95778), and ``json.loads`` raises that ``ValueError`` for the whole
document. Such a number in one record (a 5,000-digit ``"id"``) is that record's
oddity: :func:`loads` keeps it as a :class:`LongNumber` (its digits, unconverted),
so a reader that needs the field says it is a number, not text, for that record
alone, and one that does not need it (a JSON Feed item's ``id``) never looks.
Numbers with a fraction or exponent never raise (``1e999`` is ``inf``).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["LongNumber", "dump_bytes", "loads"]


class LongNumber:
    """A JSON integer too long for ``int()``; ``digits`` is its text as written."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __str__(self) -> str:
        return self.digits

    def __repr__(self) -> str:
        return f"LongNumber({len(self.digits)} digits)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LongNumber) and other.digits == self.digits

    def __hash__(self) -> int:
        return hash(self.digits)


def _int(text: str) -> int | LongNumber:
    try:
        return int(text)
    except ValueError:
        return LongNumber(text)


def loads(text: str) -> Any:
    """``json.loads(text)`` with over-long integers kept as :class:`LongNumber`.

    Raises ``json.JSONDecodeError`` for text that is not JSON and ``RecursionError``
    for JSON nested too deeply, as ``json.loads`` does; no ``ValueError`` for a number.
    """
    return json.loads(text, parse_int=_int)


def _default(value: object) -> str:
    if isinstance(value, LongNumber):
        return value.digits  # written as a JSON string: the encoder cannot write it bare
    raise TypeError(f"{type(value).__name__} is not JSON")


def dump_bytes(value: Any) -> bytes:
    """``value`` (from :func:`loads`) as UTF-8 JSON, non-ASCII kept (escaped as ``\\uXXXX``
    only when it holds a lone surrogate, which UTF-8 cannot carry); a
    :class:`LongNumber` is written as a string of its digits."""
    try:
        return json.dumps(value, ensure_ascii=False, default=_default).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, default=_default).encode("ascii")
