-- 0004_actors: the actor registry.
--
-- actors           one person or organisation across every article: canonical
--                  name, label (an entity label of the schema), aliases as a
--                  JSON array of strings, kb_id an optional external id such
--                  as a Wikidata QID ('' when none), and a note.
-- entities.actor_id
--                  the actor an entity mention refers to (NULL for none).
--                  Deleting an actor unlinks its mentions. A quote's speaker
--                  resolves to the actor of its speaker mention:
--                    SELECT a.name, q.id FROM quotes q
--                      JOIN entities e ON e.id = q.speaker_id
--                      JOIN actors a ON a.id = e.actor_id;
--
-- Registry changes are events with document_id NULL and an action ending in
-- "_actor" or "_actors"; linking a mention is an event of its document.

CREATE TABLE actors (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    name    TEXT NOT NULL CHECK (name <> ''),
    label   TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    kb_id   TEXT NOT NULL DEFAULT '',
    note    TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX actors_name ON actors(name, label);
CREATE INDEX actors_kb ON actors(kb_id) WHERE kb_id <> '';

ALTER TABLE entities ADD COLUMN actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL;
CREATE INDEX entities_actor ON entities(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX events_registry ON events(id) WHERE document_id IS NULL;
