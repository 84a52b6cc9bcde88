"""The library's Whoosh index: opening it, turning articles into documents, writing.

Segments are written as separate files (``compound=False``): Whoosh then maps
them instead of copying a compound file into memory when a searcher opens,
which the measurements in ``shared/notes`` show keeps a reader small and its
start fast.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from index.article import Article
from index.entities.entity import Analysis, Entity
from index.fulltext import whoosh_patches
from index.fulltext.analysis import is_current
from index.fulltext.folder import LEGACY_NAME, LEGACY_REBUILDING, live_name, make_folder_beside
from index.fulltext.schema import KIND_FIELDS, SCHEMA_VERSION, make_schema
from index.fulltext.segments import tiered_merge
from index.model import REBUILD_HINT, IndexDamaged, damaged_message
from index.readers.dates import to_datetime

__all__ = [
    "DocumentWriter",
    "IndexDamaged",
    "create_index",
    "document",
    "entity_terms",
    "new_writer",
    "open_index",
    "write_documents",
]

#: Present while a rebuild of the old kind (which rewrote ``articles`` in place) ran;
#: such an index left with it is incomplete. Rebuilds now build aside (``index.fulltext.rebuild``).
REBUILDING = LEGACY_REBUILDING
#: The one line said about an index made by an earlier version of nutgraf.
OLD_ANALYSIS = (
    f"the search index was made by an earlier version of nutgraf, which matched words "
    f"differently (index schema {SCHEMA_VERSION} is needed); {REBUILD_HINT}"
)
#: Times a reader tries again when a rebuild swapped the index while it opened it.
_OPEN_TRIES = 3


def new_writer(ix: Index) -> whoosh_patches.NutgrafWriter:
    """A Whoosh writer for ``ix``: separate segment files, nutgraf's codec and writer
    (:mod:`index.fulltext.whoosh_patches`, checked first: raises ``WhooshChanged``)."""
    return whoosh_patches.new_writer(ix, compound=False, limitmb=256)


def create_index(path: Path) -> Index:
    """Create an empty index at ``path`` (removing whatever was there): for tests and
    benchmarks. A library's rebuild never removes its index first (``index.fulltext.rebuild``)."""
    whoosh_patches.apply()
    if path.exists():
        shutil.rmtree(path)
    return _create_missing(path)


def open_index(path: Path, create: bool = True, readonly: bool = False) -> Index:
    """Open the live index in the folder ``path`` (the one its pointer names, see
    :mod:`index.fulltext.folder`), creating an empty one when the folder holds none and
    ``create`` is true. ``readonly`` opens it without ever writing to the folder.

    Raises :class:`IndexDamaged` when the index is missing (and not created), unreadable,
    or of another schema version, and ``WhooshChanged`` when the installed Whoosh is
    not the one nutgraf's changes to it were checked against.
    """
    whoosh_patches.apply()
    name = live_name(path)
    for _ in range(_OPEN_TRIES):
        try:
            ix = _open_named(path, name, readonly)
        except IndexDamaged:
            again = live_name(path)
            if again == name:
                raise
            name = again  # a rebuild swapped its index in and removed this one: open that
            continue
        if ix is not None:
            return ix
        again = live_name(path)
        if again == name:
            break
        name = again
    if not create:
        raise IndexDamaged(f"the search index is missing; {REBUILD_HINT}")
    return _create_missing(path)


def _open_named(path: Path, name: str, readonly: bool) -> Index | None:
    """The index called ``name`` in ``path``, or None if there is none."""
    if name == LEGACY_NAME and (path / REBUILDING).exists():
        raise IndexDamaged(f"the search index was being rebuilt when it stopped; {REBUILD_HINT}")
    try:
        if whoosh_index.exists_in(str(path), indexname=name):
            ix = whoosh_index.open_dir(str(path), indexname=name, readonly=readonly)
            _check_version(path, ix)
            return ix
    except IndexDamaged:
        raise
    except Exception as err:  # Whoosh raises many kinds of errors on a damaged TOC
        raise IndexDamaged(damaged_message(err)) from None
    return None


def _check_version(path: Path, ix: Index) -> None:
    """Raise :class:`IndexDamaged` (:data:`OLD_ANALYSIS`) when ``ix`` was made by an
    earlier analysis of words (``index.fulltext.analysis.is_current``) or with other
    fields: its terms are not the ones queries now look for. The store, and with it
    everything the user added, is untouched; a rebuild makes the index again from it."""
    schema = ix.schema
    if (
        "entity" not in schema
        or schema.names() != make_schema().names()
        or not is_current(schema["body"].analyzer)
    ):
        raise IndexDamaged(OLD_ANALYSIS)


