package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"byline/annotate"
)

// snapshot is the state an event changes, as stored in events.before and
// events.after. Undo moves a document from the after state to the before
// state; redo the other way.
type snapshot struct {
	Entity    *entityJSON       `json:"entity,omitempty"`
	Relations []relationJSON    `json:"relations,omitempty"`  // removed with the entity
	SpeakerOf []int64           `json:"speaker_of,omitempty"` // quotes the entity was speaker of
	Quote     *quoteJSON        `json:"quote,omitempty"`
	Relation  *relationJSON     `json:"relation,omitempty"`
	Status    annotate.Status   `json:"status,omitempty"`
	Text      *string           `json:"text,omitempty"`
	Debris    *[]annotate.Range `json:"debris,omitempty"`
	Link      *linkJSON         `json:"link,omitempty"`      // a mention's actor link
	Entities  []entityJSON      `json:"entities,omitempty"`  // created together ("annotate all occurrences")
	Rejection *rejectionJSON    `json:"rejection,omitempty"` // a rejected suggestion
	// What accepting suggestions changed: the quotes made (with the new
	// entities in Entities), the links made and the stored suggestions
	// dropped.
	Quotes      []quoteJSON            `json:"quotes,omitempty"`
	Links       []linkJSON             `json:"links,omitempty"`
	Suggestions []storedSuggestionJSON `json:"suggestions,omitempty"`
}

