-- 0001_core: the core tables of a Byline database.
--
-- documents       one row per imported article. external_id is the id from the
--                 import (file name, URL or "id" field); text is the canonical
--                 text, fixed at import; meta is the metadata object as JSON
--                 (title, source, url, author and published are copied into
--                 columns; meta_extra is 1 when meta has other keys too);
--                 hash is the SHA-256 of text, used to
--                 skip duplicates; ordinal is the 1-based import order;
--                 version_of points at an older document with the same URL
--                 and different text; debris is a JSON array of flagged
--                 page-debris ranges [{"start":..,"end":..}].
-- entities        labelled spans. start/end are Unicode code points,
--                 half-open [start, end); text is the covered text.
-- quotes          quotations: kind, optional speaker (an entity of the same
--                 document), optional cue span (cue_start, cue_end, cue_text).
-- quote_segments  the content segments of a quote, in text order.
-- relations       typed links from a head entity to a tail entity.
-- schema          the annotation schema (labels, relation types) as JSON; one row.
-- settings        small key/value settings.
--
-- Times are UTC RFC 3339 text. Deleting a document deletes its annotations;
-- deleting an entity deletes the relations that use it and clears the speaker
-- of its quotes.

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id TEXT    NOT NULL,
    ordinal     INTEGER NOT NULL UNIQUE,
    title       TEXT    NOT NULL DEFAULT '',   -- meta title ('' when none)
    list_title  TEXT    NOT NULL,              -- shown in the list: title or first words
    source      TEXT    NOT NULL DEFAULT '',
    url         TEXT    NOT NULL DEFAULT '',
    author      TEXT    NOT NULL DEFAULT '',
    published   TEXT    NOT NULL DEFAULT '',
    meta        TEXT    NOT NULL DEFAULT '{}', -- JSON object
    meta_extra  INTEGER NOT NULL DEFAULT 0,    -- 1: meta has keys beyond the columns above
    text        TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
    imported_at TEXT    NOT NULL,
    debris      TEXT    NOT NULL DEFAULT '[]', -- JSON array of ranges
    version_of  INTEGER REFERENCES documents(id) ON DELETE SET NULL
);
CREATE INDEX documents_hash ON documents(hash);
CREATE INDEX documents_url ON documents(url) WHERE url <> '';
CREATE INDEX documents_status ON documents(status, ordinal);
CREATE INDEX documents_title ON documents(list_title COLLATE NOCASE, ordinal);
CREATE INDEX documents_status_title ON documents(status, list_title COLLATE NOCASE, ordinal);
CREATE INDEX documents_published ON documents(published, ordinal);
CREATE INDEX documents_status_published ON documents(status, published, ordinal);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    label       TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    annotator   TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    created     TEXT    NOT NULL,
    updated     TEXT    NOT NULL,
    CHECK (start >= 0 AND start < end)
);
CREATE INDEX entities_document ON entities(document_id, start);
CREATE INDEX entities_label ON entities(label);

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('direct', 'indirect', 'partial', 'mixed')),
    speaker_id  INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    cue_start   INTEGER,
    cue_end     INTEGER,
    cue_text    TEXT,
    annotator   TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    created     TEXT    NOT NULL,
    updated     TEXT    NOT NULL,
    CHECK (cue_start IS NULL OR (cue_start >= 0 AND cue_start < cue_end))
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id) WHERE speaker_id IS NOT NULL;

CREATE TABLE quote_segments (
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (quote_id, start),
    CHECK (start >= 0 AND start < end)
) WITHOUT ROWID;

CREATE TABLE relations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type        TEXT    NOT NULL,
    head_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    tail_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    annotator   TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    created     TEXT    NOT NULL,
    updated     TEXT    NOT NULL,
    CHECK (head_id <> tail_id)
);
CREATE INDEX relations_document ON relations(document_id);
CREATE INDEX relations_head ON relations(head_id);
CREATE INDEX relations_tail ON relations(tail_id);
CREATE INDEX relations_type ON relations(type);

CREATE TABLE schema (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    json    TEXT NOT NULL,
    updated TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
