"""The user's corrections to the entities the model found, applied on top of them.

The model's analysis of each article is stored as it was found (and found again by
``rebuild --reread`` or a newer model); the user's corrections are kept apart, in
their own table (:mod:`index.storage.correction_table`), and :func:`apply` lays
them over an analysis, in the order they were made, wherever entities are read or
indexed: the article's entities, the library's lookup tables and counts, the search
index's entity fields. So a correction survives re-adding, rebuilding and a model
change: it is applied to whatever the model finds.

Operations (``Correction.op``); NAME matches an entity by its name, or by an alias
that is another name for it ("Kiev" of "Kyiv") rather than a part of its name the
resolver joined to it ("Blair" of "Cherie Blair"), folded as the library folds names
(:func:`index.folding.fold`: case, accents, Unicode normal form and apostrophes aside):

- ``merge``  NAME into VALUE: NAME's mentions are VALUE's; its names become aliases.
  Where the article has no VALUE, NAME is called VALUE, of the kind VALUE has in the
  library (``kind``, recorded when the correction was made).
- ``rename`` NAME to VALUE: the entity is called VALUE. Library-wide, the old name
  stays an alias (old queries still find it); in one article it does not (that
  article's entity is no longer NAME: its counts, walk, search and mentions leave NAME).
- ``kind``   NAME is of kind VALUE (a key of :data:`KIND_TITLES`); its label follows.
- ``remove`` NAME is no entity (its mentions are dropped).
- ``alias``  VALUE is another name of NAME: it is added to NAME's aliases, and an
  entity called VALUE is NAME (as a merge of VALUE into NAME).

Every function here is pure: same analysis and corrections, same result.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from index.entities.entity import KIND_LABELS, KIND_TITLES, Analysis, Entity, normal_form
from index.folding import fold

__all__ = ["KINDS", "OPERATIONS", "Correction", "apply", "matches", "name_key", "names_of"]

#: The operations, in the order the CLI and the reader list them.
OPERATIONS = ("merge", "rename", "kind", "remove", "alias")
#: The kinds an entity may be given (the entity pane's headings, :data:`KIND_TITLES`).
KINDS = tuple(KIND_TITLES)


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction as stored: ``n`` its number (the order they apply in), ``op`` one
    of :data:`OPERATIONS`, ``name`` the entity it is about, ``value`` the target, new
    name, kind or alias (None for ``remove``), ``kind`` the kind an entity takes when it
    becomes ``value`` where the article has no such entity (merge, alias; None
    otherwise), ``article_id`` the one article it is limited to (None: the whole
    library), ``made_at`` when (ISO 8601, UTC), ``undone`` whether it was undone (an
    undone correction applies nowhere) and ``of_kind`` the kind the entity ``name``
    must be of (None: of any kind; the reader gives the kind of the entity chosen)."""

    n: int
    op: str
    name: str
    value: str | None = None
    kind: str | None = None
    article_id: str | None = None
    made_at: str = ""
    undone: bool = False
    of_kind: str | None = None

    def applies_to(self, article_id: str) -> bool:
        """Whether this correction applies to that article (not undone, and in scope)."""
        return not self.undone and self.article_id in (None, article_id)


@functools.lru_cache(maxsize=65536)  # the same few names, over and over, at every index
def name_key(name: str) -> str:
    """How names are compared: normal form (straight quotes, one space), then folded."""
    return fold(normal_form(name))


def matches(entity: Entity, name: str) -> bool:
    """Whether ``entity`` is called ``name``, by its name or an alias (folded)."""
    key = name_key(name)
    return any(name_key(n) == key for n in (entity.name, *entity.aliases))


def _called(entity: Entity, name: str) -> bool:
    """Whether ``entity`` is called ``name``: by its name, or by an alias that is another
    name for it ("Kiev" of "Kyiv"), not a part of its name that the resolver joined to it
    ("Blair" of "Cherie Blair": a correction of "Blair" is not about her)."""
    key = name_key(name)
    if name_key(entity.name) == key:
        return True
    if not any(name_key(n) == key for n in entity.aliases):
        return False
    words, part = name_key(entity.name).split(), key.split()
    return not any(words[i : i + len(part)] == part for i in range(len(words)))


def _is(entity: Entity, c: Correction) -> bool:
    """Whether ``entity`` is the one correction ``c`` is about (see :func:`_called`; and
    of its kind, when it names one)."""
    return (c.of_kind is None or entity.kind == c.of_kind) and _called(entity, c.name)


