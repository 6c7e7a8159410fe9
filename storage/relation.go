package storage

import (
	"context"

	"byline/annotate"
)

// CreateRelation validates and stores r: both ends must be distinct entities
// of one document and the schema must allow the type between their labels.
// An empty DocumentID is taken from the head. EINVALID, ECONFLICT (the same
// relation exists).
func (db *DB) CreateRelation(ctx context.Context, r *annotate.Relation) error {
	const op = "save the relation"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	saved := *r
	saved.ID = 0
	if saved.DocumentID == 0 {
		head, err := loadEntity(ctx, tx, saved.HeadID)
		if err != nil {
			return db.fail(op, err)
		}
		saved.DocumentID = head.DocumentID
	}
	ents, err := entitiesByID(ctx, tx, saved.DocumentID, saved.HeadID, saved.TailID)
	if err != nil {
		return db.fail(op, err)
	}
	schema, err := loadSchema(ctx, tx)
	if err != nil {
		return db.fail(op, err)
	}
	if err := annotate.ValidateRelation(schema, &saved, ents, true); err != nil {
		return err
	}
	var dup int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM relations WHERE head_id = ? AND tail_id = ? AND type = ?`,
		saved.HeadID, saved.TailID, saved.Type).Scan(&dup); err != nil {
		return db.fail(op, err)
	}
	if dup > 0 {
		return annotate.Errorf(annotate.ECONFLICT, "this %s relation already exists", saved.Type)
	}
	saved.Annotator = db.annotatorOr(r.Annotator)
	saved.Created, saved.Updated = tx.now, tx.now
	if err := insertRelation(ctx, tx, &saved); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, saved.DocumentID, annotate.ActionCreateRelation, annotate.RelationSummary(&saved, ents),
		nil, &snapshot{Relation: relationSnap(&saved)}); err != nil {
		return db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return err
	}
	*r = saved
	return nil
}

// UpdateRelation changes a relation's type (checked against the schema),
// direction or note. EINVALID, ENOTFOUND.
func (db *DB) UpdateRelation(ctx context.Context, id int64, upd annotate.RelationUpdate) (*annotate.Relation, error) {
	const op = "change the relation"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := loadRelation(ctx, tx, id)
	if err != nil {
		return nil, db.fail(op, err)
	}
	r := *old
	upd.Apply(&r)
	ents, err := entitiesByID(ctx, tx, r.DocumentID, r.HeadID, r.TailID)
	if err != nil {
		return nil, db.fail(op, err)
	}
	schema, err := loadSchema(ctx, tx)
	if err != nil {
		return nil, db.fail(op, err)
	}
	if err := annotate.ValidateRelation(schema, &r, ents, r.Type != old.Type); err != nil {
		return nil, err
	}
	if r == *old {
		return &r, nil
	}
	r.Annotator = db.Annotator()
	r.Updated = tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE relations SET type = ?, head_id = ?, tail_id = ?, note = ?, annotator = ?, updated = ?
		WHERE id = ?`, r.Type, r.HeadID, r.TailID, r.Note, r.Annotator, annotate.FormatTime(r.Updated), id); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.record(ctx, r.DocumentID, annotate.ActionUpdateRelation, annotate.RelationSummary(&r, ents),
		&snapshot{Relation: relationSnap(old)}, &snapshot{Relation: relationSnap(&r)}); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return &r, nil
}

// DeleteRelation removes a relation. ENOTFOUND.
func (db *DB) DeleteRelation(ctx context.Context, id int64) error {
	const op = "delete the relation"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, err := loadRelation(ctx, tx, id)
	if err != nil {
		return db.fail(op, err)
	}
	ents, err := entitiesByID(ctx, tx, r.DocumentID, r.HeadID, r.TailID)
	if err != nil {
		return db.fail(op, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, id); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, r.DocumentID, annotate.ActionDeleteRelation, annotate.RelationSummary(r, ents),
		&snapshot{Relation: relationSnap(r)}, nil); err != nil {
		return db.fail(op, err)
	}
	return tx.commit(op)
}
