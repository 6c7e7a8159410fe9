-- 0003_suggestions: suggestions kept for review, and the rejected ones.
--
-- suggestions            proposals computed headless (byline suggest) for the
--                        analyst to review in the window: one row per
--                        proposal, keyed per document by the suggestion's key
--                        ("q:40:75" for a quote, "e:0:13:PERSON" for an
--                        entity); data is the whole suggestion as JSON (its
--                        content, cue, speaker and reason). Never exported or
--                        counted as annotations.
-- suggestion_rejections  keys the analyst rejected in a document; they are not
--                        proposed there again.

CREATE TABLE suggestions (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('entity', 'quote')),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    created     TEXT    NOT NULL,
    PRIMARY KEY (document_id, key)
);

CREATE TABLE suggestion_rejections (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    annotator   TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    PRIMARY KEY (document_id, key)
);
