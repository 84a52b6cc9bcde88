"""Rule 0 of :mod:`index.entities.resolve`: the model's spans put right around people's names.

spaCy's spans (``(start, end, label)``, character offsets) go wrong around
people's names in three known ways, each put right here before resolution:

1. A title or honorific inside the span ("Mr Blair", "President Putin", "Prime
   Minister Kishida", "Gen. Yoshida"): the span becomes the name alone, labelled
   PERSON. A mention of a person is the name, not the title (as in OntoNotes and
   CoNLL-2003, whose PERSON spans leave titles out).
2. A name right after an honorific that the model missed or gave another label
   ("Gen. Yoshida" as an ORG): an honorific before a capitalised word says it is a
   person, so the word (with its following name words) becomes a PERSON span.
3. A name cut at a lower-case particle ("Ursula von der" PERSON, then "Leyen" GPE):
   a PERSON span that ends in a particle runs on to the capitalised word after it,
   and a span right after particles ("von der Leyen", "bin Salman") takes them in
   when it is a person's name (tagged PERSON, or the end of a PERSON name elsewhere
   in the article).

Royal and noble styles (King, Queen, Prince, Lord, Sir, Dame) are part of the
name as written and are left alone; so is "General", which starts company
names ("General Motors") as often as it titles an officer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["PARTICLES", "repair_spans", "surname", "title_before", "without_title"]

RawSpan = tuple[int, int, str]

#: Lower-case name particles (Dutch, German, French, Italian, Spanish, Portuguese,
#: Arabic) that stand between a first name and a surname, and before the surname alone.
PARTICLES = frozenset(
    {
        "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das",
        "ter", "ten", "zu", "vom", "le", "la", "bin", "ibn", "bint", "al", "el", "ben",
    }
)  # fmt: skip

# Titles and honorifics, longest first, each as a regular expression; an abbreviation
# may have its full stop ("Mr." as in American style, "Mr" as in British).
_TITLE_WORDS = (
    r"Prime\s+Minister|Vice[\s-]+President|Deputy\s+Prime\s+Minister|Foreign\s+Minister"
    r"|Foreign\s+Secretary|Home\s+Secretary|Defence\s+Secretary|Defense\s+Secretary"
    r"|Secretary[\s-]+General|Attorney[\s-]+General|Chief\s+Executive"
    r"|President|Chancellor|Senator|Governor|Congressman|Congresswoman|Ambassador|Mayor"
    r"|Minister|Secretary|Commissioner|Chairman|Chairwoman|Judge|Professor|Inspector"
    r"|Detective|Sergeant|Captain|Colonel|Lieutenant|Admiral|Archbishop|Bishop|Cardinal"
    r"|Sheikh|Ayatollah|Rabbi|Imam|Coach"
    r"|(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Cpl|Maj|Adm|Sen|Rep|Gov|Rev|Supt|Insp|Det)\b\.?"
)
# (The lookahead lets the search skip most positions at once.)
_TITLE = re.compile(rf"(?=[A-Z])(?:{_TITLE_WORDS})(?![\w-])")
# A name after a title: capitalised words, with particles between them, ending in a
# capitalised word (a trailing possessive is trimmed later by the cleaning).
_NAME_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_INITIAL = r"[A-Z]\."
_PARTICLE_RE = "|".join(sorted(PARTICLES, key=len, reverse=True))
_NAME_AFTER = re.compile(
    rf"[ \t]+((?:(?:{_INITIAL}|{_NAME_WORD})[ \t]+(?:(?:{_PARTICLE_RE})[ \t]+)*){{0,3}}"
    rf"{_NAME_WORD})"
)
# Capitalised words that follow a title without being a name ("Mr Speaker", "President
# Elect", "Minister of ...") or that begin the next clause.
_NOT_NAMES = frozenset(
    {
        "The", "A", "An", "And", "Of", "For", "In", "On", "At", "To", "But", "Or", "If",
        "Speaker", "President", "Chairman", "Deputy", "Elect", "General", "Minister",
        "Secretary", "Emeritus", "He", "She", "It", "They", "We", "I", "His", "Her",
    }
)  # fmt: skip
_PARTICLES_BEFORE = re.compile(rf"(?:(?<=[\s(\"“‘'])|^)((?:(?:{_PARTICLE_RE})\s+)+)$", re.I)
_PARTICLES_AFTER = re.compile(rf"\s+((?:(?:{_PARTICLE_RE})\s+)*){_NAME_WORD}")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def surname(words: list[str]) -> list[str]:
    """The surname of a full name's words with the particles before it ("von der Leyen"
    of "Ursula von der Leyen"); the last word when there are none."""
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return words[i:]


def _title_then_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the name after a title starting at ``start`` is (within ``end``), or None."""
    title = _TITLE.match(text, start, end)
    if title is None:
        return None
    name = _NAME_AFTER.match(text, title.end(), end)
    if name is None:
        return None
    first = name.group(1).split()[0]
    if first in _NOT_NAMES or _TITLE.fullmatch(first):
        return None
    return name.start(1), name.end(1)


