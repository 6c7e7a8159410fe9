package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"byline/annotate"
)

// SaveSuggestions replaces the document's stored suggestions. ENOTFOUND.
func (db *DB) SaveSuggestions(ctx context.Context, docID int64, list []annotate.Suggestion) error {
	const op = "save the suggestions"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.textIndex(ctx, docID); err != nil {
		return db.fail(op, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM suggestions WHERE document_id = ?`, docID); err != nil {
		return db.fail(op, err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO suggestions(document_id, key, kind, start, end, reason, data, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return db.fail(op, err)
	}
	defer stmt.Close()
	for i := range list {
		s := &list[i]
		data, err := json.Marshal(s)
		if err != nil {
			return db.fail(op, err)
		}
		if _, err := stmt.ExecContext(ctx, docID, s.Key(), string(s.Kind), s.Start(), s.End(), s.Reason, string(data), tx.nowText()); err != nil {
			return db.fail(op, err)
		}
	}
	return tx.commit(op)
}

// Suggestions returns the document's stored suggestions in text order.
func (db *DB) Suggestions(ctx context.Context, docID int64) ([]annotate.Suggestion, error) {
	const op = "read the suggestions"
	rows, err := db.rdb.QueryContext(ctx, `SELECT data FROM suggestions WHERE document_id = ?
		ORDER BY start, kind DESC, end DESC, key`, docID)
	if err != nil {
		return nil, db.fail(op, err)
	}
	defer rows.Close()
	var out []annotate.Suggestion
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, db.fail(op, err)
		}
		var s annotate.Suggestion
		if err := json.Unmarshal([]byte(data), &s); err != nil {
			return nil, db.fail(op, err)
		}
		out = append(out, s)
	}
	return out, db.fail(op, rows.Err())
}

// Rejections returns the keys rejected in the document.
func (db *DB) Rejections(ctx context.Context, docID int64) (map[string]bool, error) {
	const op = "read the rejected suggestions"
	rows, err := db.rdb.QueryContext(ctx, `SELECT key FROM suggestion_rejections WHERE document_id = ?`, docID)
	if err != nil {
		return nil, db.fail(op, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, db.fail(op, err)
		}
		out[k] = true
	}
	return out, db.fail(op, rows.Err())
}

// EntityNames counts the marked entity texts per label across the corpus.
func (db *DB) EntityNames(ctx context.Context) ([]annotate.NameCount, error) {
	const op = "count the marked names"
	rows, err := db.rdb.QueryContext(ctx, `SELECT text, label, count(*) FROM entities GROUP BY text, label ORDER BY text, label`)
	if err != nil {
		return nil, db.fail(op, err)
	}
	defer rows.Close()
	var out []annotate.NameCount
	for rows.Next() {
		var n annotate.NameCount
		if err := rows.Scan(&n.Text, &n.Label, &n.Count); err != nil {
			return nil, db.fail(op, err)
		}
		out = append(out, n)
	}
	return out, db.fail(op, rows.Err())
}

// NamesRevision sums the last ids handed out to entities and actors
// (AUTOINCREMENT never hands one out twice), the last event that can
// change a name, an actor or a link, and the count of undos and redos of
// such events: the sum only grows. The event is found from the newest
// back, past the annotate.NamesKeepingActions.
func (db *DB) NamesRevision(ctx context.Context) (int64, error) {
	var rev int64
	err := db.rdb.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT sum(seq) FROM sqlite_sequence WHERE name IN ('entities', 'actors')), 0) +
		COALESCE((SELECT id FROM events WHERE action NOT IN (`+namesKeepingActions+`) ORDER BY id DESC LIMIT 1), 0) +
		COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '`+namesStepsKey+`'), 0)`).Scan(&rev)
	return rev, db.fail("read the revision of the marked names", err)
}

// namesKeepingActions lists annotate.NamesKeepingActions for SQL.
var namesKeepingActions = `'` + strings.Join(annotate.NamesKeepingActions, `', '`) + `'`

// namesStepsKey is the setting counting the undos and redos that can
// change names or actors: they mark an event undone or not and add none.
const namesStepsKey = "names_steps"

// countNamesStep counts an undo or redo of action for NamesRevision.
func (tx *Tx) countNamesStep(ctx context.Context, action string) error {
	if annotate.KeepsNames(action) {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, 1)
		ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`, namesStepsKey)
	return err
}

// AcceptSuggestion stores a suggestion as annotations (the entity, or the
// quote with a new speaker span) in one transaction and one undoable event.
// EINVALID, ECONFLICT, ENOTFOUND.
func (db *DB) AcceptSuggestion(ctx context.Context, docID int64, s *annotate.Suggestion, annotator string) (*annotate.Accepted, error) {
	out, err := db.acceptSuggestions(ctx, docID, []annotate.Suggestion{*s}, annotator, "accept_suggestion", false)
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

// AcceptSuggestions accepts the list in order in one transaction and one
// undoable event, skipping the ones an earlier one made redundant or that
// no longer fit. ENOTFOUND.
func (db *DB) AcceptSuggestions(ctx context.Context, docID int64, list []annotate.Suggestion, annotator string) ([]annotate.Accepted, error) {
	return db.acceptSuggestions(ctx, docID, list, annotator, "accept_suggestions", true)
}

// acceptSuggestions is both accepts: each suggestion is stored by
// acceptOne; with skip, one that fails with annotate.SkipsAccept is rolled
// back to its savepoint and passed over, else any error ends the whole.
func (db *DB) acceptSuggestions(ctx context.Context, docID int64, list []annotate.Suggestion, annotator, action string, skip bool) ([]annotate.Accepted, error) {
	op := "accept the suggestion"
	if skip {
		op = "accept the suggestions"
	}
	tx, x, schema, err := db.beginOnText(ctx, op, docID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	who := db.annotatorOr(annotator)
	before, after := &snapshot{}, &snapshot{}
	var out []annotate.Accepted
	var accepted []*annotate.Suggestion
	for i := range list {
		s := &list[i]
		if _, err := tx.ExecContext(ctx, `SAVEPOINT accept_one`); err != nil {
			return nil, db.fail(op, err)
		}
		b, a := *before, *after
		got, err := tx.acceptOne(ctx, docID, x, schema, s, who, before, after)
		if skip && annotate.SkipsAccept(err) {
			// Undo what the failed accept wrote before it failed.
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO accept_one`); err != nil {
				return nil, db.fail(op, err)
			}
			*before, *after = b, a
			continue
		}
		if err != nil {
			return nil, db.fail(op, err)
		}
		if _, err := tx.ExecContext(ctx, `RELEASE accept_one`); err != nil {
			return nil, db.fail(op, err)
		}
		out = append(out, *got)
		accepted = append(accepted, s)
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := tx.record(ctx, docID, action, annotate.AcceptedSummary(accepted), before, after); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return out, nil
}

