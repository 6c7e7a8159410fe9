-- 0002_search_history: full-text search, per-document annotation counts and
-- the event log.
--
-- documents_fts   an FTS4 index over documents.title and documents.text (its
--                 docid is documents.id). It stores no copy of the text
--                 (content="documents") and is kept current by triggers. Query:
--                 SELECT id FROM documents WHERE id IN
--                   (SELECT docid FROM documents_fts WHERE documents_fts MATCH 'lavrov');
-- documents.annotations
--                 entities + quotes + relations of the document, kept by
--                 triggers so the document list never counts rows.
-- events          every change an analyst made: who, when, what (action and a
--                 short summary) and the state before and after as JSON. Undo
--                 and redo work on this table: undone = 1 marks an undone
--                 event; discarded = 1 marks an undone event that a later
--                 action made impossible to redo. document_id is NULL for
--                 database-wide events (import, schema changes).

CREATE VIRTUAL TABLE documents_fts USING fts4(content="documents", title, text, tokenize=unicode61);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(docid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete BEFORE DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE docid = old.id;
END;
CREATE TRIGGER documents_fts_unindex BEFORE UPDATE OF title, text ON documents BEGIN
    DELETE FROM documents_fts WHERE docid = old.id;
END;
CREATE TRIGGER documents_fts_reindex AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(docid, title, text) VALUES (new.id, new.title, new.text);
END;

ALTER TABLE documents ADD COLUMN annotations INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET annotations =
      (SELECT count(*) FROM entities  WHERE document_id = documents.id)
    + (SELECT count(*) FROM quotes    WHERE document_id = documents.id)
    + (SELECT count(*) FROM relations WHERE document_id = documents.id);

CREATE TRIGGER entities_count_insert AFTER INSERT ON entities BEGIN
    UPDATE documents SET annotations = annotations + 1 WHERE id = new.document_id;
END;
CREATE TRIGGER entities_count_delete AFTER DELETE ON entities BEGIN
    UPDATE documents SET annotations = annotations - 1 WHERE id = old.document_id;
END;
CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes BEGIN
    UPDATE documents SET annotations = annotations + 1 WHERE id = new.document_id;
END;
CREATE TRIGGER quotes_count_delete AFTER DELETE ON quotes BEGIN
    UPDATE documents SET annotations = annotations - 1 WHERE id = old.document_id;
END;
CREATE TRIGGER relations_count_insert AFTER INSERT ON relations BEGIN
    UPDATE documents SET annotations = annotations + 1 WHERE id = new.document_id;
END;
CREATE TRIGGER relations_count_delete AFTER DELETE ON relations BEGIN
    UPDATE documents SET annotations = annotations - 1 WHERE id = old.document_id;
END;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    action      TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    annotator   TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    before      TEXT,   -- JSON; NULL for a create
    after       TEXT,   -- JSON; NULL for a delete
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    discarded   INTEGER NOT NULL DEFAULT 0 CHECK (discarded IN (0, 1))
);
CREATE INDEX events_document ON events(document_id, id);
