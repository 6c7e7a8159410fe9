-- A document's annotation count was kept by one trigger run per inserted
-- annotation, each rewriting the document's row, text included: an import of
-- a long annotated document took time growing with the square of its size.
-- An import now sets the count with the row and turns the insert triggers off
-- for its own transaction (import_state.counting = 0); every other insert
-- still counts.
CREATE TABLE import_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    counting INTEGER NOT NULL DEFAULT 1 CHECK (counting IN (0, 1))
);
INSERT INTO import_state(id, counting) VALUES (1, 1);

DROP TRIGGER entities_count_insert;
DROP TRIGGER quotes_count_insert;
DROP TRIGGER relations_count_insert;
CREATE TRIGGER entities_count_insert AFTER INSERT ON entities
WHEN (SELECT counting FROM import_state WHERE id = 1) BEGIN
    UPDATE documents SET annotations = annotations + 1 WHERE id = new.document_id;
END;
CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes
WHEN (SELECT counting FROM import_state WHERE id = 1) BEGIN
    UPDATE documents SET annotations = annotations + 1 WHERE id = new.document_id;
END;
CREATE TRIGGER relations_count_insert AFTER INSERT ON relations
WHEN (SELECT counting FROM import_state WHERE id = 1) BEGIN
    UPDATE documents SET annotations = annotations + 1 WHERE id = new.document_id;
END;
