"""How the command line shows articles, results and reports to people.

Every piece of article-derived text goes through :func:`cli.console.safe`, so
nothing printed here can be read as Rich markup or act on the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from index.library import Library, provenance
from index.model import (
    KIND_TITLES,
    Article,
    ArticleSummary,
    Entity,
    LibraryEntity,
    MentionHit,
    SearchResult,
    Skip,
)

if TYPE_CHECKING:  # the ingest machinery (and Whoosh) load only when adding
    from index.model import AddReport, RebuildReport, RereadReport
from cli.console import MATCH_STYLE, hanging, out_console, safe
from cli.listing import list_rows
from cli.progress import AddProgressBar
from tui.palette import KIND_COLOURS

__all__ = ["AddProgressBar", "print_list", "print_report", "print_search", "report_json", "safe"]

MAX_SKIP_LINES = 25


def report_json(report: AddReport) -> dict[str, Any]:
    """The JSON form of an add report."""
    return {
        "added": [{"id": a.id, "title": a.title, "origin": a.origin} for a in report.added],
        "updated": [{"id": a.id, "title": a.title, "origin": a.origin} for a in report.updated],
        "unchanged": report.unchanged,
        "duplicates": report.duplicates,
        "removed": report.removed,
        "skipped": [{"where": s.where, "part": s.part, "reason": s.reason} for s in report.skipped],
        "notices": [{"where": n.where, "message": n.message} for n in report.notices],
    }


def print_report(report: AddReport, lib: Library) -> None:
    """The summary after an add: counts, what went in, and every skip with its reason."""
    counts = Text.assemble(
        (f"{len(report.added)} added", "bold green"),
        ", ",
        (f"{len(report.updated)} updated", "bold cyan"),
        ", ",
        (f"{report.unchanged} unchanged", "dim"),
        ", ",
        (f"{len(report.skipped)} skipped", "bold yellow" if report.skipped else "dim"),
    )
    if report.duplicates:
        many = "s" if report.duplicates != 1 else ""
        counts.append(f", {report.duplicates} duplicate{many} within the input", "dim")
    if report.removed:
        counts.append(f", {report.removed} removed")
    out_console.print(Text.assemble(counts, " · library: ", safe(lib.path)))
    shown = report.added[:10] + report.updated[:5]
    for item in shown:
        mark = ("+ ", "green") if item in report.added else ("~ ", "cyan")
        out_console.print(Text.assemble("  ", mark, safe(item.title), (f"  {item.id}", "dim")))
    more = len(report.added) + len(report.updated) - len(shown)
    if more > 0:
        out_console.print(Text(f"  … and {more:,} more (nutgraf list shows them all)", style="dim"))
    for notice in report.notices:
        out_console.print(Text.assemble(("  note ", "blue"), safe(notice)))
    if report.skipped:
        out_console.print(Text("Skipped:", style="bold yellow"))
        for where, reason, parts in _grouped(report.skipped)[:MAX_SKIP_LINES]:
            which = f" ({_parts(parts)})" if parts else ""
            out_console.print(
                Text.assemble("  ", safe(where, "yellow"), safe(which), ": ", safe(reason))
            )
        rest = len(_grouped(report.skipped)) - MAX_SKIP_LINES
        if rest > 0:
            out_console.print(Text(f"  … and {rest} more; --json lists every one", style="dim"))


def _grouped(skips: list[Skip]) -> list[tuple[str, str, list[str]]]:
    """Skips of the same file for the same reason, as one line each."""
    groups: dict[tuple[str, str], list[str]] = {}
    for skip in skips:
        groups.setdefault((skip.where, skip.reason), []).extend([skip.part] if skip.part else [])
    return [(where, reason, parts) for (where, reason), parts in groups.items()]


def _parts(parts: list[str]) -> str:
    if len(parts) <= 3:
        return ", ".join(parts)
    noun = parts[0].split(" ")[0]
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{len(parts)} {plural}: {', '.join(p.split(' ')[-1] for p in parts[:5])}, …"


def print_list(items: list[ArticleSummary], lib: Library) -> None:
    """A table of articles."""
    if not items:
        out_console.print(
            Text.assemble(
                "No articles in ", safe(lib.path), " yet: add some with 'nutgraf add PATH'."
            )
        )
        return
    for line in list_rows(items, out_console.width):
        out_console.print(line, soft_wrap=True)  # each row fits: the title was cut to fit


def print_article(article: Article, text: str, raw: bool = False) -> None:
    """Title, metadata line and text of an article."""
    out_console.print(safe(article.title, "bold"))
    meta = [x for x in (article.source, (article.published or "")[:10], article.author) if x]
    if meta:
        out_console.print(safe(" · ".join(meta), "dim"))
    out_console.print(safe(provenance(article).line(), "dim"))  # URL, file or record, day added
    facts = [article.id, article.format, article.lang or "language unknown"]
    out_console.print(safe(" · ".join(facts) + (" · original text" if raw else ""), "dim"))
    out_console.print()
    # On a terminal the text wraps at word boundaries; through a pipe it is as stored.
    out_console.print(safe(text, one_line=False), soft_wrap=not out_console.is_terminal)


def print_search(result: SearchResult) -> None:
    """Ranked hits with highlighted snippets, or the error in one line."""
    if result.error:
        return  # reported on stderr by the command
    if result.suggestion:
        out_console.print(
            Text.assemble(("Did you mean: ", "yellow"), safe(result.suggestion, "bold"), "?")
        )
    if result.notice:
        out_console.print(safe(result.notice, "dim"))
    out_console.print(
        Text(f"{result.total:,} result{'s' if result.total != 1 else ''}", style="bold")
    )
    for n, hit in enumerate(result.hits, 1):
        out_console.print()
        heading = Text.assemble(safe(hit.title, "bold"), (f"  {hit.id}", "dim"))
        out_console.print(hanging(Text(f"{n:>2}. ", "dim"), heading))
        meta = " · ".join(x for x in (hit.source, (hit.published or "")[:10]) if x)
        out_console.print(
            Text.assemble("    ", safe(meta, "dim"), (f"  score {hit.score:.2f}", "dim"))
        )
        snippet = safe(hit.snippet)
        for start, end in hit.snippet_matches:
            snippet.stylize(MATCH_STYLE, start, end)
        out_console.print(hanging("    ", snippet))


def kind_style(kind: str) -> str:
    """How an entity kind is printed: bold, in the reader's colour for it (one definition,
    in :mod:`tui.palette`)."""
    return f"bold {KIND_COLOURS.get(kind, KIND_COLOURS['other'])}"


def print_entities(article: Article, entities: list[Entity]) -> None:
    """One article's entities, grouped by kind, each with its count and aliases."""
    out_console.print(Text.assemble(safe(article.title, "bold"), (f"  {article.id}", "dim")))
    if not entities and not article.may_be_english:
        out_console.print(
            Text("No entities: entities are found in English text only.", style="dim")
        )
    elif not entities:
        out_console.print(Text("No entities found.", style="dim"))
    for kind, title in KIND_TITLES.items():
        group = [e for e in entities if e.kind == kind]
        if not group:
            continue
        out_console.print()
        out_console.print(Text(title, style=kind_style(kind)))
        for e in group:
            line = Text.assemble(
                (f"  {e.count:>3}  ", "dim"), safe(e.name), (f"  {e.label}", "dim")
            )
            if e.aliases:
                line.append_text(
                    Text.assemble(("  also ", "dim"), safe(", ".join(e.aliases), "italic"))
                )
            out_console.print(hanging(line[:7], line[7:]))


