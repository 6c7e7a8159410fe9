-- 0006_actor_counts: kept actor counts, and actor-link suggestions.
--
-- actors.mentions  the number of entity mentions linked to the actor
-- actors.quotes    the number of quotes whose speaker is one of those mentions
--
-- Both were counted by a join over every entity and quote on each listing of
-- the actors; the triggers below keep them as rows change instead:
--
--   SELECT a.name, a.mentions, a.quotes FROM actors a ORDER BY a.mentions DESC;
--
-- An entity row is deleted before its foreign-key actions clear the speaker
-- of its quotes, so the quotes it spoke are taken off in BEFORE DELETE, and
-- the speaker change that follows finds no entity and changes nothing.
--
-- suggestions.kind also takes 'link': an existing mention proposed to be
-- linked to an actor whose name or alias it matches.

ALTER TABLE actors ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN quotes INTEGER NOT NULL DEFAULT 0;

UPDATE actors SET
    mentions = (SELECT count(*) FROM entities e WHERE e.actor_id = actors.id),
    quotes   = (SELECT count(*) FROM entities e JOIN quotes q ON q.speaker_id = e.id WHERE e.actor_id = actors.id);

CREATE TRIGGER actor_mention_insert AFTER INSERT ON entities
WHEN new.actor_id IS NOT NULL BEGIN
    UPDATE actors SET mentions = mentions + 1 WHERE id = new.actor_id;
END;

CREATE TRIGGER actor_mention_delete BEFORE DELETE ON entities
WHEN old.actor_id IS NOT NULL BEGIN
    UPDATE actors SET mentions = mentions - 1,
        quotes = quotes - (SELECT count(*) FROM quotes WHERE speaker_id = old.id)
    WHERE id = old.actor_id;
END;

CREATE TRIGGER actor_mention_relink AFTER UPDATE OF actor_id ON entities
WHEN old.actor_id IS NOT new.actor_id BEGIN
    UPDATE actors SET mentions = mentions - 1,
        quotes = quotes - (SELECT count(*) FROM quotes WHERE speaker_id = old.id)
    WHERE id = old.actor_id;
    UPDATE actors SET mentions = mentions + 1,
        quotes = quotes + (SELECT count(*) FROM quotes WHERE speaker_id = new.id)
    WHERE id = new.actor_id;
END;

CREATE TRIGGER actor_quote_insert AFTER INSERT ON quotes
WHEN new.speaker_id IS NOT NULL BEGIN
    UPDATE actors SET quotes = quotes + 1
    WHERE id = (SELECT actor_id FROM entities WHERE id = new.speaker_id);
END;

CREATE TRIGGER actor_quote_delete AFTER DELETE ON quotes
WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE actors SET quotes = quotes - 1
    WHERE id = (SELECT actor_id FROM entities WHERE id = old.speaker_id);
END;

CREATE TRIGGER actor_quote_speaker AFTER UPDATE OF speaker_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE actors SET quotes = quotes - 1
    WHERE id = (SELECT actor_id FROM entities WHERE id = old.speaker_id);
    UPDATE actors SET quotes = quotes + 1
    WHERE id = (SELECT actor_id FROM entities WHERE id = new.speaker_id);
END;

CREATE TABLE suggestions_new (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('entity', 'quote', 'link')),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    created     TEXT    NOT NULL,
    PRIMARY KEY (document_id, key)
);
INSERT INTO suggestions_new SELECT document_id, key, kind, start, end, reason, data, created FROM suggestions;
DROP TABLE suggestions;
ALTER TABLE suggestions_new RENAME TO suggestions;
