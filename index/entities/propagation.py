"""Rule 5 of :mod:`index.entities.resolve`: the mentions of known names that the model missed.

Once an article's entities are resolved, every other whole-word occurrence
of a name, an alias or a person's surname is a mention too, with the
caution the rule states: not a word that also occurs in lower case, not half
of a hyphenated compound unless both halves are names, and a short form
shared by two entities goes to the nearest full name before it, unless the
two were named in the same sentence (see :func:`nearest_clear`).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import TypeVar

from index.entities.entity import STRAIGHT_QUOTES, Entity, Mention, Span, name_words, normal_form
from index.entities.kinds import party_words
from index.entities.names import surname

__all__ = ["nearest_clear", "propagate"]

T = TypeVar("T")

_NAME_PARTICLES = frozenset({"jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms", "dr", "sir", "lord"})
_WORD_RE = re.compile(r"\w+")
# Where one sentence surely ends and another begins: a line break, or a full stop (or
# ! or ?) after a lower-case word and before a capital. Abbreviations such as "Mr." or
# "U.S." do not end a sentence here; one that does, such as "Gen.", only makes two
# names look farther apart than they are.
_SENTENCE_END = re.compile(r"\n|[a-z\d]{2}[.!?][\"'”’)]*\s+[\"'“‘(]*[A-Z]")


def _word_at(text: str, start: int, term: str) -> bool:
    """``term`` stands at ``start`` as whole words (no word character right after it)."""
    end = start + len(term)
    return text.startswith(term, start) and (end >= len(text) or not _WORD_RE.match(text[end]))


def _hyphen_ok(text: str, start: int, end: int, known: set[str]) -> bool:
    """An occurrence inside a hyphenated compound counts only if every part is a known name."""
    left, right = start, end
    while left > 0 and (text[left - 1] in "-–" or text[left - 1].isalnum()):
        left -= 1
    while right < len(text) and (text[right] in "-–" or text[right].isalnum()):
        right += 1
    compound = text[left:right]
    if compound == text[start:end]:
        return True
    return all(part in known for part in re.split(r"[-–]", compound) if part)


def _implied_short_forms(ent: Entity) -> tuple[str, ...]:
    """Short forms a person is referred to by even when the model never tagged them alone:
    the first word and the surname, as in "Vladimir Putin" ... "Putin"; a surname with
    particles is taken whole, also capitalised as at the start of a sentence ("von der
    Leyen", "Von der Leyen"). A party is referred to by its members' words ("Tory" for the
    Conservative Party; :func:`index.entities.kinds.party_words`)."""
    if ent.kind == "org":
        return party_words(ent.name)
    words = name_words(ent.name)
    if ent.kind != "person" or len(words) < 2:
        return ()
    out = []
    for word in (words[0], words[-1]):
        word = word.rstrip(".")
        if len(word) >= 2 and word[0].isupper() and word.lower() not in _NAME_PARTICLES:
            out.append(word)
    last = surname(words)
    if len(last) > 1 and len(last) < len(words):
        whole = " ".join(last)
        out += [whole, whole[0].upper() + whole[1:]]
    return tuple(out)


def nearest_clear(text: str, named: list[tuple[list[int], T]]) -> T | None:
    """Which of several people sharing a short form a mention of it stands for.

    ``named`` holds, for each candidate named before the mention, the offsets of its
    full-name mentions before it. The nearest wins unless two candidates were ever
    named in the same sentence ("Jimi Hendrix's brother Leon Hendrix ... Hendrix
    said", "Tony Blair and his wife Cherie Blair ... Cherie Blair spoke ... Mr Blair
    said"): the article has put them side by side, so which one a later bare surname
    means is not shown by which full name came last, and None is returned, as it is
    when no candidate was named before.
    """
    at = sorted((p, i) for i, (positions, _) in enumerate(named) for p in positions)
    if not at:
        return None
    for (p, i), (q, j) in itertools.pairwise(at):
        if i != j and not _SENTENCE_END.search(text, p, q + 1):
            return None
    return named[at[-1][1]][1]


def propagate(
    text: str, entities: list[Entity], assigned: list[tuple[Mention, str]]
) -> list[Entity]:
    """Add the occurrences of known names that the model missed.

    One pass over the words of the text: at each word, the names starting with
    it are tried longest first, so a name is matched before the shorter names
    inside it. (A regular expression of all the names cost more to compile than
    to run, article after article.)
    """
    # Names are in normal form (straight quotes): the text is compared in it too, so
    # "O’Brien" and "Kim’s" are found as "O'Brien" and "Kim's" (one character for one:
    # the offsets are the text's).
    text = text.translate(STRAIGHT_QUOTES)
    owners: dict[str, set[int]] = defaultdict(set)
    for i, ent in enumerate(entities):
        if ent.kind == "number":
            continue
        for term in (ent.name, *ent.aliases, *_implied_short_forms(ent)):
            owners[term].add(i)
    known = set(owners)
    words = [(m.start(), m.group()) for m in _WORD_RE.finditer(text)]
    # A name that is also a lower-case word here ("may") is not safely a name.
    lower_words = {w for _, w in words if w.islower()}
    by_first: dict[str, list[str]] = defaultdict(list)
    for term in sorted(owners, key=len, reverse=True):
        first = _WORD_RE.match(term)
        if len(term) < 2 or first is None or (" " not in term and term.lower() in lower_words):
            continue
        by_first[first.group()].append(term)
    if not by_first:
        return entities
    claimed = bytearray(len(text))
    for m, _ in assigned:
        claimed[m.start : m.end] = b"\x01" * (m.end - m.start)
    full_positions: dict[int, list[int]] = {}  # filled when a short form has several owners

    def full_at(i: int) -> list[int]:
        if i not in full_positions:
            ent = entities[i]
            full_positions[i] = [s for s, e in ent.mentions if normal_form(text[s:e]) == ent.name]
        return full_positions[i]

    extra: dict[int, list[Span]] = defaultdict(list)
    resume = 0
    for s, word in words:
        if s < resume or word not in by_first:
            continue
        name = next((t for t in by_first[word] if _word_at(text, s, t)), None)
        if name is None:
            continue
        e = resume = s + len(name)
        if claimed.find(1, s, e) >= 0 or not _hyphen_ok(text, s, e, known):
            continue
        cands = owners[name]
        if len(cands) == 1:
            owner = next(iter(cands))
        else:
            named = [(p, i) for i in cands if (p := [p for p in full_at(i) if p < s])]
            found = nearest_clear(text, named)
            if found is None:
                continue  # no full name before it, or two as near: cannot decide
            owner = found
        extra[owner].append((s, e))
        claimed[s:e] = b"\x01" * (e - s)
    out = []
    for i, ent in enumerate(entities):
        if extra.get(i):
            mentions = tuple(sorted({*ent.mentions, *extra[i]}))
            ent = Entity(ent.name, ent.label, ent.kind, ent.aliases, mentions)
        out.append(ent)
    return out