def without_title(name: str) -> str | None:
    """The name in ``name`` after a leading title or honorific, as rule 1 keeps it
    ("Blair" of "Mr Blair", "Putin" of "President Putin"); None when ``name`` does not
    start with a title followed by a name. A user who looks up "Mr Blair" means the
    entity its mentions went into, which is named without the title."""
    name = name.strip()
    found = _title_then_name(name, 0, len(name))
    if found is None or found[1] != len(name):
        return None
    return name[found[0] : found[1]]


_TITLE_BEFORE = re.compile(rf"(?<![\w-])(?:{_TITLE_WORDS})[ \t]+$")


def title_before(text: str, start: int) -> bool:
    """A title or honorific stands right before offset ``start`` ("Mr ", "President ")."""
    return _TITLE_BEFORE.search(text, max(0, start - 30), start) is not None


def _overlaps(a: RawSpan, s: int, e: int) -> bool:
    return a[0] < e and s < a[1]


def _titles(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Rules 1 and 2: a title inside a span is dropped; a name after a title is a person."""
    out: list[RawSpan] = []
    for s, e, label in spans:
        inner = _title_then_name(text, s, e) if label in _NAME_LABELS else None
        if inner is not None and (label == "PERSON" or inner[1] == e):
            out.append((inner[0], e if label == "PERSON" else inner[1], "PERSON"))
        else:
            out.append((s, e, label))
    for title in _TITLE.finditer(text):
        if title.start() and (text[title.start() - 1].isalnum() or text[title.start() - 1] == "-"):
            continue
        found = _title_then_name(text, title.start(), min(len(text), title.end() + 120))
        if found is None:
            continue
        s, e = found
        if any(span[0] <= s < span[1] and span[2] == "PERSON" for span in out):
            continue
        at = [span for span in out if span[0] == s]
        if at:
            # The model saw a name here but not a person: the title says it is one, as
            # far as the model's span reaches within the name.
            if at[0][1] > e:
                continue
            out = [span for span in out if span != at[0]]
            out.append((s, at[0][1], "PERSON"))
            continue
        if any(span[0] < s < span[1] for span in out):
            continue
        # The name stops where the model starts another span ("Mr Blair Defends Iraq"),
        # unless it is a person or organisation ending with the name ("Cardinal Cormac
        # Murphy-O'Connor", the surname tagged ORG): then it is part of the name.
        inside = [span for span in out if s < span[0] < e]
        if all(span[1] == e and span[2] in ("PERSON", "ORG") for span in inside):
            out = [span for span in out if span not in inside]
        else:
            e = len(text[: min(span[0] for span in inside)].rstrip())
            if e <= s:
                continue
        out.append((s, e, "PERSON"))
    return sorted(out)


def _particles(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Rule 3: a name cut at a particle is joined up."""
    out: list[RawSpan] = []
    drop: set[RawSpan] = set()
    for span in sorted(spans):
        s, e, label = span
        if span in drop:
            continue
        words = text[s:e].split()
        if label == "PERSON" and words and words[-1] in PARTICLES:
            after = _PARTICLES_AFTER.match(text, e)
            if after is not None:
                e = after.end()
                drop.update(x for x in spans if x != span and _overlaps(x, span[1], e))
        out.append((s, e, label))
    out = [span for span in out if span not in drop]
    tails = _lower_forms(text, out)
    joined: list[RawSpan] = []
    for s, e, label in out:
        last = text[max(0, s - 6) : s].split()  # (a quick test before the search)
        if not last or last[-1].lower() not in PARTICLES or not text[s - 1].isspace():
            joined.append((s, e, label))
            continue
        before = _PARTICLES_BEFORE.search(text, max(0, s - 40), s)
        if before is not None and label in _NAME_LABELS:
            form = " ".join(text[before.start(1) : e].split()).lower()
            if label == "PERSON" or form in tails:
                s, label = before.start(1), "PERSON"
        joined.append((s, e, label))
    return joined


def _lower_forms(text: str, spans: list[RawSpan]) -> set[str]:
    """Every tail of every PERSON span's words, in lower case ("von der leyen" ...)."""
    tails: set[str] = set()
    for s, e, label in spans:
        if label == "PERSON":
            words = text[s:e].split()
            tails.update(" ".join(words[i:]).lower() for i in range(1, len(words)))
    return tails


def repair_spans(text: str, spans: Iterable[RawSpan]) -> list[RawSpan]:
    """The model's spans with titles taken out of people's names, people found after
    honorifics and names joined up across particles (rules 1-3 above), sorted."""
    fixed = _titles(text, sorted(spans))
    return sorted(set(_particles(text, fixed)))
