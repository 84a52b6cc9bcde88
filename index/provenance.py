"""Where an article came from and when it was added, for the reader's header.

Pure values from the stored article: its URL, the file (or feed, or corpus)
it was read from, a corpus record's own id, and the day it was added. Nothing
here is made safe for a terminal: the reader shows it through
:func:`index.inert.inert`, like all outside text.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.article import Article
from index.record import record_id

__all__ = ["Provenance", "provenance"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one article came from.

    ``url``: the address it was read from or links to, None when it has none;
    ``file``: the file, feed or corpus it was read from when that is not ``url``
    (a path or an address, as given to ``add``), None otherwise; ``record``: the
    record's own id in a JSON Lines corpus; ``added``: the UTC date it was added
    (``YYYY-MM-DD``).
    """

    url: str | None
    file: str | None
    record: str | None
    added: str

    def line(self) -> str:
        """One line: ``added 2026-11-30 · https://…``, ``added … · note.md in /home/me``
        or ``added … · record ID of corpus.jsonl in /data``: the date and the file's
        name first, so that a line cut at the end still shows them."""
        parts = [f"added {self.added}" if self.added else "date added not known"]
        if self.url:
            parts.append(self.url)
        if self.file:
            where = _file_first(self.file)
            where = f"record {self.record} of {where}" if self.record else where
            parts.append(f"from {where}" if self.url else where)
        elif not self.url:
            parts.append("source file not known")
        return " · ".join(parts)


def provenance(article: Article) -> Provenance:
    """Where ``article`` came from (see :class:`Provenance`)."""
    url = article.url or (article.origin if _is_address(article.origin) else None)
    file = article.origin if article.origin and article.origin != url else None
    return Provenance(
        url=url,
        file=file,
        record=record_id(article.format, article.original_text) if file else None,
        added=(article.ingested_at or "")[:10],
    )


def _file_first(path: str) -> str:
    """``NAME in FOLDER`` for a file path (the name is what a cut line must keep);
    an address as it is."""
    if _is_address(path):
        return path
    folder, _, name = path.rstrip("/").rpartition("/")
    return f"{name} in {folder}" if folder and name else path


def _is_address(origin: str | None) -> bool:
    return bool(origin) and str(origin).lower().startswith(("http://", "https://"))
