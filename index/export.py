"""Writing rows out for other programs: CSV for spreadsheets, JSON Lines, Markdown.

:func:`write_table` writes any rows (search results, an entity's mentions, an
article, annotations) in one of three formats:

* ``csv``: UTF-8 with a byte order mark (so that Excel reads it as UTF-8), a header
  row, RFC 4180 quoting (Python's :mod:`csv`, CRLF line ends). A text cell that
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
  ``'`` so that a spreadsheet shows it as text instead of running it as a formula,
  as OWASP's "CSV Injection" page advises
  (https://owasp.org/www-community/attacks/CSV_Injection): ``=HYPERLINK(...)`` comes
  out as ``'=HYPERLINK(...)``, and the text ``-5`` as ``'-5``. A number (an int or a
  float, such as a score or an offset) is written as a number, ``-5`` as ``-5``: it
  is not text a spreadsheet could run.
* ``jsonl``: one JSON object per row (the columns, in order), UTF-8 as is
  (``ensure_ascii=False``); DEL, the C1 controls and the bidirectional controls are
  escaped as ``\\uXXXX`` (JSON leaves them raw; they parse back the same).
* ``md``: a Markdown (GitHub) table; in a cell ``\\`` and ``|`` are escaped, ``<`` and
  ``>`` too, and a line break becomes ``<br>``.

A missing value (None) is an empty cell, ``null`` in JSON Lines.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal, TextIO

from index.export_target import ExportTargetError, check_target

__all__ = ["FORMATS", "Format", "neutralise", "write_atomically", "write_table"]

Format = Literal["csv", "jsonl", "md"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "md")

#: What a spreadsheet may read as the start of a formula (OWASP, CSV Injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def neutralise(cell: str) -> str:
    """``cell`` made safe for a spreadsheet: prefixed with ``'`` when it starts with a
    character that would make it a formula (see the module's docstring)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise(value)


def _md_cell(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "\\<").replace(">", "\\>")
    return _LINE_BREAK.sub("<br>", text)


def write_table(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    fmt: Format,
    out: TextIO,
) -> int:
    """Write ``rows`` (their ``columns``, in that order; a missing key is None) to ``out``
    as ``fmt`` ("csv", "jsonl" or "md"); returns how many rows were written. Raises
    ValueError for another format, and whatever writing to ``out`` raises (OSError)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (csv, jsonl or md)")
    count = 0
    if fmt == "csv":
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c)) for c in columns])
            count += 1
    elif fmt == "jsonl":
        for row in rows:
            line = json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False)
            out.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")
            count += 1
    else:
        out.write("| " + " | ".join(_md_cell(c) for c in columns) + " |\n")
        out.write("|" + "|".join(" --- " for _ in columns) + "|\n")
        for row in rows:
            out.write("| " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |\n")
            count += 1
    return count


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` sets it, which would
    race with the reader's threads); 0o022 where Linux's /proc does not say."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def write_atomically(
    path: Path, text: str, force: bool, library_folder: Path | None = None
) -> None:
    """Write ``text`` (UTF-8, as given: no newline translation) to ``path`` through a
    temporary file in its folder, renamed over it once complete. Raises
    :class:`~index.export_target.ExportTargetError` (an OSError) for a target that is
    not a regular file or is inside ``library_folder``
    (:func:`~index.export_target.check_target`), FileExistsError when ``path`` exists
    and not ``force``, OSError when it cannot (its ``filename`` is ``path``, never the
    temporary file)."""
    check_target(path, library_folder)
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; --force replaces it")
    try:
        _write(path, text, force)
    except ExportTargetError:
        raise
    except OSError as err:
        raise OSError(err.errno, err.strerror or str(err), str(path)) from err


def _write(path: Path, text: str, force: bool) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it 0600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp, path)
        else:  # a link fails if another process made the file meanwhile: never replaced
            os.link(temp, path)
            os.unlink(temp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
