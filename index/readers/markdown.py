"""Markdown articles: title from the first heading, metadata from front matter.

The body is turned into plain paragraphs (markup removed, link text kept), since
entity offsets and search matches are positions in the text the reader shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.article import Article
from index.model import Notice
from index.readers.base import Input, ReadItem, pretty_name
from index.readers.cleaning import split_paragraphs
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, decode

__all__ = ["markdown_to_text", "read_markdown"]

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$")
_LINKDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^ {0,3}>\s?")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[m.end() :]


def _inline(line: str) -> str:
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    return line


def markdown_to_text(text: str) -> tuple[str | None, str]:
    """Split Markdown into ``(first heading, plain body text)``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    title: str | None = None
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if m := _ATX.match(line):
            heading = _inline(m.group(2))
            if title is None:
                title = heading
            else:
                out.extend(["", heading, ""])
            continue
        if line.strip() and _SETEXT.match(nxt) and not _RULE.match(line):
            heading = _inline(line.strip())
            if title is None:
                title = heading
            else:
                out.extend(["", heading, ""])
            lines[i + 1] = ""
            continue
        if _RULE.match(line) or _LINKDEF.match(line):
            out.append("")
            continue
        line = _QUOTE.sub("", line)
        if _LIST.match(line):
            out.extend(["", _LIST.sub("• ", line.strip(), count=1)])
            continue
        out.append(_inline(line))
    return title, "\n".join(out)


def read_markdown(src: Input) -> Iterator[ReadItem]:
    """Read a Markdown article (``.md``, ``.markdown``)."""
    data = src.read()
    decoded = decode(data, src.charset)
    if decoded.note:
        yield Notice(src.origin, decoded.note)
    text, encoding = decoded.text, decoded.encoding
    meta, rest = _front_matter(text)
    heading, plain = markdown_to_text(rest)
    body = "\n\n".join(split_paragraphs(plain))
    if not body.strip():
        raise UnreadableError("no article text below the heading")
    title = meta.get("title") or heading or pretty_name(src.inner_name)
    yield Article(
        title=" ".join(title.split()),
        body=body,
        original=data,
        encoding=encoding,
        format="md",
        source=meta.get("source") or meta.get("site") or meta.get("publisher"),
        url=meta.get("url") or meta.get("link") or src.url,
        author=meta.get("author") or meta.get("authors"),
        published=parse_date(meta.get("date") or meta.get("published")),
        category=meta.get("category") or meta.get("categories"),
        origin=src.origin,
    )
