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
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, decode, sanitize
from index.scripts import join_lines

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
_LIST = re.compile(r"^(\s*)(?:[-*+]|(\d{1,9}[.)]))\s+")
#: An indented code block's line: four columns of indent (CommonMark 4.4).
_INDENTED = re.compile(r"^(?: {4}| {0,3}\t)")
#: A table's delimiter row (GitHub Flavored Markdown 4.10): ``|---|:--:|``.
_TABLE_RULE = re.compile(
    r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$"  # two columns or more
    r"|^ {0,3}\|[ \t]*:?-+:?[ \t]*\|[ \t]*$"  # one column, between pipes
)
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
    """Split Markdown into ``(first heading, plain body text)``, one line per block.

    As CommonMark reads it: a single line break inside a paragraph, a list item or a
    quote is a soft break, a space (none between two Chinese or Japanese characters,
    :func:`index.scripts.join_lines`), so a name across it (``Vladimir`` / ``Putin``)
    stays one name; blank lines, headings, list items, quotes, rules and fences
    separate blocks; a line ending in two spaces or a backslash is a hard break, a new
    line in the same block. The lines of a code block (fenced or indented) and of a table
    (GitHub Flavored Markdown) are kept as lines of one block (a blank line inside code is
    left out: in the body it would end the paragraph); an ordered list item keeps
    its number (``2. …``), another item starts with ``• ``.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    title: str | None = None
    in_fence = False
    para: list[str] = []  # the lines of the block being read
    quoted = False  # whether that block is a quote
    kept = ""  # "code" or "table" while the lines just written are one, kept as lines
    in_list = False  # whether an indented line continues a list item (not code)

    def flush(blank: bool = True) -> None:
        if para:
            out.append(_inline(join_lines(para)))
            para.clear()
        if blank and out and out[-1]:
            out.append("")

    for i, line in enumerate(lines):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():  # a blank line would split the block: the body's paragraph break
                out.append(line.expandtabs(4).rstrip())
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not para and not in_list and line.strip() and _INDENTED.match(line):
            if kept != "code":
                flush()
            out.append(_INDENTED.sub("", line, count=1).expandtabs(4).rstrip())
            kept = "code"
            continue
        if "|" in line and line.strip() and (kept == "table" or _TABLE_RULE.match(nxt)):
            if kept != "table":
                flush()
            out.append(" ".join(_inline(line).split()))
            kept = "table"
            continue
        if kept == "code" and not line.strip():
            continue  # a blank line inside indented code: kept out, the block stays one
        if kept:
            kept = ""
            flush()
        heading: str | None = None
        if m := _ATX.match(line):
            heading = _inline(m.group(2))
        elif line.strip() and not para and _SETEXT.match(nxt) and not _RULE.match(line):
            heading = _inline(line.strip())
            lines[i + 1] = ""
        if heading is not None:
            flush()
            if title is None:
                title = heading
            else:
                out.extend([heading, ""])
            continue
        if not line.strip() or _RULE.match(line) or _LINKDEF.match(line):
            flush()
            continue
        is_quote = bool(_QUOTE.match(line))
        line = _QUOTE.sub("", line)
        hard = line.endswith(("  ", "\\"))
        if m := _LIST.match(line):
            flush()
            line = _LIST.sub(f"{m.group(2) or '•'} ", line.strip(), count=1)
            in_list = True
        elif not line.startswith((" ", "\t")):
            in_list = False
        elif is_quote != quoted and para:
            flush()
        quoted = is_quote
        para.append(line.rstrip(" \\").strip())
        if hard:
            flush(blank=False)
    flush()
    return title, "\n".join(out)


def _body(plain: str) -> str:
    """The blocks of :func:`markdown_to_text`'s text as the body's paragraphs, each line of
    a block kept as a line (hard breaks, code, tables); spaces in a line are tidied, but
    for the indent a code line keeps beyond its block's own."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", sanitize(plain)):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        indent = min(len(line) - len(line.lstrip(" ")) for line in lines)
        paragraphs.append(
            "\n".join(
                " " * (len(line) - len(line.lstrip(" ")) - indent) + " ".join(line.split())
                for line in lines
            )
        )
    return "\n\n".join(paragraphs)


def read_markdown(src: Input) -> Iterator[ReadItem]:
    """Read a Markdown article (``.md``, ``.markdown``)."""
    data = src.read()
    decoded = decode(data, src.charset)
    if decoded.note:
        yield Notice(src.origin, decoded.note)
    text, encoding = decoded.text, decoded.encoding
    meta, rest = _front_matter(text)
    heading, plain = markdown_to_text(rest)
    body = _body(plain)
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
        published=parse_date(meta.get("date") or meta.get("published"), reduced=True),
        category=meta.get("category") or meta.get("categories"),
        origin=src.origin,
    )
