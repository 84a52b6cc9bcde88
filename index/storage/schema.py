"""The SQL that makes a library's tables and indexes (``CREATE ... IF NOT EXISTS``), one
string run by :func:`index.storage.database.create_tables`; the comment heading each
feature's tables names the issue that brought them, and :data:`index.storage.database.VERSION`
says which tables a library of each version has.
"""

from __future__ import annotations

__all__ = ["SCHEMA"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    original BLOB NOT NULL,
    encoding TEXT NOT NULL,
    format TEXT NOT NULL,
    source TEXT, url TEXT, author TEXT, published TEXT, category TEXT,
    origin TEXT,
    ingested_at TEXT NOT NULL,
    words INTEGER NOT NULL,
    entities TEXT,
    state INTEGER NOT NULL DEFAULT 0,
    lang TEXT,
    spans BLOB,
    sentences TEXT,
    sort_key TEXT
);
CREATE INDEX IF NOT EXISTS articles_state ON articles(state);
DROP INDEX IF EXISTS articles_newest;
CREATE INDEX IF NOT EXISTS articles_order ON articles(sort_key DESC, ingested_at DESC, id);
CREATE INDEX IF NOT EXISTS articles_added ON articles(ingested_at);
CREATE TABLE IF NOT EXISTS origins (
    origin TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    digest BLOB PRIMARY KEY,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_article ON records(article_id);
CREATE TABLE IF NOT EXISTS links (
    origin TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (origin, article_id)
);
CREATE INDEX IF NOT EXISTS links_article ON links(article_id);
CREATE TABLE IF NOT EXISTS entity_refs (
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    key TEXT,
    PRIMARY KEY (article_id, name, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_refs_name ON entity_refs(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entity_refs_key ON entity_refs(key, kind);
CREATE TABLE IF NOT EXISTS entity_aliases (
    alias TEXT NOT NULL,
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT
);
CREATE INDEX IF NOT EXISTS entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entity_aliases_key ON entity_aliases(key);
CREATE TABLE IF NOT EXISTS entity_names (
    key TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_names_article ON entity_names(article_id);
CREATE TABLE IF NOT EXISTS store_flags (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_totals (
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    shown TEXT NOT NULL,
    label TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (key, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_totals_articles
    ON entity_totals(rank, articles DESC, mentions DESC, shown);
CREATE INDEX IF NOT EXISTS entity_totals_mentions
    ON entity_totals(rank, mentions DESC, articles DESC, shown);
CREATE INDEX IF NOT EXISTS entity_totals_name ON entity_totals(rank, shown COLLATE NOCASE, shown);
CREATE TABLE IF NOT EXISTS vocabulary (
    word TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;
-- keep: stars, tags, notes and highlights (index/storage/keep_tables.py)
CREATE TABLE IF NOT EXISTS annotations (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    title TEXT NOT NULL,
    motivation TEXT NOT NULL,
    body TEXT,
    tag_key TEXT,
    start INTEGER,
    "end" INTEGER,
    exact TEXT,
    prefix TEXT,
    suffix TEXT,
    orphaned INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS annotations_article ON annotations(article_id);
CREATE INDEX IF NOT EXISTS annotations_tag ON annotations(tag_key) WHERE tag_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS successions (
    old_id TEXT NOT NULL,
    new_id TEXT NOT NULL,
    PRIMARY KEY (old_id, new_id)
) WITHOUT ROWID;
-- Entity corrections (issue 15, item 3: index/storage/correction_table.py)
CREATE TABLE IF NOT EXISTS entity_corrections (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    op TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT,
    kind TEXT,
    article_id TEXT,
    made_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    undone_at TEXT,
    of_kind TEXT
);
CREATE INDEX IF NOT EXISTS entity_corrections_article ON entity_corrections(article_id);
CREATE TABLE IF NOT EXISTS entity_reindex (
    article_id TEXT PRIMARY KEY
) WITHOUT ROWID;
-- watch (issue 15 item 4): saved searches and the matches seen of each
CREATE TABLE IF NOT EXISTS watches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL,
    created TEXT NOT NULL,
    seen_at TEXT
);
CREATE TABLE IF NOT EXISTS watch_seen (
    watch INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (watch, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS watch_seen_article ON watch_seen(article_id);
"""
