"""The article record that every reader produces and every other part consumes.

An :class:`Article` is frozen: readers build it once, the library stores it, and
nothing downstream edits it in place. Its id is derived from what the article
*says* (title and cleaned body), so the same story reached through two files, or
added twice, is one article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from index.folding import nfc
from index.language import detect_language, may_be_english
from index.scripts import count_words

_SPACE = re.compile(r"\s+")


def article_id(title: str, body: str) -> str:
    """Return the stable 16-hex-digit id of an article with this title and body.

    Whitespace is normalised first so that re-wrapping a file does not make a
    new article.
    """
    norm = _SPACE.sub(" ", title).strip() + "\x00" + _SPACE.sub(" ", body).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


#: The text fields a reader fills, put in NFC when a new article is made.
_TEXT_FIELDS = ("title", "body", "source", "author", "category")


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its source, before it enters a library.

    ``body`` is the cleaned text (paragraphs separated by a blank line) that is
    indexed, shown and annotated; ``original`` is the bytes exactly as given and
    ``encoding`` says how they were decoded, so nothing the user gave is lost.
    The text fields of a new article are in Unicode NFC (see ``__post_init__``);
    ``original`` is never changed. ``lang`` is the ISO 639-1 code of the article's
    language as detected at ingest (:mod:`index.language`), None when unknown.
    """

    title: str
    body: str
    original: bytes
    encoding: str = "utf-8"
    format: str = "txt"
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    category: str | None = None
    origin: str | None = None
    ingested_at: str = field(default_factory=now_iso)
    id: str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            # A new article (a reader's output: no id yet) is put in NFC once, here, for
            # every input format: what is stored, shown, indexed and given to the entity
            # model is composed text, however the file was written (macOS writes NFD).
            # An article read back from the store (id given) is kept exactly as stored,
            # so the entity offsets stored with it still point at its characters.
            for name in _TEXT_FIELDS:
                value = getattr(self, name)
                if value:
                    object.__setattr__(self, name, nfc(value))
            object.__setattr__(self, "id", article_id(self.title, self.body))

    @property
    def words(self) -> int:
        """Number of words in title and body: whitespace-separated words, each character of
        a script written without spaces (Chinese, Japanese, Thai ...) counting as one
        (see :mod:`index.scripts`)."""
        return count_words(self.title) + count_words(self.body)

    @property
    def may_be_english(self) -> bool:
        """Whether the English entity model runs on this article: English, or of unknown
        language (see :func:`index.language.may_be_english`)."""
        return may_be_english(self.lang)

    def with_detected_language(self) -> Article:
        """This article with ``lang`` detected from its title and body
        (:func:`index.language.detect_language`: None when too short or unsure)."""
        return replace(self, lang=detect_language(f"{self.title}\n{self.body}"))

    @property
    def original_text(self) -> str:
        """The original as text, decoded the way it was read (undecodable bytes shown as U+FFFD)."""
        try:
            return self.original.decode(self.encoding, "replace")
        except LookupError:
            return self.original.decode("utf-8", "replace")
