"""Correcting the entities of a library: merge, rename, change kind, remove, alias, undo.

A correction is checked against the library (the name must be an entity there, or
in the one article it is limited to; an alias must not be the name of another entity
there, which would be a merge) and then made by the library's commit protocol, holding
the write lock (:mod:`index.storage.correction_table`, :mod:`index.commit`): kept
PENDING with the articles it changes listed, in one SQLite transaction; their search
documents written with it, in one Whoosh commit; then put in force with their entity
rows, in one SQLite transaction. A writer killed between the steps leaves it for the
next writer to finish. Which articles a correction changes is computed, not guessed:
every article whose stored analysis holds one of the names involved (those of this
correction and of every correction linked to it by a name) is corrected with and
without it, and those that come out different are re-indexed; a correction that
changes none is refused ("changed nothing: …") and not kept. Undoing works the same
way.

Reached through :attr:`index.library.Library.corrections`.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index.entities.corrections import (
    KINDS,
    OPERATIONS,
    Correction,
    apply,
    matches,
    name_key,
    names_of,
)
from index.entities.entity import normal_form
from index.entities.names import without_title
from index.model import LibraryError

if TYPE_CHECKING:
    from index.library import Library
    from index.writing import LibraryWriter

__all__ = ["KINDS", "OPERATIONS", "Corrected", "Correction", "CorrectionError", "Corrections"]


class CorrectionError(LibraryError):
    """A correction that cannot be made (an unknown name, kind, article or number): the
    message is one line to show."""


@dataclass(frozen=True, slots=True)
class Corrected:
    """What making (or undoing) a correction did: the correction, how many articles were
    re-indexed, and one line saying so."""

    correction: Correction
    reindexed: int
    message: str


def describe(c: Correction) -> str:
    """The correction in words ("merge Mr Blair into Tony Blair")."""
    if c.of_kind:
        c = replace(c, name=f"{c.name} ({c.of_kind})", of_kind=None)
    if c.op == "merge":
        return f"merge {c.name} into {c.value}"
    if c.op == "rename":
        return f"rename {c.name} to {c.value}"
    if c.op == "kind":
        return f"make {c.name} of kind {c.value}"
    if c.op == "alias":
        return f"give {c.name} the alias {c.value}"
    return f"remove {c.name}"


def _said(c: Correction, reindexed: int, undone: bool = False) -> str:
    if c.of_kind and not undone:
        c = replace(c, name=f"{c.name} ({c.of_kind})", of_kind=None)
    where = f" in article {c.article_id}" if c.article_id else ""
    many = f"{reindexed} article{'s' if reindexed != 1 else ''} re-indexed"
    if undone:
        return f"undid correction {c.n} ({describe(c)}{where}): {many}"
    if c.op == "merge":
        what = f"merged {c.name} into {c.value}"
    elif c.op == "rename":
        what = f"renamed {c.name} to {c.value}"
    elif c.op == "kind":
        what = f"made {c.name} of kind {c.value}"
    elif c.op == "alias":
        what = f"gave {c.name} the alias {c.value}"
    else:
        what = f"removed {c.name}"
    return f"{what}{where}: {many}"


def linked_names(correction: Correction, others: Sequence[Correction]) -> set[str]:
    """The names of ``correction`` and of every correction linked to them by a name, in
    either direction (folded): an entity it may change was, as the model found it,
    called one of these."""
    keys = {name_key(n) for n in names_of(correction)}
    grew = True
    while grew:
        grew = False
        for other in others:
            mine = {name_key(n) for n in names_of(other)}
            if mine & keys and not mine <= keys:
                keys |= mine
                grew = True
    return keys


class Corrections:
    """The entity corrections of one library: list them, make them, undo them."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def listed(self) -> list[Correction]:
        """Every correction made in this library, undone ones too, in order."""
        return self._library.store.corrections()

    def make(
        self,
        writer: LibraryWriter,
        op: str,
        name: str,
        value: str | None = None,
        article: str | None = None,
        of_kind: str | None = None,
    ) -> Corrected:
        """Make a correction (``op`` one of :data:`OPERATIONS`; ``value`` the target, new
        name, kind or alias) for the article ``article`` (an id or unique prefix) or,
        with None, the whole library, and re-index the articles it changes.

        A merge into a name no entity has is refused (a merge joins two entities that
        exist: use a rename to give one a new name), as is a merge of an entity into
        itself. Raises :class:`CorrectionError` (one line) for an unknown operation,
        kind, article or name; what writing raises (StoreError, IndexDamaged).
        """
        writer.check()
        writer.reconcile()
        library = self._library
        if op not in OPERATIONS:
            raise CorrectionError(
                f"unknown correction {op!r} (choose from {', '.join(OPERATIONS)})"
            )
        name = normal_form(name)
        if not name_key(name):
            raise CorrectionError("the entity's name is empty")
        article_id = self._article_id(article)
        if op == "remove":
            value = None
        else:
            value = normal_form(value or "")
            if not value:
                raise CorrectionError(f"{op}: the second name is empty")
        if op == "kind":
            value = (value or "").lower()
            if value not in KINDS:
                raise CorrectionError(f"unknown kind {value!r} (choose from {', '.join(KINDS)})")
        if of_kind is not None and of_kind not in KINDS:
            raise CorrectionError(f"unknown kind {of_kind!r} (choose from {', '.join(KINDS)})")
        found, name = self._found(name, article_id)
        if of_kind is not None:
            found = [k for k in found if k == of_kind]
        if not found:
            where = f"article {article_id}" if article_id else "the library"
            what = f"no {of_kind}" if of_kind else "no entity"
            raise CorrectionError(f"{what} named {name!r} in {where}")
        kind: str | None = None
        if op == "merge" and value is not None:
            if name_key(value) == name_key(name):
                raise CorrectionError(f"{name!r} and {value!r} are the same entity")
            targets, value = self._found(value, None)
            if not targets:
                raise CorrectionError(
                    f"no entity named {value!r} in the library to merge {name!r} into"
                    f" (to give {name!r} a new name, use rename)"
                )
            kind = targets[0]
        elif op == "alias" and value is not None:
            kind = found[0]
            self._refuse_entity_alias(name, value, article_id)
        new = Correction(0, op, name, value, kind, article_id, of_kind=of_kind)
        before = library.store.active_corrections()
        changed = self._changed(new, before, [*before, replace(new, n=1 << 62)])
        if not changed:
            where = f" in article {article_id}" if article_id else ""
            raise CorrectionError(
                f"changed nothing: {describe(new)}{where} leaves every article's entities"
                " as they are (not recorded)"
            )
        made = library.store.record_correction(new, changed)
        self._reindex(writer, changed)
        return Corrected(made, len(changed), _said(made, len(changed)))

    def _refuse_entity_alias(self, name: str, value: str, article_id: str | None) -> None:
        """Raise :class:`CorrectionError` when ``value`` is the name of another entity in
        the article (or the library): an alias of that name would join the two, which is
        a merge, and must be asked for as one."""
        key = name_key(value)
        if key == name_key(name):
            return
        if article_id is not None:
            ents = self._library.store.entities(article_id) or []
            many = 1 if any(name_key(e.name) == key for e in ents) else 0
        else:
            rows = self._library.store.entity_articles(value)
            many = len({i for i, n, _ in rows if name_key(n) == key})
        if many:
            where = f"{many} article{'s' if many != 1 else ''}"
            raise CorrectionError(
                f"{value!r} is an entity of its own ({where}): to make them one, merge it"
                f" (nutgraf entity merge {shlex.quote(value)} {shlex.quote(name)})"
            )

    def undo(self, writer: LibraryWriter, n: int) -> Corrected:
        """Undo correction number ``n`` (the others stay), re-indexing the articles that
        change back. Raises :class:`CorrectionError` when there is no such correction or
        it was undone already."""
        writer.check()
        writer.reconcile()
        store = self._library.store
        every = {c.n: c for c in store.corrections()}
        if n not in every:
            raise CorrectionError(f"no correction number {n} (see 'nutgraf entity corrections')")
        target = every[n]
        if target.undone:
            raise CorrectionError(f"correction {n} ({describe(target)}) is undone already")
        before = store.active_corrections()
        changed = self._changed(target, before, [c for c in before if c.n != n])
        if not store.undo_correction(n, changed):
            raise CorrectionError(f"correction {n} ({describe(target)}) is undone already")
        self._reindex(writer, changed)
        done = replace(target, undone=True)
        return Corrected(done, len(changed), _said(done, len(changed), undone=True))

    def _article_id(self, article: str | None) -> str | None:
        if article is None:
            return None
        found = self._library.get(article)
        if found is None:
            raise CorrectionError(self._library.why_not_found(article))
        return found.id

    def _found(self, name: str, article_id: str | None) -> tuple[list[str], str]:
        """The kinds of the entities called ``name`` (name or alias, folded), in the
        article or the library, most articles first (empty when there is none), and the
        name as the library spells it (as given when it is only an alias). A name no
        entity has that starts with a title ("Mr Blair") is looked up without it, as the
        entity rules name people (:func:`index.entities.names.without_title`)."""
        key = name_key(name)
        if article_id is not None:
            ents = [e for e in self._library.store.entities(article_id) or [] if matches(e, name)]
            found = [(e.name, e.kind) for e in ents]
        else:
            found = [(n, k) for _, n, k in self._library.store.entity_articles(name)]
        if not found and (bare := without_title(name)) is not None:
            kinds, spelled = self._found(bare, article_id)  # "Mr Blair": the entity "Blair"
            if kinds:
                return kinds, spelled
        counts: dict[str, int] = {}
        for _, kind in found:
            counts[kind] = counts.get(kind, 0) + 1
        spelled = next((n for n, _ in found if name_key(n) == key), name)
        return sorted(counts, key=lambda k: -counts[k]), spelled

    def _changed(
        self, correction: Correction, before: list[Correction], after: list[Correction]
    ) -> list[str]:
        """Ids of the articles whose corrected entities differ between ``before`` and
        ``after`` (see the module docstring)."""
        store = self._library.store
        if correction.article_id is not None:
            ids = [correction.article_id]
        else:
            ids = store.correction_candidates(linked_names(correction, [*before, *after]))
        return [
            a.id
            for a, raw in store.index_rows(ids)
            if apply(raw, before, a.id) != apply(raw, after, a.id)
        ]

    def _reindex(self, writer: LibraryWriter, ids: Sequence[str]) -> None:
        """Steps 2 and 3 of the commit protocol (the correction is PENDING, ``ids`` listed)."""
        from index.commit import reindex_documents

        writer.check()
        reindex_documents(self._library, sorted({*ids, *self._library.store.pending_reindex()}))
