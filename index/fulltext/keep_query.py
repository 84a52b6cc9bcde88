"""``tag:``, ``is:starred``, ``note:`` and ``has:`` in queries: the user's annotations.

Annotations live in the SQLite store only, never in the search index (a rebuild
must not be able to lose them, and tagging must not need the index writer). So
these fields are resolved at parse time into the set of article ids that have
them, and searched as the ``id`` field: :meth:`KeepFilters.rewrite` puts a
placeholder ``id:kN`` (padded to the same width, so that error columns stay true)
where each one was typed, and :meth:`KeepFilters.substitute` replaces each
placeholder in the parsed query by ``id:A OR id:B …``. They therefore combine with
words, fields, AND/OR/NOT and dates like any field.

- ``tag:NAME``: articles with that tag (case and accents folded, as tags are kept);
- ``is:starred``: starred articles;
- ``has:highlights``, ``has:notes``: articles with a highlight, with a note;
- ``note:WORD``, ``note:"a phrase"``: articles with a note (on the article or on a
  highlight) holding the word or phrase, its words folded and stemmed by the body
  field's analyser (``pipelines`` finds a note saying "pipeline"); ``note:pipe*``
  is a prefix.

An unknown ``is:``/``has:`` value, or a field with no value, is a
:class:`~index.fulltext.query.QueryError` naming the values there are.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as wq
from whoosh.fields import Schema

from index.folding import fold
from index.fulltext.query import QueryError, _tokens
from index.storage.database import connect
from index.storage.keep_tables import ids_with

__all__ = ["FIELDS", "KeepFilters", "Slot", "restore"]

#: The annotation fields of a query (their help is in FIELD_HELP, with the others).
FIELDS = ("tag", "is", "has", "note")
_VALUES = {"is": ("starred",), "has": ("highlights", "notes")}
_PLACEHOLDER = "k"


@dataclass(frozen=True, slots=True)
class Slot:
    """One annotation field of a query: the ids it stands for, the line saying why it
    may find nothing, and the placeholder (padded) put where ``typed`` was."""

    ids: frozenset[str]
    why: str
    placeholder: str
    typed: str


def restore(text: str | None, slots: list[Slot]) -> str | None:
    """``text`` (a query rewritten by :meth:`KeepFilters.rewrite`, or a suggestion made
    from one) with each placeholder put back as typed."""
    if text is None:
        return None
    for slot in slots:
        text = text.replace(slot.placeholder, slot.typed, 1)
    return text


class KeepFilters:
    """Resolves the annotation fields of queries on one store (a connection per thread)."""

    def __init__(self, path: Path, read_only: bool, schema: Schema) -> None:
        self._path = path
        self._read_only = read_only
        self._schema = schema
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self._path, read_only=self._read_only)
        return conn

    def rewrite(self, text: str) -> tuple[str, list[Slot]]:
        """``text`` with each annotation field replaced by a placeholder, and for each
        placeholder (``k0``, ``k1``…) the ids it stands for with a line saying why it
        may find nothing. Raises QueryError for a bad value; a text without such fields
        comes back as it is, without a look at the store."""
        tokens = _tokens(text)
        found: list[Slot] = []
        out: list[str] = []
        cursor = 0
        for k, tok in enumerate(tokens):
            name = tok.text.lower()
            if tok.kind != "field" or name not in FIELDS:
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                nxt is None
                or nxt.kind not in ("word", "phrase")
                or nxt.col != tok.col + len(tok.text) + 1
            ):
                raise QueryError(
                    f"{tok.text}: at column {tok.col + 1} needs a value right after the colon"
                )
            value = nxt.text.strip('"') if nxt.kind == "phrase" else nxt.text
            ids, why = self._resolve(name, value, tok.col)
            end = nxt.col + len(nxt.text)
            placeholder = f"id:{_PLACEHOLDER}{len(found)}".ljust(end - tok.col)
            found.append(Slot(frozenset(ids), why, placeholder, text[tok.col : end]))
            out.append(text[cursor : tok.col])
            out.append(placeholder)
            cursor = end
        if not found:
            return text, []
        out.append(text[cursor:])
        return "".join(out), found

    def _resolve(self, name: str, value: str, col: int) -> tuple[set[str], str]:
        if name in _VALUES:
            if fold(value) not in _VALUES[name]:
                known = " or ".join(f"{name}:{v}" for v in _VALUES[name])
                raise QueryError(f"{name}:{value} at column {col + 1}: try {known}")
            sort = fold(value)
            why = "no article is starred" if sort == "starred" else f"no article has {sort}"
            return ids_with(self._conn(), sort), why
        if name == "tag":
            return ids_with(self._conn(), "tag", fold(value)), f"no article is tagged '{value}'"
        return self._notes(value), f"no note says '{value}'"

    def _notes(self, value: str) -> set[str]:
        """Ids of articles whose notes hold ``value`` (a word, a prefix with ``*``, or a
        phrase), compared as the body field's analyser reads both."""
        prefix = value.endswith("*") and " " not in value.strip()
        wanted = list(self._words(value.rstrip("*") if prefix else value, "query"))
        if not wanted:
            return set()
        ids: set[str] = set()
        rows = self._conn().execute(
            "SELECT article_id, body FROM annotations WHERE motivation = 'commenting'"
        )
        for article_id, body in rows:
            words = list(self._words(body, "index"))
            if prefix:
                hit = any(w.startswith(wanted[0]) for w in words)
            else:
                n = len(wanted)
                hit = any(words[i : i + n] == wanted for i in range(len(words) - n + 1))
            if hit:
                ids.add(article_id)
        return ids

    def _words(self, text: str, mode: str) -> Iterator[str]:
        yield from (str(t) for t in self._schema["body"].process_text(text, mode=mode))

    @staticmethod
    def substitute(q: wq.Query, found: list[Slot]) -> wq.Query:
        """``q`` with each placeholder term replaced by the ids it stands for (left as it is,
        matching nothing, when there are none)."""
        if type(q) is wq.Term and q.fieldname == "id" and str(q.text).startswith(_PLACEHOLDER):
            slot = str(q.text)[len(_PLACEHOLDER) :]
            if slot.isdigit() and int(slot) < len(found) and found[int(slot)].ids:
                return wq.Or([wq.Term("id", i) for i in sorted(found[int(slot)].ids)])
            return q
        return q.apply(lambda sub: KeepFilters.substitute(sub, found))