def print_library_entities(items: list[LibraryEntity], lib: Library) -> None:
    """The library's entities: articles and mentions per entity."""
    if not items:
        out_console.print(Text("No entities in this library yet.", style="dim"))
        return
    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold")
    table.add_column("articles", justify="right")
    table.add_column("mentions", justify="right")
    table.add_column("kind")
    table.add_column("name", ratio=1, no_wrap=True, overflow="ellipsis")
    for e in items:
        table.add_row(
            str(e.articles),
            str(e.mentions),
            Text(e.kind, style=kind_style(e.kind)),
            safe(e.name),
        )
    out_console.print(table, soft_wrap=False)  # a table fits the width, its title cut


def print_mentions(name: str, hits: list[MentionHit]) -> None:
    """Every mention with its sentence, the mention highlighted."""
    if not hits:
        out_console.print(
            Text.assemble("No entity called ", safe(name, "bold"), " in this library.")
        )
        return
    articles = len({h.id for h in hits})
    out_console.print(
        Text(
            f"{len(hits)} mentions in {articles} article{'s' if articles != 1 else ''}",
            style="bold",
        )
    )
    current = None
    for h in hits:
        if h.id != current:
            current = h.id
            out_console.print()
            out_console.print(Text.assemble(safe(h.title, "bold"), (f"  {h.id}", "dim")))
        context = safe(h.context)
        at = context.plain.find(h.text)
        if at >= 0:
            context.stylize(MATCH_STYLE, at, at + len(h.text))
        out_console.print(hanging(Text(f"  {h.start:>6}  ", "dim"), context))


