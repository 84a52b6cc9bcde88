"""The article record that every reader produces and every other part consumes.

An :class:`Article` is frozen: readers build it once, the library stores it, and
nothing downstream edits it in place. Its id is derived from what the article
*says* (title and cleaned body), so the same story reached through two files, or
added twice, is one article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

_SPACE = re.compile(r"\s+")


def article_id(title: str, body: str) -> str:
    """Return the stable 16-hex-digit id of an article with this title and body.

    Whitespace is normalised first so that re-wrapping a file does not make a
    new article.
    """
    norm = _SPACE.sub(" ", title).strip() + "\x00" + _SPACE.sub(" ", body).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its source, before it enters a library.

    ``body`` is the cleaned text (paragraphs separated by a blank line) that is
    indexed, shown and annotated; ``original`` is the bytes exactly as given and
    ``encoding`` says how they were decoded, so nothing the user gave is lost.
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
            object.__setattr__(self, "id", article_id(self.title, self.body))

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in title and body."""
        return len(self.title.split()) + len(self.body.split())

    @property
    def original_text(self) -> str:
        """The original as text, decoded the way it was read (undecodable bytes shown as U+FFFD)."""
        try:
            return self.original.decode(self.encoding, "replace")
        except LookupError:
            return self.original.decode("utf-8", "replace")
