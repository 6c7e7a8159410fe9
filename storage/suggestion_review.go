package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"byline/annotate"
)

// rejectionJSON is a rejected suggestion in an event: its key, who rejected
// it and when, and the stored suggestion the rejection dropped (nil when it
// was computed in the window and never stored), so undo can put it back.
type rejectionJSON struct {
	Key        string               `json:"key"`
	Annotator  string               `json:"annotator"`
	At         string               `json:"at"`
	Suggestion *annotate.Suggestion `json:"suggestion,omitempty"`
	Created    string               `json:"created,omitempty"` // the stored suggestion's
}

// RejectSuggestion remembers the rejected key and drops the stored
// suggestion, as one undoable event (action "reject_suggestion"). Rejecting
// a key already rejected changes nothing. ENOTFOUND.
func (db *DB) RejectSuggestion(ctx context.Context, docID int64, key string) error {
	const op = "reject the suggestion"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	x, err := tx.textIndex(ctx, docID)
	if err != nil {
		return db.fail(op, err)
	}
	var rejected int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM suggestion_rejections WHERE document_id = ? AND key = ?`,
		docID, key).Scan(&rejected); err != nil {
		return db.fail(op, err)
	}
	rej := &rejectionJSON{Key: key, Annotator: db.Annotator(), At: tx.nowText()}
	var data string
	err = tx.QueryRowContext(ctx, `SELECT data, created FROM suggestions WHERE document_id = ? AND key = ?`,
		docID, key).Scan(&data, &rej.Created)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if rejected > 0 {
			return nil
		}
	case err != nil:
		return db.fail(op, err)
	default:
		rej.Suggestion = &annotate.Suggestion{}
		if err := json.Unmarshal([]byte(data), rej.Suggestion); err != nil {
			return db.fail(op, err)
		}
	}
	if err := tx.moveRejection(ctx, docID, nil, rej); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, docID, annotate.ActionRejectSuggestion, annotate.RejectionSummary(x, key, rej.Suggestion),
		nil, &snapshot{Rejection: rej}); err != nil {
		return db.fail(op, err)
	}
	return tx.commit(op)
}

// moveRejection makes a rejection (to) or takes one back (from), for
// RejectSuggestion, undo and redo; taking one back restores the stored
// suggestion it dropped.
func (tx *Tx) moveRejection(ctx context.Context, docID int64, from, to *rejectionJSON) error {
	switch {
	case to != nil && from == nil:
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO suggestion_rejections(document_id, key, annotator, at)
			VALUES (?, ?, ?, ?)`, docID, to.Key, to.Annotator, to.At); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM suggestions WHERE document_id = ? AND key = ?`, docID, to.Key)
		return err
	case from != nil && to == nil:
		if _, err := tx.ExecContext(ctx, `DELETE FROM suggestion_rejections WHERE document_id = ? AND key = ?`,
			docID, from.Key); err != nil {
			return err
		}
		if from.Suggestion == nil {
			return nil
		}
		return tx.restoreSuggestion(ctx, docID, from.Suggestion, from.Created)
	}
	return nil
}

// storedSuggestionJSON is a stored suggestion an accept dropped, in an
// event, so undo can put it back as it was.
type storedSuggestionJSON struct {
	Suggestion annotate.Suggestion `json:"suggestion"`
	Created    string              `json:"created"`
}

// moveSuggestions drops the stored suggestions of from that to lacks and
// restores those of to that from lacks: what accepting them changed.
func (tx *Tx) moveSuggestions(ctx context.Context, docID int64, from, to []storedSuggestionJSON) error {
	if len(from) > 0 && len(to) == 0 {
		for i := range from {
			if _, err := tx.ExecContext(ctx, `DELETE FROM suggestions WHERE document_id = ? AND key = ?`,
				docID, from[i].Suggestion.Key()); err != nil {
				return err
			}
		}
	}
	if len(to) > 0 && len(from) == 0 {
		for i := range to {
			if err := tx.restoreSuggestion(ctx, docID, &to[i].Suggestion, to[i].Created); err != nil {
				return err
			}
		}
	}
	return nil
}

// restoreSuggestion stores a suggestion again with its original time.
func (tx *Tx) restoreSuggestion(ctx context.Context, docID int64, s *annotate.Suggestion, created string) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO suggestions(document_id, key, kind, start, end, reason, data, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, docID, s.Key(), string(s.Kind), s.Start(), s.End(), s.Reason, string(data), created)
	return err
}

// CreateEntities stores entities of one document in one transaction and one
// undoable event; a span already marked with its label is left out.
// EINVALID, ENOTFOUND.
func (db *DB) CreateEntities(ctx context.Context, docID int64, list []annotate.Entity) ([]annotate.Entity, error) {
	const op = "save the entities"
	tx, x, schema, err := db.beginOnText(ctx, op, docID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var out []annotate.Entity
	after := &snapshot{}
	for _, e := range list {
		e.DocumentID = docID
		if err := annotate.ValidateEntity(x, schema, &e); err != nil {
			return nil, err
		}
		id, err := entityWithSpan(ctx, tx, docID, e.Start, e.End, e.Label)
		if err != nil {
			return nil, db.fail(op, err)
		}
		if id != 0 {
			continue
		}
		e.ID = 0
		e.Text = x.Slice(e.Start, e.End)
		e.Annotator = db.annotatorOr(e.Annotator)
		e.Created, e.Updated = tx.now, tx.now
		if err := insertEntity(ctx, tx, &e); err != nil {
			return nil, db.fail(op, err)
		}
		out = append(out, e)
		after.Entities = append(after.Entities, *entitySnap(&e))
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := tx.record(ctx, docID, annotate.ActionCreateEntities, annotate.EntitiesSummary(out), nil, after); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return out, nil
}

// beginOnText starts a write transaction with what validating a document's
// new annotations needs: its text and the schema. On error nothing is left
// open.
func (db *DB) beginOnText(ctx context.Context, op string, docID int64) (*Tx, *annotate.TextIndex, *annotate.Schema, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	x, err := tx.textIndex(ctx, docID)
	if err != nil {
		tx.Rollback()
		return nil, nil, nil, db.fail(op, err)
	}
	schema, err := loadSchema(ctx, tx)
	if err != nil {
		tx.Rollback()
		return nil, nil, nil, db.fail(op, err)
	}
	return tx, x, schema, nil
}
