"""Readers: turn one input into articles, picking the reader by extension and content.

:func:`read_input` is the one entry point. It never raises: whatever goes wrong
with an input comes out as a :class:`Skip` naming it with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from index.model import Notice, Skip
from index.readers.base import DEFAULT_MAX_BYTES, Input, Known, KnownRecords, ReaderFn, ReadItem
from index.readers.decoding import UnreadableError
from index.readers.feed import looks_like_feed, read_feed
from index.readers.html import read_html
from index.readers.jsonfeed import looks_like_json_feed, read_json_feed
from index.readers.jsonl import read_json, read_jsonl
from index.readers.markdown import read_markdown
from index.readers.plain import read_plain

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Input",
    "Known",
    "KnownRecords",
    "Notice",
    "ReadItem",
    "Skip",
    "detect_format",
    "read_input",
]

_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".xml": "feed",
}
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "jsonfeed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/markdown": "md",
    "text/plain": "txt",
}


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""


def detect_format(name: str, head: bytes, content_type: str | None = None) -> str:
    """Name the reader for a file: by its content where that is certain, else its extension.

    A JSON Feed is told from a JSON Lines corpus by its content (a ``version`` that is a
    jsonfeed.org URL) under any name; :func:`read_json` also hands one over whose
    ``version`` comes after the first bytes.
    """
    if looks_like_json_feed(head[:4096]):
        return "jsonfeed"
    sample = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if looks_like_feed(sample):
        return "feed"
    if sample.startswith((b"<!doctype html", b"<html")) or b"<html" in sample[:512]:
        return "html"
    by_ext = _BY_EXTENSION.get(_extension(name))
    if by_ext == "feed" and not sample.startswith(b"<"):
        by_ext = None
    if by_ext:
        return by_ext
    if content_type:
        kind = _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
        if kind:
            return kind
    if sample.startswith(b"{") and b"\n{" in head:
        return "jsonl"
    if sample.startswith((b"{", b"[")):
        return "json"
    return "txt"


_READERS: dict[str, ReaderFn] = {
    "feed": read_feed,
    "jsonfeed": read_json_feed,
    "jsonl": read_jsonl,
    "json": read_json,
    "html": read_html,
    "md": read_markdown,
    "txt": read_plain,
}


def read_input(src: Input, known: KnownRecords | None = None) -> Iterator[ReadItem]:
    """Every article in ``src``, with a :class:`Skip` for each part that could not be read.

    ``known`` maps the digests of records already in the library to their ids; a
    JSON Lines record found there comes back as :class:`Known` instead of being read.
    """
    try:
        with src.open() as stream:
            head = stream.read(4096)
        kind = detect_format(src.inner_name, head, src.content_type)
        if kind == "jsonl" and known:
            yield from read_jsonl(src, known)
        else:
            yield from _READERS[kind](src)
    except UnreadableError as err:
        yield Skip(src.origin, str(err))
    except PermissionError:
        yield Skip(src.origin, "permission denied")
    except FileNotFoundError:
        yield Skip(src.origin, "disappeared before it could be read")
    except IsADirectoryError:
        yield Skip(src.origin, "is a directory")
    except OSError as err:
        yield Skip(src.origin, (err.strerror or str(err)).lower())
    except (RecursionError, MemoryError) as err:
        yield Skip(src.origin, f"too deeply nested or too large to read ({type(err).__name__})")
    except Exception as err:  # a reader's bug or a library's surprise must not stop a batch
        detail = " ".join(str(err).split())[:120]
        yield Skip(
            src.origin, f"could not be read ({type(err).__name__}{': ' + detail if detail else ''})"
        )