type entityJSON struct {
	ID        int64  `json:"id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Text      string `json:"text"`
	Annotator string `json:"annotator"`
	Note      string `json:"note,omitempty"`
	Created   string `json:"created"`
	Updated   string `json:"updated"`
	Actor     int64  `json:"actor,omitempty"`
}

type quoteJSON struct {
	ID        int64              `json:"id"`
	Kind      annotate.QuoteKind `json:"kind"`
	Content   []annotate.Segment `json:"content"`
	Cue       *annotate.Segment  `json:"cue,omitempty"`
	Speaker   int64              `json:"speaker,omitempty"`
	Annotator string             `json:"annotator"`
	Note      string             `json:"note,omitempty"`
	Created   string             `json:"created"`
	Updated   string             `json:"updated"`
}

type relationJSON struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Head      int64  `json:"head"`
	Tail      int64  `json:"tail"`
	Annotator string `json:"annotator"`
	Note      string `json:"note,omitempty"`
	Created   string `json:"created"`
	Updated   string `json:"updated"`
}

func entitySnap(e *annotate.Entity) *entityJSON {
	return &entityJSON{e.ID, e.Start, e.End, e.Label, e.Text, e.Annotator, e.Note,
		annotate.FormatTime(e.Created), annotate.FormatTime(e.Updated), e.ActorID}
}

func (j *entityJSON) entity(docID int64) *annotate.Entity {
	return &annotate.Entity{ID: j.ID, DocumentID: docID, Start: j.Start, End: j.End, Label: j.Label, Text: j.Text,
		Annotator: j.Annotator, Note: j.Note, Created: parseTime(j.Created), Updated: parseTime(j.Updated), ActorID: j.Actor}
}

func quoteSnap(q *annotate.Quote) *quoteJSON {
	return &quoteJSON{q.ID, q.Kind, q.Content, q.Cue, q.SpeakerID, q.Annotator, q.Note,
		annotate.FormatTime(q.Created), annotate.FormatTime(q.Updated)}
}

func (j *quoteJSON) quote(docID int64) *annotate.Quote {
	return &annotate.Quote{ID: j.ID, DocumentID: docID, Kind: j.Kind, Content: j.Content, Cue: j.Cue, SpeakerID: j.Speaker,
		Annotator: j.Annotator, Note: j.Note, Created: parseTime(j.Created), Updated: parseTime(j.Updated)}
}

func relationSnap(r *annotate.Relation) *relationJSON {
	return &relationJSON{r.ID, r.Type, r.HeadID, r.TailID, r.Annotator, r.Note,
		annotate.FormatTime(r.Created), annotate.FormatTime(r.Updated)}
}

func (j *relationJSON) relation(docID int64) *annotate.Relation {
	return &annotate.Relation{ID: j.ID, DocumentID: docID, Type: j.Type, HeadID: j.Head, TailID: j.Tail,
		Annotator: j.Annotator, Note: j.Note, Created: parseTime(j.Created), Updated: parseTime(j.Updated)}
}

func snapJSON(s *snapshot) any {
	if s == nil {
		return nil
	}
	b, _ := json.Marshal(s) // plain structs: cannot fail
	return string(b)
}

// record writes the event of a user action and drops the document's redo
// history: a new action after an undo starts a new branch.
func (tx *Tx) record(ctx context.Context, docID int64, action, summary string, before, after *snapshot) error {
	if _, err := tx.ExecContext(ctx, `UPDATE events SET discarded = 1
		WHERE document_id = ? AND undone = 1 AND discarded = 0`, docID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events(document_id, action, summary, annotator, at, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, nullID(docID), action, summary, tx.db.Annotator(), tx.nowText(),
		snapJSON(before), snapJSON(after))
	return err
}

// historyFloor is the last event undo may not cross: schema-wide changes
// (renamed or deleted labels) set it, since older states would refer to
// labels that no longer exist.
func historyFloor(ctx context.Context, q queryer) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'history_floor'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

func raiseHistoryFloor(ctx context.Context, tx *Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value)
		VALUES ('history_floor', (SELECT coalesce(max(id), 0) FROM events))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
	return err
}

const eventColumns = `id, coalesce(document_id, 0), action, summary, annotator, at, before, after, undone`

func scanEvent(sc interface{ Scan(...any) error }) (*annotate.Event, error) {
	var ev annotate.Event
	var at string
	var before, after sql.NullString
	if err := sc.Scan(&ev.ID, &ev.DocumentID, &ev.Action, &ev.Summary, &ev.Annotator, &at, &before, &after, &ev.Undone); err != nil {
		return nil, err
	}
	ev.At = parseTime(at)
	ev.Before, ev.After = rawJSON(before), rawJSON(after)
	return &ev, nil
}

func rawJSON(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return json.RawMessage("null")
	}
	return json.RawMessage(s.String)
}

// applyEvent undoes (or redoes) a recorded event: it decodes the event's
// before and after states and moves the data from one to the other. An
// error of apply comes back as a coded error naming the event; changed
// says why, for errors that carry no message of their own.
func applyEvent[S any](ev *annotate.Event, undo bool, decode func(json.RawMessage) (S, error), apply func(from, to S) error, changed string) error {
	op := "redo"
	if undo {
		op = "undo"
	}
	before, err := decode(ev.Before)
	if err != nil {
		return err
	}
	after, err := decode(ev.After)
	if err != nil {
		return err
	}
	from, to := before, after
	if undo {
		from, to = after, before
	}
	if err := apply(from, to); err != nil {
		var coded *annotate.Error
		if errors.As(err, &coded) {
			return annotate.Errorf(coded.Code, "cannot %s %q: %s", op, ev.Summary, coded.Message)
		}
		return annotate.Errorf(annotate.ECONFLICT, "cannot %s %q: %s", op, ev.Summary, changed)
	}
	return nil
}

func decodeSnap(raw json.RawMessage) (*snapshot, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	var s snapshot
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Undo reverts the document's latest action not yet undone; nil when there
// is nothing to undo. ECONFLICT when the stored data no longer allows it.
func (db *DB) Undo(ctx context.Context, docID int64) (*annotate.Event, error) {
	return db.step(ctx, docID, true)
}

// Redo re-applies the document's earliest undone action; nil when there is
// none.
func (db *DB) Redo(ctx context.Context, docID int64) (*annotate.Event, error) {
	return db.step(ctx, docID, false)
}

func (db *DB) step(ctx context.Context, docID int64, undo bool) (*annotate.Event, error) {
	op := "redo"
	if undo {
		op = "undo"
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	floor, err := historyFloor(ctx, tx)
	if err != nil {
		return nil, db.fail(op, err)
	}
	query := `SELECT ` + eventColumns + ` FROM events
		WHERE document_id = ? AND undone = 1 AND discarded = 0 AND id > ? ORDER BY id LIMIT 1`
	if undo {
		query = `SELECT ` + eventColumns + ` FROM events
			WHERE document_id = ? AND undone = 0 AND id > ? ORDER BY id DESC LIMIT 1`
	}
	return stepEvent(ctx, tx, op, tx.QueryRowContext(ctx, query, docID, floor), undo, decodeSnap,
		func(from, to *snapshot) error { return tx.transition(ctx, docID, from, to) }, "the annotations changed since")
}

// stepEvent is the common end of an undo or redo: it applies the event
// found by row (nil when there is none), marks it undone or not and commits.
func stepEvent[S any](ctx context.Context, tx *Tx, op string, row *sql.Row, undo bool, decode func(json.RawMessage) (S, error), apply func(from, to S) error, changed string) (*annotate.Event, error) {
	ev, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, tx.db.fail(op, err)
	}
	if err := applyEvent(ev, undo, decode, apply, changed); err != nil {
		return nil, tx.db.fail(op, err)
	}
	ev.Undone = undo
	if _, err := tx.ExecContext(ctx, `UPDATE events SET undone = ? WHERE id = ?`, undo, ev.ID); err != nil {
		return nil, tx.db.fail(op, err)
	}
	if err := tx.countNamesStep(ctx, ev.Action); err != nil {
		return nil, tx.db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return ev, nil
}

// transition moves the stored data from state from to state to.
func (tx *Tx) transition(ctx context.Context, docID int64, from, to *snapshot) error {
	if from == nil {
		from = &snapshot{}
	}
	if to == nil {
		to = &snapshot{}
	}
	// Removals first (relations before the entities they use), then
	// restorations (entities before their relations and speaker links).
	if from.Relation != nil && to.Relation == nil {
		if err := mustDelete(ctx, tx, `DELETE FROM relations WHERE id = ?`, from.Relation.ID); err != nil {
			return err
		}
	}
	if from.Quote != nil && to.Quote == nil {
		if err := mustDelete(ctx, tx, `DELETE FROM quotes WHERE id = ?`, from.Quote.ID); err != nil {
			return err
		}
	}
	if len(from.Quotes) > 0 && len(to.Quotes) == 0 {
		for _, q := range from.Quotes {
			if err := mustDelete(ctx, tx, `DELETE FROM quotes WHERE id = ?`, q.ID); err != nil {
				return err
			}
		}
	}
	if len(from.Entities) > 0 && len(to.Entities) == 0 {
		for _, e := range from.Entities {
			if err := mustDelete(ctx, tx, `DELETE FROM entities WHERE id = ?`, e.ID); err != nil {
				return err
			}
		}
	}
	if from.Entity != nil && to.Entity == nil {
		// Cascades to its relations; its speaker links are cleared.
		if err := mustDelete(ctx, tx, `DELETE FROM entities WHERE id = ?`, from.Entity.ID); err != nil {
			return err
		}
	}
	if e := to.Entity; e != nil {
		if from.Entity == nil {
			if err := insertEntity(ctx, tx, e.entity(docID)); err != nil {
				return err
			}
		} else if err := mustDelete(ctx, tx, `UPDATE entities SET label = ?, note = ?, annotator = ?, updated = ? WHERE id = ?`,
			e.Label, e.Note, e.Annotator, e.Updated, e.ID); err != nil {
			return err
		}
		for i := range to.Relations {
			if err := insertRelation(ctx, tx, to.Relations[i].relation(docID)); err != nil {
				return err
			}
		}
		for _, qid := range to.SpeakerOf {
			if err := mustDelete(ctx, tx, `UPDATE quotes SET speaker_id = ? WHERE id = ?`, e.ID, qid); err != nil {
				return err
			}
		}
	}
	if q := to.Quote; q != nil {
		var err error
		if from.Quote == nil {
			err = insertQuote(ctx, tx, q.quote(docID))
		} else {
			err = updateQuoteRow(ctx, tx, q.quote(docID))
		}
		if err != nil {
			return err
		}
	}
	if r := to.Relation; r != nil {
		var err error
		if from.Relation == nil {
			err = insertRelation(ctx, tx, r.relation(docID))
		} else {
			err = mustDelete(ctx, tx, `UPDATE relations SET type = ?, head_id = ?, tail_id = ?, note = ?, annotator = ?, updated = ?
				WHERE id = ?`, r.Type, r.Head, r.Tail, r.Note, r.Annotator, r.Updated, r.ID)
		}
		if err != nil {
			return err
		}
	}
	if len(to.Entities) > 0 && len(from.Entities) == 0 {
		for i := range to.Entities {
			if err := insertEntity(ctx, tx, to.Entities[i].entity(docID)); err != nil {
				return err
			}
		}
	}
	if len(to.Quotes) > 0 && len(from.Quotes) == 0 {
		for i := range to.Quotes {
			if err := insertQuote(ctx, tx, to.Quotes[i].quote(docID)); err != nil {
				return err
			}
		}
	}
	if err := tx.moveRejection(ctx, docID, from.Rejection, to.Rejection); err != nil {
		return err
	}
	if err := tx.moveSuggestions(ctx, docID, from.Suggestions, to.Suggestions); err != nil {
		return err
	}
	links := to.Links
	if to.Link != nil {
		links = append(links, *to.Link)
	}
	for _, l := range links {
		if err := mustDelete(ctx, tx, `UPDATE entities SET actor_id = ? WHERE id = ?`, nullID(l.Actor), l.Entity); err != nil {
			return err
		}
	}
	if to.Status != "" {
		if err := mustDelete(ctx, tx, `UPDATE documents SET status = ? WHERE id = ?`, string(to.Status), docID); err != nil {
			return err
		}
	}
	if to.Text != nil {
		return tx.setText(ctx, docID, *to.Text, derefRanges(to.Debris))
	}
	return nil
}

func derefRanges(r *[]annotate.Range) []annotate.Range {
	if r == nil {
		return nil
	}
	return *r
}

// mustDelete runs a statement that has to change exactly one row.
func mustDelete(ctx context.Context, tx *Tx, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return annotate.Errorf(annotate.ECONFLICT, "the annotation it changed is gone")
	}
	return nil
}

// History returns the document's latest events, newest first.
func (db *DB) History(ctx context.Context, docID int64, limit int) ([]annotate.Event, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.rdb.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE document_id = ?
		ORDER BY id DESC LIMIT ?`, docID, limit)
	if err != nil {
		return nil, db.fail("read the history", err)
	}
	defer rows.Close()
	var out []annotate.Event
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return nil, db.fail("read the history", err)
		}
		out = append(out, *ev)
	}
	return out, db.fail("read the history", rows.Err())
}
