"""From raw NER spans to the entities an article talks about, with all their mentions.

The model's spans are noisy in known ways: possessives and quotes inside the
span, words that are not names ("supreme" as an ORG), one person tagged PERSON
here and ORG there, and short forms ("Kim", "Lee", "KDI") that the model never
links to the full name. This module cleans the spans and resolves them, in one
article, into entities: a canonical name (the longest full form), a label, the
aliases and every mention as character offsets in the cleaned body.

The rules, in order (each is general; none names a particular entity):

0. Put the spans right around people's names (:mod:`index.entities.names`): a
   title is not part of the name ("Mr Blair" is "Blair"), a name after an
   honorific is a person, and a name cut at a particle is joined up ("Ursula von
   der" + "Leyen" is "Ursula von der Leyen").
1. Clean each span: trim whitespace, quotes, punctuation, a leading "the", a
   possessive (``'s`` or ``’s``) and, after a person, place or group, a score or
   figure ("Mexico 2-0", "J. Smith 63"); drop name spans with no letter or no
   capital letter, and labels (a one-word span that opens its line before a
   colon: "Attendance: 81,000") unless the article names them elsewhere too.
   Forms that fold alike (:func:`index.folding.fold`: case, accents, Unicode
   normal form, curly or straight apostrophes) are one form, written as its most
   frequent spelling in the article (of equals, one not in capitals, then one
   with accents), in NFC.
2. A form whose words are the first or last words of a longer form (a surname,
   a first name, a surname with its particles, capitalised or not: "Bin Salman")
   is a short form of it. A mention of a short form joins the nearest preceding
   mention of a full form containing it, unless two full forms containing it
   were ever named in the same sentence (two Hendrixes, or "Tony Blair and his
   wife Cherie Blair": then it stays apart); with no full form before it, the
   only full form containing it; with several, none.
3. An acronym joins the full form it is defined after ("Korea Development
   Institute (KDI)") or whose initials it spells; a party the article names ("the
   Conservative Party") is one organisation with its members' words ("Tory",
   "Tories", "Conservatives"; :func:`index.entities.kinds.party_heads`).
4. The label is the majority among full-form mentions, then among all, so one
   mistagged "Trump" (ORG) does not make Donald Trump an organisation. Short
   forms cross the model's kinds only where the model is known to confuse them
   (people and organisations); a place never becomes a person this way. A person
   the article uses as a company, or as a side in a result, takes that kind
   (:func:`index.entities.kinds.rekind`).
5. Other exact occurrences of a known name or unambiguous short form are
   mentions too, unless the word also occurs in lower case (a common word such
   as "may") or is half of a hyphenated compound whose other half is not a
   known name. A short form shared by two entities goes to the nearest
   preceding full name as in rule 2 (with the same caution), and is never counted twice.

Where the rules cannot decide, mentions stay apart rather than merge wrongly.
The types are in :mod:`index.entities.entity`, and rule 5 is :mod:`index.entities.propagation`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from index.entities.entity import (
    KIND_FIELDS,
    KIND_LABELS,
    KIND_TITLES,
    Entity,
    Mention,
    kind_of,
    name_words,
    normal_form,
)
from index.entities.kinds import party_heads, rekind
from index.entities.names import PARTICLES, repair_spans
from index.entities.propagation import nearest_clear, propagate
from index.folding import fold, nfc

__all__ = [
    "KIND_FIELDS",
    "KIND_LABELS",
    "KIND_TITLES",
    "Entity",
    "Mention",
    "clean_span",
    "kind_of",
    "resolve",
]

# Ties between labels go to the earlier one.
_PRIORITY = ("PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
# Model confusions that a short form may cross (kinds).
_CROSSABLE = frozenset({"person", "org"})

_EDGE = " \t\n\r\"'“”‘’«»‹›()[]{}<>,;:!?*•·|/\\-–—_"
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Bros|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Plc|Mt)\.)$"
)
_NAMES_WITHOUT_NUMBERS = frozenset({"PERSON", "GPE", "NORP"})
_TRAILING_NUMBER = re.compile(r"(?:\s+[-+]?\d[\d.,\-–]*)+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}$")
_MINOR = frozenset(
    {"of", "for", "and", "the", "&", "de", "la", "du", "on", "in", "at", "to", "von", "van"}
)


def _looks_like_name(form: str) -> bool:
    """Has a letter, and a capital unless the script has no case (as in Chinese)."""
    if not any(c.isalpha() for c in form):
        return False
    return any(c.isupper() for c in form) or not any(c.islower() for c in form)


def clean_span(text: str, start: int, end: int, label: str) -> Mention | None:
    """Trim a model span to the name itself, or None when it is not a name at all."""
    while start < end and text[start].isspace():
        start += 1
    # A span never crosses a line: keep its first line.
    newline = text.find("\n", start, end)
    if newline >= 0:
        end = newline
    for _ in range(3):
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if end > start and text[end - 1] == "." and not _ABBREV_END.search(text[start:end]):
            end -= 1
        lowered = text[start:end].lower()
        if lowered.endswith(("'s", "’s")) and end - start > 2:
            end -= 2
        elif lowered.endswith(("s'", "s’")):
            end -= 1
        if label != "WORK_OF_ART" and lowered.startswith("the ") and end - start > 4:
            start += 4
    if label in _NAMES_WITHOUT_NUMBERS:
        # A score, a tally or a figure after a name is not part of it ("Durham 114",
        # "Mexico 2-0", "J. Smith 63"): names of people and places do not end in one.
        trailing = _TRAILING_NUMBER.search(text, start, end)
        if trailing is not None and trailing.start() > start:
            end = trailing.start()
    form = normal_form(text[start:end])
    if not form:
        return None
    if kind_of(label) != "number" and (len(form) < 2 or not _looks_like_name(form)):
        return None
    return Mention(start, end, form, label)


# A lower-case particle joined to a surname by a hyphen (Arabic al-/el-/ad-, as in
# "al-Assad"): the surname alone names the same person ("Mr. Assad").
_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ud|ul|bin|ibn|abu)[-‐](?=[^\W\d_])")


def _particles_lowered(words: list[str]) -> list[str]:
    return [w.lower() if w.lower() in PARTICLES else w for w in words]


def _is_part(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is the first or last words of ``long`` (and shorter); the last
    word of ``long`` may be read without a hyphenated particle (``Assad`` is a part of
    ``Bashar al-Assad``)."""
    n = len(short)
    if n >= len(long):
        return False
    if long[:n] == short or long[-n:] == short:
        return True
    # A particle is the same word capitalised at the start of a sentence ("Bin Salman").
    if short[0].lower() in PARTICLES and _particles_lowered(long)[-n:] == _particles_lowered(short):
        return True
    bare = _PARTICLE.sub("", long[-1])
    return bare != long[-1] and [*long[:-1], bare][-n:] == short