// acceptOne stores one suggestion's annotations and drops the stored
// suggestions it uses up, adding to before and after what undo and redo
// move: the new entities and quotes, the links made and those suggestions.
func (tx *Tx) acceptOne(ctx context.Context, docID int64, x *annotate.TextIndex, schema *annotate.Schema,
	s *annotate.Suggestion, who string, before, after *snapshot) (*annotate.Accepted, error) {
	plan, err := annotate.PlanAccept(x, schema, docID, s, func(id int64) (*annotate.Actor, error) { return loadActor(ctx, tx, id) })
	if err != nil {
		return nil, err
	}
	out := &annotate.Accepted{}
	if l := plan.Link; l != nil {
		e, err := tx.linkPlanned(ctx, docID, l)
		if err != nil {
			return nil, err
		}
		before.Links = append(before.Links, linkJSON{Entity: e.ID})
		after.Links = append(after.Links, linkJSON{Entity: e.ID, Actor: l.ActorID})
		out.Entity = e
	}
	if e := plan.Entity; e != nil {
		id, err := entityWithSpan(ctx, tx, docID, e.Start, e.End, e.Label)
		if err != nil {
			return nil, err
		}
		switch {
		case id != 0 && plan.Quote == nil:
			return nil, annotate.Errorf(annotate.ECONFLICT, "%s %q is already marked there", e.Label, e.Text)
		case id != 0:
			plan.Quote.SpeakerID = id
		default:
			e.Annotator, e.Created, e.Updated = who, tx.now, tx.now
			if err := insertEntity(ctx, tx, e); err != nil {
				return nil, err
			}
			after.Entities = append(after.Entities, *entitySnap(e))
			out.Entity = e
			if plan.Quote != nil {
				plan.Quote.SpeakerID = e.ID
			}
		}
	}
	if q := plan.Quote; q != nil {
		if err := tx.checkQuote(ctx, q); err != nil {
			return nil, err
		}
		q.Annotator, q.Created, q.Updated = who, tx.now, tx.now
		if err := insertQuote(ctx, tx, q); err != nil {
			return nil, err
		}
		after.Quotes = append(after.Quotes, *quoteSnap(q))
		out.Quote = q
	}
	if err := tx.useUpSuggestions(ctx, docID, s, before); err != nil {
		return nil, err
	}
	return out, nil
}