def print_removed(article: Article) -> None:
    """Confirmation of a removal."""
    out_console.print(
        Text.assemble("Removed ", safe(article.title, "bold"), (f"  {article.id}", "dim"))
    )


def print_reread(report: RereadReport, lib: Library) -> None:
    """Confirmation of ``rebuild --reread``: what changed, what was kept as it was, then
    the rebuild's own confirmation."""

    def n(count: int, what: str = "article") -> str:
        return f"{count:,} {what}{'s' if count != 1 else ''}"

    out_console.print(
        f"Read {n(report.read)} again: {n(report.changed)} changed"
        f" ({report.analysed:,} read by the entity model: new text or never analysed;"
        f" entities differ in {report.entities_changed:,})"
        + (
            f"; sentences found anew in {n(report.sentences_found)} otherwise unchanged"
            if report.sentences_found
            else ""
        )
    )
    if report.kept:
        out_console.print(
            Text(f"Kept {n(len(report.kept))} as they were, not readable now:", "bold yellow")
        )
        for article_id, title, reason in report.kept[:MAX_SKIP_LINES]:
            out_console.print(
                Text.assemble(
                    "  ", safe(article_id, "yellow"), " ", safe(title), ": ", safe(reason)
                )
            )
        rest = len(report.kept) - MAX_SKIP_LINES
        if rest > 0:
            out_console.print(Text(f"  … and {rest} more; --json lists every one", style="dim"))
    if report.rebuild is not None:
        print_rebuilt(report.rebuild, lib)


def print_rebuilt(report: RebuildReport, lib: Library) -> None:
    """Confirmation of a rebuild, and each article left out with its reason."""
    count = f"{report.rebuilt:,} article{'s' if report.rebuilt != 1 else ''}"
    out_console.print(Text.assemble(f"Rebuilt the search index of {count} in ", safe(lib.path)))
    if not report.skipped:
        return
    out_console.print(
        Text(f"Skipped {len(report.skipped):,} that cannot be read from the store:", "bold yellow")
    )
    for skip in report.skipped[:MAX_SKIP_LINES]:
        title = Text.assemble(" ", safe(skip.title)) if skip.title else ""
        out_console.print(
            Text.assemble("  ", safe(skip.id, "yellow"), title, ": ", safe(skip.reason))
        )
    rest = len(report.skipped) - MAX_SKIP_LINES
    if rest > 0:
        out_console.print(Text(f"  … and {rest} more; --json lists every one", style="dim"))