def _initials(form: str) -> set[str]:
    words = [w for w in re.split(r"[\s\-]+", form) if w]
    every = "".join(w[0] for w in words if w[0].isalnum()).upper()
    major = "".join(w[0] for w in words if w.lower() not in _MINOR and w[0].isalnum()).upper()
    return {every, major}


def _spells(letters: str, form: str) -> bool:
    """True when ``letters`` are, in order, initials of words (or word parts) of ``form``."""
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", form) if w and w[0].isalnum()).upper()
    it = iter(initials)
    return all(ch in it for ch in letters.upper())


# What may stand before a label at the start of its line: indentation and a bullet.
_LINE_LEAD = frozenset(" \t•*·-–—>")
_COLON_AFTER = re.compile(r"[ \t]?[:：]")


def _is_label(text: str, m: Mention) -> bool:
    """The mention, one word and not a number, opens its line and a colon follows it
    ("Attendance: 81,000", "Referee: Mike Dean"): the shape of a label in a report's box
    of facts. (A speaker's full name before a colon, as in a transcript, is no label.)"""
    if kind_of(m.label) == "number" or len(name_words(m.form)) != 1:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    return all(c in _LINE_LEAD for c in text[line_start : m.start]) and bool(
        _COLON_AFTER.match(text, m.end)
    )


