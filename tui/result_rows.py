"""The rows of the search panel's results list: what a row holds (a search hit, or an
article of the library when the query is empty), the option that shows it (title,
source and date, the user's marks, the snippet with the query's words marked), the
status line above the list, and the list's rows each article once.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets.option_list import Option

from index.inert import inert
from index.model import ArticleSummary, SearchHit, SearchResult
from tui.caps import TITLE_IN_LIST, capped

__all__ = ["Listed", "ResultOption"]

#: What a row of the panel shows: a search hit, or an article of the library (empty query).
Listed = SearchHit | ArticleSummary


_DIM = Style(dim=True)


class ResultOption(Option):
    """A row of the results list, holding the hit (or article) it shows."""

    def __init__(
        self, result: Listed, match: Style, secondary: Style = _DIM, marks: str = ""
    ) -> None:
        """``match`` marks the query's words in a hit's snippet; ``secondary`` colours
        the source and date line; ``marks``: the article's star and tags."""
        super().__init__(_prompt(result, match, secondary, marks), id=result.id)
        self.marks = marks
        #: The hit (with its matches) or, when browsing, the article's summary.
        self.result = result


def _unique(rows: list[Listed]) -> list[Listed]:
    """``rows`` with each article once, in order (an option list refuses a repeated id)."""
    seen: set[str] = set()
    unique: list[Listed] = []
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            unique.append(row)
    return unique


def _status(result: SearchResult) -> Text:
    if result.error:
        return Text.assemble(("⚠ ", "bold red"), (inert(result.error, one_line=True), "red"))
    text = Text(f"{result.total:,} result{'s' if result.total != 1 else ''}", style="bold")
    if result.suggestion:
        text.append_text(
            Text.assemble(
                "  did you mean ",
                (inert(result.suggestion, one_line=True), "bold yellow"),
                "? (enter)",
            )
        )
    if result.notice:
        text.append(f"  {inert(result.notice, one_line=True)}")
    return text


def _prompt(r: Listed, match: Style, secondary: Style = _DIM, marks: str = "") -> Text:
    # Every row says its date (the publisher's day) or that it has none.
    source = capped(r.source, TITLE_IN_LIST) if r.source else r.source
    meta = " · ".join(x for x in (source, (r.published or "")[:10] or "undated") if x)
    text = Text(capped(inert(r.title, one_line=True), TITLE_IN_LIST), style="bold")
    if meta:
        text.append("\n" + inert(meta, one_line=True), style=secondary)
    if marks:  # the user's star and tags
        text.append("  " + inert(marks, one_line=True), style="bold")
    if isinstance(r, SearchHit) and r.snippet:
        snippet = Text(inert(r.snippet, one_line=True))  # the same length: spans hold
        for s, e in r.snippet_matches:
            snippet.stylize(match, s, e)
        text.append("\n")
        text.append_text(snippet)
    return text
