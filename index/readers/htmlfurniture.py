"""Page furniture that trafilatura keeps inside a story, judged block by block.

Trafilatura returns each block of a page (a ``<p>``, a heading, a list item) on a
line of its own, so :mod:`index.readers.html` can judge each block alone: a link to
another story, a reading-time note, a time stamp atop the body, a sign-off asking
the reader to subscribe or follow, a tag list. The rules were measured on the
shared extraction pages with ``bench/extraction.py`` (see bench/README.md, "HTML
extraction: what was tried"); none of them drops a line of those pages' ground truth.
The scraped-text rules of :mod:`index.readers.cleaning` run before these.
"""

from __future__ import annotations

import re

from index.readers.cleaning import is_sentence
from index.readers.dates import parse_date

__all__ = ["bare_date", "drop_page_furniture", "is_link_line", "is_sign_off", "lead_date"]

# A link to another story under a label: "Related: ...", "READ MORE: ...", "[See also: ...]".
_LINK_LABEL = re.compile(
    r"^[\W_]*(?:related|read\s(?:more|also|next)|see\s(?:more|also)|also\sread|more|watch|listen"
    r"|don'?t\smiss|recommended|trending)\s?[:|\-–—]\s*\S",
    re.I,
)
# A teaser link tagged in capitals at its end: "Plane passengers quarantined [NEWS]".
_TEASER_TAG = re.compile(r"\s*\[[A-Z][A-Z ]{2,}\]\W*$")
#: Longest label line (in words) read as a link rather than a paragraph.
LINK_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
# A time stamp: a year and a clock time in one short line ("22 de outubro de 2010 às 20:13").
_STAMP = re.compile(
    r"\b(?:19|20)\d\d\b.*\b\d{1,2}[:h]\d\d\b|\b\d{1,2}[:h]\d\d\b.*\b(?:19|20)\d\d\b"
)
#: Longest line (in words) read as a time stamp.
STAMP_WORDS = 12
# "4 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto".
_READING_TIME = re.compile(
    r"^[\W_]*(?:\d+\s?min(?:ute)?s?\s(?:read|de\sleitura)"
    r"|(?:reading\stime|tempo\sde\sleitura|lesezeit|temps\sde\slecture)\s?:?\s?\d+\s?\w*)[\W_]*$",
    re.I,
)
# The label over a page's tag list: "Tags", "Keywords", "Topics" alone on a line.
_TAG_LABEL = re.compile(r"^[\W_]*(?:tags?|tagged|keywords?|topics?)[\W_]*$", re.I)
#: How many paragraphs at the end of a page's text are searched for the tag list's label.
TAGS_REACH = 3
# A sign-off that asks the reader to subscribe: "Subscribe to our newsletter", "Sign up for
# ...", "Get the day's top headlines delivered to your inbox".
_NEWSLETTER = re.compile(
    r"^[\W_]*(?:subscribe\b|sign\s?up\s(?:for|to|here|now|today)\b"
    r"|get\s.{0,80}?\b(?:delivered|inbox|newsletters?)\b)",
    re.I,
)
# A sign-off giving an address: "Follow us on Twitter", "Email Jane at ...", "Have a tip? ...",
# "Download: http://..." (with an address in the line, see _ADDRESS).
_CONTACT = re.compile(
    r"^[\W_]*(?:follow\b|like\sus\b|e-?mail\b|reach\b|contact\b|write\sto\b|message\b"
    r"|(?:have|has|got)\sa\s(?:news\s)?tip\b|send\sus\b|(?:listen|download|itunes|watch)\s?:)",
    re.I,
)
_ADDRESS = re.compile(
    r"\w@\w|(?<![\w@])@\w|https?://|\bwww\.|\+?\d[\d ().-]{7,}\d"
    r"|\b(?:twitter|facebook|instagram|whatsapp|linkedin|youtube|tiktok|bluesky)\b",
    re.I,
)
# A line that is nothing but an address: "jane.holt@paper.com", "twitter.com/janeholt".
_BARE_ADDRESS = re.compile(
    r"^[\W_]*(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+|(?:twitter|x|facebook|instagram)\.com/\S+)[\W_]*$",
    re.I,
)
#: Longest line (in words) read as a sign-off.
SIGN_OFF_WORDS = 40