def _drop_labels(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions without the labels of rule 1: a label is not a name, unless the article
    names it elsewhere too (a headline "Blair: I will stay" over "Tony Blair said")."""
    labels = [m for m in mentions if _is_label(text, m)]
    if not labels:
        return mentions
    elsewhere = [name_words(m.form) for m in mentions if not _is_label(text, m)]
    drop = {
        id(m)
        for m in labels
        if not any(w == (mw := name_words(m.form)) or _is_part(mw, w) for w in elsewhere)
    }
    return [m for m in mentions if id(m) not in drop]


def _vote(labels: Iterable[str]) -> str | None:
    counts = Counter(labels)
    if not counts:
        return None
    best = max(counts.values())
    tied = [label for label, n in counts.items() if n == best]
    return min(tied, key=lambda lab: _PRIORITY.index(lab) if lab in _PRIORITY else len(_PRIORITY))


class _Resolver:
    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.labels: dict[str, list[str]] = defaultdict(list)
        for m in self.mentions:
            self.labels[m.form].append(m.label)
        self.kind = {form: kind_of(_vote(labels) or "ORG") for form, labels in self.labels.items()}

    def _compatible(self, short: str, long: str) -> bool:
        a, b = self.kind[short], self.kind[long]
        kinds_of_short = {kind_of(label) for label in self.labels[short]}
        return b in kinds_of_short or a == b or {a, b} <= _CROSSABLE

    def heads(self) -> dict[str, set[str]]:
        """For each form, the full forms it may stand for (itself, if it is one)."""
        forms = list(self.labels)
        containers: dict[str, set[str]] = {f: set() for f in forms}
        for short in forms:
            sw = name_words(short)
            for long in forms:
                if (
                    long != short
                    and _is_part(sw, name_words(long))
                    and self._compatible(short, long)
                ):
                    containers[short].add(long)
        for member, party in party_heads(forms, self.labels).items():
            containers[member] = {party}
            containers[party] = set()
        for short in forms:
            if not containers[short] and _ACRONYM.match(short):
                containers[short] = self._expansions(short, forms)

        def top(form: str, seen: frozenset[str] = frozenset()) -> set[str]:
            if not containers[form] or form in seen:
                return {form}
            out: set[str] = set()
            for long in containers[form]:
                out |= top(long, seen | {form})
            return out

        return {form: top(form) for form in forms}

    def _expansions(self, acronym: str, forms: list[str]) -> set[str]:
        letters = acronym.replace(".", "").replace("&", "")
        defined = {
            m.form
            for m in self.mentions
            if m.form != acronym
            and self.kind[m.form] != "person"  # "Kim Po (U.S.)" gives a nationality, not a name
            and _spells(letters, m.form)
            and re.match(r"\s*\(\s*" + re.escape(acronym) + r"\s*\)", self.text[m.end : m.end + 20])
        }
        if defined:
            return defined
        return {
            f
            for f in forms
            if f != acronym
            and len(name_words(f)) > 1
            and letters in _initials(f)
            and self.kind[f] != "person"
        }

    def assign(self, heads: dict[str, set[str]]) -> list[tuple[Mention, str]]:
        """Give each mention its entity key (a full form, or its own form when undecidable)."""
        out: list[tuple[Mention, str]] = []
        seen: dict[str, list[int]] = defaultdict(list)
        for m in self.mentions:
            candidates = heads[m.form]
            if len(candidates) == 1:
                key = next(iter(candidates))
            else:
                named = [(seen[h], h) for h in candidates if h in seen]
                key = nearest_clear(self.text, named) or m.form
            if key == m.form or m.form in candidates:
                seen[key].append(m.start)
            out.append((m, key))
        return out


def _entity(key: str, members: list[Mention]) -> Entity:
    full = [m.label for m in members if m.form == key]
    label = _vote(full) or _vote(m.label for m in members) or "ORG"
    forms = {m.form for m in members}
    name = max(forms, key=lambda f: (len(name_words(f)), len(f)))
    aliases = tuple(sorted(forms - {name}))
    mentions = tuple(sorted({(m.start, m.end) for m in members}))
    return Entity(name=name, label=label, kind=kind_of(label), aliases=aliases, mentions=mentions)


def _spelling_rank(form: str, counts: Counter[str]) -> tuple[int, bool, bool, bool, int]:
    """How good a spelling is to show: most frequent, then not all capitals (a headline's
    ``ZURICH``), then not a particle capitalised at the start of a sentence (``bin
    Salman``, not ``Bin Salman``), then with its accents (``Zürich``, not ``Zurich``),
    then the first seen."""
    first = form.split(" ", 1)[0]
    sentence_start = first[:1].isupper() and first.lower() in PARTICLES
    return (
        counts[form],
        not form.isupper(),
        not sentence_start,
        not form.isascii(),
        -list(counts).index(form),
    )


def _one_spelling(mentions: list[Mention]) -> list[Mention]:
    """Mentions whose forms fold alike given one form: the most frequent spelling (see
    :func:`_spelling_rank`), in NFC (rule 1)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        spellings[fold(m.form)][nfc(m.form)] += 1
    if all(len(c) == 1 and m.form in c for m in mentions for c in (spellings[fold(m.form)],)):
        return mentions  # nearly always: one spelling each, already NFC
    shown = {
        key: max(c, key=functools.partial(_spelling_rank, counts=c)) for key, c in spellings.items()
    }
    return [dataclasses.replace(m, form=shown[fold(m.form)]) for m in mentions]


def resolve(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Entity]:
    """The entities of an article from the model's ``(start, end, label)`` spans.

    Mentions are character offsets in ``text``. Entities are sorted by mention
    count (most first), then by first mention.
    """
    spans = repair_spans(text, spans)
    mentions = [m for s, e, label in spans if (m := clean_span(text, s, e, label)) is not None]
    mentions = _one_spelling(_drop_labels(text, mentions))
    names = [m for m in mentions if kind_of(m.label) != "number"]
    numbers = [m for m in mentions if kind_of(m.label) == "number"]
    resolver = _Resolver(text, names)
    assigned = resolver.assign(resolver.heads())
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m, key in assigned:
        groups[key].append(m)
    entities = rekind(text, [_entity(k, ms) for k, ms in groups.items()])
    entities = propagate(text, entities, assigned)
    by_form: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in numbers:
        by_form[(m.form, m.label)].append(m)
    entities += [_entity(form, ms) for (form, _), ms in by_form.items()]
    return sorted(entities, key=lambda e: (-e.count, e.mentions[0] if e.mentions else (0, 0)))
