"""What the library gives the reader and the command line: frozen values and errors.

The reader (``tui/``) and the command line (``cli/``) talk to a library only
through :class:`index.library.Library` and the types here; they never import a
wing of ``index/`` (readers, entities, fulltext, storage), and nothing here
imports Whoosh, SQLite or spaCy, so showing a result costs nothing to import.
``tests/test_import_hygiene.py`` holds both to that. The wings build these
values; each is defined once, here (:class:`~index.article.Article` and
:class:`~index.entities.entity.Entity`, which carry their own logic, are
re-exported from their homes, and so are the values of the user's annotations and
saved searches, from :mod:`index.model_work`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.article import Article
from index.entities.entity import KIND_TITLES, Entity
from index.model_work import Annotation, Marks, NoSuchWatch, WatchError, WatchStatus

__all__ = [
    "KIND_TITLES",
    "LOADING_MODEL",
    "REBUILD_HINT",
    "SAVING",
    "AddProgress",
    "AddReport",
    "AddedArticle",
    "Annotation",
    "AnnotationError",
    "Article",
    "ArticleSummary",
    "ClusterError",
    "ClusterLost",
    "Entity",
    "EntityWalk",
    "IndexDamaged",
    "LibraryBusy",
    "LibraryEntity",
    "LibraryError",
    "LibraryReadOnly",
    "Marks",
    "MentionHit",
    "NoLibrary",
    "NoSuchWatch",
    "Notice",
    "OptimizeInterrupted",
    "OptimizeReport",
    "RebuildReport",
    "RereadReport",
    "SearchHit",
    "SearchResult",
    "Skip",
    "StoreError",
    "UnreadableRow",
    "WatchError",
    "WatchStatus",
    "damaged_message",
]

Span = tuple[int, int]

# -- errors ---------------------------------------------------------------


class LibraryError(RuntimeError):
    """Something about the library on disk stops an operation; ``str(err)`` is one line
    a person can act on. The reader shows it and goes on; a command prints it."""


class StoreError(LibraryError):
    """The article store cannot be opened or is damaged; the message says which."""


class IndexDamaged(LibraryError):
    """The search index cannot be read; ``nutgraf rebuild`` makes it again from the store."""


class LibraryBusy(LibraryError):
    """Another process is writing to the library and we chose not to wait (longer)."""


class LibraryReadOnly(LibraryError):
    """The library cannot be written (a read-only mount, another user's folder): it can
    only be read. The message is one line: ``library at PATH is read-only``."""


class NoLibrary(LibraryError):
    """A folder named as a library holds none (no ``library.db``): a mistyped path is
    an error, not a new empty library. Only adding and the reader create one. The
    message is one line: ``no library at PATH``."""


class ClusterError(LibraryError):
    """``add --cluster``: the address is malformed, the Dask scheduler does not answer,
    or its workers lack nutgraf or its model version (see :mod:`index.entities.cluster`)."""


class ClusterLost(ClusterError):
    """The Dask cluster went away during an add: the add stops after its last whole
    batch, as after a Ctrl-C."""


REBUILD_HINT = "run 'nutgraf rebuild' to make it again from the stored articles"


def damaged_message(err: BaseException) -> str:
    """One line saying the index is damaged, why, and what to do."""
    detail = " ".join(str(err).split())[:120] or type(err).__name__
    return f"the search index is damaged ({detail}); {REBUILD_HINT}"


# -- what the readers report ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Skip:
    """Something the user gave that did not go in, and why (one line).

    ``where`` names the file or URL; ``part`` the piece of it, when only a piece
    failed ("line 17", "entry 4").
    """

    where: str
    reason: str
    part: str | None = None

    def __str__(self) -> str:
        part = f" ({self.part})" if self.part else ""
        return f"{self.where}{part}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something worth telling about an input that still went in."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# -- articles and entities ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What lists and search results show of an article, without its text."""

    id: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    author: str | None
    ingested_at: str
    words: int
    #: ISO 639-1 code of the detected language; None when unknown (too short to tell,
    #: no language likely enough, or an article added before languages were detected).
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class LibraryEntity:
    """One entity across the library: how many articles mention it, how often in all."""

    name: str
    kind: str
    label: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class MentionHit:
    """One mention of an entity: the article, the offsets in its body, the text and its sentence."""

    id: str
    title: str
    start: int
    end: int
    text: str
    context: str
    #: The entity's canonical name and kind (the name asked for may be an alias of it).
    name: str = ""
    kind: str = ""
    #: The article's date (ISO 8601 as given, None when undated) and source.
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class EntityWalk:
    """An entity followed across the library: the query that finds the articles that
    mention it, and their ids, newest first (see :meth:`Library.entity_walk`)."""

    name: str
    kind: str
    query: str
    ids: tuple[str, ...]


# -- searching ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article: what to show, and where in its body the query matched."""

    id: str
    title: str
    source: str | None
    published: str | None
    score: float
    snippet: str
    snippet_matches: tuple[Span, ...]
    matches: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query: total count, top hits, and any suggestion or error."""

    query: str
    total: int = 0
    hits: tuple[SearchHit, ...] = ()
    suggestion: str | None = None
    error: str | None = None
    notice: str | None = None
    damaged: bool = False
    #: The search was given up on before it finished (a newer query replaced it).
    cancelled: bool = False


# -- adding and rebuilding ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """An article that went in (or replaced an earlier version)."""

    id: str
    title: str
    origin: str | None


@dataclass
class AddReport:
    """What an add did: counts and names, with a reason for everything skipped."""

    added: list[AddedArticle] = field(default_factory=list)
    updated: list[AddedArticle] = field(default_factory=list)
    unchanged: int = 0
    #: Records that repeat an article read earlier in the same add (the same text twice
    #: in a corpus, under two record ids): each is counted once, here, not as unchanged.
    duplicates: int = 0
    removed: int = 0
    skipped: list[Skip] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    #: The add was cancelled: what its finished batches brought is in, the rest is not.
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        """True when nothing was skipped and the add was not cancelled."""
        return not self.skipped and not self.cancelled

    @property
    def first_id(self) -> str | None:
        """The first article added or updated (what ``read PATH`` opens)."""
        first = self.added or self.updated
        return first[0].id if first else None


#: ``AddProgress.current`` while an add waits for the entity model to load (once per run).
LOADING_MODEL = "loading the model (once)…"
#: What an add says it does while it commits a batch (the store, then the index: seconds).
SAVING = "saving"


@dataclass(frozen=True, slots=True)
class AddProgress:
    """Where an add is: articles done of an estimated total, and what it is doing.

    ``passed``: of those done, the articles that needed no work (already in the
    library, as on a rerun after an interruption, or read twice); the rest were
    analysed and indexed."""

    done: int
    total: int
    current: str = ""
    passed: int = 0


@dataclass(frozen=True, slots=True)
class UnreadableRow:
    """An article whose stored row cannot be read: its id and title as far as they can
    be read (with U+FFFD for undecodable bytes; ``row N`` when not even the id can), and why."""

    id: str
    title: str
    reason: str


@dataclass
class RereadReport:
    """What a re-read did.

    ``read``: articles read again; ``changed``: those whose text, metadata or entities
    changed and were written again; ``analysed``: those the entity model read again
    (their body changed, or they had no entity analysis); ``entities_changed``: those
    whose entities differ from before; ``sentences_found``: those otherwise unchanged
    whose sentences were found anew (stored before sentences were, or found
    differently today); ``kept``: ``(id, title, reason)`` of those today's reader
    could not read, kept exactly as they were; ``unreadable``: stored rows that could
    not be read at all; ``rebuild``: the index rebuild that followed.
    """

    read: int = 0
    changed: int = 0
    analysed: int = 0
    entities_changed: int = 0
    sentences_found: int = 0
    kept: list[tuple[str, str, str]] = field(default_factory=list)
    unreadable: list[UnreadableRow] = field(default_factory=list)
    rebuild: RebuildReport | None = None


@dataclass(frozen=True, slots=True)
class RebuildReport:
    """What a rebuild did: articles indexed, and those left out because their stored row
    cannot be read (they stay in the store, listed but not searchable)."""

    rebuilt: int
    skipped: tuple[UnreadableRow, ...] = ()


@dataclass(frozen=True, slots=True)
class OptimizeReport:
    """What ``nutgraf optimize`` did: index segments before and after, live documents,
    and the seconds it took (see :mod:`index.optimizing`)."""

    segments_before: int
    segments_after: int
    documents: int
    seconds: float


class OptimizeInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped ``nutgraf optimize`` before its commit: the merged segment's
    files are removed and the index is as it was, ``segments`` segments (see
    :mod:`index.optimizing`)."""

    def __init__(self, segments: int) -> None:
        super().__init__(segments)
        self.segments = segments


# -- annotations (stars, tags, notes, highlights) -----------------------------


class AnnotationError(LibraryError):
    """A tag, note or quote that cannot be kept; ``str(err)`` is one line saying why."""
