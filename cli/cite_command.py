"""``nutgraf cite ID [--quote TEXT | --start N --end N] [--format text|markdown|csl-json]``.

Prints the citation of a passage of an article (:mod:`index.citation` says the
formats). The passage is:

* ``--quote TEXT``: where TEXT occurs in the article's cleaned text (``nutgraf show``
  prints it), matched with every run of white space alike and curly quote marks
  alike (``"`` matches ``“``), case kept. The citation quotes the article's own
  words (its quote marks, not the ones typed). Not found: one line, exit status 1.
  Found more than once: the first is cited and a line on stderr says how many there
  are and where the first is (more words, or ``--start``/``--end``, choose another).
* ``--start N --end N``: the characters N to N of the cleaned text (Python
  offsets, as ``nutgraf entities`` and ``--json`` give them); ``0 <= start < end <=``
  the text's length, else one line and exit status 2.
* neither: the article's lead, its first sentence (what a reader quotes when citing
  an article as a whole).

``csl-json`` prints a JSON array of one CSL-JSON item, which describes the article:
CSL has no field for a quoted passage, so the quote is only checked there.

``--json`` prints one JSON document with the passage and every format (``--format``
is then not needed): ``{"id": full id, "start": N, "end": N (offsets of the cleaned
text), "quote": the article's own words, "text": the text citation, "markdown": the
Markdown citation, "csl": the CSL-JSON item}``; errors are ``{"error": ...}``
(:mod:`cli.failure`).
"""

from __future__ import annotations

import argparse

from cli.console import err_console, out_console, print_json, safe
from cli.exits import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from cli.failure import fail
from index.library import Library, Research
from index.model import Article

__all__ = ["run"]


def _passage(args: argparse.Namespace, research: Research, article: Article) -> tuple[int, int]:
    """The passage's offsets; raises ``Research.Error`` (not found) or ValueError (usage)."""
    body = article.body
    if args.quote is not None and args.end is not None:
        raise ValueError("--quote or --start/--end, not both")
    if args.quote is not None:
        places = research.find_quote(body, args.quote)
        if not places:
            raise Research.Error(
                f"the quote is not in the text of {article.id} (matched with "
                f"{Research.FOLDING}); 'nutgraf show {article.id}' prints the text"
            )
        if len(places) > 1:
            start, end = places[0]
            err_console.print(
                safe(
                    f"note: the quote occurs {len(places)} times; citing the first "
                    f"(characters {start}-{end}); more words or --start/--end cite another",
                    "yellow",
                ),
                soft_wrap=True,
            )
        return places[0]
    if args.start is not None or args.end is not None:
        start, end = args.start, args.end
        if start is None or end is None:
            raise ValueError("--start and --end go together")
        if not 0 <= start < end <= len(body):
            raise ValueError(
                f"--start {start} --end {end}: need 0 <= start < end <= {len(body)} "
                "(the length of the cleaned text)"
            )
        return start, end
    return research.lead(article)


def run(args: argparse.Namespace, lib: Library) -> int:
    """Print the citation; exit status 0, 1 (no such article, quote not found) or 2."""
    research = Research(lib)
    try:
        article = research.article(args.id)
        start, end = _passage(args, research, article)
    except Research.Error as err:
        return fail(args, str(err), EXIT_FAIL)
    except ValueError as err:
        return fail(args, str(err), EXIT_USAGE)
    quote = article.body[start:end]
    if args.json:
        print_json(
            {
                "id": article.id,
                "start": start,
                "end": end,
                "quote": quote,
                "text": research.cite(article, quote, "text"),
                "markdown": research.cite(article, quote, "markdown"),
                "csl": research.csl(article),
            }
        )
    elif args.format == "csl-json":
        print_json([research.csl(article)])
    else:
        text = research.cite(article, quote, args.format)
        out_console.print(safe(text, one_line=args.format == "text"), soft_wrap=True)
    return EXIT_OK
