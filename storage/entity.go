package storage

import (
	"context"
	"database/sql"
	"errors"

	"byline/annotate"
)

// FindAnnotations returns all annotations of a document, each list in its
// canonical order. ENOTFOUND.
func (db *DB) FindAnnotations(ctx context.Context, docID int64) (*annotate.Annotations, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, docID).Scan(&one); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", docID)
		}
		return nil, db.fail("read annotations", err)
	}
	a, err := findAnnotations(ctx, tx, docID)
	if err != nil {
		return nil, db.fail("read annotations", err)
	}
	return a, nil
}

func findAnnotations(ctx context.Context, q queryer, docID int64) (*annotate.Annotations, error) {
	a := &annotate.Annotations{Entities: []annotate.Entity{}, Quotes: []annotate.Quote{}, Relations: []annotate.Relation{}}
	rows, err := q.QueryContext(ctx, `SELECT `+entityColumns+` FROM entities WHERE document_id = ?
		ORDER BY start, end DESC, label, id`, docID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var e annotate.Entity
		if err := scanEntity(rows, &e); err != nil {
			rows.Close()
			return nil, err
		}
		a.Entities = append(a.Entities, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT `+quoteColumns+` FROM quotes WHERE document_id = ? ORDER BY id`, docID)
	if err != nil {
		return nil, err
	}
	index := map[int64]int{}
	for rows.Next() {
		var qt annotate.Quote
		if err := scanQuote(rows, &qt); err != nil {
			rows.Close()
			return nil, err
		}
		index[qt.ID] = len(a.Quotes)
		a.Quotes = append(a.Quotes, qt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(a.Quotes) > 0 {
		rows, err = q.QueryContext(ctx, `SELECT s.quote_id, s.start, s.end, s.text FROM quote_segments s
			JOIN quotes q ON q.id = s.quote_id WHERE q.document_id = ? ORDER BY s.quote_id, s.start`, docID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var s annotate.Segment
			if err := rows.Scan(&id, &s.Start, &s.End, &s.Text); err != nil {
				rows.Close()
				return nil, err
			}
			qt := &a.Quotes[index[id]]
			qt.Content = append(qt.Content, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}

	rows, err = q.QueryContext(ctx, `SELECT `+relationColumns+` FROM relations WHERE document_id = ? ORDER BY id`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r annotate.Relation
		if err := scanRelation(rows, &r); err != nil {
			return nil, err
		}
		a.Relations = append(a.Relations, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := linkActors(ctx, q, docID, a); err != nil {
		return nil, err
	}
	a.Sort()
	return a, nil
}

// CreateEntity validates and stores e, filling ID, Text, Annotator and
// times. EINVALID, ENOTFOUND, ECONFLICT (the same span with the same label
// exists).
func (db *DB) CreateEntity(ctx context.Context, e *annotate.Entity) error {
	const op = "save the entity"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	x, err := tx.textIndex(ctx, e.DocumentID)
	if err != nil {
		return db.fail(op, err)
	}
	schema, err := loadSchema(ctx, tx)
	if err != nil {
		return db.fail(op, err)
	}
	if err := annotate.ValidateEntity(x, schema, e); err != nil {
		return err
	}
	var dup int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM entities WHERE document_id = ? AND start = ? AND end = ? AND label = ?`,
		e.DocumentID, e.Start, e.End, e.Label).Scan(&dup)
	if err != nil {
		return db.fail(op, err)
	}
	if dup > 0 {
		return annotate.Errorf(annotate.ECONFLICT, "%s %q is already marked there", e.Label, x.Slice(e.Start, e.End))
	}
	saved := *e
	saved.ID = 0
	saved.Text = x.Slice(e.Start, e.End)
	saved.Annotator = db.annotatorOr(e.Annotator)
	saved.Created, saved.Updated = tx.now, tx.now
	if err := insertEntity(ctx, tx, &saved); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, saved.DocumentID, annotate.ActionCreateEntity, annotate.EntitySummary(&saved),
		nil, &snapshot{Entity: entitySnap(&saved)}); err != nil {
		return db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return err
	}
	*e = saved
	return nil
}

// UpdateEntity changes an entity's label or note. EINVALID, ENOTFOUND.
func (db *DB) UpdateEntity(ctx context.Context, id int64, upd annotate.EntityUpdate) (*annotate.Entity, error) {
	const op = "change the entity"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := loadEntity(ctx, tx, id)
	if err != nil {
		return nil, db.fail(op, err)
	}
	e := *old
	var schema *annotate.Schema // only a new label needs it
	if upd.Label != nil {
		if schema, err = loadSchema(ctx, tx); err != nil {
			return nil, db.fail(op, err)
		}
	}
	if err := upd.Apply(&e, schema); err != nil {
		return nil, err
	}
	if e.Label == old.Label && e.Note == old.Note {
		return &e, nil
	}
	e.Annotator = db.Annotator()
	e.Updated = tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE entities SET label = ?, note = ?, annotator = ?, updated = ? WHERE id = ?`,
		e.Label, e.Note, e.Annotator, annotate.FormatTime(e.Updated), id); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.record(ctx, e.DocumentID, annotate.ActionUpdateEntity, annotate.EntityUpdateSummary(old, &e),
		&snapshot{Entity: entitySnap(old)}, &snapshot{Entity: entitySnap(&e)}); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return &e, nil
}

// DeleteEntity removes the span, the relations that use it and its speaker
// links, in one transaction that undo restores whole. ENOTFOUND.
func (db *DB) DeleteEntity(ctx context.Context, id int64) (annotate.DeleteResult, error) {
	const op = "delete the entity"
	var res annotate.DeleteResult
	tx, err := db.begin(ctx)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	e, err := loadEntity(ctx, tx, id)
	if err != nil {
		return res, db.fail(op, err)
	}
	rels, err := relationsOf(ctx, tx, id)
	if err != nil {
		return res, db.fail(op, err)
	}
	speakerOf, err := int64s(ctx, tx, `SELECT id FROM quotes WHERE speaker_id = ? ORDER BY id`, id)
	if err != nil {
		return res, db.fail(op, err)
	}
	// The foreign keys do the rest: relations cascade, speaker links clear.
	if _, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE id = ?`, id); err != nil {
		return res, db.fail(op, err)
	}
	before := &snapshot{Entity: entitySnap(e), SpeakerOf: speakerOf}
	for i := range rels {
		before.Relations = append(before.Relations, *relationSnap(&rels[i]))
	}
	res = annotate.DeleteResult{Entities: 1, Relations: len(rels), Speakers: len(speakerOf)}
	if err := tx.record(ctx, e.DocumentID, annotate.ActionDeleteEntity, annotate.EntityDeleteSummary(e, res), before, nil); err != nil {
		return annotate.DeleteResult{}, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return annotate.DeleteResult{}, err
	}
	return res, nil
}

// entitiesByID loads the entities with the given ids that belong to docID.
func entitiesByID(ctx context.Context, q queryer, docID int64, ids ...int64) (map[int64]*annotate.Entity, error) {
	m := map[int64]*annotate.Entity{}
	for _, id := range ids {
		if id == 0 {
			continue
		}
		e, err := loadEntity(ctx, q, id)
		if annotate.ErrorCode(err) == annotate.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		if e.DocumentID == docID {
			m[id] = e
		}
	}
	return m, nil
}
