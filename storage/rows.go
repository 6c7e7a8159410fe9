package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"byline/annotate"
)

// queryer is what *sql.Tx and *sql.DB have in common.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func parseTime(s string) time.Time {
	t, _ := annotate.ParseTime(s)
	return t
}

const entityColumns = `id, document_id, start, end, label, text, annotator, note, created, updated, actor_id`

func scanEntity(sc interface{ Scan(...any) error }, e *annotate.Entity) error {
	var created, updated string
	var actor sql.NullInt64
	if err := sc.Scan(&e.ID, &e.DocumentID, &e.Start, &e.End, &e.Label, &e.Text,
		&e.Annotator, &e.Note, &created, &updated, &actor); err != nil {
		return err
	}
	e.Created, e.Updated, e.ActorID = parseTime(created), parseTime(updated), actor.Int64
	return nil
}

func loadEntity(ctx context.Context, q queryer, id int64) (*annotate.Entity, error) {
	var e annotate.Entity
	err := scanEntity(q.QueryRowContext(ctx, `SELECT `+entityColumns+` FROM entities WHERE id = ?`, id), &e)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "entity %d does not exist (it may have been deleted)", id)
	}
	return &e, err
}

// insertEntity stores e; e.ID 0 gets a new id, any other keeps it (undo).
func insertEntity(ctx context.Context, q queryer, e *annotate.Entity) error {
	var id any
	if e.ID != 0 {
		id = e.ID
	}
	res, err := q.ExecContext(ctx, `INSERT INTO entities(`+entityColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, e.DocumentID, e.Start, e.End, e.Label, e.Text, e.Annotator, e.Note,
		annotate.FormatTime(e.Created), annotate.FormatTime(e.Updated), nullID(e.ActorID))
	if err != nil {
		return err
	}
	e.ID, err = res.LastInsertId()
	return err
}

const quoteColumns = `id, document_id, kind, speaker_id, cue_start, cue_end, cue_text, annotator, note, created, updated`

func scanQuote(sc interface{ Scan(...any) error }, q *annotate.Quote) error {
	var speaker, cueStart, cueEnd sql.NullInt64
	var cueText sql.NullString
	var created, updated string
	if err := sc.Scan(&q.ID, &q.DocumentID, &q.Kind, &speaker, &cueStart, &cueEnd, &cueText,
		&q.Annotator, &q.Note, &created, &updated); err != nil {
		return err
	}
	q.SpeakerID = speaker.Int64
	if cueStart.Valid {
		q.Cue = &annotate.Segment{Start: int(cueStart.Int64), End: int(cueEnd.Int64), Text: cueText.String}
	}
	q.Created, q.Updated = parseTime(created), parseTime(updated)
	return nil
}

func loadQuote(ctx context.Context, tx queryer, id int64) (*annotate.Quote, error) {
	var q annotate.Quote
	err := scanQuote(tx.QueryRowContext(ctx, `SELECT `+quoteColumns+` FROM quotes WHERE id = ?`, id), &q)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "quote %d does not exist (it may have been deleted)", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT start, end, text FROM quote_segments WHERE quote_id = ? ORDER BY start`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s annotate.Segment
		if err := rows.Scan(&s.Start, &s.End, &s.Text); err != nil {
			return nil, err
		}
		q.Content = append(q.Content, s)
	}
	return &q, rows.Err()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertQuote stores q and its segments; q.ID 0 gets a new id.
func insertQuote(ctx context.Context, tx queryer, q *annotate.Quote) error {
	var cueStart, cueEnd, cueText any
	if q.Cue != nil {
		cueStart, cueEnd, cueText = q.Cue.Start, q.Cue.End, q.Cue.Text
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO quotes(`+quoteColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(q.ID), q.DocumentID, string(q.Kind), nullID(q.SpeakerID), cueStart, cueEnd, cueText,
		q.Annotator, q.Note, annotate.FormatTime(q.Created), annotate.FormatTime(q.Updated))
	if err != nil {
		return err
	}
	if q.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return insertSegments(ctx, tx, q.ID, q.Content)
}

