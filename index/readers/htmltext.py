"""A small, forgiving HTML-to-paragraphs converter for HTML fragments.

Feed entries carry their text as HTML fragments: too small for trafilatura's
main-text heuristics (which would throw most of a short summary away) but they
still need block structure turned into paragraphs. The standard library's
``html.parser`` never raises on broken markup, which matters for scraped input.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
    | {"table", "tr", "section", "article", "header", "footer", "figure", "figcaption"}
    | {"dd", "dt", "hr"}
)
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    | {"nav", "aside", "footer", "form", "button", "select"}
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")
        if tag == "li" and not self.skipping:
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element, separated by blank lines."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except (AssertionError, ValueError, RecursionError):
        # html.parser can choke on pathological markup; keep what was read.
        pass
    text = "".join(parser.parts)
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
