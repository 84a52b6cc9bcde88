"""Checking and parsing search queries written in Whoosh's query syntax.

Whoosh's parser never fails: given ``"unbalanced`` or ``(a OR`` it quietly
searches for something else. A reader deserves to be told, so this module
scans the query first and reports the first real mistake as one readable line
(with its column), and only then hands the query to Whoosh.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from whoosh import qparser
from whoosh import query as wq
from whoosh.fields import Schema

from index.fulltext.date_query import RANGE, date_range, not_a_date
from index.fulltext.expansion import check_limits
from index.fulltext.schema import ENTITY_FIELDS, FIELD_HELP

__all__ = ["MAX_QUERY", "QueryError", "parse_query"]

#: Longest query read, in characters.
MAX_QUERY = 2000

_BINARY = {"AND", "OR", "ANDNOT", "ANDMAYBE"}
# Any word of letters before a colon is a field name (``título:`` too), so that a
# mistyped or foreign field is reported instead of searched as a word.
_FIELD = re.compile(r"([^\W\d]\w*):")


class QueryError(ValueError):
    """A malformed query; ``str(err)`` is one line saying what is wrong and where."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "word", "phrase", "open", "close", "op", "not", "field", "range"
    text: str
    col: int


def _at(col: int) -> str:
    return f"at column {col + 1}"


def _tokens(text: str) -> list[_Token]:
    """Split a query into tokens, raising QueryError for unbalanced quotes and brackets."""
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError(f'unbalanced quote {_at(i)}: add the closing " or remove this one')
            out.append(_Token("phrase", text[i : end + 1], i))
            i = end + 1
        elif ch in "[{":
            close = "]" if ch == "[" else "}"
            end = min((p for p in (text.find("]", i), text.find("}", i)) if p >= 0), default=-1)
            if end < 0:
                raise QueryError(
                    f"unbalanced range {_at(i)}: {ch!r} is never closed with {close!r}"
                )
            out.append(_Token("range", text[i : end + 1], i))
            i = end + 1
        elif ch in "]}":
            raise QueryError(f"unbalanced range {_at(i)}: {ch!r} has no opening bracket")
        elif ch == "(":
            out.append(_Token("open", ch, i))
            i += 1
        elif ch == ")":
            out.append(_Token("close", ch, i))
            i += 1
        else:
            m = _FIELD.match(text, i)
            if m and not text.startswith("//", m.end()):
                out.append(_Token("field", m.group(1), i))
                i = m.end()
                continue
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"[]{}':
                j += 1
            word = text[i:j]
            kind = "op" if word in _BINARY else "not" if word == "NOT" else "word"
            out.append(_Token(kind, word, i))
            i = j
    return out


def _check(tokens: list[_Token]) -> None:
    """Raise QueryError for unbalanced parentheses, stray operators and unknown fields."""
    depth: list[_Token] = []
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if tok.kind == "open":
            depth.append(tok)
            if nxt is not None and nxt.kind == "close":
                raise QueryError(f"empty parentheses {_at(tok.col)}")
        elif tok.kind == "close":
            if not depth:
                raise QueryError(f"unbalanced parenthesis {_at(tok.col)}: ')' has no matching '('")
            depth.pop()
        elif tok.kind == "op":
            if prev is None or prev.kind in ("open", "op", "not", "field"):
                raise QueryError(f"{tok.text} {_at(tok.col)} needs something to search on its left")
            if nxt is None or nxt.kind in ("close", "op"):
                raise QueryError(
                    f"{tok.text} {_at(tok.col)} needs something to search on its right"
                )
        elif tok.kind == "not":
            if nxt is None or nxt.kind in ("close", "op"):
                raise QueryError(f"NOT {_at(tok.col)} needs something to exclude after it")
            if nxt.kind == "not":
                raise QueryError(
                    f"NOT NOT {_at(tok.col)}: say what to exclude once (korea NOT china), "
                    "or what must be there (korea AND china)"
                )
        elif tok.kind == "field":
            name = tok.text.lower()
            if name not in FIELD_HELP:
                known = ", ".join(FIELD_HELP)
                raise QueryError(f"unknown field {tok.text!r} {_at(tok.col)} (fields: {known})")
            if (
                nxt is None
                or nxt.kind in ("close", "op", "field")
                or nxt.col > tok.col + len(tok.text) + 1
            ):
                raise QueryError(f"{tok.text}: {_at(tok.col)} needs a value right after the colon")
            if name == "date":
                _check_date(nxt)
    if depth:
        raise QueryError(f"unbalanced parenthesis {_at(depth[-1].col)}: '(' is never closed")


def _check_date(tok: _Token) -> None:
    """Raise QueryError unless every date in ``tok`` (one, or a range's ends) is a real one."""
    value = tok.text
    m = RANGE.match(value) if tok.kind == "range" else None
    parts = [p for p in (m.group(2, 3) if m else (value.lstrip("<>="),)) if p is not None]
    if m is None and not parts[0].strip():
        raise QueryError(
            f"date:{value} {_at(tok.col)} needs a date after {value.strip() or 'the colon'} "
            "(try date:>=2004 or date:[2004 to 2005])"
        )
    for part in parts:
        why = not_a_date(part.strip())
        if why is not None:
            raise QueryError(
                f"date:{value} {_at(tok.col)} is not a date ({why}; try date:2004, "
                "date:2004-03 or date:[2004 to 2005])"
            )