func insertSegments(ctx context.Context, tx queryer, quoteID int64, segs []annotate.Segment) error {
	for _, s := range segs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO quote_segments(quote_id, start, end, text) VALUES (?, ?, ?, ?)`,
			quoteID, s.Start, s.End, s.Text); err != nil {
			return err
		}
	}
	return nil
}

// updateQuoteRow writes every field of q over the stored quote.
func updateQuoteRow(ctx context.Context, tx queryer, q *annotate.Quote) error {
	var cueStart, cueEnd, cueText any
	if q.Cue != nil {
		cueStart, cueEnd, cueText = q.Cue.Start, q.Cue.End, q.Cue.Text
	}
	if _, err := tx.ExecContext(ctx, `UPDATE quotes SET kind = ?, speaker_id = ?, cue_start = ?, cue_end = ?, cue_text = ?,
		annotator = ?, note = ?, created = ?, updated = ? WHERE id = ?`,
		string(q.Kind), nullID(q.SpeakerID), cueStart, cueEnd, cueText, q.Annotator, q.Note,
		annotate.FormatTime(q.Created), annotate.FormatTime(q.Updated), q.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM quote_segments WHERE quote_id = ?`, q.ID); err != nil {
		return err
	}
	return insertSegments(ctx, tx, q.ID, q.Content)
}

const relationColumns = `id, document_id, type, head_id, tail_id, annotator, note, created, updated`

func scanRelation(sc interface{ Scan(...any) error }, r *annotate.Relation) error {
	var created, updated string
	if err := sc.Scan(&r.ID, &r.DocumentID, &r.Type, &r.HeadID, &r.TailID, &r.Annotator, &r.Note, &created, &updated); err != nil {
		return err
	}
	r.Created, r.Updated = parseTime(created), parseTime(updated)
	return nil
}

func loadRelation(ctx context.Context, q queryer, id int64) (*annotate.Relation, error) {
	var r annotate.Relation
	err := scanRelation(q.QueryRowContext(ctx, `SELECT `+relationColumns+` FROM relations WHERE id = ?`, id), &r)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "relation %d does not exist (it may have been deleted)", id)
	}
	return &r, err
}

func insertRelation(ctx context.Context, q queryer, r *annotate.Relation) error {
	res, err := q.ExecContext(ctx, `INSERT INTO relations(`+relationColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(r.ID), r.DocumentID, r.Type, r.HeadID, r.TailID, r.Annotator, r.Note,
		annotate.FormatTime(r.Created), annotate.FormatTime(r.Updated))
	if err != nil {
		return err
	}
	r.ID, err = res.LastInsertId()
	return err
}

// relationsOf returns the relations whose head or tail is entity id.
func relationsOf(ctx context.Context, q queryer, id int64) ([]annotate.Relation, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+relationColumns+` FROM relations WHERE head_id = ?
		UNION SELECT `+relationColumns+` FROM relations WHERE tail_id = ? ORDER BY id`, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []annotate.Relation
	for rows.Next() {
		var r annotate.Relation
		if err := scanRelation(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func int64s(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// loadSchema reads the stored schema.
func loadSchema(ctx context.Context, q queryer) (*annotate.Schema, error) {
	var b string
	if err := q.QueryRowContext(ctx, `SELECT json FROM schema WHERE id = 1`).Scan(&b); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return &annotate.Schema{}, nil
		}
		return nil, err
	}
	var s annotate.Schema
	if err := json.Unmarshal([]byte(b), &s); err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "the stored schema is damaged: %v", err)
	}
	return &s, nil
}

func storeSchema(ctx context.Context, tx *Tx, s *annotate.Schema) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO schema(id, json, updated) VALUES (1, ?, ?)
		ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated = excluded.updated`, string(b), tx.nowText())
	return err
}