// useUpSuggestions drops the stored suggestions that accepting s uses up
// (s itself, or a name proposed for its span with another label), adding
// them to before so that undo puts them back.
func (tx *Tx) useUpSuggestions(ctx context.Context, docID int64, s *annotate.Suggestion, before *snapshot) error {
	from, to := s.UsedUpKeys()
	stored, err := tx.storedSuggestions(ctx, docID, from, to)
	if err != nil {
		return err
	}
	used := slices.DeleteFunc(stored, func(kept storedSuggestionJSON) bool { return !s.UsesUp(&kept.Suggestion) })
	if err := tx.moveSuggestions(ctx, docID, used, nil); err != nil {
		return err
	}
	before.Suggestions = append(before.Suggestions, used...)
	return nil
}

// storedSuggestions reads the document's stored suggestions whose keys lie
// in [from, to), with the time each was stored.
func (tx *Tx) storedSuggestions(ctx context.Context, docID int64, from, to string) ([]storedSuggestionJSON, error) {
	rows, err := tx.QueryContext(ctx, `SELECT data, created FROM suggestions WHERE document_id = ? AND key >= ? AND key < ?`,
		docID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedSuggestionJSON
	for rows.Next() {
		var data string
		var stored storedSuggestionJSON
		if err := rows.Scan(&data, &stored.Created); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &stored.Suggestion); err != nil {
			return nil, err
		}
		out = append(out, stored)
	}
	return out, rows.Err()
}

// linkPlanned links the existing mention of a link suggestion to its actor.
// ENOTFOUND when either is gone, ECONFLICT when the mention is linked
// already.
func (tx *Tx) linkPlanned(ctx context.Context, docID int64, l *annotate.PlannedLink) (*annotate.Entity, error) {
	e, err := loadEntity(ctx, tx, l.EntityID)
	if err != nil {
		return nil, err
	}
	if e.DocumentID != docID {
		return nil, annotate.Errorf(annotate.EINVALID, "%s belongs to another document", annotate.EntitySummary(e))
	}
	a, err := loadActor(ctx, tx, l.ActorID)
	if err != nil {
		return nil, err
	}
	if e.ActorID != 0 {
		return nil, annotate.Errorf(annotate.ECONFLICT, "%s is linked to an actor already", annotate.EntitySummary(e))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE entities SET actor_id = ? WHERE id = ?`, a.ID, e.ID); err != nil {
		return nil, err
	}
	e.ActorID = a.ID
	return e, nil
}

// entityWithSpan returns the id of the document's entity with exactly that
// span and label, 0 when there is none.
func entityWithSpan(ctx context.Context, q queryer, docID int64, start, end int, label string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM entities WHERE document_id = ? AND start = ? AND end = ? AND label = ? LIMIT 1`,
		docID, start, end, label).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
