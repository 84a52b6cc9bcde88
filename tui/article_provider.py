"""Command-palette provider: open any article of the library by typing part of its title.

Titles are untrusted text, so the hits are built as Rich ``Text`` (Textual's own
fuzzy highlighter parses its input as markup, which an article title must never
be). A cheap in-order letter check narrows thousands of titles before the fuzzy
scorer runs.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from index.inert import inert
from tui.caps import TITLE_IN_PALETTE, capped

if TYPE_CHECKING:
    from tui.app import NutgrafApp

__all__ = ["ArticleProvider"]

MAX_HITS = 40


def _in_order(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


class ArticleProvider(Provider):
    """Open article: by title."""

    async def startup(self) -> None:
        app: NutgrafApp = self.app  # type: ignore[assignment]
        self.titles = [(a.id, a.title) for a in app.library.articles()]

    def _open(self, article_id: str) -> None:
        app: NutgrafApp = self.app  # type: ignore[assignment]
        app.open_article(article_id)

    async def discover(self) -> Hits:
        for article_id, title in self.titles[:15]:
            shown = f"Open: {capped(inert(title, one_line=True), TITLE_IN_PALETTE)}"
            yield DiscoveryHit(Text(shown), partial(self._open, article_id), text=shown)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        needle = "".join(query.lower().split())
        scored: list[tuple[float, str, str, list[int]]] = []
        for article_id, title in self.titles:
            if not _in_order(needle, title.lower()):
                continue
            score, offsets = matcher.fuzzy_search.match(query, title)
            if score > 0:
                scored.append((score, article_id, title, list(offsets)))
        scored.sort(key=lambda s: -s[0])
        top = scored[0][0] if scored else 1.0
        for score, article_id, title, offsets in scored[:MAX_HITS]:
            display = Text("Open: ")
            start = len(display)
            # Cut at the end only, so the offsets hold; one line (tui/nutgraf.tcss).
            display.append(capped(inert(title, one_line=True), TITLE_IN_PALETTE))
            for offset in offsets:
                display.stylize("bold reverse", start + offset, start + offset + 1)
            yield Hit(
                score / top,
                display,
                partial(self._open, article_id),
                text=display.plain,
                help="article",
            )