class SpannedPhrase(wq.Phrase):  # type: ignore[misc]
    """A phrase that keeps, through Whoosh's normalising, where the user typed it:
    ``startchar``/``endchar`` in the query text, as a ``Term`` has (Whoosh's ``Phrase``
    loses them in ``normalize``), so that a notice quotes ``"力量国防"`` or ``선거결과``
    as typed, not its bigrams."""

    def normalize(self) -> wq.Query:
        q = super().normalize()
        start, end = getattr(self, "startchar", None), getattr(self, "endchar", None)
        if start is not None and getattr(q, "startchar", None) is None and q is not wq.NullQuery:
            q.startchar, q.endchar = start, end
        return q


def make_parser(schema: Schema) -> qparser.QueryParser:
    """The query parser nutgraf uses: title and body by default, plus fuzzy and ranges.

    A quoted phrase needs no plugin of its own: Whoosh analyses its text in
    ``mode="query"``, and the analyser reads a query text of several words as a
    phrase (``index.fulltext.analysis``: ``"S&P 500"`` gives ``s p 500``)."""
    parser = qparser.MultifieldParser(["title", "body"], schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.phraseclass = SpannedPhrase
    return parser


def _rewrite(text: str, tokens: list[_Token]) -> str:
    """Spell out what Whoosh would misread.

    ``-word`` becomes ``NOT word`` and ``+word`` plain ``word`` (Whoosh's own
    plus/minus plugin also fires inside words, turning "Kim-Putin" into "Kim
    NOT Putin"); a date value or comparison becomes the explicit range of seconds
    it means (:mod:`index.fulltext.date_query`: Whoosh misreads comparisons).
    """
    out: list[str] = []
    cursor = 0
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        replacement: str | None = None
        if (
            tok.kind in ("word", "range")
            and prev is not None
            and prev.kind == "field"
            and prev.text.lower() == "date"
        ):
            replacement = date_range(tok.text, tok.kind == "range")
        elif (
            tok.kind == "word"
            and len(tok.text) > 1
            and tok.text[0] in "+-"
            and (prev is None or prev.kind != "field")
        ):
            replacement = ("NOT " if tok.text[0] == "-" else "") + tok.text[1:]
        if replacement is not None:
            out.append(text[cursor : tok.col])
            out.append(replacement)
            cursor = tok.col + len(tok.text)
    out.append(text[cursor:])
    return "".join(out)


def parse_query(text: str, parser: qparser.QueryParser) -> tuple[wq.Query, str]:
    """Check ``text`` and parse it; raise QueryError with a one-line reason when malformed.

    Returns the query and the query text as Whoosh read it (after rewriting).
    """
    if len(text) > MAX_QUERY:
        raise QueryError(f"query is too long (over {MAX_QUERY:,} characters)")
    # Control characters are spaces; format characters (soft hyphen, zero-width) stay:
    # the analyser keeps a word they sit inside whole.
    cleaned = "".join(
        ch if ch.isprintable() or ch in "\t\n" or unicodedata.category(ch) == "Cf" else " "
        for ch in text
    )
    tokens = _tokens(cleaned)
    _check(tokens)
    rewritten = _rewrite(cleaned, tokens)
    try:
        q = parser.parse(rewritten)
    except Exception as err:  # Whoosh's parser raises assorted errors on odd input
        raise QueryError(f"cannot read this query ({' '.join(str(err).split())[:100]})") from None
    too_costly = check_limits(q, rewritten)
    if too_costly is not None:
        raise QueryError(too_costly)
    return _possessive(_whole_keywords(q, parser.schema)), rewritten


def _whole_keywords(q: wq.Query, schema: Schema) -> wq.Query:
    """Make a quoted value in a keyword field one term, not a phrase.

    Keyword fields (entities, category) keep no positions, so Whoosh cannot
    search a phrase in them; and a comma splits their values, so
    ``org:"Smith Barney, Harris Upham"`` reads as a phrase of two keywords.
    The index holds such a name as one term, commas turned into spaces
    (``index.fulltext.writer.entity_terms``); so does this.
    """
    if isinstance(q, wq.Phrase) and q.fieldname in schema:
        if not schema[q.fieldname].format.supports("positions"):
            return wq.Term(q.fieldname, " ".join(" ".join(q.words).split()), boost=q.boost)
        return q
    return q.apply(lambda sub: _whole_keywords(sub, schema))


def _possessive(q: wq.Query) -> wq.Query:
    """An entity name typed with a possessive ``'s`` (``person:kim's``, ``person:Kim’s``:
    the keyword analyser folds the curly apostrophe) searches the name without it too,
    as the text analyser drops the possessive of a word (Lucene's
    ``EnglishPossessiveFilter``); a name that ends so (``org:mcdonald's``) still matches."""
    if type(q) is wq.Term and q.fieldname in ENTITY_FIELDS:
        text = str(q.text)
        if len(text) > 2 and text.endswith("'s"):
            both = [wq.Term(q.fieldname, t, boost=q.boost) for t in (text, text[:-2])]
            for term in (q, *both):
                term.startchar = getattr(q, "startchar", None)
                term.endchar = getattr(q, "endchar", None)
            out = wq.Or(both)
            out.startchar, out.endchar = both[0].startchar, both[0].endchar
            return out
        return q
    return q.apply(_possessive)