def is_link_line(paragraph: str) -> bool:
    """True when ``paragraph`` is a link to another story, not story text: a label and
    a headline (``"Related: Storm hits coast"``, ``"READ MORE: ..."``), or a headline
    tagged in capitals (``"Storm hits coast [VIDEO]"``), of at most :data:`LINK_WORDS`
    words and not ending as a sentence does."""
    if len(paragraph.split()) > LINK_WORDS or _SENTENCE_END.search(paragraph):
        return False
    if _LINK_LABEL.match(paragraph):
        return True
    tagged = _TEASER_TAG.search(paragraph)
    return tagged is not None and not is_sentence(paragraph[: tagged.start()])


def is_sign_off(paragraph: str) -> bool:
    """True when ``paragraph`` is the page's sign-off rather than the story's last words:
    at most :data:`SIGN_OFF_WORDS` words asking the reader to subscribe
    (``"Get the latest updates in your inbox"``), or to follow, write to or reach someone
    at an address given in the line (an e-mail, an @handle, a URL, a phone number, a
    social network's name), or an address alone (``"jane.holt@paper.com"``)."""
    if len(paragraph.split()) > SIGN_OFF_WORDS:
        return False
    if _BARE_ADDRESS.match(paragraph) or _NEWSLETTER.match(paragraph):
        return True
    return bool(_CONTACT.match(paragraph) and _ADDRESS.search(paragraph))


def _is_stamp(paragraph: str) -> bool:
    short = len(paragraph.split()) <= STAMP_WORDS
    return short and bool(_STAMP.search(paragraph)) and not is_sentence(paragraph)


def bare_date(paragraph: str) -> str | None:
    """The date (ISO 8601, :func:`index.readers.dates.parse_date`) when ``paragraph`` is
    a date alone (``"12 March 2024"``, ``"Published: March 12, 2024"``,
    ``"2024-03-12"``) of at most :data:`STAMP_WORDS` words, else None."""
    if len(paragraph.split()) > STAMP_WORDS or is_sentence(paragraph):
        return None
    return parse_date(paragraph.strip(" \t|·•—–-"))


#: How many paragraphs at the top of a page's text are searched for its date line.
DATE_REACH = 3


def lead_date(paragraphs: list[str]) -> int | None:
    """The index of the date line atop ``paragraphs`` (a time stamp or a date alone,
    :func:`bare_date`), among the first :data:`DATE_REACH` and below nothing but
    short labels (a section name, a kicker: not sentences), or None."""
    for i, paragraph in enumerate(paragraphs[:DATE_REACH]):
        if _is_stamp(paragraph) or bare_date(paragraph):
            return i
        if is_sentence(paragraph):
            return None
    return None


def drop_page_furniture(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without the page's own furniture that trafilatura keeps in the story.

    Each block of an HTML page is a paragraph, so a block can be judged alone:
    links to other stories (:func:`is_link_line`) and reading-time notes
    (``"4 min read"``) anywhere, a time stamp (a year and a clock time in a line of
    at most :data:`STAMP_WORDS` words, not a sentence) or a date alone
    (:func:`bare_date`) atop the body (:func:`lead_date`), the run of
    sign-offs at the end (:func:`is_sign_off`; one inside the story stays), and a
    tag list under its label (``"Tags"``) among the last :data:`TAGS_REACH`
    paragraphs. Measured on the shared extraction pages with ``bench/extraction.py``
    (see bench/README.md); none of them drops a line of the pages' ground truth.
    Nothing is dropped when it would leave no paragraph.
    """
    kept = [p for p in paragraphs if not is_link_line(p) and not _READING_TIME.match(p)]
    date = lead_date(kept)
    if date is not None:
        kept = kept[:date] + kept[date + 1 :]
    while kept and is_sign_off(kept[-1]):
        kept.pop()
    for i in range(max(0, len(kept) - TAGS_REACH), len(kept)):
        if _TAG_LABEL.match(kept[i]):
            kept = kept[:i]
            break
    return kept or paragraphs