def _create_missing(path: Path) -> Index:
    """Create the missing index at ``path`` so that two processes doing so at once agree.

    The empty index (called ``articles``, with no pointer) is made in a folder beside
    ``path`` and renamed into place; a rename that finds another process's index
    already there opens that one instead.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = make_folder_beside(path, ".index-")
    try:
        whoosh_index.create_in(str(tmp), make_schema(), indexname=LEGACY_NAME)
        os.rename(tmp, path)  # replaces a missing or empty folder, never a filled one
    except OSError:
        if not whoosh_index.exists_in(str(path), indexname=live_name(path)):
            raise
        return open_index(path, create=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return whoosh_index.open_dir(str(path), indexname=LEGACY_NAME)


def entity_terms(entities: Iterable[Entity] | None) -> dict[str, list[str]]:
    """Keyword terms for the entity fields: each name and alias, and the words of each name."""
    fields: dict[str, set[str]] = {name: set() for name in ("entity", *KIND_FIELDS.values())}
    for ent in entities or ():
        kind_field = KIND_FIELDS.get(ent.kind)
        names = {ent.name, *ent.aliases}
        terms = {" ".join(n.replace(",", " ").split()) for n in names}
        for name in list(terms):
            words = name.split()
            if len(words) > 1:
                terms.update(w for w in words if len(w) > 1)
        terms.discard("")
        if kind_field is None:  # dates and numbers are not searched by entity
            continue
        fields["entity"].update(terms)
        fields[kind_field].update(terms)
    return {name: sorted(values) for name, values in fields.items()}


def document(article: Article, entities: Analysis) -> dict[str, Any]:
    """The Whoosh document for an article and its entity analysis."""
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "source": article.source or "",
        "author": article.author or "",
        "category": article.category or "",
        "url": article.url or "",
        "lang": article.lang or "",
    }
    when = to_datetime(article.published)
    if when is not None:
        doc["date"] = when
    for name, terms in entity_terms(entities).items():
        if terms:
            doc[name] = ",".join(terms)
    return doc


class DocumentWriter:
    """One Whoosh commit built up piece by piece.

    Documents are analysed as they are added, so a caller that adds them while
    other processes are still producing the rest overlaps the two. Nothing is
    visible to readers until :meth:`commit`; leaving a ``with`` block with an
    exception cancels the whole commit. The Whoosh writer (and its lock) is
    taken on the first change: a commit with nothing to do writes nothing.
    """

    def __init__(self, ix: Index, replace: bool = True) -> None:
        self._ix = ix
        self._replace = replace
        self._writer: Any = None

    def _open(self) -> Any:
        if self._writer is None:
            whoosh_patches.apply()  # its WhooshChanged is no damaged index
            try:
                self._writer = new_writer(self._ix)
            except Exception as err:
                raise IndexDamaged(damaged_message(err)) from err
        return self._writer

    def add(self, doc: dict[str, Any]) -> None:
        """Analyse and add one document (replacing one with the same id if ``replace``)."""
        writer = self._open()
        with self._cancel_on_error():
            (writer.update_document if self._replace else writer.add_document)(**doc)

    def commit(self, delete_ids: Sequence[str] = ()) -> None:
        """Delete ``delete_ids`` (from earlier commits) and commit everything added."""
        if self._writer is None and not delete_ids:
            return
        writer = self._open()
        with self._cancel_on_error():
            for article_id in delete_ids:
                writer.delete_by_term("id", article_id)
            writer.commit(mergetype=tiered_merge)
            self._writer = None

    @contextlib.contextmanager
    def _cancel_on_error(self) -> Iterator[None]:
        """Cancel the commit on any error; Whoosh's own errors mean a damaged index."""
        try:
            yield
        except MemoryError:
            self.cancel()
            raise
        except Exception as err:
            self.cancel()
            raise IndexDamaged(damaged_message(err)) from err

    def cancel(self) -> None:
        """Drop everything added; the index stays as it was."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.cancel()

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.cancel()


def write_documents(
    ix: Index, docs: Iterable[dict[str, Any]], delete_ids: Sequence[str] = (), replace: bool = True
) -> None:
    """Add ``docs`` and delete ``delete_ids`` in one Whoosh commit.

    With ``replace`` a document whose id is already indexed is replaced; without
    it (new articles only) adding skips the delete-by-id and is faster.
    """
    with DocumentWriter(ix, replace) as writer:
        for doc in docs:
            writer.add(doc)
        writer.commit(delete_ids)
