"""Feed teasers: the boilerplate a feed adds to a cut-down entry, found and taken off.

Many feeds give only the first lines of an article and a link to the rest:
``Continue reading…`` (The Guardian), ``Continue reading on Medium »``,
``Read more``, ``(more…)`` and a closing ``[…]`` (WordPress excerpts), and
WordPress's ``The post X appeared first on Y.`` after excerpts and full texts
alike. None of it is the article's text. :func:`strip_teaser` takes it off the
entry's paragraphs and says whether the entry was a teaser (a cut-down
entry that points to the full article): the excerpt itself stays, being the
publisher's own words, and ``nutgraf add --full-text`` fetches the article.

The phrases are those of the feed generators named above (WordPress's
``the_content_more_link`` and ``excerpt_more``, Medium's RSS, The Guardian's
RSS); a phrase counts only as a whole paragraph or at the very end of the
last one, so an article that says "continue reading" in a sentence keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Teaser", "strip_teaser"]

_ELLIPSIS = r"(?:…|\.{3}|&hellip;|&\#8230;)"  # "\#": the patterns below are verbose
_ARROW = r"(?:[»→›>]|&raquo;|&rarr;)"

#: A link to the rest of the article, alone in its paragraph or ending the last one.
_MORE = re.compile(
    rf"""(?:
        (?:continue|keep)\s+reading(?:\s+(?:on|at)\s+[^\n]{{1,60}}?|\s+["“][^\n]{{1,160}}["”]
          |\s+(?:the\s+)?(?:full\s+)?(?:story|article|post))?
      | read\s+(?:(?:the\s+)?(?:full|whole|rest\s+of\s+the)(?:\s+(?:story|article|post))?
          |more(?:\s+(?:at|on)\s+[^\n]{{1,60}}?)?)
      | (?:view|see)\s+(?:the\s+)?full\s+(?:story|article|post)
      | \(\s*more\s*{_ELLIPSIS}?\s*\)
    )\s*(?:{_ELLIPSIS}|{_ARROW}|:|\.)?\s*{_ARROW}?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
#: What may come just before a link that ends a paragraph: the end of a sentence.
_SENTENCE_END = tuple(".!?…\"'”’)]:")
#: The end of a whole sentence (or an ellipsis), perhaps inside quotes or brackets.
_STOPPED = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
#: A cut marked with an ellipsis in brackets at the end of an excerpt.
_CUT = re.compile(rf"\s*[\[(]\s*{_ELLIPSIS}\s*[\])]\s*$")
#: WordPress's footer, after excerpts and full texts alike.
_POSTED = re.compile(
    r"^the\s+post\s+.{1,300}?\s+appeared\s+first\s+on\s+.{1,200}?\.?$", re.I | re.S
)


@dataclass(frozen=True, slots=True)
class Teaser:
    """An entry's paragraphs without the teaser boilerplate.

    ``paragraphs``: what is left; ``teaser``: True when a link to the rest of the
    article or a cut mark was found (the entry is a cut-down version);
    ``removed``: the boilerplate taken off, as given (for the notice).
    """

    paragraphs: list[str]
    teaser: bool
    removed: list[str]


def _trailing_more(text: str) -> re.Match[str] | None:
    """A "read more" link that ends ``text`` after a whole sentence, or None."""
    for match in _MORE.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or not text[match.start() - 1].isspace():
            continue
        if before.endswith(_SENTENCE_END) or match.group().startswith("("):  # "(more…)"
            return match
    return None


def _cut_off(text: str) -> str:
    """``text`` that a cut mark ended: one ``…`` added only when it stops mid-sentence."""
    return text if not text or _STOPPED.search(text) else text + "…"


def strip_teaser(paragraphs: list[str]) -> Teaser:
    """``paragraphs`` (plain text, one per item) without the feed boilerplate.

    Whole paragraphs that are only a "read more" link or WordPress's "The post …
    appeared first on …" go; a "read more" link or a ``[…]`` cut mark ending the
    last paragraph is cut off it (the ``[…]`` becomes ``…`` when the excerpt stops
    mid-sentence, so it still shows that it stops short; after a whole sentence, or an
    ellipsis already there, nothing is added). Nothing else changes.
    """
    kept: list[str] = []
    removed: list[str] = []
    teaser = False
    for paragraph in paragraphs:
        text = paragraph.strip()
        if _POSTED.match(text):
            removed.append(text)
            continue
        if _MORE.match(text):
            removed.append(text)
            teaser = True
            continue
        kept.append(paragraph)
    while kept:
        last = kept[-1]
        more = _trailing_more(last)
        if more is not None:
            removed.append(last[more.start() :].strip())
            last = last[: more.start()].rstrip()
            teaser = True
        cut = _CUT.search(last)
        if cut is not None:
            removed.append(cut.group().strip())
            last = _cut_off(last[: cut.start()].rstrip())
            teaser = True
        if last.strip(" …"):
            kept[-1] = last
            break
        kept.pop()  # nothing but the mark was left of it
    return Teaser(kept, teaser, removed)