def names_of(correction: Correction) -> tuple[str, ...]:
    """The entity names a correction speaks of (its name, and its value unless that is
    a kind): the names whose entities it may change."""
    if correction.op in ("kind", "remove") or correction.value is None:
        return (correction.name,)
    return (correction.name, correction.value)


def _label(kind: str) -> str:
    labels = KIND_LABELS.get(kind) or ("ORG",)
    return labels[0]


def _with_kind(entity: Entity, kind: str) -> Entity:
    if entity.kind == kind:
        return entity
    return replace(entity, kind=kind, label=_label(kind))


def _aliases(name: str, *names: str) -> tuple[str, ...]:
    """The distinct names among ``names`` (folded) that are not ``name``, sorted."""
    seen = {name_key(name)}
    out: list[str] = []
    for n in names:
        if (key := name_key(n)) not in seen:
            seen.add(key)
            out.append(n)
    return tuple(sorted(out))


def _join(into: Entity, other: Entity) -> Entity:
    """``other``'s mentions and names as ``into``'s."""
    return replace(
        into,
        aliases=_aliases(into.name, *into.aliases, other.name, *other.aliases),
        mentions=tuple(sorted(set(into.mentions) | set(other.mentions))),
    )


def _renamed(entity: Entity, name: str, keep_old: bool = True) -> Entity:
    """``entity`` called ``name``; its old name kept as an alias with ``keep_old``."""
    name = normal_form(name)
    old = (entity.name,) if keep_old else ()
    return replace(entity, name=name, aliases=_aliases(name, *entity.aliases, *old))


def _combine(entities: list[Entity]) -> list[Entity]:
    """Entities with the same folded name and kind as one (a rename or a change of kind
    can make two of them alike), in the resolver's order: most mentions first."""
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in entities:
        key = (name_key(ent.name), ent.kind)
        by_key[key] = _join(by_key[key], ent) if key in by_key else ent
    return sorted(
        by_key.values(), key=lambda e: (-e.count, e.mentions[0] if e.mentions else (0, 0))
    )


def _merge(
    entities: list[Entity], moves: Callable[[Entity], bool], target: str, kind: str | None
) -> list[Entity]:
    """The entities that ``moves`` picks (and are not ``target``) joined into ``target``."""
    key = name_key(target)  # an entity with ``target`` only as an alias moves too (named so)
    picked = [id(e) for e in entities if moves(e) and name_key(e.name) != key]
    moving = [e for e in entities if id(e) in picked]
    if not moving:
        return entities
    staying = [e for e in entities if id(e) not in picked]
    targets = [e for e in staying if matches(e, target)]
    if targets:
        chosen = max(targets, key=lambda e: e.count)
        into = chosen
        for ent in moving:
            into = _join(into, ent)
        return [into if e is chosen else e for e in staying]
    joined = _renamed(moving[0], target)
    for ent in moving[1:]:
        joined = _join(joined, ent)
    return [*staying, _with_kind(joined, kind) if kind else joined]


def _one(entities: list[Entity], c: Correction) -> list[Entity]:
    if c.op == "remove":
        return [e for e in entities if not _is(e, c)]
    value = c.value
    if value is None:
        return entities
    if c.op == "merge":
        return _merge(entities, lambda e: _is(e, c), value, c.kind)
    if c.op == "rename":
        keep = c.article_id is None  # see the module docstring
        return [_renamed(e, value, keep) if _is(e, c) else e for e in entities]
    if c.op == "kind":
        return [_with_kind(e, value) if _is(e, c) else e for e in entities]
    if c.op == "alias":
        entities = _merge(entities, lambda e: _called(e, value), c.name, c.kind)
        return [
            replace(e, aliases=_aliases(e.name, *e.aliases, normal_form(value))) if _is(e, c) else e
            for e in entities
        ]
    return entities


def apply(analysis: Analysis, corrections: Sequence[Correction], article_id: str) -> Analysis:
    """``analysis`` (an article's entities as the model found them) with the corrections
    that apply to the article ``article_id`` laid over it, in order (``n``): a new list,
    sorted as the resolver sorts (most mentions first). An analysis of None (never
    analysed) stays None; with no correction that applies, ``analysis`` itself."""
    if analysis is None:
        return None
    mine = sorted((c for c in corrections if c.applies_to(article_id)), key=lambda c: c.n)
    if not mine:
        return analysis
    entities = list(analysis)
    for correction in mine:
        entities = _combine(_one(entities, correction))
    return entities
