package storage

import (
	"context"
	"strings"

	"byline/annotate"
)

// Schema returns the database's annotation schema.
func (db *DB) Schema(ctx context.Context) (*annotate.Schema, error) {
	s, err := loadSchema(ctx, db.rdb)
	if err != nil {
		return nil, db.fail("read the schema", err)
	}
	return s, nil
}

// SaveSchema replaces the schema. Dropping a label or relation type that
// annotations still use is refused (ECONFLICT, with the counts); EINVALID
// when the schema itself is not valid.
func (db *DB) SaveSchema(ctx context.Context, s *annotate.Schema) error {
	const op = "save the schema"
	if err := s.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := loadSchema(ctx, tx)
	if err != nil {
		return db.fail(op, err)
	}
	countOf := func(query string) func(string) (int, error) {
		return func(name string) (int, error) { return count(ctx, tx, query, name) }
	}
	removed, err := annotate.CheckSchemaReplace(old, s,
		countOf(`SELECT count(*) FROM entities WHERE label = ?`), countOf(`SELECT count(*) FROM relations WHERE type = ?`))
	if err != nil {
		return db.fail(op, err)
	}
	if err := storeSchema(ctx, tx, s); err != nil {
		return db.fail(op, err)
	}
	// Undo must not bring back an annotation with a label now gone.
	if removed {
		if err := raiseHistoryFloor(ctx, tx); err != nil {
			return db.fail(op, err)
		}
	}
	if err := tx.record(ctx, 0, annotate.ActionSaveSchema, s.String(), nil, nil); err != nil {
		return db.fail(op, err)
	}
	return tx.commit(op)
}

func count(ctx context.Context, q queryer, query string, args ...any) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// RenameLabel renames an entity label in the schema and on every entity, in
// one transaction. ENOTFOUND (no such label), ECONFLICT (the new name is
// taken), EINVALID (not a valid name).
func (db *DB) RenameLabel(ctx context.Context, from, to string) error {
	return db.rename(ctx, "rename the label", from, to, (*annotate.Schema).RenameLabel,
		`UPDATE entities SET label = ? WHERE label = ?`)
}

// RenameRelationType renames a relation type in the schema and on every
// relation, in one transaction.
func (db *DB) RenameRelationType(ctx context.Context, from, to string) error {
	return db.rename(ctx, "rename the relation type", from, to, (*annotate.Schema).RenameRelationType,
		`UPDATE relations SET type = ? WHERE type = ?`)
}

// rename edits the schema with edit, runs update (to, from) and raises the
// undo floor: older events name the old label.
func (db *DB) rename(ctx context.Context, op, from, to string, edit func(s *annotate.Schema, from, to string) error, update string) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := loadSchema(ctx, tx)
	if err != nil {
		return db.fail(op, err)
	}
	if err := edit(s, from, to); err != nil {
		return err
	}
	if err := storeSchema(ctx, tx, s); err != nil {
		return db.fail(op, err)
	}
	if _, err := tx.ExecContext(ctx, update, to, from); err != nil {
		return db.fail(op, err)
	}
	if err := raiseHistoryFloor(ctx, tx); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, 0, strings.ReplaceAll(op, " the ", "_"), annotate.ChangeSummary(from, to), nil, nil); err != nil {
		return db.fail(op, err)
	}
	return tx.commit(op)
}

// LabelUsage counts the entities with a label.
func (db *DB) LabelUsage(ctx context.Context, name string) (int, error) {
	n, err := count(ctx, db.rdb, `SELECT count(*) FROM entities WHERE label = ?`, name)
	if err != nil {
		return 0, db.fail("count the label's entities", err)
	}
	return n, nil
}

// DeleteLabel removes a label from the schema (and from the relation types
// naming it) and deletes every entity that has it, with their relations and
// speaker links. It returns how many entities went.
func (db *DB) DeleteLabel(ctx context.Context, name string) (int, error) {
	const op = "delete the label"
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	s, err := loadSchema(ctx, tx)
	if err != nil {
		return 0, db.fail(op, err)
	}
	s.DropLabel(name)
	if err := storeSchema(ctx, tx, s); err != nil {
		return 0, db.fail(op, err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE label = ?`, name)
	if err != nil {
		return 0, db.fail(op, err)
	}
	n, _ := res.RowsAffected()
	if err := raiseHistoryFloor(ctx, tx); err != nil {
		return 0, db.fail(op, err)
	}
	if err := tx.record(ctx, 0, annotate.ActionDeleteLabel, annotate.LabelDeleteSummary(name, int(n)), nil, nil); err != nil {
		return 0, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return 0, err
	}
	return int(n), nil
}

// Stats counts documents and annotations.
func (db *DB) Stats(ctx context.Context) (*annotate.Stats, error) {
	const op = "count annotations"
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st := &annotate.Stats{ByLabel: map[string]int{}, ByAnnotator: map[string]int{}, ByRelation: map[string]int{}}
	if st.Progress, err = progress(ctx, tx, db); err != nil {
		return nil, err
	}
	groups := []struct {
		query string
		into  map[string]int
	}{
		{`SELECT label, count(*) FROM entities GROUP BY label`, st.ByLabel},
		{`SELECT type, count(*) FROM relations GROUP BY type`, st.ByRelation},
		{`SELECT annotator, sum(n) FROM (
			SELECT annotator, count(*) AS n FROM entities GROUP BY annotator
			UNION ALL SELECT annotator, count(*) FROM quotes GROUP BY annotator
			UNION ALL SELECT annotator, count(*) FROM relations GROUP BY annotator) GROUP BY annotator`, st.ByAnnotator},
	}
	for _, g := range groups {
		rows, err := tx.QueryContext(ctx, g.query)
		if err != nil {
			return nil, db.fail(op, err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, db.fail(op, err)
			}
			g.into[k] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, db.fail(op, err)
		}
	}
	for _, n := range st.ByLabel {
		st.Entities += n
	}
	for _, n := range st.ByRelation {
		st.Relations += n
	}
	if st.Quotes, err = count(ctx, tx, `SELECT count(*) FROM quotes`); err != nil {
		return nil, db.fail(op, err)
	}
	return st, nil
}
