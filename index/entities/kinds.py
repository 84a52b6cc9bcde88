"""The kind of an entity put right by the article's own evidence (rules 6 and 7 of
:mod:`index.entities.resolve`).

The model reads a name from the words around one mention; the article often says
elsewhere, plainly, what the name is. These rules look only at the article:

* **Parties** (:func:`party_heads`): a party the article names ("the Conservative
  Party", "Labour Party", tagged ORG) is one organisation with its members' words for it
  ("Conservative", "Conservatives", "Tory", "Tories"; "Democrat", "Democrats",
  "Democratic"; "Republican", "Republicans"). Forms are compared folded, without a
  plural "s" or an adjective "-ic", with the two nicknames of British and American
  usage (Tory for Conservative, Lib Dem for Liberal Democrat, GOP for Republican).
* **Companies** (:func:`rekind`): a name tagged PERSON that the article uses as a
  company ("Yukos shares", "shares in Yukos", "oil firm Yukos", "Yukos said its") is
  an organisation, unless the article also uses it as a person ("Mr Yukos", "Yukos,
  who", "Yukos said he"). "Yukos said it would appeal" counts half: people say "it
  would" too, so it takes two such mentions, or one with other evidence.
* **Teams** (:func:`rekind`): in a result ("England beat France 2-1", "Spain 2
  Italy 1"), the two sides are the same kind of thing: a side tagged PERSON, with no
  evidence of a person, takes the kind of its opponent (a country or a club).

A rule that finds evidence both ways changes nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from index.entities.entity import Entity, kind_of
from index.entities.names import title_before
from index.folding import fold

__all__ = ["party_heads", "party_words", "rekind"]

_NICKNAMES = {
    "tory": "conservative",
    "tories": "conservative",
    "lib dem": "liberal democrat",
    "lib dems": "liberal democrat",
    "gop": "republican",
}


# The nicknames as written, for finding them untagged (see party_words).
_NICKNAMES_WRITTEN = ("Tory", "Tories", "Lib Dem", "Lib Dems", "GOP")


def _party_key(form: str) -> str:
    key = fold(form)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r" party$", "", key)
    key = _NICKNAMES.get(key, key)
    return re.sub(r"(?<=[a-z]{4})(?:s|ic)$", "", key)


def party_heads(forms: Iterable[str], labels: dict[str, list[str]]) -> dict[str, str]:
    """For each member word of a party the article names, the party's name.

    A party is named by an organisation ending in "Party" ("the Labour Party"); its
    member words are forms of at most three words with the same key (see the module):
    "Oscars" and "Oscar", or "Stones" and "Stone", are never joined this way.
    """
    forms = list(forms)
    if not any(f[-5:].lower() == "party" for f in forms):
        return {}
    named: dict[str, str] = {}
    for form in forms:
        if len(form.split()) <= 5 and "ORG" in labels[form] and fold(form).endswith(" party"):
            key = _party_key(form)
            if key not in named or len(form) > len(named[key]):
                named[key] = form
    out: dict[str, str] = {}
    for form in forms:
        head = named.get(_party_key(form))
        if head is not None and head != form and len(form.split()) <= 3:
            out[form] = head
    return out


def party_words(name: str) -> tuple[str, ...]:
    """The members' words of a party named ``name``, to find those the model missed or
    left untagged as the party's mentions (rule 5 of :mod:`index.entities.resolve`):
    "Conservative Party" -> "Conservative", "Conservatives", "Tory", "Tories";
    "Democratic Party" -> "Democrat", "Democrats" (not the adjective, which other names
    hold: "Democratic Republic of Congo"). Only a one-word party name gives its own
    words ("Scottish National" is also the start of "Scottish National Gallery").
    Empty for a name not ending in "Party"."""
    words = name.split()
    if words and fold(words[0]) == "the":
        words = words[1:]
    if len(words) < 2 or fold(words[-1]) != "party":
        return ()
    key = _party_key(name)
    base = words[0] if len(words) == 2 else ""
    stem = base[:-2] if base.endswith("ic") else base
    found = [stem, stem + "s"] if stem else []
    return tuple(w for w in [*found, *_NICKNAMES_WRITTEN] if _party_key(w) == key)


# Evidence that a name is a company, after it and before it.
_ORG_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:shares?|stock(?!\s+(?:market|exchange))|share price|shareholders?"
    r"|subsidiary|stake|bonds?)\b"
    r"|,?\s+(?:said|says|announced|confirmed|reported|denied)\s+its\b"
)
# Weaker: people say "it would" too ("Salmond said it would give a boost"), so this
# counts half, and one such mention alone changes nothing.
_ORG_AFTER_WEAK = re.compile(
    r",?\s+(?:said|says|announced|confirmed)\s+it\s+(?:would|will|could|planned|intended)"
    r"\s+(?!be\b|have\b|not\b)"
)
_ORG_BEFORE = re.compile(
    r"(?:\b(?:shares|stake|stakes|investors?)\s+(?:in|of)"
    r"|(?<![\w-])(?:firm|company|group|giant|bank|retailer|carrier|airline|insurer"
    r"|conglomerate|subsidiary|supplier|carmaker|chipmaker|drugmaker))\s+$"
)
_PERSON_AFTER = re.compile(
    r",?\s+(?:who|whose)\b|,?\s+(?:said|says|told|added)\s+(?:he|she|his|her)\b"
    r"|(?:'s|’s)\s+(?:wife|husband|son|daughter|father|mother|brother|sister|family)\b"
)
# A result between two sides: "A beat B 2-1", "A 2 B 1", "A v B 1-1".
_BETWEEN_SIDES = re.compile(
    r"\s+(?:beat|beats|defeated|edged|thrashed|crushed|routed|drew with|drew|held|lost to"
    r"|lose to|v|vs\.?|versus)\s+|\s+\d{1,3}\s+"
)
_SCORE_AFTER = re.compile(r"\s*(?:\(\s*)?\d{1,3}(?:\s*[-–]\s*\d{1,3})?\b")


def _evidence(text: str, ent: Entity) -> tuple[float, int]:
    """(company, person) evidence over an entity's mentions; see the module."""
    org = 0.0
    person = 0
    for s, e in ent.mentions:
        after = text[e : e + 60]
        before = text[max(0, s - 40) : s]
        if _PERSON_AFTER.match(after) or title_before(text, s):
            person += 1
        elif _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
            org += 1
        elif _ORG_AFTER_WEAK.match(after):
            org += 0.5
    return org, person


def _relabel(ent: Entity, label: str) -> Entity:
    return Entity(ent.name, label, kind_of(label), ent.aliases, ent.mentions)


def rekind(text: str, entities: list[Entity]) -> list[Entity]:
    """``entities`` with the kinds the article's evidence shows (companies and teams)."""
    out = list(entities)
    evidence = {i: _evidence(text, ent) for i, ent in enumerate(out) if ent.kind == "person"}
    for i, (org, person) in evidence.items():
        if org >= 1 and not person:
            out[i] = _relabel(out[i], "ORG")
    # Sides of a result.
    at = sorted((s, e, i) for i, ent in enumerate(out) for s, e in ent.mentions)
    for (_, e1, i), (s2, e2, j) in itertools.pairwise(at):
        if i == j or not _BETWEEN_SIDES.fullmatch(text, e1, s2):
            continue
        if not _SCORE_AFTER.match(text, e2):
            continue
        a, b = out[i], out[j]
        for side, other, k in ((a, b, i), (b, a, j)):
            if side.kind == "person" and other.kind in ("place", "org") and not evidence[k][1]:
                out[k] = _relabel(side, other.label)
    return out
