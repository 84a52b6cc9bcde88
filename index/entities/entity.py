"""What an entity is: the kinds of names, a mention, an entity with all its mentions.

The model's labels map to a few kinds that the reader groups entities by and
that search has a field for each. ``Entity`` is what is stored (as JSON) for
every article and what the reader shows; :mod:`index.entities.resolve` makes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = [
    "KIND_FIELDS",
    "KIND_LABELS",
    "KIND_OF_LABEL",
    "KIND_TITLES",
    "Analysis",
    "Entity",
    "Mention",
    "Span",
    "entities_from_json",
    "entities_to_json",
    "kind_of",
    "name_words",
    "normal_form",
]

Span = tuple[int, int]

KIND_OF_LABEL: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "LANGUAGE": "other",
    "DATE": "number",
    "TIME": "number",
    "PERCENT": "number",
    "MONEY": "number",
    "QUANTITY": "number",
    "ORDINAL": "number",
    "CARDINAL": "number",
}
#: Display order and titles of the kinds.
KIND_TITLES: dict[str, str] = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "group": "Groups",
    "event": "Events",
    "other": "Other",
    "number": "Dates & numbers",
}
#: The search field that holds each kind of entity (dates and numbers have none).
KIND_FIELDS: dict[str, str] = {
    "person": "person",
    "org": "org",
    "place": "place",
    "group": "group",
    "event": "event",
    "other": "other",
}
KIND_LABELS: dict[str, tuple[str, ...]] = {
    kind: tuple(label for label, k in KIND_OF_LABEL.items() if k == kind) for kind in KIND_TITLES
}
#: Curly quotes and the no-break space as their plain forms (one character for one).
STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def kind_of(label: str) -> str:
    """The display kind of a model label (unknown labels are "other")."""
    return KIND_OF_LABEL.get(label, "other")


@dataclass(frozen=True, slots=True)
class Mention:
    """One cleaned span: where it is, its normalised form and the model's label."""

    start: int
    end: int
    form: str
    label: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing an article talks about, with every mention of it in the cleaned body."""

    name: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]

    @property
    def count(self) -> int:
        """Number of mentions."""
        return len(self.mentions)

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Entity:
        """Inverse of :meth:`to_json`."""
        return cls(
            name=value["name"],
            label=value["label"],
            kind=value.get("kind") or kind_of(value["label"]),
            aliases=tuple(value.get("aliases", ())),
            mentions=tuple((int(s), int(e)) for s, e in value.get("mentions", ())),
        )


#: An article's entity analysis: its entities, or None when it was never analysed.
Analysis = list[Entity] | None


def entities_to_json(entities: Analysis) -> str | None:
    """The stored (JSON) form of an analysis, for the store's ``entities`` column."""
    if entities is None:
        return None
    return json.dumps([e.to_json() for e in entities], ensure_ascii=False)


def entities_from_json(text: str | None) -> Analysis:
    """Inverse of :func:`entities_to_json`; raises ValueError for a malformed value."""
    if not text:
        return None
    value = json.loads(text)
    if not isinstance(value, list):
        raise ValueError("the stored entity analysis is not a list")
    try:
        return [Entity.from_json(v) for v in value]
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"a stored entity is malformed ({err!r})") from None


def normal_form(form: str) -> str:
    """``form`` with curly quotes made straight and runs of spaces made one space."""
    return " ".join(form.translate(STRAIGHT_QUOTES).split())


def name_words(form: str) -> list[str]:
    """The words of a normal form (see :func:`normal_form`)."""
    return form.split(" ")
